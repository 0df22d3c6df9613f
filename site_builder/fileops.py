"""Copying built files cheaply: a hard link where the file system allows it."""

from __future__ import annotations

import os
import shutil


def link_or_copy(source: str | os.PathLike, target: str | os.PathLike) -> None:
    """A hard link at `target` to `source` (built files are never changed in place, only
    replaced), or a copy across file systems or where links are not allowed."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
