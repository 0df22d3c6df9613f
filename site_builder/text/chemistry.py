"""mhchem's formulas and quantities (`\\ce{CO2}`, `\\ce{SO4^2-}`, `\\pu{5 mg/L}`), as chemistry
and materials labs write them in titles and abstracts, read as text whose sub- and superscripts
are math (`CO$_{2}$`): pages show them as MathML, and exports keep LaTeX that any document
reads without mhchem.

The reading covers what titles and abstracts hold: element symbols with their counts
(`C2H4`, `Li_{0.5}`), charges (`Na+`, `SO4^{2-}`), isotopes (`^{14}C`), states (`(aq)`),
adducts (`CuSO4*5H2O`), coefficients (`2H2O`) and reaction arrows. Anything else in a formula
is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from site_builder.text.spans import closing_brace

MHCHEM = re.compile(r"\\(ce|pu)\s*\{")
"""Where a formula (`\\ce`) or a quantity (`\\pu`) starts; its argument runs to its closing brace."""

_ARROWS = (("<=>", "\\rightleftharpoons"), ("<->", "\\leftrightarrow"), ("->", "\\rightarrow"), ("<-", "\\leftarrow"))
_SCRIPT = re.compile(r"[_^](?:\{([^{}]+)\}|(\d*[+-]|\d+|[A-Za-z]))")
"""A sub- or superscript: braced, a charge (`2-`, `+`), a number, or one letter."""
_COUNT = re.compile(r"(?<=[A-Za-z)\]])\d+(?:\.\d+)?")
"""A count after an element, a group or a complex (`O2`, `(OH)2`, `[Fe(CN)6]`); digits after a
space, a `+` or an adduct's dot lead a molecule (`2H2O`) and stay as written."""
_CHARGE = re.compile(r"(?<=[A-Za-z0-9)\]])[+-](?=$|[\s)\]])")
"""A charge at the end of an ion (`Na+`, `Cl-`), not a bond or a hyphen inside a name (`C-H`)."""
_EXPONENT = re.compile(r"(\d)[eE]([+-]?\d+)\b")
"""A quantity's power of ten as mhchem writes it (`1.2e-3`)."""


def formulas_as_latex(text: str, braced: bool = False) -> str:
    """`text` with each `\\ce{…}` and `\\pu{…}` written as text and `$…$` math; `braced`: each
    in braces, as a .bib's title keeps a formula's capitals from a style's lower-casing. Text
    without either command is returned at once: almost every title and field."""
    if "\\ce" not in text and "\\pu" not in text:
        return text
    pieces = []
    for kind, piece in mhchem_pieces(text):
        written = piece if kind == "text" else _as_latex(kind, piece)
        pieces.append("{" + written + "}" if braced and kind != "text" else written)
    return "".join(pieces)


def mhchem_pieces(text: str) -> Iterator[tuple[str, str]]:
    """(`text`, what lies between formulas) and (`ce` or `pu`, a formula's argument), in order;
    a command whose brace is never closed is text."""
    position = 0
    for found in MHCHEM.finditer(text):
        if found.start() < position:
            continue
        end = closing_brace(text, found.end())
        if end < 0:
            continue
        if found.start() > position:
            yield "text", text[position : found.start()]
        yield found.group(1), text[found.end() : end]
        position = end + 1
    if position < len(text):
        yield "text", text[position:]


def formula_parts(command: str, formula: str) -> list[tuple[str, str]]:
    """A formula's (`text` or `math`, piece) in order: its letters as text, its sub- and
    superscripts and arrows as math (without the dollars)."""
    parts: list[tuple[str, str]] = []

    def add(kind: str, piece: str) -> None:
        if parts and parts[-1][0] == kind:
            parts[-1] = (kind, parts[-1][1] + piece)
        elif piece:
            parts.append((kind, piece))

    if command == "pu":
        written = _EXPONENT.split(formula)
        for n, piece in enumerate(written):
            if n % 3 == 0:
                add("text", piece)
            elif n % 3 == 1:
                add("text", piece)
                add("math", f"\\times 10^{{{written[n + 1]}}}")
        return parts
    for arrow, latex in _ARROWS:
        formula = re.sub(re.escape(arrow) + r"(?:\[[^\]]*\]){0,2}", lambda _, latex=latex: f"\0{latex}\0", formula)
    for n, piece in enumerate(formula.split("\0")):
        if n % 2:
            add("math", piece)
        else:
            _read_formula(piece.replace("*", "·"), add)
    return parts


def _read_formula(formula: str, add) -> None:
    position = 0
    marks = sorted(
        [(m.start(), m.end(), m.group()[0] + "{" + (m.group(1) or m.group(2)) + "}") for m in _SCRIPT.finditer(formula)]
        + [(m.start(), m.end(), "_{" + m.group() + "}") for m in _COUNT.finditer(formula)]
        + [(m.start(), m.end(), "^{" + m.group() + "}") for m in _CHARGE.finditer(formula)]
    )
    for start, end, script in marks:
        if start < position:
            continue
        add("text", formula[position:start])
        add("math", script)
        position = end
    add("text", formula[position:])


def _as_latex(command: str, formula: str) -> str:
    return "".join(piece if kind == "text" else f"${piece}$" for kind, piece in formula_parts(command, formula))
