"""What the LaTeX commands of `.bib` fields mean as text, beyond what pylatexenc knows.

pylatexenc's own tables leave out much that bibliographies hold: `\\mbox{GPT-4}` has no text there
(the words were lost), `\\textless` and `\\copyright` no symbol, `\\relax` and `\\bf` nothing to drop,
and its text for `\\href{url}{text}` asks for an argument its parser never reads (it raised). A
command that is in none of the tables is a paper's own (`\\sysname`): it is shown by its name, so
nothing the writer put there vanishes, and `latex.unknown_commands` names it for the review.
"""

from __future__ import annotations

from functools import partial

from site_builder.text.tags import in_unicode_script

LOGOS = {"LaTeX": "LaTeX", "LaTeXe": "LaTeX2ε", "TeX": "TeX", "BibTeX": "BibTeX", "XeTeX": "XeTeX", "LuaTeX": "LuaTeX"}

SYMBOLS = {
    "textless": "<", "textgreater": ">", "textbar": "|", "textunderscore": "_", "copyright": "©", "S": "§", "P": "¶",
    "ddag": "‡", "ddagger": "‡", "pounds": "£", "euro": "€", "checkmark": "✓", "Letter": "✉", "SS": "SS",
    "enspace": " ", "thinspace": " ", "negthinspace": "", "newline": " ", "linebreak": " ", "break": " ",
}  # fmt: skip
"""Commands that print a character (or a space) of their own."""

SILENT = (
    "relax", "protect", "noindent", "xspace", "ignorespaces", "unskip", "nobreak", "allowbreak", "hfill", "hfil",
    "null", "leavevmode", "sloppy", "smallskip", "medskip", "bigskip", "normalfont", "bfseries", "itshape", "scshape",
    "mdseries", "upshape", "bf", "it", "em", "rm", "sc", "tt", "sf", "sl", "tiny", "scriptsize", "footnotesize",
    "small", "normalsize", "large", "Large", "LARGE", "huge", "Huge",
)  # fmt: skip
"""Commands that change how text looks, or spacing, and print nothing themselves."""

SORT_ONLY = ("noopsort", "SortNoop", "sortnoop", "NOOPSORT", "noop", "nosort", "NoOp")
"""The names a .bib's `@preamble` usually gives a command that prints nothing and only sorts
(`{\\noopsort{Vries}}{de Vries}, Jan`); a .bib defining another name is read by `bibread`."""

DROPPED = {"selectlanguage": "{", "color": "[{", "label": "{", "thanks": "{", **dict.fromkeys(SORT_ONLY, "{")}
"""Commands whose arguments are settings or asides, not the field's text: argument specs."""

KEPT_TEXT = {
    "mbox": "{", "hbox": "{", "fbox": "{", "makebox": "[[{", "textnormal": "{", "textup": "{", "textsf": "{",
    "texttt": "{", "textmd": "{", "underline": "{", "uline": "{",
    "NoCaseChange": "{", "url": "{", "nolinkurl": "{", "path": "{", "operatorname": "*{", "foreignlanguage": "[{{",
    "bibinfo": "{{", "bibfield": "{{",
}  # fmt: skip
"""Commands whose last argument is the text (`\\mbox{GPT-4}`, `\\foreignlanguage{german}{Straße}`;
`\\url{x}` is the address, not pylatexenc's `<x>`): argument specs."""

SCRIPTS = {"textsuperscript": "sup", "textsubscript": "sub"}
"""Commands that raise or lower their argument: in Unicode's forms where it has them
(`10\\textsuperscript{5}` is 10⁵, not 105), else the text (`1\\textsuperscript{st}` is 1st)."""

CASED = {"MakeUppercase": str.upper, "uppercase": str.upper, "MakeLowercase": str.lower, "lowercase": str.lower}
"""Commands that print their argument in other letters (`{\\MakeUppercase{t}}hings`)."""

ARGUMENTS = {"href": "{{", **DROPPED, **KEPT_TEXT, **dict.fromkeys((*SCRIPTS, *CASED), "{")}
"""Argument specs for pylatexenc's parser, which does not know these commands take any."""


def latex_contexts():
    """pylatexenc's (text context, parsing context), completed with the tables above."""
    from pylatexenc import latexwalker
    from pylatexenc.latex2text import MacroTextSpec, get_default_latex_context_db
    from pylatexenc.macrospec import MacroSpec

    def followed(text: str):  # a space after a command that prints something is a space, as meant
        return lambda node: text + node.macro_post_space

    def last_argument(node, l2tobj) -> str:
        arguments = [argument for argument in (node.nodeargd.argnlist if node.nodeargd else []) if argument is not None]
        return l2tobj.nodelist_to_text(arguments[-1:])

    text = get_default_latex_context_db()
    macros = [MacroTextSpec(name, simplify_repl=followed(shown)) for name, shown in LOGOS.items()]
    macros += [MacroTextSpec(name, simplify_repl=symbol) for name, symbol in SYMBOLS.items()]
    macros += [MacroTextSpec(name, "") for name in (*SILENT, *DROPPED)]
    macros += [MacroTextSpec(name, simplify_repl=last_argument) for name in KEPT_TEXT]
    changes = {**CASED, **{name: partial(_in_script, kind) for name, kind in SCRIPTS.items()}}
    macros += [MacroTextSpec(name, simplify_repl=_changed(last_argument, change)) for name, change in changes.items()]
    text.add_context_category("site_builder", macros=macros, prepend=True)
    text.set_unknown_macro_spec(MacroTextSpec("", simplify_repl=lambda node: node.macroname + node.macro_post_space))
    parsing = latexwalker.get_default_latex_context_db()
    parsing.add_context_category("site_builder", macros=[MacroSpec(name, spec) for name, spec in ARGUMENTS.items()], prepend=True)
    return text, parsing


def _changed(text_of, change):
    return lambda node, l2tobj: change(text_of(node, l2tobj))


def _in_script(kind: str, text: str) -> str:
    return in_unicode_script(kind, text.strip())
