"""A build with nothing to do, found without building: the stamp of everything a build reads.

`site-builder build` records, in the site's cache folder, a digest of the path, size and
modification time of every input (settings, content, templates, static files), of site_builder's
own code and Pagefind's, of the versions of the libraries it runs, and of the build's arguments,
with a digest of the output's manifest.
When the next build finds the same stamp, the same manifest and every file it lists still in
place, it stops there: no YAML parsed, no page
planned (a warm build of 10,000 papers took 4 s of that). Any difference, and the build runs as
usual and decides page by page. Trusting size and modification time is what the content cache
already does for each paper.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from site_builder.code import PACKAGE, library_versions, modules
from site_builder.fast.cache import cache_dir
from site_builder.output.atomic import write_atomic
from site_builder.output.fileops import is_own_file, same_size_and_time
from site_builder.output.folder import MARKER
from site_builder.output.search import PAGEFIND_MODULES, is_search_key
from site_builder.render.theme import KINDS, default_theme, theme_files
from site_builder.site.urls import UnsafePath, output_name

INPUTS = ("site.yaml", "content", "templates", "static")


def _walk(digest, folder: Path, root: Path) -> None:
    _walk_names(digest, str(folder), os.path.join(str(root), ""))


def _walk_names(digest, folder: str, prefix: str) -> None:
    """Every file under `folder`, in name order, named from `prefix` on. Plain strings and the
    directory entries' own `stat`: a warm build of 10,000 papers walks 10,000 files, and making
    a `Path` of each took most of its time."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _walk_names(digest, entry.path, prefix)
            continue
        try:
            stat = entry.stat()
        except OSError:
            stat = None
        _update(digest, entry.path, prefix, stat)


def _add(digest, path: Path, root: Path) -> None:
    try:
        stat = path.stat()
    except OSError:
        stat = None
    _update(digest, str(path), os.path.join(str(root), ""), stat)


def _update(digest, path: str, prefix: str, stat: os.stat_result | None) -> None:
    """One file in the stamp: its name from `prefix` on (in full outside it), size and time."""
    relative = path[len(prefix) :].replace(os.sep, "/") if path.startswith(prefix) else path
    digest.update(f"{relative}\0{stat and stat.st_size}\0{stat and stat.st_mtime_ns}\n".encode())


def input_stamp(root: Path, out: Path, base_url: str | None, site_url: str | None, drafts: bool = False) -> str:
    """The digest of what a build of `root` into `out` with these arguments reads."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((str(root.resolve()), str(out.resolve()), base_url, site_url, drafts)).encode())
    for module in modules():  # site_builder's own code: an upgrade builds everything
        _add(digest, module, PACKAGE)
    digest.update(library_versions().encode())  # and so does an upgrade of Jinja2, markdown-it, …
    pagefind = _pagefind_module()
    if pagefind is not None:
        _add(digest, pagefind, pagefind.parent)
    for name in INPUTS:
        path = root / name
        if path.is_dir():
            _walk(digest, path, root)
        else:
            _add(digest, path, root)
    theme = default_theme()
    for kind in KINDS:  # the default theme: a checkout's can be edited
        _walk(digest, theme / kind, theme)
    return digest.hexdigest()


def _pagefind_module() -> Path | None:
    from importlib.util import find_spec

    for name in PAGEFIND_MODULES:  # the one the build runs
        spec = find_spec(name)
        if spec is not None and spec.origin:
            return Path(spec.origin)
    return None


def _record_path(root: Path, out: Path) -> Path:
    name = hashlib.blake2b(str(out.resolve()).encode(), digest_size=8).hexdigest()
    return cache_dir(root) / "stamps" / name


def _manifest_digest(manifest: bytes) -> str:
    return hashlib.blake2b(manifest, digest_size=16).hexdigest()


def record_stamp(root: Path, out: Path, stamp: str) -> None:
    """Note that `out` holds a complete build of the inputs with this stamp."""
    try:
        record = {"inputs": stamp, "manifest": _manifest_digest((out / MARKER).read_bytes())}
    except OSError:
        return
    with contextlib.suppress(OSError):  # a stamp not kept only makes the next build look at every file
        write_atomic(_record_path(root, out), json.dumps(record).encode(), durable=False)


def current_pages(out: Path, root: Path, stamp: str) -> int | None:
    """The number of pages in `out` when it holds a complete build with this stamp, else None."""
    try:
        record = json.loads(_record_path(root, out).read_text(encoding="utf-8"))
        manifest = (out / MARKER).read_bytes()
        if record.get("inputs") != stamp or record.get("manifest") != _manifest_digest(manifest):
            return None
        data = json.loads(manifest)
        pages, extras = data["pages"], data["extras"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    count = 0
    base = str(out)
    for path in pages:
        if is_search_key(path):  # a part of the search index: a folder
            if not (out / path / "pagefind-entry.json").is_file():
                return None
            continue
        count += 1
        try:
            name = output_name(path)
        except UnsafePath:
            return None
        if not is_own_file(os.path.join(base, name)):  # strings, not Paths: 54,000 at 10k papers
            return None
    if not all((out / name).is_file() for name in extras):
        return None
    return count if _same_static(theme_files("static", root), out / "static") else None


def _same_static(sources: dict[str, Path], copy: Path) -> bool:
    """Static files are copied with their modification times: the same size and time in the
    output means the same file (the build would copy it again otherwise)."""
    return all(same_size_and_time(source, copy / name) for name, source in sources.items())
