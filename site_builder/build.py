"""`site-builder build`: load everything, plan, render what changed, then write.

I/O stays at the edges. A `Builder` keeps its content cache between builds, so the preview
server, which builds again on every save, re-reads only the files that changed and renders
only the pages whose digest changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder.cache import ContentCache, cache_dir
from site_builder.catalog import Catalog, build_catalog, update_catalog
from site_builder.config import load_config, normalize_base_url
from site_builder.content import load_papers
from site_builder.errors import Problems, SourceLocation
from site_builder.fileops import is_own_file
from site_builder.images import prepare_pictures
from site_builder.output import (
    MARKER,
    Indexing,
    Linking,
    check_output_dir,
    claim_spare,
    discard,
    extras_for,
    link_pages,
    prune_spare,
    publish_in_place,
    publish_swap,
    read_manifest,
    replace_search_index,
    staging_dir,
    up_to_date,
    write_manifest,
)
from site_builder.pages import PAGE_SIZE, Digests, Page, Planner
from site_builder.registry import Registry, load_registry
from site_builder.search import (
    SEARCH_DIR,
    PagefindRun,
    SearchIndexError,
    build_search_index,
    index_digests,
    is_indexed_page,
    is_search_key,
    part_count,
)
from site_builder.sitefolder import check_site_folder
from site_builder.sitepages import load_site_pages
from site_builder.theme import theme_files
from site_builder.urls import UrlScheme, output_file, output_name


@dataclass
class BuildResult:
    pages: int = 0
    """Pages in the site."""
    rendered_paths: list[str] = field(default_factory=list)
    """Pages rendered by this build (the others were unchanged)."""
    deferred_paths: list[str] = field(default_factory=list)
    """Large downloads the preview writes after the pages, in the background."""
    phases: dict[str, float] = field(default_factory=dict)
    """Seconds spent in each phase: load, plan, render, write."""

    @property
    def rendered(self) -> int:
        return len(self.rendered_paths)


def load_site(
    root: Path,
    problems: Problems,
    base_url: str | None = None,
    site_url: str | None = None,
    cache: ContentCache | None = None,
    previous: tuple[Registry, Catalog] | None = None,
    papers_changed: set[str] | None = None,
) -> tuple[Registry, Catalog] | None:
    """The site's registry and catalog; `previous` (the last build's) is updated when it can be.
    `papers_changed`: see `load_papers`."""
    check_site_folder(root, problems)
    config = load_config(root, problems)
    if base_url is not None:
        config = replace(config, base_url=normalize_base_url(base_url))
    if site_url is not None:
        config = replace(config, url=site_url.strip().rstrip("/"))
    registry = load_registry(root, problems)
    papers = load_papers(root, problems, cache, papers_changed)
    site_pages, intro = load_site_pages(root, problems)
    if problems.errors:
        return None
    if previous is not None and (previous[0], previous[1].config, previous[1].site_pages) == (registry, config, site_pages):
        catalog = update_catalog(previous[1], papers)
        if catalog is not None and catalog.intro == (intro or config.intro):
            return registry, catalog
    return registry, build_catalog(config, registry, papers, site_pages, intro)


def _site_digest(root: Path, catalog: Catalog, pictures: dict) -> str:
    """What every page depends on: templates, settings, the site-wide facts in the layout and
    the pictures' names and sizes."""
    digest = hashlib.blake2b(digest_size=16)
    for name, path in theme_files("templates", root).items():
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    nav = [(p.slug, p.title, p.nav) for p in catalog.site_pages]
    digest.update(repr((catalog.config, catalog.years, len(catalog.papers), sorted(pictures.items()), nav)).encode())
    return digest.hexdigest()


LARGE_DOWNLOAD = PAGE_SIZE
"""A citation file of more papers than a list page shows: in the preview it is written after the
pages (like the search index), since at 10,000 papers the site's three take longer than the rest."""


def _is_large_download(page: Page) -> bool:
    return page.kind != "template" and len(page.context["papers"]) > LARGE_DOWNLOAD


@dataclass
class _FollowUp:
    """What a preview build leaves to the background thread."""

    out: Path
    generation: int
    catalog: Catalog
    digests: Digests
    urls: UrlScheme
    downloads: list[Page]
    download_digests: dict[str, str]
    search: dict[str, str] = field(default_factory=dict)
    """Parts of the search index to make again, with their digests."""
    paper_paths: list[str] = field(default_factory=list)


class Builder:
    def __init__(self, root: Path, use_cache: bool = True):
        self.root = root
        self.cache = ContentCache(root if use_cache else None)
        self.bytecode_dir = cache_dir(root) / "templates" if use_cache else None
        self.markup = None
        self.fragments = None
        """Made on the first build that renders a page: a build with nothing to render never
        imports Jinja2 or markdown-it (a third of a small site's start-up)."""
        self.planner = Planner()
        self.pictures: dict = {}
        """The last build's resized pictures (`images.prepare_pictures`), for the templates."""
        self.loaded: tuple[Registry, Catalog] | None = None
        """The last build's registry and catalog: an edit to a paper's text updates the catalog."""
        self.written: tuple[Path, dict[str, str]] | None = None
        self.manifest_dirty = False
        """The output folder this builder wrote last and its manifest (the preview builds often)."""
        self.lock = threading.RLock()
        """Held by a build, and by the background thread while it writes downloads or swaps in an index."""
        self.pending: _FollowUp | None = None
        self.follow_up: threading.Thread | None = None
        self.generation = 0
        """Counts builds: background work planned by an older build is dropped."""
        self.settled = False
        """Whether the last plan was written (then only its fresh pages can differ from `written`)."""
        self.owed: dict[str, Page] = {}
        """Large downloads a preview build left to the background thread, by path."""
        self.env = None
        self.env_key = ""
        """The environment is kept while templates and settings are unchanged (compiled once)."""

    def _queue_follow_up(self, job: _FollowUp) -> None:
        """Finish a preview build in a background thread: at most one runs, the newest job wins
        (a newer build finds the same pages and index still out of date and queues them again)."""
        self.pending = job
        if self.follow_up is None or not self.follow_up.is_alive():
            self.follow_up = threading.Thread(target=self._follow_up_worker, name="follow-up", daemon=True)
            self.follow_up.start()

    def _follow_up_worker(self) -> None:
        while True:
            with self.lock:
                job, self.pending = self.pending, None
                if job is None:
                    return
                if job.downloads and job.generation == self.generation:
                    self._write_downloads(job)
            if job.search:
                self._index_search(job.out, job.search, job.paper_paths)

    def _write_downloads(self, job: _FollowUp) -> None:
        problems = Problems()
        staging = staging_dir(job.out)
        try:
            self._render(job.downloads, job.catalog, job.digests, job.urls, staging, problems)
            written = [page.path for page in job.downloads if output_file(staging, page.path).is_file()]
            publish_in_place(staging, job.out, written, [], {}, None)
        finally:
            discard(staging)
        for problem in problems.items:
            print(problem, file=sys.stderr, flush=True)
        if self.written is not None and self.written[0] == job.out.resolve():
            for path in written:
                self.written[1][path] = job.download_digests[path]
                self.owed.pop(path, None)

    def _index_search(self, out: Path, parts: dict[str, str], paper_paths: list[str]) -> None:
        fresh = out.parent / f".{out.name}.search"  # a leftover of an interrupted run is removed here
        shutil.rmtree(fresh, ignore_errors=True)
        try:
            build_search_index(out, fresh, paper_paths, set(parts), out / SEARCH_DIR)
        except (SearchIndexError, OSError) as exc:
            print(f"pagefind: error: the search index failed: {exc}", file=sys.stderr, flush=True)
            shutil.rmtree(fresh, ignore_errors=True)
            return
        with self.lock:
            replace_search_index(out, fresh, parts)
            if self.written is not None and self.written[0] == out.resolve():
                self.written[1].update(parts)

    def wait_for_background(self) -> None:
        """Block until the large downloads and the search index are current (tests, a clean stop)."""
        while self.follow_up is not None and self.follow_up.is_alive():
            self.follow_up.join()

    def close(self) -> None:
        """End a preview session: the background work finished, the manifest and the cache saved."""
        self.wait_for_background()
        with self.lock:
            if self.manifest_dirty and self.written is not None:
                write_manifest(*self.written)
                self.manifest_dirty = False
            self.cache.save()

    def build(
        self,
        out: Path,
        problems: Problems,
        base_url: str | None = None,
        site_url: str | None = None,
        in_place: bool = False,
        papers_changed: set[str] | None = None,
        stamp: str | None = None,
    ) -> BuildResult | None:
        """Build into `out`; None (and `out` untouched) when there are errors.

        `in_place` moves changed pages into `out` one by one (for the preview, where the
        site is large and one page changed); otherwise the whole folder is swapped at once.
        `papers_changed`: the paper file names that can have changed since this builder's last
        build, when a file watcher knows (None: look at every file). `stamp`: the digest of the
        inputs read before this build began (`stamp.input_stamp`), recorded in the manifest.
        """
        with self.lock:
            return self._build(out, problems, base_url, site_url, in_place, papers_changed, stamp)

    def _render(
        self,
        pages: list,
        catalog: Catalog,
        digests: Digests,
        urls: UrlScheme,
        staging: Path,
        problems: Problems,
        papers_written: Callable[[], object] | None = None,
    ) -> None:
        from site_builder.render import Fragments, MarkupCache, make_environment, render_pages

        if self.markup is None:
            spill = self.bytecode_dir.parent if self.bytecode_dir is not None else None
            self.markup, self.fragments = MarkupCache(self.cache.markup), Fragments(spill)
        if self.env is None or self.env_key != digests.site:
            if self.bytecode_dir is not None:
                self.bytecode_dir.mkdir(parents=True, exist_ok=True)
            self.env = make_environment(self.root, urls, catalog, self.markup, self.fragments, self.bytecode_dir)
            self.env_key = digests.site
        self.env.globals["catalog"].catalog = catalog
        self.env.globals["pictures"].clear()
        self.env.globals["pictures"].update(self.pictures)
        self.fragments.bind(self.env, digests.papers)
        render_pages(self.env, pages, staging, self.markup, problems, papers_written)

    def _build(
        self,
        out: Path,
        problems: Problems,
        base_url: str | None,
        site_url: str | None,
        in_place: bool,
        papers_changed: set[str] | None,
        stamp: str | None,
    ) -> BuildResult | None:
        result = BuildResult()
        clock = time.perf_counter()
        self.generation += 1

        def lap(phase: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            result.phases[phase] = now - clock
            clock = now

        root = self.root
        check_output_dir(out, root, problems)
        loaded = load_site(root, problems, base_url, site_url, self.cache, self.loaded, papers_changed)
        if loaded is None or problems.errors:
            return None
        self.loaded = loaded
        catalog = loaded[1]
        pictures, picture_files = prepare_pictures(root, catalog, cache_dir(root) / "pictures", problems)
        if problems.errors:
            return None
        static = theme_files("static", root) | picture_files
        self.pictures = pictures
        lap("load")

        settled, self.settled = self.settled, False
        plan = self.planner.plan(catalog, _site_digest(root, catalog, pictures), problems)
        if problems.errors:
            return None
        pages, manifest, digests, paper_paths = plan.pages, plan.manifest, plan.digests, plan.paper_paths
        urls = UrlScheme(catalog.config.base_url, catalog.config.url)
        search_keys: dict[str, str] = {}
        if catalog.config.search:
            search_keys = index_digests({path: manifest[path] for path in paper_paths}, catalog.config.base_url)
            manifest.update(search_keys)
        same_paths = False
        if self.written is not None and self.written[0] == out.resolve() and (out / MARKER).is_file():
            # This builder wrote `out` last: its manifest is in memory and its files are there.
            previous = self.written[1]
            if settled:
                # ...and from the last plan, so only this plan's fresh pages and the large
                # downloads still owed can differ from it.
                owed = [page for path, page in self.owed.items() if path in manifest]
                changed = list({p.path: p for p in [*owed, *plan.fresh] if previous.get(p.path) != manifest[p.path]}.values())
                same_paths = not plan.paths_changed
            else:
                changed = [p for p in pages if previous.get(p.path) != manifest[p.path]]
        else:
            previous = read_manifest(out)
            folder = os.fspath(out)  # strings, not Paths: a stat for every page of the site; a page
            # that is a link, not a file, is rendered again (linking it would publish its target)
            changed = [
                p for p in pages if previous.get(p.path) != manifest[p.path] or not is_own_file(os.path.join(folder, output_name(p.path)))
            ]
        if not same_paths:
            same_paths = {p for p in previous if not is_search_key(p)} == {p for p in manifest if not is_search_key(p)}
        # Parts of the search index whose pages changed, or that are missing from `out`.
        stale_parts = {
            folder: digest
            for folder, digest in search_keys.items()
            if previous.get(folder) != digest or not output_file(out, folder + "pagefind-entry.json").is_file()
        }
        swapping = not (in_place and out.is_dir())  # the preview moves pages into an existing folder
        deferred: list[Page] = []
        deferred_digests: dict[str, str] = {}
        if not swapping:
            deferred = [page for page in changed if _is_large_download(page)]
            if deferred:
                changed = [page for page in changed if not _is_large_download(page)]
                for page in deferred:  # recorded when the background thread has written them
                    deferred_digests[page.path], manifest[page.path] = manifest[page.path], previous.get(page.path, "")
        self.owed = {page.path: page for page in deferred}
        extra = extras_for(catalog.config.cname)
        untouched = (
            not changed
            and not deferred
            and not stale_parts
            and same_paths
            and {path for path in previous if is_search_key(path)} == search_keys.keys()
            and up_to_date(out, extra, static)
        )
        lap("plan")

        filling = swapping and not untouched  # this build fills a folder (the spare) and swaps it in
        staging, held = claim_spare(out) if filling else (staging_dir(out), {})
        rendered = {p.path for p in changed}
        indexing: Indexing | None = None
        linking: Linking | None = None

        def pagefind() -> PagefindRun:
            return PagefindRun(staging, staging / SEARCH_DIR, paper_paths, set(stale_parts), out / SEARCH_DIR)

        def index_now() -> None:
            nonlocal indexing
            indexing = Indexing(pagefind())

        try:
            if held:
                spare_search = {path: digest for path, digest in held.items() if is_search_key(path)}
                prune_spare(staging, held, manifest, extra, keep_search=not stale_parts and spare_search == search_keys)
            reused = [path for path in manifest if path not in rendered and not is_search_key(path)] if filling else []
            # The paper pages Pagefind reads, here: a thread that links while this one renders
            # gets the interpreter back only every few milliseconds, after each system call.
            link_pages(staging, out, [path for path in reused if is_indexed_page(path)], held, manifest)
            alone, later = _renders_alone(changed), changed
            if swapping and stale_parts and alone:
                # One process renders, so a core is free: Pagefind indexes the paper pages while
                # the other pages render. With render workers it would only compete with them,
                # and its memory would add to theirs.
                self._render([p for p in changed if is_indexed_page(p.path)], catalog, digests, urls, staging, problems)
                later = [p for p in changed if not is_indexed_page(p.path)]
                if not problems.errors:
                    indexing = Indexing(pagefind())
            if filling:
                linking = Linking(staging, out, [path for path in reused if not is_indexed_page(path)], held, manifest)
                if not alone:
                    linking.join()  # render workers fork: no other thread may be running then
            if later and not problems.errors:
                # Render workers: Pagefind starts once they have written the paper pages, and
                # runs while they write the rest. Not for an index of several parts: each part's
                # Pagefind holds its pages in memory, which would add to the workers'.
                early = swapping and stale_parts and not alone and part_count(len(paper_paths)) == 1
                self._render(later, catalog, digests, urls, staging, problems, index_now if early else None)
            if problems.errors:
                _abandon(staging, indexing, linking)
                return None
            lap("render")
            if self.markup is not None:
                self.cache.add_markup(self.markup.added)
                self.markup.added = {}
            if not in_place:  # here, while Pagefind may still run; the preview saves it when it stops
                self.cache.save()
            if untouched:
                discard(staging)  # nothing to write: leave the output (and its mtimes) alone
                if stamp is not None:  # ...but say that it is current for these inputs
                    write_manifest(out, manifest, stamp, list(extra))
            elif not swapping:
                stale = [] if same_paths else sorted(p for p in previous.keys() - manifest.keys() if not is_search_key(p))
                if not search_keys and (out / SEARCH_DIR).is_dir():  # search was switched off
                    shutil.rmtree(out / SEARCH_DIR)
                for folder in stale_parts:  # pages first; the search index follows in the background
                    manifest[folder] = previous.get(folder, "")
                if not self.manifest_dirty:
                    # Written once per session, not per save (54,000 entries at 10,000 papers): until
                    # `close()`, the folder says it holds nothing known, so a crash costs only time.
                    write_manifest(out, {})
                    self.manifest_dirty = True
                publish_in_place(staging, out, sorted(rendered), stale, extra, static)
                if deferred or stale_parts:
                    job = _FollowUp(out, self.generation, catalog, digests, urls, deferred, deferred_digests)
                    if stale_parts:
                        job.search, job.paper_paths = stale_parts, paper_paths
                    self._queue_follow_up(job)
            else:
                if indexing is None and stale_parts:
                    indexing = Indexing(pagefind())
                publish_swap(staging, out, manifest, extra, static, linking, indexing, stamp)
        except SearchIndexError as exc:
            _abandon(staging, indexing, linking)
            problems.error(SourceLocation("pagefind"), f"the search index failed: {exc}", "reinstall with `pip install .` (pagefind)")
            return None
        except BaseException:
            _abandon(staging, indexing, linking)
            raise
        lap("write")
        if indexing is not None:
            result.phases["search"] = indexing.pagefind.seconds
        self.written = (out.resolve(), manifest)
        self.settled = True
        result.phases["write"] = max(0.0, result.phases["write"] - result.phases.get("search", 0.0))  # they overlap
        result.pages = len(pages)
        result.rendered_paths = [p.path for p in changed]
        result.deferred_paths = [p.path for p in deferred]
        return result


def _renders_alone(pages: list[Page]) -> bool:
    from site_builder.render import render_workers  # imported here: Jinja2, for a build that renders

    return render_workers(pages) == 1


def _abandon(staging: Path, *tasks: threading.Thread | None) -> None:
    """Remove the staging folder of a failing build, once the threads that write into it have
    finished, whatever became of them."""
    for task in tasks:
        if task is not None:
            threading.Thread.join(task)
    discard(staging)


def build_site(
    root: Path, out: Path, problems: Problems, base_url: str | None = None, site_url: str | None = None, stamp: str | None = None
) -> BuildResult | None:
    """Build the site at `root` into `out` once (the command line's `build`)."""
    return Builder(root).build(out, problems, base_url, site_url, stamp=stamp)
