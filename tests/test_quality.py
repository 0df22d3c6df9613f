"""Quality gates: every page is valid HTML (Nu checker) and accessible (axe-core), light and dark."""

from __future__ import annotations

import pytest
from conftest import REPO, export_targets, nu_errors, require_tool
from playwright.sync_api import Page

AXE = REPO / "node_modules/axe-core/axe.min.js"


def test_every_page_is_valid_html(shipped_site):
    pages = sorted(p for p in (shipped_site / "_site").rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > export_targets(shipped_site / "_site")  # every paper, author and topic page, and more
    assert nu_errors(pages) == ""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/", "/papers/flash-kmeans/", "/authors/han-cai/", "/topics/diffusion-models/", "/search/"])
def test_no_accessibility_violations(page: Page, shipped_server, path, scheme):
    require_tool(AXE)
    page.emulate_media(color_scheme=scheme)
    page.goto(shipped_server.url + path)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert summary == []
