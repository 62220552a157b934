"""Word alignment: how do the draft's words lie over a retrieved passage?

The few passages that retrieval (retrieve.py) found are aligned word by word with rapidfuzz:
each distinct word becomes one character, so the opcodes are word edits, and an editor's
[bracketed] clarification may stand for a few source words without counting as a change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .retrieve import holding_first, norm_of
from .store import Passage
from .text import MEANINGFUL, Word, word_spans, words

ALIGN_LIMIT = 12      # passages aligned word by word per piece (after a cheap pre-ranking)


@dataclass(frozen=True)
class WordOp:
    """One opcode of the alignment, in word indexes: source[s1:s2] became draft[d1:d2]."""
    tag: str          # equal | replace | insert | delete
    s1: int
    s2: int
    d1: int
    d2: int


@dataclass(init=False)
class Alignment:
    """The draft's words laid over one passage: over its words first to last (exclusive).
    Where it starts and ends, and its source words, are worked out once, when first asked (kept
    in plain attributes: compiled, a class has no __dict__ for cached_property to fill)."""
    passage: Passage
    first: int
    last: int
    draft: list[Word]
    ops: list[WordOp]
    _source: list[Word] | None = field(default=None, init=False, repr=False, compare=False)
    _start: int = field(default=-1, init=False, repr=False, compare=False)
    _end: int = field(default=-1, init=False, repr=False, compare=False)

    def __init__(self, passage: Passage, first: int, last: int, draft: list[Word],
                 ops: list[WordOp]) -> None:
        self.passage = passage
        self.first = first
        self.last = last
        self.draft = draft
        self.ops = ops
        self._source = None
        self._start = -1       # offsets are never negative: -1 is "not worked out yet"
        self._end = -1

    @property
    def source(self) -> list[Word]:
        """The passage's words inside the aligned window. Read from the passage only when asked:
        a piece is aligned with a dozen passages, and only the one or two chosen are shown, so
        the others' words (offsets, sentence ends) are never made."""
        if self._source is None:
            self._source = _passage_words(self.passage.text, self.passage.start)[self.first:self.last] \
                if self.last > self.first else []
        return self._source

    @property
    def start(self) -> int:
        if self._start < 0:
            self._start = self.passage.start + (self._spans[self.first][0] if self.last > self.first else 0)
        return self._start

    @property
    def end(self) -> int:
        if self._end < 0:
            self._end = self.passage.start + (self._spans[self.last - 1][1] if self.last > self.first else 0)
        return self._end

    @property
    def _spans(self) -> list[tuple[int, int]]:
        """Where the passage's words are in its text (they are not made for this)."""
        return _passage_spans(self.passage.text, _word_count(self.passage))

    @property
    def equal(self) -> int:
        return sum(o.d2 - o.d1 for o in self.ops if o.tag == "equal")

    @property
    def score(self) -> float:
        """0..100: matched words over all words on both sides."""
        total = self.last - self.first + len(self.draft)
        return 200.0 * self.equal / total if total else 0.0

    @property
    def changes(self) -> list[WordOp]:
        """The non-equal ops, bracketed clarifications ([Trump] for "he") aside."""
        return [o for o in self.ops if o.tag != "equal" and not self._clarifies(o)]

    @property
    def clarifications(self) -> list[WordOp]:
        return [o for o in self.ops if o.tag != "equal" and self._clarifies(o)]

    @property
    def exact(self) -> bool:
        return self.last > self.first and not self.changes

    def _clarifies(self, op: WordOp) -> bool:
        # an editor's [bracket] standing for at most a few source words, or added outright
        # …but never one that stands in for, or adds, a negation, modal or number
        draft = self.draft[op.d1:op.d2]
        if op.tag not in ("replace", "insert") or not draft or not all(w.bracket for w in draft) \
                or op.s2 - op.s1 > 3:
            return False
        touched = {w.norm for w in self.source[op.s1:op.s2]} | {w.norm for w in draft}
        return not touched & MEANINGFUL and not any(t[:1].isdigit() for t in touched)

    def doc_key(self) -> tuple[str, int]:
        return (self.passage.document.path, self.start)


_ALIGNED: dict[tuple, Alignment] = {}
_ALIGNED_MAX = 256


def align(draft: list[Word], passage: Passage) -> Alignment:
    """The draft's words over the best-matching window of the passage, as word opcodes.

    Memoised: retrieval and judging align the same piece with the same passages more than once.
    """
    key = (passage.document.path, passage.start, passage.text, tuple(draft))
    hit = _ALIGNED.get(key)
    if hit is None:
        if len(_ALIGNED) >= _ALIGNED_MAX:   # bounded: memory must not grow with use
            _ALIGNED.clear()
        hit = _ALIGNED[key] = _align(draft, passage)
    return hit


def _align(draft: list[Word], passage: Passage) -> Alignment:
    # the passage's normal forms come with it from the index: the same words as words(text)
    source = norm_of(passage).split()
    if not source or not draft:
        return Alignment(passage, 0, 0, draft, [])
    codes = _codes(source)
    s = "".join(map(codes.__getitem__, source))
    d = "".join(_WILD if w.bracket else codes.get(w.norm, _WILD) for w in draft)
    ops = _exact(d, s, draft) or _fuzzy(d, s)
    if not ops:
        return Alignment(passage, 0, 0, draft, [])
    first, last = ops[0].s1, ops[-1].s2
    ops = [WordOp(o.tag, o.s1 - first, o.s2 - first, o.d1, o.d2) for o in ops]
    return Alignment(passage, first, last, draft, ops)


def _word_count(passage: Passage) -> int:
    norm = norm_of(passage)
    return norm.count(" ") + 1 if norm else 0


@lru_cache(maxsize=256)
def _passage_spans(text: str, count: int) -> list[tuple[int, int]]:
    # where the chosen alignments start and end: their source speaker, their order in a passage
    return word_spans(text, count)


@lru_cache(maxsize=256)
def _passage_words(text: str, start: int) -> list[Word]:
    # the chosen alignments' passages are read again for every piece and sentence: tokenise once
    return words(text, start)


_WILD = "\uffff"   # a draft word the source cannot hold (a bracket, or a word absent from the passage)


def _codes(tokens: list[str]) -> dict[str, str]:
    # one private-use character per distinct word, so rapidfuzz compares words, not letters
    return {t: chr(0xE000 + i) for i, t in enumerate(dict.fromkeys(tokens))}


def _exact(d: str, s: str, draft: list[Word]) -> list[WordOp] | None:
    """Opcodes when the draft's own words occur contiguously (brackets standing for 1-3 words)."""
    runs = _runs(draft)
    if not any(not bracket for bracket, _, _ in runs):
        return None
    return _exact_at(d, s, runs, 0)


def _runs(draft: list[Word]) -> list[tuple[bool, int, int]]:
    out: list[tuple[bool, int, int]] = []
    for i, w in enumerate(draft):
        if out and out[-1][0] == w.bracket:
            out[-1] = (w.bracket, out[-1][1], i + 1)
        else:
            out.append((w.bracket, i, i + 1))
    return out


def _exact_at(d: str, s: str, runs, pos: int) -> list[WordOp] | None:
    """Place the runs at the first occurrence of the first word-run (at or after pos) where
    the rest follows; None when there is no such place."""
    first_plain = next(i for i, r in enumerate(runs) if not r[0])
    _, a, b = runs[first_plain]
    while True:
        at = s.find(d[a:b], pos)
        if at < 0:
            return None
        ops = _place(d, s, runs, first_plain, at)
        if ops is not None:
            return ops
        pos = at + 1


def _place(d: str, s: str, runs, first_plain: int, at: int) -> list[WordOp] | None:
    _, a, b = runs[first_plain]
    ops: list[WordOp] = []
    if first_plain == 1:   # a leading [bracket] stands for the word before
        lead = 1 if at > 0 else 0
        ops.append(WordOp("replace" if lead else "insert", at - lead, at, runs[0][1], runs[0][2]))
    ops.append(WordOp("equal", at, at + b - a, a, b))
    cur = at + b - a
    for k in range(first_plain + 1, len(runs)):
        bracket, a, b = runs[k]
        if bracket:
            continue
        prev_bracket = runs[k - 1]
        for skip in range(0, 4):
            if s.startswith(d[a:b], cur + skip):
                ops.append(WordOp("replace" if skip else "insert", cur, cur + skip,
                                  prev_bracket[1], prev_bracket[2]))
                ops.append(WordOp("equal", cur + skip, cur + skip + b - a, a, b))
                cur += skip + b - a
                break
        else:
            return None
    if runs[-1][0]:        # a trailing [bracket] stands for the word after
        tail = 1 if cur < len(s) else 0
        ops.append(WordOp("replace" if tail else "insert", cur, cur + tail, runs[-1][1], runs[-1][2]))
    return ops


def _fuzzy(d: str, s: str) -> list[WordOp]:
    lo, hi = _window(d, s)
    # (tag, src_start, src_end, dest_start, dest_end): rapidfuzz types the tuple's items loosely
    opcodes: list[tuple[str, int, int, int, int]] = Levenshtein.opcodes(s[lo:hi], d).as_list()  # type: ignore[assignment]
    ops = [WordOp(t, a1 + lo, a2 + lo, b1, b2) for t, a1, a2, b1, b2 in opcodes]
    return _trim(_unscatter(_strip_deletes(ops), s, d))


def _strip_deletes(ops: list[WordOp]) -> list[WordOp]:
    while ops and ops[0].tag == "delete":
        ops = ops[1:]
    while ops and ops[-1].tag == "delete":
        ops = ops[:-1]
    return ops


def _unscatter(ops: list[WordOp], s: str, d: str) -> list[WordOp]:
    """Prefer the contiguous reading when an edge word also matched earlier/later by chance.

    Levenshtein ties let "In | our country? In | Tulsa" match the first "In"; moving the equal
    run next to the rest of the match gives the same cost and the honest diff.
    """
    if len(ops) >= 2 and ops[0].tag == "equal" and ops[1].tag == "delete":
        e, x = ops[0], ops[1]
        k = e.s2 - e.s1
        if s[x.s2 - k:x.s2] == d[e.d1:e.d2]:
            ops = [WordOp("delete", e.s1, x.s2 - k, e.d1, e.d1), WordOp("equal", x.s2 - k, x.s2, e.d1, e.d2)] + ops[2:]
    if len(ops) >= 2 and ops[-1].tag == "equal" and ops[-2].tag == "delete":
        x, e = ops[-2], ops[-1]
        k = e.s2 - e.s1
        if s[x.s1:x.s1 + k] == d[e.d1:e.d2]:
            ops = ops[:-2] + [WordOp("equal", x.s1, x.s1 + k, e.d1, e.d2), WordOp("delete", x.s1 + k, e.s2, e.d2, e.d2)]
    return ops


def _window(d: str, s: str) -> tuple[int, int]:
    if len(d) >= len(s):
        return 0, len(s)
    hit = fuzz.partial_ratio_alignment(d, s)
    if hit is None:              # (only with a score_cutoff, which is not given)
        return 0, len(s)
    # the hit can be shorter than the draft at the passage's edges; dropped or added words
    # shift the rest, so leave room on both sides
    margin = 6 + len(d) // 3
    end = max(hit.dest_end, hit.dest_start + len(d))
    return max(0, min(hit.dest_start, end - len(d)) - margin), min(len(s), end + margin)


def _trim(ops: list[WordOp]) -> list[WordOp]:
    """Drop source words before and after the draft's span (the window's margins)."""
    ops = _strip_deletes(_merge_edges(_strip_deletes(ops)))
    if ops and ops[0].tag == "replace" and ops[0].s2 - ops[0].s1 > ops[0].d2 - ops[0].d1:
        o = ops[0]
        ops[0] = WordOp("replace", o.s2 - (o.d2 - o.d1), o.s2, o.d1, o.d2)
    if ops and ops[-1].tag == "replace" and ops[-1].s2 - ops[-1].s1 > ops[-1].d2 - ops[-1].d1:
        o = ops[-1]
        ops[-1] = WordOp("replace", o.s1, o.s1 + (o.d2 - o.d1), o.d1, o.d2)
    return ops


def _merge_edges(ops: list[WordOp]) -> list[WordOp]:
    """One op for the run of non-equal ops at each edge, so the margins trim cleanly."""
    def merge(run: list[WordOp]) -> WordOp:
        s1, s2, d1, d2 = run[0].s1, run[-1].s2, run[0].d1, run[-1].d2
        tag = "delete" if d1 == d2 else "insert" if s1 == s2 else "replace"
        return WordOp(tag, s1, s2, d1, d2)
    i = 0
    while i < len(ops) and ops[i].tag != "equal":
        i += 1
    if i > 1:
        ops = [merge(ops[:i])] + ops[i:]
    j = len(ops)
    while j > 0 and ops[j - 1].tag != "equal":
        j -= 1
    if len(ops) - j > 1:
        ops = ops[:j] + [merge(ops[j:])]
    return ops


def best(draft: list[Word], passages: list[Passage], limit: int = ALIGN_LIMIT) -> list[Alignment]:
    """Alignments of the draft over the most promising passages, best first (fewest changes,
    then score). Passages are pre-ranked cheaply — verbatim holders, then shared words — so
    that only `limit` of them are aligned word by word."""
    wanted = {w.norm for w in draft}
    verbatim, others = holding_first(draft, passages)
    rest = sorted(others, key=lambda p: -len(wanted & set(norm_of(p).split())))
    out = [a for a in (align(draft, p) for p in (verbatim + rest)[:limit]) if a.last > a.first]
    out.sort(key=lambda a: (len(a.changes), -a.score))
    return out
