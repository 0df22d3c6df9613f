"""A .bib entry's title as pages show it, and as exports write it again.

Titles name species, genes and books in italics (`\\textit{Oryza australiensis}`, `{\\it lacZ}`,
and `<i>…</i>` in Crossref's and PubMed's records): kept as `\\emph{…}`, which pages print in
italics and exports write back; every other command and tag becomes the text it stands for.
"""

from __future__ import annotations

import re

from site_builder.text.latex import decode_latex, emphases, escaped_math_as_math, unknown_commands
from site_builder.text.spans import around
from site_builder.text.tags import tags_as_text

_ITALIC_TAG = re.compile(r"<(?:jats:)?(i|em|italic)\b[^>]*>(.*?)</(?:jats:)?\1\s*>", re.S | re.I)
_ITALIC_GROUP = re.compile(r"\{\\(?:em|it|itshape)\s+((?:[^{}]|\{[^{}]*\})*)\}")
"""The old declarations: `{\\it lacZ}`, `{\\em Drosophila}`."""
_HELD = re.compile("\ue000(\\d+)\ue001")
"""Where an emphasis waits, as private-use characters LaTeX decoding leaves alone."""


def title_text(raw: str) -> str:
    """The title as pages show it: Unicode text, `$…$` math and `\\emph{…}` italics."""
    raw = _ITALIC_TAG.sub(lambda m: "\\emph{" + m.group(2) + "}", raw)
    raw = _ITALIC_GROUP.sub(lambda m: "\\emph{" + m.group(1) + "}", raw)
    spans: list[str] = []

    def hold(match: re.Match) -> str:
        spans.append(match.group(1))
        return f"\ue000{len(spans) - 1}\ue001"

    text = decode_latex(tags_as_text(around(raw, emphases(raw), str, hold)))
    return " ".join(_HELD.sub(lambda m: _emphasis(spans[int(m.group(1))]), text).split()) if spans else text


def _emphasis(raw: str) -> str:
    words = decode_latex(tags_as_text(raw))
    if not words or "{" in words or "}" in words:  # nothing to stress, or braces no command could hold
        return words
    return "\\emph{" + words + "}"


def bibtex_title(raw: str) -> str:
    """The title as the .bib writes it, for exports to keep its case braces; none when it uses a
    command only its own paper defines (`\\sysname`), which would stop anyone else's LaTeX, or
    HTML tags (`<i>lacZ</i>`), which LaTeX prints as they are: the export then writes the title
    as pages show it."""
    title = " ".join(raw.split())
    if not title or unknown_commands(title) or tags_as_text(title) != title:
        return ""
    return escaped_math_as_math(title)
