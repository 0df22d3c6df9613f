"""`site-builder build`: load everything, plan, render, then write. I/O at the edges only."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder.catalog import Catalog, build_catalog
from site_builder.config import load_config, normalize_base_url
from site_builder.content import load_papers
from site_builder.errors import Problems, SourceLocation
from site_builder.output import check_output_dir, copy_static, discard, publish, staging_dir
from site_builder.pages import plan_pages
from site_builder.registry import load_registry
from site_builder.render import make_environment, render_page
from site_builder.urls import UnsafePath, UrlScheme, output_file


@dataclass
class BuildResult:
    pages: int = 0
    static_files: int = 0
    phases: dict[str, float] = field(default_factory=dict)
    """Seconds spent in each phase: load, plan, render, write."""


def load_site(root: Path, problems: Problems, base_url: str | None = None, site_url: str | None = None) -> Catalog | None:
    config = load_config(root, problems)
    if base_url is not None:
        config = replace(config, base_url=normalize_base_url(base_url))
    if site_url is not None:
        config = replace(config, url=site_url.strip().rstrip("/"))
    registry = load_registry(root, problems)
    papers = load_papers(root, problems)
    if problems.errors:
        return None
    return build_catalog(config, registry, papers)


def build_site(root: Path, out: Path, problems: Problems, base_url: str | None = None, site_url: str | None = None) -> BuildResult | None:
    """Build the site at `root` into `out`; None (and `out` untouched) when there are errors."""
    result = BuildResult()
    clock = time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result.phases[phase] = now - clock
        clock = now

    check_output_dir(out, root, problems)
    if not (root / "templates").is_dir():
        problems.error(SourceLocation("templates/"), "the site has no templates folder", "copy templates/ from the site_builder repository")
    catalog = load_site(root, problems, base_url, site_url)
    if catalog is None or problems.errors:
        return None
    lap("load")

    pages = plan_pages(catalog, problems)
    if problems.errors:
        return None
    urls = UrlScheme(catalog.config.base_url, catalog.config.url)
    sitemap = [p.path for p in pages if p.in_sitemap]
    env = make_environment(root / "templates", urls, catalog, sitemap)
    lap("plan")

    rendered: dict[str, str] = {}
    for page in pages:
        text = render_page(env, page, problems)
        if text is not None:
            rendered[page.path] = text
    if problems.errors:
        return None
    lap("render")

    staging = staging_dir(out)
    try:
        for path, text in rendered.items():
            try:
                target = output_file(staging, path)
            except UnsafePath as exc:
                problems.error(SourceLocation(path), str(exc), "use a plain slug")
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        (staging / ".nojekyll").write_bytes(b"")
        if catalog.config.cname:
            (staging / "CNAME").write_text(catalog.config.cname + "\n", encoding="utf-8")
        result.static_files = copy_static(root / "static", staging)
        if problems.errors:
            discard(staging)
            return None
        publish(staging, out)
    except BaseException:
        discard(staging)
        raise
    lap("write")
    result.pages = len(rendered)
    return result
