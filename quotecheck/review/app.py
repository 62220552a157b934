"""The review session's terminal app (Textual): findings on the left, the selected one on the right.

All state changes go through `Session`, which saves the sidecar after each one, so `q` (or a
kill) never loses a decision.
"""
from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Input, OptionList, Static

from ..model import Finding, QuotecheckError
from .api import FindingState
from .decisions import Action, FindingKey
from .edits import can_accept, replacement_for
from .files import DraftFile, SessionLock
from .render import detail, row
from .session import Session


class ReviewApp(App[None]):
    """quotecheck review DRAFT"""

    CSS = """
    #findings { width: 44%; min-width: 30; border: round $primary-darken-2; }
    #findings:focus { border: round $accent; }
    #pane { border: round $primary-darken-2; padding: 0 1; }
    #main { height: 1fr; }
    #note { display: none; }
    #note.open { display: block; }
    #summary { height: 1; padding: 0 1; background: $boost; }
    """
    BINDINGS = [
        Binding("j", "move(1)", "down", show=False),
        Binding("k", "move(-1)", "up", show=False),
        Binding("a", "accept", "accept source"),
        Binding("c", "check", "checked + note"),
        Binding("s", "skip", "skip"),
        Binding("u", "undo", "undo"),
        Binding("w", "write", "write draft"),
        Binding("q", "quit", "quit"),
    ]

    def __init__(self, session: Session, draft: DraftFile, findings: list[Finding], *,
                 lock: SessionLock | None = None) -> None:
        super().__init__()
        self.lock = lock
        self.session = session
        self.draft = draft
        self.findings = findings
        self.title = f"quotecheck review — {draft.path.name}"
        self.sub_title = "decisions are saved as you make them"

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="summary")
        with Horizontal(id="main"):
            yield OptionList(*[row(self._state(f)) for f in self.findings], id="findings")
            with VerticalScroll(id="pane"):
                yield Static(id="detail")
        yield Input(placeholder="note: how was it checked? (Enter saves, Esc cancels)", id="note")
        yield Footer()

    def on_mount(self) -> None:
        listing = self.query_one("#findings", OptionList)
        listing.focus()
        if self.findings:
            listing.highlighted = self._resume_index()
        self._refresh()

    def _resume_index(self) -> int:
        """Where the reviewer stopped, else the first misquote (else quote) without a decision."""
        keys = [FindingKey.of(f) for f in self.findings]
        if self.session.position in keys:
            return keys.index(self.session.position)
        undecided = [i for i, f in enumerate(self.findings) if not self.session.decision_for(f)]
        misquotes = [i for i in undecided if self.findings[i].verdict.is_misquote]
        return (misquotes or undecided or [0])[0]

    # ------------------------------------------------------------ state shown

    @property
    def index(self) -> int | None:
        return self.query_one("#findings", OptionList).highlighted

    @property
    def current(self) -> Finding | None:
        i = self.index
        return self.findings[i] if i is not None and i < len(self.findings) else None

    def _state(self, f: Finding) -> FindingState:
        return FindingState(f, self.session.decision_for(f))

    def _refresh(self, *, all_rows: bool = False) -> None:
        listing = self.query_one("#findings", OptionList)
        rows = range(len(self.findings)) if all_rows else ([self.index] if self.index is not None
                                                           else [])
        for i in rows:
            listing.replace_option_prompt_at_index(i, row(self._state(self.findings[i])))
        self.query_one("#summary", Static).update(self._summary())
        pane = self.query_one("#detail", Static)
        f = self.current
        if f is None:
            pane.update("No quotations were found in this draft. Press q to quit.")
            return
        preview = replacement_for(self.draft.text, f) if can_accept(f) else None
        pane.update(detail(self._state(f), self.draft.text, preview))

    def _summary(self) -> str:
        states = [self._state(f).status for f in self.findings]
        done = sum(s != "undecided" for s in states)
        pending = states.count("accepted")
        misquotes = sum(f.verdict.is_misquote for f in self.findings)
        text = f"{len(self.findings)} quotes · {misquotes} to look at · {done} decided"
        if pending:
            text += f" · {pending} accepted, not yet written (w)"
        return text

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        f = self.current
        if f is not None:
            self.session.move_to(FindingKey.of(f))
        self._refresh()

    def on_unmount(self) -> None:
        # Decisions are already on disk; this only records where the reviewer stopped.
        try:
            self.session.save_position()
        except (OSError, QuotecheckError):
            pass
        finally:
            if self.lock is not None:
                self.lock.release()

    # ------------------------------------------------------------ actions

    def action_move(self, step: int) -> None:
        listing = self.query_one("#findings", OptionList)
        if step > 0:
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()

    def action_accept(self) -> None:
        f = self.current
        if f is None:
            return
        if not can_accept(f):
            self.notify("Nothing to accept: " + ("the quote is faithful to its source."
                        if not f.verdict.is_misquote else
                        "no source passage to take the wording from."), severity="warning")
            return
        self._decide(f, Action.ACCEPT)
        if f.verdict.value == "misattributed":
            self.notify("The wording is the source's; check the speaker by hand.",
                        severity="warning")

    def action_skip(self) -> None:
        if self.current is not None:
            self._decide(self.current, Action.SKIP)

    def action_check(self) -> None:
        if self.current is None:
            return
        note = self.query_one("#note", Input)
        old = self.session.decision_for(self.current)
        note.value = old.note if old else ""
        note.add_class("open")
        note.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._close_note()
        if self.current is not None:
            self._decide(self.current, Action.CHECKED, event.value.strip())

    def on_key(self, event) -> None:
        if event.key == "escape" and self.query_one("#note", Input).has_class("open"):
            event.stop()
            self._close_note()

    def _close_note(self) -> None:
        note = self.query_one("#note", Input)
        note.remove_class("open")
        self.query_one("#findings", OptionList).focus()

    def _decide(self, f: Finding, action: Action, note: str = "") -> None:
        try:
            self.session.decide(f, action, self.draft.text, note)
        except QuotecheckError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self._refresh()
        self.action_move(1)

    def action_undo(self) -> None:
        key = self.session.undo()
        if key is None:
            self.notify("Nothing to undo.")
            return
        keys = [FindingKey.of(f) for f in self.findings]
        if key in keys:
            self.query_one("#findings", OptionList).highlighted = keys.index(key)
        self._refresh(all_rows=True)

    def action_write(self) -> None:
        try:
            result, self.draft, self.findings = self.session.write(self.draft, self.findings)
        except QuotecheckError as exc:
            self.notify(str(exc), severity="error", timeout=12)
            return
        if result.backup is None:
            self.notify("No accepted changes to write.")
        else:
            self.notify(f"Wrote {result.applied} change(s) to {result.path.name}; "
                        f"the previous text is in {result.backup.name}.")
        self._refresh(all_rows=True)

    def check_action(self, action: str, parameters) -> bool | None:
        # While a note is being typed, letters go to the note, not to the key bindings.
        if self.query_one("#note", Input).has_class("open"):
            return False
        return True
