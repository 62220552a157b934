"""Parse units of bounded size: rule-based sentences, and windows of them for long paragraphs.

The rules read the parse around each quote and each cue verb (its sentence, its subtree), so a
parse unit of unbounded length makes their cost grow with the square of the text. News
paragraphs are short (the longest in PolNeAR: 2,573 characters; its longest sentence: 1,094),
so a paragraph up to MAX_UNIT_CHARS is parsed whole, as before; a longer one is cut into windows
of whole sentences, and a "sentence" longer than MAX_SENTENCE_CHARS (a run with no full stop)
into pieces at a comma or a space. Every unit is a stretch of the user's text: offsets stay theirs.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from . import lexicon
from .marks import Paragraph, Segment

MAX_UNIT_CHARS = 3000       # a window of sentences parsed as one document
MAX_SENTENCE_CHARS = 1200   # a sentence longer than this is cut into pieces
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘A-Z0-9])")
PIECE_BREAKS = (", ", "; ", ": ", " — ", " – ")
OPENING_MARKS = set("\"“‘'«„`")


def sentences(text: str, para: Paragraph) -> list[Paragraph]:
    """A fast rule-based split of one paragraph into sentences (no model), none longer than
    MAX_SENTENCE_CHARS."""
    out, start = [], para.start
    for m in SENTENCE_END.finditer(text, para.start, para.end):
        if _abbreviation(text, start, m.start()):
            continue
        out.append(Paragraph(para.index, start, m.start()))
        start = m.end()
    out.append(Paragraph(para.index, start, para.end))
    return [piece for s in out if s.end > s.start for piece in _pieces(text, s)]


def _abbreviation(text: str, lo: int, end: int) -> bool:
    """Does the period before `end` close an abbreviation (Mr., Sen., U.S., H.) rather than a
    sentence? Only the last word is read (never the whole text before it: that is quadratic)."""
    word = _last_word(text, lo, end).lstrip("(\"“‘'").lower()
    if not word.endswith("."):
        return False
    titles = lexicon.load().titles
    bare = word.rstrip(".")
    return word in titles or bare in titles or len(bare) <= 1 or "." in bare \
        or bare in lexicon.read_set("abbreviations")


def _last_word(text: str, lo: int, end: int) -> str:
    i = end
    while i > lo and not text[i - 1].isspace():
        i -= 1
    return text[i:end]


def _pieces(text: str, sent: Paragraph) -> list[Paragraph]:
    """A sentence cut at a comma, semicolon, colon or dash (else a space, else anywhere) into
    pieces of at most MAX_SENTENCE_CHARS."""
    out, lo = [], sent.start
    while sent.end - lo > MAX_SENTENCE_CHARS:
        cut = _cut_point(text, lo, lo + MAX_SENTENCE_CHARS)
        out.append(Paragraph(sent.index, lo, cut))
        lo = cut
        while lo < sent.end and text[lo].isspace():
            lo += 1
    if sent.end > lo:
        out.append(Paragraph(sent.index, lo, sent.end))
    return out


def _cut_point(text: str, lo: int, hi: int) -> int:
    """The end of the last clause break in text[lo:hi] that leaves a piece of half the size at
    least; a space failing that; `hi` when there is neither."""
    floor = lo + MAX_SENTENCE_CHARS // 2
    at = max(text.rfind(b, floor, hi) for b in PIECE_BREAKS)
    if at >= 0:
        return at + 1
    at = text.rfind(" ", floor, hi)
    return at + 1 if at >= 0 else hi


def windows(text: str, para: Paragraph, quoted: "QuotedStretches") -> list[Paragraph]:
    """The paragraph itself when it is short; else consecutive windows of its sentences, each at
    most MAX_UNIT_CHARS (but for runs of spaces), cut where no quotation is open and no
    quotation opens, so that a quote keeps its cue and the sentence before it."""
    if para.end - para.start <= MAX_UNIT_CHARS:
        return [para]
    cuts = [para.start]
    good: int | None = None        # the last cut where no quotation is open
    last: int | None = None        # the last sentence start
    for start in [s.start for s in sentences(text, para)][1:] + [para.end]:
        if start - cuts[-1] > MAX_UNIT_CHARS and (good or last):
            cut = good if good and good - cuts[-1] >= MAX_UNIT_CHARS // 2 else last
            assert cut is not None          # `good or last` holds, and `last` is set from the first sentence on
            cuts.append(cut)
            good = good if good and good > cuts[-1] else None
            last = last if last and last > cuts[-1] else None
        last = start
        if start < para.end and not quoted.covers(start) and text[start] not in OPENING_MARKS:
            good = start
    cuts.append(para.end)
    return [Paragraph(para.index, a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


class QuotedStretches:
    """Which offsets stand inside a quotation (marks included), by binary search."""

    def __init__(self, segments: list[Segment]):
        self.spans = sorted((s.open_mark.start, s.close_mark.end if s.close_mark else s.end)
                            for s in segments)
        self.starts = [a for a, _ in self.spans]

    def opens_in(self, lo: int, hi: int) -> bool:
        """Does a quotation open in text[lo:hi]?"""
        i = bisect_left(self.starts, lo)
        return i < len(self.starts) and self.starts[i] < hi

    def overlaps(self, lo: int, hi: int) -> bool:
        """Does a quotation (marks included) overlap text[lo:hi]?"""
        return self.opens_in(lo, hi) or self.covers(lo)

    def outside(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The stretches of text[lo:hi] outside every quotation (marks included)."""
        out, at = [], lo
        for a, b in self.spans[max(0, bisect_right(self.starts, lo) - 1):bisect_left(self.starts, hi)]:
            if a > at:
                out.append((at, a))
            at = max(at, b)
        if at < hi:
            out.append((at, hi))
        return out

    def covers(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and self.spans[i][0] < offset < self.spans[i][1]
