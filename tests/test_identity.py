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


def test_title_keys_forgive_what_exports_change():
    base = title_key("Lite Pose: Efficient Architecture Design and Search")
    for edited in ("Lite Pose - Efficient Architecture Design & Search", "LITE POSE: efficient architecture design and search"):
        assert title_key(edited) == base
    assert title_key("EnTagRec++: Tags") != title_key("EnTagRec: Tags")
    assert title_key("深度学习") != title_key("强化学习")  # a title in any script keeps its letters


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
    root = copy_site(tmp_path / "site", with_papers=False)
    assert run(root, "import", str(SEED_LISTING), *AS_OF) == 0
    listing = tmp_path / "reworded.txt"
    listing.write_text(_reworded(SEED_LISTING.read_text(encoding="utf-8")), encoding="utf-8")
    capsys.readouterr()
    assert run(root, "import", str(listing), *AS_OF) == 0
    out, _err = capsys.readouterr()
    assert "0 added, 5 updated, 42 unchanged, 0 conflicts" in out
    papers = load_papers(root, Problems())
    assert len(papers) == 47
    titles = {p.slug: p.title for p in papers}
    assert titles["once-for-all"] == "Once-for-All: Train One Network & Specialize it for Efficient Deployment"
    assert run(root, "check") == 0
    assert "probably the same paper" not in capsys.readouterr().err


def test_check_warns_about_likely_duplicates(tmp_path, capsys):
    root = copy_site(tmp_path / "site")
    text = (root / "content/papers/hat.md").read_text(encoding="utf-8")
    copy = text.replace("title: 'HAT: Hardware-Aware", "title: 'HAT: hardware-aware").replace("source_id: ", "source_id: copy-")
    (root / "content/papers/hat-copy.md").write_text(copy.replace("bibtex_key: wang2020hat\n", ""), encoding="utf-8")
    assert run(root, "check") == 0
    assert (
        "content/papers/hat.md: warning: probably the same paper as content/papers/hat-copy.md (same identifier, or same "
        "title, authors and years)"
    ) in capsys.readouterr().err


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
