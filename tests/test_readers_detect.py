"""Format detection by content, and the promise every reader keeps: a Document or an InputError."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotecheck import readers
from quotecheck.model import InputError
from quotecheck.readers import detect

VTT = b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>Hi.\n"
SRT = b"1\n00:00:01,000 --> 00:00:02,000\nHi.\n"


@pytest.mark.parametrize("name, data, kind", [
    ("a.txt", b"Just words.", "text"),
    ("a", b"Just words.", "text"),
    ("a.md", b"# Title\n\nWords.", "markdown"),
    ("a.markdown", b"Words.", "markdown"),
    ("a.txt", b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("a.md", b"\xef\xbb\xbf  <!-- saved -->\n<html lang=en><p>x</p></html>", "html"),
    ("a.txt", b"<?xml version='1.0'?><html><body>x</body></html>", "html"),
    ("a.html", b"<p>fragment</p>", "html"),
    ("a.md", b"Text with <em>inline</em> HTML is still Markdown.", "markdown"),
    ("a.txt", b"%PDF-1.7\n...", "pdf"),
    ("a.html", b"\r\n%PDF-1.4 junk before the header", "pdf"),
    ("a.txt", VTT, "vtt"),
    ("a.txt", b"\xef\xbb\xbf" + VTT, "vtt"),
    ("a.srt", b"\xef\xbb\xbf" + SRT, "srt"),
    ("a.txt", SRT.replace(b"\n", b"\r\n"), "srt"),
    ("a.vtt", b"no header", "vtt"),
    ("a.txt", "<html><body>x</body></html>".encode("utf-16"), "html"),
    ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "doc"),
    ("a.txt", b"{\\rtf1 hi}", "rtf"),
    ("a.txt", b"\x1f\x8b\x08\x00", "binary"),
    ("a.docx", b"PK\x03\x04 truncated zip", "docx"),  # the Word reader reports the damage
])
def test_detect(name, data, kind):
    assert detect(name, data) == kind


def test_reader_names_used_in_verbose(tmp_path):
    (tmp_path / "a.md").write_text("Words.", encoding="utf-8")
    assert readers.read(tmp_path / "a.md").reader == "markdown"


EXTENSIONS = [".txt", ".md", ".html", ".docx", ".pdf", ".srt", ".vtt", ".bin", ""]
PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"WEBVTT\n\n", b"1\n00:00:01,000 --> ",
            b"<html><body>", b"\xff\xfe", b"\xef\xbb\xbf", b"---\ntitle: x\n---\n", b"ALTMAN: "]


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=400),
       text=st.text(max_size=200), suffix=st.sampled_from(EXTENSIONS))
def test_any_bytes_give_a_document_or_one_line_input_error(tmp_path, prefix, body, text, suffix):
    data = prefix + text.encode("utf-8") + body
    path = tmp_path / f"fuzz{suffix}"
    try:
        doc = readers.read_bytes(path, data)
    except InputError as exc:
        message = str(exc)
        assert message.startswith(f"{path}: ") and "\n" not in message
        return
    for q in doc.known_quotes:
        assert 0 <= q.start <= q.end <= len(doc.text)
        assert q.text == " ".join(doc.text[s.start:s.end] for s in q.spans)
    offsets = [o for o, _ in doc.locations]
    assert offsets == sorted(offsets) and all(0 <= o <= len(doc.text) for o in offsets)


@pytest.mark.parametrize("name, head", [
    ("big.pdf", b"%PDF-1.7\n"), ("big.docx", b"PK\x03\x04"), ("big.html", b"<html><body>"),
    ("big.srt", b"1\n00:00:01,000 --> 00:00:02,000\n"), ("big.vtt", b"WEBVTT\n\n"),
    ("big.txt", b""),
])
def test_size_limit_holds_for_every_format(tmp_path, monkeypatch, name, head):
    monkeypatch.setenv("QUOTECHECK_MAX_BYTES", "4096")
    path = tmp_path / name
    path.write_bytes(head + b"x" * 5000)
    with pytest.raises(InputError, match=f"^{path}: .* bytes is over the 4,096-byte limit"):
        readers.read(path)
