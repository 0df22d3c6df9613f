"""`site-builder new DIR`: a clean site folder of a lab's own, from the files in `starter_site/`."""

from __future__ import annotations

import json
import os
from pathlib import Path

from site_builder import __version__
from site_builder.output.atomic import write_atomic
from site_builder.source.content import PAPERS_DIR

STARTER = Path(__file__).parent / "starter_site"
_HIDDEN = {"gitignore": ".gitignore", "github": ".github"}
"""Starter files kept under plain names in the package (dot-files are easily left out of a
wheel), and the names they get in the site."""


class FolderNotEmpty(Exception):
    """The target folder already holds files (and `force` was not given)."""


def installed_requirement() -> tuple[str, str]:
    """The line by which the new site's `requirements.txt` names site_builder, so that the GitHub
    workflow installs the site_builder building it here: the git commit or the archive it was
    installed from (pip records it, PEP 610), else this release from PyPI. And, when it came from
    a folder or a file of this machine, which GitHub cannot reach, what to do about it ("" when
    nothing)."""
    from importlib.metadata import PackageNotFoundError, distribution

    release = f"site-builder=={__version__}"
    try:
        record = json.loads(distribution("site-builder").read_text("direct_url.json") or "{}")
    except (PackageNotFoundError, ValueError):
        record = {}
    url, vcs = record.get("url", ""), record.get("vcs_info", {})
    if url.startswith("https://") and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return f"site-builder @ git+{url}@{vcs['commit_id']}", ""
    if url.startswith("https://") and "archive_info" in record:
        return f"site-builder @ {url}", ""
    if url.startswith("file:"):
        return release, (
            f"site_builder is installed from {url.removeprefix('file://')}, which GitHub cannot reach: requirements.txt "
            f"names the release {__version__} from PyPI; write where your lab gets site_builder there instead "
            "(`site-builder @ git+https://…@commit`)"
        )
    return release, ""


def starter_files(title: str, requirement: str | None = None) -> dict[str, str]:
    """The new site's files, by their path in the site, with the title and the site_builder
    requirement (`installed_requirement` by default) filled in."""
    requirement = requirement or installed_requirement()[0]
    files = {}
    for path in sorted(STARTER.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            relative = path.relative_to(STARTER).as_posix()
            first, _, rest = relative.partition("/")
            name = _HIDDEN.get(first, first) + (f"/{rest}" if rest else "")
            text = path.read_text(encoding="utf-8")
            # JSON strings are YAML strings: a title with a colon or a quote stays one string.
            title_here = json.dumps(title, ensure_ascii=False) if name == "site.yaml" else title
            files[name] = text.replace("__TITLE__", title_here).replace("__REQUIREMENT__", requirement)
    return files


def create_site(folder: Path, title: str, force: bool = False, requirement: str | None = None) -> list[str]:
    """Write a new site into `folder` and return the paths written. A folder that holds
    anything is refused unless `force`; even then, no file already there is replaced.
    `requirement`: see `starter_files`."""
    if folder.exists() and not folder.is_dir():
        raise FolderNotEmpty(f"{folder} is a file")
    present = folder.is_dir() and any(folder.iterdir())
    if present and not force:
        raise FolderNotEmpty(f"{folder} is not empty")
    written = []
    for name, text in starter_files(title, requirement).items():
        target = folder / name
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text.encode())
        written.append(name)
    os.makedirs(folder / PAPERS_DIR, exist_ok=True)
    return written
