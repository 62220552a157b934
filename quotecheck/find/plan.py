"""Lazy parsing: what the statistical pipeline reads (parse.py runs it).

A paragraph that holds a quotation mark, or leads into one with a colon, is parsed in runs of the
sentences its rules read (those with quotations, the last one before a paragraph that quotes,
and those with unread trigger words); in other paragraphs only the sentences with a trigger
word (said, according to, believes…) in which the word patterns (reported.py) found no reported
speech are parsed, for reported speech, and not those whose only trigger words rarely head any
(lexicon/weak_triggers.txt). Everything else is never touched by the model, which is where the
speed comes from: the tagger and parser run at a few thousand words a second. Long quoted
sentences are masked in what is parsed (`maskable`).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from . import lexicon
from .marks import Paragraph, Segment
from .units import QuotedStretches, sentences, windows


@lru_cache(maxsize=1)
def trigger_words() -> frozenset[str]:
    """Every cue word of some kind (speech verbs, naming verbs, belief adjectives, `according`):
    what sends a sentence to the parser, and what the reported-speech rules look for in it."""
    return frozenset(w for name in ("trigger_words", "naming_verbs", "belief_adjectives")
                     for w in lexicon.read_entries(name))


WORD = re.compile(r"\b[A-Za-z]+\b")


class Triggers:
    """Where one text's trigger words are, found once (on first use) for all the paragraphs and
    sentences the plan and the patterns ask about: a word regex and a set lookup, faster than a
    regex of all the trigger words, and never run over a paragraph and then again over each of
    its sentences."""

    def __init__(self, text: str):
        self.text = text
        # found on first use, kept in a plain attribute: compiled (setup.py), a class has no
        # __dict__, and a cached_property would find them again at every call
        self._found: tuple[list[int], list[int], list[bool]] | None = None

    def _spots(self) -> tuple[list[int], list[int], list[bool]]:
        if self._found is None:
            triggers, weak = trigger_words(), lexicon.read_set("weak_triggers")
            spots = [(m.start(), m.end(), word in weak) for m in WORD.finditer(self.text)
                     if (word := m.group().lower()) in triggers]
            self._found = [a for a, _, _ in spots], [b for _, b, _ in spots], [w for _, _, w in spots]
        return self._found

    def within(self, lo: int, hi: int, strong: bool = False) -> bool:
        """Does text[lo:hi] hold a trigger word used as one? A capitalised one that does not
        open a sentence is part of a name (the United States, Fox News Reports) and does not
        count. `strong`: only a word that alone sends a sentence to the parser counts."""
        text = self.text
        starts, ends, weak = self._spots()
        for i in range(bisect_left(starts, lo), len(starts)):
            start = starts[i]
            if ends[i] > hi:
                break
            if strong and weak[i]:
                continue
            if text[start].islower():
                return True
            head = text[max(lo, start - 8):start].rstrip(" \"“‘(\n")   # bounded: no quadratic slice
            if not head or head[-1] in ".!?:":
                return True
        return False


@dataclass(frozen=True)
class ParseJob:
    """The stretches of one text to parse: whole paragraphs (quotes need their neighbours; a
    long one in windows of sentences) and single sentences (reported speech needs only its own
    sentence). The words of long quoted sentences are masked: the rules read the parse around a
    quote, never inside it. Masks are sorted by start."""
    paragraphs: list[Paragraph]
    sentences: list[Paragraph]
    masks: list[Segment] = field(default_factory=list)


def plan(text: str, paras: list[Paragraph], segments: list[Segment], lazy: bool = True,
         indirect: bool = True, quotable: set[int] | None = None,
         triggers: Triggers | None = None, read: AbstractSet[int] = frozenset(),
         split: Callable[[Paragraph], list[Paragraph]] | None = None) -> ParseJob:
    """What the rules will read a parse of; with lazy=False, every paragraph whole. Sentences
    without quotation marks are parsed only when reported speech is looked for. `quotable`: the
    paragraphs whose marks may hold a quotation (default: all with marks); the others are
    planned as if they had none. `triggers`: the text's, when the caller has them. `read`: the
    starts of the sentences whose reported speech the word patterns read already; outside the
    paragraphs parsed whole, these are not parsed (on PolNeAR train the parse's own reading of
    such a sentence was worth little: of the attributions it found that the patterns did not,
    a sixth were in them, for two thirds of the words). `split`: the sentences of a paragraph,
    when the caller has split them already (find/sentences.py keeps them)."""
    if not lazy:
        quoted = QuotedStretches(segments)
        return ParseJob([w for para in paras for w in windows(text, para, quoted)], [])
    masks = sorted((s for s in segments if maskable(text, s)), key=lambda s: s.start)
    with_quotes = {s.paragraph for s in segments}
    if quotable is not None:
        with_quotes &= quotable
    quoted = QuotedStretches(segments)
    triggers = triggers or Triggers(text)
    split = split or (lambda para: sentences(text, para))
    whole, single = [], []
    for para in paras:
        if para.index in with_quotes or (para.index + 1 in with_quotes and _leads_in(text, para)):
            ws = windows(text, para, quoted)
            parts = _needed(ws, quoted, triggers if indirect else None)
            leads = para.index + 1 in with_quotes \
                and not _own_cue(split(paras[para.index + 1])[0], quoted, triggers)
            if leads and parts[-1] is not ws[-1]:
                parts.append(ws[-1])         # its last sentence may name the next one's speaker
            whole += [run for part in parts      # the lead is the paragraph's last sentence only
                      for run in _runs(split(para) if part is para else sentences(text, part), part,
                                       quoted, leads and part.end == para.end,
                                       triggers if indirect else None, read)]
        elif indirect and triggers.within(para.start, para.end):
            single += [s for s in split(para)
                       if s.start not in read and triggers.within(s.start, s.end, strong=True)]
    return ParseJob(whole, single, masks)


def _needed(parts: list[Paragraph], quoted: QuotedStretches, triggers: Triggers | None) -> list[Paragraph]:
    """The windows of a long paragraph that a rule will read: the first (a quote there may be led
    in by the paragraph before), those where a quotation opens, and those with a trigger word
    (`triggers`; None: reported speech is not looked for)."""
    return parts[:1] + [w for w in parts[1:] if quoted.opens_in(w.start, w.end)
                        or (triggers is not None and triggers.within(w.start, w.end))]


def _own_cue(sent: Paragraph, quoted: QuotedStretches, triggers: Triggers) -> bool:
    """Has the sentence a trigger word outside its quotation marks? Then a quotation in it has a
    cue of its own, and the sentence (or paragraph) before need not name its speaker."""
    return any(triggers.within(a, b) for a, b in quoted.outside(sent.start, sent.end))


def _runs(sents: list[Paragraph], part: Paragraph, quoted: QuotedStretches, lead_needed: bool,
          triggers: Triggers | None, read: AbstractSet[int]) -> list[Paragraph]:
    """The stretches of a paragraph (or window) that a rule reads, as runs of whole sentences
    (`_read_by_rules` says which). On PolNeAR train, parsing these instead of whole paragraphs:
    283,856 -> 247,056 tokens, speakers unchanged (7381 of 7924). `sents`: the part's sentences."""
    keep = _read_by_rules(sents, quoted, lead_needed, triggers, read)
    runs: list[Paragraph] = []
    for i, s in enumerate(sents):
        if not keep[i]:
            continue
        if i and keep[i - 1]:
            runs[-1] = Paragraph(part.index, runs[-1].start, s.end)
        else:
            runs.append(Paragraph(part.index, s.start, s.end))
    if runs and keep[-1]:
        runs[-1] = Paragraph(part.index, runs[-1].start, part.end)
    return runs


def _read_by_rules(sents: list[Paragraph], quoted: QuotedStretches, lead_needed: bool,
                   triggers: Triggers | None, read: AbstractSet[int]) -> list[bool]:
    """Which of a paragraph's sentences a rule reads a parse of:
    - those a quotation stands in;
    - the one before a quotation whose own sentence has no trigger word outside its marks: it may
      name the speaker (`Ann Lee spoke to the crowd. "…"`). Where the quotation has a cue of its
      own, the word patterns read a speaker that sentence names about as well as the parse;
    - the last one, when `lead_needed` (the next paragraph opens on a quotation without a cue);
    - those with a strong trigger word whose reported speech the patterns did not read (`read`).
    `triggers` None: reported speech is not looked for, and every sentence before a quotation
    is kept."""
    quotes = [quoted.overlaps(s.start, s.end) for s in sents]
    last = len(sents) - 1

    def leads_into(i: int) -> bool:          # the sentence after is a quotation's, without a cue
        return i < last and quotes[i + 1] \
            and (triggers is None or not _own_cue(sents[i + 1], quoted, triggers))
    return [quotes[i] or leads_into(i) or (i == last and lead_needed)
            or (triggers is not None and s.start not in read and triggers.within(s.start, s.end, strong=True))
            for i, s in enumerate(sents)]


def _leads_in(text: str, para: Paragraph) -> bool:
    """Does the paragraph end with a colon (`He added:`), leading into the next one's quote?"""
    end = para.end
    while end > para.start and text[end - 1].isspace():
        end -= 1
    return end > para.start and text[end - 1] == ":"


# What the model reads for a masked quotation: one word, where "This is true" was three (a mask
# stands in for one quote in five of PolNeAR train's, and the model's time goes by tokens). On
# train, speakers 7384 -> 7393 of 7924; the parse then hangs a trailing cue's other clause on it
# (“Yes,” Clinton said, answering a question …), which the quoting cue's filter drops
# (find_indirect's `quoting`).
MASK_WORD = "Yes"
MIN_MASKED_WORDS = 6


def maskable(text: str, seg: Segment) -> bool:
    """A quoted sentence or more (capitalised, long): its inside is never read by a rule."""
    body = text[seg.start:seg.end]
    return body[:1].isupper() and len(body.split()) >= MIN_MASKED_WORDS
