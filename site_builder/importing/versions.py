"""A preprint and its published version under another title: EfficientViT's arXiv title
`Multi-Scale Linear Attention for …` and its ICCV title `Lightweight Multi-Scale Attention for …`.
A lab's profile lists the preprint and its `.bib` the venue's title, so without a DOI or arXiv
id on both sides `identity` sees two papers.

Records are taken for two versions of one work only when one of them is unpublished (a preprint,
or no venue: two published papers with like titles are a conference paper and its journal
extension, or two parts), no identifier tells them apart, their first authors have one family
name, most of the other names agree, and their years are close. Then the same abstract is sure; else
most of the title's words, or the same name before the colon (`Taming the Long Tail: …`) and
some of the rest, make a guess that the caller says in the paper's `review:`. Abstracts that
share almost no phrase (pair of words in a row) veto the guess.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.importing.identity import MAX_YEARS_APART, arxiv_of, family_name, publisher_doi, share, title_key, title_words, years_of
from site_builder.site.model import Paper

SAME_ABSTRACT = 0.4
"""The share of two abstracts' word pairs (two words in a row) that makes them one abstract
revised; two papers of one lab on one subject share at most about a tenth."""
OTHER_ABSTRACT = 0.03
"""Below this share, two abstracts are two papers' whatever their titles say."""
MIN_ABSTRACT_PAIRS = 30
"""An abstract of fewer word pairs (a teaser, a first sentence) says too little either way."""
SIMILAR_TITLES = 0.7
"""The share of two titles' words that makes a guess with nothing else alike."""
SAME_NAME_TITLES = 0.25
"""The share that makes a guess when the titles also begin with the same name before a colon."""
MIN_NAME_LENGTH = 4
"""A name before the colon shorter than this (`AI:`, `On:`) names no system."""


@dataclass(frozen=True, slots=True)
class Versions:
    """Why two records were taken for one work."""

    sure: bool
    """By the same abstract, not by the title alone."""
    likeness: float
    """How alike: the abstracts' share of word pairs when sure, else the titles' share of words."""


@dataclass(frozen=True, slots=True)
class _Traits:
    """What the rules compare of one record, read once: a file of thousands is compared in pairs."""

    unpublished: bool
    arxiv: str
    doi: str
    years: frozenset[int]
    authors: tuple[str, ...]
    """The family names, in order."""
    title_words: frozenset[str]
    name: str
    """The title's words before its colon, as `title_key` reads them; empty without a colon."""
    abstract_pairs: frozenset[tuple[str, str]] | None
    """The abstract's pairs of words in a row; None when too few to tell."""

    @classmethod
    def of(cls, paper: Paper) -> _Traits:
        words = re.findall(r"\w+", paper.body.casefold())
        pairs = frozenset(itertools.pairwise(words))
        return cls(
            unpublished=paper.type in ("", "preprint"),
            arxiv=arxiv_of(paper).lower(),
            doi=publisher_doi(paper),
            years=frozenset(years_of(paper)),
            authors=tuple(_family(name) for name in paper.authors),
            title_words=frozenset(title_words(paper.title)),
            name=title_key(paper.title.partition(":")[0]) if ":" in paper.title else "",
            abstract_pairs=pairs if len(pairs) >= MIN_ABSTRACT_PAIRS else None,
        )


def versions_of_one_work(first: Paper, second: Paper) -> Versions | None:
    """Whether `first` and `second` are a work's preprint and published version under different
    titles (see the module's rules), and how sure that is; None when they are two works."""
    return _compare(_Traits.of(first), _Traits.of(second))


def _compare(first: _Traits, second: _Traits) -> Versions | None:
    if not (first.unpublished or second.unpublished) or _told_apart(first, second):
        return None
    if min(abs(a - b) for a in first.years for b in second.years) > MAX_YEARS_APART:
        return None
    if not _same_authors(first.authors, second.authors):
        return None
    abstracts = share(first.abstract_pairs, second.abstract_pairs) if first.abstract_pairs and second.abstract_pairs else None
    if abstracts is not None and abstracts >= SAME_ABSTRACT:
        return Versions(sure=True, likeness=abstracts)
    if abstracts is not None and abstracts < OTHER_ABSTRACT:
        return None
    titles = share(first.title_words, second.title_words)
    same_name = len(first.name) >= MIN_NAME_LENGTH and first.name == second.name
    if titles >= SIMILAR_TITLES or (titles >= SAME_NAME_TITLES and same_name):
        return Versions(sure=False, likeness=titles)
    return None


def pair_versions(records: Sequence[Paper], papers: Sequence[Paper]) -> list[tuple[int, int, Versions]]:
    """Each record paired with at most one paper and each paper with at most one record, the
    likest pairs first: `(record place, paper place, why)`. A record and a paper that are one
    work under two titles are found among the rest only; the caller has matched the others."""
    paper_traits = [_Traits.of(paper) for paper in papers]
    index = _by_first_author_and_year(paper_traits)
    found = []
    for n, record in enumerate(records):
        traits = _Traits.of(record)
        for m in _near(index, traits):
            versions = _compare(traits, paper_traits[m])
            if versions is not None:
                found.append((not versions.sure, -versions.likeness, n, m, versions))
    pairs, records_taken, papers_taken = [], set(), set()
    for _, _, n, m, versions in sorted(found, key=lambda item: item[:4]):
        if n not in records_taken and m not in papers_taken:
            records_taken.add(n)
            papers_taken.add(m)
            pairs.append((n, m, versions))
    return sorted(pairs)


def versions_among(papers: Sequence[Paper]) -> list[tuple[int, int, Versions]]:
    """Every pair of `papers` (first place before second) that the rules take for one work: a
    site's files that may be one paper twice."""
    traits = [_Traits.of(paper) for paper in papers]
    index = _by_first_author_and_year(traits)
    found = []
    for n, one in enumerate(traits):
        for m in _near(index, one):
            versions = _compare(one, traits[m]) if m > n else None
            if versions is not None:
                found.append((n, m, versions))
    return found


def _by_first_author_and_year(traits: Sequence[_Traits]) -> dict[tuple[str, int], list[int]]:
    """Places of the records by their first author's family name and each of their years: only
    records that share those can be one work."""
    index: dict[tuple[str, int], list[int]] = {}
    for m, one in enumerate(traits):
        for year in one.years if one.authors else ():
            index.setdefault((one.authors[0], year), []).append(m)
    return index


def _near(index: dict[tuple[str, int], list[int]], traits: _Traits) -> list[int]:
    """The places in `index` of the records that `traits`' could be one work with."""
    if not traits.authors:
        return []
    near = range(-MAX_YEARS_APART, MAX_YEARS_APART + 1)
    keys = {(traits.authors[0], year + apart) for year in traits.years for apart in near}
    return sorted({m for key in keys for m in index.get(key, ())})


def _told_apart(first: _Traits, second: _Traits) -> bool:
    """Two arXiv ids or two publisher DOIs: two works, whatever else agrees."""
    return bool(first.arxiv and second.arxiv and first.arxiv != second.arxiv) or bool(first.doi and second.doi and first.doi != second.doi)


def _family(name: str) -> str:
    """A name's family name, a hyphenated one by its last part (`Deike-Hofmann`, `Hofmann`)."""
    return family_name(name.replace("-", " "))


def _same_authors(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """The same first author, and at least two thirds of the shorter list's family names in the
    longer one (a listing shows three names; a published version may add an author)."""
    if not first or not second or first[0] != second[0]:
        return False
    shorter, longer = sorted((first, second), key=len)
    names = set(longer)
    return 3 * sum(1 for name in shorter if name in names) >= 2 * len(shorter)
