"""What a site folder must hold before a build: reported, each missing part named, so that a
folder that is not a site (or a broken install) never builds half a site."""

from __future__ import annotations

from pathlib import Path

from site_builder.errors import Problems, SourceLocation
from site_builder.render.theme import default_theme, template_dirs
from site_builder.source.config import CONFIG_FILE
from site_builder.source.content import PAPERS_DIR

PAGE_TEMPLATES = ("base.html", "home.html", "paper.html", "author.html", "authors.html", "topic.html", "topics.html", "year.html")
"""Templates every site renders with (the theme's or the site's own)."""


def check_site_folder(root: Path, problems: Problems) -> None:
    """Report every part of the site folder at `root` that a build needs and cannot find."""
    if not (root / CONFIG_FILE).is_file():
        return  # loading the settings says so, with how to fix it
    papers = root / PAPERS_DIR
    if not papers.is_dir():
        problems.error(
            SourceLocation(f"{PAPERS_DIR}/"),
            "the site has no papers folder",
            "create the folder (empty is fine), or start a site with `site-builder new DIR`",
        )
    theme = default_theme()
    if not (theme / "templates").is_dir() or not (theme / "static").is_dir():
        problems.error(
            SourceLocation(str(theme)),
            "site_builder's default theme is missing",
            "reinstall site_builder: pip install --force-reinstall site-builder",
        )
        return
    folders = template_dirs(root)
    for name in PAGE_TEMPLATES:
        if not any((folder / name).is_file() for folder in folders):
            problems.error(
                SourceLocation(f"templates/{name}"), "template not found", f"`site-builder theme copy templates/{name}` restores it"
            )
