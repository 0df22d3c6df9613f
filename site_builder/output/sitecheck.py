"""Checking a built site: every internal link, asset and `#anchor` resolves; the sitemap is whole.

The crawler takes a `fetch` function, so the same code walks a folder on disk
(`site-builder check --site`) and a site served over real HTTP (the tests).
"""

from __future__ import annotations

import mimetypes
import re
from collections import deque
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from site_builder.errors import Problems, SourceLocation
from site_builder.text.links import split_url

Fetch = Callable[[str], tuple[int, str, bytes]]
"""URL path -> (HTTP status, content type, body)."""

_LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src", "form": "action"}


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        key = _LINK_ATTRIBUTES.get(tag)
        if key and attributes.get(key):
            self.links.append(attributes[key])


def page_links(text: str) -> tuple[list[str], set[str]]:
    """The links and the element ids of an HTML page."""
    parser = _PageParser()
    parser.feed(text)
    return parser.links, parser.ids


def crawl(starts: Iterable[str], fetch: Fetch, base_url: str = "/") -> tuple[set[str], list[str]]:
    """Visit every internal URL reachable from `starts`; return the visited paths and problems."""
    queue = deque(starts)
    seen: set[str] = set(queue)
    ids: dict[str, set[str] | None] = {}
    anchors: list[tuple[str, str, str]] = []
    problems: list[str] = []
    while queue:
        path = queue.popleft()
        status, kind, body = fetch(path)
        if status != 200:
            ids[path] = None
            continue
        if "html" not in kind:
            ids[path] = set()
            continue
        links, page_ids = page_links(body.decode("utf-8", "replace"))
        ids[path] = page_ids
        for link in links:
            try:
                parts = urlsplit(urljoin(path, link))
            except ValueError:  # `https://[oops`: a bracket without its pair
                problems.append(f"{path}: link {link} is not a web address")
                continue
            if parts.scheme not in ("", "http", "https") or parts.netloc:
                continue  # external links and mailto are not ours to check
            if not parts.path.startswith(base_url):
                problems.append(f"{path}: link {link} leaves the base URL {base_url}")
                continue
            anchors.append((path, parts.path, parts.fragment))
            if parts.path not in seen:
                seen.add(parts.path)
                queue.append(parts.path)
    for source, target, fragment in anchors:
        found = ids.get(target)
        if found is None:
            problems.append(f"{source}: broken link to {target}")
        elif fragment and unquote(fragment) not in found:
            problems.append(f"{source}: no element with id {fragment!r} on {target}")
    return seen, sorted(set(problems))


def folder_fetch(out: Path, base_url: str) -> Fetch:
    """A `fetch` that reads the built site from disk as a static host would serve it."""

    def fetch(path: str) -> tuple[int, str, bytes]:
        relative = unquote(path[len(base_url) :]) if path.startswith(base_url) else None
        if relative is None or ".." in relative.split("/"):
            return 404, "", b""
        target = out / relative
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return 404, "", b""
        return 200, mimetypes.guess_type(target.name)[0] or "application/octet-stream", target.read_bytes()

    return fetch


def detect_base_url(out: Path) -> str | None:
    """The base URL a site was built for, read off its home page's stylesheet link."""
    links, _ = page_links((out / "index.html").read_text(encoding="utf-8"))
    for link in links:
        parts = split_url(link)
        if not parts.netloc and "/static/" in parts.path:
            return parts.path[: parts.path.index("static/")]
    return None


def check_built_site(out: Path, base_url: str | None, problems: Problems) -> int:
    """Report broken links and anchors, duplicate URLs and pages missing from the sitemap.

    `base_url` None means: the one the site was built for.
    """
    where = SourceLocation(str(out))
    if not (out / "index.html").is_file():
        problems.error(where, "no index.html: this is not a built site", "run `site-builder build` first")
        return 0
    built_for = detect_base_url(out)
    if base_url is None:
        base_url = built_for or "/"
    elif built_for is not None and built_for != base_url:
        problems.error(where, f"the site was built for the base URL {built_for}, not {base_url}", f"pass --base-url {built_for}")
        return 0
    pages = sorted(out.rglob("*.html"))
    urls = [base_url + str(p.relative_to(out)).removesuffix("index.html") for p in pages]
    _, found = crawl(urls, folder_fetch(out, base_url), base_url)
    for problem in found:
        problems.error(where, problem, "rebuild, or fix the link in the content or template")
    by_folded: dict[str, str] = {}
    for url in urls:
        key = url.casefold().rstrip("/")
        if key in by_folded:
            problems.error(where, f"{by_folded[key]} and {url} are one URL on a case-insensitive host", "rename one of them")
        by_folded[key] = url
    sitemap = out / "sitemap.xml"
    if not sitemap.is_file():
        problems.error(where, "no sitemap.xml", "the build writes one: rebuild")
        return len(pages)
    locations = re.findall(r"<loc>(.*?)</loc>", sitemap.read_text(encoding="utf-8"))
    if locations and "://" not in locations[0]:
        problems.warning(
            where,
            f"the site was built without its public address: the sitemap, feeds and canonical links say {locations[0]}, not https://…",
            "set `url:` in site.yaml or build with `--site-url https://your-lab.example.org`; the GitHub workflow passes it",
        )
    listed = {split_url(loc).path for loc in locations}
    for url in urls:
        if url not in listed and not url.endswith("404.html"):
            problems.error(where, f"{url} is missing from sitemap.xml", "rebuild the site")
    for url in sorted(listed - set(urls)):
        problems.error(where, f"sitemap.xml lists {url}, which does not exist", "rebuild the site")
    return len(pages)
