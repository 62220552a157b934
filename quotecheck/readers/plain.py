"""Plain text and Markdown: bytes → str, and the front-matter block that carries metadata.

The text is kept exactly as written (Markdown emphasis and links included, CRLF line ends
included) so that every offset the program reports is an offset into the file the user gave.
A front-matter block at the top (`---` lines around `key: value` lines) gives the metadata; it is
blanked to spaces, newlines kept, so offsets still point into the file and the finder never sees it.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..model import Document, InputError

META_KEYS = ("title", "outlet", "date", "url", "speaker")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)---[ \t]*(\r?\n|\Z)", re.S)
_META_LINE = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*?)\s*$")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes, path: Path | str) -> str:
    """Bytes → str: UTF-8 (BOM stripped) or UTF-16/32 with a BOM; binary and bad UTF-8 refused."""
    # UTF-32 LE's BOM starts with UTF-16 LE's, so it must be tried first
    for boms, codec in ((_UTF32_BOMS, "utf-32"), (_UTF16_BOMS, "utf-16")):
        if data.startswith(boms):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(f"{path}: invalid {codec.upper()} text") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    return text[1:] if text.startswith("\ufeff") else text


def text_document(path: str, text: str, reader: str = "text") -> Document:
    """A Document for already-decoded plain text or Markdown, with front matter parsed."""
    meta, text = split_front_matter(text)
    return Document(path=path, text=text, reader=reader, **meta)


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
