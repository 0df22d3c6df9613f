"""Loading a site's content folder: every paper file, validated, with all problems at once."""

from __future__ import annotations

import os
from pathlib import Path

from site_builder.cache import ContentCache
from site_builder.errors import Problems, SourceLocation
from site_builder.frontmatter import parse_paper
from site_builder.model import Paper

PAPERS_DIR = "content/papers"


def load_papers(root: Path, problems: Problems, cache: ContentCache | None = None, changed: set[str] | None = None) -> list[Paper]:
    """Every paper file under `content/papers/`; unchanged files come from `cache`.

    `changed` (the preview's file watcher): the only file names that can differ from the last
    load with this cache. Then the others are neither listed nor stat'ed again (10,000 system
    calls per save at 10,000 papers); None looks at every file."""
    cache = cache or ContentCache(None)
    papers = []
    folder = root / PAPERS_DIR
    if changed is not None and cache.listing is not None:
        names = set(cache.listing)
        for name in changed:
            if not _is_paper_file(name):
                continue
            if (folder / name).is_file():
                names.add(name)
            else:
                names.discard(name)
        look = changed | cache.unreadable
        entries = [(name, None if name in look else cache.papers.get(name)) for name in sorted(names)]
    else:
        found_names = []
        if folder.is_dir():
            with os.scandir(folder) as found:
                found_names = [e.name for e in found if _is_paper_file(e.name) and e.is_file()]
        entries = [(name, None) for name in sorted(found_names)]
    cache.unreadable = set()
    for name, known in entries:
        if known is not None:
            size, mtime_ns = known[0], known[1]
        else:
            try:
                stat = os.stat(folder / name)  # the one system call per file when nothing says what changed
            except FileNotFoundError:
                continue
            size, mtime_ns = stat.st_size, stat.st_mtime_ns
        paper = cache.paper(name, size, mtime_ns)
        if paper is None:
            paper = _read(folder / name, f"{PAPERS_DIR}/{name}", problems)
            if paper is None:
                cache.unreadable.add(name)
            else:
                cache.store_paper(name, size, mtime_ns, paper)
        if paper is not None:
            papers.append(paper)
    cache.listing = [name for name, _ in entries]
    cache.forget_missing(set(cache.listing))
    _check_unique_keys(papers, problems)
    by_source: dict[str, str] = {}
    for paper in papers:
        if not paper.source_id:
            continue
        if paper.source_id in by_source:
            problems.error(
                SourceLocation(paper.source_path),
                f"same `source_id` as {by_source[paper.source_id]}",
                "two files describe one listing entry: delete one of them",
            )
        else:
            by_source[paper.source_id] = paper.source_path
    return papers


def _check_unique_keys(papers: list[Paper], problems: Problems) -> None:
    """A citation key names one paper: BibTeX compares keys without case, and so do we."""
    owners: dict[str, str] = {}
    for paper in papers:
        if not paper.bibtex_key:
            continue
        key = paper.bibtex_key.casefold()
        if key in owners:
            problems.error(
                SourceLocation(paper.source_path),
                f"`bibtex_key` {paper.bibtex_key!r} is also the key of {owners[key]}",
                "give one of the two papers another key, or delete the line to have one made",
            )
        else:
            owners[key] = paper.source_path


def _is_paper_file(name: str) -> bool:
    return name.endswith(".md") and not name.startswith(".") and "/" not in name


def _read(path: Path, shown: str, problems: Problems) -> Paper | None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.error(SourceLocation(shown), "not UTF-8 text", "re-save the file as UTF-8")
        return None
    except OSError as exc:
        problems.error(SourceLocation(shown), f"cannot read: {exc.strerror}")
        return None
    return parse_paper(text, shown, path.stem, problems)
