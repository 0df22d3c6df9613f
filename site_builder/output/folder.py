"""The output folder: built in a staging folder, then swapped in (or, for the preview, moved in
file by file). A failing build leaves the previous output untouched, and a killed one leaves a
staging folder that the next build removes.

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
from pathlib import Path

from site_builder.errors import Problems, SourceLocation
from site_builder.output.fileops import Folders, link_or_copy, same_size_and_time, write_file
from site_builder.output.search import SEARCH_DIR
from site_builder.render.theme import files_under
from site_builder.site.urls import output_file, output_name

_SOURCE_DIRS = ("content", "templates", "static")
MARKER = ".site-builder-output"
"""The output folder's manifest: the mark that the folder is ours, and its pages' digests."""
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
    return dict(_read_marker(out).get("pages", {}))


def _read_marker(out: Path) -> dict:
    try:
        data = json.loads((out / MARKER).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) and isinstance(data.get("pages", {}), dict) else {}
    except (OSError, ValueError):
        return {}


def write_manifest(folder: Path, manifest: dict[str, str], extras: list[str] | None = None) -> None:
    """The marker that the folder is ours, with its pages' digests and the extra files beside
    them: what the content gave, nothing of the moment, so the same content gives the same file."""
    data = {
        "made_by": "site_builder: this folder is replaced on every build",
        "pages": dict(sorted(manifest.items())),
        "extras": sorted(extras or []),
    }
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


def _staging_path(out: Path, pid: int) -> Path:
    """The folder the build in process `pid` makes `out` in, beside it."""
    return out.parent / f".{out.name}.building-{pid}"


def staging_dir(out: Path) -> Path:
    """A new empty folder beside `out` to build in. Staging folders of builds that are no
    longer running (killed mid-way) are removed first: nobody else ever would."""
    remove_dead_staging(out)
    staging = _staging_path(out, os.getpid())
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    return staging


def remove_dead_staging(out: Path) -> list[Path]:
    """Remove the staging folders (and the replaced outputs) beside `out` that a build left when
    it was killed: those whose process has ended. Returns what it removed."""
    removed = []
    leftovers = [*out.parent.glob(f".{glob.escape(out.name)}.building-*"), *out.parent.glob(f".{glob.escape(out.name)}.old-*")]
    for folder in leftovers:
        pid = folder.name.rpartition("-")[2]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)) and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: running
        return True
    return True


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def complete_staging(staging: Path, manifest: dict[str, str], extra_files: dict[str, bytes], static: dict[str, Path]) -> None:
    """Add what goes beside the pages: the extra files, the static files and the manifest."""
    for name, data in extra_files.items():
        write_file(staging / name, data)
    copy_static(static, staging / "static")
    write_manifest(staging, manifest, list(extra_files))


def link_pages(staging: Path, out: Path, paths: list[str]) -> None:
    """Hard links in `staging` to these unchanged pages of `out` (copies where links cannot be
    made). With strings, not Paths: this runs for every unchanged page of the site."""
    folders = Folders()
    source_dir, target_dir = os.fspath(out), os.fspath(staging)
    for path in paths:
        name = output_name(path)
        target = os.path.join(target_dir, name)
        folders.make_for(target)
        link_or_copy(os.path.join(source_dir, name), target)


def copy_static(sources: dict[str, Path], target: Path) -> None:
    """Make `target` hold exactly the static files `sources` names: a file whose size and time
    match its source's is kept (the preview's live folder holds the last build's copies), the others copied."""
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


def swap_in(fresh: Path, target: Path) -> None:
    """Put the complete folder `fresh` where `target` is: two renames, then the old one is removed."""
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    if target.exists():
        os.replace(target, old)
    os.replace(fresh, target)
    shutil.rmtree(old, ignore_errors=True)


def replace_search_index(out: Path, fresh: Path, digests: dict[str, str]) -> None:
    """Swap a freshly built search index into `out` and record its parts' digests in the manifest."""
    swap_in(fresh, out / SEARCH_DIR)
    marker = _read_marker(out)
    if marker.get("pages"):  # an empty manifest marks a preview in progress: leave that to the preview
        write_manifest(out, marker["pages"] | digests, marker.get("extras", []))


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
        copy_static(static, out / "static")
    discard(staging)
