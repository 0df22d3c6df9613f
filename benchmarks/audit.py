"""`make audit`: Lighthouse (npm `lighthouse` 12.2.3, Debian Chromium) on the home and a paper page
(or on the site and pages given as arguments).

Installs Lighthouse on first use into `benchmarks/.work/lighthouse/`, serves the built site on
a loopback port, compressed as GitHub Pages serves it (`gzip_server.py`), and prints the four
category scores of each page. An audit, not a test.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOOLS = REPO / "benchmarks/.work/lighthouse"
LIGHTHOUSE = TOOLS / "node_modules/.bin/lighthouse"
PAGES = ["/", "/papers/efficientvit/"]


def main() -> int:
    # `audit.py [SITE [PATH ...]]`: another built site and its pages (a paper with a teaser, say).
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "_site"
    pages = sys.argv[2:] or PAGES
    if not (site / "index.html").is_file():
        print("build the site first: make build", file=sys.stderr)
        return 1
    if not LIGHTHOUSE.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", "-E", "lighthouse@12.2.3"], check=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).parent / "gzip_server.py"), str(port), str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
        for path in pages:
            report = TOOLS / f"report-{path.strip('/').replace('/', '-') or 'home'}.json"
            subprocess.run(
                [
                    str(LIGHTHOUSE),
                    f"http://127.0.0.1:{port}{path}",
                    "--quiet",
                    "--output=json",
                    f"--output-path={report}",
                    "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking",
                ],
                check=True,
                env=env,
            )
            data = json.loads(report.read_text(encoding="utf-8"))
            scores = ", ".join(f"{c['title']} {round(c['score'] * 100)}" for c in data["categories"].values())
            metrics = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"]
            shown = ", ".join(f"{m} {data['audits'][m]['displayValue']}" for m in metrics)
            print(f"{path}: {scores} ({shown})")
    finally:
        server.terminate()
        server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
