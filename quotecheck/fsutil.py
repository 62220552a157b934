"""Writing files so that nothing is ever half-written: temp file in the same folder, fsync, rename.

Every writer of the program (reports, the review session's draft and sidecar, copies into a
corpus) goes through `atomic_write`, so a crash at any moment leaves the old file or the new one.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .model import QuotecheckError


def atomic_write(path: str | os.PathLike, data: bytes, *, mode: int | None = None,
                 prefix: str | None = None) -> None:
    """Replace `path` by `data` in one step; the temp file is hidden (`prefix`, default
    `.NAME.`) so folder walks never read it, and it is removed on any failure."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix or f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file 0600; give it the mode the target had, or the usual one
        os.chmod(tmp, mode_of(path) if mode is None else mode)
        os.replace(tmp, path)
    except BaseException:
        unlink_quietly(tmp)
        raise
    fsync_dir(path.parent)


def write_atomic(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> None:
    """`atomic_write` for a report: text in, one-line QuotecheckError naming the file out."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise QuotecheckError(f"{path}: folder {folder} does not exist")
    try:
        atomic_write(path, text.encode(encoding))
    except OSError as exc:
        raise QuotecheckError(f"{path}: cannot write ({exc.strerror or exc})") from None


def default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def mode_of(path: Path) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        return default_mode()


def unlink_quietly(path: str | os.PathLike) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def fsync_dir(folder: Path) -> None:
    # The rename is only durable once the directory entry is on disk.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
