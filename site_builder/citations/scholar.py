"""What Google Scholar reads from a paper page: the Highwire Press `citation_*` tags beyond
title, authors and date (which the template writes itself)."""

from __future__ import annotations

from site_builder.site.model import Paper
from site_builder.text.pages import first_and_last

_VENUE_TAGS = {
    "journal": "citation_journal_title",
    "thesis": "citation_dissertation_institution",
    "report": "citation_technical_report_institution",
    "book": "citation_inbook_title",
}


def venue_tag(paper: Paper) -> str:
    """The tag that names the paper's venue: a journal's, a school's, a proceedings' title; none
    for a patent's number or a `@misc`'s `howpublished`, which Scholar has no tag for."""
    if paper.type == "book" and paper.bibtex_type not in ("inbook", "incollection"):
        return "citation_series_title"  # a whole book: its venue is a series, never a conference
    if paper.type in ("patent", "other"):
        return ""
    return _VENUE_TAGS.get(paper.type, "citation_conference_title")


def facts(paper: Paper) -> list[tuple[str, str]]:
    """(tag, value) for volume, issue, pages, publisher and ISBN, as far as the paper has them."""
    found = [("citation_volume", paper.volume), ("citation_issue", paper.number)]
    first, last = first_and_last(paper.pages)
    found += [("citation_firstpage", first), ("citation_lastpage", last)]
    found += [("citation_publisher", paper.publisher), ("citation_isbn", paper.isbn)]
    return [(tag, value) for tag, value in found if value]
