#!/usr/bin/env python3
"""Words per second of the quote finder, end to end, on the PolNeAR train texts.

Runs `find_quotes_many` four times over the same texts: with lazy parsing (the model reads only
what find/plan.py chooses: the sentences with quotations and those around them that may name a
speaker, and the sentences with cue words whose reported speech the word patterns cannot read:
the default reading), lazily without reported speech (only the sentences for quotations: what
`check` runs),
without laziness (every paragraph parsed), and the fast reading (word patterns, no model: what
texts over 500 KB get, or --fast). One core: BLAS threads are pinned to 1 before numpy loads.
Model load is timed apart. Last, the lazy reading again with the texts shared among forked
workers, one per core (as the CLI's `quotes` does by default): its wall time is the figure.

    python3 bench/bench_find.py [--docs N] [--gold PATH]      # about two minutes for all 840
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

if "--installed" not in sys.argv:      # (read before argparse: it decides what is imported)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear" / "train.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=0, help="how many train articles (default 0: all 840)")
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--installed", action="store_true",
                    help="time the installed quotecheck (compiled by pip install .), not the checkout's source")
    args = ap.parse_args()
    if not args.gold.exists():
        print(f"bench_find: {args.gold} not found (the shared evaluation data sits beside the checkout)")
        return 2
    with args.gold.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    if args.docs:
        texts = texts[:args.docs]
    words = sum(len(t.split()) for t in texts)

    import quotecheck
    from quotecheck.find import find_quotes_many
    print(f"quotecheck {quotecheck.which_build()}: {Path(quotecheck.__file__).parent}")
    from quotecheck.find.parse import pipeline
    from quotecheck.parallel import usable_cores

    start = time.perf_counter()
    pipeline()
    load = time.perf_counter() - start
    print(f"model load: {load:.2f} s")
    print(f"texts: {len(texts)} PolNeAR train articles, {words} words (whitespace-separated)")
    runs = [("lazy parsing", True, True, False), ("lazy, no indirect", True, False, False),
            ("parse it all", False, True, False), ("fast (no model)", True, True, True)]
    print("wall: elapsed seconds; cpu: this process's CPU seconds (one thread), which other jobs on a")
    print("shared machine do not inflate")
    for label, lazy, indirect, fast in runs:
        start, cpu_start = time.perf_counter(), time.process_time()
        found = find_quotes_many(texts, lazy=lazy, indirect=indirect, fast=fast)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        n = sum(len(q) for q in found)
        kinds = "direct+partial+indirect" if indirect else "direct+partial"
        print(f"{label:<18}: wall {took:6.2f} s {words / took:8.0f} words/s | cpu {cpu:6.2f} s "
              f"{words / cpu:8.0f} words/s  ({n} quotes, {kinds})")
    cores = usable_cores()
    if cores > 1:
        start = time.perf_counter()
        found = find_quotes_many(texts, workers=cores)
        took = time.perf_counter() - start
        print(f"{'lazy, ' + str(cores) + ' workers':<18}: wall {took:6.2f} s {words / took:8.0f} words/s "
              f"({sum(len(q) for q in found)} quotes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
