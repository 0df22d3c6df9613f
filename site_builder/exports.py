"""RIS and CSL-JSON records of papers, beside BibTeX (`bibtex.py`): what reference managers
(Zotero, EndNote, Mendeley) and citation processors (citeproc, pandoc) read."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from site_builder.markup import plain_text
from site_builder.model import Paper
from site_builder.names import PARTICLES

_CSL_TYPES = {
    "conference": "paper-conference",
    "journal": "article-journal",
    "preprint": "article",
    "thesis": "thesis",
    "book": "book",
    "report": "report",
}
_RIS_TYPES = {"conference": "CPAPER", "journal": "JOUR", "preprint": "GEN", "thesis": "THES", "book": "BOOK", "report": "RPRT"}


def name_parts(name: str) -> dict[str, str]:
    """`Pieter van der Berg` -> given `Pieter`, particle `van der`, family `Berg`; one word is literal."""
    tokens = name.split()
    if len(tokens) < 2:
        return {"literal": name}
    family = [tokens.pop()]
    particles = []
    while len(tokens) > 1 and tokens[-1] in PARTICLES:
        particles.insert(0, tokens.pop())
    parts = {"family": " ".join(family), "given": " ".join(tokens)}
    if particles:
        parts["non-dropping-particle"] = " ".join(particles)
    return parts


def csl_item(paper: Paper, key: str, url: str, authors: list[str]) -> dict:
    item: dict = {
        "id": key,
        "type": _CSL_TYPES.get(paper.type, "paper-conference" if paper.venue else "article"),
        "title": paper.title,
        "author": [name_parts(name) for name in authors],
        "issued": {"date-parts": [[paper.date.year, paper.date.month, paper.date.day]]},
        "URL": url,
    }
    if paper.venue:
        item["container-title"] = paper.venue
    if paper.doi:
        item["DOI"] = paper.doi
    if paper.body:
        item["abstract"] = plain_text(paper.body)
    if paper.et_al:
        item["note"] = "The author list is abridged (et al.)."
    return item


def csl_json_item(item: dict) -> str:
    """One item as it stands in a CSL-JSON array (indented one level)."""
    return json.dumps(item, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n ")


def csl_json(items: Iterable[str]) -> Iterator[str]:
    """A CSL-JSON array, in pieces, of items already serialised by `csl_json_item` (joined, not
    re-encoded: the site-wide file of 10,000 papers is rebuilt on every edit)."""
    empty = True
    for item in items:
        yield "[\n " if empty else ",\n "
        yield item
        empty = False
    yield "[]\n" if empty else "\n]\n"


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}\n"


def ris_record(paper: Paper, key: str, url: str, authors: list[str]) -> str:
    lines = [_ris_line("TY", _RIS_TYPES.get(paper.type, "CPAPER" if paper.venue else "GEN")), _ris_line("ID", key)]
    lines.append(_ris_line("TI", paper.title))
    for name in authors:
        parts = name_parts(name)
        if "literal" in parts:
            lines.append(_ris_line("AU", parts["literal"]))
        else:
            family = " ".join(filter(None, [parts.get("non-dropping-particle", ""), parts["family"]]))
            lines.append(_ris_line("AU", f"{family}, {parts['given']}"))
    lines.append(_ris_line("PY", str(paper.date.year)))
    lines.append(_ris_line("DA", paper.date.strftime("%Y/%m/%d")))
    if paper.venue:
        lines.append(_ris_line("T2", paper.venue))
    if paper.doi:
        lines.append(_ris_line("DO", paper.doi))
    lines.append(_ris_line("UR", url))
    if paper.body:
        lines.append(_ris_line("AB", plain_text(paper.body)))
    lines.append("ER  - \n")
    return "".join(lines)
