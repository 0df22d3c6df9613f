"""A paper page's line saying where the paper appeared: the venue with volume, issue and pages, a
thesis's degree and school, a report's number, a patent's number, each under its own label."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import build, copy_site

from site_builder.site.model import Paper
from site_builder.site.published import Published, published_in


def _paper(**fields) -> Paper:
    return Paper(slug="p", title="A Paper", authors=("Ann Lee",), date=dt.date(2021, 8, 1), **fields)


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"type": "journal", "venue": "Nature", "volume": "596", "number": "7873", "pages": "583--589"}, ("Venue", "Nature, vol. 596, no. 7873, pp. 583–589")),
        ({"type": "journal", "venue": "J. Open Source Softw.", "volume": "3", "number": "26", "pages": "656"}, ("Venue", "J. Open Source Softw., vol. 3, no. 26, 656")),  # an article's number
        ({"type": "journal", "venue": "PLOS ONE", "volume": "9", "pages": "e1234"}, ("Venue", "PLOS ONE, vol. 9, e1234")),
        ({"type": "conference", "venue": "CVPR", "pages": "770 - 778"}, ("Venue", "CVPR, pp. 770–778")),
        ({"type": "journal", "venue": "Lancet", "pages": "1215-23"}, ("Venue", "Lancet, pp. 1215–1223")),  # as MEDLINE writes it
        ({"type": "journal", "venue": "Blood", "pages": "S12-5"}, ("Venue", "Blood, pp. S12–S15")),
        ({"type": "journal", "venue": "J", "pages": "15--3"}, ("Venue", "J, pp. 15–3")),  # no page 13 ends it: as written
        ({"type": "journal", "venue": "J. Appl. Phys.", "volume": "128", "pages": "093903"}, ("Venue", "J. Appl. Phys., vol. 128, 093903")),
        ({"type": "journal", "venue": "ACM TOG", "pages": "12:1--12:20"}, ("Venue", "ACM TOG, 12:1–12:20")),
        ({"type": "thesis", "venue": "MIT", "bibtex_type": "phdthesis"}, ("Thesis", "PhD thesis, MIT")),
        ({"type": "thesis", "venue": "ETH Zürich", "bibtex_type": "mastersthesis"}, ("Thesis", "Master's thesis, ETH Zürich")),
        ({"type": "thesis"}, ("Thesis", "Thesis")),
        ({"type": "report", "venue": "MIT CSAIL", "number": "TR-2021-7"}, ("Report", "MIT CSAIL, no. TR-2021-7")),
        ({"type": "patent", "number": "US11123456B2"}, ("Patent", "US11123456B2")),
        ({"type": "patent", "venue": "US Patent 10,481,234"}, ("Patent", "US Patent 10,481,234")),
        ({"type": "preprint", "volume": "3"}, ("Venue", "")),  # nothing names where: no line
    ],
    ids=["journal", "one-number", "article-number", "conference", "short-last-page", "supplement", "unreadable-last-page", "article-number-as-pages", "acm-article", "phd", "masters", "thesis-alone", "report",
         "patent-number", "scholar-patent", "nowhere"],
)  # fmt: skip
def test_where_a_paper_appeared_says_what_its_kind_has(fields, said):
    assert published_in(_paper(**fields)) == Published(*said)


def test_a_paper_page_names_volume_issue_and_pages_and_a_thesis_its_degree(tmp_path):
    root = copy_site(tmp_path / "site", with_papers=False)
    papers = root / "content/papers"
    (papers / "fold.md").write_text(
        "---\ntitle: Protein Folding\nauthors: [Ann Lee]\ndate: 2021-08\ntype: journal\nvenue: Nature\n"
        "volume: '596'\nnumber: '7873'\npages: 583--589\n---\n",
        encoding="utf-8",
    )
    (papers / "see.md").write_text(
        "---\ntitle: Learning to See\nauthors: [Ann Lee]\ndate: 2020\ntype: thesis\nvenue: MIT\nbibtex_type: phdthesis\n---\n",
        encoding="utf-8",
    )
    out = build(root)
    assert "<dt>Venue</dt><dd>Nature, vol. 596, no. 7873, pp. 583–589</dd>" in (out / "papers/fold/index.html").read_text(encoding="utf-8")
    assert "<dt>Thesis</dt><dd>PhD thesis, MIT</dd>" in (out / "papers/see/index.html").read_text(encoding="utf-8")
