"""The live preview, as a person uses it: edit a file, the open page updates by itself."""

from __future__ import annotations

import gc
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import weakref

import pytest
from conftest import copy_site, free_port, wait_until_serving
from playwright.sync_api import Page, expect

from site_builder.preview.serve import Preview

LIVERELOAD_QUIET_SECONDS = 3.5
"""Where inotify is missing, livereload polls, and ignores a change within 3 s of the previous
reload (and of a page's first connect); with the kernel's events every rebuild reloads."""


class PreviewServer:
    def __init__(self, root, port=None, options=()):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = root.parent / "serve.log"
        with self.log.open("w") as log:  # a file, not a pipe: nobody has to keep reading it
            self.process = subprocess.Popen(
                [sys.executable, "-m", "site_builder", "--root", str(root), "serve", "--port", str(self.port), *options],
                stdout=subprocess.DEVNULL,
                stderr=log,
                # as from a terminal: a shell's background job (a CI runner's) ignores Ctrl-C, and
                # so would a Python started from it
                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
            )
        if not wait_until_serving(self.url, self.process, seconds=30):
            self.stop()
            raise RuntimeError(self.log.read_text())

    def answers(self) -> int:
        with urllib.request.urlopen(self.url + "/", timeout=5) as response:
            return response.status

    def stop(self, how: int = signal.SIGINT) -> tuple[int, str]:
        if self.process.poll() is None:
            self.process.send_signal(how)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode, self.log.read_text()


@pytest.fixture
def preview(tmp_path):
    root = copy_site(tmp_path / "site")
    server = PreviewServer(root)
    yield root, server
    server.stop()


def test_the_preview_shows_drafts_only_when_asked(tmp_path):
    root = copy_site(tmp_path / "site")
    paper = root / "content/papers/hat.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    for options, shown in (((), False), (("--drafts",), True)):
        server = PreviewServer(root, options=options)
        try:
            with urllib.request.urlopen(server.url + "/papers/hat/", timeout=5) as response:
                assert (response.status, shown) == (200, True)
                assert "draft-badge" in response.read().decode("utf-8")
        except urllib.error.HTTPError as missing:
            assert (missing.code, shown) == (404, False)
        finally:
            server.stop()


@pytest.mark.browser
def test_edit_reloads_and_a_broken_edit_shows_an_overlay(page: Page, preview):
    root, server = preview
    paper = root / "content/papers/hat.md"
    original = paper.read_text(encoding="utf-8")
    page.goto(server.url + "/papers/hat/")
    expect(page.locator("h1")).to_have_text("HAT: Hardware-Aware Transformers for Efficient Natural Language Processing")
    time.sleep(LIVERELOAD_QUIET_SECONDS)

    saved = time.monotonic()
    paper.write_text(original.replace("title: 'HAT: Hardware-Aware", "title: 'HAT 2: Hardware-Aware"), encoding="utf-8")
    expect(page.locator("h1")).to_have_text("HAT 2: Hardware-Aware Transformers for Efficient Natural Language Processing", timeout=15_000)
    print(f"save-to-reloaded-page: {time.monotonic() - saved:.2f}s")
    time.sleep(LIVERELOAD_QUIET_SECONDS)

    paper.write_text(original.replace("authors: [", "authors: [[", 1), encoding="utf-8")
    overlay = page.locator("#site-builder-error")
    expect(overlay).to_contain_text("content/papers/hat.md:3: error: YAML syntax error", timeout=15_000)
    expect(page.locator("h1")).to_have_text("HAT 2: Hardware-Aware Transformers for Efficient Natural Language Processing")
    assert server.answers() == 200
    time.sleep(LIVERELOAD_QUIET_SECONDS)

    paper.write_text(original, encoding="utf-8")
    expect(page.locator("h1")).to_have_text("HAT: Hardware-Aware Transformers for Efficient Natural Language Processing", timeout=15_000)
    expect(overlay).to_have_count(0)


def test_listens_on_loopback_and_stops_cleanly_on_ctrl_c(preview):
    _, server = preview
    listening = subprocess.run(["ss", "-ltnH", f"sport = :{server.port}"], capture_output=True, text=True).stdout
    if listening:  # `ss` is there on Debian; where it is not, the URL check below still holds
        assert all("127.0.0.1:" in line for line in listening.splitlines()), listening
    code, stderr = server.stop()
    assert code == 0 and "stopped" in stderr and "Traceback" not in stderr, stderr


def test_kill_stops_it_as_cleanly_as_ctrl_c(preview):
    _, server = preview
    code, stderr = server.stop(signal.SIGTERM)
    assert code == 0 and "stopped" in stderr and "Traceback" not in stderr, stderr


def test_a_port_in_use_is_said_plainly(preview, tmp_path):
    root, server = preview
    done = subprocess.run(
        [sys.executable, "-m", "site_builder", "--root", str(root), "serve", "--port", str(server.port)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 1
    assert done.stderr == f"port {server.port} on 127.0.0.1 is in use: stop the other server or pass --port {server.port + 1}\n"


@pytest.fixture
def unfreezes():
    """The preview freezes the heap it keeps; the test session's own must not stay frozen."""
    yield
    gc.unfreeze()


def title_edited(root, n: int) -> None:
    paper = sorted((root / "content/papers").glob("*.md"))[0]
    text = paper.read_text(encoding="utf-8")
    paper.write_text(text.replace("title: ", f"title: Edited {n} ", 1), encoding="utf-8")


def test_what_the_preview_keeps_is_frozen_out_of_the_collectors_walks(tmp_path, unfreezes):
    # At 10,000 papers a collector pass over the kept site took as long as a rebuild, every
    # few saves; frozen, the site is not walked again.
    root = copy_site(tmp_path / "site")
    preview = Preview(root, tmp_path / "out")
    assert preview.rebuild()
    title_edited(root, 1)
    assert preview.rebuild({"content/papers/" + sorted(p.name for p in (root / "content/papers").glob("*.md"))[0]})
    kept = preview.builder.loaded[1].papers
    assert gc.get_freeze_count() > 0
    assert not any(obj is kept for obj in gc.get_objects())


def test_a_template_change_frees_the_old_environment(tmp_path, unfreezes):
    # A few papers: the render stays in this process (a forked render unfreezes the heap itself).
    root = copy_site(tmp_path / "site")
    for paper in sorted((root / "content/papers").glob("*.md"))[5:]:
        paper.unlink()
    preview = Preview(root, tmp_path / "out")
    assert preview.rebuild()
    old = weakref.ref(preview.builder.env)
    base = root / "templates/base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("<main", "<!-- edited -->\n<main", 1), encoding="utf-8")
    assert preview.rebuild()
    assert preview.builder.env is not None and preview.builder.env is not old()
    assert old() is None  # frozen with its reference cycles, it would live as long as the preview
