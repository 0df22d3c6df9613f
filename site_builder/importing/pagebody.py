"""A publication page's text as a paper's abstract and links, as a lab's own page lays it out:
its `## Abstract` section when it has one (the byline, figures and other sections of the old
page are not the abstract), lines made only of links (`[[paper](…)][[code](…)]`, a `## Links`
list) read as the paper's links, a BibTeX entry shown in a code block left out with the heading
that introduces it, and comments (`[//]: # (…)`, `<!-- … -->`) left out.
"""

from __future__ import annotations

import re

CITATION_BLOCK = re.compile(
    r"(?:^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?(?:citation|cite(?: as| this(?: paper| work)?)?|bibtex|how to cite|reference)"
    r"(?:\*\*|__)?[ \t]*:?[ \t]*\n(?:[ \t]*\n)*)?"
    r"^[ \t]*(?P<fence>```|~~~)[^\n]*\n(?P<entry>[ \t]*@[A-Za-z]+[ \t]*[{(].*?)^[ \t]*(?P=fence)[ \t]*$\n?",
    re.IGNORECASE | re.MULTILINE | re.DOTALL,
)
"""A BibTeX entry a page shows in a code block, with the heading or label before it (`## Citation`,
`**BibTeX**`, `Cite as:`)."""

_LINK = re.compile(r"\[([^\[\]]+)\]\(\s*<?([^()\s<>]+)>?\s*\)")
_LINKS_ONLY = re.compile(r"[ \t]*(?:[-*+][ \t]+)?(?:\[?\[[^\[\]]+\]\([^()\s]+\)\]?[ \t|·•,/]*)+")
_KINDS = {
    "paper": "paper", "pdf": "paper", "full text": "paper", "code": "code", "github": "code", "supplemental": "supplement",
    "supplementary": "supplement", "supplementary material": "supplement", "supp": "supplement", "slides": "slides",
    "video": "video", "poster": "poster", "project": "project", "project page": "project", "website": "project",
    "arxiv": "paper", "data": "dataset", "dataset": "dataset", "demo": "demo", "talk": "video",
}  # fmt: skip
"""What a link's text says it is -> its kind (`paper`: the paper itself, a PDF or its page)."""
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$")
_RULE = re.compile(r"[ \t]*(?:[-*_][ \t]*){3,}")
"""A Markdown horizontal rule (`---`)."""


_COMMENT = re.compile(r"^[ \t]*\[//\]:[ \t]*#[ \t]*(?:\(.*\)|\".*\"|'.*')[ \t]*$\n?|<!--.*?-->", re.MULTILINE | re.DOTALL)
"""Markdown's comments (`[//]: # (…)`) and HTML's: text the old page never showed."""


def page_abstract(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The abstract a page's text gives and the links its lines of links name, as `(kind, url)`
    in order (see the module's rules)."""
    text = _COMMENT.sub("", CITATION_BLOCK.sub("", text))
    links: list[tuple[str, str]] = []
    kept: list[str] = []
    for line in text.split("\n"):
        found = _LINK.findall(line) if _LINKS_ONLY.fullmatch(line) else []
        kinds = [(_KINDS.get(label.strip().strip("*_ ").casefold()), url) for label, url in found]
        if found and all(kind for kind, _ in kinds):
            links += [(kind, url) for kind, url in kinds if kind]
            continue
        kept.append(line)
    return _abstract_section("\n".join(kept)), links


def _abstract_section(text: str) -> str:
    """The text under an `Abstract` heading, up to the next heading or rule; else the whole text,
    without the headings that no longer head anything and the rules at its ends."""
    lines = text.split("\n")
    start = next(
        (n for n, line in enumerate(lines) if (h := _HEADING.match(line)) and h.group(1).strip("*_ :").casefold() == "abstract"), None
    )
    if start is not None:
        end = next((n for n in range(start + 1, len(lines)) if _HEADING.match(lines[n]) or _RULE.fullmatch(lines[n])), len(lines))
        lines = lines[start + 1 : end]
    paragraphs = [p.strip() for p in "\n".join(lines).split("\n\n") if p.strip()]
    paragraphs = [p for n, p in enumerate(paragraphs) if not (_HEADING.fullmatch(p) and _heads_nothing(paragraphs, n))]
    while paragraphs and _RULE.fullmatch(paragraphs[-1]):
        paragraphs.pop()
    while paragraphs and _RULE.fullmatch(paragraphs[0]):
        paragraphs.pop(0)
    return "\n\n".join(paragraphs)


def _heads_nothing(paragraphs: list[str], n: int) -> bool:
    """Whether the heading at `n` is followed by nothing but another heading, a rule or the end."""
    rest = paragraphs[n + 1 : n + 2]
    return not rest or bool(_HEADING.fullmatch(rest[0]) or _RULE.fullmatch(rest[0]))
