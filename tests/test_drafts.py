"""`draft: true` keeps a paper out of the site, everywhere it would show, until a person deletes
the line; `build --drafts` and `serve --drafts` show it, saying it is a draft. Imports keep the
flag a person set, and bring a Hugo Blox draft or an unpublished Jekyll page in as a draft."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from conftest import SEED_LISTING, copy_site, tree_bytes
from test_equivalence import small_site

from site_builder.cli import main
from site_builder.errors import Problems
from site_builder.fast.incremental import Builder
from site_builder.pipeline import build_reference
from site_builder.source.content import load_papers
from site_builder.source.frontmatter import parse_paper, render_paper

DRAFTED = "hat"
ONLY_HERE = "Dora Draftwriter"
"""An author named on the draft alone: no page of the site may name her."""


def _mark_draft(root: Path, slug: str = DRAFTED, draft: bool = True) -> str:
    path = root / f"content/papers/{slug}.md"
    paper = parse_paper(path.read_text(encoding="utf-8"), str(path), slug, Problems())
    path.write_text(render_paper(dataclasses.replace(paper, draft=draft, authors=(*paper.authors, ONLY_HERE))), encoding="utf-8")
    return paper.title


def _text_files(out: Path) -> dict[str, str]:
    return {name: data.decode("utf-8") for name, data in tree_bytes(out).items() if not name.startswith("pagefind/")}


def _naming(out: Path, *words: str) -> list[str]:
    return sorted(name for name, text in _text_files(out).items() if any(word in text for word in words))


def test_a_draft_is_on_no_page_feed_export_or_sitemap(tmp_path, capsys):
    root = small_site(tmp_path / "site")
    title = _mark_draft(root)
    assert main(["--root", str(root), "build", "--out", str(tmp_path / "out")]) == 0
    out = tmp_path / "out"
    assert not (out / f"papers/{DRAFTED}").exists()
    assert not (out / "authors/dora-draftwriter").exists()
    assert _naming(out, title, ONLY_HERE, f"/papers/{DRAFTED}/") == []
    published = {p.slug for p in load_papers(root, Problems())} - {DRAFTED}
    assert all((out / f"papers/{slug}/index.html").is_file() for slug in published)


def test_drafts_are_shown_and_said_when_asked_for(tmp_path):
    root = small_site(tmp_path / "site")
    _mark_draft(root)
    assert main(["--root", str(root), "build", "--drafts", "--out", str(tmp_path / "out")]) == 0
    page = (tmp_path / f"out/papers/{DRAFTED}/index.html").read_text(encoding="utf-8")
    assert '<span class="draft-badge">Draft</span> Left out of the published site' in page
    home = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    item = home[home.index(f'id="{DRAFTED}"') :]
    assert '<span class="draft-badge">Draft</span>' in item[: item.index("</li>")]
    assert (tmp_path / "out/authors/dora-draftwriter/index.html").is_file()
    assert f"/papers/{DRAFTED}/" in (tmp_path / "out/publications.bib").read_text(encoding="utf-8")
    # the speed layer and the reference agree with drafts too
    assert build_reference(root, tmp_path / "reference", Problems(), drafts=True) is not None
    assert tree_bytes(tmp_path / "out") == tree_bytes(tmp_path / "reference")


def test_building_with_and_without_drafts_into_one_folder_never_keeps_the_other(tmp_path):
    """The input stamp knows the flag: a build after a `--drafts` build is not taken for
    `nothing changed`, and the reverse."""
    root = small_site(tmp_path / "site")
    _mark_draft(root)
    out = str(tmp_path / "out")
    for drafts, shown in ((False, False), (True, True), (False, False), (True, True)):
        assert main(["--root", str(root), "build", "--out", out, *(["--drafts"] if drafts else [])]) == 0
        assert (tmp_path / f"out/papers/{DRAFTED}/index.html").is_file() is shown


def test_publishing_a_draft_is_deleting_its_line(tmp_path):
    """The preview's builder, kept across edits, follows a paper into and out of draft as the
    reference does."""
    root = small_site(tmp_path / "site")
    builder, out = Builder(root), tmp_path / "preview"
    assert builder.build(out, Problems()) is not None
    for n, draft in enumerate((True, False, True)):
        _mark_draft(root, draft=draft)
        assert builder.build(out, Problems(), in_place=True) is not None
        builder.close()
        assert build_reference(root, tmp_path / f"reference-{n}", Problems()) is not None
        assert tree_bytes(out) == tree_bytes(tmp_path / f"reference-{n}")
        assert (out / f"papers/{DRAFTED}/index.html").is_file() is not draft


def test_check_reads_drafts_and_names_them(tmp_path, capsys):
    root = small_site(tmp_path / "site")
    _mark_draft(root)
    assert main(["--root", str(root), "check"]) == 0
    assert f"note: 1 draft is left out of the site (`draft: true`): content/papers/{DRAFTED}.md" in capsys.readouterr().out
    path = root / f"content/papers/{DRAFTED}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("date:", "date: not a day\nwhen:", 1), encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 1
    assert f"{DRAFTED}.md:" in capsys.readouterr().err


def test_an_import_keeps_a_draft_a_draft(tmp_path, capsys):
    root = copy_site(tmp_path / "site")
    _mark_draft(root)
    before = (root / f"content/papers/{DRAFTED}.md").read_text(encoding="utf-8")
    assert main(["--root", str(root), "import", str(SEED_LISTING), "--as-of", "2026-11-27"]) == 0
    assert " 0 added" in capsys.readouterr().out
    assert (root / f"content/papers/{DRAFTED}.md").read_text(encoding="utf-8") == before


def test_pages_an_old_site_left_unpublished_come_in_as_drafts(tmp_path, capsys):
    root = copy_site(tmp_path / "site", with_papers=False)
    hugo = tmp_path / "old-hugo/content/publication"
    for name, flag in (("kept-back", "draft: true"), ("out-there", "draft: false")):
        (hugo / name).mkdir(parents=True)
        (hugo / name / "index.md").write_text(
            f"---\ntitle: 'Paper {name}'\nauthors: [Ann Lee]\ndate: '2021-03-01T00:00:00Z'\n{flag}\n"
            "publication_types: ['article-journal']\npublication: '*Journal of Tests*'\nabstract: We test.\n---\n",
            encoding="utf-8",
        )
    jekyll = tmp_path / "old-jekyll/_publications"
    jekyll.mkdir(parents=True)
    for name, flag in (("2020-01-01-withheld", "published: false"), ("2020-02-01-shown", "published: true")):
        (jekyll / f"{name}.md").write_text(
            f"---\ntitle: Jekyll {name}\ncollection: publications\nvenue: ICML\n{flag}\n"
            "citation: 'Lee, A. (2020). A paper. <i>ICML</i>.'\n---\n",
            encoding="utf-8",
        )
    for source in (hugo, jekyll):
        assert main(["--root", str(root), "import", str(source), "--as-of", "2026-12-06"]) == 0
    drafts = {paper.title: paper.draft for paper in load_papers(root, Problems())}
    assert drafts == {
        "Paper kept-back": True,
        "Paper out-there": False,
        "Jekyll 2020-01-01-withheld": True,
        "Jekyll 2020-02-01-shown": False,
    }
