"""A new lab, from the wheel: install site_builder into a fresh virtual environment outside this
repository, start a site with `site-builder new`, import a listing of its own, build it for a
project site, check it, and read it in a real browser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import REPO, StaticServer, open_home_and_click_paper, watch
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

# Another lab's papers, in the profile listing's shape: category code, date and `Code` flag;
# title glued to the first authors; abstract.
LISTING = """\
LGMar 14, 2025Code
Message Passing on Sparse Hypergraphs at ScaleMaria Keller, Tomás Ruiz, Priya Natarajan et al. · ethz
We present a message passing scheme for hypergraphs with billions of incidences that runs on one GPU. Code: https://github.com/example/hyperscale.
CLSep 2, 2024
Retrieval Heads in Small Language ModelsTomás Ruiz, Maria Keller
We find attention heads that copy retrieved passages and show that pruning them removes in-context retrieval.
ROJan 20, 2023
Learning to Grasp from Ten DemonstrationsPriya Natarajan, Maria Keller et al.
A few-shot imitation method for grasping transparent objects, evaluated on 40 household items.
"""

_SOURCES = ("pyproject.toml", "README.md", "LICENSE", "site_builder", "templates", "static")


def _run(command: list, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The `bin/` of a fresh venv outside the repository with site_builder's wheel installed."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # the wheel is built from a copy: nothing is written into the repository
    source.mkdir()
    for name in _SOURCES:
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy
        copy(REPO / name, source / name)
    shutil.rmtree(source / "site_builder" / "__pycache__", ignore_errors=True)
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(work / "dist"), str(source)], work)
    wheel = next((work / "dist").glob("site_builder-*.whl"))
    venv.create(work / "venv", with_pip=True)
    bin_dir = work / "venv" / "bin"
    _run([bin_dir / "python", "-m", "pip", "install", "--quiet", str(wheel)], work)
    shutil.rmtree(source)  # the installed package must not need its sources
    return bin_dir


def test_a_new_lab_goes_from_the_wheel_to_a_checked_site(installed, tmp_path, page: Page):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    (tmp_path / "listing.txt").write_text(LISTING, encoding="utf-8")
    site_builder = installed / "site-builder"
    done = _run([site_builder, "new", "lab", "--title", "Keller Lab: Publications"], tmp_path, env)
    assert "created lab:" in done.stdout
    lab = tmp_path / "lab"
    assert sorted(p.relative_to(lab).as_posix() for p in lab.rglob("*") if p.is_file()) == [
        ".github/workflows/enrich.yml",
        ".github/workflows/pages.yml",
        ".gitignore",
        "README.md",
        "content/authors.yaml",
        "content/topics.yaml",
        "requirements.txt",
        "site.yaml",
    ]
    done = _run([site_builder, "import", "../listing.txt", "--as-of", "2025-12-01"], lab, env)
    assert "imported: 3 added" in done.stdout
    www = tmp_path / "www"
    _run([site_builder, "build", "--out", str(www / "lab"), "--base-url", "/lab/"], lab, env)
    done = _run([site_builder, "check", "--site", str(www / "lab"), "--base-url", "/lab/"], lab, env)
    assert done.stdout.startswith("ok: 3 papers, 3 authors")
    assert "warning: the site was built without its public address" in done.stderr  # `url:` is empty until it is published
    assert (www / "lab/robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"  # a sitemap is named by its full address
    home = (www / "lab" / "index.html").read_text(encoding="utf-8")
    assert "HAN Lab" not in home and "Song Han" not in home  # nothing of the shipped lab

    server = StaticServer(www)
    try:
        problems = watch(page)
        title = "Retrieval Heads in Small Language Models"
        paper_url = server.url + "/lab/papers/retrieval-heads-in-small-language-models/"
        open_home_and_click_paper(page, server.url + "/lab/", "Keller Lab: Publications", 3, title, paper_url)
        expect(page.locator(".paper-authors")).to_contain_text("Tomás Ruiz")
        assert problems == []
    finally:
        server.stop()


def test_a_new_sites_requirements_name_the_site_builder_that_made_it(installed, tmp_path):
    """From a wheel on this machine, GitHub could not install it: the release is named, with a
    warning. Installed by pip from git (its PEP 610 record, as pip writes it), that commit."""
    site_builder = installed / "site-builder"
    done = _run([site_builder, "new", "lab"], tmp_path)
    assert "lab/requirements.txt: warning: site_builder is installed from /" in done.stderr
    assert "which GitHub cannot reach" in done.stderr
    from site_builder import __version__

    assert f"site-builder=={__version__}" in (tmp_path / "lab" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    record = next(installed.parent.glob("lib/python*/site-packages/site_builder-*.dist-info/direct_url.json"))
    assert json.loads(record.read_text(encoding="utf-8"))["url"].startswith("file://")  # pip's own record of the wheel
    commit = "0123456789abcdef0123456789abcdef01234567"
    git = {"url": "https://github.com/example/site_builder", "vcs_info": {"vcs": "git", "commit_id": commit, "requested_revision": "main"}}
    record.write_text(json.dumps(git), encoding="utf-8")
    done = _run([site_builder, "new", "lab2"], tmp_path)
    assert "warning" not in done.stderr
    requirement = f"site-builder @ git+https://github.com/example/site_builder@{commit}"
    assert requirement in (tmp_path / "lab2" / "requirements.txt").read_text(encoding="utf-8").splitlines()


def test_new_refuses_a_folder_that_is_not_empty_and_keeps_its_files(tmp_path, capsys):
    from site_builder.cli import main

    lab = tmp_path / "lab"
    lab.mkdir()
    (lab / "site.yaml").write_text("title: Ours\n")
    assert main(["new", str(lab)]) == 1
    assert (
        f"{lab}: error: refusing to start a site here: {lab} is not empty (choose a new folder, or pass --force)" in capsys.readouterr().err
    )
    assert main(["new", str(lab), "--force"]) == 0
    assert (lab / "site.yaml").read_text() == "title: Ours\n"  # --force adds the missing files only
    assert (lab / "content" / "topics.yaml").is_file() and (lab / "content" / "papers").is_dir()


def test_new_with_a_listing_and_a_bib_imports_both(tmp_path, capsys):
    from conftest import FIXTURES

    from site_builder.cli import main
    from site_builder.errors import Problems
    from site_builder.source.config import load_config

    (tmp_path / "listing.txt").write_text(LISTING, encoding="utf-8")
    bib = FIXTURES / "bib" / "dblp.bib"
    title = 'Lab "Q": Papers # 1'
    code = main(["new", str(tmp_path / "lab"), "--title", title, "--listing", str(tmp_path / "listing.txt"), "--bib", str(bib)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.count("imported:") == 2 and "imported: 3 added" in out
    problems = Problems()
    assert load_config(tmp_path / "lab", problems).title == title and not problems.items
    papers = list((tmp_path / "lab" / "content" / "papers").glob("*.md"))
    assert len(papers) > 3


def test_a_listing_new_cannot_import_leaves_the_site_made_and_says_how_to_go_on(tmp_path, capsys):
    from site_builder.cli import main

    listing = tmp_path / "listing.txt"
    listing.write_text("XMar 14, 2025\nA StudyAnn Lee\nAbstract.\n", encoding="utf-8")
    assert main(["new", str(tmp_path / "lab"), "--listing", str(listing), "--as-of", "2026-01-05"]) == 1
    out, err = capsys.readouterr()
    assert (
        f"nothing was imported: fix what is said below, then: cd {tmp_path / 'lab'} && site-builder import {listing} --as-of 2026-01-05"
        in out
    )
    assert "listing.txt:1: error: category code 'X' is too short" in err
    assert (tmp_path / "lab" / "site.yaml").is_file() and not list((tmp_path / "lab" / "content" / "papers").glob("*.md"))
    listing.write_text("CVMar 14, 2025\nA StudyAnn Lee\nAbstract.\n", encoding="utf-8")
    assert main(["--root", str(tmp_path / "lab"), "import", str(listing), "--as-of", "2026-01-05"]) == 0


def test_new_takes_what_import_takes_several_bib_files_and_folders(tmp_path, capsys):
    from conftest import FIXTURES

    from site_builder.cli import main

    folder = tmp_path / "old/_bibliography"
    folder.mkdir(parents=True)
    (folder / "papers.bib").write_text("@article{a, title = {Cells}, author = {Lee, Ann}, journal = IEEE_J_PAMI, year = 2021}\n")
    (tmp_path / "IEEEabrv.bib").write_text('@STRING{IEEE_J_PAMI = "{IEEE} Trans. Pattern Anal. Mach. Intell."}\n')
    code = main(["new", str(tmp_path / "lab"), "--bib", str(folder), "--bib", str(tmp_path / "IEEEabrv.bib")])
    out, err = capsys.readouterr()
    assert code == 0 and out.count("imported:") == 1 and "imported: 1 added" in out and "undefined macro" not in err
    assert main(["new", str(tmp_path / "lab2"), "--bib", str(tmp_path / "old"), "--bib", str(tmp_path / "empty")]) == 1
    assert "empty: error: cannot read the file" in capsys.readouterr().err
    (tmp_path / "nothing").mkdir()
    assert main(["new", str(tmp_path / "lab3"), "--bib", str(tmp_path / "nothing"), "--bib", str(FIXTURES / "bib/dblp.bib")]) == 1
    assert (
        "nothing: error: a folder with no file of references (.bib, .ris, CSL-JSON, …) or publication page (Hugo Blox, academicpages) in it"
        in capsys.readouterr().err
    )
    assert not any((tmp_path / "lab3/content/papers").glob("*.md"))  # all or nothing


def test_a_new_site_without_papers_says_so_on_its_home_page_and_when_built(tmp_path, capsys):
    from conftest import nu_errors

    from site_builder.cli import main

    lab = tmp_path / "lab"
    assert main(["new", str(lab), "--title", "Empty Lab"]) == 0
    capsys.readouterr()
    assert main(["--root", str(lab), "build"]) == 0
    assert "note: the site has no papers yet: `site-builder import FILE`" in capsys.readouterr().err
    home = lab / "_site/index.html"
    html = home.read_text(encoding="utf-8")
    assert '<p class="empty-state">No papers have been added yet.</p>' in html and "Browse and filter" not in html
    assert "Empty Lab · 0 papers </p>" in html  # no links to citation files that hold nothing
    assert nu_errors([home]) == ""
    assert main(["--root", str(lab), "check"]) == 0
    (lab / "content/papers/one.md").write_text("---\ntitle: One\nauthors: [Ann Lee]\ndate: 2026\n---\n", encoding="utf-8")
    assert main(["--root", str(lab), "build"]) == 0
    html = home.read_text(encoding="utf-8")
    assert "Empty Lab · 1 paper · all papers:" in html and '<span class="count">1 paper</span>' in html
    assert "abstracts of the paper." in (lab / "_site/search/index.html").read_text(encoding="utf-8")


def test_the_paper_file_a_new_sites_readme_shows_builds_without_a_word_from_check(tmp_path, capsys):
    """A lab that starts without a listing or a .bib writes its first paper by hand: the example
    in its README is a paper file `check` passes as it is, and the site shows it."""
    from site_builder.cli import main

    lab = tmp_path / "lab"
    assert main(["new", str(lab), "--title", "Hand Lab"]) == 0
    readme = (lab / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Add a paper by hand", 1)[1].split("```markdown\n", 1)[1].split("```", 1)[0]
    (lab / "content/papers/alpha-nets.md").write_text(example, encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(lab), "check"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["--root", str(lab), "build"]) == 0
    page = (lab / "_site/papers/alpha-nets/index.html").read_text(encoding="utf-8")
    assert "Fast <math" in page and "International Conference on Machine Learning (ICML)" in page
    assert '<a href="https://example.org">links</a>' in page
