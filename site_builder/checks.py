"""`site-builder check`: problems a build would not stop for, but a person should fix."""

from __future__ import annotations

from collections import defaultdict

from site_builder.catalog import Catalog
from site_builder.errors import Problems, SourceLocation
from site_builder.names import fold


def check_content(catalog: Catalog, problems: Problems) -> None:
    """Warn about author names that are probably one person spelled two ways."""
    by_folded: dict[str, set[str]] = defaultdict(set)
    for author in catalog.authors:
        by_folded[fold(author.name)].add(author.name)
    for variants in by_folded.values():
        if len(variants) > 1:
            names = sorted(variants)
            files = sorted(p.source_path for p in catalog.papers if set(p.authors) & variants)
            problems.warning(
                SourceLocation(files[0] if files else "content/authors.yaml"),
                f"{' and '.join(repr(n) for n in names)} differ only by accents, dots or case",
                "add one as an alias of the other in content/authors.yaml",
            )
    for name in catalog.config.members:
        if not any(name == a.name or name in a.aliases for a in catalog.authors):
            problems.warning(SourceLocation("site.yaml"), f"member {name!r} has no paper", "check the spelling")
