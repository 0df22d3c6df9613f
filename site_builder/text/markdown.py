"""Text that was never Markdown (a listing's abstract, a .bib's), written so that a paper's
Markdown body shows it as it is."""

from __future__ import annotations

import re

from site_builder.text.tags import MATH, outside_math

_STARS_IN_A_WORD = re.compile(r"(?<=[^\W_])\*+(?=[^\W_])")
"""`3*3`, `a**2`: multiplication and powers as abstracts write them outside math. To Markdown a
`*` inside a word opens or closes emphasis: `a 3*3 kernel and 5*5 pooling` would show
`3<em>3 kernel and 5</em>5`."""
_BLOCK_MARK = re.compile(
    r"^[ \t]*(?:#{1,6}(?=[ \t]|$)|[>+-](?=[ \t]|$)|\*(?=[ \t])|\d{1,9}(?=[.)](?:[ \t]|$))|([-*_])(?=(?:[ \t]*\1){2,}[ \t]*$))", re.M
)
"""What starts a Markdown block at the start of a line: `# ` a heading, `> ` a quote, `- `, `+ `,
`* ` and `1. ` or `1) ` a list, `---` a rule. A paragraph of an abstract can start so
(`2019. We…`, `# of parameters…`)."""


def as_markdown(text: str) -> str:
    """`text` with the stars inside words escaped (`3\\*3`) outside its `$…$` math, its math
    written close to its dollars (`_tight`), and a mark that would start a block at the
    start of a line escaped (`\\# of`, `2019\\. We`)."""
    if "*" in text:
        text = outside_math(text, lambda words: _STARS_IN_A_WORD.sub(lambda m: "\\*" * len(m.group()), words))
    if "$" in text:
        text = MATH.sub(_tight, text)
    return _BLOCK_MARK.sub(_escaped_mark, text)


_FORMULA = re.compile(r"\\[A-Za-z]|[\^_]")
"""What only a formula holds: a command, a sub- or superscript."""


def _tight(match: re.Match) -> str:
    """A formula written with spaces inside its dollars, as ADS's abstracts and some arXiv ones
    have them (`( $ \\dot M \\lesssim 10 ^ -9 $ M`): math to LaTeX and MathJax, text to Markdown,
    which takes `$` then a space as a dollar sign (`Costs $5 and $10`). A formula with its
    spaces taken off is math to both; text between two dollar signs is left as it is."""
    written = match.group()
    if written.startswith("$$") or not written.startswith("$") or not _FORMULA.search(written):
        return written
    inner = written[1:-1].strip()
    return f"${inner}$" if inner else written


def _escaped_mark(match: re.Match) -> str:
    written = match.group()
    if written.rstrip()[-1:].isdigit():  # `2019` before `. `: the dot is what makes a list
        return written + "\\"
    mark_at = len(written) - len(written.lstrip())
    return written[:mark_at] + "\\" + written[mark_at:]
