"""What a reference manager's record kept in a `.bib` entry's `note` adds to the entry.

EndNote, fed from PubMed, writes the authors as initials (`Sneddon, E. A.`) and a year, and keeps
PubMed's record in the `note`: every author's name in full (`Sneddon, Elizabeth A`), ORCIDs,
grants, and the citation with the day (`Psychopharmacology (Berl). 2026 Mar 24:…`). A lab's
own people then get one author page under their full name, not one per spelling, and the paper
its day. Only a record that names the entry's authors, in their order, completes them.
"""

from __future__ import annotations

import re

from site_builder.importing.bibfields import is_record
from site_builder.importing.bibnames import split_list
from site_builder.text.names import fold

_RECORD_NAME = re.compile(r"([^\W\d_][^,:/\d]*),\s*([^\W\d_][\w.'’ -]*)")
"""A record's line naming a person, `Family, Given`: not an ORCID, a grant or the citation."""
_INITIALS = re.compile(r"(?:[A-Z]\.?\s*-?\s*)+")
"""Given names written as initials alone: `E. A.`, `L. L. G.`, `J.-P.`, `LLG`."""
_CITATION_DAY = re.compile(r"\.\s+(\d{4})\s+([A-Z][a-z]{2})(?:\s+(\d{1,2}))?(?=[;:.])")
"""The record's citation: `Nat Commun. 2026 Jun 11;17(1):4876`, `Neuropsychopharmacology. 2026 Jan 30.`"""


def complete_from_record(fields: dict[str, str]) -> bool:
    """Give an entry's authors written as initials their names as its record spells them, and an
    entry of a year alone the month and day of its record's citation (the same year); whether
    anything was completed. `fields` is changed in place, before the entry is read."""
    note = fields.get("note", "")
    if not is_record("note", note):
        return False
    lines = [line.strip() for line in note.splitlines()]
    named = _completed_names(fields.get("author", ""), [m.groups() for line in lines if (m := _RECORD_NAME.fullmatch(line))])
    if named is not None:
        fields["author"] = named
    dated = _completed_date(fields, lines)
    return named is not None or dated


def _completed_names(field: str, record: list[tuple[str, str]]) -> str | None:
    """The author field with each `Family, Initials` given the record's given names, when the
    record names these people in this order (its other lines, `Research Support, Non-U.S.
    Gov't`, in between or after) and their initials agree; else None."""
    items, others = split_list(field)
    matched: list[str] = []
    at = 0
    for item in items:
        family = fold(item.partition(",")[0].strip("{} "))
        while at < len(record) and fold(record[at][0]) != family:
            at += 1
        if at == len(record):
            return None
        matched.append(record[at][1])
        at += 1
    completed = [_completed(item, given) for item, given in zip(items, matched, strict=True)]
    if not items or completed == items:
        return None
    return " and ".join([*completed, *(["others"] if others else [])])


def _completed(item: str, record_given: str) -> str:
    """`Sneddon, E. A.` -> `Sneddon, Elizabeth A.` when the record's `Elizabeth A` has those
    initials and more than initials; the item as written otherwise."""
    family, comma, given = item.partition(",")
    given = given.strip()
    fuller = any(len(word) > 1 for word in record_given.split())
    if comma and fuller and _INITIALS.fullmatch(given) and _initials(given) == _initials(record_given):
        return f"{family.strip()}, {_dotted(record_given)}"
    return item


def _initials(given: str) -> list[str]:
    if _INITIALS.fullmatch(given):
        return re.findall(r"[A-Z]", given)
    return [letter for word in re.split(r"[\s.-]+", _dotted(given)) if word for letter in word[:1]]


def _dotted(given: str) -> str:
    """`Elizabeth A` -> `Elizabeth A.`, and older records' run of initials `Lieselot Lg` ->
    `Lieselot L. G.` (two or three letters without a vowel are no name)."""
    words = []
    for word in given.split():
        if word.isalpha() and (len(word) == 1 or (len(word) <= 3 and word[0].isupper() and not re.search(r"[aeiouyAEIOUY]", word))):
            words += [f"{letter.upper()}." for letter in word]
        else:
            words.append(word)
    return " ".join(words)


def _completed_date(fields: dict[str, str], lines: list[str]) -> bool:
    if fields.get("month", "").strip() or fields.get("date", "").strip():
        return False
    year = fields.get("year", "").strip()
    found = next((m for line in lines if (m := _CITATION_DAY.search(line)) and m.group(1) == year), None)
    if found is None:
        return False
    fields["month"] = found.group(2)
    if found.group(3):
        fields["day"] = found.group(3)
    return True
