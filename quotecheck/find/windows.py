"""A long text read a window at a time (the fast reading): where to cut it, and how to put the
windows' quotations back together.

A window ends at a paragraph break when there is one in its second half, else at a line break,
a sentence's end or a space; a quotation cut by a window's edge is read as two (only a text with
paragraphs of hundreds of kilobytes has such cuts). Each window has its own register of people,
so that a surname in one window names the same person as the full name in another,
`one_name_each` gives every speaker the longest name the windows found for them.
"""
from __future__ import annotations

from ..model import Kind, Mention, Quote, Span
from .speakers import name_words

CUT_PLACES = ("\n\n", "\n", ". ", " ")


def windows_of(text: str, size: int) -> list[int]:
    """The cut offsets: 0, …, len(text); consecutive cuts at most `size` apart."""
    cuts = [0]
    while len(text) - cuts[-1] > size:
        lo, hi = cuts[-1], cuts[-1] + size
        cuts.append(_cut(text, lo + size // 2, hi))
    cuts.append(len(text))
    return cuts


def _cut(text: str, lo: int, hi: int) -> int:
    """The end of the last paragraph break (else line break, sentence end, space) in text[lo:hi]."""
    for place in CUT_PLACES:
        at = text.rfind(place, lo, hi)
        if at >= 0:
            return at + len(place)
    return hi


def shift(quote: Quote, by: int) -> None:
    """Move every offset of the quotation by `by` (from a window's to the text's), in place: it
    is the window reading's own, made a moment ago, and copying each of a megabyte's 60,000
    quotations cost a tenth of the reading."""
    if by:
        quote.spans = [Span(s.start + by, s.end + by) for s in quote.spans]
        quote.speaker_mention = _moved(quote.speaker_mention, by)
        quote.cue = _moved(quote.cue, by)


def _moved(mention: Mention | None, by: int) -> Mention | None:
    return None if mention is None else Mention(mention.text, mention.start + by, mention.end + by)


def one_name_each(quotes: list[Quote]) -> list[Quote]:
    """Speakers named by a part of a longer name found elsewhere (`Altman` in one window, `Sam
    Altman` in another) take the longer name, when exactly one longer name fits."""
    by_last: dict[str, set[str]] = {}
    for q in quotes:
        if q.speaker and (words := name_words(q.speaker)):
            by_last.setdefault(words[-1], set()).add(q.speaker)
    for q in quotes:
        words = name_words(q.speaker) if q.speaker else ()
        if not words:
            continue
        longer = [n for n in by_last[words[-1]] if len(name_words(n)) > len(words)
                  and name_words(n)[-len(words):] == words]
        if len(longer) == 1:
            q.speaker = longer[0]
    return quotes


# A quotation as plain values, to send from a worker process (parallel.py): pickled as a
# dataclass, with its spans, mentions and kind, it cost about twice as much to send and rebuild.
def packed(q: Quote) -> tuple:
    return (q.text, [(s.start, s.end) for s in q.spans], q.kind.value, q.speaker, _mention_values(q.speaker_mention),
            q.role, _mention_values(q.cue), q.rule, q.confidence, q.file, q.context)


def unpacked(values: tuple) -> Quote:
    text, spans, kind, speaker, mention, role, cue, rule, confidence, file, context = values
    return Quote(text, [Span(a, b) for a, b in spans], _KINDS[kind], speaker, _mention_of(mention), role,
                 _mention_of(cue), rule, confidence, file, context)


def packed_all(quotes: list[Quote]) -> list[tuple]:
    return [packed(q) for q in quotes]


def unpacked_all(values: list[tuple], _item=None) -> list[Quote]:
    return [unpacked(v) for v in values]


def packed_lists(found: list[list[Quote]]) -> list[list[tuple]]:
    return [packed_all(quotes) for quotes in found]


def unpacked_lists(values: list[list[tuple]], _item=None) -> list[list[Quote]]:
    return [unpacked_all(quotes) for quotes in values]


_KINDS = {k.value: k for k in Kind}


def _mention_values(m: Mention | None) -> tuple | None:
    return None if m is None else (m.text, m.start, m.end)


def _mention_of(values: tuple | None) -> Mention | None:
    return None if values is None else Mention(*values)
