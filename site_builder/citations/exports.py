"""RIS and CSL-JSON records of papers, beside BibTeX (`bibtex.py`): what reference managers
(Zotero, EndNote, Mendeley) and citation processors (citeproc, pandoc) read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import orjson

from site_builder.citations.bibtex import cited_address, written_parts
from site_builder.importing.bibnames import BibName, guess_parts
from site_builder.render.markup import plain_title
from site_builder.site.model import Paper
from site_builder.text import dates
from site_builder.text.pages import first_and_last, written_pages

_CSL_TYPES = {
    "conference": "paper-conference",
    "journal": "article-journal",
    "preprint": "article",
    "thesis": "thesis",
    "book": "book",
    "chapter": "chapter",
    "report": "report",
    "patent": "patent",
    "other": "article",
}
"""CSL's type by the paper's `type`; a paper without one is a conference paper when it has a venue
(a listing's), and `other` (a `@misc` with a `howpublished`) is no conference paper."""
_CSL_ENTRY_TYPES = {"online": "webpage", "electronic": "webpage", "www": "webpage", "software": "software", "dataset": "dataset"}
_RIS_ENTRY_TYPES = {"online": "ELEC", "electronic": "ELEC", "www": "ELEC", "software": "COMP", "dataset": "DATA"}
"""Types the imported .bib entry type says better than the paper's `type` (`other` for these)."""
_RIS_TYPES = {
    "conference": "CPAPER", "journal": "JOUR", "preprint": "GEN", "thesis": "THES", "book": "BOOK",
    "chapter": "CHAP", "report": "RPRT", "patent": "PAT", "other": "GEN",
}  # fmt: skip


def name_parts(name: str, written: BibName | None = None) -> dict[str, str]:
    """`Pieter van der Berg` -> given `Pieter`, particle `van der`, family `Berg`; `John Smith Jr.`
    has the suffix `Jr.`; an organisation or a single word is literal. `written`: the parts an
    imported .bib gave the name (`bibtex.written_parts`), else they are read off the name."""
    parts = written or guess_parts(name)
    if parts.whole or not parts.first:
        return {"literal": name}
    found = {"family": parts.last, "given": parts.first}
    if parts.von:
        found["non-dropping-particle"] = parts.von
    if parts.jr:
        found["suffix"] = parts.jr
    return found


def _date_parts(paper: Paper) -> list[int]:
    if paper.venue_year:
        return [paper.venue_year]
    full = [paper.date.year, paper.date.month, paper.date.day]
    return full[: dates.PRECISIONS.index(paper.date_precision) + 1]


def csl_item(paper: Paper, key: str, url: str, authors: list[str], abstract: str) -> dict:
    """One CSL-JSON item; `abstract` is the abstract as text (`markup.plain_abstract`)."""
    written = written_parts(paper)
    item: dict = {
        "id": key,
        "type": _CSL_ENTRY_TYPES.get(paper.bibtex_type) or _CSL_TYPES.get(paper.type, "paper-conference" if paper.venue else "article"),
        "title": plain_title(paper.title),
        "author": [name_parts(name, written.get(name)) for name in authors],
        "issued": {"date-parts": [_date_parts(paper)]},
        "URL": cited_address(paper, url),
    }
    if paper.editors:
        item["editor"] = [name_parts(name) for name in paper.editors]
    if paper.authors_are_editors:
        del item["author"]
    simple = {
        "container-title": paper.venue, "DOI": paper.doi, "volume": paper.volume, "issue": paper.number,
        "page": written_pages(paper.pages, "–"), "publisher": paper.publisher, "publisher-place": paper.address,
        "collection-title": paper.series, "edition": paper.edition, "version": paper.version, "ISBN": paper.isbn,
    }  # fmt: skip
    item.update({k: v for k, v in simple.items() if v})
    if paper.arxiv:
        item["number"] = f"arXiv:{paper.arxiv}"
    if item["type"] == "patent":  # a patent's number is CSL's `number`, not an issue or a container
        item.pop("issue", None)
        item.pop("container-title", None)
        if paper.patent_number:
            item["number"] = paper.patent_number
    if abstract:
        item["abstract"] = abstract
    notes = [paper.note] if paper.note else []
    if paper.et_al:
        notes.append("The author list is abridged (et al.).")
    if notes:
        item["note"] = " ".join(notes)
    return item


def csl_json_item(item: dict) -> str:
    """One item as it stands in a CSL-JSON array (indented one level). orjson writes it in a
    thirtieth of the time of `json.dumps`, whose indented output is made in Python."""
    return orjson.dumps(item, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode().replace("\n", "\n  ")


def csl_json(items: Iterable[str]) -> Iterator[str]:
    """A CSL-JSON array, in pieces, of items already serialised by `csl_json_item` (joined, not
    re-encoded: the site-wide file of 10,000 papers is rebuilt on every edit)."""
    empty = True
    for item in items:
        yield "[\n  " if empty else ",\n  "
        yield item
        empty = False
    yield "[]\n" if empty else "\n]\n"


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}\n"


def _ris_name(name: str, written: BibName | None) -> str:
    parts = name_parts(name, written)
    if "literal" in parts:
        return parts["literal"]
    family = " ".join(filter(None, [parts.get("non-dropping-particle", ""), parts["family"]]))
    return ", ".join(filter(None, [family, parts["given"], parts.get("suffix", "")]))


def ris_record(paper: Paper, key: str, url: str, authors: list[str], abstract: str) -> str:
    """One RIS record; `abstract` is the abstract as text (`markup.plain_abstract`)."""
    kind = _RIS_ENTRY_TYPES.get(paper.bibtex_type) or _RIS_TYPES.get(paper.type, "CPAPER" if paper.venue else "GEN")
    lines = [_ris_line("TY", kind), _ris_line("ID", key)]
    lines.append(_ris_line("TI", plain_title(paper.title)))
    written = written_parts(paper)
    lines += [_ris_line("AU", _ris_name(name, written.get(name))) for name in ([] if paper.authors_are_editors else authors)]
    lines += [_ris_line("ED", _ris_name(name, None)) for name in paper.editors]
    lines.append(_ris_line("PY", str(paper.venue_year or paper.date.year)))
    if not paper.venue_year:
        lines.append(_ris_line("DA", dates.slashed(paper.date, paper.date_precision)))
    first, last = first_and_last(paper.pages)
    tagged = [
        ("T2", paper.venue), ("VL", paper.volume), ("IS", paper.number), ("SP", first), ("EP", last),
        ("PB", paper.publisher), ("CY", paper.address), ("T3", paper.series), ("ET", paper.edition), ("SN", paper.isbn),
        ("DO", paper.doi), ("UR", cited_address(paper, url)), ("L1", paper.pdf if "://" in paper.pdf else ""), ("N1", paper.note),
    ]  # fmt: skip
    lines += [_ris_line(tag, value) for tag, value in tagged if value]
    if abstract:
        lines.append(_ris_line("AB", abstract))
    lines.append("ER  - \n")
    return "".join(lines)
