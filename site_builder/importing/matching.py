"""Which paper of the site each entry of an import is.

In turn: the paper its source wrote before (by the entry's identity, `source_id`), the paper the
import record says it was merged into, the same work by `identity` (a DOI, an arXiv id, a title
with a word spelt otherwise), the entry exported again under a changed title (`retitled`), and,
once every entry has had those, another version of a paper from another source under another
title (`versions`). Each unsure match and each title the site writes otherwise is noted for the
import to say.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from site_builder.importing.identity import identity_keys, misspelt, same_paper
from site_builder.importing.retitled import EarlierEntries
from site_builder.importing.versions import pair_versions
from site_builder.site.model import Paper
from site_builder.source.content import PAPERS_DIR
from site_builder.text import dates

Match = tuple[Paper, Paper | None, dict | None]
"""The entry (under the identity of the entry it continues, if any), the site's paper it is
(None: a new paper) and its import record (None: no import wrote it)."""


class Matcher:
    """The papers on disk during one import, findable by source, file and identity."""

    def __init__(self, existing: list[Paper], state: dict[str, Any], incoming_ids: Iterable[str], apart: Iterable[str] = ()):
        self.existing = existing
        self.by_source = {p.source_id: p for p in existing if p.source_id}
        self.by_slug = {p.slug: p for p in existing}
        self.by_key: dict[str, list[Paper]] = {}
        self.state = state
        self.incoming_ids = set(incoming_ids)
        self.earlier = EarlierEntries(state, self.incoming_ids)
        self.claimed: set[str] = set()
        """Slugs an entry of this import has already matched: no second entry lands on them."""
        self.apart = set(apart)
        """Slugs of papers that the entries merged into them leave, as papers of their own
        (`import --apart`: a guess that took two works for one undone)."""
        self.respelt: list[str] = []
        self.retitled: list[str] = []
        self.versions: list[str] = []
        for paper in existing:
            self.index(paper)

    def index(self, paper: Paper) -> None:
        self.by_slug[paper.slug] = paper
        if paper.source_id:
            self.by_source[paper.source_id] = paper
        for key in identity_keys(paper):
            bucket = self.by_key.setdefault(key, [])
            bucket[:] = [p for p in bucket if p.slug != paper.slug] + [paper]

    def same_work(self, paper: Paper) -> Paper | None:
        seen = {}
        for key in sorted(identity_keys(paper)):
            for candidate in self.by_key.get(key, []):
                seen.setdefault(candidate.slug, candidate)
        return next((c for _, c in sorted(seen.items()) if c.slug not in self.claimed and same_paper(c, paper)), None)

    def known(self, paper: Paper, target: str = "") -> Match:
        """The paper of the site that `paper` is, by all but `other_versions`. `target`: the
        slug of the paper the caller matched it to itself (`enrich`), or empty."""
        current = self.by_source.get(paper.source_id) or self.by_slug.get(target)
        record = self.state.get(paper.source_id)
        merged_into = record.get("file") if record is not None and record.get("merged") else None
        if current is None and merged_into in self.apart:
            return paper, None, None  # merged before into a paper it is to leave: a paper of its own
        if current is None and merged_into in self.by_slug:
            current = self.by_slug[merged_into]  # merged before into a paper from another source
        if current is None and record is None:
            current = self.same_work(paper)
            if current is not None and misspelt(current.title, paper.title):
                self.respelt.append(f"{current.source_path}: the source's '{paper.title}' is '{current.title}' here")
            if current is not None and self._renamed_entry(current, paper):
                # The same entry, exported again with its title reworded: it keeps its identity.
                return dataclasses.replace(paper, source_id=current.source_id), current, self.state[current.source_id]
            if current is None:
                return self._retitled(paper)
        return paper, current, record

    def other_versions(self, entries: list[Paper]) -> dict[str, tuple[Paper, Paper, None, str]]:
        """Of `entries` that match no paper, those that are another version under another title
        of a paper from another source that no entry of this import matched (`versions`): source
        id -> the entry, the paper, no import record, and the `review:` a guess gives the paper."""
        kinds = {source_id.partition(":")[0] for source_id in self.incoming_ids}
        left = self.claimed | self.apart
        papers = [self.by_slug[p.slug] for p in self.existing if p.slug not in left and p.source_id.partition(":")[0] not in kinds]
        found = {}
        for n, m, why in pair_versions(entries, papers):
            entry, paper = entries[n], papers[m]
            guess = f"taken for one work with the entry titled '{entry.title}' (first author, year, title words agree): check that it is"
            found[entry.source_id] = (entry, paper, None, "" if why.sure else guess)
            how = "the same abstract" if why.sure else "a guess: see its review"
            self.versions.append(f"{PAPERS_DIR}/{paper.slug}.md: '{paper.title}' is the source's '{entry.title}' ({how})")
        return found

    def _renamed_entry(self, current: Paper, paper: Paper) -> bool:
        """Whether `current` came from the same source as `paper` (a listing entry, a .bib entry)
        by an entry that this import no longer has: the same entry under a reworded title."""
        kind = paper.source_id.partition(":")[0]
        source_id = current.source_id
        return source_id.startswith(kind + ":") and source_id in self.state and source_id not in self.incoming_ids

    def _retitled(self, paper: Paper) -> Match:
        """`paper` as the earlier entry it continues under a changed title (`retitled`), with that
        entry's file (None when a person deleted it) and record; else `paper`, None, None."""
        found = self.earlier.continued_by(paper, dates.iso(paper.date, paper.date_precision), self.by_slug)
        if found is None:
            return paper, None, None
        current = self.by_slug.get(found.record["file"])
        if current is not None and (current.source_id != found.source_id or current.slug in self.claimed):
            return paper, None, None
        review = (
            ""
            if found.sure
            else f"taken for the paper its source titled '{found.title}' before, as the date and authors agree: check that it is"
        )
        paper = dataclasses.replace(paper, source_id=found.source_id, review=paper.review or review)
        self.retitled.append(f"{PAPERS_DIR}/{found.record['file']}.md: '{found.title}' is now '{paper.title}'")
        return paper, current, found.record
