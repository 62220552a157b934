"""The corpus index's schema, created and checked in one place (store.py uses it).

Bump SCHEMA_VERSION when a table changes: an index with another version is not trusted and is
rebuilt from the sources (they are the truth; the index is a cache of them).
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from functools import lru_cache
from pathlib import Path

from .model import Kind, Mention, Quote, Span

INDEX_NAME = ".quotecheck.sqlite"   # hidden, so folder walks (readers.iter_files) skip it
APP = "quotecheck-corpus"
SCHEMA_VERSION = "5"
BUSY_TIMEOUT_S = 60.0
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024   # a full quick_check of a bigger index costs seconds
_HEADER = b"SQLite format 3\x00"

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL,
    size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    title TEXT, outlet TEXT, date TEXT, url TEXT, speaker TEXT,
    passages INTEGER NOT NULL DEFAULT 0, quotes INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT NOT NULL, location TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS passages_doc ON passages (doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5 (norm, tokenize = 'unicode61');
CREATE TABLE IF NOT EXISTS vocab (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quotes (
    id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    spans TEXT NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL, speaker TEXT, role TEXT,
    rule TEXT, confidence REAL, mention TEXT, cue TEXT, context TEXT);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes (doc_id, start);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker);
"""


class CorruptIndex(Exception):
    """The index file is not a quotecheck index of this version, or SQLite finds it damaged."""


def verify(path: Path) -> None:
    """Raise CorruptIndex unless `path` is absent, empty, or a sound index of ours."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb") as fh:
        if fh.read(16) != _HEADER:
            raise CorruptIndex("not an SQLite file")
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return  # created by a process that was killed before the schema: start it afresh
        if "meta" not in tables:
            raise CorruptIndex("an SQLite file that quotecheck did not write")
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("app") != APP:
            raise CorruptIndex("an SQLite file that quotecheck did not write")
        if meta.get("schema") != SCHEMA_VERSION:
            raise CorruptIndex(f"schema version {meta.get('schema')}, expected {SCHEMA_VERSION}")
        if path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
            result = db.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise CorruptIndex(f"damaged: {result}")
    except sqlite3.OperationalError as exc:
        if _busy(exc):
            return  # another process is writing: it is in use, not damaged (checked next time)
        raise CorruptIndex(f"damaged: {exc}") from None
    except sqlite3.DatabaseError as exc:
        raise CorruptIndex(f"damaged: {exc}") from None
    finally:
        db.close()


def _busy(exc: Exception) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def create_schema(db: sqlite3.Connection) -> None:
    """Create the tables if missing (idempotent; safe when two processes start at once)."""
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    db.execute("PRAGMA synchronous = NORMAL")  # with WAL: durable across a process kill
    if _has_schema(db):
        return  # no write lock: a reader must not wait for another process's long `add`
    db.execute("PRAGMA journal_mode = WAL")   # readers go on while a writer indexes
    db.execute("BEGIN IMMEDIATE")
    try:
        for statement in _TABLES.split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('app', ?), ('schema', ?)",
                   (APP, SCHEMA_VERSION))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _has_schema(db: sqlite3.Connection) -> bool:
    try:
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.OperationalError:
        return False
    return meta.get("app") == APP and meta.get("schema") == SCHEMA_VERSION


@lru_cache(maxsize=1)
def reader_stamp() -> str:
    """A fingerprint of the code that turns a source into index rows (the readers, the finder
    and its word lists, the passage and word splitting). An index whose rows another version
    made is re-read at the next sync: its stored speakers would otherwise be the old finder's
    until each file changed."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("readers/*.py"), *package.glob("find/*.py"),
                        *package.glob("find/lexicon/*.txt"), package / "text.py", package / "store_sync.py"]):
        digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def stored_stamp(db: sqlite3.Connection) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = 'reader'").fetchone()
    return row[0] if row else None


def store_stamp(db: sqlite3.Connection, stamp: str) -> None:
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('reader', ?)", (stamp,))


def quote_row(q: Quote) -> tuple:
    """(start, end, spans, text, kind, speaker, role, rule, confidence, mention, cue, context) for the
    quotes table; the speaker mention and the cue are kept so lookups show why, like the finder."""
    spans = json.dumps([[s.start, s.end] for s in q.spans])
    kind = q.kind.value if isinstance(q.kind, Kind) else str(q.kind)
    return (q.start, q.end, spans, q.text, kind, q.speaker, q.role, q.rule, q.confidence,
            _mention_json(q.speaker_mention), _mention_json(q.cue), q.context or None)


def quote_from_row(r: sqlite3.Row, path: str) -> Quote:
    spans = [Span(s, e) for s, e in json.loads(r["spans"])]
    try:
        kind = Kind(r["kind"])
    except ValueError:
        kind = Kind.DIRECT
    return Quote(text=r["text"], spans=spans, kind=kind, speaker=r["speaker"], role=r["role"],
                 rule=r["rule"] or "none", confidence=r["confidence"] or 0.0, file=path,
                 speaker_mention=_mention_of(r["mention"]), cue=_mention_of(r["cue"]),
                 context=r["context"] or "")


def _mention_json(m: Mention | None) -> str | None:
    return json.dumps([m.text, m.start, m.end]) if m is not None else None


def _mention_of(value: str | None) -> Mention | None:
    return Mention(*json.loads(value)) if value else None
