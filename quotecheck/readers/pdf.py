"""PDF → the text layer in reading order, one paragraph per text block, pages as locations.

pdfminer.six does the layout analysis: it groups characters into lines and lines into blocks and
orders the blocks (columns read top to bottom, then left to right), which a plain content-stream
dump does not. Within a block, lines are joined with a space; a word split by a hyphen at a line
end is joined again unless the document writes that word with a hyphen elsewhere (so "well-" +
"known" stays "well-known" when "well-known" appears too); before a capital or a digit the hyphen
stays. Page furniture is dropped (bare page numbers, a block repeated on most pages) and a
sentence cut by a page break is joined back. A PDF with no text at all (a scan) or one that needs
a password is refused with a clear error, never read as empty.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

from ..model import Document, InputError

MAX_PAGES = 2000     # pdfminer reads ~20 dense pages a second: a bound of minutes, not hours
_PAGE_NUMBER = re.compile(r"(?i)(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_RUNNING_HEAD_CHARS = 120   # a letterhead or footer line; a repeated paragraph is kept
_LINE_END_HYPHEN = re.compile(r"(\w+)-$")
_WORD_START = re.compile(r"^([a-z]\w*)")


@dataclass
class Block:
    """One text block of a page, its lines as pdfminer found them."""
    page: int
    lines: list[str]


def read_pdf(path: str, data: bytes) -> Document:
    """Read a PDF's text layer; InputError for encrypted, scanned, corrupt or truncated files."""
    blocks, info = _extract(path, data)
    paragraphs = _paragraphs(blocks)
    if not paragraphs:
        raise InputError(f"{path}: PDF has no text layer (a scanned image?); "
                         "run it through OCR first")
    text, locations = _layout(paragraphs)
    return Document(path=path, text=text, reader="pdf", locations=locations,
                    title=info.get("title"), date=info.get("date"))


def _paragraphs(blocks: list[Block]) -> list[tuple[int, str]]:
    """(page, paragraph) for each block that holds the document's own words."""
    hyphenated = _hyphenated_words(blocks)
    paragraphs = [(b.page, _join_lines(b.lines, hyphenated)) for b in blocks]
    running = _running_heads(paragraphs)
    return [(page, para) for page, para in paragraphs
            if para and not _PAGE_NUMBER.fullmatch(para) and para not in running]


def _running_heads(paragraphs: list[tuple[int, str]]) -> set[str]:
    """Short blocks repeated on most pages (a letterhead, "Confidential"): page furniture."""
    pages = {page for page, _ in paragraphs}
    if len(pages) < 3:
        return set()
    seen: dict[str, set[int]] = {}
    for page, para in paragraphs:
        if len(para) <= _RUNNING_HEAD_CHARS:
            seen.setdefault(para, set()).add(page)
    return {para for para, on in seen.items() if len(on) * 2 > len(pages)}


def _layout(paragraphs: list[tuple[int, str]]) -> tuple[str, list[tuple[int, str]]]:
    """The text, one paragraph a block, and where each page starts in it.

    A sentence cut by a page break (the page ends mid-sentence, the next opens in lower case)
    is joined back into one paragraph, so a quote that runs over the break stays one quote.
    """
    parts: list[str] = []
    locations: list[tuple[int, str]] = []
    size, page = 0, 0
    for number, para in paragraphs:
        glue = "\n\n"
        if number != page:
            if parts and _runs_on(parts[-1], para):
                glue = " "
            page = number
            locations.append((size + (len(glue) if parts else 0), f"p. {page}"))
        if parts:
            parts.append(glue)
            size += len(glue)
        parts.append(para)
        size += len(para)
    return "".join(parts) + "\n\n", locations


def _runs_on(before: str, after: str) -> bool:
    return not re.search(r"[.!?:;\"”’)\]]$", before) and bool(re.match(r"[a-z]", after))


def _extract(path: str, data: bytes) -> tuple[list[Block], dict]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    # all_texts: lay out text inside figures too, or a page drawn as one form XObject reads empty
    layout = LAParams(all_texts=True)
    blocks: list[Block] = []
    try:
        for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=layout), 1):
            if number > MAX_PAGES:
                raise InputError(f"{path}: more than {MAX_PAGES:,} pages; split the PDF")
            blocks += _page_blocks(number, page)
        info = _info(data)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(f"{path}: PDF is password-protected; save an unprotected copy") from None
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 — pdfminer raises many unrelated types on bad files
        raise InputError(f"{path}: corrupt or truncated PDF ({_short(exc)})") from None
    return blocks, info


def _page_blocks(number: int, page) -> list[Block]:
    from pdfminer.layout import LTFigure, LTTextContainer

    out = []
    for element in page:
        if isinstance(element, LTTextContainer):
            text = element.get_text().translate(_LIGATURES)
            out.append(Block(number, [ln.strip() for ln in text.splitlines()]))
        elif isinstance(element, LTFigure):
            # some writers put a whole page's text inside a form XObject (a "figure")
            out += _page_blocks(number, element)
    return out


def _info(data: bytes) -> dict:
    """Title and creation date from the document information dictionary, when present."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    doc = PDFDocument(PDFParser(io.BytesIO(data)))
    raw = resolve1(doc.info[0]) if doc.info else {}
    out = {}
    title = _pdf_str(raw.get("Title"))
    if title:
        out["title"] = title
    m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", _pdf_str(raw.get("CreationDate")) or "")
    if m:
        out["date"] = "-".join(g for g in m.groups() if g)
    return out


def _pdf_str(value) -> str | None:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    value = resolve1(value)
    if isinstance(value, bytes):
        value = decode_text(value)
    return (value.strip() or None) if isinstance(value, str) else None


def _hyphenated_words(blocks: list[Block]) -> set[str]:
    """Words the document writes with a hyphen inside a line ("well-known"), lower-cased."""
    words = set()
    for block in blocks:
        for line in block.lines:
            words.update(w.lower() for w in re.findall(r"\w+-\w+", line))
    return words


def _join_lines(lines: list[str], hyphenated: set[str]) -> str:
    """The lines of a block as one paragraph, line-end hyphens resolved."""
    pieces: list[str] = []
    for line in (ln for ln in lines if ln):
        if not pieces:
            pieces.append(line)
            continue
        prev = pieces[-1]          # the previous line: only its end is looked at
        if prev.endswith("\u00ad") or _joins_hyphen(prev, line, hyphenated):
            pieces[-1] = prev[:-1]                   # tech- / nological; a soft hyphen
        elif not _LINE_END_HYPHEN.search(prev[-64:]):
            pieces.append(" ")                       # but well- / known, Microsoft- / OpenAI
        pieces.append(line)
    return "".join(pieces).replace("\u00ad", "")


def _joins_hyphen(before: str, line: str, hyphenated: set[str]) -> bool:
    """Whether `before` ends with a word broken across the line ('tech-' + 'nological')."""
    head, tail = _LINE_END_HYPHEN.search(before[-64:]), _WORD_START.match(line)
    if not head or not tail or head.group(1)[-1].isdigit():
        return False
    return f"{head.group(1)}-{tail.group(1)}".lower() not in hyphenated


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split())[:80]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
