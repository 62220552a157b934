"""What the CLI calls: `run_review`, `apply_saved`, `session_state`. Nothing here prints."""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Finding
from .decisions import Action, Decision, FindingKey
from .files import (DraftFile, ReviewError, SessionLock, StaleFindingsError, read_draft,
                    remove_stale_temps)
from .session import Session, quote_fits, sidecar_path


@dataclass
class FindingState:
    """One finding of the draft and what the reviewer decided about it (None: nothing yet)."""
    finding: Finding
    decision: Decision | None

    @property
    def status(self) -> str:
        """undecided | accepted | written | checked | skipped"""
        d = self.decision
        if d is None:
            return "undecided"
        if d.action is Action.ACCEPT:
            return "written" if d.applied else "accepted"
        return {Action.CHECKED: "checked", Action.SKIP: "skipped"}[d.action]


@dataclass
class SessionState:
    """The session of one draft, for `quotecheck review DRAFT --list`."""
    draft: Path
    sidecar: Path
    saved: bool                        # a sidecar exists
    draft_changed: bool                # the draft differs from the text the last session saw
    items: list[FindingState]          # in draft order
    orphans: list[Decision]            # saved decisions matching no current quote (kept)
    backups: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """How many findings are undecided, accepted, written, checked, skipped."""
        c = Counter(i.status for i in self.items)
        return {s: c.get(s, 0) for s in ("undecided", "accepted", "written", "checked", "skipped")}

    @property
    def rows(self) -> list[FindingState]:
        return self.items

    @property
    def pending(self) -> int:
        """Accepted changes not yet written to the draft."""
        return self.counts["accepted"]


@dataclass
class ApplyResult:
    """What `quotecheck review DRAFT --apply` did."""
    draft: Path
    applied: int                       # accepted quotes written now
    backup: Path | None                # where the draft's previous bytes are (None: no write)
    already_written: int               # accepted earlier and already in the draft
    orphans: int                       # saved decisions that match no quote of the draft

    @property
    def message(self) -> str:
        """One line for the terminal: what was written and where the old text is."""
        if self.backup is not None:
            text = (f"{self.draft}: wrote {self.applied} accepted change(s); "
                    f"the previous text is in {self.backup.name}")
        else:
            text = f"{self.draft}: nothing to write"
            if self.already_written:
                text += f" ({self.already_written} accepted change(s) already in the draft)"
        if self.orphans:
            text += (f"; {self.orphans} saved decision(s) match no quote now "
                     f"(kept in {sidecar_path(self.draft).name})")
        return text


def open_review(draft_path: str | os.PathLike, findings: list[Finding],
                text: str | None = None, *, lock_held: bool = False
                ) -> tuple[Session, DraftFile, list[Finding]]:
    """Read the draft, check the findings belong to it, and open its saved session.

    `text`, when given, is the text the findings were computed from: if the draft on disk is
    different now, the findings are stale and we refuse rather than misplace an edit.
    """
    draft = read_draft(draft_path)
    if text is not None and text.replace("\ufeff", "") != draft.text:
        raise StaleFindingsError(f"{draft.path}: changed on disk while it was being checked; "
                                 "run quotecheck review again")
    for f in findings:
        if not all(0 <= s.start <= s.end <= len(draft.text) for s in f.quote.spans):
            raise StaleFindingsError(f"{draft.path}: a quote's offsets ({f.quote.start}) fall "
                                     "outside the draft; it changed since it was checked")
    ordered = sorted(findings, key=lambda f: (f.quote.start, f.quote.end))
    session = Session.open(draft, ordered)
    if lock_held:
        remove_stale_temps(session.sidecar)
    return session, draft, ordered


def session_state(draft_path: str | os.PathLike, findings: list[Finding]) -> SessionState:
    """The session's state as saved, matched to the current findings. Reads only; writes nothing."""
    session, draft, ordered = open_review(draft_path, findings)
    items = [FindingState(f, session.decisions.get(FindingKey.of(f))) for f in ordered]
    return SessionState(draft=draft.path, sidecar=session.sidecar,
                        saved=session.sidecar.exists(),
                        draft_changed=bool(session.started_hash)
                        and session.started_hash != draft.hash,
                        items=items, orphans=list(session.orphans), backups=list(session.backups))


def apply_saved(draft_path: str | os.PathLike, findings: list[Finding]) -> ApplyResult:
    """Write the saved accepted decisions into the draft, without a UI.

    Raises ReviewError when no session was saved for the draft, StaleFindingsError when a quote
    no longer reads as it did when accepted, DraftChangedError if the draft changes meanwhile.
    """
    path = Path(draft_path)
    if not sidecar_path(path).exists():
        raise ReviewError(f"{path}: no saved review ({sidecar_path(path).name}); "
                          "run quotecheck review first")
    with SessionLock(path):
        session, draft, ordered = open_review(path, findings, lock_held=True)
        return _apply(session, draft, ordered)


def _apply(session: Session, draft: DraftFile, ordered: list[Finding]) -> ApplyResult:
    already = sum(1 for d in session.decisions.values() if d.action is Action.ACCEPT and d.applied)
    result, _, _ = session.write(draft, ordered)
    if result.backup is None:
        session.save()           # record the matching (re-keyed decisions) even with no edit
    return ApplyResult(draft=draft.path, applied=result.applied, backup=result.backup,
                       already_written=already, orphans=len(session.orphans))


def run_review(draft_path: str | os.PathLike, findings: list[Finding], *,
               text: str | None = None) -> None:
    """Run the interactive review session (Textual) on the draft until the reviewer quits.

    Raises (before the screen changes) ReviewError and its kin: SessionBusyError when another
    session has the draft open, SidecarError for an unusable sidecar, StaleFindingsError when the
    findings do not fit the draft. Errors during the session are shown in the app.
    """
    app = review_app(draft_path, findings, text=text)
    try:
        app.run()
    finally:
        app.lock.release()


def review_app(draft_path: str | os.PathLike, findings: list[Finding], *,
               text: str | None = None):
    """The session's Textual app, ready to run (tests drive it with `run_test()`)."""
    from .app import ReviewApp   # Textual loads only when a session really starts
    lock = SessionLock(draft_path).acquire()   # the app releases it when it ends
    try:
        session, draft, ordered = open_review(draft_path, findings, text, lock_held=True)
        session.save()           # the session starts from this text: record its hash at once
    except BaseException:
        lock.release()
        raise
    return ReviewApp(session, draft, ordered, lock=lock)


__all__ = ["run_review", "review_app", "apply_saved", "session_state", "SessionState",
           "FindingState",
           "ApplyResult", "open_review", "quote_fits"]
