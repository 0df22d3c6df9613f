"""`site-builder import`: a listing -> `content/papers/*.md`, never losing a person's edit.

Each paper file keeps the listing entry's identity (`source_id`). A small state file keeps
what import last wrote for each entry, so a later import can tell three versions apart:
what import wrote before (base), what the file says now (a person's edits) and what the
listing says now. A field a person has not touched follows the listing; a field a person
changed is kept; where both changed, the person's version is kept and the file is named.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder.errors import Problems, SourceLocation
from site_builder.importing.listing import parse_listing, read_listing_text
from site_builder.importing.matching import Matcher
from site_builder.importing.merge import fill_in, taken_out
from site_builder.importing.normalize import LISTING_SOURCE, free_slug, normalize_entries
from site_builder.importing.record import STATE_FILE, read_record
from site_builder.importing.spellings import one_spelling
from site_builder.output.atomic import write_atomic
from site_builder.site.model import Paper
from site_builder.source.content import PAPERS_DIR, load_papers
from site_builder.source.frontmatter import render_paper
from site_builder.source.registry import Registry, load_registry
from site_builder.text import dates

MANAGED_FIELDS = (
    "title", "authors", "et_al", "date", "category", "code", "org", "links", "topics", "body", "review",
    "venue", "venue_short", "award", "award_details", "doi", "arxiv", "pdf", "type", "volume", "number", "pages", "publisher", "address",
    "series", "edition", "version", "editors", "isbn", "chapter", "note", "bibtex_type", "bibtex_authors", "image", "equal_contribution",
    "corresponding",
)  # fmt: skip
"""The fields import writes; any other front matter key is a person's and is never touched."""
_EMPTY: dict[str, Any] = {
    "et_al": False, "code": False, "links": {}, "authors": [], "topics": [], "editors": [], "equal_contribution": [], "corresponding": [],
}  # fmt: skip


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    """`file: fields` where both the person and the listing changed a field."""
    skipped: list[str] = field(default_factory=list)
    """Entries whose file a person deleted: not brought back (unless `--restore`)."""
    merged: list[str] = field(default_factory=list)
    """Entries that are a paper the site already has from another source (same DOI, arXiv id or
    title, year and authors): its empty fields were filled in, nothing was overwritten."""
    review: list[str] = field(default_factory=list)
    """Files that an unsure import marked with `review:`, for a person to check."""
    retitled: list[str] = field(default_factory=list)
    """`file: 'old title' -> 'new title'` of entries exported again under another title."""
    versions: list[str] = field(default_factory=list)
    """Entries taken for a paper from another source under another title: a preprint and its
    published version (`versions`)."""
    respelt: list[str] = field(default_factory=list)
    """Entries taken for a paper whose title has one word spelt otherwise (`identity.misspelt`)."""
    spellings: list[str] = field(default_factory=list)
    """Names written as the site spells the same name (`spellings`): `'as written' as 'as spelt'`."""
    left_out: list[str] = field(default_factory=list)
    """`file:line` of source entries that could not become papers (each one warned about)."""
    not_listed: list[str] = field(default_factory=list)
    """Files of papers an earlier listing brought that the listing imported now does not have:
    they stay (a paper leaves the site when a person deletes its file), and the import says so."""
    copied: list[str] = field(default_factory=list)
    """Files named by the source (PDFs, pictures) copied into the site, where it had none."""
    copied_ever: set[str] = field(default_factory=set)
    """Every file an import has copied into the site (kept in the import record): one a person
    deleted since is not copied again."""
    writes: dict[Path, bytes] = field(default_factory=dict)
    """The files the import writes (or, in a dry run, would write), with their bytes."""
    state: dict[str, Any] = field(default_factory=dict)
    """The import record after the import."""

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.conflicts)} conflicts, {len(self.merged)} merged with papers from another source, "
            f"{len(self.skipped)} deleted by hand (left out); {len(self.review)} need a look (`review:` in the file)"
            + (f"; {len(self.copied)} files copied into the site" if self.copied else "")
            + (f"; {len(self.left_out)} entries could not be imported (see the warnings)" if self.left_out else "")
        )


def _fields(paper: Paper) -> dict[str, Any]:
    """The managed fields as JSON values, the form kept in the state file."""
    values = {}
    for name in MANAGED_FIELDS:
        value = getattr(paper, name)
        if name == "date":
            value = dates.iso(paper.date, paper.date_precision)
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, dict):
            value = dict(sorted(value.items()))
        values[name] = value
    return values


def _from_fields(paper: Paper, values: dict[str, Any]) -> Paper:
    changes = dict(values)
    changes["date"], changes["date_precision"] = dates.parse_date(changes["date"]) or (paper.date, paper.date_precision)
    for name in ("authors", "topics", "editors", "equal_contribution", "corresponding"):
        changes[name] = tuple(changes[name])
    return dataclasses.replace(paper, **changes)


def _base(record: dict, name: str) -> Any:
    """What import wrote for a field last time; a field older records lack was empty then."""
    fields = record.get("fields", {})
    return fields[name] if name in fields else _EMPTY.get(name, "")


def _merge(record: dict, ours: dict, theirs: dict) -> tuple[dict, list[str]]:
    merged, conflicts = dict(ours), []
    for name in MANAGED_FIELDS:
        base = _base(record, name)
        if ours[name] == base:
            merged[name] = theirs[name]
        elif theirs[name] != base and theirs[name] != ours[name]:
            conflicts.append(name)
    return merged, conflicts


def _edited(paper: Paper, state: dict[str, Any], name: str) -> bool:
    """Whether a person changed the paper's field `name` (`authors`, `title`) since its own
    source's import wrote it (a file with no import record counts as written by hand)."""
    record = state.get(paper.source_id)
    value = getattr(paper, name)
    return record is None or _base(record, name) != (list(value) if isinstance(value, tuple) else value)


def import_listing(
    root: Path,
    listing: Path,
    as_of: dt.date,
    problems: Problems,
    shown_as: str,
    dry_run: bool = False,
    restore: bool = False,
    apart: Iterable[str] = (),
) -> ImportReport | None:
    """Import `listing` into the site at `root` (`import_papers` says how). Nothing is written
    when there are errors."""
    registry = load_registry(root, problems)
    text = read_listing_text(listing, problems, shown_as)
    entries = parse_listing(text, problems, shown_as) if text is not None else []
    incoming = normalize_entries(entries, registry, as_of, problems, shown_as)
    return import_papers(root, incoming, registry, problems, dry_run, restore, apart=apart)


def import_bibtex(
    root: Path,
    paths: list[Path],
    as_of: dt.date,
    problems: Problems,
    dry_run: bool = False,
    restore: bool = False,
    pages: list[Path] | tuple[Path, ...] = (),
    apart: Iterable[str] = (),
) -> ImportReport | None:
    """Import `.bib` files (and Hugo Blox publication `pages`) into the site at `root`, as one;
    `as_of` dates an entry without a year (the guess its `review` names). Nothing is written
    when there are errors."""
    from site_builder.importing.bibimport import read_bibtex_files

    registry = load_registry(root, problems)
    left_out: list[str] = []
    copies: dict[str, Path] = {}
    incoming = read_bibtex_files(paths, registry, problems, root, left_out, as_of, copies, pages=pages)
    report = import_papers(root, incoming, registry, problems, dry_run, restore, copies=copies, apart=apart)
    if report is not None:
        report.left_out = left_out
    return report


def import_papers(
    root: Path,
    incoming: list[Paper],
    registry: Registry,
    problems: Problems,
    dry_run: bool = False,
    restore: bool = False,
    targets: dict[str, str] | None = None,
    copies: dict[str, Path] | None = None,
    apart: Iterable[str] = (),
) -> ImportReport | None:
    """Write `incoming` papers into the site: add, update as far as no edit is lost, or merge
    with the same paper from another source, each name spelt as `registry` (the caller's, read
    once) or the site spells it. `restore` brings back papers deleted by hand;
    `apart` names papers (by slug) that the entries an import merged into them leave.
    `targets`: source id -> slug of the site's paper that the record completes, when the caller
    matched them itself (`enrich`). `copies`: files to copy into the site (destination relative
    to it -> source), each when a paper written links it and the site has no file there."""
    targets = targets or {}
    existing = load_papers(root, problems)
    record = read_record(root, problems)
    if problems.errors:
        return None
    if not existing:
        record = {}  # an emptied papers folder is a fresh start, not 'every paper deleted by hand'
    state = record.get("entries", {})
    copied = record.get("copied")
    incoming, spellings = one_spelling(incoming, existing, registry)
    site = Matcher(existing, state, (p.source_id for p in incoming), apart)
    for slug in sorted(site.apart - set(site.by_slug)):
        problems.error(SourceLocation(f"{PAPERS_DIR}/{slug}.md"), "no such paper to set apart", "name a file in content/papers")
    if problems.errors:
        return None
    report = ImportReport(copied_ever={name for name in copied if isinstance(name, str)} if isinstance(copied, list) else set())
    placing = _Placing(root, problems, site, state, report, copies or {}, restore)
    new_entries = []
    for paper in incoming:
        placing.set_apart(paper)
        paper, current, record = site.known(paper, targets.get(paper.source_id, ""))
        if current is None and record is None:
            new_entries.append(paper)  # placed once every entry has had its exact match
        else:
            placing.place(paper, current, record)
    versions = site.other_versions(new_entries)
    for paper in new_entries:
        if paper.source_id in versions:
            placing.place(*versions[paper.source_id])
        else:
            placing.place(*site.known(paper))
    report.respelt, report.retitled, report.versions, report.spellings = site.respelt, site.retitled, site.versions, spellings
    if incoming and all(paper.source_id.startswith(LISTING_SOURCE) for paper in incoming):
        report.not_listed = [
            f"{PAPERS_DIR}/{p.slug}.md" for p in existing if p.source_id.startswith(LISTING_SOURCE) and p.slug not in site.claimed
        ]
    report.writes, report.state = placing.writes, placing.new_state
    if not dry_run:
        save_import(root, report)
    return report


class _Placing:
    """Each entry of one import written where its match says: a new file, an update that keeps
    every edit, or what it adds to a paper from another source; with the import record after it."""

    def __init__(
        self, root: Path, problems: Problems, site: Matcher, state: dict, report: ImportReport, copies: dict[str, Path], restore: bool
    ):
        self.root, self.problems, self.site, self.state, self.report = root, problems, site, state, report
        self.copies, self.restore = copies, restore
        self.writes: dict[Path, bytes] = {}
        self.new_state: dict[str, Any] = dict(state)

    def write(self, paper: Paper) -> str:
        name = f"{PAPERS_DIR}/{paper.slug}.md"
        self.writes[self.root / name] = render_paper(paper).encode()
        _copy_linked_files(self.root, paper, self.copies, self.writes, self.report, self.problems)
        self.site.index(paper)
        if paper.review:
            self.report.review.append(name)
        return name

    def place(self, paper: Paper, current: Paper | None, record: dict | None, review: str = "") -> None:
        """Write `paper` as its match says (`Match`); `review`: what a guess adds to the paper it completes."""
        if current is not None:
            self.site.claimed.add(current.slug)
        if current is not None and current.source_id != paper.source_id:
            self._complete(current, paper, review)
        elif current is None and record is not None and not self.restore:
            self.report.skipped.append(f"{PAPERS_DIR}/{record['file']}.md")
        elif current is None:
            paper = dataclasses.replace(paper, slug=free_slug(paper.slug, paper.date.year, set(self.site.by_slug)))
            self.site.claimed.add(paper.slug)
            self.report.added.append(self.write(paper))
            self.new_state[paper.source_id] = {"file": paper.slug, "fields": _fields(paper)}
        else:
            _update(current, paper, record, self.report, self.write)
            self.new_state[paper.source_id] = {"file": current.slug, "fields": _fields(paper)}

    def set_apart(self, paper: Paper) -> None:
        """Take out of the paper that `paper`'s entry was merged into what it gave, when that
        paper is one to set apart (`import --apart`): the entry is about to be a paper of its own."""
        record = self.state.get(paper.source_id)
        slug = record.get("file") if isinstance(record, dict) and record.get("merged") else None
        if slug not in self.site.apart or slug not in self.site.by_slug:
            return
        current = self.site.by_slug[slug]
        own = self.state.get(current.source_id, {}).get("fields", {})
        separated = taken_out(current, paper, own)
        if separated != current:
            self.report.updated.append(self.write(separated))

    def _complete(self, current: Paper, paper: Paper, review: str) -> None:
        """Fill in what `current`, a paper from another source, lacks from `paper`."""
        edited = {name: _edited(current, self.state, name) for name in ("authors", "title")}
        merged = fill_in(current, paper, authors_edited=edited["authors"], title_edited=edited["title"])
        if review:
            merged = dataclasses.replace(merged, review="; ".join(r for r in (merged.review, review) if r))
        if merged != current:
            self.report.merged.append(self.write(merged))
        else:
            self.report.unchanged.append(f"{PAPERS_DIR}/{current.slug}.md")
        self.new_state[paper.source_id] = {"file": merged.slug, "fields": _fields(paper), "merged": True}


def _copy_linked_files(
    root: Path, paper: Paper, copies: dict[str, Path], writes: dict[Path, bytes], report: ImportReport, problems: Problems
) -> None:
    """The files the paper links that the import found beside its source, planned as writes
    where the site has no file of that name (a file already there is never replaced) and no
    import has copied one before (a person has deleted it since)."""
    linked = [f"{PAPERS_DIR}/{paper.image}", *(link[1:] for link in (paper.pdf, *paper.links.values()) if link.startswith("/static/"))]
    for destination in linked:
        source, target = copies.get(destination), root / destination
        if source is None or target in writes or target.exists() or destination in report.copied_ever:
            continue
        try:
            writes[target] = source.read_bytes()
        except OSError as exc:
            problems.warning(
                SourceLocation(str(source)), f"cannot be copied into the site: {exc.strerror}", f"copy it to {destination} by hand"
            )
            continue
        report.copied.append(destination)
        report.copied_ever.add(destination)


def save_import(root: Path, report: ImportReport) -> None:
    """Write the files an import planned, then its record (each file atomically)."""
    for path, data in sorted(report.writes.items()):
        write_atomic(path, data)
    record: dict[str, Any] = {"entries": dict(sorted(report.state.items()))}
    if report.copied_ever:
        record["copied"] = sorted(report.copied_ever)
    state_bytes = (json.dumps(record, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode()
    state_path = root / STATE_FILE
    if not state_path.exists() or state_path.read_bytes() != state_bytes:
        write_atomic(state_path, state_bytes)


def _update(current: Paper, paper: Paper, record: dict | None, report: ImportReport, write) -> None:
    ours, theirs = _fields(current), _fields(paper)
    name = current.source_path
    if record is None:
        # The file came from elsewhere (or the record was lost): we cannot tell a person's
        # edit from a listing change, so the file wins and we say so.
        if ours != theirs:
            report.conflicts.append(f"{name}: differs from the listing (no import record); kept as it is")
        else:
            report.unchanged.append(name)
        return
    merged, conflicts = _merge(record, ours, theirs)
    if conflicts:
        report.conflicts.append(f"{name}: {', '.join(conflicts)} changed both by hand and in the listing; kept yours")
    if merged != ours:
        updated = _from_fields(current, merged)
        if merged["title"] != ours["title"]:  # the source's BibTeX form of its title goes with it
            updated = dataclasses.replace(updated, bibtex_title=paper.bibtex_title)
        write(updated)
        report.updated.append(name)
    elif not conflicts:
        report.unchanged.append(name)
