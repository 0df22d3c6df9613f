"""A `.bib` file -> `Paper`s, one per entry, every field we can hold kept.

Entries come from `bibread` (macros, crossrefs and repeated fields done as BibTeX does). Text
is decoded from LaTeX, identifiers are cleaned of it; dates keep the precision the entry gives;
arXiv ids and DOIs are found in every field people put them in; al-folio's own fields (`abbr`,
`selected`, `preview`, `pdf`, `code`, …) map onto ours. Whatever the import had to guess goes
into the paper's `review`, and a warning names the entry's line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from site_builder.errors import Problems, SourceLocation
from site_builder.importing import academicpages, bibnames, bibtitle
from site_builder.importing.bibabbr import group_labels, say_group_labels
from site_builder.importing.bibabstract import abstract_from_bibtex
from site_builder.importing.bibdatabases import from_records
from site_builder.importing.bibdates import entry_date, guessed_date, publication_status
from site_builder.importing.bibfields import field_text, say_unread_fields, say_unshown_text, text_values, with_subtitles
from site_builder.importing.bibids import arxiv_category, entry_identifiers
from site_builder.importing.biblinks import Files, jabref_file_folders, links_and_pdf, preview_image
from site_builder.importing.bibread import CONTAINER_TYPES, RawEntry, read_bibliography
from site_builder.importing.bibroles import author_roles
from site_builder.importing.bibtitle import bibtex_title, exported_by_scholar, say_exported_by_scholar, say_tagged_titles, title_text
from site_builder.importing.bibvenue import ENTRY_KINDS, entry_venue, kind_and_venue
from site_builder.importing.hugoblox import read_page, with_page
from site_builder.importing.identity import source_id
from site_builder.importing.merge import one_per_work
from site_builder.importing.normalize import assign_topics, base_slug, free_slug
from site_builder.importing.sniff import read_bib_text
from site_builder.site.model import Paper
from site_builder.source.registry import Registry
from site_builder.text import dates
from site_builder.text.identifiers import is_valid_bibtex_key
from site_builder.text.latex import decode_latex
from site_builder.text.links import label_links

_ABSTRACT_LINKS = ("code", "huggingface", "project")
"""The kinds of link taken from an abstract's text (others, a DOI's say, the entry has already)."""


def read_bibtex(
    path: Path,
    registry: Registry,
    problems: Problems,
    shown: str,
    site: Path | None = None,
    left_out: list[str] | None = None,
    as_of: dt.date | None = None,
) -> list[Paper]:
    """The papers of a .bib file; `site` is where relative `pdf` paths are looked for. An entry
    without a title or a year is imported with a best guess that its `review` names (see
    `guessed_date`; `as_of` is the import's date, today by default). Entries that cannot be read
    are warned about and, by their `file:line`, added to `left_out`."""
    left_out = [] if left_out is None else left_out
    return read_bibtex_files([path], registry, problems, site, left_out, as_of or dt.date.today(), shown=[shown])


def read_bibtex_files(
    paths: list[Path],
    registry: Registry,
    problems: Problems,
    site: Path | None,
    left_out: list[str],
    as_of: dt.date,
    copies: dict[str, Path] | None = None,
    shown: list[str] | None = None,
    pages: list[Path] | tuple[Path, ...] = (),
) -> list[Paper]:
    """The papers of several .bib files (`shown`: their names in messages, their paths by
    default), read as one bibliography: macros and crossref parents of one file serve the others
    (`IEEEabrv.bib` beside the lab's file), and a work in two files (the lab's file and a
    member's; a Hugo Blox site keeps a `cite.bib` per paper) is one paper, as within one file.
    The files their entries name that were found beside them (PDFs, pictures) go into `copies`:
    destination in the site -> the file found. `pages`: Hugo Blox publication pages, each
    completing the paper of the `cite.bib` beside it, or a paper of its own (`hugoblox`), and
    academicpages' pages, each a paper (`academicpages`)."""
    jekyll = [page for page in pages if academicpages.is_publication_page(page)]
    page_of = {page.parent: page for page in pages if page not in jekyll}
    files = zip(paths, shown or [str(path) for path in paths], strict=True)
    texts = [(path, name, text) for path, name in files if (text := read_bib_text(path, name, problems)) is not None]
    read = read_bibliography([(name, text) for _, name, text in texts], problems, left_out)
    for (_, name, text), entries in zip(texts, read, strict=True):
        if not entries and "@" not in text:  # not even a macro: another file than the one meant?
            problems.warning(SourceLocation(name), "this file holds no BibTeX entry", "check that it is the .bib you exported")
    # A volume that papers crossref is where they appeared; one that none does is the lab's own
    # (proceedings its members edited) and a paper like any other.
    parents = {e.fields["crossref"].strip().casefold() for entries in read for e in entries if e.fields.get("crossref", "").strip()}
    read = [
        [
            e
            for e in entries
            if e.entry_type not in ("string", "preamble", "comment")
            and not (e.entry_type in CONTAINER_TYPES and e.key.casefold() in parents)
        ]
        for entries in read
    ]
    labels = group_labels(
        [
            (field_text(e.fields.get("abbr", "")), entry_venue(ENTRY_KINDS.get(e.entry_type, "other"), e.fields)[0])
            for es in read
            for e in es
        ]
    )
    if labels:
        say_group_labels(labels, SourceLocation(texts[0][1] if len(texts) == 1 else "the .bib files"), problems)
    labelled = {abbr.casefold(): abbr for abbr in labels}
    papers = []
    for (path, name, text), entries in zip(texts, read, strict=True):
        taken: set[str] = set()
        file_papers = []
        from_records(entries, problems, name)
        files = Files(path.parent, site, copies, jabref_file_folders(text, path.parent))
        for entry in entries:
            paper = _paper(entry, SourceLocation(name, entry.line), registry, problems, files, as_of, labelled)
            file_papers.append(dataclasses.replace(paper, slug=free_slug(paper.slug, paper.date.year, taken)))
        say_unread_fields(entries, problems, name)
        say_tagged_titles([paper.title for paper in file_papers], problems, name)
        _say_highlighted_names(entries, problems, name)
        if exported_by_scholar([(entry.key, entry.fields.get("title", "")) for entry in entries]):
            say_exported_by_scholar(problems, name)
        page = page_of.pop(path.parent, None)
        if page is not None:
            file_papers = with_page(file_papers, read_page(page, problems, Files(page.parent, site, copies), left_out, as_of, registry))
        papers += one_per_work(file_papers, problems, name)
    for page in page_of.values():  # pages without a .bib beside them
        paper = read_page(page, problems, Files(page.parent, site, copies), left_out, as_of, registry)
        papers += [paper] if paper is not None else []
    for page in jekyll:
        paper = academicpages.read_page(page, problems, Files(page.parent, site, copies), left_out, as_of, registry)
        papers += [paper] if paper is not None else []
    return one_per_work(papers, problems, "the .bib files") if len(paths) + len(pages) > 1 else papers


def embedded_paper(text: str, where: SourceLocation, registry: Registry, problems: Problems, files: Files, as_of: dt.date) -> Paper | None:
    """The paper of the first BibTeX entry in `text`, a citation a page carries (academicpages'
    `bibtex:` field or code block); None when it holds none that can be read."""
    entries = [
        e for e in read_bibliography([(where.path, text)], Problems(), [])[0] if e.entry_type not in ("string", "preamble", "comment")
    ]
    if not entries or not entries[0].fields.get("title"):
        return None
    located = dataclasses.replace(where, line=where.line + entries[0].line - 1) if where.line else where
    return _paper(entries[0], located, registry, problems, files, as_of, {})


def _paper(
    entry: RawEntry,
    where: SourceLocation,
    registry: Registry,
    problems: Problems,
    files: Files,
    as_of: dt.date,
    labelled: dict[str, str],
) -> Paper:
    fields = entry.fields
    with_subtitles(fields)
    abbr = field_text(fields.get("abbr", ""))
    label = labelled.get(abbr.casefold(), "")  # the lab's group of papers (`group_labels`): a topic
    name = repr(entry.key) if entry.key else f"of type @{entry.entry_type}"
    title, title_note = _title(entry)
    review: list[str] = []
    ids = entry_identifiers(fields, review)
    day, precision, venue_year, date_note, guessed = _date(fields, ids.get("arxiv", ""), as_of)
    early = _say_guesses(where, name, title_note, date_note, guessed, problems)
    written, written_others = _named(fields.get("author", ""))
    authors, others, equal = _people(written, written_others)
    editors, editors_others, editor_marks = _people(*_named(fields.get("editor", "")))
    if not authors and editors:
        # BibTeX's styles name the editors of a book without authors in their place; pages list
        # them as its authors, exports as its editors (`editors` equal to `authors`)
        authors, others, equal = editors, editors_others, editor_marks
    if listed := ", ".join(dict.fromkeys(one.listed for one in written if one.listed)):
        review.append(f"its `author` separates names with commas, semicolons or `&`, not `and`: read as {listed}; check them")
    if not authors:
        early.append("the .bib entry names no authors: add them")
        problems.warning(where, f"entry {name} names no author or editor", "add `author = {...}` to it")
    arxiv = ids.get("arxiv", "")
    kind, venue, venue_macro_short = kind_and_venue(entry.entry_type, fields, arxiv)
    say_unshown_text(fields, review)
    links, pdf = links_and_pdf(fields, review, files)
    image = preview_image(fields, review, files)
    if ids.get("page"):
        links.setdefault("url", ids.pop("page"))
    abstract = abstract_from_bibtex(fields.get("abstract", "").strip())
    _add_abstract_links(links, abstract)
    author_names = tuple(a.display for a in authors)
    roles = author_roles(author_names, equal, fields, review)
    for message in review:
        problems.warning(where, f"entry {name}: {message}", "see the paper's `review`")
    review = [*entry.notes, *early, *review]
    exact = _needs_raw_names(authors)
    return Paper(
        slug=base_slug(title),
        title=title,
        authors=author_names,
        date=day,
        date_precision=precision,
        category=arxiv_category(fields, arxiv),
        et_al=others,
        venue=venue,
        venue_short=("" if label else abbr) or venue_macro_short,
        venue_year=venue_year,
        doi=ids.get("doi", ""),
        arxiv=arxiv,
        pdf=pdf,
        selected=fields.get("selected", "").strip().lower() in ("true", "yes", "1"),
        **_award(fields),
        type=kind,
        editors=tuple(e.display for e in editors),
        **roles,
        bibtex_key=_citation_key(entry),
        bibtex_type=_entry_type(entry),
        bibtex_title=bibtex_title(fields.get("title", "")),
        bibtex_authors=_raw_names(written, written_others) if exact and fields.get("author") else "",
        image=image,
        links=links,
        topics=_topics(title, abstract, fields, registry, label),
        body=abstract,
        review="; ".join(review),
        source_id=source_id("bibtex", title, 0 if guessed else day.year, ids.get("doi", ""), ids.get("arxiv", "")),
        **text_values(fields, publication_status(fields), arxiv),
    )


def _topics(title: str, abstract: str, fields: dict[str, str], registry: Registry, label: str) -> tuple[str, ...]:
    """The topics whose keywords the title, the abstract or the entry's own `keywords` (JabRef's,
    Zotero's tags, a database's author keywords) name; then the group `label` (al-folio's `abbr`)."""
    text = f"{abstract}\n{decode_latex(fields.get('keywords', ''))}"
    return tuple(dict.fromkeys((*assign_topics(title, text, registry.topics), *([label] if label else []))))


def _add_abstract_links(links: dict[str, str], abstract: str) -> None:
    """The repository, models or project page an abstract names (`Code is at https://github.com/…`),
    as a listing's import finds them, where the entry has no link of that kind."""
    for label, url in label_links(abstract).items():
        if label in _ABSTRACT_LINKS:
            links.setdefault(label, url)


def _date(fields: dict[str, str], arxiv: str, as_of: dt.date) -> tuple[dt.date, str, int, str, bool]:
    """The paper's date and its precision, the venue's year when the date is the preprint's, a
    note for the review, and whether the date is a guess (the entry has no usable one)."""
    date = entry_date(fields)
    guessed = isinstance(date, str)
    day, precision, note = guessed_date(fields, arxiv, as_of, date) if isinstance(date, str) else date
    preprint_date = dates.parse_date(fields.get("eprintdate", "").strip())  # written by our own export
    if preprint_date and preprint_date[0].year != day.year:
        return preprint_date[0], preprint_date[1], day.year, note, guessed
    return day, precision, 0, note, guessed


def _citation_key(entry: RawEntry) -> str:
    """The key the lab cites the paper by: the one Zotero's Extra pins (`Citation Key: …`, read
    into `citationkey`), else the entry's; never one a .bib cannot use, nor DataCite's address."""
    for key in (field_text(entry.fields.get("citationkey", "")).strip(), entry.key):
        if key and is_valid_bibtex_key(key) and "://" not in key:
            return key
    return ""


def _entry_type(entry: RawEntry) -> str:
    """The entry's type; biblatex's `@thesis` as the thesis its `type` names (`mathesis`,
    `Master's thesis`: `mastersthesis`; else `phdthesis`), which every style knows."""
    if entry.entry_type != "thesis":
        return entry.entry_type
    kind = entry.fields.get("type", "").lower()
    return "mastersthesis" if re.search(r"master|mathesis|\bm\.?sc?\b|\bm\.?a\.?\b|diplom", kind) else "phdthesis"


def _say_guesses(where: SourceLocation, name: str, title_note: str, date_note: str, guessed: bool, problems: Problems) -> list[str]:
    """Warn of the title and date taken for an entry that lacks them; the notes, for its review."""
    if title_note:
        fix = "add `title = {...}` to the entry and import again, or set the paper's `title`"
        problems.warning(where, f"entry {name}: {title_note}", fix)
    if date_note:
        fix = "add `year = {...}` to the entry and import again, or set the paper's `date`" if guessed else "check the paper's `date`"
        problems.warning(where, f"entry {name}: {date_note}", fix)
    return [note for note in (title_note, date_note) if note]


def _title(entry: RawEntry) -> tuple[str, str]:
    """The entry's title and, when it has none, the best guess taken and the review note that
    says so: a chapter's book, else the entry's key (a page needs a title; the entry is not
    dropped for want of one)."""
    fields = entry.fields
    title = title_text(fields.get("title", "")) or title_text(fields.get("booktitle", "") if entry.entry_type == "inbook" else "")
    title, note = bibtitle.without_cited_names(bibtitle.without_final_stop(title))
    if title:
        return title, note
    if entry.key:
        return entry.key, f"it has no `title`: its key {entry.key!r} was taken as the title"
    return f"Untitled @{entry.entry_type}", "it has no `title` and no key: it is titled by its type"


def _award(fields: dict[str, str]) -> dict[str, str]:
    """al-folio's award: `award_name` is the badge and `award` its text, the badge when alone.
    Labs also write them the other way round (`award = {Oral}`, `award_name = {Oral
    presentation}`): the shorter is the badge, the longer its details."""
    texts = [t for t in (field_text(fields.get("award_name", "")), field_text(fields.get("award", ""))) if t]
    if not texts:
        return {"award": "", "award_details": ""}
    badge = min(texts, key=len)
    details = max(texts, key=len)
    return {"award": badge, "award_details": details if details != badge else ""}


class _Named(NamedTuple):
    """One name of a list: as written without its marks, as read, its marks, whether the list
    set it in bold or underlined, and the list item it came from when that was a list written
    with commas (`Ann Lee, Bo Chen`), as read."""

    written: str
    name: bibnames.BibName
    marks: str
    highlighted: bool
    listed: str


def _named(field: str) -> tuple[list[_Named], bool]:
    """The names a name list gives, and whether it ends in `and others`. `{~ *}` (marks and
    spaces) names no one; `Ann Lee, Bo Chen, Cy Wu` in one item names three."""
    raw, others = bibnames.split_list(field)
    named = []
    for item in raw:
        cleaned, marks, highlighted = bibnames.cleaned_item(item)
        listed = bibnames.listed_with_commas(cleaned)
        for one, its_marks in zip(listed or [cleaned], _marks_of(item, listed) if listed else [marks], strict=True):
            name = bibnames.parse_name(one) if one else None
            if name is not None and name.display.strip():
                named.append(_Named(one, name, its_marks, highlighted, ", ".join(listed or ())))
    return named, others


def _marks_of(item: str, listed: list[str]) -> list[str]:
    """The marks after each of the names an item lists with commas (`Ann Lee*, Bo Chen*, Cy Wu`)."""
    written = bibnames.listed_with_commas(bibnames.unhighlighted(item)[0]) or []
    if len(written) != len(listed):
        return [""] * len(listed)
    return [bibnames.strip_marks(name)[1] for name in written]


_MAY_HIGHLIGHT = re.compile(r"\\|<|\*\*|__")
"""What every way of setting a name in bold or underlined writes (`bibnames.unhighlighted`): a
name list without any is not read a second time for them (a collaboration's is 2,900 names)."""


def _say_highlighted_names(entries: list[RawEntry], problems: Problems, shown: str) -> None:
    """One warning naming the people a file sets in bold or underlined (its lab's own): the
    site highlights lab members itself, wherever their names appear."""
    fields = [field for entry in entries if _MAY_HIGHLIGHT.search(field := entry.fields.get("author", ""))]
    counts = Counter(one.name.display for field in fields for one in _named(field)[0] if one.highlighted)
    if counts:
        named = ", ".join(f"{person!r} ({n})" for person, n in counts.most_common(3)) + (", …" if len(counts) > 3 else "")
        problems.warning(
            SourceLocation(shown),
            f"authors set in bold or underlined were imported as their names alone: {named}",
            "the site highlights lab members itself: list them in site.yaml `members`",
        )


def _people(named: list[_Named], others: bool) -> tuple[tuple[bibnames.BibName, ...], bool, tuple[str, ...]]:
    return tuple(one.name for one in named), others, tuple(one.marks for one in named)


def _needs_raw_names(names: tuple[bibnames.BibName, ...]) -> bool:
    """Whether exporting the display names would split one of them otherwise than the .bib did
    (`Garcia Marquez, Gabriel`, an organisation our guess does not know): then the .bib's own
    author field is kept beside them."""
    return any(bibnames.guess_parts(n.display) != n for n in names)


def _raw_names(named: list[_Named], others: bool) -> str:
    return " and ".join([*(one.written for one in named), *(["others"] if others else [])])
