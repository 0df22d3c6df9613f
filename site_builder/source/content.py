"""Loading a site's content folder: every paper file, validated, with all problems at once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder.errors import Problems, SourceLocation
from site_builder.site.model import Paper
from site_builder.source.frontmatter import parse_paper
from site_builder.source.sourcefile import read_source

if TYPE_CHECKING:
    from site_builder.fast.cache import ContentCache

PAPERS_DIR = "content/papers"


def load_papers(root: Path, problems: Problems, cache: ContentCache | None = None, changed: set[str] | None = None) -> list[Paper]:
    """Every paper file under `content/papers/`, in file name order, checked together (two
    files for one listing entry, one citation key for two papers). The speed layer's `cache`
    gives the files it parsed before, and `changed` the only names that can differ since."""
    folder = root / PAPERS_DIR
    if cache is not None:
        papers = cache.load_papers(folder, problems, changed)
    else:
        papers = [paper for name in paper_file_names(folder) if (paper := read_paper(folder / name, problems)) is not None]
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


def paper_file_names(folder: Path) -> list[str]:
    """The paper files in `folder` by name, sorted."""
    if not folder.is_dir():
        return []
    with os.scandir(folder) as found:
        return sorted(entry.name for entry in found if is_paper_file(entry.name) and entry.is_file())


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


def is_paper_file(name: str) -> bool:
    return name.endswith(".md") and not name.startswith(".") and "/" not in name


def read_paper(path: Path, problems: Problems, data: bytes | None = None) -> Paper | None:
    """The paper in the file at `path` (in `content/papers/`, its bytes `data` when they were
    read already), or None after saying why not."""
    shown = f"{PAPERS_DIR}/{path.name}"
    text = read_source(path, shown, problems, data)
    if text is None:
        return None
    return parse_paper(text, shown, path.stem, problems)
