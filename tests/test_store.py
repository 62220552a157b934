"""The corpus index (quotecheck.store): incremental sync, where the index lives, and faults —
kill -9 during add, two writers at once, corrupt and foreign index files."""
from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from quotecheck.store import Corpus, CorpusError
from quotecheck.store_schema import INDEX_NAME

ARTICLE = ('Mayor Ann Lee spoke at the harbour.\n\n"We will rebuild the pier by {n} spring," Ann Lee '
           'said.\n\nThe council meets on Tuesday.\n')


def _write(folder: Path, n: int, prefix: str = "src") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"{prefix}-{i:04d}.txt"
        p.write_text(ARTICLE.format(n=i), encoding="utf-8")
        paths.append(p)
    return paths


@pytest.fixture()
def root(tmp_path):
    r = tmp_path / "corpus"
    _write(r, 3)
    return r


def test_sync_is_incremental(root):
    with Corpus.open(root) as c:
        assert (c.sync().added, c.sync().unchanged) == (3, 3)
        (root / "src-0000.txt").write_text("Changed text entirely.\n", encoding="utf-8")
        os.utime(root / "src-0001.txt")          # touched, same content: not re-indexed
        (root / "src-0002.txt").unlink()
        (root / "new.md").write_text("A new source.\n", encoding="utf-8")
        r = c.sync()
        assert (r.added, r.updated, r.removed) == (1, 1, 1)
        assert c.stats().documents == 3


def _fts_pages(index: Path) -> int:
    with sqlite3.connect(index) as db:
        return db.execute("SELECT count(*) FROM passages_fts_data").fetchone()[0]


def test_a_corpus_grown_one_sync_at_a_time_keeps_a_merged_full_text_index(root):
    # every sync's inserts leave a b-tree that each phrase query then reads: the sync merges them
    with Corpus.open(root) as c:
        for i in range(12):
            _write(root, 1, prefix=f"day{i}")
            c.sync()
        index = c.index_path
    grown = _fts_pages(index)
    with sqlite3.connect(index) as db:
        db.execute("INSERT INTO passages_fts(passages_fts) VALUES('optimize')")
    assert grown <= _fts_pages(index) + 1      # (a merge may keep a record more than optimize does;
                                               # without it, 12 syncs left 14 records against 3)


def test_stats_documents_and_quotes(root):
    with Corpus.open(root) as c:
        c.sync()
        s = c.stats()
        assert (s.documents, s.passages) == (3, 9)
        assert s.index_bytes > 0 and s.index_path == str(root / INDEX_NAME)
        docs = c.documents()
        assert [Path(d.path).name for d in docs] == ["src-0000.txt", "src-0001.txt", "src-0002.txt"]
        assert all(d.passages == 3 for d in docs)
        assert all(Path(q.document.path).parent == root for q in c.quotes())


def test_bad_files_are_reported_and_good_ones_indexed(root):
    (root / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (root / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    with Corpus.open(root) as c:
        r = c.sync()
    assert r.added == 3
    assert len(r.errors) == 2 and all(("binary.txt" in e) or ("latin1.txt" in e) for e in r.errors)


def test_index_beside_a_writable_corpus_and_in_the_cache_for_a_read_only_one(root, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with Corpus.open(root) as c:
        assert c.index_path == root / INDEX_NAME
    (root / INDEX_NAME).unlink()
    for p in root.glob(".quotecheck*"):
        p.unlink()
    root.chmod(0o555)
    try:
        with Corpus.open(root) as c:
            assert c.index_path.parent == tmp_path / "cache" / "quotecheck"
            assert c.sync().added == 3
            with pytest.raises(CorpusError, match="read-only"):
                c.add([tmp_path])
        assert not list(root.glob(".quotecheck*"))
    finally:
        root.chmod(0o755)


def test_index_option_overrides(root, tmp_path):
    with Corpus.open(root, index=tmp_path / "elsewhere.sqlite") as c:
        c.sync()
    assert (tmp_path / "elsewhere.sqlite").exists() and not (root / INDEX_NAME).exists()


def test_missing_corpus_folder(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        Corpus.open(tmp_path / "nope")


def test_add_copies_in_and_remove_deletes(root, tmp_path):
    outside = _write(tmp_path / "outside", 2, prefix="ext")
    with Corpus.open(root) as c:
        c.sync()
        r = c.add([tmp_path / "outside"])
        assert r.added == 2 and (root / "ext-0000.txt").exists()
        assert c.add(outside).added == 0                      # same content again: nothing new
        outside[0].write_text("different", encoding="utf-8")
        assert "different" in c.add([outside[0]]).errors[0]
        r = c.remove(["ext-0001.txt", "no-such.txt"])
        assert r.removed == 1 and len(r.errors) == 1
        assert not (root / "ext-0001.txt").exists()
        assert c.stats().documents == 4


def test_rebuild(root):
    with Corpus.open(root) as c:
        c.sync()
        r = c.rebuild()
        assert r.added == 3 and c.stats().documents == 3


@pytest.mark.parametrize("content", [b"garbage, not a database at all" * 10,
                                     b"SQLite format 3\x00" + b"\x00" * 200])
def test_corrupt_index_is_moved_aside_and_rebuilt(root, content):
    (root / INDEX_NAME).write_bytes(content)
    with Corpus.open(root) as c:
        r = c.sync()
    assert r.added == 3 and any("rebuilt" in w for w in r.warnings)
    assert (root / (INDEX_NAME + ".bad")).exists()


def test_foreign_sqlite_file_is_not_trusted(root):
    db = sqlite3.connect(root / INDEX_NAME)
    db.execute("CREATE TABLE customers (name TEXT)")
    db.commit()
    db.close()
    with Corpus.open(root) as c:
        r = c.sync()
    assert r.added == 3 and any("did not write" in w for w in r.warnings)


def test_damaged_pages_are_detected(root):
    with Corpus.open(root) as c:
        c.sync()
    data = bytearray((root / INDEX_NAME).read_bytes())
    for i in range(4096, len(data), 97):       # scribble over every page but the header
        data[i] = (data[i] + 1) % 256
    (root / INDEX_NAME).write_bytes(bytes(data))
    with Corpus.open(root) as c:
        r = c.sync()
        assert c.stats().documents == 3
    assert any("rebuilt" in w for w in r.warnings)


# --- processes: kill -9 during add, two writers at once -----------------------------------

ADDER = textwrap.dedent("""
    import sys
    from quotecheck.store import Corpus
    with Corpus.open(sys.argv[1]) as c:
        print("started", flush=True)
        report = c.add([sys.argv[2]], progress=lambda done, total, path: print("progress", done, flush=True))
        print("done", report.added, report.errors, flush=True)
""")


def _synced(root: Path) -> set[str]:
    with Corpus.open(root) as c:
        c.sync()
    return _documents(root)


def _documents(root: Path) -> set[str]:
    with Corpus.open(root, index=root / INDEX_NAME) as c:
        assert not c.warnings, c.warnings          # never a damaged index after a kill
        docs = {Path(d.path).name for d in c.documents()}
        stats = c.stats()
        assert stats.passages == sum(d.passages for d in c.documents())
    return docs


def _spawn(root: Path, src: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    return subprocess.Popen([sys.executable, "-c", ADDER, str(root), str(src)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_kill_during_add_leaves_before_or_after(tmp_path):
    """kill -9 at random points: while copying, while indexing batch k, around the commit."""
    rounds = int(os.environ.get("QUOTECHECK_KILL_ROUNDS", "12"))
    src = tmp_path / "incoming"
    _write(src, 150, prefix="new")
    rng = random.Random(4)
    outcomes = {"before": 0, "after": 0}
    for n in range(rounds):
        root = tmp_path / f"corpus{n}"
        _write(root, 2)
        before = _synced(root)
        after = before | {f"new-{i:04d}.txt" for i in range(150)}
        p = _spawn(root, src)
        assert p.stdout.readline().startswith("started")
        t0 = time.monotonic()
        for _ in range(rng.randint(0, 2)):       # let 0-2 batches of 64 be indexed first
            p.stdout.readline()
        time.sleep(rng.uniform(0, max(0.05, time.monotonic() - t0)))
        p.kill()
        p.wait()
        got = _documents(root)
        assert got in (before, after)
        outcomes["before" if got == before else "after"] += 1
    assert outcomes["before"] > 0          # the kills really landed during the add


def test_two_processes_adding_at_once(tmp_path):
    root = tmp_path / "corpus"
    _write(root, 1)
    _synced(root)
    a, b = tmp_path / "a", tmp_path / "b"
    _write(a, 60, prefix="a")
    _write(b, 60, prefix="b")
    procs = [_spawn(root, a), _spawn(root, b)]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]
    for code, out, err in results:
        # each either finished, or failed cleanly with our one-line busy message
        assert code == 0 or "busy" in err, err
    got = _documents(root)
    assert {f"a-{i:04d}.txt" for i in range(60)} <= got or results[0][0] != 0
    assert {f"b-{i:04d}.txt" for i in range(60)} <= got or results[1][0] != 0
    assert len(got) == 121 or any(code != 0 for code, _, _ in results)


def test_rarity_follows_every_change(root):
    with Corpus.open(root) as c:
        c.sync()
        assert c.rarity(["pier", "council", "absent"]) == {"pier": 3, "council": 3, "absent": 0}
        (root / "src-0000.txt").write_text("Nothing about piers here.\n", encoding="utf-8")
        (root / "src-0001.txt").unlink()
        c.sync()
        assert c.rarity(["pier", "piers"]) == {"pier": 1, "piers": 1}
        c.rebuild()
        assert c.rarity(["pier", "piers"]) == {"pier": 1, "piers": 1}


def test_source_quotes_follow_a_changed_document(root):
    # quotes_at remembers which index entry a path is: a re-read document must not be looked
    # up under its old entry
    with Corpus.open(root) as c:
        c.sync()
        path = c.quotes(speaker="Lee")[0].document.path
        assert [q.quote.speaker for q in c.quotes_at(path, 0, 10 ** 6)] == ["Ann Lee"]
        Path(path).write_text('"The pier can wait," Bob Ray said.\n', encoding="utf-8")
        c.sync()
        assert [q.quote.speaker for q in c.quotes_at(path, 0, 10 ** 6)] == ["Bob Ray"]


def test_rarity_of_more_words_than_one_statement_may_name(root):
    # a pasted-in speech, or a batch of quotes, can have more distinct words than SQLite takes
    # parameters in one statement (999 before SQLite 3.32, and a build may set fewer): the
    # lookup must not fail as a damaged index
    many = [f"w{i}" for i in range(4_000)] + ["pier"]
    with Corpus.open(root) as c:
        c.sync()
        c._db.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
        found = c.rarity(many)
    assert len(found) == len(many) and found["pier"] == 3 and found["w3999"] == 0


def test_speaker_at_is_the_speaker_of_the_quote_that_overlaps_most(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    text = ('"We will rebuild the pier," Ann Lee said.\n\n"The harbour needs it," Bob Ray said.\n\n'
            'The council meets on Tuesday.\n')
    (folder / "a.txt").write_text(text, encoding="utf-8")
    with Corpus.open(folder) as c:
        c.sync()
        path = c.documents()[0].path
        pier, harbour, tuesday = (text.index(w) for w in ("pier", "harbour", "Tuesday"))
        assert c.speaker_at(path, pier, pier + 4) == "Ann Lee"
        assert c.speaker_at(path, harbour, harbour + 7) == "Bob Ray"
        # across both quotes: the one holding more of the words
        assert c.speaker_at(path, text.index("rebuild"), harbour + 3) == "Ann Lee"
        assert c.speaker_at(path, pier + 3, harbour + 20) == "Bob Ray"
        assert c.speaker_at(path, tuesday, tuesday + 7) is None
        assert c.speaker_at(str(tmp_path / "elsewhere.txt"), 0, 10) is None
        for s, e in ((pier, harbour + 3), (pier + 3, harbour + 20), (0, len(text)), (0, pier)):
            quotes = c.quotes_at(path, s, e)
            most = max(quotes, key=lambda q: min(q.quote.end, e) - max(q.quote.start, s))
            assert c.speaker_at(path, s, e) == most.quote.speaker


def test_an_index_made_by_other_code_is_read_again(root, monkeypatch):
    # the stored quotes and speakers are the finder's: after an upgrade they must be found again,
    # not kept until each file happens to change
    with Corpus.open(root) as c:
        assert c.sync().added == 3
        again = c.sync()
        assert again.unchanged == 3 and not again.changed
        monkeypatch.setattr("quotecheck.store_sync.reader_stamp", lambda: "other code")
        reread = c.sync()
        assert reread.updated == 3 and any("another version" in w for w in reread.warnings)
        assert [q.quote.speaker for q in c.quotes(speaker="Lee")] == ["Ann Lee"] * 3
        assert c.sync().unchanged == 3


def test_quotes_by_speaker_are_lookups(root):
    with Corpus.open(root) as c:
        c.sync()
        by_lee = c.quotes(speaker="Lee")
        assert len(by_lee) == 3 and all(q.quote.speaker == "Ann Lee" for q in by_lee)
        assert c.quotes(speaker="Nobody Else") == []
        assert by_lee[0].document.path.endswith("src-0000.txt")


def test_readers_do_not_wait_for_a_writer(root):
    with Corpus.open(root) as writer:
        writer.sync()
        writer._db.execute("BEGIN IMMEDIATE")        # another process mid-`add`
        try:
            t0 = time.monotonic()
            with Corpus.open(root) as reader:
                assert reader.stats().documents == 3 and len(reader.documents()) == 3
            assert time.monotonic() - t0 < 2
        finally:
            writer._db.execute("ROLLBACK")


def test_a_snapshot_reads_one_version_of_the_index(root):
    # a check's lookups, quote after quote, must not see another process's `add` halfway
    with Corpus.open(root) as c:
        c.sync()
        other = sqlite3.connect(c.index_path, isolation_level=None)
        try:
            with c.snapshot():
                before = {p.id for p in c.phrase(["pier"])}
                other.execute("DELETE FROM passages WHERE id = ?", (min(before),))   # committed
                assert {p.id for p in c.phrase(["pier"])} == before
                with c.snapshot():                    # nested: the outer one holds
                    assert {p.id for p in c.phrase(["pier"])} == before
            assert {p.id for p in c.phrase(["pier"])} == before - {min(before)}
            assert not c._db.in_transaction
        finally:
            other.close()


def test_damaged_index_mid_lookup_is_one_clear_error(root, tmp_path):
    index = tmp_path / "i.sqlite"
    with Corpus.open(root, index=index) as c:
        c.sync()
        c._db.execute("DROP TABLE vocab")              # as if the file lost pages under us
        with pytest.raises(CorpusError, match="rebuild"):
            c.rarity(["pier"])


def test_passages_come_with_the_normalised_words_the_index_holds(root):
    # the matcher compares drafts with these instead of normalising every passage again
    from quotecheck.text import normalise
    with Corpus.open(root) as c:
        c.sync()
        found = c.phrase(["rebuild", "the", "pier"])
    assert found and all(p.norm and p.norm == normalise(p.text) for p in found)
