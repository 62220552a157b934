"""Reported speech without quotation marks: `Musk said he left the board`, kind "indirect".

A cue verb (lexicon/trigger_words.txt) with a reported clause or an infinitive, a speech verb
with its object (object_cues.txt), a naming verb with object and complement (naming_verbs.txt),
a verb with the object of its preposition (preposition_cues.txt: X pointed to the deficit),
a belief adjective with a clause, or `according to X`: each is an attribution and the clause is
its content. A clause holding a whole quoted sentence is left to the quote rules; a clause that
quotes only a fragment is reported here as well, because its content is the whole clause (the
fragment also stands as a partial quote).
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

from ..model import Kind, Mention, Quote, Span
from . import lexicon
from .attribute import CONFIDENCE
from .mentions import describe
from .parse import VERB_POS, ParsedParagraph, upos
from .plan import trigger_words
from .speakers import People
from .verb_subjects import subject_of

CONTENT_DEPS = {"ccomp": "reported_clause", "xcomp": "reported_clause", "dobj": "reported_object"}
TRIM = " ,.;:—–-\"'“”‘’"
# a parenthetical cue's content is the rest of its sentence: read for each cue of a run-on
# "sentence" of a thousand words, that is quadratic (PolNeAR's longest sentence: ~220 words)
MAX_SENTENCE_TOKENS = 400


def find_indirect(parsed: list[ParsedParagraph], people: People, direct: list[Span],
                  partial: list[Span], quoting: frozenset[int] = frozenset()) -> list[Quote]:
    """Reported speech in the parsed text. A clause that holds a whole quoted sentence is left to
    the quote rules; one that quotes a fragment (X said the plan was “a disaster”) is reported
    here too, since the attribution's content is the whole clause. `quoting`: the offsets of
    the cues that follow a whole quoted sentence (“…,” X said, answering a question): such a
    cue reports the quotation, and no other clause the parse hangs on it."""
    direct_spans, partial_spans = Spans(direct), Spans(partial)
    quotes = []
    for pp in parsed:
        doc = pp.doc
        for tok in [doc[i] for i in pp.among(trigger_words())]:
            if pp.offset(tok) in quoting:
                continue
            found = _from_verb(tok, pp, people, direct_spans, partial_spans) \
                or _from_adjective(tok, pp, people, direct_spans, partial_spans) \
                or _from_according(tok, pp, people, direct_spans, partial_spans)
            if found is not None:
                quotes.append(found)
    return quotes


def indirect_cues() -> frozenset[str]:
    """The verb forms that attribute reported speech (the lazy parser's trigger words)."""
    return lexicon.read_set("trigger_words")


def object_cues() -> frozenset[str]:
    """The verb forms whose object is the content: X announced her plan."""
    return lexicon.read_set("object_cues")


def _content_child(verb):
    for dep in ("ccomp", "xcomp", "dobj"):
        if dep == "dobj" and verb.lower_ not in object_cues():
            continue
        for child in verb.children:
            if child.dep_ == dep:
                return child, CONTENT_DEPS[dep]
    return None, None


def _content_tokens(verb) -> tuple[list, str | None]:
    """The reported clause of a cue verb; for a parenthetical cue (`X, he said, Y`) the rest of
    its sentence; for a naming verb (`X called Y “a disgrace”`) the object and its complement."""
    if verb.lower_ in lexicon.read_set("naming_verbs"):
        named = _named(verb)
        if named:
            return named, "reported_object"
    if verb.lower_ in preposition_cues():
        about = _prepositional_object(verb)
        if about:
            return about, "reported_object"
    aside = _aside(verb)
    if aside:
        return aside, "reported_clause"
    child, rule = _content_child(verb)
    if child is not None and child.right_edge.i - child.left_edge.i > MAX_SENTENCE_TOKENS:
        return [], None                  # a run-on chain of clauses, no one's reported words
    if child is not None:
        complement = _object_complement(verb, child) if rule == "reported_object" else []
        return _without_tails(child) + complement + _coordinated(verb, child), rule
    if verb.dep_ == "parataxis" and len(verb.sent) <= MAX_SENTENCE_TOKENS:
        own = {t.i for t in verb.subtree}
        return [t for t in verb.sent if t.i not in own], "reported_clause"
    return [], None


def _object_complement(verb, obj) -> list:
    """The phrase after the object that says what the speaker said of it, part of the content:
    `accused him of lying`, `cited it as proof` (lexicon/object_complements.txt)."""
    preps = lexicon.read_set("object_complements")
    for child in verb.children:
        if child.i > obj.i and child.dep_ == "prep" and child.lower_ in preps:
            return list(child.subtree)
    return []


def _coordinated(verb, child) -> list:
    """`X said A and that B`: the second reported clause, hung on the verb, is content too."""
    more = []
    for sib in verb.children:
        if sib.i > child.i and sib.dep_ in ("cc", "conj", "ccomp") and sib.lower_ not in ("but",):
            if sib.dep_ == "conj" and sib.lower_ in lexicon.load().speech_forms:
                break
            more += list(sib.subtree) if sib.dep_ != "cc" else [sib]
    return more if any(t.dep_ != "cc" for t in more) else []


def _without_tails(head) -> list:
    """The clause under `head` without what trails it after a comma: `, citing …`, `, adding …`
    (a second attribution of the same speaker, not part of the content)."""
    lex = lexicon.load()
    cut = set()
    for child in head.children:
        if child.i > head.i and child.dep_ in ("advcl", "conj") and child.tag_ == "VBG":
            before = head.doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
            if before is not None and before.text == ",":
                cut |= {t.i for t in child.subtree} | {before.i}
        if child.dep_ == "conj" and child.lower_ in lex.speech_forms \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in child.children):
            cut |= {t.i for t in child.subtree}     # … and warned against …: the speaker again
    return [t for t in head.subtree if t.i not in cut]


def _aside(verb) -> list:
    """`The museum, Mr. Obama said, would …`: the cue and its subject stand between commas
    inside the sentence; the content is the sentence around them."""
    sent, doc = verb.sent, verb.doc
    left = verb.left_edge.i
    right = verb.i
    while right + 1 < sent.end and doc[right + 1].dep_ in ("npadvmod", "advmod", "prep", "pobj", "det"):
        right += 1                      # said Tuesday / said in an interview
    if left - 1 <= sent.start or right + 1 >= sent.end - 1:
        return []
    if doc[left - 1].text != "," or doc[right + 1].text != ",":
        return []
    if any(c.dep_ in ("ccomp", "dobj") for c in verb.children) or len(sent) > MAX_SENTENCE_TOKENS:
        return []
    return [t for t in sent if t.i < left - 1 or t.i > right + 1]


@lru_cache(maxsize=1)
def preposition_cues() -> dict[str, frozenset[str]]:
    """The verb forms whose content is a preposition's object, with their prepositions."""
    return {form: frozenset(preps.split()) for form, preps in lexicon.read_pairs("preposition_cues").items()}


def _prepositional_object(verb) -> list:
    """`referring to the committee`: the object of the verb's preposition, when it has it."""
    preps = preposition_cues()[verb.lower_]
    for child in verb.children:
        if child.i > verb.i and child.dep_ == "prep" and child.lower_ in preps:
            return [t for t in child.subtree if t is not child]
    return []


def _named(verb) -> list:
    """Object and complement of a naming verb, when it has both; what it calls for."""
    called_for = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"]
    if called_for:                     # Warren called for compensation to be “clawed back”
        return [t for c in called_for for t in c.subtree if t is not c]
    obj = [c for c in verb.children if c.dep_ == "dobj"]
    comp = [c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp", "attr") and c.i > verb.i]
    if not obj or not comp:
        return []
    return [t for c in obj + comp for t in c.subtree]


class Spans:
    """The quotations' spans, searched by bisection: a document may hold thousands, and every
    clause asks which of them it overlaps."""

    def __init__(self, spans: list[Span]):
        self.spans = sorted(spans, key=lambda q: q.start)
        self.reach = list(accumulate((q.end for q in self.spans), max))   # spans may cross

    def overlapping(self, span: Span) -> list[Span]:
        out = []
        for i in range(bisect_right(self.reach, span.start), len(self.spans)):
            q = self.spans[i]
            if q.start >= span.end:
                break
            if q.end > span.start:
                out.append(q)
        return out


def _more_than_quoted(span: Span, partial: Spans, pp: ParsedParagraph) -> bool:
    """Does the clause hold words of its own beside the quoted fragments inside it?"""
    return more_than_quoted(span, partial, lambda: pp.text[span.start - pp.para.start:span.end - pp.para.start])


def more_than_quoted(span: Span, partial: Spans, words_of) -> bool:
    """`_more_than_quoted` for a span whose text `words_of()` gives (read only when needed)."""
    inside = partial.overlapping(span)
    if not inside:
        return True
    own = span.end - span.start - sum(min(q.end, span.end) - max(q.start, span.start) for q in inside)
    words = len(words_of().split())
    return own > 0 and words >= 4 and own >= 0.3 * (span.end - span.start)


def _span_of(tokens, pp: ParsedParagraph) -> Span | None:
    base = pp.para.start
    lo = min(pp.offset(t) for t in tokens) - base
    hi = max(pp.end_offset(t) for t in tokens) - base
    span = trimmed(pp.text, Span(lo, hi))
    return Span(pp.para.start + span.start, pp.para.start + span.end) if span else None


def trimmed(text: str, span: Span) -> Span | None:
    """The span without the spaces and punctuation at its edges; None when under 3 characters
    are left."""
    lo, hi = span.start, span.end
    while lo < hi and text[lo] in TRIM:
        lo += 1
    while hi > lo and text[hi - 1] in TRIM:
        hi -= 1
    return Span(lo, hi) if hi - lo >= 3 else None


def _content_span(tokens, pp: ParsedParagraph, direct: Spans, partial: Spans) -> Span | None:
    """The content's extent, unless a whole quoted sentence stands in it or it only repeats a
    quoted fragment."""
    span = _span_of(tokens, pp) if tokens else None
    if span is None or direct.overlapping(span) or not _more_than_quoted(span, partial, pp):
        return None
    return span


def _pieces(tokens, pp: ParsedParagraph) -> list[Span]:
    """The spans of the runs of consecutive tokens (two for `X, he said, Y`)."""
    runs: list[list] = []
    run: list = []
    for tok in sorted(tokens, key=lambda t: t.i):
        if run and tok.i != run[-1].i + 1:
            runs.append(run)
            run = []
        run.append(tok)
    if run:
        runs.append(run)
    return [span for span in (_span_of(r, pp) for r in runs) if span is not None]


def _quote(span: Span, cue: Mention, ref, rule: str, pp: ParsedParagraph, tokens) -> Quote:
    """The indirect quotation: its content in one piece, or two around a parenthetical cue."""
    spans = _pieces(tokens, pp) or [span]
    text = " ".join(pp.text[s.start - pp.para.start:s.end - pp.para.start] for s in spans)
    return Quote(text=text, spans=spans, kind=Kind.INDIRECT, speaker=ref.name,
                 speaker_mention=ref.mention, role=ref.role, cue=cue, rule=rule,
                 confidence=CONFIDENCE[rule] if ref.name else CONFIDENCE[rule] - 0.1)


def _from_verb(tok, pp: ParsedParagraph, people: People, direct: Spans,
               partial: Spans) -> Quote | None:
    if upos(tok) not in VERB_POS or (tok.lower_ not in indirect_cues() and tok.lower_ not in preposition_cues()
                                     and tok.lower_ not in lexicon.read_set("naming_verbs")):
        return None
    tokens, rule = _content_tokens(tok)
    cue = Mention(tok.text, pp.offset(tok), pp.end_offset(tok))
    return _reported(tokens, subject_of(tok), cue, rule, pp, people, direct, partial)


def _reported(tokens, subj, cue: Mention, rule: str | None, pp: ParsedParagraph, people: People,
              direct: Spans, partial: Spans) -> Quote | None:
    """The indirect quotation, when its content stands (`_content_span`) and its subject names
    someone; the speaker is looked up only then. (No rule: the verb has no content.)"""
    span = _content_span(tokens, pp, direct, partial)
    if span is None or subj is None or rule is None:
        return None
    ref = describe(subj, pp, people)
    return _quote(span, cue, ref, rule, pp, tokens) if ref is not None else None


def _from_adjective(tok, pp: ParsedParagraph, people: People, direct: Spans,
                    partial: Spans) -> Quote | None:
    """`Clinton is confident that …`: a belief adjective with a clause; its holder speaks."""
    if tok.lower_ not in lexicon.read_set("belief_adjectives") or tok.dep_ != "acomp":
        return None
    verb = tok.head
    clause = next((c for c in list(tok.children) + list(verb.children) if c.dep_ == "ccomp"), None)
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if clause is None or subj is None:
        return None
    cue = Mention(pp.words(verb, tok) if verb.i < tok.i else tok.text,
                  pp.offset(verb) if verb.i < tok.i else pp.offset(tok), pp.end_offset(tok))
    return _reported(list(clause.subtree), subj, cue, "reported_clause", pp, people, direct, partial)


def _from_according(tok, pp: ParsedParagraph, people: People, direct: Spans,
                    partial: Spans) -> Quote | None:
    """`According to X, …`: the rest of the sentence is what X reports."""
    doc = tok.doc
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    phrase = {t.i for t in tok.subtree} | {t.i for t in to.subtree} | {tok.i, to.i}
    rest = [t for t in tok.sent if t.i not in phrase]
    cue = Mention(pp.words(tok, to), pp.offset(tok), pp.end_offset(to))
    return _reported(rest, obj, cue, "according_to_clause", pp, people, direct, partial)
