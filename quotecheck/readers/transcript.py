"""Transcripts: paragraphs that open with a speaker label (`SAM ALTMAN: …`, `Altman: …`).

In a transcript every turn is the labelled person's own words, so the reader makes each turn a
direct quote by that person (rule `transcript-turn`, confidence 1.0) without any cue verb. A plain
.txt/.md is a transcript only when most of its paragraphs open with a label: one `Note:` line
must not turn an article into a transcript. The text is never rewritten: turn spans are offsets
into the file's own text. Bracketed stage directions (`[laughter]`, `(APPLAUSE)`) are left out
of the spans, since nobody said them.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Document, Kind, Mention, Quote, Span
from .plain import text_document

RULE = "transcript-turn"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_PARTICLE = r"(?:de|da|del|della|der|den|van|von|al|bin|ibn|la|le|di|du|dos|y)"
_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.\-]*"          # a capital (Latin-1 capitals too: ÉMILE ZOLA)
_NAME = rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_WORD}){{0,4}}(?:[ \t]+\d{{1,2}})?"
LABEL = re.compile(
    rf"""[ \t]*
    (?:[\[(]?(?P<t1>{_TIME})[\])]?[ \t]+)?        # [00:12:31] Sam Altman:
    (?:\*\*|__)?                                  # **SAM ALTMAN:** in Markdown
    (?P<name>{_NAME})
    (?:[ \t]*[\[(](?P<t2>{_TIME})[\])])?          # Sam Altman (00:12:31):
    (?:\*\*|__)?[ \t]*:(?:\*\*|__)?
    (?=[ \t]|$)""", re.X)
# a label alone on its line, the turn below it, as Otter and Zoom export: `Sam Altman  12:31`
HEADING_LABEL = re.compile(rf"[ \t]*(?P<name>{_NAME})[ \t]+(?P<t2>{_TIME})[ \t]*$")
# words that open "Word: …" lines in articles and are not speakers; kept here, not in a lexicon
# file, because they only guard the transcript test and never reach the finder
NOT_SPEAKERS = frozenset("""
    note notes update updated correction clarification source sources photo photos video
    related read watch listen advertisement transcript date title subject from to re cc
    editor editors warning disclaimer summary background caption credit credits image tags
    posted published filed location dateline contact email tel phone fax web website
    """.split())
# interview labels that say a turn's role, not whose it is: "A:" is the interviewee, unnamed
ROLE_ONLY = frozenset({"q", "a", "question", "answer", "q.", "a."})
_STAGE = re.compile(r"\[[^\]\n]{1,60}\]|\((?:[A-Z][A-Z .]+|laughs?|laughter|applause|crosstalk|"
                    r"inaudible|unintelligible|sighs?|pause)\)")
_MAX_LABEL = 48
_SCAN = 160


@dataclass(frozen=True)
class Label:
    """A speaker label found at the start of a line."""
    name: str           # as written: "SAM ALTMAN"
    start: int          # offsets of the name in the text
    end: int
    body: int           # where the turn's words start (after the colon)
    time: str | None    # "00:12:31" when the label carries a timestamp


def find_label(text: str, pos: int, end: int) -> Label | None:
    """The speaker label opening text[pos:end], if any."""
    # a label sits in a line's first few dozen characters; never scan a megabyte-long line
    scan = min(end, pos + _SCAN)
    m = LABEL.match(text, pos, scan)
    if m is None and end == scan:
        m = HEADING_LABEL.match(text, pos, end)
    if not m or len(m.group("name")) > _MAX_LABEL:
        return None
    name = m.group("name").rstrip(".")
    if name.lower() in NOT_SPEAKERS or name.split()[0].lower() in NOT_SPEAKERS:
        return None
    time = m.groupdict().get("t1") or m.group("t2")
    return Label(name, m.start("name"), m.start("name") + len(name), m.end(),
                 clock(time) if time else None)


def trusted_labels(names) -> set[str]:
    """The label names to believe: ALL CAPS or several words always; one capitalised word
    (`Altman:`, but also `Remember:` opening a sentence) only when it labels more than one line
    or is part of a name already believed (`Altman` after `SAM ALTMAN`)."""
    counts = Counter(names)
    sure = {n for n, c in counts.items() if c > 1 or n.isupper() or " " in n}
    known_words = {w.lower() for n in sure for w in n.split()}
    return sure | {n for n in counts if n.lower() in known_words}


def names_someone(label: str) -> bool:
    """Whether a label says who speaks (`ALTMAN`), not only a role in an interview (`Q`, `A`)."""
    return label.lower() not in ROLE_ONLY


def clock(stamp: str) -> str:
    """'1:02:03.500' / '12:31' / '00:12:31,000' → '01:02:03' / '00:12:31' / '00:12:31'."""
    parts = re.split(r"[.,]", stamp)[0].split(":")
    parts = ["0"] * (3 - len(parts)) + parts
    return ":".join(f"{int(p):02d}" for p in parts)


@lru_cache(maxsize=4096)   # a transcript repeats a handful of labels thousands of times
def name_case(label: str) -> str:
    """'SAM ALTMAN' → 'Sam Altman', "MR. O'BRIEN" → "Mr. O'Brien"; mixed case is kept as written."""
    words = label.split()
    if any(c.islower() for c in label):
        return " ".join(words)
    return " ".join(w.lower() if i and re.fullmatch(_PARTICLE, w.lower()) else _word_case(w)
                    for i, w in enumerate(words))


def _word_case(word: str) -> str:
    if len(word) == 1:
        return word
    out = re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word.lower())
    # MCDONALD → McDonald; MAC- names are left alone (Macy, Mack: too ambiguous)
    return re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), out)


def spoken_spans(text: str, start: int, end: int) -> list[Span]:
    """The spans of text[start:end] that are words, stage directions cut out, trimmed."""
    spans, pos = [], start
    for m in _STAGE.finditer(text, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    return [s for s in (_trim(text, a, b) for a, b in spans) if s is not None]


def _trim(text: str, a: int, b: int) -> Span | None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Span(a, b) if b > a else None


def turn_quote(text: str, speaker_label: Mention, spans: list[Span], path: str) -> Quote | None:
    """One direct quote for a turn; None when the turn has no words."""
    if not spans:
        return None
    return Quote(
        text=" ".join(text[s.start:s.end] for s in spans),
        spans=spans, kind=Kind.DIRECT, speaker=name_case(speaker_label.text),
        speaker_mention=speaker_label, rule=RULE, confidence=1.0, file=path,
        context=text[speaker_label.start:spans[-1].end][:500],
    )


# --- plain-text transcripts -------------------------------------------------------------------

@dataclass
class _Unit:
    """A paragraph (or a labelled line) of a plain transcript."""
    start: int
    end: int
    label: Label | None
    doubtful: bool = False      # opens with a label we don't believe: whose words is unknown


@dataclass
class _Turn:
    label: Label
    spans: list[Span] = field(default_factory=list)


def text_or_transcript(path: str, text: str, reader: str = "text") -> Document:
    """A text Document; a transcript Document when most paragraphs open with a speaker label."""
    doc = text_document(path, text, reader=reader)
    units = _units(doc.text)
    trusted = trusted_labels(u.label.name for u in units if u.label)
    for unit in units:
        if unit.label and unit.label.name not in trusted:
            unit.label, unit.doubtful = None, True
    labelled = sum(1 for u in units if u.label)
    if labelled < 2 or labelled * 2 <= len(units):
        return doc
    turns = _turns(doc.text, units)
    doc.reader = "transcript"
    doc.known_quotes = [q for q in (_quote(doc.text, t, path) for t in turns) if q]
    doc.locations = [(u.start, u.label.time) for u in units if u.label and u.label.time]
    speakers = {q.speaker for q in doc.known_quotes}
    if len(speakers) == 1 and doc.speaker is None:
        doc.speaker = speakers.pop()
    return doc


def _lines(text: str):
    """(start, end) of each line, line break excluded (\\r\\n, \\n or \\r)."""
    pos = 0
    for m in re.finditer(r"\r\n|\n|\r", text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


def _units(text: str) -> list[_Unit]:
    """Paragraphs split by blank lines, and also at each line opening with a label.

    A text without any blank line writes one paragraph a line, so each line is a unit there.
    """
    one_per_line = re.search(r"\n[ \t\r]*\n|\r[ \t]*\r", text) is None
    units: list[_Unit] = []
    blank_before = True
    for start, end in _lines(text):
        if not text[start:end].strip():
            blank_before = True
            continue
        label = find_label(text, start, end)
        if blank_before or label or one_per_line or not units:
            units.append(_Unit(start, end, label))
        else:
            units[-1].end = end
        blank_before = False
    return units


def _turns(text: str, units: list[_Unit]) -> list[_Turn]:
    """Labelled units open turns; unlabelled ones continue the turn before (long answers).

    A doubtful unit ends the turn: its words may be someone else's, and a wrong speaker is
    worse than none.
    """
    turns: list[_Turn] = []
    current: _Turn | None = None
    for unit in units:
        if unit.label and not names_someone(unit.label.name):
            current = None       # still a transcript, but whose words these are is unknown
        elif unit.label:
            current = _Turn(unit.label)
            turns.append(current)
            current.spans += spoken_spans(text, unit.label.body, unit.end)
        elif unit.doubtful:
            current = None
        elif current:
            current.spans += spoken_spans(text, unit.start, unit.end)
    return turns


def _quote(text: str, turn: _Turn, path: str) -> Quote | None:
    mention = Mention(turn.label.name, turn.label.start, turn.label.end)
    return turn_quote(text, mention, turn.spans, path)
