"""The reference build, in the five steps anyone can follow: load the site, plan every page,
render each one, write a staging folder, swap it in.

It keeps nothing between builds and renders every page in one process: what it writes is, by
definition, the site. The speed layer (`site_builder.fast`) goes through the same steps with
what it remembers, and a property test holds it to the same bytes.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder.code import code_digest
from site_builder.errors import Problems, SourceLocation
from site_builder.output.folder import check_output_dir, complete_staging, discard, extras_for, staging_dir, swap_in
from site_builder.output.search import SEARCH_DIR, SearchIndexError, build_search_index, index_digests
from site_builder.render.images import Picture, prepare_pictures
from site_builder.render.theme import has_custom_css, theme_files
from site_builder.site.catalog import Catalog, build_catalog, update_catalog
from site_builder.site.pages import Plan, plan_site
from site_builder.site.urls import UrlScheme
from site_builder.source.config import load_config, normalize_base_url
from site_builder.source.content import load_papers
from site_builder.source.registry import Registry, load_registry
from site_builder.source.sitefolder import check_site_folder
from site_builder.source.sitepages import load_site_pages


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


@dataclass
class Site:
    """Everything a build reads, loaded and checked."""

    root: Path
    registry: Registry
    catalog: Catalog
    pictures: dict[str, Picture]
    """Resized photos and teasers by key (`images.prepare_pictures`), for the templates."""
    static: dict[str, Path]
    """Files published under `static/`, by name: the theme's, the site's own, the pictures."""
    digest: str
    """What every page depends on: templates, settings and site-wide facts (`site_digest`)."""

    @property
    def urls(self) -> UrlScheme:
        return UrlScheme(self.catalog.config.base_url, self.catalog.config.url)


def load_site(
    root: Path,
    problems: Problems,
    base_url: str | None = None,
    site_url: str | None = None,
    cache=None,
    previous: tuple[Registry, Catalog] | None = None,
    papers_changed: set[str] | None = None,
    drafts: bool = False,
) -> tuple[Registry, Catalog] | None:
    """The site's registry and catalog, or None when there are errors. Papers marked `draft`
    are left out unless `drafts` (every file is still read and checked). The speed layer passes
    its content `cache`, the `previous` build's registry and catalog (updated in place after a
    text edit) and the paper files its watcher saw change (see `load_papers`)."""
    check_site_folder(root, problems)
    config = load_config(root, problems)
    if base_url is not None:
        config = replace(config, base_url=normalize_base_url(base_url))
    if site_url is not None:
        config = replace(config, url=site_url.strip().rstrip("/"))
    registry = load_registry(root, problems)
    papers = [paper for paper in load_papers(root, problems, cache, papers_changed) if drafts or not paper.draft]
    site_pages, intro = load_site_pages(root, problems)
    if problems.errors:
        return None
    if previous is not None and (previous[0], previous[1].config, previous[1].site_pages) == (registry, config, site_pages):
        catalog = update_catalog(previous[1], papers)
        if catalog is not None and catalog.intro == (intro or config.intro):
            return registry, catalog
    return registry, build_catalog(config, registry, papers, site_pages, intro)


def with_pictures(root: Path, loaded: tuple[Registry, Catalog] | None, picture_dir: Path, problems: Problems) -> Site | None:
    """The loaded site with its pictures resized into `picture_dir` and its static files named;
    None when loading failed or there are errors."""
    if loaded is None or problems.errors:
        return None
    registry, catalog = loaded
    pictures, picture_files = prepare_pictures(root, catalog, picture_dir, problems)
    if problems.errors:
        return None
    return Site(root, registry, catalog, pictures, theme_files("static", root) | picture_files, site_digest(root, catalog, pictures))


def site_digest(root: Path, catalog: Catalog, pictures: dict[str, Picture]) -> str:
    """What every page depends on: site_builder's own code, templates, settings, the site-wide
    facts in the layout, the pictures' names and sizes and whether the site has its own
    stylesheet (`theme.CUSTOM_CSS`) to link."""
    digest = hashlib.blake2b(code_digest(), digest_size=16)
    for name, path in theme_files("templates", root).items():
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    nav = [(p.slug, p.title, p.nav) for p in catalog.site_pages]
    facts = (catalog.config, catalog.years, len(catalog.papers), sorted(pictures.items()), nav, has_custom_css(root))
    digest.update(repr(facts).encode())
    return digest.hexdigest()


def render_all(site: Site, plan: Plan, staging: Path, problems: Problems) -> None:
    """Every page of the plan into `staging`, one after another, each fragment made afresh."""
    from site_builder.render.fragments import Fragments  # Jinja2: only to render
    from site_builder.render.jinja import make_environment, plain_markup, render_in_order

    fragments = Fragments()
    env = make_environment(site.root, site.urls, site.catalog, plain_markup, fragments, pictures=dict(site.pictures))
    fragments.bind(env, plan.digests.papers)
    render_in_order(env, plan.pages, staging, problems)


def search_parts(site: Site, plan: Plan) -> dict[str, str]:
    """Folder of each part of the search index -> a digest of the paper pages it indexes (none
    when the site has no search); recorded in the manifest beside the pages' digests."""
    if not site.catalog.config.search:
        return {}
    return index_digests({path: plan.manifest[path] for path in plan.paper_paths}, site.catalog.config.base_url)


def index_search(site: Site, plan: Plan, staging: Path, problems: Problems) -> None:
    """The search index of the paper pages in `staging`, when the site has search."""
    if not site.catalog.config.search:
        return
    try:
        build_search_index(staging, staging / SEARCH_DIR, plan.paper_paths)
    except SearchIndexError as exc:
        search_failed(exc, problems)


def search_failed(exc: SearchIndexError, problems: Problems) -> None:
    problems.error(SourceLocation("pagefind"), f"the search index failed: {exc}", "reinstall with `pip install .` (pagefind)")


def build_reference(
    root: Path, out: Path, problems: Problems, base_url: str | None = None, site_url: str | None = None, drafts: bool = False
) -> BuildResult | None:
    """Build the site at `root` into `out`: load → plan → render → write → swap. None, and `out`
    untouched, when there are problems. `drafts`: with the papers marked `draft`."""
    check_output_dir(out, root, problems)
    with tempfile.TemporaryDirectory(prefix="site-builder-pictures-") as picture_dir:
        loaded = load_site(root, problems, base_url, site_url, drafts=drafts)
        site = with_pictures(root, loaded, Path(picture_dir), problems)
        plan = plan_site(site.catalog, site.digest, problems) if site is not None else None
        if plan is None or problems.errors:
            return None
        staging = staging_dir(out)
        try:
            render_all(site, plan, staging, problems)
            if not problems.errors:
                index_search(site, plan, staging, problems)
            if problems.errors:
                return None
            complete_staging(staging, plan.manifest | search_parts(site, plan), extras_for(site.catalog.config.cname), site.static)
            swap_in(staging, out)
        finally:
            discard(staging)  # gone already once swapped in
    return BuildResult(pages=len(plan.pages), rendered_paths=[page.path for page in plan.pages])
