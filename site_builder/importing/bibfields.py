"""Which fields of a `.bib` entry the import reads, and the one warning that names the others."""

from __future__ import annotations

import re

from site_builder.errors import Problems, SourceLocation
from site_builder.importing.biblinks import ID_LINKS, LINK_FIELDS
from site_builder.importing.bibread import RawEntry
from site_builder.importing.bibroles import role_fields

_READ_FIELDS = (
    frozenset(
        "author editor title year month day date eprintdate journal journaltitle booktitle eventtitle organization school "
        "institution howpublished type volume number issue pages chapter publisher address location series edition isbn "
        "note doi url eprint archiveprefix eprinttype primaryclass arxiv arxivid arxiv_id abstract crossref abbr selected "
        "award award_name annotation pdf file preview pubstate publication_stage articleno article-number eid collaboration "
        "fjournal keywords".split()
    )
    | LINK_FIELDS.keys()
    | ID_LINKS.keys()
)
"""The fields the import reads; role fields (`cofirstauthors`, `corresponding_author`, ...) too."""
_BOOKKEEPING = re.compile(
    r"timestamp|biburl|bibsource|adsnote|owner|urldate|groups|keywords?-?plus|creationdate|modificationdate|added-at|interhash|intrahash"
    r"|(?:bdsk|mendeley|citeulike|date|zotero)-.*|bibtex_show|google_scholar_id|altmetric|dimensions"
    r"|priority|ranking|readstatus|printed|qualityassured|relevance"
)
"""Fields reference managers write for themselves (DBLP's `timestamp`, BibDesk's `bdsk-url-1`,
JabRef's `priority`, `ranking` and `readstatus`) and al-folio's switches for what its pages
show: not the paper's, so not worth a word."""


RECORD_LINES = 5
"""A `note` of this many lines or more is a reference manager's record (EndNote's copy of a
PubMed entry: every author with an ORCID, the grants, the citation), not a note for readers."""


def is_record(name: str, value: str) -> bool:
    """Whether a field holds a reference manager's record rather than the entry's own words."""
    return name == "note" and sum(1 for line in value.splitlines() if line.strip()) >= RECORD_LINES


def say_unread_fields(entries: list[RawEntry], problems: Problems, shown: str) -> None:
    """One warning naming the fields no paper took (`keywords`, a lab's own `pubstatus`, a `note`
    that is a record), with the number of entries that have each: the site does not show them,
    and nobody should find that out by looking for them."""
    counts: dict[str, int] = {}
    for entry in entries:
        roles = {name for found in role_fields(entry.fields).values() for name, _ in found}
        for name, value in entry.fields.items():
            unread = name not in _READ_FIELDS and name not in roles and not _BOOKKEEPING.fullmatch(name)
            if value.strip() and (unread or is_record(name, value)):
                counts[name] = counts.get(name, 0) + 1
    if counts:
        listed = ", ".join(_counted(name, count) for name, count in sorted(counts.items()))
        problems.warning(
            SourceLocation(shown),
            f"fields the site does not use were not imported: {listed}",
            "they stay in the .bib; what matters of them can go into a paper's `note` or its text by hand",
        )


def _counted(name: str, count: int) -> str:
    entries = f"{count} {'entry' if count == 1 else 'entries'}"
    if name == "note":  # the only field read that can still be left out: say why
        return f"`note` ({entries}, each a reference manager's record of {RECORD_LINES} lines or more)"
    return f"`{name}` ({entries})"
