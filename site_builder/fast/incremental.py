"""Speed: the incremental builder, the speed layer's one interface.

A `Builder` goes through the reference pipeline's steps (`site_builder.pipeline`) with what it
remembers: parsed papers (`cache`), its last plan (`planner`), the manifest of the output it
wrote last. It renders only the pages whose digest changed, in worker processes when there
are many (`parallel`), links the unchanged pages from the current output into the staging
folder and makes again only the parts of the search index whose pages changed. The preview
keeps one `Builder` for its session and moves changed pages into the live folder instead of
swapping it (`in_place`); the site's three large citation files and the search index follow
in a background thread.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.code import versioned_folder
from site_builder.errors import Problems
from site_builder.fast.cache import ContentCache, cache_dir
from site_builder.fast.planner import Planner
from site_builder.fast.stamp import record_stamp
from site_builder.output.fileops import is_own_file, link_or_copy
from site_builder.output.folder import (
    MARKER,
    check_output_dir,
    complete_staging,
    discard,
    extras_for,
    link_pages,
    publish_in_place,
    read_manifest,
    replace_search_index,
    staging_dir,
    swap_in,
    up_to_date,
    write_manifest,
)
from site_builder.output.search import SEARCH_DIR, PagefindRun, SearchIndexError, build_search_index, is_search_key
from site_builder.pipeline import BuildResult, Site, load_site, search_failed, search_parts, with_pictures
from site_builder.site.catalog import Catalog
from site_builder.site.pages import PAGE_SIZE, Page, Plan
from site_builder.site.urls import output_file, output_name
from site_builder.source.registry import Registry

LARGE_DOWNLOAD = PAGE_SIZE
"""A citation file of more papers than a list page shows: in the preview it is written after the
pages (like the search index), since at 10,000 papers the site's three take longer than the rest."""


def _own_page(folder: str, path: str) -> bool:
    return is_own_file(os.path.join(folder, output_name(path)))


def _is_large_download(page: Page) -> bool:
    return page.kind != "template" and len(page.context["papers"]) > LARGE_DOWNLOAD


@dataclass
class _Compared:
    """A plan against the output it replaces."""

    manifest: dict[str, str]
    """The new output's manifest: page digests and search index parts."""
    previous: dict[str, str]
    """The current output's manifest."""
    changed: list[Page]
    """Pages to render: their digest is new, or their file is missing."""
    search_keys: dict[str, str]
    stale_parts: dict[str, str]
    """Parts of the search index whose pages changed, or that are missing from the output."""
    same_paths: bool


@dataclass
class _FollowUp:
    """What a preview build leaves to the background thread."""

    out: Path
    generation: int
    site: Site
    plan: Plan
    downloads: list[Page]
    download_digests: dict[str, str]
    search: dict[str, str] = field(default_factory=dict)
    """Parts of the search index to make again, with their digests."""


class Builder:
    def __init__(self, root: Path, use_cache: bool = True, drafts: bool = False):
        self.root = root
        self.drafts = drafts  # whether the site is built with the papers marked `draft`
        self.cache = ContentCache(root if use_cache else None)
        self.spill_dir = cache_dir(root) if use_cache else None
        # Compiled templates of this code only: Jinja keys them by their source, not by the
        # environment's options or the version that compiled them.
        self.bytecode_dir = versioned_folder(cache_dir(root) / "templates") if use_cache else None
        self.markup = None
        self.fragments = None
        """Made on the first build that renders a page (a build with nothing to render never
        imports Jinja2 or markdown-it)."""
        self.env = None
        self.env_key = ""
        """The environment is kept while templates and settings are unchanged (compiled once)."""
        self.planner = Planner()
        self.loaded: tuple[Registry, Catalog] | None = None
        """The last build's registry and catalog: an edit to a paper's text updates the catalog."""
        self.written: tuple[Path, dict[str, str]] | None = None
        """The output folder this builder wrote last and its manifest (the preview builds often)."""
        self.settled = False
        """Whether the last plan was written (then only its fresh pages can differ from `written`)."""
        self.manifest_dirty = False
        """Whether the preview has changed `written`'s folder since its manifest was written."""
        self.owed: dict[str, Page] = {}
        """Large downloads a preview build left to the background thread, by path."""
        self.lock = threading.RLock()
        """Held by a build, and by the background thread while it writes downloads or swaps in an index."""
        self.pending: _FollowUp | None = None
        self.follow_up: threading.Thread | None = None
        self.generation = 0
        """Counts builds: background work planned by an older build is dropped."""
        self.stopping = False
        """Set by `stop`: the background thread takes no more work."""
        self.indexing: PagefindRun | None = None
        """The search index the background thread is making, for `stop` to cancel."""

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

        `in_place` moves changed pages into `out` one by one (for the preview, where the site is
        large and one page changed); otherwise the whole folder is swapped at once.
        `papers_changed`: the paper file names that can have changed since this builder's last
        build, when a file watcher knows (None: look at every file). `stamp`: the digest of the
        inputs read before this build began (`stamp.input_stamp`), recorded once it is written.
        """
        with self.lock:
            return self._build(out, problems, base_url, site_url, in_place and out.is_dir(), papers_changed, stamp)

    def _build(self, out, problems, base_url, site_url, in_place, papers_changed, stamp) -> BuildResult | None:
        result = BuildResult()
        clock = [time.perf_counter()]

        def lap(phase: str) -> None:
            now = time.perf_counter()
            result.phases[phase] = result.phases.get(phase, 0.0) + now - clock[0]
            clock[0] = now

        self.generation += 1
        check_output_dir(out, self.root, problems)
        loaded = load_site(self.root, problems, base_url, site_url, self.cache, self.loaded, papers_changed, self.drafts)
        site = with_pictures(self.root, loaded, cache_dir(self.root) / "pictures", problems)
        if site is None:
            return None
        self.loaded = loaded
        lap("load")
        settled, self.settled = self.settled, False
        plan = self.planner.plan(site.catalog, site.digest, problems)
        if problems.errors:
            return None
        compared = self._compare(out, site, plan, settled)
        lap("plan")
        publish = self._publish_in_place if in_place else self._publish_swap
        deferred = publish(out, site, plan, compared, problems, lap)
        if deferred is None:
            return None
        lap("write")
        self.written = (out.resolve(), compared.manifest)
        self.settled = True
        if stamp is not None:
            record_stamp(self.root, out, stamp)
        result.pages = len(plan.pages)
        result.deferred_paths = [page.path for page in deferred]
        result.rendered_paths = [page.path for page in compared.changed if page.path not in set(result.deferred_paths)]
        return result

    def _compare(self, out: Path, site: Site, plan: Plan, settled: bool) -> _Compared:
        manifest = plan.manifest
        search_keys = search_parts(site, plan)
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
                changed = [p for p in plan.pages if previous.get(p.path) != manifest[p.path]]
        else:
            previous = read_manifest(out)
            # Strings, not Paths: a stat for every page of the site. A page that is a link, not
            # a file, is rendered again (linking it would publish its target).
            folder = os.fspath(out)
            changed = [p for p in plan.pages if previous.get(p.path) != manifest[p.path] or not _own_page(folder, p.path)]
        if not same_paths:
            same_paths = {p for p in previous if not is_search_key(p)} == {p for p in manifest if not is_search_key(p)}
        stale_parts = {
            folder: digest
            for folder, digest in search_keys.items()
            if previous.get(folder) != digest or not output_file(out, folder + "pagefind-entry.json").is_file()
        }
        return _Compared(manifest, previous, changed, search_keys, stale_parts, same_paths)

    def _publish_swap(self, out: Path, site: Site, plan: Plan, compared: _Compared, problems: Problems, lap) -> list[Page] | None:
        """A new folder: the changed pages rendered, the others linked from `out`, then swapped in."""
        self.owed = {}
        extra = extras_for(site.catalog.config.cname)
        if (
            not compared.changed
            and not compared.stale_parts
            and compared.same_paths
            and {path for path in compared.previous if is_search_key(path)} == compared.search_keys.keys()
            and up_to_date(out, extra, site.static)
        ):
            self.cache.save()
            return []  # nothing to write: the output (and its files' times) stays as it is
        staging = staging_dir(out)
        rendered = {page.path for page in compared.changed}
        try:
            link_pages(staging, out, [path for path in compared.manifest if path not in rendered and not is_search_key(path)])
            self._render(compared.changed, site, plan, staging, problems)
            if problems.errors:
                return None
            self.cache.save()
            lap("render")
            if compared.stale_parts:
                build_search_index(staging, staging / SEARCH_DIR, plan.paper_paths, set(compared.stale_parts), out / SEARCH_DIR)
            elif compared.search_keys:
                shutil.copytree(out / SEARCH_DIR, staging / SEARCH_DIR, copy_function=link_or_copy)
            complete_staging(staging, compared.manifest, extra, site.static)
            swap_in(staging, out)
        except SearchIndexError as exc:
            search_failed(exc, problems)
            return None
        finally:
            discard(staging)
        return []

    def _publish_in_place(self, out: Path, site: Site, plan: Plan, compared: _Compared, problems: Problems, lap) -> list[Page] | None:
        """The preview's: changed pages moved into `out` one by one; the large downloads and the
        search index follow in the background."""
        manifest, previous = compared.manifest, compared.previous
        deferred = [page for page in compared.changed if _is_large_download(page)]
        pages = [page for page in compared.changed if not _is_large_download(page)]
        deferred_digests = {}
        for page in deferred:  # recorded when the background thread has written them
            deferred_digests[page.path], manifest[page.path] = manifest[page.path], previous.get(page.path, "")
        self.owed = {page.path: page for page in deferred}
        staging = staging_dir(out)
        try:
            self._render(pages, site, plan, staging, problems)
            if problems.errors:
                return None
            lap("render")
            stale = [] if compared.same_paths else sorted(p for p in previous.keys() - manifest.keys() if not is_search_key(p))
            if not compared.search_keys and (out / SEARCH_DIR).is_dir():  # search was switched off
                shutil.rmtree(out / SEARCH_DIR)
            for folder in compared.stale_parts:  # pages first; the search index follows in the background
                manifest[folder] = previous.get(folder, "")
            if not self.manifest_dirty:
                # Written once per session, not per save (54,000 entries at 10,000 papers): until
                # `close()`, the folder says it holds nothing known, so a crash costs only time.
                write_manifest(out, {})
                self.manifest_dirty = True
            publish_in_place(staging, out, sorted(page.path for page in pages), stale, extras_for(site.catalog.config.cname), site.static)
        finally:
            discard(staging)
        if deferred or compared.stale_parts:
            self._queue_follow_up(_FollowUp(out, self.generation, site, plan, deferred, deferred_digests, compared.stale_parts))
        return deferred

    def _render(self, pages: list[Page], site: Site, plan: Plan, staging: Path, problems: Problems) -> None:
        if not pages:
            return
        from site_builder.fast.fragments import CachedFragments, MarkupCache  # Jinja2: only for a build that renders
        from site_builder.fast.parallel import render_pages
        from site_builder.render.jinja import make_environment

        if self.markup is None:
            self.markup, self.fragments = MarkupCache(self.cache.markup), CachedFragments(self.spill_dir)
        if self.env is None or self.env_key != plan.digests.site:
            if self.bytecode_dir is not None:
                self.bytecode_dir.mkdir(parents=True, exist_ok=True)
            self.env = make_environment(self.root, site.urls, site.catalog, self.markup, self.fragments, self.bytecode_dir)
            self.env_key = plan.digests.site
        self.env.globals["catalog"].catalog = site.catalog
        self.env.globals["pictures"].clear()
        self.env.globals["pictures"].update(site.pictures)
        self.fragments.bind(self.env, plan.digests.papers)
        render_pages(self.env, pages, staging, self.markup, problems)
        self.cache.add_markup(self.markup.added)
        self.markup.added = {}

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
                if job is None or self.stopping:
                    return
                if job.downloads and job.generation == self.generation:
                    self._write_downloads(job)
            if job.search:
                self._index_search(job.out, job.search, job.plan.paper_paths)

    def _write_downloads(self, job: _FollowUp) -> None:
        problems = Problems()
        staging = staging_dir(job.out)
        try:
            self._render(job.downloads, job.site, job.plan, staging, problems)
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
        with self.lock:
            if self.stopping:
                return
            self.indexing = PagefindRun(out, fresh, paper_paths, set(parts), out / SEARCH_DIR)
        try:
            self.indexing.start()
            self.indexing.finish()
        except (SearchIndexError, OSError) as exc:
            if not self.stopping:
                print(f"pagefind: error: the search index failed: {exc}", file=sys.stderr, flush=True)
            shutil.rmtree(fresh, ignore_errors=True)
            return
        finally:
            self.indexing = None
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
        self._save()

    def stop(self) -> None:
        """End a preview session now (Ctrl-C): a search index still being made is abandoned, and
        the manifest saved says so (its parts keep the digests of the index the folder has), so
        the next build makes it. Large downloads being written are finished first."""
        with self.lock:
            self.stopping = True
            if self.indexing is not None:
                self.indexing.cancel()
        self.wait_for_background()
        self._save()

    def _save(self) -> None:
        with self.lock:
            if self.manifest_dirty and self.written is not None:
                write_manifest(*self.written, list(extras_for(self.loaded[1].config.cname)) if self.loaded else None)
                self.manifest_dirty = False
            self.cache.save()


def build_site(
    root: Path, out: Path, problems: Problems, base_url: str | None = None, site_url: str | None = None, stamp: str | None = None
) -> BuildResult | None:
    """Build the site at `root` into `out` once, as the command line's `build` does."""
    return Builder(root).build(out, problems, base_url, site_url, stamp=stamp)
