"""Word .docx → paragraphs in document order, table cells included, tracked changes accepted.

python-docx opens the package and checks it is a Word document; the body is then walked in the
XML itself, because python-docx's `Paragraph.text` neither skips deleted runs nor keeps inserted
ones the way Word shows a document with all changes accepted. Rules, as Word applies them on
"Accept all": text inside <w:ins> and <w:moveTo> is kept; <w:del> and <w:moveFrom> are dropped
(their text is <w:delText>, but deleted runs may also hold plain <w:t> in files from other tools).
Each paragraph is located as `para N` (body) or `table T, row R` (table cells).
"""
from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from ..model import Document, InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# how much bigger than the file its unpacked parts may be: text compresses about 4-10 times,
# so this passes any real document and stops a zip bomb before it fills memory
MAX_UNPACK_RATIO = 20
_DROPPED = {W + "del", W + "moveFrom", MC + "Fallback", W + "instrText", W + "delInstrText"}
_CHARS = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}


@dataclass
class Paragraph:
    text: str
    where: str | None     # "table 1, row 2"; None for a body paragraph (numbered once empties go)


def read_docx(path: str, data: bytes, limit: int) -> Document:
    """Read a .docx; InputError for corrupt, truncated, encrypted or oversized files."""
    _check_package(path, data, limit)
    doc = _open(path, data)
    paragraphs = [p for p in _body_paragraphs(doc.element.body) if p.text.strip()]
    if not paragraphs:
        raise InputError(f"{path}: Word document has no text")
    parts, locations, size, number = [], [], 0, 0
    for p in paragraphs:
        if p.where is None:
            # numbered among non-empty body paragraphs: what a reader counts on the page
            number += 1
        locations.append((size, p.where or f"para {number}"))
        parts.append(p.text + "\n\n")
        size += len(p.text) + 2
    return Document(path=path, text="".join(parts), reader="docx", locations=locations,
                    title=_title(doc))


def _title(doc) -> str | None:
    """The title from the document's properties; a damaged properties part is no reason to fail."""
    try:
        return (doc.core_properties.title or "").strip() or None
    except Exception:  # noqa: BLE001 — parsed lazily by python-docx, any lxml error can surface
        return None


def _check_package(path: str, data: bytes, limit: int) -> None:
    """Refuse a damaged zip or one that unpacks to far more than its size, before parsing."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
            if unpacked > max(limit, len(data) * MAX_UNPACK_RATIO):
                raise InputError(f"{path}: Word document unpacks to {unpacked:,} bytes, "
                                 "over the limit (a zip bomb?)")
            bad = zf.testzip()       # CRC of every part: catches damage inside the archive
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, ValueError, EOFError,
            RuntimeError, NotImplementedError):   # encrypted member, unknown compression
        raise InputError(f"{path}: corrupt or truncated Word document (not a valid zip)") from None
    if bad is not None:
        raise InputError(f"{path}: corrupt Word document (damaged part {bad})")


def _open(path: str, data: bytes):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise InputError(f"{path}: not a Word document") from None
    except Exception as exc:  # noqa: BLE001 — python-docx/lxml raise many types on bad parts
        raise InputError(f"{path}: corrupt Word document ({type(exc).__name__})") from None


def _body_paragraphs(body) -> list[Paragraph]:
    out: list[Paragraph] = []
    _walk_blocks(body, out, {"table": 0}, table_where=None)
    return out


def _walk_blocks(parent, out: list[Paragraph], counter: dict, table_where: str | None) -> None:
    """Paragraphs and tables of a body, cell or content control, in document order."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag == W + "p":
            out.append(Paragraph(_paragraph_text(child), table_where))
        elif tag == W + "tbl":
            _walk_table(child, out, counter)
        elif tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo"):
            _walk_blocks(child, out, counter, table_where)


def _walk_table(table, out: list[Paragraph], counter: dict) -> None:
    counter["table"] += 1
    number = counter["table"]
    rows = [r for r in table.iter(W + "tr") if _owning_table(r) is table]
    for r, row in enumerate(rows, 1):
        for cell in row.iterchildren(W + "tc"):
            _walk_blocks(cell, out, counter, table_where=f"table {number}, row {r}")


def _owning_table(row):
    node = row.getparent()
    while node is not None and node.tag != W + "tbl":
        node = node.getparent()
    return node


def _paragraph_text(p) -> str:
    """A paragraph's text as Word shows it with every tracked change accepted."""
    pieces: list[str] = []
    _collect(p, pieces)
    return "".join(pieces).strip()     # edge spaces are layout, and would shift every quote


def _text_of(t) -> str:
    """A <w:t>'s text. One with child nodes holds an entity reference, which python-docx's parser
    leaves unresolved on purpose (a file could name /etc/passwd): drop it, keep the words after."""
    if len(t) == 0:
        return t.text or ""
    from lxml import etree

    return etree.tostring(t, method="text", encoding=str, with_tail=False)


def _collect(node, pieces: list[str]) -> None:
    for child in node.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _DROPPED:
            continue          # comments/processing instructions, deleted or duplicate content
        if tag == W + "t":
            pieces.append(_text_of(child))
        elif tag in _CHARS:
            pieces.append(_CHARS[tag])
        elif tag == W + "p":
            # a text box's paragraphs inside this one: keep their words apart
            pieces.append(" ")
            _collect(child, pieces)
        else:
            _collect(child, pieces)
