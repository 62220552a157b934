"""Quotation-mark pairing: positives and the negatives beside them (apostrophes, unclosed marks)."""
import pytest

from quotecheck.find.marks import find_segments

# (text, the quoted strings expected, in order)
CASES = [
    ('"Hello there," he said.', ["Hello there,"]),
    ("“Curly marks,” she said.", ["Curly marks,"]),
    ("''Wire copy,'' he said. ''Second part.''", ["Wire copy,", "Second part."]),
    ("``Backtick wire style,'' he said.", ["Backtick wire style,"]),
    ("«Guillemets» work too.", ["Guillemets"]),
    ("„Low opening mark“ as well.", ["Low opening mark"]),
    ("She called it ‘in their heads.’", ["in their heads."]),
    ('"Outer with “nested” inside," he said.', ["Outer with “nested” inside,"]),
    ('"First paragraph runs on\n\n"and closes here."', ["First paragraph runs on", "and closes here."]),
    # negatives: apostrophes and unclosed marks never make a quote, and never raise
    ("Don't touch Clinton's plan.", []),
    ("The ’90s were different from Sanders’ decade.", []),
    ("Rock 'n' roll in the '60s.", []),
    ('"Unclosed at the end', []),
    ('An unclosed "mark\n\nThen a plain paragraph.', []),
    ("'til the end of time", []),
    ("", []),
    ('"', []),
    ("''", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_segments(text, expected):
    assert [text[s.start:s.end] for s in find_segments(text)] == expected


def test_marks_excluded_from_spans():
    text = '“Yes,” she said.'
    (seg,) = find_segments(text)
    assert text[seg.open_mark.start:seg.open_mark.end] == "“"
    assert text[seg.close_mark.start:seg.close_mark.end] == "”"


def test_continuation_paragraph_is_flagged():
    text = '"One.\n\n"Two."'
    first, second = find_segments(text)
    assert first.close_mark is None and second.continues


def test_a_run_of_marks_is_decoration_and_the_quotes_around_it_are_found():
    from quotecheck.find.marks import find_segments
    text = "“Hello,” he said. " + "“”‘’\"'«»„" * 3 + " “Goodbye,” she said."
    found = [text[s.start:s.end] for s in find_segments(text)]
    assert found == ["Hello,", "Goodbye,"]
    assert find_segments("“" * 9) == []
    eight = "“a” " + "”" * 8
    assert [eight[s.start:s.end] for s in find_segments(eight)] == ["a"]


# --- the one-regex pairing of paragraphs with curly double marks only (marks._Curly) ----------

from hypothesis import given, settings, strategies as st   # noqa: E402

import quotecheck.find.marks as marks   # noqa: E402


def _by_the_rules(text):
    """find_segments with every paragraph paired by the general rules."""
    real = marks._read_ahead
    marks._read_ahead = marks._Marked
    try:
        return find_segments(text)
    finally:
        marks._read_ahead = real


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="“”’ a.,\n", max_size=60))
def test_curly_paragraphs_pair_as_the_rules_pair_them(text):
    assert find_segments(text) == _by_the_rules(text)


@pytest.mark.parametrize("text", [
    "“One,” he said. “Two “three” four” five.\n\n“Runs on\n\n“and on\n\n“closes.”",
    "“Open at the end\n\nplain paragraph",
    "Sanders’ plan, “quoted” and ’90s.",
    "“Mixed” with \"straight\" marks and ‘single’ ones.",     # not curly only: the rules
    "“”“”“”“”“”“” a run of marks, then “a quote.”",           # a run: the rules skip it
])
def test_curly_paragraphs_worked_examples(text):
    assert find_segments(text) == _by_the_rules(text)
