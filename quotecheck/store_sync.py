"""Bringing the index in line with the corpus folder: scan, hash, read, find quotes, write.

Runs inside the caller's transaction (store.Corpus holds it), so an interrupted sync leaves the
index as it was. Each source's quotes and speakers are extracted here, once, so later lookups
(quotes by speaker, who said the words a draft quotes) never re-run the finder.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import readers
from .model import Document, InputError, Quote
from .store_schema import quote_row, reader_stamp, store_stamp, stored_stamp
from .text import normalise, passages

BATCH = 64   # documents read and passed to the finder together (it batches with nlp.pipe)
MERGE_PAGES = 4000   # full-text index pages a sync may rewrite to merge b-trees (about 16 MB)
MAX_PASSAGES_TO_OPTIMIZE = 500_000   # about 250 MB of sources: rewritten whole in a few seconds
_DATE_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d-[01]\d-[0-3]\d)(?!\d)")


@dataclass
class _FileState:
    rel: str
    path: Path
    size: int
    mtime_ns: int


class Indexer:
    def __init__(self, db: sqlite3.Connection, root: Path, relative, workers: int = 1):
        self._db = db
        self.root = root
        self.relative = relative      # absolute path → the corpus-relative key
        self.workers = workers        # processes to find the quotes of a batch with
        # rows made by other code (an upgrade, a changed word list): every source is read again
        self.stamp = reader_stamp()
        self.reread = stored_stamp(db) != self.stamp

    def sync(self, report, progress) -> None:
        """Index new and changed files, drop removed ones (the caller holds the transaction)."""
        db = self._db
        known = {r["path"]: r for r in db.execute("SELECT id, path, sha256, size, mtime_ns FROM documents")}
        files = self._scan(report)
        gone = set(known) - {f.rel for f in files}
        for rel in gone:
            self._drop(known[rel]["id"])
            report.removed += 1
        todo = []
        for f in files:
            row = known.get(f.rel)
            if row is not None and row["size"] == f.size and row["mtime_ns"] == f.mtime_ns and not self.reread:
                report.unchanged += 1
            else:
                todo.append(f)
        if self.reread and known:
            sources = f"its {len(files)} sources" if len(files) != 1 else "its source"
            report.warnings.append(f"{self.root}: the index was made by another version of quotecheck; "
                                   f"reading {sources} again")
        for start in range(0, len(todo), BATCH):
            self._index_batch(todo[start:start + BATCH], known, report)
            if progress is not None:
                done = min(start + BATCH, len(todo))
                progress(done, len(todo), str(todo[done - 1].path))
        if self.reread:
            store_stamp(db, self.stamp)
        if todo or gone:
            self._compact()

    def _compact(self) -> None:
        """Merge the full-text index's b-trees. Each batch of inserts leaves a new one, and every
        phrase query reads them all: 400 PolNeAR articles indexed in batches took 0.54 ms a query,
        0.06 ms once merged. An index of up to MAX_PASSAGES_TO_OPTIMIZE passages is rewritten
        whole ('optimize'), which the bounded merge did not quite finish: the 5,800 queries of a
        1 MB draft against those 400 articles took 0.34 s after it, 0.25 s after 'optimize'. A
        larger one gets the bounded merge (a negative page count merges across levels with at
        most that much work), and gets there over a few syncs. Inside the caller's transaction,
        like the rest of the sync."""
        passages = self._db.execute("SELECT count(*) FROM passages").fetchone()[0]
        if passages <= MAX_PASSAGES_TO_OPTIMIZE:
            self._db.execute("INSERT INTO passages_fts(passages_fts) VALUES('optimize')")
        else:
            self._db.execute("INSERT INTO passages_fts(passages_fts, rank) VALUES('merge', ?)", (-MERGE_PAGES,))

    def _scan(self, report) -> list[_FileState]:
        out = []
        for path, err in readers.iter_files([self.root]):
            if err is not None:
                report.errors.append(str(err))
                continue
            try:
                st = Path(path).stat()
            except OSError as exc:
                report.errors.append(f"{path}: cannot read ({exc.strerror})")
                continue
            out.append(_FileState(self.relative(Path(path)), Path(path), st.st_size, st.st_mtime_ns))
        return out

    def _index_batch(self, batch: list[_FileState], known: dict, report) -> None:
        docs = []
        for f in batch:
            try:
                data = f.path.read_bytes()
                sha = hashlib.sha256(data).hexdigest()
                row = known.get(f.rel)
                if row is not None and row["sha256"] == sha and not self.reread:
                    self._db.execute("UPDATE documents SET size = ?, mtime_ns = ? WHERE id = ?",
                                     (f.size, f.mtime_ns, row["id"]))
                    report.unchanged += 1
                    continue
                docs.append((f, sha, readers.read(f.path)))
            except InputError as exc:
                report.errors.append(str(exc))
            except OSError as exc:
                report.errors.append(f"{f.path}: cannot read ({exc.strerror})")
            except Exception as exc:  # a reader bug on one strange file must not stop the corpus
                report.errors.append(f"{f.path}: reader failed ({exc.__class__.__name__}: {exc})")
        found = _find_all([d for _, _, d in docs], report, self.workers)
        for (f, sha, doc), quotes in zip(docs, found):
            row = known.get(f.rel)
            if row is not None:
                self._drop(row["id"])
                report.updated += 1
            else:
                report.added += 1
            self._insert(f, sha, doc, quotes)

    def _insert(self, f: _FileState, sha: str, doc: Document, quotes: list[Quote]) -> None:
        spans = passages(doc.text)
        date = doc.date or date_in_name(f.rel)
        cur = self._db.execute(
            "INSERT INTO documents (path, sha256, size, mtime_ns, title, outlet, date, url, speaker, "
            "passages, quotes) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (f.rel, sha, f.size, f.mtime_ns, doc.title or _first_line(doc.text), doc.outlet, date,
             doc.url, doc.speaker, len(spans), len(quotes)))
        doc_id = cur.lastrowid
        first = self._db.execute("SELECT coalesce(max(id), 0) + 1 FROM passages").fetchone()[0]
        ids = range(first, first + len(spans))
        self._db.executemany(
            "INSERT INTO passages (id, doc_id, start, end, text, location) VALUES (?,?,?,?,?,?)",
            [(pid, doc_id, s, e, doc.text[s:e], where)
             for pid, (s, e), where in zip(ids, spans, _locations(doc, spans))])
        norms = [normalise(doc.text[s:e]) for s, e in spans]
        self._db.executemany("INSERT INTO passages_fts (rowid, norm) VALUES (?, ?)", zip(ids, norms))
        self._count_terms(norms, +1)
        self._db.executemany("INSERT INTO quotes (doc_id, start, end, spans, text, kind, speaker, role, "
                             "rule, confidence, mention, cue, context) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                             [(doc_id, *quote_row(q)) for q in quotes])

    def _count_terms(self, norms: list[str], sign: int) -> None:
        """Keep the passage frequency of every term (the rarest words pick the candidates)."""
        counts = Counter(t for n in norms for t in set(n.split()))
        self._db.executemany("INSERT INTO vocab (term, df) VALUES (?, ?) ON CONFLICT (term) "
                             "DO UPDATE SET df = df + excluded.df", [(t, sign * c) for t, c in counts.items()])

    def _drop(self, doc_id: int) -> None:
        db = self._db
        norms = [r[0] for r in db.execute("SELECT norm FROM passages_fts WHERE rowid IN "
                                          "(SELECT id FROM passages WHERE doc_id = ?)", (doc_id,))]
        self._count_terms(norms, -1)
        db.execute("DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE doc_id = ?)",
                   (doc_id,))
        db.execute("DELETE FROM passages WHERE doc_id = ?", (doc_id,))
        db.execute("DELETE FROM quotes WHERE doc_id = ?", (doc_id,))
        db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


def _find_all(docs: list[Document], report, workers: int = 1) -> list[list[Quote]]:
    """Each document's quotes: the reader's own (transcript turns) plus the finder's (the
    batch shared among `workers` processes; the index is written by the caller alone)."""
    from .find import find_quotes_many
    try:
        found = find_quotes_many([d.text for d in docs], workers=workers)
    except Exception as exc:  # one strange article must not stop the whole corpus
        report.warnings.append(f"quote finder failed on a batch ({exc.__class__.__name__}: {exc}); "
                               "retrying its sources one by one")
        found = [_find_one(d, report) for d in docs]
    return [d.with_known_quotes(list(q)) for d, q in zip(docs, found)]


def _find_one(doc: Document, report) -> list[Quote]:
    from .find import find_quotes
    try:
        return find_quotes(doc.text)
    except Exception as exc:  # see _find_all
        report.errors.append(f"{doc.path}: quote finder failed ({exc.__class__.__name__}: {exc}); "
                             "indexed without its quotes")
        return []


def _locations(doc: Document, spans: list[tuple[int, int]]) -> list[str]:
    """Each passage's location label: the reader's (page, timestamp) else its line number."""
    if doc.locations:
        return [doc.location_of(s) for s, _ in spans]
    out, line, pos = [], 1, 0
    for s, _ in spans:  # count newlines incrementally: location_of per passage would be quadratic
        line += doc.text.count("\n", pos, s)
        pos = s
        out.append(f"line {line}")
    return out


def date_in_name(rel: str) -> str | None:
    m = _DATE_IN_NAME.search(rel)
    return m.group(1) if m else None


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return None
