"""Lazy parsing: the statistical pipeline runs only on the paragraphs that need it.

A paragraph that holds a quotation mark, or leads into one with a colon, is parsed in runs of the
sentences its rules read (those with quotations, the last one before a paragraph that quotes,
and those with unread trigger words); in other paragraphs only the
sentences with a trigger word (said, according to, believes…) in which the word patterns
(reported.py) found no reported speech are parsed, for reported speech, and not those whose only
trigger words rarely head any (lexicon/weak_triggers.txt).
Everything else is never touched by the model, which is where the speed comes from: the tagger
and parser run at a few thousand words a second. Inside the parsed text, long quoted sentences
are masked (the rules read the parse around a quote, not in it) and a dateline is blanked; both
keep the text's length, so token offsets stay the user's offsets.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .. import nlp
from . import lexicon
from .marks import Paragraph, Segment
from .units import QuotedStretches, sentences, windows

# The tagger and parser are what the rules read. The lemmatizer is not needed (cues are matched
# on their surface forms), the NER would cost more than half of the parse time, and the
# attribute ruler only maps fine tags to coarse ones (a quarter of the rest): TAG_POS does that.
DISABLED = ("lemmatizer", "ner", "attribute_ruler")
TAG_POS = {"NNP": "PROPN", "NNPS": "PROPN", "NN": "NOUN", "NNS": "NOUN", "PRP": "PRON",
           "PRP$": "PRON", "WP": "PRON", "WP$": "PRON", "WDT": "PRON", "EX": "PRON",
           "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB",
           "MD": "AUX", "DT": "DET", "IN": "ADP", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ",
           "RB": "ADV", "CD": "NUM", "CC": "CCONJ", "UH": "INTJ", "_SP": "SPACE"}


VERB_POS = ("VERB", "AUX")
ACCORDING = frozenset({"according"})


def upos(token) -> str:
    """The coarse part of speech (PROPN, VERB…) of a token, from its fine tag."""
    tag = token.tag_
    if tag in TAG_POS:
        return TAG_POS[tag]
    return "PUNCT" if token.is_punct else "X"


GLUED_MARK = re.compile(r"(?<=[^\s(\[{—–-])[“\"](?=\w)")
# `WASHINGTON (AP) — `, `NEWPORT NEWS, Va. - `, `Washington (AFP) – ` at a paragraph's start
DATELINE = re.compile(r"[A-Z][A-Z.'\- ]{2,}(?:, [A-Z][\w. ]+)?(?: \([\w .]+\))?(?:, \w+\.? \d+)?"
                      r"(?: \([\w .]+\))?\s*[-—–]+\s+"
                      r"|[A-Z][\w.]+(?: [A-Z][\w.]+)* \((?:AP|AFP|UPI|Reuters|CNN)\)\s*[-—–]+\s+")


@dataclass
class ParsedParagraph:
    para: Paragraph
    doc: object            # spacy.tokens.Doc of text[para.start:para.end] (long quotes masked)
    text: str              # text[para.start:para.end] as the user gave it

    def offset(self, token) -> int:
        return self.para.start + token.idx

    def end_offset(self, token) -> int:
        return self.para.start + token.idx + len(token)

    # Each quote asks for its own tokens and sentences; walking the whole parse for each would
    # make a unit with many quotes quadratic, so these are found by bisection.
    @cached_property
    def token_starts(self) -> list[int]:
        return [t.idx for t in self.doc]

    @cached_property
    def sents(self) -> list:
        return list(self.doc.sents)

    @cached_property
    def sent_starts(self) -> list[int]:
        return [s.start_char for s in self.sents]

    @cached_property
    def sent_ends(self) -> list[int]:
        return [s.end_char for s in self.sents]

    @cached_property
    def cue_verbs(self) -> list[int]:
        """The indices of the speech verbs (said, told…), for the cue rules to look up."""
        from spacy.attrs import LOWER

        doc = self.doc
        among = tokens_among(doc, LOWER, lexicon.load().speech_forms).nonzero()[0]
        return [int(i) for i in among if upos(doc[int(i)]) in VERB_POS]

    @cached_property
    def according(self) -> list[int]:
        """The indices of `according` followed by `to`."""
        from spacy.attrs import LOWER

        doc = self.doc
        among = tokens_among(doc, LOWER, ACCORDING).nonzero()[0]
        return [int(i) for i in among if i + 1 < len(doc) and doc[int(i) + 1].lower_ == "to"]

    def in_sents(self, found: list[int], sents) -> list:
        """The tokens of `found` (sorted indices) that stand in `sents`, in order."""
        return [self.doc[i] for s in sents
                for i in found[bisect_left(found, s.start):bisect_left(found, s.end)]]

    def tokens_between(self, lo: int, hi: int):
        """The tokens that start in [lo, hi) (offsets into `text`)."""
        return self.doc[bisect_left(self.token_starts, lo):bisect_left(self.token_starts, hi)]

    def sents_between(self, lo: int, hi: int) -> list:
        """The sentences that overlap [lo, hi)."""
        first = bisect_right(self.sent_ends, lo)
        last = first
        while last < len(self.sents) and self.sents[last].start_char < hi:
            last += 1
        return self.sents[first:last]

    def sent_from(self, at: int):
        """The first sentence that starts at `at` or later (None: none)."""
        i = bisect_left(self.sent_starts, at)
        return self.sents[i] if i < len(self.sents) else None

    def sent_before(self, at: int):
        """The last sentence that ends at `at` or before (None: none)."""
        i = bisect_right(self.sent_ends, at)
        return self.sents[i - 1] if i else None


@lru_cache(maxsize=1)
def trigger_words() -> frozenset[str]:
    """Every cue word of some kind (speech verbs, naming verbs, belief adjectives, `according`):
    what sends a sentence to the parser, and what the reported-speech rules look for in it."""
    return frozenset(w for name in ("trigger_words", "naming_verbs", "belief_adjectives")
                     for w in lexicon.read_entries(name))


@lru_cache(maxsize=1)
def weak_triggers() -> frozenset[str]:
    """Trigger words that do not, alone, send a sentence to the parser (lexicon/weak_triggers.txt)."""
    return lexicon.read_set("weak_triggers")


WORD = re.compile(r"\b[A-Za-z]+\b")


def tokens_among(doc, attr: int, values: frozenset[str]):
    """A boolean array over `doc`'s tokens: is the token's `attr` (spacy.attrs.LOWER, TAG…) one
    of `values`? One array operation; walking every token in Python cost as much as the rules
    that read the tokens it picks."""
    import numpy

    keys = _hashes(values)
    found = doc.to_array(attr)
    if not len(keys):
        return numpy.zeros(len(found), dtype=bool)
    # a binary search, not numpy.isin: isin sorts and deduplicates both arrays on every call,
    # 45 µs for a sentence's 40 tokens against 3 µs (it was a fifth of the rules' time)
    at = numpy.minimum(numpy.searchsorted(keys, found), len(keys) - 1)
    return keys[at] == found


@lru_cache(maxsize=8)
def _hashes(values: frozenset[str]):
    import numpy
    from spacy.strings import hash_string

    return numpy.array(sorted(hash_string(v) for v in values), dtype="uint64")


class Triggers:
    """Where one text's trigger words are, found once (on first use) for all the paragraphs and
    sentences the plan and the patterns ask about: a word regex and a set lookup, faster than a
    regex of all the trigger words, and never run over a paragraph and then again over each of
    its sentences."""

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def _spots(self) -> tuple[list[int], list[int], list[bool]]:
        triggers, weak = trigger_words(), weak_triggers()
        spots = [(m.start(), m.end(), word in weak) for m in WORD.finditer(self.text)
                 if (word := m.group().lower()) in triggers]
        return [a for a, _, _ in spots], [b for _, b, _ in spots], [w for _, _, w in spots]

    def within(self, lo: int, hi: int, strong: bool = False) -> bool:
        """Does text[lo:hi] hold a trigger word used as one? A capitalised one that does not
        open a sentence is part of a name (the United States, Fox News Reports) and does not
        count. `strong`: only a word that alone sends a sentence to the parser counts."""
        text = self.text
        starts, ends, weak = self._spots
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
         triggers: Triggers | None = None, read: set[int] = frozenset()) -> ParseJob:
    """What the rules will read a parse of; with lazy=False, every paragraph whole. Sentences
    without quotation marks are parsed only when reported speech is looked for. `quotable`: the
    paragraphs whose marks may hold a quotation (default: all with marks); the others are
    planned as if they had none. `triggers`: the text's, when the caller has them. `read`: the
    starts of the sentences whose reported speech the word patterns read already; outside the
    paragraphs parsed whole, these are not parsed (on PolNeAR train the parse's own reading of
    such a sentence was worth little: of the attributions it found that the patterns did not,
    a sixth were in them, for two thirds of the words)."""
    if not lazy:
        quoted = QuotedStretches(segments)
        return ParseJob([w for para in paras for w in windows(text, para, quoted)], [])
    masks = sorted((s for s in segments if maskable(text, s)), key=lambda s: s.start)
    with_quotes = {s.paragraph for s in segments}
    if quotable is not None:
        with_quotes &= quotable
    quoted = QuotedStretches(segments)
    triggers = triggers or Triggers(text)
    whole, single = [], []
    for para in paras:
        if para.index in with_quotes or (para.index + 1 in with_quotes and _leads_in(text, para)):
            parts = _needed(windows(text, para, quoted), quoted, triggers if indirect else None)
            leads = para.index + 1 in with_quotes \
                and not _cued_opening(text, paras[para.index + 1], quoted, triggers)
            whole += [run for part in parts
                      for run in _runs(text, part, quoted, leads, triggers if indirect else None, read)]
        elif indirect and triggers.within(para.start, para.end):
            single += [s for s in sentences(text, para)
                       if s.start not in read and triggers.within(s.start, s.end, strong=True)]
    return ParseJob(whole, single, masks)


def _needed(parts: list[Paragraph], quoted: QuotedStretches, triggers: Triggers | None) -> list[Paragraph]:
    """The windows of a long paragraph that a rule will read: the first (a quote there may be led
    in by the paragraph before), those where a quotation opens, and those with a trigger word
    (`triggers`; None: reported speech is not looked for)."""
    return parts[:1] + [w for w in parts[1:] if quoted.opens_in(w.start, w.end)
                        or (triggers is not None and triggers.within(w.start, w.end))]


def _cued_opening(text: str, para: Paragraph, quoted: QuotedStretches, triggers: Triggers) -> bool:
    """Has the paragraph's first sentence a trigger word outside its quotation marks? Then the
    quotation there has a cue of its own, and the paragraph before need not name its speaker."""
    first = sentences(text, para)[0]
    return any(triggers.within(a, b) for a, b in quoted.outside(first.start, first.end))


def _runs(text: str, part: Paragraph, quoted: QuotedStretches, next_quotes: bool,
          triggers: Triggers | None, read: set[int]) -> list[Paragraph]:
    """The stretches of a paragraph (or window) that a rule reads, in runs of whole sentences:
    those a quotation stands in; the sentence before one whose own sentence has no trigger word
    (it may name the speaker: `Ann Lee spoke to the crowd. "…"`); the last one when the next
    paragraph quotes someone without a cue word in its first sentence (`next_quotes`: it may name
    the speaker too; train: 251,464 -> 247,056 tokens, output unchanged); and those with a
    trigger word whose reported speech the patterns did not read (`read`; triggers None:
    reported speech is not looked for, and every sentence before a quotation is kept). A
    sentence of none of these kinds is not parsed. On PolNeAR train: 283,856 -> 251,464 tokens
    parsed, speakers unchanged (7381 of 7924). A quotation with a cue word of its own seldom
    needs the sentence before it; where it does, the word patterns read that sentence's
    speaker (`previous_sentence`) about as well as the parse."""
    sents = sentences(text, part)
    quotes = [quoted.overlaps(s.start, s.end) for s in sents]
    cued = [triggers is not None and any(triggers.within(a, b) for a, b in quoted.outside(s.start, s.end))
            for s in sents]
    last = len(sents) - 1
    keep = [quotes[i] or (i < last and quotes[i + 1] and not cued[i + 1]) or (i == last and next_quotes)
            or (triggers is not None and s.start not in read and triggers.within(s.start, s.end, strong=True))
            for i, s in enumerate(sents)]
    runs: list[Paragraph] = []
    for i, s in enumerate(sents):
        if not keep[i]:
            continue
        if i and keep[i - 1]:
            runs[-1] = Paragraph(part.index, runs[-1].start, s.end)
        else:
            runs.append(Paragraph(part.index, s.start, s.end))
    if runs and keep[last]:
        runs[-1] = Paragraph(part.index, runs[-1].start, part.end)
    return runs


def _leads_in(text: str, para: Paragraph) -> bool:
    """Does the paragraph end with a colon (`He added:`), leading into the next one's quote?"""
    end = para.end
    while end > para.start and text[end - 1].isspace():
        end -= 1
    return end > para.start and text[end - 1] == ":"


MASK_WORD = "This is true"
MIN_MASKED_WORDS = 6


def maskable(text: str, seg: Segment) -> bool:
    """A quoted sentence or more (capitalised, long): its inside is never read by a rule."""
    body = text[seg.start:seg.end]
    return body[:1].isupper() and len(body.split()) >= MIN_MASKED_WORDS


def without_dateline(body: str) -> str:
    """`WASHINGTON (AP) — President Obama said …`: the dateline blanked out (same length), so
    that the parser does not take the city for the subject."""
    m = DATELINE.match(body)
    return " " * m.end() + body[m.end():] if m else body


def unglued(body: str) -> str:
    """`Ryan said,“Look…`: the tokenizer would glue `said,“Look` into one word; an opening mark
    stuck to the word before it is read as a space (same length)."""
    return GLUED_MARK.sub(" ", body)


def masked(text: str, part: Paragraph, masks: list[Segment]) -> str:
    """The text of `part` with each masked quote replaced by `This is true` and spaces, its closing
    punctuation kept: the same length, so every offset still points into the user's text."""
    body = list(text[part.start:part.end])
    first = bisect_left(masks, part.start, key=lambda s: s.start)
    for i in range(first, len(masks)):      # no masks[first:]: a copy of the rest for each part
        seg = masks[i]
        if seg.start >= part.end:
            break
        if seg.end > part.end:
            continue
        inner = text[seg.start:seg.end]
        end = inner[-1] if inner[-1] in ",.?!;:" else ""
        if len(inner) < len(MASK_WORD) + len(end) + 1:
            continue
        fill = MASK_WORD + " " * (len(inner) - len(MASK_WORD) - len(end)) + end
        body[seg.start - part.start:seg.end - part.start] = fill
    return "".join(body)


def pipeline():
    return nlp.load(disable=DISABLED)


@dataclass
class Parsed:
    """The parses of one text: whole paragraphs by index (a long one in several windows, in
    order), and sentence-only parses."""
    paragraphs: dict[int, list[ParsedParagraph]]
    sentences: list[ParsedParagraph]

    def all(self) -> list[ParsedParagraph]:
        units = [pp for parts in self.paragraphs.values() for pp in parts]
        return sorted([*units, *self.sentences], key=lambda p: p.para.start)

    def unit_at(self, paragraph: int, offset: int) -> ParsedParagraph | None:
        """The parse of the window of paragraph `paragraph` that holds `offset`."""
        parts = self.paragraphs.get(paragraph)
        if not parts:
            return None
        i = bisect_right(parts, offset, key=lambda p: p.para.start) - 1
        return parts[max(i, 0)]

    def before(self, unit: ParsedParagraph) -> ParsedParagraph | None:
        """The parse that ends the paragraph before `unit`'s, when `unit` opens its own."""
        parts = self.paragraphs.get(unit.para.index - 1)
        opens = self.paragraphs[unit.para.index][0] is unit
        return parts[-1] if parts and opens else None


BATCH_CHARS = 50_000   # the model's working memory grows with a batch's words, not its documents


def _batch(flat: list, most: int) -> int:
    """Documents per batch: `most` short paragraphs, fewer long windows (256 windows of 3,000
    characters dense with words took gigabytes)."""
    chars = sum(part.end - part.start for _, part, _ in flat)
    return max(8, min(most, BATCH_CHARS * len(flat) // max(chars, 1)))


def parse_many(texts: list[str], jobs: list[ParseJob], batch_size: int = 256) -> list[Parsed]:
    """Parse the planned stretches of many texts in one nlp.pipe stream."""
    flat = [(i, part, whole) for i, job in enumerate(jobs)
            for whole, parts in ((True, job.paragraphs), (False, job.sentences)) for part in parts]
    out = [Parsed({}, []) for _ in jobs]
    if not flat:
        return out                   # nothing to parse: the model is not even loaded
    bodies = (unglued(without_dateline(masked(texts[i], part, jobs[i].masks) if whole
                                       else texts[i][part.start:part.end]))
              for i, part, whole in flat)
    for (i, part, whole), doc in zip(flat, pipeline().pipe(bodies, batch_size=_batch(flat, batch_size))):
        parsed = ParsedParagraph(part, doc, texts[i][part.start:part.end])
        if whole:
            out[i].paragraphs.setdefault(part.index, []).append(parsed)
        else:
            out[i].sentences.append(parsed)
    return out
