"""Reading YAML with the line numbers that error messages need."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from site_builder.errors import Problems, SourceLocation
from site_builder.text.latex import decode_characters, is_known_command

try:  # the C loader is several times faster; fall back where libyaml is missing
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _Tangled(Exception):
    """A document the direct construction leaves to PyYAML's own: a shared or recursive node
    (an alias), a merge key, a key that is not text, a tag or a value it cannot construct."""


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, with dates left as text: `date: 2024-13-45` would otherwise end in a
    `ValueError` inside PyYAML, and the validators turn text into dates with a line to point at.

    Plain documents (mappings with text keys, lists, scalars), which every paper file is, are
    built straight from the parser's nodes, without the state generators and the memo per node
    of PyYAML's general construction. Anything else goes through PyYAML's, which also raises
    its errors; a property test holds both to the same values."""

    folded_items: list[tuple[int, int, str]]
    """Plain list items that run over several lines, (first line, last line, value): where an
    item indented further than the one before it was read as part of it."""
    double_quoted: list[tuple[int, int, int]]
    """Double-quoted values, (start, end, line): where YAML's escapes may have read LaTeX."""
    repeated_keys: list[tuple[str, int, int]]
    """Keys written twice in one mapping, (key, first line, line again): YAML keeps the last
    value without a word. A warning, not an error: a setting added again at the end of
    `site.yaml` to change it is a way people work."""

    def construct_document(self, node):
        self.folded_items, self.double_quoted, self.repeated_keys = [], [], []
        try:
            data = self._direct(node, set())
        except Exception:  # _Tangled, or a value PyYAML rejects: its construction says why
            self.constructed_objects, self.recursive_objects, self.state_generators = {}, {}, []
            return super().construct_document(node)
        self.constructed_objects, self.recursive_objects, self.deep_construct = {}, {}, False
        return data

    def _direct(self, node, seen: set[int]):
        kind, tag = type(node), node.tag
        if kind is yaml.ScalarNode:
            if node.style == '"':
                self.double_quoted.append((node.start_mark.index, node.end_mark.index, node.start_mark.line))
            return node.value if tag == _STR else self.construct_object(node, deep=True)
        if id(node) in seen:
            raise _Tangled
        seen.add(id(node))
        if kind is yaml.SequenceNode and tag == _SEQ:
            for item in node.value:
                if type(item) is yaml.ScalarNode and not item.style and item.start_mark.line != item.end_mark.line:
                    self.folded_items.append((item.start_mark.line, item.end_mark.line, item.value))
            return [self._direct(item, seen) for item in node.value]
        if kind is yaml.MappingNode and tag == _MAP:
            mapping, lines = {}, {}
            for key, value in node.value:
                if type(key) is not yaml.ScalarNode or key.tag != _STR:
                    raise _Tangled
                if key.value in lines:
                    self.repeated_keys.append((key.value, lines[key.value], key.start_mark.line))
                lines[key.value] = key.start_mark.line
                mapping[key.value] = self._direct(value, seen)
            return mapping
        raise _Tangled


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.MULTILINE)
_MISSING = object()


def parse_yaml(text: str, problems: Problems, path: str, first_line: int = 1) -> Any:
    """The YAML value of `text`, or `_MISSING` after reporting a syntax error at its line."""
    try:
        loader = _Loader(text)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
        _report_joined_items(text, getattr(loader, "folded_items", ()), problems, path, first_line)
        for key, first, again in getattr(loader, "repeated_keys", ()):
            problems.warning(
                SourceLocation(path, first_line + again),
                f"`{key}` is written twice (line {first_line + first} and here): this value is used, the first is not",
                "keep one of the two lines, with what both should say",
            )
        _report_escaped_latex(text, getattr(loader, "double_quoted", ()), problems, path, first_line)
        return data
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
        at, fix = syntax_fix(text, line - first_line, problem)
        problems.error(SourceLocation(path, first_line + at), f"YAML syntax error: {problem}", fix)
    except yaml.YAMLError as exc:
        problems.error(SourceLocation(path, first_line), f"YAML error: {exc}", "check the file's syntax")
    except (ValueError, TypeError, KeyError, RecursionError) as exc:  # PyYAML's own, for a tagged value it cannot make (`!!int abc`)
        problems.error(SourceLocation(path, first_line), f"YAML error: a value cannot be read: {exc}", "check the values tagged with `!!`")
    return _MISSING


def _report_joined_items(text: str, folded: Any, problems: Problems, path: str, first_line: int) -> None:
    """A list item indented further than the one before it (`- Ann Lee` then `   - Bo Chen`) is,
    to YAML, the rest of that item: one author `Ann Lee - Bo Chen`. Said at the line to fix."""
    if not folded:
        return
    lines = text.splitlines()
    for start, end, value in folded:
        joined = next((n for n in range(start + 1, min(end, len(lines) - 1) + 1) if re.match(r"\s*- \S", lines[n])), None)
        if joined is not None:
            problems.error(
                SourceLocation(path, first_line + joined),
                f"this list item is indented further than the one before it, so YAML reads the two as one: {value!r}",
                "start its `- ` where the item before it starts",
            )


_QUOTED_ESCAPE = re.compile(
    r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|(?P<letter>[abtnvfreNLP])(?P<rest>[A-Za-z]*)|.)", re.DOTALL
)
"""An escape in a double-quoted YAML value; `letter`: one of YAML's that LaTeX's commands start
with (`\\t` a tab, `\\a` a bell, `\\n` a new line), with the letters after it."""


def _report_escaped_latex(text: str, quoted: Any, problems: Problems, path: str, first_line: int) -> None:
    """`title: "\\textbf{Fast} $\\alpha$-Nets"` or `"Schr\\"odinger"` is valid YAML, read as a tab,
    a bell and a quote mark: the LaTeX a person copied is lost without a word. Said once per
    line, with the line to write: LaTeX's letters as the letters, the rest in single quotes,
    where a backslash is itself."""
    by_line: dict[int, list[tuple[str, str, str]]] = {}
    for start, end, line in quoted:
        if "\\" in text[start:end]:
            found, meant = _escaped_latex(text[start + 1 : end - 1])
            if found:
                by_line.setdefault(line, []).append((found, text[start:end], meant))
    lines = text.splitlines() if by_line else []  # every file is read through here: most have nothing to say
    for line, values in by_line.items():
        found = values[0][0]
        fix = "write the value in single quotes, where a backslash is itself and a `'` is written twice"
        if not any("\n" in written for _, written, _ in values):
            fixed = lines[line]
            for _, written, meant in values:
                fixed = fixed.replace(written, "'" + decode_characters(meant).replace("'", "''") + "'", 1)
            fix = f"in single quotes a backslash is itself: write `{fixed.strip()}`"
        what = _ESCAPES_READ.get(found[1], "a character of its own")
        problems.error(SourceLocation(path, first_line + line), f"`{found}` in double quotes: YAML reads `{found[:2]}` as {what}", fix)


_ESCAPES_READ = {
    "a": "a bell character", "b": "a backspace", "t": "a tab", "n": "a new line", "v": "a vertical tab", "f": "a form feed",
    "r": "a carriage return", "e": "an escape character", '"': "a quote mark",
}  # fmt: skip


def _escaped_latex(raw: str) -> tuple[str, str]:
    """The first LaTeX in a double-quoted value (`raw`, without its quotes) that YAML's escapes
    change (`\\textbf`, `\\v{`, an umlaut between letters: `Schr\\"o`, `M{\\"u}`), and the value
    as written with that LaTeX kept; ("", "") when there is none."""
    found, meant, at = "", [], 0
    for match in _QUOTED_ESCAPE.finditer(raw):
        meant.append(raw[at : match.start()])
        at = match.end()
        name, before, after = (match["letter"] or "") + (match["rest"] or ""), raw[match.start() - 1 : match.start()], raw[at : at + 1]
        if name and (is_known_command(name) if len(name) > 1 else after == "{"):
            found = found or "\\" + name + ("{" if len(name) == 1 else "")
            meant.append(match.group())
        elif match.group() == '\\"' and (before.isalpha() or before == "{") and after.isalpha():
            found = found or '\\"' + after
            meant.append(match.group())
        else:  # YAML's own escape, meant as one: the character it stands for
            meant.append(yaml.load(f'"{match.group()[:2] if name else match.group()}"', Loader=_BaseLoader) + (match["rest"] or ""))
    meant.append(raw[at:])
    return (found, "".join(meant)) if found else ("", "")


_KEY_LINE = re.compile(r"^(\s*)([A-Za-z_][\w-]*)\s*:(?:\s+(.*))?$")


def syntax_fix(text: str, index: int, problem: str) -> tuple[int, str]:
    """The line (counted from 0) a person should fix for a YAML syntax error PyYAML found at line
    `index`, and how: the usual slips by name (a value with `: ` in it, a key without its colon
    or indented by mistake, a tab, an unclosed list or quote), else the general advice."""
    lines = text.splitlines()
    here = lines[index] if 0 <= index < len(lines) else ""
    letters = _with_latex_decoded(here)
    if letters:
        return index, f"YAML reads `{{`, `}}` and `\\` in its own way: write the letters themselves: `{letters.strip()}`"
    if "mapping values are not allowed" in problem:
        found = _KEY_LINE.match(here)
        before = next((n for n in range(index - 1, -1, -1) if lines[n].strip()), None)
        if found and ": " in (found.group(3) or "") + " ":
            key, value = found.group(2), found.group(3)
            return index, f"a value with `: ` in it must be in quotes: `{key}: {json.dumps(value, ensure_ascii=False)}`"
        parent = _KEY_LINE.match(lines[before]) if before is not None else None
        if found and parent and len(found.group(1)) > len(parent.group(1)) and parent.group(3):
            return index, f"`{found.group(2)}:` is indented as if it belonged to the line before: start it where the other keys start"
        if before is not None and ":" not in lines[before] and not lines[before].lstrip().startswith(("-", "#")):
            word = lines[before].split()[0]
            return before, f"this line has no `:` after its key: write `{word}: {lines[before].strip()[len(word) :].strip()}`"
    if "tab character" in problem or ("cannot start any token" in problem and "\t" in here):
        return index, "indent with spaces, not tabs"  # libyaml's message names no tab
    if "flow sequence" in problem:
        return index, "end the list with `]` on the line it starts, its items separated by commas: `[First Name, Second Name]`"
    if "quoted scalar" in problem:
        return index, "close the quote at the end of the value"
    return index, "check indentation, colons and quotes"


def _with_latex_decoded(line: str) -> str | None:
    """`authors: [Paul Erd\\H{o}s]`, as a `.bib` writes names, with its letters (`Erdős`) and
    without BibTeX's protective braces, if YAML reads that line."""
    decoded = decode_characters(line)
    if decoded == line:
        return None
    for candidate in (decoded, decoded.replace("{", "").replace("}", "")):
        try:
            yaml.load(candidate, Loader=_BaseLoader)
        except yaml.YAMLError:
            continue
        return candidate
    return None


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
