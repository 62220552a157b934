"""Verdict rules: is each quote of a draft verbatim, a fair edit, or a misquote?

Rules, in the order they decide (the first that holds gives the verdict):
  1. faithful   every ellipsis-separated piece is found verbatim, in order, in one source
                (bracketed clarifications allowed) → verbatim (one piece, no brackets) or editorial;
                unless the source credits the words to someone else → misattributed
  2. stitched   the words are real but come from separate places joined as if continuous
  3. altered    a source holds the quote with words changed, added or dropped (unmarked)
  4. unsupported nothing close enough in the corpus
Missing a misquote is the worst error, so "faithful" needs every word accounted for.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields

from .collector import collector_paused
from .judge_evidence import (Evidence, choose_faithful, consistent_sets, describe_search,
                             diff_of, passage_of)
from .match import Alignment, align, best
from .model import Document, Finding, Kind, Quote, Verdict
from .parallel import fork_map, shares, workers_for
from .retrieve import holding, retrieve
from .stitch import verbatim_parts
from .store import Corpus
from .text import Piece, pieces, sentence_bounds

ALTERED_MIN_SCORE = 60.0   # below this the best passage shares too few words to be "the same quote"
ALTERED_MIN_RUN = 3        # …and it must share at least this many words in one run
MAX_SEAM_SEARCH = 12       # sentences beyond which a three-part stitch is not searched for
ONE_SOURCE_SCORE = 85.0    # a single passage this close to the whole quote rules out a stitch
MIN_PIECE = 3              # words: a shorter piece between ellipses is looked for beside the others
ALIGN_BESIDE = 5


@dataclass
class PieceMatch:
    piece: Piece
    alignments: list[Alignment]     # best first
    queries: list[str]
    searched: int

    @property
    def exact(self) -> list[Alignment]:
        return [a for a in self.alignments if a.exact]


def check_document(doc: Document, corpus: Corpus, quotes: list[Quote] | None = None, *,
                   aliases=None, fast: bool | None = None, workers: int = 1) -> list[Finding]:
    """One Finding per quote of the draft, in draft order (the draft's quotes found if not given;
    `fast` as for find_quotes). `workers` > 1: a long draft is read, and its quotes checked, by
    up to that many forked processes (parallel.py), with the same findings."""
    with collector_paused():     # see collector.py
        if quotes is None:
            quotes = draft_quotes(doc, aliases, fast, workers)
        workers = workers_for(len(quotes), workers, MIN_QUOTES_PER_WORKER)
        if workers == 1:
            return [f for lo, hi in shares(len(quotes), -(-len(quotes) // BATCH_QUOTES))
                    for f in check_quotes(quotes[lo:hi], corpus, aliases)]
        work = shares(len(quotes), workers * SHARES_PER_WORKER)
        parts = fork_map(_check_share, (quotes, corpus, aliases), work, workers, _verdicts_only,
                         lambda sent, share: _with_quotes(sent, quotes[share[0]:share[1]]))
        return [f for part in parts for f in part]


def check_documents(docs: list[Document], corpus: Corpus, *, aliases=None, fast: bool | None = None,
                    workers: int = 1) -> list[list[Finding]]:
    """check_document for each draft, in order. `workers` > 1: many drafts are shared, a few
    at a time, among up to that many forked processes; a single long draft shares its quotes."""
    sharing = workers_for(len(docs), workers, MIN_DRAFTS_PER_WORKER)
    if sharing == 1:
        return [check_document(d, corpus, aliases=aliases, fast=fast, workers=workers) for d in docs]
    from .find import reads_fast
    from .find.parse import pipeline

    if not all(reads_fast(d.text, fast) for d in docs):
        pipeline()               # loaded before the fork: the workers share its memory
    batches = shares(len(docs), sharing * SHARES_PER_WORKER)
    found = fork_map(_check_drafts, (docs, corpus, aliases, fast), batches, sharing)
    return [findings for batch in found for findings in batch]


def draft_quotes(doc: Document, aliases=None, fast: bool | None = None, workers: int = 1) -> list[Quote]:
    """The finder's quotations plus the reader's own (transcript turns), in text order.

    Indirect speech (`Musk said he left…`) is left out: a paraphrase has no wording to check.
    """
    from .find import find_quotes

    # indirect=False: the finder then skips the parse that only reported speech needs
    found = [q for q in find_quotes(doc.text, aliases=aliases, indirect=False, fast=fast, workers=workers)
             if q.kind != Kind.INDIRECT]
    return doc.with_known_quotes(found)


def check_quotes(quotes: list[Quote], corpus: Corpus, aliases=None) -> list[Finding]:
    """check_quote for each quote, all against one version of the index (Corpus.snapshot); the
    index is asked how rare their words are all at once, rather than quote by quote (a
    quote-dense draft would otherwise ask thousands of times)."""
    parts = [pieces(q.text) for q in quotes]
    with corpus.snapshot():     # one version of the index for the whole batch
        corpus.rarity([w.norm for ps in parts for p in ps for w in p.words if not w.bracket])
        return [_check_pieces(q, ps, corpus, aliases) for q, ps in zip(quotes, parts)]


def check_quote(quote: Quote, corpus: Corpus, aliases=None) -> Finding:
    return _check_pieces(quote, pieces(quote.text), corpus, aliases)


def _check_pieces(quote: Quote, parts: list[Piece], corpus: Corpus, aliases) -> Finding:
    if not parts:
        return Finding(quote, Verdict.UNSUPPORTED, why="The quote has no words to look up.")
    matches = _match_pieces(parts, corpus)
    ev = Evidence(quote, corpus, aliases)
    return (_faithful(ev, matches) or _stitched(ev, matches) or _altered(ev, matches)
            or _unsupported(ev, matches))


def _match_pieces(parts: list[Piece], corpus: Corpus) -> list[PieceMatch]:
    """Each piece's candidates; a tiny piece ("Obama … argued that …") is looked for beside
    the others, since a lookup of one or two common words finds them everywhere."""
    matches = {i: _match_piece(p, corpus) for i, p in enumerate(parts) if len(p.words) >= MIN_PIECE}
    beside = [a.passage for m in matches.values() for a in m.alignments[:ALIGN_BESIDE]]
    for i, p in enumerate(parts):
        if i not in matches:
            found = retrieve(corpus, list(p.words))
            matches[i] = PieceMatch(p, best(list(p.words), beside + found.passages), found.queries,
                                    found.searched)
    return [matches[i] for i in range(len(parts))]


def _match_piece(piece: Piece, corpus: Corpus) -> PieceMatch:
    found = retrieve(corpus, list(piece.words))
    return PieceMatch(piece, best(list(piece.words), found.passages), found.queries, found.searched)


# -- rule 1: faithful (or misattributed) -------------------------------------------------------

def _faithful(ev: Evidence, matches: list[PieceMatch]) -> Finding | None:
    if not all(m.exact for m in matches):
        return None
    sets = consistent_sets([m.exact for m in matches])
    if not sets:
        return None
    chosen, others = choose_faithful(ev, sets)
    gap_change = ev.omission_change(chosen)
    if gap_change is not None:
        return ev.finding(Verdict.ALTERED, chosen[0], severity=3, diff=[gap_change],
                          why=f"The ellipsis hides {gap_change.note} words "
                              f"(\u201c{gap_change.source}\u201d), which changes the meaning.")
    return ev.faithful_finding(chosen, others, edited=_is_edit(chosen, ev))


def _is_edit(chosen: list[Alignment], ev: Evidence) -> bool:
    """Marked edits: a bracket, or an ellipsis that hides words (the source's own "…" hides none)."""
    if any(a.clarifications for a in chosen):
        return True
    return any(ev.gap(a, b).words > 0 for a, b in zip(chosen, chosen[1:]))


# -- rule 2: stitched --------------------------------------------------------------------------

def _stitched(ev: Evidence, matches: list[PieceMatch]) -> Finding | None:
    """A piece made of sentences each found verbatim, but at places that are not continuous."""
    for m in matches:
        if m.exact:
            continue
        split = _split_exact(m, ev)
        if split is not None and ev.continuous(split) and len(matches) == 1:
            # one quote split around its attribution in the source ("…," X said. "…"): continuous
            return ev.faithful_finding(split, [], edited=False)
        if split is not None and ev.separated(split) and not _one_source_explains(split):
            where = [passage_of(a, ev) for a in split]
            why = ("The quote joins words from separate places as if continuous: "
                   + "; ".join(f"\u201c{_short(a)}\u201d ({p.location}, {_name(p.path)})"
                               for a, p in zip(split, where)) + ".")
            return ev.finding(Verdict.STITCHED, split[0], severity=2, pieces=where, why=why)
    return None


def _one_source_explains(split: list[Alignment]) -> bool:
    """The first part's passage also holds every other part, give or take a word: a change
    between near-identical copies of one text (altered), not separate places joined."""
    home = split[0].passage
    for part in split[1:]:
        here = align(part.draft, home)
        if not here.source or here.start < split[0].end or here.score < ONE_SOURCE_SCORE:
            return False
    return True


def _split_exact(m: PieceMatch, ev: Evidence) -> list[Alignment] | None:
    """The piece cut at sentence ends into parts that each align exactly somewhere."""
    words = list(m.piece.words)
    cuts = sentence_bounds(words)
    passages = [a.passage for a in m.alignments]

    def exact(part: list) -> list[Alignment]:
        # only passages that hold the part verbatim can give an exact alignment
        return best(part, holding(part, passages))

    for cut in cuts:
        left, right = exact(words[:cut]), exact(words[cut:])
        if left and right and left[0].exact and right[0].exact:
            return _chain(ev, [left, right])
    if len(cuts) > MAX_SEAM_SEARCH:        # bounded work on very long quotes
        return None
    for i, c1 in enumerate(cuts):          # three parts: rare, but a stitch can have two seams
        for c2 in cuts[i + 1:]:
            parts = [exact(words[a:b]) for a, b in ((0, c1), (c1, c2), (c2, len(words)))]
            if all(p and p[0].exact for p in parts):
                return _chain(ev, parts)
    found = verbatim_parts(ev.corpus, words)   # seams inside sentences: ask the index
    return _chain(ev, found) if found else None


def _chain(ev: Evidence, parts: list[list[Alignment]]) -> list[Alignment]:
    """One alignment per part, all in one passage and in order when the sources allow it (a
    dropped word then reads as a gap, not as a stitch across near-identical copies)."""
    for first in parts[0]:
        chain = [first]
        for options in parts[1:]:
            nxt = [a for a in options if a.passage.id == first.passage.id and a.start >= chain[-1].end]
            here = align(options[0].draft, first.passage)   # the part may be here too, unlisted
            if here.exact and here.start >= chain[-1].end:
                nxt.append(here)
            if not nxt:
                break
            chain.append(min(nxt, key=lambda a: a.start))
        if len(chain) == len(parts):
            return chain
    return [ev.prefer(p) for p in parts]


# -- rule 3: altered ---------------------------------------------------------------------------

def _altered(ev: Evidence, matches: list[PieceMatch]) -> Finding | None:
    chosen = [m.alignments[0] if m.alignments else None for m in matches]
    good = [a for a in chosen if a is not None and _close(a)]
    if not good:
        return None
    diff, severity, notes = [], 1, []
    for a in good:
        ops, sev, note = diff_of(a, ev)
        diff.extend(ops)
        severity = max(severity, sev)
        notes.extend(note)
    missing = sum(1 for a in chosen if a is None or not _close(a))
    why = _altered_why(good, notes, missing)
    return ev.finding(Verdict.ALTERED, good[0], severity=severity, diff=diff, why=why,
                      score=min(a.score for a in good))


def _close(a: Alignment) -> bool:
    # a short quote cannot hold a long run around its changed word: half its length will do
    run = min(ALTERED_MIN_RUN, max(2, len(a.draft) // 2))
    return a.score >= ALTERED_MIN_SCORE and _longest_equal(a) >= min(run, len(a.draft))


def _longest_equal(a: Alignment) -> int:
    return max((o.d2 - o.d1 for o in a.ops if o.tag == "equal"), default=0)


def _altered_why(good: list[Alignment], notes: list[str], missing: int) -> str:
    changed = sum(len(a.changes) for a in good)
    kinds = sorted(set(notes))
    what = f"{changed} unmarked change{'s' if changed != 1 else ''} of wording"
    if kinds:
        what += " (" + ", ".join(kinds) + ")"
    extra = f"; {missing} part{'s' if missing != 1 else ''} not found at all" if missing else ""
    return f"The source has these words with {what}{extra}."


# -- rule 4: unsupported -----------------------------------------------------------------------

def _unsupported(ev: Evidence, matches: list[PieceMatch]) -> Finding:
    queries = [q for m in matches for q in m.queries]
    searched = matches[0].searched if matches else 0
    return Finding(ev.quote, Verdict.UNSUPPORTED, severity=2,
                   why=describe_search(queries, searched))


def _short(a: Alignment, n: int = 6) -> str:
    ws = a.source
    text = a.passage.text
    first = text[ws[0].start - a.passage.start: ws[min(n, len(ws)) - 1].end - a.passage.start]
    return first + ("\u2026" if len(ws) > n else "")


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


__all__ = ["check_document", "check_documents", "check_quote", "check_quotes", "draft_quotes"]


# -- sharing the work among forked workers (parallel.py) --------------------------------------

# Starting a worker forks the process, language model and all (tens of milliseconds), while a
# quote takes about half a millisecond to check: a worker is worth it for a hundred quotes.
MIN_QUOTES_PER_WORKER = 100
# Quotes differ in cost (a stitched one asks the index several times more than a verbatim one):
# more, smaller shares keep every worker busy to the end.
SHARES_PER_WORKER = 16
# Quotes whose words' rarity is looked up at once (check_quotes): a few thousand words a query
BATCH_QUOTES = 200
_READERS: dict[int, Corpus] = {}      # a worker's own connection to the index, by process id


def _check_share(job: tuple, share: tuple[int, int]) -> list[Finding]:
    """The findings of quotes[lo:hi]."""
    quotes, corpus, aliases = job
    lo, hi = share
    return check_quotes(quotes[lo:hi], _own_connection(corpus), aliases)


def _own_connection(corpus: Corpus) -> Corpus:
    """`corpus` in the process that opened it; in a forked worker, the worker's own read-only
    connection to its index (a SQLite connection must not be used across a fork)."""
    if os.getpid() == corpus.opened_by:
        return corpus
    return _READERS.get(os.getpid()) or _READERS.setdefault(os.getpid(), corpus.reader())


MIN_DRAFTS_PER_WORKER = 4    # a draft of an article takes a few tenths of a second to read and check


def _check_drafts(job: tuple, batch: tuple[int, int]) -> list[list[Finding]]:
    docs, corpus, aliases, fast = job
    lo, hi = batch
    return [check_document(d, _own_connection(corpus), aliases=aliases, fast=fast) for d in docs[lo:hi]]


# what a worker sends back of each finding: all but its quote, which the calling process has
_SENT = tuple(f.name for f in fields(Finding) if f.name != "quote")


def _verdicts_only(findings: list[Finding]) -> list[tuple]:
    return [tuple(getattr(finding, name) for name in _SENT) for finding in findings]


def _with_quotes(sent: list[tuple], quotes: list[Quote]) -> list[Finding]:
    """The findings again, each with the caller's own quote object."""
    return [Finding(quote, **dict(zip(_SENT, values))) for values, quote in zip(sent, quotes)]
