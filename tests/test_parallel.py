"""Work shared among forked processes (quotecheck.parallel): the fast reading's windows and a
long draft's quotes. The answer must be the one a single process gives, in the same order."""
from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import quotecheck.find as finder
import quotecheck.judge as judge
from quotecheck import parallel
from quotecheck.find import find_quotes
from quotecheck.find.windows import packed, unpacked
from quotecheck.judge import check_document
from quotecheck.model import Document, Kind, Mention, Quote, Span
from quotecheck.store import Corpus

pytestmark = pytest.mark.skipif(not parallel._can_fork(),
                                reason="the workers are forked")

PARAGRAPHS = ["“We will build it together,” Sam Altman said. “It took years,” he added.",
              "Satya Nadella said the partnership would “democratize AI” for every customer.",
              "“Nobody knows,” Brockman said, “what the next model will do.”",
              "The talks went on for months. Officials said the deal was not final."]


def _long_text(paragraphs: int) -> str:
    return "\n\n".join(PARAGRAPHS[n % len(PARAGRAPHS)] for n in range(paragraphs))


def _pid(_state, _item) -> int:
    time.sleep(0.05)         # slow enough that every process takes some of the items
    return os.getpid()


def _square_plus(state, item):
    return item * item + state


def test_fork_map_gives_results_in_order_from_the_workers():
    assert parallel.fork_map(_square_plus, 10, list(range(20)), 2) == [n * n + 10 for n in range(20)]
    assert parallel.fork_map(_square_plus, 1, list(range(7)), 3) == [n * n + 1 for n in range(7)]
    pids = parallel.fork_map(_pid, None, list(range(20)), 2)
    # this process and one forked from it share the items
    assert os.getpid() in pids and len(set(pids)) == 2


def _pid_square(_state, item) -> tuple[int, int]:
    time.sleep(0.05)
    return os.getpid(), item * item


def _tagged(result):
    return ("sent", result)


_RECEIVED: list[int] = []


def _untagged(sent, item):
    assert sent[0] == "sent"
    _RECEIVED.append(item)
    return sent[1]


def test_fork_map_sends_the_forked_processes_results_in_their_plain_form():
    _RECEIVED.clear()
    got = parallel.fork_map(_pid_square, None, list(range(20)), 2, _tagged, _untagged)
    assert [square for _, square in got] == [n * n for n in range(20)]
    forked = [n for n, (pid, _) in enumerate(got) if pid != os.getpid()]
    # what the forked process did came through send and receive; this process's own did not
    assert forked and sorted(_RECEIVED) == forked


def test_a_record_cut_short_ends_what_a_forked_process_wrote():
    # a process killed while it wrote a result: the results before it are read, its item is
    # done again by the caller
    from multiprocessing.connection import Connection
    fd = parallel._private_file()
    try:
        out = Connection(os.dup(fd), readable=False)
        out.send((0, True, "first"))
        out.send((1, True, "x" * 1000))
        out.close()
        os.ftruncate(fd, os.lseek(fd, 0, os.SEEK_END) - 10)
        assert list(parallel._records(fd)) == [(0, True, "first")]
    finally:
        os.close(fd)


def _holds_the_gil(_state, _item) -> tuple[float, float]:
    start = time.monotonic()
    sum(range(30_000_000))      # one C call: no bytecode runs, so no other thread of the process can
    return start, time.monotonic()


def test_work_that_keeps_the_gil_is_still_done_by_both_processes_at_once():
    # compiled code (setup.py), like this C loop, lets no other thread of its process run until
    # it is done: a process pool's threads, which handed out the items and took the results in,
    # waited for it, and the workers they served waited with them. No thread runs here now.
    (first_start, first_end), (second_start, second_end) = parallel.fork_map(_holds_the_gil, None, [0, 1], 2)
    assert first_start < second_end and second_start < first_end, "the two items ran one after the other"


_PARENT = os.getpid()


def _dies_in_a_worker(_state, item):
    time.sleep(0.02)
    if os.getpid() != _PARENT:
        os._exit(1)                    # as if killed, or out of memory, at its first item
    return item * 2


def test_a_worker_that_dies_loses_nothing():
    assert parallel.fork_map(_dies_in_a_worker, None, list(range(10)), 2) == [n * 2 for n in range(10)]


def test_a_fork_that_fails_leaves_the_work_to_the_processes_there_are(monkeypatch):
    import errno

    def no_more(*_):
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")
    monkeypatch.setattr(parallel.os, "fork", no_more)
    assert parallel.fork_map(_square_plus, 3, list(range(9)), 4) == [n * n + 3 for n in range(9)]


def _fails_on_five(_state, item):
    time.sleep(0.01)
    if item == 5:
        raise ValueError("no item 5")
    return item


def test_an_error_in_the_work_is_raised_in_the_calling_process():
    with pytest.raises(ValueError, match="no item 5"):
        parallel.fork_map(_fails_on_five, None, list(range(10)), 2)


def _workers_inside(_state, _item) -> int:
    return parallel.workers_for(1000, 4, 1)


def test_workers_for_keeps_small_work_and_workers_at_home(monkeypatch):
    assert parallel.workers_for(1000, 1, 10) == 1          # asked for none
    assert parallel.workers_for(15, 4, 10) == 1            # too little to share
    assert parallel.workers_for(35, 4, 10) == 3
    assert parallel.workers_for(1000, 4, 10) == 4
    assert parallel.fork_map(_workers_inside, None, [0, 1], 2) == [1, 1]   # a worker forks no more
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert parallel.workers_for(1000, 4, 10) == 1          # no fork on this system
    monkeypatch.undo()
    monkeypatch.setattr(parallel.sys, "platform", "darwin")
    assert parallel.workers_for(1000, 4, 10) == 1          # fork, but unsafe (macOS)


@pytest.mark.parametrize("n,parts", [(10, 3), (3, 8), (1, 1), (100, 7)])
def test_shares_cover_the_range_in_order(n, parts):
    got = parallel.shares(n, parts)
    assert [i for lo, hi in got for i in range(lo, hi)] == list(range(n))
    assert len(got) == min(n, parts) and max(hi - lo for lo, hi in got) - min(hi - lo for lo, hi in got) <= 1


def test_a_quote_packed_and_unpacked_is_the_same_quote():
    q = Quote("We will, it took years", [Span(1, 8), Span(30, 44)], Kind.PARTIAL, speaker="Sam Altman",
              speaker_mention=Mention("he", 20, 22), role="chief executive", cue=Mention("said", 23, 27),
              rule="trailing_cue", confidence=0.85, file="a.txt", context="…")
    bare = Quote("x", [Span(0, 1)], Kind.INDIRECT)
    assert unpacked(packed(q)) == q and unpacked(packed(bare)) == bare


def test_the_fast_reading_shared_among_workers_finds_the_same_quotes(monkeypatch):
    text = _long_text(120)
    monkeypatch.setattr(finder, "WINDOW_CHARS", 1000)      # about a dozen windows
    calls = []
    real = parallel.fork_map
    monkeypatch.setattr(finder, "fork_map", lambda *a: calls.append(a[3]) or real(*a))
    alone = find_quotes(text, fast=True)
    shared = find_quotes(text, fast=True, workers=2)
    assert calls == [2]                                    # the windows did go to two workers
    assert len(alone) > 100 and shared == alone
    for q in shared:
        assert " ".join(text[s.start:s.end] for s in q.spans) == q.text


def test_many_texts_shared_among_workers_give_the_same_quotes(monkeypatch):
    # parsed (the model loaded before the fork) and read fast, in batches of texts
    texts = [_long_text(n) for n in range(2, 14)]
    monkeypatch.setattr(finder, "MIN_TEXTS_PER_WORKER", 2)
    calls = []
    real = parallel.fork_map
    monkeypatch.setattr(finder, "fork_map", lambda *a, **k: calls.append(a[3]) or real(*a, **k))
    for fast in (False, True):
        alone = finder.find_quotes_many(texts, fast=fast)
        shared = finder.find_quotes_many(texts, fast=fast, workers=2)
        assert shared == alone and sum(map(len, alone)) > 50
    assert calls == [2, 2]


def test_a_text_of_one_window_is_read_at_home(monkeypatch):
    monkeypatch.setattr(finder, "fork_map", lambda *a: pytest.fail("forked for one window"))
    assert find_quotes(_long_text(8), fast=True, workers=4)


SOURCES = {"altman.txt": "“We will build it together,” Sam Altman said. “It took years,” he added.\n\n"
                         "Altman said the company would need billions of dollars over the next decade.\n",
           "nadella.txt": "“We want to democratize AI for every customer,” Satya Nadella said.\n"}
DRAFT_PARAGRAPHS = ["“We will build it together,” Sam Altman said.",
                    "“The company would need billions of dollars over the next century,” Sam Altman said.",
                    "“We want to democratize AI,” Sam Altman said.",              # misattributed
                    "“The moon is made of cheese,” Satya Nadella said."]          # unsupported


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    for name, text in SOURCES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _draft(paragraphs: int) -> str:
    # a headline first: the first line of an article, standing alone, quotes no one
    return "Talks on AI\n\n" + "\n\n".join(DRAFT_PARAGRAPHS[n % 4] for n in range(paragraphs))


def test_a_check_shared_among_workers_gives_the_same_findings(small_corpus, monkeypatch):
    draft = Document("draft.txt", _draft(24))
    monkeypatch.setattr(judge, "MIN_QUOTES_PER_WORKER", 3)
    calls = []
    real = parallel.fork_map
    monkeypatch.setattr(judge, "fork_map", lambda *a: calls.append(a[3]) or real(*a))
    with Corpus.open(small_corpus) as corpus:
        corpus.sync()
        alone = check_document(draft, corpus)
        shared = check_document(draft, corpus, workers=2)
    assert calls == [2]
    assert len(alone) == 24 and shared == alone
    assert {f.verdict.value for f in shared} == {"verbatim", "altered", "misattributed", "unsupported"}


def test_the_findings_hold_the_callers_own_quotes(small_corpus, monkeypatch):
    draft = Document("draft.txt", _draft(12))
    monkeypatch.setattr(judge, "MIN_QUOTES_PER_WORKER", 3)
    with Corpus.open(small_corpus) as corpus:
        corpus.sync()
        quotes = judge.draft_quotes(draft)
        findings = check_document(draft, corpus, quotes, workers=2)
    assert all(f.quote is q for f, q in zip(findings, quotes))


def test_the_cli_check_gives_the_same_report_with_any_number_of_jobs(small_corpus, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(_draft(400), encoding="utf-8")
    reports = []
    for jobs in ("1", "2"):
        run = subprocess.run([sys.executable, "-m", "quotecheck", "check", "--corpus", str(small_corpus),
                              "--format", "jsonl", "--jobs", jobs, str(draft)], capture_output=True, text=True)
        assert run.returncode == 1, run.stderr                  # misquotes found
        reports.append([json.loads(line) for line in run.stdout.splitlines()])
    assert len(reports[0]) == 400 and reports[0] == reports[1]


def test_many_drafts_shared_among_workers_give_the_same_findings(small_corpus, monkeypatch):
    drafts = [Document(f"d{n}.txt", _draft(3 + n % 4)) for n in range(10)]
    monkeypatch.setattr(judge, "MIN_DRAFTS_PER_WORKER", 2)
    calls = []
    real = parallel.fork_map
    monkeypatch.setattr(judge, "fork_map", lambda *a, **k: calls.append(a[3]) or real(*a, **k))
    with Corpus.open(small_corpus) as corpus:
        corpus.sync()
        alone = judge.check_documents(drafts, corpus)
        shared = judge.check_documents(drafts, corpus, workers=2)
    assert calls == [2]
    assert [len(f) for f in shared] == [3 + n % 4 for n in range(10)] and shared == alone


def test_a_sync_reads_its_sources_with_workers_and_writes_the_same_index(tmp_path, monkeypatch):
    calls = []
    real = parallel.fork_map
    monkeypatch.setattr(finder, "fork_map", lambda *a, **k: calls.append(a[3]) or real(*a, **k))
    indexes = []
    for workers in (1, 2):
        folder = tmp_path / f"sources{workers}"
        folder.mkdir()
        for n in range(10):
            (folder / f"a{n}.txt").write_text(_long_text(3 + n), encoding="utf-8")
        with Corpus.open(folder, workers=workers) as corpus:
            report = corpus.sync()
            assert report.added == 10 and not report.errors
            indexes.append([(q.document.path.replace(f"sources{workers}", "S"), q.quote.start, q.quote.end,
                             q.quote.speaker) for q in corpus.quotes()])
    assert calls == [2]                      # only the second sync forked
    assert len(indexes[0]) > 20 and indexes[0] == indexes[1]


ORPHAN_SCRIPT = """
import os, sys, time
sys.path.insert(0, {root!r})
from quotecheck import parallel

def slow(_state, item):
    time.sleep(0.1)
    return item

print(os.getpid(), flush=True)
parallel.fork_map(slow, None, list(range(300)), 2)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_worker_stops_when_its_caller_is_killed(tmp_path):
    import signal
    root = str(Path(__file__).resolve().parents[1])
    proc = subprocess.Popen([sys.executable, "-c", ORPHAN_SCRIPT.format(root=root)], stdout=subprocess.PIPE, text=True)
    caller = int(proc.stdout.readline())
    deadline = time.time() + 10
    workers = []
    while not workers and time.time() < deadline:
        time.sleep(0.2)
        workers = [int(p) for p in os.listdir("/proc") if p.isdigit() and _parent_of(int(p)) == caller]
    assert workers, "no worker was forked"
    os.kill(caller, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 5                  # 300 items of 0.1 s would take 15 s more
    while any(_alive(w) for w in workers) and time.time() < deadline:
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers)


def _parent_of(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return int(fh.read().rsplit(")", 1)[1].split()[1])
    except (FileNotFoundError, ProcessLookupError, ValueError):
        return None
