"""The command line's arguments checked as they are read: a value argparse cannot take is said
with what to write, never a traceback and never a site built with it."""

from __future__ import annotations

import argparse
import datetime as dt


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
