"""The preview's file watcher (the kernel's inotify events) and the load it steers: a rebuild
that reads only the files the watcher named finds what a look at every file finds."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from conftest import copy_site

from site_builder.errors import Problems
from site_builder.fast.cache import ContentCache
from site_builder.fast.incremental import Builder
from site_builder.preview.serve import WATCHED
from site_builder.preview.watch import ChangeWatcher
from site_builder.source.content import load_papers

pytest.importorskip("inotify_simple")


class Calls:
    """`on_change` for the tests: counts bursts, lets a test wait for the next one."""

    def __init__(self):
        self.event = threading.Event()

    def __call__(self, watcher: ChangeWatcher) -> None:
        self.event.set()

    def wait(self) -> None:
        assert self.event.wait(5), "no change was announced"
        self.event.clear()


@pytest.fixture
def watched(tmp_path):
    root = copy_site(tmp_path / "site")
    calls = Calls()
    watcher = ChangeWatcher.create(root, WATCHED, calls)
    assert watcher is not None
    yield root, watcher, calls
    watcher.close()


def test_a_save_is_named(watched):
    root, watcher, calls = watched
    paper = root / "content/papers/hat.md"
    paper.write_text(paper.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    calls.wait()
    assert watcher.take() == {"content/papers/hat.md"}
    assert watcher.take() == set()


def test_a_save_by_rename_and_settings_are_named_not_the_output(watched):
    root, watcher, calls = watched
    (root / "_site").mkdir()
    (root / "_site/index.html").write_text("output", encoding="utf-8")
    (root / "notes.txt").write_text("not the site's", encoding="utf-8")
    temporary = root / "content/papers/.hat.md.swp"  # an editor's way: write aside, rename over
    temporary.write_text((root / "content/papers/hat.md").read_text(encoding="utf-8"), encoding="utf-8")
    temporary.replace(root / "content/papers/hat.md")
    (root / "site.yaml").write_text((root / "site.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    calls.wait()
    seen: set[str] = set()
    while "site.yaml" not in seen:  # the events may come in more than one burst
        seen |= watcher.take() or set()
        if "site.yaml" not in seen:
            calls.wait()
    assert seen == {"content/papers/.hat.md.swp", "content/papers/hat.md", "site.yaml"}


def test_a_new_folder_means_look_at_everything_then_its_files_are_watched(watched):
    root, watcher, calls = watched
    (root / "content/drafts").mkdir()
    calls.wait()
    assert watcher.take() is None
    (root / "content/drafts/idea.md").write_text("x", encoding="utf-8")
    calls.wait()
    assert watcher.take() == {"content/drafts/idea.md"}


def _load(root: Path, cache: ContentCache, changed: set[str] | None):
    problems = Problems()
    papers = load_papers(root, problems, cache, changed)
    return papers, [str(p) for p in problems.items]


def test_loading_only_the_named_files_finds_what_a_full_look_finds(tmp_path):
    root = copy_site(tmp_path / "site")
    papers = root / "content/papers"
    cache = ContentCache(None)
    _load(root, cache, None)

    def edit(name: str, old: str, new: str) -> set[str]:
        path = papers / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        return {name}

    def write(name: str, text: str) -> set[str]:
        (papers / name).write_text(text, encoding="utf-8")
        return {name}

    def remove(name: str) -> set[str]:
        (papers / name).unlink()
        return {name}

    steps = [
        lambda: edit("hat.md", "title: 'HAT:", "title: 'HAT (v2):"),
        lambda: write("broken.md", "---\ntitle: [\n---\n"),
        lambda: edit("sana.md", "title: 'SANA:", "title: 'ZANA:"),  # broken.md is still broken
        lambda: write("broken.md", (papers / "hat.md").read_text(encoding="utf-8").replace("source_id: ", "source_id: b-")),
        lambda: remove("hart.md"),
        lambda: edit("efficientvit.md", "authors: [", "authors: [["),  # was read, now broken
        lambda: edit("hat.md", "title: 'HAT (v2):", "title: 'HAT (v3):"),  # efficientvit.md still broken
        lambda: edit("efficientvit.md", "authors: [[", "authors: ["),
        lambda: {"README.txt", ".hat.md.swp"},  # names that are not papers change nothing
        lambda: (shutil.copy(papers / "sana.md", papers / "sana-copy.md"), {"sana-copy.md"})[1],  # one source_id, twice
    ]
    for number, step in enumerate(steps):
        changed = step()
        watched = _load(root, cache, changed)
        full = _load(root, ContentCache(None), None)
        assert watched == full, f"step {number}"


def test_a_builder_told_what_changed_builds_what_a_full_build_makes(tmp_path):
    from test_incremental import assert_same_as_full_build

    root = copy_site(tmp_path / "site")
    builder = Builder(root)
    out = tmp_path / "out"
    assert builder.build(out, Problems(), in_place=True) is not None
    paper = root / "content/papers/hat.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("title: 'HAT:", "title: 'HAT (v2):", 1), encoding="utf-8")
    result = builder.build(out, Problems(), in_place=True, papers_changed={"hat.md"})
    builder.close()
    assert result is not None and "papers/hat/" in result.rendered_paths
    assert_same_as_full_build(root, out, tmp_path / "full")
