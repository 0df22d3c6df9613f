"""The one Jinja2 environment (strict undefined, autoescape, filters registered in one place)
and rendering pages into files, one after another (the speed layer's `fast.parallel` renders
them in worker processes)."""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import jinja2
import orjson
from markupsafe import Markup, escape

from site_builder.citations import scholar
from site_builder.citations.exports import csl_json
from site_builder.errors import Problem, Problems, SourceLocation
from site_builder.output.fileops import PageWriter
from site_builder.render.fragments import Fragments
from site_builder.render.markup import plain_abstract, plain_title, render_markup, title_html
from site_builder.render.theme import CUSTOM_CSS, ThemeLoader, has_custom_css
from site_builder.site.catalog import Catalog
from site_builder.site.pages import Page
from site_builder.site.published import published_in
from site_builder.site.urls import UnsafePath, UrlScheme, bib_path, feed_path, output_file
from site_builder.site.venues import venue_badge
from site_builder.source.config import CITATION_FILES
from site_builder.text import dates
from site_builder.text.arxiv_categories import category_name, full_code
from site_builder.text.links import paper_buttons
from site_builder.text.names import collaboration_name


def plain_markup(text: str) -> Markup:
    """An abstract rendered afresh (the speed layer's `MarkupCache` keeps them)."""
    return Markup(render_markup(text))


class Macros:
    """What templates see as `m`: the macros of `_macros.html` (the site's own when it has one).

    The same module an `{% import "_macros.html" as m %}` gives, without the import's cost on
    every page (Jinja compares the page's globals with the module's each time it imports).
    """

    __slots__ = ("env", "module")

    def __init__(self, env: jinja2.Environment):
        self.env, self.module = env, None

    def __getattr__(self, name: str):
        if self.module is None:
            self.module = self.env.get_template("_macros.html").module
        return getattr(self.module, name)


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
    as `</script>` inside a title cannot end the block. orjson writes what `json.dumps` would
    with sorted keys and no spaces, in a tenth of the time."""
    text = orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode()
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _arxiv_id(paper) -> str:
    if paper.arxiv:
        return paper.arxiv
    for url in paper.links.values():
        match = re.search(r"arxiv\.org/(?:abs|pdf)/([\w.\-/]+?)(?:v\d+)?(?:\.pdf)?$", url)
        if match:
            return match.group(1)
    return ""


def _arxiv_subject(code: str) -> str:
    """A category as arXiv's pages name it (`Computer Vision and Pattern Recognition (cs.CV)`);
    a code arXiv does not know, as written."""
    full = full_code(code)
    return f"{category_name(full)} ({full})" if full else code


def _scholarly_article(paper, catalog: Catalog, urls: UrlScheme, abstract: str) -> dict:
    article = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": plain_title(paper.title),
        "name": plain_title(paper.title),
        "datePublished": str(paper.venue_year) if paper.venue_year else dates.iso(paper.date, paper.date_precision),
        "url": urls.absolute_for(paper),
        "author": [
            {"@type": "Person", "name": a.name, **({"url": urls.absolute_for(a)} if a.page else {})} for a in catalog.listed_authors(paper)
        ],
        "about": [t.name for t in catalog.topics_of[paper.slug]],
    }
    if abstract:
        article["abstract"] = abstract
    if paper.doi:
        article["sameAs"] = f"https://doi.org/{paper.doi}"
    if paper.type == "patent":  # no article, and its venue is its number
        article["@type"] = "CreativeWork"
        if paper.patent_number:
            article["identifier"] = paper.patent_number
    elif paper.venue:
        article["isPartOf"] = {"@type": "PublicationEvent", "name": paper.venue}
    if paper.award:
        article["award"] = paper.award_details or paper.award
    return article


def _author_marks(paper, authors: tuple) -> dict[str, str]:
    """Author slug -> the marks shown after the name: `*` equal contribution, `✉` corresponding."""
    if not (paper.equal_contribution or paper.corresponding):
        return {}
    marks = {}
    for name, author in zip(paper.authors, authors, strict=True):
        mark = ("*" if name in paper.equal_contribution else "") + ("✉" if name in paper.corresponding else "")
        if mark:
            marks[author.slug] = mark
    return marks


def _long_date(paper) -> str:
    return dates.long_form(paper.date, paper.date_precision)


def _iso_date(paper) -> str:
    return dates.iso(paper.date, paper.date_precision)


def _scholar_date(paper) -> str:
    """Google Scholar's `citation_publication_date`: the published version's year when known."""
    return str(paper.venue_year) if paper.venue_year else dates.slashed(paper.date, paper.date_precision)


_PLAIN_CALLABLES = frozenset({types.FunctionType, types.MethodType, types.BuiltinFunctionType, jinja2.runtime.Macro})
"""Callables whose `jinja_pass_arg` (set by `pass_context` and its kin) is their own attribute:
functions, bound methods, built-ins and macros. A callable object of any other type may carry it
on its `__call__`, which only Jinja's own `Context.call` looks for."""


try:
    from markupsafe._speedups import _escape_inner  # markupsafe's own C escaping, without the Markup around it
except ImportError:  # a markupsafe without its C speedups, or one that renamed them

    def _escape_inner(text: str) -> str:
        return str(escape(text))


def _escape_output(value) -> str:
    """What `{{ value }}` writes: markupsafe's `escape`, the same characters, as a plain string.
    An output expression's value is only ever joined into the page (a macro's or a block's text
    is made Markup again when it is done), so wrapping each one in `Markup`, as `escape` does,
    is work nobody reads: about a million values at 10,000 papers (see docs/benchmarks.md)."""
    if type(value) is str:
        return _escape_inner(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape_inner(str(value))


class _Context(jinja2.runtime.Context):
    @jinja2.utils.internalcode
    def call(__self, __obj, *args, **kwargs):
        """Every call in a template comes through here. Jinja's own asks each callable three
        times whether it wants the context passed in; a function, method or macro is asked once,
        and one without `pass_context` (every one the default theme calls) is called at once.
        Anything else goes the usual way. (`__self`, `__obj`: Jinja's names, which leave a
        template free to pass `self=` or `obj=`.)"""
        if type(__obj) in _PLAIN_CALLABLES and not hasattr(__obj, "jinja_pass_arg"):
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined("value was undefined because a callable raised a StopIteration exception")
        return super().call(__obj, *args, **kwargs)


class _Template(jinja2.Template):
    @classmethod
    def from_code(cls, environment, code, globals, uptodate=None):
        """The compiled template, its output expressions escaped by `_escape_output`: the name
        `escape` in the module Jinja compiled is the one its `{{ … }}` call."""
        template = super().from_code(environment, code, globals, uptodate)
        template.root_render_func.__globals__["escape"] = _escape_output
        return template


class _Environment(jinja2.Environment):
    context_class = _Context
    template_class = _Template

    def make_globals(self, d):
        """A template's globals as a plain dict, not Jinja's `ChainMap` over the environment's:
        each render copies them, and a `ChainMap` is copied key by key in Python (a fifth of a
        small page's time). `make_environment` sets every global before a template loads."""
        return {**self.globals, **(d or {})}


def make_environment(
    root: Path,
    urls: UrlScheme,
    catalog: Catalog,
    markup: Callable[[str], Markup],
    fragments: Fragments,
    bytecode_dir: Path | None = None,
    pictures: dict | None = None,
) -> jinja2.Environment:
    env = _Environment(
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
        plain=plain_abstract,
        long_date=_long_date,
        iso_date=_iso_date,
        scholar_date=_scholar_date,
        jsonld=_jsonld,
        link=urls.link,
        title_html=lambda title: Markup(title_html(title)),
        plain_title=plain_title,
        collaboration_name=collaboration_name,
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
        abstract_text=fragments.abstract_text,
        arxiv_id=_arxiv_id,
        arxiv_subject=_arxiv_subject,
        scholar_venue_tag=scholar.venue_tag,
        scholar_facts=scholar.facts,
        scholarly_article=lambda paper: _scholarly_article(paper, env.globals["catalog"], urls, fragments.abstract_text(paper)),
        venue_badge=lambda paper: venue_badge(paper, env.globals["catalog"].config.venues),
        published_in=published_in,
        author_marks=lambda paper: _author_marks(paper, env.globals["catalog"].listed_authors(paper)),
        paper_buttons=paper_buttons,
        pictures=pictures if pictures is not None else {},  # one dict for the environment's life: macros keep it
        custom_css=CUSTOM_CSS if has_custom_css(root) else "",
        m=Macros(env),
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


def render_into(env: jinja2.Environment, page: Page, staging: Path, problems: Problems, write: PageWriter) -> None:
    """Render `page` and have `write` put it in its file under `staging`."""
    text = render_page(env, page, problems)
    if text is None:
        return
    try:
        target = output_file(staging, page.path)
    except UnsafePath as exc:
        problems.error(SourceLocation(page.source), str(exc), "use a plain slug")
        return
    write(target, text)


def render_in_order(env: jinja2.Environment, pages: Sequence[Page], staging: Path, problems: Problems) -> None:
    """Render `pages` into files under `staging`, one after another, in this process."""
    found: list[Problem] = []
    write = PageWriter()
    for page in pages:
        page_problems = Problems()
        render_into(env, page, staging, page_problems, write)
        found += page_problems.items
    report_once(found, problems)


def report_once(found: Iterable[Problem], problems: Problems) -> None:
    """Add `found` (in the plan's order) to `problems`, one template mistake once however many
    pages it broke."""
    same_error: dict[tuple, list[Problem]] = {}
    for problem in found:
        same_error.setdefault((problem.location, problem.message), []).append(problem)
    for group in same_error.values():
        first = group[0]
        hint = f"{first.hint} and {len(group) - 1} more" if len(group) > 1 else first.hint
        problems.items.append(Problem(first.location, first.message, hint, first.severity))
