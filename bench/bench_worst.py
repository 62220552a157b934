#!/usr/bin/env python3
"""Worst-case time of the finder and the matcher: does any input shape make them superlinear?

Finder: builds inputs of the requested sizes (default 1 and 10 MB; add 50 with --sizes 1,10,50)
in several shapes, natural news text and inputs made to defeat regular expressions, runs
`find_quotes` on each as the CLI does (texts over 500 KB are read fast, by word patterns) and
prints seconds, MB/s, seconds per MB and the peak memory so far; --full also times the parsed
reading of each. Each is timed in one process and again with the work shared among forked
workers, one per core, as the CLI does by default (--workers: the counts to time). Natural text comes from ../shared/eval/polnear when present, else from the
shipped corpus.

Parsed reading: a text up to 500 KB is parsed, unless it is denser than news in words or
quotation marks (find.too_dense_to_parse); for each shape, the longest text that is still parsed
is timed, the worst the default reading of a short text can cost (--no-parsed skips it).

Matcher: indexes a corpus into a temporary folder (deleted after): the first --news PolNeAR
train articles (default 400) when the shared data is present, else the shipped corpus; writes a
draft of the requested sizes (--check-sizes, default 1 and 10 MB) of paragraphs quoting the
corpus's distinct sentences in a shuffled order (every third one altered: a word changed or
dropped) between paragraphs of plain prose, and times `judge.check_document(draft, corpus)` (the
finder included: it finds the draft's quotes). `repeats` counts the quotes of a sentence the
draft quoted before, which the matcher's memos make cheaper.

    python3 bench/bench_worst.py [--sizes 1,10] [--shapes natural,marks,...] [--check-sizes 1,10]
    python3 bench/bench_worst.py --sizes '' --check-sizes 1      # the matcher alone

It times the checkout's source (plain Python) unless --installed: then the installed quotecheck,
compiled by `pip install .` (setup.py). The first line says which build runs.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if "--installed" not in sys.argv:      # (read before argparse: it decides what is imported)
    sys.path.insert(0, str(ROOT))

import quotecheck  # noqa: E402
from quotecheck.find import find_quotes, reads_fast  # noqa: E402
from quotecheck.parallel import usable_cores  # noqa: E402

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
    "quoted-words": lambda n, nat: repeat_to("“a” ", n),          # a quote every 4 characters
    "quoted-cues": lambda n, nat: repeat_to("“a” said ", n),      # …each with a cue verb
    "said-it": lambda n, nat: repeat_to("He said it. ", n),       # cue verbs the patterns cannot read
}


def sizes(option: str) -> list[float]:
    return [float(s) for s in option.split(",") if s.strip()]


def bench_finder(sizes_mb: list[float], shapes: list[str], workers: list[int], full: bool = False) -> None:
    nat = natural_text()
    find_quotes(nat[:20000])  # load the pipeline outside the timings
    print("finder: find_quotes(text, workers=…) as the CLI runs it (reading: parsed, or fast over 500 KB);")
    print("        --full also times the parsed reading of every size")
    print(f"{'shape':>16} {'MB':>4} {'reading':>7} {'workers':>7} {'seconds':>8} {'MB/s':>7} {'s/MB':>6} "
          f"{'quotes':>8} {'RSS MB':>7}")
    for size in sizes_mb:
        for name in shapes:
            text = SHAPES[name](int(size * MB), nat)
            for fast in ([None, False] if full else [None]):
                for n in workers:
                    t0 = time.perf_counter()
                    quotes = find_quotes(text, fast=fast, workers=n)
                    dt = time.perf_counter() - t0
                    reading = "fast" if reads_fast(text, fast) else "parsed"
                    print(f"{name:>16} {size:>4g} {reading:>7} {n:>7} {dt:8.2f} {size / dt:7.2f} {dt / size:6.2f} "
                          f"{len(quotes):>8} {rss_mb():>7.0f}", flush=True)
                    del quotes


def bench_parsed(shapes: list[str]) -> None:
    """The parsed reading's worst cases: for each shape, the longest text of it that is still
    parsed (reads_fast says no: under 500 KB, and no denser than news in words or quotation
    marks, find.too_dense_to_parse), timed as the CLI reads it."""
    nat = natural_text()
    find_quotes(nat[:20000])  # load the pipeline outside the timings
    print("parsed: the longest text of each shape that the parse still reads, read as the CLI does")
    print(f"{'shape':>16} {'KB':>6} {'seconds':>8} {'s/MB':>6} {'quotes':>7}")
    for name in shapes:
        size = _longest_parsed(SHAPES[name], nat)
        if size == 0:
            print(f"{name:>16} {'-':>6}   (no length of it is parsed)")
            continue
        text = SHAPES[name](size, nat)
        t0 = time.perf_counter()
        quotes = find_quotes(text)
        dt = time.perf_counter() - t0
        print(f"{name:>16} {size / 1000:>6.0f} {dt:8.2f} {dt / (size / MB):6.2f} {len(quotes):>7}", flush=True)


def _longest_parsed(make, nat: str, top: int = 500_000) -> int:
    """The greatest length (to 1,000 characters) at which make(length, nat) is parsed, 0 if none
    is: reads_fast's counts grow with the length, so a bisection finds it."""
    lo, hi = 0, top
    while hi - lo > 1000:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if not reads_fast(make(mid, nat)) else (lo, mid)
    return lo if lo and not reads_fast(make(lo, nat)) else 0


def rss_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the matcher ------------------------------------------------------------------------------

PROSE = ("The committee met on Tuesday to review the budget. Officials expected a vote by the end "
         "of the month, and several members asked for more time to study the figures.")


def corpus_sentences(folder: Path) -> list[str]:
    """Distinct sentences of the corpus that make plausible quotes (8 to 40 words, no double
    quotation marks)."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
    found = re.split(r"(?<=[.!?])\s+", re.sub(r"\s+", " ", text))
    return list(dict.fromkeys(s for s in found if 8 <= len(s.split()) <= 40 and not set(s) & set("\"“”")))


def altered(sentence: str, rng: random.Random) -> str:
    """The sentence with one word changed or dropped: what the matcher must flag."""
    words = sentence.split()
    i = rng.randrange(1, len(words) - 1)
    if rng.random() < 0.5:
        del words[i]
    else:
        words[i] = "entirely"
    return " ".join(words)


def draft_text(sentences: list[str], size: int, seed: int = 7) -> str:
    """About `size` characters of paragraphs: a quote of the corpus (every third one altered)
    attributed to a speaker, then a paragraph of prose."""
    rng, out, total, n = random.Random(seed), [], 0, 0
    while total < size:
        quote = sentences[n % len(sentences)]
        quote = altered(quote, rng) if n % 3 == 2 else quote
        para = f"“{quote.rstrip('.')},” the spokesperson said.\n\n{PROSE}\n\n"
        out.append(para)
        total += len(para)
        n += 1
    return "".join(out)


def matcher_sources(folder: Path, news: int) -> str:
    """Fill `folder` with the matcher's corpus and say what it is: `news` PolNeAR train articles
    when the shared data is there (distinct quotes for a long draft, and an index of realistic
    size), else the shipped corpus (25 sentences: a long draft quotes them again and again, and
    the matcher's memos make repeats cheap)."""
    polnear = ROOT.parent / "shared" / "eval" / "polnear" / "train.jsonl"
    if news and polnear.exists():
        with polnear.open(encoding="utf-8") as fh:
            for _, line in zip(range(news), fh):
                doc = json.loads(line)
                (folder / f"{doc['id']}.txt").write_text(doc["text"], encoding="utf-8")
        return f"{news} PolNeAR train articles"
    for source in (ROOT / "corpus").glob("*.txt"):
        shutil.copy(source, folder)
    return "the shipped corpus"


def bench_matcher(sizes_mb: list[float], news: int, workers: list[int]) -> None:
    from quotecheck.judge import check_document
    from quotecheck.model import Document
    from quotecheck.store import Corpus

    with tempfile.TemporaryDirectory(prefix="quotecheck-bench-") as tmp:
        what = matcher_sources(Path(tmp), news)
        corpus = Corpus.open(tmp)
        try:
            t0 = time.perf_counter()
            corpus.sync()
            indexed = time.perf_counter() - t0
            sentences = corpus_sentences(Path(tmp))
            random.Random(3).shuffle(sentences)
            check_document(Document("warm-up.txt", draft_text(sentences[-20:], 2000)), corpus)
            print(f"matcher: judge.check_document(draft, corpus) against {corpus.passage_count()} passages "
                  f"({what}, indexed in {indexed:.0f} s); {len(sentences)} distinct sentences to quote")
            print(f"{'MB':>6} {'workers':>7} {'seconds':>8} {'MB/s':>7} {'s/MB':>6} {'quotes':>7} {'flagged':>8} "
                  f"{'repeats':>8}")
            for size in sizes_mb:
                doc = Document("draft.txt", draft_text(sentences, int(size * MB)))
                for n in workers:
                    t0 = time.perf_counter()
                    findings = check_document(doc, corpus, workers=n)
                    dt = time.perf_counter() - t0
                    flagged = sum(f.verdict.is_misquote for f in findings)
                    repeats = max(0, len(findings) - len(sentences))   # quotes of a sentence quoted before
                    row = f"{size:>6g} {n:>7} {dt:8.2f} {size / dt:7.2f} {dt / size:6.2f}"
                    print(f"{row} {len(findings):>7} {flagged:>8} {repeats:>8}", flush=True)
        finally:
            corpus.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1,10", help="finder: comma-separated sizes in MB ('' to skip)")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="finder: comma-separated shapes")
    ap.add_argument("--check-sizes", default="1,10", help="matcher: comma-separated sizes in MB ('' to skip)")
    ap.add_argument("--news", type=int, default=400,
                    help="matcher: PolNeAR train articles to index as its corpus (0: the shipped corpus)")
    ap.add_argument("--full", action="store_true", help="finder: also time the parsed reading (slow: ~8 s/MB)")
    ap.add_argument("--parsed", action=argparse.BooleanOptionalAction, default=True,
                    help="finder: time the longest text of each shape that is still parsed (default: on)")
    ap.add_argument("--installed", action="store_true",
                    help="time the installed quotecheck (compiled by pip install .), not the checkout's source")
    cores = usable_cores()
    ap.add_argument("--workers", default=",".join(dict.fromkeys(["1", str(cores)])),
                    help=f"comma-separated worker counts to time (default: 1 and one per core, here {cores})")
    args = ap.parse_args()
    workers = [int(n) for n in args.workers.split(",") if n.strip()]
    print(f"quotecheck {quotecheck.which_build()}: {Path(quotecheck.__file__).parent}")
    if args.parsed:
        bench_parsed(args.shapes.split(","))
    if sizes(args.sizes):
        bench_finder(sizes(args.sizes), args.shapes.split(","), workers, args.full)
    if sizes(args.check_sizes):
        bench_matcher(sizes(args.check_sizes), args.news, workers)
    print(f"peak memory (max RSS) {rss_mb():.0f} MB of the main process (each worker is a fork of it); "
          f"{cores} usable cores, the spaCy pipeline loaded before timing")


if __name__ == "__main__":
    main()
