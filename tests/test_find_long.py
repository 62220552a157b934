"""Inputs of unnatural size: long paragraphs, sentences without a full stop, thousands of marks.

The finder cuts them into bounded parse units (find/units.py) so that its time stays linear; these
rows check that nothing is lost by the cutting and that every offset still points into the
user's text. No row is timed (the machines are shared): bench/bench_worst.py measures time.
"""
import pytest

from quotecheck.find import _possible_quotes, attribute, find_quotes
from quotecheck.find.marks import Paragraph, find_segments, paragraphs
from quotecheck.find.plan import plan
from quotecheck.find.speakers import People
from quotecheck.find.units import MAX_SENTENCE_CHARS, MAX_UNIT_CHARS, QuotedStretches, sentences, windows

PROSE = "The board met again on Tuesday and nothing much happened at all. "
RUN_ON = "and the board met again and nothing happened "          # no full stop, ever
QUOTE = "“We will keep building this for everyone,” said Sam Altman on Monday. "


def _slices_exactly(text, quote):
    pieces = [text[s.start:s.end] for s in quote.spans]
    assert " ".join(pieces) == quote.text


@pytest.mark.parametrize("before, after", [
    (PROSE * 1500, PROSE * 1500),            # ~100 KB paragraph, the quote in the middle
    ("", PROSE * 1500),                       # at its start
    (PROSE * 1500, ""),                       # at its end
    (RUN_ON * 1100, RUN_ON * 1100),           # ~100 KB with no sentence end at all
    (PROSE * 1500 + "\n\n", "\n\n" + PROSE * 1500),   # long paragraphs around a short one
], ids=["middle", "start", "end", "run-on", "own-paragraph"])
def test_quote_and_speaker_found_in_long_text(before, after):
    text = before + QUOTE + after
    quotes = [q for q in find_quotes(text) if q.kind.value != "indirect"]
    assert [q.text for q in quotes] == ["We will keep building this for everyone,"]
    assert quotes[0].speaker == "Sam Altman"
    assert quotes[0].spans[0].start == len(before) + 1
    _slices_exactly(text, quotes[0])


@pytest.mark.parametrize("filler", [PROSE * 800, RUN_ON * 900], ids=["prose", "run-on"])
def test_reported_speech_found_in_long_paragraph(filler):
    text = filler + "Sam Altman said the partnership would speed up the research. " + filler
    found = [q for q in find_quotes(text) if q.speaker == "Sam Altman"]
    assert any("partnership would speed up the research" in q.text for q in found)
    for q in found:
        _slices_exactly(text, q)


@pytest.mark.parametrize("count", [1, 50, 5000])
def test_many_quotes_in_one_paragraph_pair_exactly(count):
    text = " ".join(f"“word{i}”" for i in range(count))
    segments = find_segments(text)
    assert [text[s.start:s.end] for s in segments] == [f"word{i}" for i in range(count)]


def test_thousands_of_attributed_quotes_in_one_paragraph():
    text = "“Yes, we can do it,” he said. “No, you cannot,” said she. " * 400
    quotes = find_quotes(text)
    assert len(quotes) == 800
    for q in quotes:
        _slices_exactly(text, q)
        assert len(q.context) < 5000          # a window of the paragraph, not a copy of all of it


def test_quotes_close_together_in_a_long_paragraph_share_their_context():
    from quotecheck.find import CONTEXT_MARGIN

    text = "".join(f"“Yes {n},” he said. “No {n},” said she. " for n in range(2000))   # no stretch twice
    quotes = find_quotes(text, fast=True)
    assert len(quotes) == 4000
    for q in quotes:
        at = text.find(q.context)            # the context is a stretch of the text…
        assert 0 <= at and at <= max(0, q.start - CONTEXT_MARGIN - 1)
        assert at + len(q.context) >= min(len(text), q.end + CONTEXT_MARGIN)   # …with margins both sides
    shared = {id(q.context) for q in quotes}
    assert len(shared) < len(quotes) / 5     # one string for the quotes of the same stretch


@pytest.mark.parametrize("text", [
    PROSE * 200,                               # sentences
    RUN_ON * 200,                              # one sentence, cut at spaces
    "x" * 5000,                                # no space at all: cut anywhere
    "a, " * 2000,                              # clause breaks everywhere
    " " * 4000 + "Then. " + " " * 4000,        # runs of spaces
], ids=["prose", "run-on", "no-space", "commas", "spaces"])
def test_sentence_pieces_are_bounded_and_in_order(text):
    para = Paragraph(0, 0, len(text))
    pieces = sentences(text, para)
    assert all(0 <= p.start < p.end <= len(text) for p in pieces)
    assert all(p.end - p.start <= MAX_SENTENCE_CHARS for p in pieces)
    assert all(a.end <= b.start for a, b in zip(pieces, pieces[1:]))
    # nothing but spaces falls between the pieces
    gaps = [text[a.end:b.start] for a, b in zip(pieces, pieces[1:])]
    assert all(not g.strip() for g in gaps)


@pytest.mark.parametrize("text", [
    PROSE * 10,                                # short: the paragraph itself
    PROSE * 300,
    RUN_ON * 300,
    (PROSE + "“" + PROSE * 3 + "”, she said. ") * 60,   # long quotes, never cut when avoidable
], ids=["short", "prose", "run-on", "long-quotes"])
def test_windows_cover_the_paragraph_and_are_bounded(text):
    para = Paragraph(0, 0, len(text))
    segments = find_segments(text)
    parts = windows(text, para, QuotedStretches(segments))
    assert parts[0].start == 0 and parts[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(parts, parts[1:]))
    assert all(p.end - p.start <= MAX_UNIT_CHARS for p in parts)
    inside = QuotedStretches(segments)
    assert not any(inside.covers(p.start) for p in parts[1:])


def test_paragraphs_of_subheads_only_are_not_parsed():
    text = "“The Intro”\n\n" + "“a”\n\n" * 50 + "“We will win,” said Ann Lee.\n"
    paras = paragraphs(text)
    segments = find_segments(text, paras)
    quotable = {0} | {s.paragraph for s in _possible_quotes(text, paras, segments)}
    job = plan(text, paras, segments, quotable=quotable)
    assert [p.index for p in job.paragraphs] == [0, len(paras) - 1]     # the first one always
    assert [q.speaker for q in find_quotes(text)] == ["Ann Lee"]


def test_mentions_out_of_text_order_still_resolve_to_the_latest_before():
    people = People()
    ann = people.mention("Ann Lee", 500)
    people.mention("Ann Lee", 100)
    people.mention("Lee", 300)
    assert ann.seen == [100, 300, 500]
    assert ann.seen_before(299) == 100 and ann.seen_before(300) == 300 and ann.seen_before(99) == -1


def test_many_people_sharing_a_last_name_stay_apart():
    people = People()
    for i in range(200):
        people.mention(f"Name{i} Smith", i * 10)
    assert people.find("Name7 Smith").name == "Name7 Smith"
    assert people.find("Smith").name == "Name199 Smith"       # the latest one
    assert people.find("Jones") is None


def test_a_pronoun_in_a_text_of_thousands_of_people_goes_to_the_nearest():
    people = People()
    for i in range(1000):
        people.mention(f"Person{i} Doe{i}", i * 100, gender="m", spoke=True)
    people.mention("Ann Lee", 100_050, gender="f", spoke=True)
    assert people.resolve_pronoun("he", 99_950).name == "Person999 Doe999"
    assert people.resolve_pronoun("she", 100_060).name == "Ann Lee"
    assert people.resolve_pronoun("he", 5_050).name is not None       # far back: still someone


@pytest.mark.parametrize("text,expected", [
    ("The senator said nothing.", True),
    ("Reports say the plan is dead.", True),            # a cue opening the sentence counts
    ("He left. Reports say the plan is dead.", True),   # …and opening a later sentence
    ("The United States will pay.", False),            # inside a name it does not
    ("Fox News Reports tonight on the plan.", False),
    ("The budget passed on Tuesday.", False),
])
def test_trigger_words_that_send_a_sentence_to_the_parser(text, expected):
    from quotecheck.find.plan import Triggers
    assert Triggers(text).within(0, len(text)) is expected


def test_sentences_naming_the_united_states_are_not_parsed_for_reported_speech():
    text = "Headline\n\nThe United States will pay for the wall.\n\nThe mayor said the wall was a waste."
    paras = paragraphs(text)
    job = plan(text, paras, find_segments(text, paras))
    assert [text[s.start:s.end] for s in job.sentences] == ["The mayor said the wall was a waste."]


@pytest.mark.skipif(not attribute.__file__.endswith(".py"),
                    reason="a compiled caller does not see a monkeypatched callee (README)")
def test_a_quotation_asks_at_most_a_few_cue_verbs_for_their_subject(monkeypatch):
    # in `“a” said “a” said …` no cue verb has a subject: each quotation asked all 45 in reach
    # (2.4 ms a quotation); the best ranked few are asked, as news never needed more than two
    asked: list[int] = []
    real_rule, real_subject = attribute.rule_cue_verb, attribute.subject_of

    def counting_rule(*args):
        asked.append(0)
        return real_rule(*args)

    def counting_subject(*args, **kwargs):
        asked[-1] += 1
        return real_subject(*args, **kwargs)
    monkeypatch.setattr(attribute, "rule_cue_verb", counting_rule)
    monkeypatch.setattr(attribute, "subject_of", counting_subject)
    find_quotes("“a” said " * 400, fast=False)
    assert len(asked) > 100 and max(asked) == attribute.MAX_CUE_TRIES
