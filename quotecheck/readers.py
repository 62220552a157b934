"""Input files → `Document` (plain text whose offsets are the file's own, plus metadata).

Plain text and Markdown are read as UTF-8 (a UTF-8 or UTF-16 byte-order mark is honoured).
A front-matter block at the top (`---` lines around `key: value` lines) gives the metadata; it is
blanked to spaces in the returned text so that every offset still points into the file as the
user wrote it and the finder never sees it.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .model import Document, InputError

MAX_BYTES_DEFAULT = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
META_KEYS = ("title", "outlet", "date", "url", "speaker")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)---[ \t]*(\r?\n|\Z)", re.S)
_META_LINE = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*?)\s*$")


def max_bytes() -> int:
    """The input size limit, settable with QUOTECHECK_MAX_BYTES (bytes)."""
    try:
        return int(os.environ.get("QUOTECHECK_MAX_BYTES", MAX_BYTES_DEFAULT))
    except ValueError:
        return MAX_BYTES_DEFAULT


def read(path: str | os.PathLike) -> Document:
    """Read one input file; raise InputError with a one-line message naming it on failure."""
    path = Path(path)
    data = _read_bytes(path)
    text = decode(data, path)
    return text_document(str(path), text)


def text_document(path: str, text: str) -> Document:
    """A Document for already-decoded plain text or Markdown, with front matter parsed."""
    meta, text = split_front_matter(text)
    return Document(path=path, text=text, reader="text", **meta)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory")
    try:
        size = path.stat().st_size
        if size > max_bytes():
            raise InputError(f"{path}: {size:,} bytes is over the {max_bytes():,}-byte limit "
                             "(set QUOTECHECK_MAX_BYTES to raise it)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    return data


def decode(data: bytes, path: Path | str) -> str:
    """Bytes → str: UTF-8 (BOM stripped) or UTF-16 with a BOM; binary and bad UTF-8 refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{path}: invalid UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    return text[1:] if text.startswith("\ufeff") else text


def split_front_matter(text: str) -> tuple[dict, str]:
    """(metadata, text with the front-matter block replaced by spaces, newlines kept)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta = {}
    for line in m.group(1).splitlines():
        lm = _META_LINE.match(line)
        if lm and lm.group(1).lower() in META_KEYS:
            meta[lm.group(1).lower()] = lm.group(2).strip().strip("\"'") or None
    blanked = re.sub(r"[^\r\n]", " ", m.group(0))
    return meta, blanked + text[m.end():]


def iter_files(paths, suffixes=None):
    """Expand files and folders (recursively, sorted) into file paths; hidden files skipped.

    Yields (path, error) pairs: error is an InputError for a path that does not exist, so a
    caller can report it and go on with the good files.
    """
    seen = set()
    for p in paths:
        p = Path(p)
        if not p.exists():
            yield p, InputError(f"{p}: no such file or directory")
            continue
        if p.is_file():
            yield p, None
            continue
        for root, dirs, files in os.walk(p, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                f = Path(root) / name
                if name.startswith(".") or (suffixes and f.suffix.lower() not in suffixes):
                    continue
                key = os.path.realpath(f)
                if key in seen:
                    continue
                seen.add(key)
                yield f, None
