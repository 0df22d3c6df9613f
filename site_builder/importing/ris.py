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
    value before it, on a line of its own (an abstract wrapped by its exporter, EndNote's
    keywords one a line, a note's lines)."""
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
            tags[-1] = (tag, f"{value}\n{line.strip()}")
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
    if "C7" in values and kind == "article":
        fields["articleno"] = values["C7"][0]  # Scopus's and Web of Science's article number: the pages of one without
    if "J2" in values and venue != values["J2"][0]:
        fields["journal-iso"] = values["J2"][0]  # the abbreviation, in its own case where the venue is in capitals
    if values.get("AN", [""])[0].upper().startswith("WOS:"):
        fields["unique-id"] = values["AN"][0]  # a Web of Science record, as its BibTeX export names it
    if "SN" in values:
        fields["isbn" if kind in ("book", "incollection") else "issn"] = values["SN"][0]
    if "KW" in values:
        fields["keywords"] = ", ".join(values["KW"])
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
    """A record's values by tag, in their order, the empty ones left out: RIS's and EndNote's.
    A value of several lines is one line but for a note (`N1`), whose lines are its own, and
    keywords (`KW`), one a line."""
    values: dict[str, list[str]] = {}
    for tag, value in tags:
        if tag == "KW":
            values.setdefault(tag, []).extend(part.strip() for part in value.split("\n") if part.strip())
        elif value:
            values.setdefault(tag, []).append(value if tag == "N1" else " ".join(value.split("\n")))
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


_DATABASE_LABEL = re.compile(
    r"(?:^|(?<=[;\s]))(export date|cited by|references|correspondence address|funding details|funding text(?: \d+)?"
    r"|chemicals/cas|tradenames|manufacturers|sponsors|molecular sequence numbers|conference code"
    r"|times cited in web of science core collection|total times cited|cited reference count"
    r"|usage count \([^()]*\)|usage count since \d{4})\s*:",
    re.IGNORECASE,
)
"""The labels of what Scopus and Web of Science write of their record into `N1`, each a part of
its own: the export's date and citation counts, and Scopus's fields for the paper's reference
list, its corresponding author's address and email, its funding."""
_DATABASE_FIELDS = {
    "references": "references", "correspondence address": "correspondence_address", "funding details": "funding_details",
    "funding text": "funding_text", "chemicals/cas": "chemicals_cas", "tradenames": "tradenames",
    "manufacturers": "manufacturers", "sponsors": "sponsors", "molecular sequence numbers": "molecular_seqnumbers",
}  # fmt: skip
"""Scopus's labels -> the fields its BibTeX export writes them in, which pages do not show."""


def _notes(values: dict[str, list[str]]) -> dict[str, str]:
    """`N1`: the record's note, one a line; a person's own notes in their reference manager
    (Zotero's, in HTML) are BibTeX's `annote`, which no page shows. What a database writes of
    its record there (`Export Date: …`, `Cited By: 3`, `References: …`) is read as Scopus's
    BibTeX export has it: its fields, and its counts in a note of parts the import takes off."""
    notes, own, record, fields = [], [], [], {}
    for value in values.get("N1", []):
        if _OWN_NOTE.search(value):
            own.append(value)
        elif _DATABASE_LABEL.match(value):
            for label, text in _labelled_parts(value):
                name = _DATABASE_FIELDS.get(re.sub(r" \d+$", "", label.casefold()))
                if name:
                    fields[name] = f"{fields[name]}; {text}" if name in fields else text
                else:
                    record.append(f"{label}: {text}")
        else:
            notes.append(value)
    note = "; ".join(filter(None, ["\n".join(notes), *record]))  # parts `bibdatabases` takes off by their `;`
    return fields | ({"note": note} if note else {}) | ({"annote": " ".join(own)} if own else {})


def _labelled_parts(value: str) -> list[tuple[str, str]]:
    """`Export Date: 15 October 2020; Cited By: 3` -> [('Export Date', '15 October 2020'), ('Cited By', '3')]."""
    found = list(_DATABASE_LABEL.finditer(value))
    ends = [match.start() for match in found[1:]] + [len(value)]
    return [(match.group(1), value[match.end() : end].strip().strip(";").strip()) for match, end in zip(found, ends, strict=True)]


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
