"""The speed layer writes what the reference pipeline writes, byte for byte, after any sequence of
edits: the preview's builder kept across a session (pages moved into the live folder) and the
command line's build (the stamp, the content cache, the output's manifest, worker processes)
both end where `build_reference` does."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from conftest import copy_site, tree_bytes
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from site_builder import cli
from site_builder.errors import Problems
from site_builder.fast.incremental import Builder
from site_builder.output.fileops import write_file
from site_builder.pipeline import build_reference
from site_builder.site.catalog import LARGE_TEAM
from site_builder.source.frontmatter import parse_paper, render_paper

KEPT = ("hat", "hart", "efficientvit", "sana", "apq", "coat", "anyflow", "dc-ae-1-5")
"""The papers of the shipped site the sessions start from (few, so that each step builds fast)."""


def small_site(destination: Path) -> Path:
    root = copy_site(destination)
    for paper in (root / "content/papers").glob("*.md"):
        if paper.stem not in KEPT:
            paper.unlink()
    return root


def _papers(root: Path) -> list[Path]:
    return sorted((root / "content/papers").glob("*.md"))


def _edit_paper(root: Path, pick: int, change) -> None:
    papers = _papers(root)
    if not papers:
        return
    path = papers[pick % len(papers)]
    paper = parse_paper(path.read_text(encoding="utf-8"), str(path), path.stem, Problems())
    path.write_text(render_paper(change(paper)), encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace_line(path: Path, start: str, line: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line + "\n" if old.startswith(start) else old for old in lines), encoding="utf-8")


def _add_paper(root: Path, pick: int, n: int) -> None:
    papers = _papers(root)
    if not papers:
        return
    source = papers[pick % len(papers)]
    paper = parse_paper(source.read_text(encoding="utf-8"), str(source), source.stem, Problems())
    added = dataclasses.replace(paper, slug=f"added-{n}", title=f"Added paper {n}", bibtex_key="", source_id=f"test:added-{n}")
    (root / f"content/papers/added-{n}.md").write_text(render_paper(added), encoding="utf-8")


def _delete_paper(root: Path, pick: int, n: int) -> None:
    papers = _papers(root)
    if len(papers) > 1:
        papers[pick % len(papers)].unlink()


EDITS = {
    "title": lambda root, pick, n: _edit_paper(root, pick, lambda p: dataclasses.replace(p, title=f"{p.title} (v{n})")),
    "abstract": lambda root, pick, n: _edit_paper(root, pick, lambda p: dataclasses.replace(p, body=f"Step {n}: $x^{n}$. {p.body}")),
    "author added": lambda root, pick, n: _edit_paper(root, pick, lambda p: dataclasses.replace(p, authors=(*p.authors, f"Ada Person{n}"))),
    "date": lambda root, pick, n: _edit_paper(root, pick, lambda p: dataclasses.replace(p, date=dt.date(2015 + n % 10, 1 + n % 12, 1))),
    # a large collaboration's paper: its authors keep a page only through another paper
    "collaboration": lambda root, pick, n: _edit_paper(
        root, pick, lambda p: dataclasses.replace(p, authors=(*p.authors, *(f"Physicist {k} Team{n}" for k in range(LARGE_TEAM))))
    ),
    "draft": lambda root, pick, n: _edit_paper(root, pick, lambda p: dataclasses.replace(p, draft=not p.draft)),
    "paper added": _add_paper,
    "paper deleted": _delete_paper,
    "topic rule": lambda root, pick, n: _replace_line(
        root / "content/topics.yaml", "- name: Computer Vision", f"- name: Computer Vision {n}"
    ),
    "template": lambda root, pick, n: _append(root / "templates/paper.html", f"<!-- edit {n} -->\n"),
    "static file": lambda root, pick, n: (root / f"static/extra-{n % 3}.txt").write_text(f"edit {n}\n", encoding="utf-8"),
    "static file removed": lambda root, pick, n: (root / f"static/extra-{n % 3}.txt").unlink(missing_ok=True),
    "site.yaml": lambda root, pick, n: _replace_line(root / "site.yaml", "footer:", f"footer: Edit {n} of the footer"),
}

steps = st.lists(st.tuples(st.sampled_from(sorted(EDITS)), st.integers(0, 20)), min_size=1, max_size=5)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
@example([("collaboration", 0), ("title", 0), ("author added", 1), ("paper deleted", 0)])  # pages lost, then made
@example([("draft", 0), ("title", 0), ("draft", 0)])  # a paper leaves the site, is edited, comes back
def test_any_sequence_of_edits_builds_what_the_reference_builds(sequence):
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        root = small_site(work / "site")
        preview, command_line = work / "preview", work / "cli"
        builder = Builder(root)
        assert builder.build(preview, Problems()) is not None
        assert cli.main(["--root", str(root), "build", "--out", str(command_line)]) == 0
        for n, (edit, pick) in enumerate(sequence):
            EDITS[edit](root, pick, n)
            reference = work / f"reference-{n}"
            expected = build_reference(root, reference, Problems())
            made = builder.build(preview, Problems(), in_place=True)
            builder.close()  # the large downloads and the search index follow in the background
            assert cli.main(["--root", str(root), "build", "--out", str(command_line)]) == 0
            assert expected is not None and made is not None, (n, edit)
            assert tree_bytes(preview) == tree_bytes(reference), (n, edit)
            assert tree_bytes(command_line) == tree_bytes(reference), (n, edit)
            shutil.rmtree(reference)


def test_files_put_in_the_output_by_hand_are_gone_after_a_build(tmp_path):
    """A build replaces the output folder: what a person put in it is not published."""
    root = small_site(tmp_path / "site")
    out = tmp_path / "out"
    assert Builder(root).build(out, Problems()) is not None
    (out / "google123.html").write_text("verification\n", encoding="utf-8")
    (out / "drafts").mkdir()
    (out / "drafts/draft.html").write_text("draft\n", encoding="utf-8")
    EDITS["title"](root, 0, 1)
    assert Builder(root).build(out, Problems()) is not None
    assert build_reference(root, tmp_path / "reference", Problems()) is not None
    assert tree_bytes(out) == tree_bytes(tmp_path / "reference")


def test_links_put_in_the_output_are_never_followed(tmp_path):
    """A symbolic link put in the output (for a page, a static file or a folder) is neither
    written through nor published: the files it points to stay as they were."""
    root = small_site(tmp_path / "site")
    out = tmp_path / "out"
    assert Builder(root).build(out, Problems()) is not None
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in ("page.txt", "script.txt"):
        (outside / name).write_text(f"precious {name}\n", encoding="utf-8")
    before = tree_bytes(outside)
    for link, target in (
        ("index.html", "page.txt"),  # the home page changes with every title edit
        ("papers/anyflow/index.html", "page.txt"),  # a page no edit touches
        ("static/site.js", "script.txt"),
        ("drafts", "."),
    ):
        (out / link).unlink(missing_ok=True)
        (out / link).symlink_to(outside / target)
    for n in range(2):
        EDITS["title"](root, 1, n)
        assert Builder(root).build(out, Problems()) is not None
        assert tree_bytes(outside) == before
        assert not [p for p in out.rglob("*") if p.is_symlink()]
    assert build_reference(root, tmp_path / "reference", Problems()) is not None
    assert tree_bytes(out) == tree_bytes(tmp_path / "reference")


def test_write_file_never_writes_through_a_link(tmp_path):
    live, linked, outside = tmp_path / "live.html", tmp_path / "linked.html", tmp_path / "outside.txt"
    live.write_bytes(b"live page\n")
    os.link(live, linked)
    write_file(linked, b"new page\n")
    outside.write_bytes(b"precious\n")
    (tmp_path / "symlink.html").symlink_to(outside)
    write_file(tmp_path / "symlink.html", ["new ", "page\n"])
    assert (live.read_bytes(), linked.read_bytes(), outside.read_bytes()) == (b"live page\n", b"new page\n", b"precious\n")
