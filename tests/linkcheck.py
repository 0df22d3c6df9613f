"""A small crawler of a built site on disk: every internal link and #anchor must resolve."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for key in ("href", "src"):
            if attributes.get(key):
                self.links.append(attributes[key])


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(out: Path, base_url: str = "/") -> list[str]:
    """`page -> link` for every internal link whose target or anchor is missing."""
    problems = []
    parsed = {page: _parse(page) for page in sorted(out.rglob("*.html"))}
    for page, links in parsed.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            if not parts.path:
                target = page
            elif not parts.path.startswith(base_url):
                problems.append(f"{page.relative_to(out)} -> {link} (outside the base URL {base_url})")
                continue
            else:
                target = out / unquote(parts.path[len(base_url) :])
                if parts.path.endswith("/"):
                    target = target / "index.html"
            if not target.is_file():
                problems.append(f"{page.relative_to(out)} -> {link}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in (parsed.get(target) or _parse(target)).ids:
                problems.append(f"{page.relative_to(out)} -> {link} (no such anchor)")
    return problems
