"""Corpus benchmark: indexing throughput, index size, `check` latency per quote and peak memory
at 10k, 100k and 1M passages.

    python3 bench/bench_corpus.py [--sizes 10000,100000,1000000] [--workdir /tmp/quotecheck-bench]
                                  [--quotes 300] [--finder-at 10000]

Corpora are built from the PolNeAR train articles (../shared/eval/polnear/train.jsonl), repeated
with variation (each copy swaps or replaces a few words per paragraph and gets its own date), and
written under --workdir (never into ../shared). Indexing runs the store alone (the finder stubbed
out) at every size, so the figure is the index's own; with the real finder only at --finder-at
sizes (the spaCy pipeline, ~5k words/s, dominates there). Check latency is measured on quotes
drawn from the corpus (exact, one word changed, three words dropped) and on quotes from the
PolNeAR dev articles (not in the corpus); each size's checks run in a fresh process so that its
peak memory (ru_maxrss and Python's tracemalloc peak) is that of checking alone.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
SHARED = HERE.parents[2] / "shared" / "eval" / "polnear"
sys.path.insert(0, str(HERE.parents[1]))


def load_articles(name: str) -> list[dict]:
    path = SHARED / name
    if not path.exists():
        sys.exit(f"bench_corpus: {path} not found (the PolNeAR texts live in ../shared/eval/polnear)")
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def vary(text: str, rng: random.Random, vocab: list[str]) -> str:
    """A near-copy: in each paragraph swap two neighbouring words or replace one."""
    out = []
    for para in text.split("\n"):
        words = para.split(" ")
        if len(words) > 6:
            i = rng.randrange(1, len(words) - 2)
            if rng.random() < 0.5:
                words[i], words[i + 1] = words[i + 1], words[i]
            else:
                words[i] = rng.choice(vocab)
        out.append(" ".join(words))
    return "\n".join(out)


def build(folder: Path, passages: int, articles: list[dict], seed: int = 1) -> int:
    """Write copies of the articles until the corpus holds about `passages` paragraphs."""
    from quotecheck.text import passages as split_passages

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    vocab = " ".join(a["text"] for a in articles[:50]).split()
    total, copy = 0, 0
    while total < passages:
        for art in articles:
            text = art["text"] if copy == 0 else vary(art["text"], rng, vocab)
            year = 2016 - copy % 20
            meta = f"---\ntitle: {art['title']} ({copy})\ndate: {year}{art['date'][4:]}\n---\n"
            sub = folder / f"{copy:03d}"
            sub.mkdir(exist_ok=True)
            (sub / f"{art['id']}.txt").write_text(meta + text, encoding="utf-8")
            total += len(split_passages(text))
            if total >= passages:
                break
        copy += 1
    return total


def index(folder: Path, index_path: Path, finder: bool) -> dict:
    from quotecheck import store, store_sync

    if index_path.exists():
        for p in index_path.parent.glob(index_path.name + "*"):
            p.unlink()
    if not finder:  # the store's own cost: no quotes extracted
        store_sync._find_all = lambda docs, report: [[] for _ in docs]
    t0 = time.perf_counter()
    with store.Corpus.open(folder, index=index_path) as corpus:
        report = corpus.sync()
        seconds = time.perf_counter() - t0
        stats = corpus.stats()
    return {"passages": stats.passages, "documents": stats.documents, "seconds": seconds,
            "passages_per_s": stats.passages / seconds, "index_mb": stats.index_bytes / 1e6,
            "errors": len(report.errors)}


def make_quotes(folder: Path, n: int, seed: int = 2) -> list[dict]:
    """Quotes to check: corpus sentences as they are, with one word changed, with words dropped,
    and sentences from articles outside the corpus."""
    from quotecheck import readers
    from quotecheck.text import words

    rng = random.Random(seed)
    files = sorted(folder.rglob("*.txt"))
    sentences = []
    while len(sentences) < n:
        text = readers.read(rng.choice(files)).text
        cands = [s.strip() for para in text.split("\n") for s in para.split(". ")
                 if 8 <= len(s.split()) <= 40]
        if cands:
            sentences.append(rng.choice(cands))
    outside = [a["text"] for a in load_articles("dev.jsonl")]
    quotes = []
    for i, s in enumerate(sentences):
        ws = s.split()
        kind = ("exact", "changed", "dropped", "outside")[i % 4]
        if kind == "changed":
            j = rng.randrange(2, len(ws) - 2)
            ws[j] = "never" if ws[j] != "never" else "always"
        elif kind == "dropped":
            j = rng.randrange(2, len(ws) - 5)
            del ws[j:j + 3]
        elif kind == "outside":
            para = rng.choice([p for p in rng.choice(outside).split("\n") if len(words(p)) > 12] or ["x"])
            ws = para.split()[:30]
        quotes.append({"kind": kind, "text": " ".join(ws)})
    return quotes


def check_child(index_path: str, folder: str, quotes_file: str) -> None:
    """Run in a fresh process: check every quote, print latency and memory as JSON."""
    import tracemalloc

    from quotecheck.judge import check_quote
    from quotecheck.model import Kind, Quote, Span
    from quotecheck.store import Corpus

    quotes = json.loads(Path(quotes_file).read_text(encoding="utf-8"))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times, verdicts = [], {}
    with Corpus.open(folder, index=index_path) as corpus:
        # warm up: the first check imports the finder's name matching
        check_quote(Quote(text="warm up", spans=[Span(0, 7)], kind=Kind.DIRECT), corpus)
        for q in quotes:   # timed without tracemalloc, which slows Python code several times
            quote = Quote(text=q["text"], spans=[Span(0, len(q["text"]))], kind=Kind.DIRECT)
            t0 = time.perf_counter()
            f = check_quote(quote, corpus)
            times.append((time.perf_counter() - t0) * 1000)
            verdicts.setdefault(q["kind"], {}).setdefault(f.verdict.value, 0)
            verdicts[q["kind"]][f.verdict.value] += 1
        tracemalloc.start()   # a second pass for Python's peak allocation while checking
        for q in quotes:
            check_quote(Quote(text=q["text"], spans=[Span(0, len(q["text"]))], kind=Kind.DIRECT), corpus)
        _, peak = tracemalloc.get_traced_memory()
    times.sort()
    print(json.dumps({"mean_ms": statistics.mean(times), "median_ms": times[len(times) // 2],
                      "p95_ms": times[int(len(times) * 0.95)], "max_ms": times[-1],
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "rss_before_mb": rss_before / 1024, "py_peak_mb": peak / 1e6,
                      "verdicts": verdicts}))


def check(folder: Path, index_path: Path, quotes: list[dict], workdir: Path) -> dict:
    qfile = workdir / "quotes.json"
    qfile.write_text(json.dumps(quotes), encoding="utf-8")
    run = subprocess.run([sys.executable, str(HERE), "--check-child", str(index_path), str(folder),
                          str(qfile)], capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def draft_check(folder: Path, index_path: Path, seed: int = 3) -> dict:
    """A ~1,000-word draft with a dozen quotes from the corpus, checked end to end (finder too)."""
    from quotecheck import nlp
    from quotecheck.judge import check_document
    from quotecheck.model import Document
    from quotecheck.store import Corpus

    rng = random.Random(seed)
    files = sorted(folder.rglob("*.txt"))
    paras = []
    while sum(len(p.split()) for p in paras) < 1000:
        text = rng.choice(files).read_text(encoding="utf-8")
        sents = [s.strip() for s in text.split(". ") if 8 <= len(s.split()) <= 30 and '"' not in s
                 and "\u201c" not in s and "\n" not in s]
        if len(sents) >= 2:
            paras.append(f"The officials met again on Monday. {sents[1]}. "
                         f"\u201c{sents[0]},\u201d Jane Smith said.")
    doc = Document(path="draft.txt", text="\n\n".join(paras))
    nlp.load()  # model loading aside
    with Corpus.open(folder, index=index_path) as corpus:
        check_document(Document(path="warm.txt", text='"Warm up," he said.'), corpus)
        t0 = time.perf_counter()
        findings = check_document(doc, corpus)
        seconds = time.perf_counter() - t0
    return {"words": len(doc.text.split()), "quotes": len(findings), "seconds": seconds}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--workdir", default="/tmp/quotecheck-bench", type=Path)
    ap.add_argument("--quotes", default=300, type=int)
    ap.add_argument("--finder-at", default="10000", help="sizes also indexed with the real finder")
    ap.add_argument("--check-child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.check_child:
        check_child(*args.check_child)
        return
    if str(args.workdir.resolve()).startswith(str(SHARED.parents[1])):
        sys.exit("bench_corpus: refusing to write bench data under ../shared")
    articles = load_articles("train.jsonl")
    finder_sizes = {int(s) for s in args.finder_at.split(",") if s}
    print(f"{'passages':>9} {'docs':>6} {'index s':>8} {'pass/s':>8} {'index MB':>9} "
          f"{'mean ms':>8} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'RSS MB':>7} {'py peak MB':>10}")
    for size in (int(s) for s in args.sizes.split(",")):
        folder = args.workdir / f"corpus-{size}"
        index_path = args.workdir / f"index-{size}.sqlite"
        build(folder, size, articles)
        quotes = make_quotes(folder, args.quotes)
        if size in finder_sizes:
            with_finder = index(folder, args.workdir / f"index-{size}-finder.sqlite", finder=True)
            print(f"  (with the real finder: {with_finder['passages_per_s']:,.0f} passages/s, "
                  f"{with_finder['seconds']:.0f} s)", flush=True)
        ix = index(folder, index_path, finder=False)
        ck = check(folder, index_path, quotes, args.workdir)
        print(f"{ix['passages']:>9,} {ix['documents']:>6,} {ix['seconds']:>8.1f} {ix['passages_per_s']:>8,.0f} "
              f"{ix['index_mb']:>9.1f} {ck['mean_ms']:>8.1f} {ck['median_ms']:>7.1f} {ck['p95_ms']:>7.1f} "
              f"{ck['max_ms']:>7.1f} {ck['rss_mb']:>7.0f} {ck['py_peak_mb']:>10.1f}", flush=True)
        print(f"  verdicts by kind of quote: {ck['verdicts']}", flush=True)
        if size in finder_sizes:
            d = draft_check(folder, args.workdir / f"index-{size}-finder.sqlite")
            print(f"  a {d['words']}-word draft with {d['quotes']} quotes checked end to end in "
                  f"{d['seconds']:.2f} s (finder included, model loading aside)", flush=True)


if __name__ == "__main__":
    main()
