"""A PubMed file in MEDLINE format (PubMed's "Send to › Citation manager", `.nbib`; NCBI's "My
Bibliography") read as the BibTeX it stands for, so that one reader makes papers of it.

Each record becomes one BibTeX entry on the line of its `PMID-`, so that what the import says
names the record's own line. Full names (`FAU - Kowalski, Jan`) are taken before the short
ones (`AU - Kowalski J`), the journal's full title (`JT`) before its abbreviation (`TA`), and the
DOI from `LID`/`AID` (`10.1007/… [doi]`); the PMID and PMC id become the paper's PubMed links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from site_builder.citations.bibtex import escape
from site_builder.importing.bibtitle import without_final_stop
from site_builder.text.pages import written_pages

_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3}) *- (.*)$")
_CONTINUED = re.compile(r"^ {6}(\S.*)$")
_SINGLE = {"AB": "abstract", "VI": "volume", "IP": "number", "PG": "pages", "DP": "date", "PMID": "pmid", "PMC": "pmcid"}
_DOI = re.compile(r"^(10\.\S+)\s+\[doi\]$")
_PLACE = re.compile(r"\s*\([^()]*,[^()]*\)$")
"""The place NLM adds to tell journals of one name apart (`Sensors (Basel, Switzerland)`)."""


def medline_entries(lines: list[str], keyless: str) -> Iterator[tuple[int, str]]:
    """(line number, BibTeX entry) of each record of a MEDLINE file's `lines`, numbered from 0
    by its `PMID-` line; its key `keyless` and the line's number."""
    for start, tags in _records(lines):
        yield start, _entry(tags, f"{keyless}{start + 1}")


def _records(lines: list[str]):
    """(line number of `PMID-`, [(tag, value)…]) for each record; a line that goes on the one
    before it (six spaces) is part of its value."""
    start, tags = -1, []
    for n, line in enumerate(lines):
        found = _TAG.match(line.rstrip())
        if found and found.group(1) == "PMID":
            if start >= 0:
                yield start, tags
            start, tags = n, []
        if start < 0:
            continue
        if found:
            tags.append((found.group(1), found.group(2).strip()))
        elif (more := _CONTINUED.match(line.rstrip())) and tags:
            tag, value = tags[-1]
            tags[-1] = (tag, f"{value} {more.group(1)}")
    if start >= 0:
        yield start, tags


def _entry(tags: list[tuple[str, str]], key: str) -> str:
    values: dict[str, list[str]] = {}
    for tag, value in tags:
        values.setdefault(tag, []).append(value)
    fields = {name: values[tag][0] for tag, name in _SINGLE.items() if tag in values}
    if values.get("OT"):  # the authors' keywords (MeSH's `MH` headings are the indexers')
        fields["keywords"] = ", ".join(v for v in values["OT"] if v)
    fields["title"] = without_final_stop((values.get("TI") or values.get("BTI") or [""])[0])
    kind = "article"
    if "BTI" in values:  # a book (`BTI` alone) or a chapter of one (`TI` in `BTI`)
        kind = "incollection" if "TI" in values else "book"
        if kind == "incollection":
            fields["booktitle"] = values["BTI"][0]
    elif any("preprint" in written.lower() for written in values.get("PT", [])):
        kind = "misc"
    venue = _PLACE.sub("", (values.get("JT") or values.get("TA") or [""])[0])
    if venue:
        fields["journal"] = venue
    if "pages" in fields:
        fields["pages"] = written_pages(fields["pages"], "-")  # `3011-35`: the last page whole
    doi = next((found.group(1) for value in values.get("LID", []) + values.get("AID", []) if (found := _DOI.match(value))), "")
    if doi:
        fields["doi"] = doi
    names = values.get("FAU") or [_family_first(name) for name in values.get("AU", [])]
    written = [escape(name) for name in names] + [f"{{{escape(name)}}}" for name in values.get("CN", [])]  # a consortium
    body = [f"author = {{{' and '.join(written)}}}"] if written else []
    body += [f"{name} = {{{escape(value)}}}" for name, value in fields.items() if value]
    return f"@{kind}{{{key}, " + ", ".join(body) + "}"


def _family_first(name: str) -> str:
    """`Kowalski J` -> `Kowalski, J`: PubMed's short names end in the initials."""
    family, _, initials = name.rpartition(" ")
    return f"{family}, {initials}" if family and initials.isupper() and len(initials) <= 3 else name
