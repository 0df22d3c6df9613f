"""CSL-JSON (Zotero's, Better BibTeX's, Mendeley's, pandoc's and citeproc's export, and the
`.json` citation files a site built by site_builder publishes) read as the BibTeX it stands
for, so that one reader makes papers of it; each item's entry on the line where the item starts.

A file is an array of items, an object with its `items` array, or an object of items by id.
Titles are CSL's rich text: `<i>`, `<b>`, `<sup>`, `<sub>` and `<span class="nocase">` become
the LaTeX a .bib writes for them; any other tag is left out. Zotero's `Extra` (the `note`)
is read as a .bib's note is (`zoteroextra`): the key Better BibTeX set, the arXiv id Zotero adds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from site_builder.citations.bibtex import escape
from site_builder.importing.ris import bibtex_names, given_key
from site_builder.importing.zoteroextra import read_extra_for_one_line

_TYPES = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article", "review": "article",
    "paper-conference": "inproceedings", "chapter": "incollection", "entry-encyclopedia": "incollection",
    "entry-dictionary": "incollection", "book": "book", "report": "techreport", "manuscript": "unpublished",
    "webpage": "online", "post-weblog": "online", "post": "online", "dataset": "dataset", "software": "software",
    "patent": "patent",
}  # fmt: skip
"""CSL's item types -> BibTeX's (any other is `@misc`: `article`, CSL's preprint, `speech`…)."""
_SINGLE = {
    "volume": "volume", "issue": "number", "publisher": "publisher", "publisher-place": "address",
    "collection-title": "series", "edition": "edition", "version": "version", "ISBN": "isbn", "abstract": "abstract",
    "DOI": "doi", "chapter-number": "chapter",
}  # fmt: skip
"""Variables whose text is the field's."""
_DATE_TEXT = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_ARXIV_NUMBER = re.compile(r"^arXiv:\s*(\S+)$", re.IGNORECASE)
_RICH_TEXT = (
    (re.compile(r"<i>(.*?)</i>", re.S), r"\\textit{\1}"),
    (re.compile(r"<b>(.*?)</b>", re.S), r"\\textbf{\1}"),
    (re.compile(r"<sup>(.*?)</sup>", re.S), r"\\textsuperscript{\1}"),
    (re.compile(r"<sub>(.*?)</sub>", re.S), r"\\textsubscript{\1}"),
    (re.compile(r'<span class="nocase">(.*?)</span>', re.S), r"{\1}"),
    (re.compile(r"</?[a-z][^<>]*>"), ""),
)
"""CSL's rich text in an escaped value -> LaTeX (`<`, `>` and `"` are left alone by `escape`)."""


class CslJsonError(ValueError):
    """The text is no JSON (cut off, mistyped): what is wrong, and at which `line`."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


def is_csl_json(text: str) -> bool:
    """Whether `text` is a CSL-JSON file: JSON whose items (see the module) are objects with a
    `type` or a `title`."""
    try:
        items = [item for _, item in csl_items(text)]
    except CslJsonError:
        return False
    return bool(items) and all(isinstance(item, dict) and ("type" in item or "title" in item) for item in items)


def csl_items(text: str) -> Iterator[tuple[int, Any]]:
    """(offset in `text` where it starts, item) of each item of a CSL-JSON text; none when the
    JSON is no array or object."""
    decoder = json.JSONDecoder()
    start = _skip_space(text, 0)
    try:
        data, _ = decoder.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise CslJsonError(exc.msg, exc.lineno) from None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        found = re.compile(r'"items"\s*:\s*\[').search(text, start)
        yield from _elements(decoder, text, found.end() - 1 if found else start)
    elif isinstance(data, (list, dict)):
        yield from _elements(decoder, text, start)


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in "\ufeff \t\r\n,:":
        index += 1
    return index


def _elements(decoder: json.JSONDecoder, text: str, index: int) -> Iterator[tuple[int, Any]]:
    """The elements of the array, or the values of the object, that starts at `index`."""
    closing = "]" if text[index] == "[" else "}"
    index = _skip_space(text, index + 1)
    while index < len(text) and text[index] != closing:
        if closing == "}":  # an object of items by id: the key first
            _, index = decoder.raw_decode(text, index)
            index = _skip_space(text, index)
        value, end = decoder.raw_decode(text, index)
        yield index, value
        index = _skip_space(text, end)


def csl_entries(lines: list[str], keyless: str) -> Iterator[tuple[int, str]]:
    """(line number, BibTeX entry) of each item of a CSL-JSON file's `lines`, numbered from 0 by
    the line where the item starts; one without an `id` that is a key has `keyless` and the
    item's number for key."""
    text = "\n".join(lines)
    for number, (offset, item) in enumerate(csl_items(text), start=1):
        if isinstance(item, dict):
            yield text.count("\n", 0, offset), _entry(item, f"{keyless}{number}")


def _entry(item: dict, keyless: str) -> str:
    kind = _TYPES.get(str(item.get("type", "")), "misc")
    if kind == "misc" and item.get("type") == "thesis":
        kind = "mastersthesis" if "master" in _text(item.get("genre")).casefold() else "phdthesis"
    fields = {name: _text(item.get(variable)) for variable, name in _SINGLE.items() if _text(item.get(variable))}
    venue = _text(item.get("container-title")) or (_event(item) if kind == "inproceedings" else "")
    if venue:
        fields["journal" if kind == "article" else "booktitle"] = venue
    if kind == "techreport" and _text(item.get("number")):
        fields["number"] = _text(item.get("number"))
    notes = _note(item.get("note"))
    if notes:
        fields["note"] = notes
    arxiv = _ARXIV_NUMBER.match(_text(item.get("number")))
    if arxiv:
        fields |= {"eprint": arxiv.group(1), "archiveprefix": "arXiv"}
    if _text(item.get("page")):
        fields["pages"] = _text(item.get("page"))  # a range as the .bib reader reads one: `101-109`, `55–80`
    fields |= _date(item)
    url = _text(item.get("URL"))
    if url.startswith(("http://", "https://")):  # not a site's own path (`/papers/x/`)
        fields["pdf" if url.lower().endswith(".pdf") else "url"] = url
    if _text(item.get("keyword")):
        fields["keywords"] = _text(item.get("keyword"))
    read_extra_for_one_line(fields)
    body = [f"{role} = {{{bibtex_names(names)}}}" for role in ("author", "editor") if (names := _names(item.get(role)))]
    body.append(f"title = {{{_rich(_text(item.get('title')))}}}")
    body += [f"{name} = {{{escape(value)}}}" for name, value in fields.items()]
    key = given_key(_text(item.get("citation-key") or item.get("id")), keyless)
    return f"@{kind}{{{key}, " + ", ".join(body) + "}"


def _text(value: Any) -> str:
    """A variable's text: a string or number as written, the first of a list (Crossref gives
    `container-title` as one)."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, int, float)) and str(v).strip()), "")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    return " ".join(str(value).split())


def _note(value: Any) -> str:
    """A `note`'s lines, each without the spaces around it, the empty ones left out."""
    lines = (" ".join(line.split()) for line in (value if isinstance(value, str) else "").splitlines())
    return "\n".join(line for line in lines if line)


def _rich(title: str) -> str:
    written = escape(title)
    for pattern, latex in _RICH_TEXT:
        written = pattern.sub(latex, written)
    return written


def _event(item: dict) -> str:
    event = item.get("event-title") or item.get("event")
    return _text(event.get("name") if isinstance(event, dict) else event)


def _names(people: Any) -> list[str]:
    """CSL's names as a reference manager writes them (`van der Berg, Pieter`, `Kim, Jr., Jo`),
    a `literal` one as it is."""
    found = []
    for person in people if isinstance(people, list) else ():
        if not isinstance(person, dict):
            continue
        family = " ".join(_text(person.get(part)) for part in ("non-dropping-particle", "family") if _text(person.get(part)))
        given = " ".join(_text(person.get(part)) for part in ("given", "dropping-particle") if _text(person.get(part)))
        suffix = _text(person.get("suffix"))
        if family:
            found.append(", ".join(part for part in (family, suffix, given) if part) if given or suffix else family)
        elif _text(person.get("literal")) or given:
            found.append(_text(person.get("literal")) or given)
    return found


def _date(item: dict) -> dict[str, str]:
    """`issued` (else the print, then the online publication date) as year, month and day:
    `date-parts`, a `raw` or `literal` date, or citeproc's older `year`/`month`/`day`."""
    for variable in ("issued", "published-print", "published-online"):
        value = item.get(variable)
        if not isinstance(value, dict):
            continue
        parts = value.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list):
            found = [_text(part) for part in parts[0][:3]]
        elif any(key in value for key in ("year", "month", "day")):
            found = [_text(value.get(key)) for key in ("year", "month", "day")]
        else:
            match = _DATE_TEXT.search(_text(value.get("raw") or value.get("literal")))
            found = [part or "" for part in match.groups()] if match else []
        if found and re.fullmatch(r"\d{4}", found[0]):
            month, day = [*found, "", ""][1:3]
            dated = {"year": found[0]}
            if month.isdigit() and 1 <= int(month) <= 12:
                dated["month"] = str(int(month))
                if day.isdigit():
                    dated["day"] = str(int(day))
            return dated
    return {}
