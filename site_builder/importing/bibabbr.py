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


def group_labels(abbreviated: list[tuple[str, str]]) -> dict[str, str]:
    """Of the `(abbr, venue)` pairs of a bibliography's entries, the `abbr`s (as first spelled;
    any case is the same label) that label a group of papers rather than name their venue, each
    with why: a citation index; on papers of two venues or more and the short name (see `fits`)
    of fewer than half of them; or one of two labels or more on one venue that fit it not (a
    venue has one short name), and the short name of fewer than half of its papers' venues."""
    venues_of: dict[str, list[str]] = {}
    spelled: dict[str, str] = {}
    for abbr, venue in abbreviated:
        if abbr:
            venues_of.setdefault(abbr.casefold(), []).append(venue)
            spelled.setdefault(abbr.casefold(), abbr)
    fitting = {key: [(venue, fits(spelled[key], venue)) for venue in venues if venue] for key, venues in venues_of.items()}
    unfit_on: dict[str, dict[str, str]] = {}  # a venue -> the labels on its papers that cannot be its short name
    for key, named in fitting.items():
        for venue, fit in named:
            if not fit:
                unfit_on.setdefault(_venue_key(venue), {}).setdefault(key, venue)
    mostly_unfit = {key: 2 * sum(fit for _, fit in named) < len(named) for key, named in fitting.items()}
    labels = {}
    for key in venues_of:
        named = [venue for venue, _ in fitting[key]]
        distinct = sorted(set(named))
        beside = {other: venue for on in unfit_on.values() if key in on and len(on) >= 2 for other, venue in on.items() if other != key}
        if key in CITATION_INDEXES:
            labels[spelled[key]] = "names a citation index, not a venue"
        elif len({_venue_key(venue) for venue in named}) >= 2 and mostly_unfit[key]:
            shown = ", ".join(distinct[:3]) + (", …" if len(distinct) > 3 else "")
            labels[spelled[key]] = f"is on papers of {len(distinct)} venues ({shown}) and is the short name of none of them"
        elif beside and mostly_unfit[key]:
            other = min(beside, key=lambda other: (not mostly_unfit[other], other))  # another label, if one is
            venue = beside[other]
            labels[spelled[key]] = f"and {spelled[other]!r} are both on papers of {venue}, whose short name neither is"
    return labels


def _venue_key(venue: str) -> str:
    return known_short(venue) or " ".join(re.sub(r"\d+", " ", venue.casefold()).split())


def say_group_labels(labels: dict[str, str], where: SourceLocation, problems: Problems) -> None:
    for abbr, why in labels.items():
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
