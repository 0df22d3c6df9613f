"""Problems that carry a `path:line`, collected so a user sees all of them at once."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, order=True)
class SourceLocation:
    """Where a problem is: a file and, when known, a 1-based line number."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, said the way a user can act on it."""

    location: SourceLocation
    message: str
    hint: str = ""
    severity: str = "error"  # "error" aborts; "warning" is reported and work goes on

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class SiteError(Exception):
    """Raised once, after collecting, when the input has errors; carries every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_problem_order)
        super().__init__("\n".join(str(p) for p in self.problems))


def _problem_order(problem: Problem) -> tuple:
    return (problem.location.path, problem.location.line or 0, problem.message)


@dataclass
class Problems:
    """A collector: report every problem, then abort once with `raise_if_errors()`."""

    items: list[Problem] = field(default_factory=list)

    def error(self, location: SourceLocation, message: str, hint: str = "") -> None:
        self.items.append(Problem(location, message, hint, "error"))

    def warning(self, location: SourceLocation, message: str, hint: str = "") -> None:
        self.items.append(Problem(location, message, hint, "warning"))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return sorted((p for p in self.items if p.severity == "warning"), key=_problem_order)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise SiteError(self.errors)
