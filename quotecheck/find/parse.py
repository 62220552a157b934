"""Parsing what the plan (plan.py) chose, and reading the parse: the statistical pipeline runs
over the planned stretches of many texts in one stream; each parse keeps its place in the user's
text. Inside the parsed text, long quoted sentences are masked (the rules read the parse around a
quote, not in it) and a dateline is blanked. A mask is shorter than the quote it stands for, so
a parse keeps where its text was cut (`Cuts`): its token offsets are mapped back to the user's
offsets, and the rules read positions only through ParsedParagraph.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from .. import nlp
from . import lexicon
from .marks import Paragraph, Segment
from .plan import MASK_WORD, ParseJob

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


@dataclass(frozen=True)
class Cuts:
    """Where characters were left out of a parsed text: at each position `at[k]` of the parsed
    text, `gone[k]` characters of the user's text (counted from the start) are behind it."""
    at: tuple[int, ...] = ()
    gone: tuple[int, ...] = ()

    def start(self, i: int) -> int:
        """The user's offset of a start at parsed position i: after a cut there."""
        k = bisect_right(self.at, i) if self.at else 0
        return i + self.gone[k - 1] if k else i

    def end(self, i: int) -> int:
        """The user's offset of an end at parsed position i: before a cut there (a mask's
        words end where they did when the mask was padded to the quote's length)."""
        k = bisect_left(self.at, i) if self.at else 0
        return i + self.gone[k - 1] if k else i


NO_CUTS = Cuts()


@dataclass
class ParsedParagraph:
    """The parse of one stretch of a text. Offsets: `offset` and `end_offset` are the user's
    (into the whole text); `start_of`, `end_of` and the lists below are relative to `text`."""
    para: Paragraph
    doc: Any               # spacy.tokens.Doc of text[para.start:para.end] (long quotes masked)
    text: str              # text[para.start:para.end] as the user gave it
    cuts: Cuts = NO_CUTS   # where the masks shortened what the model read

    # (the rules ask for offsets a few hundred thousand times on PolNeAR train: most parses
    # have no cut, and skip the lookup)
    def offset(self, token) -> int:
        i = token.idx
        return self.para.start + (self.cuts.start(i) if self.cuts.at else i)

    def end_offset(self, token) -> int:
        i = token.idx + len(token)
        return self.para.start + (self.cuts.end(i) if self.cuts.at else i)

    def start_of(self, span) -> int:
        """Where a sentence (or any span of the doc) starts in `text`."""
        return self.cuts.start(span.start_char)

    def end_of(self, span) -> int:
        """Where a sentence (or any span of the doc) ends in `text`."""
        return self.cuts.end(span.end_char)

    def words(self, first, last) -> str:
        """The user's text from token `first` to token `last`, both included."""
        return self.text[self.cuts.start(first.idx):self.cuts.end(last.idx + len(last))]

    # Each quote asks for its own tokens and sentences; walking the whole parse for each would
    # make a unit with many quotes quadratic, so these are found by bisection.
    @cached_property
    def token_starts(self) -> list[int]:
        from spacy.attrs import IDX

        starts = self.doc.to_array(IDX).tolist()
        return [self.cuts.start(i) for i in starts] if self.cuts.at else starts

    @cached_property
    def sents(self) -> list:
        return list(self.doc.sents)

    @cached_property
    def sent_starts(self) -> list[int]:
        return [self.start_of(s) for s in self.sents]

    @cached_property
    def sent_ends(self) -> list[int]:
        return [self.end_of(s) for s in self.sents]

    @cached_property
    def lowers(self):
        """The lower-case forms of the tokens (as spaCy's hashes), read once for every word list."""
        from spacy.attrs import LOWER

        return self.doc.to_array(LOWER)

    def among(self, words: frozenset[str]) -> list[int]:
        """The indices of the tokens whose lower-case form is one of `words`."""
        return among_hashes(self.lowers, words).nonzero()[0].tolist()

    @cached_property
    def cue_verbs(self) -> list[int]:
        """The indices of the speech verbs (said, told…), for the cue rules to look up."""
        doc = self.doc
        return [i for i in self.among(lexicon.load().speech_forms) if upos(doc[i]) in VERB_POS]

    @cached_property
    def according(self) -> list[int]:
        """The indices of `according` followed by `to`."""
        doc = self.doc
        return [i for i in self.among(ACCORDING) if i + 1 < len(doc) and doc[i + 1].lower_ == "to"]

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
        while last < len(self.sents) and self.sent_starts[last] < hi:
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


def tokens_among(doc, attr: int, values: frozenset[str]):
    """A boolean array over `doc`'s tokens: is the token's `attr` (spacy.attrs.LOWER, TAG…) one
    of `values`? One array operation; walking every token in Python cost as much as the rules
    that read the tokens it picks."""
    return among_hashes(doc.to_array(attr), values)


def among_hashes(found, values: frozenset[str]):
    """`tokens_among` for an array of the tokens' hashes already read."""
    import numpy

    keys = _hashes(values)
    if not len(keys):
        return numpy.zeros(len(found), dtype=bool)
    # a binary search, not numpy.isin: isin sorts and deduplicates both arrays on every call,
    # 45 µs for a sentence's 40 tokens against 3 µs (it was a fifth of the rules' time)
    at = numpy.minimum(numpy.searchsorted(keys, found), len(keys) - 1)
    return keys[at] == found


@lru_cache(maxsize=8)
def _hashes(values: frozenset[str]):
    import numpy
    from spacy.strings import hash_string  # type: ignore[attr-defined]  # (Cython: no stubs)

    return numpy.array(sorted(hash_string(v) for v in values), dtype="uint64")


def without_dateline(body: str) -> str:
    """`WASHINGTON (AP) — President Obama said …`: the dateline blanked out (same length), so
    that the parser does not take the city for the subject."""
    m = DATELINE.match(body)
    return " " * m.end() + body[m.end():] if m else body


def unglued(body: str) -> str:
    """`Ryan said,“Look…`: the tokenizer would glue `said,“Look` into one word; an opening mark
    stuck to the word before it is read as a space. The horizontal bar (―), which the tokenizer
    does not split off (`…”― Pamela Padilla` made a proper noun `”―`), is read as an em dash.
    The length stays the same."""
    return GLUED_MARK.sub(" ", body).replace("―", "—")


def masked(text: str, part: Paragraph, masks: list[Segment]) -> tuple[str, Cuts]:
    """The text of `part` with each masked quote replaced by MASK_WORD and its closing
    punctuation, and where it was cut. The mask is not padded to the quote's length: a run of
    spaces would be a token of its own, and the model's time goes by tokens (one in forty of
    PolNeAR's parsed tokens was such a run)."""
    pieces, at, gone = [], [], []
    done, length, removed = part.start, 0, 0    # the user's text is copied up to `done`
    first = bisect_left(masks, part.start, key=lambda s: s.start)
    for i in range(first, len(masks)):      # no masks[first:]: a copy of the rest for each part
        seg = masks[i]
        if seg.start >= part.end:
            break
        if seg.end > part.end or seg.start < done:
            continue
        inner = text[seg.start:seg.end]
        end = inner[-1] if inner[-1] in ",.?!;:" else ""
        if len(inner) < len(MASK_WORD) + len(end) + 1:
            continue
        pieces += [text[done:seg.start], MASK_WORD, end]
        length += seg.start - done + len(MASK_WORD)
        removed += len(inner) - len(MASK_WORD) - len(end)
        at.append(length)                   # right after the mask's words
        gone.append(removed)
        length += len(end)
        done = seg.end
    pieces.append(text[done:part.end])
    return "".join(pieces), Cuts(tuple(at), tuple(gone))


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
    cut = [masked(texts[i], part, jobs[i].masks) if whole else (texts[i][part.start:part.end], NO_CUTS)
           for i, part, whole in flat]
    bodies = (unglued(without_dateline(body)) for body, _ in cut)
    docs = pipeline().pipe(bodies, batch_size=_batch(flat, batch_size))
    for (i, part, whole), (_, cuts), doc in zip(flat, cut, docs):
        parsed = ParsedParagraph(part, doc, texts[i][part.start:part.end], cuts)
        if whole:
            out[i].paragraphs.setdefault(part.index, []).append(parsed)
        else:
            out[i].sentences.append(parsed)
    return out
