"""Writing a file so that a crash leaves either the old bytes or the new, never half."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    write_atomic_with(path, lambda handle: handle.write(data), durable)


def write_atomic_with(path: Path, write: Callable[[BinaryIO], object], durable: bool = True) -> None:
    """Like `write_atomic`, with the bytes written by `write(handle)`: a large file is streamed,
    never held in memory whole.

    `durable` waits until the bytes are on disk before the file replaces the old one, so that
    not even a power cut loses what a person wrote. A build's own bookkeeping (its cache, its
    stamp) passes False: the wait is a third of saving the cache of 10,000 papers, and a cache
    lost to a power cut only makes the next build slower."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
