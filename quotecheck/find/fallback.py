"""The weaker attribution rules, tried when no cue stands by the quote.

A fragment quoted in the writer's own sentence goes to the owner of the words it hangs on
(Trump's claim that …), else to that sentence's subject; a whole quoted
sentence to the verb it hangs on, or to the speaker the sentence before it names. They come
after the cue rules and before the inheriting ones (see `attribute.RULES`).
"""
from __future__ import annotations

import re

from ..model import Kind, Mention
from . import lexicon
from .attribute import Attribution, Candidate, last_cue_with_speaker, quote_head, quote_tokens
from .mentions import describe
from .parse import VERB_POS, ParsedParagraph, upos
from .speakers import People
from .verb_subjects import subject_of


def weak_attribution(cand: Candidate, pp: ParsedParagraph, people: People) -> Attribution:
    """owner_of_words, then sentence_subject for a fragment; governing_verb, then
    previous_sentence for a whole quoted sentence."""
    if cand.kind is Kind.PARTIAL:
        found = rule_owner_of_words(cand, pp, people) or rule_sentence_subject(cand, pp, people)
    else:
        found = rule_governing_verb(cand, pp, people) or rule_previous_sentence(cand, pp, people)
    return found if found is not None else Attribution()


def rule_owner_of_words(cand: Candidate, pp: ParsedParagraph, people: People) -> Attribution | None:
    """`Trump's claim that there were “thousands of shootings”`: a noun of speech that the
    fragment hangs on, and whose owner is named."""
    top = quote_head(cand, pp)
    if top is None:
        return None
    nouns = lexicon.read_set("attribution_nouns")
    for node in [top, *top.ancestors]:
        if node.lower_ in nouns and not cand.inside(pp.offset(node)):
            owner = next((c for c in node.children if c.dep_ == "poss"), None)
            ref = describe(owner, pp, people) if owner is not None else None
            if ref is not None:
                cue = Mention(node.text, pp.offset(node), pp.end_offset(node))
                return Attribution.by("owner_of_words", ref, cue)
    return None


def rule_sentence_subject(cand: Candidate, pp: ParsedParagraph, people: People) -> Attribution | None:
    """A fragment quoted inside the writer's sentence belongs to whoever the sentence is about:
    the subject of its main verb, when the quote stands in that verb's predicate."""
    inside = lambda t: cand.inside(pp.offset(t))
    inner = quote_tokens(cand, pp)
    if not inner:
        return None
    root = inner[0].sent.root
    if upos(root) not in VERB_POS or inside(root):
        return None
    subj = next((c for c in root.children if c.dep_ == "nsubj" and not inside(c)), None)
    if subj is None or not {t.i for t in subj.subtree}.isdisjoint(t.i for t in inner):
        return None
    ref = describe(subj, pp, people)
    if ref is None:
        return None
    return Attribution.by("sentence_subject", ref, None)


def rule_governing_verb(cand: Candidate, pp: ParsedParagraph, people: People) -> Attribution | None:
    """The nearest verb outside the quote that the quote's words hang on, with a subject."""
    inside = lambda t: cand.inside(pp.offset(t))
    top = quote_head(cand, pp)
    if top is None:
        return None
    for verb in top.ancestors:
        if inside(verb) or upos(verb) not in VERB_POS:
            continue
        subj = subject_of(verb, inside=inside)
        ref = describe(subj, pp, people) if subj is not None and not inside(subj) else None
        if ref is not None:
            cue = Mention(verb.text, pp.offset(verb), pp.end_offset(verb))
            return Attribution.by("governing_verb", ref, cue)
    return None


QUOTED = re.compile(r"[\"“]([^\"“”]*)[\"”]")


def _quotes_someone(sentence: str) -> bool:
    """Does the sentence quote words of its own (more than a title or a scare-quoted term)?"""
    return any(len(m.group(1).split()) >= 4 for m in QUOTED.finditer(sentence))


def rule_previous_sentence(cand: Candidate, pp: ParsedParagraph, people: People) -> Attribution | None:
    """`…, Schiff said. "The other factor…"`: the sentence before names the speaker, by a cue
    verb or, failing that, as the named subject of its main verb (Sanders identified …. "…")."""
    start = cand.outer_start - pp.para.start
    sent = pp.sent_before(start)
    if sent is None or pp.text[pp.end_of(sent):start].strip():
        return None
    # after a quotation (`"…," Trump said, after Jones assured him that …. "…"`) the cue of that
    # quotation names the speaker; later cues in its tail are other people's
    # the user's words, not the parsed text: there a long quotation is masked to three words
    quotes = _quotes_someone(pp.text[pp.start_of(sent):pp.end_of(sent)])
    found = last_cue_with_speaker(sent, pp, people, first=quotes)
    if found is not None:
        return Attribution.by("previous_sentence", *found)
    subj = next((c for c in sent.root.children if c.dep_ == "nsubj"), None)
    if subj is None or upos(subj) not in ("PROPN", "PRON") or quotes:
        return None
    ref = describe(subj, pp, people)
    if ref is None:
        return None
    return Attribution.by("previous_sentence", ref, None, penalty=0.1)
