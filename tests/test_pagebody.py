"""A publication page's text as an abstract, its links and its byline, in the shapes labs' own
pages give them."""

from __future__ import annotations

import pytest

from site_builder.importing.pagebody import hugo_page_text, page_abstract, page_byline


@pytest.mark.parametrize(
    ("text", "abstract"),
    [
        # an abstract's last sentence that says `citation` is no label of the BibTeX below it
        ("We study how citation graphs grow.\n\n```bibtex\n@article{x, title={T}}\n```\n", "We study how citation graphs grow."),
        ("Intro.\n\n## Citation\n\n```\n@article{x, title={T}}\n```\n", "Intro."),
        ("Intro.\n\n<p>BibTeX formatted citation: </p>\n\n<pre>\n@article{x, title={T}}\n</pre>", "Intro."),
        ("Byline.\n\n# Abstract\nWe integrate.\n\n# Figures\n![f](f.png)", "We integrate."),
        ("Abstract\n-------\nWe integrate.\n", "We integrate."),
        ("Available: x\n\nAbstract: \n\n>Quoted abstract.\n\nBibtex:\n", "Quoted abstract."),
        ("<p style='a'>We <i>study</i> CO<sub>2</sub>.</p>\n\n[//]: # (hidden)\n<!-- gone -->", "We *study* CO₂."),
        ("No structure at all, just the abstract.", "No structure at all, just the abstract."),
        ("$a<b$ and <b>bold</b>", "$a<b$ and **bold**"),  # math keeps its `<`
    ],
)
def test_the_abstract_is_what_the_page_shows_as_its_abstract(text, abstract):
    assert page_abstract(text)[0] == abstract


def test_lines_made_only_of_links_are_the_papers_links_and_other_links_stay_in_the_text():
    text = (
        "[[paper](https://a.org/p.pdf)] [[code](https://github.com/a/b)]\n\nSee [our blog](https://b.org) for more.\n\n- [Slides](/s.pdf)"
    )
    abstract, links = page_abstract(text)
    assert links == [("paper", "https://a.org/p.pdf"), ("code", "https://github.com/a/b"), ("slides", "/s.pdf")]
    assert abstract == "See [our blog](https://b.org) for more."


def test_a_byline_with_marks_and_their_legend():
    text = (
        "**Hao Wen**<sup>†</sup>, **Jing Huang**<sup>†</sup>, Kun Li<sup>*</sup>  \n<sup>†</sup> Equal contribution.\n\n## Abstract\n\nX."
    )
    assert page_byline(text) == ([("Hao Wen", "†"), ("Jing Huang", "†"), ("Kun Li", "*")], "† Equal contribution.")
    assert page_byline("We study things, and more things.\n\nX.") == ([], "")  # a sentence is no byline


THEME_SAMPLE = """\
{{% callout note %}}
Click the *Cite* button above to demo the feature to enable visitors to import publication metadata.
{{% /callout %}}

#{{% callout note %}}
#Create your slides in Markdown - click the _Slides_ button to check out the example.
#{{% /callout %}}

<!-- Supplementary notes can be added here, including [code and math](https://sourcethemes.com/academic/docs/). -->

Supplementary notes can be added here, including [code, math, and images](https://github.com/lab/tool).
"""
"""The text Hugo Blox (Academic, Wowchemy) starts every publication page with, as labs leave it:
whole, commented out, or with `#` before its lines."""


def test_a_hugo_page_s_own_text_is_what_its_theme_did_not_write():
    assert hugo_page_text(THEME_SAMPLE) == ""
    page = (
        THEME_SAMPLE
        + '\n{{< figure src="overview.png" caption="Our method" >}}\n\n## Results\n\n{{% callout note %}}\nWe beat $x^2$.\n{{% /callout %}}\n'
    )
    assert hugo_page_text(page) == "## Results\n\nWe beat $x^2$."
