"""Work shared out among forked processes: a long text's windows (the fast reading) and a long
draft's quotes (the matcher) are each independent of the others.

The inputs are left in a module global before the fork, so that the workers inherit them
rather than receive them pickled; each worker's results come back pickled, in order. Forking
needs a POSIX system: elsewhere, and for work too small to repay starting the workers, the
callers run the work in their own process. A worker never forks workers of its own.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Callable, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# What the workers run, and on what: set by fork_map just before it forks.
_JOB: tuple[Callable, object] | None = None


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:       # not Linux
        return os.cpu_count() or 1


def workers_for(items: int, asked: int, least_each: int) -> int:
    """How many workers to share `items` among, when at most `asked` are wanted and each must
    get `least_each` items at least to repay its start: 1 means none (no fork, or too little
    work, or already inside a worker)."""
    if asked <= 1 or _JOB is not None or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(asked, items // least_each))


def fork_map(work: Callable[[object, T], R], state: object, items: list[T], workers: int) -> list[R]:
    """[work(state, item) for item in items], run by `workers` forked processes."""
    global _JOB
    _JOB = (work, state)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_run, items, chunksize=1)
    finally:
        _JOB = None


def _run(item):
    work, state = _JOB
    return work(state, item)


def shares(n: int, parts: int) -> list[tuple[int, int]]:
    """[lo, hi) ranges cutting range(n) into at most `parts` nearly equal runs, in order."""
    parts = max(1, min(parts, n))
    cuts = [n * k // parts for k in range(parts + 1)]
    return [(lo, hi) for lo, hi in zip(cuts, cuts[1:]) if hi > lo]
