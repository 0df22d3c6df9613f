"""`site-builder serve`: build, serve on 127.0.0.1 with live reload, rebuild on every change.

A broken edit never stops the server: it keeps serving the last good build and lays an
overlay over every page that says what is wrong, with `file:line`; the next good save
removes it. The preview is built for the base URL `/`, whatever `site.yaml` says.
"""

from __future__ import annotations

import errno
import gc
import html
import mimetypes
import signal
import socket
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote

from site_builder.errors import Problems
from site_builder.fast.incremental import Builder
from site_builder.pipeline import BuildResult
from site_builder.preview.watch import ChangeWatcher
from site_builder.site.urls import UnsafePath, output_file
from site_builder.source.content import PAPERS_DIR

WATCHED = ("content", "templates", "static", "site.yaml")
OVERLAY_ID = "site-builder-error"


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL):
                return False
            raise
    return True


def overlay_html(problems: list[str]) -> str:
    lines = "\n".join(html.escape(p) for p in problems)
    return (
        f'<div id="{OVERLAY_ID}" role="alert" style="position:fixed;inset:auto 1rem 1rem 1rem;z-index:2147483647;'
        "max-height:60vh;overflow:auto;background:#2b0d0d;color:#ffe4e4;border:2px solid #ff6b6b;border-radius:8px;"
        'padding:1rem 1.25rem;font:14px/1.5 ui-monospace,monospace;box-shadow:0 8px 30px rgba(0,0,0,.4)">'
        '<strong style="display:block;margin-bottom:.5rem;font-size:15px">The last edit broke the build; '
        "showing the last good one</strong>"
        f'<pre style="margin:0;white-space:pre-wrap">{lines}</pre></div>'
    )


class Preview:
    """The preview's state and its WSGI app: files from the output folder, plus the overlay."""

    def __init__(self, root: Path, out: Path, drafts: bool = False):
        self.root = root
        self.out = out
        self.errors: list[str] = []
        self.lock = threading.Lock()
        self.builder = Builder(root, drafts=drafts)
        self.last: BuildResult | None = None
        """The last good build's result."""
        self.frozen_env: object = None
        """The builder's template environment when the heap was last frozen (`_settle_heap`)."""

    def rebuild(self, changed: set[str] | None = None) -> bool:
        """Build again; `changed`: the site paths the file watcher saw change since the last
        rebuild (None when it does not know: every file is looked at)."""
        started = time.perf_counter()
        problems = Problems()
        papers = None
        if changed is not None:
            prefix = PAPERS_DIR + "/"
            papers = {path.removeprefix(prefix) for path in changed if path.startswith(prefix)}
        with self.lock:
            try:
                result = self.builder.build(self.out, problems, base_url="/", in_place=self.out.is_dir(), papers_changed=papers)
            except BaseException:
                self.builder.cache.listing = None  # what the watcher said is lost with this build
                raise
            self.errors = [str(p) for p in problems.errors]
            self._settle_heap()
        for problem in problems.items:
            print(problem, file=sys.stderr, flush=True)
        if result is None:
            print("build failed; still serving the last good build", file=sys.stderr, flush=True)
            return False
        self.last = result
        seconds = time.perf_counter() - started
        later = f" ({len(result.deferred_paths)} large downloads follow)" if result.deferred_paths else ""
        print(f"rebuilt {result.rendered} of {result.pages} pages in {seconds:.2f}s{later}", file=sys.stderr, flush=True)
        return True

    def _settle_heap(self) -> None:
        """Collect what this build left behind and freeze what lives on (the catalog, the plan,
        the caches), so that the garbage collector never walks the whole site in the middle of
        a later rebuild: at 10,000 papers such a pass takes as long as the rebuild itself and
        came every three or four saves. After a build that made a new template environment
        (templates or settings changed), everything is unfrozen first: the old environment
        holds reference cycles, which only a full collection frees."""
        if self.builder.env is not self.frozen_env:
            gc.unfreeze()
            self.frozen_env = self.builder.env
        gc.collect()
        gc.freeze()

    def __call__(self, environ, start_response):
        path = unquote(environ.get("PATH_INFO", "/")).lstrip("/")
        status, body, content_type = self._find(path)
        if content_type.startswith("text/html") and self.errors:
            overlay = overlay_html(self.errors).encode()
            body = body.replace(b"</body>", overlay + b"</body>", 1) if b"</body>" in body else body + overlay
        start_response(status, [("Content-Type", content_type), ("Cache-Control", "no-store")])
        return [body]

    def _find(self, path: str) -> tuple[str, bytes, str]:
        try:
            target = output_file(self.out, path)
        except UnsafePath:
            target = None
        if target is not None and target.is_dir():
            target = target / "index.html"
        if target is not None and not target.is_file() and not path.endswith("/") and (target / "index.html").is_file():
            target = target / "index.html"
        if target is not None and target.is_file():
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind in ("application/xml", "application/javascript", "application/json"):
                kind += "; charset=utf-8"
            return "200 OK", target.read_bytes(), kind
        missing = self.out / "404.html"
        if missing.is_file():
            return "404 Not Found", missing.read_bytes(), "text/html; charset=utf-8"
        page = "<!DOCTYPE html><html><head><title>Build failed</title></head><body><h1>No build yet</h1></body></html>"
        return "404 Not Found", page.encode(), "text/html; charset=utf-8"


def _browser_reloader():
    """livereload's watcher, told by `ChangeWatcher` instead of polling: it never looks at a file
    itself, and reloads the open pages after each rebuild."""
    from livereload.handlers import LiveReloadHandler
    from livereload.watcher import Watcher

    class BrowserReloader(Watcher):
        loop = None

        def start(self, callback) -> bool:  # when the first page connects, on the server's loop
            from tornado.ioloop import IOLoop

            self.loop = IOLoop.current()
            return True  # no polling

        def examine(self):
            return None, None

        def reload(self) -> None:
            if self.loop is not None:
                self.loop.add_callback(LiveReloadHandler.reload_waiters)

    return BrowserReloader()


def _stop_as_on_ctrl_c(signum, frame) -> None:
    """`kill`, a terminal closed, a process manager stopping the preview: the clean stop of
    Ctrl-C (the live folder's manifest saved, an unfinished search index abandoned), not an end
    mid-write."""
    raise KeyboardInterrupt


def serve(root: Path, out: Path, host: str, port: int, drafts: bool = False) -> int:
    if not port_is_free(host, port):
        print(f"port {port} on {host} is in use: stop the other server or pass --port {port + 1}", file=sys.stderr)
        return 1
    from livereload import Server  # imported here: only `serve` needs tornado

    preview = Preview(root, out, drafts)
    browsers = _browser_reloader()

    def on_change(watcher: ChangeWatcher) -> None:  # in the watcher's thread, after a burst of events
        try:
            preview.rebuild(watcher.take())
        finally:
            browsers.reload()

    changes = ChangeWatcher.create(root, WATCHED, on_change)  # before the first build: no save is missed
    preview.rebuild()
    if changes is not None:
        server = Server(app=preview, watcher=browsers)
    else:
        server = Server(app=preview)
        for name in WATCHED:
            path = root / name
            if path.exists():
                server.watch(str(path), lambda: preview.rebuild())
    print(f"serving http://{host}:{port}/ (Ctrl-C stops)", file=sys.stderr, flush=True)
    signal.signal(signal.SIGTERM, _stop_as_on_ctrl_c)
    server.serve(host=host, port=port, debug=False, open_url_delay=None, restart_delay=0)
    if changes is not None:
        changes.close()
    preview.builder.stop()
    print("stopped", file=sys.stderr, flush=True)
    return 0
