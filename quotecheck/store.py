"""The reference corpus: a folder of source files plus one SQLite (FTS5) index kept beside it.

The interface is deliberately narrow — sync/add/remove the sources, candidate passages for some
words, quotes by speaker, stats — so that a second backend (OpenSearch: `match_phrase` and
`intervals` queries) can implement it for archives too large for one file.

Safety: every change to the index happens in one `BEGIN IMMEDIATE` transaction, so a killed
process leaves the index exactly as it was, and a second writer waits for the first (then fails
with CorpusBusyError). An index that is not ours, or is damaged, is moved aside and rebuilt.
"""
from __future__ import annotations

import functools
import hashlib
import os
import shutil
import sqlite3
import tempfile
from contextlib import contextmanager
from pathlib import Path

from . import readers
from .find.speakers import same_person
from .fsutil import atomic_write, mode_of
from .store_open import connect_checked, connect_read_only, index_files
from .store_sync import Indexer
from .store_types import (CorpusBusyError, CorpusError, CorpusStats, DocumentInfo, Passage,
                          SourcedQuote, SyncReport)
from .store_schema import BUSY_TIMEOUT_S, INDEX_NAME, quote_from_row

__all__ = ["Corpus", "CorpusError", "CorpusBusyError", "CorpusStats", "DocumentInfo", "Passage",
           "SourcedQuote", "SyncReport", "default_index"]


MAX_KNOWN_TERMS = 200_000   # document frequencies kept between lookups (a few MB)
MAX_TERMS_PER_QUERY = 500   # parameters of one statement: SQLite allows 999 before 3.32, builds may lower it


def default_index(root: Path) -> Path:
    """ROOT/.quotecheck.sqlite when the folder is writable, else the XDG cache."""
    if _writable(root):
        return root / INDEX_NAME
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    key = hashlib.sha256(str(root).encode("utf-8")).hexdigest()[:20]
    return cache / "quotecheck" / f"{key}.sqlite"


def _writable(folder: Path) -> bool:
    # root passes os.access on a 0555 folder; the mode bits say the owner means it read-only.
    try:
        if not os.access(folder, os.W_OK) or not folder.stat().st_mode & 0o222:
            return False
        fd, probe = tempfile.mkstemp(prefix=".quotecheck-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
        return True
    except OSError:
        return False


def _lookup(method):
    """A damaged index found mid-lookup becomes one clear CorpusError, not a traceback."""
    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from None
    return guarded


class Corpus:
    """An open corpus. Use `Corpus.open(folder)`, then `sync()` before looking things up."""

    def __init__(self, root: Path, index_path: Path, db: sqlite3.Connection, warnings: list[str],
                 workers: int = 1):
        self.root = root
        self.index_path = index_path
        self.warnings = warnings
        self._db = db
        self._docs: dict[int, DocumentInfo] = {}
        self._doc_ids: dict[str, int] = {}    # DocumentInfo.path -> id, as documents are read
        self._df: dict[str, int] = {}         # rarity's answers: a draft asks for its words again and again
        self._passages: int | None = None
        self.opened_by = os.getpid()          # a forked worker must open its own (reader)
        self.workers = workers                # processes a sync reads sources with

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, root: str | os.PathLike, index: str | os.PathLike | None = None,
             workers: int = 1) -> "Corpus":
        """`workers` > 1: a sync reads the sources it indexes in up to that many forked
        processes (parallel.py); the index is written by this one alone."""
        root = Path(root).expanduser().resolve()
        if not root.is_dir():
            raise CorpusError(f"{root}: corpus folder does not exist or is not a folder")
        index_path = Path(index).expanduser().resolve() if index else default_index(root)
        try:
            index_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CorpusError(f"{index_path}: cannot create the index folder ({exc.strerror})") from None
        warnings: list[str] = []
        db = connect_checked(index_path, warnings)
        return cls(root, index_path, db, warnings, workers)

    def reader(self) -> "Corpus":
        """This corpus through a read-only connection of its own, for a worker process. The
        index is the one this corpus checked and synced, so it is not checked again."""
        return Corpus(self.root, self.index_path, connect_read_only(self.index_path), [])

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def snapshot(self):
        """The lookups inside the block read one version of the index (a read transaction): a
        `corpus add` committed by another process meanwhile is seen after the block, never
        between two lookups of one quote. One transaction also spares each of a check's
        thousands of queries taking its own read lock (about 5% of a quote-dense check).
        Inside a transaction already (a sync, an outer snapshot): that one is kept."""
        if self._db is None or self._db.in_transaction:
            yield
            return
        try:
            self._db.execute("BEGIN")     # deferred: the snapshot is taken at the first read
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from None
        try:
            yield
        finally:
            if self._db is not None and self._db.in_transaction:
                self._db.execute("COMMIT")   # (nothing was written: this only ends the read)

    # -- changing the corpus -------------------------------------------------------------
    def sync(self, progress=None) -> SyncReport:
        """Index new and changed files, drop removed ones: one transaction."""
        report = SyncReport(warnings=list(self.warnings))
        self.warnings.clear()
        with self._transaction():
            self._sync(report, progress)
        return report

    def rebuild(self, progress=None) -> SyncReport:
        """Re-read every source from scratch (one transaction: the old index stays until done)."""
        report = SyncReport(warnings=list(self.warnings))
        self.warnings.clear()
        with self._transaction():
            for table in ("quotes", "passages_fts", "passages", "documents", "vocab"):
                self._db.execute(f"DELETE FROM {table}")
            self._sync(report, progress)
        return report

    def add(self, paths, progress=None) -> SyncReport:
        """Copy files (or folders' files) into the corpus folder, then index them."""
        report = SyncReport(warnings=list(self.warnings))
        self.warnings.clear()
        if not _writable(self.root):
            raise CorpusError(f"{self.root}: corpus folder is read-only; cannot add files to it")
        with self._transaction():
            _remove_leftover_copies(self.root)
            for src, err in readers.iter_files(paths):
                if err is not None:
                    report.errors.append(str(err))
                    continue
                self._copy_in(Path(src), report)
            self._sync(report, progress)
        return report

    def remove(self, paths) -> SyncReport:
        """Delete source files from the corpus folder and drop them from the index."""
        report = SyncReport(warnings=list(self.warnings))
        self.warnings.clear()
        with self._transaction():
            for p in paths:
                target = self._inside(Path(p))
                if target is None or not target.is_file():
                    report.errors.append(f"{p}: not a file of the corpus {self.root}")
                    continue
                try:
                    target.unlink()
                except OSError as exc:
                    report.errors.append(f"{p}: cannot remove ({exc.strerror})")
            self._sync(report, None)
        return report

    # -- looking things up ---------------------------------------------------------------
    @_lookup
    def stats(self) -> CorpusStats:
        q = self._db.execute
        size = sum(p.stat().st_size for p in index_files(self.index_path) if p.exists())
        return CorpusStats(
            documents=q("SELECT count(*) FROM documents").fetchone()[0],
            passages=q("SELECT count(*) FROM passages").fetchone()[0],
            quotes=q("SELECT count(*) FROM quotes").fetchone()[0],
            speakers=q("SELECT count(DISTINCT speaker) FROM quotes WHERE speaker IS NOT NULL").fetchone()[0],
            index_bytes=size, index_path=str(self.index_path))

    @_lookup
    def documents(self) -> list[DocumentInfo]:
        rows = self._db.execute("SELECT id FROM documents ORDER BY path").fetchall()
        return [self._document(r[0]) for r in rows]

    @_lookup
    def quotes(self, speaker: str | None = None) -> list[SourcedQuote]:
        """Every indexed quote, or those whose speaker is the same person as `speaker`.

        A lookup, not a re-extraction: SQL narrows to speakers holding the name's last word,
        then the finder's own name matching (same_person) decides."""
        if speaker is None:
            rows = self._db.execute("SELECT * FROM quotes ORDER BY doc_id, start").fetchall()
        else:
            last = (speaker.split() or [""])[-1].strip(".,")
            rows = self._db.execute("SELECT * FROM quotes WHERE speaker LIKE ? ESCAPE '\\' "
                                    "ORDER BY doc_id, start", (f"%{_like_escape(last)}%",)).fetchall()
        out = [self._sourced(r, self._document(r["doc_id"])) for r in rows]
        if speaker is None:
            return out
        return [sq for sq in out if sq.quote.speaker and same_person(sq.quote.speaker, speaker)]

    @_lookup
    def quotes_at(self, path: str, start: int, end: int) -> list[SourcedQuote]:
        """The indexed quotes of the source `path` that overlap [start, end)."""
        doc_id, rows = self._overlapping("*", path, start, end)
        if doc_id is None:
            return []
        info = self._document(doc_id)
        return [self._sourced(r, info) for r in rows]

    @_lookup
    def speaker_at(self, path: str, start: int, end: int) -> str | None:
        """Who the source `path` credits with its words at [start, end): the speaker of its
        indexed quote that overlaps them most (the first such), None when no quote with a
        speaker overlaps them. quotes_at's answer without making the quotes, which the matcher
        asks for every source it cites."""
        _, rows = self._overlapping("speaker, start, end", path, start, end)
        credited = [(min(e, end) - max(s, start), speaker) for speaker, s, e in rows if speaker]
        return max(credited, key=lambda c: c[0])[1] if credited else None

    @_lookup
    def nearby_text(self, passage: Passage, around: int = 1) -> str:
        """The passage with up to `around` passages of the same source either side."""
        rows = self._db.execute(
            "SELECT text FROM passages WHERE id BETWEEN ? AND ? AND doc_id = "
            "(SELECT doc_id FROM passages WHERE id = ?) ORDER BY id",
            (passage.id - around, passage.id + around, passage.id)).fetchall()
        return "\n".join(r[0] for r in rows)

    @_lookup
    def passage_count(self) -> int:
        if self._passages is None:  # counted once per transaction: count(*) scans the table
            self._passages = self._db.execute("SELECT count(*) FROM passages").fetchone()[0]
        return self._passages

    @_lookup
    def rarity(self, terms: list[str]) -> dict[str, int]:
        """How many passages hold each term (absent terms: 0): one indexed lookup per term not
        asked for since the index last changed."""
        known = self._df
        if len(known) > MAX_KNOWN_TERMS:    # bounded: a long session must not grow without end
            known.clear()
        new = sorted({t for t in terms if t not in known})
        for lo in range(0, len(new), MAX_TERMS_PER_QUERY):
            chunk = new[lo:lo + MAX_TERMS_PER_QUERY]
            marks = ",".join("?" * len(chunk))
            found = dict(self._db.execute(f"SELECT term, df FROM vocab WHERE term IN ({marks})", chunk))
            known.update((t, found.get(t, 0)) for t in chunk)
        return {t: known[t] for t in terms}

    def phrase(self, terms: list[str], limit: int = 20) -> list[Passage]:
        """Passages holding `terms` as a contiguous phrase."""
        return self.phrase_parts([terms], limit)

    @_lookup
    def phrase_parts(self, phrases: list[list[str]], limit: int = 20) -> list[Passage]:
        """Passages holding every one of `phrases` (each a contiguous run of terms)."""
        query = " AND ".join(_fts_phrase(p) for p in phrases if p)
        return self._match(query, limit) if query else []

    @_lookup
    def any_of(self, clauses: list[list[str]], limit: int = 20) -> list[Passage]:
        """Passages holding every term of at least one clause (in index order, not ranked)."""
        query = " OR ".join("(" + " AND ".join(_fts_term(t) for t in c) + ")" for c in clauses if c)
        return self._match(query, limit) if query else []

    # -- internals -----------------------------------------------------------------------
    def _match(self, query: str, limit: int) -> list[Passage]:
        # the normalised words come along: the matcher would otherwise normalise every passage again
        sql = ("SELECT p.id, p.doc_id, p.start, p.end, p.text, p.location, f.norm FROM passages p JOIN "
               "(SELECT rowid, norm FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?) f "
               "ON p.id = f.rowid")
        rows = self._db.execute(sql, (query, limit)).fetchall()
        return [Passage(r[0], self._document(r[1]), r[2], r[3], r[4], r[5], r[6]) for r in rows]

    def _damaged(self, exc: Exception) -> CorpusError:
        return CorpusError(f"{self.index_path}: index unusable ({exc}); run `quotecheck corpus "
                           "rebuild` or delete the file to rebuild it from the sources")

    @staticmethod
    def _sourced(row: sqlite3.Row, info: DocumentInfo) -> SourcedQuote:
        return SourcedQuote(quote_from_row(row, info.path), info)

    def _document(self, doc_id: int) -> DocumentInfo:
        info = self._docs.get(doc_id)
        if info is None:
            r = self._db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
            info = DocumentInfo(str(self.root / r["path"]), r["title"], r["outlet"], r["date"],
                                r["url"], r["speaker"], r["passages"], r["quotes"])
            self._docs[doc_id] = info
            self._doc_ids[info.path] = doc_id
        return info

    def _overlapping(self, columns: str, path: str, start: int, end: int) -> tuple[int | None, list]:
        """The id of the source `path` (None: not in the corpus) and `columns` of its indexed
        quotes that overlap [start, end)."""
        doc_id = self._doc_id(path)
        if doc_id is None:
            return None, []
        rows = self._db.execute(f"SELECT {columns} FROM quotes WHERE doc_id = ? AND start < ? AND end > ?",
                                (doc_id, end, start)).fetchall()
        return doc_id, rows

    def _doc_id(self, path: str) -> int | None:
        if path in self._doc_ids:     # a path this corpus gave out: no file system call
            return self._doc_ids[path]
        rel = self._relative(Path(path))
        row = self._db.execute("SELECT id FROM documents WHERE path = ?", (rel,)).fetchone()
        return row[0] if row else None

    def _relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def _inside(self, path: Path) -> Path | None:
        """`path` as a file of the corpus folder (given absolute, or relative to the folder)."""
        for cand in (path, self.root / path):
            try:
                resolved = cand.resolve()
                resolved.relative_to(self.root)
                if resolved.exists():
                    return resolved
            except (ValueError, OSError):
                continue
        return None

    @contextmanager
    def _transaction(self):
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise CorpusBusyError(f"{self.index_path}: index is busy (another quotecheck is "
                                      f"updating it; waited {BUSY_TIMEOUT_S:.0f} s)") from None
            raise CorpusError(f"{self.index_path}: cannot write the index ({exc})") from None
        try:
            yield
        except sqlite3.DatabaseError as exc:
            self._db.execute("ROLLBACK")
            raise self._damaged(exc) from None
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        self._docs.clear()
        self._doc_ids.clear()
        self._df.clear()
        self._passages = None
        # fold the write-ahead log into the index now, or a big `add` leaves a WAL as large as
        # the index beside it (best effort: readers may hold it, and that is fine)
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _copy_in(self, src: Path, report: SyncReport) -> None:
        if self._inside(src) is not None and src.resolve().is_relative_to(self.root):
            return  # already a file of the corpus: sync indexes it
        dest = self.root / src.name
        data = src.read_bytes()
        if dest.exists():
            if dest.read_bytes() != data:
                report.errors.append(f"{src}: the corpus already has a different {dest.name}; "
                                     "remove it first")
            return
        # a hidden temp file then a rename, so a kill never leaves half a source behind
        atomic_write(dest, data, mode=mode_of(src), prefix=COPY_PREFIX)
        shutil.copystat(src, dest)

    def _sync(self, report: SyncReport, progress) -> None:
        Indexer(self._db, self.root, self._relative, self.workers).sync(report, progress)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


COPY_PREFIX = ".quotecheck-copy-"


def _remove_leftover_copies(root: Path) -> None:
    """Temp copies of a killed `add` (called under the write lock: no copy is in progress)."""
    for p in root.glob(COPY_PREFIX + "*"):
        try:
            p.unlink()
        except OSError:
            pass


def _fts_term(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _fts_phrase(terms: list[str]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in terms) + '"'
