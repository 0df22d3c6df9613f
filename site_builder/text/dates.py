"""Publication dates as precise as their source: a year, a year and month, or a day.

A paper's `date` is a `datetime.date` (its first day, for sorting and feeds) and a precision,
so `2019` is never shown or exported as "January 1, 2019". Front matter writes the date at its
precision: `date: 2019`, `date: 2019-06`, `date: 2019-06-03`.
"""

from __future__ import annotations

import datetime as dt
import re

YEAR, MONTH, DAY = "year", "month", "day"
PRECISIONS = (YEAR, MONTH, DAY)

_FORMS = (
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), DAY),
    # a moment on that day, as Hugo's and Jekyll's front matter write dates: the day as written
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})[Tt ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?"), DAY),
    (re.compile(r"(\d{4})-(\d{1,2})"), MONTH),
    (re.compile(r"(\d{4})"), YEAR),
)
MIN_YEAR, MAX_YEAR = 1000, 9999
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
"""English month names and their abbreviations, as listings and .bib files write them."""
_NUMERIC = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?!\d)")
_WORDS = re.compile(r"[A-Za-z]+|\d+")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4})")
"""`15/03/2022`, `03/15/2022`, `15.03.2022`: a date in numbers alone (`day_first_shown` reads its
order; `03/04/2022`, which could be either, gives its year alone)."""


def parse_date(value: object) -> tuple[dt.date, str] | None:
    """`2019`, `"2019-06"`, `2019-06-03` (text or a YAML date) -> (first day, precision); None
    when it is none of them or names no real day (`2024-13-45`)."""
    if isinstance(value, dt.datetime):
        return value.date(), DAY
    if isinstance(value, dt.date):
        return value, DAY
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    for pattern, precision in _FORMS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = [int(p) for p in match.groups()]
        try:
            date = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            return None
        return (date, precision) if MIN_YEAR <= date.year <= MAX_YEAR else None
    return None


def iso(date: dt.date, precision: str) -> str:
    """`2019`, `2019-06` or `2019-06-03`: ISO 8601 and a valid HTML `<time datetime>`."""
    if precision == YEAR:
        return f"{date.year:04d}"
    if precision == MONTH:
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


def front_matter_value(date: dt.date, precision: str) -> object:
    """The YAML value that reads back as this date: an int, `YYYY-MM` text or a date."""
    if precision == YEAR:
        return date.year
    if precision == MONTH:
        return iso(date, MONTH)
    return date


def long_form(date: dt.date, precision: str) -> str:
    """`2019`, `June 2019`, `June 3, 2019`."""
    if precision == YEAR:
        return str(date.year)
    if precision == MONTH:
        return f"{date:%B} {date.year}"
    return f"{date:%B} {date.day}, {date.year}"


def slashed(date: dt.date, precision: str) -> str:
    """`2019`, `2019/06`, `2019/06/03`: Google Scholar's and RIS's form."""
    return iso(date, precision).replace("-", "/")


def more_precise(first: str, second: str) -> bool:
    """Whether precision `first` says more than `second`."""
    return PRECISIONS.index(first) > PRECISIONS.index(second)


def month_number(word: str) -> int | None:
    """`June`, `jun`, `Sept` -> 6, 6, 9; longer words must be a month's whole name (`Decision` is not December)."""
    lower = word.lower()
    return MONTHS.get(lower) or (MONTHS.get(lower[:3]) if len(lower) <= 4 else None)


def numbered_date(text: str) -> tuple[int, str, int, int] | None:
    """`15/03/2022` -> (15, "/", 3, 2022): a date in numbers alone, its order not yet read."""
    found = _DAY_MONTH_YEAR.fullmatch(text.strip())
    return (int(found[1]), found[2], int(found[3]), int(found[4])) if found else None


def day_first_shown(first: int, separator: str, second: int) -> bool | None:
    """Whether a date in numbers shows its day first: dots, or a first number above 12, say the
    day is; a second number above 12 says the month is; None when either could be (`03/04/2022`)."""
    if separator == "." or first > 12:
        return True
    if second > 12:
        return False
    return None


def either_order(text: str) -> tuple[dt.date, ...]:
    """The two days a date like `03/04/2022` can be (month first, then day first); none when
    its order shows or it is no such date."""
    found = numbered_date(text)
    if found is None:
        return ()
    first, separator, second, year = found
    if first == second or min(first, second) < 1 or day_first_shown(first, separator, second) is not None:
        return ()
    return dt.date(year, first, second), dt.date(year, second, first)


def date_in_words(text: str) -> tuple[dt.date, str] | None:
    """A date as people and exports write it: `2019-06-03`, `2019/06`, `2019-06-03/2019-06-05`
    (its start), `2017 Apr`, `2020 Dec 3`, `Dec 2020`, `3 December 2020`, `15.03.2020`,
    `03/15/2020`; None when it names no year."""
    text = text.strip().split("/", 1)[0] if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?/.*", text.strip()) else text.strip()
    found = numbered_date(text)
    if found is not None:
        first, separator, second, year = found
        day_first = day_first_shown(first, separator, second)
        if day_first is not None or first == second:
            day, month = (second, first) if day_first is False else (first, second)
            try:
                return dt.date(year, month, day), DAY
            except ValueError:
                return None
    numeric = _NUMERIC.match(text)
    if numeric and not re.match(r"\d{4}\s+[A-Za-z]", text):
        year, month, day = numeric.groups()
        try:
            if day:
                return dt.date(int(year), int(month), int(day)), DAY
            if month:
                return dt.date(int(year), int(month), 1), MONTH
            return dt.date(int(year), 1, 1), YEAR
        except ValueError:
            return None
    words = _WORDS.findall(text)
    years = [int(w) for w in words if len(w) == 4 and w.isdigit()]
    if not years:
        return None
    month = next((m for m in (month_number(w) for w in words if not w.isdigit()) if m), None)
    day = next((int(w) for w in words if w.isdigit() and len(w) <= 2 and 1 <= int(w) <= 31), None)
    try:
        if month and day:
            return dt.date(years[0], month, day), DAY
        if month:
            return dt.date(years[0], month, 1), MONTH
        return dt.date(years[0], 1, 1), YEAR
    except ValueError:
        return None


RELATIVE = re.compile(
    r"(?i:(?:(?P<count>\d{1,3}|an?|one)\s?(?P<unit>s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?"
    r"|mos?|months?|y|yrs?|years?)\s+ago|(?P<word>just\s+now|now|today|yesterday|last\s+(?:week|month|year))))"
)
"""A date as a profile page shows a recent one: `3 days ago`, `2d ago`, `an hour ago`,
`yesterday`, `last month`."""
_DAYS_BACK = {"s": 0, "m": 0, "h": 0, "d": 1, "w": 7}
"""Days per unit, by the unit's first letter (`m` is minutes, as `2m ago` is; months are `mo`)."""
_WORDS_BACK = {
    "just now": (0, "d"),
    "now": (0, "d"),
    "today": (0, "d"),
    "yesterday": (1, "d"),
    "last week": (1, "w"),
    "last month": (1, "o"),
    "last year": (1, "y"),
}
"""The words' counts and units (`o`: months)."""


def counted_back(written: str, as_of: dt.date) -> tuple[dt.date, str, bool]:
    """`3 days ago` on a listing exported on `as_of` -> (the day, its precision, whether the unit
    is too coarse to be sure of it: weeks give a day within a few, months a month, years a year)."""
    found = RELATIVE.fullmatch(written.strip())
    if found is None:
        raise ValueError(f"not a relative date: {written!r}")
    word = (found["word"] or "").lower()
    if word:
        count, unit = _WORDS_BACK[" ".join(word.split())]
    else:
        digits = found["count"]
        count = int(digits) if digits.isdigit() else 1
        unit = found["unit"].lower()
        unit = "o" if unit.startswith("mo") else unit[0]  # `mo`: months; `m`: minutes
    if unit == "y":
        return dt.date(as_of.year - count, 1, 1), YEAR, True
    if unit == "o":
        months = as_of.year * 12 + as_of.month - 1 - count
        return dt.date(months // 12, months % 12 + 1, 1), MONTH, True
    return as_of - dt.timedelta(days=count * _DAYS_BACK[unit]), DAY, unit == "w"
