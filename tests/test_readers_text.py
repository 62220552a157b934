"""Plain text, Markdown and plain transcripts: the file's own text, offsets into it, bad input."""
from __future__ import annotations

import os

import pytest

from quotecheck import readers
from quotecheck.model import InputError, Kind

QUOTE = "“We will not stop,” said Jane Doe."


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def at(text, words):
    start = text.index(words)
    return start, start + len(words)


# --- text and Markdown ------------------------------------------------------------------------

def test_text_is_the_file_text(tmp_path):
    doc = readers.read(write(tmp_path, "a.txt", f"Intro.\n\n{QUOTE}\n"))
    assert doc.reader == "text"
    assert doc.text == f"Intro.\n\n{QUOTE}\n"
    assert doc.known_quotes == [] and doc.locations == []


def test_markdown_keeps_emphasis_and_links_so_offsets_hold(tmp_path):
    raw = "# Title\n\n“We *will* [not](https://x.example) stop,” said **Jane Doe**.\n"
    doc = readers.read(write(tmp_path, "a.md", raw))
    assert doc.reader == "markdown"
    assert doc.text == raw


def test_front_matter_is_blanked_offsets_unchanged(tmp_path):
    raw = "---\ntitle: Deal\ndate: 2019-07-22\noutlet: \"Fortune\"\n---\n" + QUOTE
    doc = readers.read(write(tmp_path, "a.md", raw))
    assert (doc.title, doc.date, doc.outlet) == ("Deal", "2019-07-22", "Fortune")
    assert len(doc.text) == len(raw) and doc.text.endswith(QUOTE)
    assert doc.text[:3] == "   " and doc.text.count("\n") == raw.count("\n")


def test_crlf_kept_so_offsets_are_file_offsets(tmp_path):
    raw = "Intro.\r\n\r\n" + QUOTE + "\r\n"
    doc = readers.read(write(tmp_path, "a.txt", raw))
    assert doc.text == raw
    assert doc.location_of(doc.text.index("We will")) == "line 3"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig", "utf-32"])
def test_unicode_with_bom(tmp_path, codec):
    data = QUOTE.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    doc = readers.read(write(tmp_path, "a.txt", data))
    assert doc.text == QUOTE


# --- bad input --------------------------------------------------------------------------------

@pytest.mark.parametrize("name, data, problem", [
    ("empty.txt", b"", "file is empty"),
    ("blank.txt", b"  \n\t\n", "file is empty"),
    ("bad.txt", "Café “x”".encode("latin-1", "replace"), "not valid UTF-8 (byte 3)"),
    ("nul.txt", b"abc\x00def", "binary file"),
    ("pic.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "binary file"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old binary Word"),
    ("a.rtf", b"{\\rtf1\\ansi hello}", "RTF"),
    ("a.zip", b"PK\x03\x04" + b"\x00" * 30, "Word document"),
])
def test_bad_input_is_one_line_naming_the_file(tmp_path, name, data, problem):
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as err:
        readers.read(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        readers.read(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        readers.read(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        readers.read(fifo)


def test_size_limit_is_clear_and_checked_before_reading(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTECHECK_MAX_BYTES", "1000")
    path = write(tmp_path, "big.txt", "x" * 1001)
    limit = r"1,001 bytes is over the 1,000-byte limit.*QUOTECHECK_MAX_BYTES"
    with pytest.raises(InputError, match=limit):
        readers.read(path)
    assert readers.read(write(tmp_path, "ok.txt", "x" * 1000)).text == "x" * 1000
    with pytest.raises(InputError, match="over the 1,000-byte limit"):
        readers.read_bytes(tmp_path / "mem.txt", b"y" * 2000)


def test_bad_limit_setting_falls_back_to_default(monkeypatch):
    monkeypatch.setenv("QUOTECHECK_MAX_BYTES", "lots")
    assert readers.max_bytes() == readers.MAX_BYTES_DEFAULT


def test_iter_files_walks_sorted_skips_hidden_and_reports_missing(tmp_path):
    write(tmp_path, "b.txt", "b")
    write(tmp_path, "a.md", "a")
    write(tmp_path, ".hidden.txt", "h")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "c.pdf", "c")
    got = list(readers.iter_files([tmp_path, tmp_path / "gone.txt"]))
    assert [p.name for p, e in got if e is None] == ["a.md", "b.txt", "c.pdf"]
    missing = [str(e) for p, e in got if e is not None]
    assert missing == [f"{tmp_path / 'gone.txt'}: no such file or directory"]
    only = [p.name for p, _ in readers.iter_files([tmp_path], suffixes={".md"})]
    assert only == ["a.md"]


# --- plain transcripts ------------------------------------------------------------------------

TRANSCRIPT = (
    "Interview with Sam Altman, recorded in San Francisco.\n"
    "\n"
    "KARA SWISHER: Why did you take the money?\n"
    "\n"
    "SAM ALTMAN: We needed the compute. [laughter] It is that simple.\n"
    "\n"
    "And the mission has not changed.\n"
    "\n"
    "Swisher: Thank you.\n"
    "\n"
    "Altman: Thank you.\n"
)


def test_transcript_turns_are_quotes_by_the_labelled_speaker(tmp_path):
    doc = readers.read(write(tmp_path, "interview.txt", TRANSCRIPT))
    assert doc.reader == "transcript" and doc.text == TRANSCRIPT
    q1, q2, q3, q4 = doc.known_quotes
    # one-word labels are believed here because they repeat a name already labelled in full
    speakers = [q.speaker for q in doc.known_quotes]
    assert speakers == ["Kara Swisher", "Sam Altman", "Swisher", "Altman"]
    assert q3.text == q4.text == "Thank you."
    assert all(q.kind is Kind.DIRECT and q.rule == "transcript-turn" and q.confidence == 1.0
               for q in doc.known_quotes)
    assert [(s.start, s.end) for s in q1.spans] == [at(TRANSCRIPT, "Why did you take the money?")]
    # the stage direction is cut out; the unlabelled paragraph continues Altman's turn
    assert [(s.start, s.end) for s in q2.spans] == [
        at(TRANSCRIPT, "We needed the compute."), at(TRANSCRIPT, "It is that simple."),
        at(TRANSCRIPT, "And the mission has not changed.")]
    assert q2.text == "We needed the compute. It is that simple. And the mission has not changed."
    m = q2.speaker_mention
    assert TRANSCRIPT[m.start:m.end] == "SAM ALTMAN" and q2.file == str(tmp_path / "interview.txt")


def test_transcript_one_turn_a_line_with_timestamps_and_crlf(tmp_path):
    raw = ("[00:12:31] Sam Altman: The creation of AGI matters.\r\n"
           "Greg Brockman (1:02:03): We chose Microsoft.\r\n"
           "**ALTMAN:** Yes.\r\n")
    doc = readers.read(write(tmp_path, "t.md", raw))
    assert doc.reader == "transcript" and doc.text == raw
    assert [q.speaker for q in doc.known_quotes] == ["Sam Altman", "Greg Brockman", "Altman"]
    assert [q.text for q in doc.known_quotes] == [
        "The creation of AGI matters.", "We chose Microsoft.", "Yes."]
    for q in doc.known_quotes:
        assert raw[q.start:q.end] == q.text
    assert doc.location_of(doc.known_quotes[0].start) == "00:12:31"
    assert doc.location_of(doc.known_quotes[1].start) == "01:02:03"


def test_single_speaker_transcript_sets_document_speaker(tmp_path):
    raw = "NADELLA: One.\n\nNADELLA: Two.\n"
    doc = readers.read(write(tmp_path, "speech.txt", raw))
    assert doc.speaker == "Nadella" and len(doc.known_quotes) == 2


@pytest.mark.parametrize("raw", [
    # an article with a couple of label-like lines is not a transcript
    "Note: updated.\n\nAltman: the man.\n\nIt rained.\n\nThen it stopped.\n\nThe end.\n",
    # single-newline paragraphs: each line counts
    "WASHINGTON: A vote.\nSenators met.\nThey argued.\nSmith: no.\nThey left.\n",
    # one label alone is never enough
    "SAM ALTMAN: Hello.\n",
    # headline style inside an article, colons after lowercase words
    "Here is the thing: we won.\n\nThe result: a win.\n",
])
def test_text_that_is_not_a_transcript(tmp_path, raw):
    doc = readers.read(write(tmp_path, "a.txt", raw))
    assert doc.reader == "text" and doc.known_quotes == []


def test_name_case_of_labels():
    from quotecheck.readers.transcript import name_case
    assert name_case("SAM ALTMAN") == "Sam Altman"
    assert name_case("MR. O'BRIEN") == "Mr. O'Brien"
    assert name_case("RONALD MCDONALD") == "Ronald McDonald"
    assert name_case("JEAN DE LA FONTAINE") == "Jean de la Fontaine"
    assert name_case("Sam  Altman") == "Sam Altman"
    assert name_case("Q") == "Q"


def test_transcript_scan_is_linear_on_long_lines(tmp_path):
    # a megabyte-long line of capitalised words must not make the label search backtrack
    raw = ("Aa " * 400_000) + "\n" + "SAM ALTMAN: hi\n" * 3
    doc = readers.read(write(tmp_path, "long.txt", raw))
    assert doc.reader == "transcript" and len(doc.known_quotes) == 3


def test_one_off_single_word_label_is_nobodys_turn(tmp_path):
    # `Remember:` might open Altman's next paragraph, or be a speaker we don't know: neither is
    # safe to assume, so those words are nobody's quote
    raw = ("ALTMAN: We will ship.\n\nRemember: it is hard.\n\nIt is.\n\nSWISHER: Why?\n\n"
           "ALTMAN: Because.\n")
    doc = readers.read(write(tmp_path, "t.txt", raw))
    assert [q.speaker for q in doc.known_quotes] == ["Altman", "Swisher", "Altman"]
    assert [q.text for q in doc.known_quotes] == ["We will ship.", "Why?", "Because."]


def test_q_and_a_interview_is_a_transcript_without_named_turns(tmp_path):
    # "A:" is the interviewee, but the label does not say who: the finder decides, not the reader
    raw = ("Q&A with the vice president.\n\n"
           "Q: Why now?\n\nA: Because.\n\nQ: And then?\n\nA: We win.\n")
    doc = readers.read(write(tmp_path, "qa.txt", raw))
    assert doc.reader == "transcript" and doc.known_quotes == []


def test_interviewer_labelled_q_and_named_answers(tmp_path):
    raw = "Q: Why now?\n\nBIDEN: Because.\n\nQ: And then?\n\nBIDEN: We win.\n"
    doc = readers.read(write(tmp_path, "qa.txt", raw))
    assert [(q.speaker, q.text) for q in doc.known_quotes] == [("Biden", "Because."),
                                                               ("Biden", "We win.")]


def test_label_on_its_own_line_as_otter_exports(tmp_path):
    raw = ("Sam Altman  0:03\nWe will build it.\nAnd keep it safe.\n\n"
           "Kara Swisher  1:15\nWhen?\n\n"
           "Sam Altman  1:20\nSoon.\n")
    doc = readers.read(write(tmp_path, "otter.txt", raw))
    assert doc.reader == "transcript"
    assert [(q.speaker, q.text) for q in doc.known_quotes] == [
        ("Sam Altman", "We will build it.\nAnd keep it safe."), ("Kara Swisher", "When?"),
        ("Sam Altman", "Soon.")]
    assert doc.location_of(doc.known_quotes[1].start) == "00:01:15"
