"""A .bib entry's DOI and arXiv id, from every field people put them in: `doi`, `eprint` with
its `archiveprefix`, `arxiv`, Google Scholar's `journal = {arXiv preprint arXiv:…}`, a CoRR
`volume = {abs/…}`, ADS's `eid = {arXiv:…}`, DOIs and arXiv addresses in `url` (BibDesk's `bdsk-url-1`),
al-folio's `html` and `pdf`, `howpublished` and `note`."""

from __future__ import annotations

import re

from site_builder.text.arxiv_categories import full_code
from site_builder.text.identifiers import arxiv_from_doi, arxiv_id, doi_in, normalize_doi
from site_builder.text.latex import decode_identifier


def entry_identifiers(fields: dict[str, str], review: list[str]) -> dict[str, str]:
    """DOI and arXiv id, from every field that carries them."""
    found: dict[str, str] = {}
    raw_doi = decode_identifier(fields.get("doi", ""))
    if raw_doi:
        doi = normalize_doi(raw_doi) or doi_in(raw_doi)
        if doi:
            found["doi"] = doi
        elif "://" in raw_doi:
            found["page"] = raw_doi
            review.append(f"its `doi` {raw_doi!r} is a web address, not a DOI: it is kept as the paper's link `url`")
        else:
            review.append(f"its `doi` {raw_doi!r} is not a DOI and was left out")
    for name in ("url", "bdsk-url-1", "link", "html", "howpublished", "note"):
        if "doi" not in found and "doi.org/10." in fields.get(name, ""):
            found["doi"] = doi_in(decode_identifier(fields[name])) or ""
    prefix = fields.get("archiveprefix", fields.get("eprinttype", "")).strip().lower()
    candidates = []
    if fields.get("eprint") and prefix in ("", "arxiv"):
        candidates.append(decode_identifier(fields["eprint"]))
    candidates += [decode_identifier(fields.get(n, "")) for n in ("arxiv", "arxivid", "arxiv_id")]
    candidates += [fields.get(n, "") for n in ("journal", "howpublished", "note", "booktitle", "url", "pdf", "html")]
    # ADS's e-prints: `eid = {arXiv:2204.12345}`, and the same as their pages
    candidates += [fields[n] for n in ("eid", "pages") if fields.get(n, "").strip().lower().startswith("arxiv:")]
    if fields.get("volume", "").strip().lower().startswith("abs/"):  # CoRR's, in DBLP's and Semantic Scholar's exports
        candidates.append(fields["volume"].strip()[4:])
    if found.get("doi"):
        candidates.append(arxiv_from_doi(found["doi"]) or "")
    found_arxiv = next((a for a in (arxiv_id(c) for c in candidates if c) if a), "")
    if found_arxiv:
        found["arxiv"] = found_arxiv
    if found.get("doi") and arxiv_from_doi(found["doi"]):
        del found["doi"]  # arXiv's DOI names the preprint: its id says the same
    return {k: v for k, v in found.items() if v}


_ARCHIVES_WITH_SUBJECTS = frozenset(("cs", "math", "stat", "eess", "econ", "q-bio", "q-fin", "physics", "nlin"))
"""Archives whose papers are filed under a subject (`cs.CV`): the archive alone (biblatex's
`eprintclass = {cs}`) names no category."""


_KEYWORD_CATEGORY = re.compile(r"\(((?:[a-z]+-)?[a-z]+\.[A-Za-z-]+|[a-z]+-[a-z]+)\)")
"""DataCite's keywords for an arXiv DOI name its categories, the primary first:
`Machine Learning (cs.LG), FOS: Computer and information sciences`."""


def arxiv_category(fields: dict[str, str], arxiv: str) -> str:
    """The arXiv category of the e-print `arxiv` as its entry names it (`primaryClass = {cs.CV}`,
    biblatex's `eprintclass`, DataCite's first keyword `Machine Learning (cs.LG)`) or an old
    identifier does (`hep-th/9711200`), as arXiv writes it; "" for no e-print, or a category
    arXiv does not have."""
    if not arxiv:
        return ""
    written = [decode_identifier(fields.get(name, "")).strip() for name in ("primaryclass", "eprintclass")]
    in_keywords = _KEYWORD_CATEGORY.search(fields.get("keywords", ""))
    written += [in_keywords.group(1)] if in_keywords else []
    for code in (*written, arxiv.partition("/")[0] if "/" in arxiv else ""):
        found = full_code(code) if code else None
        if found and found not in _ARCHIVES_WITH_SUBJECTS:
            return found
    return ""
