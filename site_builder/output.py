"""The output folder: built whole in a staging folder, then swapped in.

A failing build leaves the previous output untouched. The folder is marked as ours, and we
refuse to empty a folder that is not (the site's sources, a home folder, `/`, a stranger's).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from site_builder.errors import Problems, SourceLocation

MARKER = ".site-builder-output"
MARKER_TEXT = "This folder is written by site_builder; it is replaced on every build.\n"
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


def staging_dir(out: Path) -> Path:
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    return staging


def publish(staging: Path, out: Path) -> None:
    """Swap the finished staging folder in for `out`."""
    (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        os.replace(out, old)
    os.replace(staging, out)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def copy_static(static_dir: Path, staging: Path) -> int:
    if not static_dir.is_dir():
        return 0
    shutil.copytree(static_dir, staging / "static", dirs_exist_ok=True)
    return sum(1 for p in (staging / "static").rglob("*") if p.is_file())
