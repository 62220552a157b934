"""Attribution rules, tried in a fixed order; the first that decides names itself on the quote.

Local rules read the parse of the quote's own sentence (or its lead-in); the inheriting rules
then pass a speaker on to quotes of the same paragraph and to continuation paragraphs.
"""
from __future__ import annotations

import re

from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import islice

from ..model import Kind, Mention
from . import lexicon
from .marks import Segment
from .mentions import SpeakerRef, describe
from .parse import VERB_POS, ParsedParagraph, upos
from .speakers import People
from .verb_subjects import subject_of

# (name, what it matches) in the order the rules are tried; README lists them from here
RULES: list[tuple[str, str]] = [
    ("trailing_cue", "a cue verb after the quote in its sentence: “…,” X said / “…,” said X"),
    ("leading_cue", "a cue verb before the quote in its sentence: X said: “…” / X called it “…”"),
    ("according_to", "“according to X” in the quote's sentence"),
    ("dash_tail", "a dash after the quote names the speaker: “…” — Commissioner X"),
    ("headline", "a name and a colon lead the quote: Altman: “…”"),
    ("colon_lead", "the paragraph before ends with a colon after a cue or a name: X continued:"),
    ("owner_of_words", "a quoted fragment hangs on a noun of speech with an owner: "
                       "Trump's claim that there were “thousands of shootings”"),
    ("sentence_subject", "a quoted fragment in the writer's sentence: the sentence's subject, "
                         "with no cue verb (PolitiFact rated the claim “false”)"),
    ("governing_verb", "a quoted sentence hangs on a verb outside it that no cue list names: "
                       "“…,” Hannity started / Clinton cracked: “…” — its subject speaks"),
    ("previous_sentence", "a quote opening a sentence after `…, X said.` in its paragraph; a quote "
                          "opening its paragraph that nothing else attributes, after a paragraph "
                          "whose last sentence names X (by a cue, or opening with the name)"),
    ("same_paragraph", "another quote of the paragraph is attributed: the speaker is shared"),
    ("continuation", "a paragraph of quotation right after an attributed one keeps its speaker"),
    ("reported_clause", "indirect: a cue verb and its reported clause: X said (that) … / …, X said"),
    ("reported_object", "indirect: a speech or stance verb and its object (with what is said of it), "
                        "or the object of its preposition: X announced her plan, X accused Y of lying, "
                        "X pointed to the deficit"),
    ("according_to_clause", "indirect: “according to X, …” without quotation marks"),
    ("speaker_label", "a transcript's turn, labelled with the name of a person the text mentions "
                      "elsewhere: CLINTON: Honestly, I … / Reid: We will … (indirect); a quotation "
                      "nothing else attributes that opens with such a label: \"PENCE: Well, …\""),
    ("none", "nothing attributes the quote: the speaker stays unknown"),
]
RULE_NAMES = [name for name, _ in RULES]
CONFIDENCE = {"trailing_cue": 0.95, "leading_cue": 0.85, "according_to": 0.85, "dash_tail": 0.8,
              "headline": 0.8, "colon_lead": 0.8, "same_paragraph": 0.75, "continuation": 0.65,
              "owner_of_words": 0.6, "sentence_subject": 0.5, "governing_verb": 0.6, "previous_sentence": 0.6,
              "reported_clause": 0.7, "reported_object": 0.5, "according_to_clause": 0.7,
              "speaker_label": 0.7, "none": 0.3}   # a quotation surely found, but nobody to attribute it to
PATTERN_PENALTY = 0.1     # a word pattern (the fast reading, reported.py) is less sure than a parse
UNNAMED_PENALTY = 0.1     # …and less again when its subject resolves to nobody (an unresolved pronoun)


def pattern_penalty(named: bool) -> float:
    """What a word pattern's confidence loses against its rule's: more when the speaker has no name."""
    return PATTERN_PENALTY + (0.0 if named else UNNAMED_PENALTY)


LOCAL_RULES = ("trailing_cue", "leading_cue", "according_to", "dash_tail", "headline", "colon_lead",
               "speaker_label")
DASHES = ("—", "―", "–", "--", "-")


@dataclass(init=False)
class Attribution:
    rule: str = "none"
    speaker: SpeakerRef | None = None
    cue: Mention | None = None
    confidence: float = 0.0

    def __init__(self, rule: str = "none", speaker: SpeakerRef | None = None, cue: Mention | None = None,
                 confidence: float = 0.0) -> None:      # (see marks.Paragraph)
        self.rule = rule
        self.speaker = speaker
        self.cue = cue
        self.confidence = confidence

    @classmethod
    def by(cls, rule: str, speaker: SpeakerRef, cue: Mention | None, penalty: float = 0.0) -> "Attribution":
        """The attribution a rule decided, at the rule's confidence (less a penalty)."""
        return cls(rule, speaker, cue, round(CONFIDENCE[rule] - penalty, 2))


@dataclass(init=False)
class Candidate:
    """A quotation before and after attribution: its segments, its paragraph and its verdict."""
    segments: list[Segment]
    paragraph: int
    kind: Kind = Kind.DIRECT           # from its first segment: a quoted sentence or a fragment
    attribution: Attribution = field(default_factory=Attribution)

    def __init__(self, segments: list[Segment], paragraph: int, kind: Kind = Kind.DIRECT,
                 attribution: Attribution | None = None) -> None:      # (see marks.Paragraph)
        self.segments = segments
        self.paragraph = paragraph
        self.kind = kind
        self.attribution = attribution if attribution is not None else Attribution()

    @property
    def start(self) -> int:
        return self.segments[0].start

    @property
    def end(self) -> int:
        return self.segments[-1].end

    @property
    def outer_start(self) -> int:
        return self.segments[0].open_mark.start

    @property
    def outer_end(self) -> int:
        last = self.segments[-1]
        return last.close_mark.end if last.close_mark else last.end

    def inside(self, offset: int) -> bool:
        return any(s.open_mark.start <= offset < (s.close_mark.end if s.close_mark else s.end)
                   for s in self.segments)


def frame_sentences(cand: Candidate, pp: ParsedParagraph) -> list:
    """The sentences the quote stands in, plus the short one its closing mark runs into
    (`“…?” Graham asked.` splits after the question mark)."""
    lo, hi = cand.outer_start - pp.para.start, cand.outer_end - pp.para.start
    sents = pp.sents_between(lo, hi)
    if not sents:
        return sents
    following = pp.sent_from(pp.end_of(sents[-1]))
    body = pp.text[cand.segments[-1].start - pp.para.start:cand.end - pp.para.start].rstrip()
    if following is not None and not pp.text[hi:pp.start_of(following)].strip(" ,") \
            and (len(following) <= 10 or following.text[:1].islower() or body[-1:] in "?!") \
            and not _leads_in(pp, following) and not _quotes_on(pp, following):
        sents.append(following)
    return sents


def quote_tokens(cand: Candidate, pp: ParsedParagraph) -> list:
    """The words inside the quotation (no punctuation, no masking spaces)."""
    lo, hi = cand.start - pp.para.start, cand.end - pp.para.start
    return [t for t in pp.tokens_between(lo, hi) if not (t.is_punct or t.is_space)]


def quote_head(cand: Candidate, pp: ParsedParagraph):
    """The quotation's word nearest the root of the parse (what the quote hangs on is above it)."""
    inner = quote_tokens(cand, pp)
    return min(inner, key=lambda t: sum(1 for _ in islice(t.ancestors, MAX_DEPTH))) if inner else None


# a quotation mark opening a sentence, or opening after a comma or a colon (she said, “…)
LED_QUOTATION = re.compile(r"^\s*[“\"‘«„]|[,:]\s*[“\"‘«„]\w")


def _quotes_on(pp: ParsedParagraph, sent) -> bool:
    """`“A.” “B?” he added.` / `“A.” To which she said, “B.”`: a sentence that opens a quotation,
    or leads into one, is no tail of the quotation before it: its cue is that quotation's. (A
    quoted nickname, `Marcia “Cia” Price shouted`, leads into nothing.)"""
    return LED_QUOTATION.search(pp.text[pp.start_of(sent):pp.end_of(sent)]) is not None


def _leads_in(pp: ParsedParagraph, sent) -> bool:
    """`He added: “…”` introduces the next quote; it does not attribute the one before it."""
    return sent.text.rstrip().endswith(":")


MAX_CUES = 32   # cue verbs weighed for a quote (a news sentence has a few)
# …of which this many, best ranked first, are asked for a subject. On PolNeAR dev and train no
# quotation had more than five in reach, and none took its speaker from a cue ranked below the
# second; where none has a subject (a run of `“a” said “a” said`) each one asked walks the
# parse, and all 45 in reach took 2.4 ms a quote.
MAX_CUE_TRIES = 8
MAX_DEPTH = 64  # levels of a parse read above a word (a news sentence has a dozen)


def _cue_tokens(cand: Candidate, pp: ParsedParagraph, sents) -> list:
    """The speech verbs of the quote's sentences, outside it; in a run-on "sentence" of hundreds,
    the nearest on each side and those the quote hangs on (weighing all of them for each quote
    is quadratic)."""
    found = pp.cue_verbs
    if sum(bisect_left(found, s.end) - bisect_left(found, s.start) for s in sents) > 2 * MAX_CUES:
        found = _near_cues(cand, pp, sents)
    return [t for t in pp.in_sents(found, sents) if not cand.inside(pp.offset(t))]


def _near_cues(cand: Candidate, pp: ParsedParagraph, sents) -> list[int]:
    found, base = pp.cue_verbs, pp.para.start
    left = bisect_left(found, bisect_left(pp.token_starts, cand.outer_start - base))
    right = bisect_left(found, bisect_left(pp.token_starts, cand.outer_end - base))
    near = set(found[max(0, left - MAX_CUES // 2):left] + found[right:right + MAX_CUES // 2])
    head = quote_head(cand, pp)
    ancestors = [t.i for t in islice(head.ancestors, MAX_DEPTH)] if head is not None else []
    near |= {i for i in ancestors[:MAX_CUES // 2] + ancestors[-(MAX_CUES // 2):] if _among(found, i)}
    return sorted(near)


def _among(found: list[int], i: int) -> bool:
    at = bisect_left(found, i)
    return at < len(found) and found[at] == i


def _distance(cand: Candidate, pp: ParsedParagraph, tok) -> int:
    at = pp.offset(tok)
    return min(abs(at - cand.outer_end), abs(at - cand.outer_start),
               *(abs(at - s.start) for s in cand.segments))


def _ranked_cues(cand: Candidate, pp: ParsedParagraph, sents) -> list:
    """Cue verbs right beside the quote come first (`X said, “…”`, `“…,” said X`), then those
    that govern it (the outermost first: Flynn said Trump was “right” when he said …), then the
    others by distance in the text."""
    cues = _cue_tokens(cand, pp, sents)
    head = quote_head(cand, pp)
    ancestors = list(islice(head.ancestors, MAX_DEPTH)) if head is not None else []

    def rank(tok):
        if _adjacent(cand, pp, tok):
            return (0, _distance(cand, pp, tok))
        if tok in ancestors:
            # the outermost cue, but a relative clause's own: Beck, who said there were “…”
            return (1, -1000 if tok.dep_ == "relcl" else -ancestors.index(tok))
        return (2, _distance(cand, pp, tok))
    return sorted(cues, key=rank)


def _adjacent(cand: Candidate, pp: ParsedParagraph, tok) -> bool:
    """The news forms that leave no doubt: a cue, a comma or colon, the quote (`X said, “…”`),
    or a quote broken off at a comma and a cue within a name's few words (`“…,” said X`)."""
    base = pp.para.start
    for seg in cand.segments:
        before = pp.text[pp.end_offset(tok) - base:seg.open_mark.start - base]
        if pp.offset(tok) < seg.open_mark.start and before.strip() in (",", ":"):
            return True
        body = pp.text[seg.start - base:seg.end - base].rstrip()
        if seg.close_mark is not None and pp.offset(tok) >= seg.close_mark.end and body[-1:] in ",?!—" \
                and cand.segments[0].start == seg.start == cand.start and body[:1].isupper():
            between = pp.text[seg.close_mark.end - base:pp.offset(tok) - base]
            if len(between.split()) <= 4 and not any(ch in between for ch in ".;:\"“”"):
                return True
    return False


def _quoted_in_subject(verb, inside) -> bool:
    """Does the quotation stand in the subject of `verb` (the CNN “reporter” has revealed …)?
    Asked of fragments only: the parser takes a whole quoted sentence before an inverted cue
    (“Meh,” wrote a supporter) for the subject at times."""
    return any(child.dep_ in ("nsubj", "nsubjpass") and any(inside(t) for t in child.subtree)
               for child in verb.children)


def rule_cue_verb(cand: Candidate, pp: ParsedParagraph, people: People) -> Attribution | None:
    """trailing_cue / leading_cue: the cue verb governing the quote, or the nearest one."""
    sents = frame_sentences(cand, pp)
    inside = lambda t: cand.inside(pp.offset(t))
    for tok in _ranked_cues(cand, pp, sents)[:MAX_CUE_TRIES]:
        if cand.kind is Kind.PARTIAL and _quoted_in_subject(tok, inside):
            continue                    # as the “autopsy” recommended: the quote is no one's words
        subj = subject_of(tok, inside=inside)
        if subj is None or cand.inside(pp.offset(subj)):
            continue
        ref = describe(subj, pp, people)
        if ref is None:
            continue
        rule = "trailing_cue" if pp.offset(tok) > cand.start else "leading_cue"
        cue = Mention(tok.text, pp.offset(tok), pp.end_offset(tok))
        return Attribution.by(rule, ref, cue, penalty=0.1 if ref.name is None else 0.0)
    return None


def rule_according_to(cand: Candidate, pp: ParsedParagraph, people: People) -> Attribution | None:
    """`“…,” according to X`: the object of `according to` in the quote's sentence."""
    for tok in pp.in_sents(pp.according, frame_sentences(cand, pp)):
        if cand.inside(pp.offset(tok)):
            continue
        to = tok.doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        ref = describe(obj, pp, people)
        if ref is not None:
            cue = Mention(pp.words(tok, to), pp.offset(tok), pp.end_offset(to))
            return Attribution.by("according_to", ref, cue)
    return None


def _name_after(pp: ParsedParagraph, start_char: int, people: People) -> SpeakerRef | None:
    """A proper name starting (after titles) at a paragraph-relative character offset."""
    first = bisect_left(pp.token_starts, start_char)
    for tok in pp.doc[first:first + 6]:
        if upos(tok) == "PROPN":
            return describe(tok.head if upos(tok.head) == "PROPN" and tok.head.i >= tok.i else tok, pp, people)
    return None


def rule_dash_tail(cand: Candidate, pp: ParsedParagraph, people: People) -> Attribution | None:
    """`“…” — Commissioner X`: a name after a dash that follows a whole quoted sentence."""
    last = cand.segments[-1]
    if last.close_mark is None or cand.kind is not Kind.DIRECT:
        return None
    after = last.close_mark.end - pp.para.start     # no slice of the rest: once a quote, quadratic
    while after < len(pp.text) and pp.text[after].isspace():
        after += 1
    for dash in DASHES:
        if pp.text.startswith(dash, after):
            at = after + len(dash)
            ref = _name_after(pp, at, people)
            if ref is not None:
                cue = Mention(dash, pp.para.start + at - len(dash), pp.para.start + at)
                return Attribution.by("dash_tail", ref, cue)
    return None


def rule_headline(cand: Candidate, pp: ParsedParagraph, people: People) -> Attribution | None:
    """`Altman: "…"` — a short run of name words and a colon, right before the opening mark."""
    end = cand.outer_start - pp.para.start
    while end > 0 and pp.text[end - 1].isspace():
        end -= 1
    if not pp.text.startswith(":", end - 1) or end == 0:
        return None                  # (read before slicing: most quotes have no colon before)
    lead = pp.text[:end]
    head = lead[:-1]
    cut = max(head.rfind(". "), head.rfind("? "), head.rfind("! "))
    words = head[cut + 1:].split()
    if not words or len(words) > 5 or not all(w[:1].isupper() for w in words):
        return None
    ref = _name_after(pp, len(head) - len(" ".join(words)), people)
    if ref is None:
        return None
    cue = Mention(":", pp.para.start + len(lead) - 1, pp.para.start + len(lead))
    return Attribution.by("headline", ref, cue)


def last_cue_with_speaker(sent, pp: ParsedParagraph, people: People, first: bool = False):
    """The last speech verb of `sent` whose subject names someone: (reference, cue) or None.
    `first`: the first such verb outside quotation marks instead."""
    lex = lexicon.load()
    for tok in (_outside_quotations(sent) if first else reversed(list(sent))):
        if tok.lower_ in lex.speech_forms and upos(tok) in VERB_POS:
            subj = subject_of(tok)
            ref = describe(subj, pp, people) if subj is not None else None
            if ref is not None:
                return ref, Mention(tok.text, pp.offset(tok), pp.end_offset(tok))
    return None


def _outside_quotations(sent) -> list:
    """The tokens of `sent` that stand outside quotation marks, in order."""
    out: list = []
    open_mark: str | None = None
    for tok in sent:
        if open_mark is None and tok.text in ("“", '"', "``", "''"):
            open_mark = tok.text
        elif open_mark is not None and (tok.text == "”" or tok.text == open_mark):
            open_mark = None
        elif open_mark is None:
            out.append(tok)
    return out


def rule_colon_lead(cand: Candidate, pp: ParsedParagraph, prev: ParsedParagraph | None,
                    people: People) -> Attribution | None:
    """The paragraph before ends with a colon: `Caddell continued:` or `From Chairwoman Y:`."""
    if prev is None or cand.outer_start - pp.para.start > 1:
        return None
    body = prev.text.rstrip()
    if not body.endswith(":"):
        return None
    last_sent = prev.sents[-1]
    found = last_cue_with_speaker(last_sent, prev, people)
    if found is not None:
        return Attribution.by("colon_lead", *found)
    colon = prev.para.start + len(body) - 1
    ref = _name_after(prev, prev.start_of(last_sent), people) if len(last_sent) <= 8 else None
    if ref is None:                    # Trump issued the following statement:
        subj = next((c for c in last_sent.root.children if c.dep_ == "nsubj"), None)
        ref = describe(subj, prev, people) if subj is not None else None
    if ref is not None:
        return Attribution.by("colon_lead", ref, Mention(":", colon, colon + 1))
    return None


def attribute_locally(cand: Candidate, pp: ParsedParagraph, prev: ParsedParagraph | None,
                      people: People) -> Attribution:
    """The first local rule that attributes the quote, or an empty attribution."""
    for rule in (rule_cue_verb, rule_according_to, rule_dash_tail, rule_headline):
        found = rule(cand, pp, people)
        if found is not None:
            return found
    found = rule_colon_lead(cand, pp, prev, people)
    return found if found is not None else Attribution()


def inherit(cand: Candidate, source: Candidate, rule: str) -> None:
    """Give `cand` the speaker of `source`, by an inheriting rule."""
    src = source.attribution
    cand.attribution = Attribution(rule, src.speaker, None, min(CONFIDENCE[rule], src.confidence))
