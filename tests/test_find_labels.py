"""Transcript turns in an article (find/labels.py, rule `speaker_label`): which labelled
paragraphs are someone's words, in both readings. Positives stand beside the negatives."""
import pytest

from quotecheck.find import find_quotes

INTRO = "Headline of the story.\n\nHillary Clinton sat down with Harry Reid and Kate Bolduan on Tuesday.\n\n"

TURNS = [
    ("CLINTON: Honestly, I mean, this is the most important job in the world.", "Hillary Clinton",
     "Honestly, I mean, this is the most important job in the world"),
    ("Reid: We will not let this bill pass the Senate.", "Harry Reid",
     "We will not let this bill pass the Senate"),
    ("Harry Reid: We will not let this bill pass the Senate.", "Harry Reid",
     "We will not let this bill pass the Senate"),
]
NOT_TURNS = [
    "The Latest: Sanders wins the Minnesota caucuses.",     # a headline's kicker
    "Clinton: 2,316.",                                       # a tally: too few words
    "UPDATE: The story was changed on Friday evening.",      # a label naming no one we know
    "Smith: We will not let this bill pass the Senate.",     # …nor anyone the text mentions
    "The vote: We will not let this bill pass the Senate.",
    "Clinton said: “We will not let this bill pass the Senate.”",   # a quotation: its own rules
]


def _turns(text, fast):
    return [(q.speaker, q.text) for q in find_quotes(INTRO + text, fast=fast) if q.rule == "speaker_label"]


@pytest.mark.parametrize("fast", [False, True])
@pytest.mark.parametrize("line,speaker,words", TURNS)
def test_a_labelled_turn_is_its_speakers(line, speaker, words, fast):
    assert _turns(line, fast) == [(speaker, words)]


@pytest.mark.parametrize("fast", [False, True])
@pytest.mark.parametrize("line", NOT_TURNS)
def test_other_labels_are_no_turns(line, fast):
    assert _turns(line, fast) == []


@pytest.mark.parametrize("fast", [False, True])
def test_the_i_of_a_turn_is_its_speaker(fast):
    line = "CLINTON: Honestly, I believe that this is the most important job in the world."
    (q,) = [q for q in find_quotes(INTRO + line, fast=fast) if q.rule == "reported_clause"]
    assert (q.speaker_mention.text, q.speaker) == ("I", "Hillary Clinton")


def test_offsets_point_at_the_turn():
    text = INTRO + TURNS[0][0]
    (q,) = [q for q in find_quotes(text) if q.rule == "speaker_label"]
    assert text[q.spans[0].start:q.spans[0].end] == q.text
    assert text[q.speaker_mention.start:q.speaker_mention.end] == "CLINTON"
