"""The fast reading takes a long text a window at a time: cuts, offsets and names across windows."""
import pytest

import quotecheck.find as finder
from quotecheck.find import find_quotes
from quotecheck.find.windows import one_name_each, shift, windows_of
from quotecheck.model import Kind, Mention, Quote, Span

PARAGRAPH = "“We will build it together,” Sam Altman said. “It took years,” he added.\n\n"


@pytest.mark.parametrize("text,size,expected", [
    ("aaaa\n\nbbbb\n\ncccc", 8, [0, 6, 12, 16]),          # at paragraph breaks
    ("aaaa bbbb cccc dddd", 8, [0, 5, 10, 15, 19]),       # at spaces when there is no break
    ("a" * 20, 8, [0, 8, 16, 20]),                        # anywhere when there is no space
    ("short", 100, [0, 5]),
])
def test_windows_are_cut_at_the_best_place(text, size, expected):
    assert windows_of(text, size) == expected


def test_windows_cover_the_text_in_pieces_no_longer_than_asked():
    text = ("word " * 7 + "\n\n") * 500
    cuts = windows_of(text, 300)
    assert cuts[0] == 0 and cuts[-1] == len(text)
    assert all(0 < b - a <= 300 for a, b in zip(cuts, cuts[1:]))


def test_shift_moves_every_offset():
    q = Quote("x", [Span(1, 2), Span(8, 9)], Kind.DIRECT, speaker="A B",
              speaker_mention=Mention("B", 5, 6), cue=Mention("said", 7, 11))
    shift(q, 100)
    assert q.spans == [Span(101, 102), Span(108, 109)]
    assert (q.speaker_mention.start, q.speaker_mention.end, q.cue.start, q.cue.end) == (105, 106, 107, 111)


def test_shift_leaves_shared_mentions_alone():
    # two quotes of one window may share their speaker's Mention: moving one must not move it twice
    said = Mention("B", 5, 6)
    first, second = (Quote("x", [Span(1, 2)], Kind.DIRECT, speaker_mention=said) for _ in range(2))
    shift(first, 100)
    shift(second, 100)
    assert first.speaker_mention.start == second.speaker_mention.start == 105 and said.start == 5


def test_a_surname_takes_the_only_longer_name():
    quotes = [Quote("x", [Span(0, 1)], Kind.DIRECT, speaker=name) for name in ("Altman", "Sam Altman", "Nadella")]
    assert [q.speaker for q in one_name_each(quotes)] == ["Sam Altman", "Sam Altman", "Nadella"]


def test_the_windowed_reading_finds_what_the_whole_reading_finds(monkeypatch):
    text = PARAGRAPH * 40
    whole = find_quotes(text, fast=True)
    monkeypatch.setattr(finder, "WINDOW_CHARS", 500)
    windowed = find_quotes(text, fast=True)
    assert len(text) > 5 * 500
    assert [(q.start, q.end, q.speaker) for q in windowed] == [(q.start, q.end, q.speaker) for q in whole]
    for q in windowed:                                    # offsets are the text's, not a window's
        assert " ".join(text[s.start:s.end] for s in q.spans) == q.text
        assert text[q.cue.start:q.cue.end] == q.cue.text
        assert text[q.speaker_mention.start:q.speaker_mention.end] == q.speaker_mention.text
    assert {q.speaker for q in windowed} == {"Sam Altman"}
