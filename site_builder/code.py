"""site_builder's own code and the libraries it runs, as a key for what a build remembers between
runs: the digests of the pages it wrote, its content cache and its resized pictures. Made by other
code (an upgrade of site_builder or of Jinja2, markdown-it, Pagefind…, a local change), they are
made again, never kept because the content is the same."""

from __future__ import annotations

import hashlib
import os
import sys
from functools import lru_cache
from pathlib import Path

LIBRARIES = (
    "jinja2", "markupsafe", "markdown_it", "mdit_py_plugins", "mdurl", "yaml", "latex2mathml", "slugify",
    "text_unidecode", "pagefind", "PIL", "pylatexenc", "bibtexparser", "dateutil", "orjson",
)  # fmt: skip
"""The modules whose libraries shape what a build writes: parsing, templates, Markdown, MathML,
slugs, the search index, pictures."""


PACKAGE = Path(__file__).resolve().parent
"""The installed site_builder package."""


def modules() -> list[Path]:
    """Every module of site_builder, in a stable order."""
    return sorted(PACKAGE.rglob("*.py"))


@lru_cache(maxsize=1)
def code_digest() -> bytes:
    """A hash of every module of the installed site_builder and of the libraries it runs with,
    computed once a process."""
    digest = hashlib.blake2b(library_versions().encode(), digest_size=16)
    for module in modules():
        digest.update(module.relative_to(PACKAGE).as_posix().encode() + b"\0" + module.read_bytes() + b"\0")
    return digest.digest()


def code_version() -> str:
    """`code_digest` as a short name: of the cache folders that hold what this code made."""
    return code_digest().hex()[:16]


@lru_cache(maxsize=1)
def library_versions() -> str:
    """Python's version and the installed distributions (`Jinja2-3.1.6.dist-info`, …) beside the
    libraries site_builder runs, one a line. Their folder names say the versions, read without
    importing anything or asking `importlib.metadata`, which searches every path entry."""
    from importlib.util import find_spec

    folders = set()
    for name in LIBRARIES:
        spec = find_spec(name)
        if spec is not None and spec.origin:
            folders.add(Path(spec.origin).resolve().parent.parent)
    names = {f"python {sys.version_info[0]}.{sys.version_info[1]}"}
    for folder in folders:
        with os.scandir(folder) as entries:
            names.update(entry.name for entry in entries if entry.name.endswith(".dist-info"))
    return "\n".join(sorted(names))


STALE_AFTER = 3600
"""Seconds after which another version's cache folder is taken as unused: a build of another
install of site_builder running at the same moment keeps its folder."""


def versioned_folder(parent: Path) -> Path:
    """This code's folder under `parent` (`parent/<code_version>`). The first time it is asked
    for, the folders other versions left there an hour or more ago are deleted: every upgrade
    would otherwise leave its compiled templates and resized pictures behind for good."""
    folder = parent / code_version()
    if not folder.is_dir() and parent.is_dir():
        import shutil
        import time

        for other in parent.iterdir():
            try:
                stale = other.is_dir() and not other.is_symlink() and time.time() - other.stat().st_mtime > STALE_AFTER
            except OSError:
                continue
            if stale and len(other.name) == len(folder.name):
                shutil.rmtree(other, ignore_errors=True)
    return folder
