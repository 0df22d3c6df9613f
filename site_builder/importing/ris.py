"""A RIS file (EndNote's, Zotero's, Mendeley's and the publishers' other export) read as the
BibTeX it stands for, so that one reader makes papers of both.

Each record becomes one BibTeX entry on the line where the record starts (`TY  - JOUR`), so
that what the import says of an entry names the record's own line. Values are RIS's plain
text, escaped as the site's own BibTeX export escapes them, which reads back as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from site_builder.citations.bibtex import escape
from site_builder.importing.zoteroextra import read_extra_for_one_line
from site_builder.text.identifiers import is_valid_bibtex_key
from site_builder.text.names import looks_like_organisation

_TAG = re.compile(r"^([A-Z][A-Z0-9])  ?-(?: (.*))?$")
_TYPES = {
    "JOUR": "article", "JFULL": "article", "EJOUR": "article", "MGZN": "article", "NEWS": "article",
    "CONF": "inproceedings", "CPAPER": "inproceedings", "BOOK": "book", "EBOOK": "book", "EDBOOK": "book",
    "CHAP": "incollection", "ECHAP": "incollection", "THES": "phdthesis", "RPRT": "techreport", "PAT": "patent",
}  # fmt: skip
"""RIS's reference types -> BibTeX's (any other is `@misc`: `GEN`, `ELEC`, `UNPB`, `DATA`…)."""
_SINGLE = {
    "TI": "title", "T1": "title", "CT": "title", "AB": "abstract", "N2": "abstract", "VL": "volume", "IS": "number",
    "DO": "doi", "PB": "publisher", "CY": "address", "T3": "series", "ET": "edition", "ID": "key",
}  # fmt: skip
"""Tags whose first value is the field's."""
_VENUES = ("JF", "JO", "T2", "BT", "C3", "J2", "JA", "J1")
"""Tags that name where a paper appeared, the fullest first (`JA` and `J2` are abbreviations)."""
_DATE = re.compile(r"(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2}))?)?")


def ris_entries(lines: list[str], keyless: str) -> Iterator[tuple[int, str]]:
    """(line number, BibTeX entry) of each record of a RIS file's `lines`, numbered from 0 by
    its first line; one without an `ID` that is a key has `keyless` and its line's number for key."""
    for start, tags in _records(lines):
        yield start, _entry(tags, f"{keyless}{start + 1}")


def _records(lines: list[str]):
    """(line number of `TY`, [(tag, value)…]) for each record; a line without a tag goes on the
    value before it (an abstract wrapped by its exporter)."""
    start, tags = -1, []
    for n, line in enumerate(lines):
        found = _TAG.match(line.rstrip())
        if found and found.group(1) == "TY":
            start, tags = n, [("TY", (found.group(2) or "").strip())]
        elif start < 0:
            continue
        elif found and found.group(1) == "ER":
            yield start, tags
            start = -1
        elif found:
            tags.append((found.group(1), (found.group(2) or "").strip()))
        elif line.strip() and tags:
            tag, value = tags[-1]
            tags[-1] = (tag, f"{value} {line.strip()}")
    if start >= 0:  # the last record without its `ER`
        yield start, tags


def _entry(tags: list[tuple[str, str]], keyless: str) -> str:
    kind = _TYPES.get(tags[0][1].upper(), "misc")
    values = tag_values(tags[1:])
    fields: dict[str, str] = {}
    for tag, name in _SINGLE.items():
        if tag in values and name not in fields:
            fields[name] = values[tag][0]
    venue = next((values[tag][0] for tag in _VENUES if tag in values), "")
    if kind == "book" and "title" not in fields and venue:
        fields["title"] = venue
    elif venue:
        fields["journal" if kind == "article" else "booktitle"] = venue
    fields |= _date(values) | _pages(values) | _addresses(values) | _notes(values)
    if "SN" in values:
        fields["isbn" if kind in ("book", "incollection") else "issn"] = values["SN"][0]
    if "KW" in values:
        fields["keywords"] = ", ".join(values["KW"])
    read_extra_for_one_line(fields)
    key = fields.pop("key", "")
    people = {"author": values.get("AU", []) + values.get("A1", []), "editor": values.get("ED", [])}
    if kind in ("incollection", "inproceedings", "book"):
        people["editor"] = people["editor"] or values.get("A2", [])
    body = [f"{name} = {{{bibtex_names(found)}}}" for name, found in people.items() if found]
    body += [f"{name} = {{{escape(value)}}}" for name, value in fields.items()]
    return f"@{kind}{{{given_key(key, keyless)}, " + ", ".join(body) + "}"


def given_key(key: str, keyless: str) -> str:
    """A record's own key when it is one a .bib can use (Zotero's, a lab's), else `keyless`: an
    id of digits alone is EndNote's record number, not a key."""
    return key if is_valid_bibtex_key(key) and "," not in key and re.search(r"[A-Za-z]", key) else keyless


def tag_values(tags: list[tuple[str, str]]) -> dict[str, list[str]]:
    """A record's values by tag, in their order, the empty ones left out: RIS's and EndNote's."""
    values: dict[str, list[str]] = {}
    for tag, value in tags:
        if value:
            values.setdefault(tag, []).append(value)
    return values


def bibtex_names(names: list[str]) -> str:
    """Names as reference managers write them (`Kowalski, Jan`, `Kowalski, J.`, an organisation)
    as a BibTeX name list: RIS's and EndNote's."""
    written = []
    for name in names:
        text = escape(" ".join(name.split()))
        written.append(f"{{{text}}}" if looks_like_organisation(name) and "," not in name else text)
    return " and ".join(written)


def _date(values: dict[str, list[str]]) -> dict[str, str]:
    """`PY  - 2021` or `2021///`, `DA  - 2021/04/15` -> year, month and day."""
    for tag in ("DA", "PY", "Y1"):  # not `Y2`: Zotero's day the record was read
        found = _DATE.match(values.get(tag, [""])[0])
        if found:
            year, month, day = found.groups()
            return {"year": year} | ({"month": str(int(month))} if month else {}) | ({"day": str(int(day))} if month and day else {})
    return {}


def _pages(values: dict[str, list[str]]) -> dict[str, str]:
    first, last = values.get("SP", [""])[0], values.get("EP", [""])[0]
    if first and last and last != first:
        return {"pages": f"{first}--{last}"}
    return {"pages": first} if first else {}


_OWN_NOTE = re.compile(r"<(?:p|div|br|h[1-6]|ul|ol|li|blockquote|span|strong|em)\b", re.I)
"""Markup that makes an `N1` a person's own note on the record, as Zotero writes its notes
(`<div data-schema-version="8"><p>Read before Friday</p></div>`)."""


def _notes(values: dict[str, list[str]]) -> dict[str, str]:
    """`N1`: the record's note, one a line; a person's own notes in their reference manager
    (Zotero's, in HTML) are BibTeX's `annote`, which no page shows."""
    notes, own = [], []
    for value in values.get("N1", []):
        (own if _OWN_NOTE.search(value) else notes).append(value)
    return ({"note": "\n".join(notes)} if notes else {}) | ({"annote": " ".join(own)} if own else {})


def _addresses(values: dict[str, list[str]]) -> dict[str, str]:
    """`UR` is the paper's address (a PDF's is its PDF); `L1` a PDF on the web, when there is one."""
    found: dict[str, str] = {}
    for url in values.get("UR", []) + values.get("L1", []) + values.get("LK", []):
        web = url.startswith(("http://", "https://"))
        if web and url.lower().endswith(".pdf"):
            found.setdefault("pdf", url)
        elif web:
            found.setdefault("url", url)
    return found
