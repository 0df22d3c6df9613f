"""The output folder: built in a staging folder, then swapped in (or, for the preview, moved in
file by file). A failing build leaves the previous output untouched.

The folder is marked as ours with a manifest of the pages it holds and a digest of each, so the
next build renders only pages whose digest changed. We refuse to empty a folder that is not
ours (the site's sources, a home folder, `/`, a stranger's).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from site_builder.errors import Problems, SourceLocation
from site_builder.fileops import is_own_file, link_or_copy, same_size_and_time, write_file
from site_builder.search import SEARCH_DIR, PagefindRun, is_search_key
from site_builder.stamp import MARKER
from site_builder.theme import files_under
from site_builder.urls import output_file, output_name

_SOURCE_DIRS = ("content", "templates", "static")
EXTRA_FILES = frozenset({".nojekyll", "CNAME"})
"""Files the build adds beside the pages (`.nojekyll` always, `CNAME` for a custom domain)."""


def extras_for(cname: str) -> dict[str, bytes]:
    """The `EXTRA_FILES` a site with this custom domain (or none) gets, with their bytes."""
    extra = {".nojekyll": b""}
    if cname:
        extra["CNAME"] = (cname + "\n").encode()
    return extra


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


def up_to_date(out: Path, extra_files: dict[str, bytes], static: dict[str, Path]) -> bool:
    """Whether the extra files and static files (relative name -> source, `theme.theme_files`)
    in `out` already match their sources (and `out/static` holds no file they no longer have)."""
    if not all(_same_bytes(out / name, data) for name, data in extra_files.items()):
        return False
    if any((out / name).exists() for name in EXTRA_FILES - extra_files.keys()):
        return False
    copies = files_under(out / "static")
    return static.keys() == copies.keys() and all(_same_bytes(copies[name], source.read_bytes()) for name, source in static.items())


def _staging_path(out: Path) -> Path:
    """This process's folder to build `out` in, beside it."""
    return out.parent / f".{out.name}.building-{os.getpid()}"


def staging_dir(out: Path) -> Path:
    """A new empty folder beside `out` to build in."""
    staging = _staging_path(out)
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    return staging


def spare_dir(out: Path) -> Path:
    """Where the output that the last swap replaced is kept (`._site.spare`)."""
    return out.parent / f".{out.name}.spare"


def claim_spare(out: Path) -> tuple[Path, dict[str, str]]:
    """A folder to build the next `out` in, and the pages it holds already (path -> digest).

    A build in a new folder makes every folder again and links every unchanged page: most of
    the file-system work of a build after an edit. The spare holds the site as it was one build
    before, so a build takes it instead and changes only what differs. Taking it is a rename to
    the build's own staging name, and its manifest is removed: a build that fails or is killed
    never leaves a half-changed spare to be trusted. Without a spare, a new empty folder.
    """
    spare = spare_dir(out)
    if not (spare / MARKER).is_file():  # none, or not ours: left alone
        return staging_dir(out), {}
    held = read_manifest(spare)
    if held:
        staging = _staging_path(out)
        shutil.rmtree(staging, ignore_errors=True)
        try:
            os.replace(spare, staging)
        except OSError:
            held = {}
        else:
            (staging / MARKER).unlink()
            return staging, held
    shutil.rmtree(spare, ignore_errors=True)  # ours, but what it holds is not known
    return staging_dir(out), {}


def prune_spare(staging: Path, held: dict[str, str], manifest: dict[str, str], extra_files: dict[str, bytes], keep_search: bool) -> None:
    """Remove from a claimed spare what the new output must not hold: pages that are gone (and
    folders left empty), extra files no longer made, files nobody listed, and its search index
    unless `keep_search` (it is current and Pagefind will not run)."""
    wanted = {output_name(path) for path in manifest.keys() & held.keys() if not is_search_key(path)}
    wanted |= extra_files.keys()
    _remove_unwanted(os.fspath(staging), "", wanted)
    if not keep_search:
        shutil.rmtree(staging / SEARCH_DIR, ignore_errors=True)


def _remove_unwanted(root: str, folder: str, wanted: set[str], keep_files: bool = False) -> bool:
    """Remove every file under `root/folder` whose name (relative to `root`) is not `wanted`,
    and folders left empty: pages that are gone, extra files no longer made, and anything put
    in the live output by hand since (a full build would not have it either). The files of the
    static folder and of the search index are kept (`keep_files`): they are seen to elsewhere.
    Symbolic links go everywhere: a write through one could leave the output folder. Whether
    `folder` is now empty."""
    empty = True
    for entry in os.scandir(os.path.join(root, folder)):
        name = f"{folder}{entry.name}"
        if entry.is_symlink():
            os.unlink(entry.path)
        elif entry.is_dir(follow_symlinks=False):
            keep = keep_files or (not folder and entry.name in ("static", SEARCH_DIR))
            if _remove_unwanted(root, name + "/", wanted, keep) and not keep:
                os.rmdir(entry.path)
            else:
                empty = False
        elif keep_files or name in wanted:
            empty = False
        else:
            os.unlink(entry.path)
    return empty


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def link_pages(staging: Path, out: Path, paths: list[str], held: dict[str, str], manifest: dict[str, str]) -> None:
    """Hard links in `staging` to these unchanged pages of `out`. A claimed spare `held` some
    pages already: those it holds in their current version (`manifest`) are kept, the others
    replaced. With strings, not Paths: this runs for every page of the site on every build."""
    made: set[str] = set()
    source_dir, target_dir = os.fspath(out), os.fspath(staging)
    for path in paths:
        name = output_name(path)
        target = os.path.join(target_dir, name)
        if path in held:
            if held[path] == manifest[path] and is_own_file(target):
                continue
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)  # never written through: it may be a link to the live page
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
    link is a system call that lets the renderer run meanwhile)."""

    def __init__(self, staging: Path, out: Path, reused: list[str], held: dict[str, str], manifest: dict[str, str]):
        super().__init__("link-pages", lambda: link_pages(staging, out, reused, held, manifest))


class Indexing(_Task):
    """The search index being made while the build goes on: `pagefind` is started here, in the
    caller's thread, and the thread waits for it (Pagefind is a process of its own)."""

    def __init__(self, pagefind: PagefindRun):
        self.pagefind = pagefind
        pagefind.start()
        super().__init__("search-index", pagefind.finish)


def publish_swap(
    staging: Path,
    out: Path,
    manifest: dict[str, str],
    extra_files: dict[str, bytes],
    static: dict[str, Path],
    linking: Linking,
    indexing: Indexing | None = None,
    stamp: str | None = None,
) -> None:
    """Complete `staging` (the unchanged pages linked by `linking`, static files, the search
    index: being made by `indexing`, kept from the spare, or linked from `out`), swap it in,
    and keep the output it replaces as the spare."""
    try:
        search = staging / SEARCH_DIR
        if indexing is None and not search.exists() and (out / SEARCH_DIR).is_dir() and SEARCH_DIR + "/" in manifest:
            shutil.copytree(out / SEARCH_DIR, search, copy_function=link_or_copy)
        for name, data in extra_files.items():
            write_file(staging / name, data)
        _copy_static(static, staging / "static")
    finally:
        linking.join()  # its error, if any, is raised here
        if indexing is not None:
            indexing.join()
    write_manifest(staging, manifest, stamp, list(extra_files))
    spare = spare_dir(out)
    ours = not spare.exists() or (spare / MARKER).is_file()  # a folder not ours is never replaced
    _swap_folder(staging, out, spare if ours else None)


def _copy_static(sources: dict[str, Path], target: Path) -> None:
    """Make `target` hold exactly the static files `sources` names: a file whose size and time
    match its source's is kept (a claimed spare holds the last build's copies), the others copied."""
    if target.is_dir():
        for present in sorted(target.rglob("*"), reverse=True):  # files before their folders
            relative = present.relative_to(target).as_posix()
            if present.is_dir():
                if not any(present.iterdir()):
                    present.rmdir()
            elif relative not in sources:
                present.unlink()
    for relative, source in sorted(sources.items()):
        copy = target / relative
        if same_size_and_time(source, copy):
            continue
        copy.parent.mkdir(parents=True, exist_ok=True)
        write_file(copy, source.read_bytes())
        shutil.copystat(source, copy)


def _swap_folder(fresh: Path, target: Path, keep_old: Path | None = None) -> None:
    """Put the folder `fresh` where `target` is: two renames. The old one is kept at `keep_old`
    (replacing what is there), or removed."""
    old = keep_old or target.parent / f".{target.name}.old-{os.getpid()}"
    if keep_old is not None and keep_old.exists():
        shutil.rmtree(keep_old)
    if target.exists():
        os.replace(target, old)
    os.replace(fresh, target)
    if keep_old is None:
        shutil.rmtree(old, ignore_errors=True)


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
    static: dict[str, Path] | None,
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
    if static is not None:
        _copy_static(static, out / "static")
    discard(staging)
