"""Settling, after the attribution rules: split quotes joined, speakers inherited, followers joined.

`"…," she said, "…"`: two segments around one short attribution are one quotation. A quote that
nothing attributes takes a neighbour's speaker: of the quotes its paragraph attributes by a cue or
a verb, the last before it, else the first (same_paragraph); failing those, when it opens its
paragraph, the last quote of the paragraph before (continuation). A quoted sentence that goes on
with an earlier quote (`"…," she said. "…"`) is the next piece of that quotation. Both readings,
parsed and fast, settle their candidates here.
"""
from __future__ import annotations

from bisect import bisect_left

from ..model import Kind
from .attribute import LOCAL_RULES, Candidate, inherit
from .marks import Paragraph
from .shape import is_title

MAX_SPLIT_WORDS = 25   # "…," said Rep. Jim Clyburn (D-S.C.), the assistant leader of the caucus, "…"


def settle(candidates: list[Candidate], text: str, paras: list[Paragraph]) -> list[Candidate]:
    """Split quotes joined, speakers inherited, followers joined: after the local rules."""
    candidates = _join_split_quotes(candidates, text)
    _inherit(candidates, text, paras)
    return _join_followers(candidates, text)


def _join_followers(candidates: list[Candidate], text: str) -> list[Candidate]:
    """`"…," she said. "…"`: a quoted sentence that goes on with an earlier quote (`_goes_on_from`)
    is the next piece of that quotation."""
    out: list[Candidate] = []
    for cand in candidates:
        prev = _goes_on_from(out, cand, text)
        if prev is not None:
            prev.segments.extend(cand.segments)
            continue
        out.append(cand)
    return out


def _goes_on_from(out: list[Candidate], cand: Candidate, text: str) -> Candidate | None:
    """The quote that `cand` goes on with, if any: the quotation the paragraph before left open
    (continuation: its closing mark comes only after this paragraph); else a locally attributed
    quote of cand's paragraph, when cand opens a sentence and its speaker is that quote's:
    inherited from the quote just before it (same_paragraph), or named by the very words that
    named the paragraph's last whole quoted sentence (previous_sentence: `"…," X said, noting
    that …. "…"`; a title between, as in `"…," X told ABC's "This Week." "…"`, is passed over)."""
    if not out:
        return None
    rule, mine = cand.attribution.rule, cand.attribution.speaker
    prev: Candidate | None
    if rule == "continuation" and cand.segments[0].continues:
        prev = out[-1]
        return prev if prev.paragraph == cand.paragraph - 1 and prev.segments[-1].close_mark is None \
            and mine is prev.attribution.speaker else None
    if not text[cand.start:cand.start + 1].isupper():
        return None
    if rule == "same_paragraph":
        prev = out[-1]
        found = _local_in(prev, cand.paragraph) and mine is prev.attribution.speaker
    elif rule == "previous_sentence" and mine is not None and mine.name is not None:
        prev = next((c for c in reversed(out) if c.kind is Kind.DIRECT or c.paragraph != cand.paragraph), None)
        theirs = prev.attribution.speaker if prev is not None else None
        found = _local_in(prev, cand.paragraph) and theirs is not None and theirs.mention == mine.mention
    else:
        return None
    # the TV show "Shark Tank.": a title is no piece of speech (asked last: it reads the words around)
    return prev if found and not is_title(text, cand.segments[0], attributed=True) else None


def _local_in(cand: Candidate | None, paragraph: int) -> bool:
    """Is `cand` a quote of that paragraph that a rule attributed from its own sentence?"""
    return cand is not None and cand.paragraph == paragraph and cand.attribution.rule in LOCAL_RULES


def _join_split_quotes(candidates: list[Candidate], text: str) -> list[Candidate]:
    """`"…," she said, "…"`: two segments around one short attribution are one quotation."""
    out: list[Candidate] = []
    for cand in candidates:
        prev = out[-1] if out else None
        if prev is not None and prev.paragraph == cand.paragraph \
                and cand.attribution.cue is not None \
                and cand.attribution.cue == prev.attribution.cue \
                and _split_around_attribution(prev, cand, text):
            prev.segments.extend(cand.segments)
            continue
        out.append(cand)
    return out


def _split_around_attribution(first: Candidate, second: Candidate, text: str) -> bool:
    """Only a few words of attribution stand between the pieces, and neither is a title
    (On CBS's “Face the Nation,” Ryan said “…” is one quote, not two)."""
    between = text[first.outer_end:second.outer_start]
    return len(between.split()) <= MAX_SPLIT_WORDS \
        and not any(is_title(text, seg, attributed=True) for seg in (first.segments[-1], second.segments[0]))


# the quotes whose speaker the paragraph's unattributed quotes share: those a cue by them names,
# and those hung on a verb no cue list holds (“…,” Hannity pressed. “…?” is Hannity's too)
SHARING_RULES = LOCAL_RULES + ("governing_verb",)


def _inherit(candidates: list[Candidate], text: str, paras: list[Paragraph]) -> None:
    """same_paragraph, then continuation: an unattributed quote takes a neighbour's speaker."""
    by_para: dict[int, list[Candidate]] = {}
    for cand in candidates:
        by_para.setdefault(cand.paragraph, []).append(cand)
    # the locally attributed quotes of each paragraph, found once (not once a quote: a paragraph
    # may hold thousands); inheriting never makes a quote one of them
    mates = {i: [c for c in cands if c.attribution.rule in SHARING_RULES] for i, cands in by_para.items()}
    for cand in candidates:
        if cand.attribution.speaker is not None:
            continue
        own = mates[cand.paragraph]
        if own:
            before = bisect_left(own, cand.start, key=lambda c: c.start)
            inherit(cand, own[before - 1] if before else own[0], "same_paragraph")
            continue
        previous = by_para.get(cand.paragraph - 1)
        if previous and previous[-1].attribution.speaker is not None \
                and cand is by_para[cand.paragraph][0] \
                and not text[paras[cand.paragraph].start:cand.outer_start].strip():
            inherit(cand, previous[-1], "continuation")
