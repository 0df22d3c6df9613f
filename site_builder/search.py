"""The full-text search index: Pagefind over the built paper pages.

Only paper pages are indexed (their `data-pagefind-body` holds the title, authors, topics and
abstract). The bundle lives in `<site>/pagefind/`; the search page passes the base URL to the
Pagefind UI, so search works under any base URL. Pagefind runs as its own command: it exits
only when every file is written (its Python API can return before that).

Pagefind keeps every page it indexes in memory (about 90 MB per 1,000 paper pages), so a large
site is indexed in parts of at most about `PAPERS_PER_INDEX` papers, one after another: the
first in `pagefind/`, the others in `pagefind/part-N/`, which the search page merges
(Pagefind's `mergeIndex`). A paper's part depends only on its path and the number of parts.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

SEARCH_DIR = "pagefind"
INDEXED_PAGES = "papers/*/index.html"
PAPERS_PER_INDEX = 1800
"""Parts are filled by hash, so the fullest holds a few percent more than the average."""


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message is its own output."""


def search_digest(paper_page_digests: list[str], base_url: str) -> str:
    """Changes exactly when some paper page (or the base URL) changes."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(base_url.encode())
    for item in paper_page_digests:
        digest.update(item.encode())
    return digest.hexdigest()


def part_count(papers: int) -> int:
    return max(1, -(-papers // PAPERS_PER_INDEX))


def part_folders(papers: int) -> list[str]:
    """Site paths of the search bundles for a site of `papers` papers, the main one first."""
    return [f"{SEARCH_DIR}/"] + [f"{SEARCH_DIR}/part-{n}/" for n in range(2, part_count(papers) + 1)]


def _parts(paper_paths: list[str]) -> list[list[str]]:
    count = part_count(len(paper_paths))
    parts: list[list[str]] = [[] for _ in range(count)]
    for path in sorted(paper_paths):
        parts[int.from_bytes(hashlib.blake2b(path.encode(), digest_size=8).digest(), "big") % count].append(path)
    return parts


def _glob(paths: list[str]) -> str:
    """One Pagefind glob naming exactly these paper pages (`papers/{a,b}/index.html`)."""
    slugs = [re.sub(r"([\\{}\[\]*?,])", r"\\\1", path.removeprefix("papers/").rstrip("/")) for path in paths]
    return "papers/{" + ",".join(slugs) + "}/index.html"


def build_search_index(site: Path, target: Path, paper_paths: list[str]) -> None:
    """Index the paper pages (site paths `papers/x/`) under `site` into the folder `target`."""
    parts = _parts(paper_paths)
    for folder, part in zip(part_folders(len(paper_paths)), parts, strict=True):
        glob = INDEXED_PAGES if len(parts) == 1 else _glob(part)
        output = target / folder.removeprefix(SEARCH_DIR + "/")
        command = [sys.executable, "-m", "pagefind", "--site", str(site.resolve()), "--glob", glob]
        command += ["--output-path", str(output.resolve()), "--silent"]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not (output / "pagefind-entry.json").is_file():
            raise SearchIndexError((done.stderr or done.stdout).strip() or f"pagefind exited with {done.returncode}")
