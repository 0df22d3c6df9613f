"""Text that was never Markdown (a listing's abstract, a .bib's), written so that a paper's
Markdown body shows it as it is."""

from __future__ import annotations

import re

from site_builder.text.tags import outside_math

_STARS_IN_A_WORD = re.compile(r"(?<=[^\W_])\*+(?=[^\W_])")
"""`3*3`, `a**2`: multiplication and powers as abstracts write them outside math. To Markdown a
`*` inside a word opens or closes emphasis: `a 3*3 kernel and 5*5 pooling` would show
`3<em>3 kernel and 5</em>5`."""


def as_markdown(text: str) -> str:
    """`text` with the stars inside words escaped (`3\\*3`), outside its `$…$` math."""
    if "*" not in text:
        return text
    return outside_math(text, lambda words: _STARS_IN_A_WORD.sub(lambda m: "\\*" * len(m.group()), words))
