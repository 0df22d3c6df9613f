"""Reading YAML with the line numbers that error messages need."""

from __future__ import annotations

import re
from typing import Any

import yaml

from site_builder.errors import Problems, SourceLocation

try:  # the C loader is several times faster; fall back where libyaml is missing
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, with dates left as text: `date: 2024-13-45` would otherwise end in a
    `ValueError` inside PyYAML, and the validators turn text into dates with a line to point at."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.MULTILINE)
_MISSING = object()


def parse_yaml(text: str, problems: Problems, path: str, first_line: int = 1) -> Any:
    """The YAML value of `text`, or `_MISSING` after reporting a syntax error at its line."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        # The line to fix: where the parser could not go on (the problem mark), except for an
        # unclosed `[`, `{` or quote, which is wrong where it opens (the context mark); the
        # other mark is said beside it.
        unclosed = "flow" in str(exc.context or "") or "quoted" in str(exc.context or "")
        marks = [m for m in ((exc.context_mark, exc.problem_mark) if unclosed else (exc.problem_mark, exc.context_mark)) if m]
        line = first_line + (marks[0].line if marks else 0)
        problem = " ".join(str(exc.problem or "invalid YAML").split())
        if exc.context:
            problem = f"{' '.join(str(exc.context).split())}: {problem}"
        if len(marks) == 2 and marks[0].line != marks[1].line:
            problem += f" (see also line {first_line + marks[1].line})"
        problems.error(SourceLocation(path, line), f"YAML syntax error: {problem}", "check indentation, colons and quotes")
    except yaml.YAMLError as exc:
        problems.error(SourceLocation(path, first_line), f"YAML error: {exc}", "check the file's syntax")
    return _MISSING


def is_missing(value: Any) -> bool:
    return value is _MISSING


def top_key_lines(text: str, first_line: int = 1) -> dict[str, int]:
    """Line of each top-level `key:` in a block mapping, for pointing at a bad value."""
    lines: dict[str, int] = {}
    for match in _TOP_KEY.finditer(text):
        lines.setdefault(match.group(1), first_line + text.count("\n", 0, match.start()))
    return lines


def list_item_lines(text: str, first_line: int = 1) -> list[int]:
    """Line of each top-level `- ` item of a block sequence."""
    return [first_line + i for i, line in enumerate(text.splitlines()) if line.startswith("- ") or line == "-"]
