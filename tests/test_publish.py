"""Publishing: the GitHub Pages workflow, base URLs over real HTTP, and `check --site`."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from conftest import REPO, StaticServer, build, copy_site

from site_builder.errors import Problems
from site_builder.output.sitecheck import check_built_site, crawl

WORKFLOW = REPO / ".github/workflows/pages.yml"
NEW_SITES_WORKFLOW = REPO / "site_builder/starter_site/github/workflows/pages.yml"
"""The workflow `site-builder new` gives a lab's site (as `.github/workflows/pages.yml`)."""
ENRICH_WORKFLOWS = [REPO / ".github/workflows/enrich.yml", REPO / "site_builder/starter_site/github/workflows/enrich.yml"]
"""The weekly `site-builder enrich` that opens a pull request, here and in a new site."""
WORKFLOWS = pytest.mark.parametrize(
    "workflow",
    [WORKFLOW, NEW_SITES_WORKFLOW, *ENRICH_WORKFLOWS],
    ids=["this repository", "a new site", "enrich here", "enrich in a new site"],
)
BIN = Path(sys.executable).parent


@WORKFLOWS
def test_workflow_pins_every_action_to_a_commit(workflow):
    text = workflow.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)", text)
    assert {u.split("@")[0] for u in uses} <= {
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
        "actions/cache",
    }
    assert all(re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", u) for u in uses), uses
    assert "site-builder check" in text and "cache: pip" in text


@WORKFLOWS
def test_publishing_restores_the_last_build(workflow):
    """The pages workflow restores the last output and the build cache before it builds, keyed
    by branch and commit, so a deploy after one edit is a warm build."""
    if workflow.name != "pages.yml":
        pytest.skip("only the pages workflow builds")
    steps = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    names = [step.get("uses", "").split("@")[0] or step.get("run", "") for step in steps]
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert names.index("actions/cache") < next(n for n, name in enumerate(names) if "site-builder build" in name)
    assert cache["with"]["path"].split() == ["_site", "~/.cache/site_builder"]
    assert "github.sha" in cache["with"]["key"] and cache["with"]["key"].startswith(cache["with"]["restore-keys"].split("$")[0])


@WORKFLOWS
def test_workflow_passes_zizmor_offline(workflow):
    done = subprocess.run([BIN / "zizmor", "--offline", str(workflow)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout


@WORKFLOWS
def test_workflow_matches_githubs_schema(workflow):
    done = subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def http_fetch(server_url: str):
    def fetch(path: str):
        try:
            with urllib.request.urlopen(server_url + path, timeout=10) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as error:
            return error.code, "", b""

    return fetch


@pytest.mark.parametrize("site_base", ["/some-repo/", "/"])
def test_crawl_over_http_finds_no_broken_link(tmp_path, site_base):
    base_url = site_base
    root = copy_site(tmp_path / "site")
    served = tmp_path / "www"
    out = served / base_url.strip("/") if base_url != "/" else served
    served.mkdir()
    build(root, out, base_url=base_url)
    server = StaticServer(served)
    try:
        visited, problems = crawl([base_url], http_fetch(server.url), base_url)
    finally:
        server.stop()
    assert problems == []
    html_pages = {p for p in visited if p.endswith("/")}
    assert len(html_pages) == len(list(out.rglob("index.html")))
    assert base_url + "static/style.css" in visited


def test_a_new_sites_workflow_installs_the_pinned_release():
    from site_builder import __version__
    from site_builder.newsite import starter_files

    files = starter_files("Lab", f"site-builder=={__version__}")
    assert "python -m pip install -r requirements.txt" in files[".github/workflows/pages.yml"]
    assert f"site-builder=={__version__}" in files["requirements.txt"].splitlines()


def test_build_writes_nojekyll_and_cname(tmp_path):
    root = copy_site(tmp_path / "site")
    (root / "site.yaml").write_text((root / "site.yaml").read_text(encoding="utf-8") + "cname: papers.example.org\n", encoding="utf-8")
    out = build(root)
    assert (out / ".nojekyll").read_bytes() == b""
    assert (out / "CNAME").read_text(encoding="utf-8") == "papers.example.org\n"


def test_check_site_lists_every_problem(tmp_path):
    root = copy_site(tmp_path / "site")
    out = build(root)
    (out / "papers/hat/index.html").unlink()
    home = out / "index.html"
    home.write_text(
        home.read_text(encoding="utf-8").replace("</main>", '<a href="/papers/efficientvit/#nowhere">x</a></main>'), encoding="utf-8"
    )
    shutil.copytree(out / "years/2026", out / "years/extra")
    problems = Problems()
    check_built_site(out, None, problems)
    messages = [p.message for p in problems.errors]
    assert "/: no element with id 'nowhere' on /papers/efficientvit/" in messages
    assert "/: broken link to /papers/hat/" in messages and "/years/2020/: broken link to /papers/hat/" in messages
    assert "/years/extra/ is missing from sitemap.xml" in messages
    assert "sitemap.xml lists /papers/hat/, which does not exist" in messages


def test_check_site_cli_exit_codes(tmp_path):
    root = copy_site(tmp_path / "site")
    out = build(root, base_url="/repo/")
    run = [sys.executable, "-m", "site_builder", "--root", str(root), "check", "--site", str(out)]
    done = subprocess.run(run, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "every link, anchor and sitemap entry resolves" in done.stdout
    assert "public address" not in done.stderr  # the shipped site.yaml has its `url:`
    done = subprocess.run([*run, "--base-url", "/"], capture_output=True, text=True)
    assert done.returncode == 1
    assert f"{out}: error: the site was built for the base URL /repo/, not / (pass --base-url /repo/)" in done.stderr
