"""The people registry (`content/authors.yaml`) and topic rules (`content/topics.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from slugify import slugify

from site_builder.errors import Problems, SourceLocation
from site_builder.model import CATEGORY_TOPICS, Author, Topic
from site_builder.names import fold
from site_builder.yamlfile import is_missing, list_item_lines, parse_yaml

AUTHORS_FILE = "content/authors.yaml"
TOPICS_FILE = "content/topics.yaml"


@dataclass(frozen=True, slots=True)
class Registry:
    """Registered people and topics, and how names and topic names map onto them."""

    authors: tuple[Author, ...] = ()
    topics: tuple[Topic, ...] = ()
    category_topics: tuple[tuple[str, str], ...] = tuple(CATEGORY_TOPICS.items())
    """(code, topic name) pairs: the topic each listing category stands for."""

    def known_names(self) -> frozenset[str]:
        """Folded names and aliases, for telling titles from names at import."""
        return frozenset(fold(n) for a in self.authors for n in (a.name, *a.aliases))

    def category_topic(self, code: str) -> str:
        return dict(self.category_topics).get(code, code)


def _load_list(root: Path, relative: str, problems: Problems) -> list[tuple[dict, SourceLocation]]:
    path = root / relative
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    data = parse_yaml(text, problems, relative)
    if is_missing(data) or data is None:
        return []
    if not isinstance(data, list):
        problems.error(SourceLocation(relative, 1), "expected a list of entries, each starting with `- name: ...`", "see README")
        return []
    lines = list_item_lines(text)
    items = []
    for index, item in enumerate(data):
        where = SourceLocation(relative, lines[index] if index < len(lines) else 1)
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            problems.error(where, "each entry needs a `name`", "write `- name: ...`")
            continue
        items.append((item, where))
    return items


def _strings(item: dict, key: str, where: SourceLocation, problems: Problems) -> tuple[str, ...]:
    value = item.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.error(where, f"`{key}` must be a list of text", f"write `{key}: [..., ...]`")
        return ()
    return tuple(v.strip() for v in value if v.strip())


def _check_keys(item: dict, allowed: set[str], where: SourceLocation, problems: Problems) -> None:
    for key in item:
        if key not in allowed:
            problems.error(where, f"unknown key `{key}` in {item['name']!r}", "known keys: " + ", ".join(sorted(allowed)))


def load_registry(root: Path, problems: Problems) -> Registry:
    authors = []
    for item, where in _load_list(root, AUTHORS_FILE, problems):
        _check_keys(item, {"name", "aliases", "homepage", "orcid", "member", "slug"}, where, problems)
        name = item["name"].strip()
        authors.append(
            Author(
                name=name,
                slug=str(item.get("slug") or slugify(name)),
                aliases=_strings(item, "aliases", where, problems),
                homepage=str(item.get("homepage") or ""),
                orcid=str(item.get("orcid") or ""),
                member=bool(item.get("member", False)),
            )
        )
    topics = []
    categories = dict(CATEGORY_TOPICS)
    for item, where in _load_list(root, TOPICS_FILE, problems):
        _check_keys(item, {"name", "slug", "description", "keywords", "category"}, where, problems)
        name = item["name"].strip()
        if item.get("category"):
            categories[str(item["category"])] = name
        topics.append(
            Topic(
                name=name,
                slug=str(item.get("slug") or slugify(name)),
                description=str(item.get("description") or "").strip(),
                keywords=_strings(item, "keywords", where, problems),
            )
        )
    return Registry(tuple(authors), tuple(topics), tuple(sorted(categories.items())))
