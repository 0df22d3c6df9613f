"""`make bench`: site_builder against Hugo written the fast way, on the same papers, in one run.

For each size (synthetic listings from `synth.py`, imported with the product) it measures, with
our builds and the peer's alternating:

- lean cold build / Hugo: our build making the kinds of pages the Hugo templates make (no
  citation files, feeds or search: `exports: []`, `feeds: false`, `search: false`) against Hugo
  with `hugo-fast/` (links by `urlize`, no `.GetTerms` per item);
- bare cold build / Hugo: the lean build with `bare-theme/`, templates that make the pages the
  Hugo templates make (the same content, about an eighth of the default theme's bytes): the engines
  compared on pages of the same size;
- full cold build / (Hugo + Pagefind): every feature on, against Hugo followed by Pagefind over
  its output, which is how a Hugo site gets the search we build in;
- preview rebuild after one edit / `hugo server`'s: from saving a paper's new title to its page
  written on disk (median of three saves);
- peak memory of each (every process of the command together, by PSS, sampled every 50 ms);
- our warm build (nothing changed) and our build after one edit, from the command line;
- the import of the synthetic listing into a new site, and of the full build's
  `publications.bib` (every paper as BibTeX) into another: how long a lab with this many papers
  waits for its first import.

Cold means a fresh cache folder and a fresh output, for us and for Hugo. Each run ends with our
build after an edit, which removes the output it replaces; the next run waits `SETTLE_SECONDS`
before its first cold build, so that neither side is measured on a disk still busy with it. The ratios of one run
are the figures to quote: the machine's speed drifts between runs, alike for both.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from measure import Trash, median, run  # noqa: E402
from peers import hugo_build, hugo_server_rebuild, make_hugo_site, pagefind_over, same_pages  # noqa: E402
from synth import generate  # noqa: E402

LEAN = "exports: []\nfeeds: false\nsearch: false\n"


def make_site(work: Path, size: int, env: dict, trash: Trash) -> tuple[Path, float]:
    """A new site of `size` synthetic papers, imported with the product (the theme is the
    installed default; the registry is the shipped site's), and the import's wall time."""
    trash.put(work)
    site = work / "site"
    (site / "content/papers").mkdir(parents=True)
    shutil.copy(REPO / "site.yaml", site)
    for name in ("authors.yaml", "topics.yaml"):
        shutil.copy(REPO / "content" / name, site / "content" / name)
    listing = work / "listing.txt"
    listing.write_text(generate(size), encoding="utf-8")
    imported = run([sys.executable, "-m", "site_builder", "--root", str(site), "import", str(listing), "--as-of", "2026-11-27"], env)
    return site, imported["wall"]


def import_bib(work: Path, bib: Path, env: dict, trash: Trash) -> float:
    """Wall time of importing `bib` into a site made by `site-builder new`, as a lab starts."""
    site = work / "from-bib"
    trash.put(site)
    run([sys.executable, "-m", "site_builder", "new", str(site)], env)
    return run([sys.executable, "-m", "site_builder", "--root", str(site), "import", str(bib)], env)["wall"]


def edit_title(site: Path, n: int) -> None:
    """Give the middle paper a new title, as a person would: its file written again."""
    from site_builder.errors import Problems
    from site_builder.source.frontmatter import parse_paper, render_paper

    papers = sorted((site / "content/papers").glob("*.md"))
    paper = papers[len(papers) // 2]
    parsed = parse_paper(paper.read_text(encoding="utf-8"), str(paper), paper.stem, Problems())
    title = re.sub(r"^Edited \d+: ", "", parsed.title)
    paper.write_text(render_paper(dataclasses.replace(parsed, title=f"Edited {n}: {title}")), encoding="utf-8")


def preview_rebuild(site: Path, out: Path, env: dict) -> float:
    """Seconds from a saved edit to written pages, as the preview server does it: its file
    watcher announces the save, the rebuild reads the file it names. Measured from just before
    the write until the paper's page on disk has the new title (the median of three saves)."""
    code = f"""
import sys, threading, time, dataclasses
from pathlib import Path
sys.path.insert(0, {str(REPO)!r})
from site_builder.errors import Problems
from site_builder.source.frontmatter import parse_paper, render_paper
from site_builder.preview.serve import WATCHED, Preview
from site_builder.preview.watch import ChangeWatcher
site, out = Path({str(site)!r}), Path({str(out)!r})
preview = Preview(site, out)
rebuilt = threading.Event()
def on_change(watcher):
    preview.rebuild(watcher.take())
    rebuilt.set()
watcher = ChangeWatcher.create(site, WATCHED, on_change)  # None where inotify is missing
assert preview.rebuild()
preview.builder.wait_for_background()
papers = sorted((site / "content/papers").glob("*.md"))
paper = papers[len(papers) // 2]
text = paper.read_text(encoding="utf-8")
parsed = parse_paper(text, str(paper), paper.stem, Problems())
page = out / "papers" / parsed.slug / "index.html"
times = []
for n in range(3):
    rebuilt.clear()
    started = time.perf_counter()
    paper.write_text(render_paper(dataclasses.replace(parsed, title=f"Edited {{n}}: " + parsed.title)), encoding="utf-8")
    if watcher is None:
        preview.rebuild()
    while f"Edited {{n}}:" not in page.read_text(encoding="utf-8"):
        time.sleep(0.001)
    times.append(time.perf_counter() - started)
    if watcher is not None:
        rebuilt.wait()
    preview.builder.wait_for_background()  # the large downloads and the search index, before the next save
if watcher is not None:
    watcher.close()
paper.write_text(text, encoding="utf-8")
preview.builder.close()
print(sorted(times)[1])
"""
    return float(run([sys.executable, "-c", code], env)["out"].split()[-1])


SETTLE_SECONDS = 30


def settle() -> None:
    """Wait until a large delete no longer slows the disk (see `measure.Trash`) before the next
    cold build, ours or Hugo's, is measured."""
    os.sync()
    time.sleep(SETTLE_SECONDS)


def bench_size(size: int, runs: int, hugo_bin: str) -> dict:
    work = HERE / ".work" / str(size)
    trash = Trash(HERE / ".work" / f"{size}.trash")
    trash.empty()  # left by a run that was stopped
    try:
        return _bench_size(size, runs, hugo_bin, work, trash)
    finally:
        trash.empty()


def _bench_size(size: int, runs: int, hugo_bin: str, work: Path, trash: Trash) -> dict:
    # Python's own bytecode cache on, as on a user's machine; our cache folder inside the work folder.
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "XDG_CACHE_HOME": str(work / "cache")}
    site, import_listing = make_site(work, size, env, trash)
    lean = work / "lean"
    shutil.copytree(site, lean)
    with (lean / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write(LEAN)
    bare = work / "bare"
    shutil.copytree(lean, bare)
    shutil.copytree(HERE / "bare-theme/templates", bare / "templates")
    hugo = make_hugo_site(work, site)

    def ours(root: Path, out: Path) -> dict:
        return run([sys.executable, "-m", "site_builder", "--root", str(root), "build", "--out", str(out)], env)

    def fresh(*folders: Path) -> None:
        for folder in folders:
            trash.put(folder)

    figures: dict[str, list] = {key: [] for key in ("lean", "bare", "hugo", "full", "pagefind", "warm", "edit")}
    for n in range(runs):
        fresh(work / "lean-out", work / "cache")
        figures["lean"].append(ours(lean, work / "lean-out"))
        fresh(work / "bare-out", work / "cache")
        figures["bare"].append(ours(bare, work / "bare-out"))
        fresh(work / "hugo-out", work / "hugo-cache")
        figures["hugo"].append(hugo_build(hugo_bin, hugo, work / "hugo-out", work / "hugo-cache"))
        fresh(work / "out", work / "cache")
        figures["full"].append(ours(site, work / "out"))
        figures["pagefind"].append(pagefind_over(work / "hugo-out"))
        figures["warm"].append(ours(site, work / "out"))
        edit_title(site, n)
        figures["edit"].append(ours(site, work / "out"))
        settle()  # the edit's build removed the output it replaced: tens of thousands of files
    import_bibtex = import_bib(work, work / "out/publications.bib", env, trash)
    check = same_pages(work / "lean-out", work / "hugo-out")
    same_pages(work / "bare-out", work / "hugo-out")
    rebuild = preview_rebuild(site, work / "out", env)
    fresh(work / "hugo-serve")
    hugo_rebuild = hugo_server_rebuild(hugo_bin, hugo, work / "hugo-serve")

    def wall(key: str) -> float:
        return median([r["wall"] for r in figures[key]])

    def peak(key: str) -> float:
        return max(r["all_mb"] for r in figures[key])

    return {
        "papers": size,
        "lean": wall("lean"),
        "bare": wall("bare"),
        "hugo": wall("hugo"),
        "full": wall("full"),
        "hugo_pagefind": median([h["wall"] + p["wall"] for h, p in zip(figures["hugo"], figures["pagefind"], strict=True)]),
        "rebuild": rebuild,
        "hugo_rebuild": hugo_rebuild,
        "warm": wall("warm"),
        "edit": wall("edit"),
        "lean_mb": peak("lean"),
        "full_mb": peak("full"),
        "hugo_mb": peak("hugo"),
        "pagefind_mb": peak("pagefind"),
        "import_listing": import_listing,
        "import_bib": import_bibtex,
        "check": check,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated paper counts")
    parser.add_argument("--runs", type=int, default=1, help="runs of each build (the median is shown)")
    args = parser.parse_args()
    hugo_bin = shutil.which("hugo")
    if not hugo_bin:
        print("hugo not found: apt-get install hugo", file=sys.stderr)
        return 2
    version = run([hugo_bin, "version"])["out"].split()[1]
    print(f"{args.runs} run(s) each, fresh processes; {os.cpu_count()} cores; python {sys.version.split()[0]}; hugo {version}")
    print(
        f"{'papers':>7} | {'lean':>7} {'hugo':>7} {'ratio':>5} | {'bare':>7} {'ratio':>5} | {'full':>7} {'hugo+pf':>7} {'ratio':>5} | "
        f"{'rebuild':>7} {'h.serve':>7} {'ratio':>5} | {'MB lean':>7} {'full':>5} {'hugo':>5} {'pf':>5} | "
        f"{'warm':>6} {'edit':>6} | {'import':>6} {'.bib':>6}"
    )
    for size in [int(s) for s in args.sizes.split(",")]:
        r = bench_size(size, args.runs, hugo_bin)
        print(
            f"{r['papers']:>7} | {r['lean']:>6.2f}s {r['hugo']:>6.2f}s {r['lean'] / r['hugo']:>5.2f} | "
            f"{r['bare']:>6.2f}s {r['bare'] / r['hugo']:>5.2f} | "
            f"{r['full']:>6.2f}s {r['hugo_pagefind']:>6.2f}s {r['full'] / r['hugo_pagefind']:>5.2f} | "
            f"{r['rebuild'] * 1000:>5.0f}ms {r['hugo_rebuild'] * 1000:>5.0f}ms {r['rebuild'] / r['hugo_rebuild']:>5.2f} | "
            f"{r['lean_mb']:>7.0f} {r['full_mb']:>5.0f} {r['hugo_mb']:>5.0f} {r['pagefind_mb']:>5.0f} | "
            f"{r['warm']:>5.2f}s {r['edit']:>5.2f}s | {r['import_listing']:>5.1f}s {r['import_bib']:>5.1f}s",
            flush=True,
        )
        print(f"        {r['check']}", flush=True)
    print("lean: our build making the pages the Hugo templates make; bare: the same with bare-theme/, pages of the Hugo pages' content;")
    print("full: every feature; hugo+pf: Hugo, then Pagefind over its output;")
    print("rebuild: the preview's, save -> page on disk; h.serve: `hugo server --renderToDisk`'s; MB: peak of all processes (PSS)")
    print("import: the listing into a new site; .bib: the full build's publications.bib into another")
    return 0


if __name__ == "__main__":
    sys.exit(main())
