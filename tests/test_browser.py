"""The shipped site in a real headless Chromium: loads cleanly, and one can click through it."""

from __future__ import annotations

import re

import pytest
from conftest import StaticServer, build, copy_site, open_home_and_click_paper, watch
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_click_through_paper_author_topic(page: Page, shipped_server):
    problems = watch(page)
    title = "EfficientViT: Multi-Scale Linear Attention for High-Resolution Dense Prediction"
    home, paper = shipped_server.url + "/", shipped_server.url + "/papers/efficientvit/"
    open_home_and_click_paper(page, home, "HAN Lab Publications", 47, title, paper)

    page.locator(".paper-authors").get_by_role("link", name="Junyan Li").click()
    expect(page).to_have_url(shipped_server.url + "/authors/junyan-li/")
    expect(page.locator("h1")).to_contain_text("Junyan Li")
    expect(page.locator(".coauthors")).to_contain_text("Han Cai")

    page.locator(".paper-item .tag", has_text="Computer Vision").first.click()
    expect(page).to_have_url(shipped_server.url + "/topics/computer-vision/")
    expect(page.locator("h1")).to_have_text("Computer Vision")
    assert problems == []


def test_a_long_list_of_coauthors_folds_its_tail_so_the_papers_stay_near_the_top(page: Page, shipped_server):
    """A PI's page listed ninety co-authors above the first paper; the most frequent are shown and
    the rest open with one click."""
    page.goto(shipped_server.url + "/authors/song-han/")
    shown, folded = page.locator(".coauthors > .chips > li"), page.locator(".more-coauthors .chips > li")
    expect(shown).to_have_count(15)
    assert folded.count() > 20 and not folded.first.is_visible()
    expect(shown.first).to_contain_text("Han Cai")
    page.locator(".more-coauthors > summary").click()
    expect(folded.last).to_be_visible()
    page.goto(shipped_server.url + "/authors/junyan-li/")  # a short list is shown whole
    expect(page.locator(".more-coauthors")).to_have_count(0)
    assert page.locator(".coauthors .chips > li").count() >= 4


def test_math_renders_as_mathml(page: Page, shipped_server):
    page.goto(shipped_server.url + "/papers/flash-kmeans/")
    expect(page.locator(".abstract math").first).to_be_visible()
    assert page.locator(".abstract math").count() >= 5


def test_readable_on_a_phone(page: Page, shipped_server):
    page.set_viewport_size({"width": 375, "height": 800})
    for path in ("/", "/papers/cosmos-3/", "/authors/han-cai/"):
        page.goto(shipped_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} scrolls sideways ({width}px)"


LONG_WORDS = """\
---
title: Tetrakis(dimethylamino)ethylenehexafluoroisopropanolate-Supercapacitors Made Simple
authors: [Ann Lee]
date: 2024
venue: Zeitschrift für Donaudampfschifffahrtsgesellschaftskapitänsmützenforschung
links: {code: 'https://github.com/an-organisation-with-a-long-name/a-repository-with-a-name-that-keeps-going'}
---
All at https://example.org/a/very/long/path/that/does/not/break/anywhere/because/it/has/no/spaces/index.html, and
$\\mathrm{Averyveryverylongformula}_{withaverylongsubscriptthatdoesnotbreak} + \\mathrm{more} = 1$.
"""
"""A paper of words longer than a phone is wide: a chemical's name, a German journal, a URL, a formula."""


def test_words_longer_than_a_phone_is_wide_do_not_make_the_page_scroll_sideways(page: Page, tmp_path):
    """The title, the venue and a formula ran past the screen's edge, and the whole page scrolled
    sideways; long words now break, and a formula scrolls inside its paragraph."""
    root = copy_site(tmp_path / "site", with_papers=False)
    (root / "content/papers/long.md").write_text(LONG_WORDS, encoding="utf-8")
    server = StaticServer(build(root))
    try:
        page.set_viewport_size({"width": 360, "height": 740})
        for path in ("/papers/long/", "/", "/authors/ann-lee/", "/years/2024/"):
            page.goto(server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"{path} scrolls sideways ({width}px)"
        expect(page.locator(".paper-item .paper-title")).to_be_visible()
    finally:
        server.stop()


def test_search_finds_a_paper_by_a_word_of_its_abstract(page: Page, shipped_server):
    problems = watch(page)
    page.goto(shipped_server.url + "/search/")
    box = page.get_by_role("textbox", name="Search papers")
    box.fill("centroid")  # only in the Flash-KMeans abstract
    expect(page.locator(".pagefind-ui__message")).to_have_text(re.compile(r"^1 result"), timeout=15_000)
    expect(page).to_have_url(shipped_server.url + "/search/?q=centroid")  # a search one can link to
    result = page.locator(".pagefind-ui__result-link").first
    expect(result).to_have_text("Flash-KMeans: Fast and Memory-Efficient Exact K-Means")
    result.click()
    expect(page).to_have_url(shipped_server.url + "/papers/flash-kmeans/")
    page.go_back()  # the search is there again, from its address
    expect(page.get_by_role("textbox", name="Search papers")).to_have_value("centroid")
    page.goto(shipped_server.url + "/search/?q=sparse+attention")
    expect(page.get_by_role("textbox", name="Search papers")).to_have_value("sparse attention")
    expect(page.locator(".pagefind-ui__message")).to_have_text(re.compile(r"^\d+ results? for sparse attention"), timeout=15_000)
    box = page.get_by_role("textbox", name="Search papers")
    box.fill("")
    expect(page).to_have_url(shipped_server.url + "/search/")
    assert problems == []


def test_the_not_found_page_searches_the_papers(page: Page, shipped_server):
    problems = watch(page)
    page.goto(shipped_server.url + "/404.html")
    page.get_by_role("searchbox", name="Search the papers").fill("centroid")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(shipped_server.url + "/search/?q=centroid")
    expect(page.locator(".pagefind-ui__result-link").first).to_have_text(
        "Flash-KMeans: Fast and Memory-Efficient Exact K-Means", timeout=15_000
    )
    assert problems == []


@pytest.mark.parametrize("papers_per_index", [None, 10], ids=["one-index", "five-parts"])
def test_search_works_under_a_base_url(page: Page, tmp_path, monkeypatch, papers_per_index):
    from site_builder.output import search

    if papers_per_index:  # a large site's index comes in parts that the search page merges
        monkeypatch.setattr(search, "PAPERS_PER_INDEX", papers_per_index)
    root = copy_site(tmp_path / "site")
    build(root, tmp_path / "www/lab", base_url="/lab/")
    parts = sorted(p.name for p in (tmp_path / "www/lab/pagefind").glob("part-*"))
    assert parts == ([] if papers_per_index is None else ["part-2", "part-3", "part-4", "part-5"])
    server = StaticServer(tmp_path / "www")
    try:
        problems = watch(page)
        page.goto(server.url + "/lab/search/")
        box = page.get_by_role("textbox", name="Search papers")
        box.fill("efficient")  # in papers of every part: the count is the same with one index
        expect(page.locator(".pagefind-ui__message")).to_have_text(re.compile(r"^37 results"), timeout=15_000)
        box.fill("centroid")
        expect(page.locator(".pagefind-ui__message")).to_have_text(re.compile(r"^1 result"), timeout=15_000)
        page.locator(".pagefind-ui__result-link").first.click()
        expect(page).to_have_url(server.url + "/lab/papers/flash-kmeans/")
        assert problems == []
    finally:
        server.stop()


def test_filters_combine_and_survive_a_reload(page: Page, shipped_server):
    problems = watch(page)
    page.goto(shipped_server.url + "/")
    visible = page.locator(".paper-item:visible")
    expect(visible).to_have_count(47)
    page.get_by_text("Browse and filter").click()  # the folded panel the filters sit in
    page.get_by_role("combobox", name="Topic").select_option("diffusion-models")
    diffusion = visible.count()
    assert 5 < diffusion < 47
    page.get_by_role("combobox", name="Author").select_option("han-cai")
    expect(page).to_have_url(re.compile(r"\?topic=diffusion-models&author=han-cai$"))
    both = visible.count()
    assert 0 < both < diffusion
    expect(page.locator(".filter-status")).to_have_text(f"{both} of 47 papers match.")
    page.reload()  # a filtered view opens the panel by itself
    expect(page.get_by_role("combobox", name="Topic")).to_have_value("diffusion-models")
    expect(visible).to_have_count(both)
    page.get_by_role("combobox", name="Year").select_option("2017")
    expect(visible).to_have_count(0)
    page.get_by_role("button", name="Clear").click()
    expect(visible).to_have_count(47)
    expect(page).to_have_url(shipped_server.url + "/")
    assert problems == []


def test_without_javascript_filters_are_plain_links(browser, shipped_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(shipped_server.url + "/")
    expect(page.locator("form.filters")).to_be_hidden()
    page.get_by_text("Browse and filter").click()  # <details> opens without JavaScript
    expect(page.locator("form.filters")).to_be_hidden()
    page.get_by_role("navigation", name="Browse by topic").get_by_role("link", name="Quantization").click()
    expect(page.locator("h1")).to_have_text("Quantization")
    context.close()


def test_copy_button_copies_the_bibtex(browser, shipped_server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    problems = watch(page)
    page.goto(shipped_server.url + "/papers/efficientvit/")
    page.get_by_role("button", name="Copy BibTeX").click()
    expect(page.locator(".copy-status")).to_have_text("Copied to the clipboard.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@inproceedings{cai2022efficientvit,") and copied == page.locator("#bibtex").text_content()
    assert problems == []
    context.close()


def test_dark_toggle_works_and_is_remembered(page: Page, shipped_server):
    problems = watch(page)
    page.emulate_media(color_scheme="light")
    page.goto(shipped_server.url + "/")
    background = "getComputedStyle(document.body).backgroundColor"
    assert page.evaluate(background) == "rgb(255, 255, 255)"
    toggle = page.get_by_role("button", name="Dark mode")
    toggle.click()
    assert page.evaluate(background) == "rgb(21, 23, 26)"
    expect(page.get_by_role("button", name="Light mode")).to_have_attribute("aria-pressed", "true")
    page.goto(shipped_server.url + "/papers/hat/")
    assert page.evaluate(background) == "rgb(21, 23, 26)"
    page.get_by_role("button", name="Light mode").click()
    page.reload()
    assert page.evaluate(background) == "rgb(255, 255, 255)"
    assert problems == []


def test_a_labs_own_colours_apply_in_both_schemes(page: Page, tmp_path):
    """`static/custom.css` changes the theme's custom properties; the theme's rules use them."""
    from conftest import StaticServer, build, copy_site

    root = copy_site(tmp_path / "site")
    (root / "static").mkdir(exist_ok=True)
    (root / "static/custom.css").write_text(":root { --accent: light-dark(#8c1515, #f4a6a6); }\n", encoding="utf-8")
    build(root, tmp_path / "www")
    server = StaticServer(tmp_path / "www")
    try:
        problems = watch(page)
        link_colour = "getComputedStyle(document.querySelector('a.link-button')).color"
        page.emulate_media(color_scheme="light")
        page.goto(server.url + "/papers/hat/")
        assert page.evaluate(link_colour) == "rgb(140, 21, 21)"
        page.emulate_media(color_scheme="dark")
        assert page.evaluate(link_colour) == "rgb(244, 166, 166)"
        assert problems == []
    finally:
        server.stop()
