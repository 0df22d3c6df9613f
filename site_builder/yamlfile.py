"""Reading YAML with the line numbers that error messages need."""

from __future__ import annotations

import re
from typing import Any

import yaml

from site_builder.errors import Problems, SourceLocation

try:  # the C loader is several times faster; fall back where libyaml is missing
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.MULTILINE)
_MISSING = object()


def parse_yaml(text: str, problems: Problems, path: str, first_line: int = 1) -> Any:
    """The YAML value of `text`, or `_MISSING` after reporting a syntax error at its line."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        # The context mark is where the broken construct starts (an unclosed `[`, say), which is
        # the line to fix; the problem mark is where the parser gave up, often the next line.
        mark = exc.context_mark or exc.problem_mark
        line = first_line + (mark.line if mark else 0)
        problem = " ".join(str(exc.problem or "invalid YAML").split())
        if exc.context:
            problem = f"{' '.join(str(exc.context).split())}: {problem}"
        if exc.context_mark and exc.problem_mark and exc.problem_mark.line != exc.context_mark.line:
            problem += f" (noticed on line {first_line + exc.problem_mark.line})"
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
