"""The theme a site is built with: the default templates and static files installed with
site_builder, each overridden by a file of the same name in the site's own `templates/` or
`static/` (as Hugo and MkDocs themes are)."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2

_PACKAGE = Path(__file__).parent.parent
_INSTALLED = _PACKAGE / "theme"
"""Where a wheel puts the default theme (pyproject.toml maps the top-level folders there)."""
_CHECKOUT = _PACKAGE.parent
"""A source checkout (or an editable install of one): the top-level `templates/` and `static/`."""

KINDS = ("templates", "static")

CUSTOM_CSS = "custom.css"
"""A stylesheet of the site's own in `static/`, linked after the theme's on every page: a lab
changes the theme's colours and fonts (its custom properties) there, and the rest of the
stylesheet goes on following site_builder's."""


def has_custom_css(root: Path) -> bool:
    return (root / "static" / CUSTOM_CSS).is_file()


def default_theme() -> Path:
    """The folder that holds the default `templates/` and `static/`."""
    return _INSTALLED if (_INSTALLED / "templates").is_dir() else _CHECKOUT


def template_dirs(root: Path) -> list[Path]:
    """Where templates are looked up, the site's own first."""
    dirs = [root / "templates", default_theme() / "templates"]
    return [d for i, d in enumerate(dirs) if d.is_dir() and d.resolve() not in {e.resolve() for e in dirs[:i]}]


class ThemeLoader(jinja2.FileSystemLoader):
    """Jinja's loader over `template_dirs(root)`, which also says where a template came from."""

    def __init__(self, root: Path):
        self.root = root
        super().__init__([str(folder) for folder in template_dirs(root)])

    def shown(self, name: str) -> str:
        """The template's file as an error message names it: `templates/x.html` for the site's
        own, the full path for the default theme's."""
        for folder in self.searchpath:
            path = Path(folder) / name
            if path.is_file():
                return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)
        return f"templates/{name}"


def files_under(folder: Path) -> dict[str, Path]:
    """Every file under `folder` (none when it is missing), by its path relative to it, in order."""
    if not folder.is_dir():
        return {}
    return {path.relative_to(folder).as_posix(): path for path in sorted(folder.rglob("*")) if path.is_file()}


def theme_files(kind: str, root: Path) -> dict[str, Path]:
    """Every file of `kind` (templates or static) the site is built with, by its relative path:
    the default theme's, with the site's own in place of those of the same name."""
    return files_under(default_theme() / kind) | files_under(root / kind)


def default_names() -> list[str]:
    """The default theme's files as `templates/x.html`, `static/x`: what `theme copy` takes."""
    return [f"{kind}/{name}" for kind in KINDS for name in files_under(default_theme() / kind)]


def _known_name(name: str, known: list[str]) -> str | None:
    """`templates/paper.html`, or just `paper.html` / `style.css` when that names one file."""
    name = name.strip().strip("/")
    if name in known:
        return name
    matches = [k for k in known if k.split("/", 1)[1] == name]
    return matches[0] if len(matches) == 1 else None


def copy_default(root: Path, names: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Copy these default theme files (all when `names` is empty) into the site, keeping any
    the site already has. Returns the names (copied, kept, unknown)."""
    known = default_names()
    copied, kept, unknown = [], [], []
    for asked in names or known:
        name = _known_name(asked, known)
        if name is None:
            unknown.append(asked)
        elif (root / name).exists():
            kept.append(name)
        else:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(default_theme() / name, root / name)
            copied.append(name)
    return copied, kept, unknown
