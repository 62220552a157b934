"""SubRip (.srt) and WebVTT (.vtt) subtitles → one paragraph per speaker turn.

A cue's words are joined onto the current turn's paragraph; a speaker change starts a new one,
written `Name: words…` so the finder and a reader of the report both see who spoke. Speakers come
from WebVTT voice tags (`<v Sam Altman>`), from in-text labels (`SAM ALTMAN: …`, `>> ALTMAN: …`)
or not at all: `>>` and dialogue dashes without a name mark a change to someone unknown, whose
words are kept in the text but made no one's quote (a wrong speaker is worse than none).
Each cue's start time is a location (`00:12:31`), so reports show where in the recording a quote is.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..model import Document, InputError, Mention
from .transcript import (clock, find_label, names_someone, spoken_spans, trusted_labels,
                         turn_quote)

# only the start time is needed; a file cut off mid-way through an end time still reads
_TIMING = re.compile(r"^\s*(?P<start>(?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3})\s*-->")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>", re.I)
_TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")       # <i>, <c.x>, <00:01.000>, SRT's {\an8}
_CHANGE = re.compile(r"^\s*(?:>>+|-\s)\s*")      # >> or a dialogue dash: someone else speaks
_NOT_CUE_BLOCKS = ("NOTE", "STYLE", "REGION")


@dataclass
class Segment:
    """Words from one cue, with who said them when the cue says so."""
    time: str                  # "00:12:31"
    words: str
    change: bool = False       # a new speaker starts here
    speaker: str | None = None  # the label as written, when known
    written: str | None = None  # the whole line, when the speaker came from a label in it

    def unlabelled(self) -> "Segment":
        """This line as words by someone unknown: its label is not believed, and the words
        may not be the previous speaker's either."""
        return Segment(self.time, self.written or self.words, change=True)


@dataclass
class _Builder:
    """Writes turns as paragraphs and records the quotes and locations as it goes."""
    path: str
    parts: list[str] = field(default_factory=list)
    size: int = 0
    locations: list[tuple[int, str]] = field(default_factory=list)
    label: Mention | None = None
    body: int = 0
    open: bool = False
    turns: list[tuple[Mention, int, int]] = field(default_factory=list)

    @property
    def speaker(self) -> str | None:
        """Who speaks in the open turn (None: nobody known)."""
        return self.label.text if self.open and self.label else None

    def write(self, s: str) -> None:
        self.parts.append(s)
        self.size += len(s)

    def start_turn(self, speaker: str | None) -> None:
        self.close()
        self.label = None
        if speaker and names_someone(speaker):
            self.label = Mention(speaker, self.size, self.size + len(speaker))
        if speaker:
            self.write(speaker + ": ")      # `Q:` too stays in the text, but is nobody's quote
        self.body = self.size
        self.open = True

    def add(self, seg: Segment) -> None:
        if not self.open:
            self.start_turn(None)
        elif self.size > self.body:
            self.write(" ")
        if not self.locations or self.locations[-1][1] != seg.time:
            self.locations.append((self.size, seg.time))
        self.write(seg.words)

    def close(self) -> None:
        if not self.open:
            return
        if self.label is not None:
            self.turns.append((self.label, self.body, self.size))
        self.write("\n\n")
        self.open = False

    def document(self, reader: str) -> Document:
        self.close()
        text = "".join(self.parts)
        quotes = [turn_quote(text, label, spoken_spans(text, a, b), self.path)
                  for label, a, b in self.turns]
        quotes = [q for q in quotes if q]
        speakers = {q.speaker for q in quotes}
        return Document(path=self.path, text=text, reader=reader, locations=self.locations,
                        known_quotes=quotes,
                        speaker=speakers.pop() if len(speakers) == 1 else None)


def read_srt(path: str, text: str) -> Document:
    """SubRip: numbered cues, `00:00:01,000 --> 00:00:04,000`, then text lines."""
    segments = []
    for time, lines in _cues(text, path):
        segments += _labelled_segments(time, lines)
    return _build(path, segments, "srt")


def read_vtt(path: str, text: str) -> Document:
    """WebVTT: a `WEBVTT` header, then cues; `<v Name>` voice tags name the speaker."""
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        raise InputError(f"{path}: not a WebVTT file (no WEBVTT header)")
    segments = []
    for time, lines in _cues(text, path):
        payload = "\n".join(lines)
        if _VOICE.search(payload):
            segments += _voice_segments(time, payload)
        else:
            segments += _labelled_segments(time, lines)
    return _build(path, segments, "vtt")


def _build(path: str, segments: list[Segment], reader: str) -> Document:
    if not segments:
        raise InputError(f"{path}: no subtitle cues with text found (corrupt or not {reader})")
    trusted = trusted_labels(s.speaker for s in segments if s.written)
    segments = [s.unlabelled() if s.written and s.speaker not in trusted else s for s in segments]
    out = _Builder(path)
    for seg in segments:
        if seg.change and (seg.speaker is None or seg.speaker != out.speaker):
            out.start_turn(seg.speaker)
        if seg.words:
            out.add(seg)
    return out.document(reader)


def _cues(text: str, path: str):
    """(start time, text lines) for each cue; NOTE/STYLE/REGION blocks and headers skipped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = re.split(r"\n[ \t]*\n", text)
    found_timing = False
    for block in blocks:
        lines = block.strip("\n").split("\n")
        if lines[0].startswith(_NOT_CUE_BLOCKS):
            continue
        at = next((i for i, line in enumerate(lines[:3]) if "-->" in line), None)
        if at is None:
            continue       # header, comment, style, or a stray block of a damaged file
        m = _TIMING.match(lines[at])
        if not m:
            raise InputError(f"{path}: bad cue timing {lines[at].strip()[:60]!r}")
        found_timing = True
        yield clock(m.group("start")), [ln for ln in lines[at + 1:] if ln.strip()]
    if not found_timing:
        raise InputError(f"{path}: no subtitle cues found (corrupt or not a subtitle file)")


def _clean(s: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", s)).split())


def _labelled_segments(time: str, lines: list[str]) -> list[Segment]:
    """Segments of a cue whose speakers, if any, are written in the text."""
    out = []
    for line in lines:
        words = _clean(line)
        change = bool(_CHANGE.match(words))
        words = _CHANGE.sub("", words)
        label = find_label(words, 0, len(words))
        if label:
            out.append(Segment(time, words[label.body:].strip(), True, label.name, words))
        elif words or change:
            out.append(Segment(time, words, change, None))
    return out


def _voice_segments(time: str, payload: str) -> list[Segment]:
    """Segments of a cue split at its `<v Name>` tags; text before the first tag continues."""
    out = []
    pieces = _VOICE.split(payload)          # [before, name1, text1, name2, text2, ...]
    before = _clean(pieces[0])
    if before:
        out.append(Segment(time, before))
    for name, words in zip(pieces[1::2], pieces[2::2], strict=True):
        name = " ".join((name or "").split()) or None
        words = _clean(words)
        if words:
            out.append(Segment(time, words, True, name))
    return out

