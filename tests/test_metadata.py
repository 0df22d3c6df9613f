"""Metadata for Google Scholar, sharing and crawlers; feeds; sitemap; all escaped for their format."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from conftest import build, built_count, copy_site, export_targets

ATOM = "{http://www.w3.org/2005/Atom}"


def meta(html: str, name: str) -> list[str]:
    return re.findall(rf'<meta (?:name|property)="{re.escape(name)}" content="([^"]*)">', html)


def test_highwire_tags_for_google_scholar(shipped_site):
    html = (shipped_site / "_site/papers/efficientvit/index.html").read_text(encoding="utf-8")
    assert meta(html, "citation_title") == ["EfficientViT: Multi-Scale Linear Attention for High-Resolution Dense Prediction"]
    assert meta(html, "citation_author") == ["Han Cai", "Junyan Li", "Muyan Hu", "Chuang Gan", "Song Han"]
    assert meta(html, "citation_publication_date") == ["2023"]  # the ICCV version's year, not the preprint's date
    assert meta(html, "citation_conference_title") == ["Proceedings of the IEEE/CVF International Conference on Computer Vision (ICCV)"]
    assert meta(html, "citation_firstpage") == ["17302"] and meta(html, "citation_lastpage") == ["17313"]
    assert meta(html, "citation_pdf_url") == []


def test_pdf_and_arxiv_tags_when_known(tmp_path):
    root = copy_site(tmp_path / "site")
    paper = root / "content/papers/hat.md"
    text = paper.read_text(encoding="utf-8").replace(
        "code: true\n", "code: true\npdf: https://arxiv.org/pdf/2005.14187\narxiv: '2005.14187'\n"
    )
    paper.write_text(text, encoding="utf-8")
    html = (build(root) / "papers/hat/index.html").read_text(encoding="utf-8")
    assert meta(html, "citation_pdf_url") == ["https://arxiv.org/pdf/2005.14187"]
    assert meta(html, "citation_arxiv_id") == ["2005.14187"]


def test_json_ld_sharing_tags_and_canonical(shipped_site):
    html = (shipped_site / "_site/papers/cosmos-3/index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "ScholarlyArticle"
    assert [a["name"] for a in data["author"]] == ["Aditi", "Niket Agarwal", "Arslan Ali"]
    assert data["datePublished"] == "2026-06-01"
    assert '<link rel="canonical" href="https://example.github.io/papers/cosmos-3/">' in html
    assert meta(html, "og:type") == ["article"] and meta(html, "twitter:card") == ["summary"]
    assert meta(html, "og:url") == ["https://example.github.io/papers/cosmos-3/"]


def test_a_title_cannot_break_out_of_json_ld_feeds_or_sitemap(tmp_path):
    root = copy_site(tmp_path / "site")
    paper = root / "content/papers/hat.md"
    evil = "</script><script>alert(1)</script> & <b>HAT</b>"
    paper.write_text(paper.read_text(encoding="utf-8").replace("title: 'HAT:", f"title: '{evil}:"), encoding="utf-8")
    out = build(root)
    html = (out / "papers/hat/index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(block)["headline"].startswith(evil)
    assert "<script>alert(1)" not in html
    feed = ET.parse(out / "feed.xml").getroot()  # parses: the title is escaped for XML
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert any(t.startswith(evil) for t in titles if t)
    ET.parse(out / "sitemap.xml")


def test_feeds_are_valid_atom_and_announced(shipped_site):
    out = shipped_site / "_site"
    feeds = sorted(out.rglob("feed.xml"))
    assert len(feeds) == export_targets(out) - built_count(out, "papers")
    for path in feeds:
        root = ET.parse(path).getroot()
        assert root.tag == f"{ATOM}feed"
        assert root.findtext(f"{ATOM}id") and root.findtext(f"{ATOM}updated") and root.findtext(f"{ATOM}title")
        for item in root.iter(f"{ATOM}entry"):
            assert item.findtext(f"{ATOM}id") and item.findtext(f"{ATOM}updated") and item.find(f"{ATOM}author") is not None
    site = ET.parse(out / "feed.xml").getroot()
    assert site.findtext(f"{ATOM}updated") == "2026-06-01T00:00:00Z"  # the newest paper, not the clock
    assert len(list(site.iter(f"{ATOM}entry"))) == 47
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="HAN Lab Publications: new papers" href="/feed.xml">' in home
    author = (out / "authors/han-cai/index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml" title="Han Cai: new papers" href="/authors/han-cai/feed.xml"' in author


def test_sitemap_robots_and_404(shipped_site):
    out = shipped_site / "_site"
    assert (out / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\nSitemap: https://example.github.io/sitemap.xml\n"
    locations = [e.text for e in ET.parse(out / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://example.github.io/papers/hat/" in locations and len(locations) == len(set(locations))
    assert "Page not found" in (out / "404.html").read_text(encoding="utf-8")


def test_no_request_to_another_host(shipped_site):
    for path in (shipped_site / "_site").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            assert "://" not in re.sub(r'rel="canonical" href="[^"]*"', "", tag) or 'rel="canonical"' in tag, (path, tag)
