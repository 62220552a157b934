"""The command line as a user meets it: help, formats, exit codes, bad input."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotecheck.cli import cli

EXPECTED_VERDICTS = [  # the example draft, in draft order: (speaker surname, verdict)
    ("Altman", "verbatim"),
    ("Altman", "altered"),
    ("Nadella", "editorial"),
    ("Brockman", "verbatim"),
    ("Nadella", "misattributed"),
    ("Brockman", "unsupported"),
]


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


@pytest.mark.parametrize("command", [[], ["check"], ["quotes"], ["review"], ["corpus"],
                                     ["corpus", "add"], ["corpus", "stats"]])
def test_every_command_has_help(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_check_without_drafts_is_a_usage_error():
    assert run("check").exit_code == 2


def check_jsonl(draft: Path, corpus: Path):
    result = run("check", "--corpus", corpus, "--format", "jsonl", draft)
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result, records


def test_check_example_draft_verdicts_and_exit_status(draft_copy, corpus_copy):
    result, records = check_jsonl(draft_copy, corpus_copy)
    assert result.exit_code == 1, result.output  # the draft holds misquotes
    got = [(r["speaker"].split()[-1] if r["speaker"] else None, r["verdict"]) for r in records]
    assert got == EXPECTED_VERDICTS


def test_check_jsonl_fields_are_exactly_the_design(draft_copy, corpus_copy):
    _, records = check_jsonl(draft_copy, corpus_copy)
    fields = {"file", "start", "end", "text", "speaker", "verdict", "source_file", "source_start",
              "source_end", "source_speaker", "score", "diff"}
    text = draft_copy.read_text(encoding="utf-8")
    for r in records:
        assert set(r) == fields
        assert text[r["start"]:r["end"]] == r["text"] or r["text"].startswith(text[r["start"]:r["start"] + 10])
    altered = next(r for r in records if r["verdict"] == "altered")
    assert {"op": "replace", "source": "widely", "draft": "narrowly"}.items() <= \
        next(op for op in altered["diff"] if op["op"] != "equal").items()
    verbatim = next(r for r in records if r["verdict"] == "verbatim")
    source = (corpus_copy / Path(verbatim["source_file"]).name).read_text(encoding="utf-8")
    assert source[verbatim["source_start"]:verbatim["source_end"]].startswith("The creation of Artificial")


def test_check_all_faithful_exits_zero(tmp_path, corpus_copy):
    draft = tmp_path / "good.txt"
    draft.write_text("“We chose Microsoft as our cloud partner because we’re excited about Azure’s "
                     "supercomputing roadmap,” said Greg Brockman.\n", encoding="utf-8")
    result, records = check_jsonl(draft, corpus_copy)
    assert [r["verdict"] for r in records] == ["verbatim"]
    assert result.exit_code == 0


def test_check_rich_report_shows_every_quote_verdict_and_source(draft_copy, corpus_copy):
    result = run("check", "--corpus", corpus_copy, draft_copy, env={"COLUMNS": "80"})
    out = result.output
    assert "6 quotes checked" in out
    for verdict in ("VERBATIM", "ALTERED", "EDITORIAL", "MISATTRIBUTED", "UNSUPPORTED"):
        assert verdict in out
    assert "narrowly" in out and "widely" in out           # the diff shows both words
    assert "fortune-2019-07-22-microsoft-openai.txt" in out  # the source passage is named
    assert "\x1b[" not in out                               # no colour codes when not a terminal
    assert max(len(line) for line in out.splitlines()) <= 80


def test_check_quiet_shows_only_misquotes(draft_copy, corpus_copy):
    full = run("check", "--corpus", corpus_copy, draft_copy).output
    quiet = run("check", "--quiet", "--corpus", corpus_copy, draft_copy).output
    assert full.count("╭") == 6      # one panel per finding
    assert quiet.count("╭") == 3     # altered, misattributed, unsupported
    assert "MISATTRIBUTED" in quiet


@pytest.mark.parametrize("fmt", ["json", "markdown", "html"])
def test_check_other_formats_contain_every_finding(fmt, draft_copy, corpus_copy, tmp_path):
    out_file = tmp_path / f"report.{fmt}"
    result = run("check", "--corpus", corpus_copy, "--format", fmt, "--output", out_file, draft_copy)
    assert result.exit_code == 1
    text = out_file.read_text(encoding="utf-8")
    if fmt == "json":
        findings = json.loads(text)["drafts"][0]["findings"]
        assert [f["verdict"] for f in findings] == [v for _, v in EXPECTED_VERDICTS]
    else:
        for _, verdict in EXPECTED_VERDICTS:
            assert verdict.upper() in text.upper()
    if fmt == "html":
        assert_well_formed_html(text)
        assert text.count('<section class="finding') == len(EXPECTED_VERDICTS)


def assert_well_formed_html(text: str) -> None:
    void = {"meta", "br", "hr", "img", "link", "input"}

    class Checker(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack = []

        def handle_starttag(self, tag, attrs):
            if tag not in void:
                self.stack.append(tag)

        def handle_endtag(self, tag):
            assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
            self.stack.pop()

    checker = Checker()
    checker.feed(text)
    checker.close()
    assert checker.stack == []
    assert "<script" not in text and "http" not in text.split("<body>", 1)[1]


def test_quotes_lists_seed_quotes_with_speakers(corpus_copy):
    result = run("quotes", "--format", "jsonl", corpus_copy)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    segments = [r["speaker"] for r in records if r["kind"] != "indirect" for _ in r["spans"]]
    assert segments == ["Sam Altman", "Sam Altman", "Satya Nadella", "Greg Brockman", "Greg Brockman"]


def test_quotes_speaker_filter_accepts_any_name_form(corpus_copy):
    result = run("quotes", "--format", "jsonl", "--speaker", "altman", corpus_copy)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and {r["speaker"] for r in records} == {"Sam Altman"}


def test_quotes_without_files_lists_the_corpus(corpus_copy):
    result = run("quotes", "--corpus", corpus_copy, "--speaker", "Brockman")
    assert result.exit_code == 0, result.output
    assert "Greg Brockman" in result.output and "Sam Altman" not in result.output
    records = [json.loads(line) for line in
               run("quotes", "--corpus", corpus_copy, "--format", "jsonl").stdout.splitlines()]
    brockman = next(r for r in records if "We believe we can work" in r["text"])
    assert brockman["speaker"] == "Greg Brockman" and brockman["cue"] == "said"
    assert brockman["speaker_start"] is not None  # the index keeps why, not only who


BAD_INPUTS = {
    "missing.txt": None,
    "binary.txt": b"\x00\x01\x02PNG\x00\xff" * 20,
    "empty.txt": b"",
    "latin1.txt": "\"Caf\xe9,\" he said.".encode("latin-1"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
@pytest.mark.parametrize("command", ["quotes", "check"])
def test_bad_input_gives_one_line_and_exit_2(name, command, tmp_path, corpus_copy):
    path = tmp_path / name
    if BAD_INPUTS[name] is not None:
        path.write_bytes(BAD_INPUTS[name])
    extra = ["--corpus", corpus_copy] if command == "check" else []
    result = run(command, *extra, path)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and name in errors[0] and errors[0].startswith("error:")


def test_bad_file_does_not_stop_the_good_ones(tmp_path, draft_copy, corpus_copy):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xc3\x28 broken \xa0")
    result = run("quotes", "--format", "jsonl", bad, draft_copy)
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) >= 6


def test_missing_corpus_is_a_clear_error(tmp_path, draft_copy):
    result = run("check", "--corpus", tmp_path / "nowhere", draft_copy)
    assert result.exit_code == 2
    assert "corpus folder not found" in result.stderr


@pytest.mark.parametrize("reading", ["--fast", "--full"])
def test_check_either_reading_gives_the_example_verdicts(reading, draft_copy, corpus_copy):
    result = run("check", reading, "--corpus", corpus_copy, "--format", "jsonl", draft_copy)
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert result.exit_code == 1, result.output
    assert [(r["speaker"].split()[-1], r["verdict"]) for r in records] == EXPECTED_VERDICTS


def test_a_long_file_is_read_fast_and_the_user_is_told(tmp_path, monkeypatch):
    import quotecheck.find as finder
    monkeypatch.setattr(finder, "FAST_ABOVE_CHARS", 200)
    monkeypatch.setattr(finder.parse, "parse_many", lambda *a, **k: pytest.fail("the parser ran"))
    article = tmp_path / "long.txt"
    article.write_text("“We will build it together,” Sam Altman said on Monday.\n\n" * 10, encoding="utf-8")
    result = CliRunner().invoke(cli, ["quotes", "--format", "jsonl", str(article)])
    assert result.exit_code == 0, result.output
    assert "long.txt" in result.stderr and "--full" in result.stderr
    assert {json.loads(line)["speaker"] for line in result.stdout.splitlines()} == {"Sam Altman"}
    quiet = CliRunner().invoke(cli, ["quotes", "--fast", "--format", "jsonl", str(article)])
    assert quiet.exit_code == 0 and quiet.stderr == ""      # asked for: nothing to warn about


def test_a_file_denser_than_news_is_read_fast_and_the_user_is_told_why(tmp_path):
    dense = tmp_path / "dense.txt"
    dense.write_text("“Yes,” he said. “No,” said she. " * 1500, encoding="utf-8")   # 48 KB, 3,000 quotes
    result = CliRunner().invoke(cli, ["quotes", "--format", "jsonl", str(dense)])
    assert result.exit_code == 0, result.output
    assert "dense.txt: denser in words or quotation marks" in result.stderr and "--full" in result.stderr
    assert len(result.stdout.splitlines()) == 3000


@pytest.mark.parametrize("compiled", [False, True])
def test_a_long_file_read_by_the_plain_finder_says_so_once(tmp_path, monkeypatch, compiled):
    import quotecheck.cli_common as cli_common
    import quotecheck.find as finder
    monkeypatch.setattr(finder, "FAST_ABOVE_CHARS", 200)
    monkeypatch.setattr(cli_common, "compiled", lambda: compiled)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("“We will build it together,” Sam Altman said.\n\n" * 10, encoding="utf-8")
    result = CliRunner().invoke(cli, ["quotes", "--format", "jsonl", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("plain Python") == (0 if compiled else 1)


def test_ctrl_c_gives_one_line_and_exit_130_never_the_misquote_status(draft_copy, corpus_copy, monkeypatch):
    import quotecheck.judge as judge

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt
    # both: the command calls check_documents, which (compiled) calls check_document directly
    monkeypatch.setattr(judge, "check_document", interrupted)
    monkeypatch.setattr(judge, "check_documents", interrupted)
    result = CliRunner().invoke(cli, ["check", "--corpus", str(corpus_copy), str(draft_copy)])
    assert result.exit_code == 130
    assert "interrupted" in result.output and len(result.output.strip().splitlines()) == 1
