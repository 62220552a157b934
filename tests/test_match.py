"""Normalisation, pieces, retrieval and word alignment (quotecheck.text, quotecheck.retrieve,
quotecheck.match): table-driven."""
from __future__ import annotations

import pytest

from quotecheck import text
from quotecheck.match import align, best
from quotecheck.retrieve import retrieve
from quotecheck.store import Corpus, DocumentInfo, Passage

# --- normalisation: the same words whatever the marks, dashes, case --------------------------

SAME_WORDS = [
    ("didn’t", "didn't"),
    ("“We won,” she said", '"we WON," she said'),
    ("high-profile", "high – profile"),
    ("a really — a really", "a really - a really"),
    ("1,000 votes", "1000 votes"),
    ("café", "cafe"),
    ("  spaced\n\tout ", "spaced out"),
]


@pytest.mark.parametrize("a,b", SAME_WORDS)
def test_same_words_after_normalisation(a, b):
    assert text.norms(a) == text.norms(b)


DIFFERENT_WORDS = [("can", "can't"), ("will", "won't"), ("10", "100"), ("its", "it is")]


@pytest.mark.parametrize("a,b", DIFFERENT_WORDS)
def test_different_words_stay_different(a, b):
    assert text.norms(a) != text.norms(b)


def test_word_offsets_point_into_the_original():
    s = "He said: “I didn’t — really.” OK"
    for w in text.words(s):
        assert text.norm_word(s[w.start:w.end]) == w.norm
    assert [w.norm for w in text.words(s, offset=100)][0] == "he"
    assert text.words(s, offset=100)[0].start == 100


def test_sentence_ends_and_brackets():
    ws = text.words("It is late. [Trump] left, he said.")
    assert [w.norm for w in ws if w.ends_sentence] == ["late", "said"]
    assert [w.norm for w in ws if w.bracket] == ["trump"]


PIECES = [
    ("one two three", [["one", "two", "three"]]),
    ("one two … three four", [["one", "two"], ["three", "four"]]),
    ("one two... three", [["one", "two"], ["three"]]),
    ("one. . . two", [["one"], ["two"]]),
    ("… leading", [["leading"]]),
    ("", []),
]


@pytest.mark.parametrize("quote,expected", PIECES)
def test_pieces_split_on_ellipses(quote, expected):
    assert [p.norms for p in text.pieces(quote)] == expected


def test_long_paragraph_is_cut_into_passages():
    para = "This is a sentence of some length. " * 200
    spans = text.passages(para + "\n\nShort one.")
    assert len(spans) > 2
    assert all(e - s <= text.MAX_PASSAGE_CHARS for s, e in spans)
    assert para[spans[0][0]:spans[0][1]].endswith(".")


# --- alignment ------------------------------------------------------------------------------

SOURCE = ("“We will not raise taxes next year,” the governor said. “The budget is balanced, "
          "and in Tulsa the reserves are growing. In our state we keep our word.”")


def _passage(s: str = SOURCE) -> Passage:
    return Passage(1, DocumentInfo("/corpus/a.txt"), 1000, 1000 + len(s), s, "line 3")


ALIGN = [
    # draft, exact?, non-equal ops as (tag, source words, draft words)
    ("We will not raise taxes next year.", True, []),
    ("raise taxes next year", True, []),                       # a partial quote
    ("we WILL NOT raise taxes", True, []),
    ("We will raise taxes next year.", False, [("delete", ["not"], [])]),
    ("We will not lower taxes next year.", False, [("replace", ["raise"], ["lower"])]),
    ("We will not raise new taxes next year.", False, [("insert", [], ["new"])]),
    ("The budget is balanced, and the reserves are growing.", False,
     [("delete", ["in", "tulsa"], [])]),
    ("In our state we keep our word.", True, []),              # an earlier "In" must not capture it
    ("[The governor] will not raise taxes", True, []),         # a clarification is not a change
]


@pytest.mark.parametrize("draft,exact,changes", ALIGN)
def test_align(draft, exact, changes):
    a = align(text.words(draft), _passage())
    assert a.exact == exact
    got = [(o.tag, [w.norm for w in a.source[o.s1:o.s2]], [w.norm for w in a.draft[o.d1:o.d2]])
           for o in a.changes]
    assert got == changes


def test_alignment_offsets_are_source_file_offsets():
    a = align(text.words("raise taxes next year"), _passage())
    assert SOURCE[a.start - 1000:a.end - 1000] == "raise taxes next year"


def test_best_orders_exact_first():
    other = Passage(2, DocumentInfo("/corpus/b.txt"), 0, 30, "We will not raise fees next year.")
    ranked = best(text.words("We will not raise taxes next year"), [other, _passage()])
    assert ranked[0].passage.id == 1 and ranked[0].exact


# --- retrieval on a real (small) index ---------------------------------------------------------

@pytest.fixture()
def small_corpus(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text(SOURCE + "\n\nUnrelated paragraph about the weather and rain.\n",
                                encoding="utf-8")
    (root / "b.txt").write_text("Another source on fisheries, quotas and boats.\n", encoding="utf-8")
    with Corpus.open(root, index=tmp_path / "index.sqlite") as corpus:
        corpus.sync()
        yield corpus


RETRIEVE = [
    ("We will not raise taxes next year", True),               # exact phrase
    ("We will not lower taxes next year", True),               # one word changed: leave-one-out
    ("the reserves are growing in our state", True),           # …
    ("Completely different words about spaceships and moons", False),
]


@pytest.mark.parametrize("draft,found", RETRIEVE)
def test_retrieve(small_corpus, draft, found):
    got = retrieve(small_corpus, text.words(draft))
    assert any(p.document.path.endswith("a.txt") for p in got.passages) == found
    assert got.queries and got.searched == 3


# --- properties: any text, any quote: no exception, offsets inside the text ---------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

MARKS = st.sampled_from(list("\"'“”‘’«»„…[]—–-.,!? \n\t") + ["...", "n't", "1,000", "é", "\u0301", "🙂"])
TEXTS = st.lists(st.one_of(MARKS, st.text(min_size=0, max_size=8)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(min_value=0, max_value=50))
def test_words_offsets_always_inside(s, offset):
    for w in text.words(s, offset):
        assert offset <= w.start < w.end <= offset + len(s)
        assert w.norm and w.norm == text.norm_word(s[w.start - offset:w.end - offset])
    assert text.normalise(s) == " ".join(text.norms(s))


@settings(max_examples=300, deadline=None)
@given(TEXTS, TEXTS)
def test_align_never_raises_and_stays_in_the_passage(draft, source):
    p = Passage(1, DocumentInfo("/c/x.txt"), 10, 10 + len(source), source)
    for piece in text.pieces(draft):
        a = align(list(piece.words), p)
        if a.source:
            assert 10 <= a.start <= a.end <= 10 + len(source)
            assert sum(o.d2 - o.d1 for o in a.ops) == len(a.draft)


def test_the_rarest_window_is_the_first_with_the_lowest_total():
    # the phrase query takes the run of PHRASE_WINDOW words that the fewest passages hold; the
    # slid sums must choose exactly what summing every window afresh chooses, ties included
    import random

    from quotecheck.retrieve import PHRASE_WINDOW, _rarest_window

    def reference(segments, rarity):
        return min((seg[i:i + PHRASE_WINDOW] for seg in segments
                    for i in range(max(1, len(seg) - PHRASE_WINDOW + 1))),
                   key=lambda w: (sum(rarity[t] for t in w) / len(w) if len(w) >= PHRASE_WINDOW
                                  else float("inf"), -len(w)))

    rng = random.Random(5)
    for _ in range(500):
        vocab = [f"w{i}" for i in range(rng.randint(1, 12))]
        rarity = {w: rng.choice([0, 1, 1, 2, 5, 40]) for w in vocab}
        segments = [[rng.choice(vocab) for _ in range(rng.randint(1, 14))] for _ in range(rng.randint(1, 3))]
        assert _rarest_window(segments, rarity) == reference(segments, rarity)
    assert _rarest_window([], {}) is None


def test_words_read_the_same_with_or_without_an_accent_elsewhere():
    # plain ASCII is lowered in one go, other text word by word: the same words either way
    plain = "We DON'T stop at 1,000 (or 2.5) people. Right?"
    accented = "Café " + plain
    tail = text.words(accented)[1:]
    assert [(w.norm, w.start - 5, w.end - 5, w.ends_sentence) for w in tail] == \
        [(w.norm, w.start, w.end, w.ends_sentence) for w in text.words(plain)]
    assert [w.norm for w in text.words(plain)] == ["we", "dont", "stop", "at", "1000", "or", "25", "people", "right"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab é1,.!?'\"’”)[] \n", max_size=60), st.integers(0, 50))
def test_words_match_a_plain_reading(sample, offset):
    # the lean loop of text.words must read exactly what a word-by-word reading reads
    import bisect
    import re

    folded = text.fold(sample)
    brackets = [m.span() for m in re.finditer(r"\[[^\[\]]*\]", folded)]
    stops = {m.start() for m in re.finditer(r"[.!?]['\"\u2019\u201d)]*\s", folded + " ")}
    last = len(folded.rstrip())

    def ends_at(end):
        i = end
        while i < len(folded) and folded[i] in "'\")":
            i += 1
        return i in stops or (i < len(folded) and folded[i] in ".!?" and i + 1 >= last)

    expected = []
    for m in text._WORD.finditer(folded):
        norm = text._norm_folded(m.group())
        if norm:
            k = bisect.bisect_left([a for a, _ in brackets], m.start()) - 1
            inside = k >= 0 and m.start() < brackets[k][1]
            expected.append((norm, m.start() + offset, m.end() + offset, inside, ends_at(m.end())))
    assert [tuple(w) for w in text.words(sample, offset)] == expected


@pytest.mark.parametrize("text", [
    "We will not raise taxes next year.",
    "Don't say 'never': 1,000.5 people [sic] came — café, naïve, O'Neill.",
    "‘Quoted’ “marks” and… ellipses ... and a lone ' apostrophe",
    "",
])
def test_word_spans_are_where_the_words_are(text):
    from quotecheck.text import word_spans, words
    expected = [(w.start, w.end) for w in words(text)]
    assert word_spans(text, len(expected)) == expected
    # told the wrong number of words (a token with no normal form), it reads the words themselves
    assert word_spans(text + " x", len(expected)) == [(w.start, w.end) for w in words(text + " x")]


@pytest.mark.parametrize("draft", ["we will not raise taxes", "O'Neill said 1,000.5 people", "never came"])
def test_an_alignment_starts_and_ends_at_its_first_and_last_source_words(draft):
    source = "Mr. O'Neill said 1,000.5 people came. We will not raise taxes next year, he said."
    p = Passage(1, DocumentInfo("/c/x.txt"), 500, 500 + len(source), source, norm=text.normalise(source))
    a = align(text.words(draft), p)
    assert a.source, draft
    assert (a.start, a.end) == (a.source[0].start, a.source[-1].end)
    assert text.normalise(source[a.start - 500:a.end - 500]) == " ".join(w.norm for w in a.source)
