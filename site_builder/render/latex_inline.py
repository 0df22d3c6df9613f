"""LaTeX's inline forms in abstracts that Markdown would misread: `\\(…\\)` math (arXiv shows it
as it shows `$…$`), math's symbols outside math (`2\\times`), old font switches (`{\\em …}`),
spacing commands (`e.g.\\ `, `5\\,GB`), mhchem's formulas (`\\ce{CO2}`) and citations, which an
abstract has no bibliography to resolve: shown by their keys, `[smith2020]`, as LaTeX shows a
citation it cannot find by its key.

Each is an inline rule of markdown-it that runs before Markdown's escapes, which would show
`\\(x\\)` as `(x)` and `5\\,GB` as `5,GB`. A group's closing brace and a range set in a style
serve `markup`'s commands too (`\\emph{…}` is `{\\em …}`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from site_builder.text.chemistry import MHCHEM, formula_parts
from site_builder.text.spans import closing_brace

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline


_SWITCHES = {
    "em": "em", "it": "em", "sl": "em", "itshape": "em", "slshape": "em", "bf": "strong", "bfseries": "strong",
    "tt": "code", "ttfamily": "code", "sc": "", "scshape": "", "rm": "", "sf": "", "rmfamily": "", "sffamily": "",
    "normalfont": "", "upshape": "", "mdseries": "",
}  # fmt: skip
"""Font switches in a group, `{\\em …}`, by the tag they set (none: the text as it is)."""
_SWITCH = re.compile(r"\{\\(" + "|".join(sorted(_SWITCHES, key=len, reverse=True)) + r")(?![A-Za-z])\s*")

_SPACES = {" ": " ", ",": "\u202f", ";": " ", ":": " ", "/": "", "@": ""}
"""`\\ ` after an abbreviation's dot, `\\,` a thin space (`5\\,GB`), `\\;` and `\\:` wider ones;
`\\/` and `\\@` adjust spacing and print nothing. Not `\\>`, `\\!` or `\\[`: Markdown's escapes of
a quote's mark (which `text.markdown` writes), an image's and a link's."""

_SPACE = re.compile(r"\\([" + re.escape("".join(_SPACES)) + "])")

_SYMBOLS = {
    "times": "×", "cdot": "·", "pm": "±", "mp": "∓", "sim": "∼", "approx": "≈", "simeq": "≃", "propto": "∝",
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "neq": "≠", "ne": "≠", "ll": "≪", "gg": "≫", "to": "→",
    "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "leftrightarrow": "↔", "infty": "∞", "ell": "ℓ",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π",
    "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ",
    "Psi": "Ψ", "Omega": "Ω",
}  # fmt: skip
"""Math's symbols an abstract writes outside `$…$` (`a 2\\times speed-up`, `\\sim 5%`, `\\alpha-stable`),
which arXiv shows as written: the symbol meant."""
_SYMBOL = re.compile(r"\\(" + "|".join(sorted(_SYMBOLS, key=len, reverse=True)) + r")(?![A-Za-z])(?:\{\})?")

_CITATION = re.compile(
    r"\\(?P<command>cite|citep|citet|citealp|citealt|citeauthor|citeyear|parencite|textcite|autocite|footcite|nocite|label)"
    r"\*?(?:\[[^\]{}]*\]){0,2}\{(?P<keys>[^{}]*)\}"
)
"""A citation of the paper's bibliography, or a label (which prints nothing)."""


def add_latex_rules(md: MarkdownIt) -> None:
    md.inline.ruler.before("escape", "latex_paren_math", _paren_math)
    md.inline.ruler.before("escape", "latex_spacing", _as_text(_SPACE, lambda found: _SPACES[found.group(1)]))
    md.inline.ruler.before("escape", "latex_citation", _as_text(_CITATION, _cited))
    md.inline.ruler.before("escape", "latex_symbol", _as_text(_SYMBOL, lambda found: _SYMBOLS[found.group(1)]))
    md.inline.ruler.before("escape", "latex_font_switch", _font_switch)
    md.inline.ruler.before("escape", "latex_chemistry", _chemistry)


def tokenize_range(state: StateInline, start: int, end: int) -> None:
    """The inline tokens of the source from `start` to `end`, pushed where the rule stands."""
    old_max = state.posMax
    state.pos, state.posMax = start, end
    state.md.inline.tokenize(state)
    state.posMax = old_max


def push_styled(state: StateInline, tag: str, start: int, end: int) -> None:
    """The source from `start` to `end` in the style of `tag` (`em`, `strong`, `sup`…): as code
    when it is `code`, as it is when there is none."""
    if tag == "code":
        state.push("code_inline", "code", 0).content = state.src[start:end]
        return
    if tag:
        state.push(f"{tag}_open", tag, 1)
    tokenize_range(state, start, end)
    if tag:
        state.push(f"{tag}_close", tag, -1)


def _font_switch(state: StateInline, silent: bool) -> bool:
    found = _SWITCH.match(state.src, state.pos)
    if found is None:
        return False
    end = closing_brace(state.src, state.pos + 1)
    if end < 0 or end > state.posMax:
        return False
    if not silent:
        push_styled(state, _SWITCHES[found.group(1)], found.end(), end)
    state.pos = end + 1
    return True


def _paren_math(state: StateInline, silent: bool) -> bool:
    """`\\(x^2\\)`, as `$x^2$` is."""
    src, pos = state.src, state.pos
    if not src.startswith("\\(", pos):
        return False
    end = src.find("\\)", pos + 2, state.posMax)
    if end < 0 or not src[pos + 2 : end].strip() or src.find("\\(", pos + 2, end) >= 0:
        return False  # unclosed, empty, or another opening first: an escaped parenthesis
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content, token.markup = src[pos + 2 : end], "$"
    state.pos = end + 2
    return True


def _chemistry(state: StateInline, silent: bool) -> bool:
    """mhchem's `\\ce{CO2}` and `\\pu{5 mg/L}`: the formula's text, its sub- and superscripts as
    math (`text.chemistry`)."""
    found = MHCHEM.match(state.src, state.pos)
    if found is None:
        return False
    end = closing_brace(state.src, found.end())
    if end < 0 or end > state.posMax:
        return False
    if not silent:
        for kind, piece in formula_parts(found.group(1), state.src[found.end() : end]):
            if kind == "text":
                state.pending += piece
            else:
                token = state.push("math_inline", "math", 0)
                token.content, token.markup = piece, "$"
    state.pos = end + 1
    return True


def _as_text(pattern: re.Pattern, text_of: Callable[[re.Match], str]):
    """A rule that reads what `pattern` finds at a backslash as the text `text_of` gives."""

    def rule(state: StateInline, silent: bool) -> bool:
        if state.src[state.pos] != "\\":
            return False
        found = pattern.match(state.src, state.pos, state.posMax)
        if found is None:
            return False
        if not silent:
            state.pending += text_of(found)
        state.pos = found.end()
        return True

    return rule


def _cited(found: re.Match) -> str:
    keys = [key.strip() for key in found["keys"].split(",") if key.strip()]
    return "[" + ", ".join(keys) + "]" if keys and found["command"] not in ("label", "nocite") else ""
