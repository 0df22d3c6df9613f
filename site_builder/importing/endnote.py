"""EndNote's tagged format (`.enw`: `%0 Journal Article`, `%A Lee, Ann`, `%T …`), as EndNote
and Google Scholar's "EndNote" export write it, read as the BibTeX it stands for, so that one
reader makes papers of it; each record's entry on the line of its `%0`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from site_builder.citations.bibtex import escape
from site_builder.importing.ris import bibtex_names, tag_values
from site_builder.text.dates import month_number

_TAG = re.compile(r"^%([0-9A-Z@!#$&()*+<=>?~^\[\]|])(?:\s(.*))?$")
"""A tag and its value: a digit, a capital or a sign (`%+` an author's address, `%>` an attached
file, `%!` the short title); any other line carries on the value before it."""
_TYPES = {
    "journal article": "article", "magazine article": "article", "newspaper article": "article",
    "conference paper": "inproceedings", "conference proceedings": "inproceedings", "book": "book",
    "edited book": "book", "book section": "incollection", "thesis": "phdthesis", "report": "techreport",
}  # fmt: skip
_SINGLE = {
    "T": "title", "V": "volume", "N": "number", "P": "pages", "R": "doi", "I": "publisher", "C": "address",
    "X": "abstract", "Z": "note", "S": "series", "7": "edition", "F": "key",
}  # fmt: skip
_DATE = re.compile(r"(\d{4})(?:[/-](\d{1,2}))?(?:[/-](\d{1,2}))?")


def endnote_entries(lines: list[str], keyless: str) -> Iterator[tuple[int, str]]:
    """(line number, BibTeX entry) of each record of an EndNote tagged file's `lines`, numbered
    from 0 by its `%0` line; one without a `%F` label that is a key has `keyless` and its line's
    number for key."""
    start, tags = -1, []
    for n, line in enumerate([*lines, "%0 "]):  # a last `%0` closes the last record
        found = _TAG.match(line.rstrip())
        if found and found.group(1) == "0":
            if start >= 0:
                yield start, _entry(tags, f"{keyless}{start + 1}")
            start, tags = n, [("0", (found.group(2) or "").strip())]
        elif start >= 0 and found:
            tags.append((found.group(1), (found.group(2) or "").strip()))
        elif start >= 0 and line.strip() and tags:  # a wrapped value
            tag, value = tags[-1]
            tags[-1] = (tag, f"{value} {line.strip()}")


def _entry(tags: list[tuple[str, str]], keyless: str) -> str:
    kind = _TYPES.get(tags[0][1].casefold(), "misc")
    values = tag_values(tags[1:])
    fields = {name: values[tag][0] for tag, name in _SINGLE.items() if tag in values}
    if "K" in values:
        fields["keywords"] = ", ".join(values["K"])
    venue = (values.get("J") or values.get("B") or [""])[0]
    if venue:
        fields["journal" if kind == "article" else "booktitle"] = venue
    fields |= _date(values.get("8", []) + values.get("D", []))
    url = next((url for url in values.get("U", []) if url.startswith(("http://", "https://"))), "")
    if url:
        fields["pdf" if url.lower().endswith(".pdf") else "url"] = url
    key = fields.pop("key", "")
    body = [f"{name} = {{{bibtex_names(values[tag])}}}" for tag, name in (("A", "author"), ("E", "editor")) if values.get(tag)]
    body += [f"{name} = {{{escape(value)}}}" for name, value in fields.items()]
    key = key if re.fullmatch(r"[A-Za-z][\w:.-]*", key) else keyless
    return f"@{kind}{{{key}, " + ", ".join(body) + "}"


def _date(written: list[str]) -> dict[str, str]:
    """`%8` (the date: `2021/08/26`, `Aug`, `August 26`) and `%D` (the year) -> year and month:
    the year from the first that has one, a month named in words from `%8`."""
    found = next((match for match in map(_DATE.search, written) if match), None)
    if not found:
        return {}
    month = found.group(2) or next((str(number) for word in re.findall(r"[A-Za-z]+", written[0]) if (number := month_number(word))), "")
    return {"year": found.group(1)} | ({"month": str(int(month))} if month else {})
