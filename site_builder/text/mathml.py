"""Presentation MathML as LaTeX math, for the formulas Crossref, APS and Elsevier put in titles
and abstracts (`<mml:math><mml:msub><mml:mi>T</mml:mi><mml:mi>reg</mml:mi></mml:msub></mml:math>`
is `T_{\\mathrm{reg}}`), so a page shows the formula a paper's title has, not `T reg`.

It reads the elements a formula in running text is made of: tokens, rows, scripts, fractions,
roots, accents, fences. A TeX annotation beside the MathML is taken as it is. Anything else
(a table, a prescript, XML that does not parse) gives None, and the caller keeps the formula's
text, as it did before.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ElementTree
from functools import cache

_VARIANTS = {"normal": "\\mathrm", "bold": "\\mathbf", "double-struck": "\\mathbb", "script": "\\mathcal", "fraktur": "\\mathfrak"}
"""`mathvariant`s LaTeX has a command for; an identifier of one letter is italic without one."""

_TEXT_MODE = {
    "→": "\\rightarrow", "←": "\\leftarrow", "↔": "\\leftrightarrow", "×": "\\times", "·": "\\cdot", "÷": "\\div",
    "°": "^{\\circ}", "−": "-", "′": "'", "″": "''", "\u2061": "", "\u2062": "", "\u2063": "", "\u00a0": "\\ ",
}  # fmt: skip
"""Characters pylatexenc writes with text-mode commands (`\\texttimes`), which math does not take,
and the invisible operators MathML puts between a function and its argument."""

_ACCENTS = {"^": "\\hat", "ˆ": "\\hat", "¯": "\\bar", "‾": "\\overline", "~": "\\tilde", "˜": "\\tilde", "˙": "\\dot",
            "¨": "\\ddot", "→": "\\vec", "⃗": "\\vec"}  # fmt: skip
"""An `mover`'s accent by its character: `<mover><mi>x</mi><mo>^</mo></mover>` is `\\hat{x}`."""

_NAMESPACE = re.compile(r"\{[^}]*\}|^\w+:")


def mathml_as_latex(markup: str) -> str | None:
    """The LaTeX of a `<math>` element (with or without a namespace prefix), or None when it
    holds what this module does not read."""
    try:
        root = ElementTree.fromstring(_well_formed(markup))
        latex = _latex(root)
    except (ElementTree.ParseError, _Unread):
        return None
    latex = re.sub(r"(?<!\\) (?=[}^_])", "", " ".join(latex.split()))  # `\odot }` -> `\odot}`; `\ ` stays a space
    return latex or None


class _Unread(Exception):
    """An element this module does not read."""


_XML_ENTITIES = frozenset(("amp", "lt", "gt", "quot", "apos"))


def _well_formed(markup: str) -> str:
    """The markup as XML reads it: without namespace prefixes (Crossref writes `<mml:math>`
    without declaring `mml`) and with HTML's named entities (`&nbsp;`) as their characters."""
    text = re.sub(r"&([A-Za-z][A-Za-z0-9]*);", lambda m: m.group() if m.group(1) in _XML_ENTITIES else html.unescape(m.group()), markup)
    text = re.sub(r"\sxmlns(?::[\w.-]+)?\s*=\s*(?:\"[^\"]*\"|'[^']*')", "", text)
    return re.sub(r"<(/?)[A-Za-z][\w.-]*:", r"<\1", text)


def _tag(element: ElementTree.Element) -> str:
    return _NAMESPACE.sub("", element.tag)


def _latex(element: ElementTree.Element) -> str:
    tag = _tag(element)
    children = list(element)
    if tag in ("math", "mrow", "mstyle", "mpadded", "menclose", "merror"):
        return "".join(_latex(child) for child in children)
    if tag == "semantics":
        tex = [c for c in children if _tag(c) == "annotation" and "tex" in c.get("encoding", "").lower() and (c.text or "").strip()]
        return tex[0].text.strip() if tex else _latex(children[0]) if children else ""
    if tag in ("annotation", "annotation-xml", "mphantom", "none"):
        return ""
    if tag == "mspace":
        return " "
    if tag in ("mi", "mn", "mo", "mtext", "ms"):
        return _token(tag, _text(element), element.get("mathvariant", ""))
    parts = [_latex(child) for child in children]
    if tag == "msub" and len(parts) == 2:
        return f"{_base(parts[0])}_{{{parts[1]}}}"
    if tag == "msup" and len(parts) == 2:
        return f"{_base(parts[0])}^{{{parts[1]}}}"
    if tag == "msubsup" and len(parts) == 3:
        return f"{_base(parts[0])}_{{{parts[1]}}}^{{{parts[2]}}}"
    if tag == "mfrac" and len(parts) == 2:
        return f"\\frac{{{parts[0]}}}{{{parts[1]}}}"
    if tag == "msqrt":
        return f"\\sqrt{{{''.join(parts)}}}"
    if tag == "mroot" and len(parts) == 2:
        return f"\\sqrt[{parts[1]}]{{{parts[0]}}}"
    if tag == "mover" and len(parts) == 2:
        accent = _ACCENTS.get(_text(children[1]).strip())
        return f"{accent}{{{parts[0]}}}" if accent else f"\\overset{{{parts[1]}}}{{{parts[0]}}}"
    if tag == "munder" and len(parts) == 2:
        return f"\\underset{{{parts[1]}}}{{{parts[0]}}}"
    if tag == "munderover" and len(parts) == 3:
        return f"{_base(parts[0])}_{{{parts[1]}}}^{{{parts[2]}}}"
    if tag == "mfenced":
        opening, closing = element.get("open", "("), element.get("close", ")")
        inner = element.get("separators", ",")[:1].join(parts)
        return f"{_symbol(opening)}{inner}{_symbol(closing)}"
    raise _Unread(tag)


def _text(element: ElementTree.Element) -> str:
    return "".join(element.itertext()).strip()


def _base(latex: str) -> str:
    """A script's base, braced when it is more than one symbol: `{x'}_{i}`, not `x'_{i}`."""
    bare = latex.strip()
    return bare if re.fullmatch(r"\\[A-Za-z]+|.|\\[a-z]+\{[^{}]*\}", bare) else f"{{{bare}}}"


def _token(tag: str, text: str, variant: str) -> str:
    if not text:
        return ""
    if tag in ("mtext", "ms"):
        return f"\\text{{{_escaped(text)}}}"
    symbols = "".join(_symbol(c) for c in text)
    command = _VARIANTS.get(variant)
    if tag == "mi" and command is None and len(text) > 1 and text.isalpha():
        command = "\\mathrm"  # a word as an identifier (`reg`, `eff`, `sin`) is upright, as LaTeX sets names
    if command and text.isascii() and text.isalnum():
        return f"{command}{{{text}}}"
    return symbols if tag != "mo" or len(symbols) < 2 or symbols.startswith("\\") else f" {symbols} "


def _escaped(text: str) -> str:
    return re.sub(r"([{}%&#$_])", r"\\\1", text).replace("\\\\", "\\textbackslash{}")


def _symbol(character: str) -> str:
    """A character as math writes it: a command for a Greek letter or an operator (`\\alpha`,
    `\\leq`), the character itself where LaTeX has none, spaced from a letter after it."""
    if character.isascii():
        return {"{": "\\{", "}": "\\}", "%": "\\%", "#": "\\#", "&": "\\&", "$": "\\$", "\\": "\\backslash "}.get(character, character)
    command = _TEXT_MODE[character] if character in _TEXT_MODE else math_command(character) or character
    return command + " " if command.startswith("\\") and command[-1].isalpha() else command


@cache
def math_command(character: str) -> str | None:
    """The math LaTeX writes `character` as, by pylatexenc (`α` -> `\\alpha`, `≤` -> `\\leq`,
    `₂` -> `_2`), or None when LaTeX sets it in text (`é`, `→`, `×`) or has no command for it."""
    from pylatexenc.latexencode import UnicodeToLatexEncoder  # imported late: few texts have such characters

    encoder = UnicodeToLatexEncoder(replacement_latex_protection="none", unknown_char_policy="keep", unknown_char_warning=False)
    found = re.fullmatch(r"\\ensuremath\{(.+)\}", encoder.unicode_to_latex(character))
    return found.group(1) if found else None
