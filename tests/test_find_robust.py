"""The finder never raises, whatever the text, and its offsets always point into the text."""
from hypothesis import given, settings, strategies as st

from quotecheck.find import find_quotes
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
