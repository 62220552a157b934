"""The finder never raises, whatever the text, and its offsets always point into the text."""
import pytest
from hypothesis import example, given, settings, strategies as st

from quotecheck.find import find_quotes, patterns
from quotecheck.find.marks import find_segments

PIECES = list("ab C.,:;!?-—\n'\"“”‘’«»„`") + ["''", "``", " said", " he", "Ann Lee", " Mr."]
MARKY = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(MARKY)
def test_marks_never_raise_and_stay_in_bounds(text):
    for seg in find_segments(text):
        assert 0 <= seg.start < seg.end <= len(text)


@settings(max_examples=40, deadline=None)
@given(MARKY)
def test_finder_never_raises(text):
    for q in find_quotes(text):
        assert all(0 <= s.start < s.end <= len(text) for s in q.spans)
        assert 0.0 <= q.confidence <= 1.0


# --- shortcuts of the fast reading: each must give what the longer way gives ------------------

WORDY = st.lists(st.sampled_from(PIECES + [" ", "  ", "\t", "é", "ß", "x’s", "U.S.", "A&B", "co-op", "٣"]),
                 max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(WORDY, st.data())
def test_tokens_found_by_findall_are_those_of_the_word_pattern(text, data):
    from quotecheck.find.subjects import WORD, tokens
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    expected = [(m.group(), m.start(), m.end()) for m in WORD.finditer(text, lo, hi)]
    assert [(t.text, t.start, t.end) for t in tokens(text, lo, hi)] == expected
    assert [(t.text, t.start, t.end) for t in tokens(text, lo, hi, 3)] == expected[:3]


@settings(max_examples=150, deadline=None)
@given(WORDY)
def test_opens_within_answers_as_words_before_does(text):
    from quotecheck.find.marks import paragraphs
    from quotecheck.find.sentences import Sentences
    sents = Sentences(text)
    for para in paragraphs(text):
        for offset in range(para.start, para.end + 1):
            for most in (1, 3, 80):
                toks, whole = Sentences(text).words_before(para, offset, most)
                assert sents.opens_within(para, offset, most) == bool(toks and whole)


QUOTEY = st.lists(st.sampled_from(["“We will win,”", "“a”", "“Yes”", '"No,"', "‘so’", " ", "  ", ", ", ". ",
                                    "”", "’", '"', "“", "‘", " said Ann Lee", " Ann Lee said", " he said",
                                    " called it", " the show", "\n\n", ":", " Trump"]),
                  max_size=25).map("".join)


@pytest.mark.skipif(not patterns.__file__.endswith(".py"),
                    reason="a compiled caller does not see a monkeypatched callee (README)")
@settings(max_examples=300, deadline=None)
@given(QUOTEY)
@example("Ann Lee said “ “a so” and more.")          # a cue before a mark that opens nothing
@example("“We will win” , said Ann Lee.")               # a cue after a comma that stands apart
def test_the_patterns_attribute_as_they_would_without_their_shortcuts(text):
    """_trailing and _leading stop at once when another quotation's mark stands next to the
    quotation (and _writers_sentence when its sentence opens too far before it): the same
    attributions as reading the words around it."""
    def attributions():
        found = find_quotes(text, fast=True)
        return [(q.spans, q.speaker, q.cue, q.rule) for q in found]

    shortcut = attributions()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(patterns, "_next_char", lambda text, at, hi: "")
        m.setattr(patterns, "_previous_char", lambda text, lo, at: "")
        m.setattr(patterns.Sentences, "opens_within", lambda self, para, offset, most: True)
        assert attributions() == shortcut
