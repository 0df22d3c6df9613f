"""A .bib abstract as a paper's Markdown body.

Reference managers export abstracts as BibTeX text: Zotero wraps capitals in case braces
(`{RDW}`, `{COVID}-19`), accents come as `{\\'e}`, and records from PubMed or Crossref carry
HTML or JATS tags (`<b>Background:</b>`, `<jats:italic>`). Pages would show all of these as
written. Here they become text and Markdown; math (`$…$`, `\\(…\\)`) and the commands pages
render (`\\emph{}`, `\\textbf{}`, `\\href{}{}`) are kept as they are.
"""

from __future__ import annotations

import re

from site_builder.text.latex import braces_pair, decode_entities, decode_latex, escaped_math_as_math
from site_builder.text.markdown import as_markdown
from site_builder.text.tags import SCRIPT, formulas_as_tex, outside_math, script_as_math

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
_BREAK = re.compile(r"\s*<(?:jats:)?(?:br|p|sec)\b[^>]*/?>\s*|\s*</(?:jats:)?(?:p|sec)\s*>\s*", re.I)


_BRACED_ESCAPE = re.compile(r"\{(\\[%&$_#])\}")
"""Mendeley's `{\\%}`, `{\\&}`: an escaped character in braces of its own."""


_LANGUAGE_LINE = re.compile(r"\n[ \t]*(?:eng|fre|ger|spa|ita|por|dut|rus|jpn|chi|kor|pol|swe|dan|nor|fin|tur|cze|hun|gre|heb)[ \t]*\Z")
"""A record's language code on a line of its own after the abstract (`…research.\neng`), as
EndNote exports PubMed records: the language, not a word of the abstract."""


_GLUED_HEADING = re.compile(
    r"(?<=[a-z0-9)][.!?])(Significance Statement|Graphical Abstract|Plain Language Summary|Highlights|Background|Objectives?"
    r"|Methods|Results|Conclusions?|Discussion)(?=[A-Z])"
)
"""A section heading whose tags an export dropped with the spaces around it (eNeuro's
`…dependence.Significance StatementDiscontinuation…`): a heading of its own paragraph again,
as a tagged one becomes (`<jats:title>` below)."""


_STRUCTURED_HEADING = re.compile(
    r"(?:^|(?<=[.!?)\]]\s))((?:BACKGROUND|RATIONALE|OBJECTIVES?|AIMS?|PURPOSE|INTRODUCTION|CONTEXT|IMPORTANCE|METHODS?"
    r"|METHODOLOGY|DESIGN|SETTINGS?|PARTICIPANTS|PATIENTS|INTERVENTIONS?|MEASUREMENTS|MAIN|MATERIALS|RESULTS|FINDINGS"
    r"|CONCLUSIONS?|INTERPRETATION|DISCUSSION|SIGNIFICANCE|LIMITATIONS|FUNDING|EXPOSURES?|OUTCOMES?|EVIDENCE|HYPOTHESIS"
    r"|TRIAL REGISTRATION|KEY POINTS|SUMMARY)(?:(?:,? AND |, | & |/| )[A-Z]{2,})*):\s+(?=\S)",
    re.MULTILINE,
)
"""A heading of a structured abstract as PubMed records write it, in capitals inside the text
(`RATIONALE: … OBJECTIVES: … METHODS: …`): a paragraph of its own, its heading in bold."""


def _structured(match: re.Match) -> str:
    heading = match.group(1)
    return f"\n\n**{heading[0] + heading[1:].lower()}:** "


_ABSTRACT_HEADING = re.compile(r"\A\s*<(?:jats:)?title\b[^>]*>\s*(?:abstract|summary)\s*[.:]?\s*</(?:jats:)?title\s*>", re.I)
"""Crossref's first `<jats:title>Abstract</jats:title>`: the page already heads the abstract so."""


def abstract_from_bibtex(text: str) -> str:
    """The abstract of a .bib entry as Markdown with `$…$` math (see the module's text)."""
    text = _ABSTRACT_HEADING.sub("", text.strip())
    if text.startswith("{") and text.endswith("}") and braces_pair(text[1:-1]):  # Web of Science braces every value
        text = text[1:-1]
    text = as_markdown(_LANGUAGE_LINE.sub("", text.rstrip()))  # before the marks of headings and tags are added
    text = _GLUED_HEADING.sub(lambda m: f"\n\n**{m.group(1)}**\n\n", text)
    text = _STRUCTURED_HEADING.sub(_structured, text)
    text = _BRACED_ESCAPE.sub(r"\1", escaped_math_as_math(formulas_as_tex(text)))
    paragraphs = outside_math(text, _text).split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _text(text: str) -> str:
    if "<" in text:
        text = emphasis_as_markdown(text)
        text = SCRIPT.sub(script_as_math, text)
        text = _BREAK.sub("\n\n", text)
    text = decode_entities(text)
    if "\\" in text:
        text = _ACCENT.sub(lambda m: decode_latex(m.group()), text)
        text = _SYMBOL.sub(lambda m: _SYMBOLS[m.group(1)], text)
    for _ in range(3):  # `{{RDW}}`: one level a pass
        text, changed = _CASE_BRACES.subn(r"\1", text)
        if not changed:
            break
    return text


def emphasis_as_markdown(text: str) -> str:
    """Bold and italics written in HTML or JATS (`<b>`, `<jats:italic>`) as Markdown's marks."""
    return _WRAPPED.sub(_marked, text)


def _marked(match: re.Match) -> str:
    mark = _MARKS[match.group(1).lower()]
    inner = match.group(3)
    if not inner:
        return match.group(2) + match.group(4)
    closing = f"{mark}\n\n" if match.group(1).lower() == "title" else mark
    return f"{match.group(2)}{mark}{inner}{closing}{match.group(4)}"
