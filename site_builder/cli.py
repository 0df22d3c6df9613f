"""Command line: `site-builder new|import|build|serve|check|theme`. Maps problems to lines and exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import sys
import time
from pathlib import Path

from site_builder import arguments
from site_builder.errors import Problems, SiteError, SourceLocation

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _report(problems: Problems) -> None:
    for problem in problems.warnings:
        print(problem, file=sys.stderr)
    for problem in sorted(problems.errors, key=lambda p: (p.location.path, p.location.line or 0)):
        print(problem, file=sys.stderr)


_AFTER_ERRORS = {
    "import": "nothing was written",
    "enrich": "nothing was written",
    "build": "nothing was written; the previous build is untouched",
}


def main(argv: list[str] | None = None) -> int:
    args = arguments.parser().parse_args(argv)
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
    verb = {"new": _new, "import": _import, "enrich": _enrich, "build": _build, "check": _check, "serve": _serve, "theme": _theme}[
        args.verb
    ]
    return verb(args, root, problems)


def _new(args: argparse.Namespace, root: Path, problems: Problems) -> int:
    from site_builder.newsite import FolderNotEmpty, create_site, installed_requirement

    folder = root / args.folder
    requirement, unreachable = installed_requirement()
    try:
        written = create_site(folder, args.title, force=args.force, requirement=requirement)
    except FolderNotEmpty as exc:
        problems.error(SourceLocation(str(args.folder)), f"refusing to start a site here: {exc}", "choose a new folder, or pass --force")
        return EXIT_PROBLEMS
    print(f"created {folder}: {', '.join(written)}")
    if "requirements.txt" in written and unreachable:
        problems.warning(SourceLocation(str(folder / "requirements.txt")), unreachable)
    if args.listing is not None:
        code = _imported(folder, args.listing, "listing", args.as_of, problems)
        if code != EXIT_OK:
            return _not_imported(folder, [args.listing], args.as_of, code)
    if args.bib:
        bibs, pages = _bibtex_sources(args.bib, problems)
        code = _imported(folder, bibs, "bibtex", args.as_of, problems, pages=pages) if not problems.errors else EXIT_PROBLEMS
        if code != EXIT_OK:
            return _not_imported(folder, args.bib, args.as_of, code)
    print(f"next: cd {folder} && site-builder serve")
    return EXIT_OK


def _not_imported(folder: Path, sources: list[Path], as_of: dt.date | None, code: int) -> int:
    """Say that the new site stands and how to import once its problems are fixed."""
    named = " ".join(shlex.quote(str(source.resolve())) for source in sources) + (f" --as-of {as_of}" if as_of else "")
    print(f"the site is made, but nothing was imported: fix what is said below, then: cd {folder} && site-builder import {named}")
    return code


def _import(args: argparse.Namespace, root: Path, problems: Problems) -> int:
    """One listing, or any number of .bib files as one import (a work in two of them is one
    paper); a folder stands for the files of references and publication pages in it. An import writes all
    or nothing, so a listing and .bib files are two imports, two commands."""
    listings = [source for source in args.sources if not source.is_dir() and _format(source, args.format) == "listing"]
    bibs, pages = _bibtex_sources([source for source in args.sources if source not in listings], problems)
    if listings and (bibs or pages or len(listings) > 1):
        problems.error(
            SourceLocation(str(listings[-1] if len(listings) > 1 else listings[0])),
            "a listing is imported on its own: each import writes all of its papers or none",
            "import the listing and the other files in separate commands",
        )
    if problems.errors:
        return EXIT_PROBLEMS
    choices = {"dry_run": args.dry_run, "restore": args.restore, "apart": [path.stem for path in args.apart]}
    if listings:
        return _imported(root, listings[0], "listing", args.as_of, problems, **choices)
    return _imported(root, bibs, "bibtex", args.as_of, problems, pages=pages, **choices)


def _format(source: Path, given: str | None) -> str:
    """`given`, else `bibtex` for a .bib file, or one whose text is BibTeX, RIS, MEDLINE, EndNote's
    or a table of papers (saved as `.txt`, `.ris`, `.csv`, …); a listing otherwise. The text is
    read as the import reads it (UTF-16 too); a file that cannot be read is a listing, whose
    import says why."""
    if given or source.suffix.lower() == ".bib":
        return given or "bibtex"
    from site_builder.importing.sniff import file_format
    from site_builder.importing.textfile import exported_text

    text = exported_text(source, str(source), Problems(), "the file", ("", ""))
    return "bibtex" if text is not None and file_format(text) != "listing" else "listing"


def _bibtex_sources(sources: list[Path], problems: Problems) -> tuple[list[Path], list[Path]]:
    """The .bib files and publication pages (Hugo Blox's, academicpages') that `sources` name:
    files as they are, a folder for those in it (an error when it has none)."""
    from site_builder.importing import academicpages  # only an import needs them
    from site_builder.importing.hugoblox import is_publication_page
    from site_builder.importing.sniff import reference_files

    bibs: list[Path] = []
    pages: list[Path] = []
    for source in sources:
        if not source.is_dir():
            bibs.append(source)
            continue
        found = reference_files(source)
        markdown = sorted(source.rglob("*.md"))
        publications = [page for page in markdown if is_publication_page(page)]
        publications += [page for page in markdown if academicpages.is_publication_page(page)]
        if not found and not publications:
            problems.error(
                SourceLocation(str(source)),
                "a folder with no file of references (.bib, .ris, CSL-JSON, …) or publication page (Hugo Blox, academicpages) in it",
                "pass the listing or .bib files to import",
            )
        bibs += found
        pages += publications
    return bibs, pages


def _imported(
    root: Path,
    source: Path | list[Path],
    kind: str,
    as_of,
    problems: Problems,
    dry_run: bool = False,
    restore: bool = False,
    pages: list[Path] | None = None,
    apart: list[str] | None = None,
) -> int:
    """Import `source` (a listing, or BibTeX files with Hugo Blox publication `pages`) into the
    site at `root` and say what changed."""
    from site_builder.importing.importer import import_bibtex, import_listing

    as_of = as_of or dt.date.today()
    if kind == "bibtex":
        bibs = source if isinstance(source, list) else [source]
        report = import_bibtex(root, bibs, as_of, problems, dry_run=dry_run, restore=restore, pages=pages or (), apart=apart or ())
    else:
        report = import_listing(root, source, as_of, problems, str(source), dry_run=dry_run, restore=restore, apart=apart or ())
    if report is None:
        return EXIT_PROBLEMS
    for line in report.conflicts:
        print(f"conflict: {line}", file=sys.stderr)
    for line in report.skipped:
        print(f"left out: {line} was deleted by hand (`import --restore` brings it back)", file=sys.stderr)
    for line in report.respelt:
        print(f"spelt otherwise: {line} (one word differs: taken as the same paper; fix the spelling where it is wrong)", file=sys.stderr)
    for line in report.spellings:
        print(
            f"one spelling: {line}, the same name but for accents, case or dots, as the site spells it "
            "(list both in content/authors.yaml, one as an alias, to keep each as written)",
            file=sys.stderr,
        )
    for line in report.versions:
        print(f"another version: {line}; imported as one paper (`import --apart FILE` sets it apart)", file=sys.stderr)
    for line in report.retitled:
        print(f"retitled: {line} (the same entry: its title changed in the source)", file=sys.stderr)
    for line in report.review:
        print(f"review: {line} (see its `review:` line)", file=sys.stderr)
    print(f"{'would import' if dry_run else 'imported'}: {report.summary()}")
    if report.not_listed:
        count = len(report.not_listed)
        print(
            f"note: {count} paper{'s' if count > 1 else ''} an earlier listing brought {'are' if count > 1 else 'is'} not in this one "
            f"and stay{'' if count > 1 else 's'} on the site (delete a paper's file to take it off): {', '.join(report.not_listed)}",
            file=sys.stderr,
        )
    return EXIT_OK


def _enrich(args: argparse.Namespace, root: Path, problems: Problems) -> int:
    from site_builder.scholarly.enrich import SOURCES, Options, diff, enrich, print_progress

    options = Options(
        sources=args.source or SOURCES,
        only=tuple(args.only),
        accept=tuple(args.accept),
        dry_run=args.dry_run,
        refresh=args.refresh,
        bases=dict(args.api),
    )
    report = enrich(root, problems, options, progress=print_progress)
    if report is None:
        return EXIT_PROBLEMS
    for line in report.unsure:
        print(f"unsure: {line}", file=sys.stderr)
    for line in report.orcids:
        print(f"suggested in content/authors.yaml: {line}", file=sys.stderr)
    if args.dry_run:
        print(diff(report.changed), end="")
    print(f"{'would enrich' if args.dry_run else 'enriched'}: {report.summary()}")
    return EXIT_OK


def _build(args: argparse.Namespace, root: Path, problems: Problems) -> int:
    started = time.perf_counter()
    out = args.out or root / "_site"
    from site_builder.pipeline import BuildResult, build_reference

    if args.reference:  # the pipeline alone: what the speed layer must match
        result = build_reference(root, out, problems, base_url=args.base_url, site_url=args.site_url, drafts=args.drafts)
    else:
        from site_builder.fast.stamp import current_pages, input_stamp

        stamp = input_stamp(root, out, args.base_url, args.site_url, args.drafts)
        unchanged = current_pages(out, root, stamp)
        if unchanged is not None:  # nothing read since the last build changed: nothing to do
            result = BuildResult(pages=unchanged, phases={"stamp": time.perf_counter() - started})
        else:
            from site_builder.fast.incremental import Builder

            result = Builder(root, drafts=args.drafts).build(out, problems, args.base_url, args.site_url, stamp=stamp)
    if result is None:
        return EXIT_PROBLEMS
    pages, rendered, phases = result.pages, result.rendered, result.phases
    print(f"built {pages} pages ({rendered} rendered) into {out} in {time.perf_counter() - started:.2f}s")
    if not any((root / "content/papers").glob("*.md")):
        print(
            "note: the site has no papers yet: `site-builder import FILE` adds a listing's or a .bib's papers,"
            " or write content/papers/NAME.md by hand (the README.md `site-builder new` wrote has one)",
            file=sys.stderr,
        )
    if args.timings:
        import json
        import resource

        timings = {k: round(v, 4) for k, v in phases.items()}
        # Peak memory of this process, and of the largest helper (render workers, Pagefind).
        timings["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        timings["helpers_peak_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
        print(json.dumps(timings), file=sys.stderr)
    return EXIT_OK


def _check(args: argparse.Namespace, root: Path, problems: Problems) -> int:
    from site_builder.pipeline import load_site
    from site_builder.site.catalog import LARGE_TEAM
    from site_builder.site.checks import check_content
    from site_builder.source.config import normalize_base_url

    loaded = load_site(root, problems, drafts=True)  # a draft is checked before it is published
    catalog = loaded[1] if loaded is not None else None
    if loaded is not None:
        check_content(loaded[1], problems, root, loaded[0])
    if catalog is not None and args.site is not None:
        from site_builder.output.sitecheck import check_built_site

        checked = check_built_site(args.site, args.base_url and normalize_base_url(args.base_url), problems)
    if problems.errors:
        return EXIT_PROBLEMS
    counts = ((len(catalog.papers), "paper"), (len(catalog.authors), "author"), (len(catalog.topics), "topic"))
    print("ok: " + ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in counts))
    if catalog.authors_without_page:
        print(
            f"note: {catalog.authors_without_page:,} more people are named only on large collaborations' papers (more than "
            f"{LARGE_TEAM} authors) and have no page; list one in content/authors.yaml to give them one"
        )
    drafts = [paper.source_path for paper in catalog.papers if paper.draft]
    if drafts:
        counted = "1 draft is" if len(drafts) == 1 else f"{len(drafts)} drafts are"
        print(f"note: {counted} left out of the site (`draft: true`): {', '.join(drafts)}")
    if args.site is not None:
        print(f"ok: {checked} pages in {args.site}: every link, anchor and sitemap entry resolves")
    return EXIT_OK


def _serve(args: argparse.Namespace, root: Path, problems: Problems) -> int:
    from site_builder.preview.serve import serve

    return serve(root, args.out or root / "_site", args.host, args.port, args.drafts)


def _theme(args: argparse.Namespace, root: Path, problems: Problems) -> int:
    from site_builder.render.theme import CUSTOM_CSS, copy_default, default_names

    if args.theme_verb == "list":
        print("\n".join(default_names()))
        print(
            f"colours and fonts alone: write static/{CUSTOM_CSS}, linked after style.css on every page, "
            "setting the custom properties of style.css's `:root`",
            file=sys.stderr,
        )
        return EXIT_OK
    copied, kept, unknown = copy_default(root, args.names)
    for name in copied:
        print(f"copied: {name}")
    for name in kept:
        print(f"kept: {name} (the site has its own)")
    for name in unknown:
        problems.error(SourceLocation(name), "the default theme has no such file", "`site-builder theme list` names them")
    return EXIT_PROBLEMS if unknown else EXIT_OK
