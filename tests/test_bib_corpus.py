"""Real shapes of .bib files (tests/fixtures/bib/: DBLP, al-folio, Google Scholar, PubMed/BibDesk
and Zotero biblatex exports, and what BibTeX accepts that importers tend to refuse): every entry imported, nothing
invented, and the site's export read back by bibtexparser, pybtex and BibTeX itself."""

from __future__ import annotations

import re
from pathlib import Path

import bibtexparser
import pybtex.database
import pytest
from conftest import FIXTURES, bibtex_bbl, build, copy_site
from pylatexenc.latex2text import LatexNodes2Text

from site_builder.cli import main
from site_builder.errors import Problems
from site_builder.source.content import load_papers

CORPUS = FIXTURES / "bib"


def run(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory) -> Path:
    root = copy_site(tmp_path_factory.mktemp("corpus") / "site", with_papers=False)
    for path in sorted(CORPUS.glob("*.bib")):
        assert run(root, "import", str(path)) == 0, path
    build(root)
    return root


def papers_by_key(root: Path) -> dict:
    return {p.bibtex_key or p.slug: p for p in load_papers(root, Problems())}


def test_every_entry_of_every_file_is_imported(corpus_site, capsys):
    papers = papers_by_key(corpus_site)
    # 35 entries; the CoRR copy of "Attention Is All You Need" is one work with its NeurIPS entry, and
    # EfficientViT's CoRR preprint (its arXiv v1 title) one with its ICCV entry, by a guess it says
    assert len(papers) == 33
    vit = papers["DBLP:conf/iccv/CaiLHGH23"]
    assert (vit.arxiv, vit.links["preprint"]) == ("2205.14756", "https://arxiv.org/abs/2205.14756")
    assert vit.review.startswith("taken for one work with the preprint 'EfficientViT: Enhanced Linear Attention for High-Resolution")
    assert papers["DBLP:conf/nips/VaswaniSPUJGKP17"].arxiv == "1706.03762"
    assert papers["DBLP:conf/nips/VaswaniSPUJGKP17"].links["preprint"] == "https://arxiv.org/abs/1706.03762"
    assert "volume" not in {k for k, v in vars_of(papers["DBLP:conf/nips/VaswaniSPUJGKP17"]).items() if v}


def vars_of(paper) -> dict:
    return {name: getattr(paper, name) for name in paper.__slots__}


def test_dates_are_as_precise_as_the_source(corpus_site):
    papers = papers_by_key(corpus_site)
    shown = {
        key: (papers[key].date.isoformat(), papers[key].date_precision)
        for key in ("Smith2017", "Lee2020", "Garcia2018", "Wong2019", "PhysRev.47.777", "he2016deep")
    }
    assert shown == {
        "Smith2017": ("2017-04-01", "month"),
        "Lee2020": ("2020-12-03", "day"),
        "Garcia2018": ("2018-05-29", "day"),
        "Wong2019": ("2019-01-01", "year"),
        "PhysRev.47.777": ("1935-05-01", "month"),
        "he2016deep": ("2016-01-01", "year"),
    }
    page = (corpus_site / "_site/papers/deep-residual-learning-for-image-recognition/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2016">2016</time>' in page and "January" not in page
    assert '<meta name="citation_publication_date" content="2016">' in page
    bib = (corpus_site / "_site/papers/deep-residual-learning-for-image-recognition/he2016deep.bib").read_text(encoding="utf-8")
    assert "month" not in bib and "date = {2016}" in bib


def test_identifiers_from_every_field_they_hide_in(corpus_site):
    papers = papers_by_key(corpus_site)
    assert papers["DBLP:conf/icdar/WickP21"].doi == "10.1007/978-3-030-86334-0_5"
    assert papers["Smith2017"].doi == "10.1038/ng.3804" and papers["Lee2020"].doi == "10.1016/j.celrep.2020.108456"
    assert {k: papers[k].arxiv for k in ("hu2021lora", "agent2025", "tool2024", "DBLP:conf/iccv/CaiLHGH23")} == {
        "hu2021lora": "2106.09685",
        "agent2025": "2504.21131",
        "tool2024": "2403.01234",
        "DBLP:conf/iccv/CaiLHGH23": "2205.14756",  # from its CoRR preprint's `eprint`
    }
    assert papers["Wong2019"].doi == "" and "'92--101' is not a DOI" in papers["Wong2019"].review
    assert papers["urlasdoi2022"].links["url"] == "https://example.org/papers/42"
    chapter = (corpus_site / "_site/papers/experiments-and-detailed-error-analysis-of-automatic-square/index.html").read_text(
        encoding="utf-8"
    )
    assert 'content="10.1007/978-3-030-86334-0_5"' in chapter  # a working doi.org link, not `\_5`


def test_al_folio_fields_map_onto_ours(corpus_site):
    papers = papers_by_key(corpus_site)
    epr = papers["PhysRev.47.777"]
    assert (epr.selected, epr.venue_short, epr.image, epr.volume, epr.number, epr.pages) == (
        True,
        "PhysRev",
        "brownian-motion.gif",
        "47",
        "10",
        "777--780",
    )
    assert epr.links["video"].startswith("https://www.youtube-nocookie.com/")
    assert epr.links["journals.aps.org"].startswith("https://journals.aps.org/")  # `html`: the paper's page at APS
    assert epr.authors == ("A. Einstein", "B. Podolsky", "N. Rosen") and epr.equal_contribution == ("A. Einstein", "B. Podolsky")
    assert epr.pdf == "" and "copy it into static/pdf/ and link it as /static/pdf/example_pdf.pdf" in epr.review
    llm = papers["yuan2024llm"]
    assert (llm.links["code"], sorted(llm.links)) == ("https://github.com/hahnyuan/LLM-Viewer", ["code", "poster", "slides"])


def test_what_bibtex_accepts_is_imported(corpus_site):
    papers = papers_by_key(corpus_site)
    assert papers["repeated2019"].date.year == 2019 and "given twice" in papers["repeated2019"].review
    edited = papers["edited2015"]
    assert edited.authors == edited.editors == ("Greta Gamma", "Dan Delta")  # `AND` in capitals
    assert (papers["textbook2009"].date.year, papers["textbook2018"].date.year) == (1998, 2018)  # two editions, two papers
    assert papers["entagrec2014"].slug != papers["entagrecpp2018"].slug
    assert papers["skat2020"].authors == ("International Skat Players Association", "Charles O. Shields Jr.")
    assert papers["skat2020"].title == "Rules of $N$-Player Skat with $k$ Jokers"
    assert {k: papers[k].bibtex_type for k in ("thesis2021", "chapter2017", "inbook2016")} == {
        "thesis2021": "mastersthesis",
        "chapter2017": "incollection",
        "inbook2016": "inbook",
    }


def test_the_export_keeps_every_field_and_reads_back(corpus_site):
    text = (corpus_site / "_site/publications.bib").read_text(encoding="utf-8")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks and len(library.entries) == 33
    entries = {e.key: {f.key: f.value for f in e.fields} for e in library.entries}
    assert {k: e.entry_type for k, e in ((e.key, e) for e in library.entries) if k in ("thesis2021", "chapter2017", "inbook2016")} == {
        "thesis2021": "mastersthesis",
        "chapter2017": "incollection",
        "inbook2016": "inbook",
    }
    icdar = entries["DBLP:conf/icdar/WickP21"]
    assert (icdar["pages"], icdar["volume"], icdar["publisher"], icdar["series"]) == (
        "63--77",
        "12822",
        "Springer",
        "Lecture Notes in Computer Science",
    )
    assert icdar["doi"] == "10.1007/978-3-030-86334-0_5" and "Llad" in icdar["editor"]
    assert entries["skat2020"]["author"] == "{International Skat Players Association} and Shields, Jr., Charles O."
    assert entries["Garcia2018"]["author"] == "Garc{\\'\\i}a M{\\'a}rquez, Gabriel and O'Brien, Conan"
    assert "author" not in entries["edited2015"] and entries["edited2015"]["editor"] == "Gamma, Greta and Delta, Dan"
    assert "month" not in entries["Wong2019"]
    people = pybtex.database.parse_string(text, "bibtex").entries
    skat = people["skat2020"].persons["author"]
    assert [str(p) for p in skat] == ["{International Skat Players Association}", "Shields, Jr., Charles O."]
    assert next(p.last_names for p in people["Garcia2018"].persons["author"]) == ["Garc{\\'\\i}a", "M{\\'a}rquez"]


def _bbl(folder: Path, bib: Path, keys: list[str]) -> dict[str, str]:
    """The references BibTeX's plain style renders for `keys` from `bib`, by key."""
    items = re.split(r"\\bibitem\{", bibtex_bbl(folder, bib, keys))[1:]
    # Compared as the text a reader sees: `Llad{\'o}s` is `Lladós`, and braces that only group
    # (`{IEEE}`) print as nothing; a case change or a missing word still shows.
    as_text = LatexNodes2Text().latex_to_text
    return {item.split("}", 1)[0]: " ".join(as_text(item.split("}", 1)[1]).split()) for item in items}


@pytest.mark.parametrize("name", ["dblp.bib", "scholar.bib", "hard.bib"])
def test_bibtex_renders_the_export_as_it_renders_the_original(corpus_site, tmp_path, name):
    original = CORPUS / name
    keys = [k for k in re.findall(r"^@\w+\{([^,]+),", original.read_text(encoding="utf-8"), re.MULTILINE)]
    exported = corpus_site / "_site/publications.bib"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    before, after = _bbl(tmp_path / "a", original, keys), _bbl(tmp_path / "b", exported, keys)
    shared = sorted(set(before) & set(after))
    assert len(shared) == len(keys) - (2 if name == "dblp.bib" else 0)  # dblp.bib: two CoRR preprints, merged into their published versions
    if name == "scholar.bib":  # Scholar writes venues in small letters; the import gives them their capitals
        assert "In Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition, pages 770–778" in after["he2016deep"]
        before, after = {k: v.casefold() for k, v in before.items()}, {k: v.casefold() for k, v in after.items()}
    assert {k: after[k] for k in shared} == {k: before[k] for k in shared}


def test_biblatex_entry_types_are_exported_as_types_every_style_knows(corpus_site, tmp_path):
    """`@thesis`, `@report`, `@online`, `@software`, `@dataset` (biblatex's) come back as the
    classic types BibTeX's own styles render (and biblatex reads alike); a web page, a program
    or a data set is cited at its own address."""
    import json

    import rispy

    out = corpus_site / "_site"
    keys = ["smith_blog_2021", "lee_thesis_2020", "wu_report_2019", "ng_2022", "ng_conf_2023", "tool_2024", "data_2024"]
    exported = (out / "publications.bib").read_text(encoding="utf-8")
    kinds = {key: re.search(rf"^@(\w+)\{{{key},", exported, re.MULTILINE).group(1) for key in keys}
    assert kinds == {
        "smith_blog_2021": "misc", "lee_thesis_2020": "phdthesis", "wu_report_2019": "techreport", "ng_2022": "article",
        "ng_conf_2023": "inproceedings", "tool_2024": "misc", "data_2024": "misc",
    }  # fmt: skip
    rendered = _bbl(tmp_path, out / "publications.bib", keys)
    assert "isn't style-file defined" not in (tmp_path / "refs.blg").read_text(encoding="utf-8")
    assert "PhD thesis, MIT, 2020" in rendered["lee_thesis_2020"]
    assert "Technical Report TR-2019-01, Stanford University" in rendered["wu_report_2019"]
    assert "https://github.com/lab/toolkit" in exported and "https://blog.example.org/thing" in exported
    ris = {r["id"]: r for r in rispy.loads((out / "publications.ris").read_text(encoding="utf-8"))}
    assert [ris[k]["type_of_reference"] for k in ("smith_blog_2021", "tool_2024", "data_2024")] == ["ELEC", "COMP", "DATA"]
    assert ris["tool_2024"]["urls"] == ["https://github.com/lab/toolkit"]
    csl = {i["id"]: i for i in json.loads((out / "publications.json").read_text(encoding="utf-8"))}
    assert [csl[k]["type"] for k in ("smith_blog_2021", "tool_2024", "data_2024")] == ["webpage", "software", "dataset"]
    assert csl["smith_blog_2021"]["URL"] == "https://blog.example.org/thing"
    assert csl["ng_2022"]["URL"].endswith("/papers/journal-paper-with-biblatex/")  # a paper: its page on the site


def test_ris_and_csl_carry_the_same_fields(corpus_site):
    import json

    import rispy

    out = corpus_site / "_site"
    ris = {r["id"]: r for r in rispy.loads((out / "publications.ris").read_text(encoding="utf-8"))}
    icdar = ris["DBLP:conf/icdar/WickP21"]
    assert (icdar["volume"], icdar["start_page"], icdar["end_page"], icdar["publisher"]) == ("12822", "63", "77", "Springer")
    assert icdar["doi"] == "10.1007/978-3-030-86334-0_5" and icdar["secondary_title"] == "Document Analysis and Recognition - ICDAR 2021"
    assert ris["he2016deep"]["year"] == "2016" and "date" in ris["Lee2020"] and ris["Lee2020"]["date"] == "2020/12/03"
    assert ris["skat2020"]["authors"] == ["International Skat Players Association", "Shields, Charles O., Jr."]
    assert ris["thesis2021"]["type_of_reference"] == "THES" and ris["chapter2017"]["type_of_reference"] == "CHAP"
    csl = {i["id"]: i for i in json.loads((out / "publications.json").read_text(encoding="utf-8"))}
    assert csl["he2016deep"]["issued"] == {"date-parts": [[2016]]} and csl["Smith2017"]["issued"] == {"date-parts": [[2017, 4]]}
    assert csl["skat2020"]["author"][1] == {"family": "Shields", "given": "Charles O.", "suffix": "Jr."}
    assert "author" not in csl["edited2015"] and csl["edited2015"]["editor"][0] == {"family": "Gamma", "given": "Greta"}
    assert (csl["chapter2017"]["type"], csl["chapter2017"]["page"], csl["chapter2017"]["container-title"]) == (
        "chapter",
        "1–20",
        "The Handbook of Things",
    )


def test_an_unreadable_month_keeps_the_year_and_says_so(tmp_path):
    from site_builder.importing.bibimport import read_bibtex
    from site_builder.source.registry import Registry

    path = tmp_path / "month.bib"
    path.write_text("@article{m, title = {T}, author = {Lee, Bo}, year = 2019, month = {13}}\n", encoding="utf-8")
    problems = Problems()
    (paper,) = read_bibtex(path, Registry(), problems, "month.bib")
    assert (paper.date.isoformat(), paper.date_precision) == ("2019-01-01", "year")
    assert paper.review == "its `month` '13' is not a month; only the year was kept"
    assert [str(p) for p in problems.warnings] == [
        "month.bib:1: warning: entry 'm': its `month` '13' is not a month; only the year was kept (check the paper's `date`)"
    ]
