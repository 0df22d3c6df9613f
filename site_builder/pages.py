"""Plans every page of the site: its path, template and context. Two pages on one path is an error."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from site_builder.catalog import Catalog
from site_builder.errors import Problems, SourceLocation
from site_builder.urls import path_for


@dataclass(frozen=True, slots=True)
class Page:
    path: str
    """Site path: `""`, `papers/x/`, `sitemap.xml`."""
    template: str
    source: str
    """What this page comes from, for messages: a content file or a site-wide listing."""
    context: dict[str, Any] = field(default_factory=dict)
    in_sitemap: bool = True


def plan_pages(catalog: Catalog, problems: Problems) -> list[Page]:
    pages = [
        Page("", "home.html", "the home page", {"papers": catalog.papers}),
        Page(path_for("authors"), "authors.html", "the author index", {}),
        Page(path_for("topics"), "topics.html", "the topic index", {}),
        Page(path_for("404"), "404.html", "the not-found page", {}, in_sitemap=False),
    ]
    for paper in catalog.papers:
        pages.append(Page(path_for(paper), "paper.html", paper.source_path or paper.slug, {"paper": paper}))
    for author in catalog.authors:
        pages.append(
            Page(
                path_for(author),
                "author.html",
                f"author {author.name!r}",
                {"author": author, "papers": catalog.papers_by_author[author.slug], "coauthors": catalog.coauthors.get(author.slug, ())},
            )
        )
    for topic in catalog.topics:
        pages.append(
            Page(path_for(topic), "topic.html", f"topic {topic.name!r}", {"topic": topic, "papers": catalog.papers_by_topic[topic.slug]})
        )
    for year in catalog.years:
        pages.append(Page(path_for(year), "year.html", f"year {year}", {"year": year, "papers": catalog.papers_by_year[year]}))
    pages.append(Page("sitemap.xml", "sitemap.xml", "the sitemap", {}, in_sitemap=False))
    pages.append(Page("robots.txt", "robots.txt", "robots.txt", {}, in_sitemap=False))

    owners: dict[str, Page] = {}
    for page in pages:
        if page.path in owners:
            problems.error(
                SourceLocation(page.source),
                f"two pages on one URL /{page.path}: {owners[page.path].source} and {page.source}",
                "rename one of them",
            )
        else:
            owners[page.path] = page
    return pages
