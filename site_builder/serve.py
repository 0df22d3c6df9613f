"""`site-builder serve`: build, serve on 127.0.0.1 with live reload, rebuild on every change.

A broken edit never stops the server: it keeps serving the last good build and says what
is wrong, with `file:line`, in the terminal.
"""

from __future__ import annotations

import errno
import socket
import sys
from pathlib import Path

from site_builder.build import build_site
from site_builder.errors import Problems

WATCHED = ("content", "templates", "static", "site.yaml")


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def _build(root: Path, out: Path) -> bool:
    problems = Problems()
    result = build_site(root, out, problems)
    for problem in problems.items:
        print(problem, file=sys.stderr, flush=True)
    if result is None:
        print("build failed; still serving the last good build", file=sys.stderr, flush=True)
        return False
    print(f"built {result.pages} pages", file=sys.stderr, flush=True)
    return True


def serve(root: Path, out: Path, host: str, port: int) -> int:
    if not port_is_free(host, port):
        print(f"port {port} on {host} is in use: stop the other server or pass --port {port + 1}", file=sys.stderr)
        return 1
    if not _build(root, out) and not out.is_dir():
        return 1
    from livereload import Server  # imported here: only `serve` needs tornado

    server = Server()
    for name in WATCHED:
        path = root / name
        if path.exists():
            server.watch(str(path), lambda: _build(root, out), delay=0.2)
    print(f"serving http://{host}:{port}/ (Ctrl-C stops)", file=sys.stderr, flush=True)
    try:
        server.serve(host=host, port=port, root=str(out), open_url_delay=None, restart_delay=0)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    return 0
