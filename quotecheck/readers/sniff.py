"""Which reader a file needs, decided from its bytes first and its extension second.

Signatures (a PDF header, a zip holding word/document.xml, a WEBVTT line, an SRT cue, an HTML
root tag) win over the name, so a PDF saved as .txt or a page saved as .md is still read right.
The extension only decides between look-alikes: plain text vs Markdown, and HTML fragments.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

# formats recognised by a byte signature rather than by decoding text
BINARY_KINDS = {"pdf", "docx", "doc", "rtf", "zip", "binary"}

_HEAD = 4096
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"        # old .doc/.xls/.msg compound file
_BINARY_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"\x7fELF",
    b"7z\xbc\xaf", b"Rar!", b"OggS", b"ID3", b"fLaC", b"RIFF", b"SQLite format 3",
)
_HTML_START = re.compile(
    r"\A(?:\s|<\?xml[^>]*\?>|<!--.*?-->)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
    re.I | re.S)
_SRT_START = re.compile(r"\A\s*\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->")
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_MARKDOWN_SUFFIXES = {".md", ".markdown"}


def detect(path: str | Path, data: bytes) -> str:
    """The format of a file: pdf, docx, html, vtt, srt, markdown, text — or, for files no
    reader takes, doc, rtf, zip, binary (the caller turns those into a clear error)."""
    head = data[:_HEAD]
    kind = _binary_kind(head, data)
    if kind:
        return kind
    text = _text_head(head)
    suffix = Path(path).suffix.lower()
    if text.startswith("WEBVTT"):
        return "vtt"
    if _SRT_START.match(text):
        return "srt"
    if _HTML_START.match(text) or (suffix in _HTML_SUFFIXES and "<" in text):
        return "html"
    if suffix == ".vtt":
        return "vtt"      # the reader says what is wrong with it (no WEBVTT header)
    if suffix == ".srt":
        return "srt"
    return "markdown" if suffix in _MARKDOWN_SUFFIXES else "text"


def _binary_kind(head: bytes, data: bytes) -> str | None:
    # the PDF header may follow some junk bytes; readers accept it within the first KB
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if _zip_has(data, "word/document.xml") else "zip"
    if head.startswith(_OLE):
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(_BINARY_MAGIC):
        return "binary"
    return None


def _zip_has(data: bytes, name: str) -> bool:
    """Whether a zip lists `name`; only the central directory is read, nothing is extracted."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return name in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        # a truncated .docx has no central directory: the Word reader reports it as corrupt
        return True


def _text_head(head: bytes) -> str:
    """The start of the file as text, for signature checks only (errors are the reader's job)."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[2:].decode(codec, "ignore")
    return head.decode("utf-8", "ignore").lstrip("\ufeff")
