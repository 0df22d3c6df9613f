"""Abstract text: LaTeX math as MathML on the server, LaTeX commands, links, safe degradation."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.render.markup import EN_DASH, TIE, plain_text, render_markup
from site_builder.text.latex import TITLE_MATH


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("$N \\times K$", "<mi>N</mi><mo>&#x000D7;</mo><mi>K</mi>"),
        ("up to 17.9$\\times$ faster", "17.9<math"),
        ("emits $CO_2$", "<msub><mi>O</mi><mn>2</mn></msub>"),
        ("$> 10^{19}$ FLOPs", "<msup><mn>10</mn><mrow><mn>19</mn></mrow></msup>"),
        ("$\\textbf{3}\\times$ faster", '<mtext mathvariant="bold">3</mtext>'),
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
        ("see https://github.com/a/b.", '<p>see <a href="https://github.com/a/b">https://github.com/a/b</a>.</p>\n'),
        ("(at https://x.org/p)", '<p>(at <a href="https://x.org/p">https://x.org/p</a>)</p>\n'),
        ("\\emph{unclosed", "<p>\\emph{unclosed</p>\n"),
    ],
)
def test_latex_commands_and_links(text, html):
    assert render_markup(text) == html


def test_plain_text_for_metadata():
    assert plain_text("A \\emph{b} \\href{https://x.org}{c} 5\\% d~e") == "A b c 5% d e"


# The patterns as first written, a look-behind before the literal: plain to read, but tried at
# every character. The module's patterns start with the literal and must find the same.
PLAIN_TITLE_MATH = re.compile(r"(?<![\\$\w])\$(?=[^\s$])([^$]*?[^\s$\\])\$(?![\w$])")
PLAIN_TIE = re.compile(r"(?<=\S)~(?=\S)")
PLAIN_EN_DASH = re.compile(r"(?<=\s)--(?=\s)|(?<=\d)--(?=\d)")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="$\\ a1-~", max_size=10))
def test_the_fast_patterns_find_what_the_plain_ones_find(text):
    def found(pattern):
        return [(m.span(), m.groups()) for m in pattern.finditer(text)]

    assert found(TITLE_MATH) == found(PLAIN_TITLE_MATH)
    assert found(TIE) == found(PLAIN_TIE)
    assert found(EN_DASH) == found(PLAIN_EN_DASH)
