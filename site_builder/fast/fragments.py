"""Speed: per-paper fragments and rendered abstracts made once and reused by every page that
shows them, kept past a few megabytes in an unlinked file instead of in memory.

At 10,000 papers a paper's list entry appears on about five list pages and feeds, and its
citation records in three site-wide files and on its author and topic pages: made once, they
take a fifth of the render. The texts are ~90 MB at that size, held by every process that
renders: spilled to a file, they cost the page cache instead of each process's memory.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from pathlib import Path

import jinja2
from markupsafe import Markup

from site_builder.fast.cache import text_key
from site_builder.output.fileops import unlinked_file
from site_builder.render.fragments import Fragments
from site_builder.render.markup import render_markup


class MarkupCache:
    """Rendered abstracts by text; remembers which entries this process added."""

    def __init__(self, known: dict[str, str]):
        self.known = known
        self.added: dict[str, str] = {}

    def __call__(self, text: str) -> Markup:
        key = text_key(text)
        html = self.known.get(key)
        if html is None:
            html = self.known[key] = self.added[key] = render_markup(text)
        return Markup(html)


class SpilledText:
    """Texts kept in an unlinked temporary file rather than in memory, once they are more than
    `IN_MEMORY` bytes: a key's offset and length are all that stays. At 10,000 papers the
    fragments are ~90 MB of text, held by every process that renders; read back with one
    `pread` each, they cost the page cache instead. A small site's texts stay in memory (making
    the file and a system call per text cost a twentieth of its edit build).

    A forked worker reads what its parent wrote before the fork and writes to a file of its own
    (the parent goes on appending to its file meanwhile, past anything the worker knows)."""

    IN_MEMORY = 2 << 20

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        """Where the file is made: the site's cache folder, on disk (a tmpfs /tmp is memory)."""
        self.index: dict[tuple[str, str], tuple[int, int, int]] = {}
        self.memory: dict[tuple[str, str], str] = {}
        self._held = 0
        self._descriptor = -1
        self._owner = 0
        self._end = 0
        self._closer: Callable[[], None] = lambda: None

    def get(self, key: tuple[str, str]) -> str | None:
        text = self.memory.get(key)
        if text is not None:
            return text
        found = self.index.get(key)
        if found is None:
            return None
        descriptor, offset, length = found
        return os.pread(descriptor, length, offset).decode()

    def put(self, key: tuple[str, str], text: str) -> None:
        if self._held + len(text) <= self.IN_MEMORY:
            self.memory[key] = text
            self._held += len(text)
            return
        if self._owner != os.getpid():
            descriptor = unlinked_file(self.folder)
            self._descriptor, self._owner, self._end = descriptor, os.getpid(), 0
            self._closer = weakref.finalize(self, os.close, descriptor)
        data = text.encode()
        os.pwrite(self._descriptor, data, self._end)
        self.index[key] = (self._descriptor, self._end, len(data))
        self._end += len(data)

    def clear(self) -> None:
        self.index.clear()
        self.memory.clear()
        self._held = 0
        if self._owner == os.getpid():
            self._closer()
        self._descriptor, self._owner = -1, 0


class CachedFragments(Fragments):
    """`Fragments` that keeps each fragment while its paper's digest is unchanged; a new
    environment (templates or settings changed) starts afresh."""

    def __init__(self, spill_folder: Path | None = None):
        super().__init__()
        self.store = SpilledText(spill_folder)
        self.digests: dict[str, str] = {}

    def bind(self, env: jinja2.Environment, paper_digests: dict[str, str]) -> None:
        if env is not self.env:
            self.store.clear()
        super().bind(env, paper_digests)
        self.digests = paper_digests

    def _get(self, kind: str, paper, make: Callable[[], str]) -> str:
        key = (kind, self.digests[paper.slug])
        text = self.store.get(key)
        if text is None:
            text = make()
            self.store.put(key, text)
        return text
