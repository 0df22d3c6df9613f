"""The output folder: built in a staging folder, then swapped in (or, for the preview, moved in
file by file). A failing build leaves the previous output untouched.

The folder is marked as ours with a manifest of the pages it holds and a digest of each, so the
next build renders only pages whose digest changed. We refuse to empty a folder that is not
ours (the site's sources, a home folder, `/`, a stranger's).
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from site_builder.errors import Problems, SourceLocation
from site_builder.fileops import link_or_copy
from site_builder.search import SEARCH_DIR, is_indexed_page
from site_builder.stamp import MARKER
from site_builder.urls import output_file, output_name

_SOURCE_DIRS = ("content", "templates", "static")


def check_output_dir(out: Path, root: Path, problems: Problems) -> None:
    """Report why `out` must not be replaced, if it must not."""
    target = out.resolve()
    root = root.resolve()
    where = SourceLocation(str(out))
    forbidden = {Path("/"), Path.home().resolve(), root, *(root / d for d in _SOURCE_DIRS)}
    if target in forbidden or target in root.parents:
        problems.error(where, "refusing to use this folder as the output: the build replaces it", "choose a new folder such as _site")
        return
    for source in (root / d for d in _SOURCE_DIRS):
        if source in target.parents:
            problems.error(
                where, f"the output folder is inside {source.name}/", "choose a folder outside the site's sources, such as _site"
            )
            return
    if target.exists() and not target.is_dir():
        problems.error(where, "the output path is a file", "choose a folder")
    elif target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists():
        problems.error(
            where,
            "the folder is not empty and was not made by site_builder",
            "choose another --out, or empty the folder yourself if you want it replaced",
        )


def read_manifest(out: Path) -> dict[str, str]:
    """Page path -> digest of the pages `out` holds; empty when unknown."""
    try:
        data = json.loads((out / MARKER).read_text(encoding="utf-8"))
        return dict(data["pages"]) if isinstance(data, dict) else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def write_manifest(folder: Path, manifest: dict[str, str], stamp: str | None = None, extras: list[str] | None = None) -> None:
    """The marker that the folder is ours, with its pages' digests; a command-line build adds
    the stamp of its inputs and the extra files it wrote (`stamp.current_pages` reads them)."""
    data: dict = {"made_by": "site_builder: this folder is replaced on every build", "pages": dict(sorted(manifest.items()))}
    if stamp is not None:
        data["inputs"], data["extras"] = stamp, sorted(extras or [])
    (folder / MARKER).write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")


def _same_bytes(path: Path, data: bytes) -> bool:
    return path.is_file() and path.read_bytes() == data


def up_to_date(out: Path, extra_files: dict[str, bytes], static_dir: Path) -> bool:
    """Whether the extra files and static files in `out` already match their sources."""
    if not all(_same_bytes(out / name, data) for name, data in extra_files.items()):
        return False
    if not static_dir.is_dir():
        return True
    return all(
        _same_bytes(out / "static" / source.relative_to(static_dir), source.read_bytes())
        for source in static_dir.rglob("*")
        if source.is_file()
    )


def staging_dir(out: Path) -> Path:
    """A new folder beside `out` to build in; old copies of `out` that a removal in the
    background left (it was stopped, or is still running) are removed first."""
    for left in out.parent.glob(f".{glob.escape(out.name)}.old-*"):
        shutil.rmtree(left, ignore_errors=True)
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    return staging


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def link_pages(staging: Path, out: Path, paths: list[str]) -> None:
    """Hard links in `staging` to these unchanged pages of `out`. With strings, not Paths: this
    runs for every page of the site on every build."""
    made: set[str] = set()
    source_dir, target_dir = os.fspath(out), os.fspath(staging)
    for path in paths:
        name = output_name(path)
        target = os.path.join(target_dir, name)
        folder = os.path.dirname(target)
        if folder not in made:  # a syscall each: once per folder, not per page
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        link_or_copy(os.path.join(source_dir, name), target)


class _Task(threading.Thread):
    """A thread whose error `join` raises in the caller."""

    def __init__(self, name: str, call: Callable[[], object]):
        super().__init__(name=name, daemon=True)
        self.call, self.error = call, None
        self.start()

    def run(self) -> None:
        try:
            self.call()
        except BaseException as exc:  # handed to the caller by join()
            self.error = exc

    def join(self, timeout: float | None = None) -> None:
        super().join(timeout)
        if self.error is not None:
            raise self.error


class Linking(_Task):
    """Links to the unchanged pages of `out` made in `staging` while the build renders (each
    link is a system call that lets the renderer run meanwhile): the paper pages first, which
    Pagefind reads, then `papers_linked` is set, then the others."""

    def __init__(self, staging: Path, out: Path, reused: list[str]):
        self.papers_linked = threading.Event()

        def link() -> None:
            try:
                link_pages(staging, out, [path for path in reused if is_indexed_page(path)])
            finally:
                self.papers_linked.set()  # also on failure: nobody waits for ever; join raises
            link_pages(staging, out, [path for path in reused if not is_indexed_page(path)])

        super().__init__("link-pages", link)


class Indexing(_Task):
    """The search index being made while the build goes on (Pagefind is a process of its own;
    the thread only waits for it)."""

    def __init__(self, index_search: Callable[[], object]):
        super().__init__("search-index", index_search)


def publish_swap(
    staging: Path,
    out: Path,
    manifest: dict[str, str],
    extra_files: dict[str, bytes],
    static_dir: Path,
    linking: Linking,
    indexing: Indexing | None = None,
    stamp: str | None = None,
    remove_old_in_background: bool = False,
) -> None:
    """Complete `staging` (the unchanged pages linked by `linking`, static files, the search
    index: being made by `indexing`, or linked from `out`) and swap it in."""
    try:
        if indexing is None and (out / SEARCH_DIR).is_dir() and SEARCH_DIR + "/" in manifest:
            shutil.copytree(out / SEARCH_DIR, staging / SEARCH_DIR, copy_function=link_or_copy)
        for name, data in extra_files.items():
            (staging / name).write_bytes(data)
        if static_dir.is_dir():
            shutil.copytree(static_dir, staging / "static", dirs_exist_ok=True)
    finally:
        linking.join()  # its error, if any, is raised here
        if indexing is not None:
            indexing.join()
    write_manifest(staging, manifest, stamp, list(extra_files))
    _swap_folder(staging, out, remove_old_in_background)


def _swap_folder(fresh: Path, target: Path, remove_old_in_background: bool = False) -> None:
    """Put the folder `fresh` where `target` is: two renames, then the old one is removed."""
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    if target.exists():
        os.replace(target, old)
    os.replace(fresh, target)
    if remove_old_in_background:
        remove_in_background(old)
    else:
        shutil.rmtree(old, ignore_errors=True)


def remove_in_background(folder: Path) -> None:
    """Remove `folder` with an `rm` of its own that outlives this process, for a command that
    is about to exit: its user need not wait while the old copy of a site is deleted file by
    file (a sixth of a small site's build). A removal cut short is finished by the next
    build (`staging_dir`). Where there is no `rm`, here and now."""
    rm = shutil.which("rm")
    if rm is None or not hasattr(os, "posix_spawn") or not folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
        return
    quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)]  # nor holds our pipes open
    os.posix_spawn(rm, [rm, "-rf", "--", os.fspath(folder)], os.environ, file_actions=quiet, setsid=True)


def replace_search_index(out: Path, fresh: Path, digests: dict[str, str]) -> None:
    """Swap a freshly built search index into `out` and record its parts' digests in the manifest."""
    _swap_folder(fresh, out / SEARCH_DIR)
    manifest = read_manifest(out)
    if manifest:  # an empty manifest marks a preview in progress: leave that to the preview
        manifest.update(digests)
        write_manifest(out, manifest)


def publish_in_place(
    staging: Path,
    out: Path,
    rendered: list[str],
    stale: list[str],
    extra_files: dict[str, bytes],
    static_dir: Path | None,
) -> None:
    """Move each rendered page into `out` with one atomic rename; remove pages that are gone.
    The manifest is the caller's: the preview writes it when it stops."""
    for path in rendered:
        source, target = output_file(staging, path), output_file(out, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
    for path in stale:
        target = output_file(out, path)
        target.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # the page's folder, when nothing else is left in it
            target.parent.rmdir()
    for name, data in extra_files.items():
        if not _same_bytes(out / name, data):
            (out / name).write_bytes(data)
    if static_dir is not None and static_dir.is_dir():
        shutil.copytree(static_dir, out / "static", dirs_exist_ok=True)
    discard(staging)
