"""The default theme comes with site_builder; a site's own file of the same name replaces it."""

from __future__ import annotations

import shutil

from conftest import REPO, build

from site_builder.cli import main
from site_builder.errors import Problems
from site_builder.fast.incremental import build_site
from site_builder.render.theme import copy_default, default_names


def _bare_site(root):
    """A site folder with only settings and content: no templates/, no static/."""
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    shutil.copytree(REPO / "content" / "papers", root / "content" / "papers")
    return root


def test_a_site_with_only_settings_and_content_builds_with_the_default_theme(tmp_path):
    out = build(_bare_site(tmp_path / "site"))
    assert (out / "static" / "style.css").read_bytes() == (REPO / "static" / "style.css").read_bytes()
    assert sorted(p.name for p in (out / "static").iterdir()) == sorted(p.name for p in (REPO / "static").iterdir())
    assert '<link rel="stylesheet"' in (out / "index.html").read_text(encoding="utf-8")


def test_a_file_of_the_site_replaces_only_that_file_of_the_theme(tmp_path):
    root = _bare_site(tmp_path / "site")
    (root / "templates").mkdir()
    (root / "templates" / "topic.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>OUR TOPIC {{ topic.name }}</h1>{% endblock %}\n'
    )
    (root / "static").mkdir()
    (root / "static" / "style.css").write_text("body { color: teal }\n")
    (root / "static" / "lab-logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>\n")
    out = build(root)
    topic = next((out / "topics").glob("*/index.html")).read_text(encoding="utf-8")
    assert "OUR TOPIC" in topic
    assert "<nav" in topic  # the theme's base.html still wraps it
    assert "OUR TOPIC" not in (out / "index.html").read_text(encoding="utf-8")
    assert (out / "static" / "style.css").read_text() == "body { color: teal }\n"
    assert (out / "static" / "site.js").read_bytes() == (REPO / "static" / "site.js").read_bytes()
    assert (out / "static" / "lab-logo.svg").is_file()

    (root / "static" / "style.css").unlink()  # back to the theme's, on the next build
    build(root)
    assert (out / "static" / "style.css").read_bytes() == (REPO / "static" / "style.css").read_bytes()


def test_an_error_in_the_themes_template_names_its_file(tmp_path):
    root = _bare_site(tmp_path / "site")
    (root / "templates").mkdir()
    (root / "templates" / "year.html").write_text('{% extends "base.html" %}{% block main %}{{ nothing.here }}{% endblock %}\n')
    problems = Problems()
    assert build_site(root, root / "_site", problems) is None
    assert str(problems.errors[0]).startswith("templates/year.html:1: error: template error: 'nothing' is undefined")


def test_a_folder_without_papers_is_refused_by_name(tmp_path, capsys):
    root = tmp_path / "site"
    root.mkdir()
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    assert main(["--root", str(root), "build"]) == 1
    assert main(["--root", str(root), "check"]) == 1
    err = capsys.readouterr().err
    assert err.count("content/papers/: error: the site has no papers folder") == 2
    assert not (root / "_site").exists()


def test_theme_copy_copies_defaults_and_keeps_the_sites_own(tmp_path, capsys):
    root = _bare_site(tmp_path / "site")
    (root / "templates").mkdir()
    (root / "templates" / "paper.html").write_text("mine\n")
    assert main(["--root", str(root), "theme", "copy", "templates/paper.html", "style.css", "templates/nope.html"]) == 1
    out = capsys.readouterr()
    assert "copied: static/style.css" in out.out
    assert "kept: templates/paper.html (the site has its own)" in out.out
    assert "templates/nope.html: error: the default theme has no such file" in out.err
    assert (root / "templates" / "paper.html").read_text() == "mine\n"
    assert (root / "static" / "style.css").read_bytes() == (REPO / "static" / "style.css").read_bytes()

    copied, kept, unknown = copy_default(root, [])
    assert sorted(copied + kept) == sorted(default_names()) and not unknown
    assert kept == ["templates/paper.html", "static/style.css"]
    assert main(["--root", str(root), "theme", "list"]) == 0
    said = capsys.readouterr()
    listed = said.out.split()
    assert "templates/base.html" in listed and "static/site.js" in listed
    assert "static/custom.css" not in listed and "write static/custom.css" in said.err  # the site's own to write
