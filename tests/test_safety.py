"""Security: nothing is fetched, nothing from an input is evaluated, only the user's paths are written."""
from __future__ import annotations

import ast
import os
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotecheck.cli import cli

PACKAGE = Path(__file__).resolve().parents[1] / "quotecheck"
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "subprocess", "urllib.request", "http.client",
                     "requests", "httpx", "socket"}


def package_modules():
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", package_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_evaluates_input_or_opens_the_network(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in FORBIDDEN_CALLS, f"{path.name}:{node.lineno} calls {node.func.id}"
        if isinstance(node, ast.Import):
            for alias in node.names:
                assert alias.name not in FORBIDDEN_MODULES, f"{path.name}:{node.lineno} imports {alias.name}"
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.module not in FORBIDDEN_MODULES, f"{path.name}:{node.lineno} imports {node.module}"


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("quotecheck tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


PAGE = """<!DOCTYPE html><html><head><title>Deal</title>
<script src="http://tracker.invalid/t.js"></script><link rel="stylesheet" href="http://cdn.invalid/a.css">
<meta http-equiv="refresh" content="0; url=http://elsewhere.invalid/"></head>
<body><nav><a href="http://x.invalid/">Home</a></nav><article><h1>Deal</h1>
<p>Microsoft will invest in OpenAI, the companies said on Monday in a statement to reporters.</p>
<p>“We chose Microsoft as our cloud partner because we’re excited about Azure’s supercomputing
roadmap,” said Greg Brockman. <img src="http://img.invalid/p.png" onerror="alert(1)"></p>
<iframe src="http://frame.invalid/"></iframe></article></body></html>"""


def test_check_of_a_web_page_fetches_nothing_and_writes_only_the_index(tmp_path, corpus_copy, no_network):
    draft = tmp_path / "page.html"
    draft.write_text(PAGE, encoding="utf-8")
    before = snapshot(tmp_path)
    result = CliRunner().invoke(cli, ["check", "--corpus", str(corpus_copy), "--format", "jsonl", str(draft)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), result.output
    assert '"verdict": "verbatim"' in result.stdout
    changed = {p for p in snapshot(tmp_path) if p not in before or snapshot(tmp_path)[p] != before[p]}
    assert all(p.startswith("corpus/.quotecheck") for p in changed), changed


def snapshot(root: Path) -> dict[str, float]:
    return {str(p.relative_to(root)): p.stat().st_mtime for p in root.rglob("*") if p.is_file()}


def test_quotes_reads_only_and_writes_nothing(tmp_path, no_network):
    source = tmp_path / "a.txt"
    source.write_text("“Hello there,” said Jane Doe.\n", encoding="utf-8")
    before = snapshot(tmp_path)
    result = CliRunner().invoke(cli, ["quotes", "--format", "jsonl", str(source)])
    assert result.exit_code == 0
    assert snapshot(tmp_path) == before


def test_output_file_is_replaced_atomically_and_keeps_no_temp(tmp_path, corpus_copy, draft_copy):
    out = tmp_path / "report.md"
    out.write_text("old report", encoding="utf-8")
    CliRunner().invoke(cli, ["check", "--corpus", str(corpus_copy), "-f", "markdown", "-o", str(out),
                             str(draft_copy)])
    assert out.read_text(encoding="utf-8").startswith("# quotecheck report")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_output_into_a_missing_folder_is_one_line(tmp_path, corpus_copy, draft_copy):
    result = CliRunner().invoke(cli, ["check", "--corpus", str(corpus_copy), "-o",
                                      str(tmp_path / "nope" / "r.md"), str(draft_copy)])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "does not exist" in result.stderr
    assert not os.path.exists(tmp_path / "nope")
