"""The full-text search index: Pagefind over the built paper pages.

Only paper pages are indexed (their `data-pagefind-body` holds the title, authors, topics and
abstract). The bundle lives in `<site>/pagefind/`; the search page passes the base URL to the
Pagefind UI, so search works under any base URL. Pagefind runs as its own command: it exits
only when every file is written (its Python API can return before that).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

SEARCH_DIR = "pagefind"
INDEXED_PAGES = "papers/*/index.html"


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message is its own output."""


def search_digest(paper_page_digests: list[str], base_url: str) -> str:
    """Changes exactly when some paper page (or the base URL) changes."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(base_url.encode())
    for item in paper_page_digests:
        digest.update(item.encode())
    return digest.hexdigest()


def build_search_index(site: Path, target: Path) -> None:
    """Index the paper pages under `site` into the folder `target`."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site.resolve()), "--glob", INDEXED_PAGES]
    command += ["--output-path", str(target.resolve()), "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not (target / "pagefind-ui.js").is_file():
        raise SearchIndexError((done.stderr or done.stdout).strip() or f"pagefind exited with {done.returncode}")
