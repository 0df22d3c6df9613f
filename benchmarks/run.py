"""`make bench`: site_builder against Hugo on the same synthetic sites, in the same run.

For each size (47 = the shipped site, then synthetic listings from `synth.py`) it measures
import; cold build (no cache, no output, no spare) with every feature on; warm build (nothing
changed); an edit build (one paper's title changed, the second such edit since the cold build,
as in a session of edits); the preview's rebuild after editing one paper; a cold "lean" build that makes the same pages as
the Hugo templates (no citation files, feeds or search: `exports: []`, `feeds: false`,
`search: false`); and Hugo's build of the same papers with those minimal templates
(`benchmarks/hugo/`). The ratio compares the lean build with Hugo: like with like. Our builds
and Hugo's alternate; each figure is the median of `--runs` runs, each a fresh process except
the preview rebuild (which is in-process, as in the preview server). CPU time and peak memory come from the child's own resource usage.
The edit build is also given as a multiple of the interpreter's floor in the same run (Python
starting and importing Jinja2, PyYAML and subprocess), which the machine's drift moves alike.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from synth import generate  # noqa: E402

from site_builder.output import spare_dir  # noqa: E402


def _tree(pid: int) -> list[int]:
    """`pid` and its descendants, from /proc."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    queue.extend(int(child) for child in children.read().split())
        except OSError:
            continue
    return found


def _pss_mb(pids: list[int]) -> float:
    """Proportional set size of these processes together: shared pages (a forked worker's copy
    of its parent) counted once, not once per process as RSS would."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except (OSError, StopIteration):
            continue
    return total / 1024


def run(command: list[str], env: dict | None = None) -> dict:
    """Wall time, CPU time and peak RSS of one command, from its own rusage; peak memory of the
    command and every process it starts, together, sampled from /proc every 50 ms."""
    # Output goes to files, not pipes: nobody reads a pipe while the command runs.
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=env)
        peaks = [0.0]
        done = threading.Event()

        def sample() -> None:  # in a thread: the wall time is the exit's, not the next sample's
            while not done.is_set():
                peaks.append(_pss_mb(_tree(process.pid)))
                done.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
        stdout.seek(0)
        stderr.seek(0)
        out, err = stdout.read().decode(), stderr.read().decode()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{command} failed:\n{err}")
    cpu = usage.ru_utime + usage.ru_stime
    return {"wall": wall, "cpu": cpu, "rss_mb": usage.ru_maxrss / 1024, "all_mb": max(peaks), "out": out, "err": err}


class Trash:
    """Where a run moves the folders it replaces (outputs, caches, imported papers, the last
    bench's work), deleted only once a size is measured. On ext4, making files within ~30 s of
    deleting many others is several times slower (the inode allocator passes over recently
    deleted inodes: `perf` shows `recently_deleted`), so a build right after `rm -rf` of the
    last one would measure the disk's recovery, not the build: a cold build of the shipped site
    spent 0.6-1.0 s of system time that way instead of 0.13 s."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0

    def put(self, path: Path) -> None:
        if path.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            self.count += 1
            path.rename(self.folder / str(self.count))

    def empty(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def make_site(work: Path, size: int, trash: Trash) -> tuple[Path, Path]:
    trash.put(work)
    site = work / "site"
    site.mkdir(parents=True)
    shutil.copy(REPO / "site.yaml", site)
    for name in ("templates", "static"):
        shutil.copytree(REPO / name, site / name)
    (site / "content/papers").mkdir(parents=True)
    for name in ("authors.yaml", "topics.yaml"):
        shutil.copy(REPO / "content" / name, site / "content" / name)
    listing = work / "listing.txt"
    if size == 47:
        shutil.copy(REPO / "seed/listing.txt", listing)
    else:
        listing.write_text(generate(size), encoding="utf-8")
    return site, listing


def make_hugo_site(work: Path, site: Path) -> Path:
    hugo = work / "hugo"
    shutil.copytree(HERE / "hugo", hugo)
    shutil.copytree(site / "content/papers", hugo / "content/papers")
    shutil.copytree(site / "static", hugo / "static/static")
    return hugo


def edit_title(site: Path, n: int) -> None:
    """Give the middle paper a new title, as a person would: its file written again."""
    import dataclasses

    from site_builder.errors import Problems
    from site_builder.frontmatter import parse_paper, render_paper

    papers = sorted((site / "content/papers").glob("*.md"))
    paper = papers[len(papers) // 2]
    parsed = parse_paper(paper.read_text(encoding="utf-8"), str(paper), paper.stem, Problems())
    title = re.sub(r"^Edited \d+: ", "", parsed.title)
    paper.write_text(render_paper(dataclasses.replace(parsed, title=f"Edited {n}: {title}")), encoding="utf-8")


def wipe(folder: Path, trash: Trash) -> None:
    """An output folder and its spare (the output the last build replaced), moved to `trash`."""
    trash.put(folder)
    trash.put(spare_dir(folder))


def median(values: list[float]) -> float:
    return statistics.median(values)


def preview_rebuild(site: Path, out: Path, env: dict) -> tuple[float, float, int, int]:
    """Seconds from a saved edit to written pages, as the preview server does it: its file
    watcher announces the save, the rebuild reads the file it names. Measured from just before
    the write until the paper's page on disk has the new title (the median of three saves)."""
    code = f"""
import sys, threading, time
from pathlib import Path
sys.path.insert(0, {str(REPO)!r})
import dataclasses
from site_builder.errors import Problems
from site_builder.frontmatter import parse_paper, render_paper
from site_builder.serve import WATCHED, Preview
from site_builder.watch import ChangeWatcher
site, out = Path({str(site)!r}), Path({str(out)!r})
preview = Preview(site, out)
builder = preview.builder
rebuilt = threading.Event()
def on_change(watcher):
    preview.rebuild(watcher.take())
    rebuilt.set()
watcher = ChangeWatcher.create(site, WATCHED, on_change)  # None where inotify is missing
assert preview.rebuild()
builder.wait_for_background()
papers = sorted((site / "content/papers").glob("*.md"))
paper = papers[len(papers) // 2]
text = paper.read_text(encoding="utf-8")
parsed = parse_paper(text, str(paper), paper.stem, Problems())
page = out / "papers" / parsed.slug / "index.html"
times, downloads = [], []
last_inode = page.stat().st_ino
for n in range(3):
    edited = render_paper(dataclasses.replace(parsed, title=f"Edited {{n}}: " + parsed.title))
    rebuilt.clear()
    started = time.perf_counter()
    paper.write_text(edited, encoding="utf-8")
    if watcher is None:
        preview.rebuild()
    while True:  # a cheap look (the page is replaced, so its inode changes), then the text
        inode = page.stat().st_ino
        if inode != last_inode and f"Edited {{n}}:" in page.read_text(encoding="utf-8"):
            break
        time.sleep(0.001)
    times.append(time.perf_counter() - started)
    last_inode = inode
    if watcher is not None:
        rebuilt.wait()
    while builder.owed:  # the large downloads, written in the background after the pages
        time.sleep(0.002)
    downloads.append(time.perf_counter() - started)
    result = preview.last
    builder.wait_for_background()  # the search index too, before the next save
    time.sleep(0.05)
if watcher is not None:
    watcher.close()
paper.write_text(text, encoding="utf-8")
preview.rebuild()
builder.close()
print(sorted(times)[1], sorted(downloads)[1], len(result.rendered_paths), len(result.deferred_paths))
"""
    seconds, downloads, rendered, deferred = run([sys.executable, "-c", code], env)["out"].split()
    return float(seconds), float(downloads), int(rendered), int(deferred)


def bench_size(size: int, runs: int, hugo_bin: str | None) -> dict:
    work = HERE / ".work" / str(size)
    trash = Trash(HERE / ".work" / f"{size}.trash")
    trash.empty()  # left by a run that was stopped: deleted before anything is measured
    try:
        return _bench_size(size, runs, hugo_bin, work, trash)
    finally:
        trash.empty()


def _bench_size(size: int, runs: int, hugo_bin: str | None, work: Path, trash: Trash) -> dict:
    site, listing = make_site(work, size, trash)
    # Python's own bytecode cache on, as on a user's machine (some sandboxes switch it off, and
    # then every run compiles site_builder's modules again).
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "XDG_CACHE_HOME": str(work / "cache")}
    cli = [sys.executable, "-m", "site_builder", "--root", str(site)]
    imports = []
    for _ in range(runs):
        trash.put(site / "content/papers")
        (site / "content/papers").mkdir()
        (site / "content/.import-state.json").unlink(missing_ok=True)
        imports.append(run([*cli, "import", str(listing), "--as-of", "2026-11-27"], env)["wall"])
    hugo = make_hugo_site(work, site) if hugo_bin else None
    # The same pages as the Hugo templates make: no citation files, feeds or search index.
    lean = work / "lean"
    shutil.copytree(site, lean)
    with (lean / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write("exports: []\nfeeds: false\nsearch: false\n")
    out = work / "out"
    cold, warm, edit, lean_runs, hugo_runs, floor = [], [], [], [], [], []
    original = {path: path.read_bytes() for path in (site / "content/papers").glob("*.md")}
    for n in range(runs):
        wipe(out, trash)
        trash.put(work / "cache")
        cold.append(run([*cli, "build", "--out", str(out), "--timings"], env))
        warm.append(run([*cli, "build", "--out", str(out)], env))
        for step in (1, 2):
            edit_title(site, 2 * n + step)
            edited = run([*cli, "build", "--out", str(out)], env)
        edit.append(edited)
        # What no build of ours can go below, in this minute: the interpreter starting and
        # importing the libraries a build that renders needs (the machine's speed drifts).
        floor.append(run([sys.executable, "-c", "import jinja2, yaml, subprocess"], env)["wall"])
        wipe(work / "lean-out", trash)
        trash.put(work / "cache")
        lean_runs.append(run([sys.executable, "-m", "site_builder", "--root", str(lean), "build", "--out", str(work / "lean-out")], env))
        if hugo:
            trash.put(work / "hugo-out")
            hugo_runs.append(run([hugo_bin, "--source", str(hugo), "--destination", str(work / "hugo-out"), "--quiet"]))
    for path, data in original.items():
        path.write_bytes(data)
    pages = int(re.search(r"built (\d+) pages", cold[0]["out"]).group(1))
    timings = [json.loads(r["err"].strip().splitlines()[-1]) for r in cold]
    phases = [{k: v for k, v in t.items() if not k.endswith("_mb")} for t in timings]
    rebuild, downloads, rendered, deferred = preview_rebuild(site, out, env)
    biggest = max(p.stat().st_size for p in out.rglob("*.html"))
    result = {
        "papers": size,
        "pages": pages,
        "import_s": median(imports),
        "cold_s": median([r["wall"] for r in cold]),
        "cold_cpu_s": median([r["cpu"] for r in cold]),
        "cold_mb": max(r["all_mb"] for r in cold),
        "cold_main_mb": max(t["peak_mb"] for t in timings),
        "cold_helper_mb": max(t["helpers_peak_mb"] for t in timings),
        "warm_s": median([r["wall"] for r in warm]),
        "edit_s": median([r["wall"] for r in edit]),
        "floor_s": median(floor),
        "edit_pages": int(re.search(r"\((\d+) rendered\)", edit[0]["out"]).group(1)),
        "phases": {k: median([p[k] for p in phases]) for k in phases[0]},
        "rebuild_s": rebuild,
        "rebuild_downloads_s": downloads,
        "rebuild_pages": rendered,
        "rebuild_deferred": deferred,
        "largest_page_kb": biggest / 1024,
        "lean_s": median([r["wall"] for r in lean_runs]),
        "lean_mb": max(r["all_mb"] for r in lean_runs),
        "lean_pages": int(re.search(r"built (\d+) pages", lean_runs[0]["out"]).group(1)),
    }
    if hugo_runs:
        result["hugo_s"] = median([r["wall"] for r in hugo_runs])
        result["hugo_mb"] = max(r["all_mb"] for r in hugo_runs)
        result["hugo_pages"] = sum(1 for _ in (work / "hugo-out").rglob("*.html"))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="47,1000,10000", help="comma-separated paper counts (47 = the shipped listing)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    hugo_bin = shutil.which("hugo")
    if not hugo_bin:
        print("hugo not found (apt-get install hugo): measuring site_builder alone", file=sys.stderr)
    print(f"median of {args.runs} runs; fresh processes (process start included); {os.cpu_count()} cores")
    # The interpreter matters: a Python built without profile-guided optimization (pyenv's
    # default) runs this code ~1.8 times slower than Debian's python3.
    print(f"python {sys.version.split()[0]} at {sys.executable}")
    header = (
        f"{'papers':>7} {'pages':>6} {'import':>8} {'cold':>8} {'cpu':>7} {'peak MB':>8} {'pages/s':>8} "
        f"{'warm':>7} {'edit':>7} {'rebuild':>8} {'lean':>7} {'lean MB':>8} {'hugo':>7} {'hugo MB':>8} {'lean/hugo':>9}"
    )
    print(header)
    print("        (peak MB: every process of the build together, by PSS; edit: a build after a title edit;")
    print("         rebuild: the preview's, save -> written pages)")
    for size in [int(s) for s in args.sizes.split(",")]:
        r = bench_size(size, args.runs, hugo_bin)
        ratio = f"{r['lean_s'] / r['hugo_s']:.2f}" if "hugo_s" in r else "-"
        print(
            f"{r['papers']:>7} {r['pages']:>6} {r['import_s']:>7.2f}s {r['cold_s']:>7.2f}s {r['cold_cpu_s']:>6.2f}s "
            f"{r['cold_mb']:>8.0f} {r['pages'] / r['cold_s']:>8.0f} {r['warm_s']:>6.2f}s {r['edit_s']:>6.2f}s "
            f"{r['rebuild_s'] * 1000:>6.0f}ms "
            f"{r['lean_s']:>6.2f}s {r['lean_mb']:>8.0f} "
            f"{r.get('hugo_s', float('nan')):>6.2f}s {r.get('hugo_mb', float('nan')):>8.0f} {ratio:>9}",
            flush=True,
        )
        phases = ", ".join(f"{k} {v:.2f}s" for k, v in r["phases"].items())
        print(
            f"        cold build: {phases}; peak of the main process {r['cold_main_mb']:.0f} MB, of the largest helper "
            f"(render worker or Pagefind) {r['cold_helper_mb']:.0f} MB RSS\n"
            f"        edit build: {r['edit_pages']} pages rendered, {r['edit_s'] / r['floor_s']:.1f} times the floor "
            f"(python -c 'import jinja2, yaml, subprocess': {r['floor_s']:.2f}s); "
            f"preview rebuild: {r['rebuild_pages']} pages in {r['rebuild_s'] * 1000:.0f} ms, then "
            f"{r['rebuild_deferred']} large downloads by {r['rebuild_downloads_s'] * 1000:.0f} ms; "
            f"largest page {r['largest_page_kb']:.0f} KB; lean build wrote {r['lean_pages']} pages"
            + (f"; hugo wrote {r['hugo_pages']} pages" if "hugo_pages" in r else ""),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
