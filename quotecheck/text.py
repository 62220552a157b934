"""Text normalisation shared by indexing and matching, with maps back to the original offsets.

Two texts "say the same words" when their word tokens agree after normalisation: curly and
straight quote marks, dashes, whitespace, case and diacritics aside. Every token keeps the
offsets of the original text, so a match is always reported in the text the user gave.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

# Quote marks and apostrophes folded to ', dashes to -, so "didn’t" and "didn't" agree.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"',
    "\u00bb": '"', "\u2033": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
    "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})

# A word: letters/digits joined by inner apostrophes ("didn't") or, for numbers, by , and .
# ("1,000", "3.5"). Hyphens and dashes separate words, so "high-profile" is two words on both sides.
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:'[^\W_]+)*")
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|\u2026")
_BRACKET = re.compile(r"\[[^\[\]]*\]")
_SENTENCE_END = re.compile(r"[.!?]['\"\u2019\u201d)]*\s")


# Small closed word classes that make a change serious. Kept in code rather than in a
# data file: they are part of the verdict rules, not a user-tunable lexicon.
NEGATION = frozenset(
    "not no never none nobody nothing neither nor nowhere cannot without dont doesnt didnt isnt "
    "arent wasnt werent wont wouldnt cant couldnt shouldnt hasnt havent hadnt mustnt aint neednt".split())
MODAL = frozenset("will would can could may might must shall should ought wont cant couldnt "
                  "wouldnt shouldnt".split())
NUMBER = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion trillion half dozen percent first second third".split())
MEANINGFUL = NEGATION | MODAL | NUMBER


class Word(NamedTuple):
    """One word token: its normal form and where it sits in the original text. A named tuple
    rather than a frozen dataclass: every check makes tens of them and hashes them as memo keys,
    and the tuple is quicker to make (the pieces of a 25-word quote: 45 µs → 35 µs)."""
    norm: str
    start: int
    end: int
    bracket: bool = False        # inside [square brackets]: an editor's clarification
    ends_sentence: bool = False  # followed by . ! or ? and a space (or the end of the text)


@dataclass(frozen=True)
class Piece:
    """A stretch of a quote between ellipses: words that must appear contiguously in a source."""
    words: tuple[Word, ...]
    start: int
    end: int

    @property
    def norms(self) -> list[str]:
        return [w.norm for w in self.words]


def fold(text: str) -> str:
    """Quote marks, dashes and odd spaces folded to ASCII; same length as `text`."""
    return text.translate(_FOLD)


def norm_word(word: str) -> str:
    """The comparable form of one word: lower case, no diacritics, no apostrophes."""
    return _norm_folded(fold(word))


def _norm_folded(word: str) -> str:
    word = _unpunctuated(word.lower())
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _unpunctuated(word: str) -> str:
    """A lower-case word without its apostrophes and number punctuation (don't → dont, 1,000 → 1000)."""
    return word.replace("'", "").replace(",", "").replace(".", "")


def words(text: str, offset: int = 0) -> list[Word]:
    """The word tokens of `text`; offsets are shifted by `offset` (the text's place in a file).

    Every passage a quote is aligned with is read by this, a thousand words a check: the loop is
    kept lean (sentence ends and brackets found once, words made as plain tuples)."""
    folded = fold(text)
    bracket_starts, bracket_ends = [], []
    for m in _BRACKET.finditer(folded):   # non-nested, so starts and ends are both ascending
        bracket_starts.append(m.start())
        bracket_ends.append(m.end())
    closing = _sentence_closing_ends(folded)
    # plain ASCII (most text) is lowered once, not word by word, and needs no accents taken off
    lowered = folded.lower() if folded.isascii() else None
    out = []
    for m in _WORD.finditer(folded):
        s, e = m.span()
        norm = _norm_folded(m.group()) if lowered is None else _unpunctuated(lowered[s:e])
        if not norm:
            continue
        in_bracket = False
        if bracket_starts:                 # most texts have none: no search for them
            k = bisect.bisect_left(bracket_starts, s) - 1      # the last bracket opening before s
            in_bracket = k >= 0 and s < bracket_ends[k]
        out.append(_new_word(Word, (norm, s + offset, e + offset, in_bracket, e in closing)))
    return out


def word_spans(text: str, count: int) -> list[tuple[int, int]]:
    """The (start, end) of each of the `count` words of `text`, as `words(text)` gives them,
    without making the words: where an alignment starts and ends in its passage is asked far
    more often than what its words are. (A token with no normal form is no word: when the
    tokens are not `count`, the words themselves are made.)"""
    spans = [m.span() for m in _WORD.finditer(fold(text))]
    return spans if len(spans) == count else [(w.start, w.end) for w in words(text)]


_new_word = tuple.__new__     # a Word made without the named tuple's Python-level constructor


def _sentence_closing_ends(folded: str) -> set[int]:
    """The offsets at which a word that ends there closes a sentence: right before sentence
    punctuation followed by a space (or ending the text), closing quotes and brackets between."""
    stops = {m.start() for m in _SENTENCE_END.finditer(folded + " ")}
    last = len(folded.rstrip())
    if last and folded[last - 1] in ".!?":
        stops.add(last - 1)
    closing = set()
    for at in stops:
        closing.add(at)
        while at > 0 and folded[at - 1] in "'\")":
            at -= 1
            closing.add(at)
    return closing


def norms(text: str) -> list[str]:
    return [w.norm for w in words(text)]


def normalise(text: str) -> str:
    """The words of `text` in normal form, one space apart: what the full-text index stores.

    The same tokens as `words(text)` (indexing calls this on every passage, so it skips the
    offsets and flags that only matching needs)."""
    return " ".join(filter(None, map(_norm_folded, _WORD.findall(fold(text)))))


def pieces(text: str) -> list[Piece]:
    """Split a quote on ellipses into the pieces that must each appear verbatim in a source."""
    out, start = [], 0
    folded = fold(text)
    bounds = [(m.start(), m.end()) for m in _ELLIPSIS.finditer(folded)]
    for s, e in bounds + [(len(text), len(text))]:
        piece_words = tuple(words(text[start:s], start))
        if piece_words:
            out.append(Piece(piece_words, piece_words[0].start, piece_words[-1].end))
        start = e
    return out


def has_ellipsis(text: str) -> bool:
    return bool(_ELLIPSIS.search(fold(text)))


def sentence_bounds(ws: list[Word] | tuple[Word, ...]) -> list[int]:
    """Indexes i where a new sentence starts at ws[i] (never 0 or len(ws))."""
    return [i + 1 for i, w in enumerate(ws[:-1]) if w.ends_sentence]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line-delimited paragraph, surrounding space trimmed."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


MAX_PASSAGE_CHARS = 2000


def passages(text: str) -> list[tuple[int, int]]:
    """The index's unit: paragraphs, a very long one cut at sentence ends into ~2,000-char parts."""
    out = []
    for s, e in paragraphs(text):
        while e - s > MAX_PASSAGE_CHARS:
            cut = _cut_point(text, s, s + MAX_PASSAGE_CHARS)
            out.append((s, cut))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            out.append((s, e))
    return out


def _cut_point(text: str, start: int, limit: int) -> int:
    """The last sentence end (else space, else `limit`) before `limit`, after `start`."""
    window = text[start:limit]
    last = None
    for m in _SENTENCE_END.finditer(fold(window)):
        last = m.end() - 1   # keep the space that follows for the next part
    if last is None:
        space = window.rfind(" ")
        last = space if space > 0 else len(window)
    return start + last
