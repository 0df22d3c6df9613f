"""Builds render only what changed, and what they write is what a full build writes."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest
from conftest import copy_site, tree_bytes

from site_builder.errors import Problems
from site_builder.fast.incremental import Builder
from site_builder.output.folder import EXTRA_FILES
from site_builder.pipeline import build_reference
from site_builder.site.model import Paper
from site_builder.site.pages import PAGE_SIZE
from site_builder.source.content import load_papers
from site_builder.source.frontmatter import render_paper
from site_builder.text.names import name_slug


def page_count(out: Path) -> int:
    """Every file a build wrote but the search index and the static files (which are copied)."""
    return sum(1 for name in tree_bytes(out) if not name.startswith(("pagefind/", "static/", ".")) and name not in EXTRA_FILES)


def build(builder: Builder, out: Path, in_place: bool = False):
    problems = Problems()
    result = builder.build(out, problems, in_place=in_place)
    assert result is not None, [str(p) for p in problems.items]
    builder.close()  # in place, the search index follows in the background and the manifest at the end
    return result


def assert_same_as_full_build(root: Path, out: Path, full: Path) -> None:
    """What incremental builds left in `out` is byte for byte what the reference pipeline makes."""
    assert build_reference(root, full, Problems()) is not None
    assert tree_bytes(out) == tree_bytes(full)


@pytest.mark.parametrize("in_place", [False, True], ids=["swap", "in-place"])
def test_one_edit_renders_only_the_pages_that_show_it(tmp_path, in_place):
    root = copy_site(tmp_path / "site")
    builder = Builder(root)
    out = tmp_path / "out"
    assert build(builder, out).rendered == page_count(out)
    assert build(builder, out, in_place).rendered == 0

    paper = root / "content/papers/hat.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("title: 'HAT:", "title: 'HAT (revised):"), encoding="utf-8")
    result = build(builder, out, in_place)
    # The pages that show its title; the author and topic indexes show only names and counts.
    hat = load_papers(root, Problems())
    shown = [f"authors/{name_slug(name)}/" for name in next(p for p in hat if p.slug == "hat").authors]
    shown += ["topics/computation-and-language/", "topics/neural-architecture-search/", "topics/tinyml/"]
    assert sorted(result.rendered_paths) == sorted(
        ["", "feed.xml", "papers/hat/", "years/2020/"]
        + [f"{p}publications.{e}" for p in ("", *shown) for e in ("bib", "ris", "json")]
        + [f"papers/hat/wang2020hat.{e}" for e in ("bib", "ris", "json")]
        + shown
        + [p + "feed.xml" for p in shown]
    )
    assert "HAT (revised)" in (out / "papers/hat/index.html").read_text(encoding="utf-8")

    assert_same_as_full_build(root, out, tmp_path / "full")


@pytest.mark.parametrize("in_place", [False, True], ids=["swap", "in-place"])
def test_a_deleted_paper_leaves_no_page_behind(tmp_path, in_place):
    root = copy_site(tmp_path / "site")
    builder = Builder(root)
    out = tmp_path / "out"
    build(builder, out)
    (root / "content/papers/hat.md").unlink()
    build(builder, out, in_place)
    assert not (out / "papers/hat/index.html").exists()
    assert not (out / "authors/zhanghao-wu/index.html").exists()  # HAT was his only paper
    assert_same_as_full_build(root, out, tmp_path / "full")


def test_nothing_changed_writes_nothing(tmp_path):
    root = copy_site(tmp_path / "site")
    out = tmp_path / "out"
    build(Builder(root), out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    assert build(Builder(root), out).rendered == 0  # a new process: the cache is on disk
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before


def test_other_site_builder_code_renders_every_page(tmp_path, monkeypatch):
    """An upgrade (or a local change) of site_builder may render the same content otherwise:
    pages the last build made are not kept because their content is unchanged."""
    import site_builder.pipeline

    root = copy_site(tmp_path / "site")
    out = tmp_path / "out"
    build(Builder(root), out)
    monkeypatch.setattr(site_builder.pipeline, "code_digest", lambda: b"site_builder, another version")
    assert build(Builder(root), out).rendered == page_count(out)
    assert build(Builder(root), out).rendered == 0


def test_a_template_change_renders_every_page(tmp_path):
    root = copy_site(tmp_path / "site")
    out = tmp_path / "out"
    build(Builder(root), out)
    base = root / "templates/base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("Skip to content", "made with care"), encoding="utf-8")
    assert build(Builder(root), out).rendered == page_count(out)
    assert "made with care" in (out / "papers/hat/index.html").read_text(encoding="utf-8")


def test_long_lists_are_paginated(tmp_path):
    root = copy_site(tmp_path / "site", with_papers=False)
    count = PAGE_SIZE * 2 + 5
    for n in range(count):
        paper = Paper(f"p{n}", f"Paper {n}", ("Ann Lee", f"Author {n}"), dt.date(2020, 1, 1) + dt.timedelta(days=n), "CV")
        (root / f"content/papers/p{n}.md").write_text(render_paper(paper), encoding="utf-8")
    out = tmp_path / "out"
    build(Builder(root), out)
    for prefix in ("", "authors/ann-lee/", "topics/computer-vision/"):
        first = (out / prefix / "index.html").read_text(encoding="utf-8")
        assert first.count('class="paper-item"') == PAGE_SIZE
        assert f'href="/{prefix}page/2/"' in first and f'href="/{prefix}page/3/"' in first
        last = (out / prefix / "page/3/index.html").read_text(encoding="utf-8")
        assert last.count('class="paper-item"') == 5
    assert max(p.stat().st_size for p in out.rglob("*.html")) < 1_000_000


def test_a_broken_cache_only_costs_time(tmp_path):
    root = copy_site(tmp_path / "site")
    out = tmp_path / "out"
    builder = Builder(root)
    build(builder, out)
    assert builder.cache.path is not None
    builder.cache.path.write_text("{not json", encoding="utf-8")
    shutil.rmtree(out)
    assert build(Builder(root), out).rendered == page_count(out)


@pytest.mark.parametrize("in_place", [False, True], ids=["swap", "in-place"])
def test_an_edit_that_renames_another_papers_citation_key(tmp_path, in_place):
    # Both start as `lee2020sparse`; the older keeps it and the newer gets `lee2020sparseb`.
    # Retitling the older frees the key: the newer paper's page, links and files follow.
    root = copy_site(tmp_path / "site", with_papers=False)
    older = Paper("older", "Sparse Attention", ("Ann Lee",), dt.date(2020, 1, 1), "CV")
    newer = Paper("newer", "Sparse Kernels", ("Ann Lee",), dt.date(2020, 6, 1), "CV")
    for paper in (older, newer):
        (root / f"content/papers/{paper.slug}.md").write_text(render_paper(paper), encoding="utf-8")
    builder = Builder(root)
    out = tmp_path / "out"
    build(builder, out)
    assert (out / "papers/newer/lee2020sparseb.bib").is_file()

    retitled = Paper("older", "Dense Attention", ("Ann Lee",), dt.date(2020, 1, 1), "CV")
    (root / "content/papers/older.md").write_text(render_paper(retitled), encoding="utf-8")
    build(builder, out, in_place)
    assert (out / "papers/newer/lee2020sparse.bib").is_file()
    assert "lee2020sparse.bib" in (out / "papers/newer/index.html").read_text(encoding="utf-8")
    assert_same_as_full_build(root, out, tmp_path / "full")


def test_the_preview_writes_large_downloads_after_the_pages(tmp_path):
    root = copy_site(tmp_path / "site", with_papers=False)
    for n in range(PAGE_SIZE + 5):
        paper = Paper(f"p{n}", f"Paper {n}", ("Ann Lee", f"Author {n}"), dt.date(2020, 1, 1) + dt.timedelta(days=n), "CV")
        (root / f"content/papers/p{n}.md").write_text(render_paper(paper), encoding="utf-8")
    builder = Builder(root)
    out = tmp_path / "out"
    build(builder, out)
    edited = Paper("p7", "Paper seven, revised", ("Ann Lee", "Author 7"), dt.date(2020, 1, 8), "CV")
    (root / "content/papers/p7.md").write_text(render_paper(edited), encoding="utf-8")

    problems = Problems()
    result = builder.build(out, problems, in_place=True)
    assert result is not None, [str(p) for p in problems.items]
    # Citation files of more papers than a list page shows: the site's, Ann Lee's, the topic's.
    large = [f"{prefix}publications.{e}" for prefix in ("", "authors/ann-lee/", "topics/computer-vision/") for e in ("bib", "ris", "json")]
    assert sorted(result.deferred_paths) == sorted(large)
    assert "papers/p7/" in result.rendered_paths and not set(large) & set(result.rendered_paths)
    assert "Paper seven, revised" in (out / "papers/p7/index.html").read_text(encoding="utf-8")
    builder.close()
    assert "Paper seven, revised" in (out / "publications.bib").read_text(encoding="utf-8")
    assert build(builder, out, in_place=True).rendered == 0  # what the background wrote is known
    assert_same_as_full_build(root, out, tmp_path / "full")


def test_a_session_of_edits_always_matches_a_full_build(tmp_path):
    # One preview session: edits that keep the groupings (planned from the dependency map) mixed
    # with edits that regroup (planned in full); after each, the output is what a full build makes.
    root = copy_site(tmp_path / "site")
    papers = root / "content/papers"
    builder = Builder(root)
    out = tmp_path / "out"
    build(builder, out)

    def edit(name: str, old: str, new: str) -> None:
        path = papers / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    steps = [
        lambda: edit("hat.md", "title: 'HAT:", "title: 'HAT (v2):"),
        lambda: edit("hat.md", "Hanrui Wang", "Hanrui Wang Jr."),
        lambda: edit("sana.md", "title: 'SANA:", "title: 'ZANA:"),  # now after its same-day neighbours
        lambda: (papers / "hart.md").unlink(),
        lambda: edit("efficientvit.md", "date: ", "date: 2019-01-01\nold_date: "),
        lambda: shutil.copy(papers / "hat.md", papers / "hat-copy.md"),
        lambda: edit("hat-copy.md", "source_id: ", "source_id: copy-"),
        lambda: edit("hat.md", "title: 'HAT (v2):", "title: 'HAT (v3):"),
    ]
    for number, step in enumerate(steps):
        step()
        problems = Problems()
        result = builder.build(out, problems, in_place=True)
        builder.close()
        full = tmp_path / f"full-{number}"
        complete = Builder(root, use_cache=False).build(full, Problems())
        if result is None:  # a step may leave the site broken for a moment (two files, one source_id)
            assert complete is None
            continue
        assert tree_bytes(out) == tree_bytes(full), f"step {number}"


@pytest.mark.parametrize("in_place", [False, True], ids=["swap", "in-place"])
def test_an_edit_re_indexes_only_its_part_of_the_search_index(tmp_path, monkeypatch, in_place):
    from site_builder.output import search

    monkeypatch.setattr(search, "PAPERS_PER_INDEX", 10)  # 47 papers: five parts
    root = copy_site(tmp_path / "site")
    builder = Builder(root)
    out = tmp_path / "out"
    build(builder, out)
    entries = sorted((out / "pagefind").rglob("pagefind-entry.json"))
    assert len(entries) == 5
    before = {path: path.stat().st_ino for path in entries}

    edit = root / "content/papers/hat.md"
    edit.write_text(edit.read_text(encoding="utf-8").replace("title: 'HAT:", "title: 'HAT (revised):"), encoding="utf-8")
    build(builder, out, in_place)
    remade = [path for path in entries if path.stat().st_ino != before[path]]
    assert len(remade) == 1  # the part that indexes papers/hat/; the others are links to the old files
    assert_same_as_full_build(root, out, tmp_path / "full")


def _retitle(root: Path, title: str) -> None:
    edit = root / "content/papers/hat.md"
    text = edit.read_text(encoding="utf-8")
    edit.write_text(text.replace(text.split("\n")[1], f"title: '{title}'", 1), encoding="utf-8")


def test_pagefind_is_seeded_with_the_files_it_would_write_again(tmp_path):
    """An edit's index starts from links to the live index's files named by their content, so
    Pagefind makes only what changed; the files it left unused are removed, and the index is
    byte for byte a fresh one. Files with fixed names are Pagefind's own, never the live ones."""
    root = copy_site(tmp_path / "site")
    builder = Builder(root)
    out = tmp_path / "out"
    build(builder, out)
    live = {p.name: p.stat().st_ino for p in (out / "pagefind").rglob("*") if p.is_file()}
    _retitle(root, "HAT: seeded")
    build(builder, out)
    index = [p for p in (out / "pagefind").rglob("*") if p.is_file()]
    kept = {p.name for p in index if live.get(p.name) == p.stat().st_ino}
    assert len([name for name in kept if name.endswith(".pf_fragment")]) == 46  # all but hat's
    assert not {"pagefind-entry.json", "pagefind.js", "pagefind-ui.js", "wasm.en.pagefind"} & kept
    assert_same_as_full_build(root, out, tmp_path / "full")


def test_an_index_that_does_not_look_as_expected_is_made_from_nothing(tmp_path, monkeypatch):
    from site_builder.output import search

    root = copy_site(tmp_path / "site")
    builder = Builder(root)
    out = tmp_path / "out"
    build(builder, out)
    pruned = []
    monkeypatch.setattr(search, "_prune_part", lambda output: pruned.append(output) and False)
    _retitle(root, "HAT: not as expected")
    build(builder, out)
    assert len(pruned) == 1
    assert_same_as_full_build(root, out, tmp_path / "full")


def test_switching_search_off_and_on_in_the_preview(tmp_path):
    root = copy_site(tmp_path / "site")
    builder = Builder(root)
    out = tmp_path / "out"
    build(builder, out)
    settings = root / "site.yaml"
    original = settings.read_text(encoding="utf-8")
    settings.write_text(original + "search: false\n", encoding="utf-8")
    build(builder, out, in_place=True)
    assert not (out / "pagefind").exists() and not (out / "search").exists()
    assert_same_as_full_build(root, out, tmp_path / "full-off")
    settings.write_text(original, encoding="utf-8")
    build(builder, out, in_place=True)
    assert (out / "pagefind/pagefind-entry.json").is_file()
    assert_same_as_full_build(root, out, tmp_path / "full-on")


@pytest.mark.parametrize(
    "command, said",
    [
        ([sys.executable, "-c", "import sys; sys.stderr.write('pagefind: out of words'); sys.exit(3)"], "out of words"),
        (["/nonexistent/pagefind"], "cannot run pagefind (/nonexistent/pagefind)"),
    ],
    ids=["fails", "missing"],
)
def test_a_failing_pagefind_leaves_the_site_as_it_was(tmp_path, monkeypatch, capsys, command, said):
    """When Pagefind fails, or cannot start, the build says so in a line and exits 1; the live
    site is as it was, no staging folder is left, and the next build makes it whole."""
    from site_builder import cli
    from site_builder.output import search

    root = copy_site(tmp_path / "site")
    out = tmp_path / "out"
    argv = ["--root", str(root), "build", "--out", str(out)]
    assert cli.main(argv) == 0
    _retitle(root, "HAT: first")
    assert cli.main(argv) == 0  # an incremental build, which links the unchanged pages
    before = tree_bytes(out)
    monkeypatch.setattr(search, "pagefind_command", lambda: command)
    _retitle(root, "HAT: not indexed")
    capsys.readouterr()
    assert cli.main(argv) == 1
    err = capsys.readouterr().err
    assert "the search index failed" in err and said in err and "Traceback" not in err
    assert tree_bytes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]
    # A cold build (render workers, then Pagefind): the same, into nothing.
    assert cli.main([*argv[:-1], str(tmp_path / "new")]) == 1
    assert said in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]
    monkeypatch.undo()
    assert cli.main(argv) == 0
    assert cli.main([*argv[:-1], str(tmp_path / "full")]) == 0
    assert tree_bytes(out) == tree_bytes(tmp_path / "full")


def test_a_fresh_checkout_reuses_the_restored_cache(tmp_path, monkeypatch):
    """A checkout gives every file a new modification time; a cache restored beside it (the
    publishing workflow's) still knows each paper by its bytes: none is parsed again, and the
    output restored with it is only rewritten where a page changed."""
    import os

    from site_builder.fast import parse as paper_files

    root = copy_site(tmp_path / "site")
    out = tmp_path / "out"
    build(Builder(root), out)
    for path in (root / "content").rglob("*"):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    parsed = []
    real = paper_files.read_paper
    monkeypatch.setattr(paper_files, "read_paper", lambda *args: parsed.append(args[0].name) or real(*args))
    paper = root / "content/papers/hat.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("title: 'HAT:", "title: 'HAT (v2):"), encoding="utf-8")
    result = build(Builder(root), out)
    assert parsed == ["hat.md"]
    assert 0 < result.rendered < page_count(out) / 10
    assert_same_as_full_build(root, out, tmp_path / "full")


def test_compiled_templates_are_kept_per_version_of_the_code_and_old_versions_are_cleared(tmp_path, monkeypatch):
    """Jinja keys compiled templates by their source only: a version of site_builder with other
    environment options must not load what another compiled. An upgrade clears what versions
    left an hour or more ago; a version building at the same moment keeps its folder."""
    import os

    import site_builder.code

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = copy_site(tmp_path / "site")
    out = tmp_path / "out"
    build(Builder(root), out)
    ours = Builder(root).bytecode_dir
    assert ours is not None and any(ours.iterdir())
    monkeypatch.setattr(site_builder.code, "code_version", lambda: "0123456789abcdef")
    other = Builder(root)
    assert other.bytecode_dir != ours and other.bytecode_dir.parent == ours.parent
    build(other, tmp_path / "other")
    assert any(other.bytecode_dir.iterdir()) and ours.is_dir()  # the other version's is recent
    hour_ago = ours.stat().st_mtime - site_builder.code.STALE_AFTER - 1
    os.utime(ours, (hour_ago, hour_ago))
    monkeypatch.setattr(site_builder.code, "code_version", lambda: "fedcba9876543210")
    build(Builder(root), tmp_path / "third")
    assert sorted(p.name for p in ours.parent.iterdir()) == ["0123456789abcdef", "fedcba9876543210"]


def test_a_preview_stopped_while_it_indexes_leaves_the_index_to_the_next_build(tmp_path, monkeypatch):
    """Ctrl-C while the background thread makes the search index: Pagefind is stopped, not
    waited for; the live index stays as it was and the saved manifest says it is out of date."""
    import signal
    import threading

    from site_builder.output import search

    root = copy_site(tmp_path / "site")
    builder = Builder(root)
    out = tmp_path / "out"
    build(builder, out)
    launched, started = [], threading.Event()
    real_popen = search._popen

    def slow_pagefind(command):  # the real Pagefind, after a pause long enough to stop it in
        process = real_popen([sys.executable, "-c", DELAYED_EXEC, *command])
        launched.append(process)
        started.set()
        return process

    monkeypatch.setattr(search, "_popen", slow_pagefind)
    _retitle(root, "HAT: stopped")
    assert builder.build(out, Problems(), in_place=True) is not None
    assert started.wait(timeout=60)
    builder.stop()
    assert [process.returncode for process in launched] == [-signal.SIGKILL]
    assert not builder.follow_up.is_alive()
    assert not (tmp_path / ".out.search").exists()  # the abandoned index's folder
    assert (out / "pagefind/pagefind-entry.json").is_file()  # the live one, as it was

    monkeypatch.setattr(search, "_popen", real_popen)
    build(Builder(root), out)
    assert_same_as_full_build(root, out, tmp_path / "full")


DELAYED_EXEC = "import os, sys, time; time.sleep(60); os.execvp(sys.argv[1], sys.argv[1:])"


def test_a_stylesheet_of_the_sites_own_is_linked_on_every_page_from_the_build_it_appears_in(tmp_path):
    root = copy_site(tmp_path / "site")
    out = tmp_path / "out"
    builder = Builder(root)
    build(builder, out)
    (root / "static").mkdir(exist_ok=True)
    (root / "static/custom.css").write_text(":root { --accent: #8c1515; }\n", encoding="utf-8")
    assert build(builder, out).rendered == page_count(out)  # the same builder, as the preview's
    page = (out / "papers/hat/index.html").read_text(encoding="utf-8")
    assert page.index('href="/static/style.css"') < page.index('href="/static/custom.css"')
    assert (out / "static/custom.css").read_text(encoding="utf-8") == ":root { --accent: #8c1515; }\n"
    assert_same_as_full_build(root, out, tmp_path / "full")
    (root / "static/custom.css").unlink()
    build(builder, out)
    assert "custom.css" not in (out / "papers/hat/index.html").read_text(encoding="utf-8")
    assert_same_as_full_build(root, out, tmp_path / "full2")
