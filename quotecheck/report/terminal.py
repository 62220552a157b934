"""Rich renderables for the terminal report: summary, one panel per finding, quotes by speaker.

Colour carries meaning (red: words changed; green: supported); rich drops it when the output is not
a terminal or NO_COLOR is set, and every verdict is also spelled out so nothing depends on colour.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..model import Finding, SourcePassage, Verdict
from .order import count, diff_words, shown, sort_findings, speaker_groups

VERDICT_STYLE = {
    Verdict.VERBATIM: "bold green",
    Verdict.EDITORIAL: "bold cyan",
    Verdict.ALTERED: "bold red",
    Verdict.STITCHED: "bold magenta",
    Verdict.MISATTRIBUTED: "bold bright_red",
    Verdict.UNSUPPORTED: "bold yellow",
}
VERDICT_MARK = {
    Verdict.VERBATIM: "✓", Verdict.EDITORIAL: "✓", Verdict.ALTERED: "✗",
    Verdict.STITCHED: "✗", Verdict.MISATTRIBUTED: "✗", Verdict.UNSUPPORTED: "?",
}
CONTEXT_CHARS = 80


def verdict_text(verdict: Verdict) -> Text:
    return Text(f"{VERDICT_MARK[verdict]} {verdict.value.upper()}", style=VERDICT_STYLE[verdict])


# --- check report ---------------------------------------------------------------------------

def check_report(results, searched=None, quiet: bool = False) -> Group:
    """Summary first, then one panel per finding, worst first."""
    findings = [(doc, f) for doc, fs in results for f in fs]
    parts = [summary_line(findings, searched), summary_table(findings)]
    shown = [(d, f) for d, f in sort_findings(findings) if not quiet or f.verdict.is_misquote]
    parts += [finding_panel(f, doc) for doc, f in shown]
    if not findings:
        parts.append(Text("No quotations found in the draft.", style="dim"))
    return Group(*parts)


def summary_line(findings, searched=None) -> Text:
    misquotes = sum(1 for _, f in findings if f.verdict.is_misquote)
    speakers = {f.quote.speaker for _, f in findings if f.quote.speaker}
    line = Text()
    line.append(f"{count(len(findings), 'quote')} checked", style="bold")
    line.append(f" · {count(len(speakers), 'speaker')}")
    if searched is not None:
        line.append(f" · {count(searched.documents, 'source')} searched "
                    f"({count(searched.passages, 'passage')})")
    line.append(" · ")
    if misquotes:
        line.append(count(misquotes, "misquote"), style="bold red")
    else:
        line.append("no misquotes", style="bold green")
    return line


def summary_table(findings) -> Table:
    counts = Counter(f.verdict for _, f in findings)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("verdict")
    table.add_column("quotes", justify="right")
    for verdict in Verdict:
        if counts[verdict]:
            table.add_row(verdict_text(verdict), str(counts[verdict]))
    return table


def finding_panel(finding: Finding, doc=None) -> Panel:
    """One finding: the quote, its verdict, the diff, and where the source says it."""
    q = finding.quote
    where = f"{q.file or (doc.path if doc else '')}:{doc.location_of(q.start) if doc else q.start}"
    title = Text.assemble(verdict_text(finding.verdict), "  ", (q.speaker or "unattributed", "bold"),
                          "  ", (where, "dim"))
    body = [quote_line(finding)]
    if finding.diff and finding.verdict in (Verdict.ALTERED, Verdict.EDITORIAL):
        body += [Text("diff (source → draft; [-removed-] {+added+}):", style="dim"), diff_text(finding)]
        body += [Text(f"  ⚠ {note} changed", style="bold red") for note in _notes(finding)]
    if finding.verdict is Verdict.STITCHED and finding.pieces:
        for i, piece in enumerate(finding.pieces, 1):
            body += [Text(f"piece {i}:", style="dim"), source_block(piece)]
    elif finding.source is not None:
        body.append(source_block(finding.source))
    if finding.why:
        body.append(Text(finding.why, style="italic"))
    if finding.also_in:
        body.append(Text("also in: " + ", ".join(f"{shown(p.path)}:{p.location}" for p in finding.also_in[:5]),
                         style="dim"))
    return Panel(Group(*body), title=title, title_align="left", border_style=_border(finding.verdict),
                 padding=(0, 1))


def quote_line(finding: Finding) -> Text:
    q = finding.quote
    line = Text("“", style="dim")
    line.append(q.text)
    line.append("”", style="dim")
    if q.speaker or q.cue:
        line.append(" — ", style="dim")
        line.append(q.speaker_mention.text if q.speaker_mention else (q.speaker or "?"))
        if q.cue:
            line.append(f" ({q.cue.text})", style="dim")
    return line


def diff_text(finding: Finding) -> Text:
    """The word diff from source to draft: deleted words red and struck, inserted words green.

    git's word-diff marks ([-old-] {+new+}) keep it readable without colour (NO_COLOR, a pipe).
    """
    pieces = diff_words(finding.diff, Text, lambda w: Text(f"[-{w}-]", style="red strike"),
                        lambda w: Text(f"{{+{w}+}}", style="bold green"))
    return Text(" ").join(pieces)


def source_block(p: SourcePassage) -> Text:
    """The source passage with a little context, matched words bold, and where it is."""
    text = Text("  ")
    before, after = _context_around(p)
    text.append("…" + before, style="dim")
    text.append(p.text, style="bold")
    text.append(after + "…", style="dim")
    label = ", ".join(x for x in (p.title, p.date) if x)
    text.append(f"\n  {shown(p.path)}:{p.location}" + (f"  ({label})" if label else ""), style="dim")
    if p.speaker:
        text.append(f"  said by {p.speaker}", style="dim")
    return text


def _context_around(p: SourcePassage) -> tuple[str, str]:
    ctx = p.context or ""
    at = ctx.find(p.text) if p.text else -1
    if at < 0:
        return "", ""
    return ctx[max(0, at - CONTEXT_CHARS):at], ctx[at + len(p.text):at + len(p.text) + CONTEXT_CHARS]


def _notes(finding: Finding) -> list[str]:
    return sorted({op.note for op in finding.diff if op.note})


def _border(verdict: Verdict) -> str:
    return VERDICT_STYLE[verdict].replace("bold ", "")


# --- quotes listing -------------------------------------------------------------------------

def quotes_report(sourced) -> Group:
    """Quotes grouped by speaker (most quoted first) with counts, context and sources."""
    groups = speaker_groups(sourced)
    parts = [Text(f"{count(len(sourced), 'quote')} · {count(len([g for g in groups if g[0]]), 'speaker')}",
                  style="bold")]
    for speaker, items in groups:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True, pad_edge=False)
        table.add_column("quote", ratio=5)
        table.add_column("cue / rule", min_width=15, style="dim", overflow="fold")
        table.add_column("source", ratio=2, style="dim", overflow="fold")
        for s in items:
            q = s.quote
            quote = Text(f"“{q.text}”") if q.kind.value != "indirect" else Text(q.text, style="italic")
            if q.context and q.context.strip() != q.text.strip():
                quote.append(f"\n{_clip(q.context.strip(), 160)}", style="dim")
            table.add_row(quote, f"{q.cue.text if q.cue else '—'}\n{q.rule}", _source_label(s))
        title = Text.assemble((speaker or "unattributed", "bold"), (f"  {count(len(items), 'quote')}", "dim"))
        parts.append(Panel(table, title=title, title_align="left", border_style="blue"))
    return Group(*parts)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


def _source_label(s) -> str:
    info = s.document
    label = info.title or info.path
    extra = ", ".join(x for x in (info.outlet, info.date) if x)
    return f"{label}" + (f"\n{extra}" if extra else "") + f"\n{shown(info.path)}:{s.quote.start}"


# --- corpus -------------------------------------------------------------------------------

def documents_table(documents) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=False)
    for col in ("file", "title", "outlet", "date", "speaker", "passages", "quotes"):
        table.add_column(col, justify="right" if col in ("passages", "quotes") else "left")
    for d in documents:
        table.add_row(Path(d.path).name, d.title or "", d.outlet or "", d.date or "", d.speaker or "",
                      str(d.passages), str(d.quotes))
    return table


def stats_table(stats) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    for label, value in (("documents", stats.documents), ("passages", stats.passages),
                         ("quotes", stats.quotes), ("speakers", stats.speakers),
                         ("index size", _bytes(stats.index_bytes)), ("index", str(stats.index_path))):
        table.add_row(label, str(value))
    return table


def render_sync(report) -> Text:
    return Text(f"added {report.added} · updated {report.updated} · removed {report.removed}"
                + (f" · {len(report.errors)} errors" if report.errors else ""))


def _bytes(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


class ProgressBar:
    """A progress callback for long indexing runs: a rich bar on stderr, only when it helps."""

    MIN_FILES = 20  # short runs finish before a bar would be read

    def __init__(self, console):
        self.console = console
        self._progress = None
        self._task = None

    def __call__(self, done: int, total: int, path: str) -> None:
        if total < self.MIN_FILES or not self.console.is_terminal:
            return
        if self._progress is None:
            from rich.progress import Progress

            self._progress = Progress(console=self.console, transient=True)
            self._progress.start()
            self._task = self._progress.add_task("indexing", total=total)
        self._progress.update(self._task, completed=done, description=f"indexing {path[-40:]}")
        if done >= total:
            self._progress.stop()
            self._progress = None
