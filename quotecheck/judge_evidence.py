"""What the judge needs to know about matched passages: who the source says spoke, which of several
sources to cite, what lies between two pieces, and the word diff with its severity.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .find.speakers import same_person
from .match import Alignment
from .model import DiffOp, Finding, Quote, SourcePassage, Verdict
from .store import Corpus
from .text import MODAL, NEGATION, NUMBER, fold, words

SEVERITY = {"negation": 3, "number": 3, "name": 3, "modal": 2}
ATTRIBUTION_GAP_WORDS = 8   # "…," Axelrod said. "…": words between two parts of one quote
STITCH_GAP_WORDS = 5        # an unmarked gap this long (or another passage) is a stitch
OMISSION_CHECK_WORDS = 4    # an ellipsis hiding this few words is checked for meaning changes
CONTEXT_CHARS = 80
_QUOTE_BREAK = re.compile(r"[\"'][^\"']*[\"']")


@dataclass
class Gap:
    same_passage: bool
    in_order: bool
    words: int
    quote_break: bool      # the gap closes and reopens quotation marks (an attribution)
    text: str


class Evidence:
    """The quote under judgement plus the corpus, with helpers that look things up once."""

    def __init__(self, quote: Quote, corpus: Corpus, aliases=None):
        self.quote = quote
        self.corpus = corpus
        self.aliases = aliases
        self._speakers: dict[tuple[str, int], str | None] = {}

    # -- speakers ------------------------------------------------------------------------
    def speaker_of(self, a: Alignment) -> str | None:
        key = a.doc_key()
        if key not in self._speakers:
            self._speakers[key] = source_speaker(self.corpus, a)
        return self._speakers[key]

    def speaker_rank(self, a: Alignment) -> int:
        """0: the source credits the draft's speaker; 1: it credits someone else; 2: unknown.

        A source that names someone else outranks one that names nobody: it is evidence, and
        an unattributed copy of the words cannot confirm the draft's speaker."""
        said_by, credited = self.speaker_of(a), self.quote.speaker
        if not said_by or not credited:
            return 2
        return 0 if speakers_agree(said_by, credited, self.aliases) else 1

    def prefer(self, alignments: list[Alignment]) -> Alignment:
        """Among equally good alignments: the right speaker, then the earliest dated source."""
        top = [a for a in alignments if len(a.changes) == len(alignments[0].changes)]
        return min(top, key=lambda a: (self.speaker_rank(a), *_date_key(a)))

    def named_nearby(self, a: Alignment, credited: str) -> bool:
        """Is the credited person's surname in the source's paragraph that holds the words? Then
        the source's own attribution is too uncertain to call the draft wrong. Only that
        paragraph: a wider net lets real misattributions between neighbours pass."""
        surname = _surname(credited)
        if not surname:
            return False
        text = self.corpus.nearby_text(a.passage, around=0)
        return re.search(rf"\b{re.escape(surname)}\b", text, re.IGNORECASE) is not None

    # -- pieces and gaps -----------------------------------------------------------------
    def gap(self, a: Alignment, b: Alignment) -> Gap:
        same_doc = a.passage.document.path == b.passage.document.path
        in_order = same_doc and b.start >= a.end
        if a.passage.id != b.passage.id or not in_order:
            return Gap(False, in_order, 10 ** 6, False, "")
        text = a.passage.text[a.end - a.passage.start:b.start - a.passage.start]
        return Gap(True, True, len(words(text)), bool(_QUOTE_BREAK.search(fold(text))), text)

    def continuous(self, parts: list[Alignment]) -> bool:
        """True when the parts are one stretch of speech, at most broken by its attribution."""
        for a, b in zip(parts, parts[1:]):
            g = self.gap(a, b)
            if not g.same_passage:
                return False
            if g.words and not (g.quote_break and g.words <= ATTRIBUTION_GAP_WORDS):
                return False
        return True

    def separated(self, parts: list[Alignment]) -> bool:
        """True when consecutive parts are not one continuous stretch of speech in the source."""
        for a, b in zip(parts, parts[1:]):
            g = self.gap(a, b)
            if not g.same_passage:
                return True
            if g.quote_break and g.words <= ATTRIBUTION_GAP_WORDS:
                continue
            if g.words >= STITCH_GAP_WORDS:
                return True
        return False

    def omission_change(self, chosen: list[Alignment]) -> DiffOp | None:
        """A short stretch hidden by an ellipsis that holds a negation, number or modal."""
        for a, b in zip(chosen, chosen[1:]):
            g = self.gap(a, b)
            if g.same_passage and 0 < g.words <= OMISSION_CHECK_WORDS and not _whole_sentences(a, b):
                note = classify([w.norm for w in words(g.text)], [], g.text)
                if note in ("negation", "number", "modal"):
                    return DiffOp("delete", g.text.strip(), "", note)
        return None

    # -- findings ------------------------------------------------------------------------
    def finding(self, verdict: Verdict, a: Alignment, *, severity: int, why: str, diff=None,
                pieces=None, score: float | None = None) -> Finding:
        return Finding(self.quote, verdict, source=passage_of(a, self), pieces=pieces or [],
                       diff=diff or [], score=round(a.score if score is None else score, 1),
                       severity=severity, why=why)

    def faithful_finding(self, chosen: list[Alignment], others: list[list[Alignment]],
                         edited: bool) -> Finding:
        first = chosen[0]
        source = passage_of(first, self)
        also = [passage_of(s[0], self) for s in others]
        said_by, credited = self.speaker_of(first), self.quote.speaker
        where = _where(source)
        pieces = [passage_of(a, self) for a in chosen] if len(chosen) > 1 else []
        if said_by and credited and not speakers_agree(said_by, credited, self.aliases) \
                and not self.named_nearby(first, credited):
            return Finding(self.quote, Verdict.MISATTRIBUTED, source=source, also_in=also, pieces=pieces,
                           score=100.0, severity=3,
                           why=f"These words are in {where}, but said by {said_by}, not {credited}.")
        verdict = Verdict.EDITORIAL if edited else Verdict.VERBATIM
        how = "with marked edits (\u2026 or [brackets])" if edited else "word for word"
        if said_by and credited:
            who = f", said by {said_by}"
        elif not credited:
            who = "; the draft names no speaker, so the speaker was not checked"
        elif said_by:
            who = (f"; the source seems to credit {said_by}, but {credited} is named beside "
                   "the words, so the speaker is not confirmed")
        else:
            who = f"; the source does not say who spoke them, so {credited} is not confirmed"
        return Finding(self.quote, verdict, source=source, also_in=also, pieces=pieces, score=100.0,
                       severity=0, why=f"Found {how} in {where}{who}.")


def _whole_sentences(a: Alignment, b: Alignment) -> bool:
    """True when the words between a and b are whole sentences (a fair thing to omit)."""
    between = [w for w in words(a.passage.text, a.passage.start) if a.end <= w.start and w.end <= b.start]
    return bool(a.source) and a.source[-1].ends_sentence and bool(between) and between[-1].ends_sentence


def consistent_sets(exact: list[list[Alignment]]) -> list[list[Alignment]]:
    """Ways to take one exact alignment per piece, all in one source and in order."""
    out = []
    for first in exact[0]:
        chain = [first]
        for options in exact[1:]:
            nxt = [a for a in options if a.passage.document.path == first.passage.document.path
                   and a.start >= chain[-1].end]
            if not nxt:
                break
            chain.append(min(nxt, key=lambda a: a.start))
        if len(chain) == len(exact):
            out.append(chain)
    return out


def choose_faithful(ev: Evidence, sets: list[list[Alignment]]):
    """The set to cite (right speaker, earliest date) and the others (the same words elsewhere)."""
    ranked = sorted(sets, key=lambda s: (ev.speaker_rank(s[0]), *_date_key(s[0])))
    seen, others = {ranked[0][0].doc_key()}, []
    for s in ranked[1:]:
        if s[0].doc_key() not in seen:
            seen.add(s[0].doc_key())
            others.append(s)
    return ranked[0], others


def _date_key(a: Alignment) -> tuple:
    doc = a.passage.document
    return (doc.date or "9999", doc.path, a.start)


def source_speaker(corpus: Corpus, a: Alignment) -> str | None:
    """Who the source says spoke the aligned words: its quote covering them, else its own speaker."""
    return corpus.speaker_at(a.passage.document.path, a.start, a.end) or a.passage.document.speaker


_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def _surname(name: str) -> str | None:
    parts = [w for w in re.findall(r"[\w'-]+", name) if w.lower().strip(".") not in _SUFFIXES]
    return parts[-1] if parts and len(parts[-1]) > 1 else None


def speakers_agree(said_by: str, credited: str, aliases=None) -> bool:
    if aliases is not None:
        said_by, credited = aliases.canonical(said_by), aliases.canonical(credited)
    return same_person(said_by, credited) or same_person(credited, said_by)


def classify(source: list[str], draft: list[str], original: str) -> str | None:
    """Why a change matters: negation, number, name, modal — or None for an ordinary word."""
    both = set(source) | set(draft)
    if both & NEGATION:
        return "negation"
    if any(w.isdigit() or w in NUMBER for w in both):
        return "number"
    if any(t[:1].isupper() and t not in ("I",) for t in re.findall(r"\w[\w']*", original)):
        return "name"
    if both & MODAL:
        return "modal"
    return None


def diff_of(a: Alignment, ev: Evidence) -> tuple[list[DiffOp], int, list[str]]:
    """The alignment as DiffOps (source → draft) with the severity and the notes of its changes."""
    ops, severity, notes = [], 1, []
    for o in a.ops:
        src = _slice(a.passage.text, a.source[o.s1:o.s2], a.passage.start)
        dft = _slice(ev.quote.text, a.draft[o.d1:o.d2], 0)
        note = None
        if o.tag != "equal":
            inner = o.s1 > 0 and o.d1 > 0   # a capital at the very start is a sentence start
            note = classify([w.norm for w in a.source[o.s1:o.s2]], [w.norm for w in a.draft[o.d1:o.d2]],
                            (src + " " + dft) if inner else "")
            if note:
                notes.append(note)
                severity = max(severity, SEVERITY[note])
        ops.append(DiffOp(o.tag, src, dft, note))
    return ops, severity, notes


def _slice(text: str, ws, offset: int) -> str:
    if not ws:
        return ""
    return text[ws[0].start - offset:ws[-1].end - offset]


def passage_of(a: Alignment, ev: Evidence) -> SourcePassage:
    p = a.passage
    lo, hi = a.start - p.start, a.end - p.start
    context = p.text[max(0, lo - CONTEXT_CHARS):hi + CONTEXT_CHARS]
    return SourcePassage(path=p.document.path, start=a.start, end=a.end, text=p.text[lo:hi],
                         context=context, speaker=ev.speaker_of(a), title=p.document.title,
                         date=p.document.date, location=p.location)


def _where(s: SourcePassage) -> str:
    name = s.path.rsplit("/", 1)[-1]
    date = f", {s.date}" if s.date else ""
    return f"{name} ({s.location}{date})"


def describe_search(queries: list[str], searched: int) -> str:
    tried = "; ".join(dict.fromkeys(queries)) or "its words"
    return f"Nothing in the corpus ({searched:,} passages) matches: searched for {tried}."
