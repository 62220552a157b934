"""A floor under the finder's accuracy on a slice of PolNeAR dev (read from ../shared, never copied).

The full figures come from ../shared/eval/score.py; this only catches a change that breaks the
finder badly, in a few seconds.
"""
import json
from pathlib import Path

import pytest

from quotecheck.find import find_quotes_many
from quotecheck.model import Kind

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "eval" / "polnear" / "dev.jsonl"
DOCS = 12

pytestmark = pytest.mark.skipif(not DEV.exists(), reason="../shared/eval/polnear is not beside the checkout")


def _iou(a, b):
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def _strip(text, s, e):
    junk = " \n\t\"'“”‘’.,;:!?—–-"
    while s < e and text[s] in junk:
        s += 1
    while e > s and text[e - 1] in junk:
        e -= 1
    return s, e


def test_quoted_segments_floor():
    with DEV.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh][:DOCS]
    found = find_quotes_many([d["text"] for d in docs])
    tp = n_pred = n_gold = 0
    for doc, quotes in zip(docs, found):
        text = doc["text"]
        gold = [_strip(text, s, e) for a in doc["attributions"] for s, e in a["quoted"]]
        pred = [_strip(text, sp.start, sp.end) for q in quotes if q.kind is not Kind.INDIRECT for sp in q.spans]
        n_gold += len(gold)
        n_pred += len(pred)
        tp += sum(1 for p in pred if any(_iou(p, g) >= 0.8 for g in gold))
    assert n_gold and tp / n_pred >= 0.8 and tp / n_gold >= 0.9, (tp, n_pred, n_gold)
