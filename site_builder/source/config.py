"""`SiteConfig` from `site.yaml`. Defaults live here and nowhere else."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, fields
from pathlib import Path

from site_builder.errors import Problems, SourceLocation
from site_builder.source.frontmatter import names_as_shown
from site_builder.source.sourcefile import read_source
from site_builder.source.yamlfile import is_missing, parse_yaml, top_key_lines
from site_builder.text.links import address_slip, split_url
from site_builder.text.names import split_name_text

CONFIG_FILE = "site.yaml"


DEFAULT_ROLES = ("Principal Investigator", "Faculty", "Postdoc", "Research Scientist", "PhD Student", "Master's Student",
                 "Undergraduate", "Visiting Researcher", "Staff", "Alumni")  # fmt: skip


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The site's settings, as `site.yaml` gives them."""

    title: str = "Publications"
    """Shown in the header and in every page title."""
    description: str = ""
    """One or two sentences for the home page and for search engines."""
    url: str = ""
    """The site's public address without its path, e.g. `https://lab.example.org`; used for
    canonical links, feeds and the sitemap."""
    base_url: str = "/"
    """The path the site is served under: `/` or `/repo-name/` for a GitHub project site."""
    language: str = "en"
    members: tuple[str, ...] = ()
    """Lab members, highlighted wherever author lists appear (names or aliases)."""
    cname: str = ""
    """A custom domain for GitHub Pages; written to `CNAME` when set."""
    footer: str = ""
    """A line of text for the page footer."""
    exports: tuple[str, ...] = ("bibtex", "ris", "csljson")  # every name in CITATION_FILES
    """Citation formats written for every paper, author, topic and the whole site."""
    feeds: bool = True
    """Atom feeds for the site, every author and every topic."""
    search: bool = True
    """The full-text search page and its Pagefind index."""
    contact: str = ""
    """An e-mail address for the scholarly services `site-builder enrich` asks (their polite pools)."""
    citation_counts: bool = False
    """Show the citation counts `site-builder enrich` found on paper pages."""
    intro: str = ""
    """Markdown for the top of the home page (`content/index.md` is the other place for it)."""
    roles: tuple[str, ...] = DEFAULT_ROLES
    """The order of the People page's groups; a role not listed comes after these, before alumni."""
    venues: tuple[tuple[str, str], ...] = ()
    """(words in a venue's name, short form) pairs for venue badges, tried before the defaults."""


_KEYS = tuple(f.name for f in fields(SiteConfig))
CITATION_FILES = (("bibtex", "bib", "BibTeX"), ("ris", "ris", "RIS"), ("csljson", "json", "CSL-JSON"))
"""Each citation format: its name in `exports`, its file extension and its label on pages."""
EXPORT_FORMATS = tuple(name for name, _, _ in CITATION_FILES)


def normalize_base_url(base: str) -> str:
    """`/`, `/repo/`: always a leading and a trailing slash, never a host."""
    base = base.strip()
    if "://" in base:
        base = "/" + base.split("://", 1)[1].partition("/")[2]
    parts = [p for p in base.split("/") if p]
    return "/" + "".join(f"{p}/" for p in parts)


_BASE_PATH = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@%/-]*")
"""The characters of a URL's path (RFC 3986): no space, quote, `?` or `#`."""


def base_url_problem(base: str) -> str | None:
    """Why `base` cannot be the path a site is served under, or None: a path like `/repo/` (or an
    address, whose path is taken: `https://lab.org/repo/`)."""
    path = base.strip().split("://", 1)[1].partition("/")[2] if "://" in base else base.strip()
    if not _BASE_PATH.fullmatch(path):
        return f"{base.strip()!r} has characters a path cannot hold (spaces, quotes, `?`, `#`)"
    return None


def is_site_address(url: str) -> bool:
    """Whether `url` is a site's public address: http(s), a host, no query or fragment."""
    parts = split_url(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not parts.query and not parts.fragment


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
"""A BCP 47 tag as sites use them: a language, then a script or a region (`en`, `pt-BR`, `zh-Hans`)."""
_LANGUAGE_NAMES = {
    "english": "en", "german": "de", "deutsch": "de", "french": "fr", "français": "fr", "spanish": "es", "español": "es",
    "italian": "it", "italiano": "it", "portuguese": "pt", "português": "pt", "dutch": "nl", "nederlands": "nl",
    "chinese": "zh", "中文": "zh", "japanese": "ja", "日本語": "ja", "korean": "ko", "한국어": "ko", "russian": "ru",
}  # fmt: skip
"""Languages by the names a person may write instead of their tags, for the line to write."""


def _members(value: object, where: SourceLocation, problems: Problems) -> tuple[str, ...]:
    """Lab members' names, LaTeX's letters read as the letters (as papers read their authors')."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        names = split_name_text(value)[0] if isinstance(value, str) else []
        problems.error(where, "`members` must be a list of names", f"write `members: [{', '.join(names) or 'First Name, Second Name'}]`")
        return ()
    return names_as_shown("members", tuple(value), where, problems)


def _exports(value: object, where: SourceLocation, problems: Problems) -> tuple[str, ...]:
    """The citation formats to write, in their fixed order."""
    listed = [v.strip() for v in value.split(",")] if isinstance(value, str) else value if isinstance(value, list) else [value]
    unknown = [str(v) for v in listed if v not in EXPORT_FORMATS]
    if not isinstance(value, list) or unknown:
        known = [v for v in EXPORT_FORMATS if v in listed]
        said = f"names {', '.join(f'`{v}`' for v in unknown)}" if unknown else "must be a list"
        problems.error(
            where,
            f"`exports` {said}: the citation formats are bibtex, ris, which EndNote, Zotero and Mendeley read, and csljson",
            f"write `exports: [{', '.join(known or EXPORT_FORMATS)}]`, or `exports: []` for none",
        )
        return ()
    return tuple(v for v in EXPORT_FORMATS if v in value)


def _text_problem(key: str, value: str) -> tuple[str, str] | None:
    """What is wrong with a text setting that pages cannot use as written, and the line to
    write: an address without its scheme, a base path with characters no path holds, a
    language's name for its tag. None when it can be used."""
    if key == "url" and value and not is_site_address(value):
        slip = address_slip(value)
        meant = f": `url: {slip[1]}`" if slip and slip[1].startswith("https://") else ", like `url: https://mylab.github.io`"
        return (
            f"`url` {value!r} is not a web address with its scheme",
            f"write it in full{meant}; canonical links, feeds and the sitemap need it",
        )
    if key == "base_url" and (problem := base_url_problem(value)):
        return f"`base_url` {problem}", "write `/` for a user site or a custom domain, `/repo/` for a project site"
    if key == "language" and not _LANGUAGE_TAG.fullmatch(value):
        known = _LANGUAGE_NAMES.get(value.casefold())
        return (
            f"`language` {value!r} is not a language tag, which pages give browsers and screen readers",
            f"write `language: {known}`" if known else "write a tag such as `en`, `de`, `pt-BR` or `zh-Hans`",
        )
    return None


def load_config(root: Path, problems: Problems) -> SiteConfig:
    path = root / CONFIG_FILE
    shown = CONFIG_FILE
    if not path.exists():
        problems.error(
            SourceLocation(shown),
            "site.yaml is missing",
            "run the command in a site folder, pass --root DIR, or start a site with `site-builder new DIR`",
        )
        return SiteConfig()
    text = read_source(path, shown, problems)
    data = parse_yaml(text, problems, shown) if text is not None else None
    if text is None or is_missing(data):
        return SiteConfig()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.error(SourceLocation(shown, 1), "site.yaml must be a mapping of `key: value` lines", "see docs/content.md: site.yaml")
        return SiteConfig()
    lines = top_key_lines(text)
    values: dict = {}
    for key, value in data.items():
        where = SourceLocation(shown, lines.get(str(key), 1))
        if key not in _KEYS:
            close = difflib.get_close_matches(str(key), _KEYS, n=1)
            problems.error(where, f"unknown key `{key}`", f"did you mean `{close[0]}`?" if close else "known keys: " + ", ".join(_KEYS))
        elif key == "members":
            values[key] = _members(value, where, problems)
        elif key == "roles":
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                problems.error(
                    where, "`roles` must be a list of role names", "write `roles: [Principal Investigator, PhD Student, Alumni]`"
                )
            else:
                values[key] = tuple(v.strip() for v in value)
        elif key == "venues":
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip() for k, v in value.items()
            ):
                problems.error(
                    where, "`venues` must map words of a venue's name to its short form", 'write `venues: {"Learning on Graphs": LoG}`'
                )
            else:
                values[key] = tuple((k.strip(), v.strip()) for k, v in value.items())
        elif key == "exports":
            values[key] = _exports(value, where, problems)
        elif key in ("feeds", "search", "citation_counts"):
            if not isinstance(value, bool):
                problems.error(where, f"`{key}` must be true or false", f"write `{key}: false` to turn it off")
            else:
                values[key] = value
        elif value is None:
            continue
        elif not isinstance(value, str):
            problems.error(where, f"`{key}` must be text", f'write `{key}: "..."`')
        elif problem := _text_problem(key, value.strip()):
            problems.error(where, *problem)
        else:
            values[key] = value.strip()
    if "base_url" in values:
        values["base_url"] = normalize_base_url(values["base_url"])
    if "url" in values:
        values["url"] = values["url"].rstrip("/")
    return SiteConfig(**values)
