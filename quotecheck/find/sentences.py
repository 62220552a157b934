"""The rule-based sentences of a text and their words, for the word patterns (patterns.py,
reported.py): each sentence split and tokenized once, and searched by bisection."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from .marks import Paragraph
from .subjects import Tok, tokens
from .units import sentences


class Sentences:
    """The rule-based sentences of each paragraph and their words, each made once and searched
    by bisection: a text with a quotation every few characters must not have its neighbourhood
    tokenized again for every quotation."""

    def __init__(self, text: str):
        self.text = text
        self.by_para: dict[int, tuple[list[int], list[Paragraph]]] = {}
        self.words: dict[int, tuple[list[int], list[Tok]]] = {}     # by sentence start
        self._before_key = (-1, -1, -1)             # words_before's last question and answer
        self._before: tuple[list[Tok], bool] = ([], True)

    def _sentences(self, para: Paragraph) -> tuple[list[int], list[Paragraph]]:
        if para.index not in self.by_para:
            sents = sentences(self.text, para)
            self.by_para[para.index] = ([s.start for s in sents], sents)
        return self.by_para[para.index]

    def _words(self, sent: Paragraph) -> tuple[list[int], list[Tok]]:
        if sent.start not in self.words:
            toks = tokens(self.text, sent.start, sent.end)
            self.words[sent.start] = ([t.start for t in toks], toks)
        return self.words[sent.start]

    def of(self, para: Paragraph) -> list[Paragraph]:
        """The sentences of a paragraph."""
        return self._sentences(para)[1]

    def words_of(self, sent: Paragraph) -> list[Tok]:
        """The words of one of the sentences."""
        return self._words(sent)[1]

    def words_after(self, para: Paragraph, offset: int, most: int) -> list[Tok]:
        """Up to `most` words from `offset` to the end of its sentence (of the next one when
        the sentence ends there: `“…?” Graham asked.` is split after the question mark)."""
        starts, sents = self._sentences(para)
        i = max(0, bisect_right(starts, offset) - 1)
        if sents[i].end <= offset and i + 1 < len(sents):
            i += 1
        sent = sents[i]
        if sent.start in self.words:           # read whole already (for reported speech)
            at, toks = self.words[sent.start]
            first = bisect_left(at, offset)
            return toks[first:first + most]
        # else only the words asked for: after a long quoted sentence, its own words are never
        # read (a quote-dense draft spent a fifth of its reading on them)
        return tokens(self.text, max(offset, sent.start), sent.end, most)

    def sentence_before(self, para: Paragraph, offset: int) -> list[Tok]:
        """The words of the sentence before the one at `offset`, in its paragraph ([]: none)."""
        starts, sents = self._sentences(para)
        i = max(0, bisect_right(starts, offset) - 1)
        return self._words(sents[i - 1])[1] if i > 0 else []

    def _opening_before(self, para: Paragraph, offset: int) -> tuple[list[int], list[Tok]] | None:
        """The words (starts, tokens) of the sentence of `offset`, when it opens before it."""
        starts, sents = self._sentences(para)
        sent = sents[max(0, bisect_right(starts, offset) - 1)]
        return self._words(sent) if sent.start < offset else None

    def opens_within(self, para: Paragraph, offset: int, most: int) -> bool:
        """Does the sentence of `offset` open before it, and at most `most` words before it?
        (words_before's answer is non-empty and whole; nothing is sliced to ask it)"""
        sentence = self._opening_before(para, offset)
        return sentence is not None and 0 < bisect_left(sentence[0], offset) <= most

    def words_before(self, para: Paragraph, offset: int, most: int) -> tuple[list[Tok], bool]:
        """Up to `most` words of the sentence before `offset` (none when it opens there), and
        whether they start where the sentence does."""
        # a quoted fragment asks twice (for a cue before it, then for the sentence's subject)
        if self._before_key == (para.index, offset, most):
            return self._before
        sentence = self._opening_before(para, offset)
        if sentence is None:
            return [], True
        at, toks = sentence
        last = bisect_left(at, offset)
        self._before_key, self._before = (para.index, offset, most), (toks[max(0, last - most):last], last <= most)
        return self._before
