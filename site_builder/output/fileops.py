"""Writing files cheaply: hard links where the file system allows them, large text in pieces,
new files with few system calls, and unlinked scratch files that vanish with the process."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO


def link_or_copy(source: str | os.PathLike, target: str | os.PathLike) -> None:
    """A hard link at `target` to `source` (built files are never changed in place, only
    replaced), or a copy across file systems or where links are not allowed."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def is_own_file(path: str | os.PathLike) -> bool:
    """Whether `path` is a regular file, not a symbolic link (an output page that is a link
    could lead a write, or the published site, out of the output folder)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def same_size_and_time(source: str | os.PathLike, copy: str | os.PathLike) -> bool:
    """Whether `copy` (made with its source's modification time, as static files are) has the
    size and time of `source`: taken for the same file. False when either is missing."""
    try:
        mine, theirs = os.stat(source), os.stat(copy)
    except OSError:
        return False
    return (mine.st_size, mine.st_mtime_ns) == (theirs.st_size, theirs.st_mtime_ns)


def write_file(path: str | os.PathLike, content: bytes | str | Iterable[str]) -> None:
    """Write `path` whole: `content` is bytes, text, or text in pieces (written as UTF-8).
    Whatever was at `path` is unlinked first, never written through: it may be a hard link to a
    page of the live site, or a symbolic link that leads out of the output folder."""
    descriptor = _create(path)
    if isinstance(content, (bytes, str)):
        data = memoryview(content.encode() if isinstance(content, str) else content)
        try:
            while data:
                data = data[os.write(descriptor, data) :]
        finally:
            os.close(descriptor)
        return
    with open(descriptor, "wb") as handle:
        write_pieces(handle, content)


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _create(path: str | os.PathLike) -> int:
    """A new file at `path`, open for writing. `O_EXCL` refuses anything already there, a
    symbolic link too, which is then unlinked (a build writes into a new folder, so this is
    rare; trying first spares a system call on every page)."""
    try:
        return os.open(path, _NEW_FILE, 0o666)
    except FileExistsError:
        os.unlink(path)
        return os.open(path, _NEW_FILE, 0o666)


def write_pieces(handle: BinaryIO, pieces: Iterable[str]) -> None:
    """Write text that comes in pieces as UTF-8, a megabyte at a time: a 20 MB citation file or
    a 40 MB cache is never held whole, twice over as str and bytes."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size > 1 << 20:
            handle.write("".join(batch).encode())
            batch, size = [], 0
    handle.write("".join(batch).encode())


class Folders:
    """Makes the folder of each file written into a new tree, once per folder (a system call
    each: a build writes or links tens of thousands of pages)."""

    def __init__(self):
        self.made: set[str] = set()

    def make_for(self, target: str | os.PathLike) -> None:
        folder = os.path.dirname(target)
        if folder not in self.made:
            try:
                os.mkdir(folder)  # its parent is usually there: one system call, not makedirs' two
            except FileExistsError:
                pass
            except FileNotFoundError:
                os.makedirs(folder, exist_ok=True)
            self.made.add(folder)


class PageWriter:
    """Writes pages into their files in a new tree, making each folder once."""

    def __init__(self):
        self.folders = Folders()

    def __call__(self, target: Path, text: str | Iterable[str]) -> None:
        self.folders.make_for(target)
        write_file(target, text)


def unlinked_file(folder: Path | None) -> int:
    """A new file's descriptor, the file already unlinked: gone when closed, by a crash too."""
    import tempfile

    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(prefix="site-builder-", dir=folder)
    os.unlink(name)
    return descriptor
