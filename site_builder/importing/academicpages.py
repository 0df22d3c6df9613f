"""An academicpages (Jekyll) publication page -> a paper.

academicpages keeps each paper in `_publications/<date>-<name>.md`: front matter with the
title, `date`, `venue`, `paperurl`, `slidesurl`, `category` (`manuscripts`, `conferences`,
`books`) and a `citation` string, the only place that names the authors (`Anna Vesely, Livio
Finos (2023). "Title." <i>Venue</i>.` or APA's `Vesely, A., & Finos, L. (2023).`); the body is the
abstract, often followed by the template's "[Download paper here](…)" and "Recommended
citation:" lines. Files the old site served from its `files/` folder are copied into the site.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from site_builder.errors import Problems, SourceLocation
from site_builder.importing.biblinks import Files
from site_builder.importing.bibnames import marked_authors
from site_builder.importing.hugoblox import (
    marked_roles,
    page_date,
    page_head,
    page_paper,
    page_text,
    page_venue,
    titled_page,
    unmarked,
    with_page,
)
from site_builder.importing.identity import family_name
from site_builder.importing.pagebody import CITATION_BLOCK, page_abstract, page_byline
from site_builder.site.model import Paper
from site_builder.site.venues import is_conference
from site_builder.source.frontmatter import fenced_lines
from site_builder.source.registry import Registry
from site_builder.text.identifiers import arxiv_id, doi_in
from site_builder.text.links import is_web_address
from site_builder.text.names import is_name, split_name_text, usable_names

FOLDER = "_publications"
_TYPES = {"manuscripts": "journal", "conferences": "conference", "books": "book", "preprints": "preprint", "theses": "thesis"}
_YEAR = re.compile(r"\(\s*(?:\d{1,2}\s+\w+\s+)?((?:19|20)\d\d)[a-z]?(?:,\s*[A-Za-z]+\.?(?:\s+\d{1,2})?)?\s*\)")
"""The year in parentheses that ends the authors of a citation: `(2023)`, `(2023a)`, APA's
`(2023, July)`."""
_TITLE_QUOTE = re.compile(r"\s[\"“]")
_TAG = re.compile(r"<[^<>]+>")
_SITE_PATH = re.compile(r"\{\{\s*(?:base_path|site\.baseurl|site\.url)\s*\}\}")
"""Jekyll's address of the old site (`[PDF]({{ base_path }}/files/x.pdf)`): the path stays."""
_LIQUID_LINE = re.compile(r"^[ \t]*\{%.*?%\}[ \t]*$", re.M)
"""A line of Liquid alone (`{% include base_path %}`), which the old site ran and showed nothing of."""
_TEMPLATE_LINES = re.compile(r"^\s*(?:\[Download (?:paper|slides) (?:from )?here\]\(([^)\s]+)\)|Recommended citation:.*)\s*$", re.I | re.M)


def is_publication_page(path: Path) -> bool:
    """Whether `path` is an academicpages publication page: a Markdown file in `_publications/`
    whose front matter has one of the fields the theme shows (one without a title is read, and
    left out with a warning)."""
    if path.suffix.lower() != ".md" or path.parent.name != FOLDER:
        return False
    lines, closing = fenced_lines(page_head(path), "---")
    front = "\n".join(lines[1:closing] if closing else ())
    return bool(re.search(r"^(?:title|citation|venue|paperurl|collection)\s*:", front, re.M))


def read_page(path: Path, problems: Problems, files: Files, left_out: list[str], as_of: dt.date, registry: Registry) -> Paper | None:
    """The paper a publication page describes, or None when its front matter cannot be read or
    names no title (said as a warning, the page added to `left_out`)."""
    titled = titled_page(path, problems, left_out)
    if titled is None:
        return None
    data, title, text = titled
    review: list[str] = []
    cited = _cited(path, data, text, problems, files, as_of, registry)
    byline, legend = page_byline(text)
    authors, marks, et_al = _authors(data, review, cited is not None and bool(cited.authors), byline)
    equal, corresponding = marked_roles(authors, marks, review, legend)
    day, precision = page_date((data.get("date"), path.name[:10]), review, as_of)  # `2009-10-01-paper-title.md`
    body, download, listed = _body(text)
    links, pdf = _links(data, [(download, "pdf"), *((url, kind) for kind, url in listed)], path.parent.parent, review, files)
    citation = _plain(page_text(data.get("citation")))
    doi = doi_in(citation) or next((doi_in(url) for url in (pdf, *links.values()) if "doi.org/" in url), None) or ""
    abstract = body or _plain(page_text(data.get("excerpt")))
    read = Paper(
        slug="", title=title, authors=tuple(authors), date=day, date_precision=precision, doi=doi, pdf=pdf, links=links, body=abstract
    )
    venue, category = page_venue(_plain(page_text(data.get("venue")))), page_text(data.get("category")).casefold()
    # `manuscripts` is the template's category, which most sites never change, and a category of
    # the site's own (`published`) names no type: a conference's venue says more
    chosen = category in _TYPES and category != "manuscripts"
    kind = _TYPES[category] if chosen else "conference" if is_conference(venue) else _TYPES.get(category, "")
    page = page_paper(
        "academicpages",
        read,
        review,
        SourceLocation(str(path), 1),
        problems,
        registry,
        et_al=et_al,
        venue=venue,
        type=kind,
        draft=data.get("published") is False,  # Jekyll leaves such a page out, so does the site
        equal_contribution=equal,
        corresponding=corresponding,
    )
    if cited is None:
        return page
    # The page's own BibTeX names the authors and the venue as the paper is cited; the page adds
    # its links, its abstract and whatever else the entry lacks, as a Hugo Blox page its cite.bib.
    (paper,) = with_page([cited], page)
    if byline and not (paper.equal_contribution or paper.corresponding):
        paper = dataclasses.replace(paper, **_roles_by_byline(paper.authors, byline, legend))
    # `…: CVPR` in the entry, `IEEE/CVF Conference on … (CVPR 2023)` on the page: the page's says more
    venue = page.venue if paper.venue and paper.venue.casefold() in page.venue.casefold() else paper.venue
    review = "; ".join(dict.fromkeys(part for text in (paper.review, page.review) for part in text.split("; ") if part))
    return dataclasses.replace(paper, source_id=page.source_id, venue=venue, review=review)


def _roles_by_byline(authors: tuple[str, ...], byline: list[tuple[str, str]], legend: str) -> dict[str, tuple[str, ...]]:
    """Equal contribution and corresponding authors as the page's byline marks them, its names
    matched to the entry's authors by family name (`Hao Wen†` is the entry's `Wen, Hao`)."""
    marks = {family_name(name): mark for name, mark in byline if name.strip()}
    aligned = tuple(marks.get(family_name(author), "") if author.strip() else "" for author in authors)
    return marked_authors(authors, aligned, legend) if any(aligned) else {}


_ENTRY_START = re.compile(r"\s*@[A-Za-z]+\s*[{(]")


def _cited(
    path: Path, data: dict[str, Any], text: str, problems: Problems, files: Files, as_of: dt.date, registry: Registry
) -> Paper | None:
    """The paper of the BibTeX entry the page carries, in a field (`bibtex: |`) or a code block of
    its text; None without one."""
    from site_builder.importing.bibimport import embedded_paper  # the .bib import reads these pages

    given = next((value for value in data.values() if isinstance(value, str) and _ENTRY_START.match(value)), None)
    block = CITATION_BLOCK.search(text)
    entry = given if given is not None else block.group("entry") if block else None
    return embedded_paper(entry, SourceLocation(str(path), 1), registry, problems, files, as_of) if entry else None


def _plain(text: str) -> str:
    """Text without the HTML the theme's fields carry (`<i>Venue</i>`, `&quot;`)."""
    return " ".join(html.unescape(_TAG.sub("", text)).split())


def _authors(
    data: dict[str, Any], review: list[str], cited: bool = False, byline: list[tuple[str, str]] | None = None
) -> tuple[list[str], tuple[str, ...], bool]:
    """The authors, the marks after their names (`Xing Hu†`, `Shan Gao¹`) and whether the list is
    cut short: an `authors`/`author` field (`Author` too) when the page has one, else the names
    its `citation` starts with, else its text's `byline`; a reading that does not look like names
    is said in `review`. `cited`: the page's own BibTeX names them, so a page without them needs
    no look."""
    given = next((data[key] for key in ("authors", "author", "Authors", "Author") if key in data), None)
    if isinstance(given, list):
        (names, marks), et_al = unmarked(usable_names(_plain(page_text(name)) for name in given)), False
    elif cited and not given:
        return [], (), False
    elif byline and not given and not page_text(data.get("citation")):
        review.append(f"the authors were read from the byline above its abstract as {', '.join(n for n, _ in byline)}: check them")
        return [name for name, _ in byline], tuple(mark for _, mark in byline), False
    else:
        names, marks, et_al = _read_names(given, data, review)
    if not names:
        review.append("the page names no authors: add them")
    return names, marks, et_al


def _read_names(given: Any, data: dict[str, Any], review: list[str]) -> tuple[list[str], tuple[str, ...], bool]:
    """The names an `author` text, else the page's `citation`, starts with; a reading that does
    not look like names is said in `review`."""
    text = _plain(page_text(given)) if given else ""
    if not text:
        citation = _plain(page_text(data.get("citation")))
        cut = _YEAR.search(citation) or _TITLE_QUOTE.search(citation)
        text = citation[: cut.start()] if cut else ""
        if citation and not cut:
            review.append("its `citation` has no year in parentheses after the authors: add `authors:` by hand")
    written, et_al = split_name_text(text)
    names, marks = unmarked(written)
    if names and not all(is_name(name) for name in names):
        review.append(f"the authors were read from its `citation` as {', '.join(names)}: check them")
    return names, marks, et_al


def _body(text: str) -> tuple[str, str, list[tuple[str, str]]]:
    """The page's abstract (`pagebody`: without the template's "Download paper here" and
    "Recommended citation" lines or lines of Liquid), the address the first of them links, and
    the links its lines of links name."""
    body = _LIQUID_LINE.sub("", _SITE_PATH.sub("", text))
    download = next((match.group(1) for match in _TEMPLATE_LINES.finditer(body) if match.group(1)), "")
    abstract, links = page_abstract(_TEMPLATE_LINES.sub("", body))
    return abstract, download, links


def _links(data: dict[str, Any], more: list[tuple[str, str]], root: Path, review: list[str], files: Files) -> tuple[dict[str, str], str]:
    """`paperurl` (a PDF, else the paper's page), `slidesurl`, `codeurl` and the `more` (address, kind) the
    text links (`paper` for the paper itself); a file the old site served from its own folder
    (`/files/paper1.pdf`) is copied into the site."""
    links: dict[str, str] = {}
    pdf = ""
    paper, slides, code = (_SITE_PATH.sub("", page_text(data.get(key))) for key in ("paperurl", "slidesurl", "codeurl"))
    given = ((paper, "pdf"), (slides, "slides"), (code, "code"))
    for value, label in (*given, *((url, "pdf" if kind == "paper" else kind) for url, kind in more)):
        url = _served(value, root, label, review, files) if value else ""
        if not url:
            continue
        if arxiv_id(url) and "arxiv.org" in url:
            links.setdefault("preprint", url)  # the one arXiv button the paper's id would give it too
        elif label == "pdf" and urlsplit(url).path.lower().endswith(".pdf"):
            pdf = pdf or url
        else:
            links.setdefault("url" if label == "pdf" else label, url)
    return links, pdf


def _served(value: str, root: Path, label: str, review: list[str], files: Files) -> str:
    """A link as the new site links it: the old site's own file (`/files/x.pdf`, or its address
    on the old site when the file is in `root`) copied in; any other web address as it is."""
    path = urlsplit(value).path if "://" in value else value
    local = root / path.lstrip("/") if path.strip("/") else None
    if local is not None and local.is_file():
        folder = "pdf" if label == "pdf" and local.suffix.lower() == ".pdf" else "files"
        if files.copy(local, f"static/{folder}/{local.name}", review):
            return f"/static/{folder}/{local.name}"
    if is_web_address(value):
        return value
    review.append(f"its `{label}` link {value!r} is a file of the old site that was not found: copy it into static/ and link it")
    return ""
