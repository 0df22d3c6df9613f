"""A preprint and its published version under another title: EfficientViT's arXiv title
`Multi-Scale Linear Attention for …` and its ICCV title `Lightweight Multi-Scale Attention for …`.
A lab's profile lists the preprint and its `.bib` the venue's title, so without a DOI or arXiv
id on both sides `identity` sees two papers.

Records are taken for two versions of one work only when one of them is unpublished (a preprint,
or no venue: two published papers with like titles are a conference paper and its journal
extension, or two parts), no identifier tells them apart, their first authors are one person,
most of the other names agree, and their years are close. Then the same abstract is sure; else
most of the title's words, or the same name before the colon (`Taming the Long Tail: …`) and
some of the rest, make a guess that the caller says in the paper's `review:`. Abstracts that
share almost no words veto the guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.importing.identity import MAX_YEARS_APART, arxiv_of, publisher_doi, title_key, title_words, years_of
from site_builder.importing.retitled import title_likeness
from site_builder.site.model import Paper
from site_builder.text.names import fold

SAME_ABSTRACT = 0.6
"""The share of two abstracts' words (of five letters or more) that makes them one abstract
revised; two papers of one lab on one subject share at most about a quarter."""
OTHER_ABSTRACT = 0.15
"""Below this share, two abstracts are two papers' whatever their titles say."""
MIN_ABSTRACT_WORDS = 20
"""An abstract with fewer words than this of five letters or more (a teaser, a first sentence)
says too little either way."""
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
    """How alike: the abstracts' share of words when sure, else the titles'."""


def versions_of_one_work(first: Paper, second: Paper) -> Versions | None:
    """Whether `first` and `second` are a work's preprint and published version under different
    titles (see the module's rules), and how sure that is; None when they are two works."""
    if not (_unpublished(first) or _unpublished(second)) or _told_apart(first, second):
        return None
    if min(abs(a - b) for a in years_of(first) for b in years_of(second)) > MAX_YEARS_APART:
        return None
    if not _same_authors(first.authors, second.authors):
        return None
    abstracts = _abstract_likeness(first.body, second.body)
    if abstracts is not None and abstracts >= SAME_ABSTRACT:
        return Versions(sure=True, likeness=abstracts)
    if abstracts is not None and abstracts < OTHER_ABSTRACT:
        return None
    titles = title_likeness(first.title, second.title)
    if titles >= SIMILAR_TITLES or (titles >= SAME_NAME_TITLES and _same_name(first.title, second.title)):
        return Versions(sure=False, likeness=titles)
    return None


def pair_versions(records: Sequence[Paper], papers: Sequence[Paper]) -> list[tuple[int, int, Versions]]:
    """Each record paired with at most one paper and each paper with at most one record, the
    likest pairs first: `(record place, paper place, why)`. A record and a paper that are one
    work under two titles are found among the rest only; the caller has matched the others."""
    by_first_author: dict[str, list[int]] = {}
    for m, paper in enumerate(papers):
        if paper.authors:
            by_first_author.setdefault(_family(paper.authors[0]), []).append(m)
    found = []
    for n, record in enumerate(records):
        for m in by_first_author.get(_family(record.authors[0]), []) if record.authors else ():
            versions = versions_of_one_work(record, papers[m])
            if versions is not None:
                found.append((not versions.sure, -versions.likeness, n, m, versions))
    pairs, records_taken, papers_taken = [], set(), set()
    for _, _, n, m, versions in sorted(found, key=lambda item: item[:4]):
        if n not in records_taken and m not in papers_taken:
            records_taken.add(n)
            papers_taken.add(m)
            pairs.append((n, m, versions))
    return sorted(pairs)


def _unpublished(paper: Paper) -> bool:
    return paper.type in ("", "preprint")


def _told_apart(first: Paper, second: Paper) -> bool:
    """Two arXiv ids or two publisher DOIs: two works, whatever else agrees."""
    arxiv_a, arxiv_b = arxiv_of(first).lower(), arxiv_of(second).lower()
    doi_a, doi_b = publisher_doi(first), publisher_doi(second)
    return bool(arxiv_a and arxiv_b and arxiv_a != arxiv_b) or bool(doi_a and doi_b and doi_a != doi_b)


def _family(name: str) -> str:
    words = fold(name).replace("-", " ").split()
    return words[-1] if words else ""


def _same_authors(first: Sequence[str], second: Sequence[str]) -> bool:
    """The same first author, and at least two thirds of the shorter list's family names in the
    longer one (a listing shows three names; a published version may add an author)."""
    if not first or not second or _family(first[0]) != _family(second[0]):
        return False
    shorter, longer = sorted((first, second), key=len)
    names = {_family(name) for name in longer}
    return 3 * sum(1 for name in shorter if _family(name) in names) >= 2 * len(shorter)


def _abstract_likeness(first: str, second: str) -> float | None:
    """The share of words of five letters or more that two abstracts both have; None when
    either is too short to tell."""
    words_a, words_b = ({w for w in title_words(text) if len(w) >= 5} for text in (first, second))
    if len(words_a) < MIN_ABSTRACT_WORDS or len(words_b) < MIN_ABSTRACT_WORDS:
        return None
    return len(words_a & words_b) / len(words_a | words_b)


def _same_name(first: str, second: str) -> bool:
    """Whether both titles begin with the same name before a colon (`HAT: …`, `Taming the Long Tail: …`)."""
    names = [title_key(title.partition(":")[0]) if ":" in title else "" for title in (first, second)]
    return len(names[0]) >= MIN_NAME_LENGTH and names[0] == names[1]
