"""The pipeline as quotecheck runs it (quotecheck/nlp.py): the shipped weights, computed faster,
must give the same parse as the shipped pipeline."""
import numpy
import pytest
import spacy

from quotecheck import nlp
from quotecheck.find.parse import DISABLED

TEXT = ("Microsoft is investing $1 billion in OpenAI, the San Francisco lab, the companies said on "
        "Monday. “We believe that the creation of beneficial AGI will be the most important "
        "technological development in human history,” Sam Altman, OpenAI's chief executive, said "
        "in a statement. Mr. Altman added that the partnership would run for years; Satya "
        "Nadella, Microsoft’s chief, called it “a big step.”\n\nWASHINGTON (AP) — 12,000 people "
        "signed; 3.5% didn't. See https://example.com or mail a@b.org ;-) — ok?")


def _shipped():
    """The pipeline as spaCy loads it, with only the matrix products moved to numpy."""
    for name in nlp.MODEL_NAMES:
        try:
            return nlp.with_numpy_matmul(spacy.load(name, disable=list(DISABLED)))
        except OSError:
            continue
    pytest.skip("no English pipeline installed")


def test_the_folded_embeddings_are_in_use():
    names = [layer.name for layer in nlp.load(DISABLED).get_pipe("tok2vec").model.layers[0].layers]
    assert any("folded_embeddings" in name for name in names)


def test_folded_embeddings_parse_as_the_shipped_pipeline():
    shipped, folded = _shipped(), nlp.load(DISABLED)
    texts = [TEXT, TEXT.upper(), TEXT.replace(" ", "  "), "", "   ", "Yes."]
    for a, b in zip(shipped.pipe(texts), folded.pipe(texts)):
        assert [(t.text, t.tag_, t.dep_, t.head.i) for t in a] == [(t.text, t.tag_, t.dep_, t.head.i) for t in b]
        if len(a):
            assert numpy.allclose(a.tensor, b.tensor, atol=1e-4)


def test_a_pipeline_of_another_shape_is_left_as_it_is():
    blank = spacy.blank("en")
    assert nlp.with_folded_embeddings(blank) is blank
    assert [t.text for t in blank("It works.")] == ["It", "works", "."]
