"""An imported title as pages show it: a .bib entry's (and as exports write it again), an old
site's publication page's, and a listing's copied from a web page.

Titles name species, genes and books in italics (`\\textit{Oryza australiensis}`, `{\\it lacZ}`,
`<i>…</i>` in Crossref's and PubMed's records, `*lacZ*` in a Markdown page's): kept as `\\emph{…}`,
which pages print in italics and exports write back; every other command, tag and mark becomes
the text it stands for.
"""

from __future__ import annotations

import itertools
import re

from site_builder.errors import Problems, SourceLocation
from site_builder.text.chemistry import formulas_as_latex
from site_builder.text.latex import decode_entities, decode_latex, emphases, escaped_math_as_math, unknown_commands
from site_builder.text.spans import around
from site_builder.text.tags import latex_scripts_as_tags, outside_math, tags_as_text

LEADING_TAG = re.compile(r"^\s*\[[^\[\]]{1,15}\]\s+(?=\S)")
"""A tag in brackets before a title (`[A+] `, `[CCF-A] `, `[Oral] `): a lab's label, or ReScience's `[Re] `."""
_CITED_NAMES = re.compile(r"^(?:[^;,.]{2,40},\s*(?:[A-Z]\.[\s-]*){1,3};\s*)+[^;,.]{2,40},\s*(?:[A-Z]\.[\s-]*){1,3}(?=[A-Z])")
"""A citation's authors pasted before a title (`Lee, A.; Kim, B. The Title`), as records merged
from several databases (ORCID's) give them: two names or more, family name and initials, each
but the last followed by `;`."""
_ITALIC_TAG = re.compile(r"<(?:jats:)?(i|em|italic)\b[^>]*>(.*?)</(?:jats:)?\1\s*>", re.S | re.I)
_ITALIC_GROUP = re.compile(r"\{\\(?:em|it|itshape)\s+((?:[^{}]|\{[^{}]*\})*)\}")
"""The old declarations: `{\\it lacZ}`, `{\\em Drosophila}`."""
_MARKDOWN_STRONG = re.compile(r"(\*\*|__)(?!\s)(.+?)(?<!\s)\1")
_MARKDOWN_EMPHASIS = re.compile(r"(?<![\w*\\])\*(?![\s*])([^*]+?)(?<![\s\\])\*(?![\w*])|(?<![\w_])_(?![\s_])([^_]+?)(?<!\s)_(?!\w)")
"""`*lacZ*` or `_lacZ_`, as CommonMark reads them: not `A* search`, `2*3*4` or `snake_case`."""
_HELD = re.compile("\ue000(\\d+)\ue001")
"""Where an emphasis waits, as private-use characters LaTeX decoding leaves alone."""


def without_cited_names(title: str) -> tuple[str, str]:
    """`title` without the citation's authors pasted before it (see `_CITED_NAMES`), and the
    review note that says so ("" when there were none)."""
    found = _CITED_NAMES.match(title)
    if not found or found.end() == len(title):
        return title, ""
    return title[found.end() :], f"its title began with a citation's authors ({found.group().strip()!r}), taken out: check the title"


_FINAL_STOP = re.compile(r"(?<=[\w)\]}$])\.$")
_ABBREVIATIONS = frozenset("al etc inc ltd co corp vs jr sr st no vol eds ed cf approx fig".split())


def without_final_stop(title: str) -> str:
    """A title without the full stop PubMed, MEDLINE and the exports made of them (EndNote's,
    RIS) end every title with (`… Signal Processing.`); one that ends an abbreviation (`et al.`,
    `U.S.`, `Inc.`) and a question's mark stay."""
    last = title.rsplit(None, 1)[-1] if title.strip() else ""
    if "." in last[:-1] or last[:-1].casefold().lstrip("({[") in _ABBREVIATIONS:
        return title
    return _FINAL_STOP.sub("", title)


def title_text(raw: str) -> str:
    """The title as pages show it: Unicode text, `$…$` math and `\\emph{…}` italics."""
    raw = _ITALIC_TAG.sub(lambda m: "\\emph{" + m.group(2) + "}", raw)
    raw = _ITALIC_GROUP.sub(lambda m: "\\emph{" + m.group(1) + "}", raw)
    spans: list[str] = []

    def hold(match: re.Match) -> str:
        spans.append(match.group(1))
        return f"\ue000{len(spans) - 1}\ue001"

    text = decode_latex(tags_as_text(latex_scripts_as_tags(around(raw, emphases(raw), str, hold)), scripts_as_math=True))
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
    as pages show it. mhchem's formulas are written as the LaTeX they print (`{CO$_{2}$}`), which
    needs no package."""
    title = " ".join(raw.split())
    if not title or unknown_commands(title) or tags_as_text(title) != title:
        return ""
    return escaped_math_as_math(formulas_as_latex(title, braced=True))


def page_title(raw: str) -> str:
    """A Markdown page's title (Hugo Blox's, academicpages') as pages show it: its `*italics*`,
    `_italics_` and `<i>` tags as `\\emph{…}`, its `**bold**` as words, its `$…$` math and every
    other character as written (no LaTeX: a `~` or `\\` there is the character)."""

    def marks(text: str) -> str:
        text = _MARKDOWN_STRONG.sub(lambda m: m.group(2), text)
        return _MARKDOWN_EMPHASIS.sub(lambda m: _emphasis_of(m.group(1) or m.group(2)), text)

    return " ".join(tags_as_text(outside_math(_italic_tags_as_emphasis(raw), marks)).split())


def html_title(raw: str) -> str:
    """A title copied from a web page (a listing's line of title and authors): its `<i>` tags as
    `\\emph{…}`, its other tags as their text, its character references (`&amp;`, `&#39;`) as
    the characters."""
    if "<" in raw:
        raw = tags_as_text(_italic_tags_as_emphasis(raw))
    return decode_entities(raw)


def _italic_tags_as_emphasis(raw: str) -> str:
    """`<i>lacZ</i>` (or `<em>`, JATS' `<italic>`) as `\\emph{lacZ}`, the tags inside it dropped."""
    return _ITALIC_TAG.sub(lambda m: _emphasis_of(tags_as_text(m.group(2))), raw)


def _emphasis_of(words: str) -> str:
    """Words in italics as a title holds them; as they are when braces would not pair."""
    return words if not words.strip() or "{" in words or "}" in words else "\\emph{" + words.strip() + "}"


_SCHOLAR_KEY = re.compile(r"[a-z]+\d{4}([a-z]+)")


def exported_by_scholar(entries: list[tuple[str, str]]) -> bool:
    """Whether (key, title) entries look exported by Google Scholar, which writes a title's
    words after the first in small letters (`Mcunet: Tiny deep learning on iot devices`): most
    keys are a surname, the year and a word of the title (`lin2020mcunet`), and most titles
    have no capital after their first word but after a colon."""
    keyed = lowered = 0
    for key, title in entries:
        found = _SCHOLAR_KEY.fullmatch(key)
        words = title.replace("{", "").replace("}", "").split()
        keyed += bool(found and any(re.sub(r"[^a-z]", "", w.casefold()).startswith(found.group(1)) for w in words[:3]))
        lowered += all(
            word.islower() or not any(c.isalpha() for c in word) or before.endswith(":") for before, word in itertools.pairwise(words)
        )
    return len(entries) >= 2 and min(keyed, lowered) >= 0.8 * len(entries)


def say_exported_by_scholar(problems: Problems, shown: str) -> None:
    """The warning for a Google Scholar export (its .bib or its CSV), whose titles need `enrich`."""
    problems.warning(
        SourceLocation(shown),
        "this looks like Google Scholar's export, which writes titles in small letters (`Mcunet: Tiny deep learning on iot devices`)",
        "`site-builder enrich` gives them the capitals arXiv, Crossref, OpenAlex and DBLP have, unless you edited them",
    )


def say_tagged_titles(titles: list[str], problems: Problems, shown: str) -> None:
    """One warning for the titles that start with a tag in brackets (`[A+] CatCharger: …`), as
    some labs mark a venue's rank or a talk: kept, since `[Re] …` is a title's own, but every
    citation and Google Scholar's tags then carry it."""
    tagged = [title for title in titles if LEADING_TAG.match(title)]
    if tagged:
        first = tagged[0] if len(tagged[0]) <= 40 else tagged[0][:40] + "…"
        problems.warning(
            SourceLocation(shown),
            f"{len(tagged)} {'title starts' if len(tagged) == 1 else 'titles start'} with a tag in brackets "
            f"(`{first}`): kept in the title, so citations and Google Scholar's tags carry it too",
            "if it is the lab's label, not the title's, take it out of the paper's `title`; a `note` is shown beside the venue",
        )
