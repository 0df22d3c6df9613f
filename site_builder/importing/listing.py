"""Raw listing text -> entries with their line numbers. Syntax only: no names, no dates.

A listing holds three lines a paper, as exported from a publication profile:

    CVMay 3, 2022Code                      category code, date, optional Code flag
                                           (a code may also be whole: `eess.IV`, `quant-ph`)
    Lite Pose: ...EstimationYihan Wang, Muyang Li, Han Cai et al. · mit
    Pose estimation plays a critical role ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import Problems, SourceLocation
from site_builder.importing.bibtitle import html_title
from site_builder.importing.listingheader import day_first_in, month_number, numbered_date, read_header
from site_builder.importing.sniff import file_format, json_trouble, unread_format
from site_builder.importing.textfile import exported_text
from site_builder.text.latex import decode_characters
from site_builder.text.names import ET_AL as NAMES_ET_AL
from site_builder.text.names import MARK_LOOKALIKES, NAME_MARKS

MAX_LINE_CHARS = 100_000
"""Longer lines are not a listing (an abstract is a few thousand characters at most)."""


_ORG = re.compile(rf"^(?P<rest>(?:.*\b{NAMES_ET_AL})|.*?)\s+·\s+(?P<org>.+?)$")
"""` · org` after the authors: after `et al.` when the byline has it, else after the first
` · `; a second ` · ` is part of the org (`· ETH Zürich · Google`)."""
ET_AL = re.compile(rf"^(?P<rest>.*?),?\s+{NAMES_ET_AL}$")
_NAME_MARKS = re.compile(rf"(?<=[^\W\d_]{{2}})[{re.escape(NAME_MARKS)}]+$")
"""Marks after an author's name (`Ann Lee*`): after two letters at least, so `C#` stays."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One paper's three lines, split into their syntactic parts."""

    line: int
    """Line number of the header line (1-based)."""
    category: str
    month: int | None
    """None for a relative date (`ago`) or a year alone."""
    day: int | None
    """None when the listing gives only the month and year."""
    year: int | None
    """None when the listing left the year out (it means the year of the export)."""
    code: bool
    byline: str
    """Title glued to the authors, without ` et al.`, ` · org` and the marks after names."""
    et_al: bool
    org: str
    abstract: str
    marks: tuple[tuple[str, str], ...] = ()
    """(the byline's comma-separated part a mark followed, the marks): `Ann Lee*` -> `Ann Lee`, `*`."""
    ago: str = ""
    """A date relative to the export, as written (`3 days ago`), else empty."""
    date_note: str = ""
    """What the import guessed of the date, for the paper's `review` (`03/04/2022` read month first)."""


def read_listing_text(path: Path, problems: Problems, shown_as: str) -> str | None:
    """The listing's text, or None after reporting why it cannot be read as one."""
    location = SourceLocation(shown_as)
    text = exported_text(
        path, shown_as, problems, "the listing", ("this is a binary file, not a text listing", "pass the exported .txt file")
    )
    if text is not None and not text.strip():
        problems.error(location, "the listing is empty", "export the publication list again")
        return None
    return text if text is None or _is_listing(text, location, problems) else None


_FORMAT_NAMES = {
    "bibtex": "a BibTeX file", "ris": "a RIS file", "medline": "a PubMed (MEDLINE) file", "endnote": "an EndNote file",
    "csv": "a table of papers (CSV)", "csl": "a CSL-JSON file",
}  # fmt: skip


def _is_listing(text: str, location: SourceLocation, problems: Problems) -> bool:
    """Whether `text` may be a listing; a file of a reference format is said to be one."""
    trouble = json_trouble(text, location.path)
    if trouble is not None:
        problems.error(*trouble)
        return False
    unread = unread_format(text)
    if unread is not None:
        problems.error(location, f"this is {unread[0]}, not a listing, and the import does not read it", f"{unread[1]}; then import that")
        return False
    found = file_format(text)
    if found != "listing":
        named = _FORMAT_NAMES[found]
        problems.error(
            location, f"this is {named}, not a listing", f"import it as one: `site-builder import {location.path} --format bibtex`"
        )
        return False
    return True


def parse_listing(text: str, problems: Problems, shown_as: str) -> list[Entry]:
    """Every well-formed entry; each malformed one is reported with its line number."""
    lines = [line.rstrip() for line in text.lstrip("\ufeff").splitlines()]
    day_first = day_first_in(lines)
    headed = [n for n, line in enumerate(lines) if line.strip() and read_header(line)]
    first, last = (headed[0], headed[-1]) if headed else (len(lines), -1)
    above = [line for line in lines[:first] if line.strip()]  # one or two: a heading or an export's note
    below = [line for line in lines[last + 4 :] if line.strip()] if last >= 0 else []  # a page's `Load more`
    entries: list[Entry] = []
    index = 0
    while index < len(lines):
        number = index + 1
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        where = SourceLocation(shown_as, number)
        if len(line) > MAX_LINE_CHARS:
            problems.error(where, f"line is {len(line):,} characters long", "this does not look like a listing")
            index = _after_broken_header(lines, index)
            continue
        header = read_header(line)
        if header is None:
            fix = "each paper takes three lines: category+date, title+authors, abstract"
            if index < first < len(lines) and len(above) <= 2:
                fix = f"the first paper starts at line {first + 1}: delete the lines above it, a heading or an export's note"
            elif index > last >= 0 and len(below) <= 2:
                fix = f"the last paper starts at line {last + 1}: delete the lines after it, words copied from the page (`Load more`)"
            problems.error(where, f"expected a category and date like `CVMay 3, 2022Code`, found {_quote(line)}", fix)
            index = _after_broken_header(lines, index)
            continue
        body = _entry_body(lines, index + 1)
        if not body:
            problems.error(
                where,
                "the entry is missing its title/author line and abstract",
                "each paper takes three lines: category+date, title+authors, abstract",
            )
            index += 1
            continue
        if len(body) == 1:  # a paper without an abstract: the next line is blank or a header
            problems.warning(where, "the entry has no abstract: imported without one", "add it in the paper's file if it has one")
            body.append((body[0][0], ""))
        (byline_index, byline), (abstract_index, abstract) = body
        more, index = _abstract_goes_on(lines, abstract_index + 1)
        if more:
            problems.warning(
                SourceLocation(shown_as, abstract_index + 1),
                f"the abstract goes on over {len(more)} more line(s) before the next entry: taken as part of it",
                "check the abstract in the paper's file",
            )
            abstract = _joined(abstract, more)
        entry = _make_entry(header, number, byline, abstract, problems, shown_as, byline_index + 1, day_first)
        if entry is not None:
            entries.append(entry)
    if not entries and not problems.errors:
        problems.error(SourceLocation(shown_as), "the listing has no entries", "export the publication list again")
    return entries


def _entry_body(lines: list[str], start: int) -> list[tuple[int, str]]:
    """The next two lines of an entry, stopping early at a blank line or the next header."""
    body: list[tuple[int, str]] = []
    index = start
    while index < len(lines) and len(body) < 2:
        line = lines[index]
        if not line.strip() or read_header(line):
            break
        body.append((index, line.strip()))
        index += 1
    return body


_DATED = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*(?:\d{1,2}\b|\d{4})")
"""A date as a header writes it, in a line that may be a header the export mangled."""
_SENTENCE_END = re.compile(r"[.!?:;)\]\"'”’]$")


def _abstract_goes_on(lines: list[str], start: int) -> tuple[list[tuple[bool, str]], int]:
    """The lines after an abstract up to the next header, when they are more of it: (after a
    blank line, text) each, and where the next entry starts. A line is more of the abstract when
    it goes on from a line cut mid-sentence (an abstract wrapped over lines) or ends a sentence
    itself (a paragraph). When one is not (a title and authors line whose header is missing:
    `…ReportOpenAI`, `… et al.`) or looks like a header the export mangled (short and dated),
    none are, and the caller reports the line: taking it in would make two papers one."""
    more: list[tuple[bool, str]] = []
    index, gap, previous = start, False, lines[start - 1].strip()
    while index < len(lines) and not read_header(lines[index]):
        line = lines[index].strip()
        if not line:
            gap = True
            index += 1
            continue
        wrapped = not gap and not _SENTENCE_END.search(previous)
        if len(line) > MAX_LINE_CHARS or (len(line) <= 80 and _DATED.search(line)) or ET_AL.match(line) or _ORG.match(line):
            return [], start
        if not (wrapped or _SENTENCE_END.search(line)):
            return [], start
        more.append((gap, line))
        gap, previous = False, line
        index += 1
    return more, (index if more else start)


def _joined(abstract: str, more: list[tuple[bool, str]]) -> str:
    """An abstract and its lines after it as one text: a wrapped line goes on after a space (or
    straight after a word the wrap hyphenated, `multi-` `modal`), a line after a blank one starts
    a paragraph."""
    text = abstract
    for gap, line in more:
        text += f"\n\n{line}" if gap else (line if re.search(r"\w-$", text) else f" {line}")
    return text


def _after_broken_header(lines: list[str], index: int) -> int:
    """Where to read on after a line that should have been a header: past the entry's two lines
    that follow it, unless a header or a blank line comes first, so that the next entry's header
    is read, and reported when it is broken too."""
    for step in (1, 2):
        following = lines[index + step].strip() if index + step < len(lines) else ""
        if not following or read_header(following):
            return index + step
    return index + 3


def _make_entry(header, number, byline, abstract, problems, shown_as, byline_number, day_first) -> Entry | None:
    where = SourceLocation(shown_as, number)
    ok = True
    year, day, date_note = header.year, header.day, ""
    if header.numbers:
        year, month, day, date_note = numbered_date(header.numbers, day_first)
        if not 1 <= month <= 12:
            problems.error(where, f"{header.numbers!r} is not a date", "write it as the profile does, like `May 3, 2022`")
            ok = False
    else:
        month = month_number(header.month)
        if month is None and not header.ago and header.month:
            fix = "use an English month name such as May or Sep, or a number from 1 to 12"
            problems.error(where, f"unknown month {header.month!r}", fix)
            ok = False
    category = header.category
    if not category:
        problems.warning(where, "no category code before the date: imported without one", "add `category:` to the paper's file if it has")
    elif len(category) < 2:
        problems.error(where, f"category code {category!r} is too short", "codes are two letters or more, like CV or LG")
        ok = False
    if max(len(byline), len(abstract)) > MAX_LINE_CHARS:
        problems.error(where, "a line of this entry is too long", "this does not look like a listing")
        ok = False
    org = ""
    if match := _ORG.match(byline):
        byline, org = match["rest"], match["org"].strip()
    et_al = False
    if match := ET_AL.match(byline):
        byline, et_al = match["rest"], True
    if not byline.strip():
        problems.error(SourceLocation(shown_as, byline_number), "the title/author line is empty", "write the title followed by the authors")
        ok = False
    # `Schr\\"odinger`, `Erd\\H{o}s`: arXiv's LaTeX; `R&amp;D`, `<i>Drosophila</i>`: a web page's
    byline, marks = _without_marks(decode_characters(html_title(byline)))
    if not ok:
        return None
    return Entry(
        line=number,
        category=category,
        month=month,
        day=day,
        year=year,
        code=header.code,
        ago=header.ago,
        date_note=date_note,
        byline=byline.strip(),
        et_al=et_al,
        org=org,
        abstract=abstract,
        marks=marks,
    )


def _without_marks(byline: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The byline without the marks after its names, and what they followed."""
    parts, marks = [], []
    for part in byline.translate(MARK_LOOKALIKES).split(", "):
        found = _NAME_MARKS.search(part)
        if found:
            part = part[: found.start()]
            marks.append((part, found.group()))
        parts.append(part)
    return ", ".join(parts), tuple(marks)


def _quote(line: str, limit: int = 60) -> str:
    shown = line if len(line) <= limit else line[: limit - 1] + "…"
    return f"`{shown}`"
