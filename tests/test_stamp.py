"""A command-line build with nothing to do stops at the stamp of its inputs; any change to an
input, an argument or the output itself makes it build, and what it builds is a full build's."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import copy_site, tree_bytes

from site_builder.cli import main
from site_builder.errors import Problems
from site_builder.output.folder import MARKER
from site_builder.pipeline import build_reference


def build(root: Path, out: Path, capsys, *arguments: str) -> dict:
    """`site-builder build --timings`; its timings (a stamped build has only `stamp`)."""
    assert main(["--root", str(root), "build", "--out", str(out), "--timings", *arguments]) == 0
    return json.loads(capsys.readouterr().err.strip().splitlines()[-1])


def test_nothing_changed_stops_at_the_stamp(tmp_path, capsys):
    root, out = copy_site(tmp_path / "site"), tmp_path / "out"
    assert "stamp" not in build(root, out, capsys)
    before = tree_bytes(out)
    assert set(build(root, out, capsys)) == {"stamp", "peak_mb", "helpers_peak_mb"}
    assert tree_bytes(out) == before


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def _touch_later(path: Path) -> None:
    """The same bytes with a newer time: a save without a change."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


CHANGES = {
    "paper": lambda root, out: _edit(root / "content/papers/hat.md", "title: 'HAT:", "title: 'HAT (v2):"),
    "paper-deleted": lambda root, out: (root / "content/papers/hart.md").unlink(),
    "paper-saved-unchanged": lambda root, out: _touch_later(root / "content/papers/hat.md"),
    "registry": lambda root, out: _edit(root / "content/topics.yaml", "- name: Quantization", "- name: Quantisation"),
    "template": lambda root, out: _edit(root / "templates/paper.html", "</article>", "</article>\n<!-- edited -->"),
    "static": lambda root, out: _edit(root / "static/style.css", "", "/* edited */\n"),
    "settings": lambda root, out: _edit(root / "site.yaml", "", "feeds: false\n"),
    "output-page-deleted": lambda root, out: (out / "papers/hat/index.html").unlink(),
    "output-search-deleted": lambda root, out: (out / "pagefind/pagefind-entry.json").unlink(),
    "output-static-edited": lambda root, out: (out / "static/site.js").write_text("// not ours\n", encoding="utf-8"),
    "output-extra-deleted": lambda root, out: (out / ".nojekyll").unlink(),
    "output-manifest-replaced": lambda root, out: (out / MARKER).write_text('{"pages": {}}\n', encoding="utf-8"),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_change_builds_again_as_a_full_build_would(tmp_path, capsys, change):
    root, out = copy_site(tmp_path / "site"), tmp_path / "out"
    build(root, out, capsys)
    assert "stamp" in build(root, out, capsys)
    CHANGES[change](root, out)
    assert "stamp" not in build(root, out, capsys)
    full = tmp_path / "full"
    assert build_reference(root, full, Problems()) is not None
    assert tree_bytes(out) == tree_bytes(full)
    assert "stamp" in build(root, out, capsys)  # and then it is current again


def test_other_arguments_build_again(tmp_path, capsys):
    root, out = copy_site(tmp_path / "site"), tmp_path / "out"
    build(root, out, capsys)
    assert "stamp" not in build(root, out, capsys, "--base-url", "/lab/")
    assert 'href="/lab/papers/hat/"' in (out / "index.html").read_text(encoding="utf-8")
    assert "stamp" in build(root, out, capsys, "--base-url", "/lab/")


def test_an_upgraded_library_builds_every_page_again(tmp_path, capsys, monkeypatch):
    """Jinja2, markdown-it or Pagefind upgraded under an unchanged site_builder may write other
    bytes: the stamp and every page's digest follow the libraries' versions."""
    import site_builder.code
    import site_builder.fast.stamp

    root, out = copy_site(tmp_path / "site"), tmp_path / "out"
    build(root, out, capsys)
    upgraded = site_builder.code.library_versions() + "\nMarkupSafe-99.0.dist-info"
    monkeypatch.setattr(site_builder.fast.stamp, "library_versions", lambda: upgraded)
    monkeypatch.setattr(site_builder.code, "library_versions", lambda: upgraded)
    site_builder.code.code_digest.cache_clear()
    try:
        assert main(["--root", str(root), "build", "--out", str(out)]) == 0
        built = re.search(r"built (\d+) pages \((\d+) rendered\)", capsys.readouterr().out)
        assert built and built.group(1) == built.group(2) and int(built.group(1)) > 100  # every page again
    finally:
        site_builder.code.code_digest.cache_clear()


def test_the_libraries_read_are_the_installed_ones():
    from site_builder.code import library_versions

    versions = library_versions().splitlines()
    assert versions[0].startswith("python ") or any(v.startswith("python ") for v in versions)
    assert any(v.lower().startswith("jinja2-") for v in versions) and any(v.startswith("pagefind-") for v in versions)
