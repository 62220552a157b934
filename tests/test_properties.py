"""Property-based tests: the finder never crashes and its offsets always hold, whatever the text."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quotecheck.find as finder
from quotecheck.find import find_quotes
from quotecheck.model import Kind

MARKS = ["“", "”", "‘", "’", '"', "'", "«", "»", "„", "``", "''", "‹", "›", "「", "」"]
WORDS = ["the", "plan", "is", "dead", "don't", "’90s", "Sanders’", "Sam Altman", "Mr. Altman", "he",
         "she", "said", "told reporters", "according to", "Nadella:", "—", "–", "…", ",", ".", ":",
         "Microsoft", "OpenAI", "We", "will", "not", "A.I.", "$1 billion", "U.S."]
ODD = ["\u0000", "\u0007", "\u200b", "\u200f", "\u202e", "שלום", "مرحبا", "e\u0301", "👍🏽", "🏳️‍🌈",
       "\ufeff", "\t", "\r\n", "\u2028", "\u00a0"]
PIECE = st.one_of(st.sampled_from(MARKS), st.sampled_from(WORDS), st.sampled_from(ODD),
                  st.sampled_from([" ", " ", " ", "\n", "\n\n", "\n\n\n"]), st.text(max_size=6))
TEXTS = st.lists(PIECE, max_size=120).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_invariants(text: str, fast: bool | None = None) -> None:
    quotes = find_quotes(text, fast=fast)
    for q in quotes:
        assert q.spans, "a quote has at least one span"
        previous_end = -1
        for span in q.spans:
            assert 0 <= span.start < span.end <= len(text)
            assert span.start >= previous_end, "spans ordered and non-overlapping"
            previous_end = span.end
        assert " ".join(text[s.start:s.end] for s in q.spans) == q.text
        for mention in (q.speaker_mention, q.cue):
            if mention is not None:
                assert 0 <= mention.start < mention.end <= len(text)
                assert text[mention.start:mention.end] == mention.text
        assert 0.0 <= q.confidence <= 1.0
    marked = sorted((s.start, s.end) for q in quotes if q.kind is not Kind.INDIRECT for s in q.spans)
    for (_, end), (start, _) in zip(marked, marked[1:]):
        assert end <= start, "quoted spans of different quotes never overlap"
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


@SETTINGS
@given(TEXTS)
def test_finder_invariants_on_mixed_marks(text):
    check_invariants(text)


@SETTINGS
@given(TEXTS)
def test_fast_reading_invariants_on_mixed_marks(text):
    check_invariants(text, fast=True)


@SETTINGS
@given(TEXTS)
def test_fast_reading_in_small_windows_keeps_the_invariants(text):
    """Windows of 40 characters cut quotations and paragraphs anywhere: offsets still hold."""
    saved = finder.WINDOW_CHARS
    finder.WINDOW_CHARS = 40
    try:
        check_invariants(text, fast=True)
    finally:
        finder.WINDOW_CHARS = saved


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(MARKS + [" "])), max_size=80))
def test_finder_invariants_on_mark_heavy_text(pairs):
    check_invariants(" ".join(w + m for w, m in pairs))


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_finder_invariants_on_arbitrary_unicode(text):
    check_invariants(text)


def test_finder_survives_very_long_paragraphs_and_runs_of_marks():
    for text in ["“" * 5000, "\"" * 5001, " " * 20000, "Word " * 5000, "“a ” " * 2000,
                 ("He said “" + "x " * 3000) * 3, "\n\n".join(["“unclosed"] * 500)]:
        check_invariants(text)
        check_invariants(text, fast=True)


# News-shaped text: quotations, cue words, names, titles, days, participles and commas in the
# orders the word patterns read (a lower-case word between an inverted cue and a comma once
# crashed the subject search: `said veteran, Smith`).
NEWS = ["“", "”", '"', ",", ".", ":", ";", "—", "(", ")", "\n\n", "said", "says", "told", "adding",
        "saying", "asked", "according to", "wrote", "added", "calling", "he", "she", "they", "it",
        "the", "a", "his", "her", "veteran", "senator", "campaign", "statement", "blog post", "in",
        "on", "of", "at", "later", "Thursday", "last month", "In", "At", "But", "Hours", "Speaking",
        "Sen.", "Rep.", "Mr.", "Smith", "Ann Lee", "Sam Altman", "Nadella", "WASHINGTON (AP) —",
        "United States", "Post", "Washington", "(D-Va.)", "who", "that", "Yes", "We will win",
        "it is over", "1,000", "’s"]
WORD = st.sampled_from(NEWS)
QUOTED = st.lists(WORD, min_size=1, max_size=6).map(lambda ws: "“" + " ".join(ws) + ",”")
# a sentence as attributions go: words, a quotation, a cue, a few words, maybe a comma, more words
SENTENCE = st.tuples(st.lists(WORD, max_size=4), QUOTED, st.sampled_from(NEWS[11:22]),
                     st.lists(WORD, max_size=3), st.sampled_from(["", ","]), st.lists(WORD, max_size=4)
                     ).map(lambda p: " ".join([*p[0], p[1], p[2], *p[3], p[4], *p[5]]) + ".")
NEWS_TEXTS = st.lists(st.one_of(SENTENCE, WORD), max_size=12).map(" ".join)


@SETTINGS
@given(NEWS_TEXTS)
def test_fast_reading_invariants_on_news_shaped_text(text):
    check_invariants(text, fast=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWS_TEXTS)
def test_parsed_reading_invariants_on_news_shaped_text(text):
    check_invariants(text, fast=False)
