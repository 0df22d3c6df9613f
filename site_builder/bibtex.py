"""BibTeX for papers: stable citation keys and entries that parse back to the same text.

Text is escaped for BibTeX/LaTeX (`&`, `%`, `#`, `_`, braces, `~`, `^`, backslashes) except
inside `$…$` math, which is kept as written; words with inner capitals (`EfficientViT`,
`SANA`) are braced so styles do not lower-case them. Accented letters stay UTF-8, which
biber, pybtex and bibtexparser read as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from site_builder.model import Paper

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SPECIAL = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
        "$": r"\$",
    }
)
_ENTRY_TYPES = {
    "conference": "inproceedings",
    "journal": "article",
    "preprint": "misc",
    "thesis": "phdthesis",
    "book": "book",
    "report": "techreport",
    "other": "misc",
}
_MATH = re.compile(r"\$[^$\s][^$]*?\$")
_STOP_WORDS = frozenset("a an the on of for and in to with via is are from by at towards toward".split())


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if c.isascii() and c.isalnum()).lower()


def _family_name(name: str) -> str:
    tokens = [t for t in name.split() if t not in ("Jr.", "Sr.", "II", "III")]
    return tokens[-1] if tokens else name


def base_key(paper: Paper) -> str:
    """`cai2022efficientvit`: first author's family name, year, first significant title word."""
    return _base_key(paper.authors[0] if paper.authors else "", paper.date.year, paper.title)


@lru_cache(maxsize=65536)
def _base_key(first_author: str, year: int, title: str) -> str:
    family = _ascii(_family_name(first_author)) if first_author else "anon"
    words = (_ascii(w) for w in re.split(r"[\s:\-–—,.;!?()/]+", title))
    word = next((w for w in words if w and w not in _STOP_WORDS), "")
    return f"{family or 'anon'}{year}{word}"


def citation_keys(papers: Iterable[Paper]) -> dict[str, str]:
    """Paper slug -> key, unique site-wide; clashes get `b`, `c`, … in date order."""
    keys: dict[str, str] = {}
    taken: set[str] = set()
    ordered = sorted(papers, key=lambda p: (not p.bibtex_key, p.date, p.slug))  # kept keys first
    for paper in ordered:
        key = paper.bibtex_key or base_key(paper)
        candidate, suffix = key, ord("b")
        while candidate in taken:
            candidate = f"{key}{chr(suffix) if suffix <= ord('z') else suffix}"
            suffix += 1
        taken.add(candidate)
        keys[paper.slug] = candidate
    return keys


def escape(text: str) -> str:
    """Text -> BibTeX value text; `$…$` math is kept, everything else escaped."""
    pieces, position = [], 0
    for match in _MATH.finditer(text):
        pieces.append(_escape_plain(text[position : match.start()]))
        pieces.append(match.group())
        position = match.end()
    pieces.append(_escape_plain(text[position:]))
    return "".join(pieces)


def _escape_plain(text: str) -> str:
    return text.translate(_SPECIAL)


def protect_capitals(escaped: str) -> str:
    """Brace words that a style must not lower-case: acronyms and inner capitals."""

    def brace(match: re.Match) -> str:
        word = match.group()
        if sum(c.isupper() for c in word[1:]) or (word.isupper() and len(word) > 1):
            return "{" + word + "}"
        return word

    pieces, position = [], 0
    for match in _MATH.finditer(escaped):
        pieces.append(re.sub(r"(?<![\\\w])[A-Za-z][\w-]*[A-Z][\w-]*|(?<![\\\w])[A-Z]{2,}\w*", brace, escaped[position : match.start()]))
        pieces.append(match.group())
        position = match.end()
    pieces.append(re.sub(r"(?<![\\\w])[A-Za-z][\w-]*[A-Z][\w-]*|(?<![\\\w])[A-Z]{2,}\w*", brace, escaped[position:]))
    return "".join(pieces)


def _title(paper: Paper) -> str:
    """The imported BibTeX title while it still matches the title, else one made from it."""
    if paper.bibtex_title and _balanced(paper.bibtex_title):
        from site_builder.bibimport import decode_latex

        if decode_latex(paper.bibtex_title) == paper.title:
            return paper.bibtex_title
    return protect_capitals(escape(paper.title))


def _balanced(text: str) -> bool:
    depth = 0
    for index, char in enumerate(text):
        if char in "{}" and (index == 0 or text[index - 1] != "\\"):
            depth += 1 if char == "{" else -1
            if depth < 0:
                return False
    return depth == 0


def _name(name: str) -> str:
    escaped = escape(name)
    # `and` or a comma inside one name would split it; a brace group keeps it whole
    if re.search(r"\band\b|,", name):
        return "{" + escaped + "}"
    return escaped


def entry(paper: Paper, key: str, url: str, author_names: Iterable[str] | None = None) -> str:
    """One BibTeX entry, fields in a fixed order."""
    names = [_name(n) for n in (author_names or paper.authors)]
    if paper.et_al:
        names.append("others")
    fields: list[tuple[str, str]] = [
        ("title", "{" + _title(paper) + "}"),
        ("author", "{" + " and ".join(names) + "}"),
    ]
    if paper.venue:
        venue_field = "journal" if paper.type == "journal" else "school" if paper.type == "thesis" else "booktitle"
        fields.append((venue_field, "{" + escape(paper.venue) + "}"))
    fields.append(("year", "{" + str(paper.date.year) + "}"))
    fields.append(("month", _MONTHS[paper.date.month - 1]))
    fields.append(("date", "{" + paper.date.isoformat() + "}"))  # biblatex's full date: the day survives a round trip
    if paper.doi:
        fields.append(("doi", "{" + escape(paper.doi) + "}"))
    if paper.arxiv:
        fields += [("eprint", "{" + escape(paper.arxiv) + "}"), ("archiveprefix", "{arXiv}")]
    fields.append(("url", "{" + url.replace("}", "%7D").replace("{", "%7B") + "}"))
    kind = _ENTRY_TYPES.get(paper.type, "inproceedings" if paper.venue else "misc")
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"
