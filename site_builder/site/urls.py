"""The only module that knows the URL scheme and the base URL.

Pages are addressed by site paths without a leading slash: `""` (home), `papers/x/`,
`feed.xml`. `href()` adds the base URL, `absolute()` the site's address too, and
`output_file()` maps a site path to a file that is guaranteed to be inside the output folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from site_builder.site.model import Author, Paper, Topic
from site_builder.source.sitepages import SitePage


class UnsafePath(ValueError):
    """A site path that would leave the output folder."""


def paper_path(slug: str) -> str:
    return f"papers/{slug}/"


def author_path(slug: str) -> str:
    return f"authors/{slug}/"


def topic_path(slug: str) -> str:
    return f"topics/{slug}/"


def year_path(year: int) -> str:
    return f"years/{year}/"


def path_for(target: object) -> str:
    """The site path of a paper, author, topic, year or a named page (`home`, `authors`, `topics`)."""
    if isinstance(target, Paper):
        return paper_path(target.slug)
    if isinstance(target, Author):
        return author_path(target.slug)
    if isinstance(target, Topic):
        return topic_path(target.slug)
    if isinstance(target, int):
        return year_path(target)
    if isinstance(target, SitePage):
        return f"{target.slug}/"
    named = {"home": "", "authors": "authors/", "topics": "topics/", "search": "search/", "404": "404.html"}
    if isinstance(target, str) and target in named:
        return named[target]
    raise ValueError(f"no URL for {target!r}")


def feed_path(target: object = None) -> str:
    """The Atom feed of the site (no target), an author or a topic."""
    return "feed.xml" if target is None else path_for(target) + "feed.xml"


_FILE_STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9_+-]{0,99}")


def bib_path(target: object, key: str = "publications", extension: str = "bib") -> str:
    """Citation file (`bib`, `ris`, `json` for CSL-JSON): a paper's is named by its citation key;
    the site's, an author's and a topic's are `publications.<extension>`."""
    if isinstance(target, Paper):
        # A key such as `DBLP:conf/iccv/CaiLHGH23` is no file name: such a paper's files take its slug.
        stem = key if _FILE_STEM.fullmatch(key) else target.slug
        return path_for(target) + f"{stem}.{extension}"
    return ("" if target is None else path_for(target)) + f"publications.{extension}"


class UrlScheme:
    def __init__(self, base_url: str = "/", site_url: str = ""):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.site_url = site_url.rstrip("/")

    def href(self, site_path: str) -> str:
        """A link as it goes into a page: base URL + site path."""
        return self.base_url + site_path.lstrip("/")

    def url_for(self, target: object) -> str:
        return self.href(path_for(target))

    def absolute_for(self, target: object) -> str:
        return self.absolute(path_for(target))

    def link(self, url: str, absolute: bool = False) -> str:
        """A link a person wrote: a site path (`/static/pdf/x.pdf`) gets the base URL (and, with
        `absolute`, the site's address); a web address or a page-relative link stays as it is.
        A space (a file named `My Paper.pdf`) is written `%20`, as a URL must have it."""
        if " " in url:
            url = url.strip().replace(" ", "%20")
        if url.startswith("/") and not url.startswith("//"):
            return self.absolute(url) if absolute else self.href(url)
        return url

    def asset(self, name: str) -> str:
        return self.href(f"static/{name}")

    def absolute(self, site_path: str) -> str:
        """Full address for canonical links, feeds and the sitemap (path only without `url`)."""
        return self.site_url + self.href(site_path)


def output_file(out_dir: Path, site_path: str) -> Path:
    """The file for a site path: `papers/x/` -> `papers/x/index.html`; never outside `out_dir`."""
    return out_dir / output_name(site_path)


def output_name(site_path: str) -> str:
    """The file's path inside the output folder, for a site path (`papers/x/index.html`).

    Checked on the text alone (no `..`, no absolute path, no backslash or NUL), which is
    enough inside a folder the build made itself, and cheap enough to run for every page.
    """
    if "\0" in site_path or "\\" in site_path:
        raise UnsafePath(f"unsafe characters in {site_path!r}")
    if site_path.startswith("/"):
        raise UnsafePath(f"{site_path!r} is absolute; site paths are relative to the output folder")
    if any(part in ("..", ".") for part in site_path.split("/")):
        raise UnsafePath(f"{site_path!r} leaves the output folder")
    return site_path + "index.html" if site_path == "" or site_path.endswith("/") else site_path
