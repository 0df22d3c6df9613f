"""Nothing lost, nothing unsafe: hostile and broken input, paths, atomic writes."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from conftest import build, copy_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.errors import Problems
from site_builder.fast.incremental import build_site
from site_builder.importing.listing import parse_listing
from site_builder.importing.normalize import normalize_entries
from site_builder.output.atomic import write_atomic
from site_builder.render.markup import render_markup
from site_builder.site.catalog import build_catalog
from site_builder.site.model import Paper
from site_builder.site.pages import plan_pages
from site_builder.site.urls import UnsafePath, output_file
from site_builder.source.config import SiteConfig
from site_builder.source.registry import Registry

HEADER = st.sampled_from(["CVMay 3, 2022Code", "LGJun 1", "XYFeb 29", "CVFoo 1, 2020", "May 3", "DCMar 10, 2023"])
LINE = st.one_of(HEADER, st.text(max_size=80), st.just(""), st.just("Title, With CommaAlice Smith, Bob Lee et al. · mit"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(LINE, max_size=12), newline=st.sampled_from(["\n", "\r\n"]))
def test_listing_parser_never_raises(lines, newline):
    text = newline.join(lines)
    problems = Problems()
    entries = parse_listing(text, problems, "listing.txt")
    papers = normalize_entries(entries, Registry(), dt.date(2026, 11, 27), problems, "listing.txt")
    line_count = max(1, len(text.splitlines()))
    for problem in problems.items:
        assert problem.location.path == "listing.txt"
        assert problem.location.line is None or 1 <= problem.location.line <= line_count
    for paper in papers:
        assert paper.title and (paper.authors or paper.review)


@pytest.mark.parametrize("path", ["../../x/", "/etc/passwd", "..\\..\\x", "a/\0/b", "papers/../../x/"])
def test_output_paths_never_leave_the_folder(tmp_path, path):
    with pytest.raises(UnsafePath):
        output_file(tmp_path, path)


def test_output_paths_inside_are_fine(tmp_path):
    assert output_file(tmp_path, "papers/x/") == tmp_path / "papers/x/index.html"
    assert output_file(tmp_path, "") == tmp_path / "index.html"
    assert output_file(tmp_path, "feed.xml") == tmp_path / "feed.xml"


def test_an_address_that_cannot_be_split_is_an_error_in_a_paper_file_and_never_a_traceback(tmp_path):
    """`https://[oops` (a bracket without its pair) made `urlsplit` raise wherever a link was
    read: the build, the import's reading of the papers it updates, `check`."""
    root = copy_site(tmp_path / "site")
    paper = next((root / "content/papers").glob("*.md"))
    text = paper.read_text(encoding="utf-8")
    paper.write_text(text.replace("\nlinks: {", "\nlinks: {broken: 'https://[oops/x', ", 1), encoding="utf-8")
    problems = Problems()
    assert build_site(root, root / "_site", problems) is None
    assert any("error: link `broken` is not an http(s), mailto or relative URL" in str(p) for p in problems.errors)


def test_unsafe_slugs_in_the_registries_are_errors(tmp_path):
    root = copy_site(tmp_path / "site")
    (root / "content/topics.yaml").write_text(
        "- name: Evil\n  slug: ../../x\n- name: Fine\n  slug: fine\n- name: Again\n  slug: fine\n", encoding="utf-8"
    )
    (root / "content/authors.yaml").write_text("- name: Han Cai\n  homepage: javascript:alert(1)\n", encoding="utf-8")
    problems = Problems()
    assert build_site(root, root / "_site", problems) is None
    assert [str(p) for p in problems.errors] == [
        "content/authors.yaml:1: error: `homepage` of 'Han Cai' is not an http(s), mailto or relative URL (only web links are allowed)",
        "content/topics.yaml:1: error: slug '../../x' is not a valid slug (use lower-case letters, digits and single hyphens)",
        "content/topics.yaml:5: error: slug 'fine' is already used by the entry at line 3 (give each entry its own slug)",
    ]
    assert not (root / "_site").exists()


def test_very_long_and_strange_names_stay_inside(tmp_path):
    root = copy_site(tmp_path / "site")
    paper = root / "content/papers/hat.md"
    long_name = "Zz" + "a" * 400 + " ../../Etc"
    paper.write_text(paper.read_text(encoding="utf-8").replace("Hanrui Wang", long_name), encoding="utf-8")
    out = build(root)
    made = [p for p in (out / "authors").iterdir() if p.name.startswith("zz")]
    assert len(made) == 1 and len(made[0].name) <= 80
    assert all(out.resolve() in p.resolve().parents for p in out.rglob("*"))


def test_two_pages_on_one_url_name_both_sources():
    day = dt.date(2020, 1, 1)
    papers = [
        Paper("same", "One", ("A B",), day, "CV", source_path="content/papers/one.md"),
        Paper("same", "Two", ("A B",), day, "CV", source_path="content/papers/two.md"),
    ]
    problems = Problems()
    plan_pages(build_catalog(SiteConfig(), Registry(), papers), problems)
    assert [str(p) for p in problems.errors] == [
        "content/papers/two.md: error: two pages on one URL /papers/same/: content/papers/one.md and content/papers/two.md (rename one of them)"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](data:image/png;base64,AAAA)",
        "\\href{javascript:alert(1)}{x}",
        "\\href{data:text/html,hi}{x}",
        "<iframe src=https://evil.example></iframe>",
        "<a href=javascript:alert(1)>x</a>",
        "[x](https://[oops/x) and https://[oops",  # an address urlsplit raises on
        "\\href{https://[oops}{x}",
    ],
)
def test_markup_never_makes_unsafe_links_or_raw_html(text):
    html = render_markup(text)
    assert "<iframe" not in html and "<a href=javascript" not in html
    assert 'href="javascript' not in html.lower() and 'href="data' not in html and 'src="data' not in html


def test_atomic_write_leaves_old_bytes_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "paper.md"
    target.write_bytes(b"old")

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        write_atomic(target, b"new" * 1000)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["paper.md"]


def test_files_written_for_a_person_are_not_made_private(tmp_path):
    """A temporary file is private (0600); what replaces a paper file keeps the paper's mode
    (a lab's `chmod g+w`), and a new file takes the mode `open` gives under the umask."""
    os.umask(mask := os.umask(0o022))
    paper, new = tmp_path / "paper.md", tmp_path / "new.md"
    paper.write_bytes(b"old")
    paper.chmod(0o664)
    write_atomic(paper, b"new")
    write_atomic(new, b"new")
    assert (paper.stat().st_mode & 0o777, new.stat().st_mode & 0o777) == (0o664, 0o666 & ~mask)
    linked = tmp_path / "linked.md"
    linked.symlink_to(paper)
    write_atomic(linked, b"newer")
    assert (linked.is_symlink(), paper.read_bytes()) == (True, b"newer")  # the link stays a link


def test_a_new_site_and_its_imported_papers_are_readable_by_the_group_and_others(tmp_path):
    from conftest import SEED_LISTING

    from site_builder.cli import main

    old = os.umask(0o022)
    try:
        assert main(["new", str(tmp_path / "lab"), "--listing", str(SEED_LISTING)]) == 0
    finally:
        os.umask(old)
    written = [p for p in (tmp_path / "lab").rglob("*") if p.is_file()]
    assert len(written) > 47 and {p.stat().st_mode & 0o777 for p in written} == {0o644}
