"""Quotations attributed by word patterns alone, for the fast reading (no statistical model).

The parser reads a few thousand words a second; a text of several megabytes would take minutes.
The fast reading attributes each quotation by the words right around it instead, with the same
rule names as the parse-based rules so that a reviewer reads them the same way:

    trailing_cue   “…,” X said.  /  “…,” said X.  /  “…,” X, the Y of Z, said.
    leading_cue    X said: “…”  /  X said the plan was “a disaster”
    according_to   “…,” according to X.

Subjects are read as reported.py reads them (a name, a pronoun, a noun phrase). The inheriting
rules (same_paragraph, continuation) then run as they do after the parse-based rules.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Mention
from . import lexicon
from .attribute import Attribution, Candidate
from .marks import Paragraph
from .mentions import SpeakerRef
from .reported import (MAX_SUBJECT_TOKENS, Subject, Tok, noun_use, said, skip_left, speaker_of,
                       subject_before, tokens, words)
from .speakers import People
from .units import sentences

PATTERN_PENALTY = 0.1            # a word pattern is less sure than a parse
CLOSERS = ".!?"
# a run of two to four capitalised words: a name for the pronoun rules to find
NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,3}\b")


class Sentences:
    """The rule-based sentences of each paragraph, made once and searched by bisection."""

    def __init__(self, text: str):
        self.text = text
        self.by_para: dict[int, tuple[list[int], list[Paragraph]]] = {}

    def around(self, para: Paragraph, offset: int) -> Paragraph:
        if para.index not in self.by_para:
            sents = sentences(self.text, para)
            self.by_para[para.index] = ([s.start for s in sents], sents)
        starts, sents = self.by_para[para.index]
        return sents[max(0, bisect_right(starts, offset) - 1)]


def register_names(text: str, paras: list[Paragraph], people: People) -> None:
    """Every run of capitalised words that opens with a known first name or a title, so that a
    later pronoun can find the person (the parse-based reading registers proper-noun runs)."""
    lex = lexicon.load()
    for para in paras:
        for m in NAME_RUN.finditer(text, para.start, para.end):
            first = m.group().split()[0].lower()
            if first in lex.first_names or first in lex.titles or first.rstrip(".") in lex.titles:
                people.mention(m.group(), m.start())


def attribute_by_patterns(cand: Candidate, text: str, para: Paragraph, sents: Sentences,
                          people: People) -> Attribution:
    """The first pattern that attributes the quotation, or an empty attribution."""
    found = _trailing(cand, text, para, sents) or _leading(cand, text, para, sents)
    if found is None:
        return Attribution()
    rule, subject, cue = found
    ref = speaker_of(subject, people)
    if ref is None:
        return Attribution()
    speaker = SpeakerRef(ref.mention, ref.name, pronoun=subject.kind == "pronoun")
    return Attribution.by(rule, speaker, cue, penalty=PATTERN_PENALTY + (0.1 if ref.name is None else 0.0))


def _trailing(cand: Candidate, text: str, para: Paragraph, sents: Sentences):
    """`“…,” X said` / `“…,” said X` / `“…,” according to X`, in the rest of the sentence."""
    after = cand.outer_end
    sent = sents.around(para, after)
    end = sent.end if sent.end > after else min(para.end, after + 400)
    toks = tokens(text, after, min(end, after + 400))
    k = 1 if toks and toks[0].text in ",;" else 0
    forms = lexicon.load().speech_forms
    for c in range(k, min(len(toks), k + MAX_SUBJECT_TOKENS + 3)):
        tok = toks[c]
        if tok.text in CLOSERS or tok.text in "“\"‘":
            return None
        if tok.lower == "according" and c + 2 < len(toks) and toks[c + 1].lower == "to" and c == k:
            subj = _phrase_after(toks, c + 2)
            cue = Mention(text[tok.start:toks[c + 1].end], tok.start, toks[c + 1].end)
            return ("according_to", said(text, toks, subj), cue) if subj else None
        if tok.lower not in forms or noun_use(toks, c):
            continue
        cue = Mention(tok.text, tok.start, tok.end)
        if c == k:                                       # “…,” said Sen. X
            subj = _phrase_after(toks, c + 1)
            return ("trailing_cue", said(text, toks, subj), cue) if subj else None
        subj = subject_before(toks, skip_left(toks, c - 1))
        if subj is None or subj.first > k:
            return None
        return "trailing_cue", said(text, toks, subj), cue
    return None


def _phrase_after(toks: list[Tok], j: int) -> Subject | None:
    """The subject after an inverted cue, up to a comma or the sentence's end: said Sen. X."""
    if j >= len(toks):
        return None
    if toks[j].lower in lexicon.load().pronouns:
        return Subject(j, j, "pronoun")
    if not toks[j].capitalised and toks[j].lower not in words()["determiners"]:
        return None
    last = j
    while last + 1 < len(toks) and toks[last + 1].text not in ",;:!?\"”(" and last - j < MAX_SUBJECT_TOKENS:
        if toks[last + 1].text == "." and not (last + 2 < len(toks) and toks[last + 2].capitalised):
            break
        last += 1
    kind = "group" if toks[j].lower in words()["determiners"] else "name"
    return Subject(j, last, kind)


def _leading(cand: Candidate, text: str, para: Paragraph, sents: Sentences):
    """`X said: “…”` / `X said the plan was “a disaster”`: the last cue before the quotation in
    its sentence, with its subject."""
    before = cand.outer_start
    sent = sents.around(para, before)
    lo = sent.start if sent.start < before else para.start
    toks = tokens(text, lo, before)
    forms = lexicon.load().speech_forms
    for c in range(len(toks) - 1, -1, -1):
        tok = toks[c]
        if tok.text in "”\"’" or tok.text in CLOSERS and c < len(toks) - 1:
            return None                  # another quotation, or another sentence, stands between
        if tok.lower == "according" and c + 2 < len(toks) and toks[c + 1].lower == "to":
            subj = _phrase_after(toks, c + 2)
            cue = Mention(text[tok.start:toks[c + 1].end], tok.start, toks[c + 1].end)
            return ("according_to", said(text, toks, subj), cue) if subj else None
        if tok.lower not in forms or noun_use(toks, c):
            continue
        subj = subject_before(toks, skip_left(toks, c - 1))
        if subj is None:
            if c + 1 < len(toks) and tok.lower in words()["inverting"]:
                subj = _phrase_after(toks, c + 1)      # Said Sen. X: “…”
            if subj is None:
                continue
        return "leading_cue", said(text, toks, subj), Mention(tok.text, tok.start, tok.end)
    return None


__all__ = ["Sentences", "attribute_by_patterns", "register_names"]
