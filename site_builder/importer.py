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

from site_builder.atomic import write_atomic
from site_builder.bibimport import title_key
from site_builder.content import PAPERS_DIR, load_papers
from site_builder.errors import Problems, SourceLocation
from site_builder.frontmatter import render_paper
from site_builder.listing import parse_listing, read_listing_text
from site_builder.model import Paper
from site_builder.normalize import free_slug, normalize_entries
from site_builder.registry import load_registry

STATE_FILE = "content/.import-state.json"
MANAGED_FIELDS = ("title", "authors", "et_al", "date", "category", "code", "org", "links", "topics", "body")
"""The fields import writes; any other front matter key is a person's and is never touched."""


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    """`file: fields` where both the person and the listing changed a field."""
    skipped: list[str] = field(default_factory=list)
    """Entries whose file a person deleted: not brought back."""
    merged: list[str] = field(default_factory=list)
    """Entries that are a paper the site already has from another source (same DOI, arXiv id or
    title): its empty fields were filled in, nothing was overwritten."""

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.conflicts)} conflicts, {len(self.merged)} merged with papers from another source, "
            f"{len(self.skipped)} deleted by hand (left out)"
        )


def _fields(paper: Paper) -> dict[str, Any]:
    """The managed fields as JSON values, the form kept in the state file."""
    values = {}
    for name in MANAGED_FIELDS:
        value = getattr(paper, name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, dict):
            value = dict(sorted(value.items()))
        values[name] = value
    return values


def _from_fields(paper: Paper, values: dict[str, Any]) -> Paper:
    changes = dict(values)
    changes["date"] = dt.date.fromisoformat(changes["date"])
    for name in ("authors", "topics"):
        changes[name] = tuple(changes[name])
    return dataclasses.replace(paper, **changes)


def _read_state(root: Path, problems: Problems) -> dict[str, Any]:
    path = root / STATE_FILE
    if not path.exists():
        return {}
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        problems.error(SourceLocation(STATE_FILE), f"cannot read the import record: {exc}", "restore it from version control")
        return {}
    return state.get("entries", {}) if isinstance(state, dict) else {}


def _merge(base: dict, ours: dict, theirs: dict) -> tuple[dict, list[str]]:
    merged, conflicts = dict(ours), []
    for name in MANAGED_FIELDS:
        if ours[name] == base.get(name):
            merged[name] = theirs[name]
        elif theirs[name] != base.get(name) and theirs[name] != ours[name]:
            conflicts.append(name)
    return merged, conflicts


_FILLED_FIELDS = ("venue", "doi", "arxiv", "pdf", "type", "bibtex_key", "bibtex_title", "org", "category")


def _identities(paper: Paper) -> set[str]:
    """What recognises one paper across a listing and a .bib: DOI, arXiv id, normalised title."""
    keys = {"title:" + title_key(paper.title)}
    if paper.doi:
        keys.add("doi:" + paper.doi.lower())
    if paper.arxiv:
        keys.add("arxiv:" + paper.arxiv.lower())
    return keys


def fill_in(current: Paper, other: Paper) -> Paper:
    """`current` with its empty fields taken from `other`, and its preprint and published
    versions linked; nothing `current` already says is changed."""
    changes: dict[str, Any] = {name: getattr(other, name) for name in _FILLED_FIELDS if not getattr(current, name) and getattr(other, name)}
    if not current.body and other.body:
        changes["body"] = other.body
    links = dict(current.links)
    for label, url in other.links.items():
        if url not in links.values():
            links.setdefault(label, url)
    arxiv, doi = changes.get("arxiv", current.arxiv), changes.get("doi", current.doi)
    if arxiv and (doi or changes.get("venue", current.venue)):
        links.setdefault("preprint", f"https://arxiv.org/abs/{arxiv}")
    if doi:
        links.setdefault("published", f"https://doi.org/{doi}")
    if links != current.links:
        changes["links"] = links
    return dataclasses.replace(current, **changes) if changes else current


def import_listing(
    root: Path, listing: Path, as_of: dt.date, problems: Problems, shown_as: str, dry_run: bool = False
) -> ImportReport | None:
    """Import `listing` into the site at `root`. Nothing is written when there are errors."""
    registry = load_registry(root, problems)
    text = read_listing_text(listing, problems, shown_as)
    entries = parse_listing(text, problems, shown_as) if text is not None else []
    incoming = normalize_entries(entries, registry, as_of, problems, shown_as)
    return import_papers(root, incoming, problems, dry_run)


def import_bibtex(root: Path, path: Path, problems: Problems, shown_as: str, dry_run: bool = False) -> ImportReport | None:
    """Import a `.bib` file into the site at `root`. Nothing is written when there are errors."""
    from site_builder.bibimport import read_bibtex

    registry = load_registry(root, problems)
    incoming = read_bibtex(path, registry, problems, shown_as)
    return import_papers(root, incoming, problems, dry_run)


def import_papers(root: Path, incoming: list[Paper], problems: Problems, dry_run: bool = False) -> ImportReport | None:
    """Write `incoming` papers into the site: add, update as far as no edit is lost, or merge
    with the same paper from another source."""
    existing = load_papers(root, problems)
    state = _read_state(root, problems)
    if problems.errors:
        return None

    by_source = {p.source_id: p for p in existing if p.source_id}
    by_slug = {p.slug: p for p in existing}
    by_identity: dict[str, Paper] = {}
    for paper in existing:
        for key in _identities(paper):
            by_identity.setdefault(key, paper)
    taken = {p.slug for p in existing}
    report = ImportReport()
    writes: dict[Path, bytes] = {}
    new_state: dict[str, Any] = dict(state)
    for paper in incoming:
        theirs = _fields(paper)
        current = by_source.get(paper.source_id)
        record = state.get(paper.source_id)
        if current is None and record is not None and record.get("merged") and record["file"] in by_slug:
            current = by_slug[record["file"]]  # merged before into a paper from another source
        if current is None and record is None:
            current = next((by_identity[k] for k in sorted(_identities(paper)) if k in by_identity), None)
        if current is not None and current.source_id != paper.source_id:
            merged = fill_in(current, paper)
            name = f"{PAPERS_DIR}/{merged.slug}.md"
            if merged != current:
                writes[root / PAPERS_DIR / f"{merged.slug}.md"] = render_paper(merged).encode()
                by_slug[merged.slug] = merged
                for key in _identities(merged):
                    by_identity[key] = merged
                report.merged.append(name)
            else:
                report.unchanged.append(name)
            new_state[paper.source_id] = {"file": merged.slug, "fields": theirs, "merged": True}
            continue
        if current is None:
            if record is not None:
                report.skipped.append(f"{PAPERS_DIR}/{record['file']}.md")
                continue
            slug = free_slug(paper.slug, paper.date.year, taken)
            paper = dataclasses.replace(paper, slug=slug)
            writes[root / PAPERS_DIR / f"{slug}.md"] = render_paper(paper).encode()
            report.added.append(f"{PAPERS_DIR}/{slug}.md")
            new_state[paper.source_id] = {"file": slug, "fields": theirs}
            by_slug[slug] = paper
            for key in _identities(paper):
                by_identity.setdefault(key, paper)
            by_source[paper.source_id] = paper
            continue
        ours = _fields(current)
        name = current.source_path
        if record is None:
            # The file came from elsewhere (or the record was lost): we cannot tell a person's
            # edit from a listing change, so the file wins and we say so.
            if ours != theirs:
                report.conflicts.append(f"{name}: differs from the listing (no import record); kept as it is")
            else:
                report.unchanged.append(name)
            new_state[paper.source_id] = {"file": current.slug, "fields": theirs}
            continue
        merged, conflicts = _merge(record["fields"], ours, theirs)
        if conflicts:
            report.conflicts.append(f"{name}: {', '.join(conflicts)} changed both by hand and in the listing; kept yours")
        if merged != ours:
            updated = _from_fields(current, merged)
            writes[root / PAPERS_DIR / f"{current.slug}.md"] = render_paper(updated).encode()
            report.updated.append(name)
        elif not conflicts:
            report.unchanged.append(name)
        new_state[paper.source_id] = {"file": current.slug, "fields": theirs}

    if not dry_run:
        for path, data in sorted(writes.items()):
            write_atomic(path, data)
        state_bytes = (
            json.dumps({"entries": dict(sorted(new_state.items()))}, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        ).encode()
        state_path = root / STATE_FILE
        if not state_path.exists() or state_path.read_bytes() != state_bytes:
            write_atomic(state_path, state_bytes)
    return report
