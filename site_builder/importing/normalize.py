"""Listing entries -> `Paper`s: dates, slugs, links, topics. Pure: no I/O."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import hashlib
import re

from slugify import slugify

from site_builder.errors import Problems, SourceLocation
from site_builder.importing.bibnames import marked_authors
from site_builder.importing.bibtitle import LEADING_TAG
from site_builder.importing.identity import same_paper
from site_builder.importing.listing import Entry
from site_builder.site.model import Paper, Topic
from site_builder.source.registry import Registry
from site_builder.text import dates
from site_builder.text.bylineguess import best_guess_split
from site_builder.text.bylines import split_byline, trailing_names
from site_builder.text.latex import title_as_text
from site_builder.text.links import label_links
from site_builder.text.markdown import as_markdown
from site_builder.text.names import fold

SLUG_MAX = 60
_SHORT_NAME_WORDS = 5
"""A title's part before `:` becomes the slug when it is this short (`EfficientViT: …`)."""
_GENRES = frozenset(
    "editorial erratum corrigendum correction retraction addendum comment commentary reply response rebuttal perspective "
    "perspectives review survey tutorial overview preface foreword introduction keynote abstract poster letter viewpoint "
    "opinion essay report note notes highlight highlights spotlight news guest editorial invited talk invited paper "
    "position paper book review case study research article technical report short paper extended abstract".split()
)
"""Words a title starts with to say what kind of text it is (`Editorial: High-Entropy
Materials`, `Invited Talk: …`): the part before `:` names no paper, so it is no slug."""
_YEARS_BACK_FOR_FEB_29 = 8


def resolve_date(entry: Entry, as_of: dt.date) -> dt.date | str:
    """The entry's date, or a message saying why it is not one.

    A date without a year is in the year of `as_of`, unless that would put it after
    `as_of`; then it is in the latest earlier year where the date exists (Feb 29).
    """
    month_name = calendar.month_name[entry.month]
    day = entry.day or 1  # `May 2022`: the month's first day, at the month's precision
    if entry.year is not None:
        try:
            return dt.date(entry.year, entry.month, day)
        except ValueError:
            if entry.month == 2 and entry.day == 29:
                return f"{month_name} 29, {entry.year} is not a date ({entry.year} is not a leap year)"
            return f"{month_name} {entry.day}, {entry.year} is not a date"
    for year in range(as_of.year, as_of.year - _YEARS_BACK_FOR_FEB_29, -1):
        try:
            candidate = dt.date(year, entry.month, day)
        except ValueError:
            continue
        if candidate <= as_of:
            return candidate
    return f"{month_name} {entry.day} is not a date"


LISTING_SOURCE = "listing:"
"""The start of the `source_id` of a paper a listing brought."""


def listing_source_id(title: str) -> str:
    """A stable identity for a listing entry: its original title, folded and hashed."""
    return LISTING_SOURCE + hashlib.sha256(fold(title).encode()).hexdigest()[:16]


def base_slug(title: str) -> str:
    """`EfficientViT: Multi-Scale …` -> `efficientvit`; long titles are cut at a word."""
    title = title_as_text(title)  # `$\\mathcal{O}(n)$` gives `o-n`, never `mathcal`; `\\emph{x}` gives `x`
    title = LEADING_TAG.sub("", title)  # a lab's `[A+] CatCharger: …` is `catcharger`, not `a-catcharger`
    short, colon, _ = title.partition(":")
    named = not set(short.casefold().split()) <= _GENRES
    if colon and 0 < len(short.split()) <= _SHORT_NAME_WORDS and slugify(short) and named:
        return slugify(short, max_length=SLUG_MAX, word_boundary=True, save_order=True)
    return slugify(title, max_length=SLUG_MAX, word_boundary=True, save_order=True) or "paper"


def assign_topics(title: str, abstract: str, topics: tuple[Topic, ...]) -> tuple[str, ...]:
    """Keyword topics whose phrases occur in the title or abstract (whole words, any case)."""
    text = f"{title}\n{abstract}"
    found = []
    for topic in topics:
        for phrase in topic.keywords:
            if re.search(rf"(?<![\w-]){re.escape(phrase)}(?:s|es)?(?![\w-])", text, re.IGNORECASE):
                found.append(topic.name)
                break
    return tuple(found)


def normalize_entries(entries: list[Entry], registry: Registry, as_of: dt.date, problems: Problems, shown_as: str) -> list[Paper]:
    """Papers in listing order; bad entries are reported and left out."""
    known = registry.known_names() | {fold(n) for e in entries for n in trailing_names(e.byline)}
    splits = {}
    for entry in entries:
        split = split_byline(entry.byline, entry.et_al, known)
        if split is not None and split.certain:
            known |= {fold(split.authors[0])}
        splits[entry.line] = split
    papers: list[Paper] = []
    used_slugs: set[str] = set()
    counted: list[Entry] = []
    """The entries whose date is relative to the export (`3 days ago`)."""
    seen: dict[str, list[tuple[int, Paper]]] = {}
    for entry in entries:
        where = SourceLocation(shown_as, entry.line)
        byline_at = SourceLocation(shown_as, entry.line + 1)
        # A second pass sees first authors learnt from the whole listing.
        split = split_byline(entry.byline, entry.et_al, known) or splits[entry.line]
        review: list[str] = []
        date, precision = _entry_date(entry, as_of, problems, where, review)
        if entry.ago:
            counted.append(entry)
        if split is None:
            split = best_guess_split(entry.byline, entry.et_al, known)
        if not split.certain:
            shown = ", ".join(split.authors) or "no authors"
            problems.warning(
                byline_at,
                f"unsure where the title ends: took {split.title!r} by {shown}; {split.reason}",
                "check the title and authors in the paper's file, fix them if needed and delete its `review:` line",
            )
            review.append(f"check the title and authors: {split.reason}")
        if not entry.abstract.strip():
            review.append("the listing has no abstract for it")
        if entry.category and not registry.knows_category(entry.category):
            problems.warning(
                where, f"unknown category code {entry.category!r}, kept as it is", "add it to content/topics.yaml with `category:`"
            )
        paper = Paper(
            slug=free_slug(base_slug(split.title), date.year, used_slugs),
            title=split.title,
            authors=split.authors,
            et_al=entry.et_al,
            date=date,
            date_precision=precision,
            review="; ".join(review),
            category=entry.category,
            code=entry.code,
            org=entry.org,
            links=label_links(entry.abstract),
            **_marked(split.authors, entry.marks),
            topics=assign_topics(split.title, entry.abstract, registry.topics),
            body=as_markdown(entry.abstract.strip()),
            source_id=listing_source_id(split.title),
        )
        earlier = [(line, p) for line, p in seen.get(paper.source_id, [])]
        twin = next((line for line, p in earlier if same_paper(p, paper)), None)
        if twin is not None:
            problems.warning(where, f"the same paper as the entry on line {twin}: imported once", "remove the duplicate from the listing")
            continue
        if earlier:  # another paper with the same title: its identity takes the date too
            paper = dataclasses.replace(paper, source_id=listing_source_id(f"{split.title} {date.isoformat()}"))
        seen.setdefault(paper.source_id if not earlier else earlier[0][1].source_id, []).append((entry.line, paper))
        papers.append(paper)
    if counted:
        problems.warning(
            SourceLocation(shown_as, counted[0].line),
            f"{len(counted)} date(s) are written relative to the day the listing was exported (`{counted[0].ago}`): "
            f"counted back from {as_of.isoformat()}",
            "if the listing was exported on another day, import it again with `--as-of` that day",
        )
    return papers


def _entry_date(entry: Entry, as_of: dt.date, problems: Problems, where: SourceLocation, review: list[str]) -> tuple[dt.date, str]:
    """The entry's date and its precision; a guess or a date that does not exist is said in `review`."""
    if entry.ago:
        date, precision, coarse = dates.counted_back(entry.ago, as_of)
        if coarse:
            review.append(f"the listing dates it `{entry.ago}`: {dates.iso(date, precision)} is a guess; set `date`")
        return date, precision
    if entry.month is None:  # the listing gives the year alone
        return dt.date(entry.year or as_of.year, 1, 1), dates.YEAR
    if entry.date_note:
        problems.warning(where, entry.date_note, "if the day comes first, set the paper's `date`")
        review.append(entry.date_note)
    found = resolve_date(entry, as_of)
    if isinstance(found, str):
        problems.warning(where, f"{found}: imported as {calendar.month_name[entry.month]} only", "check the paper's `date`")
        review.append(f"the listing's date is wrong ({found}); only the month was kept")
        return dt.date(entry.year or as_of.year, entry.month, 1), dates.MONTH
    return found, dates.DAY if entry.day else dates.MONTH


def _marked(authors: tuple[str, ...], marks: tuple[tuple[str, str], ...]) -> dict[str, tuple[str, ...]]:
    """`equal_contribution` and `corresponding` from the marks after names in the byline (`*`:
    equal contribution, `+` and `✉`: corresponding, as in a .bib without an annotation)."""
    found = tuple(next((m for part, m in marks if part.endswith(name)), "") for name in authors)
    return marked_authors(authors, found, "")


def free_slug(slug: str, year: int, taken: set[str]) -> str:
    """`slug`, else `slug-2022`, else `slug-2022-2`, …: the first one not in `taken` (which it joins).
    Listing import, BibTeX import and the content already on disk all name files this way."""
    candidate, n = slug, 2
    if candidate in taken:
        candidate = f"{slug}-{year}"
    while candidate in taken:
        candidate, n = f"{slug}-{year}-{n}", n + 1
    taken.add(candidate)
    return candidate
