"""Writing a file so that a crash leaves either the old bytes or the new, never half."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_umask()
"""The mode `open` gives a new file: a temporary file is made private (0600), and a person's
paper file, settings or a new site's files must not turn private by being written. Read once,
while the program has one thread (setting the umask to read it is process-wide)."""


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    write_atomic_with(path, lambda handle: handle.write(data), durable)


def write_atomic_with(path: Path, write: Callable[[BinaryIO], object], durable: bool = True) -> None:
    """Like `write_atomic`, with the bytes written by `write(handle)`: a large file is streamed,
    never held in memory whole.

    `durable` waits until the bytes are on disk before the file replaces the old one, so that
    not even a power cut loses what a person wrote. A build's own bookkeeping (its cache, its
    stamp) passes False: the wait is a third of saving the cache of 10,000 papers, and a cache
    lost to a power cut only makes the next build slower."""
    if path.is_symlink():  # a paper kept elsewhere and linked in: write the file, keep the link
        path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        try:
            mode = path.stat().st_mode & 0o7777  # a file replaced keeps its mode (`chmod g+w` on a paper)
        except OSError:
            mode = _NEW_FILE_MODE
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
