"""What format a file given to `import` is in, by its text rather than its name, and its text
as BibTeX for the .bib reader.

Reference managers save BibTeX as `.txt` or `.bibtex`, RIS as `.ris` or `.txt`, and Google
Scholar a profile as `citations.csv`: the name does not tell the format, the text does. RIS,
PubMed's MEDLINE, EndNote's tagged files, CSL-JSON and tables of papers become BibTeX text
(`ris`, `medline`, `endnote`, `csljson`, `csvtable`); a format the import does not read is
named, with how to export one it does.
"""

from __future__ import annotations

import re
from pathlib import Path

from site_builder.errors import Problems, SourceLocation
from site_builder.importing.bibread import KEYLESS
from site_builder.importing.bibtitle import say_exported_by_scholar
from site_builder.importing.csljson import CslJsonError, csl_entries, csl_items, is_csl_json
from site_builder.importing.csvtable import is_paper_table, is_scholar_table, table_entries
from site_builder.importing.endnote import endnote_entries
from site_builder.importing.medline import medline_entries
from site_builder.importing.ris import ris_entries
from site_builder.importing.textfile import exported_text

_BIBTEX = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]", re.MULTILINE)
_RIS = re.compile(r"^(?:\ufeff)?[ \t]*TY  ?-", re.MULTILINE)
_MEDLINE = re.compile(r"^(?:\ufeff)?PMID- ?\d+", re.MULTILINE)
_ENDNOTE = re.compile(r"^(?:\ufeff)?%0 \S", re.MULTILINE)
_CSL_EXPORT = "in Zotero, choose Export Library with the format `CSL JSON` or `BibTeX`"
_OTHERS = (
    (
        re.compile(r"^<\?xml[^>]*>\s*<xml>\s*<records>", re.MULTILINE),
        "an EndNote XML file",
        "in EndNote, export RIS or, with the style `BibTeX Export`, BibTeX",
    ),
    (re.compile(r"^(?:FN Clarivate|PT [JBSP]$)", re.MULTILINE), "a Web of Science text file (`PT J`)", "on Web of Science, export BibTeX"),
    (re.compile(r"<rdf:RDF\b"), "a Zotero RDF file", _CSL_EXPORT),
    (re.compile(r"<mods(?:Collection)?\b"), "a MODS XML file", "export BibTeX or RIS from where it came"),
    (re.compile(r"<dblpperson\b|<dblp>"), "DBLP's XML", "on DBLP's page of the person, export the list as BibTeX"),
    (re.compile(r"<PubmedArticleSet\b"), "PubMed's XML", "on PubMed, save the results in the format `PubMed` (.nbib)"),
    (
        re.compile(r"\A\ufeff?\s*<(?:!DOCTYPE html|html)\b", re.I),
        "a web page (HTML)",
        "save the list itself, not the page that shows it: BibTeX, RIS, CSL-JSON or the listing's text",
    ),
    (re.compile(r"\A\ufeff?\s*<(?:\?xml|[A-Za-z][\w:.-]*[\s>])"), "an XML file", "export BibTeX, RIS or CSL-JSON from where it came"),
)
"""Formats of references the import does not read: what finds one, its name, how to export BibTeX instead."""


def file_format(text: str) -> str:
    """`bibtex`, or `ris`, `medline`, `endnote`, `csl` (CSL-JSON) or `csv` (a table of papers),
    each read as the BibTeX it stands for (`ris`, `medline`, `endnote`, `csljson`, `csvtable`);
    else `listing`."""
    head = text[:65536]
    if head.lstrip("\ufeff \t\r\n").startswith(("[", "{")) and is_csl_json(text):
        return "csl"
    if _RIS.search(head) and re.search(r"^ER  ?-", text, re.MULTILINE):
        return "ris"
    if _MEDLINE.search(head):
        return "medline"
    if _ENDNOTE.search(head) and re.search(r"^%[AT] ", head, re.MULTILINE):
        return "endnote"
    if _BIBTEX.search(head) and "=" in head:
        return "bibtex"
    if is_paper_table(head):
        return "csv"
    return "listing"


def unread_format(text: str) -> tuple[str, str] | None:
    """(what the file is, how to export BibTeX instead) for a reference format the import does
    not read; None for any other text."""
    head = text[:65536]
    for pattern, name, how in _OTHERS:
        if pattern.search(head):
            return name, how
    return None


def json_trouble(text: str, shown: str) -> tuple[SourceLocation, str, str] | None:
    """For a text that `file_format` found no format in and that starts as JSON does: where,
    what is wrong (cut off or mistyped, or JSON of something else) and what to do."""
    if not text[:65536].lstrip("\ufeff \t\r\n").startswith(("[", "{")):
        return None
    try:
        list(csl_items(text))
    except CslJsonError as exc:
        return SourceLocation(shown, exc.line), f"this JSON cannot be read: {exc}", "export the file again, or mend that line"
    return SourceLocation(shown), "this JSON holds no references (CSL-JSON's items have a `type` and a `title`)", _CSL_EXPORT


def read_bib_text(path: Path, shown: str, problems: Problems) -> str | None:
    """The text of a .bib file (UTF-16 as Windows saves it, else `decoded_text`), or of a RIS,
    MEDLINE or EndNote file or a table of papers as the BibTeX it stands for; None, said as an error, when it cannot
    be read, is no text, or is in a format the import does not read (`unread_format`)."""
    text = exported_text(path, shown, problems, "the file", ("this is a binary file, not a .bib", "pass the exported .bib text file"))
    found = file_format(text) if text is not None else ""
    if found in _AS_BIBTEX:
        if found == "csv" and is_scholar_table(text):
            say_exported_by_scholar(problems, shown)
        return _on_their_lines(text, _AS_BIBTEX[found])
    if found == "listing" and (trouble := json_trouble(text, shown)) is not None:
        problems.error(*trouble)
        return None
    if found == "listing" and (unread := unread_format(text)) is not None:
        problems.error(SourceLocation(shown), f"this is {unread[0]}, which the import does not read", f"{unread[1]}, then import that")
        return None
    return text


REFERENCE_SUFFIXES = (".bib", ".bibtex", ".ris", ".nbib", ".enw")
"""The names reference managers give their exports, each read by its text (`file_format`)."""


def reference_files(folder: Path) -> list[Path]:
    """The files of references in `folder` and below: every file named as one
    (`REFERENCE_SUFFIXES`), and each `.json` file that is CSL-JSON. A site folder holds JSON of
    other kinds (`package.json`, Hugo's `data/`), so a JSON file is taken by its text, and none
    is read in hidden folders or `node_modules`."""
    found = []
    for path in folder.rglob("*"):
        suffix = path.suffix.lower()
        if suffix in REFERENCE_SUFFIXES and path.is_file():
            found.append(path)
        elif suffix == ".json" and path.is_file() and not _tooling(path.relative_to(folder)):
            text = exported_text(path, str(path), Problems(), "the file", ("", ""))
            if text is not None and file_format(text) == "csl":
                found.append(path)
    return sorted(found)


def _tooling(path: Path) -> bool:
    return any(part.startswith(".") or part == "node_modules" for part in path.parts[:-1])


_AS_BIBTEX = {"ris": ris_entries, "medline": medline_entries, "endnote": endnote_entries, "csl": csl_entries, "csv": table_entries}
"""The formats read as the BibTeX they stand for -> the entries of a file's lines."""


def _on_their_lines(text: str, entries) -> str:
    """BibTeX text with each entry on the line its record starts in `text`, and nothing else,
    so that what the .bib reader says of an entry names the record's own line (records on one
    line, as minified JSON has them, are entries on one line). An entry of several lines (a RIS
    note's own lines) takes the lines of its record after its first, which hold no entry."""
    lines = text.lstrip("\ufeff").splitlines()
    out: list[str | None] = [""] * len(lines)
    for line, entry in entries(lines, KEYLESS):
        spans = entry.count("\n")
        if spans and (out[line] or line + spans >= len(out) or any(out[line + 1 : line + 1 + spans])):
            entry, spans = " ".join(entry.split("\n")), 0  # no lines of its own to take: one line
        out[line] = f"{out[line]} {entry}" if out[line] else entry
        out[line + 1 : line + 1 + spans] = [None] * spans
    return "\n".join(part for part in out if part is not None) + "\n"
