"""The pipeline as quotecheck runs it (quotecheck/nlp.py): the shipped weights, computed faster
(numpy's matrix products and maxout, the embedding tables folded into the first layer), must
give the same parse as the shipped pipeline."""
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
    """The pipeline as spaCy loads it."""
    for name in nlp.MODEL_NAMES:
        try:
            return spacy.load(name, disable=list(DISABLED))
        except OSError:
            continue
    pytest.skip("no English pipeline installed")


def test_the_folded_embeddings_are_in_use():
    names = [layer.name for layer in nlp.load(DISABLED).get_pipe("tok2vec").model.layers[0].layers]
    assert any("folded_embeddings" in name for name in names)


def test_the_encoders_maxout_layers_are_stored_piece_by_piece():
    maxouts = [n for n in nlp.load(DISABLED).get_pipe("tok2vec").model.walk() if n.name == "maxout"]
    assert len(maxouts) == 4 and all(type(n.ops).__name__ == "PieceMajorOps" for n in maxouts)


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


@pytest.mark.parametrize("flag_value", [1, 2])    # 2: no combination covers it, every row is summed
def test_folded_embeddings_compute_the_shipped_layers(flag_value):
    shipped = _shipped().get_pipe("tok2vec").model.layers[0]
    folded = nlp.load(DISABLED).get_pipe("tok2vec").model.layers[0]
    rng = numpy.random.default_rng(7)
    X = rng.integers(0, 2**63, size=(50, 6), dtype="uint64")
    X[:, 4:] = rng.integers(0, 2, size=(50, 2))
    X[0, 4] = flag_value
    expected = shipped.layers[3].predict(shipped.layers[2].predict(X))
    assert numpy.allclose(folded.layers[2].predict(X), expected, atol=1e-4)
