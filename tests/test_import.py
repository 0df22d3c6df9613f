"""`site-builder import`: files written, idempotent, and never losing a person's edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, SEED_BIB, SEED_LISTING, build, copy_site, nu_errors, tree_bytes

from site_builder.cli import main

AS_OF = ["--as-of", "2026-11-27"]


def run(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


@pytest.fixture
def empty_site(tmp_path):
    return copy_site(tmp_path / "site", with_papers=False)


def test_import_of_the_seed_gives_the_shipped_content(empty_site, capsys):
    assert run(empty_site, "import", str(SEED_LISTING), *AS_OF) == 0
    assert "47 added, 0 updated, 0 unchanged, 0 conflicts" in capsys.readouterr().out
    assert run(empty_site, "import", str(SEED_BIB)) == 0
    assert "0 added, 0 updated, 0 unchanged, 0 conflicts, 46 merged" in capsys.readouterr().out
    written = sorted(p.name for p in (empty_site / "content/papers").glob("*.md"))
    assert len(written) == 47
    # The shipped files are the import plus the lab's own edit: its landmark papers are `selected`.
    selected = sorted(name for name in written if b"\nselected: true\n" in (REPO / "content/papers" / name).read_bytes())
    assert selected == ["efficientvit.md", "once-for-all.md", "proxylessnas.md", "sana.md"]
    for name in written:
        shipped = (REPO / "content/papers" / name).read_bytes().replace(b"\nselected: true\n", b"\n")
        assert (empty_site / "content/papers" / name).read_bytes() == shipped, name


def test_importing_twice_changes_no_file(empty_site, capsys):
    run(empty_site, "import", str(SEED_LISTING), *AS_OF)
    before = tree_bytes(empty_site / "content")
    mtimes = {p: p.stat().st_mtime_ns for p in (empty_site / "content").rglob("*") if p.is_file()}
    assert run(empty_site, "import", str(SEED_LISTING), *AS_OF) == 0
    assert "0 added, 0 updated, 47 unchanged, 0 conflicts" in capsys.readouterr().out
    assert tree_bytes(empty_site / "content") == before
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes


LISTING = "CVMay 3, 2022Code\nLite Pose: Efficient Pose EstimationYihan Wang, Muyang Li, Han Cai et al. · mit\nPose estimation matters.\n"


def test_edits_survive_and_untouched_fields_follow_the_listing(empty_site, tmp_path, capsys):
    listing = tmp_path / "listing.txt"
    listing.write_text(LISTING, encoding="utf-8")
    run(empty_site, "import", str(listing), *AS_OF)
    paper = empty_site / "content/papers/lite-pose.md"
    text = paper.read_text(encoding="utf-8")
    # A person fixes a name, adds a PDF and a note, and renames the file.
    text = text.replace("Lite Pose: Efficient Pose Estimation", "LitePose: Efficient Pose Estimation")
    text = text.replace("Yihan Wang", "Yi-Han Wang").replace("code: true\n", "code: true\npdf: https://x.org/p.pdf\n")
    text = text.replace("Pose estimation matters.", "Pose estimation matters.\n\nOur note: see the talk.")
    paper.unlink()
    (empty_site / "content/papers/litepose.md").write_text(text, encoding="utf-8")
    # The listing changes the date and the abstract is unchanged; authors change too (a conflict).
    listing.write_text(LISTING.replace("May 3, 2022", "May 4, 2022").replace("Yihan Wang", "Yihan W. Wang"), encoding="utf-8")
    capsys.readouterr()
    assert run(empty_site, "import", str(listing), *AS_OF) == 0
    out, err = capsys.readouterr()
    assert "0 added, 1 updated, 0 unchanged, 1 conflicts" in out
    assert "conflict: content/papers/litepose.md: authors changed both by hand and in the listing; kept yours" in err
    assert sorted(p.name for p in (empty_site / "content/papers").glob("*.md")) == ["litepose.md"]
    merged = (empty_site / "content/papers/litepose.md").read_text(encoding="utf-8")
    assert "date: 2022-05-04" in merged  # followed the listing
    assert "title: 'LitePose: Efficient Pose Estimation'" in merged  # the person's title, no duplicate
    assert "authors: [Yi-Han Wang, Muyang Li, Han Cai]" in merged  # the person's version
    assert "pdf: https://x.org/p.pdf" in merged and "Our note: see the talk." in merged


SECOND = "LGJun 1, 2021\nA Second PaperBob Lee\nAbstract two.\n"


def test_a_paper_deleted_by_hand_is_not_brought_back_unless_restored(empty_site, tmp_path, capsys):
    listing = tmp_path / "listing.txt"
    listing.write_text(LISTING + SECOND, encoding="utf-8")
    run(empty_site, "import", str(listing), *AS_OF)
    (empty_site / "content/papers/lite-pose.md").unlink()
    assert run(empty_site, "import", str(listing), *AS_OF) == 0
    err = capsys.readouterr().err
    assert "left out: content/papers/lite-pose.md was deleted by hand (`import --restore` brings it back)" in err
    assert not (empty_site / "content/papers/lite-pose.md").exists()
    assert run(empty_site, "import", str(listing), *AS_OF, "--restore") == 0
    assert "1 added" in capsys.readouterr().out
    assert (empty_site / "content/papers/lite-pose.md").exists()


def test_a_paper_a_later_listing_no_longer_has_stays_and_the_import_says_so(empty_site, tmp_path, capsys):
    """A profile exported again without one of its papers: the paper stays (an import never
    drops one), and the import names it, where it said nothing. A .bib import, which holds only
    some papers, says nothing of the listing's others."""
    listing = tmp_path / "listing.txt"
    listing.write_text(LISTING + SECOND, encoding="utf-8")
    run(empty_site, "import", str(listing), *AS_OF)
    listing.write_text(LISTING, encoding="utf-8")
    capsys.readouterr()
    assert run(empty_site, "import", str(listing), *AS_OF) == 0
    assert (
        "note: 1 paper an earlier listing brought is not in this one and stays on the site (delete a paper's file to take it "
        "off): content/papers/a-second-paper.md"
    ) in capsys.readouterr().err
    assert (empty_site / "content/papers/a-second-paper.md").exists()
    bib = tmp_path / "one.bib"
    bib.write_text("@article{x, title = {Other Work}, author = {Lee, Ann}, journal = {J}, year = 2020}\n", encoding="utf-8")
    assert run(empty_site, "import", str(bib)) == 0
    assert "earlier listing" not in capsys.readouterr().err


def test_an_emptied_papers_folder_is_a_fresh_start(empty_site, tmp_path, capsys):
    listing = tmp_path / "listing.txt"
    listing.write_text(LISTING + SECOND, encoding="utf-8")
    run(empty_site, "import", str(listing), *AS_OF)
    for paper in (empty_site / "content/papers").glob("*.md"):
        paper.unlink()
    capsys.readouterr()
    assert run(empty_site, "import", str(listing), *AS_OF) == 0
    out, err = capsys.readouterr()
    assert "2 added" in out and "left out" not in err
    assert len(list((empty_site / "content/papers").glob("*.md"))) == 2


def test_dry_run_writes_nothing(empty_site, capsys):
    assert run(empty_site, "import", str(SEED_LISTING), *AS_OF, "--dry-run") == 0
    assert "would import: 47 added" in capsys.readouterr().out
    assert list((empty_site / "content/papers").iterdir()) == []


def test_unsure_entries_are_imported_for_review_and_never_block_the_rest(empty_site, tmp_path, capsys):
    listing = tmp_path / "odd.txt"
    listing.write_text(LISTING + "CVMay 35, 2022\nA TitleAlice Smith\nAbstract\n" + "LGJun 1\nall lower case\nAbstract\n", encoding="utf-8")
    assert run(empty_site, "import", str(listing), *AS_OF) == 0
    out, err = capsys.readouterr()
    assert "3 added" in out and "2 need a look" in out
    assert f"{listing}:4: warning: May 35, 2022 is not a date: imported as May only" in err
    assert f"{listing}:8: warning: unsure where the title ends: took 'all lower case' by no authors" in err
    dated = (empty_site / "content/papers/a-title.md").read_text(encoding="utf-8")
    assert "date: 2022-05\n" in dated and dated.startswith("---\nreview: the listing's date is wrong")
    unsplit = (empty_site / "content/papers/all-lower-case.md").read_text(encoding="utf-8")
    assert "authors: []" in unsplit and "review: 'check the title and authors" in unsplit
    assert run(empty_site, "check") == 0
    err = capsys.readouterr().err
    assert "content/papers/a-title.md:2: warning: under review: the listing's date is wrong" in err
    assert "content/papers/all-lower-case.md:2: warning: under review: check the title and authors" in err


def test_a_lab_writing_in_chinese_japanese_and_korean_gets_its_guesses_flagged_and_learnt(empty_site, tmp_path, capsys):
    listing = tmp_path / "cjk.txt"
    listing.write_text(
        "CVMar 3, 2024\nA Survey of 3D Gaussian Splatting张伟, Li Na\nAbstract\n"  # another script: sure
        "CVMar 4, 2024\n基于深度学习的医学图像分割方法综述张伟, 李娜\nAbstract\n"  # 张伟 learnt above: sure
        "LGApr 4, 2021\n日本語のタイトル：深層学習山田太郎, 佐藤花子\nAbstract\n"
        "CLMay 6, 2020\n딥러닝 기반 의료 영상 분할김철수, 이영희, 박민수\nAbstract\n",
        encoding="utf-8",
    )
    assert run(empty_site, "import", str(listing), *AS_OF) == 0
    out, err = capsys.readouterr()
    assert "4 added" in out and "2 need a look" in out
    assert "took '日本語のタイトル：深層学習' by 山田太郎, 佐藤花子; nothing in the script shows where the title ends" in err
    assert "took '딥러닝 기반 의료 영상 분할' by 김철수, 이영희, 박민수" in err
    chinese = (empty_site / "content/papers/ji-yu-shen-du-xue-xi-de-yi-xue-tu-xiang-fen-ge-fang-fa-zong.md").read_text(encoding="utf-8")
    assert "title: 基于深度学习的医学图像分割方法综述\nauthors: [张伟, 李娜]" in chinese and "review:" not in chinese
    out = build(empty_site)
    assert "{zhang2024jiyu,\n" in (out / "publications.bib").read_text(encoding="utf-8")


def test_a_listing_whose_structure_cannot_be_read_writes_nothing(empty_site, tmp_path, capsys):
    listing = tmp_path / "bad.txt"
    listing.write_text(LISTING + "not a header at all\nA TitleAlice Smith\nAbstract\nCVMay 3, 2022\nLGMay 4, 2022\n", encoding="utf-8")
    before = tree_bytes(empty_site / "content")
    assert run(empty_site, "import", str(listing), *AS_OF) == 1
    err = capsys.readouterr().err
    assert f"{listing}:4: error: expected a category and date like `CVMay 3, 2022Code`, found `not a header at all`" in err
    assert f"{listing}:7: error: the entry is missing its title/author line and abstract" in err
    assert f"{listing}:8: error: the entry is missing its title/author line and abstract" in err
    assert "3 error(s); nothing was written" in err
    assert tree_bytes(empty_site / "content") == before


def test_a_broken_paper_file_stops_the_import(empty_site, tmp_path, capsys):
    shutil.copy(REPO / "content/papers/hat.md", empty_site / "content/papers/hat.md")
    (empty_site / "content/papers/broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    assert run(empty_site, "import", str(SEED_LISTING), *AS_OF) == 1
    assert "content/papers/broken.md:2: error: YAML syntax error" in capsys.readouterr().err
    assert sorted(p.name for p in (empty_site / "content/papers").iterdir()) == ["broken.md", "hat.md"]


def test_a_paper_without_an_abstract_is_imported_and_built_without_an_empty_section(empty_site, tmp_path, capsys):
    listing = tmp_path / "no-abstract.txt"
    listing.write_text(LISTING + "LGJan 15, 2020\nGPT-4 Technical ReportAnn Lee, Bo Li · ETH Zürich · Google\n\n", encoding="utf-8")
    assert run(empty_site, "import", str(listing), *AS_OF) == 0
    out, err = capsys.readouterr()
    assert "2 added" in out and "1 need a look" in out
    assert f"{listing}:4: warning: the entry has no abstract: imported without one" in err
    text = (empty_site / "content/papers/gpt-4-technical-report.md").read_text(encoding="utf-8")
    assert text.startswith("---\nreview: the listing has no abstract for it\n") and "org: ETH Zürich · Google\n" in text
    assert "authors: [Ann Lee, Bo Li]" in text and text.endswith("---\n")
    out_dir = build(empty_site)
    page = out_dir / "papers/gpt-4-technical-report/index.html"
    html = page.read_text(encoding="utf-8")
    assert 'id="abstract-heading"' not in html and (out_dir / "index.html").read_text(encoding="utf-8").count("Abstract</summary>") == 1
    assert '<meta name="description" content="GPT-4 Technical Report, 2020">' in html and '"abstract"' not in html
    assert nu_errors([page]) == ""


def test_a_listing_date_without_a_day_is_imported_as_its_month(empty_site, tmp_path, capsys):
    listing = tmp_path / "months.txt"
    listing.write_text("CV May 2022Code\nEfficient Pose EstimationYihan Wang, Muyang Li\nPose estimation matters.\n", encoding="utf-8")
    assert run(empty_site, "import", str(listing), *AS_OF) == 0
    text = (empty_site / "content/papers/efficient-pose-estimation.md").read_text(encoding="utf-8")
    assert "date: 2022-05\n" in text and "review" not in text
    page = (build(empty_site) / "papers/efficient-pose-estimation/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2022-05">May 2022</time>' in page


def test_a_recent_paper_dated_days_ago_keeps_its_file_when_a_later_export_gives_the_day(empty_site, tmp_path, capsys):
    """Profiles show a recent paper's date as `3 days ago`: counted back from `--as-of`. The next
    export, weeks later, gives the day itself: the same paper, its file updated, not a second one."""
    listing = tmp_path / "listing.txt"
    listing.write_text("CV3 days agoCode\nEfficient Pose EstimationYihan Wang, Muyang Li\nPose estimation matters.\n", encoding="utf-8")
    assert run(empty_site, "import", str(listing), "--as-of", "2026-11-27") == 0
    assert "1 date(s) are written relative to the day the listing was exported (`3 days ago`)" in capsys.readouterr().err
    paper = empty_site / "content/papers/efficient-pose-estimation.md"
    assert "date: 2026-11-24\n" in paper.read_text(encoding="utf-8") and "review" not in paper.read_text(encoding="utf-8")
    listing.write_text("CVNov 24, 2026Code\nEfficient Pose EstimationYihan Wang, Muyang Li\nPose estimation matters.\n", encoding="utf-8")
    assert run(empty_site, "import", str(listing), "--as-of", "2026-12-20") == 0
    assert "0 added, 0 updated, 1 unchanged" in capsys.readouterr().out
    assert [p.name for p in (empty_site / "content/papers").glob("*.md")] == [paper.name]


@pytest.mark.parametrize(
    ("record", "named"),
    [
        ("{not json", "cannot read the import record"),
        ("[1, 2]", "the import record is not as import writes it (entries)"),
        (
            '{"entries": {"listing:1": "x", "listing:2": {"fields": {}}}}',
            "the import record is not as import writes it (listing:1, listing:2)",
        ),
    ],
    ids=["not-json", "not-a-record", "broken-entries"],
)
def test_an_import_record_changed_by_hand_is_an_error_and_nothing_is_written(empty_site, capsys, record, named):
    """A record a merge or a hand broke said nothing (a list read as no record, every paper then
    a conflict) or gave a traceback (an entry that is no entry)."""
    assert run(empty_site, "import", str(SEED_LISTING), *AS_OF) == 0
    (empty_site / "content/.import-state.json").write_text(record, encoding="utf-8")
    before = tree_bytes(empty_site / "content")
    capsys.readouterr()
    assert run(empty_site, "import", str(SEED_LISTING), *AS_OF) == 1
    err = capsys.readouterr().err
    assert f"content/.import-state.json: error: {named}" in err and "Traceback" not in err
    assert tree_bytes(empty_site / "content") == before
