"""Loading a site's content folder: every paper file, validated, with all problems at once."""

from __future__ import annotations

from pathlib import Path

from site_builder.errors import Problems, SourceLocation
from site_builder.frontmatter import read_paper
from site_builder.model import Paper

PAPERS_DIR = "content/papers"


def paper_files(root: Path) -> list[Path]:
    folder = root / PAPERS_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == ".md" and not p.name.startswith("."))


def load_papers(root: Path, problems: Problems) -> list[Paper]:
    """Every paper file under `content/papers/`; duplicates of identity are reported."""
    papers = []
    for path in paper_files(root):
        paper = read_paper(path, problems, f"{PAPERS_DIR}/{path.name}")
        if paper is not None:
            papers.append(paper)
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
