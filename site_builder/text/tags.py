"""The inline HTML of bibliographic records as text.

Crossref, PubMed and EndNote records carry HTML or JATS tags in titles and venues (`Regulation
of <i>lacZ</i>`, `CO<sub>2</sub>`), and al-folio's badges a line break (`J. Intell. <br> Veh.`).
Pages show those fields as text, so the tags go and what they held stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from site_builder.text.mathml import mathml_as_latex
from site_builder.text.spans import around, kept

MATH = re.compile(r"(?<!\\)\$\$.+?\$\$|(?<!\\)\$(?:\\.|[^$\\])+\$|\\\(.+?\\\)|\\\[.+?\\\]", re.S)
"""Math in the text (`$a<b>c$`), which holds no tags; an escaped `\\$` is a dollar sign."""
SCRIPT = re.compile(r"<(?:jats:)?(sub|sup)\b[^>]*>(.*?)</(?:jats:)?\1\s*>", re.S | re.I)
SCRIPTS = {
    "sub": str.maketrans("0123456789+-−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎"),
    "sup": str.maketrans("0123456789+-−=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾"),
}
"""Unicode's sub- and superscript forms, of the characters it has them for."""
_INLINE_TAG = re.compile(r"</?(?:jats:)?(?:b|strong|bold|i|em|italic|u|scp|sc|span|font|small|br|wbr)\b[^<>]*/?>", re.I)


_FORMULA = re.compile(r"\s*<(?:jats:)?inline-formula\b[^>]*>(.*?)</(?:jats:)?inline-formula\s*>(\s*(?=-\w))?", re.S | re.I)
_TEX_MATH = re.compile(r"<(?:jats:)?tex-math\b[^>]*>(.*?)</(?:jats:)?tex-math\s*>", re.S | re.I)
_MATHML = re.compile(r"<(mml:|)math\b[^>]*>(.*?)</\1math\s*>", re.S | re.I)
_ANY_TAG = re.compile(r"<[^<>]+>")


def formulas_as_tex(text: str) -> str:
    """IEEE Xplore's and Crossref's formulas as `$…$`: `<inline-formula><tex-math>$k$</tex-math>
    <alternatives><inline-graphic …/></alternatives></inline-formula> -Coverage` is `$k$-Coverage`;
    MathML is read as LaTeX (`mathml`), or gives its text where it holds what LaTeX has no
    reading of here."""
    if "<" not in text:
        return text

    def formula(match: re.Match) -> str:
        tex = _TEX_MATH.search(match.group(1))
        if tex:
            inner = tex.group(1).strip()
            if inner.startswith("$$") and inner.endswith("$$") and len(inner) > 4:
                inner = inner[1:-1]  # an inline formula, whatever its TeX says: Crossref writes `$$…$$`
        elif mathml := _MATHML.search(match.group(1)):
            inner = _mathml_formula(mathml)
        else:
            inner = _ANY_TAG.sub("", match.group(1)).strip()
        if inner and not inner.startswith(("$", "\\(")):
            inner = f"${inner}$"
        return " " + inner  # the space before the formula; none before a hyphen after it (`$k$-Coverage`)

    text = _FORMULA.sub(formula, text)
    return _MATHML.sub(lambda m: " " + _mathml_formula(m, dollars=True) + " ", text)


def _mathml_formula(match: re.Match, dollars: bool = False) -> str:
    """A `_MATHML` match as LaTeX (in `$…$` when `dollars`), else its text."""
    latex = mathml_as_latex(match.group())
    if latex is None:
        return " ".join(_ANY_TAG.sub(" ", match.group(2)).split())
    return f"${latex}$" if dollars else latex


def tags_as_text(text: str, scripts_as_math: bool = False) -> str:
    """A one-line field without its inline HTML tags: formulas as math, sub- and superscripts as
    Unicode where it has them (else as math, `scripts_as_math`, for a title), a line break as a
    space, the other tags gone and their text kept."""
    if "<" not in text:
        return text
    script = script_as_math if scripts_as_math else script_as_text
    return " ".join(outside_math(formulas_as_tex(text), lambda words: _untagged(words, script)).split())


def outside_math(text: str, convert: Callable[[str], str]) -> str:
    """`text` with `convert` applied to each stretch between its formulas (`MATH`), the formulas
    kept as written."""
    return around(text, MATH.finditer(text), convert, kept)


def _untagged(text: str, script: Callable[[re.Match], str]) -> str:
    text = SCRIPT.sub(script, text)
    return _INLINE_TAG.sub("", re.sub(r"<br\b[^<>]*/?>", " ", text, flags=re.I))


def script_as_text(match: re.Match) -> str:
    """A `SCRIPT` match as text: `CO<sub>2</sub>` -> CO₂ where Unicode has every character;
    otherwise the text alone."""
    return in_unicode_script(match.group(1).lower(), match.group(2).strip())


def in_unicode_script(kind: str, inner: str) -> str:
    """`inner` in Unicode's `sub` or `sup` forms where it has one for every character, else as it is."""
    converted = inner.translate(SCRIPTS[kind])
    return converted if all(a != b for a, b in zip(inner, converted, strict=True)) else inner


_LATEX_SCRIPT = re.compile(r"\\text(sub|super)script\s*\{([^{}]*)\}")
"""LaTeX's text-mode scripts, `CO\\textsubscript{2}`, `10\\textsuperscript{5}`."""


def latex_scripts_as_tags(text: str) -> str:
    """`\\textsubscript{2}` as `<sub>2</sub>` and `\\textsuperscript{5}` as `<sup>5</sup>`, so that
    `SCRIPT`'s readings serve them."""
    if "script" not in text:
        return text
    return _LATEX_SCRIPT.sub(lambda m: "<{0}>{1}</{0}>".format(_script_kind(m), m.group(2)), text)


def latex_scripts_as_text(text: str) -> str:
    """LaTeX's text-mode scripts in Unicode where it has every character (`10⁵`), else their
    text: for a title written by hand, shown as text."""
    if "script" not in text:
        return text
    return _LATEX_SCRIPT.sub(lambda m: in_unicode_script(_script_kind(m), m.group(2).strip()), text)


def _script_kind(match: re.Match) -> str:
    """`sub` or `sup`: the `SCRIPTS` table a `_LATEX_SCRIPT` match is written with."""
    return "sub" if match.group(1) == "sub" else "sup"


_ORDINALS = frozenset(("st", "nd", "rd", "th", "e", "er", "re", "ème", "o", "a"))
"""An ordinal's ending (`1<sup>st</sup>`, `2<sup>e</sup>`): read as the word it ends, `1st`."""
_LATEX_SPECIAL = re.compile(r"[\\{}$&%#^_~<>*\s]")


def script_as_math(match: re.Match) -> str:
    """A `SCRIPT` match as a title or an abstract holds it: Unicode where it has every character
    (`CO<sub>2</sub>` -> CO₂), else math (`T<sub>eff</sub>` -> `T$_{\\mathrm{eff}}$`), which pages
    show as the sub- or superscript it was; the text alone for an ordinal's ending, or when it holds
    a space or a character LaTeX reads otherwise."""
    inner = match.group(2).strip()
    converted = script_as_text(match)
    ordinal = inner.casefold() in _ORDINALS and match.string[: match.start()][-1:].isdigit()
    if converted != inner or not inner or _LATEX_SPECIAL.search(inner) or ordinal:
        return converted
    return f"${'_' if match.group(1).lower() == 'sub' else '^'}{{\\mathrm{{{inner}}}}}$"
