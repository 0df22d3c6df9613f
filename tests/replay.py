"""A local server that answers as arXiv, Crossref, OpenAlex and DBLP did: it replays real
response bodies recorded from those services (`tests/fixtures/scholarly-apis/`, copied from `../shared/fixtures/`; provenance
in its README and manifest.json), chosen by path and search parameter as the recordings were
made. A request it has no recording for gets the service's real "not found" answer. Tests can
queue failures (429, 503, a cut-off or HTML body) and read the log of requests."""

from __future__ import annotations

import threading
import time
import urllib.parse
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RECORDINGS = Path(__file__).resolve().parent / "fixtures" / "scholarly-apis"
ATOM, JSON = "application/atom+xml; charset=utf-8", "application/json"

# (service, what the request asks for, lower case) -> recording. Title searches match on the
# title's words being in the query, as the recordings' own queries were made.
BY_ID = {
    ("arxiv", "1706.03762"): "arxiv/id-1706.03762-attention-is-all-you-need.xml",
    ("arxiv", "1710.08557"): "arxiv/legacy-2019-id-1710.08557.xml",
    ("arxiv", "1707.08567"): "arxiv/id-1707.08567-many-authors.xml",
    ("crossref", "10.1038/s42256-024-00832-8"): "crossref/works-doi-10.1038-s42256-024-00832-8.json",
    ("crossref", "10.1109/icdcsw.2003.1203662"): "crossref/works-doi-10.1109-icdcsw.2003.1203662.json",
    ("openalex", "10.1073/pnas.1414271111"): "openalex/works-doi-10.1073-pnas.1414271111.json",
}
BY_TITLE = {
    ("crossref", "augmenting large language models with chemistry tools"): "crossref/works-query-title-augmenting-llm-chemistry-tools.json",
    ("crossref", "attention is all you need"): "crossref/works-query-title-author-attention-is-all-you-need.json",
    ("crossref", "paperqa"): "crossref/works-query-title-paperqa.json",
    (
        "openalex",
        "augmenting large language models with chemistry tools",
    ): "openalex/works-filter-title-search-augmenting-llm-chemistry-tools.json",
    ("openalex", "paperqa"): "openalex/works-filter-title-search-paperqa.json",
    ("dblp", "attention is all you need"): "dblp/search-attention-is-all-you-need-h1.json",
    ("dblp", "black holes"): "dblp/search-black-holes.reformatted-upstream.json",
}
NOT_FOUND = {
    "arxiv": (200, ATOM, "arxiv/id-0808.05394-no-results.xml"),  # arXiv answers an empty feed
    "crossref": (404, "text/plain", "crossref/works-doi-10.48550-arxiv.2312.07559-not-found-404.txt"),
    "openalex": (404, "text/html; charset=utf-8", "openalex/works-doi-not-found-404.html"),
    "dblp": (404, "text/html; charset=utf-8", "openalex/works-doi-not-found-404.html"),
}
NO_RESULTS = {"crossref": "crossref/works-query-title-no-results.json"}
"""A search with no hit: the services' real empty answers, where one was recorded."""


@dataclass
class Request:
    service: str
    url: str
    user_agent: str
    at: float


def _asked(service: str, path: str, query: dict[str, list[str]]) -> tuple[str, str]:
    """('id', the id) or ('title', the searched text), lower case."""
    first = {k: v[0] for k, v in query.items()}
    if service == "arxiv":
        if first.get("id_list"):
            return "id", first["id_list"].lower()
        return "title", " ".join(w for w in first.get("search_query", "").replace("ti:", " ").split() if w != "AND").lower()
    if service == "crossref":
        rest = path.removeprefix("/works").strip("/")
        return ("id", rest.lower()) if rest else ("title", first.get("query.bibliographic", first.get("query.title", "")).lower())
    if service == "openalex":
        rest = path.removeprefix("/works").strip("/")
        if rest:
            return "id", rest.removeprefix("https://doi.org/").lower()
        return "title", first.get("filter", "").removeprefix("title.search:").lower()
    return "title", first.get("q", "").lower()


class ReplayServer:
    """Serves `/arxiv/…`, `/crossref/…`, `/openalex/…` and `/dblp/…` on a free loopback port."""

    def __init__(self):
        self.log: list[Request] = []
        self.failures: dict[str, deque[tuple[int, str, bytes, dict]]] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server._answer(self)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def base(self, service: str) -> str:
        return f"{self.url}/{service}"

    def apis(self) -> list[str]:
        """`--api` arguments pointing every service here."""
        return [arg for name in NOT_FOUND for arg in ("--api", f"{name}={self.base(name)}")]

    def fail_next(self, service: str, status: int, body: bytes = b"", content_type: str = "text/plain", headers: dict | None = None):
        """Answer the next request to `service` with this instead of its recording."""
        self.failures.setdefault(service, deque()).append((status, content_type, body, headers or {}))

    def requests_to(self, service: str) -> list[Request]:
        return [r for r in self.log if r.service == service]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urllib.parse.urlsplit(handler.path)
        service, _, rest = parts.path.lstrip("/").partition("/")
        path = urllib.parse.unquote("/" + rest)
        self.log.append(Request(service, handler.path, handler.headers.get("User-Agent", ""), time.monotonic()))
        queued = self.failures.get(service)
        if queued:
            status, content_type, body, headers = queued.popleft()
        else:
            status, content_type, body, headers = self._recorded(service, path, urllib.parse.parse_qs(parts.query))
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)

    def _recorded(self, service: str, path: str, query: dict) -> tuple[int, str, bytes, dict]:
        kind, asked = _asked(service, path, query)
        content_type = ATOM if service == "arxiv" else JSON
        if kind == "id" and (service, asked) in BY_ID:
            return 200, content_type, (RECORDINGS / BY_ID[service, asked]).read_bytes(), {}
        if kind == "title":
            words = " ".join(asked.replace(":", " ").split())
            for (name, title), recording in BY_TITLE.items():
                if name == service and title in words:
                    return 200, content_type, (RECORDINGS / recording).read_bytes(), {}
            if service in NO_RESULTS:
                return 200, content_type, (RECORDINGS / NO_RESULTS[service]).read_bytes(), {}
        status, content_type, recording = NOT_FOUND[service]
        return status, content_type, (RECORDINGS / recording).read_bytes(), {}
