"""The order in which findings and quotes are shown, shared by every renderer."""
from __future__ import annotations

import os
from collections import defaultdict

from ..model import Verdict

# worst first when severities tie: a wrong speaker or changed words before missing support
VERDICT_RANK = {
    Verdict.MISATTRIBUTED: 0, Verdict.ALTERED: 1, Verdict.STITCHED: 2,
    Verdict.UNSUPPORTED: 3, Verdict.EDITORIAL: 4, Verdict.VERBATIM: 5,
}


def sort_findings(pairs):
    """(document, finding) pairs, worst first: severity, verdict, then position in the draft."""
    return sorted(pairs, key=lambda p: (-p[1].severity, VERDICT_RANK[p[1].verdict],
                                        p[0].path if p[0] else "", p[1].quote.start))


def speaker_groups(sourced):
    """[(speaker or None, [sourced quotes])], most-quoted speaker first, unattributed last."""
    groups = defaultdict(list)
    for s in sourced:
        groups[s.quote.speaker].append(s)
    for items in groups.values():
        items.sort(key=lambda s: (s.document.date or "", s.document.path, s.quote.start))
    return sorted(groups.items(), key=lambda kv: (kv[0] is None, -len(kv[1]), kv[0] or ""))


def count(n: int, noun: str) -> str:
    """`1 quote`, `2 quotes`: English plurals for the nouns our reports count."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}es" if noun.endswith("s") else f"{n} {noun}s"


def diff_words(diff, equal, deleted, inserted) -> list[str]:
    """The word diff as a list of rendered pieces; each renderer supplies its three formatters."""
    words = []
    for op in diff:
        if op.op == "equal":
            words.append(equal(op.draft or op.source))
            continue
        if op.source:
            words.append(deleted(op.source))
        if op.draft:
            words.append(inserted(op.draft))
    return words


def shown(path: str) -> str:
    """A path as a reader wants it: relative to the working folder when it lies below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return path if rel.startswith("..") else rel
