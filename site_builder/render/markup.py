"""Abstract text (Markdown with inline LaTeX) -> safe HTML.

Raw HTML is off; `$…$` (and `\\(…\\)`: `latex_inline`) becomes MathML on the server (no
JavaScript); `\\emph`, `\\textbf`, `\\textit`, `\\textsuperscript`, `\\href{url}{text}`, `~`, `--`,
``…'' and letters written with commands (`\\"o`, `\\ss`) are understood; bare URLs become links.
Anything malformed degrades to readable text rather than a broken page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from site_builder.render.latex_inline import add_latex_rules, push_styled, tokenize_range
from site_builder.text.chemistry import formulas_as_latex
from site_builder.text.latex import (
    LATEX_CHARACTER,
    TITLE_MATH,
    decode_characters,
    decode_latex,
    emphases,
    formula_as_text,
    typeset_quotes,
)
from site_builder.text.links import find_urls, is_safe_url
from site_builder.text.spans import around, closing_brace
from site_builder.text.tags import latex_scripts_as_text

if TYPE_CHECKING:  # markdown-it is imported when the first abstract is rendered (~45 ms): a
    # build whose abstracts are all in the cache never needs it
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

_STYLE_COMMANDS = {"emph": "em", "textit": "em", "textbf": "strong", "texttt": "code", "textsuperscript": "sup", "textsubscript": "sub"}
"""Commands whose argument is set in a style, by the tag of the style (see `push_styled`)."""
_PLAIN_COMMANDS = frozenset(("textsc", "textsf", "textrm", "textup", "textnormal", "textmd", "underline", "uline", "mbox", "text"))
"""Commands whose argument is shown as plain text: small capitals, another font, an underline."""
_COMMAND = re.compile(r"\\([a-zA-Z]+)\{")
_TEXT_COMMAND = re.compile(rf"\\(?:{'|'.join(sorted({*_STYLE_COMMANDS, *_PLAIN_COMMANDS, 'url'}))})\{{([^{{}}]*)\}}")
"""A command whose argument is the text, for plain text."""
_MANGLED_HREF_TEXT = re.compile(r"\}\{([^\s{}]+)\}?")
"""`https://x.org}{x.org`: an `\\href` that lost its head in an export."""


_OPERATORS = (("<mi>&#x0007E;</mi>", "<mo>&#x0223C;</mo>"), ("<mi>&#x000B1;</mi>", "<mo>&#x000B1;</mo>"))
"""latex2mathml writes `\\sim` as the ASCII tilde, and `\\sim` and `\\pm` as identifiers: abstracts'
`$\\sim$2x` needs the tilde operator, spaced as one, as LaTeX prints it."""


@lru_cache(maxsize=4096)
def _math_to_mathml(latex: str) -> str:
    from latex2mathml.converter import convert  # imported late: most commands never need it

    try:
        mathml = convert(latex)
    except Exception:  # latex2mathml raises many types on bad input; the text is still useful
        return f'<span class="math-fallback">{html.escape("$" + latex + "$")}</span>'
    for written, meant in _OPERATORS:
        mathml = mathml.replace(written, meant)
    return mathml


def _render_math_inline(self, tokens, idx, options, env) -> str:
    return _math_to_mathml(tokens[idx].content.strip())


def _render_math_block(self, tokens, idx, options, env) -> str:
    return _math_to_mathml(tokens[idx].content.strip()).replace('display="inline"', 'display="block"', 1)


def _latex_character(state: StateInline, silent: bool) -> bool:
    """`Schr\\"odinger`, `Poincar\\'e`, `Erd\\H{o}s`, `\\ldots`: arXiv abstracts are LaTeX, and
    Markdown would show `Schr"odinger`."""
    if state.src[state.pos] not in "\\{":
        return False
    match = LATEX_CHARACTER.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    if not silent:
        state.push("text", "", 0).content = decode_latex(match.group())  # one character: no math in it
    state.pos = match.end()
    return True


def _latex_command(state: StateInline, silent: bool) -> bool:
    """`\\emph{…}`, `\\textbf{…}`, `\\href{url}{text}`, `\\url{…}` as inline Markdown tokens."""
    if state.src[state.pos] != "\\":
        return False
    match = _COMMAND.match(state.src, state.pos)
    if not match or (match.group(1) not in _STYLE_COMMANDS and match.group(1) not in ("href", "url", *_PLAIN_COMMANDS)):
        return False
    name = match.group(1)
    first_start = match.end()
    first_end = closing_brace(state.src, first_start)
    if first_end < 0 or first_end > state.posMax:
        return False
    if name in ("href", "url"):
        url = state.src[first_start:first_end].strip()
        text_start, text_end = first_start, first_end
        end = first_end + 1
        if name == "href":
            if end >= state.posMax or state.src[end] != "{":
                return False
            text_start = end + 1
            text_end = closing_brace(state.src, text_start)
            if text_end < 0 or text_end > state.posMax:
                return False
            end = text_end + 1
        if not silent:
            _push_link(state, url, text_start, text_end)
        state.pos = end
        return True
    if not silent:
        push_styled(state, _STYLE_COMMANDS.get(name, ""), first_start, first_end)
    state.pos = first_end + 1
    return True


def _latex_quotes(state: StateInline, silent: bool) -> bool:
    """The opening of LaTeX's quotes, ``…'' (arXiv abstracts are LaTeX), as “; the closing ''
    becomes ” with the typesetting below. Left to Markdown, two pairs of them would be one code
    span from the first ``…`` to the second."""
    if not state.src.startswith("``", state.pos):
        return False
    close = state.src.find("''", state.pos + 2, state.posMax)
    if close < 0 or "``" in state.src[state.pos + 2 : close]:
        return False
    if not silent:
        state.push("text", "", 0).content = "\u201c"
    state.pos += 2
    return True


def _push_link(state: StateInline, url: str, text_start: int, text_end: int) -> None:
    safe = state.md.validateLink(url)
    if safe:
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": state.md.normalizeLink(url)}
    tokenize_range(state, text_start, text_end)
    if safe:
        state.push("link_close", "a", -1)


TIE = re.compile(r"~(?<=[^\s(\[{=<>]~)(?=\S)")
"""A tie between two words (`Fig.~3`, `et~al.`); after an opening bracket or a relation the
`~` is "about" (`(~8 M`, `N=~100`), as ADS's abstracts write it."""
EN_DASH = re.compile(r"--(?<=\s--)(?=\s)|--(?<=\d--)(?=\d)")
"""Each pattern starts with its literal and looks behind it, so the regex engine jumps from one
candidate to the next (a look-behind first is tried at every character of the text)."""


def _typeset_text(text: str) -> str:
    """LaTeX's `~` (no-break space), `--`/`---` dashes and closing quotes `''` in running text."""
    text = TIE.sub("\u00a0", text).replace("''", "\u201d")
    text = text.replace("---", "\u2014")
    return EN_DASH.sub("\u2013", text)


def _autolink(state) -> None:
    """Core rule: bare URLs in text become links; LaTeX typesetting marks become characters."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        link_depth = 0
        for token in block.children:
            if token.type == "link_open":
                link_depth += 1
            elif token.type == "link_close":
                link_depth -= 1
            if token.type != "text" or link_depth:
                children.append(token)
            elif "://" in token.content:
                children.extend(_split_urls(state, token))
            else:  # most text has no URL: the token stays, only typeset
                token.content = _typeset_text(token.content)
                children.append(token)
        _tie_across_tokens(children)
        block.children = children


_STARTS_SOLID = frozenset(("em_open", "strong_open", "link_open", "code_inline", "math_inline", "math_inline_double"))
_ENDS_SOLID = frozenset(("em_close", "strong_close", "link_close", "code_inline", "math_inline", "math_inline_double"))


def _tie_across_tokens(tokens: list[Token]) -> None:
    """A `~` between text and a command, a link or math (`utilize~\\emph{proxy}`, `$x$~and`) is
    a tie too: `TIE` sees one text token at a time."""

    def solid(token: Token, types: frozenset[str], edge: int) -> bool:
        if token.type == "text":
            return bool(token.content) and not token.content[edge].isspace()
        return token.type in types

    for n, token in enumerate(tokens):
        text = token.content
        if token.type != "text" or "~" not in text:
            continue
        after = n + 1 < len(tokens) and solid(tokens[n + 1], _STARTS_SOLID, 0)
        before = n > 0 and solid(tokens[n - 1], _ENDS_SOLID, -1)
        if text == "~":
            if before and after:
                token.content = "\u00a0"
            continue
        if text.endswith("~") and after and not text[-2].isspace():
            text = text[:-1] + "\u00a0"
        if text.startswith("~") and before and not text[1].isspace():
            text = "\u00a0" + text[1:]
        token.content = text


def _text_token(state, content: str) -> Token:
    from markdown_it.token import Token

    token = Token("text", "", 0)
    token.content = _typeset_text(content)
    return token


def _split_urls(state, token: Token) -> list[Token]:
    from markdown_it.token import Token

    text = token.content
    pieces: list[Token] = []
    position = 0
    for start, end, url in find_urls(text):
        if start < position:
            continue
        if start > position:
            pieces.append(_text_token(state, text[position:start]))
        label = url
        mangled = _MANGLED_HREF_TEXT.match(text, end)
        if mangled:
            label, end = mangled.group(1), mangled.end()
        link_open = Token("link_open", "a", 1)
        link_open.attrs = {"href": state.md.normalizeLink(url)}
        label_token = Token("text", "", 0)
        label_token.content = label
        pieces.extend([link_open, label_token, Token("link_close", "a", -1)])
        position = end
    if position < len(text):
        pieces.append(_text_token(state, text[position:]))
    return pieces


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin

    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.disable("html_inline").disable("html_block")
    md.validateLink = is_safe_url  # markdown-it lets `data:image/...` through; we allow web links only
    dollarmath_plugin(md, allow_space=False, allow_digits=True, double_inline=True)
    md.add_render_rule("math_inline", _render_math_inline)
    md.add_render_rule("math_inline_double", _render_math_block)
    md.add_render_rule("math_block", _render_math_block)
    md.add_render_rule("math_block_label", _render_math_block)
    md.inline.ruler.before("escape", "latex_command", _latex_command)
    md.inline.ruler.before("escape", "latex_character", _latex_character)
    md.inline.ruler.before("backticks", "latex_quotes", _latex_quotes)
    add_latex_rules(md)
    md.core.ruler.push("autolink_and_typeset", _autolink)
    return md


def title_html(title: str) -> str:
    """A title for headings and lists: escaped text, its `$…$` math as MathML, its `\\emph{…}`
    in italics."""
    return _title_parts(title, lambda words: html.escape(_title_words(words), quote=False), _math_to_mathml, "<i>{}</i>".format)


@lru_cache(maxsize=256)  # a paper page asks four times (`<title>`, meta tags, JSON-LD), close together
def plain_title(title: str) -> str:
    """A title as plain text, read as its heading is: its math readable, its emphasis plain
    (`<title>`, meta tags, feeds, exports)."""
    return " ".join(_title_parts(title, _title_words, formula_as_text, str).split())


def _title_parts(title: str, words: Callable[[str], str], formula: Callable[[str], str], emphasis: Callable[[str], str]) -> str:
    """A title made of its parts: `\\emph{…}` (`emphasis` of what it holds), `$…$` math
    (`formula` of the LaTeX) and the words around them."""

    def part(text: str) -> str:
        return around(text, TITLE_MATH.finditer(text), words, lambda m: formula(m.group(1)))

    title = formulas_as_latex(title)  # a title written by hand as a chemist writes it: `\ce{CO2}`
    return around(title, emphases(title), part, lambda m: emphasis(part(m.group(1))))


def render_markup(text: str) -> str:
    """HTML for an abstract or notes; safe to put in a page as it is."""
    md = _markdown()
    return md.renderer.render(_read(text), md.options, {})


@lru_cache(maxsize=8)  # a paper page reads its abstract for its meta tags, then for its HTML
def _read(text: str) -> list[Token]:
    """An abstract's Markdown read once, for its HTML and for its text."""
    return _markdown().parse(text)


@lru_cache(maxsize=64)  # the reference build asks for a paper's text a few times close together
# (its page twice, its RIS and CSL); the speed layer keeps each paper's as one of its fragments
def plain_abstract(text: str) -> str:
    """An abstract (or a page's Markdown) as one line of the text its page shows, read by the
    same Markdown: marks, escapes and entities as the page has them, math as readable text
    (list entries, meta descriptions, feeds' summaries, exports)."""
    pieces: list[str] = []
    for token in _read(text):
        if token.children is not None:
            _inline_text(token.children, pieces)
        elif token.type in _MATH_TOKENS:
            pieces.append(formula_as_text(token.content.strip()))
        elif token.type in ("code_block", "fence"):
            pieces.append(token.content)
        pieces.append(" ")
    return " ".join("".join(pieces).split())


_MATH_TOKENS = frozenset(("math_inline", "math_inline_double", "math_block", "math_block_label"))


def _inline_text(tokens: list[Token], pieces: list[str]) -> None:
    for token in tokens:
        if token.type in _MATH_TOKENS:
            pieces.append(formula_as_text(token.content.strip()))
        elif token.type in ("text", "text_special", "code_inline"):
            pieces.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
        elif token.children:  # an image: its alt text
            _inline_text(token.children, pieces)


def plain_text(text: str) -> str:
    """A title's words on one line, LaTeX's letters, text commands and escaped specials decoded
    (its math and `\\emph{…}` as written): titles compared with a scholarly service's."""
    return " ".join(_title_words(text).split())


_ESCAPED_SPECIAL = re.compile(r"\\([%&$_#])")


def _title_words(words: str) -> str:
    """A title's words outside math and emphasis as text: LaTeX's letters, the words of its text
    commands (`\\textsc{…}`, `\\href{url}{text}`), its escaped specials (`\\&`) and quotes. A `~`
    is the character, as in any title not written for LaTeX (`~1B Parameters`)."""
    words = re.sub(r"\\href\{([^{}]*)\}\{([^{}]*)\}", r"\2", words)
    words = _TEXT_COMMAND.sub(r"\1", decode_characters(latex_scripts_as_text(words)))
    return typeset_quotes(_ESCAPED_SPECIAL.sub(r"\1", words))
