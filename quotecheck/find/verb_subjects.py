"""Who speaks through a verb, read from the parse: the token naming the speaker.

That is the verb's subject, or the subject it shares (a participle, a relative clause, a clause
it reports); the author of a piece of speech it is the object of (a statement saying …); an
inverted subject (`“…,” said X`); or the name just before it when the parse left it none.
"""
from __future__ import annotations

from . import lexicon
from .parse import VERB_POS, upos
from .subjects import words


def subject_of(verb, depth: int = 0, inside=lambda tok: False):
    """The token naming who speaks through `verb`: its subject, or the subject it shares.
    `inside` tells the quotation's own tokens, which are never its speaker."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and not inside(child) and not _time(child):
            return child                         # `who`/`which` resolve to their noun in describe
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        return _author_of(verb.head, depth, inside) or verb.head
    if depth < 2 and verb.dep_ in ("advcl", "conj", "xcomp", "parataxis") and verb.head is not verb:
        return subject_of(_reporter(verb), depth + 1, inside)
    if depth < 2 and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        return subject_of(verb.head.head, depth + 1, inside)    # After saying “…,” she was …
    return _inverted_subject(verb, inside) or _preceding_name(verb, inside)


def _reporter(verb):
    """The verb a participle cue hangs on, or the speech verb above it when that verb is what the
    speech verb reports: `Trump told Newsmax that Romney had …, adding, “…”` adds to `told`
    (Trump), not to `had` (Romney)."""
    head = verb.head
    if verb.tag_ == "VBG" and head.dep_ == "ccomp" and head.head is not head \
            and head.head.lower_ in lexicon.load().speech_forms:
        return head.head
    return head


def _author_of(noun, depth: int, inside):
    """`She released a statement saying …`: a piece of speech (statement, email, ad…) that is
    the object of a verb speaks for that verb's subject, not for itself."""
    if depth >= 2 or noun.lower_ not in lexicon.read_set("attribution_nouns") or noun.dep_ not in ("dobj", "pobj") \
            or noun.head is noun:
        return None
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head
    if upos(governor) not in VERB_POS:
        return None
    return next((c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass") and not inside(c)), None)


def _inverted_subject(verb, inside):
    """`…,” said Caddell`: a name right after a speech verb that has no subject before it."""
    if verb.lower_ not in lexicon.read_set("inverting_verbs"):
        return None
    times = lexicon.read_set("time_words")
    for child in verb.rights:
        if child.i - verb.i <= 4 and child.dep_ in ("dobj", "attr", "npadvmod", "dep", "oprd", "nsubj") \
                and upos(child) in ("PROPN", "NOUN", "PRON") and not inside(child) \
                and child.lower_ not in times:
            return child
    return None


def _preceding_name(verb, inside):
    """A parse that left the verb without a subject: `Gov. John Kasich (R-OH), said, “…”` —
    the name just before it (past commas and a parenthesis) speaks."""
    doc, i, depth = verb.doc, verb.i - 1, 0
    while i >= 0 and (doc[i].is_punct or depth or _time(doc[i]) or _day_lead(doc, i)):
        depth += doc[i].text == ")"           # Beck on Wednesday called …: back over the day too
        depth -= doc[i].text == "("
        i -= 1
    if i >= 0 and upos(doc[i]) == "PROPN" and not inside(doc[i]) and verb.i - i <= 8:
        return doc[i]
    return None


def _time(tok) -> bool:
    """A word of time (Wednesday, month: lexicon/time_words.txt), which the parse sometimes
    takes for the subject of the cue after it and which never speaks."""
    return tok.lower_ in lexicon.read_set("time_words")


def _day_lead(doc, i: int) -> bool:
    """`on`, `last`, `this` before a word of time (on Wednesday, last week)."""
    return i + 1 < len(doc) and _time(doc[i + 1]) \
        and doc[i].lower_ in words()["day_leads"]
