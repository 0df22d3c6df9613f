"""One paper is one paper, two papers are two: across exports, sources and title edits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import SEED_LISTING, copy_site

from site_builder.cli import main
from site_builder.errors import Problems
from site_builder.importing.identity import same_paper, title_key
from site_builder.site.model import Paper
from site_builder.source.content import load_papers

AS_OF = ["--as-of", "2026-11-27"]


def run(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


def paper(title: str, year: int = 2020, authors: tuple[str, ...] = ("Ann Lee",), **fields) -> Paper:
    return Paper(slug="x", title=title, authors=authors, date=dt.date(year, 1, 1), category="", **fields)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        # a conference paper and its journal version under one title: two publications
        (("conference", "CVPR", 2019), ("journal", "IEEE Transactions on Pattern Analysis and Machine Intelligence", 2020), False),
        # a workshop's abstract, then the main meeting's, a year later (a lab's real .bib)
        (("conference", "ISMRM Workshop on Machine Learning Part 2", 2018), ("conference", "ISMRM Annual Meeting", 2019), False),
        # one paper from two sources: its venue written two ways, its year and kind the same
        (("conference", "NeurIPS", 2020), ("conference", "Advances in Neural Information Processing Systems", 2020), True),
        (("journal", "Nature", 2021), ("journal", "Nature", 2022), True),  # online first, then in print
        (("journal", "Nat Methods", 2021), ("journal", "Nature Methods", 2022), True),  # and its name abbreviated
        (("conference", "SIGGRAPH", 2020), ("journal", "ACM Transactions on Graphics", 2020), True),  # a journal-first venue
        (("preprint", "arXiv", 2019), ("conference", "CVPR", 2020), True),  # a preprint and its venue
        (("conference", "", 2018), ("journal", "Medical Physics", 2019), True),  # one without a venue says nothing
    ],
)
def test_one_title_in_two_venues_is_two_publications(first, second, same):
    records = [paper("Non-Cartesian k-space Deep Learning", year, type=kind, venue=venue) for kind, venue, year in (first, second)]
    assert same_paper(*records) is same


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Lite Pose: Efficient Design for 2D Human Pose Estimaton", "Lite Pose: Efficient Design for 2D Human Pose Estimation", True),
        ("Efficient Modeling of Long Sequences", "Efficient Modelling of Long Sequences", True),
        ("Towards Efficient Vision Transformers", "Toward Efficient Vision Transformers", True),
        ("Learning Form Data at Scale", "Learning From Data at Scale", True),  # two letters swapped
        ("Optimisation of Sparse Neural Networks", "Optimization of Sparse Neural Networks", True),
        ("Deep Learning for Graphs: Part I", "Deep Learning for Graphs: Part II", False),  # a short word
        ("Deep Learning for Graphs Part 1", "Deep Learning for Graphs Part 2", False),  # a number
        ("Supervised Learning of Visual Features", "Unsupervised Learning of Visual Features", False),  # two letters
        ("Efficient Image Generation with Transformers", "Efficient Video Generation with Transformers", False),
        ("Efficient Sparse Attention Models", "Efficient Sparse Attention Models for Video", False),  # another word
        ("A Stdy", "A Study", False),  # too short a title to tell
    ],
)
def test_a_title_with_one_word_spelt_otherwise_is_the_same_paper(first, second, same):
    assert same_paper(paper(first), paper(second)) is same
    assert same_paper(paper(first), paper(second, authors=("Bob Cho",))) is False  # never another group's


def _import_bib(root: Path, tmp_path: Path, text: str, capsys) -> tuple[str, str]:
    """Import `text` as a .bib; what the import said (out, err)."""
    bib = tmp_path / "lab.bib"
    bib.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert run(root, "import", str(bib)) == 0
    return capsys.readouterr()


def test_an_entry_whose_title_is_misspelt_joins_its_paper_and_the_import_says_so(tmp_path, capsys):
    root = _seed_site(tmp_path)
    out, err = _import_bib(
        root,
        tmp_path,
        "@inproceedings{wang2022lite,\n  title = {Lite Pose: Efficient Architecture Design for 2D Human Pose Estimaton},\n"
        "  author = {Wang, Yihan and Li, Muyang and Cai, Han and Han, Song},\n  booktitle = {CVPR},\n  year = {2022}\n}\n",
        capsys,
    )
    assert "0 added" in out and "1 merged" in out
    assert (
        "spelt otherwise: content/papers/lite-pose.md: the source's 'Lite Pose: Efficient Architecture Design for 2D Human "
        "Pose Estimaton' is 'Lite Pose: Efficient Architecture Design for 2D Human Pose Estimation' here"
    ) in err
    assert len(load_papers(root, Problems())) == 47


def test_a_paper_known_by_its_doi_under_another_title_is_no_misspelling(tmp_path, capsys):
    """The same DOI is the same paper whatever the titles say: the import said the title had a
    word spelt otherwise when the two titles had nothing in common."""
    root = copy_site(tmp_path / "site", with_papers=False)
    (root / "content/papers/study.md").write_text(
        "---\ntitle: A Study of Graph Networks\nauthors: [Ann Lee]\ndate: 2020\ndoi: 10.1234/gn.2020\n---\n", encoding="utf-8"
    )
    out, err = _import_bib(
        root,
        tmp_path,
        "@article{k,\n  title = {Entirely Other Words Here},\n  author = {Lee, Ann},\n  journal = {J},\n"
        "  doi = {10.1234/gn.2020},\n  year = {2020}\n}\n",
        capsys,
    )
    assert "0 added" in out and "1 merged" in out and "spelt otherwise" not in err


def test_title_keys_forgive_what_exports_change():
    base = title_key("Lite Pose: Efficient Architecture Design and Search")
    for edited in ("Lite Pose - Efficient Architecture Design & Search", "LITE POSE: efficient architecture design and search"):
        assert title_key(edited) == base
    assert title_key("EnTagRec++: Tags") != title_key("EnTagRec: Tags")
    assert title_key("深度学习") != title_key("强化学习")  # a title in any script keeps its letters
    # math read as text: Crossref's MathML, a listing's subscript and plain letters are one title
    regulatory = title_key("Screens Reveal Teff Regulators")
    for written in (
        "Screens reveal $T_{\\mathrm{eff}}$ regulators",
        "Screens Reveal T$_\\text{eff}$ Regulators",
        "Screens reveal T_eff regulators",
    ):
        assert title_key(written) == regulatory
    assert title_key("$\\alpha$-Net: Stable Training") == title_key("α-Net: Stable Training")
    assert title_key("$\\alpha$-Net: Stable Training") != title_key("$\\beta$-Net: Stable Training")


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        (paper("A Study", arxiv="2101.00001"), paper("Another Title", arxiv="2101.00001"), True),
        (paper("A Study", arxiv="2101.00001"), paper("A Study", arxiv="2101.00002"), False),
        (paper("A Book", 2009, doi="10.1/ed1"), paper("A Book", 2018, doi="10.1/ed2"), False),
        (paper("A Book", 2009), paper("A Book", 2018), False),  # two editions
        (paper("A Study", 2022), paper("A Study", 2023, venue="ICCV"), True),  # preprint and venue
        (paper("Introduction", authors=("Ann Lee",)), paper("Introduction", authors=("Bob Cho",)), False),
        (paper("A Study", doi="10.48550/arXiv.2101.00001"), paper("A Study", arxiv="2101.00001", doi="10.1/p"), True),
    ],
)
def test_same_paper(first, second, same):
    assert same_paper(first, second) is same


def _seed_site(tmp_path: Path) -> Path:
    root = copy_site(tmp_path / "site", with_papers=False)
    assert run(root, "import", str(SEED_LISTING), *AS_OF) == 0
    return root


def _import_seed_changed(root: Path, tmp_path: Path, change, capsys) -> tuple[str, str]:
    """Import the seed listing as `change` rewrites it; what the import said (out, err)."""
    listing = tmp_path / "changed.txt"
    listing.write_text(change(SEED_LISTING.read_text(encoding="utf-8")), encoding="utf-8")
    capsys.readouterr()
    assert run(root, "import", str(listing), *AS_OF) == 0
    return capsys.readouterr()


def _reworded(text: str) -> str:
    """Five titles reworded the way a later export rewords them."""
    return (
        text.replace("Lite Pose: Efficient", "Lite Pose - Efficient")
        .replace("HAT: Hardware-Aware", "HAT: hardware-aware")
        .replace("Methods, Systems, and Applications", "Methods, Systems, & Applications")
        .replace("Train One Network and Specialize", "Train One Network & Specialize")
        .replace("SANA: Efficient", "SANA - Efficient")
    )


def test_a_reimport_with_reworded_titles_updates_the_same_papers(tmp_path, capsys):
    root = _seed_site(tmp_path)
    out, _err = _import_seed_changed(root, tmp_path, _reworded, capsys)
    assert "0 added, 5 updated, 42 unchanged, 0 conflicts" in out
    papers = load_papers(root, Problems())
    assert len(papers) == 47
    titles = {p.slug: p.title for p in papers}
    assert titles["once-for-all"] == "Once-for-All: Train One Network & Specialize it for Efficient Deployment"
    assert run(root, "check") == 0
    assert "probably the same paper" not in capsys.readouterr().err


def _retitled(text: str) -> str:
    """Titles changed as arXiv versions and fixed typos change them: words added or corrected."""
    return text.replace(
        "Lite Pose: Efficient Architecture Design for 2D Human Pose Estimation",
        "Lite Pose: Efficient Architecture Design for 2D Human Pose Estimation on Edge Devices",
    ).replace("Network Augmentation for Tiny Deep Learning", "Network Augmentation for Tiny Deep Learning Models")


def test_a_reimport_with_titles_changed_updates_the_same_papers_and_says_so(tmp_path, capsys):
    """A title with a word added or fixed is a new title key: the entry was added beside its old
    paper, a duplicate."""
    root = _seed_site(tmp_path)
    paper = root / "content/papers/lite-pose.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("code: true\n", "code: true\npdf: https://x.org/p.pdf\n"), encoding="utf-8")
    out, err = _import_seed_changed(root, tmp_path, _retitled, capsys)
    assert "0 added, 2 updated, 45 unchanged, 0 conflicts" in out
    assert (
        "retitled: content/papers/lite-pose.md: 'Lite Pose: Efficient Architecture Design for 2D Human Pose Estimation' is now "
        "'Lite Pose: Efficient Architecture Design for 2D Human Pose Estimation on Edge Devices' (the same entry: its title "
        "changed in the source)"
    ) in err
    papers = {p.slug: p for p in load_papers(root, Problems())}
    assert len(papers) == 47
    assert papers["lite-pose"].title.endswith("on Edge Devices") and papers["lite-pose"].pdf == "https://x.org/p.pdf"
    assert papers["lite-pose"].review == ""  # the same abstract: sure
    out, _err = _import_seed_changed(root, tmp_path, _retitled, capsys)  # and the next import finds them at once
    assert "0 added, 0 updated, 47 unchanged" in out


def test_a_retitled_entry_with_a_new_abstract_is_the_same_paper_flagged_for_a_look(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    listing = tmp_path / "listing.txt"
    listing.write_text("CVMay 3, 2022\nFast Pose EstimationAnn Lee, Bo Chen\nWe study pose.\n", encoding="utf-8")
    assert run(root, "import", str(listing), *AS_OF) == 0
    listing.write_text(
        "CVMay 3, 2022\nFast Pose Estimation on PhonesAnn Lee, Bo Chen, Cy Wu\nWe study pose on phones.\n"
        # the same day and authors, another title: another paper
        "CVMay 3, 2022\nA Dataset of Hands and FacesAnn Lee, Bo Chen\nHands.\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run(root, "import", str(listing), *AS_OF) == 0
    assert "1 added, 1 updated, 0 unchanged" in capsys.readouterr().out
    papers = {p.slug: p for p in load_papers(root, Problems())}
    assert sorted(papers) == ["a-dataset-of-hands-and-faces", "fast-pose-estimation"]
    retitled = papers["fast-pose-estimation"]
    assert (retitled.title, retitled.authors) == ("Fast Pose Estimation on Phones", ("Ann Lee", "Bo Chen", "Cy Wu"))
    assert "'Fast Pose Estimation' before" in retitled.review


def test_a_retitled_bib_entry_is_known_by_its_key_and_another_groups_paper_is_not(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    bib = tmp_path / "lab.bib"
    entry = "@article{{smith2020,\n  title = {{{title}}},\n  author = {{{authors}}},\n  journal = {{J. Stuff}},\n  year = {{2020}}\n}}\n"
    bib.write_text(entry.format(title="A Stdy of Thngs", authors="Smith, John and Doe, Jane"), encoding="utf-8")
    assert run(root, "import", str(bib)) == 0
    bib.write_text(
        entry.format(title="Rethinking Things Entirely", authors="Smith, John and Doe, Jane")
        + entry.replace("smith2020", "lee2020").format(title="A Study of Things", authors="Lee, Ann and Cho, Bob"),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run(root, "import", str(bib)) == 0
    assert "1 added, 1 updated" in capsys.readouterr().out
    papers = {p.slug: p for p in load_papers(root, Problems())}
    assert papers["a-stdy-of-thngs"].title == "Rethinking Things Entirely" and papers["a-stdy-of-thngs"].review == ""
    assert papers["a-stdy-of-thngs"].bibtex_title == "Rethinking Things Entirely"  # not the old title's
    assert papers["a-study-of-things"].authors == ("Ann Lee", "Bob Cho")


def test_a_second_bib_of_new_papers_is_no_new_version_of_the_first(tmp_path, capsys):
    """A lab imports its .bib, then a file of its new papers: a new paper of the same year and
    authors whose title shares half its words with an old one's is another paper."""
    root = copy_site(tmp_path / "site", with_papers=False)
    entry = (
        "@article{{{key},\n  title = {{{title}}},\n  author = {{Smith, John and Doe, Jane}},\n  journal = {{J}},\n  year = {{2020}}\n}}\n"
    )
    titles = ("Efficient Language Models", "Sparse Attention at Scale", "Quantized Vision Transformers", "Pruning Graph Networks")
    (tmp_path / "lab.bib").write_text("".join(entry.format(key=f"k{n}", title=t) for n, t in enumerate(titles)), encoding="utf-8")
    (tmp_path / "new.bib").write_text(entry.format(key="new1", title="Efficient Streaming Language Models"), encoding="utf-8")
    assert run(root, "import", str(tmp_path / "lab.bib")) == 0
    capsys.readouterr()
    assert run(root, "import", str(tmp_path / "new.bib")) == 0
    out, err = capsys.readouterr()
    assert "1 added, 0 updated" in out and "retitled" not in err
    papers = {p.slug: p.title for p in load_papers(root, Problems())}
    assert papers["efficient-language-models"] == "Efficient Language Models" and len(papers) == 5


def test_an_entry_retitled_after_its_paper_was_deleted_by_hand_stays_out(tmp_path, capsys):
    root = _seed_site(tmp_path)
    (root / "content/papers/lite-pose.md").unlink()
    out, err = _import_seed_changed(root, tmp_path, _retitled, capsys)
    assert "0 added, 1 updated, 45 unchanged" in out and "1 deleted by hand" in out
    assert "left out: content/papers/lite-pose.md was deleted by hand" in err
    assert not (root / "content/papers/lite-pose.md").exists()


def test_check_warns_about_likely_duplicates(tmp_path, capsys):
    root = copy_site(tmp_path / "site")
    text = (root / "content/papers/hat.md").read_text(encoding="utf-8")
    copy = text.replace("title: 'HAT: Hardware-Aware", "title: 'HAT: hardware-aware").replace("source_id: ", "source_id: copy-")
    (root / "content/papers/hat-copy.md").write_text(copy.replace("bibtex_key: wang2020hat\n", ""), encoding="utf-8")
    misspelt = copy.replace("Transformers for Efficient", "Transformres for Efficient").replace("source_id: copy-", "source_id: typo-")
    (root / "content/papers/hat-typo.md").write_text(misspelt.replace("bibtex_key: wang2020hat\n", ""), encoding="utf-8")
    assert run(root, "check") == 0
    said = capsys.readouterr().err
    for other in ("hat-copy", "hat-typo"):
        assert (
            f"content/papers/hat.md: warning: probably the same paper as content/papers/{other}.md (same identifier, or same "
            "title, a word spelt otherwise aside, authors and years)"
        ) in said


def test_one_import_compares_only_records_that_share_an_identity(monkeypatch):
    """A lab's file of thousands of papers is imported in time proportional to its size: a record
    is compared with the ones that share its DOI, arXiv id or title, never with every other."""
    import site_builder.importing.merge as merge

    compared: list[tuple[str, str]] = []

    def counted(first: Paper, second: Paper) -> bool:
        compared.append((first.title, second.title))
        return same_paper(first, second)

    monkeypatch.setattr(merge, "same_paper", counted)
    records = [paper(f"Study number {n}", authors=(f"Author {n}",)) for n in range(300)]
    records.append(paper("Study Number 7", authors=("Author 7",), type="preprint"))  # the same work as the eighth
    records.append(paper("A third study", doi="10.1/b", arxiv="2101.00007"))
    records.append(paper("A Third Study (extended)", arxiv="2101.00007"))  # its preprint, by its arXiv id
    kept = merge.one_per_work(records, Problems(), "lab.bib")
    assert len(kept) == 301
    assert sorted(compared) == [("A third study", "A Third Study (extended)"), ("Study number 7", "Study Number 7")]
