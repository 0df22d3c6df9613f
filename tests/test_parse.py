"""Paper files parsed in two processes give what one process gives: the papers in file order and
the problems in the order one process reports them."""

from __future__ import annotations

import os
import threading

from conftest import copy_site

from site_builder.errors import Problems
from site_builder.fast import parse
from site_builder.fast.cache import ContentCache, text_key
from site_builder.fast.parse import parse_files
from site_builder.source.content import PAPERS_DIR, load_papers, paper_file_names


def many_papers(root, count: int) -> None:
    """`count` papers made from the shipped ones, a broken one near each end of the list."""
    folder = root / PAPERS_DIR
    sources = [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.md"))]
    for n in range(count - len(sources)):
        slug, text = sources[n % len(sources)]
        text = "\n".join(line for line in text.split("\n") if not line.startswith(("source_id:", "bibtex_key:")))  # unique ones
        (folder / f"{slug}-copy-{n:05d}.md").write_text(text, encoding="utf-8")
    names = paper_file_names(folder)
    for name in (names[3], names[-3]):
        (folder / name).write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")


SMALL = 60
"""Two processes from this many files in these tests (a real build forks from thousands)."""


def forking(monkeypatch) -> list[int]:
    """Parse in two processes from `SMALL` files, as a command-line build does (no other thread
    runs there; the test session's servers are threads); the children forked are counted."""
    monkeypatch.setattr(parse, "PARALLEL_FROM", SMALL)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    children: list[int] = []
    fork = os.fork

    def counted() -> int:
        child = fork()
        if child:
            children.append(child)
        return child

    monkeypatch.setattr(os, "fork", counted)
    return children


def test_two_processes_parse_what_one_parses(tmp_path, monkeypatch):
    children = forking(monkeypatch)
    root = copy_site(tmp_path / "site")
    many_papers(root, SMALL + 40)
    alone, alone_problems = Problems(), Problems()
    expected = load_papers(root, alone)
    files = [(name, 0, 0) for name in paper_file_names(root / PAPERS_DIR)]
    parsed = parse_files(root / PAPERS_DIR, files, alone_problems, lambda name, digest: False, tmp_path)
    assert len(children) == 1
    assert [p.paper for p in parsed if p.paper is not None] == expected
    assert len(parsed) == len(files)  # the two broken files are there, without a paper
    assert [str(p) for p in alone_problems.items] == [str(p) for p in alone.items]
    assert len(alone.errors) == 2
    assert not [name for name in os.listdir(tmp_path) if name.startswith("site-builder-")]  # the child's file is gone


def test_the_cache_loads_in_two_processes_what_the_reference_loads(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    children = forking(monkeypatch)
    root = copy_site(tmp_path / "site")
    many_papers(root, SMALL + 40)
    reference, cached = Problems(), Problems()
    expected = load_papers(root, reference)
    cache = ContentCache(root)
    assert load_papers(root, cached, cache) == expected
    assert len(children) == 1
    assert [str(p) for p in cached.items] == [str(p) for p in reference.items]
    cache.save()
    again = ContentCache(root)  # from the cache file: nothing is parsed, the same papers
    assert load_papers(root, Problems(), again) == expected
    assert len(children) == 1


def test_a_cache_other_code_wrote_is_not_used(tmp_path, monkeypatch):
    """Parsed papers and rendered abstracts from another version of site_builder may differ
    from what this one makes: its cache file starts afresh."""
    import site_builder.fast.cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = copy_site(tmp_path / "site")
    cache = ContentCache(root)
    first = load_papers(root, Problems(), cache)[0]
    cache.add_markup({text_key(first.body): "<p>rendered</p>"})
    cache.save()
    assert ContentCache(root).papers and ContentCache(root).markup == {text_key(first.body): "<p>rendered</p>"}
    monkeypatch.setattr(site_builder.fast.cache, "code_version", lambda: "another-version")
    stale = ContentCache(root)
    assert (stale.papers, stale.markup) == ({}, {})


def test_no_child_is_forked_while_other_threads_run(tmp_path, monkeypatch):
    """The preview's threads could hold a lock the child would wait for: one process parses."""
    children = forking(monkeypatch)
    monkeypatch.setattr(threading, "active_count", lambda: 3)
    root = copy_site(tmp_path / "site")
    many_papers(root, SMALL + 40)
    files = [(name, 0, 0) for name in paper_file_names(root / PAPERS_DIR)]
    parsed = parse_files(root / PAPERS_DIR, files, Problems(), lambda name, digest: False, tmp_path)
    assert len(parsed) == len(files) and children == []


def test_a_file_that_cannot_be_read_is_a_problem_not_a_crash(tmp_path):
    folder = tmp_path / "papers"
    (folder / "broken.md").mkdir(parents=True)  # reading it fails as an unreadable file does
    problems = Problems()
    parsed = parse_files(folder, [("broken.md", 0, 0)], problems, lambda name, digest: False, tmp_path)
    assert [p.paper for p in parsed] == [None]
    assert [str(p) for p in problems.errors] == [
        "content/papers/broken.md: error: cannot read: Is a directory (check that it is a file you can read)"
    ]
