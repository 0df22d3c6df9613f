"""An entry exported again with its title changed: a typo fixed in the lab's .bib, a paper
retitled on arXiv and so on the profile page. Without a DOI or arXiv id an entry's identity
(`source_id`) comes from its title, so the new title would read as a new paper beside the old.

An entry of this import that matches no paper continues an earlier entry of the same kind of
source (a listing's, a .bib's) when that entry is missing from this import and the two agree on
what a retitling leaves alone: the date as imported and most of the authors, and then the same
abstract or BibTeX key (sure), or half the title's words (a guess, said in the paper's `review`).
The guess is made only when the import is the source again, as many entries as half of those
earlier imports of its kind wrote or more: a second .bib of a few new papers is no new version
of the first, and a new paper in it with a title like an old one's is another paper.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from site_builder.importing.identity import family_names_of, share, title_words
from site_builder.site.model import Paper

SIMILAR_TITLES = 0.5
"""The share of two titles' words (of all the words either has) that makes them one retitled
paper's, when its date and authors agree: `A Study of Thngs` and `A Study of Things` share 3 of
5, a subtitle added to a six-word title 6 of 9."""


@dataclass(frozen=True, slots=True)
class EarlierEntry:
    source_id: str
    record: dict[str, Any]
    """What the import record keeps of it: its file and the fields import wrote."""
    sure: bool
    """Matched by the same abstract or BibTeX key, not by the title's words alone."""

    @property
    def title(self) -> str:
        return self.record["fields"].get("title", "")


class EarlierEntries:
    """The entries earlier imports wrote that this import does not have, by the date they gave."""

    def __init__(self, state: dict[str, Any], incoming_ids: Iterable[str]):
        present = set(incoming_ids)
        self._by_date: dict[str, list[tuple[str, dict]]] = {}
        self._kinds: dict[str, list[int]] = {}
        """Of each kind of source, how many entries earlier imports wrote and this import has."""
        for source_id in present:
            self._kinds.setdefault(_kind(source_id), [0, 0])[1] += 1
        for source_id, record in sorted(state.items()):
            self._kinds.setdefault(_kind(source_id), [0, 0])[0] += 1
            if source_id in present or not isinstance(record, dict) or record.get("merged"):
                continue
            fields = record.get("fields")
            if not isinstance(fields, dict) or not isinstance(record.get("file"), str):
                continue
            self._by_date.setdefault(str(fields.get("date")), []).append((source_id, record))
        self.taken: set[str] = set()

    def continued_by(self, paper: Paper, date: str, files: dict[str, Paper]) -> EarlierEntry | None:
        """The earlier entry that `paper` (dated `date` as the record writes dates) is, retitled;
        `files`: the site's papers by slug."""
        kind = _kind(paper.source_id)
        written, present = self._kinds.get(kind, (0, 0))
        guess = 2 * present >= written
        best: tuple[float, str, dict, bool] | None = None
        for source_id, record in self._by_date.get(date, []):
            if _kind(source_id) != kind or source_id in self.taken:
                continue
            fields = record["fields"]
            if not _most_authors_shared(fields.get("authors") or [], paper.authors):
                continue
            sure = bool(paper.body.strip()) and fields.get("body") == paper.body
            on_disk = files.get(record["file"])
            sure = sure or (bool(paper.bibtex_key) and on_disk is not None and on_disk.bibtex_key == paper.bibtex_key)
            likeness = 1.0 if sure else title_likeness(str(fields.get("title", "")), paper.title) if guess else 0.0
            if likeness >= SIMILAR_TITLES and (best is None or likeness > best[0]):
                best = (likeness, source_id, record, sure)
        if best is None:
            return None
        self.taken.add(best[1])
        return EarlierEntry(best[1], best[2], best[3])


def _kind(source_id: str) -> str:
    """`listing`, `bibtex`, `hugoblox`: what kind of source wrote the entry."""
    return source_id.partition(":")[0]


def title_likeness(first: str, second: str) -> float:
    """The share of the two titles' words that both have, read as `identity.title_words` reads them."""
    return share(set(title_words(first)), set(title_words(second)))


def _most_authors_shared(recorded: list, authors: tuple[str, ...]) -> bool:
    """Whether at least half the family names of the longer list are in both (an author added or
    a name corrected with the title keeps the entry; another group's paper does not)."""
    names_a, names_b = family_names_of(str(name) for name in recorded), family_names_of(authors)
    if not names_a or not names_b:
        return names_a == names_b
    return 2 * len(names_a & names_b) >= max(len(names_a), len(names_b))
