"""People named in a text by its capitalised words, for both readings: the parse registers its
runs of proper nouns too, but only in what it parsed, and the fast reading has no parse at all.
A later pronoun or surname finds the person registered here."""
from __future__ import annotations

import re
from bisect import bisect_right

from . import lexicon
from .marks import Paragraph
from .plan import maskable
from .speakers import People
from .subjects import name_stops

# a run of two to four capitalised words: a name for the pronoun rules to find
NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,3}\b")


def register_names(text: str, paras: list[Paragraph], people: People, segments: list | None = None) -> None:
    """The runs of capitalised words that look like a person's name, so that a later pronoun or
    surname can find the person, as the parse-based reading registers runs of proper nouns. A
    headline's title case (Hit On Donald Trump) and a capitalised word before a name
    (Billionaire Donald Trump) must not become part of anyone's name: the name starts at a
    known first name or title, or is two plain words. Names inside the whole quoted sentences
    among `segments` (in text order; those the parse masks too) are not registered: the
    speaker's `Hillary Clinton called …` is no antecedent for the writer's next `she`."""
    quoted = [seg for seg in segments or () if maskable(text, seg)]
    starts = [seg.start for seg in quoted]
    for para in paras:
        for m in NAME_RUN.finditer(text, para.start, para.end):
            i = bisect_right(starts, m.start()) - 1
            if i >= 0 and m.start() < quoted[i].end:
                continue
            for name, at in _names_in_run(m.group()):
                people.mention(name, m.start() + at)


def _names_in_run(run: str) -> list[tuple[str, int]]:
    """The likely names in a run of capitalised words, with their offsets in the run."""
    lex = lexicon.load()
    skip = name_stops()
    found, part, at = [], [], 0
    for word in run.split() + [""]:
        if word and word.lower() not in skip:
            part.append(word)
            continue
        starts = [i for i, w in enumerate(part) if w.lower() in lex.first_names or lex.is_title(w)]
        if starts and len(part) - starts[0] >= 2:
            found.append(part[starts[0]:])
        elif len(part) == 2 and not any("'" in w or "’" in w for w in part):
            found.append(part)
        part = []
    out = []
    for words_ in found:
        at = run.find(words_[0], at)
        out.append((" ".join(words_), at))
    return out
