"""What a build keeps for the next one: parsed paper files and rendered abstracts.

The cache lives in the user's cache folder (`$XDG_CACHE_HOME/site_builder/<site>`), never in
the site folder, so a repository cannot ship a cache that a build would trust. It is JSON, and
a missing, stale or unreadable cache only makes a build slower, never different.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import fields
from pathlib import Path
from typing import Any

from site_builder.atomic import write_atomic_with
from site_builder.model import Paper

FORMAT = 1
_PAPER_FIELDS = {f.name for f in fields(Paper)}


def cache_dir(root: Path) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    site = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
    return base / "site_builder" / site


_FIELD_NAMES = tuple(f.name for f in fields(Paper))


def _paper_to_json(paper: Paper) -> dict[str, Any]:
    data = {name: getattr(paper, name) for name in _FIELD_NAMES}  # not asdict(): it deep-copies
    data["date"] = paper.date.isoformat()
    return data


def _paper_from_json(data: dict[str, Any]) -> Paper:
    values = {k: v for k, v in data.items() if k in _PAPER_FIELDS}
    values["date"] = dt.date.fromisoformat(values["date"])
    for name in ("authors", "topics"):
        values[name] = tuple(values[name])
    return Paper(**values)


def text_key(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _write_json(data: object, handle) -> None:
    """`data` as compact UTF-8 JSON, in pieces of about a megabyte: at 10,000 papers the whole
    text is 40 MB, and holding it as str and bytes at once was the build's peak of memory."""
    pieces: list[str] = []
    size = 0
    for piece in json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).iterencode(data):
        pieces.append(piece)
        size += len(piece)
        if size > 1 << 20:
            handle.write("".join(pieces).encode())
            pieces, size = [], 0
    handle.write("".join(pieces).encode())


class ContentCache:
    """Parsed papers keyed by file name, size and mtime; rendered markup keyed by its text."""

    def __init__(self, root: Path | None):
        self.path = cache_dir(root) / "content.json" if root is not None else None
        self.papers: dict[str, tuple[int, int, dict]] = {}
        self.markup: dict[str, str] = {}
        self.loaded: dict[str, tuple[int, int, Paper]] = {}
        """Papers already made from the cache in this process (the preview builds many times)."""
        self.changed = False
        if self.path is not None and self.path.is_file():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if data.get("format") == FORMAT:
                    self.papers = {k: tuple(v) for k, v in data["papers"].items()}
                    self.markup = data["markup"]
            except (OSError, ValueError, KeyError, TypeError):
                self.papers, self.markup = {}, {}

    def paper(self, name: str, size: int, mtime_ns: int) -> Paper | None:
        loaded = self.loaded.get(name)
        if loaded is not None and loaded[0] == size and loaded[1] == mtime_ns:
            return loaded[2]
        entry = self.papers.get(name)
        if entry is None or entry[0] != size or entry[1] != mtime_ns:
            return None
        try:
            paper = _paper_from_json(entry[2])
        except (KeyError, TypeError, ValueError):
            return None
        self.loaded[name] = (size, mtime_ns, paper)
        return paper

    def store_paper(self, name: str, size: int, mtime_ns: int, paper: Paper) -> None:
        self.papers[name] = (size, mtime_ns, _paper_to_json(paper))
        self.loaded[name] = (size, mtime_ns, paper)
        self.changed = True

    def forget_missing(self, names: set[str]) -> None:
        for name in set(self.papers) - names:
            del self.papers[name]
            self.loaded.pop(name, None)
            self.changed = True

    def add_markup(self, entries: dict[str, str]) -> None:
        if entries:
            self.markup.update(entries)
            self.changed = True

    def save(self) -> None:
        if self.path is None or not self.changed:
            return
        # Keep rendered abstracts of the papers there are now: old versions would pile up.
        live = {text_key(entry[2].get("body", "")) for entry in self.papers.values()}
        for key in [key for key in self.markup if key not in live]:
            del self.markup[key]  # in place: the renderer shares this dict
        data = {"format": FORMAT, "papers": self.papers, "markup": self.markup}
        try:
            write_atomic_with(self.path, lambda handle: _write_json(data, handle))
            self.changed = False
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower
