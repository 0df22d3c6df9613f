"""Raw listing text -> entries with their line numbers. Syntax only: no names, no dates.

A listing holds three lines a paper, as exported from a publication profile:

    CVMay 3, 2022Code                      category code, date, optional Code flag
                                           (a code may also be whole: `eess.IV`, `quant-ph`)
    Lite Pose: ...EstimationYihan Wang, Muyang Li, Han Cai et al. · mit
    Pose estimation plays a critical role ...
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import Problems, SourceLocation
from site_builder.importing.bibtitle import html_title
from site_builder.importing.textfile import decoded_text, utf16_text
from site_builder.text import dates
from site_builder.text.arxiv_categories import category_name, full_code
from site_builder.text.latex import decode_characters
from site_builder.text.names import ET_AL as NAMES_ET_AL
from site_builder.text.names import MARK_LOOKALIKES, NAME_MARKS

MAX_LINE_CHARS = 100_000
"""Longer lines are not a listing (an abstract is a few thousand characters at most)."""


_CATEGORY_CODE = r"(?P<category>(?:[a-z][a-z-]*\.)?[A-Z]+?|[a-z][a-z-]*(?:\.[a-z][a-z-]*)?)"
_CATEGORY = _CATEGORY_CODE + r"?(?:\s*[·•|]\s*|\s?)"  # `CV · May 3, 2022`, as some pages set them apart
_CODE = r"(?:\s?(?P<code>Code))?"
"""The profile's flag for a paper with code, glued to the date or after a space."""
_ORDINAL = r"(?:st|nd|rd|th)?"
"""`May 3rd`, `3rd of May`: a day as people write it."""
_NUMBERS_HEADER = re.compile(_CATEGORY + r"(?P<numbers>\d{1,2}(?P<sep>[/.])\d{1,2}(?P=sep)\d{4})" + _CODE)
_YEAR_HEADER = re.compile(_CATEGORY_CODE + r"\s?(?P<year>\d{4})" + _CODE)
"""The year alone after an arXiv category (`CV2019`): after any other capitals it is a venue
(`ICML 2024`), which a paper without an abstract can have on the abstract's line."""
# Loose on purpose: a line that is almost a header is reported precisely instead of skipped.
_HEADERS = (
    re.compile(
        _CATEGORY + r"(?P<month>[A-Z][a-z]+)\.?(?:\s*(?P<day>\d{1,2})(?!\d)" + _ORDINAL + r")?(?:,?\s*(?P<year>\d{4}))?(?<=\d)" + _CODE
    ),
    re.compile(_CATEGORY + r"(?P<day>\d{1,2})" + _ORDINAL + r"\s?(?:of\s)?(?P<month>[A-Z][a-z]+)\.?,?\s*(?P<year>\d{4})" + _CODE),
    re.compile(_CATEGORY + r"(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?:(?P=sep)(?P<day>\d{1,2}))?" + _CODE),
    re.compile(_CATEGORY + rf"(?P<ago>{dates.RELATIVE.pattern})" + _CODE),
    _NUMBERS_HEADER,
    _YEAR_HEADER,
)
"""`CVMay 3, 2022Code`, and what other exports write: `CV May 3, 2022`, `CV · May 3, 2022`, `CVMay 3 2022`,
`CVMay 2022` for a paper whose day is not known, the day first (`CV3 May 2022`), either with
the day's ordinal (`CVMay 3rd, 2022`, `CV3rd of May 2022`), the year first (ISO's `CV2022-05-03`,
`CV2022/05/03`, `CV2022.05.03`), a recent paper's `CV3 days ago` or `CVyesterday`, numbers alone
(`CV03/15/2022`, `CV15.03.2022`) and the year alone (`CV2019`, as profiles show old papers).
The category is not always there, for a paper the profile files under none (`May 3, 2022`);
a year alone needs an arXiv category (an abstract's line can be `2019` or `ICML 2024`)."""


@dataclass(frozen=True, slots=True)
class _Header:
    category: str
    month: str
    """As written: a name (`May`) or a number (`05`); empty for a relative date."""
    day: int | None
    year: int | None
    code: bool
    ago: str
    """A relative date as written (`3 days ago`), else empty."""
    numbers: str = ""
    """A date in numbers alone as written (`03/04/2022`), else empty: its order is the listing's."""


def _header(line: str) -> _Header | None:
    """The line's header parts, or None. A header without a category must start with a month
    (`May 3, 2022`), a day (`3 May 2022`), a year (`2022-05-03`) or a count (`3 days ago`), or an
    abstract's `Results 2019` or a title's `Yesterday` would be one."""
    for pattern in _HEADERS:
        found = pattern.fullmatch(line.strip())
        if found is not None and not (pattern is _YEAR_HEADER and category_name(found["category"]) is None):
            break
    else:
        shouted = _in_capitals(line.strip())
        return _header(shouted) if shouted else None
    parts = found.groupdict()
    if parts["category"] is None:
        if parts.get("month") and _month_number(parts["month"]) is None:
            return None
        if parts.get("ago") and not parts["ago"][0].isdigit():
            return None
    return _Header(
        category=parts["category"] or "",
        month=parts.get("month") or "",
        day=int(parts["day"]) if parts.get("day") else None,
        year=int(parts["year"]) if parts.get("year") else None,
        code=bool(parts["code"]),
        ago=" ".join((parts.get("ago") or "").split()),
        numbers=parts.get("numbers") or "",
    )


_CAPITAL_MONTH = re.compile(r"(?:JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC)(?=[\s\d.,])")
_CAPITAL_CODE = re.compile(r"(?<=\d)\s?CODE$")


def _in_capitals(line: str) -> str | None:
    """A header a page set in capitals (`CVMAY 3, 2022CODE`, `CS.CVMAY 3, 2022`, copied from a
    style that shouts) as the export writes it (`CVMay 3, 2022Code`, `cs.CVMay 3, 2022`); None
    for a line that is not all capitals, has no month or no arXiv category before it (a shouted
    line of an abstract, `RESULTS MAY 2019`)."""
    month = _CAPITAL_MONTH.search(line)
    if line != line.upper() or month is None:
        return None
    shouted = re.match(r"[^\d\s·•|]*", line[: month.start()]).group()  # `CV` of `CV3 MAY 2022` too
    if "." in shouted or "-" in shouted:  # an archive in its small letters: `cs.CV`, `physics.optics`, `hep-th`
        category = full_code(shouted) or (shouted.lower() if category_name(shouted.lower()) else None)
    else:
        category = shouted if not shouted or category_name(shouted) else None
    if category is None:
        return None
    rest = line[len(shouted) : month.start()] + month.group().capitalize() + line[month.end() :]
    return category + _CAPITAL_CODE.sub(lambda m: m.group().replace("CODE", "Code"), rest)


def _day_first(lines: list[str]) -> bool | None:
    """Whether the listing's dates in numbers put the day first (`15/03/2022`, `15.03.2022`),
    the month first (`03/15/2022`), or None when none of them shows it."""
    votes = {True: 0, False: 0}
    for line in lines:
        found = _NUMBERS_HEADER.fullmatch(line.strip())  # no other header form can be one
        if found is not None:
            first, separator, second, _ = dates.numbered_date(found["numbers"])
            shown = dates.day_first_shown(first, separator, second)
            if shown is not None:
                votes[shown] += 1
    return None if votes[True] == votes[False] else votes[True] > votes[False]


def _numbered_date(numbers: str, day_first: bool | None) -> tuple[int, int, int, str]:
    """(year, month, day, what to say) of `03/04/2022`: the order a number above 12 or dots
    show, else the listing's, else month first, said as a guess."""
    first, separator, second, year = dates.numbered_date(numbers)
    shown = dates.day_first_shown(first, separator, second)
    order = day_first if shown is None else shown
    if order:
        return year, second, first, ""
    if order is False or first == second:
        return year, first, second, ""
    guess = f"the listing's `{numbers}` is read month first ({calendar.month_name[first]} {second}); nothing in it shows the order"
    return year, first, second, guess


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
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(location, f"cannot read the listing: {exc.strerror}", "check the path")
        return None
    if not data.strip():
        problems.error(location, "the listing is empty", "export the publication list again")
        return None
    wide = utf16_text(data)
    if wide is not None:
        return wide
    if b"\0" in data[:8192]:
        problems.error(location, "this is a binary file, not a text listing", "pass the exported .txt file")
        return None
    return decoded_text(data, shown_as, problems, "the listing")


def parse_listing(text: str, problems: Problems, shown_as: str) -> list[Entry]:
    """Every well-formed entry; each malformed one is reported with its line number."""
    lines = [line.rstrip() for line in text.lstrip("\ufeff").splitlines()]
    day_first = _day_first(lines)
    first = next((n for n, line in enumerate(lines) if line.strip() and _header(line)), len(lines))
    above = [line for line in lines[:first] if line.strip()]  # one or two: a heading or an export's note
    last = max((n for n, line in enumerate(lines) if line.strip() and _header(line)), default=-1)
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
        header = _header(line)
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
        if not line.strip() or _header(line):
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
    while index < len(lines) and not _header(lines[index]):
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
        if not following or _header(following):
            return index + step
    return index + 3


def _make_entry(header, number, byline, abstract, problems, shown_as, byline_number, day_first) -> Entry | None:
    where = SourceLocation(shown_as, number)
    ok = True
    year, day, date_note = header.year, header.day, ""
    if header.numbers:
        year, month, day, date_note = _numbered_date(header.numbers, day_first)
        if not 1 <= month <= 12:
            problems.error(where, f"{header.numbers!r} is not a date", "write it as the profile does, like `May 3, 2022`")
            ok = False
    else:
        month = _month_number(header.month)
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


def _month_number(written: str) -> int | None:
    """`May`, `Sept` or `05` -> 5; None for no month."""
    if written.isdigit():
        return int(written) if 1 <= int(written) <= 12 else None
    return dates.MONTHS.get(written.lower())


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
