"""Zotero's `Extra` in an entry's `note`: Zotero exports an item's Extra as the note, and keeps
there, one `Label: value` a line, the fields the item's type has no place for (`Number: 7873`,
`Publisher: Nature Publishing Group`, `arXiv: 2304.08485`); Better BibTeX keeps there the key it
pinned (`Citation Key: …`) and BibTeX fields of any name (`tex.howpublished: …`). Pages would
show them as the paper's note. Each line whose label names a field fills that field when the
entry has none, and leaves the note when it says what the entry already does; a line of another
label, or one that differs from the entry's own field, stays."""

from __future__ import annotations

import re

from site_builder.text.identifiers import arxiv_id, normalize_doi

_FIELD_OF_LABEL = {
    "number": "number", "issue": "number", "volume": "volume", "pages": "pages", "page": "pages",
    "publisher": "publisher", "place": "address", "publisher place": "address", "edition": "edition", "version": "version",
    "series": "series", "isbn": "isbn", "doi": "doi", "pmid": "pmid", "pmcid": "pmcid", "arxiv": "arxiv",
    "citation key": "citationkey",
}  # fmt: skip
"""Labels of Zotero's Extra lines (its field names and CSL's variables, in any case) -> the
entry field that says the same."""
_LINE = re.compile(r"\s*(tex\.[\w-]+|[A-Za-z][A-Za-z -]{0,30}?)\s*:\s*(\S.*?)\s*")
_SAME_VALUE = {"doi": lambda v: (normalize_doi(v) or v).casefold(), "arxiv": lambda v: arxiv_id(v) or v}


def read_extra(fields: dict[str, str]) -> bool:
    """Read the Extra lines of `fields["note"]` into `fields` (in place, as the module says);
    whether any was read."""
    note = fields.get("note", "")
    if ":" not in note:
        return False
    kept, read = [], False
    for line in note.splitlines():
        match = _LINE.fullmatch(line)
        label = match.group(1).casefold() if match else ""
        name = label[4:] if label.startswith("tex.") else _FIELD_OF_LABEL.get(label)
        if name is None:
            kept.append(line)
            continue
        value = match.group(2)
        if name == "arxiv":
            value = arxiv_id(value) or ""  # `arXiv:2304.08485 [cs]`: the id, then its archive
        own = fields.get(name, "").strip().strip("{}")
        same = _SAME_VALUE.get(name, lambda v: v.casefold())
        if value and (not own or same(own) == same(value)):
            fields[name] = own or value
            read = True
        else:
            kept.append(line)
    if read:
        fields["note"] = "\n".join(kept).strip()
        if not fields["note"]:
            del fields["note"]
    return read


def read_extra_for_one_line(fields: dict[str, str]) -> None:
    """`read_extra` for a format read as BibTeX text with each entry on one line (RIS, CSL-JSON):
    the note's other lines are then joined by spaces, since a line break in an entry would move
    the entries after it off their records' lines."""
    read_extra(fields)
    if "note" in fields:
        fields["note"] = " ".join(fields["note"].split())
