"""Data classes passed between the stages: read → find → match → judge → report.

Offsets are always Python str offsets into the text the user gave (as read by `readers.py`).
No colour, no I/O here: renderers live in `report/`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import Enum


class QuotecheckError(Exception):
    """An error the CLI reports as one line (and exit status 2)."""


class InputError(QuotecheckError):
    """A file that cannot be read or is not text we understand; the message names the file."""


class Verdict(str, Enum):
    VERBATIM = "verbatim"
    EDITORIAL = "editorial"
    ALTERED = "altered"
    STITCHED = "stitched"
    MISATTRIBUTED = "misattributed"
    UNSUPPORTED = "unsupported"

    @property
    def is_misquote(self) -> bool:
        return self not in (Verdict.VERBATIM, Verdict.EDITORIAL)


class Kind(str, Enum):
    DIRECT = "direct"      # a whole quoted sentence or more
    PARTIAL = "partial"    # a quoted fragment inside the writer's own sentence
    INDIRECT = "indirect"  # reported speech without quotation marks


def _by_constructor(obj) -> tuple:
    """How a dataclass below pickles (a worker's findings, parallel.py): as a call of its
    constructor with its fields. Compiled (setup.py), a class that writes out its __init__ cannot
    be made empty first and filled in, as pickle does, and a frozen one refuses every assignment:
    the worker's results would be lost, and done again by the caller."""
    return type(obj), tuple(getattr(obj, f.name) for f in fields(obj))


# slots: a text may yield millions of quotations, and each holds spans and mentions.
# Spans and mentions are never changed once made, and hash by their fields (unsafe_hash) as a
# frozen class would; they are not declared frozen because a frozen class cannot have its
# __init__ written out, and compiled (setup.py) the generated one stays interpreted Python:
# building the four spans and two mentions of each quote was a tenth of the fast reading.
@dataclass(slots=True, unsafe_hash=True, init=False)
class Span:
    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end

    def __len__(self) -> int:
        return self.end - self.start

    def __reduce__(self):
        return _by_constructor(self)


@dataclass(slots=True, unsafe_hash=True, init=False)
class Mention:
    """A stretch of the text that names something: a speaker mention, a cue (never changed
    once made: see Span)."""
    text: str
    start: int
    end: int

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end

    def __reduce__(self):
        return _by_constructor(self)


@dataclass
class Document:
    """Plain text of one input file plus what we know about it."""
    path: str
    text: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None          # ISO 8601 when known
    url: str | None = None
    speaker: str | None = None       # set when the whole source is one person's words
    reader: str = "text"             # which reader produced the text
    # (offset in text, location label) pairs, ascending: line numbers, pages, timestamps
    locations: list[tuple[int, str]] = field(default_factory=list)
    # quotes the reader already knows (transcript turns); the finder adds its own
    known_quotes: list["Quote"] = field(default_factory=list)

    def with_known_quotes(self, found: list["Quote"]) -> list["Quote"]:
        """The reader's own quotes (transcript turns) plus the finder's that overlap none of them,
        in text order, each marked with this document's path."""
        taken = [(q.start, q.end) for q in self.known_quotes]
        extra = [q for q in found if not any(s < q.end and q.start < e for s, e in taken)]
        merged = sorted([*self.known_quotes, *extra], key=lambda q: q.start)
        for q in merged:
            q.file = q.file or self.path
        return merged

    def location_of(self, offset: int) -> str:
        """The human location (line 12, p. 3, 00:12:31) of an offset in the text."""
        label = None
        for start, name in self.locations:
            if start > offset:
                break
            label = name
        if label is not None:
            return label
        return f"line {self.text.count(chr(10), 0, offset) + 1}"


@dataclass(slots=True, init=False)
class Quote:
    """One quotation found in a text, with who said it and why we think so."""
    text: str                          # the quoted words (pieces joined by a space)
    spans: list[Span]                  # quote text in the document, marks excluded
    kind: Kind
    speaker: str | None = None         # canonical name, or None when nothing attributes it
    speaker_mention: Mention | None = None
    role: str | None = None            # "chief executive officer of OpenAI"
    cue: Mention | None = None         # "said", "according to"
    rule: str = "none"                 # the named rule that attributed it
    confidence: float = 0.0
    file: str | None = None
    context: str = ""                  # the sentence or paragraph around the quote

    # written out (init=False): compiled (setup.py), a dataclass's generated __init__ stays
    # interpreted Python, and a text may yield a million quotes
    def __init__(self, text: str, spans: list[Span], kind: Kind, speaker: str | None = None,
                 speaker_mention: Mention | None = None, role: str | None = None, cue: Mention | None = None,
                 rule: str = "none", confidence: float = 0.0, file: str | None = None, context: str = "") -> None:
        self.text = text
        self.spans = spans
        self.kind = kind
        self.speaker = speaker
        self.speaker_mention = speaker_mention
        self.role = role
        self.cue = cue
        self.rule = rule
        self.confidence = confidence
        self.file = file
        self.context = context

    def __reduce__(self):
        return _by_constructor(self)

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return self.spans[-1].end


@dataclass(frozen=True)
class DiffOp:
    """One step of a word-level diff from the source's words to the draft's words."""
    op: str                            # "equal" | "delete" | "insert" | "replace"
    source: str                        # source words (empty for insert)
    draft: str                         # draft words (empty for delete)
    note: str | None = None            # "negation", "number", "modal", "name" when it matters

    def __reduce__(self):
        return _by_constructor(self)


@dataclass
class SourcePassage:
    """Where in the corpus a piece of a quote was found."""
    path: str
    start: int
    end: int
    text: str                          # the matched source words
    context: str = ""                  # a few words either side
    speaker: str | None = None         # who the source says spoke them (None: unknown)
    title: str | None = None
    date: str | None = None
    location: str = ""                 # "line 12", "00:12:31"


@dataclass
class Finding:
    """The verdict on one quote of a draft."""
    quote: Quote
    verdict: Verdict
    source: SourcePassage | None = None          # the best supporting passage
    pieces: list[SourcePassage] = field(default_factory=list)  # stitched: one per piece
    also_in: list[SourcePassage] = field(default_factory=list)  # the same words elsewhere
    diff: list[DiffOp] = field(default_factory=list)
    score: float = 0.0                 # 0..100 similarity of draft words to the source
    severity: int = 0                  # 0 faithful … 3 changed meaning (negation, number, name)
    why: str = ""                      # one sentence a reviewer can read
