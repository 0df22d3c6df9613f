"""The full-text search index: Pagefind over the built paper pages.

Only paper pages are indexed (their `data-pagefind-body` holds the title, authors, topics and
abstract). The bundle lives in `<site>/pagefind/`; the search page passes the base URL to the
Pagefind UI, so search works under any base URL. Pagefind runs as its own command: it exits
only when every file is written (its Python API can return before that).

Pagefind keeps every page it indexes in memory (about 150 MB for 1,700 paper pages, 100 MB for
1,000), so a large site is indexed in parts of at most about `PAPERS_PER_INDEX` papers, one
after another (while the build's own process holds ~170 MB at 10,000 papers): the
first in `pagefind/`, the others in `pagefind/part-N/`, which the search page merges
(Pagefind's `mergeIndex`). A paper's part depends only on its path and the number of parts.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder.output.fileops import link_or_copy

if TYPE_CHECKING:
    import subprocess

SEARCH_DIR = "pagefind"
INDEXED_PAGES = "papers/*/index.html"
PAPERS_PER_INDEX = 1000
"""Parts are filled by hash, so the fullest holds a few percent more than the average."""


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message is its own output."""


def is_indexed_page(path: str) -> bool:
    """Whether the page at this site path is one `INDEXED_PAGES` names (`papers/x/`)."""
    return path.startswith("papers/") and path.endswith("/") and path.count("/") == 2


def is_search_key(path: str) -> bool:
    """Whether a manifest entry stands for a part of the search index, not for a page."""
    return path.startswith(SEARCH_DIR + "/")


def index_digests(paper_page_digests: dict[str, str], base_url: str) -> dict[str, str]:
    """Folder of each part of the index -> a digest that changes exactly when one of the paper
    pages it indexes (or the base URL) changes: an edit re-indexes one part, not all of them."""
    paths = list(paper_page_digests)
    digests = {}
    for folder, part in zip(part_folders(len(paths)), _parts(paths), strict=True):
        text = "".join([f"\0{path}\0{paper_page_digests[path]}" for path in part])
        digests[folder] = hashlib.blake2b((base_url + text).encode(), digest_size=16).hexdigest()
    return digests


def part_count(papers: int) -> int:
    return max(1, -(-papers // PAPERS_PER_INDEX))


def part_folders(papers: int) -> list[str]:
    """Site paths of the search bundles for a site of `papers` papers, the main one first."""
    return [f"{SEARCH_DIR}/"] + [f"{SEARCH_DIR}/part-{n}/" for n in range(2, part_count(papers) + 1)]


def _parts(paper_paths: list[str]) -> list[list[str]]:
    count = part_count(len(paper_paths))
    parts: list[list[str]] = [[] for _ in range(count)]
    for path in sorted(paper_paths):
        parts[_part_of(path, count)].append(path)
    return parts


@lru_cache(maxsize=1 << 16)
def _part_of(path: str, count: int) -> int:
    """Remembered: the preview asks again on every save, for every paper."""
    return int.from_bytes(hashlib.blake2b(path.encode(), digest_size=8).digest(), "big") % count


def _glob(paths: list[str]) -> str:
    """One Pagefind glob naming exactly these paper pages (`papers/{a,b}/index.html`)."""
    slugs = [re.sub(r"([\\{}\[\]*?,])", r"\\\1", path.removeprefix("papers/").rstrip("/")) for path in paths]
    return "papers/{" + ",".join(slugs) + "}/index.html"


def build_search_index(
    site: Path, target: Path, paper_paths: list[str], stale: set[str] | None = None, current: Path | None = None
) -> None:
    """Index the paper pages (site paths `papers/x/`) under `site` into the folder `target`: see
    `PagefindRun`."""
    run = PagefindRun(site, target, paper_paths, stale, current)
    run.start()
    run.finish()


class PagefindRun:
    """Pagefind making the parts of the index in `stale` (all when None) of the paper pages under
    `site`, into the folder `target`; the other parts are hard-linked from the `current` bundle,
    which must hold them. The main part comes first: Pagefind writes it at the top of `target`,
    beside the others.

    `start` launches the first part's Pagefind and returns: a build calls it from its own
    thread, so Pagefind starts at once, not whenever a helper thread is next given the
    interpreter by a thread that renders. `finish` waits for it and makes the other parts, one
    after another (each run holds its pages in memory). Both raise `SearchIndexError`. `cancel`,
    from another thread, ends the Pagefind running and makes `finish` raise at once."""

    def __init__(self, site: Path, target: Path, paper_paths: list[str], stale: set[str] | None = None, current: Path | None = None):
        self.site, self.target, self.current = site, target, current
        self.parts = list(zip(part_folders(len(paper_paths)), _parts(paper_paths), strict=True))
        self.stale = stale
        self.waiting: list[tuple[str, list[str]]] = []
        """The parts still to make: folder (relative to `target`) and paper paths."""
        self.running: tuple[subprocess.Popen, list[str], Path, bool] | None = None
        """The Pagefind process, its command, the part's folder and whether it was seeded."""
        self.started = 0.0
        self.seconds = 0.0
        """From `start` to the end of `finish`."""
        self.cancelled = False
        self._launching = threading.Lock()
        """Held while a process is launched or cancelled: a cancel never misses one."""

    def start(self) -> None:
        self.started = time.perf_counter()
        for folder, part in self.parts:
            relative = folder.removeprefix(SEARCH_DIR + "/")
            if self.stale is not None and folder not in self.stale and self.current is not None:
                _link_part(self.current / relative, self.target / relative, main=not relative)
            else:
                self.waiting.append((relative, part))
        self._launch_next()

    def finish(self) -> None:
        while self.running is not None:
            process, command, output, seeded = self.running
            failed = _failure(process, output)
            if self.cancelled:
                raise SearchIndexError("cancelled")
            if seeded and failed is None and not _prune_part(output):  # not as expected: from nothing
                shutil.rmtree(output)
                self._launch(command, output, seeded=False)
                continue
            if failed is not None:
                raise SearchIndexError(failed)
            self._launch_next()
        self.seconds = time.perf_counter() - self.started

    def cancel(self) -> None:
        """Stop making the index (the preview's Ctrl-C): what was written is left to be removed."""
        with self._launching:
            self.cancelled = True
            if self.running is not None:
                self.running[0].kill()

    def _launch_next(self) -> None:
        self.running = None
        if not self.waiting:
            return
        relative, part = self.waiting.pop(0)
        output = self.target / relative
        glob = INDEXED_PAGES if len(self.parts) == 1 else _glob(part)
        command = [*pagefind_command(), "--site", str(self.site.resolve()), "--glob", glob]
        command += ["--output-path", str(output.resolve()), "--silent"]
        self._launch(command, output, seeded=self.current is not None and _seed_part(self.current / relative, output))

    def _launch(self, command: list[str], output: Path, seeded: bool) -> None:
        with self._launching:
            if self.cancelled:
                raise SearchIndexError("cancelled")
            self.running = (_popen(command), command, output, seeded)


def _popen(command: list[str]) -> subprocess.Popen:
    import subprocess  # here: importing this module is on the path of a build with nothing to do

    try:
        return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        raise SearchIndexError(f"cannot run pagefind ({command[0]}): {exc.strerror or exc}") from exc


def _failure(process: subprocess.Popen, output: Path) -> str | None:
    """What went wrong with a Pagefind run, in its own words, once it has ended; None if nothing."""
    out, err = process.communicate()
    if process.returncode != 0 or not (output / "pagefind-entry.json").is_file():
        return (err or out).strip() or f"pagefind exited with {process.returncode}"
    return None


NAMED_BY_CONTENT = ("fragment", "index", "filter")
"""Folders of a Pagefind bundle whose files are named by a hash of their content."""


def _seed_part(previous: Path, output: Path) -> bool:
    """Put links to the `previous` part's files that are named by their content (fragments,
    index chunks, metadata) in the empty `output`: Pagefind does not write again a file that
    is there, so an edit's index creates a few files, not all of them (making files is most of
    a small index's time). Files with fixed names are left out: Pagefind writes those in
    place, which would change the live site's. Whether anything was seeded."""
    metas = list(previous.glob("pagefind.*.pf_meta"))
    if not metas:
        return False
    output.mkdir(parents=True, exist_ok=True)
    for meta in metas:
        link_or_copy(meta, output / meta.name)
    for name in NAMED_BY_CONTENT:
        if (previous / name).is_dir():
            (output / name).mkdir()
            for entry in os.scandir(previous / name):
                link_or_copy(entry.path, output / name / entry.name)
    return True


def _prune_part(output: Path) -> bool:
    """Remove the seeded files the new index does not name: the other metadata, and fragments
    and chunks whose hash its metadata does not hold. False when the part does not look as
    this expects (a page without its fragment): the caller makes it from nothing."""
    import gzip
    import json

    try:
        languages = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"].values()
        metas = {f"pagefind.{language['hash']}.pf_meta" for language in languages}
        pages = sum(language["page_count"] for language in languages)
        named = b"".join(gzip.decompress((output / meta).read_bytes()) for meta in metas)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
    for meta in output.glob("pagefind.*.pf_meta"):
        if meta.name not in metas:
            meta.unlink()
    for name in NAMED_BY_CONTENT:
        for entry in os.scandir(output / name) if (output / name).is_dir() else []:
            if entry.name.partition(".")[0].encode() not in named:
                os.unlink(entry.path)
    fragments = sum(1 for _ in os.scandir(output / "fragment")) if (output / "fragment").is_dir() else 0
    return fragments == pages


PAGEFIND_MODULES = ("pagefind_bin_extended", "pagefind")
"""What runs Pagefind, in order of preference: the binary's package, else `python -m pagefind`."""


def pagefind_command() -> list[str]:
    """The Pagefind binary that `pip install pagefind[extended]` brought; run directly, it starts
    in half the time `python -m pagefind` takes (which starts Python to find it). Found beside
    its package's `__init__` without running it: that imports `logging` and `platform`, a tenth
    of a small site's build."""
    from importlib.util import find_spec

    binary, module = PAGEFIND_MODULES
    try:
        spec = find_spec(binary)
    except (ImportError, ValueError):
        spec = None
    for folder in (spec and spec.submodule_search_locations) or []:
        for name in ("pagefind_extended", "pagefind", "pagefind_extended.exe", "pagefind.exe"):
            if os.path.isfile(path := os.path.join(folder, name)):
                return [path]
    return [sys.executable, "-m", module]


def _link_part(source: Path, target: Path, main: bool) -> None:
    """Hard links (copies across file systems) to one part's files; the main part is the top of
    the bundle without the other parts' folders."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in source.iterdir():
        if main and entry.name.startswith("part-"):
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name, copy_function=link_or_copy)
        else:
            link_or_copy(entry, target / entry.name)
