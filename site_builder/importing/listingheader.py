"""A listing's header line (`CVMay 3, 2022Code`): its category, its date as written, its
`Code` flag, in every form exports and copied pages write them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from site_builder.text import dates
from site_builder.text.arxiv_categories import category_name, full_code

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
class Header:
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


def read_header(line: str) -> Header | None:
    """The line's header parts, or None. A header without a category must start with a month
    (`May 3, 2022`), a day (`3 May 2022`), a year (`2022-05-03`) or a count (`3 days ago`), or an
    abstract's `Results 2019` or a title's `Yesterday` would be one."""
    for pattern in _HEADERS:
        found = pattern.fullmatch(line.strip())
        if found is not None and not (pattern is _YEAR_HEADER and category_name(found["category"]) is None):
            break
    else:
        shouted = _in_capitals(line.strip())
        return read_header(shouted) if shouted else None
    parts = found.groupdict()
    if parts["category"] is None:
        if parts.get("month") and month_number(parts["month"]) is None:
            return None
        if parts.get("ago") and not parts["ago"][0].isdigit():
            return None
    return Header(
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


def day_first_in(lines: list[str]) -> bool | None:
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


def numbered_date(numbers: str, day_first: bool | None) -> tuple[int, int, int, str]:
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


def month_number(written: str) -> int | None:
    """`May`, `Sept` or `05` -> 5; None for no month."""
    if written.isdigit():
        return int(written) if 1 <= int(written) <= 12 else None
    return dates.MONTHS.get(written.lower())
