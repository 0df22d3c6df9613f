"""Abstract text: LaTeX math as MathML on the server, LaTeX commands, links, safe degradation."""

from __future__ import annotations

import pytest

from site_builder.render.markup import plain_text, render_markup


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
