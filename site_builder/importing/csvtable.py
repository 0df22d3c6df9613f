"""A table of papers saved as CSV read as the BibTeX it stands for, so that one reader makes
papers of it, each row's entry on the row's own line.

Google Scholar exports a profile so (`citations.csv`: `Authors,Title,Publication,Volume,Number,
Pages,Year,Publisher`), as do Publish or Perish (`Cites,Authors,Title,Year,Source,Publisher,
ArticleURL,…`, Scholar's names as `K He, X Zhang…`), Scopus (`Authors,Author full names,…,Source title,…`) and Zotero
(`Item Type,Publication Year,Author,Title,Publication Title,…`), and labs keep their papers in a
spreadsheet. Columns are known by their names in any case; names that are no paper's (`Cited
by`, `ISSN`) are left. A row names its authors as the table does (`Lee, Ann; Kim, Bo`, `A. Lee,
B. Kim`); the .bib reader reads the list and says what it guessed. With no type column, a venue
that says it is a conference's is `@inproceedings`, an arXiv preprint `@misc`, anything else
`@article`, as Scholar's own BibTeX export has it. Columns are separated by commas, or by
semicolons or tabs as spreadsheets save them in some countries.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from site_builder.citations.bibtex import escape
from site_builder.site.venues import is_conference

_COLUMNS = {
    "title": ("title", "paper title", "document title", "article title"),
    "author": ("author full names", "authors", "author", "author(s)", "creators"),
    "year": ("year", "publication year", "pub year"),
    "date": ("date", "publication date"),
    "venue": (
        "publication", "source title", "publication title", "proceedings title", "journal", "venue", "conference",
        "conference name", "booktitle", "published in", "source",
    ),
    "volume": ("volume",),
    "number": ("number", "issue", "no."),
    "pages": ("pages", "page range"),
    "articleno": ("art. no.", "article number"),
    "first page": ("page start", "start page", "startpage"),
    "last page": ("page end", "end page", "endpage"),
    "doi": ("doi",),
    "url": ("url", "link", "articleurl"),
    "full text": ("fulltexturl",),
    "abstract": ("abstract", "abstract note"),
    "publisher": ("publisher",),
    "type": ("type", "document type", "item type", "publication type"),
    "pdf": ("pdf",),
    "code": ("code", "github"),
    "note": ("note", "notes"),
    "keywords": ("keywords", "author keywords", "manual tags"),
}  # fmt: skip
"""Our field -> the column names that hold it, the best first."""
_TYPES = (
    (re.compile(r"conference|proceedings|inproceedings|paper in", re.I), "inproceedings"),
    (re.compile(r"chapter|book ?section|incollection", re.I), "incollection"),
    (re.compile(r"^(?:e?book|edited book)$", re.I), "book"),
    (re.compile(r"thesis|dissertation", re.I), "phdthesis"),
    (re.compile(r"report", re.I), "techreport"),
    (re.compile(r"preprint|working paper|manuscript", re.I), "misc"),
    (re.compile(r"article|journal|review|letter", re.I), "article"),
)
_INITIALS = re.compile(r"(?:[^\W\d_]\.?-?){1,3}")
"""A name's initials as Scholar writes them (`K`, `JW`, `J.-W.`)."""
_LAST_AND = re.compile(r",?\s+(?:and|&)\s+", re.IGNORECASE)
_AUTHOR_ID = re.compile(r"\s*\(\d+\)")
"""Scopus's author id after a full name: `Kowalski, Jan (57201234567)`."""


def columns_of(header: list[str]) -> dict[str, int]:
    """Our field -> its column's number, for the columns a paper table has; {} when the table
    has no title column or nothing beside it that tells a paper (authors, a year)."""
    named = {" ".join(cell.strip().lstrip("\ufeff").lower().split()): n for n, cell in enumerate(header)}
    found = {field: named[name] for field, names in _COLUMNS.items() for name in names[::-1] if name in named}
    return found if "title" in found and ("author" in found or "year" in found) else {}


def is_scholar_table(text: str) -> bool:
    """Whether the table is Google Scholar's export of a profile, by its header."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip().casefold()
    return first == "authors,title,publication,volume,number,pages,year,publisher"


def is_paper_table(text: str) -> bool:
    return _delimiter(text) is not None


def _delimiter(text: str) -> str | None:
    """The character that separates the table's columns: `,`, or `;` as Excel saves CSV where a
    comma is the decimal mark, or a tab; None when no header of a paper table is found."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    for delimiter in (",", ";", "\t"):
        header = next(csv.reader(io.StringIO(first), delimiter=delimiter), [])
        if len(header) >= 3 and columns_of(header):
            return delimiter
    return None


def table_entries(lines: list[str], keyless: str) -> Iterator[tuple[int, str]]:
    """(line number, BibTeX entry) of each row of a paper table's `lines`, numbered from 0 by
    the line its row starts; its key `keyless` and the line's number."""
    text = "\n".join(lines)
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text) or ",")
    columns: dict[str, int] = {}
    start = 1
    for row in reader:
        if not columns:
            columns = columns_of(row)
        elif any(cell.strip() for cell in row):
            values = {field: row[n].strip() for field, n in columns.items() if n < len(row) and row[n].strip()}
            yield start - 1, _entry(values, f"{keyless}{start}")
        start = reader.line_num + 1


def _entry(values: dict[str, str], key: str) -> str:
    venue = values.pop("venue", "")
    full_text = values.pop("full text", "")
    if full_text.lower().endswith(".pdf") and "pdf" not in values:
        values["pdf"] = full_text
    kind = _kind(values.pop("type", ""), venue)
    first, last = values.pop("first page", ""), values.pop("last page", "")
    if first and "pages" not in values:
        values["pages"] = f"{first}--{last}" if last and last != first else first
    if venue:
        values["booktitle" if kind in ("inproceedings", "incollection") else "journal"] = venue
    body = [f"{name} = {{{escape(value)}}}" for name, value in values.items() if name != "author"]
    if values.get("author"):
        body.insert(0, f"author = {{{_authors(values['author'])}}}")
    return f"@{kind}{{{key}, " + ", ".join(body) + "}"


def _kind(written: str, venue: str) -> str:
    for pattern, kind in _TYPES:
        if written and pattern.search(written):
            return kind
    if venue.lower().startswith("arxiv"):
        return "misc"
    return "inproceedings" if is_conference(venue) else "article"


def _authors(text: str) -> str:
    """`Lee, Ann; Kim, Bo; ` (Scholar, Zotero, Scopus's full names) as BibTeX's `Lee, Ann and Kim,
    Bo`; a list written otherwise (`A. Lee, B. Kim`) as it is, for the .bib reader to read."""
    text = _AUTHOR_ID.sub("", text)
    if ";" in text:
        return " and ".join(escape(" ".join(name.split())) for name in text.split(";") if name.strip())
    names = [" ".join(name.split()) for name in text.split(",")]
    if len(names) > 1 and all(map(_initials_first, names)):  # Scholar's `K He, X Zhang` (`…` at the end: et al.)
        return " and ".join(escape(name) for name in names)
    if "," in text:  # `A. Lee, B. Kim and C. Wei`: one separator throughout, which the reader reads
        text = _LAST_AND.sub(", ", text)
    return escape(" ".join(text.split()))


def _initials_first(name: str) -> bool:
    """Whether `name` is a whole name as Scholar writes one, initials first (`K He`, `JW O'Neil`):
    in a list of such names separated by commas each comma parts two people. `Smith, John` or
    `García Márquez, Gabriel` (one person, family name first) is no such list."""
    words = name.split()
    if len(words) < 2 or len(words[-1]) < 2:
        return False
    return bool(_INITIALS.fullmatch(words[0])) and words[0].isupper() and words[-1][0].isupper()
