"""Renderers: every report format from the same findings. The library never prints; these return text."""
from __future__ import annotations

import io
import os
import shutil
import sys
from dataclasses import asdict

from . import html, machine, markdown, terminal


def render_check(results, fmt: str, searched=None, quiet: bool = False, color: bool | None = None) -> str:
    """`results` is [(Document, [Finding])] in draft order."""
    if fmt == "jsonl":
        return machine.jsonl(machine.finding_record(f, doc.path) for doc, fs in results for f in fs)
    if fmt == "json":
        return machine.json_document({
            "drafts": [{"file": doc.path, "findings": [machine.finding_detail(f, doc.path) for f in fs]}
                       for doc, fs in results],
            "sources_searched": searched.documents if searched is not None else None,
        })
    if fmt == "markdown":
        return markdown.check_markdown(results, searched, quiet)
    if fmt == "html":
        return html.check_html(results, searched, quiet)
    return to_text(terminal.check_report(results, searched, quiet), color)


def render_quotes(sourced, fmt: str, color: bool | None = None) -> str:
    """`sourced` is [SourcedQuote]: a quote and the document it came from."""
    if fmt == "jsonl":
        return machine.jsonl(machine.quote_record(s.quote) for s in sourced)
    if fmt == "json":
        return machine.json_document({"quotes": [
            dict(machine.quote_record(s.quote), role=s.quote.role, context=s.quote.context,
                 title=s.document.title, date=s.document.date) for s in sourced]})
    if fmt == "markdown":
        return markdown.quotes_markdown(sourced)
    if fmt == "html":
        return html.quotes_html(sourced)
    return to_text(terminal.quotes_report(sourced), color)


def render_documents(documents, fmt: str) -> str:
    if fmt == "json":
        return machine.json_document([_plain(asdict(d)) for d in documents])
    return to_text(terminal.documents_table(documents))


def render_stats(stats, fmt: str) -> str:
    if fmt == "json":
        return machine.json_document(_plain(asdict(stats)))
    return to_text(terminal.stats_table(stats))


def to_text(renderable, color: bool | None = None) -> str:
    """Render with rich to a string: colour only for a terminal without NO_COLOR."""
    from rich.console import Console

    if color is None:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    width = shutil.get_terminal_size((100, 24)).columns  # honours $COLUMNS
    console = Console(file=io.StringIO(), force_terminal=color, no_color=not color,
                      color_system="auto" if color else None, width=max(width, 60), highlight=False)
    console.print(renderable)
    return console.file.getvalue()


def _plain(obj):
    return {k: str(v) if hasattr(v, "__fspath__") else v for k, v in obj.items()}
