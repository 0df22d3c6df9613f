"""Plans every page of the site: its path, template, context and a digest of what it shows.

The digest covers everything the page's template receives, so a page whose digest did not
change since the last build need not be rendered again. Two pages on one path is an error.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from site_builder.catalog import Catalog
from site_builder.config import CITATION_FILES
from site_builder.errors import Problems, SourceLocation
from site_builder.model import Author, Paper, Topic
from site_builder.search import part_folders
from site_builder.urls import bib_path, feed_path, path_for

PAGE_SIZE = 200
"""Papers a list page shows before it continues on `page/2/`: keeps every page well under 1 MB."""
FEED_SIZE = 50
"""Newest papers in each Atom feed."""


@dataclass(frozen=True, slots=True)
class Pagination:
    number: int
    count: int
    pages: tuple[tuple[int, str], ...]
    """(number, site path) of every page of this list."""
    previous: str | None = None
    next: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    path: str
    """Site path: `""`, `papers/x/`, `sitemap.xml`."""
    template: str
    source: str
    """What this page comes from, for messages: a content file or a site-wide listing."""
    context: dict[str, Any] = field(default_factory=dict)
    in_sitemap: bool = True
    kind: str = "template"
    """`template` (Jinja), or `bibtex`, `ris`, `csljson`: citation records of `context["papers"]`."""


def _paginated(path: str, papers: tuple[Paper, ...]) -> list[tuple[str, tuple[Paper, ...], Pagination]]:
    chunks = [papers[i : i + PAGE_SIZE] for i in range(0, len(papers), PAGE_SIZE)] or [()]
    paths = [path if n == 1 else f"{path}page/{n}/" for n in range(1, len(chunks) + 1)]
    numbered = tuple(enumerate(paths, start=1))
    return [
        (
            paths[i],
            chunk,
            Pagination(i + 1, len(chunks), numbered, paths[i - 1] if i else None, paths[i + 1] if i + 1 < len(chunks) else None),
        )
        for i, chunk in enumerate(chunks)
    ]


def plan_pages(catalog: Catalog, problems: Problems) -> list[Page]:
    pages: list[Page] = []

    def listing(path: str, template: str, source: str, papers: tuple[Paper, ...], **context: Any) -> None:
        for page_path, chunk, pagination in _paginated(path, papers):
            pages.append(Page(page_path, template, source, {**context, "papers": chunk, "pagination": pagination, "total": len(papers)}))

    def feed(target: object, title: str, papers: tuple[Paper, ...]) -> None:
        if not catalog.config.feeds:
            return
        newest = papers[:FEED_SIZE]
        # The newest paper's date, not the clock: the same content gives the same feed.
        updated = f"{newest[0].date.isoformat()}T00:00:00Z" if newest else "1970-01-01T00:00:00Z"
        html = "" if target is None else path_for(target)
        context = {"papers": newest, "feed_title": title, "html_path": html, "updated": updated}
        pages.append(Page(feed_path(target), "feed.xml", f"the feed of {html or 'the site'}", context, in_sitemap=False))

    formats = [(extension, kind) for kind, extension, _ in CITATION_FILES if kind in catalog.config.exports]

    def bibliography(target: object, papers: tuple[Paper, ...]) -> None:
        key = catalog.citation_keys[target.slug] if isinstance(target, Paper) else "publications"
        stem = bib_path(target, key, "")  # `papers/x/cai2022x.`: the three formats differ only in extension
        context = {"papers": papers}
        for extension, kind in formats:
            pages.append(Page(stem + extension, kind, f"the citations in {stem}{extension}", context, in_sitemap=False, kind=kind))

    listing("", "home.html", "the home page", catalog.papers)
    if catalog.config.search:
        pages.append(Page(path_for("search"), "search.html", "the search page", {"bundles": part_folders(len(catalog.papers))}))
    feed(None, f"{catalog.config.title}: new papers", catalog.papers)
    bibliography(None, catalog.papers)
    pages.append(
        Page(
            path_for("authors"),
            "authors.html",
            "the author index",
            {"entries": [(a, len(catalog.papers_by_author[a.slug])) for a in catalog.authors]},
        )
    )
    pages.append(
        Page(
            path_for("topics"),
            "topics.html",
            "the topic index",
            {"entries": [(t, len(catalog.papers_by_topic[t.slug])) for t in catalog.topics]},
        )
    )
    pages.append(Page(path_for("404"), "404.html", "the not-found page", {}, in_sitemap=False))
    for paper in catalog.papers:
        pages.append(Page(path_for(paper), "paper.html", paper.source_path or paper.slug, {"paper": paper}))
        bibliography(paper, (paper,))
    for author in catalog.authors:
        coauthors = catalog.coauthors.get(author.slug, ())
        listing(
            path_for(author),
            "author.html",
            f"author {author.name!r}",
            catalog.papers_by_author[author.slug],
            author=author,
            coauthors=coauthors,
        )
        feed(author, f"{author.name}: new papers", catalog.papers_by_author[author.slug])
        bibliography(author, catalog.papers_by_author[author.slug])
    for topic in catalog.topics:
        listing(path_for(topic), "topic.html", f"topic {topic.name!r}", catalog.papers_by_topic[topic.slug], topic=topic)
        feed(topic, f"{topic.name}: new papers", catalog.papers_by_topic[topic.slug])
        bibliography(topic, catalog.papers_by_topic[topic.slug])
    for year in catalog.years:
        listing(path_for(year), "year.html", f"year {year}", catalog.papers_by_year[year], year=year)
    sitemap = [p.path for p in pages if p.in_sitemap]
    pages.append(Page("sitemap.xml", "sitemap.xml", "the sitemap", {"paths": sitemap}, in_sitemap=False))
    pages.append(Page("robots.txt", "robots.txt", "robots.txt", {}, in_sitemap=False))

    owners: dict[str, Page] = {}
    for page in pages:
        if page.path in owners and owners[page.path].source == page.source:
            continue  # a file derived from a page already reported (a paper's .bib)
        if page.path in owners:
            problems.error(
                SourceLocation(page.source),
                f"two pages on one URL /{page.path}: {owners[page.path].source} and {page.source}",
                "rename one of them",
            )
        else:
            owners[page.path] = page
    return pages


class Digests:
    """Digests of what pages show; a paper's covers its file, its resolved authors and topics and
    its citation key (which another paper's edit can change: keys are unique site-wide)."""

    def __init__(self, catalog: Catalog, site_digest: str, known: dict | None = None):
        """`known` carries paper digests between builds of one process: a paper whose file, authors
        and topics are unchanged keeps its digest without hashing its text again."""
        self.site = site_digest
        self._reprs: dict[int, str] = {}
        self._lists: dict[int, tuple[Any, str]] = {}
        """repr of each author and topic object, made once per build (they recur on many pages)."""
        known = {} if known is None else known
        self.papers = {}
        for paper in catalog.papers:
            facts = (catalog.authors_of[paper.slug], catalog.topics_of[paper.slug], catalog.citation_keys[paper.slug])
            entry = known.get(paper.slug)
            if entry is None or entry[0] is not paper or entry[1] != facts:
                entry = known[paper.slug] = (paper, facts, _hash(repr((paper, facts))))
            self.papers[paper.slug] = entry[2]

    def of(self, page: Page) -> str:
        parts = [self.site, page.path, page.template]
        for key in sorted(page.context):
            parts.append(key)
            parts.append(self._value(page.context[key]))
        return _hash("\0".join(parts))

    def _value(self, value: Any) -> str:
        kind = type(value)
        if kind is Paper:
            return self.papers[value.slug]
        if kind is tuple or kind is list:
            # One list of papers is shown by several pages (a list, its feed, its three citation
            # files): hash it once. Ids are stable while the catalog is alive, which is this build.
            memo = self._lists.get(id(value))
            if memo is not None and memo[0] is value:
                return memo[1]
            if value and type(value[0]) is Paper:  # the common case, kept fast: lists of papers
                papers = self.papers
                digest = _hash("|".join([papers[paper.slug] for paper in value]))
            else:
                digest = _hash("|".join([self._value(item) for item in value]))
            self._lists[id(value)] = (value, digest)
            return digest
        if kind is Author or kind is Topic:
            text = self._reprs.get(id(value))
            if text is None:
                text = self._reprs[id(value)] = repr(value)
            return text
        if kind in (Pagination, str, int):
            return repr(value)
        raise TypeError(f"no digest for {kind.__name__}")


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
