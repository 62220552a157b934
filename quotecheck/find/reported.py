"""Reported speech read without the parser: `Musk said he left the board`, kind "indirect".

The parser reads a few thousand words a second; these word patterns read a sentence with a cue
word a hundred times as fast. The fast reading relies on them alone, the parsed reading adds
what they find beside the parse's clauses. The patterns, each a named rule (README,
`attribute.RULES`):

    reported_clause        X said (on Tuesday) (that) CONTENT.   /   CONTENT, X said (Tuesday).
                           CONTENT, said X.   /   A, X said, B.   /   X said A and said B.
    according_to_clause    According to X, CONTENT.   /   CONTENT, according to X.

The subject X (read by subjects.py) is a name (with its title and a party label: Sen. Rand Paul
(R-Ky.)), a pronoun, or a noun phrase (the company, officials, 38 percent). Without a subject in
reach, a cue word attributes nothing: `his claims`, `the report`, `a said plan` are nouns.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import Kind, Mention, Quote, Span
from . import lexicon
from .attribute import CONFIDENCE, pattern_penalty
from .indirect import Spans, indirect_cues, more_than_quoted, preposition_cues, trimmed
from .marks import Paragraph
from .mentions import SpeakerRef
from .speakers import People
from .subjects import (MAX_SUBJECT_TOKENS, Subject, SubjectWords, Tok, abbreviation, noun_use,
                       said, skip_left, speaker_of, subject_before, tokens, words)

MIN_CONTENT_WORDS = 4
MAX_SOURCE_TOKENS = 20       # according to early results of exit polls conducted for the AP and …,
MIN_ASIDE_WORDS = 1          # Bob, they said, ordered them to wait
MAX_LEAD_TOKENS = 10         # said on CNN's "State of the Union" on Sunday that …
SHORT_SUBJECT_TOKENS = 4     # …, he said / …, 27 percent said: a second speaker after a comma
# A sentence of PolNeAR train holds at most 9 cue words. One with more than this is a list or a
# run-on made by the input (a text of nothing but `“He said it was fine, ` has no sentence end):
# each cue reads its clause to the sentence's end, so reading them all cost time by the square of
# the sentence's length, for clauses that overlap one another.
MAX_CUES_PER_SENTENCE = 16


@dataclass(frozen=True)
class Found:
    """What one pattern read in a sentence: the content's pieces, its subject, its cue."""
    spans: list[Span]
    subject: SubjectWords | None
    cue: Tok
    rule: str


@dataclass(frozen=True)
class Match:
    """Reported speech found by a pattern, its speaker not yet resolved."""
    sentence: Paragraph    # the stretch the pattern read
    spans: list[Span]
    subject: SubjectWords | None
    cue: Mention
    rule: str


def match_sentence(text: str, sent, toks: list[Tok] | None = None) -> list[Match]:
    """The patterns' finds in one sentence (a stretch of `text`; `toks`: its words, when they
    were read already). Only its first MAX_CUES_PER_SENTENCE cue words are read."""
    toks = tokens(text, sent.start, sent.end) if toks is None else toks
    cues = indirect_cues()
    out = []
    seen = 0
    for i, tok in enumerate(toks):
        if tok.lower not in cues:
            continue                    # (the cue list holds `according` too)
        seen += 1
        if seen > MAX_CUES_PER_SENTENCE:
            break
        found = _according_to(text, toks, i) if tok.lower == "according" else _cue(text, toks, i)
        if found is None:
            continue
        spans, subject, cue, rule = found.spans, found.subject, found.cue, found.rule
        spans = [s for s in (trimmed(text, s) for s in spans) if s is not None]
        if spans:
            out.append(Match(sent, spans, subject, Mention(cue.text, cue.start, cue.end), rule))
    return out


def register_speakers(matches: list[Match], people: People) -> None:
    """The people the matches name as speakers (`Furman argued, …`), known before any quotation
    is attributed: a later `he said` may be one of them (a name the capitalised-run test misses,
    a surname alone)."""
    for m in matches:
        if m.subject is not None and m.subject.kind == "name":
            speaker_of(m.subject, people)


def find_reported(text: str, matches: list[Match], people: People, direct: list[Span],
                  partial: list[Span], quoting: frozenset[int] = frozenset()) -> list[Quote]:
    """The matches as indirect quotations, speakers resolved; none that a quotation covers, and
    none whose cue follows a whole quoted sentence (`quoting`: such cues' offsets), which
    reports that quotation (“…,” Ann Lee said answering a question: no reported clause)."""
    direct_spans, partial_spans = Spans(direct), Spans(partial)
    return [_quote(text, m, speaker_of(m.subject, people)) for m in matches
            if m.cue.start not in quoting and _acceptable(text, m.spans, direct_spans, partial_spans)]


# --- the patterns -------------------------------------------------------------------------------

def _cue(text: str, toks: list[Tok], i: int):
    """A cue verb with its subject before it (X said) or after it (…, said X), and its content."""
    tok = toks[i]
    if tok.lower not in indirect_cues() or tok.lower in words()["untrusted_cues"] or noun_use(toks, i) \
            or tok.capitalised and not _opens_sentence(toks, i):
        return None                                   # the United States, the Post Reports
    before = skip_left(toks, i - 1)
    if before >= 0 and toks[before].lower in ("and", "but") or tok.lower.endswith("ing") and i > 0 \
            and toks[i - 1].text == ",":
        return _second_verb(text, toks, i)     # X said A and said B / …, adding that B
    if i > 0 and toks[i - 1].text == "," and tok.lower in words()["inverting"]:
        inverted = _inverted(text, toks, i)              # …, said the bureau's director, James Comey
        if inverted is not None:
            return inverted
    after = skip_right(toks, i + 1, tok.lower)
    framed = _framed(text, toks, i, before, after)
    if framed is not None:
        return framed
    subj = subject_before(toks, before)
    if subj is None or _after_quotation(toks, subj.opening):
        return None                                      # “…,” X said: the quote rules' cue
    subordinate = _in_subordinate_clause(toks, subj.opening)
    if subordinate and toks[subj.first].lower in words()["subordinators"] and subj.first < subj.last:
        subj = replace(subj, first=subj.first + 1)       # While critics argue: `critics`
    if _prepositional(toks, i, after):                   # X pointed to the deficit
        rest = _from(toks, after + 1, to_comma=subordinate)
        return Found([rest], said(text, toks, subj), tok, "reported_clause") if rest else None
    rest = _from(toks, after, to_comma=subordinate)
    if rest is None or not _opens_clause(toks, after, tok.lower, after > i + 1):
        return None                                      # X said at a rally: no clause
    return Found([rest], said(text, toks, subj), tok, "reported_clause")


def _prepositional(toks: list[Tok], i: int, j: int) -> bool:
    """Is token j the preposition whose object a cue like `referring to` reports?"""
    preps = preposition_cues().get(toks[i].lower)
    return preps is not None and j < len(toks) and toks[j].lower in preps


def _opens_clause(toks: list[Tok], j: int, cue: str, skipped: bool) -> bool:
    """Can the words from j be a reported clause? Not a preposition (X said at a rally), not
    `to` after a verb of saying (he said to a cheer; `pledged to` is fine), and after a setting
    that was skipped (`skipped`) not a noun then a preposition (said in a video message to the
    convention)."""
    w = words()
    tok = toks[j]
    if tok.text == "," or tok.lower in w["prepositions"]:
        return False
    if tok.lower == "to" and cue in w["saying"]:
        return False
    if not skipped:
        return True
    opener = tok.lower in ("that", "if", "whether") or tok.lower in lexicon.load().pronouns \
        or tok.lower in w["determiners"] or tok.capitalised or tok.text[0].isdigit() or tok.lower in w["quantities"]
    if opener:
        return True
    following = toks[j + 1].lower if j + 1 < len(toks) else ""
    return not (following in w["prepositions"] or following == "to")


def _framed(text: str, toks: list[Tok], i: int, before: int, after: int):
    """`CONTENT, political experts said.` / `A, these people said, B.`: the words between a
    comma (or dash) and the cue are the subject, whatever they are; the content is around them.
    None when the cue is not framed so."""
    comma = _comma_before(toks, before)
    if comma is None or _after_quotation(toks, comma + 1):
        return None
    if _rest_is_empty(toks, after):                      # CONTENT, X said.
        spans = [_before(toks, comma)]
    elif after + 1 < len(toks) and toks[after].text == "," and _is_tail(toks[after + 1]):
        spans = [_before(toks, comma)]                   # A, X explained, recalling …: B is no content
    elif after < len(toks) and toks[after].text == ",":  # A, X said, B.
        spans = [_before(toks, comma, MIN_ASIDE_WORDS), _from(toks, after + 1)]
    else:
        return None
    if None in spans or any(t.lower in words()["verbs"] for t in toks[comma + 1:before + 1]):
        return None                                      # …, would make visitors think: no subject
    subj = subject_before(toks, before)
    if subj is None or subj.opening <= comma:
        subj = Subject(comma + 1, before, "group")
    return Found([s for s in spans if s is not None], said(text, toks, subj), toks[i], "reported_clause")


def _comma_before(toks: list[Tok], j: int) -> int | None:
    """The comma or dash that opens the subject ending at token j (no other cue between)."""
    cues = indirect_cues()
    for k in range(j, max(-1, j - MAX_SUBJECT_TOKENS - 1), -1):
        if toks[k].text in (",", "—", "–", "--"):
            return k if k < j else None
        if toks[k].text in ";:.!?" and not abbreviation(toks, k) or toks[k].lower in cues:
            return None
    return None


def _after_quotation(toks: list[Tok], first: int) -> bool:
    """Does the subject follow a closing quotation mark and a comma (“…,” X said)?"""
    return first >= 2 and toks[first - 1].text == "," and toks[first - 2].text in "\"”’'" \
        or first >= 1 and toks[first - 1].text in "”"


def _inverted(text: str, toks: list[Tok], i: int):
    """`CONTENT, said Sen. X.` / `CONTENT, said the company's chief, John Smith, who …`: the
    subject follows the cue, up to the next comma or the sentence's end."""
    j = i + 1
    if j >= len(toks) or not toks[j].capitalised and toks[j].lower not in words()["determiners"] \
            or toks[j].lower in lexicon.read_set("time_words"):
        return None                                      # …, said Wednesday he agrees: no subject
    last = j
    while last + 1 < len(toks) and (toks[last + 1].text not in ",;:.!?\"”" or abbreviation(toks, last + 1)) \
            and last - j < MAX_SUBJECT_TOKENS:
        last += 1                                        # said Sen. Jane Smith
    if last + 1 < len(toks) and toks[last + 1].text not in ",.!?\"”" \
            or any(t.lower in words()["verbs"] for t in toks[j:last + 1]):
        return None                                      # said the flag was removed: a clause
    body = _before(toks, i - 1, MIN_ASIDE_WORDS if last + 1 < len(toks) - 1 else MIN_CONTENT_WORDS)
    if body is None:
        return None
    kind = "group" if toks[j].lower in words()["determiners"] else "name"
    return Found([body], said(text, toks, Subject(j, last, kind)), toks[i], "reported_clause")


def _second_verb(text: str, toks: list[Tok], i: int):
    """`X said A and said B` / `X said A, adding that B`: B is reported too, by the subject of
    the sentence's first cue (None: by whoever the sentence's subject is)."""
    rest = _from(toks, skip_right(toks, i + 1, toks[i].lower))
    if rest is None or toks[i].lower.endswith("ing") and not toks[i - 1].text == "," \
            and not toks[i].lower.endswith("ed"):
        return None
    subj = _first_subject(toks, i)
    speaker = said(text, toks, subj) if subj is not None else None
    return Found([rest], speaker, toks[i], "reported_clause")


def _according_to(text: str, toks: list[Tok], i: int):
    """`According to X, CONTENT.` / `CONTENT, according to X.`"""
    if i + 2 >= len(toks) or toks[i + 1].lower != "to":
        return None
    j = i + 2
    end = j
    while end < len(toks) and toks[end].text not in ",.;:!?" and end - j < MAX_SOURCE_TOKENS:
        end += 1
    if end == j:
        return None
    subj = Subject(j, end - 1, "name" if toks[j].capitalised and toks[j].lower not in words()["determiners"] else "group")
    speaker = said(text, toks, subj)
    cue = Tok(text[toks[i].start:toks[i + 1].end], toks[i].start, toks[i + 1].end)
    if _opens_sentence(toks, i):
        if end < len(toks) and toks[end].text == ",":
            rest = _from(toks, end + 1)
            return Found([rest], speaker, cue, "according_to_clause") if rest else None
        return None
    if toks[i - 1].text == "," and _rest_is_empty(toks, end):
        body = _before(toks, i - 1)
        return Found([body], speaker, cue, "according_to_clause") if body else None
    if toks[i - 1].text == "," and end < len(toks) and toks[end].text == ",":
        # `Since November, according to Human Rights Watch, forces have killed …`: the words
        # on both sides are the content
        pieces = [p for p in (_before(toks, i - 1, least=1), _from(toks, end + 1)) if p]
        return Found(pieces, speaker, cue, "according_to_clause") if len(pieces) == 2 else None
    return None


# --- pieces of the patterns ---------------------------------------------------------------------

def _opens_sentence(toks: list[Tok], i: int) -> bool:
    return all(t.text in "\"“‘(" for t in toks[:i])


def _first_subject(toks: list[Tok], before: int) -> Subject | None:
    """The subject of the sentence's first cue before token `before`."""
    cues = indirect_cues()
    for k in range(before):
        if toks[k].lower in cues and not noun_use(toks, k):
            return subject_before(toks, skip_left(toks, k - 1))
    return None


def skip_right(toks: list[Tok], j: int, cue: str) -> int:
    """Past what stands between a cue and its content: a time (Tuesday, last week), a setting
    (in a statement, on CNN), the person told (told reporters), up to `that`."""
    w = words()
    that = next((k for k in range(j, min(len(toks), j + MAX_LEAD_TOKENS)) if toks[k].lower == "that"), None)
    if that is not None and all(t.text not in ",;:" for t in toks[j:that]) \
            and (cue in w["telling"] or j < len(toks) and (_adverbial(toks[j]) or toks[j].lower in w["prepositions"])):
        return that                                  # the content opens with `that`, as the parse's does
    while True:
        k = _past_setting(toks, j)
        while k < len(toks) and _adverbial(toks[k]):
            k += 1
        if k == j:
            break
        j = k
    if cue in w["telling"] and j < len(toks) and toks[j].lower != "that":
        j = _past_object(toks, j)                    # told reporters … / told the Tampa Bay Times …
    return j


def _past_object(toks: list[Tok], j: int) -> int:
    """The index after the person told: a pronoun, a name, `the` and a name, or one word."""
    if toks[j].lower in words()["determiners"]:
        j += 1
    if j < len(toks) and toks[j].capitalised:
        while j < len(toks) and (toks[j].capitalised or toks[j].lower in words()["name_linkers"]):
            j += 1
        return j
    return j + 1


def _past_setting(toks: list[Tok], j: int) -> int:
    """`in a statement`, `on Tuesday`, `during an interview`: the index after the phrase (j when
    there is none)."""
    w = words()
    if j >= len(toks) or toks[j].lower not in w["setting_prepositions"]:
        return j
    for k in range(j + 1, min(len(toks), j + 5)):
        if toks[k].lower in w["setting_nouns"] or toks[k].lower in lexicon.read_set("time_words"):
            return k + 1
        if not toks[k].text.isalpha():
            break
    return j


def _adverbial(tok: Tok) -> bool:
    return tok.lower in words()["adverbials"] or tok.lower in lexicon.read_set("time_words")


def _rest_is_empty(toks: list[Tok], j: int) -> bool:
    """Nothing but closing punctuation (and adverbials) after token j."""
    return all(_adverbial(t) or t.text in ".!?\"”’)" for t in toks[j:])


def _before(toks: list[Tok], comma: int, least: int = 0) -> Span | None:
    """The words of the sentence before token `comma` (at least `least` of them, default
    MIN_CONTENT_WORDS)."""
    if comma <= 0 or sum(1 for t in toks[:comma] if t.text[0].isalnum()) < (least or MIN_CONTENT_WORDS):
        return None
    return Span(toks[0].start, toks[comma - 1].end)


def _is_tail(tok: Tok) -> bool:
    """A word after a comma that begins no reported content: a participle, a tail word."""
    return tok.lower in words()["tails"] or tok.lower.endswith("ing") and not tok.capitalised


def _in_subordinate_clause(toks: list[Tok], first: int) -> bool:
    """Does the clause of the subject starting at token `first` open the sentence with a
    subordinating word (While critics argue that …, Obama has …)?"""
    subordinators = words()["subordinators"]
    if first >= 1 and toks[first - 1].lower in subordinators:
        return True                      # A few weeks after Obama announced that A, …
    k = 0
    while k < first and (toks[k].text in "\"“‘(" or toks[k].lower in words()["clause_leads"]):
        k += 1
    return k <= first and toks[k].lower in subordinators


def _from(toks: list[Tok], j: int, to_comma: bool = False) -> Span | None:
    """The words of the sentence from token j, to its end or to where something else begins:
    a trailing attribution (…, adding), a relative clause (…, who), a second speaker; with
    `to_comma` (the cue stands in a clause opened by while, when, although…), the comma that
    ends that clause."""
    end = len(toks)
    w = words()
    cues = indirect_cues()
    for k in range(j + 1, len(toks) - 1):
        nxt = toks[k + 1].lower
        if to_comma and toks[k].text == ",":
            end = k
            break
        if toks[k].text == "," and nxt in w["tails"] \
                or toks[k].lower in ("and", "but") and nxt == "said" \
                or toks[k].lower == "but" and nxt in cues:
            end = k
            break
        if toks[k].lower in ("and", "but") and toks[k - 1].text == "," and _says_later(toks, k + 1):
            end = k - 1                                 # …, and more than 4 in 10 said …
            break
        if toks[k].text == "," and _says_later(toks, k + 1, SHORT_SUBJECT_TOKENS):
            end = k                                     # While Comey said A, he said B
            break
    if sum(1 for t in toks[j:end] if t.text[0].isalnum()) < MIN_CONTENT_WORDS:
        return None
    return Span(toks[j].start, toks[end - 1].end)


def _says_later(toks: list[Tok], j: int, reach: int = MAX_SUBJECT_TOKENS) -> bool:
    """Does a cue verb follow within `reach` tokens of token j (a second speaker)?"""
    cues = indirect_cues()
    return any(t.lower in cues and not noun_use(toks, k) for k, t in enumerate(toks[j:j + reach], j))


# --- speakers and quotes ------------------------------------------------------------------------


def _acceptable(text: str, spans: list[Span], direct: Spans, partial: Spans) -> bool:
    """Not a whole quoted sentence (the quote rules have it), not only a quoted fragment."""
    whole = Span(spans[0].start, spans[-1].end)
    return not direct.overlapping(whole) \
        and more_than_quoted(whole, partial, lambda: text[whole.start:whole.end])


def _quote(text: str, m: Match, said: SpeakerRef | None) -> Quote:
    confidence = CONFIDENCE[m.rule] - pattern_penalty(bool(said and said.name))
    return Quote(text=" ".join(text[s.start:s.end] for s in m.spans), spans=m.spans, kind=Kind.INDIRECT,
                 speaker=said.name if said else None, speaker_mention=said.mention if said else None,
                 role=said.role if said else None, cue=m.cue, rule=m.rule, confidence=round(confidence, 2))
