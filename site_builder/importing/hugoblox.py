"""A Hugo Blox (Wowchemy, Hugo Academic) publication page -> a paper.

A Hugo Blox site keeps each paper in a folder of `content/publication/`: an `index.md` whose
front matter (YAML between `---` lines, TOML between `+++` in older sites) holds the title,
authors, date, venue, abstract and the links the site shows (`url_pdf`, `url_code`, `links:`),
often a `cite.bib` beside it, and a `featured.png`. A page beside a `cite.bib` completes that
entry's paper (its links, `featured`, the short venue); a page without one is a paper itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

from site_builder.errors import Problems, SourceLocation
from site_builder.importing.biblinks import Files, preview_image
from site_builder.importing.bibnames import marked_authors, strip_marks
from site_builder.importing.bibtitle import page_title
from site_builder.importing.identity import same_paper, source_id
from site_builder.importing.merge import fill_in
from site_builder.importing.normalize import assign_topics, base_slug
from site_builder.importing.pagebody import hugo_page_text, page_abstract
from site_builder.importing.textfile import decoded_text
from site_builder.site.model import Paper
from site_builder.source.frontmatter import fenced_lines
from site_builder.source.registry import Registry
from site_builder.source.yamlfile import is_missing, parse_yaml
from site_builder.text import dates
from site_builder.text.identifiers import arxiv_id, normalize_doi
from site_builder.text.links import LINK_LABELS, is_web_address

_TYPES = {
    "1": "conference", "2": "journal", "3": "preprint", "4": "report", "5": "book", "6": "chapter", "7": "thesis",
    "paper-conference": "conference", "article-journal": "journal", "article": "preprint", "report": "report",
    "book": "book", "chapter": "chapter", "thesis": "thesis",
}  # fmt: skip
"""`publication_types`, as Hugo Academic numbered them and as Hugo Blox names them (CSL's types)."""
_URL_LINKS = {
    "url_code": "code", "url_dataset": "dataset", "url_poster": "poster", "url_project": "project",
    "url_slides": "slides", "url_source": "url", "url_video": "video",
}  # fmt: skip
_MARKDOWN = re.compile(r"[*_`]+")


def is_publication_page(path: Path) -> bool:
    """Whether `path` is a Hugo Blox publication page: an `index.md` in a folder of
    `publication/` (or `publications/`) that names its authors or its publication."""
    if path.name != "index.md" or path.parent.parent.name not in ("publication", "publications"):
        return False
    return bool(re.search(r"^(?:authors|publication|publication_types)\s*[:=]", page_head(path), re.MULTILINE))


def page_head(path: Path) -> str:
    """The start of a page, enough for its front matter, to tell what kind of page it is; ""
    when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")[:20_000]
    except OSError:
        return ""


def read_page(path: Path, problems: Problems, files: Files, left_out: list[str], as_of: dt.date, registry: Registry) -> Paper | None:
    """The paper a publication page describes, or None when its front matter cannot be read or
    names no title (said as a warning, the page added to `left_out`). `as_of` dates a page
    without a date (a guess its `review` names); the registry's keyword topics are assigned as
    for any import."""
    shown = str(path)
    titled = titled_page(path, problems, left_out)
    if titled is None:
        return None
    data, title, text = titled
    review: list[str] = []
    authors, marks = _authors(data.get("authors"), path, review, problems)
    day, precision = page_date((data.get("date") or data.get("publishDate"),), review, as_of)
    links, pdf = _links(data, path, review, files)
    doi = normalize_doi(page_text(data.get("doi"))) or ""
    equal, corresponding = _author_notes(authors, data.get("author_notes"), marks, review)
    image = preview_image({}, review, files)
    abstract = data["abstract"].strip() if isinstance(data.get("abstract"), str) else ""  # Markdown, its paragraphs kept
    notes, listed = page_abstract(hugo_page_text(text))
    for kind, url in listed:
        if url not in links.values():
            links.setdefault(kind, url)
    return page_paper(
        "hugoblox",
        Paper(
            slug="",
            title=title,
            authors=tuple(authors),
            date=day,
            date_precision=precision,
            doi=doi,
            pdf=pdf,
            links=links,
            body=_with_page_text(abstract, notes, review),
            topics=_tags(data.get("tags")),
        ),
        review,
        SourceLocation(shown, 1),
        problems,
        registry,
        venue=page_venue(data.get("publication")),
        venue_short=page_venue(data.get("publication_short")),
        type=_type(data.get("publication_types")),
        image=image,
        selected=data.get("featured") is True,
        draft=data.get("draft") is True,  # a page Hugo leaves out stays out here, until a person says
        equal_contribution=equal,
        corresponding=corresponding,
    )


def _with_page_text(abstract: str, text: str, review: list[str]) -> str:
    """The paper's text: the page's `abstract`, and what the page's own text (`text`, see
    `pagebody`) says besides, kept after it (a person wrote it), each said in `review`."""
    flat_abstract, flat_text = " ".join(abstract.split()), " ".join(text.split())
    if not flat_text or flat_text in flat_abstract:
        return abstract
    if not flat_abstract:
        review.append("its abstract is the page's own text: check that it is the abstract")
        return text
    review.append("the page's own text is kept after its abstract: check it, and delete what is not the paper's")
    return text if flat_abstract in flat_text else f"{abstract}\n\n{text}"


def page_paper(
    source: str, read: Paper, review: list[str], where: SourceLocation, problems: Problems, registry: Registry, **fields
) -> Paper:
    """The paper a site generator's page gives (`read`: what it says, its own topics too;
    `fields`: the rest), with the slug, keyword topics, arXiv id from its links, review and
    identity every import gives (`source`: `hugoblox`, `academicpages`); what the review says
    is said as warnings too."""
    review.extend(_sample_parts(read))
    for message in review:
        problems.warning(where, message, "see the paper's `review`")
    arxiv = next((found for found in (arxiv_id(url) for url in (read.pdf, *read.links.values()) if "arxiv.org" in url) if found), "")
    return dataclasses.replace(
        read,
        slug=base_slug(read.title),
        category="",
        arxiv=arxiv,
        topics=tuple(dict.fromkeys((*assign_topics(read.title, read.body, registry.topics), *read.topics))),
        review="; ".join(review),
        source_id=source_id(source, read.title, read.date.year, read.doi, arxiv),
        **fields,
    )


_SAMPLE_TITLE = re.compile(
    r"Paper Title Number \d+"
    r"|An example (?:journal article|conference paper|preprint(?: / working paper)?|book(?: section)?|thesis|report|patent)",
    re.IGNORECASE,
)
"""The titles of the sample publications academicpages and Hugo Blox start a site with."""
_SAMPLE_TEXT = re.compile(
    r"^\s*(?:Lorem ipsum|The contents above will be part of a list of publications|This paper is about the number \d)"
)


def _sample_parts(read: Paper) -> list[str]:
    """What of a page is still the theme's sample: its title, its text, or both (the sample
    itself, which the old site showed as a paper). Imported all the same, with the review
    saying so: many sites wrote their own paper into the sample's page and kept its title."""
    title, text = bool(_SAMPLE_TITLE.fullmatch(read.title.strip())), bool(_SAMPLE_TEXT.match(read.body))
    if title and text:
        return ["this page is the theme's own sample publication, not a paper of the lab's: delete its file, or write the paper into it"]
    if title:
        return [f"its title {read.title!r} is the theme's sample title: write the paper's own"]
    return ["its abstract is the theme's sample text: write the paper's own, or delete it"] if text else []


def with_page(papers: list[Paper], page: Paper | None) -> list[Paper]:
    """The papers of a `cite.bib`, the one its page describes completed by the page: the page's
    links, `featured`, `draft`, short venue and whatever else the entry lacks. A page that describes none
    of them (a `cite.bib` of several entries) is a paper of its own."""
    if page is None:
        return papers
    match = papers[0] if len(papers) == 1 else next((paper for paper in papers if same_paper(paper, page)), None)
    if match is None:
        return [*papers, page]
    completed = fill_in(match, page)
    topics = tuple(dict.fromkeys((*match.topics, *page.topics)))
    completed = dataclasses.replace(completed, selected=match.selected or page.selected, draft=page.draft, topics=topics)
    return [completed if paper is match else paper for paper in papers]


def titled_page(path: Path, problems: Problems, left_out: list[str]) -> tuple[dict[str, Any], str, str] | None:
    """A publication page's front matter, title and text after the front matter; None, said as
    a warning and the page added to `left_out`, when the front matter cannot be read or names no
    title."""
    read = page_front_matter(path, problems)
    title = page_title(page_text(read[0].get("title"))) if read is not None else ""
    if read is not None and not title:
        problems.warning(SourceLocation(str(path), 1), "a publication page without a title: left out", "give it `title:`")
    if read is None or not title:
        left_out.append(str(path))
        return None
    return read[0], title, read[1]


def page_front_matter(path: Path, problems: Problems) -> tuple[dict[str, Any], str] | None:
    """A site generator's page's front matter (YAML between `---` lines, TOML between `+++`) and
    the text after it; None, said as a warning, when it has none or it cannot be read."""
    shown = str(path)
    text = decoded_text(path.read_bytes(), shown, problems, "the page")
    fence = "+++" if text.startswith("+++") else "---"
    lines, closing = fenced_lines(text, fence)
    if not closing:  # none opened (0), or none closed (None)
        problems.warning(SourceLocation(shown, 1), "no front matter: left out", "a publication page starts with `---` or `+++`")
        return None
    front = "\n".join(lines[1:closing]) + "\n"
    if fence == "+++":
        try:
            data: Any = tomllib.loads(front)
        except tomllib.TOMLDecodeError as exc:
            problems.warning(SourceLocation(shown, 1), f"its TOML front matter cannot be read ({exc}): left out", "fix the front matter")
            return None
    else:
        found = Problems()
        data = parse_yaml(front, found, shown, first_line=2)
        if is_missing(data):  # the page is left out; the rest of the import goes on
            problems.items += [dataclasses.replace(problem, severity="warning") for problem in found.items]
            return None
    return (data, "\n".join(lines[closing + 1 :])) if isinstance(data, dict) else None


def page_text(value: Any) -> str:
    """A front matter value as one line of text; "" for a list, a mapping, a boolean or nothing."""
    return " ".join(str(value).split()) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""


def _authors(value: Any, path: Path, review: list[str], problems: Problems) -> tuple[list[str], tuple[str, ...]]:
    """The page's authors and the marks written after each (`Hengyong Yu*`, `Weiwen Wu[*]`: the
    person is `Hengyong Yu`); an author that is the key of a profile of the old site (`admin`,
    Hugo Blox's name for the site's owner, or `jane-doe` for `content/authors/jane-doe/`) is
    the name on that profile."""
    names, marks = unmarked(page_text(name) for name in value) if isinstance(value, list) else ([], ())
    names = [_profile_name(path, name, problems) or name for name in names]
    if "admin" in names:
        review.append("an author is `admin`, the old site's owner, whose profile was not found: write their name")
    if not names:
        review.append("the page names no authors: add them")
    return names, marks


def _profile_name(path: Path, key: str, problems: Problems) -> str:
    """The name on the profile `content/authors/<key>/_index.md` of the site `path` is in, or "";
    a profile saved in another encoding is read as the pages are (`decoded_text`), said."""
    if not re.fullmatch(r"[\w-]+", key):  # a name as written (`Robert Ford`), not a profile's key
        return ""
    for content in path.parents:
        profile = content / "authors" / key / "_index.md"
        if profile.is_file():
            text = decoded_text(profile.read_bytes(), str(profile), problems, "the profile")
            match = re.search(r"^(?:title|name)\s*[:=]\s*['\"]?(.+?)['\"]?\s*$", text, re.MULTILINE)
            return match.group(1) if match else ""
    return ""


def page_date(candidates: tuple[Any, ...], review: list[str], as_of: dt.date) -> tuple[dt.date, str]:
    """The day the first readable candidate names (`2015-09-01T00:00:00Z`, `2023`, a TOML date
    or datetime); without one, the import's year, a guess the review says."""
    for value in candidates:
        parsed = dates.parse_date(str(value)[:10]) if value else None
        if parsed is not None:
            return parsed
    review.append(f"the page gives no date: {as_of.year}, the year of the import, is a guess; set `date`")
    return dt.date(as_of.year, 1, 1), dates.YEAR


def _tags(value: Any) -> tuple[str, ...]:
    """The page's `tags`, which the old site listed and linked like topics: the paper's own topics."""
    return tuple(dict.fromkeys(tag for tag in (page_text(item) for item in value) if tag)) if isinstance(value, list) else ()


def page_venue(value: Any) -> str:
    """`In *Proceedings of CVPR*`, `*Journal of X, 1*(1)` -> the venue's words."""
    text = _MARKDOWN.sub("", page_text(value))
    return re.sub(r"^In\s+", "", text).strip(" ,.")


def _type(value: Any) -> str:
    first = value[0] if isinstance(value, list) and value else value
    return _TYPES.get(str(first), "") if first is not None else ""


def _links(data: dict[str, Any], path: Path, review: list[str], files: Files) -> tuple[dict[str, str], str]:
    """`url_code` and its kin, the `links:` list, and the PDF: `url_pdf`, else the PDF Hugo Blox
    links by itself, the one named after the page's folder."""
    links: dict[str, str] = {}
    for key, label in _URL_LINKS.items():
        url = page_text(data.get(key))
        if url and is_web_address(url):
            links.setdefault(label, url)
    for item in data.get("links") if isinstance(data.get("links"), list) else ():
        if isinstance(item, dict) and is_web_address(page_text(item.get("url"))):
            links.setdefault(_link_label(page_text(item.get("type")), page_text(item.get("name"))), page_text(item["url"]))
    url_pdf = page_text(data.get("url_pdf"))
    pdf = url_pdf if is_web_address(url_pdf) else ""
    bundled = path.parent / f"{path.parent.name}.pdf"
    local = path.parent / url_pdf if url_pdf and not pdf and "/" not in url_pdf else bundled
    if not pdf and local.is_file():
        if files.copy(local, f"static/pdf/{local.name}", review):
            pdf = f"/static/pdf/{local.name}"
        else:
            review.append(f"its PDF is {local}: copy it into static/pdf/ and set `pdf`")
    elif url_pdf and not pdf:
        review.append(f"its `url_pdf` {url_pdf!r} is a file of the old site: copy it into static/pdf/ and set `pdf`")
    return links, pdf


def _link_label(kind: str, name: str) -> str:
    """A `links:` item's label: its `type` or its name when it is one of ours (`code`, `Slides`),
    else its name as the page showed it (`Custom Link`)."""
    for candidate in (kind, name):
        folded = _URL_LINKS.get(f"url_{candidate.casefold()}", candidate.casefold())
        if folded in LINK_LABELS:
            return folded
    return name or kind or "link"


def _author_notes(authors: list[str], notes: Any, marks: tuple[str, ...], review: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Hugo Blox's `author_notes` (one note per author, in order): "Equal contribution" and
    "Corresponding author" (or "communication", 通讯作者) mark those authors; without them, the
    marks written after names (`marked_roles`)."""
    pairs = list(zip(authors, notes, strict=False)) if isinstance(notes, list) else []
    equal = tuple(name for name, note in pairs if "equal" in page_text(note).casefold())
    corresponding = tuple(name for name, note in pairs if re.search("correspond|communicat|通讯", page_text(note).casefold()))
    return (equal, corresponding) if equal or corresponding else marked_roles(authors, marks, review)


def unmarked(written) -> tuple[list[str], tuple[str, ...]]:
    """Names as a page writes them, without the marks after them (`Hengyong Yu*`, `Weiwen Wu[*]`,
    `Shan Gao¹`: the person is `Hengyong Yu`), and the marks of each."""
    pairs = [strip_marks(name) for name in written]
    return [name for name, _ in pairs if name], tuple(mark for name, mark in pairs if name)


def marked_roles(
    authors: list[str], marks: tuple[str, ...], review: list[str], legend: str = ""
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Equal contribution and corresponding authors by the marks after names, as the page's
    `legend` explains them (`† Equal contribution. * Corresponding author.`); without one, read
    as a .bib's without an annotation are (`*` equal contribution, `✉` corresponding), and the
    review says so."""
    if not any(marks):
        return (), ()
    marked = marked_authors(tuple(authors), marks, legend)
    if legend:
        return marked["equal_contribution"], marked["corresponding"]
    equal, corresponding = marked["equal_contribution"], marked["corresponding"]
    said = [what for what, who in (("equal contribution", equal), ("corresponding authors", corresponding)) if who]
    review.append(
        f"marks after authors' names ({''.join(dict.fromkeys(''.join(marks)))}) were taken off and read as "
        f"{' and '.join(said) or 'neither equal contribution nor corresponding authors'}: "
        "if they mean otherwise, set `equal_contribution` and `corresponding`"
    )
    return equal, corresponding
