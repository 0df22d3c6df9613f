"""The command line: its verbs and their arguments, checked as they are read (a value argparse
cannot take is said with what to write, never a traceback and never a site built with it)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def source_names(text: str) -> tuple[str, ...]:
    from site_builder.scholarly.enrich import SOURCES

    names = tuple(n.strip() for n in text.split(",") if n.strip())
    wrong = [n for n in names if n not in SOURCES]
    if wrong or not names:
        raise argparse.ArgumentTypeError(f"{', '.join(wrong) or text!r}: choose among {','.join(SOURCES)}")
    return names


def api_mirror(text: str) -> tuple[str, str]:
    from site_builder.scholarly.enrich import SOURCES

    name, _, url = text.partition("=")
    if name not in SOURCES or not url.startswith(("http://", "https://")):
        raise argparse.ArgumentTypeError(f"{text!r}: write NAME=URL, e.g. crossref=http://127.0.0.1:8080")
    return name, url


def base_path(text: str) -> str:
    from site_builder.source.config import base_url_problem

    problem = base_url_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(f"{problem}: write a path like /repo/")
    return text


def site_address(text: str) -> str:
    from site_builder.source.config import is_site_address

    if not is_site_address(text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a site's address: write it in full, like https://mylab.github.io")
    return text


def port_number(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: write a number from 1 to 65535, like 8000")
    return int(text)


AS_OF_HELP = "the day the listing was exported: dates without a year fall in its year, `3 days ago` counts back from it (default: today)"


DRAFTS_HELP = "also the papers marked `draft: true`, each page saying it is a draft (default: left out)"


def parser() -> argparse.ArgumentParser:
    """The command line: its verbs and what each takes."""
    command = argparse.ArgumentParser(prog="site-builder", description="Build a research group's publication website.")
    command.add_argument("--root", type=Path, default=Path("."), help="the site folder (default: the current folder)")
    verbs = command.add_subparsers(dest="verb", required=True, metavar="{new,import,enrich,build,serve,check,theme}")

    _content_verbs(verbs)

    build = verbs.add_parser("build", help="render the site")
    build.add_argument("--out", type=Path, default=None, help="output folder (default: _site)")
    build.add_argument("--base-url", type=base_path, default=None, help="path the site is served under, e.g. /repo/ (default: site.yaml's)")
    build.add_argument(
        "--reference", action="store_true", help="build with the reference pipeline alone: no cache, one process, every page rendered"
    )
    build.add_argument("--timings", action="store_true", help="print seconds per phase and peak memory as JSON on stderr")
    build.add_argument("--drafts", action="store_true", help=DRAFTS_HELP)
    build.add_argument(
        "--site-url",
        type=site_address,
        default=None,
        help="public address without path, e.g. https://user.github.io (default: site.yaml's)",
    )

    serve = verbs.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild on changes")
    serve.add_argument("--out", type=Path, default=None)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=port_number, default=8000)
    serve.add_argument("--drafts", action="store_true", help=DRAFTS_HELP)

    check = verbs.add_parser("check", help="validate the content (and a built site) and report every problem")
    check.add_argument("--site", type=Path, default=None, help="also check this built site: links, anchors, sitemap")
    check.add_argument("--base-url", type=base_path, default=None, help="the base URL the site was built for (default: read off the site)")

    theme = verbs.add_parser("theme", help="list the default theme's files, or copy some into the site to change them")
    theme_verbs = theme.add_subparsers(dest="theme_verb", required=True, metavar="{list,copy}")
    theme_verbs.add_parser("list", help="the default theme's templates and static files")
    copy = theme_verbs.add_parser("copy", help="copy theme files into the site's templates/ and static/ (a file already there is kept)")
    copy.add_argument("names", nargs="*", help="e.g. templates/paper.html or style.css (default: every file)")
    return command


def _content_verbs(verbs) -> None:
    """The verbs that make and complete the content: `new`, `import`, `enrich`."""
    new = verbs.add_parser("new", help="start a new site folder, with nothing of another lab in it")
    new.add_argument("folder", type=Path, help="the folder to create (it must be empty or missing)")
    new.add_argument("--title", default="Publications", help='the site\'s title, e.g. "Vision Lab Publications"')
    new.add_argument("--listing", type=Path, default=None, help="import this publication listing right away")
    new.add_argument(
        "--bib",
        type=Path,
        action="append",
        default=None,
        help="import this .bib file or folder (al-folio's _bibliography, Hugo Blox's or academicpages' publications) "
        "right away, after the listing (repeat for more)",
    )
    new.add_argument("--as-of", type=iso_date, default=None, help=AS_OF_HELP)
    new.add_argument("--force", action="store_true", help="write into a folder that is not empty (no file there is replaced)")

    imp = verbs.add_parser("import", help="turn a publication listing or .bib files into content/papers/*.md")
    imp.add_argument(
        "sources",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="a listing, .bib files, or folders of .bib files or publication pages (Hugo Blox, academicpages)",
    )
    imp.add_argument("--as-of", type=iso_date, default=None, help=AS_OF_HELP)
    imp.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    imp.add_argument("--restore", action="store_true", help="bring back papers whose files were deleted by hand")
    imp.add_argument(
        "--apart",
        type=Path,
        action="append",
        default=[],
        metavar="PAPER",
        help="entries merged into this paper file become papers of their own",
    )
    imp.add_argument(
        "--format", choices=["listing", "bibtex"], default=None, help="the input's format (default: by its text; RIS is read as BibTeX)"
    )

    enrich = verbs.add_parser("enrich", help="complete the papers from arXiv, Crossref, OpenAlex and DBLP (asks the network)")
    enrich.add_argument(
        "--source", type=source_names, default=None, help="services to ask, in order (default: arxiv,crossref,openalex,dblp)"
    )
    enrich.add_argument("--dry-run", action="store_true", help="print the changes as a diff; write nothing")
    enrich.add_argument("--only", nargs="+", default=(), metavar="SLUG", help="only these papers")
    enrich.add_argument("--accept", nargs="+", default=(), metavar="SLUG", help="take the unsure match reported for these papers")
    enrich.add_argument("--refresh", action="store_true", help="ask again instead of using answers cached before")
    enrich.add_argument("--api", action="append", type=api_mirror, default=[], metavar="NAME=URL", help="ask a mirror of a service instead")
