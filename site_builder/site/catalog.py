"""The whole-site index: papers by author, topic and year, sorted once, deterministically."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from site_builder.citations.bibtex import base_key, citation_keys
from site_builder.site.model import Author, Paper, Topic
from site_builder.source.config import SiteConfig
from site_builder.source.registry import Registry
from site_builder.source.sitepages import SitePage
from site_builder.text.names import name_slug

LARGE_TEAM = 50
"""A paper with more authors than this is a large collaboration's (ATLAS's 2,900, a genome
consortium's 300). Its authors get a page through the lab's other papers or the registry, not
through it: a page for each of thousands of names, each listing the others as co-authors, would
make a site of gigabytes. Lists show its first `SHOWN_OF_LARGE_TEAM` authors and the lab's
members; its own page has them all."""
SHOWN_OF_LARGE_TEAM = 10


def is_large_team(paper: Paper) -> bool:
    return len(paper.authors) > LARGE_TEAM


def _newest_first(paper: Paper) -> tuple:
    return (-paper.date.toordinal(), paper.title.casefold(), paper.slug)


@dataclass(frozen=True, slots=True)
class Catalog:
    config: SiteConfig
    papers: tuple[Paper, ...]
    """Newest first; ties by title, then slug."""
    authors: tuple[Author, ...]
    """Everyone with a page (`Author.page`) and at least one paper, by name."""
    topics: tuple[Topic, ...]
    """Every topic with at least one paper, by name."""
    years: tuple[int, ...]
    """Newest first."""
    authors_of: dict[str, tuple[Author, ...]]
    """Paper slug -> its authors, in listed order, aliases resolved."""
    topics_of: dict[str, tuple[Topic, ...]]
    """Paper slug -> its topics: the category's, then keyword topics."""
    papers_by_author: dict[str, tuple[Paper, ...]]
    papers_by_topic: dict[str, tuple[Paper, ...]]
    papers_by_year: dict[int, tuple[Paper, ...]]
    coauthors: dict[str, tuple[tuple[Author, int], ...]]
    """Author slug -> co-authors with the number of shared papers, most first."""
    citation_keys: dict[str, str]
    """Paper slug -> BibTeX key, unique site-wide (`cai2022efficientvit`)."""
    site_pages: tuple[SitePage, ...] = ()
    """The lab's own pages (`content/pages/`)."""
    intro: str = ""
    """The home page's introduction: `content/index.md`, else `site.yaml` `intro` (Markdown)."""
    selected: tuple[Paper, ...] = ()
    """Papers marked `selected: true`, newest first: the home page shows them before the rest."""
    authors_without_page: int = 0
    """People named only on large collaborations' papers, who have no page (see `LARGE_TEAM`)."""
    repeated_authors: dict[str, tuple[Author, ...]] = dataclasses.field(default_factory=dict)
    """Paper slug -> its authors as listed, for the papers that name one person twice (two
    people of one name, `Zhang, T and … and Zhang, T`): `authors_of` lists each once."""

    def listed_authors(self, paper: Paper) -> tuple[Author, ...]:
        """A paper's authors as it lists them, a name given twice twice: what its page shows and
        its citations name (relations, filters and author pages count each person once)."""
        return self.repeated_authors.get(paper.slug) or self.authors_of[paper.slug]

    def shown_authors(self, paper: Paper) -> tuple[tuple[Author | None, ...], int]:
        """The authors a list shows of a paper, None where it leaves some out between two it
        shows, and how many it leaves out: all of them, but of a large collaboration's paper its
        first `SHOWN_OF_LARGE_TEAM` and the lab's members named after them."""
        people = self.listed_authors(paper)
        if not is_large_team(paper):
            return people, 0
        shown: list[Author | None] = list(people[:SHOWN_OF_LARGE_TEAM])
        for n, person in enumerate(people[SHOWN_OF_LARGE_TEAM:], SHOWN_OF_LARGE_TEAM):
            if person.member:
                shown += [None, person] if shown[-1] is not people[n - 1] else [person]
        return tuple(shown), len(people) - sum(1 for person in shown if person is not None)

    @property
    def nav_pages(self) -> tuple[SitePage, ...]:
        """The lab's pages that are in the navigation, in their `nav` order."""
        return tuple(sorted((p for p in self.site_pages if p.nav is not None), key=lambda p: (p.nav, p.title.casefold(), p.slug)))

    def present_in(self, papers: tuple[Paper, ...]) -> tuple[tuple[int, ...], tuple[Topic, ...], tuple[Author, ...]]:
        """The years, topics and authors these papers have, in the catalog's order: the choices a
        list page's filter offers (one page of a long list holds a fraction of the site's)."""
        years = {paper.date.year for paper in papers}
        topics = {topic.slug for paper in papers for topic in self.topics_of[paper.slug]}
        authors = {author.slug for paper in papers for author in self.authors_of[paper.slug]}
        return (
            tuple(year for year in self.years if year in years),
            tuple(topic for topic in self.topics if topic.slug in topics),
            tuple(author for author in self.authors if author.slug in authors),
        )

    def group_by_year(self, papers: tuple[Paper, ...]) -> list[tuple[int, list[Paper]]]:
        groups: dict[int, list[Paper]] = {}
        for paper in papers:
            groups.setdefault(paper.date.year, []).append(paper)
        return list(groups.items())


def _unique(slug: str, taken: set[str]) -> str:
    candidate, n = slug or "x", 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _authors_by_name(
    config: SiteConfig, registry: Registry, papers: tuple[Paper, ...]
) -> tuple[dict[str, Author], dict[tuple[str, str], Author]]:
    """Every name on a paper (and every registered name and alias) -> its author: the registry's
    entry, or one made from the name; and (paper slug, name) -> the author a registry entry with
    `papers` is on those papers (two people of one name). Slugs unique, registered authors
    first, then those with a page (a large collaboration's names never move their slugs)."""
    members = set(config.members)
    registered: dict[str, Author] = {}
    scoped: dict[tuple[str, str], Author] = {}
    taken_slugs: set[str] = set()
    for author in sorted(registry.authors, key=lambda a: (a.name.casefold(), a.name, a.papers)):
        is_member = author.member or bool(members & {author.name, *author.aliases})
        entry = dataclasses.replace(author, slug=_unique(author.slug, taken_slugs), member=is_member)
        for name in (author.name, *author.aliases):
            if author.papers:
                scoped.update(((slug, name), entry) for slug in author.papers)
            else:
                registered.setdefault(name, entry)
    unregistered = [(p, n) for p in papers for n in p.authors if n not in registered and (p.slug, n) not in scoped]
    with_page = members | {n for p, n in unregistered if not is_large_team(p)}
    for name in sorted({n for _, n in unregistered}, key=lambda n: (n not in with_page, n.casefold(), n)):
        registered[name] = Author(name, _unique(name_slug(name), taken_slugs), member=name in members, page=name in with_page)
    return registered, scoped


def build_catalog(
    config: SiteConfig, registry: Registry, papers: list[Paper], site_pages: tuple[SitePage, ...] = (), intro: str = ""
) -> Catalog:
    if not papers and config.search:
        # Pagefind indexes paper pages: a site with none yet (a new lab's) has no search page.
        config = dataclasses.replace(config, search=False)
    ordered = tuple(sorted(papers, key=_newest_first))
    registered, scoped = _authors_by_name(config, registry, ordered)
    topics_by_key: dict[str, Topic] = {}
    taken_topic_slugs: set[str] = set()
    for topic in sorted(registry.topics, key=lambda t: (t.name.casefold(), t.name)):
        entry = Topic(topic.name, _unique(topic.slug, taken_topic_slugs), topic.description, topic.keywords)
        topics_by_key.setdefault(topic.name.casefold(), entry)
        topics_by_key.setdefault(topic.slug, entry)

    def topic_named(name: str) -> Topic:
        key = name.casefold()
        if key not in topics_by_key:
            topics_by_key[key] = Topic(name, _unique(name_slug(name), taken_topic_slugs))
        return topics_by_key[key]

    authors_of: dict[str, tuple[Author, ...]] = {}
    topics_of: dict[str, tuple[Topic, ...]] = {}
    by_author: dict[str, list[Paper]] = defaultdict(list)
    by_topic: dict[str, list[Paper]] = defaultdict(list)
    by_year: dict[int, list[Paper]] = defaultdict(list)
    pair_counts: dict[str, Counter] = defaultdict(Counter)
    used_authors: dict[str, Author] = {}
    repeated: dict[str, tuple[Author, ...]] = {}
    used_topics: dict[str, Topic] = {}
    for topic_name in sorted({n for p in ordered for n in p.topics}):
        topic_named(topic_name)  # slugs assigned in name order, whatever the paper order
    for paper in ordered:
        # dedupe by identity: hashing a frozen dataclass hashes every field, which adds up at scale
        listed = tuple(scoped.get((paper.slug, name)) or registered[name] for name in paper.authors)
        people = tuple({id(a): a for a in listed}.values())
        if len(people) < len(listed):
            repeated[paper.slug] = listed
        names = [registry.category_topic(paper.category)] if paper.category else []
        subjects = tuple({id(t): t for t in (topic_named(n) for n in [*names, *paper.topics])}.values())
        authors_of[paper.slug] = people
        topics_of[paper.slug] = subjects
        by_year[paper.date.year].append(paper)
        with_page = [person for person in people if person.page]
        for person in with_page:
            used_authors[person.slug] = person
            by_author[person.slug].append(paper)
            for other in with_page:
                if other is not person:
                    pair_counts[person.slug][other.slug] += 1
        for subject in subjects:
            used_topics[subject.slug] = subject
            by_topic[subject.slug].append(paper)

    return Catalog(
        config=config,
        papers=ordered,
        authors=tuple(sorted(used_authors.values(), key=lambda a: (a.name.casefold(), a.slug))),
        topics=tuple(sorted(used_topics.values(), key=lambda t: (t.name.casefold(), t.slug))),
        years=tuple(sorted(by_year, reverse=True)),
        authors_of=authors_of,
        topics_of=topics_of,
        papers_by_author={k: tuple(v) for k, v in by_author.items()},
        papers_by_topic={k: tuple(v) for k, v in by_topic.items()},
        papers_by_year={k: tuple(v) for k, v in by_year.items()},
        coauthors=_coauthors(pair_counts, used_authors),
        citation_keys=citation_keys(ordered),
        site_pages=site_pages,
        intro=intro or config.intro,
        selected=tuple(p for p in ordered if p.selected),
        authors_without_page=len({author.slug for author in registered.values() if not author.page}),
        repeated_authors=repeated,
    )


def _coauthors(pair_counts: dict[str, Counter], authors: dict[str, Author]) -> dict[str, tuple[tuple[Author, int], ...]]:
    """Author slug -> co-authors with the number of shared papers, most first, then by name."""

    def order(item: tuple[str, int]) -> tuple:
        return (-item[1], authors[item[0]].name.casefold(), item[0])

    return {slug: tuple((authors[other], n) for other, n in sorted(counts.items(), key=order)) for slug, counts in pair_counts.items()}


def update_catalog(previous: Catalog, papers: list[Paper]) -> Catalog | None:
    """`previous` with some papers' text changed, or None when the change reaches further.

    The common edit in the preview (a typo in a title or an abstract) changes no grouping: the
    same papers, by the same people, on the same topics and dates, in the same order. Then the
    catalog is `previous` with the new paper objects swapped in, and every list that does not
    hold a changed paper is the very same object as before, so plans keyed by identity see
    exactly what changed; a new title that moves a paper among those of its day sorts again
    only the lists that hold it. Anything else (a paper added, removed, re-dated or
    re-authored) gets None: build the catalog anew. Same settings and registry assumed.
    """
    if len(papers) != len(previous.papers):
        return None
    position = {paper.slug: n for n, paper in enumerate(previous.papers)}
    changed: dict[str, Paper] = {}
    for paper in papers:
        n = position.get(paper.slug)
        if n is None:
            return None
        before = previous.papers[n]
        if before is not paper:
            if (before.date, before.authors, before.topics, before.category) != (paper.date, paper.authors, paper.topics, paper.category):
                return None
            changed[paper.slug] = paper
    if not changed:
        return previous
    ordered = list(previous.papers)
    for slug, paper in changed.items():
        ordered[position[slug]] = paper
    # A new title can move a paper among those of its day (of its year, when only the year is
    # known): the lists that hold it are sorted again; no grouping or slug depends on the order.
    moved = any(
        (n and _newest_first(ordered[n - 1]) >= _newest_first(ordered[n]))
        or (n + 1 < len(ordered) and _newest_first(ordered[n]) >= _newest_first(ordered[n + 1]))
        for n in (position[slug] for slug in changed)
    )

    def in_order(papers) -> tuple[Paper, ...]:
        return tuple(sorted(papers, key=_newest_first)) if moved else tuple(papers)

    def swapped(lists: dict, keys: set) -> dict:
        fresh = dict(lists)
        for key in keys:
            fresh[key] = in_order(changed.get(p.slug, p) for p in lists[key])
        return fresh

    if any(paper.selected != previous.papers[position[slug]].selected for slug, paper in changed.items()):
        return None  # the home page's selection changes
    people = {a.slug for slug in changed for a in previous.authors_of[slug] if a.page}
    subjects = {t.slug for slug in changed for t in previous.topics_of[slug]}
    years = {paper.date.year for paper in changed.values()}
    keys = previous.citation_keys
    for slug, paper in changed.items():
        before = previous.papers[position[slug]]
        if (before.bibtex_key, base_key(before)) != (paper.bibtex_key, base_key(paper)):
            keys = citation_keys(ordered)  # unique site-wide: one paper's key can move another's
            break
    return replace(
        previous,
        papers=in_order(ordered),
        papers_by_author=swapped(previous.papers_by_author, people),
        papers_by_topic=swapped(previous.papers_by_topic, subjects),
        papers_by_year=swapped(previous.papers_by_year, years),
        citation_keys=keys,
        selected=in_order(changed.get(p.slug, p) for p in previous.selected),
    )
