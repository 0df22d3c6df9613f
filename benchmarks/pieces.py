"""`make bench-pieces`: what each piece of the speed layer buys, measured with it and without it.

For one synthetic site (`--size`, made as `run.py` makes it), each line times the build a piece
serves, in fresh processes, alternating with and without the piece (median of `--runs`):

- stamp: a command-line build with nothing changed; without it, the build loads, plans and
  compares every page;
- content cache: a build after one title edit; without it, every paper file is parsed again;
- planner: the preview's rebuild after one title edit; without it, every page is planned again;
- incremental render: a build after one title edit; without it, every page is rendered again
  (a builder that never wrote the output);
- fragments: a cold build; without it, each list entry, feed entry and citation is made for
  every page that shows it;
- workers: a cold build; without them, one process renders every page;
- parsing in two processes: a cold build; without it, one process reads and parses every paper
  file;
- spill file: the peak memory of a cold build; without it, fragments stay in memory;
- search seeding: a build after one title edit, which re-indexes one part of the search index.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from measure import Trash, run  # noqa: E402
from run import LEAN, edit_title, make_site  # noqa: E402

PRELUDE = f"""
import sys, time
from pathlib import Path
sys.path.insert(0, {str(REPO)!r})
from site_builder.errors import Problems
from site_builder.fast.incremental import Builder
"""

SWITCHES = {
    "fragments": "from site_builder.fast import fragments\nfragments.CachedFragments._get = lambda self, kind, paper, make: make()\n",
    "workers": "from site_builder.fast import parallel\nparallel.PARALLEL_FROM = 10**9\n",
    "parsing": "from site_builder.fast import parse\nparse.PARALLEL_FROM = 10**9\n",
    "spill file": "from site_builder.fast import fragments\nfragments.SpilledText.IN_MEMORY = 1 << 40\n",
    "search seeding": "from site_builder.output import search\nsearch._seed_part = lambda previous, output: False\n",
}


def timed_build(site: Path, out: Path, env: dict, switch_off: str = "", setup: str = "", use_cache: bool = True) -> dict:
    """One build in a fresh process: its seconds (printed by the process) and peak memory."""
    code = (
        PRELUDE
        + switch_off
        + setup
        + (
            f"builder = Builder(Path({str(site)!r}), use_cache={use_cache})\n"
            "started = time.perf_counter()\n"
            f"assert builder.build(Path({str(out)!r}), Problems()) is not None\n"
            "print(time.perf_counter() - started)\n"
        )
    )
    result = run([sys.executable, "-c", code], env)
    return {"seconds": float(result["out"].split()[-1]), "mb": result["all_mb"]}


def preview_edit(site: Path, out: Path, env: dict, fresh_planner: bool) -> float:
    """Seconds of the preview's rebuild after a title edit (in place, the builder kept)."""
    code = PRELUDE + (
        "import dataclasses\n"
        "from site_builder.fast.planner import Planner\n"
        "from site_builder.source.frontmatter import parse_paper, render_paper\n"
        f"site, out = Path({str(site)!r}), Path({str(out)!r})\n"
        "builder = Builder(site)\n"
        "assert builder.build(out, Problems()) is not None\n"
        "builder.wait_for_background()\n"
        "papers = sorted((site / 'content/papers').glob('*.md'))\n"
        "paper = papers[len(papers) // 2]\n"
        "text = paper.read_text(encoding='utf-8')\n"
        "parsed = parse_paper(text, str(paper), paper.stem, Problems())\n"
        "paper.write_text(render_paper(dataclasses.replace(parsed, title='Edited: ' + parsed.title)), encoding='utf-8')\n"
        + ("builder.planner = Planner()\n" if fresh_planner else "")
        + "started = time.perf_counter()\n"
        "assert builder.build(out, Problems(), in_place=True, papers_changed={paper.name}) is not None\n"
        "print(time.perf_counter() - started)\n"
        "builder.close()\n"
        "paper.write_text(text, encoding='utf-8')\n"
    )
    return float(run([sys.executable, "-c", code], env)["out"].split()[-1])


def cli_build(site: Path, out: Path, env: dict) -> float:
    return run([sys.executable, "-m", "site_builder", "--root", str(site), "build", "--out", str(out)], env)["wall"]


def compare(name: str, runs: int, with_piece, without_piece, unit: str = "s") -> None:
    on, off = [], []
    for _ in range(runs):
        on.append(with_piece())
        off.append(without_piece())
    a, b = statistics.median(on), statistics.median(off)
    shown = (f"{a:.0f} MB", f"{b:.0f} MB") if unit == "MB" else (f"{a:.3f} s", f"{b:.3f} s")
    print(f"{name:20} with {shown[0]:>10}   without {shown[1]:>10}   {b / a:5.2f}x", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = HERE / ".work" / f"pieces-{args.size}"
    trash = Trash(HERE / ".work" / f"pieces-{args.size}.trash")
    trash.empty()
    count = [0]

    def fresh(name: str) -> Path:
        """A new folder name each time: outputs and caches are never deleted between runs."""
        count[0] += 1
        return work / f"{name}-{count[0]}"

    def env() -> dict:
        return {**os.environ, "XDG_CACHE_HOME": str(fresh("cache"))}

    try:
        base_env = env()
        site = make_site(work, args.size, base_env, trash)
        lean = work / "lean"
        shutil.copytree(site, lean)
        with (lean / "site.yaml").open("a", encoding="utf-8") as settings:
            settings.write(LEAN)
        print(f"{args.size} papers; median of {args.runs} runs each; fresh processes")

        def cold(root: Path, switch: str = "", measure: str = "seconds") -> float:
            return timed_build(root, fresh("out"), env(), switch)[measure]

        compare("fragments (cold)", args.runs, lambda: cold(lean), lambda: cold(lean, SWITCHES["fragments"]))
        compare("workers (cold)", args.runs, lambda: cold(lean), lambda: cold(lean, SWITCHES["workers"]))
        compare("parsing (cold)", args.runs, lambda: cold(lean), lambda: cold(lean, SWITCHES["parsing"]))
        compare("spill file (peak)", args.runs, lambda: cold(site, "", "mb"), lambda: cold(site, SWITCHES["spill file"], "mb"), "MB")

        out, edits = fresh("out"), [0]
        timed_build(site, out, base_env)

        def after_edit(**options) -> float:
            edits[0] += 1
            edit_title(site, edits[0])
            return timed_build(site, out, base_env, **options)["seconds"]

        compare("content cache (edit)", args.runs, after_edit, lambda: after_edit(use_cache=False))
        compare("search seeding (edit)", args.runs, after_edit, lambda: after_edit(switch_off=SWITCHES["search seeding"]))

        def rendering_everything() -> float:
            edits[0] += 1
            edit_title(site, edits[0])
            return timed_build(site, fresh("out"), base_env)["seconds"]  # an output it never wrote

        compare("incremental (edit)", args.runs, after_edit, rendering_everything)

        def warm(keep_stamp: bool) -> float:
            cli_build(site, out, base_env)
            if not keep_stamp:
                for stamp in (Path(base_env["XDG_CACHE_HOME"]) / "site_builder").glob("*/stamps/*"):
                    stamp.unlink()
            return cli_build(site, out, base_env)

        compare("stamp (warm)", args.runs, lambda: warm(True), lambda: warm(False))
        compare(
            "planner (preview)",
            args.runs,
            lambda: preview_edit(site, fresh("preview"), base_env, False),
            lambda: preview_edit(site, fresh("preview"), base_env, True),
        )
    finally:
        trash.put(work)
        trash.empty()
    return 0


if __name__ == "__main__":
    sys.exit(main())
