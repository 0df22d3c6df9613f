"""Completing one record of a paper with another record of the same work.

What the current record says is kept; what it lacks is taken from the other: bibliographic
fields, a more precise date of the same day, month or year, the published venue's year beside a
preprint date, links to the preprint and the published version. A truncated author list
(`et_al: true`) is replaced by a full one that starts with the same names, and a title an
export lowercased by the same title with its capitals, unless a person edited them by hand (the
caller says so). `one_per_work` does it within one import's
records, so that a preprint and its published version are one paper.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from site_builder.errors import Problems, SourceLocation
from site_builder.importing.identity import arxiv_of, identity_keys, publisher_doi, same_paper, title_key
from site_builder.importing.spellings import better_written
from site_builder.importing.versions import pair_versions
from site_builder.site.model import Paper
from site_builder.text import dates
from site_builder.text.capitals import mostly_capitals
from site_builder.text.names import fold

FILLED_FIELDS = (
    "venue", "venue_short", "award", "award_details", "doi", "arxiv", "pdf", "type", "bibtex_key", "bibtex_type", "bibtex_title", "org",
    "category", "volume", "number", "pages", "publisher", "address", "series", "edition", "version", "editors", "isbn", "chapter",
    "note", "image", "equal_contribution", "corresponding", "collaboration",
)  # fmt: skip


_IDENTIFYING_FIELDS = ("arxiv", "pdf", "org", "category", "image", "equal_contribution", "corresponding")


def completes_authors(current: Paper, other: Paper) -> bool:
    """Whether `other` holds more of the list of which `current` shows the first names (the same
    people: the same surname and first initial, whatever the spelling of the rest): all of it,
    or more of it, itself abridged (Scholar's BibTeX ends a long list `and others`)."""
    if not current.et_al or len(other.authors) <= len(current.authors):
        return False
    return all(_same_person(a, b) for a, b in zip(current.authors, other.authors, strict=False))


def better_cased(title: str, other: str) -> bool:
    """Whether `other` is `title` as its authors cased it, where an export cased it badly: the
    acronyms a lowercasing export took apart (Google Scholar's `Mcunet: Tiny deep learning on
    iot devices` against `MCUNet: Tiny Deep Learning on IoT Devices`), or the small letters of a
    title in capitals throughout. A title in sentence case by choice (`Deep residual learning`)
    is a style, not damage: it stays."""
    if title == other or " ".join(title.split()).casefold() != " ".join(other.split()).casefold() or mostly_capitals(other):
        return False
    if mostly_capitals(title):
        return True
    return any(
        _capitals(theirs) >= 2 and _capitals(ours) < _capitals(theirs) for ours, theirs in zip(title.split(), other.split(), strict=True)
    )


def _capitals(text: str) -> int:
    return sum(1 for c in text if c.isupper())


def _same_person(one: str, other: str) -> bool:
    """`Aidan N. Gomez` and `Aidan Gomez`, `A. Bran` and `Andres M. Bran`: one person on one paper."""
    a, b = fold(one).replace("-", " ").split(), fold(other).replace("-", " ").split()
    return bool(a and b) and a[-1] == b[-1] and a[0][0] == b[0][0]


def fill_in(current: Paper, other: Paper, authors_edited: bool = True, title_edited: bool = True) -> Paper:
    """`current` with its empty fields taken from `other` (see the module's rules)."""
    # A preprint's container (`CoRR`, its volume `abs/…`) says nothing about a published version.
    fields = FILLED_FIELDS if other.type != "preprint" or current.type in ("", "preprint") else _IDENTIFYING_FIELDS
    changes: dict[str, Any] = {name: getattr(other, name) for name in fields if not getattr(current, name) and getattr(other, name)}
    if "bibtex_title" in changes and title_key(other.title) != title_key(current.title):
        del changes["bibtex_title"]  # the BibTeX form of another version's title
    if not current.body and other.body:
        changes["body"] = other.body
    if not authors_edited and completes_authors(current, other):
        # The names the site shows keep their spelling (the registry's aliases lead to it).
        changes.update(authors=current.authors + other.authors[len(current.authors) :], et_al=other.et_al)
        if other.bibtex_authors:
            changes["bibtex_authors"] = other.bibtex_authors
    elif not current.bibtex_authors and other.bibtex_authors and current.authors == other.authors:
        changes["bibtex_authors"] = other.bibtex_authors
    if not title_edited and better_cased(current.title, other.title):
        changes["title"] = other.title
    changes.update(_dates(current, other, changes))
    links = dict(current.links)
    for label, url in other.links.items():
        if url not in links.values():
            links.setdefault(label, url)
    arxiv, doi = changes.get("arxiv", arxiv_of(current)), changes.get("doi", publisher_doi(current))
    if arxiv and (doi or changes.get("venue", current.venue)):
        links.setdefault("preprint", f"https://arxiv.org/abs/{arxiv}")
    if doi:
        links.setdefault("published", f"https://doi.org/{doi}")
    if links != current.links:
        changes["links"] = links
    reviews = [r for r in (current.review, other.review) if r]
    if len(reviews) == 2 and other.review not in current.review:
        changes["review"] = "; ".join(reviews)
    return dataclasses.replace(current, **changes) if changes else current


def taken_out(current: Paper, other: Paper, own: dict[str, Any]) -> Paper:
    """`current` without what `fill_in` took from `other`, a record it was wrongly taken for:
    each field with `other`'s value that `current`'s own source left empty (`own`: the fields
    its import wrote; {} for a file written by hand), the author list its own source gave, the
    links to `other`'s pages and the `review:` that took the two for one."""
    changes: dict[str, Any] = {}
    for name in (*FILLED_FIELDS, "venue_year", "body", "bibtex_authors"):
        value = getattr(current, name)
        if value and value == getattr(other, name) and not own.get(name):
            changes[name] = type(value)()
    if own.get("authors") and current.authors == other.authors and list(current.authors) != own["authors"]:
        changes.update(authors=tuple(own["authors"]), et_al=bool(own.get("et_al")))
    theirs = {*other.links.values(), f"https://doi.org/{other.doi}", f"https://arxiv.org/abs/{other.arxiv}"}
    kept = (own.get("links") or {}).values()
    links = {label: url for label, url in current.links.items() if url not in theirs or url in kept}
    if links != current.links:
        changes["links"] = links
    review = "; ".join(part for part in current.review.split("; ") if f"'{other.title}'" not in part)
    if review != current.review:
        changes["review"] = review
    return dataclasses.replace(current, **changes) if changes else current


def _dates(current: Paper, other: Paper, changes: dict[str, Any]) -> dict[str, Any]:
    """A more precise date of the same period; the published year beside a preprint's date."""
    found: dict[str, Any] = {}
    same_period = dates.iso(other.date, current.date_precision) == dates.iso(current.date, current.date_precision)
    if same_period and dates.more_precise(other.date_precision, current.date_precision):
        found.update(date=other.date, date_precision=other.date_precision)
    published_year = other.venue_year or other.date.year
    venue = changes.get("venue", current.venue)
    if not current.venue_year and venue and other.venue and published_year != current.date.year and current.type in ("", "preprint"):
        found["venue_year"] = published_year
    return found


def one_per_work(papers: list[Paper], problems: Problems, shown: str) -> list[Paper]:
    """Records of one import that are one work (a CoRR preprint and its conference version, the
    same DOI twice) become one paper, the published version completed by the preprint; others
    whose identity is the same stay apart under their own keys."""
    kept: list[Paper] = []
    by_key: dict[str, set[int]] = {}
    """Places in `kept` by identity key: only records that share one can be one work (a lab's
    file of thousands is not compared pair by pair)."""
    used: set[str] = set()
    for paper in papers:
        places = sorted({n for key in identity_keys(paper) for n in by_key.get(key, ())})
        place = next((n for n in places if same_paper(kept[n], paper)), None)
        if place is not None:
            main, other = _fuller_first(kept[place], paper)
            # One import's records: no one edited either. The first keeps its file name, which the
            # second's was made different from.
            merged = _spelt_as_well(fill_in(main, other, authors_edited=False, title_edited=False), other)
            kept[place] = dataclasses.replace(merged, slug=kept[place].slug)
            _index(by_key, kept[place], place)
            problems.warning(
                SourceLocation(shown),
                f"{other.bibtex_key or other.title!r} is the same work as {main.bibtex_key or main.title!r}: imported as one paper",
                "if they are two works, give each its own `doi` or `eprint` (arXiv id), and import again",
            )
            continue
        if paper.source_id in used:
            basis = f"{paper.source_id}:{paper.bibtex_key or paper.slug}"
            paper = dataclasses.replace(paper, source_id="bibtex:" + hashlib.sha256(basis.encode()).hexdigest()[:16])
        used.add(paper.source_id)
        kept.append(paper)
        _index(by_key, paper, len(kept) - 1)
    return _published_with_preprints(kept, problems, shown)


def _fuller_first(first: Paper, second: Paper) -> tuple[Paper, Paper]:
    """Two records of one work, the one to keep first: the published version before a preprint,
    then the one whose author list names the other's people and more (a profile's record of
    its owner alone, a database's of all six), then the one with a DOI; else the first."""
    if (first.type == "preprint") != (second.type == "preprint"):
        return (second, first) if first.type == "preprint" else (first, second)
    for fuller, other in ((first, second), (second, first)):
        if len(fuller.authors) > len(other.authors) and all(
            any(_same_person(name, theirs) for theirs in fuller.authors) for name in other.authors
        ):
            return fuller, other
    return (second, first) if publisher_doi(second) and not publisher_doi(first) else (first, second)


def _spelt_as_well(paper: Paper, other: Paper) -> Paper:
    """`paper` with each author's name as `other` spells it where that is the same name better
    written: in small letters where `paper` has capitals only (`RADOSŁAW MIŚKIEWICZ`), with the
    letters an ASCII database dropped (`Radoslaw Miskiewicz`)."""
    spellings = {fold(name): name for name in other.authors}
    authors = tuple(max((name, spellings.get(fold(name), name)), key=better_written) for name in paper.authors)
    return dataclasses.replace(paper, authors=authors) if authors != paper.authors else paper


def _published_with_preprints(papers: list[Paper], problems: Problems, shown: str) -> list[Paper]:
    """`papers` with each preprint that is a published paper's version under another title
    (`versions`) taken into it, the published one completed by the preprint."""
    preprints = [n for n, paper in enumerate(papers) if paper.type in ("", "preprint")]
    published = [n for n, paper in enumerate(papers) if paper.type not in ("", "preprint")]
    pairs = pair_versions([papers[n] for n in preprints], [papers[n] for n in published])
    found = {published[m]: (papers[preprints[n]], why.sure) for n, m, why in pairs}
    taken = {preprints[n] for n, _, _ in pairs}
    kept = []
    for n, paper in enumerate(papers):
        if n in found:
            preprint, sure = found[n]
            paper = fill_in(paper, preprint, title_edited=False)
            if not sure:
                review = (
                    f"taken for one work with the preprint '{preprint.title}' (first author, year, title words agree): check that it is"
                )
                paper = dataclasses.replace(paper, review="; ".join(r for r in (paper.review, review) if r))
            problems.warning(
                SourceLocation(shown),
                f"{preprint.bibtex_key or preprint.title!r} is {paper.bibtex_key or paper.title!r} as a preprint: imported as one",
                "if they are two works, give each its own `doi` or `eprint` (arXiv id), and import again",
            )
        if n not in taken:
            kept.append(paper)
    return kept


def _index(by_key: dict[str, set[int]], paper: Paper, place: int) -> None:
    for key in identity_keys(paper):
        by_key.setdefault(key, set()).add(place)
