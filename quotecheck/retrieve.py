"""Candidate retrieval: where in the corpus might these words come from?

Retrieval never scans the corpus: an FTS5 phrase query finds exact wording; a leave-one-out AND
of the rarest words (each clause drops one of them) still finds a passage when one word was
changed; each sentence is also looked up on its own, so the parts of a stitched quote are found.
Only the few passages retrieved are then aligned word by word (match.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .store import Corpus, Passage
from .text import Word, normalise, sentence_bounds

RAREST = 6            # words in the leave-one-out AND: 6 clauses of 5 words
PHRASE_FETCH = 100    # passages fetched per phrase query…
PHRASE_LIMIT = 25     # …of which these are aligned (verbatim holders first)
PHRASE_WINDOW = 4     # words of the phrase query: the rarest run of this many
PHRASE_EXTRA = 3      # rarest other words ANDed with it
LOO_FETCH = 120       # passages fetched per leave-one-out query…
LOO_LIMIT = 25        # …of which the best by word overlap are aligned
COMMON_SHARE = 0.02   # a word in more than this share of passages is too common to select with
COMMON_MIN = 50
MIN_SENTENCE = 3      # shorter sentences are not looked up on their own
MAX_SENTENCE_LOOKUPS = 20   # a pasted-in speech must not cost a query per sentence


@dataclass
class Retrieval:
    passages: list[Passage]
    queries: list[str] = field(default_factory=list)   # what was searched, for the reviewer
    searched: int = 0                                  # passages in the index


def retrieve(corpus: Corpus, draft: list[Word]) -> Retrieval:
    """Passages that may hold these words (exact phrase first, then tolerant queries)."""
    terms = [w.norm for w in draft if not w.bracket]
    found: dict[int, Passage] = {}
    result = Retrieval([], searched=corpus.passage_count())
    if not terms:
        return result
    rarity = corpus.rarity(terms)
    _add(found, phrase_candidates(corpus, draft, rarity))
    result.queries.append(f"the phrase \u201c{' '.join(terms)}\u201d")
    if not found:
        _add(found, _leave_one_out(corpus, terms, rarity, result))
    if not _has_exact_hit(found, draft):
        for part in _sentences(draft)[:MAX_SENTENCE_LOOKUPS]:
            # exact sentences only: the parts of a stitched quote are each verbatim
            _add(found, phrase_candidates(corpus, part, rarity))
    result.passages = list(found.values())
    return result


def phrase_candidates(corpus: Corpus, draft: list[Word], rarity: dict[str, int]) -> list[Passage]:
    """Passages that can hold the draft's words verbatim.

    Common words make FTS5 phrase queries slow (their position lists are long), so the query is
    the rarest few-word window as a phrase AND the rarest other words: every verbatim source
    passes it, and the alignment that follows checks the rest.
    """
    # near-copies (syndicated or corrected versions) pass the filter too: verbatim ones first
    verbatim, others = holding_first(draft, phrase_hits(corpus, draft, rarity))
    return (verbatim + others)[:PHRASE_LIMIT]


def phrase_hits(corpus: Corpus, draft: list[Word], rarity: dict[str, int]) -> list[Passage]:
    """Every passage that passes phrase_candidates' query, up to PHRASE_FETCH of them: when
    fewer come back, every passage holding the draft verbatim is among them."""
    segments = _segments(draft)
    window = _rarest_window(segments, rarity)
    if window is None:
        return []
    # a very common word narrows the hits little and costs the most to look up (its posting
    # list is the longest): only the rarer words are ANDed with the phrase
    common = _common(corpus)
    others = sorted((t for t in {t for seg in segments for t in seg} - set(window) if rarity[t] <= common),
                    key=lambda t: rarity[t])
    return corpus.phrase_parts([window] + [[t] for t in others[:PHRASE_EXTRA]], PHRASE_FETCH)


def _common(corpus: Corpus) -> int:
    """Passages a word is in, above which it is too common to select with."""
    return max(COMMON_MIN, int(corpus.passage_count() * COMMON_SHARE))


def _rarest_window(segments: list[list[str]], rarity: dict[str, int]) -> list[str] | None:
    """The run of PHRASE_WINDOW words with the lowest total rarity (the first such, reading in
    order); a segment shorter than that only when no segment is that long, the longest first.
    Window sums are slid, not summed afresh: a long quote has hundreds of windows."""
    best, best_key = None, None
    for seg in segments:
        if len(seg) < PHRASE_WINDOW:
            key = (float("inf"), -len(seg))
            if best_key is None or key < best_key:
                best, best_key = seg, key
            continue
        counts = [rarity[t] for t in seg]
        total = sum(counts[:PHRASE_WINDOW])
        for i in range(len(seg) - PHRASE_WINDOW + 1):
            if i:
                total += counts[i + PHRASE_WINDOW - 1] - counts[i - 1]
            key = (total / PHRASE_WINDOW, -PHRASE_WINDOW)
            if best_key is None or key < best_key:
                best, best_key = seg[i:i + PHRASE_WINDOW], key
    return best


def _has_exact_hit(found: dict[int, Passage], draft: list[Word]) -> bool:
    return bool(holding(draft, list(found.values())))


def holding(draft: list[Word], passages: list[Passage]) -> list[Passage]:
    """The passages whose words contain the draft's own words verbatim (a cheap string test)."""
    runs = [" ".join(seg) for seg in _segments(draft)]
    return [p for p in passages if runs and all(r in norm_of(p) for r in runs)]


def holding_first(draft: list[Word], passages: list[Passage]) -> tuple[list[Passage], list[Passage]]:
    """The passages that hold the draft's words verbatim, and the others, each in their order."""
    verbatim = holding(draft, passages)
    held = {p.id for p in verbatim}    # by id: comparing passages field by field is slow
    return verbatim, [p for p in passages if p.id not in held]


def _add(found: dict[int, Passage], passages: list[Passage]) -> None:
    for p in passages:
        found.setdefault(p.id, p)


def _segments(draft: list[Word]) -> list[list[str]]:
    """Runs of the draft's own words (bracketed clarifications cut the phrase: they are not the source's)."""
    out: list[list[str]] = []
    run: list[str] = []
    for w in draft:
        if w.bracket:
            if run:
                out.append(run)
            run = []
        else:
            run.append(w.norm)
    if run:
        out.append(run)
    return out


def _sentences(draft: list[Word]) -> list[list[Word]]:
    cuts = [0, *sentence_bounds(draft), len(draft)]
    parts = [draft[a:b] for a, b in zip(cuts, cuts[1:])]
    return [p for p in parts if len(p) >= MIN_SENTENCE] if len(parts) > 1 else []


def _leave_one_out(corpus: Corpus, terms: list[str], rarity: dict[str, int],
                   result: Retrieval) -> list[Passage]:
    """Passages holding all but one of the rarest words; a changed word still retrieves.

    Very common words ("and", "he") are left out of the clauses when rarer ones exist: they
    select nothing and make the query slow. Matches are not ranked by FTS5 (bm25 over common
    terms reads their whole posting lists); the few fetched are ranked here by word overlap.
    """
    common = _common(corpus)
    distinct = sorted(set(terms), key=lambda t: (rarity[t], -len(t), t))
    rare = [t for t in distinct if rarity[t] <= common][:RAREST]
    if len(rare) < 3:
        rare = distinct[:3]
    if len(rare) < 3:
        return []
    clauses = [[t for t in rare if t != left_out] for left_out in rare]
    result.queries.append("all but one of the rarest words " + ", ".join(f"\u201c{t}\u201d" for t in rare))
    hits = corpus.any_of(clauses, LOO_FETCH)
    wanted = set(terms)
    hits.sort(key=lambda p: -len(wanted & set(norm_of(p).split())))
    return hits[:LOO_LIMIT]


def norm_of(passage: Passage) -> str:
    """The passage's normalised words: as the index holds them when it gave the passage out."""
    return passage.norm or _normalised(passage.text)


@lru_cache(maxsize=1024)
def _normalised(text: str) -> str:
    return normalise(text)
