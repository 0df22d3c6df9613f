"""Speed: reading and parsing many paper files in two processes.

A cold build of 10,000 papers spends about two seconds reading and parsing their files, before
anything else can start. A forked child parses the second half while this process parses the
first; the child hands its papers back pickled in an unlinked file (unpickling them costs a
tenth of parsing them). Problems come back in file order, as one process would report them.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import Problem, Problems
from site_builder.output.fileops import unlinked_file
from site_builder.site.model import Paper
from site_builder.source.content import read_paper

PARALLEL_FROM = 2000
"""Below this many files to parse, the fork and the pickles cost what the second process saves
(at 1,000 papers both ways take the same time; at 2,000 two processes take two thirds)."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """A paper file as read now."""

    name: str
    size: int
    mtime_ns: int
    digest: str
    """blake2b of the file's bytes."""
    paper: Paper | None
    """None when the file has problems, or when `known` said the digest is cached already."""


Files = Sequence[tuple[str, int, int]]
"""Paper files by name, with the size and modification time they were seen with."""


def parse_files(folder: Path, files: Files, problems: Problems, known: Callable[[str, str], bool], spill: Path | None) -> list[Parsed]:
    """The `files` in `folder`, read and parsed, in order; a file that has gone is left out.
    `known(name, digest)`: whether the caller has that file's paper already (it is then not
    parsed). The child's papers pass through a file in `spill` (None: the system's temp folder)."""
    # Not with other threads running (the preview's): one could hold a lock, the import lock
    # say, that the child would then wait for forever.
    alone = threading.active_count() == 1
    half = len(files) // 2 if len(files) >= PARALLEL_FROM and alone and hasattr(os, "fork") else len(files)
    if half == len(files):
        return _parse(folder, files, problems, known)
    descriptor = unlinked_file(spill)
    try:
        child = os.fork()
        if child == 0:  # pragma: no cover - the child's coverage is not collected
            _parse_in_child(folder, files[half:], known, descriptor)
        first = _parse(folder, files[:half], problems, known)
        _, status = os.waitpid(child, 0)
        second = _read_back(descriptor) if status == 0 else None
    finally:
        os.close(descriptor)
    if second is None:  # the child failed (killed, out of memory): this process parses its half
        return first + _parse(folder, files[half:], problems, known)
    parsed, found = second
    problems.items.extend(found)
    return first + parsed


def _parse(folder: Path, files: Files, problems: Problems, known: Callable[[str, str], bool]) -> list[Parsed]:
    parsed = []
    for name, size, mtime_ns in files:
        path = folder / name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError:  # read_paper says why, as a build without the cache does
            parsed.append(Parsed(name, size, mtime_ns, "", read_paper(path, problems)))
            continue
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        paper = None if known(name, digest) else read_paper(path, problems, data)
        parsed.append(Parsed(name, size, mtime_ns, digest, paper))
    return parsed


def _parse_in_child(folder: Path, files: Files, known: Callable[[str, str], bool], descriptor: int) -> None:
    code = 1
    try:
        problems = Problems()
        parsed = _parse(folder, files, problems, known)
        with open(descriptor, "wb", closefd=False) as handle:
            pickle.dump((parsed, problems.items), handle, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    finally:
        os._exit(code)  # no clean-up of the parent's state: it is the parent's


def _read_back(descriptor: int) -> tuple[list[Parsed], list[Problem]] | None:
    os.lseek(descriptor, 0, os.SEEK_SET)
    try:
        with open(descriptor, "rb", closefd=False) as handle:
            return pickle.load(handle)
    except (EOFError, pickle.UnpicklingError):
        return None
