"""Turning accepted findings into text edits, and applying them to a draft (pure functions)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Iterable

from ..model import Finding, Span
from .decisions import Action, Decision, FindingKey
from .files import StaleFindingsError

ELLIPSIS = " … "
_WORD = re.compile(r"\S+")
_CLOSING = re.compile(r"[\s.,;:!?…]+\Z")   # closing punctuation the verdict rules ignore


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] (which must read `old`) by `new`."""
    start: int
    end: int
    old: str
    new: str


# ---------------------------------------------------------------- what "accept" writes

def draft_pieces(text: str, finding: Finding) -> tuple[str, ...]:
    return tuple(text[s.start:s.end] for s in finding.quote.spans)


def can_accept(finding: Finding) -> bool:
    """Only a misquote with a source is fixed by taking the source's words: a faithful quote
    (verbatim, editorial) would at best stay the same and at worst lose the draft's marks."""
    return (finding.verdict.is_misquote and bool(finding.pieces or finding.source)
            and bool(finding.quote.spans))


def replacement_for(text: str, finding: Finding) -> tuple[str, ...]:
    """What each span of the quote becomes when the source's wording is accepted.

    The draft's quotation marks sit outside the spans, so they stay. Each piece keeps the draft's
    closing punctuation and first-letter case (the verdict rules ignore both, and the draft's
    sentence needs them: `"…," she said`). A split quote gets the source words cut where the draft
    cut them; a quote stitched from separate places gets `…` between the pieces.
    """
    olds = draft_pieces(text, finding)
    sources = _source_texts(finding, len(olds))
    if len(sources) != len(olds):
        sources = _split_words(ELLIPSIS.join(sources), olds)
    return tuple(_fit(old, new) for old, new in zip(olds, sources))


def _source_texts(finding: Finding, n_spans: int) -> list[str]:
    pieces = [p.text for p in finding.pieces if p.text.strip()]
    if pieces and (len(pieces) == n_spans or n_spans == 1):
        return pieces if len(pieces) == n_spans else [ELLIPSIS.join(p.strip() for p in pieces)]
    if finding.source is not None:
        return [finding.source.text]
    return pieces


def _fit(old: str, new: str) -> str:
    """`new` with the draft piece's closing punctuation, first-letter case and outer spacing."""
    lead = old[:len(old) - len(old.lstrip())]
    closing = _CLOSING.search(old)
    # Source whitespace (line breaks, no-break spaces) is layout, not words: plain spaces.
    body = _CLOSING.sub("", " ".join(new.split()))
    body = _match_first_case(old.strip(), body)
    return lead + body + (closing.group(0) if closing else "")


def _match_first_case(old: str, new: str) -> str:
    if old[:1].isalpha() and new[:1].isalpha():
        first = new[0].upper() if old[0].isupper() else new[0].lower()
        return first + new[1:]
    return new


def _split_words(source: str, olds: tuple[str, ...]) -> list[str]:
    """Cut `source` into len(olds) pieces where its words line up with the draft's pieces."""
    src = list(_WORD.finditer(source))
    owner = _owners(src, olds)
    if len(set(owner)) < len(olds):
        owner = _proportional(len(src), [len(_WORD.findall(o)) for o in olds])
    pieces = []
    for i in range(len(olds)):
        words = [m for m, o in zip(src, owner) if o == i]
        pieces.append(source[words[0].start():words[-1].end()] if words else "")
    return pieces


def _owners(src: list[re.Match], olds: tuple[str, ...]) -> list[int]:
    """For each source word, the index of the draft piece it belongs to (monotone)."""
    draft, piece_of = [], []
    for i, old in enumerate(olds):
        for w in _WORD.findall(old):
            draft.append(_norm(w))
            piece_of.append(i)
    if not draft:
        return [0] * len(src)
    owner = []
    source = [_norm(m.group()) for m in src]
    ops = SequenceMatcher(None, draft, source, autojunk=False).get_opcodes()
    for _, i1, i2, j1, j2 in ops:
        for j in range(j1, j2):
            if i2 > i1:   # spread the source words over the draft words they stand for
                owner.append(piece_of[i1 + (j - j1) * (i2 - i1) // (j2 - j1)])
            else:         # words the draft left out go with the piece before the gap
                owner.append(piece_of[max(i1 - 1, 0)])
    return owner


def _proportional(n_words: int, counts: list[int]) -> list[int]:
    total = sum(counts) or len(counts)
    owner, acc = [], 0
    bounds = []
    for c in counts:
        acc += c or 1
        bounds.append(acc * n_words / total)
    for j in range(n_words):
        owner.append(next(i for i, b in enumerate(bounds) if j < b or i == len(bounds) - 1))
    return owner


def _norm(word: str) -> str:
    return re.sub(r"\W+", "", word.lower()) or word


# ---------------------------------------------------------------- applying decisions

def pair_decisions(findings: Iterable[Finding], decisions: Iterable[Decision]):
    """(finding, decision) for every finding whose exact key has a decision."""
    by_key = {d.key: d for d in decisions}
    for f in findings:
        d = by_key.get(FindingKey.of(f))
        if d is not None:
            yield f, d


def pending_edits(text: str, findings, decisions) -> list[Edit]:
    """The edits of accepted decisions not yet written, checked against `text`."""
    edits = []
    for finding, decision in pair_decisions(findings, decisions):
        if decision.action is Action.ACCEPT and not decision.applied:
            edits.extend(_edits_of(text, finding, decision))
    return sorted(edits, key=lambda e: (e.start, e.end))


def _edits_of(text: str, finding: Finding, decision: Decision) -> list[Edit]:
    spans = finding.quote.spans
    if len(decision.replacement) != len(spans) or len(decision.original) != len(spans):
        raise StaleFindingsError(
            f"quote at offset {finding.quote.start}: the saved decision has "
            f"{len(decision.replacement)} pieces, the quote has {len(spans)}")
    edits = []
    for span, old, new in zip(spans, decision.original, decision.replacement):
        if text[span.start:span.end] != old:
            raise StaleFindingsError(
                f"quote at offset {span.start} no longer reads {old[:40]!r}: "
                "the draft changed since the decision was made")
        edits.append(Edit(span.start, span.end, old, new))
    return edits


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply edits from the end backwards, so the offsets of those before stay right."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for a, b in zip(ordered, ordered[1:]):
        if b.start < a.end:
            raise StaleFindingsError(f"two accepted quotes overlap at offset {b.start}")
    for e in reversed(ordered):
        text = text[:e.start] + e.new + text[e.end:]
    return text


def apply_decisions(text: str, findings, decisions) -> str:
    """The draft with every accepted, not yet written decision applied (pure).

    `decisions` are matched to `findings` by exact key; the words each span holds now must be the
    words it held when the reviewer accepted, or StaleFindingsError is raised: we never replace
    text the reviewer did not see.
    """
    return apply_edits(text, pending_edits(text, findings, decisions))


# ---------------------------------------------------------------- after a write

def shift(offset: int, edits: list[Edit]) -> int:
    """Where `offset` (outside every edit) lands once the edits are applied."""
    delta = 0
    for e in edits:
        if e.end <= offset:
            delta += len(e.new) - (e.end - e.start)
    return offset + delta


def rebase_finding(finding: Finding, edits: list[Edit]) -> Finding:
    """The finding with its quote's spans (and words, where accepted) moved into the new text.

    An accept edits every span of its quote, so a quote is either wholly edited or untouched.
    """
    by_span = {(e.start, e.end): e for e in edits}
    spans, new_words = [], []
    for s in finding.quote.spans:
        edit = by_span.get((s.start, s.end))
        start = shift(s.start, edits)
        spans.append(Span(start, start + (len(edit.new) if edit else s.end - s.start)))
        if edit:
            new_words.append(edit.new)
    text = " ".join(new_words) if len(new_words) == len(spans) else finding.quote.text
    return replace(finding, quote=replace(finding.quote, spans=spans, text=text))
