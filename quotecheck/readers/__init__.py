"""Input files → `Document`: plain text the finder works on, plus where each part came from.

One module per format; `read` sniffs the format from the bytes (`sniff.detect`), not only the
extension, and hands the bytes to that format's reader:

    text, markdown  plain.py      the file's own text, offsets are file offsets
    transcript      transcript.py a .txt whose paragraphs mostly open with `NAME:` labels
    html            webpage.py    the article's main text (trafilatura); nothing is fetched or run
    docx            word.py       paragraphs and tables in order, tracked changes accepted
    pdf             pdf.py        the text layer in reading order, line-end hyphens joined
    srt, vtt        subtitles.py  one paragraph per speaker turn, cue times as locations

For extracted formats `Document.text` is built by the reader and `Document.locations` maps its
offsets back to the original (`p. 3`, `para 12`, `00:12:31`). Every failure is an `InputError`
whose one-line message names the file.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from ..model import Document, InputError
from .plain import META_KEYS, decode, split_front_matter, text_document
from .sniff import BINARY_KINDS, detect

__all__ = ["read", "read_bytes", "decode", "detect", "iter_files", "text_document",
           "split_front_matter", "max_bytes", "SUFFIXES", "META_KEYS"]

# The parsers log a warning for every flaw of a damaged file; with no logging configured Python
# would print those to stderr. A NullHandler keeps them quiet unless the application asks.
for _name in ("pdfminer", "trafilatura", "htmldate", "courlan", "docx"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

MAX_BYTES_DEFAULT = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
# every suffix some reader handles; callers may pass it to `iter_files` to skip other files
SUFFIXES = TEXT_SUFFIXES | {".html", ".htm", ".xhtml", ".docx", ".pdf", ".srt", ".vtt"}

# what a user should do with a format we recognise but do not read
_UNSUPPORTED = {
    # encrypted .docx files are stored in the same OLE container as old .doc files
    "doc": "an old binary Word .doc file or a password-protected .docx; save an unprotected .docx",
    "rtf": "an RTF file; save it as .docx or plain text",
    "zip": "a zip archive that is not a Word document",
    "binary": "binary file, not text",
}


def max_bytes() -> int:
    """The input size limit, settable with QUOTECHECK_MAX_BYTES (bytes)."""
    try:
        return int(os.environ.get("QUOTECHECK_MAX_BYTES", MAX_BYTES_DEFAULT))
    except ValueError:
        return MAX_BYTES_DEFAULT


def read(path: str | os.PathLike) -> Document:
    """Read one input file; raise InputError with a one-line message naming it on failure."""
    path = Path(path)
    return read_bytes(path, _read_bytes(path))


def read_bytes(path: str | os.PathLike, data: bytes) -> Document:
    """Read a file's bytes already in memory; `path` names it and gives its extension."""
    path = Path(path)
    if len(data) > max_bytes():
        raise InputError(_too_big(path, len(data)))
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    kind = detect(path, data)
    if kind in _UNSUPPORTED:
        raise InputError(f"{path}: {_UNSUPPORTED[kind]}")
    _check_extension(path, kind)
    return _READERS[kind](str(path), data)


def _check_extension(path: Path, kind: str) -> None:
    """A file named .pdf/.docx whose bytes are something else is refused, not guessed at.

    Content wins when it is unambiguous (a .txt that is really a PDF is read as a PDF), but a
    .pdf that holds text is most often a failed download (an HTML error page): reading that as
    the source would check quotes against the wrong words without anyone noticing.
    """
    suffix = path.suffix.lower()
    claimed = {".pdf": "pdf", ".docx": "docx"}.get(suffix)
    if claimed and kind != claimed:
        raise InputError(f"{path}: named {suffix} but its content is {_describe(kind)} "
                         "(wrong extension, or a truncated download)")


def _describe(kind: str) -> str:
    if kind in BINARY_KINDS:
        return f"a {kind.upper()} file"
    return {"html": "an HTML page", "srt": "SRT subtitles", "vtt": "WebVTT subtitles"}.get(
        kind, "plain text")


def _read_text(path: str, data: bytes) -> Document:
    from .transcript import text_or_transcript
    return text_or_transcript(path, decode(data, path), reader="text")


def _read_markdown(path: str, data: bytes) -> Document:
    from .transcript import text_or_transcript
    return text_or_transcript(path, decode(data, path), reader="markdown")


def _read_html(path: str, data: bytes) -> Document:
    from .webpage import read_html
    return read_html(path, data)


def _read_docx(path: str, data: bytes) -> Document:
    from .word import read_docx
    return read_docx(path, data, limit=max_bytes())


def _read_pdf(path: str, data: bytes) -> Document:
    from .pdf import read_pdf
    return read_pdf(path, data)


def _read_srt(path: str, data: bytes) -> Document:
    from .subtitles import read_srt
    return read_srt(path, decode(data, path))


def _read_vtt(path: str, data: bytes) -> Document:
    from .subtitles import read_vtt
    return read_vtt(path, decode(data, path))


# heavy libraries (trafilatura, pdfminer, python-docx) load only when their format turns up
_READERS = {
    "text": _read_text, "markdown": _read_markdown, "html": _read_html, "docx": _read_docx,
    "pdf": _read_pdf, "srt": _read_srt, "vtt": _read_vtt,
}


def _too_big(path: Path, size: int) -> str:
    return (f"{path}: {size:,} bytes is over the {max_bytes():,}-byte limit "
            "(set QUOTECHECK_MAX_BYTES to raise it)")


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory")
    if not path.is_file():
        # a FIFO or device would block or never end: refuse instead of hanging
        raise InputError(f"{path}: not a regular file")
    try:
        size = path.stat().st_size
        if size > max_bytes():
            raise InputError(_too_big(path, size))
        with path.open("rb") as fh:
            # read one byte past the limit so a file that grew since stat() is still caught
            data = fh.read(max_bytes() + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes():
        raise InputError(_too_big(path, len(data)))
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    return data


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
