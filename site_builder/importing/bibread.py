"""Reading a `.bib` file the way BibTeX reads it: its text in the encoding it was written in,
entries with their fields, `@string` macros and `#` concatenation expanded, `crossref` parents'
fields inherited.

`%` comments are read as comments, between entries and between fields, as LaTeX editors and
al-folio read them. What BibTeX accepts with a warning is accepted here with one: a field
repeated inside an entry keeps its first value; a key used twice keeps both entries (the second
loses the key). The slips of a file written by hand where BibTeX stops are read as meant, with
a warning: a comma missing between fields or after the key, a brace left open or lost, an entry
without a key. Only an entry whose braces still cannot be read is left out, with a warning;
reading starts again at the next entry, so one unclosed brace never costs the entries after it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from site_builder.errors import Problems, SourceLocation

MONTH_MACROS = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
    "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
}  # fmt: skip
FLAG_FIELDS = frozenset({"selected", "bibtex_show"})
"""al-folio's yes/no fields, often written as a bare word (`selected = true`): BibTeX would read
an undefined macro, the site reads the flag, so no warning."""
_FLAG_WORDS = frozenset({"true", "false", "yes", "no"})
CONTAINER_TYPES = frozenset({"proceedings", "collection", "periodical", "mvproceedings", "mvcollection", "mvbook"})
_INHERITED = (
    "booktitle", "year", "month", "date", "publisher", "editor", "journal", "journaltitle", "school",
    "institution", "organization", "address", "series", "volume", "isbn", "eventtitle",
)  # fmt: skip
_COMMENT_SYNTAX = re.compile(r'\\.|[{}"%]', re.DOTALL)
_ENTRY_START = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)


def without_comments(text: str) -> str:
    """The text without its `%` comments (to the end of the line, the line itself kept, so line
    numbers stay), between entries and between the fields of one (`selected = {true}, %
    shown on the home page`, a field commented out), as LaTeX editors and al-folio's reader
    take them. A `%` inside a value (`{50% off}`, `"a%20b"`) or escaped (`\\%`) is text."""
    kept: list[str] = []
    depth, quoted, start = 0, False, 0
    for token in _COMMENT_SYNTAX.finditer(text):
        char = token.group()
        if token.start() < start or char[0] == "\\":
            continue  # inside a comment already, or an escaped character
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif char == '"' and depth == 1:
            quoted = not quoted
        elif char == "%" and depth <= 1 and not quoted:
            end = text.find("\n", token.start())
            kept.append(text[start : token.start()])
            start = len(text) if end < 0 else end
    kept.append(text[start:])
    return "".join(kept)


@dataclass
class RawEntry:
    """One entry: its type (lower case), key, line, and fields by lower-case name (raw LaTeX)."""

    entry_type: str
    key: str
    line: int
    fields: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    """What was odd about the entry, for the paper's `review`."""


def read_bibliography(files: list[tuple[str, str]], problems: Problems, unreadable: list[str]) -> list[list[RawEntry]]:
    """The entries of several .bib texts (by the name shown for each) read as one bibliography,
    as BibTeX reads `\\bibliography{IEEEabrv,refs}`: a macro that a file uses without defining
    it comes from the others (IEEE's and the AAS's abbreviation files are kept apart from the
    papers), and a `crossref` may name an entry of another file. Entries by file, in order."""
    import bibtexparser  # imported late: only BibTeX import needs it

    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # every problem is reported below
    prepared = [_with_keys(without_comments(text)) for _, text in files]
    libraries = [bibtexparser.parse_string(text, parse_stack=[]) for text in prepared]
    defined = [_string_definitions(library) for library in libraries]
    silent = _silent_commands(libraries)
    read = []
    for n, ((shown, _), library) in enumerate(zip(files, libraries, strict=True)):
        read.append(_entries(library, prepared[n], problems, shown, unreadable, _macros_of_others(defined, n)))
        if silent:
            for entry in read[-1]:
                entry.fields = {name: silent.sub("", value) for name, value in entry.fields.items()}
    _inherit_crossrefs([(shown, entries) for (shown, _), entries in zip(files, read, strict=True)], problems)
    return read


_KEYLESS = re.compile(r"(@\s*(?!(?:string|preamble|comment)\b)[A-Za-z]+\s*\{)(?=\s*[A-Za-z][\w-]*\s*=)", re.I)
"""An entry that starts with a field, its key forgotten (`@article{ title = {…},`)."""
_NO_KEY = "site-builder-no-key-"
KEYLESS = "site-builder-keyless-"
"""The start of the key a format without keys (RIS, a CSV table) gives its entries written as
BibTeX (`ris`, `csvtable`): no key, and nothing to say of it."""


_KEY_WITHOUT_COMMA = re.compile(r"(@\s*(?!(?:string|preamble|comment)\b)[A-Za-z]+\s*\{\s*[^\s,{}=()\"#%']+)(?=\s+[A-Za-z][\w-]*\s*=)", re.I)
"""A key without the comma after it (`@article{lee2020` then `title = …`)."""
_COMMA_ADDED = "__site-builder-comma-added"


def _with_keys(text: str) -> str:
    """The text with a stand-in key where an entry has none, and the comma after a key where it
    is missing, so that the entry's fields are read (BibTeX would stop at either); `_entries`
    says so, and gives a paper without a key one of its own."""
    if "=" not in text:
        return text
    found = iter(range(1, 1_000_000))
    text = _KEYLESS.sub(lambda m: f"{m.group(1)}{_NO_KEY}{next(found)},", text)
    return _KEY_WITHOUT_COMMA.sub(lambda m: f"{m.group(1)}{_COMMA_ADDED},", text)


_EMPTY_DEFINITION = re.compile(
    r"\\(?:(?:(?:re)?newcommand|providecommand)\*?\s*\{?\s*\\([A-Za-z]+)\s*\}?\s*(?:\[\s*(\d)\s*\])?|def\s*\\([A-Za-z]+)\s*((?:#\d)*))\s*\{\s*\}"
)
"""A command the `@preamble` defines to print nothing: `\\newcommand{\\noopsort}[1]{}`, `\\def\\sortas#1{}`."""
_ARGUMENT = r"\s*\{(?:[^{}]|\{[^{}]*\})*\}"


def _silent_commands(libraries) -> re.Pattern | None:
    """The uses of the commands the files' `@preamble`s define to print nothing, with their
    arguments (BibTeX's way to sort `{\\noopsort{Vries}}{de Vries}, Jan` under V): taken out
    of the fields, as LaTeX prints them. The usual names are known anyway (`latex_commands`)."""
    uses = []
    for library in libraries:
        for preamble in library.preambles:
            for found in _EMPTY_DEFINITION.finditer(str(preamble.value)):
                name = found.group(1) or found.group(3)
                arity = int(found.group(2) or 0) if found.group(1) else len(found.group(4) or "") // 2
                uses.append(rf"\\{name}(?![A-Za-z]){_ARGUMENT * arity}")
    return re.compile("|".join(uses)) if uses else None


def _string_definitions(library) -> dict[str, str]:
    from bibtexparser.model import String

    macros = dict(MONTH_MACROS)
    for block in library.blocks:
        if isinstance(block, String):
            macros[block.key.lower()] = _evaluate(str(block.value), macros)[0]
    return macros


def _macros_of_others(defined: list[dict[str, str]], n: int) -> dict[str, str]:
    """What the files other than the `n`th define: those given before it win, the nearest last
    (BibTeX's reading order); those after it, which BibTeX would not have read yet, only fill in."""
    macros: dict[str, str] = {}
    for later in reversed(defined[n + 1 :]):
        macros.update(later)
    for earlier in defined[:n]:
        macros.update(earlier)
    return macros


def _entries(library, text: str, problems: Problems, shown: str, unreadable: list[str], borrowed: dict[str, str]) -> list[RawEntry]:
    from bibtexparser.model import DuplicateFieldKeyBlock, Entry, ParsingFailedBlock, String

    macros = {**borrowed, **MONTH_MACROS}
    entries: list[RawEntry] = []
    keys: dict[str, int] = {}
    for block in library.blocks:
        line = block.start_line + 1
        where = SourceLocation(shown, line)
        if isinstance(block, String):
            macros[block.key.lower()] = _evaluate(str(block.value), macros)[0]
            continue
        repaired = None
        if isinstance(block, ParsingFailedBlock) and block.ignore_error_block is None:
            # The parser starts again at the next `@type{` line, so an unclosed brace costs
            # only its own entry, never the entries after it; and a value whose brace is not
            # closed before the next field is closed where its line ends.
            repaired = _with_braces_closed(_failed_entry_text(library.blocks, block, text))
            if repaired is None and _ENTRY_START.match(block.raw):
                problems.warning(where, "this entry cannot be read and is left out", "check its braces, quotes and commas")
                unreadable.append(str(where))
            if repaired is None:
                continue
            problems.warning(
                where, f"entry {repaired.key!r}: a brace is missing: read as if it were there", "check the braces of its fields"
            )
        entry = repaired or (block.ignore_error_block if isinstance(block, (DuplicateFieldKeyBlock, ParsingFailedBlock)) else block)
        if not isinstance(entry, Entry):
            continue
        raw = RawEntry(entry.entry_type.lower(), entry.key, line)
        if repaired is not None:
            raw.notes.append("a brace was missing in the .bib: the import put it where the line suggests")
        if raw.key.endswith(_COMMA_ADDED):
            raw.key = raw.key.removesuffix(_COMMA_ADDED)
            problems.warning(where, f"entry {raw.key!r}: the comma after its key is missing: read as if it were there", "add the comma")
            raw.notes.append("the comma after its key was missing in the .bib")
        if raw.key.startswith(KEYLESS):
            raw.key = ""
        elif raw.key.startswith(_NO_KEY) or not raw.key.strip():
            problems.warning(where, "this entry has no key: it is imported with a key of its own", "write a key after `{`")
            raw.notes.append("the .bib entry has no key")
            raw.key = ""
        unknown: list[str] = []
        for name, value in _fields(entry, raw, problems, where):
            if name in raw.fields:
                problems.warning(
                    where, f"entry {entry.key!r} gives `{name}` twice: the first is kept, as BibTeX does", "remove the repeated field"
                )
                raw.notes.append(f"`{name}` was given twice in the .bib; the first value was kept")
                continue
            raw.fields[name], missing = _evaluate(value, macros)
            if name in FLAG_FIELDS and len(missing) == 1 and missing[0].lower() in _FLAG_WORDS:
                missing = []
            unknown += missing
        for macro in unknown:
            if macro[0].isdigit():  # `year = 2021a`: no number, and no macro can start with a digit
                problems.warning(
                    where, f"entry {entry.key!r}: `{macro}` is no number, so it needs braces: read as its text", f"write {{{macro}}}"
                )
                continue
            problems.warning(where, f"entry {entry.key!r} uses the undefined macro {macro!r}", f"define it with @string{{{macro} = ...}}")
            raw.notes.append(f"it uses the macro `{macro}`, which the .bib does not define: its name stands in its place")
        if raw.key and raw.key.casefold() in keys:  # entries without a key have one each, of their own
            problems.warning(
                where,
                f"key {raw.key!r} is also used on line {keys[raw.key.casefold()]}: this entry is imported with a new key",
                "give each entry its own key",
            )
            raw.notes.append(f"its key {raw.key!r} was also used by another entry of the .bib")
            raw.key = ""
        elif raw.key:
            keys[raw.key.casefold()] = line
        entries.append(raw)
    return entries


_FIELD_LINE = re.compile(r"\s*[A-Za-z][\w:-]*\s*=")


def _failed_entry_text(blocks: list, failed, text: str) -> str:
    """The text of an entry the parser gave up on, to the line before the next entry: the
    parser's own copy stops where it gave up."""
    later = [b.start_line for b in blocks if b.start_line > failed.start_line and _ENTRY_START.match(b.raw or "")]
    lines = text.split("\n")
    return "\n".join(lines[failed.start_line : min(later, default=len(lines))]).rstrip()


_OPENING_MISSING = re.compile(r"(\s*[A-Za-z][\w:-]*\s*=\s*)([^{}\"\s\d#][^{}\"]*)\}(\s*,?\s*)")
"""A field whose value lost its opening brace: `author = Lee, Ann and Chen, Bo},`."""


def _with_braces_closed(raw: str):
    """The entry `raw` read with each value whose brace is not closed when the next line starts
    a field or ends the entry (`title = {Unclosed,` then `author = …`) closed at the end of its
    line, and each value that lost its opening brace (`author = Lee, Ann},`) given it; None
    when that does not make it an entry."""
    import bibtexparser
    from bibtexparser.model import Entry

    if not _ENTRY_START.match(raw):
        return None
    lines = [_OPENING_MISSING.sub(r"\1{\2}\3", line) if _OPENING_MISSING.fullmatch(line) else line for line in raw.split("\n")]
    depth, changed = 0, lines != raw.split("\n")
    for n, line in enumerate(lines):
        depth += line.count("{") - line.count("}")
        if depth > 1 and n + 1 < len(lines) and (_FIELD_LINE.match(lines[n + 1]) or lines[n + 1].strip() in ("}", ")")):
            body = line.rstrip()
            lines[n] = body[:-1] + "}" * (depth - 1) + "," if body.endswith(",") else body + "}" * (depth - 1) + ","
            depth, changed = 1, True
    if not changed:
        return None
    blocks = bibtexparser.parse_string("\n".join(lines), parse_stack=[]).blocks
    return blocks[0] if len(blocks) == 1 and isinstance(blocks[0], Entry) else None


_NEXT_FIELD = re.compile(r"\s*([A-Za-z][\w:-]*)\s*=\s*(.+)", re.S)


def _fields(entry, raw: RawEntry, problems: Problems, where: SourceLocation) -> list[tuple[str, str]]:
    """The entry's (name, raw value) pairs; a value that runs on into the next field for want of
    a comma (`title = {X}` then `author = {Y}` on the next line) is the two fields, said."""
    found: list[tuple[str, str]] = []
    for item in entry.fields:
        name, value = item.key.lower(), str(item.value)
        while (end := _value_end(value)) is not None and (more := _NEXT_FIELD.fullmatch(value[end:])):
            problems.warning(
                where, f"entry {entry.key!r}: a comma is missing before `{more.group(1)}`: read as if it were there", "add the comma"
            )
            raw.notes.append(f"a comma was missing before `{more.group(1)}` in the .bib")
            found.append((name, value[:end]))
            name, value = more.group(1).lower(), more.group(2).rstrip()
        found.append((name, value))
    return found


def _value_end(value: str) -> int | None:
    """Where a braced or quoted value that something follows ends; None for one that runs to its
    end, a number or macro, or one joined with `#`."""
    text = value.lstrip()
    offset = len(value) - len(text)
    if not text or text[0] not in '{"':
        return None
    depth, closing = 0, "}" if text[0] == "{" else '"'
    for index, char in enumerate(text):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        if (closing == "}" and depth == 0) or (closing == '"' and char == '"' and index > 0 and depth == 0):
            rest = text[index + 1 :]
            return offset + index + 1 if rest.strip() and not rest.lstrip().startswith("#") else None
    return None


def _inherit_crossrefs(files: list[tuple[str, list[RawEntry]]], problems: Problems) -> None:
    """Each entry with a `crossref` gets the fields its parent has and it lacks; the parent is
    looked for in the entry's own file first, then in the others."""
    everywhere: dict[str, RawEntry] = {}
    for _, entries in reversed(files):
        everywhere.update((e.key.casefold(), e) for e in reversed(entries) if e.key)
    for shown, entries in files:
        own = {e.key.casefold(): e for e in entries if e.key}
        for entry in entries:
            parent_key = entry.fields.get("crossref", "").strip()
            if not parent_key:
                continue
            parent = own.get(parent_key.casefold()) or everywhere.get(parent_key.casefold())
            if parent is None:
                looked_in = "this file" if len(files) == 1 else "the .bib files"
                problems.warning(
                    SourceLocation(shown, entry.line),
                    f"crossref {parent_key!r} names no entry in {looked_in}: imported without its fields",
                    "add that entry or remove the crossref",
                )
                entry.notes.append(f"its crossref {parent_key!r} was not in the .bib")
                continue
            for name in _INHERITED:
                if name in parent.fields and name not in entry.fields:
                    entry.fields[name] = parent.fields[name]
            if "booktitle" not in entry.fields and "title" in parent.fields and parent.entry_type in CONTAINER_TYPES:
                entry.fields["booktitle"] = parent.fields["title"]


def _evaluate(value: str, macros: dict[str, str]) -> tuple[str, list[str]]:
    """A raw field value -> its text: `{…}` and `"…"` unwrapped, numbers kept, macros expanded,
    pieces joined by `#`. Also the names of undefined macros (kept as written, as a warning)."""
    text, unknown = [], []
    for part in _concatenated(value):
        part = part.strip()
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            text.append(part[1:-1])
        elif part.isdigit() or not part:
            text.append(part)
        elif part.lower() in macros:
            text.append(macros[part.lower()])
        else:
            unknown.append(part)
            text.append(part)
    return "".join(text), unknown


def _concatenated(value: str) -> list[str]:
    """`jan # { 15}` -> [`jan`, `{ 15}`]: `#` at brace depth 0, outside quotes."""
    parts, depth, quoted, current = [], 0, False, []
    for char in value:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        if char == "#" and depth == 0 and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    return [*parts, "".join(current)]
