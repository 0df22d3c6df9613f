"""mhchem's formulas in titles and abstracts (`\\ce{CO2}`): read as text with math, shown as
MathML, exported as LaTeX that needs no mhchem and that BibTeX's styles leave in its capitals."""

from __future__ import annotations

import re

import bibtexparser
import pybtex.database
import pytest
from conftest import bibtex_bbl, build, copy_site, imported_site, nu_errors

from site_builder.cli import main
from site_builder.render.markup import plain_abstract, plain_title, render_markup
from site_builder.text.chemistry import formulas_as_latex


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Reduction of \\ce{CO2} to \\ce{C2H4}", "Reduction of CO$_{2}$ to C$_{2}$H$_{4}$"),
        (
            "\\ce{SO4^2-}, \\ce{SO4^{2-}}, \\ce{Na+} and \\ce{[Fe(CN)6]^{3-}}",
            "SO$_{4}^{2-}$, SO$_{4}^{2-}$, Na$^{+}$ and [Fe(CN)$_{6}$]$^{3-}$",
        ),
        # a coefficient leads its molecule; an arrow is math
        ("\\ce{2H2O -> 2H2 + O2}", "2H$_{2}$O $\\rightarrow$ 2H$_{2}$ + O$_{2}$"),
        ("\\ce{CuSO4*5H2O} and \\ce{A <=>[cat.] B}", "CuSO$_{4}$·5H$_{2}$O and A $\\rightleftharpoons$ B"),
        ("\\ce{^{14}C}, \\ce{Li_{0.5}CoO2}, \\ce{Ca(OH)2}, \\ce{Fe^{II}}", "$^{14}$C, Li$_{0.5}$CoO$_{2}$, Ca(OH)$_{2}$, Fe$^{II}$"),
        ("\\ce{C-H} bonds in \\ce{CH3NH3PbI3}", "C-H bonds in CH$_{3}$NH$_{3}$PbI$_{3}$"),
        ("\\pu{1.2e-3 mol/L} of \\ce{NaCl}", "1.2$\\times 10^{-3}$ mol/L of NaCl"),
        # never closed, an empty script, or no formula at all: as written
        ("\\ce{A^{}B}", "A^{}B"),
        ("\\ce{CO2 and \\centering{x}", "\\ce{CO2 and \\centering{x}"),
    ],
)
def test_a_formula_is_text_with_its_scripts_as_math(written, read):
    assert formulas_as_latex(written) == read


def test_pages_show_a_formula_as_the_paper_wrote_it():
    html = render_markup("the reduction of \\ce{CO2} with \\ce{SO4^{2-}}")
    assert html.count("<math") == 2 and "\\ce" not in html and "<msubsup>" in html
    assert plain_abstract("the reduction of \\ce{CO2} with \\ce{SO4^{2-}}") == "the reduction of CO₂ with SO₄²⁻"


CHEMISTRY_BIB = """@article{li2019co2,
  title = {Electrochemical Reduction of \\ce{CO2} to \\ce{C2H4} on {Cu} Nanocubes},
  author = {Li, Wei and M{\\"u}ller, J{\\"o}rg},
  journal = {Journal of the American Chemical Society},
  year = {2019},
  volume = {141},
  pages = {4624--4633},
  abstract = {We reduce \\ce{CO2} at 60\\,\\% Faradaic efficiency, with \\ce{H2O} as the proton source.}
}
"""


def test_a_chemistry_labs_bib_imports_builds_and_exports_its_formulas(tmp_path):
    """No `review:` for `\\ce`; the page's title and abstract carry MathML and valid HTML; the
    site's BibTeX needs no mhchem, reads back with bibtexparser and pybtex, and BibTeX's plain
    style (which lower-cases titles) leaves each formula's capitals."""
    root, (paper,) = imported_site(tmp_path, "chem.bib", CHEMISTRY_BIB)
    assert (paper.title, paper.review) == ("Electrochemical Reduction of CO$_{2}$ to C$_{2}$H$_{4}$ on Cu Nanocubes", "")
    assert plain_title(paper.title) == "Electrochemical Reduction of CO₂ to C₂H₄ on Cu Nanocubes"
    out = build(root)
    page = out / "papers" / paper.slug / "index.html"
    html = page.read_text(encoding="utf-8")
    assert re.search(r"<h1>Electrochemical Reduction of CO<math\b", html) and "\\ce" not in html
    assert '<meta name="citation_title" content="Electrochemical Reduction of CO₂ to C₂H₄ on Cu Nanocubes">' in html
    assert nu_errors([page]) == ""
    exported = (out / "publications.bib").read_text(encoding="utf-8")
    assert "\\ce" not in exported and "{C$_{2}$H$_{4}$}" in exported
    assert not bibtexparser.parse_string(exported).failed_blocks
    assert "C$_{2}$H$_{4}$" in pybtex.database.parse_string(exported, "bibtex").entries["li2019co2"].fields["title"]
    rendered = " ".join(bibtex_bbl(tmp_path, out / "publications.bib", ["li2019co2"]).split())
    assert "Electrochemical reduction of {CO$_{2}$} to {C$_{2}$H$_{4}$} on {Cu} nanocubes" in rendered


def test_a_title_written_by_hand_with_a_formula_shows_and_exports_it(tmp_path, capsys):
    """A chemist editing a paper's file writes `\\ce{CO2}` in its title: the file keeps it as
    written; pages, meta tags and BibTeX read it as an imported formula is read."""
    root = copy_site(tmp_path / "site", with_papers=False)
    written = "---\ntitle: 'Reduction of \\ce{CO2} on \\ce{Cu2O}'\nauthors: [Ann Lee]\ndate: 2024-03-01\n---\n"
    (root / "content/papers/co2.md").write_text(written, encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 0
    assert "\\ce" not in capsys.readouterr().err
    out = build(root)
    html = (out / "papers/co2/index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1>Reduction of CO<math\b", html) and "\\ce" not in html
    assert '<meta name="citation_title" content="Reduction of CO₂ on Cu₂O">' in html
    assert "title = {Reduction of {{CO}$_{2}$} on {Cu$_{2}$O}}" in (out / "publications.bib").read_text(encoding="utf-8")
    assert (root / "content/papers/co2.md").read_text(encoding="utf-8") == written
