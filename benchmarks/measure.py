"""Measuring a command: wall time, CPU time and the peak memory of it and every process it starts."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path


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
    # Every command starts with nothing left to write back: a build right after one that made
    # ten thousand files would otherwise pay for the first one's writeback (the bench makes the
    # site and then builds it, and each build follows another).
    os.sync()
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


def median(values: list[float]) -> float:
    return statistics.median(values)
