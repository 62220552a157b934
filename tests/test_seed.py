"""The article the project started from: its five quotations and who said them."""
from __future__ import annotations

from quotecheck import readers
from quotecheck.find import find_quotes
from quotecheck.model import Kind

from conftest import ROOT

SEED = ROOT / "corpus" / "fortune-2019-07-22-microsoft-openai.txt"

EXPECTED = [  # (opening words, speaker) in article order
    ("The creation of Artificial General Intelligence", "Sam Altman"),
    ("It’s crucial that AGI is deployed safely", "Sam Altman"),  # continuation, no cue of its own
    ("democratize A.I.", "Satya Nadella"),
    ("We chose Microsoft as our cloud partner", "Greg Brockman"),
    ("We believe we can work with Microsoft", "Greg Brockman"),
]


def quoted(quotes):
    return [q for q in quotes if q.kind is not Kind.INDIRECT]


def quoted_segments(text: str):
    """(segment text, speaker) for every quoted span: a split quote gives one row per piece."""
    return [(text[s.start:s.end], q.speaker) for q in quoted(find_quotes(text)) for s in q.spans]


def test_seed_article_quotes_and_speakers():
    doc = readers.read(SEED)
    segments = quoted_segments(doc.text)
    assert [(seg[:len(w)], who) for (seg, who), (w, _) in zip(segments, EXPECTED)] == EXPECTED
    assert len(segments) == len(EXPECTED)


def test_seed_offsets_point_into_the_file_as_written():
    doc = readers.read(SEED)
    raw = SEED.read_text(encoding="utf-8")
    for q in quoted(find_quotes(doc.text)):
        for span in q.spans:
            assert raw[span.start:span.end] in q.text
        assert q.speaker_mention is not None
        assert raw[q.speaker_mention.start:q.speaker_mention.end] == q.speaker_mention.text


def test_seed_metadata_comes_from_front_matter():
    doc = readers.read(SEED)
    assert doc.date == "2019-07-22"
    assert doc.outlet.startswith("Fortune")
    assert "---" not in doc.text[:10] and len(doc.text) == len(SEED.read_text(encoding="utf-8"))
