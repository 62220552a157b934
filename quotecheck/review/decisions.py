"""What a reviewer decided about each finding, and how a decision finds its finding again."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum

from ..model import Finding


class Action(str, Enum):
    ACCEPT = "accept"      # replace the draft's words by the source's words
    CHECKED = "checked"    # a person checked it (the note says how); leave the text alone
    SKIP = "skip"          # not now


@dataclass(frozen=True)
class FindingKey:
    """Identifies a quote of the draft: where it is and what it says.

    Both parts are kept so that a resumed session can match a decision to a finding again even
    after the draft moved (same words elsewhere) — see `session.match_decisions`.
    """
    spans: tuple[tuple[int, int], ...]
    text: str

    @classmethod
    def of(cls, finding: Finding) -> "FindingKey":
        return cls(tuple((s.start, s.end) for s in finding.quote.spans), finding.quote.text)

    @property
    def start(self) -> int:
        return self.spans[0][0] if self.spans else 0

    @property
    def words(self) -> str:
        """The text with whitespace folded: what text-only matching compares."""
        return " ".join(self.text.split())

    def to_json(self) -> dict:
        return {"spans": [list(s) for s in self.spans], "text": self.text}

    @classmethod
    def from_json(cls, data: dict) -> "FindingKey":
        return cls(tuple((int(s), int(e)) for s, e in data["spans"]), str(data["text"]))


@dataclass(frozen=True)
class Decision:
    key: FindingKey
    action: Action
    note: str = ""
    original: tuple[str, ...] = ()      # accept: the draft's words in each span when accepted
    replacement: tuple[str, ...] = ()   # accept: what each span becomes (shown to the reviewer)
    applied: bool = False               # accept: already written to the draft on disk
    at: str = field(default_factory=lambda: _now())

    def to_json(self) -> dict:
        data = {"key": self.key.to_json(), "action": self.action.value, "at": self.at}
        if self.note:
            data["note"] = self.note
        if self.action is Action.ACCEPT:
            data.update(original=list(self.original), replacement=list(self.replacement),
                        applied=self.applied)
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Decision":
        return cls(key=FindingKey.from_json(data["key"]), action=Action(data["action"]),
                   note=str(data.get("note", "")),
                   original=tuple(str(x) for x in data.get("original", ())),
                   replacement=tuple(str(x) for x in data.get("replacement", ())),
                   applied=bool(data.get("applied", False)), at=str(data.get("at", "")))


@dataclass(frozen=True)
class UndoStep:
    """Undoing restores `before` (None: the finding had no decision) for the finding `key`."""
    key: FindingKey
    before: Decision | None

    def to_json(self) -> dict:
        return {"key": self.key.to_json(),
                "before": self.before.to_json() if self.before else None}

    @classmethod
    def from_json(cls, data: dict) -> "UndoStep":
        before = data.get("before")
        return cls(FindingKey.from_json(data["key"]),
                   Decision.from_json(before) if before else None)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    return _WS.sub(" ", text).strip()
