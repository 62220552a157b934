"""Bad input everywhere: one clear line per bad file, the good files still processed."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from quotecheck.cli import cli

GOOD = "“We will not stop,” said Jane Doe.\n"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def records(result):
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(GOOD.encode("utf-16"))
    result = run("quotes", "--format", "jsonl", path)
    assert result.exit_code == 0, result.output
    (quote,) = [r for r in records(result) if r["kind"] != "indirect"]
    assert quote["text"] == "We will not stop,"or quote["text"] == "We will not stop"


def test_crlf_offsets_point_into_the_text(tmp_path):
    text = "Intro line.\r\n\r\n" + GOOD.replace("\n", "\r\n") + "\r\n“Second,” she said.\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    result = run("quotes", "--format", "jsonl", path)
    read_back = path.read_bytes().decode("utf-8")
    found = [r for r in records(result) if r["kind"] != "indirect"]
    assert len(found) == 2
    for r in found:
        assert read_back[r["start"]:r["end"]] == r["text"]


def test_symlink_loop_is_one_line_and_the_rest_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(tmp_path / "loop-a", tmp_path / "loop-b")
    os.symlink(tmp_path / "loop-b", tmp_path / "loop-a")
    os.symlink(tmp_path, tmp_path / "self")  # a folder that contains itself
    result = run("quotes", "--format", "jsonl", tmp_path)
    assert result.exit_code == 2
    assert any(r["file"].endswith("good.txt") for r in records(result))
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and all("loop-" in e for e in errors)


def test_folder_of_ten_thousand_small_files(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i:05d}.txt").write_text(f"Note {i}.\n" if i % 100 else GOOD, encoding="utf-8")
    (folder / "zz-binary.txt").write_bytes(b"\x00" * 100)
    result = run("quotes", "--format", "jsonl", folder)
    assert result.exit_code == 2
    assert len([r for r in records(result) if r["kind"] != "indirect"]) == 100
    assert result.stderr.count("\n") == 1 and "zz-binary.txt" in result.stderr


@pytest.mark.parametrize("command", [["quotes"], ["check"], ["review"], ["corpus", "add"]])
def test_every_command_on_a_missing_path(command, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "source.txt").write_text(GOOD, encoding="utf-8")
    extra = [] if command == ["quotes"] else ["--corpus", corpus]
    result = run(*command, *extra, tmp_path / "nope.txt")
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr and len(result.stderr.strip().splitlines()) == 1
