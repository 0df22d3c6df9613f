"""The content model: frozen records with no I/O. Groupings are built once, in `catalog`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Paper:
    """One publication, as its `content/papers/<slug>.md` file says."""

    slug: str
    """The file name without `.md`; the paper's URL is `/papers/<slug>/`."""
    title: str
    """The title as written, without trailing author names."""
    authors: tuple[str, ...]
    """Author names in the listed order, as written in the file (aliases resolved later)."""
    date: dt.date
    """Publication date: its first day when only a year or a month is known (see `date_precision`)."""
    category: str = ""
    """The listing's category code (CV, LG, ...); empty when the paper has none."""
    et_al: bool = False
    """True when the listing truncated the author list."""
    code: bool = False
    """The listing's `Code` flag."""
    org: str = ""
    """The organisation tag after ` · ` in the listing, if any."""
    links: dict[str, str] = field(default_factory=dict)
    """Labelled URLs: `code` (GitHub repository), `huggingface`, `project`, `pdf`, ..."""
    topics: tuple[str, ...] = ()
    """Keyword topics by name; the category's topic is added by the catalog."""
    body: str = ""
    """The abstract (and any notes), Markdown with inline LaTeX kept as written."""
    source_id: str = ""
    """Stable identity of the listing entry this file came from; survives edits to title or slug."""
    venue: str = ""
    """Where it appeared (conference or journal), if known."""
    doi: str = ""
    """DOI without the `https://doi.org/` prefix."""
    arxiv: str = ""
    """arXiv identifier such as `2205.14756`."""
    pdf: str = ""
    """URL of the PDF."""
    selected: bool = False
    """Highlighted on the home page."""
    draft: bool = False
    """Left out of the site (pages, lists, feeds, exports, search) unless a build asks for
    drafts (`build --drafts`, `serve --drafts`), where its pages say so."""
    award: str = ""
    """An award the paper won, as its badge says it ("Best Paper"; al-folio's `award_name`, else `award`)."""
    award_details: str = ""
    """The award's longer text where the badge says less (al-folio's `award` beside an `award_name`)."""
    type: str = ""
    """conference, journal, preprint, thesis, book, report or other (from BibTeX's entry type)."""
    bibtex_key: str = ""
    """The citation key to keep (from an imported .bib); otherwise one is made."""
    bibtex_title: str = ""
    """The title as an imported .bib wrote it (LaTeX, `{Protected}` capitals): exported as it is
    while it still says the same as `title`."""
    date_precision: str = "day"
    """How much of `date` the source gave: `year`, `month` or `day` (see `dates`)."""
    review: str = ""
    """What a person should check, set by an import that was unsure; `check` lists these papers."""
    venue_short: str = ""
    """The venue's short form, such as `ICCV` (al-folio's `abbr`)."""
    venue_year: int = 0
    """The year of the published version when it differs from `date` (a preprint's date)."""
    volume: str = ""
    number: str = ""
    pages: str = ""
    publisher: str = ""
    address: str = ""
    series: str = ""
    edition: str = ""
    version: str = ""
    """A piece of software's or a dataset's version (biblatex's `version`: Zenodo's `v1.2.0`)."""
    editors: tuple[str, ...] = ()
    isbn: str = ""
    chapter: str = ""
    note: str = ""
    bibtex_type: str = ""
    """The BibTeX entry type an imported .bib gave (`incollection`, `mastersthesis`, ...): kept in exports."""
    bibtex_authors: str = ""
    """The author field as an imported .bib wrote it, kept only where the names cannot be split
    back the same way from `authors` (`Garcia Marquez, Gabriel`): exported as it is while it
    still names the same people."""
    equal_contribution: tuple[str, ...] = ()
    """Authors marked as contributing equally (`*` in a .bib or listing), by name."""
    corresponding: tuple[str, ...] = ()
    """Authors marked as corresponding authors (`+` or `✉` in a .bib, or the mark its
    `annotation` says means so), by name."""
    distinct_from: tuple[str, ...] = ()
    """Papers, by slug, that a person says are other works, though `check` would take them for
    this one or another version of it (a conference paper and its workshop version)."""
    image: str = ""
    """A teaser image: a path or URL (al-folio's `preview`)."""
    citations: int = 0
    """How many works cite it, as OpenAlex counted on `citations_as_of` (`site-builder enrich`)."""
    citations_as_of: str = ""
    """The day `citations` was fetched, `YYYY-MM-DD`."""
    collaboration: str = ""
    """The collaboration that signs the paper with its authors (`ATLAS`, as INSPIRE's BibTeX
    names it): shown after the authors, cited in BibTeX's `collaboration`."""
    source_path: str = field(default="", compare=False)
    """The file it was read from, for messages; not part of the content."""

    @property
    def patent_number(self) -> str:
        """A patent's number: its `number`, else its venue, where Scholar's export writes it
        (`US Patent 10,481,234`); "" for anything else."""
        return (self.number or self.venue) if self.type == "patent" else ""

    @property
    def authors_are_editors(self) -> bool:
        """An edited volume: the people listed are its editors (BibTeX's `editor` without `author`)."""
        return bool(self.editors) and self.editors == self.authors


@dataclass(frozen=True, slots=True)
class Author:
    """A person: one page, whatever name variants papers use."""

    name: str
    """Canonical name, shown on pages."""
    slug: str
    """URL part: `/authors/<slug>/`."""
    aliases: tuple[str, ...] = ()
    """Other spellings that papers use for this person."""
    homepage: str = ""
    orcid: str = ""
    member: bool = False
    """A lab member: highlighted wherever author lists appear."""
    role: str = ""
    """Their place in the lab, free text (Principal Investigator, PhD Student, Alumni…): the
    People page groups members by it, in the order `site.yaml` `roles` gives."""
    photo: str = ""
    """A picture of them: a path under `content/` (`people/song-han.jpg`), resized at build."""
    bio: str = ""
    """A few sentences of Markdown for their page."""
    links: tuple[tuple[str, str], ...] = ()
    """(label, URL) pairs for their page: Scholar, GitHub, X, Bluesky… (homepage and ORCID have their own keys)."""
    page: bool = True
    """Whether they have a page of their own. Everyone has, but for the people named only on
    large collaborations' papers (see `catalog.LARGE_TEAM`) whom the registry does not list."""
    papers: tuple[str, ...] = ()
    """The papers (slugs) on which their name means them, for two people of one name: on the
    others it means the other person (the registry's entry without `papers`, or a name alone).
    Empty: their name means them on every paper."""


@dataclass(frozen=True, slots=True)
class Topic:
    """A subject that groups papers: a category code's subject or a keyword topic."""

    name: str
    slug: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    """Phrases that, found in a title or abstract at import, assign this topic."""
