"""A saved web page → the article's own text and its metadata, nothing else.

trafilatura finds the main content (dropping navigation, footers, ads, related-story links and
comments) and reads title, date, site name and canonical URL from the page's metadata. It works on
the bytes we give it: nothing the page references is fetched and no script runs (lxml parses the
markup; there is no JavaScript engine anywhere in the path). Each block of the article (paragraph,
heading, list item) becomes one paragraph of `Document.text`, located as `para N`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Document, InputError
from .plain import decode

_FAST_ABOVE = 1_000_000
_BODY = re.compile(r"<body[\s>]", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)


def read_html(path: str, data: bytes) -> Document:
    """The main text of an HTML page; InputError when the page has no article text."""
    markup = _decode_html(data, path)
    result = _extract(markup, path)
    blocks = [" ".join(line.split()) for line in (result.text or "").splitlines()]
    blocks = [b for b in blocks if b]
    if not blocks:
        raise InputError(f"{path}: no article text found in the page")
    text, locations = _paragraphs(blocks)
    return Document(path=path, text=text, reader="html", locations=locations,
                    title=result.title or None, outlet=result.sitename or None,
                    date=result.date or None, url=_page_url(result.url))


def _decode_html(data: bytes, path: str) -> str:
    """UTF-8 (or a BOM's encoding) first; otherwise the charset the page declares."""
    try:
        return decode(data, path)
    except InputError:
        declared = _CHARSET.search(data[:4096])
        if not declared:
            raise
    try:
        return data.decode(declared.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        raise InputError(f"{path}: text does not match the page's declared charset "
                         f"{declared.group(1).decode('ascii', 'replace')!r}") from None


@lru_cache(maxsize=1)
def _config():
    """trafilatura's settings, with its own size cap lifted: ours (QUOTECHECK_MAX_BYTES) applies."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_FILE_SIZE", str(2 ** 31))
    # a short article is still an article: don't hand it to the fallback extractors for being short
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    # the date comes from the page's metadata; guessing one from any date in the text is slow on
    # big pages and gives a wrong date as readily as a right one
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    return config


def _extract(markup: str, path: str):
    result = _trafilatura(markup, path)
    if (result is None or not (result.text or "").strip()) and not _BODY.search(markup):
        # a bare fragment (`<p>…</p>`, as pasted from a CMS) is all body, but trafilatura only
        # looks for an article inside a <body>
        result = _trafilatura(f"<html><body>{markup}</body></html>", path)
    if result is None:
        raise InputError(f"{path}: no article text found in the page")
    return result


def _trafilatura(markup: str, path: str):
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, include_links=False, include_formatting=False,
            favor_precision=True, deduplicate=False, config=_config(),
            # the fallback extractors (readability, jusText) help on odd small pages but cost
            # about a third of the time; on a page over a megabyte they are skipped
            fast=len(markup) > _FAST_ABOVE)
    except Exception as exc:  # noqa: BLE001 — lxml and trafilatura raise many types on junk
        raise InputError(f"{path}: cannot parse the page ({type(exc).__name__})") from None


def _paragraphs(blocks: list[str]) -> tuple[str, list[tuple[int, str]]]:
    parts, locations, size = [], [], 0
    for number, block in enumerate(blocks, 1):
        locations.append((size, f"para {number}"))
        parts.append(block + "\n\n")
        size += len(block) + 2
    return "".join(parts), locations


def _page_url(url: str | None) -> str | None:
    """The page's own address from its metadata; only web addresses count."""
    return url if url and re.match(r"https?://", url) else None
