"""The verbatim parts of a quote that is not verbatim as a whole, cut at any word.

A stitched quote joins real words from separate places; the seam need not fall at a sentence
end ("We have to really increase the bombings" + "it is completely apples and oranges"). We
take the longest prefix that some passage holds verbatim (a binary search of phrase queries:
if a prefix is held, so is every shorter one), then the longest after it, and so on. A changed
word leaves a remainder that nobody holds, so an altered quote is not mistaken for a stitch.
"""
from __future__ import annotations

from .match import Alignment, best
from .retrieve import PHRASE_FETCH, holding, phrase_candidates, phrase_hits
from .store import Corpus
from .text import Word

MIN_PART = 5      # words: shorter verbatim runs are found by chance everywhere
MAX_PARTS = 3


def verbatim_parts(corpus: Corpus, draft: list[Word]) -> list[list[Alignment]] | None:
    """For each part in order, its exact alignments (best first); None when the draft is not
    covered by at most MAX_PARTS verbatim parts of MIN_PART words or more."""
    if len(draft) < 2 * MIN_PART:
        return None
    rarity = corpus.rarity([w.norm for w in draft if not w.bracket])
    parts: list[list[Alignment]] = []
    start = 0
    while start < len(draft):
        if len(parts) == MAX_PARTS:
            return None
        length, found = _longest_held(corpus, draft[start:], rarity)
        if length < MIN_PART:   # a short tail ("…if that's false") is a changed word, not a part
            return None
        parts.append([a for a in best(draft[start:start + length], found) if a.exact])
        if not parts[-1]:
            return None
        start += length
    return parts if len(parts) > 1 else None


def _longest_held(corpus: Corpus, words: list[Word], rarity: dict[str, int]):
    """(n, passages) for the longest prefix words[:n] that passages hold verbatim."""
    first = words[:MIN_PART]
    hits = phrase_hits(corpus, first, rarity)
    held = holding(first, hits)
    if not held:
        return 0, []      # the common case for an unsupported or altered start: one query
    if len(hits) < PHRASE_FETCH:
        # every passage that holds the first words is in hand, and every longer prefix is held
        # by some of them: the search needs no more queries
        return _longest_prefix(words, min(MIN_PART, len(words)), held, holding)
    return _longest_prefix(words, 0, [],
                           lambda part, found: holding(part, phrase_candidates(corpus, part, rarity)))


def _longest_prefix(words: list[Word], lo: int, found: list, holders) -> tuple[int, list]:
    """(n, holders) for the longest prefix words[:n] with holders, by binary search from a prefix
    of `lo` words held by `found`; `holders(prefix, found)` gives a longer prefix's holders
    ([]: none), `found` being those of the longest prefix held so far."""
    hi = len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        held = holders(words[:mid], found)
        if held:
            lo, found = mid, held
        else:
            hi = mid - 1
    return lo, found
