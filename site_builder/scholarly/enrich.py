"""`site-builder enrich`: find each paper in open scholarly services and complete its file with
what a confident match says, through the import's merge (a person's edits always win). Unsure
matches are listed for a person to confirm with `--accept SLUG`; nothing is guessed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.errors import Problems, SourceLocation
from site_builder.fast.cache import cache_dir
from site_builder.importing.importer import import_papers, save_import
from site_builder.importing.record import read_import_state
from site_builder.output.atomic import write_atomic
from site_builder.scholarly.client import Client, ServiceError
from site_builder.scholarly.match import Match, best_match
from site_builder.scholarly.services import Found, services
from site_builder.site.model import Paper
from site_builder.source.config import load_config
from site_builder.source.content import PAPERS_DIR, load_papers
from site_builder.source.frontmatter import parse_paper, render_paper
from site_builder.source.registry import AUTHORS_FILE, Registry, load_registry
from site_builder.text import dates

SOURCES = ("arxiv", "crossref", "openalex", "dblp")


@dataclass
class EnrichReport:
    matched: list[str] = field(default_factory=list)
    """`slug: service id` of every confident (or accepted) match."""
    unsure: list[str] = field(default_factory=list)
    """`slug: what was found`, for a person to confirm with `--accept`."""
    changed: dict[str, tuple[str, str]] = field(default_factory=dict)
    """File path -> (old text, new text) of every file enrich writes (or would write)."""
    orcids: list[str] = field(default_factory=list)
    """ORCID ids suggested in authors.yaml."""
    asked: int = 0
    """Requests sent to the services (the others came from the cache)."""

    def summary(self) -> str:
        return (
            f"{len(self.matched)} matches, {len(self.unsure)} unsure (confirm with `enrich --accept SLUG`), "
            f"{len(self.changed)} files changed, {len(self.orcids)} ORCID ids suggested; {self.asked} requests sent"
        )


@dataclass
class Options:
    sources: tuple[str, ...] = SOURCES
    only: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    dry_run: bool = False
    refresh: bool = False
    bases: dict[str, str] = field(default_factory=dict)
    """Service name -> base URL, in place of the public one (a mirror, a replay server)."""
    today: dt.date | None = None
    backoff: float = 2.0
    intervals: dict[str, float] | None = None
    """Least seconds between requests per service; None: each service's documented limit."""


def enrich(root: Path, problems: Problems, options: Options, progress: Callable[[int, int], None] | None = None) -> EnrichReport | None:
    """Enrich the site at `root`. Nothing is written when there are errors or on a dry run."""
    config = load_config(root, problems)
    papers = load_papers(root, problems)
    state = read_import_state(root, problems)
    registry = load_registry(root, problems)
    unknown = sorted(set(options.only + options.accept) - {p.slug for p in papers})
    for slug in unknown:
        problems.error(SourceLocation(f"{PAPERS_DIR}/{slug}.md"), "no such paper", "name a paper by its file name without .md")
    if problems.errors:
        return None
    known = services(config.contact, options.bases)
    client = Client(
        contact=config.contact,
        cache_dir=cache_dir(root) / "scholarly",
        refresh=options.refresh,
        backoff=options.backoff,
        intervals=options.intervals if options.intervals is not None else {name: s.interval for name, s in known.items()},
    )
    merged_into = {source_id: record["file"] for source_id, record in state.items() if record.get("merged")}
    chosen = [p for p in papers if not options.only or p.slug in options.only]
    report = EnrichReport()
    incoming: list[tuple[Paper, str]] = []
    accepted: list[Found] = []
    citations: dict[str, int] = {}
    try:
        for n, paper in enumerate(chosen, 1):
            for name in options.sources:
                match = _look_up(client, known[name], paper)
                if match is None:
                    continue
                source_id = f"{name}:{match.found.id}"
                if match.confident or paper.slug in options.accept or merged_into.get(source_id) == paper.slug:
                    report.matched.append(f"{paper.slug}: {source_id}")
                    incoming.append((_as_paper(match.found, paper), paper.slug))
                    accepted.append(match.found)
                    if match.found.cited_by is not None:
                        citations[paper.slug] = match.found.cited_by
                else:
                    report.unsure.append(f"{PAPERS_DIR}/{paper.slug}.md: {match.describe()} (`{match.found.title}`)")
            if progress:
                progress(n, len(chosen))
    except ServiceError as exc:
        problems.error(SourceLocation(name), str(exc), "nothing was changed; run enrich again later")
        return None
    finally:
        report.asked = client.asked
    known_orcids = {a.orcid for a in registry.authors if a.orcid}
    _plan(root, papers, incoming, citations, registry, options, problems, report)
    _suggest_orcids(root, accepted, known_orcids, report, options.dry_run)
    if problems.errors:
        return None
    return report


def _look_up(client: Client, service, paper: Paper) -> Match | None:
    """The service's best match for the paper: asked by its id first, then by its title."""
    for by_id, url in ((True, service.by_id(paper)), (False, service.by_title(paper))):
        if url is None:
            continue
        answer = client.get(service.name, url)
        if answer.status == 404:
            continue
        if answer.status != 200 and not (service.name == "arxiv" and answer.status == 400):
            raise ServiceError(f"{service.name}: {url} answered {answer.status}")
        match = best_match(paper, service.parse(answer), by_id)
        if match is not None:
            return match
    return None


def _as_paper(found: Found, paper: Paper) -> Paper:
    """A service's work as a record of the site's paper, for the import's merge."""
    date, precision = dates.parse_date(found.date) or (paper.date, "year")
    return Paper(
        slug=paper.slug,
        title=found.title,
        authors=found.authors,
        date=date,
        date_precision=precision,
        venue=found.venue,
        doi=found.doi,
        arxiv=found.arxiv,
        pdf=found.pdf,
        type=found.type,
        source_id=f"{found.service}:{found.id}",
    )


def _plan(
    root: Path,
    papers: list[Paper],
    incoming: list[tuple[Paper, str]],
    citations: dict[str, int],
    registry: Registry,
    options: Options,
    problems: Problems,
    report: EnrichReport,
) -> None:
    # A published version first: a preprint's record then adds only its id and PDF.
    ordered = sorted(incoming, key=lambda item: item[0].type == "preprint")
    records = [record for record, _ in ordered]
    imported = import_papers(root, records, registry, problems, dry_run=True, targets={r.source_id: slug for r, slug in ordered})
    if imported is None:
        return
    today = (options.today or dt.date.today()).isoformat()
    by_slug = {p.slug: p for p in papers}
    for slug, count in sorted(citations.items()):
        path = root / PAPERS_DIR / f"{slug}.md"
        current = by_slug[slug]
        if current.citations != count or not current.citations_as_of:
            text = imported.writes.get(path, render_paper(current).encode()).decode()
            imported.writes[path] = _with_citations(text, current, count, today).encode()
    for path, data in sorted(imported.writes.items()):
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if data.decode() != old:
            report.changed[str(path.relative_to(root))] = (old, data.decode())
    if not options.dry_run:
        imported.writes = {root / name: new.encode() for name, (_, new) in report.changed.items()}
        save_import(root, imported)


def _with_citations(text: str, paper: Paper, count: int, today: str) -> str:
    """The file text with its citation count set: the rest of the file as it is planned."""
    planned = parse_paper(text, paper.source_path, paper.slug, Problems()) or paper
    return render_paper(dataclasses.replace(planned, citations=count, citations_as_of=today))


def _suggest_orcids(root: Path, accepted: list[Found], known: set[str], report: EnrichReport, dry_run: bool) -> None:
    """Add the ORCID ids the services gave to authors.yaml as comments a person can take (the
    registry is the lab's to edit); ids already in the file are not suggested again."""
    path = root / AUTHORS_FILE
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    lines = []
    for found in accepted:
        for name, orcid in found.orcids:
            if orcid in known or orcid in text or any(orcid in line for line in lines):
                continue
            lines.append(f"# - name: {name}\n#   orcid: {orcid}   # from {found.service} {found.id}\n")
            report.orcids.append(f"{name}: {orcid}")
    if not lines:
        return
    header = "\n# ORCID ids `site-builder enrich` found: check one, then put it in the person's entry.\n"
    new = text + ("" if text.endswith("\n") or not text else "\n") + header + "".join(lines)
    report.changed[AUTHORS_FILE] = (text, new)
    if not dry_run:
        write_atomic(path, new.encode())


def diff(changed: dict[str, tuple[str, str]]) -> str:
    """What a dry run would change, as a unified diff per file."""
    out = []
    for name, (old, new) in sorted(changed.items()):
        out.extend(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{name}", f"b/{name}"))
    return "".join(out)


def print_progress(done: int, total: int) -> None:
    """A one-line progress bar on a terminal (nothing when stderr is a file or a pipe)."""
    if not sys.stderr.isatty():
        return
    width = 30
    filled = width * done // max(total, 1)
    print(f"\renrich [{'#' * filled}{'.' * (width - filled)}] {done}/{total} papers", end="" if done < total else "\n", file=sys.stderr)
