"""A .bib abstract as a paper's Markdown body, and the HTML in a one-line field as text.

Reference managers export abstracts as BibTeX text: Zotero wraps capitals in case braces
(`{RDW}`, `{COVID}-19`), accents come as `{\\'e}`, and records from PubMed or Crossref carry
HTML or JATS tags (`<b>Background:</b>`, `<jats:italic>`). Pages would show all of these as
written. Here they become text and Markdown; math (`$…$`, `\\(…\\)`) and the commands pages
render (`\\emph{}`, `\\textbf{}`, `\\href{}{}`) are kept as they are.

Titles and venues from the same records carry the same tags (`Regulation of <i>lacZ</i>`,
`CO<sub>2</sub>`), and al-folio's badges a line break (`abbr = {J. Intell. <br> Veh.}`); pages
show those fields as text, so the tags go and what they held stays.
"""

from __future__ import annotations

import html
import re

from site_builder.text.latex import decode_latex

_MATH = re.compile(r"\$\$.+?\$\$|\$[^$]+\$|\\\(.+?\\\)|\\\[.+?\\\]", re.S)
_ACCENT = re.compile(
    r"\{?\\(?:[`'^\"~=.]\s*|[uvHckbdr](?=\{))(?:\{[A-Za-z]\}|[A-Za-z])\}?"
    r"|\{\\(?:i|j|ss|o|O|aa|AA|ae|AE|oe|OE|l|L)\}"
)
_SYMBOLS = {"textgreater": ">", "textless": "<", "textasciitilde": "~", "textbar": "|", "textquotedbl": '"'}
_SYMBOL = re.compile(r"\{?\\(" + "|".join(_SYMBOLS) + r")(?![A-Za-z])(?:\{\})?\}?")
_CASE_BRACES = re.compile(r"(?<![\\\w^_}\]])\{([^{}\\$]*)\}")
"""A brace group that is no command's argument (nothing but a space or punctuation before it)."""

_WRAPPED = re.compile(r"<(?:jats:)?(b|strong|bold|i|em|italic|title)\b[^>]*>(\s*)(.*?)(\s*)</(?:jats:)?\1\s*>", re.S | re.I)
_MARKS = {"b": "**", "strong": "**", "bold": "**", "title": "**", "i": "*", "em": "*", "italic": "*"}
_SCRIPT = re.compile(r"<(?:jats:)?(sub|sup)\b[^>]*>(.*?)</(?:jats:)?\1\s*>", re.S | re.I)
_SCRIPTS = {
    "sub": str.maketrans("0123456789+-−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎"),
    "sup": str.maketrans("0123456789+-−=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾"),
}
_BREAK = re.compile(r"\s*<(?:jats:)?(?:br|p|sec)\b[^>]*/?>\s*|\s*</(?:jats:)?(?:p|sec)\s*>\s*", re.I)


_INLINE_TAG = re.compile(r"</?(?:jats:)?(?:b|strong|bold|i|em|italic|u|scp|sc|span|font|small|br|wbr)\b[^<>]*/?>", re.I)


def tags_as_text(text: str) -> str:
    """A one-line field without its inline HTML tags: sub- and superscripts as Unicode where it
    has them, a line break as a space, the other tags gone and their text kept."""
    if "<" not in text:
        return text
    pieces, position = [], 0
    for match in _MATH.finditer(text):  # `$a<b>c$` is math, not a bold c
        pieces += [_untagged(text[position : match.start()]), match.group()]
        position = match.end()
    pieces.append(_untagged(text[position:]))
    return " ".join("".join(pieces).split())


def _untagged(text: str) -> str:
    text = _SCRIPT.sub(_script, text)
    return _INLINE_TAG.sub("", re.sub(r"<br\b[^<>]*/?>", " ", text, flags=re.I))


def abstract_from_bibtex(text: str) -> str:
    """The abstract of a .bib entry as Markdown with `$…$` math (see the module's text)."""
    pieces, position = [], 0
    for match in _MATH.finditer(text):
        pieces += [_text(text[position : match.start()]), match.group()]
        position = match.end()
    pieces.append(_text(text[position:]))
    paragraphs = "".join(pieces).split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _text(text: str) -> str:
    if "<" in text:
        text = _WRAPPED.sub(_marked, text)
        text = _SCRIPT.sub(_script, text)
        text = _BREAK.sub("\n\n", text)
    if "&" in text:
        text = html.unescape(text)
    if "\\" in text:
        text = _ACCENT.sub(lambda m: decode_latex(m.group()), text)
        text = _SYMBOL.sub(lambda m: _SYMBOLS[m.group(1)], text)
    for _ in range(3):  # `{{RDW}}`: one level a pass
        text, changed = _CASE_BRACES.subn(r"\1", text)
        if not changed:
            break
    return text


def _marked(match: re.Match) -> str:
    mark = _MARKS[match.group(1).lower()]
    inner = match.group(3)
    if not inner:
        return match.group(2) + match.group(4)
    closing = f"{mark}\n\n" if match.group(1).lower() == "title" else mark
    return f"{match.group(2)}{mark}{inner}{closing}{match.group(4)}"


def _script(match: re.Match) -> str:
    """`CO<sub>2</sub>` -> CO₂ where Unicode has every character; otherwise the text alone."""
    inner = match.group(2).strip()
    table = _SCRIPTS[match.group(1).lower()]
    converted = inner.translate(table)
    return converted if all(a != b for a, b in zip(inner, converted, strict=True)) else inner
