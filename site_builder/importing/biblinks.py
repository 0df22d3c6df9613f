"""A .bib entry's links, PDF and preview image: web addresses as they are; file names (al-folio
writes `pdf = {paper.pdf}`, `preview = {paper.png}`) looked up where the site serves them, and
where they are not yet, the review says where they were found and where to put them."""

from __future__ import annotations

import re
from pathlib import Path

from site_builder.text.latex import decode_identifier
from site_builder.text.links import LINK_LABELS, is_safe_url

# al-folio's link fields (and a few other sites' habits) -> our link labels.
LINK_FIELDS = {
    "code": "code", "github": "code", "slides": "slides", "poster": "poster", "video": "video",
    "html": "project", "website": "project", "project": "project", "blog": "blog", "supp": "supplement",
    "supplementary": "supplement", "huggingface": "huggingface", "demo": "demo", "dataset": "dataset",
    "adsurl": "ads",
}  # fmt: skip
_PUBMED = ("pubmed", re.compile(r"\d{1,9}"), "https://pubmed.ncbi.nlm.nih.gov/{}/")
ID_LINKS = {
    "pmid": _PUBMED,
    "pubmedid": _PUBMED,
    "pubmed": _PUBMED,
    "pmcid": ("pmc", re.compile(r"PMC\d{1,9}", re.I), "https://www.ncbi.nlm.nih.gov/pmc/articles/{}/"),
}
"""PubMed's ids (PubMed and BibDesk exports; MDPI's `PubMedID`) -> a link label, the shape of
the id, its page."""


def links_and_pdf(fields: dict[str, str], review: list[str], folder: Path, site: Path | None) -> tuple[dict[str, str], str]:
    """The entry's labelled links and its PDF; what cannot be linked yet is said in `review`."""
    links: dict[str, str] = {}
    pdf = ""
    for name, label in LINK_FIELDS.items():
        value = _link_value(fields.get(name, ""))
        if value and label not in links:
            links[label] = _resolved(value, name, review, folder, site)
    for name in ("pdf", "file"):
        raw = fields.get(name, "")
        value = _link_value(raw.split(":")[0] if name == "file" and ":" in raw[:3] else raw)
        if value and not pdf and (name == "pdf" or value.lower().endswith(".pdf")):
            pdf = _resolved(value, "pdf", review, folder, site)
    for name, (label, shape, page) in ID_LINKS.items():
        value = decode_identifier(fields.get(name, "")).strip()
        if value and label not in links:
            if shape.fullmatch(value) or "://" in value:  # the id, or its page already
                links[label] = page.format(value.upper()) if "://" not in value else value
            else:
                review.append(f"its `{name}` {value!r} is not a {LINK_LABELS[label]} id: left out")
    url = decode_identifier(fields.get("url", "")) or address_in_text(fields.get("howpublished", "") + " " + fields.get("note", ""))
    if url:
        if url.lower().endswith(".pdf") and not pdf:
            pdf = url
        elif "github.com/" in url:
            links.setdefault("code", url)
        elif "arxiv.org/" not in url and "doi.org/" not in url:
            links.setdefault("url", url)
    links = {label: link for label, link in links.items() if _web_address(label, link, review)}
    return links, pdf if _web_address("pdf", pdf, review) else ""


def _web_address(label: str, link: str, review: list[str]) -> bool:
    """Whether `link` is one pages may link; one that is not (`javascript:`, `https://[oops`) is
    named in `review`."""
    if link and not is_safe_url(link):
        review.append(f"its {label} link {link!r} is not a web address: left out")
        return False
    return bool(link)


_ADDRESS = re.compile(r"\\(?:url|href)\s*\{([^{}\s]+)\}|(https?://[^\s{}]+)")


def address_in_text(text: str) -> str:
    """The first web address a text field names (`howpublished = {\\url{https://…}}`, `note =
    {Available at https://…}`), which entries without `url` give for software and web pages."""
    match = _ADDRESS.search(text)
    return decode_identifier(match.group(1) or match.group(2).rstrip(".,;:)")) if match else ""


def _link_value(text: str) -> str:
    """A link field's value: a web address without the spaces a wrapped line put in it, a file
    name with its own (`My Paper.pdf`)."""
    value = decode_identifier(text)
    return value if "://" in value or value.startswith("mailto:") else decode_identifier(text, keep_spaces=True)


def preview_image(fields: dict[str, str], review: list[str], folder: Path, site: Path | None) -> str:
    """al-folio's `preview` image as the paper's `image`. A file name is looked up where pages
    find it (next to the paper's file); al-folio keeps it in assets/img/publication_preview/,
    and the review says where it was found, so that a person can copy it over."""
    name = _link_value(fields.get("preview", ""))
    if not name:
        return _featured_image(folder, review, site)
    if "://" in name or (site is not None and (site / "content/papers" / name).is_file()):
        return name
    places = (folder / name, folder / "assets/img/publication_preview" / name, folder.parent / "assets/img/publication_preview" / name)
    found = next((place for place in places if place.is_file()), None)
    where = f"it is at {found}" if found else "it is not beside the .bib or in its assets/img/publication_preview/"
    review.append(f"its `preview` image {name!r} is not in content/papers/ yet ({where}): copy it there")
    return name


def _featured_image(folder: Path, review: list[str], site: Path | None) -> str:
    """Hugo Blox keeps a paper's picture as `featured.png` beside its `index.md` and `cite.bib`:
    the paper's `image`, named after its folder (every paper's picture has the same name there),
    and the review says to copy it next to the paper's file."""
    if not (folder / "index.md").is_file():
        return ""
    found = next((p for p in sorted(folder.glob("featured.*")) if p.suffix.lower() in (".png", ".jpg", ".jpeg", ".webp")), None)
    if found is None:
        return ""
    name = folder.name + found.suffix.lower()
    if site is None or not (site / "content/papers" / name).is_file():
        review.append(f"its picture is {found}: copy it to content/papers/{name}")
    return name


def _resolved(value: str, name: str, review: list[str], folder: Path, site: Path | None) -> str:
    """A link field's value as a link: web addresses as they are; a file name (al-folio writes
    `pdf = {paper.pdf}` for `assets/pdf/paper.pdf`) becomes `/static/…` when the site has the
    file there, else it is left out and the review says where to put it."""
    if "://" in value or value.startswith(("mailto:", "/")):
        return value
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:(?![\\/])", value):  # `javascript:…`, `data:…`; `C:\\…` is a file
        review.append(f"its `{name}` {value!r} is not a web address: left out")
        return ""
    relative = value.lstrip("./")
    if site is not None:
        for candidate in (f"static/{relative}", f"static/pdf/{relative}", f"static/assets/pdf/{relative}"):
            if (site / candidate).is_file():
                return "/" + candidate
    beside = next((folder / c for c in (relative, f"assets/pdf/{relative}") if (folder / c).is_file()), None)
    where = f" (found at {beside})" if beside else ""
    folder_name = "pdf" if name == "pdf" else "files"
    review.append(
        f"`{name}` {value!r} is a file, not a link{where}: "
        f"copy it into static/{folder_name}/ and link it as /static/{folder_name}/{relative}"
    )
    return ""
