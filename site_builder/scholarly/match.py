"""Is a service's work the paper on the site? A match is confident only when the title says the
same and the authors the site lists agree, in order; a near miss waits for a person."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from site_builder.render.markup import plain_text
from site_builder.scholarly.services import Found
from site_builder.site.model import Paper
from site_builder.text.latex import math_as_text
from site_builder.text.names import fold

CONFIDENT_TITLE = 0.95
"""Title similarity from which a search hit with agreeing authors is the paper (punctuation,
case, accents, a dash for a colon and the like are already gone before comparing)."""
CONFIDENT_BY_ID = 0.8
"""An answer to the paper's own arXiv id or DOI needs less: a reworded title of the same work."""
UNSURE_TITLE = 0.8
"""Below this, a hit is another paper and not worth a person's time."""


@dataclass(frozen=True)
class Match:
    found: Found
    title: float
    """Similarity of the titles, 0 to 1."""
    authors_in_order: int
    """How many of the site's listed authors the service lists at the same place."""
    listed: int
    """How many authors the site lists."""
    year_agrees: bool
    by_id: bool

    @property
    def confident(self) -> bool:
        authors = self.listed == 0 or self.authors_in_order == self.listed
        needed = CONFIDENT_BY_ID if self.by_id else CONFIDENT_TITLE
        return self.title >= needed and authors and self.year_agrees

    @property
    def worth_a_look(self) -> bool:
        return self.title >= UNSURE_TITLE and (self.authors_in_order > 0 or self.listed == 0)

    def describe(self) -> str:
        year = f"year {self.found.year}" + ("" if self.year_agrees else " (does not agree)")
        authors = f"authors {self.authors_in_order}/{self.listed} in order"
        return f"{self.found.service} {self.found.id}: title {self.title:.2f}, {authors}, {year}"


def comparable_title(title: str) -> str:
    """A title as it is compared: plain text, its math read as text (Crossref's MathML comes as
    `$T_{\\mathrm{reg}}$`, a listing writes `T_reg`), no accents, case or punctuation."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", fold(math_as_text(plain_text(title)))).split())


def _surname(name: str) -> str:
    parts = fold(name).replace("-", " ").split()
    return parts[-1] if parts else ""


def _authors_in_order(paper: Paper, found: Found) -> int:
    theirs = [_surname(n) for n in found.authors]
    return sum(1 for i, name in enumerate(paper.authors) if i < len(theirs) and _surname(name) == theirs[i])


def _year_agrees(paper: Paper, found: Found) -> bool:
    # A preprint and its published version are often a year or two apart.
    years = {paper.date.year, paper.venue_year or paper.date.year}
    return found.year == 0 or any(abs(found.year - year) <= 1 for year in years)


def score(paper: Paper, found: Found, by_id: bool) -> Match:
    similarity = difflib.SequenceMatcher(None, comparable_title(paper.title), comparable_title(found.title)).ratio()
    return Match(found, similarity, _authors_in_order(paper, found), len(paper.authors), _year_agrees(paper, found), by_id)


def best_match(paper: Paper, found: list[Found], by_id: bool) -> Match | None:
    """The most likely of the works, or None when none is worth a look."""
    scored = [score(paper, f, by_id) for f in found]
    scored = [m for m in scored if m.worth_a_look]
    if not scored:
        return None
    return max(scored, key=lambda m: (m.confident, m.title, m.authors_in_order, m.found.id))
