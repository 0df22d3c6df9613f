"""Reading and writing `content/papers/<slug>.md`: YAML front matter, then the abstract.

The front matter is a contract other tools read; `parse_paper(render_paper(p)) == p`.
"""

from __future__ import annotations

import difflib
import re
from pathlib import PurePosixPath
from typing import Any

import yaml

from site_builder.errors import Problems, SourceLocation
from site_builder.site.model import Paper
from site_builder.source.yamlfile import is_missing, parse_yaml, top_key_lines
from site_builder.text import dates
from site_builder.text.identifiers import ARXIV_ID, DOI_PATTERN, MAX_KEY_CHARS, arxiv_id, is_valid_bibtex_key, normalize_doi
from site_builder.text.latex import decode_characters
from site_builder.text.links import address_slip, is_safe_url
from site_builder.text.names import NAME_SUFFIX, looks_like_organisation, name_slug, split_name_text

FENCE = "---"
SLUG_PATTERN = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?")
"""File names are slugs: they become URLs, so nothing that could leave the output folder."""

# Key order in written files; the first block is the contract every paper has. `review` comes
# first so that a person opening the file sees what an unsure import asks them to check.
KEY_ORDER = (
    "review", "draft", "title", "authors", "et_al", "collaboration", "date", "category", "code", "org", "venue", "venue_short",
    "venue_year", "doi", "arxiv", "pdf", "selected", "award", "award_details", "type", "volume", "number", "pages", "publisher",
    "address", "series", "edition", "version", "editors", "isbn", "chapter", "note", "bibtex_key", "bibtex_type", "bibtex_title",
    "bibtex_authors", "links", "image", "equal_contribution", "corresponding", "citations", "citations_as_of", "topics",
    "distinct_from", "source_id",
)  # fmt: skip
ALWAYS_WRITTEN = frozenset({"title", "authors", "et_al", "date", "category", "code", "links", "topics"})
REQUIRED = ("title", "authors", "date")
_TEXT_KEYS = frozenset(
    {"title", "category", "org", "venue", "venue_short", "doi", "arxiv", "pdf", "source_id", "type", "bibtex_key",
     "bibtex_type", "bibtex_title", "volume", "number", "pages", "publisher", "address", "series", "edition", "version", "isbn",
     "chapter", "note", "image", "review", "bibtex_authors", "citations_as_of", "award", "award_details", "collaboration"}
)  # fmt: skip
_FLAG_KEYS = frozenset({"et_al", "code", "selected", "draft"})
_NAME_LISTS = frozenset({"authors", "topics", "editors", "equal_contribution", "corresponding"})


def _listed(key: str, value: object) -> list[str]:
    """The items a list written as text means: people's names as a byline or a `.bib` writes
    them (`Cai, Han and Song Han`), topics between commas (`Vision, NLP`)."""
    if not isinstance(value, str):
        return []
    if key == "topics":
        return [item.strip() for item in re.split(r"[,;]", value) if item.strip()]
    return split_name_text(value)[0]


def render_paper(paper: Paper) -> str:
    """The file text for a paper: keys in a fixed order, defaults left out."""
    data: dict[str, Any] = {}
    for key in KEY_ORDER:
        value = getattr(paper, key)
        if key == "date":
            value = dates.front_matter_value(paper.date, paper.date_precision)
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, dict):
            value = dict(sorted(value.items()))
        if key in ALWAYS_WRITTEN or value not in ("", False, None, [], {}, 0):
            data[key] = value
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100_000)
    body = paper.body.strip()
    return f"{FENCE}\n{front}{FENCE}\n" + (f"\n{body}\n" if body else "")


def fenced_lines(text: str, fence: str = FENCE) -> tuple[list[str], int | None]:
    """`text`'s lines (without a byte-order mark or Windows line ends) and the number of the line
    that closes the front matter its first line opens with `fence`: 0 when the first line opens
    none, None when nothing closes it. The front matter is `lines[1:closing]`."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    if lines[0].rstrip() != fence:
        return lines, 0
    return lines, next((i for i in range(1, len(lines)) if lines[i].rstrip() == fence), None)


def parse_paper(text: str, path: str, slug: str, problems: Problems) -> Paper | None:
    """A paper from its file text; every problem is reported with its line, None if any."""
    start_errors = len(problems.errors)
    if not SLUG_PATTERN.fullmatch(slug):
        named = name_slug(slug.replace("/", " ").replace("\\", " ").replace(".", " "))[:100].strip("-")
        problems.error(
            SourceLocation(path),
            f"file name {slug!r} is not a valid slug",
            f"rename it `{named}.md`: lower-case letters, digits and single hyphens"
            if SLUG_PATTERN.fullmatch(named) and any(c.isalnum() for c in slug)
            else "use lower-case letters, digits and single hyphens, like `efficientvit.md`",
        )
    lines, closing = fenced_lines(text)
    if closing == 0:
        problems.error(SourceLocation(path, 1), "no front matter found", "the file must start with a line `---`, then YAML, then `---`")
        return None
    if closing is None:
        problems.error(SourceLocation(path, 1), "the front matter is not closed", "add a line `---` after the YAML block")
        return None
    front_text = "\n".join(lines[1:closing]) + "\n"
    data = parse_yaml(front_text, problems, path, first_line=2)
    if is_missing(data):
        return None
    if not isinstance(data, dict):
        problems.error(
            SourceLocation(path, 2), "the front matter is not a mapping of `key: value` lines", "write `title: ...`, `authors: [...]`, ..."
        )
        return None
    values = _validate(data, front_text, path, problems)
    if len(problems.errors) > start_errors:
        return None
    body = "\n".join(lines[closing + 1 :]).strip()
    return Paper(slug=slug, body=body, source_path=path, **values)


KEYS_OF_OTHER_TOOLS = {
    **dict.fromkeys(("tags", "keywords", "categories"), "a paper's subjects are its `topics: [Quantization, Efficient LLMs]`"),
    **dict.fromkeys(("year", "month", "day"), "the date is one key, as precise as you know it: `date: 2021`, `2021-05` or `2021-05-29`"),
    **dict.fromkeys(("author", "author_list"), "write `authors: [First Name, Second Name]`"),
    **dict.fromkeys(("journal", "booktitle", "publication", "conference", "journaltitle"), "where it appeared is `venue: ...`"),
    **dict.fromkeys(("abstract", "summary", "excerpt", "description"), "the abstract is the text after the front matter's closing `---`"),
    **dict.fromkeys(
        ("url", "link", "paperurl", "website", "slides", "video", "poster", "github", "url_code", "url_pdf", "project"),
        "a paper's links are `links: {code: https://…, slides: https://…}`; its PDF is `pdf: ...`",
    ),
    **dict.fromkeys(("key", "citekey", "id", "bibkey"), "its citation key is `bibtex_key: ...`"),
    **dict.fromkeys(("featured", "highlight", "selected_paper"), "`selected: true` puts it among the home page's Selected papers"),
    **dict.fromkeys(
        ("publishdate", "publish_date", "lastmod", "expirydate", "created", "updated"), "a paper has one date: `date: 2021-05-29`"
    ),
    "published": "`draft: true` leaves a paper out of the site until you delete the line",
    "weight": "papers are listed newest first; `selected: true` puts one among the home page's Selected papers",
}
"""Keys that other tools' front matter and BibTeX use, with ours for what they mean: a lab
moving its pages by hand writes these first."""


_EXAMPLES = {"title": "title: `title: Fast Models`", "authors": "authors: `authors: [Ann Lee, Bo Kim]`", "date": "date: `date: 2024-05-29`"}


def _required_keys(data: dict, path: str, at, problems: Problems) -> None:
    """Each of `REQUIRED` there and not empty; an import that found no author names says so in
    `review`, and that paper is still built."""
    for key in REQUIRED:
        if key == "authors" and data.get("review") and data.get(key) == []:
            continue
        if key not in data:
            problems.error(SourceLocation(path, 2), f"missing `{key}`", f"add a line `{key}: ...` to the front matter")
        elif data[key] in (None, "", []):
            problems.error(at(key), f"`{key}` is empty", f"write the paper's {_EXAMPLES[key]}")


def _validate(data: dict, front_text: str, path: str, problems: Problems) -> dict[str, Any]:
    key_lines: dict[str, int] = {}

    def at(key: str) -> SourceLocation:
        if not key_lines:  # found only for a problem: most files have none
            key_lines.update(top_key_lines(front_text, first_line=2))
        return SourceLocation(path, key_lines.get(key, 2))

    values: dict[str, Any] = {}
    _required_keys(data, path, at, problems)
    for key, value in data.items():
        if not isinstance(key, str) or key not in KEY_ORDER:
            close = difflib.get_close_matches(str(key), KEY_ORDER, n=1)
            guess = f"did you mean `{close[0]}`?" if close else "known keys: " + ", ".join(KEY_ORDER)
            hint = KEYS_OF_OTHER_TOOLS.get(str(key).lower()) or guess
            problems.error(at(str(key)), f"unknown key `{key}`", hint)
            continue
        if value is None:
            continue
        if key in _TEXT_KEYS:
            if isinstance(value, (int, float)) and not isinstance(value, bool) and key != "title":
                value = str(value)
            if not isinstance(value, str):
                problems.error(at(key), f"`{key}` must be text, not {_kind(value)}", f'write `{key}: "..."`')
                continue
            value = value.strip()
            wrong = _wrong_text(key, value)
            if wrong:
                problems.error(at(key), *wrong)
                continue
            if key == "pdf":  # (an `image` is a file beside the paper's file: a name alone is right)
                say_address_slip(f"`{key}` {_shown(value)}", key, value, at(key), problems)
            values[key] = value
        elif key in _FLAG_KEYS:
            if not isinstance(value, bool):
                problems.error(at(key), f"`{key}` must be true or false, not {value!r}", f"write `{key}: true` or `{key}: false`")
                continue
            values[key] = value
        elif key == "date":
            parsed = dates.parse_date(value)
            if parsed is None:
                problems.error(at(key), f"`date` {_shown(value)} is not a date", _date_fix(value))
                continue
            values["date"], values["date_precision"] = parsed
        elif key == "venue_year":
            if isinstance(value, bool) or not isinstance(value, int) or not dates.MIN_YEAR <= value <= dates.MAX_YEAR:
                problems.error(at(key), f"`venue_year` must be a year, not {_kind(value)}", "write `venue_year: 2023`")
                continue
            values[key] = value
        elif key == "citations":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                problems.error(at(key), f"`citations` must be a count, not {_kind(value)}", "write `citations: 12`")
                continue
            values[key] = value
        elif key in _NAME_LISTS or key == "distinct_from":
            items = _names(key, value, at(key), problems) if key in _NAME_LISTS else _paper_files(key, value, at(key), problems)
            if items is not None:
                values[key] = items
        elif key == "links":
            if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                problems.error(at(key), "`links` must map labels to URLs", 'write `links: {code: "https://github.com/..."}`')
                continue
            unsafe = [k for k, v in value.items() if not is_safe_url(v)]
            for label in unsafe:
                problems.error(at(key), f"link `{label}` is not an http(s), mailto or relative URL", "only web links are allowed")
            for label, url in value.items():
                say_address_slip(f"link `{label}` {_shown(url)}", label, url, at(key), problems)
            values[key] = {k: v.strip() for k, v in value.items()}
    if "title" in values and not values["title"]:
        values.pop("title")
    return values


def _names(key: str, value: Any, where: SourceLocation, problems: Problems) -> tuple[str, ...] | None:
    """A list of names (`authors`, `topics`, …), or None after saying what to write."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        names = ", ".join(_listed(key, value)) or ("Topic, Other Topic" if key == "topics" else "First Name, Second Name")
        problems.error(where, f"`{key}` must be a list of names, not {_kind(value)}", f"write `{key}: [{names}]`")
        return None
    names = tuple(v.strip() for v in value)
    return names if key == "topics" else names_as_shown(key, names, where, problems)


def _paper_files(key: str, value: Any, where: SourceLocation, problems: Problems) -> tuple[str, ...] | None:
    """Paper files (`other-paper`, `other-paper.md` or its path; one may stand alone) as their
    slugs, or None after saying what to write."""
    files = [value] if isinstance(value, str) else value
    if not isinstance(files, list) or not all(isinstance(v, str) and v.strip() for v in files):
        problems.error(where, f"`{key}` must be a list of paper files, not {_kind(value)}", f"write `{key}: [other-paper]`")
        return None
    return tuple(PurePosixPath(item.strip()).stem for item in files)


def names_as_shown(key: str, names: tuple[str, ...], where: SourceLocation, problems: Problems, listed: bool = True) -> tuple[str, ...]:
    """People's names as pages show them, in a paper file, `authors.yaml` and `members` alike:
    LaTeX's letters (`Paul Erd\\H{o}s`, as a `.bib` writes them) as the letters, and a name
    written family name first, as BibTeX writes names (`García Márquez, Gabriel`), given name
    first; so `Erdős` and `Gabriel García Márquez` elsewhere are the same person. Each said with
    the line to write (`key: [..]`, or `key: ...` for one name that is not `listed`)."""
    letters = tuple(decode_characters(name) for name in names)
    _say_read_as(key, names, letters, "read as written with LaTeX's letters", "write the letters", where, problems, listed)
    shown = tuple(_given_name_first(name) for name in letters)
    how = "read as written family name first, as BibTeX writes names"
    _say_read_as(key, letters, shown, how, "write it given name first", where, problems, listed)
    return shown


def _say_read_as(
    key: str, names: tuple[str, ...], read: tuple[str, ...], how: str, fix: str, where: SourceLocation, problems: Problems, listed: bool
) -> None:
    if read != names:
        written = ", ".join(f"`{name}`" for name, meant in zip(names, read, strict=True) if name != meant)
        line = f"{key}: [{', '.join(map(_flow_item, read))}]" if listed else f"{key}: {_flow_item(read[0])}"
        problems.warning(where, f"{written}: {how}", f"{fix}: `{line}`")


def _flow_item(name: str) -> str:
    """A name as an item of a YAML list written on one line: in quotes where a comma or another
    of YAML's signs would split or end it (`'Martin Luther King, Jr.'`)."""
    return f"'{name.replace(chr(39), chr(39) * 2)}'" if re.search(r"[,\[\]{}#&*!|>'\"%@`]|: |^[-?:]", name) else name


def _given_name_first(name: str) -> str:
    """`García Márquez, Gabriel` -> `Gabriel García Márquez`, `King, Jr., Martin Luther` ->
    `Martin Luther King Jr.`; a name in the order pages show it (`Martin Luther King, Jr.`) or an
    organisation's (`University of California, Berkeley`) as it is."""
    pieces = [piece.strip() for piece in name.split(",")]
    in_order = len(pieces) == 2 and NAME_SUFFIX.fullmatch(pieces[1])  # `Martin Luther King, Jr.`
    if len(pieces) not in (2, 3) or not all(pieces) or in_order or looks_like_organisation(name):
        return name
    family, *rest = pieces
    suffix, given = rest if len(rest) == 2 else ("", rest[0])
    if NAME_SUFFIX.fullmatch(given) and not NAME_SUFFIX.fullmatch(suffix):  # `Berg, Pieter, Jr.`
        suffix, given = given, suffix
    return " ".join(filter(None, (given, family, suffix)))


def say_address_slip(subject: str, key: str, url: str, where: SourceLocation, problems: Problems) -> None:
    """A warning for a safe link without `https://` or its leading `/` (see `address_slip`):
    `subject` names the link as written, `key` is the key of the line to write."""
    slip = address_slip(url) if is_safe_url(url) else None
    if slip is not None:
        problems.warning(where, f"{subject} is {slip[0]}", f"write `{key}: {slip[1]}`")


def _date_fix(value: Any) -> str:
    """The line to write for a date written otherwise (`March 2025`: `date: 2025-03`)."""
    meant = dates.date_in_words(value) if isinstance(value, str) else None
    either = dates.either_order(value) if isinstance(value, str) else ()
    if either:  # `03/04/2022`: March 4 or April 3
        return "write " + " or ".join(f"`date: {day.isoformat()}` ({day:%B} {day.day})" for day in either)
    if meant:
        return f"write `date: {dates.iso(*meant)}`"
    return "write the year, year and month, or the full date that exists: `2022`, `2022-05` or `2022-05-29`"


def _wrong_text(key: str, value: str) -> tuple[str, str] | None:
    """(problem, fix) when a text value cannot be what its key means; None when it can."""
    if key in ("pdf", "image") and value and not is_safe_url(value):
        return f"`{key}` is not an http(s) or relative URL", "only web links are allowed"
    if key == "doi" and value and not DOI_PATTERN.fullmatch(value):
        meant = normalize_doi(value)
        fix = f"write `doi: {meant}`" if meant else "a DOI looks like `10.1109/ICCV51070.2023.01587`, without `https://doi.org/`"
        return f"`doi` {_shown(value)} is not a DOI", fix
    if key == "arxiv" and value and not ARXIV_ID.fullmatch(value):
        meant = arxiv_id(value)
        fix = f"write `arxiv: '{meant}'`, without `arXiv:` or a version" if meant else "write it like `2205.14756` or `hep-th/9901001`"
        return f"`arxiv` {_shown(value)} is not an arXiv identifier", fix
    if key == "citations_as_of" and value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f"`citations_as_of` {_shown(value)} is not a day", "write it like `2026-12-01`"
    if key == "bibtex_key" and value and not is_valid_bibtex_key(value):
        return (
            f"`bibtex_key` {_shown(value)} is not a usable citation key",
            f"use at most {MAX_KEY_CHARS} letters, digits and `-_:./+`, like `cai2022efficientvit`",
        )
    return None


def _shown(value: Any, limit: int = 60) -> str:
    text = repr(value if isinstance(value, str) else str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…'"


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return f"the text {value!r}"
    return {list: "a list", dict: "a mapping", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )
