"""`site-builder check`: problems a build would not stop for, but a person should fix."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from site_builder.catalog import Catalog
from site_builder.errors import Problems, SourceLocation
from site_builder.names import fold


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


def check_content(catalog: Catalog, problems: Problems) -> None:
    """Warn about author names that are probably one person spelled two ways."""
    by_family: dict[str, list[str]] = defaultdict(list)
    for author in catalog.authors:
        by_family[fold(author.name).split()[-1] if author.name.strip() else ""].append(author.name)
    for names in by_family.values():
        for first, second in combinations(sorted(names), 2):
            if not probably_same(first, second):
                continue
            files = sorted(p.source_path for p in catalog.papers if {first, second} & set(p.authors))
            problems.warning(
                SourceLocation(files[0] if files else "content/authors.yaml"),
                f"{first!r} and {second!r} look like one person (they differ only by accents, initials or case)",
                "add one as an alias of the other in content/authors.yaml",
            )
    for name in catalog.config.members:
        if not any(name == a.name or name in a.aliases for a in catalog.authors):
            problems.warning(SourceLocation("site.yaml"), f"member {name!r} has no paper", "check the spelling")
