"""What the lazy reading sends to the model: only the stretches a rule will read (find/parse.py).

Every token parsed costs time (the model reads a few thousand words a second), so a sentence that
no rule reads must not be parsed; and every sentence a rule reads must be."""
import pytest

import quotecheck.find as finder
from quotecheck.find import _possible_quotes, find_quotes
from quotecheck.find.marks import find_segments, paragraphs
from quotecheck.find.plan import Triggers, plan
from quotecheck.find.sentences import Sentences


def _planned(text):
    """The whole-paragraph stretches and the single sentences the lazy reading parses."""
    paras = paragraphs(text)
    segments = find_segments(text, paras)
    quotable = {0} | {s.paragraph for s in _possible_quotes(text, paras, segments)}
    triggers = Triggers(text)
    read = {m.sentence.start for m in finder._pattern_matches(text, paras, Sentences(text), triggers)}
    job = plan(text, paras, segments, True, True, quotable, triggers, read)
    return [text[p.start:p.end] for p in job.paragraphs], [text[s.start:s.end] for s in job.sentences]


@pytest.mark.parametrize("text, any_trigger, strong", [
    ("The mayor said the wall was a waste.", True, True),
    ("The two states split the cost.", True, False),          # `states`: rarely reported speech
    ("The measure was put to a vote.", True, False),
    ("The states said the cost was fair.", True, True),       # a strong word beside a weak one
    ("The budget passed on Tuesday.", False, False),
])
def test_weak_trigger_words_alone_do_not_send_a_sentence_to_the_parser(text, any_trigger, strong):
    triggers = Triggers(text)
    assert triggers.within(0, len(text)) is any_trigger
    assert triggers.within(0, len(text), strong=True) is strong


def test_only_sentences_with_a_strong_trigger_word_are_parsed_outside_quotations():
    text = ("Headline\n\nThe two states split the cost of the new bridge. The measure was put to a "
            "vote in May. It is a question of money for the town.\n\n"
            "The council, which the mayor said was slow, met.")
    assert _planned(text) == ([], ["The council, which the mayor said was slow, met."])


def test_a_paragraph_with_quotations_is_parsed_in_runs_of_the_sentences_its_rules_read():
    text = ('Headline\n\n"We won," Ann Lee said. The hall was full. The band played late. '
            'Later the lights went out.\n\n'
            'The hall was empty. Ann Lee spoke last. "We lost," she said. The band played on.')
    whole, single = _planned(text)
    assert whole == [
        '"We won," Ann Lee said.',                    # the quotation's sentence
        "Later the lights went out.",                 # the last before a paragraph that quotes
        '"We lost," she said.',        # not the sentence before: the quotation has its own cue
    ]
    assert single == []
    assert [(q.text, q.speaker) for q in find_quotes(text)] == [("We won,", "Ann Lee"), ("We lost,", "Ann Lee")]


def test_the_sentence_before_a_quotation_without_a_cue_word_is_parsed_with_it():
    text = 'Headline\n\nThe hall was empty. Ann Lee spoke to the crowd. "We lost the vote and we know why."'
    whole, _ = _planned(text)
    assert whole == ['Ann Lee spoke to the crowd. "We lost the vote and we know why."']
    assert [(q.speaker, q.rule) for q in find_quotes(text)] == [("Ann Lee", "previous_sentence")]


def test_a_sentence_the_patterns_read_is_left_to_them_inside_a_paragraph_with_quotations():
    text = 'Headline\n\n"It is over," Ann Lee said. The hall was full. Tom Jones said the plan was dead.'
    whole, _ = _planned(text)
    assert whole == ['"It is over," Ann Lee said.']
    reported = [q for q in find_quotes(text) if q.text == "the plan was dead"]
    assert [(q.speaker, q.rule) for q in reported] == [("Tom Jones", "reported_clause")]


@pytest.mark.parametrize("fast", [False, True])
def test_reported_speech_has_its_paragraph_as_context_like_a_quotation(fast):
    para = '"It is over," Ann Lee said. The hall was full. Tom Jones said the plan was dead.'
    quotes = find_quotes("Headline\n\n" + para + "\n\nThe end came soon.", fast=fast)
    assert [q.kind.value for q in quotes] == ["direct", "indirect"]
    assert all(q.context == para for q in quotes)


@pytest.mark.parametrize("next_paragraph, last_parsed", [
    ('"We lost the vote and we know why."', True),     # no cue: the paragraph before may name her
    ('"We lost the vote," she said.', False),           # its own cue names her
])
def test_a_paragraphs_last_sentence_is_parsed_when_the_next_quotation_has_no_cue(next_paragraph, last_parsed):
    text = f'Headline\n\n"We won," Ann Lee said. Later the lights went out.\n\n{next_paragraph}'
    whole, _ = _planned(text)
    first = '"We won," Ann Lee said.'
    assert whole == [first + " Later the lights went out." if last_parsed else first, next_paragraph]


def test_in_a_long_paragraph_only_its_last_sentence_is_parsed_as_the_lead():
    prose = "The board met again on Tuesday and nothing much happened at all. "
    long_paragraph = '"We won," Ann Lee said. ' + prose * 60 + "Ann Lee then spoke to the crowd."
    text = f'Headline\n\n{long_paragraph}\n\n"We lost the vote and we know why."'
    whole, _ = _planned(text)
    assert whole == ['"We won," Ann Lee said.', "Ann Lee then spoke to the crowd.",
                     '"We lost the vote and we know why."']
    assert [q.speaker for q in find_quotes(text)] == ["Ann Lee", "Ann Lee"]


# --- masking: what the model reads of a long quotation, and how its offsets come back ---------

from quotecheck.find.parse import Cuts, masked, parse_many, unglued   # noqa: E402
from quotecheck.find.plan import MASK_WORD                        # noqa: E402


def _masked(text):
    paras = paragraphs(text)
    segments = find_segments(text, paras)
    job = plan(text, paras, segments, True, True)
    return masked(text, paras[0], job.masks), job


def test_a_long_quotation_is_masked_without_padding_and_its_cut_remembered():
    text = "“We will not raise taxes on working families this year,” Mayor Ann Lee said."
    (body, cuts), _ = _masked(text)
    assert body == f"“{MASK_WORD},” Mayor Ann Lee said."
    assert " " * 2 not in body                 # no run of spaces: it would be a token of its own
    # every position after the mask maps back to the same character of the user's text
    after = body.index("Mayor")
    assert text[cuts.start(after):cuts.start(after) + 5] == "Mayor"
    assert cuts.start(0) == 0 and cuts.end(len(body)) == len(text)


def test_a_short_or_lower_case_quotation_is_not_masked():
    text = "Ann Lee called the plan “a waste,” and “we will not pay for it” was her line."
    (body, cuts), _ = _masked(text)
    assert body == text and cuts == Cuts()


@pytest.mark.parametrize("i, start, end", [
    (0, 0, 0), (5, 5, 5),          # before the first cut: unchanged
    (12, 30, 12),                  # at a cut: a start after what was cut, an end before it
    (13, 31, 31), (20, 38, 38),    # after it: shifted by what was cut
    (25, 50, 43), (26, 51, 51),    # a second cut adds to the first
])
def test_cuts_map_parsed_positions_to_the_users_offsets(i, start, end):
    cuts = Cuts(at=(12, 25), gone=(18, 25))
    assert cuts.start(i) == start and cuts.end(i) == end


def test_offsets_after_masked_quotations_are_the_users_offsets():
    text = ("“We will not raise taxes on working families this year,” Mayor Ann Lee said on "
            "Tuesday. “Nor will we cut the budget for the schools of this city,” she added, "
            "according to the Daily Star.")
    paras = paragraphs(text)
    segments = find_segments(text, paras)
    job = plan(text, paras, segments, True, True)
    assert len(job.masks) == 2
    [parsed] = parse_many([text], [job])
    [pp] = parsed.all()
    for tok in pp.doc:
        if tok.text not in MASK_WORD.split():
            assert text[pp.offset(tok):pp.end_offset(tok)] == tok.text
    for sent in pp.sents:       # sentences too, with the user's words in them
        assert text[pp.start_of(sent):pp.end_of(sent)].startswith("“")
    second = text.index("“Nor")
    assert [pp.start_of(s) for s in pp.sents_between(0, second)] == [0]
    assert [pp.start_of(s) for s in pp.sents_between(second, len(text))] == [second]
    assert pp.start_of(pp.sent_from(1)) == second and pp.sent_before(second) is pp.sents[0]
    quotes = find_quotes(text)
    assert [q.speaker for q in quotes[:2]] == ["Ann Lee", "Ann Lee"]
    for q in quotes:
        for mention in (q.cue, q.speaker_mention):
            if mention is not None:
                assert text[mention.start:mention.end] == mention.text


@pytest.mark.parametrize("body, parsed", [
    ("Ryan said,“Look at this.”", "Ryan said, Look at this.”"),
    ("“It is over.”― Pamela Padilla", "“It is over.”— Pamela Padilla"),   # a bar the tokenizer keeps
    ("“It is over.” — Pamela Padilla", "“It is over.” — Pamela Padilla"),
    ("He said “no.”", "He said “no.”"),
])
def test_what_the_tokenizer_would_glue_is_unglued_in_the_same_length(body, parsed):
    assert unglued(body) == parsed and len(unglued(body)) == len(body)
