"""The four services: where to ask for a paper (by its id, or by its title) and what their
answers say, as `Found` records. A body that is not what the service sends (cut short, an HTML
error page) is a `ServiceError`, never a guess."""

from __future__ import annotations

import json
import re
import urllib.parse
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from site_builder.scholarly.client import Answer, ServiceError
from site_builder.site.model import Paper
from site_builder.text.identifiers import ARXIV_ID
from site_builder.text.latex import decode_entities, without_emphasis
from site_builder.text.links import is_web_address
from site_builder.text.tags import tags_as_text


@dataclass(frozen=True)
class Found:
    """One work as a service describes it."""

    service: str
    id: str
    """The service's own id of the work: arXiv id, DOI, OpenAlex `W…`, DBLP key."""
    title: str
    authors: tuple[str, ...]
    date: str
    """ISO, as precise as the service gives it: `2017`, `2017-06` or `2017-06-12`."""
    doi: str = ""
    arxiv: str = ""
    venue: str = ""
    type: str = ""
    """conference, journal or preprint (our `type`), when the service says."""
    pdf: str = ""
    """A web address; whatever else a service sends there (a relative path, which the site would
    look for among its own files, a `javascript:` link) is left out."""
    cited_by: int | None = None
    orcids: tuple[tuple[str, str], ...] = ()
    """(author name, ORCID id) pairs the service gives."""

    def __post_init__(self):
        if self.pdf and not is_web_address(self.pdf):
            object.__setattr__(self, "pdf", "")

    @property
    def year(self) -> int:
        return int(self.date[:4]) if self.date[:4].isdigit() else 0


def _clean(text: str) -> str:
    return " ".join(tags_as_text(decode_entities(text or "")).split())


def _arxiv_from_doi(doi: str) -> str:
    match = re.fullmatch(r"10\.48550/arxiv\.(.+)", doi, re.IGNORECASE)
    return match.group(1) if match else ""


def _bare_doi(value: str) -> str:
    return re.sub(r"^https?://(dx\.)?doi\.org/", "", (value or "").strip(), flags=re.IGNORECASE)


def _json(service: str, answer: Answer):
    try:
        return json.loads(answer.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        start = answer.body[:60].decode("utf-8", "replace").strip().replace("\n", " ")
        raise ServiceError(f"{service}: the answer is not JSON ({answer.content_type or 'no type'}, starts {start!r})") from None


def _bad_shape(service: str, what: str) -> ServiceError:
    return ServiceError(f"{service}: the answer is JSON but not {what}; has the service changed?")


_ATOM = {"a": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom"}


class ArXiv:
    """arXiv's API: Atom feeds. One request every 3 seconds, as its terms of use ask."""

    name, base, interval = "arxiv", "https://export.arxiv.org", 3.0

    def by_id(self, paper: Paper) -> str | None:
        return f"{self.base}/api/query?id_list={urllib.parse.quote(paper.arxiv)}" if paper.arxiv else None

    def by_title(self, paper: Paper) -> str:
        words = re.sub(r"[^\w\s-]", " ", without_emphasis(paper.title)).split()
        query = "ti:" + "+AND+ti:".join(urllib.parse.quote(w) for w in words[:12])
        return f"{self.base}/api/query?search_query={query}&max_results=5"

    def parse(self, answer: Answer) -> list[Found]:
        try:
            feed = ET.fromstring(answer.body)
        except ET.ParseError as exc:
            raise ServiceError(f"arxiv: the answer is not an Atom feed ({exc})") from None
        if feed.tag != "{http://www.w3.org/2005/Atom}feed":
            raise ServiceError("arxiv: the answer is XML but not an Atom feed")
        found = []
        for entry in feed.findall("a:entry", _ATOM):
            entry_id = entry.findtext("a:id", "", _ATOM)
            if "/api/errors" in entry_id:
                raise ServiceError(f"arxiv: {_clean(entry.findtext('a:summary', '', _ATOM))}")
            arxiv = re.sub(r"v\d+$", "", entry_id.rsplit("/abs/", 1)[-1])
            if not ARXIV_ID.fullmatch(arxiv):
                continue
            pdf = next((link.get("href", "") for link in entry.findall("a:link", _ATOM) if link.get("title") == "pdf"), "")
            found.append(
                Found(
                    self.name,
                    arxiv,
                    _clean(entry.findtext("a:title", "", _ATOM)),
                    tuple(_clean(a.findtext("a:name", "", _ATOM)) for a in entry.findall("a:author", _ATOM)),
                    entry.findtext("a:published", "", _ATOM)[:10],
                    doi=_clean(entry.findtext("arxiv:doi", "", _ATOM)),
                    arxiv=arxiv,
                    type="preprint",
                    pdf=re.sub(r"v\d+$", "", pdf),
                )
            )
        return found


_CROSSREF_TYPES = {"journal-article": "journal", "proceedings-article": "conference", "posted-content": "preprint"}


class Crossref:
    """Crossref's REST API, in its polite pool (`mailto`)."""

    name, base, interval = "crossref", "https://api.crossref.org", 0.1

    def __init__(self, contact: str = ""):
        self.mailto = f"mailto={urllib.parse.quote(contact)}" if contact else ""

    def by_id(self, paper: Paper) -> str | None:
        if not paper.doi:
            return None
        return f"{self.base}/works/{urllib.parse.quote(paper.doi, safe='')}" + (f"?{self.mailto}" if self.mailto else "")

    def by_title(self, paper: Paper) -> str:
        query = urllib.parse.urlencode({"query.bibliographic": " ".join([without_emphasis(paper.title), *paper.authors[:3]]), "rows": 5})
        return f"{self.base}/works?{query}" + (f"&{self.mailto}" if self.mailto else "")

    def parse(self, answer: Answer) -> list[Found]:
        data = _json(self.name, answer)
        if not isinstance(data, dict) or not isinstance(data.get("message"), dict):
            raise _bad_shape(self.name, "a Crossref message")
        message = data["message"]
        items = message.get("items", []) if data.get("message-type") == "work-list" else [message]
        return [self._work(item) for item in items if isinstance(item, dict) and item.get("title")]

    def _work(self, item: dict) -> Found:
        authors, orcids = [], []
        for person in item.get("author", []):
            name = _clean(" ".join(p for p in (person.get("given", ""), person.get("family", "")) if p)) or _clean(person.get("name", ""))
            if name:
                authors.append(name)
                if person.get("ORCID"):
                    orcids.append((name, person["ORCID"].rsplit("/", 1)[-1]))
        parts = ((item.get("issued") or {}).get("date-parts") or [[None]])[0]
        date = "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts) if isinstance(p, int))
        doi = item.get("DOI", "")
        pdf = next((link["URL"] for link in item.get("link", []) if link.get("content-type") == "application/pdf"), "")
        container = item.get("container-title") or [""]
        return Found(
            self.name,
            doi,
            _clean((item.get("title") or [""])[0]),
            tuple(authors),
            date,
            doi=doi,
            arxiv=_arxiv_from_doi(doi),
            venue=_clean(container[0]),
            type=_CROSSREF_TYPES.get(item.get("type", ""), ""),
            pdf=pdf,
            orcids=tuple(orcids),
        )


_OPENALEX_TYPES = {"article": "", "preprint": "preprint"}


class OpenAlex:
    """OpenAlex's API, in its polite pool (`mailto`): also the source of citation counts."""

    name, base, interval = "openalex", "https://api.openalex.org", 0.1

    def __init__(self, contact: str = ""):
        self.mailto = f"mailto={urllib.parse.quote(contact)}" if contact else ""

    def by_id(self, paper: Paper) -> str | None:
        doi = paper.doi or (f"10.48550/arxiv.{paper.arxiv}" if paper.arxiv else "")
        if not doi:
            return None
        return f"{self.base}/works/https://doi.org/{urllib.parse.quote(doi, safe='')}" + (f"?{self.mailto}" if self.mailto else "")

    def by_title(self, paper: Paper) -> str:
        # A comma separates filters, a colon a filter from its value: neither may stay in the title.
        title = re.sub(r"[,:|]", " ", without_emphasis(paper.title))
        query = urllib.parse.urlencode({"filter": f"title.search:{' '.join(title.split())}"})
        return f"{self.base}/works?{query}" + (f"&{self.mailto}" if self.mailto else "")

    def parse(self, answer: Answer) -> list[Found]:
        data = _json(self.name, answer)
        if not isinstance(data, dict):
            raise _bad_shape(self.name, "an OpenAlex work")
        works = data.get("results") if "results" in data else [data]
        if not isinstance(works, list) or not all(isinstance(w, dict) for w in works):
            raise _bad_shape(self.name, "a list of OpenAlex works")
        return [self._work(work) for work in works if work.get("title") and work.get("id")]

    def _work(self, work: dict) -> Found:
        authors, orcids = [], []
        for authorship in work.get("authorships", []):
            person = authorship.get("author") or {}
            name = _clean(person.get("display_name", ""))
            if name:
                authors.append(name)
                if person.get("orcid"):
                    orcids.append((name, person["orcid"].rsplit("/", 1)[-1]))
        doi = _bare_doi(work.get("doi") or "")
        location = work.get("primary_location") or {}
        source = location.get("source") or {}
        landing = location.get("landing_page_url") or ""
        arxiv = _arxiv_from_doi(doi) or (landing.rsplit("/abs/", 1)[-1] if "arxiv.org/abs/" in landing else "")
        preprint = work.get("type") == "preprint" or bool(_arxiv_from_doi(doi))
        return Found(
            self.name,
            work["id"].rsplit("/", 1)[-1],
            _clean(work["title"]),
            tuple(authors),
            work.get("publication_date") or str(work.get("publication_year") or ""),
            doi="" if _arxiv_from_doi(doi) else doi,
            arxiv=re.sub(r"v\d+$", "", arxiv),
            venue="" if preprint else _clean(source.get("display_name", "")),
            type="preprint" if preprint else _OPENALEX_TYPES.get(work.get("type", ""), ""),
            pdf=location.get("pdf_url") or "",
            cited_by=work.get("cited_by_count") if isinstance(work.get("cited_by_count"), int) else None,
            orcids=tuple(orcids),
        )


_DBLP_TYPES = {"Conference and Workshop Papers": "conference", "Journal Articles": "journal", "Informal and Other Publications": "preprint"}


class Dblp:
    """DBLP's publication search (JSON)."""

    name, base, interval = "dblp", "https://dblp.org", 1.0

    def by_id(self, paper: Paper) -> str | None:
        return None  # DBLP is searched by title only

    def by_title(self, paper: Paper) -> str:
        return f"{self.base}/search/publ/api?{urllib.parse.urlencode({'q': without_emphasis(paper.title), 'format': 'json', 'h': 5})}"

    def parse(self, answer: Answer) -> list[Found]:
        data = _json(self.name, answer)
        try:
            hits = data["result"]["hits"].get("hit", [])
        except (KeyError, TypeError, AttributeError):
            raise _bad_shape(self.name, "a DBLP search result") from None
        return [self._hit(hit["info"]) for hit in hits if isinstance(hit, dict) and isinstance(hit.get("info"), dict)]

    def _hit(self, info: dict) -> Found:
        people = (info.get("authors") or {}).get("author", [])
        people = [people] if isinstance(people, dict) else people
        # DBLP tells namesakes apart with a number after the name: `Xiaopeng Zhang 0009`.
        authors = tuple(re.sub(r"\s+\d{4}$", "", _clean(p.get("text", ""))) for p in people if isinstance(p, dict))
        ee = info.get("ee") or ""
        ee = ee[0] if isinstance(ee, list) else ee
        arxiv = ee.rsplit("/abs/", 1)[-1] if "arxiv.org/abs/" in ee else ""
        kind = _DBLP_TYPES.get(info.get("type", ""), "")
        return Found(
            self.name,
            info.get("key", ""),
            _clean(info.get("title", "")).rstrip("."),
            authors,
            str(info.get("year", "")),
            doi="" if _arxiv_from_doi(info.get("doi", "")) else info.get("doi", ""),
            arxiv=re.sub(r"v\d+$", "", arxiv or _arxiv_from_doi(info.get("doi", ""))),
            venue="" if kind == "preprint" else _clean(info.get("venue", "") if isinstance(info.get("venue"), str) else ""),
            type=kind,
        )


def services(contact: str, bases: dict[str, str] | None = None) -> dict[str, object]:
    """Every service by name, in the order they are asked; `bases` replaces their addresses."""
    made = {s.name: s for s in (ArXiv(), Crossref(contact), OpenAlex(contact), Dblp())}
    for name, base in (bases or {}).items():
        made[name].base = base.rstrip("/")
    return made
