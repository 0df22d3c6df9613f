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

from slugify import slugify

from site_builder.citations.latexmath import math_for_latex
from site_builder.importing.bibnames import BibName, format_name, guess_parts, parse_name, split_list
from site_builder.site.model import Paper
from site_builder.text import cjk, dates
from site_builder.text.arxiv_categories import full_code
from site_builder.text.chemistry import formulas_as_latex
from site_builder.text.latex import TITLE_MATH, braces_pair, decode_characters, emphases, without_emphasis
from site_builder.text.pages import written_pages
from site_builder.text.spans import around, kept
from site_builder.text.tags import latex_scripts_as_text

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
    "chapter": "incollection",
    "report": "techreport",
    "patent": "misc",
    "other": "misc",
}
_CLASSIC_TYPES = frozenset(
    "article book booklet conference inbook incollection inproceedings manual mastersthesis misc phdthesis proceedings"
    " techreport unpublished".split()
)
"""The entry types every BibTeX style knows: an imported one of these comes back as it was."""
_FROM_BIBLATEX = {
    "thesis": "phdthesis", "report": "techreport", "mvbook": "book", "bookinbook": "inbook", "collection": "book",
    "mvcollection": "book", "reference": "book", "mvreference": "book", "inreference": "incollection",
    "mvproceedings": "proceedings",
}  # fmt: skip
"""biblatex's own entry types as the classic type that classic styles know and biblatex reads as
the same; the rest (`@online`, `@software`, `@dataset`, …) are `@misc`, which both print."""
WEB_RESOURCES = frozenset(("online", "electronic", "www", "software", "dataset"))
"""Entry types whose own address is what a citation points to (not the site's page about it)."""
_STOP_WORDS = frozenset("a an the on of for and in to with via is are from by at towards toward".split())


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if c.isascii() and c.isalnum()).lower()


def _key_part(text: str) -> str:
    """The ASCII letters of `text` for a citation key; a word with none (`Петров`, `张`) is
    transliterated (`petrov`, `zhang`), so a key is never `anon` for a name in another script."""
    return _ascii(text) or slugify(text, separator="")


def _family_name(name: str) -> str:
    if (family := cjk.family_name(name)) is not None:
        return family
    tokens = [t for t in name.split() if t not in ("Jr.", "Sr.", "II", "III")]
    return tokens[-1] if tokens else name


def base_key(paper: Paper) -> str:
    """`cai2022efficientvit`: first author's family name, year, first significant title word."""
    return _base_key(paper.authors[0] if paper.authors else "", paper.date.year, paper.title)


@lru_cache(maxsize=65536)
def _base_key(first_author: str, year: int, title: str) -> str:
    family = _key_part(_family_name(first_author)) if first_author else "anon"
    words = re.split(r"[\s:\-–—,.;!?()/]+", TITLE_MATH.sub(" ", without_emphasis(title)))  # math names no word
    word = next((w for w in map(_ascii, words) if w and w not in _STOP_WORDS), "")
    if not word:  # a title in another script: its first word, transliterated
        word = next((w for w in (slugify(cjk.first_word(w), separator="") for w in words) if w and w not in _STOP_WORDS), "")
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


_SPECIAL_UNPAIRED = {**_SPECIAL, ord("{"): r"\textbraceleft{}", ord("}"): r"\textbraceright{}"}
"""`_SPECIAL` for a value whose braces do not pair: BibTeX counts every brace, `\\{` too, so a
lone `\\{` would leave the value open and swallow the rest of the file."""


def escape(text: str) -> str:
    """Text -> BibTeX value text; `$…$` math (as pages read it, `TITLE_MATH`) is kept, everything
    else escaped: `costs $5 and $10` is written `costs \\$5 and \\$10`. Letters a person wrote
    with LaTeX (`Schr\\"odinger`) are written as the letters they are; characters LaTeX sets
    only in math as math (`α` -> `$\\alpha$`, `latexmath`), and scripts as pages show them
    (`10\\textsuperscript{5}` -> `10$^{5}$`)."""
    text = decode_characters(latex_scripts_as_text(text))
    written = _escaped(text, _SPECIAL)
    if braces_pair(written):
        return written
    written = _escaped(text, _SPECIAL_UNPAIRED)
    if braces_pair(written):
        return written
    return math_for_latex(text.translate(_SPECIAL_UNPAIRED))  # math whose own braces do not pair: as text


def _escaped(text: str, table: dict[int, str]) -> str:
    return around(text, TITLE_MATH.finditer(text), lambda words: math_for_latex(words.translate(table)), kept)


_CAPITALISED = re.compile(r"(?<![\\\w])[A-Za-z][\w-]*[A-Z][\w-]*|(?<![\\\w])[A-Z]{2,}\w*")
"""A word with a capital inside it (`EfficientViT`) or of capitals (`LLM`): a style would
lower-case it."""


def protect_capitals(escaped: str) -> str:
    """Brace what a style must not lower-case: acronyms, inner capitals, and formulas with a
    capital (`{$T_{\\mathrm{eff}}$}`: BibTeX lower-cases math too, unless it is braced)."""

    def brace(match: re.Match) -> str:
        word = match.group()
        if sum(c.isupper() for c in word[1:]) or (word.isupper() and len(word) > 1):
            return "{" + word + "}"
        return word

    def formula(match: re.Match) -> str:
        written = match.group()
        return "{" + written + "}" if any(c.isupper() for c in written) else written  # `$\\Delta$` too

    return around(escaped, TITLE_MATH.finditer(escaped), lambda words: _CAPITALISED.sub(brace, words), formula)


def _title(paper: Paper) -> str:
    """The imported BibTeX title while it still matches the title, else one made from it."""
    if paper.bibtex_title and braces_pair(paper.bibtex_title):
        from site_builder.text.latex import decode_latex

        if decode_latex(paper.bibtex_title) == without_emphasis(paper.title):
            return paper.bibtex_title
    return protect_capitals(brace_formulas(_escape_title(formulas_as_latex(paper.title))))


_FORMULA = re.compile(r"(?<![\w$}])[\[(]?[A-Z](?:[A-Za-z()\[\]·\d]|\$[_^]\{[^{}$]*\}(?:\^\{[^{}$]*\})?\$)*")
"""A chemical formula as `text.chemistry` writes one (`C$_{2}$H$_{4}$`, `[Fe(CN)$_{6}$]$^{3-}$`)."""


def brace_formulas(escaped: str) -> str:
    """Chemical formulas braced whole, so that a style lower-casing a title leaves `C$_{2}$H$_{4}$`
    as it is (its single capitals are words to a style)."""
    if "$_{" not in escaped and "$^{" not in escaped:
        return escaped
    return _FORMULA.sub(lambda m: "{" + m.group() + "}" if "$" in m.group() else m.group(), escaped)


def _escape_title(title: str) -> str:
    """`escape` for a title, its `\\emph{…}` kept as the command it is."""
    return around(title, emphases(title), escape, lambda m: "\\emph{" + escape(m.group(1)) + "}")


def names_field(names: Iterable[str], et_al: bool = False) -> str:
    """Names in BibTeX's `von Last, Jr, First` form joined by `and`: every style reads them the
    same way, an organisation stays one name (`{World Health Organization}`)."""
    written = [_bibtex_name(name) for name in names]
    return " and ".join([*written, *(["others"] if et_al else [])])


@lru_cache(maxsize=8192)  # a lab's people sign many papers each
def _bibtex_name(name: str) -> str:
    return format_name(guess_parts(name), escape)


def _authors(paper: Paper, author_names: Iterable[str] | None) -> str:
    names = list(author_names or paper.authors)
    if paper.bibtex_authors and braces_pair(paper.bibtex_authors) and _still_names(paper.bibtex_authors, names, paper.et_al):
        return paper.bibtex_authors  # the .bib's own parts, when BibTeX reads the field whole
    return names_field(names, paper.et_al)


def written_parts(paper: Paper) -> dict[str, BibName]:
    """Each author's name -> its parts as an imported .bib wrote them, which the name as shown
    cannot give back (`García Márquez, Gabriel`: a family name of two words); {} without one."""
    if not paper.bibtex_authors or not braces_pair(paper.bibtex_authors):
        return {}
    return {parts.display: parts for parts in map(parse_name, split_list(paper.bibtex_authors)[0])}


def _still_names(raw: str, names: list[str], et_al: bool) -> bool:
    """Whether an imported author field still names exactly these people."""
    listed, others = split_list(raw)
    return others == et_al and [parse_name(n).display for n in listed] == names


def _kind(paper: Paper) -> str:
    if paper.bibtex_type and re.fullmatch(r"[a-z]+", paper.bibtex_type):
        kind = paper.bibtex_type
        return kind if kind in _CLASSIC_TYPES else _FROM_BIBLATEX.get(kind, "misc")
    return _ENTRY_TYPES.get(paper.type, "inproceedings" if paper.venue else "misc")


def cited_address(paper: Paper, page: str) -> str:
    """The address a citation gives: a web page's, a program's or a data set's own (`@online`,
    `@software`, `@dataset` with a link), else `page`, the site's page about the paper."""
    if paper.bibtex_type in WEB_RESOURCES:
        return paper.links.get("url") or paper.links.get("code") or page
    return page


def _venue_field(kind: str) -> str:
    return {
        "article": "journal", "inproceedings": "booktitle", "incollection": "booktitle", "inbook": "booktitle",
        "conference": "booktitle", "phdthesis": "school", "mastersthesis": "school", "thesis": "school",
        "techreport": "institution", "report": "institution", "book": "series",
    }.get(kind, "howpublished")  # fmt: skip


def _raw(value: str) -> str:
    """An identifier or URL as a braced value: kept as it is (styles print it verbatim), with only
    braces made safe."""
    return "{" + value.replace("}", "%7D").replace("{", "%7B") + "}"


def entry(paper: Paper, key: str, url: str, author_names: Iterable[str] | None = None) -> str:
    """One BibTeX entry, fields in a fixed order; every bibliographic field the paper has."""
    kind = _kind(paper)
    fields: list[tuple[str, str]] = [("title", "{" + _title(paper) + "}")]
    if (paper.authors or author_names) and not paper.authors_are_editors:
        fields.append(("author", "{" + _authors(paper, author_names) + "}"))
    if paper.collaboration:
        fields.append(("collaboration", "{" + escape(paper.collaboration) + "}"))
    if paper.editors:
        fields.append(("editor", "{" + names_field(paper.editors) + "}"))
    venue_field = _venue_field(kind)
    if paper.venue:
        fields.append((venue_field, "{" + escape(paper.venue) + "}"))
    for name in ("volume", "number", "chapter", "pages", "edition", "version", "publisher", "address"):
        if getattr(paper, name):
            value = written_pages(paper.pages, "--") if name == "pages" else getattr(paper, name)
            fields.append((name, "{" + escape(value) + "}"))
    if paper.series and not (venue_field == "series" and paper.venue):
        fields.append(("series", "{" + escape(paper.series) + "}"))
    fields.append(("year", "{" + str(paper.venue_year or paper.date.year) + "}"))
    if not paper.venue_year and paper.date_precision != dates.YEAR:
        fields.append(("month", _MONTHS[paper.date.month - 1]))
    # biblatex's `date`: the day survives; beside a venue's year, the preprint's date goes in a
    # field styles ignore, so a round trip through the site's own export keeps both
    date_field = "eprintdate" if paper.venue_year else "date"
    fields.append((date_field, "{" + dates.iso(paper.date, paper.date_precision) + "}"))
    for name in ("isbn", "note"):
        if getattr(paper, name):
            fields.append((name, "{" + escape(getattr(paper, name)) + "}"))
    if paper.doi:
        fields.append(("doi", _raw(paper.doi)))
    if paper.arxiv:
        fields += [("eprint", _raw(paper.arxiv)), ("archiveprefix", "{arXiv}")]
        primary = full_code(paper.category) if paper.category else None
        if primary:
            fields.append(("primaryclass", "{" + primary + "}"))
    fields.append(("url", _raw(cited_address(paper, url))))
    if paper.pdf and "://" in paper.pdf:
        fields.append(("pdf", _raw(paper.pdf)))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"
