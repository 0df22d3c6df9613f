"""What changed, the moment it is saved: the kernel's file events (inotify) for the folders the
preview watches.

livereload's own watcher polls: every 800 ms it stats every watched file (~100 ms at 10,000
papers), so a save waited up to 0.9 s before the rebuild began, and the rebuild then stat'ed
every paper again. Events name the changed files, so the rebuild starts at once and reads only
those. Where inotify is missing (not Linux), `ChangeWatcher.create` returns None and the preview
polls as before.
"""

from __future__ import annotations

import contextlib
import os
import threading
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

SETTLE_MS = 15
"""After the first event, wait this long for the rest of a save (editors write a temporary
file, rename it over the old one, touch a backup): one rebuild per save, not three."""


class ChangeWatcher:
    """Collects the paths (relative to the site root, `/`-separated) changed under the watched
    names, in a background thread that calls `on_change` after each burst of events.

    `take()` returns the paths since the last call, or None when the count was lost and
    everything must be looked at: the kernel's queue overflowed, or a folder was created, moved
    or deleted inside a watched one (its files were never announced one by one)."""

    def __init__(self, inotify, root: Path, names: Iterable[str], on_change: Callable[[ChangeWatcher], None]):
        self._inotify = inotify
        self.root = root
        self.names = set(names)
        self.on_change = on_change
        self._folders: dict[int, Path] = {}
        self._pending: set[str] = set()
        self._lost = False
        self._lock = threading.Lock()
        self._closed = False
        self._watch(root, recursive=False)  # `site.yaml`, and watched folders made later
        for name in sorted(self.names):
            if (root / name).is_dir():
                self._watch(root / name, recursive=True)
        self._thread = threading.Thread(target=self._run, name="change-watcher", daemon=True)
        self._thread.start()

    @classmethod
    def create(cls, root: Path, names: Iterable[str], on_change: Callable[[ChangeWatcher], None]) -> ChangeWatcher | None:
        try:
            from inotify_simple import INotify
        except ImportError:  # not Linux
            return None
        try:
            return cls(INotify(), root, names, on_change)
        except OSError:  # out of inotify watches or instances: polling still works
            return None

    def _mask(self) -> int:
        from inotify_simple import flags

        return (
            flags.MODIFY
            | flags.CLOSE_WRITE
            | flags.ATTRIB
            | flags.CREATE
            | flags.DELETE
            | flags.MOVED_FROM
            | flags.MOVED_TO
            | flags.DELETE_SELF
            | flags.MOVE_SELF
        )

    def _watch(self, folder: Path, recursive: bool) -> None:
        self._folders[self._inotify.add_watch(folder, self._mask())] = folder
        if recursive:
            for path, subfolders, _ in os.walk(folder):
                for name in subfolders:
                    self._folders[self._inotify.add_watch(Path(path) / name, self._mask())] = Path(path) / name

    def take(self) -> set[str] | None:
        with self._lock:
            changed = None if self._lost else self._pending
            self._pending, self._lost = set(), False
            return changed

    def close(self) -> None:
        self._closed = True
        self._inotify.close()

    def _run(self) -> None:
        while not self._closed:
            try:
                events = self._inotify.read(read_delay=SETTLE_MS)
            except (OSError, ValueError):  # closed
                return
            if self._record(events):
                try:
                    self.on_change(self)
                except Exception:  # a bug in one rebuild must not end the watching
                    traceback.print_exc()

    def _record(self, events) -> bool:
        """Note the events; whether any of them is about a watched path."""
        from inotify_simple import flags

        relevant = False
        with self._lock:
            for event in events:
                if event.mask & flags.Q_OVERFLOW:
                    self._lost = relevant = True
                    continue
                folder = self._folders.get(event.wd)
                if folder is None:
                    continue
                if event.mask & flags.IGNORED:
                    del self._folders[event.wd]
                    continue
                path = (folder / event.name) if event.name else folder
                relative = path.relative_to(self.root).as_posix()
                if folder == self.root and relative.split("/")[0] not in self.names:
                    continue  # the output folder, an editor's files beside site.yaml...
                relevant = True
                if event.mask & (flags.DELETE_SELF | flags.MOVE_SELF) or event.mask & flags.ISDIR:
                    self._lost = True
                    if event.mask & (flags.CREATE | flags.MOVED_TO) and path.is_dir():
                        with contextlib.suppress(OSError):  # gone again, or no watches left: a full look anyway
                            self._watch(path, recursive=True)
                else:
                    self._pending.add(relative)
        return relevant
