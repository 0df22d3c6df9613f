"""Persistent identifiers as people write them: DOIs, arXiv ids and citation keys.

Sources write a DOI as `10.1145/3486618`, `doi:10.1145/…`, `https://doi.org/10.1145/…` or
with LaTeX escapes (`10.1007/978-3-030-86044-8\\_5`); an arXiv id as `2504.21131`,
`arXiv:2504.21131v2 [cs.AI]`, `hep-th/9901001` or an arxiv.org URL. These functions turn each
into one canonical form, or say it is not one.
"""

from __future__ import annotations

import re

DOI_PATTERN = re.compile(r"10\.\d{4,9}/\S+")
"""Crossref's pattern for modern DOIs (`10.` + registrant + `/` + suffix), which matches
nearly every DOI in use."""
_DOI_IN_TEXT = re.compile(r"10\.\d{4,9}/[^\s\"<>{}]+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi\s*:\s*|doi\s+)", re.IGNORECASE)
_ARXIV_DOI = re.compile(r"10\.48550/arxiv\.(.+)", re.IGNORECASE)

ARXIV_ID = re.compile(r"(?:\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Za-z-]+)?/\d{7})")
"""A new-style (`2205.14756`) or old-style (`hep-th/9901001`) id, without its version."""
_ARXIV_IN_TEXT = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf|html)/|arxiv\s*:\s*|arxiv\s+preprint\s+(?:arxiv\s*:\s*)?|\barxiv[\s.]+|^)"
    r"(?P<id>\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Za-z-]+)?/\d{7})(?:v\d+)?(?:\.pdf)?\b",
    re.IGNORECASE,
)

MAX_KEY_CHARS = 100
_KEY = re.compile(r"[\w:./+\-]+")
"""Citation-key characters that BibTeX, biber, pandoc and file systems all accept."""


def normalize_doi(text: str) -> str | None:
    """`https://doi.org/10.1000/XYZ`, `doi:10.1000/xyz`, `10.1007/…\\_5` -> `10.1000/XYZ`; None
    when the text holds no DOI (`92--101`, a page URL)."""
    value = _DOI_PREFIX.sub("", text.strip().replace("\\_", "_").replace("\\%", "%").replace("\\&", "&"))
    value = value.strip().rstrip(".,;")
    if DOI_PATTERN.fullmatch(value):
        return value
    return None


def doi_in(text: str) -> str | None:
    """The DOI inside a longer text or URL (`https://dl.acm.org/doi/10.1145/…`), if any."""
    match = _DOI_IN_TEXT.search(text.replace("\\_", "_"))
    return match.group().rstrip(".,;") if match else None


def arxiv_from_doi(doi: str) -> str | None:
    """arXiv's own DOIs (`10.48550/arXiv.2205.14756`) name a preprint: its arXiv id."""
    match = _ARXIV_DOI.fullmatch(doi)
    return match.group(1) if match and ARXIV_ID.fullmatch(match.group(1)) else None


def arxiv_id(text: str) -> str | None:
    """The arXiv id in `2504.21131`, `arXiv:2504.21131v2 [cs.AI]`, `arXiv preprint arXiv:…`,
    `https://arxiv.org/abs/2504.21131v3` or `…/pdf/2504.21131.pdf`, without its version."""
    match = _ARXIV_IN_TEXT.search(text.strip().replace("\\_", "_"))
    return match.group("id") if match else None


def is_valid_bibtex_key(key: str) -> bool:
    return len(key) <= MAX_KEY_CHARS and _KEY.fullmatch(key) is not None
