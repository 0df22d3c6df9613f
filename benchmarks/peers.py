"""The peer of `make bench`: Hugo with templates written the fast way (`hugo-fast/`: links built
with `urlize`, no `.GetTerms` per list item), on the same papers, then Pagefind over its output
for the full-feature comparison, and `hugo server`'s rebuild after an edit."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

from measure import run

from site_builder.errors import Problems  # run.py puts the checkout first on the path
from site_builder.output.search import pagefind_command
from site_builder.pipeline import load_site

HERE = Path(__file__).resolve().parent
BARE_URL = re.compile(r"(?<![<(\"'])\bhttps?://[^\s<>()\"']+[^\s<>()\"'.,;:!?]")


def make_hugo_site(work: Path, site: Path) -> Path:
    """A Hugo site of the papers `site` holds, as the Hugo templates expect them: the same title,
    date, authors, topics (the category's and the paper's own, as our pages show them), links
    and abstract, whose bare URLs become autolinks (Hugo's linkify is off)."""
    _, catalog = load_site(site, Problems())
    hugo = work / "hugo"
    shutil.copytree(HERE / "hugo-fast", hugo)
    papers = hugo / "content/papers"
    papers.mkdir(parents=True)
    for paper in catalog.papers:
        front = {
            "title": paper.title,
            "date": paper.date.isoformat(),
            "authors": [author.name for author in catalog.authors_of[paper.slug]],
            "topics": [topic.name for topic in catalog.topics_of[paper.slug]],
            "category": paper.category,
            "code": paper.code,
            "links": dict(paper.links),
        }
        body = BARE_URL.sub(lambda m: f"<{m.group(0)}>", paper.body)
        (papers / f"{paper.slug}.md").write_text(f"{json.dumps(front, ensure_ascii=False)}\n\n{body}\n", encoding="utf-8")
    return hugo


def hugo_build(hugo_bin: str, hugo: Path, out: Path, cache: Path) -> dict:
    return run([hugo_bin, "--quiet", "--source", str(hugo), "--destination", str(out), "--cacheDir", str(cache)])


def pagefind_over(out: Path) -> dict:
    """Pagefind indexing every paper page of a built site, as a Hugo site adds search."""
    return run([*pagefind_command(), "--site", str(out), "--glob", "papers/*/index.html", "--silent"])


def same_pages(ours: Path, hugo: Path) -> str:
    """Both sites have a page for every paper and every author, and as many topic pages; what
    else each makes is listed (our year pages, People page, pagination)."""

    def pages(folder: Path, kind: str) -> set[str]:
        return {p.parent.name for p in folder.glob(f"{kind}/*/index.html")}

    for kind in ("papers", "authors"):
        if pages(ours, kind) != pages(hugo, kind):
            missing = sorted(pages(ours, kind) ^ pages(hugo, kind))[:5]
            raise SystemExit(f"the two sites differ in their {kind} pages: {missing}")
    if len(pages(ours, "topics")) != len(pages(hugo, "topics")):
        raise SystemExit(f"topic pages: {len(pages(ours, 'topics'))} against Hugo's {len(pages(hugo, 'topics'))}")
    ours_all = sum(1 for _ in ours.rglob("*.html"))
    hugo_all = sum(1 for _ in hugo.rglob("*.html"))
    return (
        f"same {len(pages(ours, 'papers'))} paper, {len(pages(ours, 'authors'))} author and {len(pages(ours, 'topics'))} topic pages; "
        f"HTML pages in all: ours {ours_all} (with year pages, People, pagination), Hugo {hugo_all}"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def hugo_server_rebuild(hugo_bin: str, hugo: Path, out: Path, saves: int = 3) -> float:
    """Seconds from saving a paper's new title to `hugo server` having written its page (with
    `--renderToDisk`, to compare with our preview, which writes pages to disk): the median of
    `saves` saves."""
    paper = sorted((hugo / "content/papers").glob("*.md"))[len(list((hugo / "content/papers").glob("*.md"))) // 2]
    page = out / "papers" / paper.stem / "index.html"
    original = paper.read_text(encoding="utf-8")
    command = [hugo_bin, "server", "--source", str(hugo), "--destination", str(out), "--renderToDisk"]
    command += ["--bind", "127.0.0.1", "--port", str(_free_port())]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    times = []
    try:
        for line in server.stdout:  # its first build is done once it serves
            if "Web Server is available" in line:
                break
        time.sleep(1.0)
        front, _, body = original.partition("\n\n")
        for n in range(saves):
            data = json.loads(front)
            data["title"] = f"Edited {n}: {data['title']}"
            started = time.perf_counter()
            paper.write_text(f"{json.dumps(data, ensure_ascii=False)}\n\n{body}", encoding="utf-8")
            while f"Edited {n}:" not in (page.read_text(encoding="utf-8") if page.is_file() else ""):
                time.sleep(0.002)
                if time.perf_counter() - started > 120:
                    raise SystemExit("hugo server did not rebuild within two minutes")
            times.append(time.perf_counter() - started)
            time.sleep(1.0)
    finally:
        server.terminate()
        server.wait()
        paper.write_text(original, encoding="utf-8")
    return sorted(times)[len(times) // 2]
