"""Work shared out among forked processes, where its parts are independent of one another: the
texts of a batch and a long text's windows (the finder), a corpus's sources (a sync), the drafts
of a batch and a long draft's quotes (the matcher).

The inputs are left in a module global before the fork, so that the forked processes inherit
them rather than receive them pickled; their results come back pickled, in order. Forking needs
a POSIX system: elsewhere, and for work too small to repay starting the workers, the callers run
the work in their own process. A worker never forks workers of its own.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import tempfile
from multiprocessing.connection import Connection
from typing import Any, Callable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# What the processes run, on what, how a forked one sends it back, the items and the counter
# of items taken: set by fork_map before it forks.
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
    """[work(state, item) for item in items], by this process and `workers` - 1 forked ones.

    Each takes the next item no one has taken (a counter they share), until none is left: on a
    shared machine a process that gets less of a core does fewer items, rather than holding up
    the end. This process keeps its own results. A forked one writes each of its results, as
    send(result) (a plain form that pickles faster), to a private file of its own with no name
    (in memory where the system can), which is read here once all are done and made whole by
    receive(sent, item). No thread runs here meanwhile: compiled code (setup.py) keeps the GIL
    until it is done, so a thread that handed out items or took results in, as a process pool's
    do, waited for this process's work, and so did the workers it served. A forked process that
    dies (killed, out of memory) loses nothing: the items it took and never wrote are done here.
    An exception anywhere is raised here, and no item is begun after it."""
    global _JOB
    forks = min(workers, len(items)) - 1
    if forks < 1:
        return [work(state, item) for item in items]
    taken = multiprocessing.get_context("fork").Value("q", 0)
    _JOB = (work, state, send, items, taken)
    outputs: list[int] = []
    children: list[int] = []
    try:
        for _ in range(forks):
            try:
                outputs.append(_private_file())
                pid = os.fork()
            except OSError:          # out of processes, memory or files: the ones forked share it
                break
            if pid == 0:
                _work_forked(outputs[-1])              # never returns
            children.append(pid)
        results: list = [_MISSING] * len(items)
        try:
            for n in _next_items(taken, len(items)):
                results[n] = work(state, items[n])
        except BaseException:
            _take_all(taken, len(items))
            raise
        while children:                                  # (each takes no item after the last)
            os.waitpid(children[-1], 0)
            children.pop()
        for fd in outputs:
            for n, done, sent in _records(fd):
                if not done:
                    raise sent                           # the work's exception, in a forked process
                results[n] = sent if receive is None else receive(sent, items[n])
        for n, result in enumerate(results):
            if result is _MISSING:                       # taken by a process that died
                results[n] = work(state, items[n])
        return results
    finally:
        _JOB = None
        for pid in children:                             # left only when this process failed
            _end(pid)
        for fd in outputs:
            os.close(fd)


_MISSING = object()


def _next_items(taken, total: int) -> Iterator[int]:
    """The items this process takes, one at a time, as the others take theirs."""
    while True:
        with taken.get_lock():
            n = taken.value
            if n >= total:
                return
            taken.value = n + 1
        yield n


def _take_all(taken, total: int) -> None:
    """After an error: the items left are taken, so that no process begins one."""
    with taken.get_lock():
        taken.value = total


def _private_file() -> int:
    """A file for a forked process's results that no other program can open: an anonymous one
    in memory on Linux, else a temporary file unlinked as soon as it is made."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("quotecheck-results", os.MFD_CLOEXEC)
    with tempfile.TemporaryFile() as fh:
        return os.dup(fh.fileno())


def _work_forked(fd: int) -> None:
    """In a forked process: take items until none is left, and write each result to `fd`; stop
    when the process that forked this one is gone (killed with no chance to stop it), rather
    than work on for no one. Leaves by os._exit: nothing of the caller's (buffered output, exit
    handlers, open indexes) is run or flushed twice."""
    code = 1
    try:
        assert _JOB is not None, "fork_map sets the job before it forks"
        work, state, send, items, taken = _JOB
        caller = os.getppid()
        out = Connection(fd, readable=False)
        for n in _next_items(taken, len(items)):
            if os.getppid() != caller:
                break
            try:
                result = work(state, items[n])
            except Exception as exc:  # noqa: BLE001 (any error in the work: raised by the caller)
                _take_all(taken, len(items))
                out.send((n, False, exc))
                break
            out.send((n, True, result if send is None else send(result)))
        code = 0
    finally:
        os._exit(code)       # (a KeyboardInterrupt too: the caller, interrupted as well, reports it)


def _records(fd: int) -> Iterator[tuple[int, bool, Any]]:
    """What a forked process wrote to `fd`, in order: (item, done, result or exception). A
    record cut short (its process died writing it) ends them: its item is done again."""
    os.lseek(fd, 0, os.SEEK_SET)
    reader = Connection(os.dup(fd), writable=False)
    try:
        while True:
            try:
                yield reader.recv()
            except (EOFError, OSError):
                return
    finally:
        reader.close()


def _end(pid: int) -> None:
    """Stop a forked process and wait for it: the caller failed, and its items are no use."""
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def shares(n: int, parts: int) -> list[tuple[int, int]]:
    """[lo, hi) ranges cutting range(n) into at most `parts` nearly equal runs, in order."""
    parts = max(1, min(parts, n))
    cuts = [n * k // parts for k in range(parts + 1)]
    return [(lo, hi) for lo, hi in zip(cuts, cuts[1:]) if hi > lo]
