"""The people registry (`content/authors.yaml`) and topic rules (`content/topics.yaml`)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import Problems, SourceLocation
from site_builder.site.model import Author, Topic
from site_builder.source.frontmatter import SLUG_PATTERN, names_as_shown, say_address_slip
from site_builder.source.sourcefile import read_source
from site_builder.source.yamlfile import is_missing, list_item_lines, parse_yaml
from site_builder.text.arxiv_categories import category_name, full_code
from site_builder.text.links import is_safe_url
from site_builder.text.names import fold, name_slug

AUTHORS_FILE = "content/authors.yaml"
TOPICS_FILE = "content/topics.yaml"


@dataclass(frozen=True, slots=True)
class Registry:
    """Registered people and topics, and how names and topic names map onto them."""

    authors: tuple[Author, ...] = ()
    topics: tuple[Topic, ...] = ()
    category_topics: tuple[tuple[str, str], ...] = ()
    """(code, topic name) pairs from `topics.yaml` (`category: CV`): a category's own topic name,
    in place of arXiv's."""

    def owners(self) -> dict[str, str]:
        """Each name and alias, as written -> the slug of the person it names (the first entry's,
        when two share a name)."""
        owner: dict[str, str] = {}
        for author in self.authors:
            for name in (author.name, *author.aliases):
                owner.setdefault(name, author.slug)
        return owner

    def known_names(self) -> frozenset[str]:
        """Folded names and aliases, for telling titles from names at import."""
        return frozenset(fold(n) for a in self.authors for n in (a.name, *a.aliases))

    def category_topic(self, code: str) -> str:
        """The topic a category code stands for: renamed in `topics.yaml` (`category: CV` renames
        `cs.CV` too), else arXiv's name."""
        renamed = {full_code(written) or written: name for written, name in self.category_topics}
        return renamed.get(full_code(code) or code) or category_name(code) or code

    def knows_category(self, code: str) -> bool:
        return code in dict(self.category_topics) or category_name(code) is not None


def _load_list(root: Path, relative: str, problems: Problems) -> list[tuple[dict, SourceLocation]]:
    path = root / relative
    if not path.exists():
        return []
    text = read_source(path, relative, problems)
    data = parse_yaml(text, problems, relative) if text is not None else None
    if text is None or is_missing(data) or data is None:
        return []
    if not isinstance(data, list):
        problems.error(SourceLocation(relative, 1), "expected a list of entries, each starting with `- name: ...`", "see docs/content.md")
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


def _check_keys(item: dict, allowed: frozenset[str] | set[str], where: SourceLocation, problems: Problems) -> None:
    for key in item:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            hint = f"did you mean `{close[0]}`?" if close else "known keys: " + ", ".join(sorted(allowed))
            problems.error(where, f"unknown key `{key}` in {item['name']!r}", hint)


def _slug(item: dict, where: SourceLocation, problems: Problems, owners: dict[str, SourceLocation]) -> str:
    """The entry's URL slug: given (and then checked) or made from its name; unique in its file."""
    given = item.get("slug")
    slug = str(given).strip() if given is not None else name_slug(item["name"])
    if given is not None and not SLUG_PATTERN.fullmatch(slug):
        problems.error(where, f"slug {slug!r} is not a valid slug", "use lower-case letters, digits and single hyphens")
    elif given is not None and slug in owners:
        problems.error(where, f"slug {slug!r} is already used by the entry at line {owners[slug].line}", "give each entry its own slug")
    owners.setdefault(slug, where)
    return slug


def _url(item: dict, key: str, where: SourceLocation, problems: Problems) -> str:
    value = str(item.get(key) or "").strip()
    if value and not is_safe_url(value):
        problems.error(where, f"`{key}` of {item['name']!r} is not an http(s), mailto or relative URL", "only web links are allowed")
        return ""
    say_address_slip(f"`{key}` of {item['name']!r}, {value!r},", key, value, where, problems)
    return value


PERSON_KEYS = frozenset({"name", "aliases", "homepage", "orcid", "member", "slug", "role", "photo", "bio", "links", "papers"})
PHOTO_TYPES = (".jpg", ".jpeg", ".png", ".webp")


def _text(item: dict, key: str, where: SourceLocation, problems: Problems) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.error(where, f"`{key}` of {item['name']!r} must be text", f'write `{key}: "..."`')
        return ""
    return value.strip()


def _photo(root: Path, item: dict, where: SourceLocation, problems: Problems) -> str:
    """The photo's path under `content/`, checked: a file there, of a kind the build resizes."""
    value = _text(item, "photo", where, problems)
    if not value:
        return ""
    relative = Path(value)
    if relative.is_absolute() or ".." in relative.parts or relative.suffix.lower() not in PHOTO_TYPES:
        problems.error(
            where,
            f"`photo` {value!r} of {item['name']!r} is not a picture under content/",
            "write `photo: people/name.jpg` (.jpg, .png or .webp)",
        )
        return ""
    if not (root / "content" / relative).is_file():
        problems.error(where, f"`photo` {value!r}: there is no file content/{value}", "put the picture there, or correct the path")
        return ""
    return relative.as_posix()


def _links(item: dict, where: SourceLocation, problems: Problems) -> tuple[tuple[str, str], ...]:
    value = item.get("links") or {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        problems.error(
            where, f"`links` of {item['name']!r} must map labels to URLs", 'write `links: {Scholar: "https://scholar.google.com/..."}`'
        )
        return ()
    unsafe = [label for label, url in value.items() if not is_safe_url(url.strip())]
    for label in unsafe:
        problems.error(where, f"link `{label}` of {item['name']!r} is not an http(s), mailto or relative URL", "only web links are allowed")
    for label, url in value.items():  # (an unsafe one is an error above, and no slip)
        say_address_slip(f"link `{label}` of {item['name']!r}, {url.strip()!r},", label, url.strip(), where, problems)
    return tuple((label.strip(), url.strip()) for label, url in value.items() if label not in unsafe)


def load_registry(root: Path, problems: Problems) -> Registry:
    authors = []
    slugs: dict[str, SourceLocation] = {}
    for item, where in _load_list(root, AUTHORS_FILE, problems):
        _check_keys(item, PERSON_KEYS, where, problems)
        (item["name"],) = names_as_shown("name", (item["name"].strip(),), where, problems, listed=False)
        authors.append(
            Author(
                name=item["name"].strip(),
                slug=_slug(item, where, problems, slugs),
                aliases=names_as_shown("aliases", _strings(item, "aliases", where, problems), where, problems),
                homepage=_url(item, "homepage", where, problems),
                orcid=str(item.get("orcid") or "").strip(),
                member=item.get("member") is True,
                role=_text(item, "role", where, problems),
                photo=_photo(root, item, where, problems),
                bio=_text(item, "bio", where, problems),
                links=_links(item, where, problems),
                papers=_strings(item, "papers", where, problems),
            )
        )
    topics = []
    categories: dict[str, str] = {}
    slugs = {}
    for item, where in _load_list(root, TOPICS_FILE, problems):
        _check_keys(item, {"name", "slug", "description", "keywords", "category"}, where, problems)
        name = item["name"].strip()
        if item.get("category"):
            categories[str(item["category"])] = name
        topics.append(
            Topic(
                name=name,
                slug=_slug(item, where, problems, slugs),
                description=str(item.get("description") or "").strip(),
                keywords=_strings(item, "keywords", where, problems),
            )
        )
    return Registry(tuple(authors), tuple(topics), tuple(sorted(categories.items())))
