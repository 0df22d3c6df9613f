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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder.errors import Problems, SourceLocation
from site_builder.importing.identity import identity_keys, misspelt, same_paper
from site_builder.importing.listing import parse_listing, read_listing_text
from site_builder.importing.merge import fill_in
from site_builder.importing.normalize import free_slug, normalize_entries
from site_builder.importing.record import STATE_FILE, read_record
from site_builder.importing.retitled import EarlierEntries
from site_builder.output.atomic import write_atomic
from site_builder.site.model import Paper
from site_builder.source.content import PAPERS_DIR, load_papers
from site_builder.source.frontmatter import render_paper
from site_builder.source.registry import load_registry
from site_builder.text import dates

MANAGED_FIELDS = (
    "title", "authors", "et_al", "date", "category", "code", "org", "links", "topics", "body", "review",
    "venue", "venue_short", "award", "award_details", "doi", "arxiv", "pdf", "type", "volume", "number", "pages", "publisher", "address",
    "series", "edition", "editors", "isbn", "chapter", "note", "bibtex_type", "bibtex_authors", "image", "equal_contribution",
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
    respelt: list[str] = field(default_factory=list)
    """Entries taken for a paper whose title has one word spelt otherwise (`identity.misspelt`)."""
    left_out: list[str] = field(default_factory=list)
    """`file:line` of source entries that could not become papers (each one warned about)."""
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
    root: Path, listing: Path, as_of: dt.date, problems: Problems, shown_as: str, dry_run: bool = False, restore: bool = False
) -> ImportReport | None:
    """Import `listing` into the site at `root`. Nothing is written when there are errors."""
    registry = load_registry(root, problems)
    text = read_listing_text(listing, problems, shown_as)
    entries = parse_listing(text, problems, shown_as) if text is not None else []
    incoming = normalize_entries(entries, registry, as_of, problems, shown_as)
    return import_papers(root, incoming, problems, dry_run, restore)


def import_bibtex(
    root: Path,
    paths: list[Path],
    as_of: dt.date,
    problems: Problems,
    dry_run: bool = False,
    restore: bool = False,
    pages: list[Path] | tuple[Path, ...] = (),
) -> ImportReport | None:
    """Import `.bib` files (and Hugo Blox publication `pages`) into the site at `root`, as one;
    `as_of` dates an entry without a year (the guess its `review` names). Nothing is written
    when there are errors."""
    from site_builder.importing.bibimport import read_bibtex_files

    registry = load_registry(root, problems)
    left_out: list[str] = []
    copies: dict[str, Path] = {}
    incoming = read_bibtex_files(paths, registry, problems, root, left_out, as_of, copies, pages=pages)
    report = import_papers(root, incoming, problems, dry_run, restore, copies=copies)
    if report is not None:
        report.left_out = left_out
    return report


class _Site:
    """The papers on disk during one import, findable by source, file and identity."""

    def __init__(self, existing: list[Paper]):
        self.by_source = {p.source_id: p for p in existing if p.source_id}
        self.by_slug = {p.slug: p for p in existing}
        self.by_key: dict[str, list[Paper]] = {}
        self.claimed: set[str] = set()
        """Slugs an entry of this import has already matched: no second entry lands on them."""
        for paper in existing:
            self.index(paper)

    def index(self, paper: Paper) -> None:
        self.by_slug[paper.slug] = paper
        if paper.source_id:
            self.by_source[paper.source_id] = paper
        for key in identity_keys(paper):
            bucket = self.by_key.setdefault(key, [])
            bucket[:] = [p for p in bucket if p.slug != paper.slug] + [paper]

    def same_work(self, paper: Paper) -> Paper | None:
        seen = {}
        for key in sorted(identity_keys(paper)):
            for candidate in self.by_key.get(key, []):
                seen.setdefault(candidate.slug, candidate)
        return next((c for _, c in sorted(seen.items()) if c.slug not in self.claimed and same_paper(c, paper)), None)


def import_papers(
    root: Path,
    incoming: list[Paper],
    problems: Problems,
    dry_run: bool = False,
    restore: bool = False,
    targets: dict[str, str] | None = None,
    copies: dict[str, Path] | None = None,
) -> ImportReport | None:
    """Write `incoming` papers into the site: add, update as far as no edit is lost, or merge
    with the same paper from another source. `restore` brings back papers deleted by hand.
    `targets`: source id -> slug of the site's paper that the record completes, when the caller
    matched them itself (`enrich`). `copies`: files to copy into the site (destination relative
    to it -> source), each when a paper written links it and the site has no file there."""
    targets = targets or {}
    copies = copies or {}
    existing = load_papers(root, problems)
    record = read_record(root, problems)
    if problems.errors:
        return None
    if not existing:
        record = {}  # an emptied papers folder is a fresh start, not 'every paper deleted by hand'
    state = record.get("entries", {})
    copied = record.get("copied")
    site = _Site(existing)
    incoming_ids = {p.source_id for p in incoming}
    earlier = EarlierEntries(state, incoming_ids)
    report = ImportReport(copied_ever={name for name in copied if isinstance(name, str)} if isinstance(copied, list) else set())
    writes: dict[Path, bytes] = {}
    new_state: dict[str, Any] = dict(state)

    def write(paper: Paper) -> str:
        name = f"{PAPERS_DIR}/{paper.slug}.md"
        writes[root / PAPERS_DIR / f"{paper.slug}.md"] = render_paper(paper).encode()
        _copy_linked_files(root, paper, copies, writes, report, problems)
        site.index(paper)
        if paper.review:
            report.review.append(name)
        return name

    for paper in incoming:
        paper, current, record = _known(paper, site, state, targets.get(paper.source_id, ""), incoming_ids, earlier, report)
        if current is not None:
            site.claimed.add(current.slug)
        if current is not None and current.source_id != paper.source_id:
            merged = fill_in(
                current, paper, authors_edited=_edited(current, state, "authors"), title_edited=_edited(current, state, "title")
            )
            if merged != current:
                report.merged.append(write(merged))
            else:
                report.unchanged.append(f"{PAPERS_DIR}/{current.slug}.md")
            new_state[paper.source_id] = {"file": merged.slug, "fields": _fields(paper), "merged": True}
            continue
        if current is None:
            if record is not None and not restore:
                report.skipped.append(f"{PAPERS_DIR}/{record['file']}.md")
                continue
            slug = free_slug(paper.slug, paper.date.year, set(site.by_slug))
            paper = dataclasses.replace(paper, slug=slug)
            site.claimed.add(slug)
            report.added.append(write(paper))
            new_state[paper.source_id] = {"file": slug, "fields": _fields(paper)}
            continue
        _update(current, paper, record, report, write)
        new_state[paper.source_id] = {"file": current.slug, "fields": _fields(paper)}

    report.writes, report.state = writes, new_state
    if not dry_run:
        save_import(root, report)
    return report


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


def _renamed_entry(current: Paper, paper: Paper, state: dict[str, Any], incoming_ids: set[str]) -> bool:
    """Whether `current` came from the same source as `paper` (a listing entry, a .bib entry) by
    an entry that this import no longer has: the same entry under a reworded title."""
    kind = paper.source_id.partition(":")[0]
    return current.source_id.startswith(kind + ":") and current.source_id in state and current.source_id not in incoming_ids


def _known(
    paper: Paper, site: _Site, state: dict, target: str, incoming_ids: set[str], earlier: EarlierEntries, report: ImportReport
) -> tuple[Paper, Paper | None, dict | None]:
    """The paper of the site that `paper` is (None for a new one) and the import record of its
    entry (None for an entry no import has written), with `paper` under that entry's identity
    when it is one exported again with its title reworded or changed. `target`: the slug of the
    paper the caller matched it to itself (`enrich`), or empty."""
    current = site.by_source.get(paper.source_id) or site.by_slug.get(target)
    record = state.get(paper.source_id)
    if current is None and record is not None and record.get("merged") and record["file"] in site.by_slug:
        current = site.by_slug[record["file"]]  # merged before into a paper from another source
    if current is None and record is None:
        current = site.same_work(paper)
        if current is not None and misspelt(current.title, paper.title):
            report.respelt.append(f"{current.source_path}: the source's '{paper.title}' is '{current.title}' here")
        if current is not None and _renamed_entry(current, paper, state, incoming_ids):
            # The same entry, exported again with its title reworded: it keeps its identity.
            return dataclasses.replace(paper, source_id=current.source_id), current, state[current.source_id]
        if current is None:
            return _retitled(paper, earlier, site, report)
    return paper, current, record


def _retitled(paper: Paper, earlier: EarlierEntries, site: _Site, report: ImportReport) -> tuple[Paper, Paper | None, dict | None]:
    """`paper` as the earlier entry it continues under a changed title (`retitled`), with that
    entry's file (None when a person deleted it) and record; else `paper`, None, None."""
    found = earlier.continued_by(paper, dates.iso(paper.date, paper.date_precision), site.by_slug)
    if found is None:
        return paper, None, None
    current = site.by_slug.get(found.record["file"])
    if current is not None and (current.source_id != found.source_id or current.slug in site.claimed):
        return paper, None, None
    review = (
        ""
        if found.sure
        else f"taken for the paper its source titled '{found.title}' before, as the date and authors agree: check that it is"
    )
    paper = dataclasses.replace(paper, source_id=found.source_id, review=paper.review or review)
    report.retitled.append(f"{PAPERS_DIR}/{found.record['file']}.md: '{found.title}' is now '{paper.title}'")
    return paper, current, found.record


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
