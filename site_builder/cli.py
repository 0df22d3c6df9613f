"""Command line: `site-builder import|build|serve|check`. Maps problems to lines and exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from site_builder.errors import Problems, SiteError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="site-builder", description="Build a research group's publication website.")
    parser.add_argument("--root", type=Path, default=Path("."), help="the site folder (default: the current folder)")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="{import,build,serve,check}")

    imp = verbs.add_parser("import", help="turn a publication listing into content/papers/*.md")
    imp.add_argument("listing", type=Path)
    imp.add_argument("--as-of", type=_date, default=None, help="the export date: dates without a year fall in its year (default: today)")
    imp.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")

    build = verbs.add_parser("build", help="render the site")
    build.add_argument("--out", type=Path, default=None, help="output folder (default: _site)")
    build.add_argument("--base-url", default=None, help="path the site is served under, e.g. /repo/ (default: site.yaml's)")

    serve = verbs.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild on changes")
    serve.add_argument("--out", type=Path, default=None)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)

    verbs.add_parser("check", help="validate the content and report every problem")
    return parser


def _report(problems: Problems) -> None:
    for problem in problems.warnings:
        print(problem, file=sys.stderr)
    for problem in sorted(problems.errors, key=lambda p: (p.location.path, p.location.line or 0)):
        print(problem, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root: Path = args.root
    problems = Problems()
    try:
        code = _run(args, root, problems)
    except SiteError as exc:
        problems.items.extend(exc.problems)
        code = EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130
    _report(problems)
    if problems.errors:
        print(f"{len(problems.errors)} error(s); nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    return code


def _run(args: argparse.Namespace, root: Path, problems: Problems) -> int:
    if args.verb == "import":
        from site_builder.importer import import_listing

        as_of = args.as_of or dt.date.today()
        shown = str(args.listing)
        report = import_listing(root, args.listing, as_of, problems, shown, dry_run=args.dry_run)
        if report is None:
            return EXIT_PROBLEMS
        prefix = "would import" if args.dry_run else "imported"
        for line in report.conflicts:
            print(f"conflict: {line}", file=sys.stderr)
        for line in report.skipped:
            print(f"left out: {line} was deleted by hand", file=sys.stderr)
        print(f"{prefix}: {report.summary()}")
        return EXIT_OK
    if args.verb == "build":
        from site_builder.build import build_site

        started = time.perf_counter()
        out = args.out or root / "_site"
        result = build_site(root, out, problems, base_url=args.base_url)
        if result is None:
            return EXIT_PROBLEMS
        print(f"built {result.pages} pages into {out} in {time.perf_counter() - started:.2f}s")
        return EXIT_OK
    if args.verb == "check":
        from site_builder.build import load_site
        from site_builder.checks import check_content

        catalog = load_site(root, problems)
        if catalog is not None:
            check_content(catalog, problems)
        if problems.errors:
            return EXIT_PROBLEMS
        print(f"ok: {len(catalog.papers)} papers, {len(catalog.authors)} authors, {len(catalog.topics)} topics")
        return EXIT_OK
    if args.verb == "serve":
        from site_builder.serve import serve

        return serve(root, args.out or root / "_site", args.host, args.port)
    raise AssertionError(args.verb)
