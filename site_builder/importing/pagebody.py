"""A publication page's text as a paper's abstract and links, as a lab's own page lays it out:
its `## Abstract` section when it has one (the byline, figures and other sections of the old
page are not the abstract), lines made only of links (`[[paper](…)][[code](…)]`, a `## Links`
list) read as the paper's links, a BibTeX entry shown in a code block left out with the heading
that introduces it, comments (`[//]: # (…)`, `<!-- … -->`) left out, and inline HTML
(`<p style=…>`, `<b>`, `<a href=…>`) written as the Markdown it stands for.
"""

from __future__ import annotations

import re

from site_builder.importing.bibabstract import emphasis_as_markdown
from site_builder.importing.bibnames import strip_marks
from site_builder.text.names import is_name, split_name_text
from site_builder.text.tags import SCRIPT, outside_math, script_as_text

_LABEL = r"(?:\*\*|__)?(?:citation|cite(?: as| this(?: paper| work)?)?|bibtex|how to cite|reference)(?:\*\*|__)?[ \t]*:?(?:\*\*|__)?"
"""A line that is only a label for the citation below it: `**BibTeX**`, `Cite as:`."""
CITATION_BLOCK = re.compile(
    r"(?:^(?:[ \t]*#{1,6}[^\n]*?\b(?:citation|cite|bibtex)\b[^\n]*"  # a heading that names it
    rf"|[ \t]*{_LABEL}[ \t]*"
    r"|[^\n]{0,100}?\b(?:citation|cite|bibtex)\b[^\n]{0,60}:[ \t]*(?:</p>)?[ \t]*)\n(?:[ \t]*\n)*)?"  # a line ending in a colon
    r"^[ \t]*(?:(?P<fence>```|~~~)[^\n]*\n|<pre>(?:\s*<code[^>]*>)?\s*)"
    r"(?P<entry>[ \t]*@[A-Za-z]+[ \t]*[{(].*?)(?:^[ \t]*(?P=fence)|(?:</code>\s*)?</pre>)[ \t]*$\n?",
    re.IGNORECASE | re.MULTILINE | re.DOTALL,
)
"""A BibTeX entry a page shows in a code block (or HTML's `<pre>`), with the line before it that
introduces it: a heading, a short label or a line ending in a colon that names a citation
(`## Citation`, `**BibTeX**`, `Bibtex:`, `BibTeX formatted citation:`), never a sentence of the
abstract that happens to say `citation`."""

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
_ABSTRACT = re.compile(r"[ \t]*(?:#{1,6}[ \t]+)?(?:\*\*|__)?abstract(?:\*\*|__)?[ \t]*:?(?:\*\*|__)?[ \t]*", re.IGNORECASE)
"""What heads a page's abstract: `## Abstract`, `**Abstract**`, `Abstract:`."""
_ENDS_SECTION = re.compile(r"[ \t]*(?:#{1,6}[ \t].*|(?:[-*_][ \t]*){3,}|!\[.*|<img\b.*|(?:\*\*|__)?[A-Z][\w ]{0,30}(?:\*\*|__)?:[ \t]*)")
"""What ends the abstract's section: a heading, a rule, a picture, a label line (`Bibtex:`)."""
_QUOTED = re.compile(r"^[ \t]*>[ \t]?")
_UNDERLINE = re.compile(r"[ \t]*(?:-{2,}|={2,})[ \t]*")
_RULE = re.compile(r"[ \t]*(?:[-*_][ \t]*){3,}")
"""A Markdown horizontal rule (`---`)."""


_COMMENT = re.compile(r"^[ \t]*\[//\]:[ \t]*#[ \t]*(?:\(.*\)|\".*\"|'.*')[ \t]*$\n?|<!--.*?-->", re.MULTILINE | re.DOTALL)
"""Markdown's comments (`[//]: # (…)`) and HTML's: text the old page never showed."""


_PARAGRAPH_TAG = re.compile(r"[ \t]*</?(?:p|div)\b[^<>]*>[ \t]*", re.IGNORECASE)
_BREAK_TAG = re.compile(r"<br\b[^<>]*/?>", re.IGNORECASE)
_LINK_TAG = re.compile(r"<a\b[^<>]*?\bhref\s*=\s*[\"']([^\"'<>\s]+)[\"'][^<>]*>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_OTHER_TAG = re.compile(r"</?(?:span|font|small|center|u)\b[^<>]*>", re.IGNORECASE)


def _html_as_markdown(text: str) -> str:
    """A page's inline HTML as the Markdown it stands for (pages show HTML as text): paragraphs,
    line breaks, bold and italics, links, sub- and superscripts; wrappers (`<span style=…>`) go."""
    if "<" not in text:
        return text
    text = _PARAGRAPH_TAG.sub("\n\n", _BREAK_TAG.sub("\n", text))
    text = emphasis_as_markdown(text)
    text = _LINK_TAG.sub(lambda m: f"[{m.group(2).strip()}]({m.group(1)})", text)
    return _OTHER_TAG.sub("", SCRIPT.sub(script_as_text, text))


_SHORTCODE_PAIR = re.compile(r"\{\{([<%])\s*([\w-]+)\b[^{}]*?[>%]\}\}(.*?)\{\{[<%]\s*/\s*\2\s*[>%]\}\}", re.DOTALL)
_SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.DOTALL)
_THEME_SAMPLE = re.compile(
    r"^[#\s]*(?:Click the [*_]Cite[*_] button above|Create your slides in Markdown|Click the [*_]Slides[*_] button above"
    r"|Supplementary notes can be added here|Add the publication's full text or supplementary notes here)",
    re.IGNORECASE,
)
"""The paragraphs Hugo Blox (Academic, Wowchemy) starts a publication page's text with."""


def hugo_page_text(text: str) -> str:
    """A Hugo page's text without what Hugo made of it: the text of paired shortcodes
    (`{{% callout note %}}…{{% /callout %}}`), no single ones (`{{< figure … >}}`, a video),
    and none of the theme's sample paragraphs."""
    text = _COMMENT.sub("", text)
    while (unwrapped := _SHORTCODE_PAIR.sub(lambda m: m.group(3), text)) != text:
        text = unwrapped
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", _SHORTCODE.sub("", text)) if p.strip()]
    return "\n\n".join(p.strip("\n") for p in paragraphs if not _THEME_SAMPLE.match(p))


def page_byline(text: str) -> tuple[list[tuple[str, str]], str]:
    """The byline a page shows above its abstract, as (name, marks after it) pairs, and the
    legend of its marks (`**Hao Wen**<sup>†</sup>, Kun Li<sup>*</sup>` over `† Equal
    contribution. * Corresponding author.`); nothing when its first paragraph is no list of names."""
    paragraphs = [p.strip() for p in _html_as_markdown(_COMMENT.sub("", text)).split("\n\n") if p.strip()]
    lines = [line.strip().replace("**", "").replace("__", "") for line in (paragraphs[0].split("\n") if paragraphs else [])]
    if not lines:
        return [], ""
    written = [strip_marks(part) for part in re.split(r"\s*,\s*|\s+and\s+", lines[0].rstrip(" \\")) if part.strip()]
    names = [name for name, _ in written]
    if len(names) < 2 or not all(is_name(name) for name in names) or split_name_text(", ".join(names))[0] != names:
        return [], ""
    legend = " ".join(line for line in [*lines[1:], *paragraphs[1:2]] if re.search(r"equal|correspond|co-?first", line, re.IGNORECASE))
    return written, legend


def page_abstract(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The abstract a page's text gives and the links its lines of links name, as `(kind, url)`
    in order (see the module's rules)."""
    text = outside_math(_COMMENT.sub("", CITATION_BLOCK.sub("", text)), _html_as_markdown)
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
    """The text under an `Abstract` heading (or an `Abstract:` line), up to the next heading,
    rule, picture or label line; else the whole text, without the headings that no longer head
    anything and the rules at its ends."""
    lines = text.split("\n")
    start = next((n for n, line in enumerate(lines) if _ABSTRACT.fullmatch(line)), None)
    if start is not None and start + 1 < len(lines) and _UNDERLINE.fullmatch(lines[start + 1]):
        start += 1  # `Abstract` over `--------`: a heading, its underline no rule
    if start is not None:
        end = next((n for n in range(start + 1, len(lines)) if _ENDS_SECTION.fullmatch(lines[n])), len(lines))
        lines = [_QUOTED.sub("", line) for line in lines[start + 1 : end]]
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
