"""The content model: frozen records with no I/O. Groupings are built once, in `catalog`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The listing's category codes and the topic each one stands for (arXiv's subject names).
CATEGORY_TOPICS: dict[str, str] = {
    "AI": "Artificial Intelligence",
    "CL": "Computation and Language",
    "CR": "Cryptography and Security",
    "CV": "Computer Vision",
    "DC": "Distributed, Parallel, and Cluster Computing",
    "GR": "Graphics",
    "HC": "Human-Computer Interaction",
    "IR": "Information Retrieval",
    "LG": "Machine Learning",
    "MA": "Multiagent Systems",
    "NE": "Neural and Evolutionary Computing",
    "RO": "Robotics",
    "SD": "Sound",
    "AR": "Hardware Architecture",
    "PF": "Performance",
    "SE": "Software Engineering",
}


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
    """Publication date."""
    category: str
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
    type: str = ""
    """conference, journal, preprint, thesis, book, report or other (from BibTeX's entry type)."""
    bibtex_key: str = ""
    """The citation key to keep (from an imported .bib); otherwise one is made."""
    bibtex_title: str = ""
    """The title as an imported .bib wrote it (LaTeX, `{Protected}` capitals): exported as it is
    while it still says the same as `title`."""
    source_path: str = field(default="", compare=False)
    """The file it was read from, for messages; not part of the content."""


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


@dataclass(frozen=True, slots=True)
class Topic:
    """A subject that groups papers: a category code's subject or a keyword topic."""

    name: str
    slug: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    """Phrases that, found in a title or abstract at import, assign this topic."""
