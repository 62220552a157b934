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
