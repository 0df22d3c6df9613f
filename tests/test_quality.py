"""Quality gates: every page is valid HTML (Nu checker) and accessible (axe-core), light and dark."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from conftest import REPO, export_targets
from playwright.sync_api import Page

VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
AXE = REPO / "node_modules/axe-core/axe.min.js"


def _require(path) -> None:
    if not path.is_file():
        message = f"{path.relative_to(REPO)} is missing: run `npm ci` (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def test_every_page_is_valid_html(shipped_site):
    _require(VNU)
    java = shutil.which("java")
    assert java, "the Nu checker needs Java (apt-get install default-jre-headless)"
    pages = sorted(str(p) for p in (shipped_site / "_site").rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > export_targets(shipped_site / "_site")  # every paper, author and topic page, and more
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", *pages], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/", "/papers/flash-kmeans/", "/authors/han-cai/", "/topics/diffusion-models/", "/search/"])
def test_no_accessibility_violations(page: Page, shipped_server, path, scheme):
    _require(AXE)
    page.emulate_media(color_scheme=scheme)
    page.goto(shipped_server.url + path)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert summary == []
