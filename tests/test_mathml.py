"""Presentation MathML, as Crossref and publishers put it in titles and abstracts, read as LaTeX."""

from __future__ import annotations

import pytest
from conftest import bibtex_bbl, build, copy_site, imported_site

from site_builder.cli import main
from site_builder.errors import Problems
from site_builder.render.markup import plain_title, title_html
from site_builder.source.content import load_papers
from site_builder.text.mathml import mathml_as_latex
from site_builder.text.tags import tags_as_text

MML = 'xmlns:mml="http://www.w3.org/1998/Math/MathML"'


@pytest.mark.parametrize(
    ("mathml", "latex"),
    [
        (f"<mml:math {MML}><mml:msub><mml:mi>T</mml:mi><mml:mi>reg</mml:mi></mml:msub></mml:math>", "T_{\\mathrm{reg}}"),
        ("<mml:math><mml:mi>k</mml:mi><mml:mo>+</mml:mo><mml:mn>1</mml:mn></mml:math>", "k+1"),  # Crossref leaves `mml` undeclared
        (
            "<math><mi>B</mi><mo>→</mo><msup><mi>K</mi><mo>*</mo></msup><msup><mi>μ</mi><mo>+</mo></msup><msup><mi>μ</mi><mo>−</mo></msup></math>",
            "B\\rightarrow K^{*}\\mu^{+}\\mu^{-}",
        ),
        (
            '<math><msqrt><mi>s</mi></msqrt><mo>=</mo><mn>13</mn><mspace width="0.2em"/><mtext>TeV</mtext></math>',
            "\\sqrt{s}=13 \\text{TeV}",
        ),
        (
            '<math><mover accent="true"><mi>x</mi><mo>^</mo></mover><mo>≤</mo><mfrac><mn>1</mn><mn>2</mn></mfrac></math>',
            "\\hat{x}\\leq \\frac{1}{2}",
        ),
        ("<math><msup><mn>10</mn><mrow><mo>−</mo><mn>3</mn></mrow></msup></math>", "{10}^{-3}"),
        ("<math><msub><mrow><mi>a</mi><mi>b</mi></mrow><mi>i</mi></msub></math>", "{ab}_{i}"),
        ('<math><mi mathvariant="double-struck">R</mi><mo>&nbsp;</mo><msub><mi>M</mi><mo>⊙</mo></msub></math>', "\\mathbb{R}M_{\\odot}"),
        ("<math><mi>x</mi><mo>&lt;</mo><mn>3</mn></math>", "x<3"),
        # a TeX annotation beside the MathML is the author's own LaTeX
        (
            '<math><semantics><mi>x</mi><annotation encoding="application/x-tex">\\mathcal{O}(n)</annotation></semantics></math>',
            "\\mathcal{O}(n)",
        ),
    ],
)
def test_mathml_is_read_as_latex_that_pages_show_as_math(mathml, latex):
    assert mathml_as_latex(mathml) == latex
    assert "math-fallback" not in title_html(f"A ${latex}$ B")  # LaTeX the page's math renderer reads


@pytest.mark.parametrize(
    "mathml",
    [
        "<math><mtable><mtr><mtd><mi>x</mi></mtd></mtr></mtable></math>",  # a table: not read here
        "<math><mi>x</mi><mo>&lt;</math>",  # not XML
    ],
)
def test_what_it_does_not_read_gives_none(mathml):
    assert mathml_as_latex(mathml) is None


def test_a_title_keeps_its_formula_and_one_it_cannot_read_keeps_its_text():
    title = f"CRISPR screens reveal <mml:math {MML}><mml:msub><mml:mi>T</mml:mi><mml:mi>reg</mml:mi></mml:msub></mml:math> regulators"
    assert tags_as_text(title) == "CRISPR screens reveal $T_{\\mathrm{reg}}$ regulators"
    assert plain_title(tags_as_text(title)) == "CRISPR screens reveal T_reg regulators"
    table = "Solving <math><mtable><mtr><mtd><mi>A</mi></mtd></mtr></mtable></math> fast"
    assert tags_as_text(table) == "Solving A fast"
    inline = "Bounds for <jats:inline-formula><mml:math><mml:mi>α</mml:mi></mml:math></jats:inline-formula>-stable laws"
    assert tags_as_text(inline) == "Bounds for $\\alpha$-stable laws"


CROSSREF_BIB = (
    '@article{Smith_2020, title={<scp>CRISPR</scp> screens reveal <mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML">'
    "<mml:msub><mml:mi>T</mml:mi><mml:mi>reg</mml:mi></mml:msub></mml:math> regulators}, volume={12},"
    " url={http://dx.doi.org/10.1038/s41467-020-12345-6}, DOI={10.1038/s41467-020-12345-6}, journal={Nature Communications},"
    " author={Smith, John and Lee, Ann}, year={2020}, month=jun }\n"
)


def test_a_crossref_title_with_mathml_imports_shows_and_exports_its_formula(tmp_path):
    """ORCID's and doi.org's BibTeX is Crossref's record: its title's MathML becomes the formula on
    the page, and the export braces it, since BibTeX's plain style lower-cases math too."""
    root, (paper,) = imported_site(tmp_path, "orcid.bib", CROSSREF_BIB)
    assert (paper.title, paper.review) == ("CRISPR screens reveal $T_{\\mathrm{reg}}$ regulators", "")
    out = build(root)
    html = (out / "papers" / paper.slug / "index.html").read_text(encoding="utf-8")
    assert "<h1>CRISPR screens reveal <math" in html and "<msub><mi>T</mi>" in html
    assert '<meta name="citation_title" content="CRISPR screens reveal T_reg regulators">' in html
    exported = (out / "publications.bib").read_text(encoding="utf-8")
    assert "title = {{CRISPR} screens reveal {$T_{\\mathrm{reg}}$} regulators}" in exported
    rendered = " ".join(bibtex_bbl(tmp_path, out / "publications.bib", ["Smith_2020"]).split())
    assert "{CRISPR} screens reveal {$T_{\\mathrm{reg}}$} regulators." in rendered


def test_a_listings_paper_and_its_crossref_record_with_mathml_are_one_paper(tmp_path):
    """The listing writes the formula as letters (`Treg`), Crossref as MathML: one paper."""
    listing = tmp_path / "listing.txt"
    listing.write_text("LGJun 1, 2020\nCRISPR screens reveal Treg regulatorsJohn Smith, Ann Lee\nWe screen regulators.\n", encoding="utf-8")
    bib = tmp_path / "orcid.bib"
    bib.write_text(CROSSREF_BIB, encoding="utf-8")
    root = copy_site(tmp_path / "site", with_papers=False)
    assert main(["--root", str(root), "import", str(listing), "--as-of", "2026-11-27"]) == 0
    assert main(["--root", str(root), "import", str(bib)]) == 0
    (paper,) = load_papers(root, Problems())
    assert (paper.doi, paper.venue) == ("10.1038/s41467-020-12345-6", "Nature Communications")
