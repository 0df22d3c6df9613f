"""`site-builder check`: problems a build would not stop for, but a person should fix."""

from __future__ import annotations

import contextlib
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from urllib.parse import unquote

from site_builder.errors import Problems, SourceLocation
from site_builder.importing.bibtitle import page_title
from site_builder.importing.identity import identity_keys, same_paper
from site_builder.importing.spellings import one_person_named_twice
from site_builder.importing.versions import versions_among
from site_builder.render.images import is_local_image
from site_builder.render.theme import theme_files
from site_builder.site.catalog import Catalog
from site_builder.site.model import Paper
from site_builder.source.content import PAPERS_DIR
from site_builder.source.registry import AUTHORS_FILE, Registry
from site_builder.source.yamlfile import top_key_lines
from site_builder.text.latex import decode_entities
from site_builder.text.links import split_url
from site_builder.text.names import fold


def _initials_match(short: list[str], long: list[str]) -> bool:
    """`G. E.` against `Geoffrey E.`: every given name agrees, at least one is only an initial."""
    if len(short) != len(long) or short == long:
        return False
    return all(a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)) for a, b in zip(short, long, strict=True))


def probably_same(first: str, second: str) -> bool:
    """Two spellings of one person: equal but for accents, dots, case or initials."""
    a, b = fold(first).split(), fold(second).split()
    if a == b:
        return True
    return len(a) > 1 and len(b) > 1 and a[-1] == b[-1] and _initials_match(a[:-1], b[:-1])


def check_content(catalog: Catalog, problems: Problems, root: Path | None = None, registry: Registry | None = None) -> None:
    """Warn about papers an import asked a person to review, papers that are probably one work
    twice (but those `distinct_from` sets apart), marked authors who are not authors, author
    names that are probably one person spelled two ways, and registry entries that cannot mean
    who they say."""
    if registry is not None:
        _people_of_one_name(registry, catalog, problems)
    _under_review(catalog, problems, root)
    _likely_duplicates(catalog, problems)
    _marks_of_strangers(catalog, problems)
    _strangers_set_apart(catalog, problems)
    _markup_shown_as_written(catalog, problems, root)
    if root is not None:
        _missing_files(catalog, problems, root)
    together = _one_person_twice(catalog, problems, root, registry)
    by_family: dict[str, list[str]] = defaultdict(list)
    by_words: dict[frozenset[str], list[str]] = defaultdict(list)
    for author in catalog.authors:
        words = fold(author.name).split()
        by_family[words[-1] if words else ""].append(author.name)
        if len(words) == 2:
            by_words[frozenset(words)].append(author.name)
    for names in by_family.values():
        for first, second in combinations(sorted(names), 2):
            if probably_same(first, second) and {first, second} not in together:
                _say_one_person(catalog, problems, first, second, "they differ only by accents, initials or case")
    for names in by_words.values():  # `Wei Zhang` and `ZHANG Wei`: one exporter writes the family name first
        for first, second in combinations(sorted(names), 2):
            if fold(first).split() == fold(second).split()[::-1]:
                _say_one_person(catalog, problems, first, second, "the same names in the other order: family name first in one")
    for name in catalog.config.members:
        if not any(name == a.name or name in a.aliases for a in catalog.authors):
            problems.warning(SourceLocation("site.yaml"), f"member {name!r} has no paper", "check the spelling")


def _say_one_person(catalog: Catalog, problems: Problems, first: str, second: str, why: str) -> None:
    files = sorted(p.source_path for p in catalog.papers if {first, second} & set(p.authors))
    problems.warning(
        SourceLocation(files[0] if files else "content/authors.yaml"),
        f"{first!r} and {second!r} look like one person ({why})",
        "if they are, add one as an alias of the other in content/authors.yaml",
    )


def _one_person_twice(catalog: Catalog, problems: Problems, root: Path | None, registry: Registry | None) -> list[set[str]]:
    """A paper whose authors name one person twice, spelt two ways (`Rafael Gomez-Bombarelli`,
    `Rafael Gómez-Bombarelli`), which gives them two author pages; the pairs found. One name
    written twice alike may be two people of one name, and is left alone, as are two the
    registry says are two people."""
    owner = registry.owners() if registry is not None else {}
    found = []
    for paper in catalog.papers:
        for group in one_person_named_twice(paper.authors, fold, owner):
            names = list(dict.fromkeys(group))
            if len(names) > 1:
                found.append(set(names))
                problems.warning(
                    _where(paper, "authors", root),
                    f"`authors` names {' and '.join(repr(name) for name in names)}: one person listed twice, spelt two ways?",
                    "if they are one person, delete one from `authors`: each spelling has an author page of its own",
                )
    return found


def _people_of_one_name(registry: Registry, catalog: Catalog, problems: Problems) -> None:
    """Two entries of one name without `papers` to tell them apart (the second is never used),
    and `papers` that name no paper, or a paper without the person's name on it."""
    where = SourceLocation(AUTHORS_FILE)
    owner: dict[str, str] = {}
    folded: dict[str, tuple[str, int]] = {}
    for number, author in enumerate(registry.authors):
        if author.papers:
            continue
        for name in (author.name, *author.aliases):
            if name in owner and owner[name] != author.slug:
                problems.warning(
                    where,
                    f"two entries are named {name!r}, so every paper's {name!r} is the first of them",
                    "two people of one name: give the one who is not the lab's usual one `papers: [slugs of their papers]`",
                )
            owner.setdefault(name, author.slug)
            first = folded.setdefault(fold(name), (name, number))
            if first[1] != number and first[0] != name:  # names match papers exactly: one entry goes unused
                problems.warning(
                    where,
                    f"two entries are named {first[0]!r} and {name!r}, which look like one person",
                    "make them one entry, the other spelling among its `aliases`",
                )
    papers = {paper.slug: paper for paper in catalog.papers}
    for author in registry.authors:
        names = {author.name, *author.aliases}
        for slug in author.papers:
            if slug not in papers:
                problems.warning(
                    where, f"`papers` of {author.name!r} names {slug!r}, which is no paper", "write a paper's file name without .md"
                )
            elif not names & set(papers[slug].authors):
                problems.warning(
                    where,
                    f"`papers` of {author.name!r} names {slug!r}, whose authors do not include {author.name!r} or an alias",
                    "check the paper's `authors` and the entry's name",
                )


def _under_review(catalog: Catalog, problems: Problems, root: Path | None) -> None:
    for paper in catalog.papers:
        if paper.review:
            problems.warning(
                _where(paper, "review", root),
                f"under review: {paper.review}",
                "check what it says, fix the paper, then delete the `review:` line",
            )


def _missing_files(catalog: Catalog, problems: Problems, root: Path) -> None:
    """A paper's picture that is not beside its file, and a PDF, picture or link to a file of the
    site (`/static/pdf/x.pdf`) that neither the site's `static/` nor the theme's has: the page
    would show no picture, or a button that leads nowhere."""
    static = theme_files("static", root)
    for paper in catalog.papers:
        if is_local_image(paper.image) and not (root / PAPERS_DIR / paper.image).is_file():
            problems.warning(
                _where(paper, "image", root),
                f"`image` {paper.image!r}: no such file next to the paper",
                f"put it in {PAPERS_DIR}/, or correct the name: names are case-sensitive",
            )
        written = [("pdf", paper.pdf), ("image", paper.image), *((f"links.{label}", url) for label, url in paper.links.items())]
        for key, url in written:
            path = unquote(split_url(url.strip()).path)
            if path.startswith("/static/") and path.removeprefix("/static/") not in static:
                problems.warning(
                    _where(paper, key.partition(".")[0], root),
                    f"`{key}` {url.strip()!r} links static{path.removeprefix('/static')}, which is not there",
                    "put the file there, or correct the link: names are case-sensitive",
                )


def _markup_shown_as_written(catalog: Catalog, problems: Problems, root: Path | None) -> None:
    """A title written with Markdown or HTML italics (`*lacZ*`, `<i>lacZ</i>`) or HTML's
    character references (`R&amp;D`), as another site generator takes them: pages show them
    as written, since titles take `\\emph{…}` and characters."""
    for paper in catalog.papers:
        meant = decode_entities(page_title(paper.title))
        if meant != " ".join(paper.title.split()):
            problems.warning(
                _where(paper, "title", root),
                "the title's `*`, `_`, HTML tags or `&…;` references show on the pages as they are written",
                f"for italics write `\\emph{{…}}`, for a character the character: title: {meant}",
            )


def _where(paper, key: str, root: Path | None) -> SourceLocation:
    """The line of a paper file's top-level `key` (line 2 when the file cannot be read)."""
    line = 2
    if root is not None:
        with contextlib.suppress(OSError):
            line = top_key_lines((root / paper.source_path).read_text(encoding="utf-8")).get(key, 2)
    return SourceLocation(paper.source_path, line)


def _marks_of_strangers(catalog: Catalog, problems: Problems) -> None:
    """`equal_contribution` and `corresponding` name authors of the paper; a name that is not
    one (a typo, an author renamed by hand) marks nobody on the page."""
    for paper in catalog.papers:
        for key in ("equal_contribution", "corresponding"):
            for name in getattr(paper, key):
                if name not in paper.authors:
                    problems.warning(
                        SourceLocation(paper.source_path),
                        f"`{key}` names {name!r}, who is not among the paper's authors",
                        "spell the name as `authors` does",
                    )


def _likely_duplicates(catalog: Catalog, problems: Problems) -> None:
    """Two files that describe one work: the same DOI or arXiv id, or the same title, authors and
    years; and, perhaps, a preprint and its published version under two titles (`versions`)."""
    by_key: dict[str, list] = defaultdict(list)
    for paper in catalog.papers:
        for key in identity_keys(paper):
            by_key[key].append(paper)
    distinct = {frozenset((paper.slug, other)) for paper in catalog.papers for other in paper.distinct_from}
    pairs: dict[tuple[str, str], Paper] = {}  # two files taken for one paper, by path -> the first one's paper
    for group in by_key.values():
        for first, second in combinations(sorted(group, key=lambda p: p.source_path), 2):
            if (first.source_path, second.source_path) in pairs or frozenset((first.slug, second.slug)) in distinct:
                continue
            if same_paper(first, second):
                pairs[first.source_path, second.source_path] = first
    for (first_path, second_path), first in sorted(pairs.items()):
        problems.warning(
            SourceLocation(second_path),
            f"probably the same paper as {first_path} (same identifier, or same title, a word spelt otherwise aside, authors and years)",
            "keep one file and delete the other; " + _if_two_works(first.slug),
        )
    papers = sorted(catalog.papers, key=lambda p: p.source_path)
    for n, m, why in versions_among(papers):
        first, second = papers[n], papers[m]
        if (first.source_path, second.source_path) not in pairs and frozenset((first.slug, second.slug)) not in distinct:
            problems.warning(
                SourceLocation(second.source_path),
                f"perhaps the same work as {first.source_path} under another title, a preprint and its published version "
                f"({'the same abstract' if why.sure else 'first author, years and title words agree'})",
                "if it is, copy what it adds into one file and delete the other (imports leave a deleted file out); "
                + _if_two_works(first.slug),
            )


def _if_two_works(other: str) -> str:
    return f"if they are two works, write `distinct_from: [{other}]` in this file"


def _strangers_set_apart(catalog: Catalog, problems: Problems) -> None:
    """`distinct_from` names papers by their files' names; one that is no paper's sets nothing apart."""
    slugs = {paper.slug for paper in catalog.papers}
    for paper in catalog.papers:
        for other in paper.distinct_from:
            if other not in slugs:
                problems.warning(
                    SourceLocation(paper.source_path),
                    f"`distinct_from` names {other!r}, which is no paper (no content/papers/{other}.md)",
                    "write the other paper's file name without `.md`",
                )
