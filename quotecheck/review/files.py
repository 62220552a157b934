"""Safe file writes for the review session: atomic replace, fsync, backups that never overwrite.

A session must survive a kill at any moment, so nothing here writes a file in place: bytes go to
a temporary file in the same folder (same file system, so the rename is atomic), are fsynced,
and only then renamed over the target. A reader sees the old file or the new one, never half.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..fsutil import fsync_dir, mode_of, unlink_quietly
from ..model import QuotecheckError
from ..readers import decode
from ..readers.sniff import detect


class ReviewError(QuotecheckError):
    """A review-session failure; the message is one line naming the file."""


class DraftChangedError(ReviewError):
    """The draft on disk is not the text the session started from: we refuse to overwrite it."""


class StaleFindingsError(ReviewError):
    """The findings no longer describe the draft's text (it was edited after the check)."""


def content_hash(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class DraftFile:
    """A draft as read from disk: its text (the finder's offsets) and how to write it back."""
    path: Path
    text: str
    hash: str
    bom: bytes          # b"" or the byte-order mark the file started with, kept on write
    encoding: str       # "utf-8", "utf-16-le" or "utf-16-be"

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


# UTF-32 LE's mark starts with UTF-16 LE's, so it is tried first.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
EDITABLE_KINDS = ("text", "markdown")


def read_draft(path: str | os.PathLike) -> DraftFile:
    """Read the draft the way readers.py does (same text, same offsets), keeping its encoding."""
    path = Path(path)
    return draft_from_bytes(path, read_bytes(path))


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReviewError(f"{path}: cannot read ({exc.strerror or exc})") from None


def draft_from_bytes(path: Path, data: bytes) -> DraftFile:
    kind = _kind(path, data)
    if kind not in EDITABLE_KINDS:
        # Offsets into text extracted from HTML, Word or PDF do not point into the file's bytes:
        # writing "fixes" back would corrupt it.
        raise ReviewError(f"{path}: review fixes plain-text and Markdown drafts; this is {kind} "
                          "(export it as text, or use quotecheck check)")
    # readers.decode gives the exact text the finder's offsets point into. Front matter is kept
    # here (readers blanks it only in the Document; offsets are equal) since we write it back.
    text = decode(data, path)
    bom, encoding = next(((b, e) for b, e in _BOMS if data.startswith(b)), (b"", "utf-8"))
    return DraftFile(path=path, text=text, hash=content_hash(data), bom=bom, encoding=encoding)


def _kind(path: Path, data: bytes) -> str:
    return detect(path, data)


def make_backup(path: Path, data: bytes) -> Path:
    """Keep `data` (the draft before we overwrite it) in DRAFT.bak, DRAFT.bak-2, …

    An existing backup is never overwritten: the first free name is taken, and a backup with the
    very same bytes is reused rather than duplicated.
    """
    for candidate in _backup_names(path):
        if candidate.exists():
            if candidate.read_bytes() == data:
                return candidate
            continue
        if _create_exclusive(candidate, data, mode_of(path)):
            return candidate
    raise ReviewError(f"{path}: no free backup name")  # pragma: no cover - 10,000 backups


def _backup_names(path: Path):
    yield path.with_name(path.name + ".bak")
    for n in range(2, 10_000):
        yield path.with_name(f"{path.name}.bak-{n}")


def _create_exclusive(target: Path, data: bytes, mode: int) -> bool:
    """Write a complete file under `target` unless that name exists (os.link never overwrites)."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)       # the backup is as private as the draft, no more, no less
        try:
            os.link(tmp, target)
        except FileExistsError:
            return False
        fsync_dir(target.parent)
        return True
    finally:
        unlink_quietly(tmp)


class SessionBusyError(ReviewError):
    """Another review session (or --apply) holds this draft."""


class SessionLock:
    """One session per draft at a time: two would overwrite each other's decisions.

    An flock on a hidden file next to the draft; the kernel drops it when the process dies,
    so a killed session never leaves the draft locked.
    """

    def __init__(self, draft: str | os.PathLike) -> None:
        draft = Path(draft)
        self.path = draft.with_name(f".{draft.name}.quotecheck.lock")
        self.draft = draft
        self._fd: int | None = None

    def acquire(self) -> "SessionLock":
        import fcntl
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise SessionBusyError(f"{self.draft}: another quotecheck review session has it "
                                   "open; finish that one first") from None
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)   # closing drops the flock
            self._fd = None

    def __enter__(self) -> "SessionLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def remove_stale_temps(target: Path) -> None:
    """Temp files a killed writer left next to `target` (call only while holding its lock)."""
    for tmp in target.parent.glob(f".{target.name}.*.tmp"):
        unlink_quietly(str(tmp))
