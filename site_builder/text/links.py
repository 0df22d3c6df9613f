"""Finding URLs in text and labelling them. Import (front matter `links`) and rendering
(abstract autolinks) both use this module, so both see the same URLs."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit

_URL = re.compile(r"https?://[^\s<>\"'{}|\\^`\[\]]+")
_TRAILING = ".,;:!?'\""
_PROJECT_WORDS = re.compile(r"project (?:page|website|site)|website|homepage|project", re.IGNORECASE)
SAFE_SCHEMES = ("http", "https", "mailto")


_UNSPLIT = urlsplit("")


def split_url(url: str) -> SplitResult:
    """`urlsplit`, with an address it cannot split (`https://[oops`: a bracket without its pair,
    which it raises on) as an empty one: no scheme and no host."""
    try:
        return urlsplit(url)
    except ValueError:
        return _UNSPLIT


def find_urls(text: str) -> list[tuple[int, int, str]]:
    """(start, end, url) for each URL, without sentence punctuation or unbalanced `)`."""
    found = []
    for match in _URL.finditer(text):
        url = match.group()
        while url and (url[-1] in _TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
            url = url[:-1]
        if split_url(url).hostname:
            found.append((match.start(), match.start() + len(url), url))
    return found


def is_safe_url(url: str) -> bool:
    """http(s), mailto and relative URLs only: never `javascript:` or `data:`."""
    # Printable text has no whitespace but the space: the usual URL is cleaned without a loop.
    cleaned = url.replace(" ", "") if url.isprintable() else "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    scheme = split_url(cleaned).scheme.lower()  # `https://[oops` has none, and its `:` makes it unsafe below
    return scheme in SAFE_SCHEMES if scheme else ":" not in cleaned.split("/", 1)[0]


_FILE_ENDINGS = frozenset("pdf html htm png jpg jpeg gif svg webp zip gz tar md txt bib ris json csv mp4 mov ppt pptx key doc docx".split())
_COMMON_TLDS = frozenset("com org net edu gov io ai dev app me info co uk de fr cn jp ca au ch nl se it es kr in eu us".split())


def address_slip(url: str) -> tuple[str, str] | None:
    """What is wrong with a link written without its scheme or its leading `/`, which a page
    would take as a file beside itself, and the address to write; None for a usable link.
    `github.com/ann/x` -> `https://github.com/ann/x`; `static/pdf/x.pdf` -> `/static/pdf/x.pdf`."""
    value = url.strip()
    if not value or split_url(value).scheme or value.startswith(("/", "#", "?")):
        return None
    host, slash, _ = value.partition("/")
    labels = host.lower().split(".")
    domain = len(labels) > 1 and all(labels) and labels[-1].isalpha() and labels[-1] not in _FILE_ENDINGS
    if domain and (slash or host.lower().startswith("www.") or labels[-1] in _COMMON_TLDS):
        return "a web address without `https://`, which the page would take as a file of the site", f"https://{value}"
    return "relative to the page it is on, which has no such file beside it", f"/{value}"


def is_web_address(url: str) -> bool:
    """An absolute http(s) address, safe to link to."""
    return is_safe_url(url) and url.strip().lower().startswith(("http://", "https://"))


def github_repository(url: str) -> str | None:
    """`https://github.com/owner/repo` for any URL inside a GitHub repository."""
    parts = split_url(url)
    if (parts.hostname or "").lower() not in ("github.com", "www.github.com"):
        return None
    path = [p for p in parts.path.split("/") if p]
    if len(path) < 2:
        return None
    repo = path[1].removesuffix(".git")
    return f"https://github.com/{path[0]}/{repo}"


def label_links(text: str) -> dict[str, str]:
    """Labelled links of an abstract: `code`, `huggingface`, `project`, else the host name."""
    links: dict[str, str] = {}
    seen: set[str] = set()
    for start, _end, url in find_urls(text):
        repo = github_repository(url)
        target = repo or url
        if target in seen:
            continue
        seen.add(target)
        host = (split_url(url).hostname or "").lower().removeprefix("www.")
        if repo:
            label = "code"
        elif host == "huggingface.co":
            label = "huggingface"
        elif _PROJECT_WORDS.search(text[max(0, start - 60) : start]):
            label = "project"
        else:
            label = host
        key, n = label, 2
        while key in links:
            key, n = f"{label}-{n}", n + 1
        links[key] = target
    return links


LINK_LABELS = {
    "pdf": "PDF", "arxiv": "arXiv", "doi": "DOI", "code": "Code", "project": "Project", "video": "Video",
    "slides": "Slides", "poster": "Poster", "huggingface": "Hugging Face", "blog": "Blog", "demo": "Demo",
    "dataset": "Dataset", "supplement": "Supplement", "website": "Website", "url": "Website",
    "preprint": "Preprint", "published": "Published version", "ads": "ADS", "pubmed": "PubMed", "pmc": "PMC",
    "scopus": "Scopus", "webofscience": "Web of Science", "mathscinet": "MathSciNet", "zbmath": "zbMATH",
    "inspire": "INSPIRE",
}  # fmt: skip
_BUTTON_ORDER = ("pdf", "arxiv", "doi", "code", "project", "video", "slides", "poster", "huggingface")


def paper_buttons(paper) -> list[tuple[str, str]]:
    """(label, URL) of every link a paper has, the usual ones first (PDF, arXiv, DOI, code…),
    then the rest by label; one button a place (see `same_place`)."""
    found: dict[str, str] = {}
    if paper.pdf:
        found["pdf"] = paper.pdf
    if paper.arxiv:
        found["arxiv"] = f"https://arxiv.org/abs/{paper.arxiv}"
    if paper.doi:
        found["doi"] = f"https://doi.org/{paper.doi}"
    for label, url in sorted(paper.links.items()):
        found.setdefault(label, url)
    order = {name: n for n, name in enumerate(_BUTTON_ORDER)}
    buttons, seen = [], set()
    for key in sorted(found, key=lambda k: (order.get(k, len(order)), k)):
        url = found[key]
        place = same_place(url)
        if place in seen:
            continue
        seen.add(place)
        buttons.append((_button_label(key, url), url))
    return buttons


_PLACES = {
    "openreview.net": "OpenReview", "aclanthology.org": "ACL Anthology", "aclweb.org": "ACL Anthology",
    "proceedings.mlr.press": "PMLR", "neurips.cc": "NeurIPS", "papers.nips.cc": "NeurIPS", "iclr.cc": "ICLR",
    "icml.cc": "ICML", "openaccess.thecvf.com": "CVF", "ecva.net": "ECVA", "aaai.org": "AAAI", "ijcai.org": "IJCAI",
    "usenix.org": "USENIX", "jmlr.org": "JMLR", "ceur-ws.org": "CEUR-WS", "isca-archive.org": "ISCA",
    "dl.acm.org": "ACM", "ieeexplore.ieee.org": "IEEE Xplore", "computer.org": "IEEE Computer Society",
    "springer.com": "Springer", "sciencedirect.com": "ScienceDirect", "wiley.com": "Wiley", "nature.com": "Nature",
    "science.org": "Science", "pnas.org": "PNAS", "cell.com": "Cell Press", "thelancet.com": "The Lancet",
    "nejm.org": "NEJM", "bmj.com": "BMJ", "elifesciences.org": "eLife", "academic.oup.com": "Oxford Academic",
    "cambridge.org": "Cambridge Core", "tandfonline.com": "Taylor & Francis", "sagepub.com": "SAGE",
    "jstor.org": "JSTOR", "iop.org": "IOPscience", "aps.org": "APS", "pubs.acs.org": "ACS", "pubs.rsc.org": "RSC",
    "pubs.aip.org": "AIP", "epubs.siam.org": "SIAM", "ams.org": "AMS", "optica.org": "Optica",
    "spiedigitallibrary.org": "SPIE", "mdpi.com": "MDPI", "frontiersin.org": "Frontiers", "plos.org": "PLOS",
    "biorxiv.org": "bioRxiv", "medrxiv.org": "medRxiv", "chemrxiv.org": "ChemRxiv", "psyarxiv.com": "PsyArXiv",
    "ssrn.com": "SSRN", "hal.science": "HAL", "archives-ouvertes.fr": "HAL", "arxiv.org": "arXiv", "doi.org": "DOI",
    "semanticscholar.org": "Semantic Scholar", "scholar.google.com": "Google Scholar", "researchgate.net": "ResearchGate",
    "dblp.org": "dblp", "pubmed.ncbi.nlm.nih.gov": "PubMed", "pmc.ncbi.nlm.nih.gov": "PMC", "europepmc.org": "Europe PMC",
    "paperswithcode.com": "Papers with Code", "huggingface.co": "Hugging Face", "github.com": "GitHub",
    "youtube.com": "Video", "youtu.be": "Video", "vimeo.com": "Video", "zenodo.org": "Zenodo", "osf.io": "OSF",
    "figshare.com": "figshare", "mathscinet.ams.org": "MathSciNet", "zbmath.org": "zbMATH",
    "inspirehep.net": "INSPIRE", "adsabs.harvard.edu": "ADS",
}  # fmt: skip
"""Where a paper's page of no other kind (`url`) is, by its host or a domain it is under
(`api.semanticscholar.org`, `journals.aps.org`): the button names the place (a forum on
OpenReview is no website of the paper's). The most particular name wins: `mathscinet.ams.org`
is MathSciNet, `www.ams.org` AMS."""


def place_of(url: str) -> str | None:
    """The name of the place `url` is on (see `_PLACES`), or None."""
    labels = (split_url(url).hostname or "").lower().removeprefix("www.").split(".")
    for start in range(len(labels) - 1):
        place = _PLACES.get(".".join(labels[start:]))
        if place:
            return place
    return None


def _button_label(key: str, url: str) -> str:
    """A link's button: its label's name; a `url`, or a link an abstract named by its host
    (`openreview.net`, `openreview.net-2`), by its place when known, else by its host as written."""
    if key == "url" or "." in key:
        place = place_of(url)
        if place:
            return place
        if key != "url":
            return key
    return LINK_LABELS.get(key, key.replace("_", " ").capitalize() if key.islower() else key)


def same_place(url: str) -> str:
    """What two links to one web page share: `http://GitHub.com/MIT-Lab/X/` and
    `https://github.com/mit-lab/x` are one button, not two. On the web, case is ignored (two
    links of one paper that differ only in case name one thing), as are `www.`, `http` against
    `https` and a closing `/`. The site's own files (`/static/…`) keep their case: GitHub Pages
    serves `Slides.pdf` and `slides.pdf` as two files."""
    parts = split_url(url.strip())
    if not parts.netloc:
        return url.strip().rstrip("/")
    parts = split_url(url.strip().lower())
    scheme = "https" if parts.scheme == "http" else parts.scheme
    return f"{scheme}://{parts.netloc.removeprefix('www.')}{parts.path.rstrip('/')}?{parts.query}#{parts.fragment}"
