"""Where a paper appeared, as its page says it: a label for its kind (a thesis, a patent, a
report, else its venue) and the reference to find it there: the venue with its volume, issue
and pages (`Nature, vol. 596, no. 7873, pp. 583–589`), a thesis's degree and school, a patent's
number."""

from __future__ import annotations

from typing import NamedTuple

from site_builder.site.model import Paper
from site_builder.text.pages import page_range

_THESES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
"""BibTeX's kinds of thesis -> how a reference names them."""


class Published(NamedTuple):
    label: str
    text: str


def published_in(paper: Paper) -> Published:
    """The label and the text of the page's line saying where `paper` appeared; an empty text
    when nothing says so."""
    if paper.type == "patent":
        return Published("Patent", paper.patent_number)
    if paper.type == "thesis":
        kind = _THESES.get(paper.bibtex_type, "Thesis")
        return Published("Thesis", f"{kind}, {paper.venue}" if paper.venue else kind)
    parts = [paper.venue] if paper.venue else []
    if paper.type == "report":
        parts += [f"no. {paper.number}"] if paper.number else []
        return Published("Report", ", ".join(parts))
    if not parts:
        return Published("Venue", "")
    if paper.volume:
        parts.append(f"vol. {paper.volume}")
    if paper.number:
        parts.append(f"no. {paper.number}")
    if paper.pages:
        parts.append(_pages(paper.pages))
    return Published("Venue", ", ".join(parts))


def _pages(pages: str) -> str:
    """`583--589` and `583-9` -> `pp. 583–589`; other forms as written, with BibTeX's `--` as
    the dash it stands for: ACM's `12:1--12:20`, `e1234`, `Article 12`, and a number alone, which
    is an article's number (`Sensors 21(4), 1136`, `Phys. Rev. D 96, 064050`, JOSS's `656`)
    more often than the one page of a paper."""
    pages = pages.strip()
    found = page_range(pages)
    if found:
        return f"pp. {found[0]}–{found[1]}"
    return pages.replace("--", "–")  # `139`, `093903`: an article's number as often as a page; cited as written
