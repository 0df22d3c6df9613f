"""site_builder's own code, as a key for what a build remembers between runs: the digests of
the pages it wrote and its content cache. Made by other code (an upgrade, a local change), they
are made again, never kept because the content is the same."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def code_digest() -> bytes:
    """A hash of every module of the installed site_builder, read once a process."""
    package = Path(__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=16)
    for module in sorted(package.rglob("*.py")):
        digest.update(module.relative_to(package).as_posix().encode() + b"\0" + module.read_bytes() + b"\0")
    return digest.digest()
