"""Transcript turns in an article: `CLINTON: Honestly, I mean, I just believe …` (rule
`speaker_label`, kind "indirect": speech without quotation marks).

An interview printed as a transcript opens each turn with its speaker's name and a colon, and
the rest of the paragraph is that person's words. A label is also a headline's kicker (`The
Latest:`, `Report:`, `UPDATE:`) or a tally's (`Clinton: 2,316.`), so a turn counts only when
its label names a person the document mentions elsewhere, and it says a few words. On PolNeAR
train, such paragraphs hold an attribution of the labelled person three times in four.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ..model import Kind, Mention, Quote, Span
from .attribute import CONFIDENCE, Attribution, Candidate
from .indirect import Spans, trimmed
from .marks import Paragraph
from .mentions import SpeakerRef
from .speakers import People

# one to three capitalised words (CLINTON, Reid, Harry Reid) and a colon opening the paragraph
LABEL = re.compile(r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}):[ \t]+(?=\S)")
MIN_TURN_WORDS = 4
FIRST_PERSON = ("i", "me")


def find_labelled(text: str, paras: list[Paragraph], people: People, direct: list[Span]) -> list[Quote]:
    """The transcript turns of known people; none that holds a whole quoted sentence (`direct`:
    the label leads a quotation then, rule `headline`)."""
    quoted = Spans(direct)
    out = []
    for para in paras:
        turn = _turn(text, para, people)
        if turn is not None and not quoted.overlapping(turn.spans[0]):
            out.append(turn)
    return out


def first_person_in_turn(quote: Quote, turns: list[Quote]) -> Quote | None:
    """The turn in which `quote` is reported by an `I` (`CLINTON: I believe that …`): that `I`
    is the turn's speaker, not the writer or anyone named before. `turns` in text order, as
    find_labelled gives them (searched by bisection: a transcript may hold thousands)."""
    mention = quote.speaker_mention
    if mention is None or mention.text.lower() not in FIRST_PERSON:
        return None
    i = bisect_right(turns, mention.start, key=lambda t: t.spans[0].start) - 1
    return turns[i] if i >= 0 and mention.start < turns[i].spans[0].end else None


def _turn(text: str, para: Paragraph, people: People) -> Quote | None:
    found = _label_at(text, para.start, para.end, people)
    if found is None:
        return None
    m, person = found
    span = trimmed(text, Span(m.end(), para.end))
    if span is None or len(text[span.start:span.end].split()) < MIN_TURN_WORDS:
        return None
    label, colon = _label_mentions(m)
    return Quote(text=text[span.start:span.end], spans=[span], kind=Kind.INDIRECT, speaker=person.name,
                 speaker_mention=label, cue=colon, rule="speaker_label", confidence=CONFIDENCE["speaker_label"])


def label_turn(text: str, cand: Candidate, people: People) -> bool:
    """`"PENCE: Well, look, …`: a quotation that nothing around it attributes and that opens
    with a turn's label is that person's words, as a turn without marks is, and the label is no
    part of them: the quotation starts after it, attributed to the label (speaker_label). The
    label is a transcript's (capitals) or a known person's whole name (`"Chris Matthews: …`):
    `"Clinton: 'I come from the 60s'…," tweeted Alex Conant` quotes Conant, who sums up a debate.
    True when it attributed the quotation so."""
    if cand.attribution.speaker is not None:
        return False
    seg = cand.segments[0]
    found = _label_at(text, seg.start, seg.end, people)
    if found is None:
        return False
    m, person = found
    if not (m.group(1).isupper() or m.group(1) == person.name) \
            or len(text[m.end():seg.end].split()) < MIN_TURN_WORDS:
        return False
    cand.segments[0] = replace(seg, start=m.end())
    label, colon = _label_mentions(m)
    cand.attribution = Attribution.by("speaker_label", SpeakerRef(label, person.name), colon)
    return True


def _label_at(text: str, start: int, end: int, people: People):
    """The label opening text[start:end] and the person it names, (match, person), when it
    names someone the text mentions elsewhere and no body (`The Latest:`); else None."""
    m = LABEL.match(text, start, end)
    if m is None or m.group(1).split()[0].lower() == "the":
        return None
    person = people.find(m.group(1))
    if person is None or person.group or not _seen_elsewhere(person.seen, m.start(1), m.end(1)):
        return None
    return m, person


def _label_mentions(m: re.Match) -> tuple[Mention, Mention]:
    """The label's name and its colon, as speaker mention and cue."""
    return Mention(m.group(1), m.start(1), m.end(1)), Mention(":", m.end(1), m.end(1) + 1)


def _seen_elsewhere(seen: list[int], start: int, end: int) -> bool:
    """Is the person mentioned outside the label itself (a label alone names no one we know)?"""
    return any(not start <= at < end for at in seen)
