"""A static file server that compresses text as GitHub Pages does (gzip for HTML, CSS, JS, XML,
JSON), for audits: Lighthouse should load pages the way readers of the published site get them.
`python gzip_server.py PORT FOLDER`; it listens on 127.0.0.1 only."""

from __future__ import annotations

import functools
import gzip
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

COMPRESSED = (".html", ".css", ".js", ".xml", ".json", ".svg", ".bib", ".ris", ".txt")


class GzipHandler(SimpleHTTPRequestHandler):
    def send_head(self):
        path = self.translate_path(self.path)
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not wants or (not path.endswith(COMPRESSED) and not path.endswith("/")):
            return super().send_head()
        if path.endswith("/"):
            path += "index.html"
        try:
            with open(path, "rb") as handle:
                body = gzip.compress(handle.read(), mtime=0)
        except OSError:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port, folder = int(sys.argv[1]), sys.argv[2]
    ThreadingHTTPServer(("127.0.0.1", port), functools.partial(GzipHandler, directory=folder)).serve_forever()
