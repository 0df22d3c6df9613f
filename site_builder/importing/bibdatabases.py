"""What the records of bibliographic databases and reference managers say of an entry, read
before the entry is: what PubMed's record completes (`bibrecord`), the fields Zotero's Extra keeps
in `note` (`zoteroextra`), and what Scopus and Web of Science write into an entry that is not the
paper's, taken off.

Scopus ends its `note` with its own record (`Cited by: 42; All Open Access, Gold Open
Access`), gives the address of its record as the entry's `url` (a page readers without a
subscription cannot open) and, like Web of Science, leaves the publisher's copyright line at the
end of the abstract (`… © 2021 IEEE`). Web of Science exports older records in capitals. Pages
would show all of it as the paper's. The .bib itself is never changed; the import says what it does.
"""

from __future__ import annotations

import re
from collections import Counter

from site_builder.errors import Problems, SourceLocation
from site_builder.importing.bibdates import month_of
from site_builder.importing.bibfields import counted_entries
from site_builder.importing.bibnames import split_list
from site_builder.importing.bibread import RawEntry
from site_builder.importing.bibrecord import complete_from_record
from site_builder.importing.zoteroextra import read_extra
from site_builder.site.venues import DEFAULT_VENUES
from site_builder.text.capitals import all_capitals, capitalized, family_in_capitals_first, is_shouted, recased, words_capitalized
from site_builder.text.names import looks_like_organisation

_RECORD_NOTE = re.compile(
    r"\s*(?:cited\s+by\s*:?\s*\d+|(?:all|gold|green|bronze|hybrid(?:\s+gold)?)\s+open\s+access(?:\s*,\s*[a-z ]*open\s+access)*"
    r"|(?:conference\s+code|export\s+date)\s*:.*"
    r"|(?:times\s+cited\s+in\s+web\s+of\s+science\s+core\s+collection|total\s+times\s+cited|cited\s+reference\s+count"
    r"|usage\s+count\s*(?:\([^()]*\)|since\s+\d{4}))\s*:\s*\d+)\s*",
    re.IGNORECASE,
)
"""A part of Scopus's `note` that is its record: the citation count on the day of the export
(`Cited by: 42`, `cited By 3`), the open-access labels, its conference code and export date;
Web of Science's counts in its RIS (`Total Times Cited: 15`, `Usage Count (Last 180 days): 2`)."""
_RECORD_PAGES = {
    "scopus": re.compile(r"https?://(?:www\.)?scopus\.com/(?:inward/record|record/display)\.uri\b", re.IGNORECASE),
    "webofscience": re.compile(r"https?://(?:www\.webofscience\.com/wos/|[a-z.]*webofknowledge\.com/)", re.IGNORECASE),
}
"""A database's own page for the record -> the entry field (and link label) it moves to."""
_COPYRIGHT = re.compile(
    r"(?<=[.!?)\]])\s*(?:copyright\s*)?(?:©|\\textcopyright\b(?:\{\})?|\\copyright\b(?:\{\})?|\(c\)(?=\s*(?:\d{4}|the\b)))"
    r"[^©]{0,300}?(?=\}*\s*$)|(?<=[.!?)\]])\s*copyright\s+\d{4}\b[^©]{0,300}?(?=\}*\s*$)",
    re.IGNORECASE,
)
"""A publisher's copyright line that ends an abstract: `© 2021 IEEE`, `(C) 2021 Elsevier Ltd.
All rights reserved.`, `Copyright © 2020 The Authors.`"""
_PLACEHOLDER_PAGES = re.compile(r"\s*\{?1\s*(?:-+|–)\s*1\}?\s*")
_VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "series", "publisher", "address", "organization", "school", "institution")
_OWN_CASE = re.compile(r"[^\W\d_]{2,}")


def from_records(entries: list[RawEntry], problems: Problems, shown: str) -> None:
    """What the records of reference managers and databases say of the entries, read into their
    fields before they are: PubMed's record in an EndNote `note` completes names and dates;
    what Scopus and Web of Science add that is not the paper's is taken off (`bibdatabases`)."""
    completed = sum(complete_from_record(entry.fields) for entry in entries)
    if completed:
        problems.warning(
            SourceLocation(shown),
            f"{counted_entries(completed)}: authors written as initials (`Sneddon, E. A.`) and "
            "dates of a year alone were completed from the PubMed record in their `note` (`Sneddon, Elizabeth A`, `2026 Mar 24`)",
            "the file imported is unchanged; set a paper's `authors` or `date` by hand where you want otherwise",
        )
    known = {short.casefold(): short for _, short in DEFAULT_VENUES}
    done = Counter(kind for entry in entries for kind in tidy_database_fields(entry.fields, entry.notes, known))
    say_database_changes(done, problems, shown)


def tidy_database_fields(fields: dict[str, str], notes: list[str], known: dict[str, str]) -> set[str]:
    """Take off what a database added to an entry's `fields` (in place), and return what was
    done: `extra` (Zotero's Extra lines in `note`), `record` (Scopus's record in `note`),
    `record page` (its record's address as `url`), `placeholder pages` (IEEE's `1-1` of an
    article in early access), `copyright`, `month number` (`_month_as_number`), `capitals`.
    `notes` gets the review line of a title cased again; `known` maps words, case-folded, to
    their forms (the venues' short names)."""
    done = {"extra"} if read_extra(fields) else set()
    note = fields.get("note", "")
    if note and any(_RECORD_NOTE.fullmatch(part) for part in note.split(";")):
        fields["note"] = "; ".join(part.strip() for part in note.split(";") if not _RECORD_NOTE.fullmatch(part))
        done.add("record")
    if fields.get("publication_stage", "").strip().casefold() == "article in press" and not fields.get("pubstate", "").strip():
        fields["pubstate"] = "inpress"  # Scopus's word for it; `Final` is a published paper
    if _PLACEHOLDER_PAGES.fullmatch(fields.get("pages", "")) and not fields.get("volume", "").strip():
        del fields["pages"]  # IEEE Xplore's `1-1` for an article in early access, not yet in an issue
        done.add("placeholder pages")
    url = fields.get("url", "").strip()
    for name, page in _RECORD_PAGES.items():
        if page.match(url):
            fields[name] = fields.pop("url")
            done.add("record page")
    abstract = fields.get("abstract", "")
    if abstract:
        fields["abstract"], found = _COPYRIGHT.subn("", abstract, count=1)
        done |= {"copyright"} if found else set()
    if _month_as_number(fields):
        done.add("month number")
    if _recase(fields, notes, known):
        done.add("capitals")
    return done


def _month_as_number(fields: dict[str, str]) -> bool:
    """Mendeley writes the month a paper appeared as its issue's number (`number = {April}`,
    `month = apr` beside it, or alone): a month's name is no issue, and is the month where the
    entry has none."""
    for name in ("number", "issue"):
        written = fields.get(name, "").strip().strip("{}").strip()
        month = month_of(written) if written.replace(".", "").isalpha() else None  # a word: a number is an issue's
        if month is None:
            continue
        stated = fields.get("month", "").strip()
        if stated and month_of(stated) != month:
            continue  # another month is the entry's: the word is left as written
        if not stated:
            fields["month"] = written
        del fields[name]
        return True
    return False


def _recase(fields: dict[str, str], notes: list[str], known: dict[str, str]) -> bool:
    """Title, venues and names set in capitals, cased again; a venue takes a word's case from
    the record's own abbreviation of it (Web of Science's `Journal-ISO`) where it has one."""
    changed = False
    title = fields.get("title", "")
    if is_shouted(title):
        fields["title"] = recased(title, known)
        notes.append(f"its title was written in capitals: cased as {fields['title'].strip('{}')!r}; check its acronyms")
        changed = True
    abbreviated = " ".join(fields.get(name, "") for name in ("journal-iso", "abbrev_source_title", "iso-source-abbreviation"))
    own = known | {word.casefold(): word for word in _OWN_CASE.findall(abbreviated) if not word.isupper()}
    # a lone word in capitals is an acronym (`ICSME`) but in Web of Science's records (`SCIENTOMETRICS`)
    lone = 1 if fields.get("unique-id", "").strip("{} ").upper().startswith("WOS:") else 2
    for name in _VENUE_FIELDS:
        if is_shouted(fields.get(name, ""), min_words=lone):
            fields[name] = recased(fields[name], own)
            changed = True
    for name in ("author", "editor"):
        if fields.get(name):
            names, others = split_list(fields[name])
            cased = [_name_cased(one) for one in names]
            if cased != names:
                fields[name] = " and ".join(cased + (["others"] if others else []))
                changed = True
    return changed


def _name_cased(name: str) -> str:
    """`WISNIEWSKI, P` -> `Wisniewski, P`; `Wei ZHANG` -> `Wei Zhang`; `ZHANG Wei` -> `Zhang,
    Wei`: a family name in capitals, and given names of four letters or more written so beside
    it. Initials (`AB Lee`), a name in braces, and one whose every word is in capitals without a
    comma (which word is the family name?) are left as written."""
    if "{" in name or "\\" in name or looks_like_organisation(name):
        return name
    family, comma, given = name.partition(",")
    if comma:
        if not all_capitals(family):
            return name
        given = re.sub(r"[^\W\d_]{4,}", lambda m: capitalized(m.group()) if m.group().isupper() else m.group(), given)
        return words_capitalized(family) + comma + given
    first, *rest = name.split()
    if rest and all_capitals(rest[-1]) and any(not all_capitals(word) for word in [first, *rest[:-1]]):
        return " ".join([first, *rest[:-1], words_capitalized(rest[-1])])
    if family_in_capitals_first(name):
        return f"{words_capitalized(first)}, {' '.join(rest)}"  # `ZHANG Wei`: the family name, in capitals, first
    return name


def say_database_changes(done: Counter, problems: Problems, shown: str) -> None:
    """One warning for each kind of change `tidy_database_fields` made in a file's entries."""
    where = SourceLocation(shown)
    kept = "the file imported is unchanged"
    if done["extra"]:
        problems.warning(
            where,
            f"{counted_entries(done['extra'])}: lines of Zotero's Extra in `note` (`Number: 7873`, `Publisher: …`, "
            "`arXiv: 2304.08485`) were read as the fields they name, not kept as the paper's note",
            f"{kept}; a line that differs from the entry's own field stays in the note",
        )
    if done["record"]:
        problems.warning(
            where,
            f"{counted_entries(done['record'])}: the database's record in `note` (`Cited by: 42`, open-access labels, "
            "conference code) was left out of the note",
            f"{kept}; a citation count on the page comes from `site-builder enrich` and stays up to date",
        )
    if done["record page"]:
        problems.warning(
            where,
            f"{counted_entries(done['record page'])}: the `url` is the database's page for the record "
            "(`scopus.com/inward/record.uri…`), not the paper's: it is the paper's Scopus or Web of Science link",
            f"{kept}; the DOI links the paper itself; delete the link from `links` if you do not want it shown",
        )
    if done["placeholder pages"]:
        problems.warning(
            where,
            f"{counted_entries(done['placeholder pages'])}: `pages = {{1-1}}` without a volume, IEEE Xplore's pages of an article "
            "in early access, was left out",
            f"{kept}; import the entry again once the article is in an issue",
        )
    if done["copyright"]:
        problems.warning(
            where,
            f"{counted_entries(done['copyright'])}: the publisher's copyright line at the end of the abstract (`© 2021 IEEE`) was left out",
            kept,
        )
    if done["month number"]:
        problems.warning(
            where,
            f"{counted_entries(done['month number'])}: a month's name as the issue's number (`number = {{April}}`, as Mendeley "
            "writes the month a paper appeared) was read as the month, not the issue",
            kept,
        )
    if done["capitals"]:
        problems.warning(
            where,
            f"{counted_entries(done['capitals'])}: titles, venues or names written in capitals (as Web of Science exports "
            "older records: `THE STRUCTURE OF …`, `WISNIEWSKI, P`; a family name set apart: `ZHANG Wei`) were cased again",
            f"{kept}; acronyms are a guess: a paper's `review` names its title's new case",
        )
