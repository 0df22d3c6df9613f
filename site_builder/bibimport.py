"""A `.bib` file -> `Paper`s: LaTeX decoded to Unicode (math kept as written), string macros,
crossrefs, month macros, every bad entry reported with its line."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from pathlib import Path

from site_builder.errors import Problems, SourceLocation
from site_builder.listing import MONTHS
from site_builder.model import Paper
from site_builder.names import fold
from site_builder.normalize import assign_topics, base_slug, free_slug
from site_builder.registry import Registry

_TYPES = {
    "article": "journal",
    "inproceedings": "conference",
    "conference": "conference",
    "incollection": "conference",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "book": "book",
    "inbook": "book",
    "techreport": "report",
    "report": "report",
}
_CONTAINERS = frozenset({"proceedings", "collection", "periodical", "mvproceedings", "mvcollection"})
_VENUE_FIELDS = ("journal", "booktitle", "school", "institution", "publisher", "howpublished")
_INHERITED = ("booktitle", "year", "month", "date", "publisher", "editor", "journal", "school", "institution")
_MATH = re.compile(r"\$[^$]+\$")
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/([\w.\-/]+?)(?:v\d+)?(?:\.pdf)?$")


def title_key(title: str) -> str:
    """A title reduced to letters and digits: how one paper is recognised across sources."""
    return re.sub(r"[^a-z0-9]", "", fold(title))


def decode_latex(text: str) -> str:
    """`M{\\"u}ller`, `{\\'e}`, `--`, `\\&` -> Unicode; `$…$` math is kept as written."""
    from pylatexenc.latex2text import LatexNodes2Text  # imported late: only BibTeX import needs it

    decoder = LatexNodes2Text()
    pieces, position = [], 0
    for match in _MATH.finditer(text):
        pieces.append(decoder.latex_to_text(text[position : match.start()]))
        pieces.append(match.group())
        position = match.end()
    pieces.append(decoder.latex_to_text(text[position:]))
    return " ".join("".join(pieces).replace("\u00a0", " ").split())


def split_names(field: str) -> tuple[list[str], bool]:
    """BibTeX's `A and B and others` -> names as `First Last`, and whether `others` was there."""
    parts, depth, current = [], 0, []
    tokens = re.split(r"(\s+and\s+|[{}])", field)
    for token in tokens:
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        if depth == 0 and re.fullmatch(r"\s+and\s+", token or ""):
            parts.append("".join(current))
            current = []
        else:
            current.append(token or "")
    parts.append("".join(current))
    names, others = [], False
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if part == "others":
            others = True
            continue
        pieces = [decode_latex(p) for p in _split_commas(part)]
        if len(pieces) == 1:
            names.append(pieces[0])
        elif len(pieces) == 2:
            names.append(f"{pieces[1]} {pieces[0]}".strip())
        else:  # Last, Jr, First
            names.append(f"{pieces[2]} {pieces[0]} {pieces[1]}".strip())
    return names, others


def _split_commas(name: str) -> list[str]:
    pieces, depth, current = [], 0, ""
    for char in name:
        depth += char == "{"
        depth -= char == "}"
        if char == "," and depth == 0:
            pieces.append(current)
            current = ""
        else:
            current += char
    return [*pieces, current]


def _month(value: str) -> int | None:
    value = value.strip().strip("{}").lower().rstrip(".")
    if value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    return MONTHS.get(value) or MONTHS.get(value[:3])


def _date(fields: dict[str, str]) -> dt.date | str:
    if fields.get("date"):
        text = fields["date"].strip()
        for length in (10, 7, 4):
            try:
                parts = [int(p) for p in text[:length].split("-")]
                return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
            except (ValueError, IndexError):
                continue
        return f"`date` {text!r} is not a date"
    year = fields.get("year", "").strip()
    if not year.isdigit():
        return "missing `year`" if not year else f"`year` {year!r} is not a year"
    month = _month(fields["month"]) if fields.get("month") else 1
    if month is None:
        return f"`month` {fields['month']!r} is not a month"
    day = fields.get("day", "1").strip()
    try:
        return dt.date(int(year), month, int(day) if day.isdigit() else 1)
    except ValueError:
        return f"{year}-{month}-{day} is not a date"


def read_bibtex(path: Path, registry: Registry, problems: Problems, shown: str) -> list[Paper]:
    import bibtexparser  # imported late: only BibTeX import needs it
    from bibtexparser.model import DuplicateBlockKeyBlock

    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        problems.error(SourceLocation(shown), "not UTF-8 text (tried UTF-8)", "re-save the .bib file as UTF-8")
        return []
    except OSError as exc:
        problems.error(SourceLocation(shown), f"cannot read the file: {exc.strerror}", "check the path")
        return []
    library = bibtexparser.parse_string(text)
    first_line = {e.key: e.start_line + 1 for e in library.entries}
    for block in library.failed_blocks:
        where = SourceLocation(shown, block.start_line + 1)
        if isinstance(block, DuplicateBlockKeyBlock):
            problems.error(
                where, f"duplicate key {block.key!r} (first used on line {first_line.get(block.key, '?')})", "give each entry its own key"
            )
        else:
            problems.error(where, "this entry cannot be read", "check its braces, quotes and commas")
    entries = {e.key: e for e in library.entries}
    papers: list[Paper] = []
    taken: set[str] = set()
    for entry in library.entries:
        if entry.entry_type.lower() in _CONTAINERS:
            continue  # a volume that papers crossref, not a paper of the lab's
        where = SourceLocation(shown, entry.start_line + 1)
        fields = {f.key.lower(): str(f.value) for f in entry.fields}
        if "crossref" in fields:
            parent = entries.get(fields["crossref"].strip())
            if parent is None:
                problems.error(
                    where, f"crossref {fields['crossref']!r} names no entry in this file", "add that entry or remove the crossref"
                )
                continue
            for field in parent.fields:
                if field.key.lower() in _INHERITED:
                    fields.setdefault(field.key.lower(), str(field.value))
        paper = _paper(entry, fields, where, registry, problems)
        if paper is None:
            continue
        papers.append(dataclasses.replace(paper, slug=free_slug(paper.slug, paper.date.year, taken)))
    return papers


def _paper(entry, fields: dict[str, str], where: SourceLocation, registry: Registry, problems: Problems) -> Paper | None:
    missing = [name for name in ("title", "author") if not fields.get(name, "").strip()]
    for name in missing:
        problems.error(where, f"entry {entry.key!r} has no `{name}`", f"add `{name} = {{...}}` to it")
    date = _date(fields)
    if isinstance(date, str):
        problems.error(where, f"entry {entry.key!r}: {date}", "give it `year = {2024}` (and `month`)")
    if missing or isinstance(date, str):
        return None
    title = decode_latex(fields["title"])
    authors, others = split_names(fields["author"])
    venue = next((decode_latex(fields[f]) for f in _VENUE_FIELDS if fields.get(f, "").strip()), "")
    kind = _TYPES.get(entry.entry_type.lower(), "other")
    arxiv = ""
    if fields.get("archiveprefix", fields.get("eprinttype", "")).lower() == "arxiv" and fields.get("eprint"):
        arxiv = fields["eprint"].strip()
    links: dict[str, str] = {}
    pdf = fields.get("pdf", "").strip()
    url = fields.get("url", "").strip()
    if url:
        match = _ARXIV_URL.search(url)
        arxiv = arxiv or (match.group(1) if match else "")
        if url.lower().endswith(".pdf") and not pdf:
            pdf = url
        elif "github.com/" in url:
            links["code"] = url
        else:
            links["url"] = url
    if kind == "other" and arxiv:
        kind = "preprint"
    doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", fields.get("doi", "").strip(), flags=re.IGNORECASE)
    abstract = fields.get("abstract", "").strip()
    return Paper(
        slug=base_slug(title),
        title=title,
        authors=tuple(authors),
        date=date,
        category="",
        et_al=others,
        venue=venue,
        doi=doi,
        arxiv=arxiv,
        pdf=pdf,
        type=kind,
        bibtex_key=entry.key,
        bibtex_title=" ".join(fields["title"].split()),
        links=links,
        topics=assign_topics(title, abstract, registry.topics),
        body=abstract,
        source_id="bibtex:" + hashlib.sha256(title_key(title).encode()).hexdigest()[:16],
    )
