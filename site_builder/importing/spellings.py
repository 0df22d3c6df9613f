"""One spelling per person in a site: an import writes a name that differs from another only by
accents, case or dots (`Radoslaw Miskiewicz`, `RADOSŁAW MIŚKIEWICZ`, `Radosław Miśkiewicz`) as
`content/authors.yaml` names the person, else as the site spells it (the best-written of its
spellings), else as the best-written of the import's; otherwise each spelling would be a person
of its own, with a page of their own.

Names `content/authors.yaml` lists (as a name or an alias) are left as written: the registry
says who they are.

A paper that names one person twice, spelt two ways (`Rafael Gomez-Bombarelli`, `Rafael
Gómez-Bombarelli`: a reference manager's duplicate), names them once; one name written twice
alike may be two people of one name, common among Chinese names, and stays. The paper's
`review` says either.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from site_builder.site.model import Paper
from site_builder.source.registry import Registry
from site_builder.text.capitals import mostly_capitals
from site_builder.text.names import fold

_NAMED_FIELDS = ("authors", "equal_contribution", "corresponding")
"""The fields that name a paper's people."""


def better_written(name: str) -> tuple[bool, int]:
    """How well a name is written, higher is better: not in capitals alone, then with the
    letters (`ł`, `é`) that an ASCII database drops."""
    shouted = sum(1 for c in name if c.isalpha()) > 3 and mostly_capitals(name)
    return not shouted, sum(1 for c in name if not c.isascii())


def one_spelling(incoming: list[Paper], existing: Iterable[Paper], registry: Registry) -> tuple[list[Paper], list[str]]:
    """`incoming` with each name spelt as the registry, the site (`existing`) or the import
    spells it best, and `'as written' as 'as spelt'` for each name changed."""
    owner = registry.owners()
    existing = list(existing)
    # each name's `fold`, made once: every name is looked up by it several times below
    key = {name: fold(name) for paper in (*existing, *incoming) for name in paper.authors}
    key |= {author.name: fold(author.name) for author in registry.authors}
    spelt: dict[str, str] = {}
    for author in registry.authors:
        spelt.setdefault(key[author.name], author.name)
    for papers in (existing, incoming):  # the site's spellings first, then the import's
        choices: dict[str, list[str]] = {}
        for paper in papers:
            for name in paper.authors:
                if key[name] not in spelt:
                    choices.setdefault(key[name], []).append(name)
        for folded_name, names in choices.items():
            spelt[folded_name] = max(names, key=better_written)  # the first of the best, in the order read
    changed: dict[str, str] = {}
    papers = []
    for paper in incoming:
        if len({key[name] for name in paper.authors}) < len(paper.authors):
            paper = _named_once(paper, key, owner)
        respelt = {name: spelt[key[name]] for name in paper.authors if name not in owner and spelt[key[name]] != name}
        changed |= respelt
        fields = {field: tuple(respelt.get(name, name) for name in getattr(paper, field)) for field in _NAMED_FIELDS}
        papers.append(dataclasses.replace(paper, **fields) if respelt else paper)
    return papers, [f"{written!r} as {shown!r}" for written, shown in sorted(changed.items())]


def one_person_named_twice(names: Iterable[str], key: Callable[[str], str], owner: dict[str, str]) -> list[list[str]]:
    """The names of one list (a paper's authors, repeats kept) that `key` takes for one person,
    each group in the order written: two spellings (`Gomez-Bombarelli`, `Gómez-Bombarelli`) or one
    name twice; spellings the registry (`owner`: name -> person) gives to two people are no group."""
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(key(name), []).append(name)
    return [group for group in groups.values() if len(group) > 1 and len({owner[name] for name in group if name in owner}) < 2]


def _named_once(paper: Paper, key: dict[str, str], owner: dict[str, str]) -> Paper:
    """`paper` with each person it names twice, spelt two ways, named once: as the registry or
    else best written, where first named. Spellings the registry gives to two people stay, as
    does one name written twice alike; the review says what was done or what to check."""
    once: dict[str, str] = {}
    review = [paper.review] if paper.review else []
    for names in one_person_named_twice(paper.authors, key.__getitem__, owner):
        distinct = list(dict.fromkeys(names))
        if len(distinct) > 1:
            best = next((name for name in distinct if name in owner), None) or max(distinct, key=better_written)
            once |= {name: best for name in distinct}
            others = " and ".join(repr(name) for name in distinct if name != best)
            review.append(f"its authors name {best!r} and {others}, one person spelt two ways: named once, as {best!r}")
        else:
            review.append(f"its authors name {names[0]!r} {len(names)} times: if that is one person, delete the others from `authors`")
    fields = {field: tuple(dict.fromkeys(once.get(name, name) for name in getattr(paper, field))) for field in _NAMED_FIELDS}
    return dataclasses.replace(paper, **(fields if once else {}), review="; ".join(review))
