"""One self-contained HTML page (inline CSS, no scripts, nothing fetched) with the full report."""
from __future__ import annotations

from collections import Counter
from html import escape

from ..model import Finding, SourcePassage, Verdict
from .order import count, diff_words, shown, sort_findings, speaker_groups

CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
.finding{border-left:6px solid #999;padding:.5rem 1rem;margin:1rem 0;background:#fafafa}
.verbatim,.editorial{border-color:#2a8f3b}.altered,.misattributed{border-color:#c62828}
.stitched{border-color:#8e24aa}.unsupported{border-color:#d4a017}
.verdict{font-weight:bold;text-transform:uppercase}
del{color:#c62828}ins{color:#2a8f3b;font-weight:bold;text-decoration:none}
blockquote{margin:.5rem 0;font-size:1.05em}.src{color:#555}.why{font-style:italic}
.warn{color:#c62828;font-weight:bold}table{border-collapse:collapse}td,th{padding:.2rem .8rem;text-align:left}
"""


def page(title: str, body: list[str]) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def check_html(results, searched=None, quiet: bool = False) -> str:
    pairs = [(doc, f) for doc, fs in results for f in fs]
    counts = Counter(f.verdict for _, f in pairs)
    misquotes = sum(1 for _, f in pairs if f.verdict.is_misquote)
    body = ["<h1>quotecheck report</h1>",
            f"<p><strong>{count(len(pairs), 'quote')} checked</strong>, <strong>{count(misquotes, 'misquote')}</strong>"
            + (f", {count(searched.documents, 'source')} searched" if searched is not None else "") + ".</p>",
            "<table><tr><th>verdict</th><th>quotes</th></tr>"
            + "".join(f"<tr><td>{v.value}</td><td>{counts[v]}</td></tr>" for v in Verdict if counts[v])
            + "</table>"]
    for doc, f in sort_findings(pairs):
        if not quiet or f.verdict.is_misquote:
            body.append(finding_html(f, doc))
    return page("quotecheck report", body)


def finding_html(f: Finding, doc) -> str:
    q = f.quote
    parts = [f'<section class="finding {f.verdict.value}">',
             f'<div><span class="verdict">{f.verdict.value}</span> — {escape(q.speaker or "unattributed")}'
             f' <code>{escape(doc.path)}:{escape(doc.location_of(q.start))}</code></div>',
             f"<blockquote>“{escape(q.text)}”{' — ' + escape(q.cue.text) if q.cue else ''}</blockquote>"]
    if f.diff and f.verdict in (Verdict.ALTERED, Verdict.EDITORIAL):
        parts.append(f'<p>Diff (source → draft): {diff_html(f)}</p>')
        parts += [f'<p class="warn">⚠ {escape(n)} changed</p>' for n in sorted({o.note for o in f.diff if o.note})]
    pieces = f.pieces if f.verdict is Verdict.STITCHED and f.pieces else ([f.source] if f.source else [])
    parts += [source_html(p) for p in pieces]
    if f.why:
        parts.append(f'<p class="why">{escape(f.why)}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def diff_html(f: Finding) -> str:
    return " ".join(diff_words(f.diff, escape, lambda w: f"<del>{escape(w)}</del>",
                               lambda w: f"<ins>{escape(w)}</ins>"))


def source_html(p: SourcePassage) -> str:
    label = ", ".join(escape(x) for x in (p.title, p.date) if x)
    who = f", said by {escape(p.speaker)}" if p.speaker else ""
    return (f'<p class="src">Source: “{escape(p.text)}” — <code>{escape(shown(p.path))}:{escape(p.location)}</code>'
            f"{' (' + label + ')' if label else ''}{who}</p>")


def quotes_html(sourced) -> str:
    body = ["<h1>Quotes</h1>"]
    for speaker, items in speaker_groups(sourced):
        body.append(f"<h2>{escape(speaker or 'Unattributed')} ({len(items)})</h2><ul>")
        for s in items:
            q = s.quote
            body.append(f"<li>“{escape(q.text)}” — {escape(q.cue.text if q.cue else q.kind.value)}; "
                        f"{escape(s.document.title or s.document.path)} "
                        f"<code>{escape(s.document.path)}:{q.start}</code></li>")
        body.append("</ul>")
    return page("quotecheck quotes", body)
