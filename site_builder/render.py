"""The one Jinja2 environment (strict undefined, autoescape, filters registered in one place)
and rendering pages into files, in worker processes when there are enough of them."""

from __future__ import annotations

import gc
import os
import re
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import jinja2
from markupsafe import Markup

from site_builder import dates, scholar
from site_builder.bibtex import entry
from site_builder.catalog import Catalog
from site_builder.config import CITATION_FILES
from site_builder.errors import Problem, Problems, SourceLocation
from site_builder.exports import csl_item, csl_json, csl_json_item, ris_record
from site_builder.fileops import write_file
from site_builder.links import paper_buttons
from site_builder.markup import markup_loaded, plain_text, plain_title, render_markup, title_html
from site_builder.pages import Page
from site_builder.theme import ThemeLoader
from site_builder.urls import UnsafePath, UrlScheme, bib_path, feed_path, output_file
from site_builder.venues import venue_badge

PARALLEL_FROM = 100
"""Below this many template pages (citation files are cheap), workers cost more than they save:
importing multiprocessing and forking, and a small build's Pagefind, which otherwise runs while
the pages after the paper pages render. Measured on 2 cores: a cold build of 15 papers (103 such
pages) takes 8% less time with a worker, of 47 papers (223) 12-18% less; an edit build (18)
took 28% more."""


class MarkupCache:
    """Rendered abstracts by text; remembers which entries this process added."""

    def __init__(self, known: dict[str, str]):
        self.known = known
        self.added: dict[str, str] = {}

    def __call__(self, text: str) -> Markup:
        from site_builder.cache import text_key

        key = text_key(text)
        html = self.known.get(key)
        if html is None:
            html = self.known[key] = self.added[key] = render_markup(text)
        return Markup(html)


def _unlinked_file(folder: Path | None) -> int:
    """A new file's descriptor, the file already unlinked: gone when closed, by a crash too."""
    import tempfile

    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(prefix="site-builder-", dir=folder)
    os.unlink(name)
    return descriptor


class SpilledText:
    """Texts kept in an unlinked temporary file rather than in memory, once they are more than
    `IN_MEMORY` bytes: a key's offset and length are all that stays. At 10,000 papers the
    fragments are ~90 MB of text, held by every process that renders; read back with one
    `pread` each, they cost the page cache instead. A small site's texts stay in memory (making
    the file and a system call per text cost a twentieth of its edit build).

    A forked worker reads what its parent wrote before the fork and writes to a file of its own
    (the parent goes on appending to its file meanwhile, past anything the worker knows)."""

    IN_MEMORY = 2 << 20

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        """Where the file is made: the site's cache folder, on disk (a tmpfs /tmp is memory)."""
        self.index: dict[tuple[str, str], tuple[int, int, int]] = {}
        self.memory: dict[tuple[str, str], str] = {}
        self._held = 0
        self._descriptor = -1
        self._owner = 0
        self._end = 0
        self._closer: Callable[[], None] = lambda: None

    def get(self, key: tuple[str, str]) -> str | None:
        text = self.memory.get(key)
        if text is not None:
            return text
        found = self.index.get(key)
        if found is None:
            return None
        descriptor, offset, length = found
        return os.pread(descriptor, length, offset).decode()

    def put(self, key: tuple[str, str], text: str) -> None:
        if self._held + len(text) <= self.IN_MEMORY:
            self.memory[key] = text
            self._held += len(text)
            return
        if self._owner != os.getpid():
            descriptor = _unlinked_file(self.folder)
            self._descriptor, self._owner, self._end = descriptor, os.getpid(), 0
            self._closer = weakref.finalize(self, os.close, descriptor)
        data = text.encode()
        os.pwrite(self._descriptor, data, self._end)
        self.index[key] = (self._descriptor, self._end, len(data))
        self._end += len(data)

    def clear(self) -> None:
        self.index.clear()
        self.memory.clear()
        self._held = 0
        if self._owner == os.getpid():
            self._closer()
        self._descriptor, self._owner = -1, 0


class Fragments:
    """Per-paper fragments rendered once and reused by every page that shows the paper: its list
    entry (`_macros.html`'s `paper_item`), its feed entry (`_feed.xml`'s `entry`), its BibTeX,
    RIS and CSL-JSON. A fragment is valid while the paper's digest is unchanged; a new
    environment (templates or settings changed) starts afresh."""

    def __init__(self, spill_folder: Path | None = None):
        self.store = SpilledText(spill_folder)
        self.digests: dict[str, str] = {}
        self.env: jinja2.Environment | None = None
        self.modules: dict[str, object] = {}

    def bind(self, env: jinja2.Environment, paper_digests: dict[str, str]) -> None:
        if env is not self.env:
            self.store.clear()
        self.env, self.digests, self.modules = env, paper_digests, {}

    def _get(self, kind: str, paper, make: Callable[[], str]) -> str:
        key = (kind, self.digests[paper.slug])
        text = self.store.get(key)
        if text is None:
            text = make()
            self.store.put(key, text)
        return text

    def _macro(self, template: str, name: str, paper) -> Markup:
        module = self.modules.get(template)
        if module is None:
            module = self.modules[template] = self.env.get_template(template).module
        return Markup(getattr(module, name)(paper))

    def list_item(self, paper) -> Markup:
        return Markup(self._get("item", paper, lambda: self._macro("_macros.html", "paper_item", paper)))

    def feed_entry(self, paper) -> Markup:
        return Markup(self._get("feed", paper, lambda: self._macro("_feed.xml", "entry", paper)))

    def bibtex(self, paper) -> str:
        return self._get("bib", paper, lambda: entry(*self._record_args(paper)))

    def _record_args(self, paper) -> tuple:
        catalog, urls = self.env.globals["catalog"], self.env.globals["urls"]
        return paper, catalog.citation_keys[paper.slug], urls.absolute_for(paper), [a.name for a in catalog.authors_of[paper.slug]]

    def ris(self, paper) -> str:
        return self._get("ris", paper, lambda: ris_record(*self._record_args(paper)))

    def csl(self, paper) -> str:
        return self._get("csl", paper, lambda: csl_json_item(csl_item(*self._record_args(paper))))


class CurrentCatalog:
    """What templates see as `catalog`: a stand-in for the catalog of the build being rendered.

    The environment lives across the preview's builds, and Jinja keeps an imported template's
    macros (`{% import "_macros.html" as m %}`) with the globals of the moment it first made
    them: a catalog put in the globals would go on showing the first build's authors and topics.
    """

    __slots__ = ("catalog",)

    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def __getattr__(self, name: str):
        return getattr(self.catalog, name)


def _jsonld(data: object) -> Markup:
    """JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped, so text such
    as `</script>` inside a title cannot end the block."""
    import json

    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _arxiv_id(paper) -> str:
    if paper.arxiv:
        return paper.arxiv
    for url in paper.links.values():
        match = re.search(r"arxiv\.org/(?:abs|pdf)/([\w.\-/]+?)(?:v\d+)?(?:\.pdf)?$", url)
        if match:
            return match.group(1)
    return ""


def _scholarly_article(paper, catalog: Catalog, urls: UrlScheme) -> dict:
    article = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": plain_title(paper.title),
        "name": plain_title(paper.title),
        "datePublished": str(paper.venue_year) if paper.venue_year else dates.iso(paper.date, paper.date_precision),
        "url": urls.absolute_for(paper),
        "author": [{"@type": "Person", "name": a.name, "url": urls.absolute_for(a)} for a in catalog.authors_of[paper.slug]],
        "about": [t.name for t in catalog.topics_of[paper.slug]],
        "abstract": plain_text(paper.body),
    }
    if paper.doi:
        article["sameAs"] = f"https://doi.org/{paper.doi}"
    if paper.venue:
        article["isPartOf"] = {"@type": "PublicationEvent", "name": paper.venue}
    return article


def _long_date(paper) -> str:
    return dates.long_form(paper.date, paper.date_precision)


def _iso_date(paper) -> str:
    return dates.iso(paper.date, paper.date_precision)


def _scholar_date(paper) -> str:
    """Google Scholar's `citation_publication_date`: the published version's year when known."""
    return str(paper.venue_year) if paper.venue_year else dates.slashed(paper.date, paper.date_precision)


def make_environment(
    root: Path, urls: UrlScheme, catalog: Catalog, markup: MarkupCache, fragments: Fragments, bytecode_dir: Path | None
) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=ThemeLoader(root),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(bytecode_dir)) if bytecode_dir else None,
    )
    env.filters.update(
        markup=markup,
        plain=plain_text,
        long_date=_long_date,
        iso_date=_iso_date,
        scholar_date=_scholar_date,
        jsonld=_jsonld,
        link=urls.link,
        title_html=lambda title: Markup(title_html(title)),
        plain_title=plain_title,
        # Lists show abstracts as text, their math readable: only paper pages need markdown-it.
        plain_math=plain_title,
    )
    env.globals.update(
        site=catalog.config,
        catalog=CurrentCatalog(catalog),
        fragments=fragments,
        citation_files=[f for f in CITATION_FILES if f[0] in catalog.config.exports],
        list_item=fragments.list_item,
        feed_entry=fragments.feed_entry,
        urls=urls,
        url_for=urls.url_for,
        href=urls.href,
        asset=urls.asset,
        absolute=urls.absolute,
        absolute_for=urls.absolute_for,
        feed_path=feed_path,
        bib_path=lambda target, extension="bib": bib_path(
            target, env.globals["catalog"].citation_keys.get(getattr(target, "slug", ""), "publications"), extension
        ),
        bibtex=fragments.bibtex,
        arxiv_id=_arxiv_id,
        scholar_venue_tag=scholar.venue_tag,
        scholar_facts=scholar.facts,
        scholarly_article=lambda paper: _scholarly_article(paper, env.globals["catalog"], urls),
        venue_badge=lambda paper: venue_badge(paper, env.globals["catalog"].config.venues),
        paper_buttons=paper_buttons,
        pictures={},  # filled by each build (`images.prepare_pictures`); one dict, as macros keep it
    )
    return env


def render_page(env: jinja2.Environment, page: Page, problems: Problems) -> str | Iterator[str] | None:
    """A page's text; a citation file's comes in pieces (the site's are 20 MB at 10,000 papers)."""
    papers = page.context.get("papers", ())
    if page.kind == "bibtex":
        bibtex = env.globals["bibtex"]
        return _joined("\n", (bibtex(paper) for paper in papers))
    if page.kind == "ris":
        ris = env.globals["fragments"].ris
        return (ris(paper) for paper in papers)
    if page.kind == "csljson":
        csl = env.globals["fragments"].csl
        return csl_json(csl(paper) for paper in papers)
    shown = env.loader.shown
    try:
        return env.get_template(page.template).render(page=page, **page.context)
    except jinja2.TemplateSyntaxError as exc:
        problems.error(
            SourceLocation(shown(exc.name or page.template), exc.lineno),
            f"template syntax error: {exc.message}",
            "fix the template",
        )
    except jinja2.TemplateNotFound as exc:
        problems.error(SourceLocation(shown(page.template)), f"template not found: {exc.name}", "restore it in templates/")
    except jinja2.UndefinedError as exc:
        where = SourceLocation(shown(page.template), _template_line(exc))
        problems.error(where, f"template error: {exc.message}", f"while rendering {page.source}")
    except Exception as exc:  # a template can call anything; report it like a user's error, not a crash
        where = SourceLocation(shown(page.template), _template_line(exc))
        problems.error(where, f"template error: {exc}", f"while rendering {page.source}")
    return None


def _template_line(exc: BaseException) -> int | None:
    """The template line from a rendering error's traceback (Jinja maps it for us)."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith((".html", ".xml", ".txt")):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _joined(separator: str, pieces: Iterable[str]) -> Iterator[str]:
    for n, piece in enumerate(pieces):
        if n:
            yield separator
        yield piece


# Set before workers fork, so they share the environment and pages without pickling them.
_JOB: tuple[jinja2.Environment, Sequence[Page], Path, MarkupCache] | None = None
_QUEUES: list[tuple[list[tuple[int, int]], object]] = []
"""The parallel render's queues of page ranges, each with a shared counter of ranges taken."""
_SPOOLS: list[int] = []
"""A file per forked worker (by number, from 1) for the abstracts it rendered."""
_PAPERS_WRITTEN: tuple[object, object] | None = None
"""Ranges of paper pages written so far, by any worker (a shared counter), and the event set
when they all are."""


def _render_range(bounds: tuple[int, int]) -> tuple[list[tuple[int, Problem]], dict[str, str]]:
    """Render the pages numbered `bounds[0]` to `bounds[1]` (excluded); their problems come with
    the page's number, so that the ones reported are the same whichever process met them."""
    assert _JOB is not None
    env, pages, staging, markup = _JOB
    problems = Problems()
    found: list[tuple[int, Problem]] = []
    made: set[Path] = set()
    for n in range(*bounds):
        _render_into(env, pages[n], staging, made, problems)
        if problems.items:
            found += [(n, problem) for problem in problems.items]
            problems.items.clear()
    # A worker runs many ranges: each returns only what it added since the last (a cumulative
    # dict would send every abstract to the parent once per range, and the parent keeps them).
    added, markup.added = markup.added, {}
    return found, added


def _render_into(env: jinja2.Environment, page: Page, staging: Path, made: set[Path], problems: Problems) -> None:
    text = render_page(env, page, problems)
    if text is None:
        return
    try:
        target = output_file(staging, page.path)
    except UnsafePath as exc:
        problems.error(SourceLocation(page.source), str(exc), "use a plain slug")
        return
    if target.parent not in made:  # one mkdir per folder, not per page: it is a syscall each
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    write_file(target, [text] if isinstance(text, str) else text)


CITATIONS, LISTS, PAPERS = 0, 1, 2
"""The lanes, by their number in what `_lanes` returns."""


def _lanes(pages: Sequence[Page]) -> list[list[int]]:
    """Pages by the per-paper fragments they need: citation files (BibTeX, RIS and CSL of every
    paper they list), list pages and feeds (list items, feed entries), and paper pages (their
    own paper's only). A worker that keeps to one lane caches half the fragments, not all."""
    lanes: list[list[int]] = [[], [], []]
    for n, page in enumerate(pages):
        if page.kind != "template":
            lanes[CITATIONS].append(n)
        elif page.template == "paper.html":
            lanes[PAPERS].append(n)
        else:
            lanes[LISTS].append(n)
    return lanes


def _ranges(order: list[int], size: int) -> list[tuple[int, int]]:
    """Consecutive page numbers of one lane as ranges of at most `size` pages (lanes interleave
    in the plan, so a range ends where its lane's run does)."""
    ranges: list[tuple[int, int]] = []
    for n in order:
        if ranges and ranges[-1][1] == n and n - ranges[-1][0] < size:
            ranges[-1] = (ranges[-1][0], n + 1)
        else:
            ranges.append((n, n + 1))
    return ranges


LANE_ORDERS = ((CITATIONS, LISTS, PAPERS), (PAPERS, LISTS, CITATIONS))
"""The order in which a worker takes the lanes, by its number (even, odd). Only paper pages
need markdown-it and latex2mathml (~70 ms to import): the worker that starts with them is
most often the only one that imports them. Citation files need no template: while the other
worker writes them, the first compiles the templates both need (`base.html`, the macros)
into the bytecode cache, where the other then finds them."""
HELP_WITH_PAPERS_FROM = 50
"""A worker that has not rendered an abstract yet takes paper pages from the one whose lane they
are only while this many are left: the import costs as much as rendering ~30 of them."""


def _work_lanes(worker: int) -> tuple[list[tuple[int, Problem]], dict[str, str]]:
    """A worker's loop: its own lane first (citation files, or paper pages, by its number), then
    list pages, then whatever the other lane still has, so both finish together.

    Worker 0 is the parent process itself. A forked worker does not keep the abstracts it
    renders (in the shipped templates, only paper pages show one; feeds show plain text): it
    leaves them, range by range, in its spool file for the parent's cache, and returns none."""
    found: list[tuple[int, Problem]] = []
    added: dict[str, str] = {}
    markup = _JOB[3]
    order = LANE_ORDERS[worker % 2]
    for queue in order:
        ranges, taken = _QUEUES[queue]
        helping = queue == PAPERS and order[0] != PAPERS
        while True:
            with taken.get_lock():
                n = taken.value
                if helping and not markup_loaded() and sum(end - start for start, end in ranges[n:]) < HELP_WITH_PAPERS_FROM:
                    break
                taken.value += 1
            if n >= len(ranges):
                break
            problems, more = _render_range(ranges[n])
            if queue == PAPERS:
                _paper_range_written(len(ranges))
            found += problems
            if not worker:
                added.update(more)
            elif more:
                import pickle  # here, as multiprocessing: only forked workers spool

                with open(_SPOOLS[worker - 1], "ab", closefd=False) as spool:
                    pickle.dump(more, spool)
                for key in more:
                    del markup.known[key]
    return found, added


def _paper_range_written(ranges: int) -> None:
    count, written = _PAPERS_WRITTEN
    with count.get_lock():
        count.value += 1
        if count.value == ranges:
            written.set()


class _WhenSet(threading.Thread):
    """Calls `action` in this process once `event` (set by any worker) is, unless the render
    ends first; `end` waits for it and raises what it raised."""

    def __init__(self, event, action: Callable[[], object]):
        super().__init__(name="papers-written", daemon=True)
        self.event, self.action = event, action
        self.cancelled = False
        self.error: BaseException | None = None
        self.start()

    def run(self) -> None:
        self.event.wait()
        if not self.cancelled:
            try:
                self.action()
            except BaseException as exc:  # raised in the render's thread, by `end`
                self.error = exc

    def end(self, rendered: bool) -> None:
        if not rendered:
            self.cancelled = True
            self.event.set()
        self.join()
        if rendered and self.error is not None:  # else the render's own error is the one to see
            raise self.error


def _unspool(descriptor: int) -> Iterator[dict[str, str]]:
    import pickle

    os.lseek(descriptor, 0, os.SEEK_SET)
    with open(descriptor, "rb", closefd=False) as spool:
        while True:
            try:
                yield pickle.load(spool)
            except EOFError:
                return


def render_workers(pages: Sequence[Page]) -> int:
    """How many processes `render_pages` renders these pages with (1: this one alone)."""
    templated = sum(1 for page in pages if page.kind == "template")
    if templated < PARALLEL_FROM:
        return 1
    import multiprocessing  # here: a small site never needs it (a twentieth of its start-up)

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


def render_pages(
    env: jinja2.Environment,
    pages: Sequence[Page],
    staging: Path,
    markup: MarkupCache,
    problems: Problems,
    papers_written: Callable[[], object] | None = None,
) -> None:
    """Render `pages` into files under `staging`; problems are collected, not raised.

    `papers_written` is called in this process, in a thread of its own while the other pages
    render, once every paper page among `pages` is written (a failed page counts as written:
    the build that sees the problem abandons what the call started). What it raises is raised
    here."""
    global _JOB, _QUEUES, _SPOOLS, _PAPERS_WRITTEN
    workers = render_workers(pages)
    _JOB = (env, pages, staging, markup)
    try:
        if workers < 2:
            results = [_render_range((0, len(pages)))]
            if papers_written is not None:
                papers_written()
        else:
            import multiprocessing

            context = multiprocessing.get_context("fork")
            _QUEUES = [(_ranges(lane, 25), context.Value("l", 0)) for lane in _lanes(pages)]
            _SPOOLS = [_unlinked_file(env.globals["fragments"].store.folder) for _ in range(1, workers)]
            _PAPERS_WRITTEN = (context.Value("l", 0), context.Event())
            if not _QUEUES[PAPERS][0]:
                _PAPERS_WRITTEN[1].set()
            gc.freeze()  # the collector would write to every inherited object: a private copy each
            try:
                # This process is one of the workers: a forked one copies most of what it
                # inherits as it touches it (reference counts), so each fork costs the catalog.
                with context.Pool(workers - 1) as pool:
                    # Threads only once the workers are forked: a fork copies no thread.
                    waiter = _WhenSet(_PAPERS_WRITTEN[1], papers_written) if papers_written is not None else None
                    rendered = False
                    try:
                        forked = pool.map_async(_work_lanes, range(1, workers), chunksize=1)
                        results = [_work_lanes(0), *forked.get()]
                        rendered = True
                    finally:
                        if waiter is not None:
                            waiter.end(rendered)
            finally:
                gc.unfreeze()
            results += [([], added) for descriptor in _SPOOLS for added in _unspool(descriptor)]
    finally:
        for descriptor in _SPOOLS:
            os.close(descriptor)
        _JOB, _QUEUES, _SPOOLS, _PAPERS_WRITTEN = None, [], [], None
    for _, added in results:
        markup.known.update(added)
        markup.added.update(added)
    same_error: dict[tuple, list[Problem]] = {}
    numbered = sorted((item for found, _ in results for item in found), key=lambda item: item[0])  # in the plan's order
    for _, problem in numbered:
        same_error.setdefault((problem.location, problem.message), []).append(problem)
    for group in same_error.values():  # one template mistake breaks many pages: say it once
        first = group[0]
        hint = f"{first.hint} and {len(group) - 1} more" if len(group) > 1 else first.hint
        problems.items.append(Problem(first.location, first.message, hint, first.severity))
