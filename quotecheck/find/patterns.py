"""Quotations attributed by word patterns alone, for the fast reading (no statistical model).

The parser reads a few thousand words a second; a text of several megabytes would take minutes.
The fast reading attributes each quotation by the words right around it instead, with the same
rule names as the parse-based rules so that a reviewer reads them the same way:

    trailing_cue    “…,” X said.  /  “…,” said X.  /  “…,” X, the Y of Z, said.
    leading_cue     X said: “…”  /  X said the plan was “a disaster”
    according_to    “…,” according to X.
    governing_verb  “…,” Bennett shot back.  /  Kaine has adopted the stance: “…”
    sentence_subject   Clinton called the plan “a disaster” (a fragment, no known cue)
    previous_sentence  …, Smith said. “…” (a quotation opening its sentence)

Subjects are read as reported.py reads them (a name, a pronoun, a noun phrase). The inheriting
rules (same_paragraph, continuation) then run as they do after the parse-based rules.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..model import Kind, Mention
from . import lexicon
from .attribute import Attribution, Candidate, pattern_penalty
from .marks import Paragraph
from .openings import (after_dateline, cue_subject, earlier_cue_subject, name_end, phrase_after,
                       sentence_subject, speech_noun, subject_after_opening)
from .speakers import People
from .sentences import Sentences
from .shape import is_headline
from .subjects import (Subject, SubjectWords, Tok, abbreviation, noun_use, said, skip_left,
                       speaker_of, subject_before, words)

MAX_LEADING_TOKENS = 80         # the words read before a quotation, at most
MAX_TRAILING_TOKENS = 30         # “…,” Deborah Tamargo, the chairwoman of Florida’s Hillsborough County GOP, recalled
CLOSERS = ".!?"


@dataclass(unsafe_hash=True, init=False)
class Lead:
    """What one pattern read around a quotation: the rule, the subject's words, the cue (never
    changed once made: see subjects.Subject)."""
    rule: str
    subject: SubjectWords
    cue: Mention | None

    def __init__(self, rule: str, subject: SubjectWords, cue: Mention | None) -> None:
        self.rule = rule
        self.subject = subject
        self.cue = cue


def attribute_by_patterns(cand: Candidate, text: str, para: Paragraph, sents: Sentences,
                          people: People, previous: Paragraph | None = None) -> Attribution:
    """The first pattern that attributes the quotation, or an empty attribution. `previous`:
    the paragraph before, whose closing colon may lead into the quotation."""
    found = _trailing(cand, text, para, sents)
    if found is not None and cand.kind is Kind.PARTIAL and not _right_after(cand, text, found):
        # a fragment with a cue before it (Trump vowed to “take our fight” to the 35 states that
        # …): a cue further on in the sentence belongs to another clause
        found = _leading(cand, text, para, sents) or found
    found = found or _leading(cand, text, para, sents) \
        or (_writers_sentence(cand, text, para, sents) if cand.kind is Kind.PARTIAL
            else _previous_sentence(cand, text, para, sents)) \
        or _colon_lead(cand, text, para, previous, sents)
    return _attributed(found, people)


def attribute_by_paragraph_lead(cand: Candidate, text: str, paras: list[Paragraph], sents: Sentences,
                                people: People) -> Attribution:
    """The speaker the paragraph before names (`paragraph_lead`), or an empty attribution."""
    return _attributed(paragraph_lead(cand, text, paras, sents), people)


def _attributed(found: Lead | None, people: People) -> Attribution:
    """The attribution a lead makes, its speaker resolved (empty when it names no one)."""
    if found is None:
        return Attribution()
    rule, subject, cue = found.rule, found.subject, found.cue
    speaker = speaker_of(subject, people)
    if speaker is None:
        return Attribution()
    return Attribution.by(rule, speaker, cue, penalty=pattern_penalty(speaker.name is not None))


def _right_after(cand: Candidate, text: str, lead: Lead) -> bool:
    """Does the lead's subject or cue follow the quotation at once (“…,” X said / “…,” said X)?"""
    at = min(lead.subject.mention.start, lead.cue.start) if lead.cue else lead.subject.mention.start
    return not text[cand.outer_end:at].strip(" ,")


def _writers_sentence(cand: Candidate, text: str, para: Paragraph, sents: Sentences):
    """`Clinton called the plan “a disaster”` with no cue the patterns know: a quoted fragment
    in a sentence that opens with a name or a pronoun; its subject speaks (sentence_subject)."""
    if not sents.opens_within(para, cand.outer_start, MAX_LEADING_TOKENS):
        return None                      # (asked first: the words are not read for nothing)
    toks, whole = sents.words_before(para, cand.outer_start, MAX_LEADING_TOKENS)
    subj = sentence_subject(text, toks) if toks and whole else None
    if subj is None:
        return None
    return Lead("sentence_subject", said(text, toks, subj), None)


CLOSING_OF = {"“": "”", "‘": "’", '"': '"'}


def _previous_sentence(cand: Candidate, text: str, para: Paragraph, sents: Sentences):
    """`…, Smith said. “…”` / `“…,” McCain said, asked about it. “…”`: a quotation that opens
    its sentence takes the speaker of the first cue, outside quotation marks, of the sentence
    before it in the same paragraph (previous_sentence). The first, not the last: the cues after
    it (adding, asked, a blog post) belong to the same speaker or are no cues at all."""
    toks, _ = sents.words_before(para, cand.outer_start, 1)
    if toks:
        return None                      # words of its own sentence stand before it
    return _first_cue(text, sents.sentence_before(para, cand.outer_start))


def _first_cue(text: str, prev: list[Tok]):
    """The first cue, outside quotation marks, of the sentence `prev` with its subject, as a
    previous_sentence lead (None: none)."""
    forms = lexicon.load().speech_forms
    c = _past_open_quotation(text, prev)
    while c < len(prev):
        tok = prev[c]
        if tok.text in CLOSING_OF:        # a quotation: its words are not the writer's
            closing = CLOSING_OF[tok.text]    # its own closing mark: not that of one inside it
            c += 1
            while c < len(prev) and prev[c].text != closing:
                c += 1
        elif tok.lower in forms and not noun_use(prev, c) and not tok.lower.endswith("ing"):
            subj = cue_subject(prev, c)          # …, Smith said. / “…,” wrote Post bureau chief X.
            if subj is not None:
                return Lead("previous_sentence", said(text, prev, subj), Mention(tok.text, tok.start, tok.end))
        c += 1
    return None


DOUBLE_MARKS = frozenset({"“", "”", '"', "«", "»", "''", "``"})


def paragraph_lead(cand: Candidate, text: str, paras: list[Paragraph], sents: Sentences):
    """`Howard continued his scathing remarks. ¶ “Eight years ago …”`: a quotation that opens
    its paragraph takes the person the last sentence of the paragraph before names, by its
    first cue or as the name or pronoun that opens it (previous_sentence, across the paragraph
    break). Only a person's name or a pronoun (`The two companies did not disclose the terms. ¶
    “Nobody knows …”` leaves the quotation unattributed), only after a sentence that ends as
    one does, never a headline, and not after one with a quotation of its own (the quotation goes
    on from that one: the inheriting rules) nor after a colon (colon_lead). Tried last, when
    nothing else attributes the quotation."""
    if cand.kind is not Kind.DIRECT or cand.paragraph == 0 \
            or not _opens_paragraph(text, paras[cand.paragraph], cand.outer_start) \
            or cand.paragraph == 1 and is_headline(text, paras, 0):
        return None
    lead = sents.of(paras[cand.paragraph - 1])
    toks = sents.words_of(lead[-1]) if lead else []
    if not toks or toks[-1].text not in CLOSERS or any(t.text in DOUBLE_MARKS for t in toks):
        return None
    found = _first_cue(text, toks)
    if found is None:
        subj = sentence_subject(text, toks)
        found = Lead("previous_sentence", said(text, toks, subj), None) if subj is not None else None
    return found if found is not None and found.subject.kind in ("name", "pronoun") else None


def _past_open_quotation(text: str, toks: list[Tok]) -> int:
    """Where the writer's words of a sentence begin: after the closing mark of a quotation that
    was open when the sentence began (`…asked,” Portman said.` is the last sentence of a
    quotation and its cue; `asked` is no cue). A straight mark closes when a word, not a space,
    stands before it."""
    for c, tok in enumerate(toks):
        if tok.text in "“‘":
            return 0
        if tok.text == "”" or tok.text == '"' and c > 0 and not text[tok.start - 1].isspace():
            return c + 1
        if tok.text == '"':
            return 0
    return 0


def _trailing(cand: Candidate, text: str, para: Paragraph, sents: Sentences):
    """`“…,” X said` / `“…,” said X` / `“…,” according to X`, in the rest of the sentence."""
    after = cand.outer_end
    if _next_char(text, after, para.end) in OPENING_MARKS:
        return None         # another quotation opens at once: the loop below would stop at its mark
    toks = sents.words_after(para, after, MAX_TRAILING_TOKENS)
    # a quotation that ends its own sentence with a period takes a cue after it only when the
    # cue ends that sentence too (“We will win.” Trump said.), not from a sentence that goes on
    closed = text[cand.segments[-1].end - 1:cand.segments[-1].end] == "."
    k = 1 if toks and toks[0].text in ",;" else 0
    forms = lexicon.load().speech_forms
    for c in range(k, min(len(toks), k + MAX_TRAILING_TOKENS)):
        tok = toks[c]
        if tok.text in "“\"‘":
            return None                                  # another quotation opens: no cue of this one
        if tok.text in CLOSERS and not abbreviation(toks, c):
            # the sentence ends: “…,” Trump barked. (not “… together.” He laughed.: its own)
            return None if closed else _governing_name(text, toks[:c], k)
        if c == k and _according_to_at(toks, c):
            return _according_to(text, toks, c)
        if tok.lower not in forms or noun_use(toks, c) or tok.lower.endswith("ing"):
            continue                # (“…,” adding, “…”: a participle introduces what follows it)
        cue = Mention(tok.text, tok.start, tok.end)
        if c == k:                                       # “…,” said Sen. X
            subj = phrase_after(toks, c + 1)
            if subj is None or (closed and not _ends_there(toks, subj.last)):
                return None
            return Lead("trailing_cue", said(text, toks, subj), cue)
        subj = subject_before(toks, skip_left(toks, c - 1))
        if subj is None or not (_only_words(toks, k, subj.opening) or _framed_at_end(toks, k, subj, c)
                                or _after_role(toks, k, subj)):
            return None                      # State spokesman Mark Toner said: a role before the name
        if closed and not _ends_there(toks, c):
            return None                      # “… together.” He warns that …: a sentence of its own
        return Lead("trailing_cue", said(text, toks, subj), cue)
    return _governing_name(text, toks, k)


MAX_FRAMED_SUBJECT = 5   # “…” than that of the CIA chief, Zuckoff said.


def _framed_at_end(toks: list[Tok], k: int, subj: Subject, c: int) -> bool:
    """`“…” than that of the CIA chief, Zuckoff said.`: words go on after the quotation, then a
    comma, a short subject and the cue end the sentence; no other quotation stands between."""
    return subj.opening > k and toks[subj.opening - 1].text == "," and c - subj.opening <= MAX_FRAMED_SUBJECT \
        and _ends_there(toks, c) and not any(t.text in "“”\"‘’" for t in toks[k:subj.opening])


def _after_role(toks: list[Tok], k: int, subj: Subject) -> bool:
    """`“…,” Ms. Merkel's spokesman, Steffen Seibert, wrote`: the name stands between commas
    after a role of words, possessives and abbreviations (no other punctuation, no quotation)."""
    return subj.kind == "name" and subj.first > k + 1 and toks[subj.first - 1].text == "," \
        and all(t.text[:1].isalnum() or abbreviation(toks, i) for i, t in enumerate(toks[k:subj.first - 1], k))


def _ends_there(toks: list[Tok], last: int) -> bool:
    """Is toks[last] the sentence's last word (only punctuation after it)?"""
    return all(not t.text[:1].isalnum() for t in toks[last + 1:])


def _according_to_at(toks: list[Tok], c: int) -> bool:
    return toks[c].lower == "according" and c + 2 < len(toks) and toks[c + 1].lower == "to"


def _according_to(text: str, toks: list[Tok], c: int) -> Lead | None:
    """`according to X` at toks[c]: X speaks (None: no subject after it)."""
    subj = phrase_after(toks, c + 2)
    cue = Mention(text[toks[c].start:toks[c + 1].end], toks[c].start, toks[c + 1].end)
    return Lead("according_to", said(text, toks, subj), cue) if subj else None


def _only_words(toks: list[Tok], lo: int, hi: int) -> bool:
    """Are toks[lo:hi] plain words (a role: State spokesman), no punctuation, no cue?"""
    return all(t.text[:1].isalnum() for t in toks[lo:hi])


@lru_cache(maxsize=1)
def _not_name_starts() -> frozenset[str]:
    w = words()
    return w["not_names"] | w["determiners"] | w["prepositions"] | frozenset(lexicon.load().pronouns)


def _governing_name(text: str, toks: list[Tok], k: int):
    """`“…,” Bennett shot back`: a name right after the quotation, then a verb no cue list names
    (a lower-case word ending in -ed or -s): its subject speaks."""
    j = k
    while j < len(toks) and j - k < 4 and toks[j].capitalised and toks[j].text.isalpha():
        j += 1
    if j == k or toks[k].lower in _not_name_starts():
        return None                      # ”It gets …, ”Her suggestions …, ”After …: no name
    if j >= len(toks) or not toks[j].text.isalpha() or toks[j].capitalised \
            or not toks[j].lower.endswith(("ed", "s")) or toks[j].lower in words()["not_nouns"]:
        return None
    return Lead("governing_verb", said(text, toks, Subject(k, j - 1, "name")), Mention(toks[j].text, toks[j].start, toks[j].end))


def _leading(cand: Candidate, text: str, para: Paragraph, sents: Sentences):
    """`X said: “…”` / `X said the plan was “a disaster”`: the last cue before the quotation in
    its sentence, with its subject."""
    before = cand.outer_start
    if _previous_char(text, para.start, before) in CLOSING_MARKS:
        return None         # another quotation closes right before: _lead_from would stop at its mark
    toks, whole = sents.words_before(para, before, MAX_LEADING_TOKENS)
    if not toks:
        return None                      # the quotation opens its sentence: nothing leads in
    return _lead_from(text, toks, whole)


OPENING_MARKS = frozenset("“\"‘")      # what _trailing stops at
CLOSING_MARKS = frozenset("”\"’")      # what _lead_from stops at


# These two read only the spaces between a quotation and its neighbour: in a text of quotations
# and nothing else, the words around each would otherwise be read (sliced) for nothing.
def _next_char(text: str, at: int, hi: int) -> str:
    """The first character from `at` that is no space, before `hi` ('' when none)."""
    while at < hi and text[at].isspace():
        at += 1
    return text[at] if at < hi else ""


def _previous_char(text: str, lo: int, at: int) -> str:
    """The last character before `at` that is no space, from `lo` ('' when none)."""
    while at > lo and text[at - 1].isspace():
        at -= 1
    return text[at - 1] if at > lo else ""


def _colon_lead(cand: Candidate, text: str, para: Paragraph, previous: Paragraph | None, sents: Sentences):
    """`He said:` / `Cruz continued:` / `Reporter Jomana Karadsheh says:` ending the paragraph
    before one that opens with the quotation (colon_lead, as in the parsed reading)."""
    if previous is None or not _opens_paragraph(text, para, cand.outer_start):
        return None
    end = previous.end
    while end > previous.start and text[end - 1].isspace():
        end -= 1
    if end == previous.start or text[end - 1] != ":":
        return None
    toks, whole = sents.words_before(previous, end, MAX_LEADING_TOKENS)
    found = _lead_from(text, toks, whole) if toks else None
    return Lead("colon_lead", found.subject, found.cue) if found else None


def _opens_paragraph(text: str, para: Paragraph, at: int) -> bool:
    """Is there nothing but space before `at` in its paragraph? (Read from the paragraph's
    start and stopped at the first word: a slice of all that stands before a quotation, for
    each of a long paragraph's thousands of quotations, is quadratic.)"""
    i = para.start
    while i < at and text[i].isspace():
        i += 1
    return i == at


def _lead_from(text: str, toks: list[Tok], whole: bool):
    """The last cue of `toks` (the words before a quotation, in its sentence) with its subject;
    `whole`: they start where the sentence does."""
    forms = lexicon.load().speech_forms
    for c in range(len(toks) - 1, -1, -1):
        tok = toks[c]
        if tok.text in "”\"’" and _list_between(toks, c + 1):
            # called the president “weak” and “disappointing”: a list of quoted words shares
            # the lead of its first member
            opening = next((o for o in range(c - 1, -1, -1) if toks[o].text in "“\"‘"), None)
            return _lead_from(text, toks[:opening], whole) if opening else None
        if tok.text in "”\"’" or tok.text in CLOSERS and c < len(toks) - 1:
            return None                  # another quotation, or another sentence, stands between
        if _according_to_at(toks, c):
            return _according_to(text, toks, c)
        if tok.lower not in forms or noun_use(toks, c):
            continue
        subj = None
        lead = c - 1 if c > 1 and toks[c - 1].lower.endswith("ly") else c      # , alternately shouting
        if whole and tok.lower.endswith("ing") and lead > 0 and (toks[lead - 1].text == ","
                                                                 or toks[lead - 1].lower in words()["participle_leads"]):
            # Nefzi said, adding, “…” / Trump released an ad, saying “…”
            subj = earlier_cue_subject(toks, c - 1) or sentence_subject(text, toks)
        before = skip_left(toks, c - 1)
        if subj is None and whole and before >= 1 and toks[before].lower in ("and", "but"):
            subj = sentence_subject(text, toks)      # Mr. Trump was forced … and said that …
        subj = subj or subject_before(toks, before)
        if subj is not None and whole and tok.lower.endswith("ing") and speech_noun(toks, subj):
            subj = sentence_subject(text, toks)       # Trump issued a statement saying “…”
        if subj is not None and toks[subj.first].lower in words()["prepositions"] | words()["not_names"]:
            subj = subject_after_opening(toks, subj.first, before=c)   # In July, Sammy Aaron, …, told
        if subj is None:
            if c + 1 < len(toks) and tok.lower in words()["inverting"]:
                subj = _inverted_lead(toks, c + 1)    # Said Sen. X: “…”
            if subj is None:
                continue
        reporting = _reporting_cue(toks, subj.opening) if subj.kind != "pronoun" else None
        if reporting is not None:
            # Westmacott said that Obama shows “great charm”: the cue inside a that-clause is
            # part of what the reporting cue's subject says
            e, subj = reporting
            tok = toks[e]
        return Lead("leading_cue", said(text, toks, subj), Mention(tok.text, tok.start, tok.end))
    return _colon_subject(text, toks)


def _inverted_lead(toks: list[Tok], j: int) -> Subject | None:
    """The subject after a leading inverted cue, `Said Sen. X: “…”`, which a comma or colon ends;
    not the subject of the clause the cue reports (said he was being “sarcastic”, said the
    president “offered …”)."""
    subj = phrase_after(toks, j)
    if subj is None or subj.kind == "pronoun" or subj.last + 1 >= len(toks) or toks[subj.last + 1].text not in ",:":
        return None
    return subj


MAX_REPORTING_GAP = 4      # said on Tuesday that / told reporters that


def _reporting_cue(toks: list[Tok], upto: int) -> tuple[int, Subject] | None:
    """The speech verb whose `that` opens the clause in which toks[upto] stands (nothing but
    words between them), with its subject: (index, subject), or None."""
    forms = lexicon.load().speech_forms
    k = upto - 1
    while k >= 0 and toks[k].lower != "that":
        if not toks[k].text[:1].isalnum():
            return None                  # a comma, a quotation: another clause stands between
        k -= 1
    for e in range(k - 1, max(k - 1 - MAX_REPORTING_GAP, -1), -1):
        tok = toks[e]
        if not tok.text[:1].isalnum():
            return None
        if tok.lower in forms and not tok.lower.endswith("ing") and not noun_use(toks, e):
            subj = cue_subject(toks, e)
            return (e, subj) if subj is not None else None
    return None


def _list_between(toks: list[Tok], lo: int) -> bool:
    """Are toks[lo:] (between two quotations) only commas, and/or and articles: a list?"""
    rest = toks[lo:]
    return bool(rest) and len(rest) <= 3 and all(t.lower in words()["list_words"] for t in rest)


def _colon_subject(text: str, toks: list[Tok]):
    """`Kaine has adopted the stance: “…”`: a sentence that opens with a name or a pronoun and
    leads into the quotation with a colon; its subject speaks."""
    if len(toks) < 2 or toks[-1].text != ":":
        return None
    j = after_dateline(text, toks)
    first = toks[j]
    if first.lower in lexicon.load().pronouns and first.lower not in ("it", "i", "we"):
        subj = Subject(j, j, "pronoun")
    elif first.capitalised and first.lower not in words()["not_names"] | words()["determiners"]:
        subj = Subject(j, name_end(toks, j), "name")
    else:
        return None
    return Lead("governing_verb", said(text, toks, subj), Mention(":", toks[-1].start, toks[-1].end))


__all__ = ["Sentences", "attribute_by_patterns"]
