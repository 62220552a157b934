"""The corpus's data classes: what store.Corpus returns (and a second backend would too)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Document, Quote, QuotecheckError
from .store_sync import date_in_name


class CorpusError(QuotecheckError):
    """The corpus folder or its index cannot be used; the message says which and why."""


class CorpusBusyError(CorpusError):
    """Another process kept the index locked for longer than we are willing to wait."""


@dataclass
class DocumentInfo:
    path: str                 # the source file (corpus folder joined with its relative path)
    title: str | None = None
    outlet: str | None = None
    date: str | None = None   # ISO date; from metadata, else a YYYY-MM-DD in the file name
    url: str | None = None
    speaker: str | None = None
    passages: int = 0
    quotes: int = 0

    @classmethod
    def of(cls, doc: Document) -> "DocumentInfo":
        """The info of a document that is not (or not yet) in a corpus."""
        return cls(doc.path, doc.title, doc.outlet, doc.date or date_in_name(doc.path), doc.url,
                   doc.speaker)


@dataclass
class SourcedQuote:
    quote: Quote
    document: DocumentInfo


@dataclass
class Passage:
    """A unit of the index: one paragraph of a source (long ones cut at sentence ends)."""
    id: int
    document: DocumentInfo
    start: int                # offsets of `text` in the source file's text
    end: int
    text: str
    location: str = ""        # where the passage starts: "line 12", "p. 3", "00:12:31"
    norm: str = ""            # `text.normalise(text)` as the index holds it ("": not fetched)


@dataclass
class CorpusStats:
    documents: int
    passages: int
    quotes: int
    speakers: int
    index_bytes: int
    index_path: str


@dataclass
class SyncReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)    # one line per bad file, naming it
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)
