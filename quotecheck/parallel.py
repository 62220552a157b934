"""Work shared out among forked processes, where its parts are independent of one another: the
texts of a batch and a long text's windows (the finder), a corpus's sources (a sync), the drafts
of a batch and a long draft's quotes (the matcher).

The inputs are left in a module global before the fork, so that the workers inherit them
rather than receive them pickled; each worker's results come back pickled, in order. Forking
needs a POSIX system: elsewhere, and for work too small to repay starting the workers, the
callers run the work in their own process. A worker never forks workers of its own.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# What the workers run, on what, how they send it back, and the items: set by fork_map before
# it forks.
_JOB: tuple | None = None


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:       # not Linux
        return os.cpu_count() or 1


def workers_for(items: int, asked: int, least_each: int) -> int:
    """How many workers to share `items` among, when at most `asked` are wanted and each must
    get `least_each` items at least to repay its start: 1 means none (no fork, or too little
    work, or already inside a worker or sharing work)."""
    if asked <= 1 or _JOB is not None or not _can_fork():
        return 1
    return max(1, min(asked, items // least_each))


def _can_fork() -> bool:
    """Is forking safe here? Not on Windows (no fork), nor on macOS, where a forked child of a
    process that has used the system's frameworks may crash (Python's own default is spawn)."""
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


def fork_map(work: Callable[[Any, T], R], state: object, items: list[T], workers: int,
             send: Callable[[R], Any] | None = None,
             receive: Callable[[Any, T], R] | None = None) -> list[R]:
    """[work(state, item) for item in items], by `workers` forked processes.

    Each worker takes the next item not yet done, until none is left: on a shared machine a
    process that gets less of a core does fewer items, rather than holding up the end. Each
    result travels as send(result), as soon as it is made, and is made whole again here by
    receive(sent, item): a plain form that pickles faster than the result. This process only
    hands out the items and takes the results in, and takes no item itself: the pool does both
    from threads of this process, which need the GIL, and compiled code (setup.py) keeps the
    GIL until it is done, so while this process read a window of its own, a worker could
    neither get its next item nor send its results, and waited. A worker that dies (killed,
    out of memory) loses nothing: the items it had not sent are done again here. An exception
    in `work` is raised here, wherever it happened."""
    global _JOB
    if workers <= 1:
        return [work(state, item) for item in items]
    _JOB = (work, state, send, items)
    results: list = [_MISSING] * len(items)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_watch_caller, initargs=(os.getpid(),)) as pool:
            done: list[Future | None] = [pool.submit(_do_item, n) for n in range(len(items))]
            try:
                for n in range(len(items)):
                    sent = _result_of(done[n])
                    done[n] = None      # (its sent form is let go as soon as it is made whole)
                    if sent is not _MISSING:
                        results[n] = sent if receive is None else receive(sent, items[n])
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)   # an error anywhere: no item is begun after it
                raise
        for n, result in enumerate(results):
            if result is _MISSING:               # not sent: its worker died
                results[n] = work(state, items[n])
    finally:
        _JOB = None
    return results


_MISSING = object()


def _result_of(done: Future | None) -> object:
    """A worker's result as it sent it; _MISSING when the worker died before it could send it."""
    assert done is not None, "each result is taken in once"
    try:
        return done.result()
    except BrokenProcessPool:
        return _MISSING


def _do_item(n: int) -> object:
    """In a worker: the result of item n, as `send` makes it."""
    assert _JOB is not None, "no job: fork_map sets it before it forks"
    work, state, send, items = _JOB
    result = work(state, items[n])
    return result if send is None else send(result)


def _watch_caller(caller: int) -> None:
    """In a worker: end it when the process that forked it is gone (killed with no chance to
    stop it), instead of working on for no one, then waiting for ever for its next task."""
    def watch():
        while os.getppid() == caller:
            time.sleep(WATCH_SECONDS)
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


WATCH_SECONDS = 0.5


def shares(n: int, parts: int) -> list[tuple[int, int]]:
    """[lo, hi) ranges cutting range(n) into at most `parts` nearly equal runs, in order."""
    parts = max(1, min(parts, n))
    cuts = [n * k // parts for k in range(parts + 1)]
    return [(lo, hi) for lo, hi in zip(cuts, cuts[1:]) if hi > lo]
