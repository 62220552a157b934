"""From a parsed noun phrase to a speaker: its name, its role, and the mention in the text.

`OpenAI CEO Sam Altman` → name Sam Altman, role OpenAI CEO; `Smith, the mayor of Boston,` → role
the mayor of Boston; `he` → a pronoun, resolved by the document's People; `the campaign` → a group.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Mention
from . import lexicon
from .parse import ParsedParagraph, upos
from .speakers import People, strip_title

NAME_DEPS = {"compound", "flat", "nmod", "nn"}
GROUP_STOP_DEPS = {"relcl", "acl", "appos", "prep", "punct", "cc", "conj", "advmod"}


@dataclass(unsafe_hash=True, init=False)
class SpeakerRef:
    """Who a quote's speaker is (never changed once made: see subjects.Subject)."""
    mention: Mention             # the words in the text that name the speaker
    name: str | None             # canonical name; None for an unresolved pronoun
    role: str | None = None
    pronoun: bool = False

    def __init__(self, mention: Mention, name: str | None, role: str | None = None, pronoun: bool = False) -> None:
        self.mention = mention
        self.name = name
        self.role = role
        self.pronoun = pronoun


def _mention(pp: ParsedParagraph, first, last) -> Mention:
    start, end = pp.offset(first), pp.end_offset(last)
    return Mention(pp.words(first, last), start, end)


def _name_run(tok):
    """The run of proper-noun tokens that ends at (or contains) `tok`: Bernie Sanders, and the
    parts of a hyphenated name, which the tokenizer splits (Alexandria Ocasio-Cortez)."""
    doc = tok.doc
    lo = hi = tok.i
    while True:
        while lo - 1 >= 0 and upos(doc[lo - 1]) == "PROPN" and doc[lo - 1].head.i in range(lo - 1, hi + 2):
            lo -= 1
        if lo < 2 or not hyphen_joins(doc, lo - 1):
            break
        lo -= 2
    while True:
        while hi + 1 < len(doc) and upos(doc[hi + 1]) == "PROPN" and doc[hi + 1].head.i in range(lo, hi + 2):
            hi += 1
        if hi + 2 >= len(doc) or not hyphen_joins(doc, hi + 1):
            break
        hi += 2
    while hi > lo and doc[hi].text in ("'s", "’s"):
        hi -= 1
    return doc[name_start(doc, lo, hi)], doc[hi]


def hyphen_joins(doc, i: int) -> bool:
    """Is token i a hyphen inside a name, glued to a word before it and to a capitalised word
    after it: Ocasio-Cortez, al-Awlaki, Jean-Pierre (not anti-war, not a dash between words)?"""
    if not 0 < i < len(doc) - 1 or doc[i].text not in ("-", "‐") or doc[i - 1].whitespace_ or doc[i].whitespace_:
        return False
    before, after = (doc[j].text.replace("'", "").replace("’", "") for j in (i - 1, i + 1))
    return before.isalpha() and after.isalpha() and after[:1].isupper()      # O'Brien-Smith


def name_start(doc, lo: int, hi: int) -> int:
    """Where the name begins in a run of proper nouns: OpenAI CEO | Sam Altman (the role first);
    in a headline's title case, at the first name that ends the run (Black Lawmakers Rip |
    Donald Trump), as the capitalised words of the text are read (names.py)."""
    lex = lexicon.load()
    for i in range(hi - 1, lo - 1, -1):
        if lex.is_title(doc[i].lower_):
            start = i + 1
            while start + 1 < hi and hyphen_joins(doc, start):
                start += 2                   # Secretary-Treasurer Gary Casteel: a title too
            return start
    if hi - lo + 1 >= LONG_RUN:
        for i in range(lo + 1, hi):
            if doc[i].lower_ in lex.first_names and doc[i].text[:1].isupper():   # not al-Awlaki's `al`
                return i
    return lo


LONG_RUN = 4    # words: longer than most names without a title (Mark Z. Barabak, John F. Kennedy)


def _name_token(tok):
    """The proper noun that names the head `tok` (itself, an apposition or a compound)."""
    if upos(tok) == "PROPN":
        return tok
    for child in tok.children:
        if child.dep_ == "appos" and upos(child) == "PROPN":
            return _outside_parentheses(child)
    for child in tok.children:
        if child.dep_ in NAME_DEPS and upos(child) == "PROPN" and child.i > tok.i:
            return child
    return None


def _role_text(tok, first, last) -> str | None:
    """Words of the noun phrase around the name that describe the person: titles, appositions."""
    words = []
    phrase = {t.i for t in tok.subtree}     # asked once: `in tok.subtree` walks it each time
    for t in tok.subtree:
        if first.i <= t.i <= last.i or t.dep_ in ("det", "punct", "case") or upos(t) == "PUNCT":
            continue
        clause = [a for a in t.ancestors if a.i != tok.i and a.i in phrase] + [t]
        if any(a.dep_ in ("relcl", "acl") for a in clause):     # who served as …: not a role
            continue
        words.append(t)
    role = " ".join(t.text for t in words).strip()
    title, _ = strip_title(" ".join(t.text for t in tok.doc[first.i:last.i + 1]))
    role = " ".join(x for x in (title, role) if x)
    return role or None


def _group_span(tok):
    """A speaker that is no name (a source, the campaign, officials): the phrase up to its head."""
    left = tok
    for t in tok.subtree:
        if t.i < tok.i and t.dep_ not in GROUP_STOP_DEPS:
            left = t
            break
    return left, tok


def _outside_parentheses(tok):
    """`Gov. John Kasich (R-OH), said`: a parse that takes the party label for the subject
    means the name just before the parenthesis."""
    doc, i = tok.doc, tok.i
    opening = next((j for j in range(i, max(-1, i - 6), -1) if doc[j].text == "("), None)
    closing = any(doc[k].text == ")" for k in range(i, min(len(doc), i + 4)))
    if opening is None or not closing or opening == 0:
        return tok
    before = doc[opening - 1]
    named = upos(before) == "PROPN" or (upos(before) == "NOUN" and before.text[:1].isupper())
    return before if named else tok


def describe(tok, pp: ParsedParagraph, people: People) -> SpeakerRef | None:
    """The speaker named by the subject token `tok` of a cue."""
    lex = lexicon.load()
    tok = _outside_parentheses(tok)
    if tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl" and tok.head.head is not tok.head:
        antecedent = describe(tok.head.head, pp, people)      # Beck, who said …: `who` is Beck
        if antecedent is None:
            return None
        return SpeakerRef(_mention(pp, tok, tok), antecedent.name, antecedent.role)
    lower = tok.lower_
    if upos(tok) == "PRON" or lower in lex.pronouns:
        if lower not in lex.pronouns or lower in ("it",) and tok.dep_ == "expl":
            return None
        person = people.resolve_pronoun(lower, pp.offset(tok))
        return SpeakerRef(_mention(pp, tok, tok), person.name if person else None, pronoun=True)
    name_tok = _name_token(tok)
    if name_tok is not None:
        first, last = _name_run(name_tok)
        mention = _mention(pp, first, last)
        # `The Chicago Tribune said`: a name with an article is a body's (not `the Clinton
        # campaign`, where the article is the noun's and the name a person's)
        body = name_tok is tok and first.i > 0 and first.doc[first.i - 1].lower_ == "the"
        person = people.mention(mention.text, mention.start, spoke=True, group=body)
        return SpeakerRef(mention, person.name, _role_text(tok, first, last))
    if upos(tok) not in ("NOUN", "PROPN"):
        return None
    first, last = _group_span(tok)
    mention = _mention(pp, first, last)
    words = mention.text.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    person = people.mention(" ".join(words), mention.start, plural=tok.tag_ in ("NNS", "NNPS"),
                            spoke=True, group=True)
    return SpeakerRef(mention, person.name)
