"""Reported speech by word patterns (find/reported.py): which sentences match, with which content,
subject, cue and rule. Positives stand beside the negatives they are easily confused with."""
import pytest

from quotecheck.find.marks import Paragraph
from quotecheck.find.reported import match_sentence


def xfail(reason):
    return pytest.mark.xfail(reason=reason, strict=True)


def _read(text, sent):
    """The matches of one sentence as plain values, every offset read back from the text."""
    out = []
    for m in match_sentence(text, sent):
        spans = tuple(text[s.start:s.end] for s in m.spans)
        subject = (text[m.subject.mention.start:m.subject.mention.end], m.subject.kind) if m.subject else None
        out.append((spans, subject, text[m.cue.start:m.cue.end], m.rule))
    return out


def _whole(sentence):
    return Paragraph(0, 0, len(sentence))


# (sentence, [(content pieces, (subject words, subject kind) or None, cue, rule)])
POSITIVES = [
    ("Musk said he left the board.",
     [(("he left the board",), ("Musk", "name"), "said", "reported_clause")]),
    ("Officials said Tuesday the plan was dead.",
     [(("the plan was dead",), ("Officials", "group"), "said", "reported_clause")]),
    ("She said the vote was rigged.",
     [(("the vote was rigged",), ("She", "pronoun"), "said", "reported_clause")]),
    ("He has also said the plan was dead.",
     [(("the plan was dead",), ("He", "pronoun"), "said", "reported_clause")]),
    ("He claims the vote was rigged.",
     [(("the vote was rigged",), ("He", "pronoun"), "claims", "reported_clause")]),
    ("The company said the plan was dead.",
     [(("the plan was dead",), ("The company", "group"), "said", "reported_clause")]),
    # a time between subject and cue is no subject (this month, on Tuesday)
    ("Wells Fargo just this month announced it would get rid of the incentives.",
     [(("it would get rid of the incentives",), ("Wells Fargo", "name"), "announced", "reported_clause")]),
    ("Trump on Tuesday said the plan was dead.",
     [(("the plan was dead",), ("Trump", "name"), "said", "reported_clause")]),
    ("Most of them said the plan was dead.",
     [(("the plan was dead",), ("Most of them", "group"), "said", "reported_clause")]),
    ("Sen. Rand Paul (R-Ky.) said the plan was dead.",
     [(("the plan was dead",), ("Sen. Rand Paul", "name"), "said", "reported_clause")]),
    ("Tom Jones told reporters that the plan was dead.",
     [(("that the plan was dead",), ("Tom Jones", "name"), "told", "reported_clause")]),
    ("Tom Jones added that the plan was dead.",
     [(("that the plan was dead",), ("Tom Jones", "name"), "added", "reported_clause")]),
    ("Smith said on Tuesday that the plan was dead.",
     [(("that the plan was dead",), ("Smith", "name"), "said", "reported_clause")]),
    ("Smith said in a statement that the plan was dead.",
     [(("that the plan was dead",), ("Smith", "name"), "said", "reported_clause")]),
    ("Smith said at a rally that the plan was dead.",
     [(("that the plan was dead",), ("Smith", "name"), "said", "reported_clause")]),
    ("Smith said the plan was dead and said the vote would fail.",
     [(("the plan was dead",), ("Smith", "name"), "said", "reported_clause"),
      (("the vote would fail",), ("Smith", "name"), "said", "reported_clause")]),
    # backward: CONTENT, X said
    ("The plan was dead, officials said.",
     [(("The plan was dead",), ("officials", "group"), "said", "reported_clause")]),
    # aside: A, X said, B (two pieces)
    ("The museum, Obama said, would be finished by May.",
     [(("The museum", "would be finished by May"), ("Obama", "name"), "said", "reported_clause")]),
    ("Bob, they said, ordered them to wait.",
     [(("Bob", "ordered them to wait"), ("they", "pronoun"), "said", "reported_clause")]),
    ("The museum, Mr. Obama said, would make visitors think.",
     [(("The museum", "would make visitors think"), ("Mr. Obama", "name"), "said", "reported_clause")]),
    ("The museum, Obama said, would make visitors think.",
     [(("The museum", "would make visitors think"), ("Obama", "name"), "said", "reported_clause")]),
    # inverted: CONTENT, said X
    ("The economy is weak, said Jane Smith.",
     [(("The economy is weak",), ("Jane Smith", "name"), "said", "reported_clause")]),
    ("The economy is weak, said the company.",
     [(("The economy is weak",), ("the company", "group"), "said", "reported_clause")]),
    ("The economy is weak, said Sen. Jane Smith.",
     [(("The economy is weak",), ("Sen. Jane Smith", "name"), "said", "reported_clause")]),
    # according to
    ("According to the report, the economy shrank last year.",
     [(("the economy shrank last year",), ("the report", "group"), "According to", "according_to_clause")]),
    ("According to Tom Jones, the plan was dead.",
     [(("the plan was dead",), ("Tom Jones", "name"), "According to", "according_to_clause")]),
    ("The economy shrank last year, according to the report.",
     [(("The economy shrank last year",), ("the report", "group"), "according to", "according_to_clause")]),
    ("Since November, according to Human Rights Watch, forces have killed 400 protesters.",
     [(("Since November", "forces have killed 400 protesters"), ("Human Rights Watch", "name"), "according to",
       "according_to_clause")]),
    # shares of people as subjects
    ("Half said they would vote for him.",
     [(("they would vote for him",), ("Half", "group"), "said", "reported_clause")]),
    ("38 percent said they would vote for him.",
     [(("they would vote for him",), ("38 percent", "group"), "said", "reported_clause")]),
    # appositives and relative clauses
    ("Brian Abernathy, the city's first deputy manager, said the flag was removed.",
     [(("the flag was removed",), ("Brian Abernathy", "name"), "said", "reported_clause")]),
    pytest.param(
        "A spokesman for the campaign said the plan was dead.",
        [(("the plan was dead",), ("A spokesman for the campaign", "group"), "said", "reported_clause")],
        marks=xfail("_noun_phrase_before stops at the nearest determiner: subject is `the campaign`, "
                    "not the spokesman (the module docstring names this very subject)")),
    pytest.param(
        "Smith, who said the plan was dead, left early.",
        [(("the plan was dead",), ("Smith", "name"), "said", "reported_clause")],
        marks=xfail("_from runs the content to the sentence end through the closing comma of the "
                    "relative clause: content is `the plan was dead, left early`")),
    # a cue in a clause opened by while, when…: the content ends with that clause…
    ("While critics argue that trading prisoners encourages kidnapping, Obama has deemed some "
     "releases a fair trade.",
     [(("that trading prisoners encourages kidnapping",), ("critics", "group"), "argue", "reported_clause")]),
    ("But if Carson implied that he would not criticize Cruz, he did not follow the rule.",
     [(("that he would not criticize Cruz",), ("Carson", "name"), "implied", "reported_clause")]),
    ("A few weeks after Obama announced that the war would not end, U.S. forces bombed a clinic.",
     [(("that the war would not end",), ("Obama", "name"), "announced", "reported_clause")]),
    # a day after an inverting cue is no subject: the subject is before it
    ("Bernie Sanders, who on Tuesday endorsed Clinton, said Wednesday he agrees with the remarks.",
     [(("he agrees with the remarks",), ("Bernie Sanders", "name"), "said", "reported_clause")]),
    # …and without one, it runs to the sentence's end
    ("Critics argue that trading prisoners encourages kidnapping, and that it costs too much.",
     [(("that trading prisoners encourages kidnapping, and that it costs too much",), ("Critics", "group"),
       "argue", "reported_clause")]),
    # a participle after the aside is no content: A, X said, recalling …
    ("She had struggled her whole life, Cruz explained, recalling the time he visited her.",
     [(("She had struggled her whole life",), ("Cruz", "name"), "explained", "reported_clause")]),
    # a cue whose content is the object of its preposition (preposition_cues.txt)
    ("Trump pointed to the deficit as proof of failure.",
     [(("the deficit as proof of failure",), ("Trump", "name"), "pointed", "reported_clause")]),
    # a cue word that is a verb, beside its noun-like twin below
    ("The Post reports the team won an award for the series.",
     [(("the team won an award for the series",), ("The Post", "name"), "reports", "reported_clause")]),
]

NEGATIVES = [
    "His claims were false.",                                 # a cue word after a determiner: a noun
    "Clinton’s claims the vote was rigged were false.",       # …or after a possessive
    "The said plan was dead.",
    "The United States said nothing.",                        # content too short
    "The Post Reports team won an award for the series.",     # a capitalised cue inside a name
    "The United States Says team won an award for the series.",
    '"We will win," Smith said at a rally.',                  # the cue belongs to the quotation
    '"We will win," Smith said.',
    "“We will win,” Smith said on Tuesday.",
    "She said so.",                                           # content too short
    "Smith said at a rally.",                                 # no clause after the cue
    "He spoke at the rally.",                                 # no cue
    "He pointed at the door and left the room quietly.",      # not the preposition it reports
    "The weather was fine all week long.",
]


@pytest.mark.parametrize("sentence,expected", POSITIVES)
def test_positive(sentence, expected):
    assert _read(sentence, _whole(sentence)) == expected


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_negative(sentence):
    assert match_sentence(sentence, _whole(sentence)) == []


def _plain(sentence_or_param):
    values = getattr(sentence_or_param, "values", sentence_or_param)
    marks = getattr(sentence_or_param, "marks", ())
    return values, bool(marks)


# the rows the code reads right, for the checks below that read them in a longer text
GOOD = [row for row, xfailing in map(_plain, POSITIVES) if not xfailing]


@pytest.mark.parametrize("sentence,expected", GOOD)
def test_offsets_are_the_documents(sentence, expected):
    """A sentence inside a longer text: every offset is an offset into that text."""
    before, after = "The board met on Monday. ", " Nobody else spoke after that."
    text = before + sentence + after
    sent = Paragraph(3, len(before), len(before) + len(sentence))
    assert _read(text, sent) == expected
    for m in match_sentence(text, sent):
        assert m.sentence == sent
        for s in m.spans:
            assert sent.start <= s.start < s.end <= sent.end
        assert text[m.cue.start:m.cue.end] == m.cue.text
        assert text[m.subject.mention.start:m.subject.mention.end] == m.subject.mention.text


# where the subject is misread (xfail rows above), the content is still right
@pytest.mark.parametrize("sentence,content", [
    ("The economy is weak, said Sen. Jane Smith.", [("The economy is weak",)]),
    ("38 percent said they would vote for him.", [("they would vote for him",)]),
    ("A spokesman for the campaign said the plan was dead.", [("the plan was dead",)]),
])
def test_content_despite_subject(sentence, content):
    assert [spans for spans, _, _, _ in _read(sentence, _whole(sentence))] == content


def test_spans_hold_content_only():
    """No quotation marks, commas or full stops at either end of a piece."""
    for sentence, _ in GOOD:
        for m in match_sentence(sentence, _whole(sentence)):
            for s in m.spans:
                piece = sentence[s.start:s.end]
                assert piece == piece.strip(" ,.;:—–-\"'“”‘’"), (sentence, piece)


def test_only_the_given_sentence_is_read():
    text = "Musk said he left the board. The weather was fine all week long."
    first, second = Paragraph(0, 0, 28), Paragraph(0, 29, len(text))
    assert [text[s.start:s.end] for m in match_sentence(text, first) for s in m.spans] == ["he left the board"]
    assert match_sentence(text, second) == []


def test_empty_and_punctuation_only_sentences():
    for text in ["", " ", ".", "“”", "said", "According to"]:
        assert match_sentence(text, _whole(text)) == []


def test_a_run_on_of_cue_words_is_read_for_its_first_ones_only():
    # no news sentence holds more than a few cue words (PolNeAR train: 9); a text made of
    # `He said it was fine, ` has no sentence end, and reading every cue's clause to the end of
    # such a "sentence" took time by the square of its length
    text = "He said it was all fine, " * 200
    found = match_sentence(text, _whole(text))
    assert 10 <= len(found) <= 20               # of the 200 cues, the first ones only
    assert all(text[m.cue.start:m.cue.end] == "said" for m in found)
    assert found[0].cue.start == 3
