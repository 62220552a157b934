"""Renderers on recorded findings: what an editor sees, at a fixed width, in every format."""
from __future__ import annotations

import json

import pytest
from rich.console import Console

from quotecheck.model import (DiffOp, Document, Finding, Kind, Mention, Quote, SourcePassage,
                              Span, Verdict)
from quotecheck.report import render_check, terminal

from test_cli import assert_well_formed_html

DRAFT = Document(path="draft.md", text="x" * 400 + "\n" * 5 + "y" * 400)


def quote(text: str, start: int, speaker: str = "Sam Altman") -> Quote:
    return Quote(text=text, spans=[Span(start, start + len(text))], kind=Kind.DIRECT, speaker=speaker,
                 speaker_mention=Mention(speaker, 0, len(speaker)), cue=Mention("said", 0, 4),
                 rule="trailing_cue", confidence=0.9)


def source(text: str, speaker: str = "Sam Altman", location: str = "line 29") -> SourcePassage:
    return SourcePassage(path="corpus/fortune.txt", start=10, end=10 + len(text), text=text,
                         context=f"Before words. “{text}” said {speaker}, after words.", speaker=speaker,
                         title="Microsoft Invests", date="2019-07-22", location=location)


FINDINGS = [
    Finding(quote("We will deploy AGI safely", 5), Verdict.VERBATIM,
            source=source("We will deploy AGI safely"), score=100, why="Found word for word."),
    Finding(quote("We will never deploy AGI", 100), Verdict.ALTERED, source=source("We will deploy AGI"),
            diff=[DiffOp("equal", "We will", "We will"), DiffOp("insert", "", "never", "negation"),
                  DiffOp("equal", "deploy AGI", "deploy AGI")],
            score=88, severity=3, why="One unmarked change: a negation was added."),
    Finding(quote("Azure scales. We chose Microsoft", 200, "Greg Brockman"), Verdict.STITCHED,
            source=source("Azure scales."),
            pieces=[source("Azure scales.", location="line 35"), source("We chose Microsoft", location="line 12")],
            score=100, severity=2, why="Joined from two places."),
    Finding(quote("shares this vision", 300, "Satya Nadella"), Verdict.MISATTRIBUTED,
            source=source("shares this vision"), score=100, severity=3,
            why="Said by Sam Altman, not Satya Nadella."),
    Finding(quote("a hundred times larger", 410, "Greg Brockman"), Verdict.UNSUPPORTED,
            severity=1, why="Nothing in 1 source matches."),
]
RESULTS = [(DRAFT, FINDINGS)]


def recorded(renderable, width: int = 80) -> str:
    console = Console(record=True, width=width, file=open("/dev/null", "w"), color_system="truecolor")
    console.print(renderable)
    return console.export_text()


def test_terminal_report_worst_first_and_fits_80_columns():
    text = recorded(terminal.check_report(RESULTS))
    assert max(len(line) for line in text.splitlines()) <= 80
    titles = [line.split("  ")[0].lstrip("╭─ ") for line in text.splitlines() if line.startswith("╭")]
    # severity 3 first (misattributed outranks altered at equal severity), then stitched (2),
    # unsupported (1), and the faithful quote last
    assert titles == ["✗ MISATTRIBUTED", "✗ ALTERED", "✗ STITCHED", "? UNSUPPORTED", "✓ VERBATIM"]
    assert "5 quotes checked" in text and "4 misquotes" in text


def test_terminal_altered_shows_word_diff_and_calls_out_negation():
    text = recorded(terminal.finding_panel(FINDINGS[1], DRAFT))
    assert "We will {+never+} deploy AGI" in text
    assert "negation changed" in text
    assert "corpus/fortune.txt:line 29" in text and "2019-07-22" in text


def test_terminal_diff_styles_deleted_red_struck_inserted_green():
    finding = Finding(quote("benefits are narrowly distributed", 0), Verdict.ALTERED,
                      diff=[DiffOp("equal", "benefits are", "benefits are"),
                            DiffOp("replace", "widely", "narrowly"), DiffOp("equal", "distributed", "distributed")])
    diff = terminal.diff_text(finding)
    assert diff.plain == "benefits are [-widely-] {+narrowly+} distributed"
    styles = {diff.plain[s.start:s.end]: str(s.style) for s in diff.spans}
    assert styles["[-widely-]"] == "red strike" and "green" in styles["{+narrowly+}"]


def test_terminal_stitched_shows_each_piece_with_its_location():
    text = recorded(terminal.finding_panel(FINDINGS[2], DRAFT))
    assert "piece 1:" in text and "piece 2:" in text
    assert "line 35" in text and "line 12" in text


def test_terminal_quiet_hides_faithful_findings():
    text = recorded(terminal.check_report(RESULTS, quiet=True))
    assert text.count("╭") == 4 and "“We will deploy AGI safely”" not in text


def test_no_colour_when_not_a_terminal(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" not in render_check(RESULTS, "rich")          # stdout is not a tty under pytest
    assert "\x1b[" in render_check(RESULTS, "rich", color=True)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    assert "\x1b[" not in render_check(RESULTS, "rich")


def test_html_is_well_formed_and_holds_every_finding():
    page = render_check(RESULTS, "html")
    assert_well_formed_html(page)
    assert page.count('<section class="finding') == len(FINDINGS)
    assert "<ins>never</ins>" in page and "negation changed" in page
    assert "&lt;" not in page or "<script" not in page


def test_html_escapes_what_the_draft_says():
    evil = Finding(quote("<script>alert(1)</script>", 0), Verdict.UNSUPPORTED, why="<b>x</b>")
    page = render_check([(DRAFT, [evil])], "html")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert_well_formed_html(page)


def test_markdown_lists_worst_first_with_diff():
    md = render_check(RESULTS, "markdown")
    assert md.index("MISATTRIBUTED") < md.index("VERBATIM —")
    assert "**never**" in md and "⚠ **negation changed**" in md


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_machine_formats_round_trip(fmt):
    out = render_check(RESULTS, fmt)
    records = json.loads(out)["drafts"][0]["findings"] if fmt == "json" else \
        [json.loads(line) for line in out.splitlines()]
    assert [r["verdict"] for r in records] == [f.verdict.value for f in FINDINGS]
    assert records[1]["diff"][1] == {"op": "insert", "source": "", "draft": "never", "note": "negation"}
    assert records[4]["source_file"] is None
