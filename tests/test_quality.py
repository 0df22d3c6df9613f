"""Quality gates: every page is valid HTML (Nu checker) and accessible (axe-core), light and dark."""

from __future__ import annotations

import pytest
from conftest import REPO, export_targets, nu_errors, require_tool, watch
from playwright.sync_api import Page

AXE = REPO / "node_modules/axe-core/axe.min.js"


def axe_violations(page: Page) -> list[tuple]:
    """axe-core's violations on the page as it is, each as (rule, impact, first three targets).
    Year groups are laid out lazily (`content-visibility: auto`); axe measures colours of what
    the browser has laid out, so every group is laid out first, as scrolling to it would."""
    page.add_style_tag(content=".year-group { content-visibility: visible !important; }")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


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
    assert axe_violations(page) == []


def test_every_page_of_the_front_door_is_valid_html(front_door):
    pages = sorted(p for p in (front_door / "_site").rglob("*.html") if "pagefind" not in p.parts)
    assert nu_errors(pages) == ""


VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
FRONT_DOOR_PAGES = ["/", "/authors/", "/authors/song-han/", "/papers/linear-knn/", "/about/"]
"""Every kind of page the front door adds: home with a selection, People, a member with a photo,
a paper with a teaser and a long BibTeX, the lab's own page."""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path", FRONT_DOOR_PAGES)
def test_front_door_pages_pass_axe_with_no_console_error(browser, front_door_server, path, viewport, scheme):
    require_tool(AXE)
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    problems = watch(page)
    page.goto(front_door_server.url + path)
    page.wait_for_load_state("networkidle")
    for details in page.locator("details").all():  # what a reader opens is checked too
        details.evaluate("element => element.open = true")
    assert axe_violations(page) == []
    assert problems == []
    context.close()


@pytest.mark.browser
def test_a_phone_sees_a_paper_title_on_the_first_screen(browser, shipped_server, front_door_server):
    for server in (shipped_server, front_door_server):
        context = browser.new_context(viewport=VIEWPORTS["phone"])
        page = context.new_page()
        page.goto(server.url + "/")
        box = page.locator(".paper-title").first.bounding_box()
        assert box is not None and box["y"] + 24 < VIEWPORTS["phone"]["height"], box
        context.close()


@pytest.mark.browser
def test_a_large_collaborations_paper_with_all_its_authors_open_passes_axe(page: Page, tmp_path):
    from conftest import StaticServer, build, large_collaboration_site

    require_tool(AXE)
    root, team = large_collaboration_site(tmp_path / "site")
    server = StaticServer(build(root))
    try:
        page.goto(server.url + "/papers/higgs/")
        page.get_by_text(f"All {len(team)} authors").click()
        assert page.locator("details.all-authors .author").count() == len(team)
        assert axe_violations(page) == []
    finally:
        server.stop()
