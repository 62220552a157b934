"""The quote finder: quotations, their speakers and cues, as a pure function of a text.

PLACEHOLDER (walking skeleton): pairs straight and curly double quotes only; attribution is the
job of attribute.py and speakers.py.
"""
from __future__ import annotations

import re

from ..model import Kind, Quote, Span

_PAIR = re.compile(r"[\"“]([^\"“”\n]{2,}?)[\"”]")


def find_quotes(text: str, *, aliases=None) -> list[Quote]:
    quotes = []
    for m in _PAIR.finditer(text):
        quotes.append(Quote(text=m.group(1), spans=[Span(m.start(1), m.end(1))], kind=Kind.DIRECT,
                            rule="none", confidence=0.0))
    return quotes


def find_quotes_many(texts, *, aliases=None) -> list[list[Quote]]:
    return [find_quotes(t, aliases=aliases) for t in texts]
