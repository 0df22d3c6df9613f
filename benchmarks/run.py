"""`make bench`: how long the shipped site takes to import and build.

Each figure is the median of several runs of the real command in a fresh process (process
start included), on a copy of the shipped site in a temporary folder.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def copy_site(destination: Path) -> Path:
    for name in ("site.yaml",):
        shutil.copy(REPO / name, destination / name)
    for name in ("templates", "static"):
        shutil.copytree(REPO / name, destination / name)
    (destination / "content/papers").mkdir(parents=True)
    for name in ("authors.yaml", "topics.yaml"):
        shutil.copy(REPO / "content" / name, destination / "content" / name)
    return destination


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "site_builder"]
    rows = []
    with tempfile.TemporaryDirectory() as temp:
        root = copy_site(Path(temp))
        listing = REPO / "seed/listing.txt"
        imports, builds = [], []
        for _ in range(args.runs):
            shutil.rmtree(root / "content/papers")
            (root / "content/papers").mkdir()
            (root / "content/.import-state.json").unlink(missing_ok=True)
            imports.append(timed([*cli, "--root", str(root), "import", str(listing), "--as-of", "2026-11-27"]))
            builds.append(timed([*cli, "--root", str(root), "build"]))
        start_only = statistics.median(timed([sys.executable, "-c", "pass"]) for _ in range(args.runs))
        pages = sum(1 for _ in (root / "_site").rglob("*.html"))
        rows.append(("import 47 papers", statistics.median(imports)))
        rows.append(("build 47-paper site", statistics.median(builds)))
        rows.append(("python start (reference)", start_only))
    print(f"median of {args.runs} runs, each a fresh process (process start included)")
    for label, seconds in rows:
        print(f"  {label:<28} {seconds * 1000:8.0f} ms")
    print(f"  pages written: {pages} HTML; {pages / statistics.median(builds):.0f} pages/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
