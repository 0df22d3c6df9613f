"""Speed: rendering pages in worker processes, each on its own lane of pages.

A cold build of a large site spends most of its time rendering; two processes on two cores
render it in a little over half the time. Workers are forked, so they share the environment,
the catalog and the plan without pickling them. Pages are split into lanes by the per-paper
fragments they need (citation files, list pages and feeds, paper pages): a worker that keeps
to its lane makes and holds half the fragments, not all of them.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Iterator, Sequence
from pathlib import Path

import jinja2

from site_builder.errors import Problem, Problems
from site_builder.fast.fragments import MarkupCache
from site_builder.output.fileops import PageWriter, unlinked_file
from site_builder.render.jinja import render_into, report_once
from site_builder.site.pages import Page

PARALLEL_FROM = 100
"""Below this many template pages (citation files are cheap), forking a worker costs more than
it saves: an edit's build renders a few dozen pages in one process."""
RANGE_SIZE = 25
"""Pages a worker takes at a time from its lane's queue."""

# Set before workers fork, so they share the environment and pages without pickling them.
_JOB: tuple[jinja2.Environment, Sequence[Page], Path, MarkupCache] | None = None
_QUEUES: list[tuple[list[tuple[int, int]], object]] = []
"""The queues of page ranges, by lane, each with a shared counter of ranges taken."""
_SPOOLS: list[int] = []
"""A file per forked worker (by number, from 1) for the abstracts it rendered."""
_PARENT = 0
"""The process that forked the workers: a worker whose parent is gone (killed) stops."""
_WRITER = PageWriter()
"""Writes the render's pages, making each folder once (a new one for every render)."""

CITATIONS, LISTS, PAPERS = 0, 1, 2
"""The lanes, by their number in what `lanes` returns."""
LANE_ORDERS = ((CITATIONS, LISTS, PAPERS), (PAPERS, LISTS, CITATIONS))
"""The order in which a worker takes the lanes, by its number (even, odd): its own lane first,
then the list pages, then what the other lane still has, so that both finish together."""


def lanes(pages: Sequence[Page]) -> list[list[int]]:
    """Page numbers by the per-paper fragments their pages need: citation files (BibTeX, RIS and
    CSL of every paper they list), list pages and feeds (list items, feed entries), and paper
    pages (their own paper's only)."""
    found: list[list[int]] = [[], [], []]
    for n, page in enumerate(pages):
        if page.kind != "template":
            found[CITATIONS].append(n)
        elif page.template == "paper.html":
            found[PAPERS].append(n)
        else:
            found[LISTS].append(n)
    return found


def ranges(order: list[int], size: int) -> list[tuple[int, int]]:
    """Consecutive page numbers of one lane as ranges of at most `size` pages (lanes interleave
    in the plan, so a range ends where its lane's run does)."""
    found: list[tuple[int, int]] = []
    for n in order:
        if found and found[-1][1] == n and n - found[-1][0] < size:
            found[-1] = (found[-1][0], n + 1)
        else:
            found.append((n, n + 1))
    return found


def _render_range(bounds: tuple[int, int]) -> tuple[list[tuple[int, Problem]], dict[str, str]]:
    """Render the pages numbered `bounds[0]` to `bounds[1]` (excluded); their problems come with
    the page's number, so that the ones reported are the same whichever process met them."""
    assert _JOB is not None
    env, pages, staging, markup = _JOB
    found: list[tuple[int, Problem]] = []
    for n in range(*bounds):
        problems = Problems()
        render_into(env, pages[n], staging, problems, _WRITER)
        found += [(n, problem) for problem in problems.items]
    # A worker runs many ranges: each returns only what it added since the last (a cumulative
    # dict would send every abstract to the parent once per range, and the parent keeps them).
    added, markup.added = markup.added, {}
    return found, added


def _work_lanes(worker: int) -> tuple[list[tuple[int, Problem]], dict[str, str]]:
    """A worker's loop over the lanes in its order. Worker 0 is the parent process itself; a
    forked worker leaves the abstracts it rendered, range by range, in its spool file for the
    parent's cache, and forgets them (its memory is the build's too)."""
    found: list[tuple[int, Problem]] = []
    added: dict[str, str] = {}
    markup = _JOB[3]
    for lane in LANE_ORDERS[worker % 2]:
        queue, taken = _QUEUES[lane]
        while True:
            with taken.get_lock():
                n = taken.value
                taken.value += 1
            if n >= len(queue):
                break
            if worker and os.getppid() != _PARENT:  # the build was killed: write nothing more
                os._exit(1)
            problems, more = _render_range(queue[n])
            found += problems
            if not worker:
                added.update(more)
            elif more:
                with open(_SPOOLS[worker - 1], "ab", closefd=False) as spool:
                    pickle.dump(more, spool)
                for key in more:
                    del markup.known[key]
    return found, added


def _unspool(descriptor: int) -> Iterator[dict[str, str]]:
    os.lseek(descriptor, 0, os.SEEK_SET)
    with open(descriptor, "rb", closefd=False) as spool:
        while True:
            try:
                yield pickle.load(spool)
            except EOFError:
                return


def render_workers(pages: Sequence[Page]) -> int:
    """How many processes `render_pages` renders these pages with (1: this one alone)."""
    templated = sum(1 for page in pages if page.kind == "template")
    if templated < PARALLEL_FROM:
        return 1
    import multiprocessing  # here: a build with few pages never needs it

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


def render_pages(env: jinja2.Environment, pages: Sequence[Page], staging: Path, markup: MarkupCache, problems: Problems) -> None:
    """Render `pages` into files under `staging`, in worker processes when there are enough of
    them; problems are collected, not raised, in the plan's order."""
    global _JOB, _QUEUES, _SPOOLS, _WRITER
    workers = render_workers(pages)
    _JOB, _WRITER = (env, pages, staging, markup), PageWriter()
    try:
        results = [_render_range((0, len(pages)))] if workers < 2 else _render_forked(workers, env.globals["fragments"].store.folder)
    finally:
        for descriptor in _SPOOLS:
            os.close(descriptor)
        _JOB, _QUEUES, _SPOOLS = None, [], []
    for _, added in results:
        markup.known.update(added)
        markup.added.update(added)
    numbered = sorted((item for found, _ in results for item in found), key=lambda item: item[0])
    report_once((problem for _, problem in numbered), problems)


def _render_forked(workers: int, spool_folder: Path | None) -> list[tuple[list[tuple[int, Problem]], dict[str, str]]]:
    global _QUEUES, _SPOOLS, _PARENT
    import multiprocessing

    _PARENT = os.getpid()
    context = multiprocessing.get_context("fork")
    _QUEUES = [(ranges(lane, RANGE_SIZE), context.Value("l", 0)) for lane in lanes(_JOB[1])]
    _SPOOLS = [unlinked_file(spool_folder) for _ in range(1, workers)]
    gc.freeze()  # the collector would write to every inherited object: a private copy each
    try:
        with context.Pool(workers - 1) as pool:
            forked = pool.map_async(_work_lanes, range(1, workers), chunksize=1)
            results = [_work_lanes(0), *forked.get()]
    finally:
        gc.unfreeze()
    return results + [([], added) for descriptor in _SPOOLS for added in _unspool(descriptor)]
