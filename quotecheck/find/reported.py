"""Reported speech read without the parser: `Musk said he left the board`, kind "indirect".

The parser costs about a millisecond for every five words; a sentence with a cue word but no
quotation mark is read here instead, by word patterns, at a hundred times the speed. The
patterns, each a named rule (README, `attribute.RULES`):

    reported_clause        X said (on Tuesday) (that) CONTENT.   /   CONTENT, X said (Tuesday).
                           CONTENT, said X.   /   A, X said, B.   /   X said A and said B.
    according_to_clause    According to X, CONTENT.   /   CONTENT, according to X.

The subject X is a name (with its title and a party label: Sen. Rand Paul (R-Ky.)), a pronoun, or
a noun phrase (the company, officials, a spokesman for the campaign). Without a subject in
reach, a cue word attributes nothing: `his claims`, `the report`, `a said plan` are nouns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Kind, Mention, Quote, Span
from . import lexicon
from .attribute import CONFIDENCE
from .indirect import Spans, indirect_cues, more_than_quoted
from .speakers import People

WORD = re.compile(r"\w+(?:[’'.\-&]\w+)*|[^\w\s]")
MIN_CONTENT_WORDS = 4
MAX_SOURCE_TOKENS = 20       # according to early results of exit polls conducted for the AP and …,
MIN_ASIDE_WORDS = 1          # Bob, they said, ordered them to wait
MAX_LEAD_TOKENS = 10         # said on CNN's "State of the Union" on Sunday that …
MAX_SUBJECT_TOKENS = 8       # a spokesman for the Democratic National Committee
SHORT_SUBJECT_TOKENS = 4     # …, he said / …, 27 percent said: a second speaker after a comma
TRIM = " ,.;:—–-\"'“”‘’"
CONFIDENCE_PENALTY = 0.1     # a word pattern is less sure than a parse


class Tok:
    """A word or a punctuation mark, with its offsets into the document. Lower case made once:
    the patterns ask for it about three times a word."""
    __slots__ = ("text", "start", "end", "lower")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end, self.lower = text, start, end, text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class Subject:
    first: int          # token indices, inclusive
    last: int
    kind: str           # "name", "pronoun", "group"


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """The word classes the patterns read (lexicon/reported_words.txt: `class: word word …`)."""
    return {name: frozenset(value.split()) for name, value in lexicon.read_pairs("reported_words").items()}


def tokens(text: str, start: int, end: int) -> list[Tok]:
    return [Tok(m.group(), m.start(), m.end()) for m in WORD.finditer(text, start, end)]


@dataclass(frozen=True)
class SubjectWords:
    """A subject as found in the text: its words and what kind of words they are."""
    mention: Mention
    kind: str           # "name", "pronoun", "group", "relative"


@dataclass(frozen=True)
class Match:
    """Reported speech found by a pattern, its speaker not yet resolved."""
    sentence: object    # the Paragraph stretch the pattern read
    spans: list[Span]
    subject: SubjectWords | None
    cue: Mention
    rule: str


def match_sentence(text: str, sent, toks: list[Tok] | None = None) -> list[Match]:
    """The patterns' finds in one sentence (a stretch of `text`; `toks`: its words, when they
    were read already)."""
    toks = tokens(text, sent.start, sent.end) if toks is None else toks
    cues = indirect_cues()
    out = []
    for i, tok in enumerate(toks):
        if tok.lower not in cues:
            continue                    # (the cue list holds `according` too)
        found = _according_to(text, toks, i) if tok.lower == "according" else _cue(text, toks, i)
        if found is None:
            continue
        spans, subject, cue, rule = found
        spans = [s for s in (_trimmed(text, s) for s in spans) if s is not None]
        if spans:
            out.append(Match(sent, spans, subject, Mention(cue.text, cue.start, cue.end), rule))
    return out


def find_reported(text: str, matches: list[Match], people: People, direct: list[Span],
                  partial: list[Span]) -> list[Quote]:
    """The matches as indirect quotations, speakers resolved; none that a quotation covers."""
    direct, partial = Spans(direct), Spans(partial)
    return [_quote(text, m, speaker_of(m.subject, people)) for m in matches
            if _acceptable(text, m.spans, direct, partial)]


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
    if subj is None or _after_quotation(toks, subj.first):
        return None                                      # “…,” X said: the quote rules' cue
    rest = _from(toks, after)
    if rest is None or not _opens_clause(toks, after, tok.lower, after > i + 1):
        return None                                      # X said at a rally: no clause
    return [rest], said(text, toks, subj), tok, "reported_clause"


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
    elif after < len(toks) and toks[after].text == ",":  # A, X said, B.
        spans = [_before(toks, comma, MIN_ASIDE_WORDS), _from(toks, after + 1)]
    else:
        return None
    if None in spans or any(t.lower in words()["verbs"] for t in toks[comma + 1:before + 1]):
        return None                                      # …, would make visitors think: no subject
    subj = subject_before(toks, before)
    if subj is None or subj.first <= comma:
        subj = Subject(comma + 1, before, "group")
    return spans, said(text, toks, subj), toks[i], "reported_clause"


def _comma_before(toks: list[Tok], j: int) -> int | None:
    """The comma or dash that opens the subject ending at token j (no other cue between)."""
    cues = indirect_cues()
    for k in range(j, max(-1, j - MAX_SUBJECT_TOKENS - 1), -1):
        if toks[k].text in (",", "—", "–", "--"):
            return k if k < j else None
        if toks[k].text in ";:.!?" and not abbreviation(toks, k) or toks[k].lower in cues:
            return None
    return None


def abbreviation(toks: list[Tok], c: int) -> bool:
    """Is the period at c the end of a title or an initial (Mr. Clinton, John F. Kennedy)?"""
    if toks[c].text != "." or c == 0:
        return False
    word = toks[c - 1].lower
    titles = lexicon.load().titles
    return word in titles or word + "." in titles or len(word) == 1 and toks[c - 1].capitalised


def _after_quotation(toks: list[Tok], first: int) -> bool:
    """Does the subject follow a closing quotation mark and a comma (“…,” X said)?"""
    return first >= 2 and toks[first - 1].text == "," and toks[first - 2].text in "\"”’'" \
        or first >= 1 and toks[first - 1].text in "”"


def _inverted(text: str, toks: list[Tok], i: int):
    """`CONTENT, said Sen. X.` / `CONTENT, said the company's chief, John Smith, who …`: the
    subject follows the cue, up to the next comma or the sentence's end."""
    j = i + 1
    if j >= len(toks) or not toks[j].capitalised and toks[j].lower not in words()["determiners"]:
        return None
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
    return [body], said(text, toks, Subject(j, last, kind)), toks[i], "reported_clause"


def _second_verb(text: str, toks: list[Tok], i: int):
    """`X said A and said B` / `X said A, adding that B`: B is reported too, by the subject of
    the sentence's first cue (None: by whoever the sentence's subject is)."""
    rest = _from(toks, skip_right(toks, i + 1, toks[i].lower))
    if rest is None or toks[i].lower.endswith("ing") and not toks[i - 1].text == "," \
            and not toks[i].lower.endswith("ed"):
        return None
    subj = _first_subject(toks, i)
    speaker = said(text, toks, subj) if subj is not None else None
    return [rest], speaker, toks[i], "reported_clause"


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
            return ([rest], speaker, cue, "according_to_clause") if rest else None
        return None
    if toks[i - 1].text == "," and _rest_is_empty(toks, end):
        body = _before(toks, i - 1)
        return ([body], speaker, cue, "according_to_clause") if body else None
    return None


# --- pieces of the patterns ---------------------------------------------------------------------

def _opens_sentence(toks: list[Tok], i: int) -> bool:
    return all(t.text in "\"“‘(" for t in toks[:i])


def noun_use(toks: list[Tok], i: int) -> bool:
    """`his claims`, `the report`, `a said plan`: a cue word after a determiner is a noun."""
    return i > 0 and toks[i - 1].lower in words()["determiners"]


def skip_left(toks: list[Tok], j: int) -> int:
    """Back over auxiliaries and adverbs between a subject and its cue: X has also said."""
    skip = words()["between_subject_and_cue"]
    while j >= 0 and (toks[j].lower in skip or toks[j].lower.endswith("ly") and not toks[j].capitalised):
        j -= 1
    return j


def subject_before(toks: list[Tok], j: int) -> Subject | None:
    """The subject whose last token is toks[j]: a pronoun, a name or a noun phrase."""
    if j < 0:
        return None
    w = words()
    tok = toks[j]
    if tok.lower == "who":
        return _antecedent(toks, j) or Subject(j, j, "relative")     # 18% who say …
    if tok.lower in ("them", "us") and j >= 2 and toks[j - 1].lower == "of":
        return Subject(j - 2, j, "group")                          # most of them said
    if tok.lower in lexicon.load().pronouns:
        return Subject(j, j, "pronoun")
    if tok.text[0].isdigit() or tok.lower in w["quantities"]:
        first = j - 1 if j > 0 and toks[j - 1].text[0].isdigit() else j
        return Subject(first, j, "group")                          # 38 percent, half, 4 in 10
    if tok.text == ")":                              # Sen. Rand Paul (R-Ky.) said
        opening = next((k for k in range(j - 1, max(-1, j - 8), -1) if toks[k].text == "("), None)
        if opening is None:
            return None
        subj = subject_before(toks, opening - 1)
        return Subject(subj.first, subj.last, subj.kind) if subj and subj.kind == "name" else None
    if tok.text == ",":
        return _appositive_subject(toks, j)
    if abbreviation(toks, j):                         # His son Donald Jr. announced
        subj = subject_before(toks, j - 1)
        return Subject(subj.first, j, subj.kind) if subj is not None else None
    if tok.capitalised and tok.lower not in w["not_names"]:
        return _name_before(toks, j)
    if tok.text.isalpha() and tok.lower not in w["not_nouns"]:
        return _noun_phrase_before(toks, j)
    return None


def _name_before(toks: list[Tok], j: int) -> Subject:
    """A run of capitalised words, with its title and any `of`/`for` inside: Sen. Rand Paul,
    the University of Michigan. A determiner in front makes it a group."""
    first = j
    linkers = words()["name_linkers"]
    while first - 1 >= 0 and first - 1 > j - MAX_SUBJECT_TOKENS:
        prev = toks[first - 1]
        if prev.capitalised and prev.text.isalpha() or prev.text == "." and first - 2 >= 0 \
                and toks[first - 2].capitalised or prev.lower in linkers and first - 2 >= 0 \
                and toks[first - 2].capitalised:
            first -= 1
            continue
        break
    stops = linkers | words()["not_names"] | words()["prepositions"]
    while first < j and (toks[first].lower in stops or toks[first].text == "."):
        first += 1                                   # While Comey, But Greenberg, To …
    if first - 1 >= 0 and toks[first - 1].lower in words()["determiners"]:
        return Subject(first - 1, j, "group")
    kind = "name" if first < j or _looks_like_name(toks, first) else "group"
    return Subject(first, j, kind)


def _looks_like_name(toks: list[Tok], i: int) -> bool:
    """A single capitalised word opening a sentence is a name unless it is a plural noun
    (Officials said, Democrats say)."""
    return i > 0 or not toks[i].lower.endswith("s")


def _noun_phrase_before(toks: list[Tok], j: int) -> Subject | None:
    """`the company`, `a spokesman for the campaign`, `officials`: a determiner within reach, or
    a bare plural noun."""
    w = words()
    k = j
    while k >= 0 and j - k < MAX_SUBJECT_TOKENS:
        tok = toks[k]
        if tok.lower in w["determiners"] or k < j and tok.lower.endswith(("’s", "'s")):
            return Subject(k, j, "group")             # the campaign / Clinton’s campaign
        if not _wordlike(tok) or tok.lower in w["not_nouns"] and tok.lower not in w["name_linkers"]:
            break
        k -= 1
    if toks[j].lower.endswith("s") and not toks[j].lower.endswith("ss"):
        return Subject(j - 1 if j > 0 and toks[j - 1].capitalised else j, j, "group")   # officials
    return None


MAX_APPOSITIVE_TOKENS = 25


def _appositive_subject(toks: list[Tok], comma: int) -> Subject | None:
    """`Brian Abernathy, the city's first deputy manager, said` / `Sanders, who has …, said` /
    `Rep. Jason Chaffetz, R-Utah, said`: the subject before the aside between commas."""
    opening = next((k for k in range(comma - 1, max(-1, comma - MAX_APPOSITIVE_TOKENS), -1)
                    if toks[k].text in ",;:"), None)
    if opening is None or toks[opening].text != "," or opening == 0:
        return None
    first = _sentence_name(toks, comma)
    if first is not None:
        return first                  # Clinton, during a town hall in Columbus, Ohio, said
    subj = subject_before(toks, opening - 1)
    return subj if subj is not None and subj.kind != "pronoun" else None


def _wordlike(tok: Tok) -> bool:
    """A word of letters (an apostrophe or hyphen inside allowed): minister’s, co-host."""
    return tok.text.replace("’", "").replace("'", "").replace("-", "").isalpha()


def _sentence_name(toks: list[Tok], before: int) -> Subject | None:
    """The name that opens the sentence and is followed by a comma, when it is within an
    aside's reach of token `before`."""
    j = 0
    while j < len(toks) and toks[j].text in "\"“‘(":
        j += 1
    k = j
    while k < len(toks) and (toks[k].capitalised and toks[k].text.isalpha() or toks[k].text == "."):
        k += 1
    if k == j or k >= before or toks[k].text != "," or before - k > MAX_APPOSITIVE_TOKENS \
            or toks[j].lower in words()["not_names"] | words()["determiners"]:
        return None
    return Subject(j, k - 1, "name")


def _antecedent(toks: list[Tok], j: int) -> Subject | None:
    """`Beck, who said …`: the name before the comma."""
    if j < 2 or toks[j - 1].text != ",":
        return None
    subj = subject_before(toks, j - 2)
    return subj if subj is not None and subj.kind != "pronoun" else None


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
        if toks[k].lower in w["setting_nouns"] or toks[k].lower in lexicon.read_entries("time_words"):
            return k + 1
        if not toks[k].text.isalpha():
            break
    return j


def _adverbial(tok: Tok) -> bool:
    return tok.lower in words()["adverbials"] or tok.lower in lexicon.read_entries("time_words")


def _rest_is_empty(toks: list[Tok], j: int) -> bool:
    """Nothing but closing punctuation (and adverbials) after token j."""
    return all(_adverbial(t) or t.text in ".!?\"”’)" for t in toks[j:])


def _before(toks: list[Tok], comma: int, least: int = 0) -> Span | None:
    """The words of the sentence before token `comma` (at least `least` of them, default
    MIN_CONTENT_WORDS)."""
    if comma <= 0 or sum(1 for t in toks[:comma] if t.text[0].isalnum()) < (least or MIN_CONTENT_WORDS):
        return None
    return Span(toks[0].start, toks[comma - 1].end)


def _from(toks: list[Tok], j: int) -> Span | None:
    """The words of the sentence from token j, to its end or to where something else begins:
    a trailing attribution (…, adding), a relative clause (…, who), a second speaker."""
    end = len(toks)
    w = words()
    cues = indirect_cues()
    for k in range(j + 1, len(toks) - 1):
        nxt = toks[k + 1].lower
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

@dataclass(frozen=True)
class Said:
    mention: Mention
    name: str | None
    role: str | None = None


def said(text: str, toks: list[Tok], subj: Subject) -> SubjectWords:
    """The subject's words as a mention in the text, with their kind."""
    first, last = toks[subj.first], toks[subj.last]
    return SubjectWords(Mention(text[first.start:last.end], first.start, last.end), subj.kind)


def speaker_of(subject: SubjectWords | None, people: People) -> Said | None:
    """The person (or group) a subject names, as the document's People know them."""
    if subject is None:
        return None
    mention, kind = subject.mention, subject.kind
    if kind == "relative":
        return Said(mention, None)
    if kind == "pronoun":
        person = people.resolve_pronoun(mention.text.lower(), mention.start)
        return Said(mention, person.name if person else None)
    if kind == "name":
        role, mention = without_role(mention)
        return Said(mention, people.mention(mention.text, mention.start, spoke=True).name, role)
    words_ = mention.text.split()
    if words_ and words_[0].lower() in ("the", "a", "an"):
        words_ = words_[1:]
    plural = words_[-1].lower().endswith("s") if words_ else False
    return Said(mention, people.mention(" ".join(words_), mention.start, plural=plural,
                                        spoke=True, group=True).name)


def without_role(mention: Mention) -> tuple[str | None, Mention]:
    """`Microsoft CEO Satya Nadella` → role `Microsoft CEO`, mention `Satya Nadella`: the name
    starts after the last title word (lexicon/titles.txt) that has a word after it."""
    titles = lexicon.load().titles
    parts = mention.text.split(" ")
    last = max((i for i, w in enumerate(parts[:-1]) if w.lower() in titles or w.lower().rstrip(".") in titles),
               default=-1)
    if last < 0:
        return None, mention
    role = " ".join(parts[:last + 1])
    at = mention.start + len(role) + 1
    return role, Mention(mention.text[len(role) + 1:], at, mention.end)


def _trimmed(text: str, span: Span) -> Span | None:
    lo, hi = span.start, span.end
    while lo < hi and text[lo] in TRIM:
        lo += 1
    while hi > lo and text[hi - 1] in TRIM:
        hi -= 1
    return Span(lo, hi) if hi - lo >= 3 else None


def _acceptable(text: str, spans: list[Span], direct: Spans, partial: Spans) -> bool:
    """Not a whole quoted sentence (the quote rules have it), not only a quoted fragment."""
    whole = Span(spans[0].start, spans[-1].end)
    return not direct.overlapping(whole) \
        and more_than_quoted(whole, partial, lambda: text[whole.start:whole.end])


def _quote(text: str, m: Match, said: Said | None) -> Quote:
    confidence = CONFIDENCE[m.rule] - CONFIDENCE_PENALTY - (0 if said and said.name else 0.1)
    return Quote(text=" ".join(text[s.start:s.end] for s in m.spans), spans=m.spans, kind=Kind.INDIRECT,
                 speaker=said.name if said else None, speaker_mention=said.mention if said else None,
                 role=said.role if said else None, cue=m.cue, rule=m.rule, confidence=round(confidence, 2),
                 context=text[m.sentence.start:m.sentence.end])
