"""The quote finder: quotations, their speakers and cues, as a pure function of a text.

    find_quotes(text)          → list[Quote], sorted by start
    find_quotes_many(texts)    → the same for many texts, parsed in one batch

Stages, one module each: marks (pair quotation marks) → plan (what the model reads) → parse (the
model runs only there) → attribute (named rules, in order) → speakers (canonical names, pronouns;
names: the people the capitalised words name) → indirect (reported speech without marks). The fast reading, for long texts or when asked, replaces the parse and
its rules by word patterns: patterns (quotations), reported (reported speech, also added to the
parsed reading), subjects and openings (the subjects both read), sentences (the sentences and
words they read), windows (a long text a window at a time). Nothing here prints or touches
files, so it runs inside a Spark task (and forks no process unless given `workers`).
"""
from __future__ import annotations

from bisect import bisect_right

from ..collector import collector_paused
from ..model import Kind, Quote, Span
from ..parallel import fork_map, shares, workers_for
from .attribute import CONFIDENCE, LOCAL_RULES, Attribution, Candidate, attribute_locally
from .fallback import weak_attribution
from .indirect import Spans, find_indirect
from .labels import find_labelled, first_person_in_turn, label_turn
from .mentions import hyphen_joins, name_start
from .marks import Paragraph, Segment, find_segments, paragraphs
from .parse import Parsed, parse_many, pipeline, tokens_among
from .plan import Triggers, plan
from .names import register_names
from .patterns import attribute_by_paragraph_lead, attribute_by_patterns
from .sentences import Sentences
from .settle import settle
from .reported import Match, find_reported, match_sentence, register_speakers
from .units import QuotedStretches
from .windows import one_name_each, packed_all, packed_lists, shift, unpacked_all, unpacked_lists, windows_of
from .speakers import Aliases, People
from .shape import is_headline, is_markup, is_nickname, is_subhead, is_title, kind_of

__all__ = ["find_quotes", "find_quotes_many", "reads_fast", "too_dense_to_parse", "Aliases", "FAST_ABOVE_CHARS"]

MIN_UNATTRIBUTED_WORDS = 4    # a quoted sentence nobody is said to have said must be this long


# A text longer than this is read fast (word patterns, no model) unless the caller says otherwise:
# the parser's few thousand words a second would make a book-length input take many minutes,
# while a news article (5 to 50 KB) or a long report is still parsed in a few seconds.
FAST_ABOVE_CHARS = 500_000
# …and so is a shorter text that would cost the parsed reading far more than news of its length
# does: its cost goes by the words parsed and by the quotations attributed on the parse (each
# weighs the cue verbs around it), and 500 KB of `“a” said ` took 48 s, of `He said it. ` 8 s.
# News of 250 KB holds about 50,000 words and marks and 700 quotation marks (PolNeAR train).
FAST_ABOVE_TOKENS = 50_000
FAST_ABOVE_QUOTATIONS = 2_000
QUOTATION_OPENINGS = "“‘«„"     # (a straight mark counts half: it opens and closes)
TOKEN_EDGES = " \n\t.,;:!?()“”‘’—"     # each space or mark about one token of the parse


def find_quotes(text: str, *, aliases: Aliases | None = None, lazy: bool = True,
                indirect: bool = True, fast: bool | None = None, workers: int = 1) -> list[Quote]:
    """Every quotation in `text` (direct, partial and indirect), with speaker and cue."""
    return find_quotes_many([text], aliases=aliases, lazy=lazy, indirect=indirect, fast=fast,
                            workers=workers)[0]


def reads_fast(text: str, fast: bool | None = None) -> bool:
    """Is `text` read by the word patterns alone? (`fast` None: when it is longer than
    FAST_ABOVE_CHARS, or denser than news in words or quotations: see too_dense_to_parse.)"""
    if fast is not None:
        return fast
    return len(text) > FAST_ABOVE_CHARS or too_dense_to_parse(text)


def too_dense_to_parse(text: str) -> bool:
    """Would the parsed reading of `text` take far longer than that of news of its length? More
    than FAST_ABOVE_TOKENS words and marks (counted by the spaces and marks between them), or
    more than FAST_ABOVE_QUOTATIONS quotation marks that open. A few counts of characters: a
    thousandth of what the parse would take."""
    straight = text.count('"')
    if sum(map(text.count, QUOTATION_OPENINGS)) + straight // 2 > FAST_ABOVE_QUOTATIONS:
        return True
    return sum(map(text.count, TOKEN_EDGES)) + straight > FAST_ABOVE_TOKENS


def find_quotes_many(texts: list[str], *, aliases: Aliases | None = None, lazy: bool = True,
                     indirect: bool = True, fast: bool | None = None, workers: int = 1) -> list[list[Quote]]:
    """`find_quotes` for many texts; the model parses all of their chosen paragraphs in one stream.

    `lazy=False` parses every paragraph (the benchmark's baseline; results may differ slightly).
    `indirect=False` skips reported speech without quotation marks, and the parsing of the
    sentences that only it needs: about twice as fast, the same direct and partial quotes.
    `fast=True` reads every text by word patterns alone (patterns.py, reported.py): no model,
    tens of times faster, less accurate; None (the default) does so only for very long texts.
    `workers` > 1: many texts are shared, a batch at a time, among up to that many forked
    processes (parallel.py), and a text read fast a window at a time; the same quotations.
    """
    with collector_paused():     # see collector.py: half the time on a text dense with quotes
        sharing = workers_for(len(texts), workers, MIN_TEXTS_PER_WORKER)
        if sharing == 1:
            return _find_many(texts, aliases, lazy, indirect, fast, workers)
        if not all(reads_fast(t, fast) for t in texts):
            pipeline()           # loaded before the fork: the workers share its memory
        batches = shares(len(texts), sharing * BATCHES_PER_WORKER)
        found = fork_map(_find_batch, (texts, aliases, lazy, indirect, fast), batches, sharing,
                         packed_lists, unpacked_lists)
        return [quotes for batch in found for quotes in batch]


# A worker is worth forking for a few articles (a tenth of a second each to parse); the texts
# go in batches, each parsed in one stream, several per worker so that none waits at the end.
MIN_TEXTS_PER_WORKER = 4
BATCHES_PER_WORKER = 4


def _find_batch(job: tuple, batch: tuple[int, int]) -> list[list[Quote]]:
    texts, aliases, lazy, indirect, fast = job
    lo, hi = batch
    return _find_many(texts[lo:hi], aliases, lazy, indirect, fast, 1)


def _find_many(texts: list[str], aliases: Aliases | None, lazy: bool, indirect: bool,
               fast: bool | None, workers: int) -> list[list[Quote]]:
    out: list[list[Quote]] = [[] for _ in texts]      # each filled below, by one reading or the other
    parsed_ones, prepared = [], []
    for n, text in enumerate(texts):
        if reads_fast(text, fast):
            out[n] = _read_fast(text, aliases, indirect, workers)
            continue
        paras = paragraphs(text)
        segments = find_segments(text, paras)
        possible = _possible_quotes(text, paras, segments)
        quotable = {0} | {seg.paragraph for seg in possible}
        triggers = Triggers(text)
        sents = Sentences(text)                # sentences and words, read once for all patterns
        # reported speech the word patterns read: the model need not parse its sentence for it
        matches = _pattern_matches(text, paras, sents, triggers) if indirect else []
        read = {m.sentence.start for m in matches}
        parsed_ones.append(n)
        job = plan(text, paras, segments, lazy, indirect, quotable, triggers, read, sents.of)
        prepared.append((paras, possible, sents, matches, job))
    parses = parse_many([texts[n] for n in parsed_ones], [job for *_, job in prepared])
    for n, (paras, segments, sents, matches, _), parsed in zip(parsed_ones, prepared, parses):
        out[n] = _find(texts[n], paras, segments, parsed, sents, matches, aliases, indirect)
    return out


def _possible_quotes(text: str, paras: list[Paragraph], segments: list[Segment],
                     opens_text: bool = True) -> list[Segment]:
    """The segments that may be quotations. Only their paragraphs (and the first, whose headline
    names the people that later mentions resolve to) need a parse for them: a text of 100,000
    quoted subheads would otherwise go to the model paragraph by paragraph. `opens_text`: the
    first paragraph opens the text (not a window inside it), so it may be a headline."""
    headline = opens_text and is_headline(text, paras, 0)
    return [seg for seg in segments if not _never_a_quote(text, paras, seg, headline)]


def _find(text: str, paras: list[Paragraph], segments: list[Segment], parsed: Parsed, sents: Sentences,
          matches: list[Match], aliases: Aliases | None, indirect: bool) -> list[Quote]:
    """The parsed reading of one text; `matches`: the reported-speech patterns' finds in it."""
    people = People(aliases)
    register_names(text, paras, people, segments)   # the paragraphs the parser never reads, too
    _register_people(parsed, people)
    register_speakers(matches, people)
    candidates = _attribute(text, paras, segments, parsed, sents, people)

    def find_reported_speech(direct, partial, quoting):
        # the parse reads the reported clauses of what it parsed (the paragraphs with quotations,
        # the sentences the patterns found nothing in); the patterns' finds add the rest
        found = find_indirect(parsed.all(), people, direct, partial, quoting)
        taken = Spans([Span(q.start, q.end) for q in found])
        more = [m for m in matches if not taken.overlapping(Span(m.spans[0].start, m.spans[-1].end))]
        return _with_turns(text, paras, people, direct,
                           found + find_reported(text, more, people, direct, partial, quoting))
    return _quotes(text, paras, candidates, find_reported_speech if indirect else None)


def _pattern_matches(text: str, paras: list[Paragraph], sents: Sentences, triggers: Triggers) -> list:
    """The reported-speech patterns' finds in every sentence with a trigger word."""
    return [m for para in paras if triggers.within(para.start, para.end)
            for sent in sents.of(para) if triggers.within(sent.start, sent.end)
            for m in match_sentence(text, sent, sents.words_of(sent))]


def _candidates(text: str, paras: list[Paragraph], segments: list[Segment]) -> list[Candidate]:
    """One unattributed candidate quotation per segment."""
    return [Candidate([seg], seg.paragraph, kind_of(text, seg, paras[seg.paragraph])) for seg in segments]


WINDOW_CHARS = 100_000    # the fast reading takes a long text this much at a time


def _read_fast(text: str, aliases: Aliases | None, indirect: bool, workers: int) -> list[Quote]:
    """The fast reading of a text, a window at a time (cut between paragraphs where it can be):
    what it holds in memory is one window's work plus the quotations found, whatever the size
    of the text or the number of marks in it. With `workers`, forked processes read the windows
    and send back their quotations packed (windows.packed): a dataclass pickled as it is costs
    more to send than to find."""
    cuts = windows_of(text, WINDOW_CHARS)
    windows = list(zip(cuts, cuts[1:]))
    workers = workers_for(len(windows), workers, 1)
    job = (text, aliases, indirect)
    if workers == 1:
        found = [_read_window(job, window) for window in windows]
    else:
        found = fork_map(_read_window, job, windows, workers, packed_all, unpacked_all)
    quotes = [q for part in found for q in part]
    return one_name_each(quotes) if len(windows) > 1 else quotes


def _read_window(job: tuple, window: tuple[int, int]) -> list[Quote]:
    """The fast reading's quotations in text[lo:hi], at their offsets in the whole text."""
    text, aliases, indirect = job
    lo, hi = window
    piece = text[lo:hi]
    paras = paragraphs(piece)
    possible = _possible_quotes(piece, paras, find_segments(piece, paras), opens_text=lo == 0)
    found = _find_fast(piece, paras, possible, aliases, indirect)
    for q in found:
        shift(q, lo)
    return found


def _find_fast(text: str, paras: list[Paragraph], segments: list[Segment],
               aliases: Aliases | None, indirect: bool) -> list[Quote]:
    """The fast reading: quotations and reported speech attributed by word patterns."""
    people = People(aliases)
    register_names(text, paras, people, segments)
    sents = Sentences(text)
    matches = _pattern_matches(text, paras, sents, Triggers(text)) if indirect else []
    register_speakers(matches, people)
    candidates = _candidates(text, paras, segments)
    quoted = QuotedStretches(segments)
    for cand in candidates:
        previous = paras[cand.paragraph - 1] if cand.paragraph else None
        cand.attribution = _unquoted(
            attribute_by_patterns(cand, text, paras[cand.paragraph], sents, people, previous), quoted)
        _last_resort(cand, text, paras, sents, people, quoted)
    candidates = settle(candidates, text, paras)

    def find_reported_speech(direct, partial, quoting):
        return _with_turns(text, paras, people, direct,
                           find_reported(text, matches, people, direct, partial, quoting))
    return _quotes(text, paras, candidates, find_reported_speech if indirect else None)


def _quotes(text: str, paras: list[Paragraph], candidates: list[Candidate], reported_speech) -> list[Quote]:
    """The attributed candidates that are quotations, and the reported speech around them
    (`reported_speech(direct spans, partial spans)`; None: not looked for)."""
    kept = [c for c in candidates if _keep(c, text, paras)]
    shared: dict[tuple[int, int], str] = {}
    quotes = [_to_quote(c, text, paras, shared) for c in kept]
    if reported_speech is None:        # (check reads no reported speech: none of this is needed)
        return sorted(quotes, key=_in_text_order)
    # reported speech is looked for around the quotations: never inside a whole quoted sentence,
    # but a clause that quotes a fragment is reported speech as well
    direct = [Span(c.outer_start, c.outer_end) for c in kept if c.kind is Kind.DIRECT]
    partial = [Span(c.outer_start, c.outer_end) for c in kept if c.kind is Kind.PARTIAL]
    # a cue after a whole quoted sentence reports it, and no other clause (find_indirect's `quoting`)
    quoting = frozenset(c.attribution.cue.start for c in kept if c.kind is Kind.DIRECT
                        and c.attribution.rule == "trailing_cue" and c.attribution.cue is not None)
    starts = [p.start for p in paras]
    for q in reported_speech(direct, partial, quoting):
        # its paragraph, as for a quotation: set here, once, for every kind of reported speech
        # (the rules that found it may have read only its sentence)
        para = paras[max(0, bisect_right(starts, q.start) - 1)]
        q.context = _context(text, para, q.start, q.end, shared)
        quotes.append(q)
    return sorted(quotes, key=_in_text_order)


def _in_text_order(q: Quote) -> tuple[int, int]:
    return q.start, q.end


def _with_turns(text: str, paras: list[Paragraph], people: People, direct: list[Span],
                reported: list[Quote]) -> list[Quote]:
    """The reported speech found, and the transcript turns (`CLINTON: I believe that …`): an `I`
    who reports speech inside a turn is its speaker."""
    turns = find_labelled(text, paras, people, direct)
    for q in reported:
        turn = first_person_in_turn(q, turns)
        if turn is not None:
            q.speaker = turn.speaker
    return reported + turns


def _register_people(parsed: Parsed, people: People) -> None:
    """Every multi-word proper name the parse shows, so that a later pronoun can find them."""
    for pp in parsed.all():
        doc = pp.doc
        for i, j in _proper_noun_runs(doc):
            lo = name_start(doc, i, j - 1)
            # a run that starts inside a word is no name (an op-ed Thursday: `ed Thursday`)
            # two words at least: a hyphenated one alone (Glass-Steagall) is no full name
            if len(doc[lo:j].text.split()) >= 2 and doc[lo].text[:1].isupper() and not _glued_to_previous(doc, lo):
                people.mention(doc[lo:j].text, pp.offset(doc[lo]))


def _glued_to_previous(doc, i: int) -> bool:
    """Does token i continue the word before it (op-ed: `op`, `-`, `ed`)?"""
    return i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].text in "-–/"


def _proper_noun_runs(doc) -> list[tuple[int, int]]:
    """The [start, end) token ranges of runs of proper nouns (NNP, NNPS), a hyphenated name's
    parts joined (Alexandria Ocasio-Cortez: not `Alexandria Ocasio` and `Cortez`)."""
    import numpy
    from spacy.attrs import TAG

    proper = tokens_among(doc, TAG, PROPER_TAGS).astype("int8")
    edges = numpy.diff(numpy.concatenate(([0], proper, [0]))).nonzero()[0]
    runs: list[tuple[int, int]] = []
    for a, b in zip(edges[::2].tolist(), edges[1::2].tolist()):
        if runs and runs[-1][1] + 1 == a and hyphen_joins(doc, a - 1):
            runs[-1] = (runs[-1][0], b)
        else:
            runs.append((a, b))
    return runs


PROPER_TAGS = frozenset({"NNP", "NNPS"})


def _attribute(text: str, paras: list[Paragraph], segments: list[Segment],
               parsed: Parsed, sents: Sentences, people: People) -> list[Candidate]:
    """Every possible quotation (`_possible_quotes`) attributed by the rules in order, split
    quotes joined."""
    candidates = _candidates(text, paras, segments)
    quoted = QuotedStretches(segments)
    for cand in candidates:
        pp = parsed.unit_at(cand.paragraph, cand.outer_start)
        if pp is not None:
            cand.attribution = _unquoted(attribute_locally(cand, pp, parsed.before(pp), people), quoted)
            if cand.attribution.speaker is None:
                cand.attribution = _unquoted(weak_attribution(cand, pp, people), quoted)
            if cand.attribution.speaker is None and _long_enough(cand, text):
                cand.attribution = _unquoted(_by_patterns(cand, text, paras, sents, people), quoted)
        _last_resort(cand, text, paras, sents, people, quoted)
    return settle(candidates, text, paras)


def _last_resort(cand: Candidate, text: str, paras: list[Paragraph], sents: Sentences, people: People,
                 quoted: QuotedStretches) -> None:
    """For a whole quoted sentence no rule attributed (both readings): a transcript's label
    opening it, else the speaker the paragraph before names."""
    if cand.attribution.speaker is not None or cand.kind is not Kind.DIRECT:
        return                       # (asked first: a text may hold a million quoted words)
    # (what label_turn did is read from what it returns: a check of cand.attribution.speaker
    # here would be taken, compiled, for the None the test above left, whatever it set since)
    if not label_turn(text, cand, people):
        cand.attribution = _unquoted(attribute_by_paragraph_lead(cand, text, paras, sents, people), quoted)


def _unquoted(found: Attribution, quoted: QuotedStretches) -> Attribution:
    """The attribution, unless its speaker's words stand inside quotation marks: a quoted title
    or phrase (`trashed Comey on MSNBC’s “Morning Joe,” calling it…`) names no one who speaks,
    however the parse or the patterns hang it on a cue. On PolNeAR train every such speaker
    (10) was wrong."""
    speaker = found.speaker
    if speaker is not None and quoted.covers(speaker.mention.start):
        return Attribution()
    return found


# When no parse-based rule names a speaker, the word patterns may still read one, e.g. where the
# parse took the quotation for the sentence's root. Only these, and only for a quotation kept
# anyway (the patterns must not turn a scare quote into a quotation): on PolNeAR train, speaker
# accuracy 91.7 -> 92.3 with the first three, 92.4 -> 92.6 (7326 -> 7344) with the other three.
PATTERN_FALLBACK_RULES = ("trailing_cue", "leading_cue", "according_to",
                          "previous_sentence", "governing_verb", "sentence_subject")


def _by_patterns(cand: Candidate, text: str, paras: list[Paragraph], sents: Sentences,
                 people: People) -> Attribution:
    found = attribute_by_patterns(cand, text, paras[cand.paragraph], sents, people)
    return found if found.speaker is not None and found.rule in PATTERN_FALLBACK_RULES else cand.attribution


def _never_a_quote(text: str, paras: list[Paragraph], seg: Segment, headline: bool) -> bool:
    """Marks that never enclose anyone's words, whatever stands around them: a headline's,
    a nickname's (Robert C. “Bobby” Scott), leftover markup's (author="@name"), a subhead's.
    `headline`: the first paragraph is a headline (asked once, not once a segment)."""
    return (headline and seg.paragraph == 0) or is_markup(text, seg) or is_nickname(text, seg) \
        or is_subhead(text, paras[seg.paragraph], seg)


def _keep(cand: Candidate, text: str, paras: list[Paragraph]) -> bool:
    """Scare quotes and titles are no quotations: keep what someone says."""
    first = cand.segments[0]
    local = cand.attribution.rule in LOCAL_RULES
    # the cheap test first: a text of a million quoted words must not ask each if it is a title
    if not local and not _long_enough(cand, text):
        return False
    return not is_title(text, first, attributed=local)


def _long_enough(cand: Candidate, text: str) -> bool:
    """Without a cue by it, a single quoted word is a scare quote far more often than a
    quotation, and so is a short quoted sentence that nothing attributes (“Related”, “Lol”);
    a two-word fragment that nothing attributes ("super PACs") is one about half the time."""
    first = cand.segments[0]
    words = len(text[first.start:first.end].split())
    if cand.attribution.speaker is None and cand.kind is Kind.DIRECT:
        return words >= MIN_UNATTRIBUTED_WORDS
    return words >= (3 if cand.attribution.speaker is None else 2)


def _to_quote(cand: Candidate, text: str, paras: list[Paragraph], shared: dict[tuple[int, int], str]) -> Quote:
    att = cand.attribution
    ref = att.speaker
    first = cand.segments[0]
    para = paras[first.paragraph]
    return Quote(
        text=" ".join(text[s.start:s.end] for s in cand.segments),
        spans=[s.span for s in cand.segments],
        kind=cand.kind,
        speaker=ref.name if ref else None,
        speaker_mention=ref.mention if ref else None,
        role=ref.role if ref else None,
        cue=att.cue,
        rule=att.rule,
        confidence=att.confidence if ref else CONFIDENCE["none"],
        context=_context(text, para, cand.outer_start, cand.outer_end, shared),
    )


MAX_CONTEXT_CHARS = 4000   # a whole news paragraph (PolNeAR's longest: 2,573 characters)
CONTEXT_MARGIN = 150       # around a quote in a paragraph of unnatural length (a sentence or two)


def _context(text: str, para: Paragraph, lo: int, hi: int, shared: dict[tuple[int, int], str]) -> str:
    """The paragraph of the quote at text[lo:hi]; in a paragraph of unnatural length, the stretch
    of it around the quote (each quote carrying a copy of a whole megabyte paragraph would be
    quadratic): at least CONTEXT_MARGIN characters either side, cut where every CONTEXT_MARGIN
    characters of the paragraph end. Quotes with the same stretch share one string (`shared`,
    by where it starts and ends): a megabyte of `“Yes,” he said.` held a third of a kilobyte of
    context for each of its 62,500 quotes."""
    if para.end - para.start <= MAX_CONTEXT_CHARS:
        start, end = para.start, para.end
    else:
        step = CONTEXT_MARGIN          # rounded down and up to the paragraph's steps
        start = max(para.start, para.start + (lo - step - para.start) // step * step)
        end = min(para.end, para.start - (para.start - hi - step) // step * step)
    if (start, end) not in shared:
        shared[start, end] = text[start:end]
    return shared[start, end]
