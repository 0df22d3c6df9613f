"""Per-paper fragments that many pages show (a list entry, a feed entry, citation records, the
abstract as text), as the templates ask for them: made afresh here; the speed layer's
`fast.fragments.CachedFragments` keeps them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import jinja2
from markupsafe import Markup

from site_builder.citations.bibtex import entry
from site_builder.citations.exports import csl_item, csl_json_item, ris_record
from site_builder.render.markup import plain_abstract
from site_builder.site.catalog import SHOWN_OF_LARGE_TEAM, is_large_team


class Fragments:
    """Per-paper fragments that many pages show: its list entry (`_macros.html`'s `paper_item`),
    its feed entry (`_feed.xml`'s `entry`), its BibTeX, RIS and CSL-JSON, and its abstract as
    text (in all of those but BibTeX, and in its page's meta tags). This one makes each
    afresh every time it is asked; the speed layer's `CachedFragments` keeps them."""

    def __init__(self):
        self.env: jinja2.Environment | None = None
        self.modules: dict[str, object] = {}

    def bind(self, env: jinja2.Environment, paper_digests: dict[str, str]) -> None:
        self.env, self.modules = env, {}

    def _get(self, kind: str, paper, make: Callable[[], str]) -> str:
        return make()

    def _macro(self, template: str, name: str, paper) -> Markup:
        module = self.modules.get(template)
        if module is None:
            module = self.modules[template] = self.env.get_template(template).module
        return Markup(getattr(module, name)(paper))

    def list_item(self, paper) -> Markup:
        return Markup(self._get("item", paper, lambda: self._macro("_macros.html", "paper_item", paper)))

    def feed_entry(self, paper) -> Markup:
        return Markup(self._get("feed", paper, lambda: self._macro("_feed.xml", "entry", paper)))

    def bibtex(self, paper, in_list: bool = False) -> str:
        """The paper's BibTeX; `in_list`: a large collaboration's paper in a list names its first
        authors and `others`, as ADS and INSPIRE export one (its 2,900 names would make each
        list entry 50 KB); its page and citation files name everyone."""
        if in_list and is_large_team(paper):
            return self._get("bib-list", paper, lambda: entry(*self._record_args(paper, SHOWN_OF_LARGE_TEAM)))
        return self._get("bib", paper, lambda: entry(*self._record_args(paper)))

    def _record_args(self, paper, first: int | None = None) -> tuple:
        """What a citation record takes; `first`: of a paper whose first authors only are named."""
        catalog, urls = self.env.globals["catalog"], self.env.globals["urls"]
        names = [a.name for a in catalog.listed_authors(paper)]
        if first is not None:
            paper, names = dataclasses.replace(paper, authors=paper.authors[:first], et_al=True), names[:first]
        return paper, catalog.citation_keys[paper.slug], urls.absolute_for(paper), names

    def ris(self, paper) -> str:
        return self._get("ris", paper, lambda: ris_record(*self._record_args(paper), self.abstract_text(paper)))

    def csl(self, paper) -> str:
        return self._get("csl", paper, lambda: csl_json_item(csl_item(*self._record_args(paper), self.abstract_text(paper))))

    def abstract_text(self, paper) -> str:
        """The abstract as one line of text (empty without one): Markdown read again is a good
        part of a list entry's, a feed entry's and an export's cost."""
        return self._get("text", paper, lambda: plain_abstract(paper.body)) if paper.body else ""
