"""SubRip and WebVTT files written by hand: one quote per turn, cue times as locations."""
from __future__ import annotations

import pytest

from quotecheck import readers
from quotecheck.model import InputError, Kind

VTT = """WEBVTT
Kind: captions
Language: en

NOTE recorded at the Microsoft campus

STYLE
::cue { color: white }

intro
00:12:31.000 --> 00:12:34.000 align:start position:10%
<v Sam Altman>The creation of AGI will be the most

00:12:34.000 --> 00:12:37.500
<v Sam Altman>important development <i>in</i> human history.

00:12:38.000 --> 00:12:40.000
<v.loud Kara Swisher>Why now? [laughter]
<v Sam Altman>Because &amp; <c.yellow>now</c>.

01:02:03.250 --> 01:02:05.000
Untagged words continue the turn.
"""

SRT = """1
00:00:01,000 --> 00:00:03,000
SAM ALTMAN: We are going to
build AGI.

2
00:00:03,500 --> 00:00:05,000
>> Who will pay for it?

3
00:01:05,000 --> 00:01:07,000
- NADELLA: We will. (LAUGHTER)
- Great.

4
00:01:08,000 --> 00:01:09,000
{\\an8}<i>NADELLA: Then again.</i>
"""


def write(tmp_path, name, text, newline="\n"):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def spans(doc, quote):
    return [doc.text[s.start:s.end] for s in quote.spans]


def test_vtt_voice_turns(tmp_path):
    doc = readers.read(write(tmp_path, "interview.vtt", VTT))
    assert doc.reader == "vtt"
    assert doc.text == (
        "Sam Altman: The creation of AGI will be the most important development in human history."
        "\n\nKara Swisher: Why now? [laughter]"
        "\n\nSam Altman: Because & now. Untagged words continue the turn.\n\n")
    altman, swisher, again = doc.known_quotes
    assert [q.speaker for q in doc.known_quotes] == ["Sam Altman", "Kara Swisher", "Sam Altman"]
    assert altman.text == ("The creation of AGI will be the most important development in human "
                           "history.")
    assert (altman.start, altman.end) == (12, 12 + len(altman.text))
    assert spans(doc, swisher) == ["Why now?"]            # the stage direction is nobody's words
    assert all(q.kind is Kind.DIRECT and q.rule == "transcript-turn" and q.confidence == 1.0
               for q in doc.known_quotes)
    m = altman.speaker_mention
    assert doc.text[m.start:m.end] == "Sam Altman"


def test_vtt_locations_are_cue_times(tmp_path):
    doc = readers.read(write(tmp_path, "interview.vtt", VTT))
    assert doc.location_of(doc.text.index("The creation")) == "00:12:31"
    assert doc.location_of(doc.text.index("important")) == "00:12:34"
    assert doc.location_of(doc.text.index("Because")) == "00:12:38"
    assert doc.location_of(doc.text.index("Untagged")) == "01:02:03"


def test_srt_labels_unknown_speakers_and_tags(tmp_path):
    doc = readers.read(write(tmp_path, "talk.srt", SRT, newline="\r\n"))
    assert doc.reader == "srt"
    assert doc.text == ("SAM ALTMAN: We are going to build AGI.\n\nWho will pay for it?\n\n"
                        "NADELLA: We will. (LAUGHTER)\n\nGreat.\n\nNADELLA: Then again.\n\n")
    altman, nadella, again = doc.known_quotes
    assert (altman.speaker, altman.text) == ("Sam Altman", "We are going to build AGI.")
    assert (nadella.speaker, spans(doc, nadella)) == ("Nadella", ["We will."])
    # `>>` and a bare dialogue dash change the speaker to someone unnamed: no quote for them
    assert "Who will pay" not in " ".join(q.text for q in doc.known_quotes)
    assert "Great" not in " ".join(q.text for q in doc.known_quotes)
    assert again.text == "Then again." and doc.location_of(again.start) == "00:01:08"
    assert doc.location_of(doc.text.index("build")) == "00:00:01"


def test_same_speaker_across_cues_is_one_turn(tmp_path):
    srt = ("1\n00:00:01,000 --> 00:00:02,000\nALTMAN: One\n\n"
           "2\n00:00:02,000 --> 00:00:03,000\nALTMAN: two.\n")
    doc = readers.read(write(tmp_path, "a.srt", srt))
    (quote,) = doc.known_quotes
    assert quote.text == "One two." and doc.speaker == "Altman"


def test_subtitles_detected_by_content(tmp_path):
    assert readers.read(write(tmp_path, "captions.txt", VTT)).reader == "vtt"
    assert readers.read(write(tmp_path, "captions", SRT)).reader == "srt"


def test_truncated_srt_keeps_what_is_complete(tmp_path):
    cut = SRT[: SRT.index("00:01:05,000 -->") + len("00:01:05,000 --> 00:0")]
    doc = readers.read(write(tmp_path, "cut.srt", cut))
    assert [q.speaker for q in doc.known_quotes] == ["Sam Altman"]


@pytest.mark.parametrize("name, text, problem", [
    ("a.vtt", "00:00:01.000 --> 00:00:02.000\nHello\n", "no WEBVTT header"),
    ("b.vtt", "WEBVTT\n\nNOTE only a note\n", "no subtitle cues found"),
    ("c.srt", "1\nHello there\n\n2\nNo timings at all\n", "no subtitle cues found"),
    ("d.srt", "1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\n",
     "no subtitle cues with text"),
    ("e.srt", "1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\nxx:yy --> zz\nBad\n", "bad cue timing"),
])
def test_bad_subtitles(tmp_path, name, text, problem):
    path = write(tmp_path, name, text)
    with pytest.raises(InputError) as err:
        readers.read(path)
    assert str(err.value).startswith(f"{path}: ") and problem in str(err.value)


def test_subtitles_in_latin1_are_refused_not_garbled(tmp_path):
    path = tmp_path / "latin.srt"
    path.write_bytes("1\n00:00:01,000 --> 00:00:02,000\nCafé\n".encode("latin-1"))
    with pytest.raises(InputError, match="not valid UTF-8"):
        readers.read(path)


def test_a_sentence_opening_word_is_not_a_speaker(tmp_path):
    srt = ("1\n00:00:01,000 --> 00:00:02,000\nSAM ALTMAN: We will ship.\n\n"
           "2\n00:00:02,000 --> 00:00:03,000\nRemember: it is hard.\n")
    doc = readers.read(write(tmp_path, "a.srt", srt))
    (quote,) = doc.known_quotes
    assert quote.speaker == "Sam Altman" and quote.text == "We will ship."
    assert "Remember: it is hard." in doc.text        # kept, but nobody's quote


def test_cli_lists_turns_and_says_which_reader(tmp_path):
    import json

    from click.testing import CliRunner

    from quotecheck.cli import cli

    path = write(tmp_path, "interview.vtt", VTT)
    result = CliRunner().invoke(cli, ["-v", "quotes", "--format", "jsonl", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}: read as vtt" in result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    turns = [r for r in rows if r["rule"] == "transcript-turn"]
    assert [r["speaker"] for r in turns] == ["Sam Altman", "Kara Swisher", "Sam Altman"]
    doc = readers.read(path)
    assert all(doc.text[r["start"]:r["end"]] == r["text"] for r in turns)
