"""What a build keeps for the next one: parsed paper files and rendered abstracts.

The cache lives in the user's cache folder (`$XDG_CACHE_HOME/site_builder/<site>`), never in
the site folder, so a repository cannot ship a cache that a build would trust. It is JSON, and
a missing, stale or unreadable cache only makes a build slower, never different.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import orjson

from site_builder.code import code_version
from site_builder.errors import Problems
from site_builder.fast.parse import parse_files
from site_builder.output.atomic import write_atomic_with
from site_builder.site.model import Paper
from site_builder.source.content import is_paper_file, paper_file_names

FORMAT = 3
_PAPER_FIELDS = {f.name for f in fields(Paper)}


def cache_dir(root: Path) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    site = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
    return base / "site_builder" / site


_TUPLE_FIELDS = tuple(f.name for f in fields(Paper) if str(f.type).startswith("tuple"))
"""The paper's lists, which JSON gives back as lists."""


def _paper_from_json(data: dict[str, Any]) -> Paper:
    values = {k: v for k, v in data.items() if k in _PAPER_FIELDS}
    values["date"] = dt.date.fromisoformat(values["date"])
    for name in _TUPLE_FIELDS:
        if name in values:
            values[name] = tuple(values[name])
    return Paper(**values)


def _body(paper: dict | Paper) -> str:
    return paper.body if isinstance(paper, Paper) else paper.get("body", "")


def text_key(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _json_pieces(papers: dict[str, tuple[int, int, str, dict | Paper]], markup: dict[str, str]) -> Iterator[bytes]:
    """The cache as compact JSON, entry by entry: at 10,000 papers the text is 40 MB, and
    neither it nor a JSON copy of every paper is ever held whole. orjson writes a `Paper` as
    its fields in order, its date as `YYYY-MM-DD`, in a quarter of the time `json` takes."""
    yield b'{"format":%d,"code":"%s","papers":{' % (FORMAT, code_version().encode())
    for n, (name, (file_size, mtime_ns, digest, paper)) in enumerate(papers.items()):
        yield (b"," if n else b"") + orjson.dumps(name) + b":" + orjson.dumps([file_size, mtime_ns, digest, paper])
    yield b'},"markup":{'
    for n, (key, html) in enumerate(markup.items()):
        yield (b"," if n else b"") + orjson.dumps(key) + b":" + orjson.dumps(html)
    yield b"}}"


class ContentCache:
    """Parsed papers keyed by file name, size and modification time, or, when those changed (a
    fresh checkout gives every file a new time), by a digest of the file's bytes; rendered
    markup keyed by its text."""

    def __init__(self, root: Path | None):
        self.path = cache_dir(root) / "content.json" if root is not None else None
        self.papers: dict[str, tuple[int, int, str, dict | Paper]] = {}
        """File name -> size, mtime, digest of the bytes and the paper: as read from the cache file until it is used,
        then the `Paper` itself (never both: at 10,000 papers that copy is 25 MB)."""
        self.markup: dict[str, str] = {}
        self.listing: list[str] | None = None
        """The paper files the last load found (this process only): the preview's watcher
        names what changed since."""
        self.unreadable: set[str] = set()
        """Files of that listing that could not be read: read again every time, to say why."""
        self.changed = False
        if self.path is not None and self.path.is_file():
            try:
                data = orjson.loads(self.path.read_bytes())
                if data.get("format") == FORMAT and data.get("code") == code_version():  # parsed by this code
                    self.papers = {k: tuple(v) for k, v in data["papers"].items()}
                    self.markup = data["markup"]
            except (OSError, ValueError, KeyError, TypeError):
                self.papers, self.markup = {}, {}

    def paper(self, name: str, size: int, mtime_ns: int, digest: str | None = None) -> Paper | None:
        """The paper parsed from file `name` when it had this size and time, or these bytes."""
        entry = self.papers.get(name)
        if entry is None or (entry[2] != digest if digest is not None else (entry[0], entry[1]) != (size, mtime_ns)):
            return None
        paper = entry[3]
        if not isinstance(paper, Paper):
            try:
                paper = _paper_from_json(paper)
            except (KeyError, TypeError, ValueError):
                return None
        if (entry[0], entry[1]) != (size, mtime_ns):
            self.changed = True
        self.papers[name] = (size, mtime_ns, entry[2], paper)
        return paper

    def knows(self, name: str, digest: str) -> bool:
        """Whether the cache has the paper of file `name` with these bytes."""
        entry = self.papers.get(name)
        return entry is not None and entry[2] == digest

    def store_paper(self, name: str, size: int, mtime_ns: int, digest: str, paper: Paper) -> None:
        self.papers[name] = (size, mtime_ns, digest, paper)
        self.changed = True

    def forget_missing(self, names: set[str]) -> None:
        for name in set(self.papers) - names:
            del self.papers[name]
            self.changed = True

    def add_markup(self, entries: dict[str, str]) -> None:
        if entries:
            self.markup.update(entries)
            self.changed = True

    def save(self) -> None:
        if self.path is None or not self.changed:
            return
        # Keep rendered abstracts of the papers there are now: old versions would pile up.
        live = {text_key(_body(entry[3])) for entry in self.papers.values()}
        for key in [key for key in self.markup if key not in live]:
            del self.markup[key]  # in place: the renderer shares this dict
        try:
            write_atomic_with(self.path, lambda handle: handle.writelines(_json_pieces(self.papers, self.markup)), durable=False)
            self.changed = False
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def load_papers(self, folder: Path, problems: Problems, changed: set[str] | None = None) -> list[Paper]:
        """Every paper file in `folder`; a file whose size and time are those it had when last
        parsed comes from the cache. `changed` (the preview's file watcher): the only file names
        that can differ from the last load; the others are neither listed nor stat'ed again
        (10,000 system calls per save at 10,000 papers). None looks at every file."""
        if changed is not None and self.listing is not None:
            names = set(self.listing)
            for name in changed:
                if not is_paper_file(name):
                    continue
                if (folder / name).is_file():
                    names.add(name)
                else:
                    names.discard(name)
            look = changed | self.unreadable
            entries = [(name, None if name in look else self.papers.get(name)) for name in sorted(names)]
        else:
            entries = [(name, None) for name in paper_file_names(folder)]
        self.unreadable = set()
        found: dict[str, Paper] = {}
        to_read: list[tuple[str, int, int]] = []
        for name, known in entries:
            if known is not None:
                if type(known[3]) is Paper:  # parsed earlier in this process, and not changed since
                    found[name] = known[3]
                    continue
                size, mtime_ns = known[0], known[1]
            else:
                try:
                    stat = os.stat(folder / name)  # the one system call per file when nothing says what changed
                except FileNotFoundError:
                    continue
                size, mtime_ns = stat.st_size, stat.st_mtime_ns
            paper = self.paper(name, size, mtime_ns)
            if paper is None:
                to_read.append((name, size, mtime_ns))
            else:
                found[name] = paper
        spill = self.path.parent if self.path is not None else None
        for parsed in parse_files(folder, to_read, problems, self.knows, spill):
            paper = parsed.paper if parsed.paper is not None else self.paper(parsed.name, parsed.size, parsed.mtime_ns, parsed.digest)
            if paper is None:
                self.unreadable.add(parsed.name)
                continue
            if parsed.paper is not None:
                self.store_paper(parsed.name, parsed.size, parsed.mtime_ns, parsed.digest, paper)
            found[parsed.name] = paper
        papers = [found[name] for name, _ in entries if name in found]
        self.listing = [name for name, _ in entries]
        self.forget_missing(set(self.listing))
        return papers
