"""al-folio's `abbr`: a venue's short name, or the lab's own label for a group of its papers.

al-folio shows `abbr` as a badge before each entry. Most sites give the venue's short name
(`CVPR`, `NeurIPS`); some give a research area or a kind of paper (`MI` on a journal paper, an
ICASSP paper and a meeting abstract; `Journal`), or the citation index that lists the journal
(`SCIE`, `SCOPUS`, `KCI`). As a venue badge such a label reads as the venue ("MI 2025" beside
IEEE Access), so a label becomes a topic of its papers instead, and their badges name their
venues.
"""

from __future__ import annotations

import re

from site_builder.errors import Problems, SourceLocation
from site_builder.site.venues import known_short

CITATION_INDEXES = frozenset("sci scie ssci ahci esci scopus kci ei cscd cssci wos".split())
"""Citation indexes a lab's `abbr` names to say where a journal is listed (Science Citation Index
Expanded, Scopus, the Korea Citation Index, Engineering Index…): never a venue, on one paper too."""


def group_labels(abbreviated: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Of the `(abbr, venue)` pairs of a bibliography's entries, the `abbr`s (as first spelled;
    any case is the same label) that label a group of papers rather than name their venue, each
    with its papers' venues: on papers of two venues or more, and a short name of fewer than half
    of them (see `fits`)."""
    venues_of: dict[str, list[str]] = {}
    spelled: dict[str, str] = {}
    for abbr, venue in abbreviated:
        if abbr:
            venues_of.setdefault(abbr.casefold(), []).append(venue)
            spelled.setdefault(abbr.casefold(), abbr)
    labels = {}
    for key, venues in venues_of.items():
        named = [venue for venue in venues if venue]
        distinct = {known_short(venue) or " ".join(re.sub(r"\d+", " ", venue.casefold()).split()) for venue in named}
        if key in CITATION_INDEXES or (len(distinct) >= 2 and 2 * sum(fits(spelled[key], venue) for venue in named) < len(named)):
            labels[spelled[key]] = sorted(set(named))
    return labels


def say_group_labels(labels: dict[str, list[str]], where: SourceLocation, problems: Problems) -> None:
    for abbr, venues in labels.items():
        named = ", ".join(venues[:3]) + (", …" if len(venues) > 3 else "")
        why = (
            "names a citation index, not a venue"
            if abbr.casefold() in CITATION_INDEXES
            else f"is on papers of {len(venues)} venues ({named}) and is the short name of none of them"
        )
        problems.warning(
            where,
            f"`abbr` {abbr!r} {why}: it is imported as their topic, not as a venue badge",
            "rename the topic in those papers' `topics` if you like",
        )


def fits(abbr: str, venue: str) -> bool:
    """Whether `abbr` can be the short name of `venue`: the short name the site knows for it, or
    each of its words a word of the venue (`BMVC` in `… (BMVC)`, `IEEE`) or capitals that are
    initials of the venue's words in order (`NeurIPS`, `TPAMI`, `TOG`, `RA-L`)."""
    if abbr.casefold() == known_short(venue).casefold():
        return True
    words = re.findall(r"[\w'’]+", venue)
    folded = {word.casefold() for word in words}
    initials = "".join(word[0].upper() for word in words)
    return all(_fits_word(token, folded, initials) for token in abbr.split() if any(char.isalnum() for char in token))


def _fits_word(token: str, words: set[str], initials: str) -> bool:
    if token.casefold().strip("-.") in words:
        return True
    capitals = [c for c in token if c.isupper()]
    rest = iter(initials)
    return len(capitals) >= 2 and all(c in rest for c in capitals)
