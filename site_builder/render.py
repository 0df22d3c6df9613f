"""The one Jinja2 environment: strict undefined, autoescape, filters registered in one place."""

from __future__ import annotations

from pathlib import Path

import jinja2

from site_builder.catalog import Catalog
from site_builder.errors import Problems, SourceLocation
from site_builder.markup import plain_text, render_markup
from site_builder.pages import Page
from site_builder.urls import UrlScheme


def _long_date(value) -> str:
    return f"{value:%B} {value.day}, {value.year}"


def make_environment(templates: Path, urls: UrlScheme, catalog: Catalog, sitemap: list[str]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        markup=lambda text: jinja2.utils.markupsafe.Markup(render_markup(text)),
        plain=plain_text,
        long_date=_long_date,
        iso_date=lambda value: value.isoformat(),
    )
    env.globals.update(
        site=catalog.config,
        catalog=catalog,
        url_for=urls.url_for,
        href=urls.href,
        asset=urls.asset,
        absolute=urls.absolute,
        sitemap_paths=sitemap,
    )
    return env


def render_page(env: jinja2.Environment, page: Page, problems: Problems) -> str | None:
    try:
        return env.get_template(page.template).render(page=page, **page.context)
    except jinja2.TemplateSyntaxError as exc:
        problems.error(
            SourceLocation(f"templates/{exc.name or page.template}", exc.lineno),
            f"template syntax error: {exc.message}",
            "fix the template",
        )
    except jinja2.TemplateNotFound as exc:
        problems.error(SourceLocation(f"templates/{page.template}"), f"template not found: {exc.name}", "restore it in templates/")
    except jinja2.UndefinedError as exc:
        problems.error(
            SourceLocation(f"templates/{page.template}", _template_line(exc)),
            f"template error: {exc.message}",
            f"while rendering {page.source}",
        )
    except Exception as exc:  # a template can call anything; report it like a user's error, not a crash
        problems.error(
            SourceLocation(f"templates/{page.template}", _template_line(exc)), f"template error: {exc}", f"while rendering {page.source}"
        )
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
