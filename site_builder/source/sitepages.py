"""The lab's own pages: `content/pages/<slug>.md` (front matter `title`, optional `nav` order,
then Markdown) become `/<slug>/` and, with `nav`, a link in the navigation; `content/index.md`
is the home page's introduction."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import Problems, SourceLocation
from site_builder.source.frontmatter import SLUG_PATTERN, fenced_lines
from site_builder.source.sourcefile import read_source
from site_builder.source.yamlfile import is_missing, parse_yaml, top_key_lines

PAGES_DIR = "content/pages"
INTRO_FILE = "content/index.md"
PAGE_KEYS = ("title", "nav")
RESERVED = frozenset({"papers", "authors", "topics", "years", "search", "static", "pagefind", "page", "404", "feed"})
"""Slugs the site's own pages use: a page there would clash with them."""


@dataclass(frozen=True, slots=True)
class SitePage:
    slug: str
    title: str
    body: str
    """Markdown, rendered as safely as abstracts are."""
    nav: int | None = None
    """Its place in the navigation (smaller first, after the site's own links); None: not there."""
    source: str = ""


def _split(text: str, shown: str, problems: Problems) -> tuple[dict, str, str] | None:
    """(front matter, its text, body) of a Markdown file; a file with no front matter is all body."""
    lines, closing = fenced_lines(text)
    if closing == 0:
        return {}, "", text.strip()
    if closing is None:
        problems.error(SourceLocation(shown, 1), "the front matter is not closed", "add a line `---` after the YAML block")
        return None
    front = "\n".join(lines[1:closing]) + "\n"
    data = parse_yaml(front, problems, shown, first_line=2)
    if is_missing(data):
        return None
    if data is not None and not isinstance(data, dict):
        problems.error(SourceLocation(shown, 2), "the front matter is not a mapping of `key: value` lines", "write `title: ...`")
        return None
    return data or {}, front, "\n".join(lines[closing + 1 :]).strip()


def load_site_pages(root: Path, problems: Problems) -> tuple[tuple[SitePage, ...], str]:
    """The lab's pages, by slug, and the home page's introduction from `content/index.md`."""
    pages = []
    folder = root / PAGES_DIR
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else ():
        shown = f"{PAGES_DIR}/{path.name}"
        page = _page(path, shown, problems)
        if page is not None:
            pages.append(page)
    intro = ""
    if (root / INTRO_FILE).is_file():
        text = read_source(root / INTRO_FILE, INTRO_FILE, problems)
        split = _split(text, INTRO_FILE, problems) if text is not None else None
        intro = split[2] if split else ""
    return tuple(pages), intro


def _page(path: Path, shown: str, problems: Problems) -> SitePage | None:
    slug = path.stem
    if not SLUG_PATTERN.fullmatch(slug) or slug in RESERVED:
        problems.error(SourceLocation(shown), f"{slug!r} cannot be a page's address", "name the file like `about.md` or `join-us.md`")
        return None
    text = read_source(path, shown, problems)
    split = _split(text, shown, problems) if text is not None else None
    if split is None:
        return None
    data, front, body = split
    lines = top_key_lines(front, first_line=2)
    for key in data:
        if key not in PAGE_KEYS:
            close = difflib.get_close_matches(str(key), PAGE_KEYS, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "known keys: " + ", ".join(PAGE_KEYS)
            problems.error(SourceLocation(shown, lines.get(str(key), 2)), f"unknown key `{key}`", hint)
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.error(SourceLocation(shown, lines.get("title", 1)), "the page has no `title`", "add `title: About us` to its front matter")
        return None
    nav = data.get("nav")
    if nav is not None and (isinstance(nav, bool) or not isinstance(nav, int)):
        problems.error(SourceLocation(shown, lines.get("nav", 2)), "`nav` must be a number", "write `nav: 1` (smaller numbers come first)")
        return None
    return SitePage(slug, title.strip(), body, nav, shown)
