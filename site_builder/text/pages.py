"""A paper's pages as written (`583--589`, `583–589`, `583-9`, `e1234`, `12:1--12:20`) read as
its first and its last page."""

from __future__ import annotations

import re

_PAGE = r"[A-Za-z]{0,2}\d+"
_RANGE = re.compile(rf"({_PAGE})\s*(?:-+|–|—)\s*({_PAGE})")
_PARTS = re.compile(r"([A-Za-z]*)(\d+)")


def page_range(pages: str) -> tuple[str, str] | None:
    """The first and the last page of a range of numbered pages, else None: `583--589` and
    `583-9` are ('583', '589'): MEDLINE and Vancouver references write of the last page only the
    digits that differ from the first's (`311-25`, `S12-5`). A last page that cannot be read so
    (`15--3`) stays as written."""
    match = _RANGE.fullmatch(pages.strip())
    if not match:
        return None
    first, last = match[1], match[2]
    letters, digits = _PARTS.fullmatch(first).groups()
    last_letters, last_digits = _PARTS.fullmatch(last).groups()
    if last_letters or len(last_digits) >= len(digits):
        return first, last
    whole = digits[: len(digits) - len(last_digits)] + last_digits
    return first, (letters + whole if int(whole) > int(digits) else last)


def first_and_last(pages: str) -> tuple[str, str]:
    """The first and the last page for a citation's two fields (RIS's `SP` and `EP`, Google
    Scholar's first and last page): a range as `page_range` reads it; of another form
    (`12:1--12:20`), what stands either side of its dash; of one page, that page and ''."""
    found = page_range(pages)
    if found:
        return found
    first, _, last = pages.replace("–", "-").replace("--", "-").partition("-")
    return first.strip(), last.strip()


def written_pages(pages: str, dash: str) -> str:
    """`pages` for a citation, a range whole (`311-25` -> `311--325` with BibTeX's dash) and any
    other form as written, with BibTeX's `--` as `dash`."""
    found = page_range(pages)
    return f"{found[0]}{dash}{found[1]}" if found else pages.replace("--", dash)
