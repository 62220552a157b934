"""The review session's state and its sidecar file `DRAFT.quotecheck.json`.

Every change is saved at once (atomically, see files.py), so quitting or being killed at any
moment loses nothing. Decisions are keyed by the quote's spans and words; when the draft moved
under them (edited elsewhere, or rewritten by us) they are matched again by their words.

The sidecar (JSON, UTF-8):
    {"format": "quotecheck-review", "version": 1, "draft": "draft.md",
     "draft_hash": "sha256:…",                  # the draft the decisions' offsets point into
     "decisions": [{"key": {"spans": [[s, e], …], "text": "…"},
                    "action": "accept" | "checked" | "skip", "note": "…", "at": "ISO time",
                    "original": ["…"], "replacement": ["…"], "applied": false}],   # accept only
     "orphans": [decision, …],                  # saved decisions that match no quote now
     "history": [{"key": …, "before": decision | null}, …],     # undo: last step last
     "position": key | null, "backups": ["draft.md.bak", …]}
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..model import Finding
from .decisions import Action, Decision, FindingKey, UndoStep, fold
from .edits import (Edit, apply_edits, can_accept, pair_decisions, pending_edits, rebase_finding,
                    replacement_for, shift)
from ..fsutil import atomic_write
from .files import (DraftChangedError, DraftFile, ReviewError, StaleFindingsError, content_hash,
                    draft_from_bytes, make_backup, read_bytes)

FORMAT = "quotecheck-review"
VERSION = 1
HISTORY_LIMIT = 500      # undo steps kept; the sidecar is rewritten whole on every decision


class SidecarError(ReviewError):
    """The sidecar file exists but cannot be used."""


def sidecar_path(draft: str | os.PathLike) -> Path:
    draft = Path(draft)
    return draft.with_name(draft.name + ".quotecheck.json")


@dataclass
class WriteResult:
    path: Path
    backup: Path | None     # None when nothing changed and nothing was written
    applied: int            # accepted quotes written by this call
    new_hash: str


@dataclass
class Session:
    """Decisions for one draft, as they stand now, with the history that undo walks back."""
    draft: Path
    draft_hash: str                                   # the text the findings' offsets point into
    decisions: dict[FindingKey, Decision] = field(default_factory=dict)
    history: list[UndoStep] = field(default_factory=list)
    orphans: list[Decision] = field(default_factory=list)   # match no current finding; kept
    position: FindingKey | None = None                # the finding the reviewer was on
    backups: list[str] = field(default_factory=list)
    started_hash: str | None = None                   # hash recorded by the previous session
    moved: bool = False                               # position changed since the last save

    # ------------------------------------------------------------ load and save

    @property
    def sidecar(self) -> Path:
        return sidecar_path(self.draft)

    @classmethod
    def open(cls, draft: DraftFile, findings: list[Finding]) -> "Session":
        """The saved session for this draft (or a new one), its decisions matched to `findings`."""
        session = cls.load(draft.path)
        session.started_hash = session.draft_hash or None
        session.draft_hash = draft.hash
        session.attach(findings)
        return session

    @classmethod
    def load(cls, draft: str | os.PathLike) -> "Session":
        path = sidecar_path(draft)
        session = cls(draft=Path(draft), draft_hash="")
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return session
        except OSError as exc:
            raise SidecarError(f"{path}: cannot read ({exc.strerror or exc})") from None
        try:
            session._read(json.loads(raw))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SidecarError(f"{path}: not a quotecheck review file ({exc}); "
                               "move it away to start a new session") from None
        return session

    def _read(self, data: dict) -> None:
        if data.get("format") != FORMAT:
            raise ValueError("no 'format: quotecheck-review'")
        if int(data.get("version", 0)) > VERSION:
            raise ValueError(f"written by a newer quotecheck (version {data['version']})")
        self.draft_hash = str(data.get("draft_hash", ""))
        decisions = [Decision.from_json(d) for d in data.get("decisions", [])]
        self.decisions = {d.key: d for d in decisions}
        self.orphans = [Decision.from_json(d) for d in data.get("orphans", [])]
        self.history = [UndoStep.from_json(h) for h in data.get("history", [])]
        pos = data.get("position")
        self.position = FindingKey.from_json(pos) if pos else None
        self.backups = [str(b) for b in data.get("backups", [])]

    def to_json(self) -> dict:
        return {
            "format": FORMAT, "version": VERSION, "draft": self.draft.name,
            "draft_hash": self.draft_hash,
            "decisions": [d.to_json() for d in sorted(self.decisions.values(),
                                                      key=lambda d: d.key.spans)],
            "orphans": [d.to_json() for d in self.orphans],
            "history": [h.to_json() for h in self.history],
            "position": self.position.to_json() if self.position else None,
            "backups": self.backups,
        }

    def save(self) -> None:
        data = json.dumps(self.to_json(), ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
        atomic_write(self.sidecar, data)
        self.moved = False

    # ------------------------------------------------------------ matching

    def attach(self, findings: list[Finding]) -> None:
        """Re-key saved decisions to the current findings; unmatched ones become orphans."""
        moved = match_decisions(findings, list(self.decisions.values()) + self.orphans)
        self.decisions = {key: replace(d, key=key) for key, d in moved.matched.items()}
        self.orphans = moved.unmatched
        self.history = [replace(h, key=moved.rekey.get(h.key, h.key),
                                before=_rekeyed(h.before, moved.rekey)) for h in self.history]
        if self.position is not None:
            self.position = moved.rekey.get(self.position, self.position)

    # ------------------------------------------------------------ deciding

    def decide(self, finding: Finding, action: Action, text: str, note: str = "") -> Decision:
        key = FindingKey.of(finding)
        if action is Action.ACCEPT:
            if not can_accept(finding):
                raise ReviewError(f"{self.draft}: nothing to accept for the quote at offset "
                                  f"{finding.quote.start} ({finding.verdict.value}"
                                  f"{'' if finding.source or finding.pieces else ', no source'})")
            if not quote_fits(text, finding):
                raise StaleFindingsError(
                    f"{self.draft}: the quote at offset {finding.quote.start} is not there any "
                    "more; the draft changed since it was checked (run quotecheck review again)")
            self._refuse_overlap(key)
            decision = Decision(key, action, note, original=_pieces(text, finding),
                                replacement=replacement_for(text, finding))
        else:
            decision = Decision(key, action, note)
        self.history.append(UndoStep(key, self.decisions.get(key)))
        del self.history[:-HISTORY_LIMIT]
        self.decisions[key] = decision
        self.position = key
        self.save()
        return decision

    def _refuse_overlap(self, key: FindingKey) -> None:
        # Nested quotes can both be misquotes; replacing both would tear the outer one apart.
        for other in self.decisions.values():
            if (other.action is Action.ACCEPT and not other.applied and other.key != key
                    and _overlaps(other.key, key)):
                raise ReviewError(f"{self.draft}: this quote overlaps the accepted quote at "
                                  f"offset {other.key.start}; undo that one first")

    def undo(self) -> FindingKey | None:
        """Take back the last decision; returns the finding it was about (None: nothing to undo)."""
        if not self.history:
            return None
        step = self.history.pop()
        if step.before is None:
            self.decisions.pop(step.key, None)
        else:
            self.decisions[step.key] = step.before
        self.position = step.key
        self.save()
        return step.key

    def move_to(self, key: FindingKey | None) -> None:
        """Remember where the reviewer is; saved with the next decision or on quit (not on
        every keystroke: an fsync per arrow key would make the list lag on a slow disk)."""
        if key != self.position:
            self.position = key
            self.moved = True

    def save_position(self) -> None:
        if self.moved:
            self.save()

    def decision_for(self, finding: Finding) -> Decision | None:
        return self.decisions.get(FindingKey.of(finding))

    # ------------------------------------------------------------ writing the draft

    def write(self, draft: DraftFile, findings: list[Finding]) -> tuple[WriteResult, DraftFile,
                                                                        list[Finding]]:
        """Write the accepted changes to the draft; rebase the session onto the written text.

        Returns what was written, the draft as it now is, and the findings moved into it.
        Written changes cannot be undone in the session (the backup keeps the original).
        """
        try:
            edits = pending_edits(draft.text, findings, self.decisions.values())
            new_text = apply_edits(draft.text, edits)
        except StaleFindingsError as exc:
            raise StaleFindingsError(f"{draft.path}: {exc}") from None
        if not edits:
            return WriteResult(draft.path, None, 0, draft.hash), draft, findings
        written = {FindingKey.of(f) for f, d in pair_decisions(findings, self.decisions.values())
                   if d.action is Action.ACCEPT and not d.applied}
        result = write_draft(draft.path, new_text, draft.hash)
        result.applied = len(written)
        new_draft = replace(draft, text=new_text, hash=result.new_hash)
        new_findings = [rebase_finding(f, edits) for f in findings]
        self._rebase(findings, new_findings, edits, written, result.new_hash)
        if result.backup is not None and str(result.backup) not in self.backups:
            self.backups.append(str(result.backup))
        self.save()
        return result, new_draft, new_findings

    def _rebase(self, old: list[Finding], new: list[Finding], edits: list[Edit],
                written: set[FindingKey], new_hash: str) -> None:
        rekey = {FindingKey.of(a): FindingKey.of(b) for a, b in zip(old, new, strict=True)}
        self.decisions = {rekey.get(k, k): replace(d, key=rekey.get(k, k), applied=d.applied
                                                   or k in written)
                          for k, d in self.decisions.items()}
        self.orphans = [replace(d, key=_shift_key(d.key, edits)) for d in self.orphans]
        self.history = []
        self.position = rekey.get(self.position, self.position) if self.position else None
        self.draft_hash = new_hash


def write_draft(path: str | os.PathLike, new_text: str, expected_hash: str) -> WriteResult:
    """Write `new_text` over the draft, safely.

    Refuses (DraftChangedError) when the draft on disk no longer has `expected_hash`; keeps the
    bytes on disk in a backup that never overwrites an earlier one; then writes a temp file and
    renames it over the draft, keeping the file's encoding, byte-order mark and permissions.
    """
    path = Path(path)
    data = read_bytes(path)
    if content_hash(data) != expected_hash:
        raise DraftChangedError(f"{path}: changed on disk since the review started; not "
                                "overwritten (run quotecheck review again to re-check it)")
    backup = make_backup(path, data)
    new_bytes = draft_from_bytes(path, data).encode(new_text)
    atomic_write(path, new_bytes, mode=os.stat(path).st_mode & 0o7777)
    return WriteResult(path, backup, 0, content_hash(new_bytes))


# ---------------------------------------------------------------- decision matching

@dataclass
class Matched:
    matched: dict[FindingKey, Decision]
    unmatched: list[Decision]
    rekey: dict[FindingKey, FindingKey]      # old decision key → the current finding's key


def match_decisions(findings: list[Finding], decisions: list[Decision]) -> Matched:
    """Pair saved decisions with findings: same spans and words first, then same words nearest.

    Matching on words alone (whitespace folded) is what lets a decision survive edits elsewhere
    in the draft; the nearest occurrence wins when the same words are quoted twice.
    """
    keys = [FindingKey.of(f) for f in findings]
    free = set(keys)
    out = Matched({}, [], {})
    rest = []
    for d in decisions:
        if d.key in free:
            _take(out, free, d, d.key)
        else:
            rest.append(d)
    for d in rest:
        same = _nearest(keys, free, d.key.words, d.key.start)
        if same is not None:
            _take(out, free, d, same)
        elif (written := _written_match(keys, free, d)) is not None:
            _take(out, free, replace(d, applied=True), written)
        else:
            out.unmatched.append(d)
    return out


def _nearest(keys: list[FindingKey], free: set, words: str, start: int) -> FindingKey | None:
    same = [k for k in keys if k in free and k.words == words]
    return min(same, key=lambda k: abs(k.start - start)) if same else None


def _written_match(keys: list[FindingKey], free: set, d: Decision) -> FindingKey | None:
    """An accept whose new words are already in the draft (we were killed between writing the
    draft and saving the sidecar, or someone made the same fix by hand): it is written."""
    if d.action is not Action.ACCEPT or not d.replacement:
        return None
    return _nearest(keys, free, fold(" ".join(d.replacement)), d.key.start)


def _take(out: Matched, free: set, decision: Decision, key: FindingKey) -> None:
    free.discard(key)
    out.matched[key] = decision
    out.rekey[decision.key] = key


def _overlaps(a: FindingKey, b: FindingKey) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a.spans for s2, e2 in b.spans)


def _rekeyed(decision: Decision | None, rekey: dict) -> Decision | None:
    if decision is None:
        return None
    return replace(decision, key=rekey.get(decision.key, decision.key))


def _shift_key(key: FindingKey, edits: list[Edit]) -> FindingKey:
    return replace(key, spans=tuple((shift(s, edits), shift(e, edits)) for s, e in key.spans))


_MARKS = str.maketrans("", "", "\"'“”‘’«»„‚‹›")


def quote_fits(text: str, finding: Finding) -> bool:
    """Do the quote's spans in `text` hold its words? (Marks and spacing aside.)

    Guards against findings computed from another version of the draft: we must never
    replace text the reviewer was not shown.
    """
    spans = finding.quote.spans
    if not spans or any(not 0 <= s.start <= s.end <= len(text) for s in spans):
        return False
    held = fold(" ".join(_pieces(text, finding)).translate(_MARKS))
    return held == fold(finding.quote.text.translate(_MARKS))


def _pieces(text: str, finding: Finding) -> tuple[str, ...]:
    return tuple(text[s.start:s.end] for s in finding.quote.spans)


__all__ = ["Session", "WriteResult", "write_draft", "sidecar_path", "match_decisions",
           "SidecarError", "fold"]
