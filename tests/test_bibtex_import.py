"""Bring your own BibTeX: import .bib files, merge with the listing, round-trip our own export."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED_LISTING, build, copy_site

from site_builder.bibimport import decode_latex, read_bibtex, split_names
from site_builder.cli import main
from site_builder.content import load_papers
from site_builder.errors import Problems
from site_builder.registry import Registry


def run(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


def nasty_without_bad_entries(tmp_path: Path) -> Path:
    text = (FIXTURES / "nasty.bib").read_text(encoding="utf-8")
    good = text[: text.index("@article{notitle")]
    path = tmp_path / "good.bib"
    path.write_text(good, encoding="utf-8")
    return path


def test_every_bad_entry_is_reported_with_its_line():
    problems = Problems()
    papers = read_bibtex(FIXTURES / "nasty.bib", Registry(), problems, "nasty.bib")
    assert sorted(str(p) for p in problems.errors) == [
        "nasty.bib:45: error: entry 'notitle' has no `title` (add `title = {...}` to it)",
        "nasty.bib:50: error: entry 'noyear': missing `year` (give it `year = {2024}` (and `month`))",
        "nasty.bib:55: error: duplicate key 'smith2019math' (first used on line 15) (give each entry its own key)",
    ]
    assert [p.bibtex_key for p in papers] == ["mueller2020nested", "smith2019math", "nodate2021", "child2022"]


def test_latex_names_titles_macros_and_crossrefs():
    problems = Problems()
    papers = {p.bibtex_key: p for p in read_bibtex(FIXTURES / "nasty.bib", Registry(), problems, "nasty.bib")}
    nested = papers["mueller2020nested"]
    assert nested.title == "The Best Nested Braces: öptimal Café Models – a & b"
    assert nested.authors == ("Jérôme Müller", "Pieter van der Berg", "Barnes and Noble") and nested.et_al
    assert (nested.venue, nested.date, nested.doi, nested.type) == (
        "Advances in Neural Information Processing Systems",
        dt.date(2020, 3, 1),
        "10.1000/XYZ.123",
        "conference",
    )
    math = papers["smith2019math"]
    assert math.title == "Scaling to $N \\times K$ Experts with Ease"
    assert math.authors == ("John Smith Jr.", "Anna Lee")
    assert (math.date, math.arxiv, math.type, math.venue) == (dt.date(2019, 12, 1), "1912.01234", "journal", "Journal of Things")
    assert papers["nodate2021"].type == "preprint" and papers["nodate2021"].arxiv == "2101.00001"
    assert (papers["child2022"].venue, papers["child2022"].date) == ("Proceedings of the Conference", dt.date(2022, 7, 1))


def test_decoding_helpers():
    assert decode_latex(r"{\'e}t{\'e} \"{o} -- x~y \& $a_1$") == "été ö – x y & $a_1$"
    assert split_names("Lee, Bob and {World Health Organization} and others") == (["Bob Lee", "World Health Organization"], True)


def test_import_writes_files_and_a_bad_file_writes_nothing(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    assert run(root, "import", str(FIXTURES / "nasty.bib")) == 1
    assert "3 error(s); nothing was written" in capsys.readouterr().err
    assert list((root / "content/papers").iterdir()) == []
    assert run(root, "import", str(nasty_without_bad_entries(tmp_path))) == 0
    assert "4 added" in capsys.readouterr().out
    assert run(root, "import", str(nasty_without_bad_entries(tmp_path))) == 0
    assert "0 added, 0 updated, 4 unchanged" in capsys.readouterr().out
    text = (root / "content/papers/the-best-nested-braces.md").read_text(encoding="utf-8")
    assert "bibtex_key: mueller2020nested" in text and "type: conference" in text
    out = build(root)
    exported = (out / "papers/the-best-nested-braces/mueller2020nested.bib").read_text(encoding="utf-8")
    # `{B}est` and `{{Nested}}` keep their protective braces in the export
    assert "title = {The {B}est {{Nested}} Braces: {\\\"{o}ptimal} Caf{\\'e} Models -- a \\& b}" in exported
    paper = root / "content/papers/the-best-nested-braces.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("title: 'The Best", "title: 'The Very Best"), encoding="utf-8")
    edited = (build(root) / "papers/the-best-nested-braces/mueller2020nested.bib").read_text(encoding="utf-8")
    assert "title = {The Very Best Nested Braces" in edited  # a person's edit wins over the stale original


def test_the_same_paper_from_a_listing_and_a_bib_is_one_paper(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    run(root, "import", str(SEED_LISTING), "--as-of", "2026-11-27")
    bib = tmp_path / "published.bib"
    bib.write_text(
        "@inproceedings{cai2023efficientvit,\n"
        "  title = {{EfficientViT}: Multi-Scale Linear Attention for High-Resolution Dense Prediction},\n"
        "  author = {Cai, Han and Li, Junyan and Hu, Muyan and Gan, Chuang and Han, Song},\n"
        "  booktitle = {ICCV}, year = {2023}, doi = {10.1109/ICCV51070.2023.01587}, eprint = {2205.14756}, archiveprefix = {arXiv}}\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run(root, "import", str(bib)) == 0
    assert "0 added" in capsys.readouterr().out
    assert len(list((root / "content/papers").glob("*.md"))) == 47
    paper = next(p for p in load_papers(root, Problems()) if p.slug == "efficientvit")
    assert (paper.venue, paper.doi, paper.arxiv, paper.date) == ("ICCV", "10.1109/ICCV51070.2023.01587", "2205.14756", dt.date(2022, 5, 29))
    assert paper.links["preprint"] == "https://arxiv.org/abs/2205.14756"
    assert paper.links["published"] == "https://doi.org/10.1109/ICCV51070.2023.01587"
    assert run(root, "import", str(bib)) == 0
    assert "1 unchanged" in capsys.readouterr().out


def test_round_trip_of_the_sites_own_bibtex(tmp_path):
    source = copy_site(tmp_path / "source")
    exported = build(source) / "publications.bib"
    empty = copy_site(tmp_path / "empty", with_papers=False)
    assert run(empty, "import", str(exported)) == 0

    def essentials(root: Path) -> dict:
        return {(p.title, p.date): (p.authors, p.et_al, p.venue, p.doi, p.arxiv) for p in load_papers(root, Problems())}

    assert essentials(empty) == essentials(source)


@pytest.mark.parametrize("suffix", [".txt", ".bibtex"])
def test_format_can_be_given(tmp_path, suffix, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    path = tmp_path / f"refs{suffix}"
    shutil.copy(nasty_without_bad_entries(tmp_path), path)
    assert run(root, "import", str(path), "--format", "bibtex") == 0
    assert "4 added" in capsys.readouterr().out
