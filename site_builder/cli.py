"""Command line: `site-builder import|build|serve|check`. Maps problems to lines and exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import os
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
    imp.add_argument("--restore", action="store_true", help="bring back papers whose files were deleted by hand")
    imp.add_argument(
        "--format", choices=["listing", "bibtex"], default=None, help="the input's format (default: by extension; .bib is BibTeX)"
    )

    build = verbs.add_parser("build", help="render the site")
    build.add_argument("--out", type=Path, default=None, help="output folder (default: _site)")
    build.add_argument("--base-url", default=None, help="path the site is served under, e.g. /repo/ (default: site.yaml's)")
    build.add_argument("--timings", action="store_true", help="print seconds per phase and peak memory as JSON on stderr")
    build.add_argument("--site-url", default=None, help="public address without path, e.g. https://user.github.io (default: site.yaml's)")

    serve = verbs.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild on changes")
    serve.add_argument("--out", type=Path, default=None)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)

    check = verbs.add_parser("check", help="validate the content (and a built site) and report every problem")
    check.add_argument("--site", type=Path, default=None, help="also check this built site: links, anchors, sitemap")
    check.add_argument("--base-url", default=None, help="the base URL the site was built for (default: read off the site)")
    return parser


def _report(problems: Problems) -> None:
    for problem in problems.warnings:
        print(problem, file=sys.stderr)
    for problem in sorted(problems.errors, key=lambda p: (p.location.path, p.location.line or 0)):
        print(problem, file=sys.stderr)


_AFTER_ERRORS = {"import": "nothing was written", "build": "nothing was written; the previous build is untouched"}


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
        after = _AFTER_ERRORS.get(args.verb, "please fix them")
        print(f"{len(problems.errors)} error(s); {after}", file=sys.stderr)
        return EXIT_PROBLEMS
    return code


def run() -> None:
    """The `site-builder` command: `main`, then exit at once. Everything is written and closed
    by then; the interpreter's own tear-down (freeing every object) would add a fifth to a
    small site's build."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _run(args: argparse.Namespace, root: Path, problems: Problems) -> int:
    if args.verb == "import":
        from site_builder.importer import import_bibtex, import_listing

        shown = str(args.listing)
        if (args.format or ("bibtex" if args.listing.suffix.lower() == ".bib" else "listing")) == "bibtex":
            report = import_bibtex(root, args.listing, problems, shown, dry_run=args.dry_run, restore=args.restore)
        else:
            as_of = args.as_of or dt.date.today()
            report = import_listing(root, args.listing, as_of, problems, shown, dry_run=args.dry_run, restore=args.restore)
        if report is None:
            return EXIT_PROBLEMS
        prefix = "would import" if args.dry_run else "imported"
        for line in report.conflicts:
            print(f"conflict: {line}", file=sys.stderr)
        for line in report.skipped:
            print(f"left out: {line} was deleted by hand (`import --restore` brings it back)", file=sys.stderr)
        for line in report.review:
            print(f"review: {line} (see its `review:` line)", file=sys.stderr)
        print(f"{prefix}: {report.summary()}")
        return EXIT_OK
    if args.verb == "build":
        from site_builder.stamp import current_pages, input_stamp

        started = time.perf_counter()
        out = args.out or root / "_site"
        stamp = input_stamp(root, out, args.base_url, args.site_url)
        unchanged = current_pages(out, root, stamp)
        if unchanged is not None:  # nothing read since the last build changed: nothing to do
            pages, rendered, phases = unchanged, 0, {"stamp": time.perf_counter() - started}
        else:
            from site_builder.build import build_site

            result = build_site(root, out, problems, base_url=args.base_url, site_url=args.site_url, stamp=stamp)
            if result is None:
                return EXIT_PROBLEMS
            pages, rendered, phases = result.pages, result.rendered, result.phases
        print(f"built {pages} pages ({rendered} rendered) into {out} in {time.perf_counter() - started:.2f}s")
        if args.timings:
            import json
            import resource

            timings = {k: round(v, 4) for k, v in phases.items()}
            # Peak memory of this process, and of the largest helper (render workers, Pagefind).
            timings["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            timings["helpers_peak_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
            print(json.dumps(timings), file=sys.stderr)
        return EXIT_OK
    if args.verb == "check":
        from site_builder.build import load_site
        from site_builder.checks import check_content
        from site_builder.config import normalize_base_url

        loaded = load_site(root, problems)
        catalog = loaded[1] if loaded is not None else None
        if catalog is not None:
            check_content(catalog, problems, root)
        if catalog is not None and args.site is not None:
            from site_builder.sitecheck import check_built_site

            checked = check_built_site(args.site, args.base_url and normalize_base_url(args.base_url), problems)
        if problems.errors:
            return EXIT_PROBLEMS
        print(f"ok: {len(catalog.papers)} papers, {len(catalog.authors)} authors, {len(catalog.topics)} topics")
        if args.site is not None:
            print(f"ok: {checked} pages in {args.site}: every link, anchor and sitemap entry resolves")
        return EXIT_OK
    if args.verb == "serve":
        from site_builder.serve import serve

        return serve(root, args.out or root / "_site", args.host, args.port)
    raise AssertionError(args.verb)
