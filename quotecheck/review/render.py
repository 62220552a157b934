"""How the review app shows a finding: a list row and a detail pane (rich renderables)."""
from __future__ import annotations

from pathlib import Path

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..model import Finding, SourcePassage
from .api import FindingState, SessionState
from ..report.terminal import VERDICT_MARK, VERDICT_STYLE, diff_text
from .decisions import fold

# the report's colours and marks, so a verdict looks the same in the report and the session
VERDICT_ICON = VERDICT_MARK
STATUS = {  # status → (label, style)
    "undecided": ("", ""),
    "accepted": ("accepted", "green"),
    "written": ("written", "dim green"),
    "checked": ("checked", "cyan"),
    "skipped": ("skipped", "dim"),
}


def row(state: FindingState, width: int = 34) -> Text:
    """One line of the findings list: icon, verdict, status, the quote's first words."""
    f = state.finding
    style = VERDICT_STYLE[f.verdict]
    line = Text()
    line.append(f"{VERDICT_ICON[f.verdict]} ", style=style)
    line.append(f"{f.verdict.value:<13}", style=style)
    label, lstyle = STATUS[state.status]
    line.append(f"{label:<9}", style=lstyle)
    line.append("\n  ")
    words = " ".join(f.quote.text.split())
    line.append(f"“{words[:width]}{'…' if len(words) > width else ''}”", style="italic")
    if f.quote.speaker:
        line.append(f"\n  — {f.quote.speaker}", style="dim")
    return line


def detail(state: FindingState, text: str, replacement: tuple[str, ...] | None) -> RenderableType:
    """The right-hand pane: the quote, why, the diff, the source, the decision."""
    f = state.finding
    parts: list[RenderableType] = [_heading(f), _quote(f)]
    if f.why:
        parts.append(Padding(Text(f.why, style="italic"), (1, 0, 0, 0)))
    if f.diff and f.verdict.is_misquote:
        parts += [Rule("word diff (source → draft)", style="dim"), diff_text(f)]
        parts += _callouts(f)
    parts += _sources(f)
    parts += [Rule("decision", style="dim"), _decision(state, text, replacement)]
    return Group(*parts)


def _callouts(f: Finding) -> list[Text]:
    """A changed negation, number, modal or name is worse than a changed article: say so."""
    notes = sorted({op.note for op in f.diff if op.note and op.op != "equal"})
    if not notes:
        return []
    return [Text(f"⚠ changed {', '.join(notes)}", style="bold yellow")]


def _heading(f: Finding) -> Text:
    t = Text()
    t.append(f" {f.verdict.value.upper()} ", style=VERDICT_STYLE[f.verdict] + " reverse")
    if f.severity:
        t.append("  " + "▲" * f.severity, style="red")
    if f.score:
        t.append(f"  score {f.score:.0f}", style="dim")
    t.append(f"  {f.quote.kind.value} quote", style="dim")
    return t


def _quote(f: Finding) -> Text:
    t = Text("\n")
    t.append(f"“{f.quote.text}”", style="bold")
    who = f.quote.speaker or "unattributed"
    t.append(f"\n— {who}", style="cyan" if f.quote.speaker else "dim")
    if f.quote.role:
        t.append(f", {f.quote.role}", style="dim")
    if f.quote.cue:
        t.append(f"  ({f.quote.cue.text})", style="dim")
    return t


def _sources(f: Finding) -> list[RenderableType]:
    passages = f.pieces if f.pieces else ([f.source] if f.source else [])
    if not passages:
        return [Rule("source", style="dim"), Text("Nothing in the corpus supports this quote.",
                                                  style="magenta")]
    out: list[RenderableType] = []
    for i, p in enumerate(passages, 1):
        title = "source" if len(passages) == 1 else f"piece {i} of {len(passages)}"
        out += [Rule(title, style="dim"), _passage(p)]
    if f.also_in:
        out.append(Text(f"also in {len(f.also_in)} other place(s)", style="dim"))
    return out


def _passage(p: SourcePassage) -> Text:
    t = Text()
    ctx = p.context or p.text
    at = ctx.find(p.text) if p.text else -1
    if at < 0:
        t.append(p.text, style="bold")
    else:
        t.append(ctx[:at], style="dim")
        t.append(p.text, style="bold")
        t.append(ctx[at + len(p.text):], style="dim")
    where = " · ".join(x for x in (p.title, p.date, f"{p.path}:{p.location}".rstrip(":")) if x)
    t.append(f"\n{where}", style="dim")
    if p.speaker:
        t.append(f"\nsaid by {p.speaker}", style="yellow")
    return t


def _decision(state: FindingState, text: str, preview: tuple[str, ...] | None) -> Text:
    d = state.decision
    t = Text()
    if d is None:
        t.append("undecided", style="dim")
    else:
        label, style = STATUS[state.status]
        t.append(label or d.action.value, style=f"bold {style}".strip())
        if d.note:
            t.append(f" — {d.note}")
    if d is not None and d.action.value == "accept":
        if d.applied:
            return t.append("  (in the draft on disk)", style="dim")
        preview, lead = d.replacement, "w writes"
    else:
        lead = "a (accept) would make it"
    olds = [text[s.start:s.end] for s in state.finding.quote.spans]
    if preview and [fold(p) for p in preview] != [fold(o) for o in olds]:
        t.append(f"\n\n{lead}:\n", style="dim")
        t.append_text(_in_context(text, state.finding, preview))
    return t


def _in_context(text: str, f: Finding, new: tuple[str, ...], reach: int = 160) -> Text:
    """The draft's sentence around the quote with the new words in place, in green."""
    spans = f.quote.spans
    start = max(text.rfind("\n", 0, spans[0].start) + 1, spans[0].start - reach)
    end = text.find("\n", spans[-1].end)
    end = min(len(text) if end < 0 else end, spans[-1].end + reach)
    out, at = Text(), start
    for span, words in zip(spans, new):
        out.append(text[at:span.start])
        out.append(words, style="bold green")
        at = span.end
    out.append(text[at:end])
    return out


def state_view(state: SessionState) -> RenderableType:
    """`quotecheck review DRAFT --list`: one row per quote with its verdict and decision."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
    for name, kw in (("#", {"justify": "right"}), ("verdict", {}), ("decision", {}),
                     ("quote", {"ratio": 1, "overflow": "fold"}), ("speaker", {}),
                     ("note", {"overflow": "fold"})):
        table.add_column(name, **kw)
    for n, item in enumerate(state.items, 1):
        f, d = item.finding, item.decision
        label, style = STATUS[item.status]
        table.add_row(str(n), Text(f.verdict.value, style=VERDICT_STYLE[f.verdict]),
                      Text(label or "—", style=style or "dim"), _short(f.quote.text, 60),
                      f.quote.speaker or "", d.note if d else "")
    return Group(_state_heading(state), table, *_state_footer(state))


def _short(text: str, n: int) -> str:
    words = " ".join(text.split())
    return f"“{words[:n]}{'…' if len(words) > n else ''}”"


def _state_heading(state: SessionState) -> Text:
    c = state.counts
    t = Text(f"{state.draft}", style="bold")
    if not state.saved:
        return t.append(" — no review session saved yet", style="dim")
    parts = [f"{n} {k}" for k, n in c.items() if n]
    t.append(f" — {len(state.items)} quotes" + (": " + ", ".join(parts) if parts else ""))
    if state.draft_changed:
        t.append("\ndraft changed since the last session; decisions were matched by their words",
                 style="yellow")
    return t


def _state_footer(state: SessionState) -> list[Text]:
    out = []
    if state.pending:
        out.append(Text(f"{state.pending} accepted change(s) not yet written: "
                        f"quotecheck review {state.draft.name} --apply", style="green"))
    if state.orphans:
        out.append(Text(f"{len(state.orphans)} saved decision(s) match no quote of the draft "
                        f"now (kept in {state.sidecar.name})", style="yellow"))
    if state.backups:
        out.append(Text("backups: " + ", ".join(Path(b).name for b in state.backups),
                        style="dim"))
    return out
