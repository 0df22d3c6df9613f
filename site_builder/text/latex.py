"""LaTeX in BibTeX values, decoded: text to Unicode with its math kept, identifiers to plain text.

`M{\\"u}ller` -> Müller, `--` -> –, `\\&` -> &; `$…$` and `\\(…\\)` math stay as `$…$` (pages
render it as MathML). A DOI, URL or id is not LaTeX text: only its escapes are undone
(`10.1007/978-3-030-86044-8\\_5` -> `…8_5`, `\\url{…}` -> the address), so links keep working.
"""

from __future__ import annotations

import html
import html.entities
import re
from functools import lru_cache

from site_builder.text.chemistry import formulas_as_latex
from site_builder.text.latex_commands import latex_contexts
from site_builder.text.spans import around, kept
from site_builder.text.tags import SCRIPTS

_MATH = re.compile(r"(?<!\\)\$(?:\\.|[^$\\])+\$|\\\((.+?)\\\)")
"""`$…$` (an escaped `\\$` is a dollar sign, not math) and `\\(…\\)`."""
_URL_COMMAND = re.compile(r"\\(?:url|href|nolinkurl|path)\s*\{([^{}]*)\}(?:\{[^{}]*\})?")
_ESCAPED = re.compile(r"\\([_%&#$~{}])")


@lru_cache(maxsize=1)
def _decoder():
    """pylatexenc's LaTeX-to-text with the commands of `latex_commands`, and its parsing context."""
    import logging

    from pylatexenc.latex2text import LatexNodes2Text  # imported late: only BibTeX import needs it

    logging.getLogger("pylatexenc").setLevel(logging.CRITICAL)  # mid-import terminal noise; `review` says what matters
    text, parsing = latex_contexts()
    return LatexNodes2Text(latex_context=text), parsing


def is_known_command(name: str) -> bool:
    """Whether `\\name` is a LaTeX command `decode_latex` knows (`textbf`, `alpha`, `frac`)."""
    context = _decoder()[0].latex_context
    return context.get_macro_spec(name) is not context.unknown_macro_spec


def unknown_commands(text: str) -> list[str]:
    """The LaTeX commands outside math in `text` that `decode_latex` does not know (a paper's
    own `\\sysname`), which it shows by their names."""
    context = _decoder()[0].latex_context
    outside_math = _MATH.sub(" ", formulas_as_latex(text))
    names = dict.fromkeys(re.findall(r"\\([A-Za-z]+)", outside_math))
    return [f"\\{name}" for name in names if context.get_macro_spec(name) is context.unknown_macro_spec]


_HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BARE_SPECIAL = re.compile(r"(?<!\\)[&%]")
"""LaTeX's column separator and comment sign, which a title or a journal's name means as
themselves (`R&D`, `50% faster`): escaped before LaTeX reads the text, else it drops them (and,
after `%`, the rest of the line)."""


def _entity(match: re.Match) -> str:
    """An HTML character reference's character; an unknown name (`&notanentity;`) stays."""
    reference = match.group()
    return html.unescape(reference) if reference[1] == "#" or reference[1:] in html.entities.html5 else reference


def decode_entities(text: str) -> str:
    """`&amp;`, `&eacute;`, `&#233;` as their characters; a `&` without a known reference closed
    by `;` stays as written (`R&D`, `&notable`, which `html.unescape` would make `¬able`)."""
    return _HTML_ENTITY.sub(_entity, text) if "&" in text else text


_ESCAPED_DOLLARS = re.compile(r"\{\\\$\}(.+?)\{\\\$\}")
_MATH_SIGNS = re.compile(r"\\[A-Za-z]+|[\^_=<>]|\{\\(?:textless|textgreater|_|\^)\}")
_ESCAPED_IN_MATH = (("{\\textless}", "<"), ("{\\textgreater}", ">"), ("{\\_}", "_"), ("{\\^}", "^"))


def escaped_math_as_math(text: str) -> str:
    """Mendeley escapes every `$` it exports, so a title's `$\\alpha$` comes out as
    `{\\$}\\alpha{\\$}`, which LaTeX prints as dollar signs beside an error. A pair whose text
    reads as math (a command, `^`, `_`, `=`, `<`) is made math again, with the escapes Mendeley
    put inside undone; a price (`{\\$}5 and {\\$}10`) stays as written."""
    if "{\\$}" not in text:
        return text

    def restored(match: re.Match) -> str:
        inner = match.group(1)
        if "$" in inner or not _MATH_SIGNS.search(inner) or len(inner.split()) > 4:
            return match.group()
        for escaped, plain in _ESCAPED_IN_MATH:
            inner = inner.replace(escaped, plain)
        return f"${inner}$"

    return _ESCAPED_DOLLARS.sub(restored, text)


def decode_latex(text: str) -> str:
    """LaTeX text -> Unicode with single spaces; math kept as `$…$`. HTML entities, which
    EndNote and Crossref exports leave in (`&amp;`, `&eacute;`), become their characters, and a
    bare `&` or `%` is kept as written (see `_BARE_SPECIAL`)."""
    text = formulas_as_latex(escaped_math_as_math(decode_entities(text)))
    if not any(c in text for c in "\\{}$~-`'"):
        return " ".join(text.split())
    decoded = around(text, _MATH.finditer(text), _as_text, lambda m: f"${m.group(1)}$" if m.group(1) is not None else m.group())
    return " ".join(decoded.replace("\u00a0", " ").split())


def _as_text(latex: str) -> str:
    """LaTeX outside math as Unicode, its bare `&` and `%` as themselves."""
    return _converted(_BARE_SPECIAL.sub(r"\\\g<0>", latex))


def _converted(latex: str) -> str:
    """pylatexenc's text for `latex`; where its parser gives up on broken LaTeX (`\\href{x}` with
    one argument, a `\\verb` at the end) and raises, the text with its commands taken out and its
    braces opened, so that one odd field never stops an import."""
    text, parsing = _decoder()
    try:
        return text.latex_to_text(latex, latex_context=parsing)
    except Exception:  # pylatexenc raises IndexError, AttributeError, its own errors: any is its bug or our input's
        return _ESCAPED.sub(r"\1", re.sub(r"\\[A-Za-z@]+\*?\s*|\\(?=[^_%&#$~{}])|[{}]", "", latex))


_HTML_LINK = re.compile(r"<a\b[^<>]*?\bhref\s*=\s*([\"'])(.+?)\1[^<>]*>", re.I | re.S)


def braces_pair(text: str) -> bool:
    """Whether every brace of `text` pairs, as BibTeX counts them (escaped ones too): none closes
    before it opens, and all are closed."""
    depth = 0
    for char in text:
        if char in "{}":
            depth += 1 if char == "{" else -1
            if depth < 0:
                return False
    return depth == 0


def decode_identifier(text: str, keep_spaces: bool = False) -> str:
    """A DOI, URL, id or path as BibTeX holds it -> the plain text it stands for. Whitespace
    goes (a wrapped line puts it inside long DOIs and URLs), unless `keep_spaces`: a file name's
    own spaces (`My Paper.pdf`) are then kept, one for each run. A field written as an HTML link
    (`url = {<a href="https://…">Paper</a>}`, as some sites' .bib files have it) stands for
    the address it links."""
    link = _HTML_LINK.search(text)
    if link:
        text = html.unescape(link.group(2))
    value = _URL_COMMAND.sub(lambda m: m.group(1), text.strip())
    value = _ESCAPED.sub(lambda m: m.group(1), value)
    value = value.replace("\\textasciitilde{}", "~").replace("\\textasciitilde", "~").replace("\\~{}", "~")
    value = value.replace("{", "").replace("}", "")
    return (" " if keep_spaces else "").join(value.split())


TITLE_MATH = re.compile(r"\$(?<![\\$]\$)(?=[^\s$])([^$]*?[^\s$\\])\$(?![\d$])")
"""`$…$` in a title, as pandoc reads it: no space just inside the dollars and no digit just after
the closing one, so `costs $5 and $10` stays text while `H$\\alpha$`, `CO$_2$` and `$k$-means` are
math. (The pattern starts with the `$` and looks behind it, so the regex engine can jump from
one `$` to the next: a look-behind first is tried at every character of an abstract.)"""


EMPHASIS = re.compile(r"\\(?:emph|textit)\s*\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}")
"""`\\emph{…}` or `\\textit{…}` in a title: a species, a gene or a book's name in italics, as
journals print it (`… of \\emph{Oryza australiensis}`); braces inside to two levels (math)."""


def emphases(title: str) -> list[re.Match]:
    """A title's `\\emph{…}`s, but for those inside its math (`$\\textit{k}$` is the formula's)."""
    if "\\" not in title:
        return []
    formulas = [m.span() for m in TITLE_MATH.finditer(title)] if "$" in title else []
    return [m for m in EMPHASIS.finditer(title) if not any(start < m.start() < end for start, end in formulas)]


def without_emphasis(title: str) -> str:
    """A title's emphasised words as plain words: `\\emph{Oryza}` -> `Oryza`."""
    return around(title, emphases(title), str, lambda m: m.group(1))


_ACCENTED = r"(?:['`^\"~=.](?:\{\\?[A-Za-z]\}|\\?[A-Za-z])|[uvHckrdbt]\s*\{\\?[A-Za-z]\})"
"""An accented letter: a sign's accent right before its letter (`\\"o`, `\\'{e}`); after a space,
`1\\. We` and `\\~ about` are Markdown's escapes of a period and a tilde, not `Ẇe` and `ãbout`."""
_LETTERS = r"(?:ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])"
TEXT_SYMBOLS = (
    "ldots dots textellipsis copyright textcopyright textregistered texttrademark textservicemark"
    " textcircledP textendash textemdash textbullet textopenbullet textperiodcentered textasteriskcentered"
    " textdagger textdaggerdbl dag ddag S P textsection textparagraph textreferencemark textnumero textrecipe"
    " textestimated textdiscount textinterrobang textexclamdown textquestiondown textquotedblleft textquotedblright"
    " textquoteleft textquoteright textquotesingle quotedblbase quotesinglbase guillemotleft guillemotright"
    " guilsinglleft guilsinglright textless textgreater textbar textbrokenbar textdoublepipe textunderscore"
    " textasciitilde texttildelow textasciicircum textasciiacute textacutedbl textasciibreve textasciicaron"
    " textasciidieresis textasciimacron textlangle textrangle textleftarrow textrightarrow textuparrow"
    " textdownarrow texttimes textdiv textpm textmp textlnot textfractionsolidus textdegree textcelsius textmu"
    " textohm textmho textperthousand textpertenthousand textonehalf textonequarter textthreequarters"
    " textonesuperior texttwosuperior textthreesuperior textordfeminine textordmasculine textcent textcurrency"
    " textsterling pounds texteuro euro textyen textwon textbaht textdong textlira textnaira textpeso"
    " textcolonmonetary textflorin texttheta textTheta textvartheta textphi textschwa textglotstop texthvlig"
    " textnrleg textturnk textbigcircle textmusicalnote textblank textvisiblespace"
).split()
"""Text-mode commands that print one symbol (`2.5\\texttimes{}`, ACM's abstracts; `25\\textdegree C`,
`\\S 3`): every one pylatexenc knows but `\\textdollar` and `\\textbackslash`, which would make
math or a command of the text they are decoded into, `\\textasciigrave`, a code span's mark, and
`\\textcompwordmark`, which prints nothing."""
_SYMBOLS = "(?:" + "|".join(sorted(TEXT_SYMBOLS, key=len, reverse=True)) + ")(?![A-Za-z])"
_LOGOS = r"(?:LaTeX|TeX|BibTeX)(?![A-Za-z])"
LATEX_CHARACTER = re.compile(
    rf"\{{\\(?:{_ACCENTED}|{_LETTERS})\}}|\\{_ACCENTED}|\\{_LOGOS}(?:\{{\}})?|\\(?:{_LETTERS}|{_SYMBOLS})(?:\{{\}}|[ \t]+)?"
)
"""A character LaTeX writes with a command: an accented letter (`\\"o`, `\\'{e}`, `{\\"u}`,
`\\H{o}`), a letter of its own (`\\ss`, `{\\o}`), a symbol or logo (`\\ldots`, `\\texttimes{}`,
`\\LaTeX{}`). The spaces after a letter's or a symbol's name end the name and print nothing, as
in LaTeX (`10\\,\\textmu m` is 10 µm, `Stra\\ss e` Straße); a logo is a word, and keeps them."""


def decode_characters(text: str) -> str:
    """The characters of `LATEX_CHARACTER` as Unicode, outside `$…$` math (`$1,\\dots,n$` stays
    LaTeX): for text people write with LaTeX in it (a listing's title, a paper file's)."""
    if "\\" not in text:
        return text
    return around(text, ABSTRACT_MATH.finditer(text), lambda words: LATEX_CHARACTER.sub(_decoded_character, words), kept)


def _decoded_character(found: re.Match) -> str:
    return decode_latex(found.group())


LATEX_QUOTES = re.compile(r"``(?=\S)((?:(?!``).)*?\S)''")
"""LaTeX's double quotes, ``…'', which BibTeX and arXiv titles and abstracts write."""


def typeset_quotes(text: str) -> str:
    """LaTeX's ``…'' as “…”, for text shown as it is (a title, a plain abstract)."""
    return LATEX_QUOTES.sub("\u201c\\1\u201d", text) if "``" in text else text


def title_as_text(title: str) -> str:
    """A title as text, for places that take no markup: its math readable, its emphasis plain."""
    return math_as_text(without_emphasis(title))


def math_as_text(text: str) -> str:
    """A title's `$…$` math as readable text (`$\\alpha$-Net` -> `α-Net`), for places that take
    no markup: `<title>`, meta tags, feeds, RIS and CSL-JSON, slugs."""
    if "$" not in text:
        return text
    return TITLE_MATH.sub(lambda m: formula_as_text(m.group(1)), text)


ABSTRACT_MATH = re.compile(r"\$(?<!\\\$)(?:\$((?:\\.|[^\\$]|\$(?!\$))+)\$\$|(?!\s)((?:\\.|[^$\\])+)(?<!\s)\$)", re.S)
"""`$…$` and `$$…$$` in an abstract, as its paper page's Markdown reads them: no space just
inside the dollars, a digit beside them allowed (`17.9$\\times$ faster`), an escaped `\\$` never
one; `$$…$$` ends at the first `$$`. (`costs $5 and $10` is no math: a space comes before the
second `$`.)"""


@lru_cache(maxsize=4096)  # `$\\times$`, `$O(n)$`, `$\\sim$`: a site's abstracts share their formulas
def formula_as_text(latex: str) -> str:
    """A formula as readable text: `\\alpha` -> `α`, `CO_2` -> `CO₂`, `10^{-4}` -> `10⁻⁴`."""
    return " ".join(_converted(_SCRIPT.sub(_script_as_unicode, latex)).split())


_SCRIPT = re.compile(r"([_^])(?:\{\s*([0-9+\-=()]+)\s*\}|([0-9+\-=()]))")
"""A sub- or superscript of digits and signs (`CO_2`, `10^{-4}`), which Unicode can write."""


def _script_as_unicode(match: re.Match) -> str:
    return (match.group(2) or match.group(3)).translate(SCRIPTS["sub" if match.group(1) == "_" else "sup"])
