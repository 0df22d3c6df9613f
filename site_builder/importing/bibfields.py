"""Which fields of a `.bib` entry the import reads, their text as pages show it, and the one
warning that names the others."""

from __future__ import annotations

import re

from site_builder.errors import Problems, SourceLocation
from site_builder.importing.biblinks import ID_LINKS, LINK_FIELDS
from site_builder.importing.bibread import RawEntry
from site_builder.importing.bibroles import role_fields
from site_builder.text.identifiers import arxiv_id
from site_builder.text.journals import journal_macro
from site_builder.text.latex import decode_identifier, decode_latex, unknown_commands
from site_builder.text.tags import tags_as_text

_READ_FIELDS = (
    frozenset(
        "author editor title year month day date eprintdate journal journaltitle booktitle eventtitle organization school "
        "institution howpublished type volume number issue pages chapter publisher address location series edition version isbn "
        "note doi url eprint archiveprefix eprinttype primaryclass arxiv arxivid arxiv_id abstract crossref abbr selected "
        "award award_name annotation pdf file preview pubstate publication_stage articleno article-number eid collaboration "
        "fjournal keywords eprintclass subtitle titleaddon booksubtitle journalsubtitle additional_info citationkey numpages".split()
    )
    | LINK_FIELDS.keys()
    | ID_LINKS.keys()
)
"""The fields the import reads; role fields (`cofirstauthors`, `corresponding_author`, ...) too."""
_BOOKKEEPING = re.compile(
    r"timestamp|biburl|bibsource|adsnote|owner|urldate|groups|keywords?-?plus|creationdate|modificationdate|added-at|interhash|intrahash"
    r"|(?:bdsk|mendeley|citeulike|date|zotero)-.*|bibtex_show|google_scholar_id|altmetric|dimensions"
    r"|priority|ranking|readstatus|printed|qualityassured|relevance"
)
"""Fields reference managers write for themselves (DBLP's `timestamp`, BibDesk's `bdsk-url-1`,
JabRef's `priority`, `ranking` and `readstatus`) and al-folio's switches for what its pages
show: not the paper's, so not worth a word."""


RECORD_LINES = 5
"""A `note` of this many lines or more is a reference manager's record (EndNote's copy of a
PubMed entry: every author with an ORCID, the grants, the citation), not a note for readers."""


def is_record(name: str, value: str) -> bool:
    """Whether a field holds a reference manager's record rather than the entry's own words."""
    return name == "note" and sum(1 for line in value.splitlines() if line.strip()) >= RECORD_LINES


def say_unread_fields(entries: list[RawEntry], problems: Problems, shown: str) -> None:
    """One warning naming the fields no paper took (`keywords`, a lab's own `pubstatus`, a `note`
    that is a record), with the number of entries that have each: the site does not show them,
    and nobody should find that out by looking for them."""
    counts: dict[str, int] = {}
    for entry in entries:
        roles = {name for found in role_fields(entry.fields).values() for name, _ in found}
        for name, value in entry.fields.items():
            unread = name not in _READ_FIELDS and name not in roles and not _BOOKKEEPING.fullmatch(name)
            if value.strip() and (unread or is_record(name, value)):
                counts[name] = counts.get(name, 0) + 1
    if counts:
        listed = ", ".join(_counted(name, count) for name, count in sorted(counts.items()))
        problems.warning(
            SourceLocation(shown),
            f"fields the site does not use were not imported: {listed}",
            "they stay in the file imported; what matters of them can go into a paper's `note` or its text by hand",
        )


def counted_entries(count: int) -> str:
    """`1 entry`, `3 entries`: how the import's messages count entries."""
    return f"{count} {'entry' if count == 1 else 'entries'}"


def _counted(name: str, count: int) -> str:
    entries = counted_entries(count)
    if name == "note":  # the only field read that can still be left out: say why
        return f"`note` ({entries}, each a reference manager's record of {RECORD_LINES} lines or more)"
    return f"`{name}` ({entries})"


_ARTICLE_NUMBERS = (("articleno", "pages"), ("article-number", "pages"), ("eid", "pages"))
_TEXT_FIELDS = (
    "volume", "number", "pages", "chapter", "publisher", "address", "series", "edition", "version", "isbn", "note", "collaboration",
)  # fmt: skip
_ARXIV_PAGES = re.compile(r"arXiv:\s*(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.IGNORECASE)
_PAGE_RANGE = re.compile(r"^([A-Za-z]*\d+)\s*-{1,2}\s*([A-Za-z]*\d+)$")


_SUBTITLES = (
    ("title", "subtitle", ": "),
    ("title", "titleaddon", ". "),
    ("booktitle", "booksubtitle", ": "),
    ("journaltitle", "journalsubtitle", ": "),
    ("journal", "journalsubtitle", ": "),
)
"""biblatex's parts of a title, each printed after its title as its styles print it."""


def with_subtitles(fields: dict[str, str]) -> None:
    """biblatex's `subtitle` (and `titleaddon`, `booksubtitle`, `journalsubtitle`) joined to its
    title as biblatex prints it, `Migration and the Welfare State: Evidence from Twelve
    Countries`: the title people cite, not half of it. A subtitle the title already ends with
    is not written twice."""
    for title, part, joint in _SUBTITLES:
        extra, head = fields.get(part, "").strip(), fields.get(title, "").rstrip()
        if not extra or not head:
            continue
        del fields[part]
        if not _unbraced(head).endswith(_unbraced(extra)):
            ends_a_sentence = head.rstrip("}")[-1:] in ".?!:"
            fields[title] = head + (" " if ends_a_sentence else joint) + extra


def _unbraced(text: str) -> str:
    return text.casefold().replace("{", "").replace("}", "")


def field_text(raw: str) -> str:
    """A text field as pages show it: LaTeX and the inline HTML of exports made Unicode text."""
    return decode_latex(tags_as_text(raw))


_HOST_NAME = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+")
"""A web host (`openaccess.thecvf.com`), which Publish or Perish writes as Scholar's publisher."""


def text_values(fields: dict[str, str], status: str = "", arxiv: str = "") -> dict[str, str]:
    """`volume`, `pages`, `publisher`, `note`… as pages and exports show them; biblatex's `issue`
    and `location` where the classic `number` and `address` are missing, and an article number
    (ACM's `articleno`, MDPI's `article-number`, biblatex's `eid`) as the pages of a paper that
    has none, as it is cited (`Sensors 21(4), 1136`; with ACM's `numpages`, `139:1--139:14`);
    al-folio's `additional_info` and the entry's publication `status` (`Forthcoming`) in the
    note, unless it says so already. Pages that are the paper's `arxiv` id (ADS's
    `arXiv:2204.12345` for an e-print) are no pages, and a web host is no publisher."""
    for biblatex, bibtex in (*_ARTICLE_NUMBERS, ("issue", "number"), ("location", "address")):
        if fields.get(biblatex, "").strip() and not fields.get(bibtex, "").strip():
            fields[bibtex] = fields[biblatex]
            article, length = fields[biblatex].strip("{} "), fields.get("numpages", "").strip("{} ")
            if bibtex == "pages" and article.isdigit() and length.isdigit() and int(length) > 1:
                fields["pages"] = f"{article}:1--{article}:{length}"  # ACM's `articleno` and `numpages`, as ACM cites them
    values = {k: field_text(fields[k]) for k in _TEXT_FIELDS if fields.get(k, "").strip() and not is_record(k, fields[k])}
    if _HOST_NAME.fullmatch(values.get("publisher", "")):  # Publish or Perish's: where Scholar found the paper
        del values["publisher"]
    if "isbn" in values:
        values["isbn"] = decode_identifier(fields["isbn"])
    if "pages" in values:  # a range as BibTeX writes it, with `--` (`770-778`, `770–778` from Crossref, `770—778`)
        values["pages"] = _PAGE_RANGE.sub(r"\1--\2", values["pages"].replace("–", "--").replace("—", "--"))
    if arxiv and _ARXIV_PAGES.fullmatch(values.get("pages", "")) and arxiv_id(values["pages"]) == arxiv:
        del values["pages"]
    added = _ADDED_INFO_MARKS.sub("", field_text(fields.get("additional_info", ""))).strip()  # al-folio's, after the venue
    for text in (added, status):
        if text and text.casefold() not in values.get("note", "").casefold():
            values["note"] = ". ".join(part.rstrip(". ") for part in (values.get("note", ""), text) if part)
    return values


_ADDED_INFO_MARKS = re.compile(r"^[\s.,;:]+|(?<!\w)[*_]+|[*_]+(?!\w)")
"""al-folio's `additional_info` as its pages print it after the venue (`. *Oral, top 1%*`): the
punctuation that joins it there and its Markdown emphasis marks are not the note's."""


_SHOWN_FIELDS = ("title", "journal", "booktitle", "howpublished", "abbr", "note", "series", "publisher", "award", "award_name")
_CUT_SHORT = re.compile(r"(?:…|\.\.\.)\s*$")


def say_unshown_text(fields: dict[str, str], review: list[str]) -> None:
    """Say what of the entry's text pages cannot show as meant: LaTeX commands nothing here
    defines (a paper's own `\\sysname`, an unknown journal macro), which pages show by their
    names, and an abstract cut short (Google Scholar's snippet, through Publish or Perish, ends
    in `…`). A person knows what the command stands for, and where the whole abstract is."""
    for name in _SHOWN_FIELDS:
        value = fields.get(name, "")
        if "\\" in value and journal_macro(value) is None:
            for command in unknown_commands(value):
                shown = command.lstrip("\\")
                review.append(f"its `{name}` uses `{command}`, a command defined elsewhere: shown as {shown!r}; write what it stands for")
    if _CUT_SHORT.search(fields.get("abstract", "")):
        review.append("its abstract ends in `…`, cut short where it was copied from: paste the whole abstract")
