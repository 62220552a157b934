"""Lazy parsing: the statistical pipeline runs only on the paragraphs that need it.

A paragraph is parsed whole when it holds a quotation mark or leads into one with a colon; in
other paragraphs only the sentences with a trigger word (said, according to, believes…) are
parsed, for reported speech. Everything else is never touched by the model, which is where the
speed comes from: the tagger and parser run at a few thousand words a second. Inside the parsed
text, long quoted sentences are masked (the rules read the parse around a quote, not in it) and
a dateline is blanked; both keep the text's length, so token offsets stay the user's offsets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import nlp
from . import lexicon
from .marks import Paragraph, Segment

# The tagger and parser are what the rules read. The lemmatizer is not needed (cues are matched
# on their surface forms), the NER would cost more than half of the parse time, and the
# attribute ruler only maps fine tags to coarse ones (a quarter of the rest): TAG_POS does that.
DISABLED = ("lemmatizer", "ner", "attribute_ruler")
TAG_POS = {"NNP": "PROPN", "NNPS": "PROPN", "NN": "NOUN", "NNS": "NOUN", "PRP": "PRON",
           "PRP$": "PRON", "WP": "PRON", "WP$": "PRON", "WDT": "PRON", "EX": "PRON",
           "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB",
           "MD": "AUX", "DT": "DET", "IN": "ADP", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ",
           "RB": "ADV", "CD": "NUM", "CC": "CCONJ", "UH": "INTJ", "_SP": "SPACE"}


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
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘A-Z0-9])")


@dataclass
class ParsedParagraph:
    para: Paragraph
    doc: object            # spacy.tokens.Doc of text[para.start:para.end] (long quotes masked)
    text: str              # text[para.start:para.end] as the user gave it

    def offset(self, token) -> int:
        return self.para.start + token.idx

    def end_offset(self, token) -> int:
        return self.para.start + token.idx + len(token)


@lru_cache(maxsize=1)
def trigger_pattern() -> re.Pattern:
    words = sorted({w for name in ("trigger_words", "naming_verbs", "belief_adjectives")
                    for w in lexicon.read_entries(name)}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class ParseJob:
    """The stretches of one text to parse: whole paragraphs (quotes need their neighbours)
    and single sentences (reported speech needs only its own sentence). The words of long
    quoted sentences are masked: the rules read the parse around a quote, never inside it."""
    paragraphs: list[Paragraph]
    sentences: list[Paragraph]
    masks: list[Segment] = field(default_factory=list)


def sentences(text: str, para: Paragraph) -> list[Paragraph]:
    """A fast rule-based split of one paragraph into sentences (no model)."""
    out, start = [], para.start
    for m in SENTENCE_END.finditer(text, para.start, para.end):
        if _abbreviation(text, para.start, m.start()):
            continue
        out.append(Paragraph(para.index, start, m.start()))
        start = m.end()
    out.append(Paragraph(para.index, start, para.end))
    return [s for s in out if s.end > s.start]


def _abbreviation(text: str, lo: int, end: int) -> bool:
    """Does the period before `end` close an abbreviation (Mr., Sen., U.S., H.) rather than a
    sentence?"""
    word = text[lo:end].rsplit(None, 1)[-1].lstrip("(\"“‘'").lower() if text[lo:end].strip() else ""
    if not word.endswith("."):
        return False
    titles = lexicon.load().titles
    bare = word.rstrip(".")
    return word in titles or bare in titles or len(bare) <= 1 or "." in bare


def plan(text: str, paras: list[Paragraph], segments: list[Segment], lazy: bool = True,
         indirect: bool = True) -> ParseJob:
    """What the rules will read a parse of; with lazy=False, every paragraph whole. Sentences
    without quotation marks are parsed only when reported speech is looked for."""
    if not lazy:
        return ParseJob(list(paras), [])
    masks = [s for s in segments if _maskable(text, s)]
    with_quotes = {s.paragraph for s in segments}
    whole, single = [], []
    for para in paras:
        body = text[para.start:para.end]
        leads_in = body.rstrip().endswith(":") and para.index + 1 in with_quotes
        if para.index in with_quotes or leads_in:
            whole.append(para)
        elif indirect and trigger_pattern().search(body):
            single += [s for s in sentences(text, para) if trigger_pattern().search(text, s.start, s.end)]
    return ParseJob(whole, single, masks)


MASK_WORD = "This is true"
MIN_MASKED_WORDS = 6


def _maskable(text: str, seg: Segment) -> bool:
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
    for seg in masks:
        if seg.start < part.start or seg.end > part.end:
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
    """The parses of one text: whole paragraphs by index, and sentence-only parses."""
    paragraphs: dict[int, ParsedParagraph]
    sentences: list[ParsedParagraph]

    def all(self) -> list[ParsedParagraph]:
        return sorted([*self.paragraphs.values(), *self.sentences], key=lambda p: p.para.start)


def parse_many(texts: list[str], jobs: list[ParseJob], batch_size: int = 256) -> list[Parsed]:
    """Parse the planned stretches of many texts in one nlp.pipe stream."""
    flat = [(i, part, whole) for i, job in enumerate(jobs)
            for whole, parts in ((True, job.paragraphs), (False, job.sentences)) for part in parts]
    out = [Parsed({}, []) for _ in jobs]
    bodies = (unglued(without_dateline(masked(texts[i], part, jobs[i].masks) if whole
                                       else texts[i][part.start:part.end]))
              for i, part, whole in flat)
    for (i, part, whole), doc in zip(flat, pipeline().pipe(bodies, batch_size=batch_size)):
        parsed = ParsedParagraph(part, doc, texts[i][part.start:part.end])
        if whole:
            out[i].paragraphs[part.index] = parsed
        else:
            out[i].sentences.append(parsed)
    return out
