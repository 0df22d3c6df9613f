"""BibTeX exports: stable unique keys, and every file parses back to the same titles and authors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from conftest import bibtex_bbl, build, copy_site, export_targets, latex_errors
from pybtex.database import parse_string
from pylatexenc.latex2text import LatexNodes2Text

from site_builder.citations.bibtex import citation_keys, entry
from site_builder.site.model import Paper
from site_builder.source.frontmatter import render_paper

DECODE = LatexNodes2Text(math_mode="verbatim")


def plain(latex: str) -> str:
    return " ".join(DECODE.latex_to_text(latex).split())


def _full_name(person) -> str:
    return " ".join(person.first_names + person.middle_names + person.prelast_names + person.last_names + person.lineage_names)


def parse_back(text: str) -> dict[str, tuple[str, list[str]]]:
    data = parse_string(text, "bibtex")
    return {key: (plain(e.fields["title"]), [plain(_full_name(p)) for p in e.persons.get("author", [])]) for key, e in data.entries.items()}


def test_keys_are_stable_and_unique():
    day = dt.date(2022, 5, 29)
    papers = [
        Paper("a", "EfficientViT: Multi-Scale Linear Attention", ("Han Cai",), day, "CV"),
        Paper("b", "EfficientViT-SAM: Segment Anything", ("Han Cai",), day, "CV"),
        Paper("c", "The Efficientvit Again", ("Hán Caí",), day, "CV"),
        Paper("d", "A Study of Fish", ("Aditi",), dt.date(2020, 1, 1), "CV"),
    ]
    keys = citation_keys(papers)
    assert keys == {"a": "cai2022efficientvit", "b": "cai2022efficientvitb", "c": "cai2022efficientvitc", "d": "aditi2020study"}
    assert citation_keys(reversed(papers)) == keys


@pytest.mark.parametrize(
    ("author", "title", "key"),
    [
        ("Иван Петров", "Нейронные сети для анализа текстов", "petrov2023neironnye"),
        ("张伟", "基于深度学习的医学图像分割方法综述", "zhang2023jiyu"),  # the family name comes first
        ("欧阳娜娜", "面向边缘设备的高效视觉模型", "ouyang2023mianxiang"),
        ("김철수", "딥러닝 기반 의료 영상 분할", "gim2023dibreoning"),
        ("张伟", "A Survey of 3D Gaussian Splatting", "zhang2023survey"),
        ("Søren Søgaard", "“Quoted” Words", "sgaard2023quoted"),  # letters of its own script: as before
    ],
)
def test_a_key_is_written_in_ascii_letters_for_a_name_or_title_in_another_script(author, title, key):
    paper = Paper("p", title, (author,), dt.date(2023, 1, 5), "CV")
    assert citation_keys([paper]) == {"p": key}


def test_letters_written_with_latex_in_a_paper_file_are_exported_as_the_letters_math_as_math():
    paper = Paper("p", "Schr\\\"odinger Bridges for $1,\\dots,n$ and \\emph{Poincar\\'e}", ("Paul Erd\\H{o}s",), dt.date(2023, 1, 5), "CV")
    text = entry(paper, "k", "https://x.org/p/")
    assert "title = {Schrödinger Bridges for $1,\\dots,n$ and \\emph{Poincaré}}" in text and "author = {Erdős, Paul}" in text
    assert parse_back(text)["k"] == ("Schrödinger Bridges for $1,\\dots,n$ and Poincaré", ["Paul Erdős"])


def test_a_name_in_chinese_characters_or_kana_with_a_space_is_family_name_first():
    paper = Paper("p", "深層学習", ("山田 太郎", "张伟", "Han Cai"), dt.date(2023, 1, 5), "CV")
    fields = parse_string(entry(paper, "k", "https://x.org/p/"), "bibtex").entries["k"].persons["author"]
    assert [(p.last_names, p.first_names) for p in fields] == [(["山田"], ["太郎"]), (["张伟"], []), (["Cai"], ["Han"])]


NASTY = Paper(
    "nasty",
    "Über {Fast} Models: 50% Faster & $N \\times K$ Costs for LLMs #1 in C_2 ~ and more",
    ("Sébastien Bubeck", "Zoë Ålund", "Jean-Pierre O'Neill"),
    dt.date(2024, 2, 29),
    "CV",
    et_al=True,
)


def test_the_nasty_parts_parse_back():
    text = entry(NASTY, "bubeck2024uber", "https://x.org/papers/nasty/")
    (key, (title, authors)), *rest = parse_back(text).items()
    assert rest == [] and key == "bubeck2024uber"
    assert title == plain(
        NASTY.title.replace("{", "\\{")
        .replace("}", "\\}")
        .replace("%", "\\%")
        .replace("&", "\\&")
        .replace("#", "\\#")
        .replace("_", "\\_")
        .replace("~", "\\textasciitilde{}")
    )
    assert title.startswith("Über {Fast} Models: 50% Faster & $N \\times K$ Costs for LLMs #1 in C_2 ~")
    assert authors == ["Sébastien Bubeck", "Zoë Ålund", "Jean-Pierre O'Neill", "others"]
    assert "{LLMs}" in text and "month = feb" in text


def test_dollars_are_math_where_pages_read_math_and_signs_elsewhere():
    for title, written in [
        ("Costs $5 and $10, or $5-$10", "Costs \\$5 and \\$10, or \\$5-\\$10"),
        ("H$\\alpha$ Maps of CO$_2$ at 17.9$\\times$", "H$\\alpha$ Maps of {CO}$_2$ at 17.9$\\times$"),
    ]:
        text = entry(dataclasses.replace(NASTY, title=title), "bubeck2024costs", "https://x.org/papers/nasty/")
        assert f"title = {{{written}}}" in text
        assert next(iter(parse_back(text).values()))[0] == title  # pybtex's reading gives the title back


def test_a_titles_emphasis_is_exported_as_the_command_it_is():
    paper = dataclasses.replace(NASTY, title="Genes of \\emph{E. coli} & \\emph{Mus} at 50%", et_al=False)
    text = entry(paper, "bubeck2024genes", "https://x.org/papers/nasty/")
    assert "title = {Genes of \\emph{E. coli} \\& \\emph{Mus} at 50\\%}" in text
    assert next(iter(parse_back(text).values()))[0] == "Genes of E. coli & Mus at 50%"


@pytest.mark.parametrize(
    ("title", "bibtex_title", "written"),
    [
        ("Sets {x and y", "", "Sets \\textbraceleft{}x and y"),
        ("Study }$", "", "Study \\textbraceright{}\\$"),
        # the .bib's own title, when BibTeX itself would not read it whole, is not written back
        ("Study }$", "Study \\}\\$", "Study \\textbraceright{}\\$"),
        ("Over {Fast} Models", "", "Over \\{Fast\\} Models"),
        ("T $}$ of E. coli", "", "T \\$\\textbraceright{}\\$ of E. coli"),  # math whose own brace does not pair
    ],
)
def test_braces_that_do_not_pair_never_leave_a_value_open(title, bibtex_title, written):
    """BibTeX counts every brace, `\\{` too: a lone one would swallow the rest of the file."""
    paper = dataclasses.replace(NASTY, title=title, bibtex_title=bibtex_title, et_al=False)
    text = entry(paper, "bubeck2024sets", "https://x.org/papers/nasty/") + entry(NASTY, "bubeck2024uber", "https://x.org/papers/n/")
    assert f"title = {{{written}}}" in text
    assert list(parse_back(text)) == ["bubeck2024sets", "bubeck2024uber"]  # the next entry is read too


def test_a_bibs_own_author_field_whose_braces_close_before_they_open_is_not_written_back():
    """`Lee, Ann and <b>"\\alpha}\\textit{<sup>2</sup>` counts as many braces each way, but BibTeX
    ends the value at the first `}`: the names are written as the site reads them instead."""
    raw = 'Lee, Ann and <b>"\\alpha}\\textit{<sup>2</sup>'
    from site_builder.importing.bibnames import parse_name, split_list

    names = tuple(parse_name(n).display for n in split_list(raw)[0])
    paper = dataclasses.replace(NASTY, authors=names, bibtex_authors=raw, et_al=False)
    text = entry(paper, "lee2024x", "https://x.org/papers/nasty/") + entry(NASTY, "bubeck2024uber", "https://x.org/papers/n/")
    assert raw not in text and list(parse_back(text)) == ["lee2024x", "bubeck2024uber"]


def test_every_author_a_paper_lists_is_in_its_citations_two_of_one_name_too(tmp_path):
    root = copy_site(tmp_path / "site", with_papers=False)
    paper = dataclasses.replace(NASTY, slug="rice", title="Rice", authors=("D Zhao", "T Zhang", "J Shen", "T Zhang"), et_al=False)
    (root / "content/papers/rice.md").write_text(render_paper(paper), encoding="utf-8")
    out = build(root)
    assert parse_back((out / "papers/rice/zhao2024rice.bib").read_text(encoding="utf-8"))["zhao2024rice"][1] == [
        "D Zhao",
        "T Zhang",
        "J Shen",
        "T Zhang",
    ]
    page = (out / "papers/rice/index.html").read_text(encoding="utf-8")
    assert page.count('name="citation_author" content="T Zhang"') == 2


def test_every_exported_file_parses_back(tmp_path):
    root = copy_site(tmp_path / "site")
    paper = root / "content/papers/hat.md"
    text = paper.read_text(encoding="utf-8").replace("title: 'HAT:", "title: 'HAT & 100% {Fast} $N^2$:")
    paper.write_text(text, encoding="utf-8")
    out = build(root)
    files = sorted(out.rglob("*.bib"))
    assert len(files) == export_targets(out)
    titles = {}
    for path in files:
        for key, value in parse_back(path.read_text(encoding="utf-8")).items():
            assert titles.setdefault(key, value) == value  # one paper, the same entry everywhere
    everything = parse_back((out / "publications.bib").read_text(encoding="utf-8"))
    assert len(everything) == 47 and everything == titles
    assert everything["cai2022efficientvit"] == (
        "EfficientViT: Multi-Scale Linear Attention for High-Resolution Dense Prediction",
        ["Han Cai", "Junyan Li", "Muyan Hu", "Chuang Gan", "Song Han"],
    )
    assert everything["wang2020hat"][0] == "HAT & 100% {Fast} $N^2$: Hardware-Aware Transformers for Efficient Natural Language Processing"
    assert everything["aditi2026cosmos"][1] == ["Aditi", "Niket Agarwal", "Arslan Ali", "others"]
    han = parse_back((out / "authors/han-cai/publications.bib").read_text(encoding="utf-8"))
    assert len(han) == 46
    song = parse_back((out / "authors/song-han/publications.bib").read_text(encoding="utf-8"))
    assert len(song) == 36  # the lab's BibTeX completed the listing's three-name author lists


def test_the_shipped_sites_citations_compile_with_pdflatex(shipped_site, tmp_path):
    assert latex_errors(tmp_path, shipped_site / "_site/publications.bib") == []


MATH_ONLY_TITLES = {
    "co2": "CO₂ Capture at 10⁵ Pa in 10⁻¹² s",
    "greek": "α-Net and $\\Delta$-Decay of Zoë's Straße",
    "signs": "Bounds ≤ 3 × Faster → Better, ∞ “Quotes” … ©",
    "hand": "Hand CO\\textsubscript{2} at 10\\textsuperscript{5} Pa",
}


def test_characters_latex_sets_only_in_math_are_exported_as_math_and_compile(tmp_path):
    """pdfLaTeX stops at a Greek letter, `≤` or `₂` in a citation ("not set up for use with
    LaTeX"); they are written as math, and a formula with a capital is braced, since BibTeX's
    plain style lower-cases math too (`$\\Delta$` would become `$\\delta$`)."""
    root = copy_site(tmp_path / "site", with_papers=False)
    for slug, title in MATH_ONLY_TITLES.items():
        quoted = title.replace("'", "''")
        front = f"---\ntitle: '{quoted}'\nauthors: [Jiří Novák, Zoë Ålund]\ndate: 2021-01-01\nvenue: ICML\n---\n"
        (root / "content/papers" / f"{slug}.md").write_text(front, encoding="utf-8")
    out = build(root)
    exported = (out / "publications.bib").read_text(encoding="utf-8")
    assert "title = {{{CO}$_{2}$} Capture at 10$^{5}$ Pa in 10$^{-12}$ s}" in exported
    assert "title = {$\\alpha$-Net and {$\\Delta$}-Decay of Zoë's Straße}" in exported
    assert "title = {Bounds $\\leq$ 3 × Faster → Better, $\\infty$ “Quotes” … ©}" in exported
    assert latex_errors(tmp_path, out / "publications.bib") == []
    assert "title = {Hand {{CO}$_{2}$} at 10$^{5}$ Pa}" in exported  # written with LaTeX's text scripts
    assert "<h1>Hand CO₂ at 10⁵ Pa</h1>" in (out / "papers/hand/index.html").read_text(encoding="utf-8")
    keys = list(parse_back(exported))
    rendered = " ".join(bibtex_bbl(tmp_path, out / "publications.bib", keys).split())
    assert "{$\\Delta$}-decay" in rendered and "10$^{-12}$ s" in rendered


def test_a_word_in_greek_stays_a_word_and_a_greek_letter_alone_is_math():
    """`α-Net` is a symbol; `Αλέξανδρος` is a name in Greek, which math would make a soup of
    symbols (`\\lambda \\acute\\epsilon \\xi…`) around the letters it has no command for."""
    paper = Paper("p", "Ω-Net for α,β-CROWN", ("Αλέξανδρος Παπαδόπουλος",), dt.date(2023, 1, 5), "CV")
    text = entry(paper, "k", "https://x.org/p/")
    assert "title = {{$\\Omega$}-Net for $\\alpha$,$\\beta$-{CROWN}}" in text
    assert "author = {Παπαδόπουλος, Αλέξανδρος}" in text


def test_paper_page_shows_and_links_its_bibtex(shipped_site):
    html = (shipped_site / "_site/papers/efficientvit/index.html").read_text(encoding="utf-8")
    assert '<a class="button" href="/papers/efficientvit/cai2022efficientvit.bib" download>' in html
    code = re.search(r'<code id="bibtex">(.*?)</code>', html, re.S).group(1)
    assert code.startswith("@inproceedings{cai2022efficientvit,\n  title = {{EfficientViT}: Multi-Scale Linear Attention")
    assert (shipped_site / "_site/papers/efficientvit/cai2022efficientvit.bib").is_file()


@pytest.mark.parametrize("name", ["O'Neill and Sons", "Smith, John"])
def test_names_with_and_or_commas_stay_one_person(name):
    paper = Paper("x", "T", (name, "Ann Lee"), dt.date(2020, 1, 1), "CV")
    assert parse_back(entry(paper, "k", "https://x.org/"))["k"][1][0].replace("{", "").replace("}", "") in (name, "John Smith")
    assert len(parse_back(entry(paper, "k", "https://x.org/"))["k"][1]) == 2


def test_front_matter_round_trip_is_unaffected_by_exports():
    assert "bibtex" not in render_paper(NASTY)
