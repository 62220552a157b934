"""Quotation-mark pairing: from raw text to the quoted segments, marks excluded.

Marks pair by family (double: “ ” " „ « » `` ''; single: ‘ ’ ' `), straight marks take their
direction from the characters around them, and an apostrophe (don't, ’90s, Sanders’) is never an
opening mark. A paragraph is a line of the text: news style lets a quotation run on into the next
paragraph when that one opens with a mark and the first never closed, so such a segment ends at
its paragraph's end. Any other unclosed mark is dropped: pairing never raises.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ..model import Span

MARK = re.compile(r"``|''|[\"“”„«»‘’'`]")
# more quotation marks in a row than any text nests (“‘«…): decoration, not quotation marks;
# skipped whole, so that a text made of marks is not paired a mark at a time
MARK_RUN = re.compile(r"[\"“”„«»‘’'`]{9,}")
DOUBLE_OPEN = {"“", "„", "«", "``"}
DOUBLE_CLOSE = {"”", "»"}
DOUBLE_EITHER = {'"', "''"}
SINGLE_OPEN = {"‘", "`"}
SINGLE_EITHER = {"'", "’"}
# what may stand just before an opening mark / just after a closing one
OPENERS = set("([{—–-/:") | {"“", "‘", '"'}
CLOSERS = set(".,;:!?)]}—–-…") | {"”", "’", "'", '"'}
# words that begin with an apostrophe rather than an opening mark
ELISIONS = re.compile(r"(?:em|til|cause|n|tis|twas|bout|round|s)\b|\d0s\b|\d\d\b", re.IGNORECASE)
PARAGRAPH = re.compile(r"[^\n]+")


# slots, not frozen (as Mark below): a frozen class is slower to build, and a text of tiny
# paragraphs or quoted words holds hundreds of thousands of these
@dataclass(slots=True, init=False)
class Paragraph:
    index: int
    start: int
    end: int

    # written out (init=False), here and in the classes built once a quote or more: compiled
    # (setup.py), a dataclass's generated __init__ stays interpreted Python, and building these
    # was a sixth of the compiled fast reading of `“Yes,” he said.`
    def __init__(self, index: int, start: int, end: int) -> None:
        self.index = index
        self.start = start
        self.end = end


@dataclass(slots=True, init=False)
class Segment:
    """A stretch of text inside one pair of quotation marks (or up to a paragraph's end)."""
    start: int                  # first quoted character, after the opening mark
    end: int                    # after the last quoted character, before the closing mark
    open_mark: Span
    close_mark: Span | None     # None: the quotation runs on into the next paragraph
    paragraph: int
    single: bool = False        # single quotation marks (‘…’)
    continues: bool = False     # this paragraph continues the previous paragraph's quotation

    def __init__(self, start: int, end: int, open_mark: Span, close_mark: Span | None, paragraph: int,
                 single: bool = False, continues: bool = False) -> None:     # (see Paragraph)
        self.start = start
        self.end = end
        self.open_mark = open_mark
        self.close_mark = close_mark
        self.paragraph = paragraph
        self.single = single
        self.continues = continues

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(slots=True, init=False)      # not frozen: a frozen class is slower to build, and a text may hold millions
class Mark:
    start: int
    end: int
    text: str
    role: str          # "open", "close" or "either"
    single: bool

    def __init__(self, start: int, end: int, text: str, role: str, single: bool) -> None:   # (see Paragraph)
        self.start = start
        self.end = end
        self.text = text
        self.role = role
        self.single = single

    @property
    def straight(self) -> bool:
        return self.text in DOUBLE_EITHER


def paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(i, m.start(), m.end()) for i, m in enumerate(PARAGRAPH.finditer(text))]


def _role(text: str, start: int, end: int, lo: int, hi: int) -> str:
    before = text[start - 1] if start > lo else ""
    after = text[end] if end < hi else ""
    may_open = before == "" or before.isspace() or before in OPENERS
    may_close = after == "" or after.isspace() or after in CLOSERS
    if may_open and not may_close:
        return "open"
    if may_close and not may_open:
        return "close"
    return "either"


def _single_role(text: str, start: int, end: int, lo: int, hi: int) -> str | None:
    """open / close for a single mark used as a quotation mark, None for an apostrophe."""
    mark = text[start:end]
    before = text[start - 1] if start > lo else ""
    after = text[end] if end < hi else ""
    if before.isalnum() and after.isalnum():
        return None                       # don't, Clinton's
    may_open = before == "" or before.isspace() or before in OPENERS
    if may_open and after.isalnum():
        if mark == "’" or ELISIONS.match(text, end):
            return None                   # ’90s, 'til
        return "open"
    if mark in SINGLE_OPEN:
        return None
    if before and not before.isspace() and (after == "" or after.isspace() or after in CLOSERS):
        return "close"
    return None


FIXED_ROLE = {**{m: "open" for m in DOUBLE_OPEN}, **{m: "close" for m in DOUBLE_CLOSE}}
SINGLES = SINGLE_OPEN | SINGLE_EITHER


def iter_marks(text: str, para: Paragraph):
    """The quotation marks of a paragraph, one at a time: a paragraph of ten million marks is
    paired as it is read, never held whole."""
    lo, hi = para.start, para.end
    for a, b in _between_runs(text, lo, hi):
        yield from _marks_in(text, a, b, lo, hi)


def _between_runs(text: str, lo: int, hi: int):
    """The stretches of text[lo:hi] outside runs of marks (MARK_RUN)."""
    at = lo
    for run in MARK_RUN.finditer(text, lo, hi):
        yield at, run.start()
        at = run.end()
    yield at, hi


def _marks_in(text: str, a: int, b: int, lo: int, hi: int):
    """The marks of text[a:b], their roles read within the paragraph text[lo:hi]."""
    for m in MARK.finditer(text, a, b):     # the hot loop of a text made of marks: kept lean
        mark, s = m.group(), m.start()
        e = s + len(mark)
        if mark in SINGLES:
            role = _single_role(text, s, e, lo, hi)
            if role:
                yield Mark(s, e, mark, role, True)
            continue
        role = FIXED_ROLE.get(mark) or _role(text, s, e, lo, hi)
        yield Mark(s, e, mark, role, False)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class _Pairer:
    """Pairs the marks of one paragraph; keeps the marks still open at its end."""

    def __init__(self, text: str, para: Paragraph, continues: bool):
        self.text, self.para, self.continues = text, para, continues
        self.doubles: list[Mark] = []
        self.singles: list[Mark] = []
        self.segments: list[Segment] = []
        self._first: int | None = None     # where its first mark stands: see _first_mark_start

    def feed(self, mark: Mark) -> None:
        if mark.single:
            self._feed_single(mark)
        else:
            self._feed_double(mark)

    def _feed_double(self, mark: Mark) -> None:
        top = self.doubles[-1] if self.doubles else None
        closes = mark.role == "close" or (mark.role == "either" and top is not None
                                          and top.straight == mark.straight) \
            or (top is not None and top.text == "„" and mark.text == "“")   # „German style“
        if closes:
            if top is not None:
                self.doubles.pop()
                self._emit(top, mark, single=False)
            return
        if top is not None and top.straight == mark.straight:
            self.doubles.pop()            # the same style opening again: the last one never closed
        self.singles = [s for s in self.singles if s.start > mark.start]
        self.doubles.append(mark)

    def _feed_single(self, mark: Mark) -> None:
        if mark.role == "open":
            self.singles.append(mark)
        elif self.singles:
            self._emit(self.singles.pop(), mark, single=True)

    def _emit(self, opener: Mark, closer: Mark, single: bool) -> None:
        self._add(_quoted(self.text, self.para, Span(opener.start, opener.end), Span(closer.start, closer.end),
                          self.continues and opener.start == self._first_mark_start(), single))

    def _add(self, seg: Segment | None) -> None:
        if seg is not None:
            self.segments.append(seg)

    def _first_mark_start(self) -> int:
        # found once, in a plain attribute (a paragraph may open with a million spaces); compiled
        # (setup.py), a class has no __dict__ for a cached_property to keep it in
        if self._first is None:
            self._first, _ = _trimmed(self.text, self.para.start, self.para.end)
        return self._first

    def run_on(self, next_opens: bool) -> None:
        """At paragraph end: a quote still open runs on when the next paragraph opens with a mark."""
        if not next_opens or not self.doubles:
            return
        opener = self.doubles[0]
        self._add(_quoted(self.text, self.para, Span(opener.start, opener.end), None,
                          self.continues and opener.start == self._first_mark_start()))


def _quoted(text: str, para: Paragraph, opener: Span, closer: Span | None, continues: bool,
            single: bool = False) -> Segment | None:
    """The segment between an opening mark and its closing one (None: it runs to the paragraph's
    end), spaces trimmed; None when nothing stands between them."""
    start, end = _trimmed(text, opener.end, closer.start if closer is not None else para.end)
    if end <= start:
        return None
    return Segment(start, end, opener, closer, para.index, single=single, continues=continues)


def _opens_with_mark(first: Mark | None, text: str, para: Paragraph) -> bool:
    """Does the paragraph open with a double quotation mark (`first`: its first mark)?"""
    start, _ = _trimmed(text, para.start, para.end)
    return first is not None and first.start == start and not first.single \
        and first.role in ("open", "either")


class _Marked:
    """A paragraph paired by the general rules (_Pairer). Its first mark is read ahead, while
    the paragraph before it decides whether its quotation runs on into this one; the others
    are read once, when it is paired."""

    def __init__(self, text: str, para: Paragraph):
        self.text, self.para = text, para
        marks = iter_marks(text, para)
        self.first, self.rest = next(marks, None), marks
        self.opens = _opens_with_mark(self.first, text, para)

    def pair(self, continues: bool, next_opens: bool) -> tuple[list[Segment], bool]:
        """Its segments, and whether a quotation is still open at its end."""
        pairer = _Pairer(self.text, self.para, continues=continues)
        for mark in itertools.chain((self.first,) if self.first is not None else (), self.rest):
            pairer.feed(mark)
        pairer.run_on(next_opens)
        return pairer.segments, bool(pairer.doubles)


# Marks whose role depends on their neighbours or on what is open: a paragraph with none of them
# (curly doubles and apostrophes only: most news paragraphs) is paired by one regex instead
NOT_CURLY = re.compile(r"[\"„«»'‘`]")
CURLY_PAIR = re.compile(r"“([^“”]*)”")


class _Curly:
    """A paragraph whose only quotation marks are “ and ” (an apostrophe ’ never opens a quote,
    so with no other single mark it pairs nothing). “ always opens and ” always closes; an
    opening mark after an unclosed one replaces it: so the pairs are exactly CURLY_PAIR's
    matches, as _Pairer would make them, a text of a million marks in one regex pass."""

    def __init__(self, text: str, para: Paragraph):
        self.text, self.para = text, para
        self.start, _ = _trimmed(text, para.start, para.end)
        self.opens = text.startswith("“", self.start)

    def pair(self, continues: bool, next_opens: bool) -> tuple[list[Segment], bool]:
        text, para = self.text, self.para
        found = [_quoted(text, para, Span(m.start(), m.start() + 1), Span(m.end() - 1, m.end()),
                         continues and m.start() == self.start)
                 for m in CURLY_PAIR.finditer(text, para.start, para.end)]
        opener = text.rfind("“", para.start, para.end)
        left_open = opener > text.rfind("”", para.start, para.end)
        if left_open and next_opens:            # the quotation runs on into the next paragraph
            found.append(_quoted(text, para, Span(opener, opener + 1), None, continues and opener == self.start))
        return [seg for seg in found if seg is not None], left_open


def _read_ahead(text: str, para: Paragraph) -> _Marked | _Curly:
    """The paragraph, ready to pair: by one regex when its marks allow it, else by the rules."""
    if NOT_CURLY.search(text, para.start, para.end) or MARK_RUN.search(text, para.start, para.end):
        return _Marked(text, para)
    return _Curly(text, para)


def find_segments(text: str, paras: list[Paragraph] | None = None) -> list[Segment]:
    """Every top-level quoted segment of the text, in order; nested quotes stay inside theirs."""
    paras = paragraphs(text) if paras is None else paras
    segments: list[Segment] = []
    running = False
    if not paras:
        return segments
    following: _Marked | _Curly | None = _read_ahead(text, paras[0])
    for i, para in enumerate(paras):
        current = following
        assert current is not None        # read ahead for each paragraph but the last's next
        following = _read_ahead(text, paras[i + 1]) if i + 1 < len(paras) else None
        next_opens = following is not None and following.opens
        found, left_open = current.pair(running and current.opens, next_opens)
        running = left_open and next_opens
        segments.extend(found)
    return _outermost(segments)


def _outermost(segments: list[Segment]) -> list[Segment]:
    """Drop segments nested inside another segment (a quote within a quote)."""
    segments.sort(key=lambda s: (s.start, -s.end))
    out: list[Segment] = []
    for seg in segments:
        if out and seg.start < out[-1].end + 1 and seg.end <= out[-1].end + 1:
            continue
        out.append(seg)
    return out
