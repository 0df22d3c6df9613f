"""Shared fixtures: the shipped site copied to a temp folder, built, and served over HTTP."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from site_builder.errors import Problems
from site_builder.fast.incremental import build_site

REPO = Path(__file__).resolve().parents[1]
SEED_LISTING = REPO / "seed" / "listing.txt"
SEED_BIB = REPO / "seed" / "lab.bib"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
"""The Nu Html Checker, from npm (`npm ci`, which `make test` runs)."""


def require_tool(path: Path) -> None:
    """Skip (fail on CI) when a test tool installed by `npm ci` is missing."""
    if not path.is_file():
        message = f"{path.relative_to(REPO)} is missing: run `npm ci` (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


BIBTEX = shutil.which("bibtex")


PDFLATEX = shutil.which("pdflatex")


def latex_errors(folder: Path, bib: Path, style: str = "plain") -> list[str]:
    """pdfLaTeX's errors for a document citing every entry of `bib` (T1 fonts, as most documents
    have; draft mode, so no font is made): empty when it compiles. Skipped where `pdflatex` is
    missing, failed on CI (`.ci/run` installs Debian's texlive-latex-base)."""
    if PDFLATEX is None or BIBTEX is None:
        message = "no `pdflatex` or `bibtex`: install Debian's texlive-latex-base (.ci/run does)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    shutil.copy(bib, folder / "cited.bib")
    document = f"\\documentclass{{article}}\\usepackage[T1]{{fontenc}}\\begin{{document}}\\nocite{{*}}\\bibliographystyle{{{style}}}\\bibliography{{cited}}\\end{{document}}\n"
    (folder / "cites.tex").write_text(document, encoding="utf-8")
    latex = [PDFLATEX, "-draftmode", "-interaction=nonstopmode", "cites"]
    subprocess.run(latex, cwd=folder, capture_output=True, check=False)
    subprocess.run([BIBTEX, "cites"], cwd=folder, capture_output=True, check=False)
    subprocess.run(latex, cwd=folder, capture_output=True, check=False)
    log = (folder / "cites.log").read_text(encoding="utf-8", errors="replace")
    return [line for line in log.splitlines() if line.startswith("!")]


def bibtex_bbl(folder: Path, bib: Path, keys: list[str], style: str = "plain") -> str:
    """What BibTeX itself writes (the `.bbl`) for `keys` of `bib` in `style`: skipped where
    `bibtex` is missing, failed on CI (`.ci/run` installs it)."""
    if BIBTEX is None:
        message = "no `bibtex`: install Debian's texlive-binaries and texlive-base (.ci/run does)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    shutil.copy(bib, folder / "refs.bib")
    (folder / "refs.aux").write_text("".join(f"\\citation{{{k}}}\n" for k in keys) + f"\\bibstyle{{{style}}}\n\\bibdata{{refs}}\n")
    done = subprocess.run([BIBTEX, "refs"], cwd=folder, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stdout  # 1: warnings, such as an entry without a year
    return (folder / "refs.bbl").read_text(encoding="utf-8")


def nu_errors(pages: list[Path]) -> str:
    """The Nu Html Checker's errors for these HTML files (empty when they are valid)."""
    require_tool(VNU)
    java = shutil.which("java")
    assert java, "the Nu checker needs Java (apt-get install default-jre-headless)"
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", *map(str, pages)], capture_output=True, text=True)
    return done.stderr if done.returncode else ""


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by its path relative to it, with its bytes: two trees compare
    equal when they hold the same files, byte for byte."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_site(destination: Path, with_papers: bool = True) -> Path:
    """A copy of the shipped site (settings, registry, templates, static, optionally papers)."""
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "site.yaml", destination / "site.yaml")
    for name in ("templates", "static"):
        shutil.copytree(REPO / name, destination / name)
    (destination / "content" / "papers").mkdir(parents=True)
    for name in ("authors.yaml", "topics.yaml"):
        shutil.copy(REPO / "content" / name, destination / "content" / name)
    if with_papers:
        shutil.copytree(REPO / "content" / "papers", destination / "content" / "papers", dirs_exist_ok=True)
        shutil.copy(REPO / "content" / ".import-state.json", destination / "content" / ".import-state.json")
    return destination


def many_papers_site(destination: Path, count: int = 420) -> Path:
    """The shipped site's settings and theme with `count` made-up papers: enough for the
    parallel render, with shared authors and topics, math and links in the abstracts."""
    import datetime as dt

    from site_builder.site.model import Paper
    from site_builder.source.frontmatter import render_paper

    root = copy_site(destination, with_papers=False)
    people = [f"Author {chr(65 + n // 26)}{chr(97 + n % 26)}" for n in range(40)]
    topics = ["Quantization", "Efficient LLMs", "Diffusion Models", "Video Generation"]
    for n in range(count):
        paper = Paper(
            f"p{n}",
            f"Paper {n} on $O(n^{n % 5})$ attention",
            tuple(people[(n * k) % len(people)] for k in (1, 3, 7)),
            dt.date(2012, 1, 1) + dt.timedelta(days=17 * n),
            "CV",
            topics=tuple(topics[: 1 + n % 3]),
            body=f"Abstract {n}: we reduce $\\mathcal{{O}}(n^2)$ cost by {n}%, see https://example.org/{n}.",
            venue="ICML" if n % 2 else "",
        )
        (root / f"content/papers/p{n}.md").write_text(render_paper(paper), encoding="utf-8")
    return root


def large_collaboration_site(destination: Path) -> tuple[Path, list[str]]:
    """The shipped site's settings and theme with a large collaboration's paper (150 authors, a
    lab member far down the list) and a small paper of one of them: the site, and the team."""
    import datetime as dt

    from site_builder.site.catalog import LARGE_TEAM
    from site_builder.site.model import Paper
    from site_builder.source.frontmatter import render_paper

    root = copy_site(destination, with_papers=False)
    team = [f"Physicist {chr(65 + n // 26)}{chr(97 + n % 26)}" for n in range(3 * LARGE_TEAM)]
    team[100] = "Song Han"
    papers = [
        Paper("higgs", "Observation of a new particle at 13 TeV", tuple(team), dt.date(2012, 7, 31), "hep-ex", body="A boson."),
        Paper("small", "A small paper", (team[3], "Ji Lin"), dt.date(2013, 1, 1), "hep-ex"),
    ]
    for paper in papers:
        (root / f"content/papers/{paper.slug}.md").write_text(render_paper(paper), encoding="utf-8")
    return root, team


def imported_site(folder: Path, name: str, text: str) -> tuple[Path, list]:
    """A copy of the shipped site without papers (`folder/site`), `text` written to `folder/name`
    and imported into it with the command a lab runs, and the papers the site then has."""
    from site_builder.cli import main
    from site_builder.source.content import load_papers

    (folder / name).write_text(text, encoding="utf-8")
    root = copy_site(folder / "site", with_papers=False)
    assert main(["--root", str(root), "import", str(folder / name)]) == 0
    return root, load_papers(root, Problems())


def bib_papers(folder: Path, text: str, name: str = "test.bib", **options) -> tuple[list, Problems]:
    """The papers `read_bibtex` makes of `text` written to `folder/name`, and its problems."""
    from site_builder.importing.bibimport import read_bibtex
    from site_builder.source.registry import Registry

    (folder / name).write_text(text, encoding="utf-8")
    problems = Problems()
    return read_bibtex(folder / name, Registry(), problems, name, **options), problems


def build(root: Path, out: Path | None = None, base_url: str | None = None) -> Path:
    out = out or root / "_site"
    problems = Problems()
    result = build_site(root, out, problems, base_url=base_url)
    assert result is not None, "\n".join(str(p) for p in problems.items)
    return out


def built_count(out: Path, kind: str) -> int:
    """How many pages of a kind (`papers`, `authors`, `topics`) a built site has."""
    return len(list(out.glob(f"{kind}/*/index.html")))


def export_targets(out: Path) -> int:
    """Everything that gets its own citation files: the site, each paper, author and topic."""
    return 1 + built_count(out, "papers") + built_count(out, "authors") + built_count(out, "topics")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen, seconds: float) -> bool:
    """Poll `url` until it answers; False when `process` died or `seconds` passed first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(url + "/", timeout=1).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


class StaticServer:
    """`python -m http.server` over a folder, on a free loopback port."""

    def __init__(self, directory: Path):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1", "--directory", str(directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        if not wait_until_serving(self.url, self.process, seconds=10):
            self.stop()
            raise RuntimeError(f"http.server did not answer on {self.url}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Build caches go to a folder of this test run, not the user's ~/.cache."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped lab site, built once for the session (read-only for tests)."""
    root = copy_site(tmp_path_factory.mktemp("shipped"))
    build(root)
    return root


@pytest.fixture(scope="session")
def shipped_server(shipped_site):
    server = StaticServer(shipped_site / "_site")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM}: install Debian's package `chromium` (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def watch(page) -> list[str]:
    """Console errors and failed requests, collected while the test runs."""
    problems: list[str] = []
    page.on("console", lambda message: problems.append(f"console: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    # A reload or a click away cancels what the page was still fetching (its favicon): the
    # browser's doing (`net::ERR_ABORTED`), not a file the site lacks.
    page.on(
        "requestfailed",
        lambda request: None if "ERR_ABORTED" in (request.failure or "") else problems.append(f"failed: {request.url} ({request.failure})"),
    )
    page.on("response", lambda response: problems.append(f"{response.status}: {response.url}") if response.status >= 400 else None)
    return problems


def open_home_and_click_paper(page, home_url: str, heading: str, papers: int, title: str, paper_url: str) -> None:
    """Open a built site's home page, see its heading and paper count, and click through to a
    paper's page by its title."""
    from playwright.sync_api import expect

    page.goto(home_url)
    expect(page.locator("h1")).to_have_text(heading)
    expect(page.locator(".paper-item")).to_have_count(papers)
    page.get_by_role("link", name=title).first.click()  # a selected paper is listed twice
    expect(page).to_have_url(paper_url)
    expect(page.locator("h1")).to_have_text(title)


def picture(path: Path, size: tuple[int, int], color: str) -> Path:
    """A real picture file (Pillow), as a lab would put next to its content."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path)
    return path


RICH_AUTHORS = """\
- name: Song Han
  homepage: https://songhan.mit.edu
  role: Principal Investigator
  photo: people/song-han.jpg
  bio: "Leads the lab. Works on **efficient** deep learning: see [the lab](https://hanlab.mit.edu)."
  links: {Scholar: "https://scholar.google.com/citations?user=E0iCaa4AAAAJ", GitHub: "https://github.com/songhan"}
- name: Han Cai
  role: PhD Student
  photo: people/han-cai.png
- name: Ji Lin
  role: Alumni
"""
RICH_PAPER = """\
---
title: '$\\mathcal{O}(n)$ Attention: Linear-Time $k$-NN Transformers for Long Documents'
authors: [Song Han, Han Cai, Ji Lin, Ligeng Zhu, Muyang Li, Junyu Chen, Haocheng Xi, Shang Yang, Zhuoyang Zhang, Yujun Lin]
et_al: false
date: 2026-03-02
category: LG
code: true
venue: Advances in Neural Information Processing Systems
venue_year: 2026
arxiv: '2603.01234'
selected: true
award: Outstanding Paper
award_details: Outstanding Paper Award, NeurIPS 2026
type: conference
pages: 1001--1024
publisher: Curran Associates, Inc.
links: {code: "https://github.com/mit-han-lab/linear-knn", project: "https://hanlab.mit.edu/projects/linear-knn", video: "https://www.youtube.com/watch?v=abc", slides: "/static/slides/linear-knn.pdf"}
image: linear-knn.png
equal_contribution: [Song Han, Han Cai]
corresponding: [Yujun Lin]
citations: 42
citations_as_of: '2026-11-30'
topics: [Efficient LLMs]
---

We make attention $\\mathcal{O}(n)$ with **exact** $k$-nearest-neighbour retrieval over keys, ~4x faster.
"""


def rich_site(destination: Path) -> Path:
    """The shipped site with what a lab's front door shows: roles, photos, a bio and links, an
    introduction, a custom page, a selected paper with a math title, a teaser and a long BibTeX."""
    root = copy_site(destination)
    shipped = (REPO / "content/authors.yaml").read_text(encoding="utf-8")
    rest = shipped[shipped.index("- name: Wei-Ming Chen") :]  # the shipped registry after Han Cai's and Song Han's entries
    (root / "content/authors.yaml").write_text(RICH_AUTHORS + rest, encoding="utf-8")
    picture(root / "content/people/song-han.jpg", (900, 1200), "#8a5a44")
    picture(root / "content/people/han-cai.png", (200, 200), "#44608a")
    picture(root / "content/papers/linear-knn.png", (1600, 900), "#3a7a5a")
    (root / "content/papers/linear-knn.md").write_text(RICH_PAPER, encoding="utf-8")
    (root / "content/pages").mkdir(parents=True)
    (root / "content/pages/about.md").write_text(
        "---\ntitle: About the lab\nnav: 1\n---\n\nWe work on **efficient AI**. Write to us: [lab@example.org](mailto:lab@example.org).\n",
        encoding="utf-8",
    )
    (root / "content/pages/join.md").write_text(
        "---\ntitle: Join us\nnav: 2\n---\n\nWe are hiring PhD students in $\\mathbb{R}^n$ and beyond.\n", encoding="utf-8"
    )
    with (root / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write("citation_counts: true\n")
    (root / "content/index.md").write_text("We build **efficient** AI: models, systems and hardware.\n", encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def front_door(tmp_path_factory) -> Path:
    """The rich site, built once for the session (read-only for tests)."""
    root = rich_site(tmp_path_factory.mktemp("front-door"))
    build(root)
    return root


@pytest.fixture(scope="session")
def front_door_server(front_door):
    server = StaticServer(front_door / "_site")
    yield server
    server.stop()
