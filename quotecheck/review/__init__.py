"""The review session: walk a draft's findings, decide on each, fix the draft safely.

The CLI calls `run_review` (the Textual app), `apply_saved` (`--apply`) and `session_state`
(`--list`). Decisions live in the sidecar `DRAFT.quotecheck.json`, saved after every one.
"""
from .api import (ApplyResult, FindingState, SessionState, apply_saved, open_review, review_app,
                  run_review, session_state)
from .decisions import Action, Decision, FindingKey
from .edits import apply_decisions, replacement_for
from .files import (DraftChangedError, ReviewError, SessionBusyError, StaleFindingsError,
                    content_hash, read_draft)
from .session import Session, SidecarError, WriteResult, sidecar_path, write_draft

__all__ = [
    "run_review", "review_app", "apply_saved", "session_state", "open_review",
    "ApplyResult", "FindingState", "SessionState",
    "Action", "Decision", "FindingKey", "Session", "WriteResult",
    "apply_decisions", "replacement_for", "write_draft", "read_draft", "content_hash",
    "sidecar_path", "ReviewError", "DraftChangedError", "SessionBusyError", "StaleFindingsError",
    "SidecarError",
]
