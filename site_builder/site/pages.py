"""Plans every page of the site: its path, template, context and a digest of what it shows.

Pages come in groups made from one thing (a paper, an author, a topic, a year, the whole site).
The digest covers everything the page's template receives, so a page whose digest did not
change since the last build need not be rendered again. Two pages on one path is an error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import orjson

from site_builder.errors import Problems, SourceLocation
from site_builder.output.search import part_folders
from site_builder.site.catalog import Catalog
from site_builder.site.model import Author, Paper, Topic
from site_builder.site.urls import bib_path, feed_path, path_for
from site_builder.source.config import CITATION_FILES
from site_builder.source.sitepages import SitePage

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


@dataclass(slots=True)
class Plan:
    pages: list[Page]
    manifest: dict[str, str]
    """Page path -> digest, for every page."""
    digests: Digests
    paper_paths: list[str]
    """Site paths of the paper pages (the search index reads them)."""
    fresh: list[Page] = field(default_factory=list)
    """Pages planned anew (the speed layer's planner reuses the others from its last plan)."""
    paths_changed: bool = True
    """Whether the set of paths may differ from the last plan's."""


def plan_site(catalog: Catalog, site_digest: str, problems: Problems) -> Plan:
    """Every page of the site with the digest of what it shows; two pages on one path is an
    error. `site_digest` stands for what every page depends on (templates, settings)."""
    digests = Digests(catalog, site_digest)
    pages = [page for _, _, _, make in page_groups(catalog) for page in make()]
    pages.append(sitemap_page(tuple(page.path for page in pages if page.in_sitemap)))
    check_unique_paths(pages, problems)
    manifest = {page.path: digests.of(page) for page in pages}
    return Plan(pages, manifest, digests, [path_for(paper) for paper in catalog.papers], list(pages))


def sitemap_page(paths: tuple[str, ...]) -> Page:
    return Page("sitemap.xml", "sitemap.xml", "the sitemap", {"paths": paths}, in_sitemap=False)


GroupSpec = tuple[tuple, tuple, "tuple[Paper, ...] | None", "Callable[[], list[Page]]"]


class _Pages:
    """How each kind of page is planned, for one catalog."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.config = catalog.config
        self.formats = [(extension, kind) for kind, extension, _ in CITATION_FILES if kind in catalog.config.exports]

    def listing(self, path: str, template: str, source: str, papers: tuple[Paper, ...], **context: Any) -> list[Page]:
        return [
            Page(page_path, template, source, {**context, "papers": chunk, "pagination": pagination, "total": len(papers)})
            for page_path, chunk, pagination in _paginated(path, papers)
        ]

    def feed(self, target: object, title: str, papers: tuple[Paper, ...]) -> list[Page]:
        if not self.config.feeds:
            return []
        newest = papers[:FEED_SIZE]
        # The newest paper's date, not the clock: the same content gives the same feed.
        updated = f"{newest[0].date.isoformat()}T00:00:00Z" if newest else "1970-01-01T00:00:00Z"
        html = "" if target is None else path_for(target)
        context = {"papers": newest, "feed_title": title, "html_path": html, "updated": updated}
        return [Page(feed_path(target), "feed.xml", f"the feed of {html or 'the site'}", context, in_sitemap=False)]

    def bibliography(self, target: object, papers: tuple[Paper, ...]) -> list[Page]:
        if not self.formats:
            return []
        key = self.catalog.citation_keys[target.slug] if isinstance(target, Paper) else "publications"
        stem = bib_path(target, key, "")  # `papers/x/cai2022x.`: the three formats differ only in extension
        context = {"papers": papers}
        return [
            Page(stem + extension, kind, f"the citations in {stem}{extension}", context, in_sitemap=False, kind=kind)
            for extension, kind in self.formats
        ]

    def site_wide(self) -> list[Page]:
        everything = self.catalog.papers
        return self.feed(None, f"{self.config.title}: new papers", everything) + self.bibliography(None, everything)

    def paper(self, paper: Paper) -> list[Page]:
        return [Page(path_for(paper), "paper.html", paper.source_path or paper.slug, {"paper": paper}), *self.bibliography(paper, (paper,))]

    def author(self, author: Author, papers: tuple[Paper, ...], coauthors: tuple) -> list[Page]:
        name = author.name
        pages = self.listing(path_for(author), "author.html", f"author {name!r}", papers, author=author, coauthors=coauthors)
        return pages + self.feed(author, f"{name}: new papers", papers) + self.bibliography(author, papers)

    def topic(self, topic: Topic, papers: tuple[Paper, ...]) -> list[Page]:
        pages = self.listing(path_for(topic), "topic.html", f"topic {topic.name!r}", papers, topic=topic)
        return pages + self.feed(topic, f"{topic.name}: new papers", papers) + self.bibliography(topic, papers)


def page_groups(catalog: Catalog, only: set[tuple] | None = None) -> Iterator[GroupSpec]:
    """(key, inputs, papers shown, make) for every group of pages (or those keyed in `only`);
    `make` plans the group's pages. The inputs name everything the pages show besides the
    papers' own digests."""

    def wanted(key: tuple) -> bool:
        return only is None or key in only

    make = _Pages(catalog)
    yield from _site_groups(catalog, make, wanted)
    yield from _item_groups(catalog, make, wanted)


def _site_groups(catalog: Catalog, make: _Pages, wanted: Callable[[tuple], bool]) -> Iterator[GroupSpec]:
    """The pages made from the whole site: home, the lab's pages, search, the site's feed and
    downloads, People, the topic index, 404 and robots.txt."""
    everything = catalog.papers
    if wanted(("home",)):
        selected, intro = catalog.selected, catalog.intro
        home = partial(make.listing, "", "home.html", "the home page", everything, selected=selected, intro=intro)
        yield ("home",), (everything, selected, intro), everything, home
    for site_page in catalog.site_pages:
        if wanted(key := ("page", site_page.slug)):
            yield key, (site_page,), None, _one(Page(path_for(site_page), "page.html", site_page.source, {"site_page": site_page}))
    if catalog.config.search and wanted(("search",)):
        bundles = part_folders(len(everything))
        yield ("search",), (bundles,), None, _one(Page(path_for("search"), "search.html", "the search page", {"bundles": bundles}))
    if wanted(("site",)):
        yield ("site",), (everything,), everything, make.site_wide
    if wanted(("authors",)):
        groups, others = people_groups(catalog)
        people = Page(path_for("authors"), "authors.html", "the People page", {"groups": groups, "others": others})
        yield ("authors",), (groups, others), None, _one(people)
    if wanted(("topics",)):
        subjects = tuple((t, len(catalog.papers_by_topic[t.slug])) for t in catalog.topics)
        yield ("topics",), subjects, None, _one(Page(path_for("topics"), "topics.html", "the topic index", {"entries": subjects}))
    if wanted(("404",)):
        yield ("404",), (), None, _one(Page(path_for("404"), "404.html", "the not-found page", {}, in_sitemap=False))
    if wanted(("robots",)):
        yield ("robots",), (), None, _one(Page("robots.txt", "robots.txt", "robots.txt", {}, in_sitemap=False))


def _one(page: Page) -> Callable[[], list[Page]]:
    return lambda: [page]


def _item_groups(catalog: Catalog, make: _Pages, wanted: Callable[[tuple], bool]) -> Iterator[GroupSpec]:
    """The pages made from one paper, author, topic or year each."""
    for paper in catalog.papers:
        if wanted(key := ("paper", paper.slug)):
            yield key, (paper,), (paper,), partial(make.paper, paper)
    for author in catalog.authors:
        if wanted(key := ("author", author.slug)):
            papers, coauthors = catalog.papers_by_author[author.slug], catalog.coauthors.get(author.slug, ())
            yield key, (author, papers, coauthors), papers, partial(make.author, author, papers, coauthors)
    for topic in catalog.topics:
        if wanted(key := ("topic", topic.slug)):
            papers = catalog.papers_by_topic[topic.slug]
            yield key, (topic, papers), papers, partial(make.topic, topic, papers)
    for year in catalog.years:
        if wanted(key := ("year", year)):
            papers = catalog.papers_by_year[year]
            yield key, (papers,), papers, partial(make.listing, path_for(year), "year.html", f"year {year}", papers, year=year)


MEMBERS = "Lab members"
"""The People page's group for members whose role the registry does not give."""


def people_groups(catalog: Catalog) -> tuple[tuple, tuple]:
    """The People page: lab members with a role, grouped by role in `site.yaml`'s order (a role
    it does not name after those, alumni last), and everyone else, each with their paper count."""
    order = {role.casefold(): n for n, role in enumerate((*catalog.config.roles, MEMBERS))}

    def rank(role: str) -> tuple:
        alumni = "alum" in role.casefold()
        return (alumni, order.get(role.casefold(), len(order)), role.casefold())

    def role_of(author: Author) -> str:
        return author.role or (MEMBERS if author.member else "")

    counted = [(a, len(catalog.papers_by_author[a.slug])) for a in catalog.authors]
    roles = sorted({role_of(a) for a, _ in counted if role_of(a)}, key=rank)
    groups = tuple((role, tuple(entry for entry in counted if role_of(entry[0]) == role)) for role in roles)
    return groups, tuple(entry for entry in counted if not role_of(entry[0]))


def check_unique_paths(pages: list[Page], problems: Problems) -> None:
    owners: dict[str, Page] = {}
    for page in pages:
        known = owners.setdefault(page.path, page)
        if known is page or known.source == page.source:
            continue  # a file derived from a page already reported (a paper's .bib)
        problems.error(
            SourceLocation(page.source),
            f"two pages on one URL /{page.path}: {known.source} and {page.source}",
            "rename one of them",
        )


def plan_pages(catalog: Catalog, problems: Problems) -> list[Page]:
    """Every page of the site."""
    return plan_site(catalog, "", problems).pages


class PaperDigests:
    """Paper digests kept between the builds of one process: a paper whose object, authors, topics
    and citation key are unchanged keeps its digest without hashing its text again."""

    def __init__(self):
        self.entries: dict[str, tuple[Paper, tuple, str]] = {}
        self.digests: dict[str, str] = {}
        self.facts: tuple = ()
        """The catalog's `authors_of`, `topics_of` and `citation_keys` last time."""

    def update(self, catalog: Catalog, shown: dict[int, str]) -> set[str]:
        """Bring the digests up to `catalog`; the slugs whose digest is new. `shown`: the text of
        each author and topic by id (`_shown`), made once per plan (they recur on many papers
        and pages)."""
        facts = (catalog.authors_of, catalog.topics_of, catalog.citation_keys)
        # The same three mappings (an updated catalog keeps them): only a new paper object can
        # have a new digest, and spotting one costs a pointer comparison per paper.
        same_facts = len(facts) == len(self.facts) and all(a is b for a, b in zip(facts, self.facts, strict=True))
        self.facts = facts
        entries, changed = self.entries, set()
        kept, digests = (entries, self.digests) if same_facts else ({}, {})  # else papers may have gone
        for paper in catalog.papers:
            slug = paper.slug
            entry = entries.get(slug)
            if same_facts and entry is not None and entry[0] is paper:
                continue
            paper_facts = (catalog.authors_of[slug], catalog.topics_of[slug], catalog.citation_keys[slug])
            if entry is None or entry[0] is not paper or entry[1] != paper_facts:
                people = [_shown(x, shown) for x in (*paper_facts[0], *paper_facts[1])]
                digest = _hash("\0".join([_text_of(paper), *people, paper_facts[2]]))
                if entry is None or entry[2] != digest:
                    changed.add(slug)
                entry = (paper, paper_facts, digest)
            kept[slug] = entry
            digests[slug] = entry[2]
        self.entries, self.digests = kept, digests
        return changed


class Digests:
    """Digests of what pages show; a paper's covers its file, its resolved authors and topics and
    its citation key (which another paper's edit can change: keys are unique site-wide)."""

    def __init__(self, catalog: Catalog, site_digest: str, papers: PaperDigests | None = None):
        self.site = site_digest
        papers = papers or PaperDigests()
        self._shown: dict[int, str] = {}
        """The text of each author and topic object, made once per plan (they recur on many pages)."""
        self.changed = papers.update(catalog, self._shown)
        """Papers whose digest is new since the last build that shared `papers`."""
        self.papers = papers.digests
        self._lists: dict[int, tuple[Any, str]] = {}

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
        if kind is str or kind is int:
            return repr(value)
        if (kind is tuple or kind is list) and value and type(value[0]) is Paper:
            # One list of papers is shown by several pages (a list, its feed, its three citation
            # files): hash it once. Ids are stable while the catalog is alive, which is this build.
            memo = self._lists.get(id(value))
            if memo is not None and memo[0] is value:
                return memo[1]
            papers = self.papers
            digest = _hash("|".join([papers[paper.slug] for paper in value]))
            self._lists[id(value)] = (value, digest)
            return digest
        # Anything else (co-authors and their counts, the People page's groups, a pagination) in
        # one call; a record inside stands for its text, a paper for its digest.
        return orjson.dumps(value, default=self._record, option=orjson.OPT_PASSTHROUGH_DATACLASS).decode()

    def _record(self, value: Any) -> str:
        kind = type(value)
        if kind is Paper:
            return self.papers[value.slug]
        if kind is Author or kind is Topic or kind is SitePage:
            return _shown(value, self._shown)
        if kind is Pagination:  # one per page: nothing to remember
            return _text_of(value)
        raise TypeError(f"no digest for {kind.__name__}")


def _shown(value: Any, texts: dict[int, str]) -> str:
    """The text of `value`, made once per plan: ids are stable while the catalog is alive."""
    text = texts.get(id(value))
    if text is None:
        text = texts[id(value)] = _text_of(value)
    return text


def _text_of(value: Any) -> str:
    """Every field of a record, as text to hash: JSON by orjson (in under half the time `repr`
    takes on a paper), `repr` for what JSON cannot say (an integer past 64 bits)."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return repr(value)


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
