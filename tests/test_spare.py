"""The output a swap replaces is kept beside it as the spare, and the next build is made in the
spare, changing only what differs: what it publishes is always what a full build makes, and
building in the spare never changes the live site, though the two share their unchanged files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import build, copy_site

from site_builder import output
from site_builder.build import build_site
from site_builder.errors import Problems
from site_builder.fileops import write_file
from site_builder.output import MARKER, spare_dir


def tree(out: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None), but the manifest: a build in the spare must
    leave no page, static file, search file or empty folder that a full build would not make."""
    return {str(p.relative_to(out)): None if p.is_dir() else p.read_bytes() for p in sorted(out.rglob("*")) if p.name != MARKER}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _add_paper(root: Path) -> None:
    source = (root / "content/papers/hat.md").read_text(encoding="utf-8")
    (root / "content/papers/hat-two.md").write_text(
        source.replace("title: 'HAT:", "title: 'HAT Two:", 1)
        .replace("source_id:", "source_id: two-", 1)
        .replace("bibtex_key: wang2020hat\n", ""),
        encoding="utf-8",
    )


STEPS = {
    "a title": lambda root: _edit(root / "content/papers/hat.md", "title: 'HAT:", "title: 'HAT (v2):"),
    "an abstract": lambda root: _edit(root / "content/papers/hart.md", "\n---\n", "\n---\nA new first sentence.\n"),
    "a paper added": _add_paper,
    "a paper deleted": lambda root: (root / "content/papers/hart.md").unlink(),
    "a static file": lambda root: _edit(root / "static/style.css", "", "/* edited */\n"),
    "a static file added": lambda root: (root / "static/extra.txt").write_text("extra\n", encoding="utf-8"),
    "a static file removed": lambda root: (root / "static/extra.txt").unlink(),
    "a custom domain": lambda root: _edit(root / "site.yaml", "", "cname: papers.example.org\n"),
    "no custom domain": lambda root: _edit(root / "site.yaml", "cname: papers.example.org\n", ""),
    "a template": lambda root: _edit(root / "templates/paper.html", "</article>", "</article>\n<!-- edited -->"),
    "the same title again": lambda root: _edit(root / "content/papers/hat.md", "title: 'HAT (v2):", "title: 'HAT:"),
}


def test_each_build_in_the_spare_is_a_full_build(tmp_path):
    root = copy_site(tmp_path / "site")
    out = build(root)
    for n, (name, change) in enumerate(STEPS.items()):
        change(root)
        spare = spare_dir(out)
        claimed = spare.stat().st_ino if spare.is_dir() else None
        build(root, out)
        if claimed is not None:  # the spare became the new output
            assert out.stat().st_ino == claimed, name
        assert spare_dir(out).is_dir(), name
        assert tree(out) == tree(build(root, tmp_path / f"full-{n}")), name
    assert len(list(tmp_path.glob("site/.*building*"))) == 0


def test_building_in_the_spare_never_writes_through_to_the_live_site(tmp_path, monkeypatch):
    root = copy_site(tmp_path / "site")
    out = build(root)
    STEPS["an abstract"](root)
    build(root, out)  # the live output and its spare now share every page but the edited ones
    shared = [p for p in out.rglob("*") if p.is_file() and p.stat().st_nlink > 1]
    assert len(shared) > 400
    live = tree(out)
    for change in ("a title", "a static file", "a custom domain"):
        STEPS[change](root)

    def killed(*args):
        raise RuntimeError("killed before the swap")

    monkeypatch.setattr(output, "_swap_folder", killed)
    with pytest.raises(RuntimeError, match="killed before the swap"):
        build_site(root, out, Problems())
    assert tree(out) == live
    monkeypatch.undo()
    assert tree(build(root, out)) == tree(build(root, tmp_path / "full"))


def test_a_spare_without_its_manifest_is_not_trusted(tmp_path):
    root = copy_site(tmp_path / "site")
    out = build(root)
    spare = spare_dir(out)
    (spare / "papers/hat").mkdir(parents=True)
    (spare / "papers/hat/index.html").write_text("left by a killed build\n", encoding="utf-8")
    (spare / "stray.html").write_text("stray\n", encoding="utf-8")
    STEPS["a title"](root)
    assert tree(build(root, out)) == tree(build(root, tmp_path / "full"))


def test_files_put_in_the_output_by_hand_do_not_come_back_from_the_spare(tmp_path):
    """A build replaces the output folder: what a person put in it is gone after the next build,
    and must not return when that output, now the spare, is built in later."""
    root = copy_site(tmp_path / "site")
    out = build(root)
    (out / "google123.html").write_text("verification\n", encoding="utf-8")
    (out / "papers/hat/notes.txt").write_text("notes\n", encoding="utf-8")
    (out / "drafts").mkdir()
    (out / "drafts/draft.html").write_text("draft\n", encoding="utf-8")
    STEPS["a title"](root)
    build(root, out)  # the hand-made files go with the old output into the spare
    STEPS["an abstract"](root)
    assert tree(build(root, out)) == tree(build(root, tmp_path / "full"))


def test_a_page_missing_from_the_spare_is_linked_again(tmp_path):
    """The spare's manifest says what it holds; a file deleted from it since is put back."""
    root = copy_site(tmp_path / "site")
    out = build(root)
    STEPS["a title"](root)
    build(root, out)
    (spare_dir(out) / "papers/anyflow/index.html").unlink()  # a page neither edit touches
    STEPS["an abstract"](root)
    build(root, out)
    assert tree(out) == tree(build(root, tmp_path / "full"))


def test_write_file_replaces_a_linked_file_and_overwrites_its_own(tmp_path):
    own, live, spare = tmp_path / "own.html", tmp_path / "live.html", tmp_path / "spare.html"
    own.write_text("a much longer text than the next one\n", encoding="utf-8")
    inode = own.stat().st_ino
    write_file(own, ["short", "\n"])
    assert (own.read_text(encoding="utf-8"), own.stat().st_ino) == ("short\n", inode)  # cut to its length, in place
    live.write_bytes(b"live page\n")
    os.link(live, spare)
    write_file(spare, b"new page\n")
    assert (live.read_bytes(), spare.read_bytes()) == (b"live page\n", b"new page\n")


def test_links_put_in_the_output_are_never_followed(tmp_path):
    """A symbolic link put in the output (for a page, a static file or a folder) is neither
    written through nor published: the files it points to stay as they were."""
    root = copy_site(tmp_path / "site")
    out = build(root)
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in ("page.txt", "script.txt", "kept.txt"):
        (outside / name).write_text(f"precious {name}\n", encoding="utf-8")
    before = tree(outside)
    for link, target in (
        ("index.html", "page.txt"),  # the home page changes with every title edit
        ("papers/anyflow/index.html", "page.txt"),  # a page no edit touches
        ("static/site.js", "script.txt"),
        ("drafts", "."),
    ):
        (out / link).unlink(missing_ok=True)
        (out / link).symlink_to(outside / target)
    for change in ("a title", "an abstract", "the same title again"):
        STEPS[change](root)
        build(root, out)
        assert tree(outside) == before, change
        assert not [p for p in out.rglob("*") if p.is_symlink()], change
    assert tree(out) == tree(build(root, tmp_path / "full"))
