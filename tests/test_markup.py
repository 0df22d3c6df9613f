"""Abstract text: LaTeX math as MathML on the server, LaTeX commands, links, safe degradation."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.render.markup import EN_DASH, TIE, plain_abstract, plain_text, plain_title, render_markup, title_html
from site_builder.text.latex import ABSTRACT_MATH, TITLE_MATH
from site_builder.text.markdown import as_markdown


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("$N \\times K$", "<mi>N</mi><mo>&#x000D7;</mo><mi>K</mi>"),
        ("up to 17.9$\\times$ faster", "17.9<math"),
        ("emits $CO_2$", "<msub><mi>O</mi><mn>2</mn></msub>"),
        ("$> 10^{19}$ FLOPs", "<msup><mn>10</mn><mrow><mn>19</mn></mrow></msup>"),
        ("$\\textbf{3}\\times$ faster", '<mtext mathvariant="bold">3</mtext>'),
        ("about $\\sim$2x, $a \\sim b \\pm c$", "<mi>a</mi><mo>&#x0223C;</mo><mi>b</mi><mo>&#x000B1;</mo><mi>c</mi>"),
        ("$\\tilde{x}$ and $a~b$", '<mo stretchy="false">&#x0007E;</mo></mover>'),
    ],
)
def test_inline_math_becomes_mathml(text, inside):
    html = render_markup(text)
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">' in html
    assert inside in html


def test_money_is_not_math():
    assert render_markup("It costs $5 and $10.") == "<p>It costs $5 and $10.</p>\n"


def test_malformed_math_degrades_to_readable_text():
    html = render_markup("broken $\\frac{a}{$ and fine $x$")
    assert '<span class="math-fallback">$\\frac{a}{$</span>' in html or "\\frac{a}{" in html
    assert "<mi>x</mi>" in html


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("\\emph{very} \\textit{much}", "<p><em>very</em> <em>much</em></p>\n"),
        ("\\textbf{bold \\emph{both}}", "<p><strong>bold <em>both</em></strong></p>\n"),
        ("\\href{https://x.org/a}{the site}", '<p><a href="https://x.org/a">the site</a></p>\n'),
        ("50\\% of A~B -- C", "<p>50% of A\u00a0B \u2013 C</p>\n"),
        # a tie beside a command, a link or code, as beside a word; `~4x` after a space is "about"
        (
            "utilize~\\emph{proxy}~tasks, see~[it](https://x.org), `f`~g, ~4x",
            '<p>utilize\u00a0<em>proxy</em>\u00a0tasks, see\u00a0<a href="https://x.org">it</a>, <code>f</code>\u00a0g, ~4x</p>\n',
        ),
        ("see https://github.com/a/b.", '<p>see <a href="https://github.com/a/b">https://github.com/a/b</a>.</p>\n'),
        ("(at https://x.org/p)", '<p>(at <a href="https://x.org/p">https://x.org/p</a>)</p>\n'),
        ("\\emph{unclosed", "<p>\\emph{unclosed</p>\n"),
        # characters written with commands, as arXiv abstracts are: Markdown showed `Schr"odinger`
        (
            'Schr\\"odinger, Poincar\\\'e, Erd\\H{o}s, {\\"u}ber, na\\"{\\i}ve, \\ss',
            "<p>Schrödinger, Poincaré, Erdős, über, naïve, ß</p>\n",
        ),
        ("\\LaTeX{} \\ldots{} \\textsc{Caps} \\underline{u} \\omega \\unknown", "<p>LaTeX … Caps u ω \\unknown</p>\n"),
        # text-mode symbols, as ACM's and publishers' abstracts write them; as in LaTeX, the spaces
        # after a command's name end it (`\textmu m` is µm), and `{}` keeps the one after it
        ("2.5\\texttimes{} faster, 25\\textdegree C, \\S 3, 5\\textpm 1 \\textmu m", "<p>2.5× faster, 25°C, §3, 5±1 µm</p>\n"),
        ("Stra\\ss e, \\LaTeX is, a \\ldots{} b", "<p>Straße, LaTeX is, a … b</p>\n"),
        # math's symbols an abstract wrote outside math, as arXiv shows them: the symbols meant
        ("a 2\\times speed-up, \\sim 5%, \\alpha-stable, \\times{} 3, \\timesx", "<p>a 2× speed-up, ∼ 5%, α-stable, × 3, \\timesx</p>\n"),
        # LaTeX's quotes; two pairs were one Markdown code span from the first `` to the second
        ("a ``fast'' and ``cheap $x$ \\emph{b}'' c", "<p>a \u201cfast\u201d and \u201ccheap <math"),
        ("a lone ``quote and `code`", "<p>a lone ``quote and <code>code</code></p>\n"),
        # LaTeX's other forms: Markdown's escapes showed `\(x\)` as `(x)` and `5\,GB` as `5,GB`
        ("bound \\(x\\) here", "<p>bound <math"),
        ("a \\[1\\] and a \\> b \\![no](image)", '<p>a [1] and a &gt; b !<a href="image">no</a></p>\n'),  # Markdown's escapes
        ("an \\( alone and \\(\\) empty", "<p>an ( alone and () empty</p>\n"),
        ("{\\em new} {\\bf bold} {\\tt f} {\\sc Caps}", "<p><em>new</em> <strong>bold</strong> <code>f</code> Caps</p>\n"),
        ("{\\emph not a switch}", "<p>{\\emph not a switch}</p>\n"),
        ("e.g.\\ this, 5\\,GB, et al.\\@ done", "<p>e.g. this, 5\u202fGB, et al. done</p>\n"),
        ("CO\\textsubscript{2} at x\\textsuperscript{th}", "<p>CO<sub>2</sub> at x<sup>th</sup></p>\n"),
        # an abstract has no bibliography: a citation shows its keys, a label nothing
        ("as in~\\cite{smith2020} and \\citep[p.~3]{a, b}.\\label{x}", "<p>as in\u00a0[smith2020] and [a, b].</p>\n"),
    ],
)
def test_latex_commands_and_links(text, html):
    rendered = render_markup(text)
    assert rendered.startswith(html) if html.endswith("<math") else rendered == html


def test_every_text_symbol_pylatexenc_knows_is_decoded_in_abstracts_and_titles():
    """The family, not the examples: each text-mode command that pylatexenc prints as one symbol
    is shown as that symbol, but the few `TEXT_SYMBOLS` says it leaves as written."""
    from pylatexenc import latex2text, latexwalker

    text_db, parse_db = latex2text.get_default_latex_context_db(), latexwalker.get_default_latex_context_db()
    names = {name for category in text_db.category_list for name in text_db.d[category]["macros"] if name.startswith("text")}
    left = {"textdollar", "textbackslash", "textasciigrave", "textcompwordmark"}
    symbols = {}
    for name in sorted(names - left):
        printed = text_db.get_macro_spec(name).simplify_repl
        parser = getattr(parse_db.get_macro_spec(name), "args_parser", None)
        if isinstance(printed, str) and printed.strip() and "%" not in printed and not getattr(parser, "argspec", ""):
            symbols[name] = printed
    assert len(symbols) > 90
    for name, printed in symbols.items():
        assert render_markup(f"a \\{name}{{}} b") == f"<p>a {html.escape(printed, quote=False)} b</p>\n", name
        assert plain_title(f"A \\{name} B") == f"A {printed}B", name  # as LaTeX: the space ends the name


def test_a_tie_beside_math_is_a_no_break_space():
    assert render_markup("for $x$~and $y$~$z$").count("</math>\u00a0") == 2


def test_plain_text_for_metadata():
    assert plain_text("A \\emph{b} \\href{https://x.org}{c} 5\\% R\\&D \\#1 a\\_b") == "A b c 5% R&D #1 a_b"
    assert plain_text("Training ~1B Models") == "Training ~1B Models"  # "about": titles are not LaTeX
    assert plain_text("Schr\\\"odinger's \\textsc{Caps}\\ldots") == "Schrödinger's Caps…"
    assert plain_text("``Quoted'' words, ``twice''") == "\u201cQuoted\u201d words, \u201ctwice\u201d"
    assert title_html("``Quoted'' Title") == "\u201cQuoted\u201d Title"


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["~", "\\", "\\&", "&", "\\%", "\\$", "\\_", "<i>", "a", "1", " ", "\\emph{", "\\textsc{", "{", "}", "``", "''", '\\"o']
        ),
        max_size=14,
    ).map("".join)
)
def test_a_title_as_text_is_the_text_of_its_heading(title):
    """`<title>`, meta tags, feeds and RIS show a title as text, headings and lists as HTML: both
    read its LaTeX the same way (math aside, held by the tests below)."""
    shown = html.unescape(re.sub(r"<[^>]+>", "", title_html(title)))
    assert plain_title(title) == " ".join(shown.split())


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Dust: H$\\alpha$ Emission at $z > 2$", "Dust: Hα Emission at z > 2"),
        ("CO$_2$ on Fe$_3$O$_4$ and $k$-means", "CO₂ on Fe₃O₄ and k-means"),
        ("A 10$^{-4}$ Error Rate", "A 10⁻⁴ Error Rate"),
        ("Costs $5 and $10, or $5-$10", "Costs $5 and $10, or $5-$10"),
    ],
)
def test_titles_read_math_as_pandoc_does(title, text):
    assert plain_title(title) == text
    assert title_html(title).count("<math") == (0 if "Costs" in title else title.count("$") // 2)


def test_a_titles_emphasis_is_italic_on_pages_and_words_elsewhere():
    title = "Genome of \\emph{Oryza australiensis} and \\textit{$\\alpha$-synuclein} <x>"
    html = title_html(title)
    assert html.startswith("Genome of <i>Oryza australiensis</i> and <i><math ") and html.endswith("-synuclein</i> &lt;x&gt;")
    assert plain_title(title) == "Genome of Oryza australiensis and α-synuclein <x>"
    # inside math, `\\textit` is the formula's own
    assert title_html("Bounds for $\\textit{k}$-means").startswith("Bounds for <math ")


@pytest.mark.parametrize(
    ("abstract", "text"),
    [
        ("up to 17.9$\\times$ faster, $\\textbf{3.7}\\times$ smaller", "up to 17.9× faster, 3.7× smaller"),
        ("$CO_2$ at $10^{-4}$ in $O(n^2)$ for $x_i$", "CO₂ at 10⁻⁴ in O(n²) for x_i"),
        ("costs $5 and $10; a \\$3 fee", "costs $5 and $10; a $3 fee"),
        ("$$E = mc^2$$ and only $ one", "E = mc² and only $ one"),
    ],
)
def test_abstracts_shown_as_text_read_their_math_as_the_paper_page_does(abstract, text):
    assert plain_abstract(abstract) == text


@pytest.mark.parametrize(
    ("abstract", "text"),
    [
        ("latency down by ~30% and memory by ~2x", "latency down by ~30% and memory by ~2x"),
        ("see Fig.~3, a ~ b", "see Fig. 3, a ~ b"),
        # after an opening bracket or a relation, as ADS's abstracts write it: "about"
        ("stars of (~8 M) and N=~100, [~2x]", "stars of (~8 M) and N=~100, [~2x]"),
        ("snake\\_case, 5\\%, \\$3, \\& and \\#1", "snake_case, 5%, $3, & and #1"),
        ("R&amp;D, &lt;eos&gt; and &#x27;q&#x27;", "R&D, <eos> and 'q'"),
        ("**strong**, *it*, `code_x` and [a link](https://x.org)", "strong, it, code_x and a link"),
        ("# About\n\nWe are a lab.\n\n- one\n- two\n\n![Our *lab*](lab.png)", "About We are a lab. one two Our lab"),
        ("a -- b, pages 1--2, x---y", "a \u2013 b, pages 1\u20132, x\u2014y"),
    ],
)
def test_abstracts_shown_as_text_say_what_the_paper_page_says(abstract, text):
    """`~30%` is "about 30%" on the page, and must not lose its `~` in a list entry; Markdown's
    marks, escapes and entities are the page's, not letters to show."""
    assert plain_abstract(abstract) == text


_BLOCK_TAG = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|pre|blockquote|hr|br)\b[^>]*>")


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "*",
                "_",
                "~",
                "\\",
                "&amp;",
                "&",
                "`",
                "[",
                "](u)",
                "#",
                "-",
                "--",
                "1.",
                ">",
                " ",
                "\n",
                "a",
                "1",
                "\\emph{",
                "{\\em ",
                "\\,",
                "\\ ",
                "\\cite{k}",
                "\\textsubscript{",
                "}",
                "``",
                "''",
            ]
        ),
        max_size=14,
    ).map("".join)
)
def test_an_abstract_as_text_is_the_text_of_its_page(text):
    """List entries, feeds and meta descriptions show an abstract as text, the paper page as
    HTML: both read the same Markdown, so the text is the page's without its tags (math aside:
    MathML against readable text, held by the tests above)."""
    page = _BLOCK_TAG.sub(" ", render_markup(text))
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert plain_abstract(text) == " ".join(shown.split())


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["$", "$$", " ", "a", "1", "\\times", "\\$", "-"]), max_size=12).map("".join))
def test_text_kept_outside_math_is_outside_the_paper_pages_math(text):
    """LaTeX letters are decoded outside math only (`decode_characters`, by `ABSTRACT_MATH`); the
    paper page renders the abstract with markdown-it. Both must take the same stretches for math
    (within a line of text: the text starts with a word, so it is no display block)."""
    text = "a " + text.strip()
    page = render_markup(text)
    formulas = page.count("<math") + page.count('class="math-fallback"')
    assert len(ABSTRACT_MATH.findall(text)) == formulas


# The patterns as first written, a look-behind before the literal: plain to read, but tried at
# every character. The module's patterns start with the literal and must find the same.
PLAIN_TITLE_MATH = re.compile(r"(?<![\\$])\$(?=[^\s$])([^$]*?[^\s$\\])\$(?![\d$])")
PLAIN_TIE = re.compile(r"(?<=[^\s(\[{=<>])~(?=\S)")
PLAIN_EN_DASH = re.compile(r"(?<=\s)--(?=\s)|(?<=\d)--(?=\d)")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="$\\ a1-~(=", max_size=10))
def test_the_fast_patterns_find_what_the_plain_ones_find(text):
    def found(pattern):
        return [(m.span(), m.groups()) for m in pattern.finditer(text)]

    assert found(TITLE_MATH) == found(PLAIN_TITLE_MATH)
    assert found(TIE) == found(PLAIN_TIE)
    assert found(EN_DASH) == found(PLAIN_EN_DASH)


@pytest.mark.parametrize(
    "written",
    [
        "We use a 3*3 kernel and 5*5 pooling.",
        "Costs grow as n**2 and m*n*k.",
        "A*B*C, 2*3*4 and a_b*c_d",
        "# of parameters drops by half.",
        "Background.\n\n2019. We show it.\n\n3) It holds.\n\n- not a list\n\n> not a quote\n\n* * *",
    ],
)
def test_text_that_was_never_markdown_shows_as_written(written):
    """A listing's or a .bib's abstract, written by `as_markdown` into a paper's body: its stars
    multiply (`3<em>3 kernel and 5</em>5` otherwise), and a paragraph's first characters start
    no heading, list, quote or rule."""
    html = render_markup(as_markdown(written))
    assert not re.search(r"<(?:em|strong|h\d|ol|ul|blockquote|hr)\b", html), html
    assert html.count("<p>") == written.count("\n\n") + 1
    assert plain_abstract(as_markdown(written)) == " ".join(written.split())


def test_a_formula_with_spaces_inside_its_dollars_is_math_and_a_price_is_not():
    """ADS's abstracts (and some arXiv ones) space their formulas (`( $ \\dot M \\lesssim 10^{-9} $ M`):
    math to LaTeX and MathJax, a dollar sign then text to Markdown. Written close to its dollars,
    the formula is math on the page; two prices are left as they are."""
    written = "gravities ( $\\log g\\sim $ 5), winds ( $ \\dot M \\lesssim 10^{-9} $ M), and $ x_1 $; costs $5 and $10 each"
    assert as_markdown(written) == (
        "gravities ( $\\log g\\sim$ 5), winds ( $\\dot M \\lesssim 10^{-9}$ M), and $x_1$; costs $5 and $10 each"
    )
    html = render_markup(as_markdown(written))
    assert html.count("<math") == 3 and "costs $5 and $10 each" in html and "\\dot" not in html


def test_stars_in_math_are_left_to_the_math():
    assert as_markdown("As $n*m$ and n*m.") == "As $n*m$ and n\\*m."


def test_markdown_s_escapes_of_a_period_and_a_tilde_are_no_latex_accents():
    """LaTeX's `\\.` and `\\~` are accents when a letter follows at once (`\\.{I}stanbul`); after a
    space they are Markdown's escapes: `2019\\. We` keeps a paragraph from being a list."""
    assert render_markup("2019\\. We show \\~ about \\.{I}stanbul").strip() == "<p>2019. We show ~ about İstanbul</p>"
