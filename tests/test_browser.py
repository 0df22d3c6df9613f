"""The shipped site in a real headless Chromium: loads cleanly, and one can click through it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def watch(page: Page) -> list[str]:
    """Console errors and failed requests, collected while the test runs."""
    problems: list[str] = []
    page.on("console", lambda message: problems.append(f"console: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on("response", lambda response: problems.append(f"{response.status}: {response.url}") if response.status >= 400 else None)
    return problems


def test_click_through_paper_author_topic(page: Page, shipped_server):
    problems = watch(page)
    page.goto(shipped_server.url + "/")
    expect(page.locator("h1")).to_have_text("HAN Lab Publications")
    expect(page.locator(".paper-item")).to_have_count(47)

    page.get_by_role("link", name="EfficientViT: Multi-Scale Linear Attention for High-Resolution Dense Prediction").click()
    expect(page).to_have_url(shipped_server.url + "/papers/efficientvit/")
    expect(page.locator("h1")).to_have_text("EfficientViT: Multi-Scale Linear Attention for High-Resolution Dense Prediction")

    page.locator(".paper-authors").get_by_role("link", name="Junyan Li").click()
    expect(page).to_have_url(shipped_server.url + "/authors/junyan-li/")
    expect(page.locator("h1")).to_contain_text("Junyan Li")
    expect(page.locator(".coauthors")).to_contain_text("Han Cai")

    page.locator(".paper-item .tag", has_text="Computer Vision").first.click()
    expect(page).to_have_url(shipped_server.url + "/topics/computer-vision/")
    expect(page.locator("h1")).to_have_text("Computer Vision")
    assert problems == []


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
