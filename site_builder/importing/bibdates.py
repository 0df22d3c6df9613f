"""A .bib entry's date, as precise as the entry gives it and never more.

`year` (`2019`, `{2019a}`), `month` (`jun`, `June`, `6`, `Jun.`), `day`, and biblatex's `date`
in the forms exports really hold: `2019-06-03`, `2019-06`, `2019/06/03/online`, `2017 Apr`,
`2020 Dec 3`, `Dec 2020`, `3 December 2020`, ranges `2019-06-03/2019-06-05` (their start).
When `date` and `year` disagree, BibTeX's `year` wins and the review says so. An entry with no
usable date gets a best guess (`guessed_date`), never left out.
"""

from __future__ import annotations

import datetime as dt
import re

from site_builder.text import dates

_WORDS = re.compile(r"[A-Za-z]+|\d+")


def entry_date(fields: dict[str, str]) -> tuple[dt.date, str, str] | str:
    """(first day, precision, a note for the review or "") or the reason there is no date."""
    from_date = dates.date_in_words(fields["date"]) if fields.get("date", "").strip() else None
    from_fields = _from_fields(fields)
    if isinstance(from_fields, str) and from_date is None:
        if fields.get("date", "").strip():
            return f"a `date` {fields['date'].strip()!r} that is not a date"
        return from_fields
    if from_date is None:
        assert not isinstance(from_fields, str)
        note = f"its `date` {fields['date'].strip()!r} is not a date; `year` and `month` were used" if fields.get("date") else ""
        month = fields.get("month", "").strip()
        if month and month_of(month) is None:
            note = "; ".join(filter(None, [note, f"its `month` {month!r} is not a month; only the year was kept"]))
        return (*from_fields, note)
    if isinstance(from_fields, str) or from_fields[0].year == from_date[0].year:
        best = from_date
        if not isinstance(from_fields, str) and dates.more_precise(from_fields[1], from_date[1]):
            best = from_fields
        return (*best, "")
    return (*from_fields, f"its `date` ({fields['date'].strip()}) and `year` ({from_fields[0].year}) disagree; `year` was used")


def _from_fields(fields: dict[str, str]) -> tuple[dt.date, str] | str:
    year_text = fields.get("year", "").strip()
    if not year_text:
        return "no `year`"
    match = re.search(r"\d{4}", year_text)
    if match is None or not dates.MIN_YEAR <= int(match.group()) <= dates.MAX_YEAR:
        return f"a `year` {year_text!r} that is not a year"
    year = int(match.group())
    month = month_of(fields.get("month", ""))
    if month is None:
        return dt.date(year, 1, 1), dates.YEAR
    day_text = fields.get("day", "").strip()
    if day_text.isdigit():
        try:
            return dt.date(year, month, int(day_text)), dates.DAY
        except ValueError:
            pass
    # `month = jun # "~3"` or `{June 3}`: a day written beside the month
    day = next((int(w) for w in _WORDS.findall(fields.get("month", "")) if w.isdigit() and 1 <= int(w) <= 31 and int(w) != month), None)
    if day is not None and not fields.get("month", "").strip().isdigit() and not _MONTH_RANGE.fullmatch(fields.get("month", "")):
        try:
            return dt.date(year, month, day), dates.DAY
        except ValueError:
            pass
    return dt.date(year, month, 1), dates.MONTH


_MONTH_RANGE = re.compile(r"\s*(\d{1,2})\s*(?:-{1,2}|–|/)\s*\d{1,2}\s*")
"""A range of months in numbers (`1-2`, `11--12`, a bimonthly issue's): its first month."""


def month_of(text: str) -> int | None:
    """The month a `month` field names: `jun`, `June`, `Jun.`, `6`, a range's first (`11--12`)."""
    ranged = _MONTH_RANGE.fullmatch(text)
    if ranged and 1 <= int(ranged.group(1)) <= 12:
        return int(ranged.group(1))
    words = _WORDS.findall(text)
    for word in words:
        if word.isdigit():
            if 1 <= int(word) <= 12 and len(words) == 1:
                return int(word)
            continue
        number = dates.month_number(word)
        if number:
            return number
    return None


_ARXIV_NEW = re.compile(r"(\d{2})(\d{2})\.\d{4,5}(?:v\d+)?")
_ARXIV_OLD = re.compile(r"[a-z][a-z-]*(?:\.[A-Za-z-]+)?/(\d{2})(\d{2})\d{3}(?:v\d+)?")
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_FIELDS_NAMING_A_YEAR = (
    "date", "booktitle", "eventtitle", "journal", "journaltitle", "series", "note", "howpublished", "pubstate", "addendum",
)  # fmt: skip
"""Where an entry without a year often names one: a biblatex `date` in a form no export
writes but the standard allows (`2022-21`, spring 2022; `2022~`, about 2022), `ICML 2024`,
`Proceedings of the 2019 Conference`, `to appear in 2025`."""


def guessed_date(fields: dict[str, str], arxiv: str, as_of: dt.date, reason: str) -> tuple[dt.date, str, str]:
    """A best guess for an entry with no usable date (`reason` says why), with the review note
    that says what it was: its arXiv id's month, else a year its venue or note names, else the
    year of the import (an entry `in press` or `submitted` is most likely of this year)."""
    month = arxiv_month(arxiv)
    if month is not None:
        return month, dates.MONTH, f"it has {reason}: its arXiv id's month ({arxiv}) was taken"
    for name in _FIELDS_NAMING_A_YEAR:
        years = [int(y) for y in _YEAR_IN_TEXT.findall(fields.get(name, "")) if int(y) <= as_of.year + 2]
        if years:
            return dt.date(years[0], 1, 1), dates.YEAR, f"it has {reason}: the year its `{name}` names ({years[0]}) was taken"
    return dt.date(as_of.year, 1, 1), dates.YEAR, f"it has {reason}: the year of the import ({as_of.year}) was taken"


def arxiv_month(arxiv: str) -> dt.date | None:
    """The month an arXiv id was given in (`2301.12345`: January 2023; `hep-th/9901001`: January 1999)."""
    new, old = _ARXIV_NEW.fullmatch(arxiv or ""), _ARXIV_OLD.fullmatch(arxiv or "")
    if new is None and old is None:
        return None
    yy, mm = (int(g) for g in (new or old).groups())
    year = 2000 + yy if new or yy < 91 else 1900 + yy
    return dt.date(year, mm, 1) if 1 <= mm <= 12 else None


_STATUS_WORDS = re.compile(
    r"(forthcoming|in\s*press|to\s+appear|accepted|submitted|under\s+review|in\s+review|in\s+preparation|under\s+revision"
    r"|revise\s+and\s+resubmit|r\s*&\s*r|prepublished)\b[^,;]*",
    re.I,
)
_PUBSTATE = {
    "inpress": "In press", "forthcoming": "Forthcoming", "submitted": "Submitted", "inpreparation": "In preparation",
    "prepublished": "Pre-published",
}  # fmt: skip
"""biblatex's own `pubstate` keys, as its English strings print them."""


def publication_status(fields: dict[str, str]) -> str:
    """Where a paper stands when the entry says it instead of a year (`year = {forthcoming}`,
    `{In press}`, `{to appear}`) or in biblatex's `pubstate`: the words, for the paper's note
    (the date an import then guesses says nothing of it); "" when neither does."""
    state = " ".join(fields.get("pubstate", "").split())
    if state.casefold() == "prepublished" and fields.get("eprint", "").strip():
        return ""  # Better BibTeX's word for every preprint: its e-print id says it already
    if state:
        return _PUBSTATE.get(state.casefold().replace(" ", ""), state[:1].upper() + state[1:])
    year = " ".join(fields.get("year", "").replace("{", "").replace("}", "").split())
    found = _STATUS_WORDS.match(year) if year and not _YEAR_IN_TEXT.fullmatch(year) else None
    return (found.group(0)[:1].upper() + found.group(0)[1:]).strip() if found else ""
