"""Markdown report, for a pull-request comment or an editor's email."""
from __future__ import annotations

from collections import Counter

from ..model import Finding, SourcePassage, Verdict
from .order import count, diff_words, shown, sort_findings, speaker_groups

EMOJI = {Verdict.VERBATIM: "✅", Verdict.EDITORIAL: "✅", Verdict.ALTERED: "❌",
         Verdict.STITCHED: "❌", Verdict.MISATTRIBUTED: "❌", Verdict.UNSUPPORTED: "❓"}


def check_markdown(results, searched=None, quiet: bool = False) -> str:
    pairs = [(doc, f) for doc, fs in results for f in fs]
    counts = Counter(f.verdict for _, f in pairs)
    misquotes = sum(1 for _, f in pairs if f.verdict.is_misquote)
    lines = ["# quotecheck report", "",
             f"**{count(len(pairs), 'quote')} checked**, **{count(misquotes, 'misquote')}**"
             + (f", {count(searched.documents, 'source')} searched" if searched is not None else "") + ".", "",
             "| verdict | quotes |", "|---|---:|"]
    lines += [f"| {EMOJI[v]} {v.value} | {counts[v]} |" for v in Verdict if counts[v]]
    lines.append("")
    for doc, f in sort_findings(pairs):
        if quiet and not f.verdict.is_misquote:
            continue
        lines += finding_markdown(f, doc)
    return "\n".join(lines).rstrip() + "\n"


def finding_markdown(f: Finding, doc) -> list[str]:
    q = f.quote
    where = f"{doc.path}:{doc.location_of(q.start)}"
    out = [f"## {EMOJI[f.verdict]} {f.verdict.value.upper()} — {q.speaker or 'unattributed'} (`{where}`)", "",
           f"> “{_escape(q.text)}”" + (f" — {q.cue.text}" if q.cue else ""), ""]
    if f.diff and f.verdict in (Verdict.ALTERED, Verdict.EDITORIAL):
        out += ["Diff (source → draft): " + diff_markdown(f), ""]
        notes = sorted({op.note for op in f.diff if op.note})
        out += [f"- ⚠ **{n} changed**" for n in notes] + ([""] if notes else [])
    pieces = f.pieces if f.verdict is Verdict.STITCHED and f.pieces else ([f.source] if f.source else [])
    for p in pieces:
        out += [f"Source: “{_escape(p.text)}” — {source_label(p)}", ""]
    if f.why:
        out += [f"_{_escape(f.why)}_", ""]
    return out


def diff_markdown(f: Finding) -> str:
    return " ".join(diff_words(f.diff, _escape, lambda w: f"~~{_escape(w)}~~",
                               lambda w: f"**{_escape(w)}**"))


def source_label(p: SourcePassage) -> str:
    bits = [f"`{shown(p.path)}:{p.location}`"] + [x for x in (p.title, p.date) if x]
    if p.speaker:
        bits.append(f"said by {p.speaker}")
    return ", ".join(bits)


def quotes_markdown(sourced) -> str:
    lines = ["# Quotes", ""]
    for speaker, items in speaker_groups(sourced):
        lines += [f"## {speaker or 'Unattributed'} ({len(items)})", ""]
        for s in items:
            q = s.quote
            src = s.document.title or s.document.path
            lines.append(f"- “{_escape(q.text)}” — {q.cue.text if q.cue else q.kind.value}; "
                         f"{_escape(src)}{', ' + s.document.date if s.document.date else ''} "
                         f"(`{shown(s.document.path)}:{q.start}`, rule `{q.rule}`)")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("\n", " ")
