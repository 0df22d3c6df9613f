"""What format a file given to `import` is in, by its text rather than its name.

Reference managers save BibTeX as `.txt` or `.bibtex`, and RIS as `.ris` or `.txt` (Web of
Science's and EndNote's "plain text"); read as a listing, such a file failed with a listing's
error on every third line. A format the import does not read is named, with how to export one
it does.
"""

from __future__ import annotations

import json
import re

_BIBTEX = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]", re.MULTILINE)
_RIS = re.compile(r"^(?:\ufeff)?[ \t]*TY  ?-", re.MULTILINE)
_OTHERS = (
    (
        re.compile(r"^%0 ", re.MULTILINE),
        "an EndNote tagged file (`%0 Journal Article`)",
        "in EndNote, choose File › Export with the output style `BibTeX Export`, or export RIS",
    ),
    (
        re.compile(r"^PMID- ", re.MULTILINE),
        "a PubMed (MEDLINE) file (`PMID- …`)",
        "import the .nbib into Zotero and export the collection as BibTeX",
    ),
    (
        re.compile(r"^(?:FN Clarivate|PT [JBSP]$)", re.MULTILINE),
        "a Web of Science plain-text file (`PT J`, `AU …`)",
        "on Web of Science, choose Export › BibTeX",
    ),
    (
        re.compile(r"^<\?xml[^>]*>\s*<xml>\s*<records>", re.MULTILINE),
        "an EndNote XML file",
        "in EndNote, choose File › Export with the output style `BibTeX Export`, or export RIS",
    ),
)


def file_format(text: str) -> str:
    """`bibtex`, `ris` (read as BibTeX is, `ris.ris_as_bibtex`) or `listing`."""
    head = text[:65536]
    if _RIS.search(head) and re.search(r"^ER  ?-", text, re.MULTILINE):
        return "ris"
    if _BIBTEX.search(head) and "=" in head:
        return "bibtex"
    return "listing"


def unread_format(text: str) -> tuple[str, str] | None:
    """(what the file is, how to export BibTeX instead) for a reference format the import does
    not read; None for any other text."""
    head = text[:65536]
    for pattern, name, how in _OTHERS:
        if pattern.search(head):
            return name, how
    if head.lstrip("\ufeff \t\r\n").startswith(("[", "{")) and _is_csl_json(text):
        return "a CSL-JSON file", "in Zotero, choose Export Library (or Export Collection) with the format `BibTeX`"
    return None


def _is_csl_json(text: str) -> bool:
    try:
        data = json.loads(text)
    except ValueError:
        return False
    items = data if isinstance(data, list) else data.get("items") if isinstance(data, dict) else None
    return bool(items) and all(isinstance(item, dict) and ("type" in item or "title" in item) for item in items)
