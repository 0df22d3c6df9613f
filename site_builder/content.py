"""Loading a site's content folder: every paper file, validated, with all problems at once."""

from __future__ import annotations

import os
from operator import attrgetter
from pathlib import Path

from site_builder.cache import ContentCache
from site_builder.errors import Problems, SourceLocation
from site_builder.frontmatter import parse_paper
from site_builder.model import Paper

PAPERS_DIR = "content/papers"


def load_papers(root: Path, problems: Problems, cache: ContentCache | None = None) -> list[Paper]:
    """Every paper file under `content/papers/`; unchanged files come from `cache`."""
    cache = cache or ContentCache(None)
    papers = []
    folder = root / PAPERS_DIR
    entries = []
    if folder.is_dir():
        with os.scandir(folder) as found:
            entries = [e for e in found if e.name.endswith(".md") and not e.name.startswith(".") and e.is_file()]
        entries.sort(key=attrgetter("name"))
    for entry in entries:
        stat = entry.stat()  # the one system call per file: the preview does this on every save
        paper = cache.paper(entry.name, stat.st_size, stat.st_mtime_ns)
        if paper is None:
            paper = _read(Path(entry.path), f"{PAPERS_DIR}/{entry.name}", problems)
            if paper is not None:
                cache.store_paper(entry.name, stat.st_size, stat.st_mtime_ns, paper)
        if paper is not None:
            papers.append(paper)
    cache.forget_missing({entry.name for entry in entries})
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
