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

# What the workers run, on what, how they send it back, the items, and a counter of the items
# taken so far (in shared memory): set by fork_map before it forks.
_JOB: tuple | None = None


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:       # not Linux
        return os.cpu_count() or 1


def workers_for(items: int, asked: int, least_each: int) -> int:
    """How many workers to share `items` among, when at most `asked` are wanted and each must
    get `least_each` items at least to repay its start (this process counting as one): 1 means
    none (no fork, or too little work, or already inside a worker or sharing work)."""
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
    """[work(state, item) for item in items], by this process and `workers` - 1 forked ones.

    Each process takes the next item not yet taken, until none is left: on a shared machine a
    process that gets less of a core takes fewer items, rather than holding up the end. This
    process works too (it would otherwise wait idle), and its own results need no sending. A
    worker's result travels as send(result) and is made whole again by receive(sent, item): a
    plain form that pickles faster than the result. A worker that dies (killed, out of memory)
    loses nothing: the items it took are done again here. An exception in `work` is raised
    here, wherever it happened."""
    global _JOB
    if workers <= 1:
        return [work(state, item) for item in items]
    context = multiprocessing.get_context("fork")
    taken = context.Value("q", 0)
    started = context.Semaphore(0)
    _JOB = (work, state, send, items, taken, started)
    results: list = [_MISSING] * len(items)
    try:
        with ProcessPoolExecutor(workers - 1, mp_context=context, initializer=_watch_caller,
                                 initargs=(os.getpid(),)) as pool:
            theirs = [pool.submit(_take_items) for _ in range(workers - 1)]
            _wait_for_start(started, len(theirs))
            try:
                for n, result in _take_items(here=True):
                    results[n] = result
                for share in theirs:
                    for n, sent in _results_of(share):
                        results[n] = sent if receive is None else receive(sent, items[n])
            except BaseException:
                taken.value = len(items)         # an error anywhere: the others stop at their next item
                raise
        for n, result in enumerate(results):
            if result is _MISSING:               # taken by a worker that died
                results[n] = work(state, items[n])
    finally:
        _JOB = None
    return results


_MISSING = object()


def _results_of(share: Future) -> list[tuple[int, object]]:
    """A worker's (index, result) pairs; none when it died before it could send them."""
    try:
        return share.result()
    except BrokenProcessPool:
        return []


def _wait_for_start(started, workers: int) -> None:
    """Wait until each worker has its task, or START_WAIT_SECONDS have passed.

    The pool hands the workers their task from threads of this process, which need the GIL;
    compiled code (setup.py) holds it until it next runs Python bytecode, so had this process
    started on its own items at once, the workers would have waited for its first one to end
    (a tenth of a second of a 1 MB reading's window). A worker that never starts (killed) only
    costs the wait: its items are taken by the others."""
    deadline = time.monotonic() + START_WAIT_SECONDS
    for _ in range(workers):
        if not started.acquire(timeout=max(0.0, deadline - time.monotonic())):
            return


START_WAIT_SECONDS = 1.0


def _take_items(here: bool = False) -> list[tuple[int, object]]:
    """(index, result) for each item this process took; a worker's results as `send` makes them."""
    assert _JOB is not None, "no job: fork_map sets it before any process takes an item"
    work, state, send, items, taken, started = _JOB
    if not here:
        started.release()
    out: list[tuple[int, object]] = []
    while True:
        with taken.get_lock():
            n = taken.value
            taken.value = n + 1
        if n >= len(items):
            return out
        result = work(state, items[n])
        out.append((n, result if here or send is None else send(result)))


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
