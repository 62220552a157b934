#!/usr/bin/env python3
"""Worst-case time of the finder: does any input shape make it superlinear?

Builds inputs of the requested sizes (default 1 and 10 MB; add 50 with --sizes 1,10,50) in several
shapes, natural news text and inputs made to defeat regular expressions, runs `find_quotes` on each
and prints seconds, MB/s and seconds per MB. Natural text comes from ../shared/eval/polnear when
present (never copied anywhere), else from the shipped corpus.

    python3 bench/bench_worst.py [--sizes 1,10] [--shapes natural,marks,...]
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotecheck.find import find_quotes  # noqa: E402

MB = 1_000_000


def natural_text() -> str:
    polnear = ROOT.parent / "shared" / "eval" / "polnear" / "train.jsonl"
    if polnear.exists():
        with polnear.open(encoding="utf-8") as fh:
            return "\n\n".join(json.loads(line)["text"] for _, line in zip(range(200), fh))
    return (ROOT / "corpus" / "fortune-2019-07-22-microsoft-openai.txt").read_text(encoding="utf-8")


def repeat_to(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


SHAPES = {
    "natural": lambda n, nat: repeat_to(nat + "\n\n", n),
    "one-paragraph": lambda n, nat: repeat_to(nat.replace("\n", " ") + " ", n),
    "marks": lambda n, nat: repeat_to("“\"‘'«„", n),
    "unclosed": lambda n, nat: repeat_to("“He said it was fine, ", n),
    "spaces": lambda n, nat: "“" + " " * (n - 2) + "”",
    "capitals": lambda n, nat: repeat_to("Sam Altman Satya Nadella Greg Brockman Said ", n),
    "cues": lambda n, nat: repeat_to("“Yes,” he said. “No,” said she. ", n),
    "tiny-paragraphs": lambda n, nat: repeat_to("“a”\n\n", n),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1,10", help="comma-separated sizes in MB")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes")
    args = ap.parse_args()
    nat = natural_text()
    find_quotes(nat[:20000])  # load the pipeline outside the timings
    print(f"{'shape':>16} {'MB':>4} {'seconds':>8} {'MB/s':>7} {'s/MB':>6} {'quotes':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        for name in args.shapes.split(","):
            text = SHAPES[name](size * MB, nat)
            t0 = time.perf_counter()
            quotes = find_quotes(text)
            dt = time.perf_counter() - t0
            print(f"{name:>16} {size:>4} {dt:8.2f} {size / dt:7.2f} {dt / size:6.2f} {len(quotes):>8}", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS) {peak:.0f} MB; find_quotes on one core, pipeline loaded before timing")


if __name__ == "__main__":
    main()
