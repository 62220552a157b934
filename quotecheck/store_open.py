"""Opening the corpus index: a verified quotecheck index, or, when the file is foreign or
damaged, the file moved aside (never deleted: it may be someone's own database) and a fresh index
started, with a warning. store.py rebuilds a fresh index from the sources."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .store_schema import BUSY_TIMEOUT_S, CorruptIndex, create_schema, verify
from .store_types import CorpusBusyError


def index_files(index: Path) -> list[Path]:
    return [index, Path(f"{index}-wal"), Path(f"{index}-shm"), Path(f"{index}-journal")]


def connect_checked(path: Path, warnings: list[str]) -> sqlite3.Connection:
    """A connection to a verified index at `path`; a foreign or damaged file is moved aside."""
    try:
        return _connect(path)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):   # in use by another writer: not damaged
            raise CorpusBusyError(f"{path}: index is busy (another quotecheck is creating it)") from None
        return _move_aside_and_connect(path, exc, warnings)
    except (CorruptIndex, sqlite3.DatabaseError) as exc:
        return _move_aside_and_connect(path, exc, warnings)


def _move_aside_and_connect(path: Path, exc: Exception, warnings: list[str]) -> sqlite3.Connection:
    """Keep the bad file (it may be someone's own database) as PATH.bad; start a fresh index."""
    aside = path.with_name(path.name + ".bad")
    for p in index_files(path):
        if p.exists():
            os.replace(p, p.with_name(p.name.replace(path.name, aside.name, 1)))
    warnings.append(f"{path}: index was not a usable quotecheck index ({exc}); moved it to "
                    f"{aside.name} and rebuilt it from the sources")
    return _connect(path)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A second, read-only connection to an index already checked (for a forked worker: a
    SQLite connection must not be used across a fork)."""
    return _opened(f"{path.as_uri()}?mode=ro", uri=True)


def _opened(target, uri: bool = False) -> sqlite3.Connection:
    db = sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False, uri=uri)
    db.row_factory = sqlite3.Row
    return db


def _connect(path: Path) -> sqlite3.Connection:
    verify(path)
    db = _opened(path)
    try:
        create_schema(db)
    except BaseException:
        db.close()
        raise
    return db
