"""Characters a LaTeX document sets only in math, written as math for BibTeX exports.

LaTeX reads UTF-8 and sets accented Latin letters, dashes, quotes, `×` and `→` in text, but a
Greek letter, `≤` or a subscript `₂` stops pdfLaTeX ("Unicode character α not set up for use
with LaTeX"). A citation a lab exports must compile in any document, so such characters are
written as the math they are: `α-Net` as `$\\alpha$-Net`, `CO₂` as `CO$_{2}$`, `10⁻⁵` as
`10$^{-5}$`. Which characters are math is pylatexenc's knowledge (what it writes in
`\\ensuremath`); words in other alphabets (`Иван`, `张伟`, `Αλέξανδρος`) are kept: only packages
a document chooses set them.
"""

from __future__ import annotations

import re

from site_builder.text.mathml import math_command
from site_builder.text.tags import SCRIPTS


def _plain(kind: str) -> dict[str, str]:
    """Unicode's `kind` forms back to the characters they raise or lower (`₂` -> `2`; `₋` -> `-`,
    the first of the signs written so)."""
    plain: dict[str, str] = {}
    for written, form in SCRIPTS[kind].items():
        plain.setdefault(chr(form), chr(written))
    return plain


_SUBSCRIPTS, _SUPERSCRIPTS = _plain("sub"), _plain("sup")

_CANDIDATE = re.compile(r"[^\x00-\u00b1\u00b4-\u00b8\u00ba-\u024f\u2000-\u206f\u20a0-\u20cf]+")
"""Characters beyond Latin, general punctuation and currency signs, which LaTeX sets in text;
`¹²³` too, which it sets, but which beside other superscripts (`10⁻¹²`) are one exponent."""


def math_for_latex(text: str) -> str:
    """`text` with its math-only characters written as `$…$` math; the rest as it was. Apply it
    to text outside `$…$` only."""
    return text if text.isascii() else _CANDIDATE.sub(_run_as_latex, text)


_GREEK_WORD = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]{2,}")
"""Greek letters in a row are a word in Greek (a name, a title), which a document sets with its
own fonts, like Cyrillic: only a letter alone is a symbol (`α-Net`, `Ω`)."""


def _run_as_latex(match: re.Match) -> str:
    run = match.group()
    if _GREEK_WORD.search(run):
        return run
    pieces: list[str] = []
    math: list[str] = []
    index = 0
    while index < len(run):
        character = run[index]
        for table, mark in ((_SUBSCRIPTS, "_"), (_SUPERSCRIPTS, "^")):
            if character in table:
                end = index
                while end < len(run) and run[end] in table:
                    end += 1
                math.append(f"{mark}{{{''.join(table[c] for c in run[index:end])}}}")
                index = end
                break
        else:
            command = math_command(character)
            if command is None:
                if math:
                    pieces.append("$" + " ".join(math) + "$")
                    math = []
                pieces.append(character)
            else:
                math.append(command)
            index += 1
    if math:
        pieces.append("$" + " ".join(math) + "$")
    return "".join(pieces)
