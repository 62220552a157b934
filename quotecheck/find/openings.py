"""A sentence's own subject, as the word patterns read it: past a dateline and an opening phrase
(`WASHINGTON (AP) — `, `In July, `, `Speaking to reporters, `), for a participle after a comma
(`X said, adding …`), after an inverted cue (`said Sen. X`). Shared by the quotation patterns
(patterns.py) and their leads; no parse.
"""
from __future__ import annotations

from functools import lru_cache

from . import lexicon
from .parse import DATELINE
from .subjects import (MAX_SUBJECT_TOKENS, Subject, Tok, abbreviation, name_stops, noun_use, skip_left,
                       subject_before, words)


def phrase_after(toks: list[Tok], j: int) -> Subject | None:
    """The subject after an inverted cue, up to a comma or the sentence's end: said Sen. X."""
    if j >= len(toks):
        return None
    if toks[j].lower in lexicon.load().pronouns:
        return Subject(j, j, "pronoun")
    if not toks[j].capitalised and toks[j].lower not in words()["determiners"] \
            and (not any(t.capitalised for t in toks[j:j + 3])
                 or toks[j].lower in words()["prepositions"] | words()["not_nouns"]) \
            and not _role_then_name(toks, j):
        return None                      # said spokesman Jeff Bechdel, not said on Saturday
    last = j
    while last + 1 < len(toks) and toks[last + 1].text not in ",;:!?\"”(" and last - j < MAX_SUBJECT_TOKENS:
        if toks[last + 1].text == "." and not (last + 2 < len(toks) and toks[last + 2].capitalised):
            break
        last += 1
    if toks[j].lower in words()["determiners"]:
        return Subject(j, last, "group")
    first = next((i for i in range(j, last + 1) if toks[i].capitalised), None)
    return _last_name_in(toks, first, last) if first is not None else None


def _last_name_in(toks: list[Tok], first: int, last: int) -> Subject:
    """The name in toks[first..last] after an inverted cue: the last run of capitalised words
    before the first word that ends the phrase (`said Cruz constituent Dan Golvach when asked`,
    `said Sen. Tom Jones during the debate`, `said Republican party boss Reince Priebus`)."""
    stops = name_stops()
    end = first
    while end + 1 <= last and (_in_name(toks, end + 1)                  # Al From, Jock A. Finlayson
                               or toks[end + 1].lower not in stops and toks[end + 1].text.replace("-", "").isalpha()):
        end += 1                         # (Blaze co-host Stu Burguiere: a hyphenated role word)
    while not (toks[end].capitalised or abbreviation(toks, end)):
        end -= 1
    start = end
    while start - 1 >= first and _in_name(toks, start - 1):
        start -= 1
    return Subject(start, end, "name")


def _in_name(toks: list[Tok], k: int) -> bool:
    """Is toks[k] part of a name: a capitalised word, an initial's period, or a particle between
    capitalised words (Pierre de Vos)?"""
    if toks[k].capitalised or abbreviation(toks, k):
        return True
    return toks[k].lower in _particles() and 0 < k < len(toks) - 1 and toks[k - 1].capitalised \
        and toks[k + 1].capitalised


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    """The name linkers that are no prepositions or conjunctions: de, van, von, bin …"""
    w = words()
    return w["name_linkers"] - w["prepositions"] - w["not_names"]


MAX_ROLE_WORDS = 5    # said former secretary of state Hillary Clinton


def _role_then_name(toks: list[Tok], j: int) -> bool:
    """Do a few lower-case role words (`of` among them) lead from toks[j] to a capitalised name:
    `said former tech executive Carly Fiorina`? Not a setting: `said on Saturday`, `said that`."""
    stops = _role_stops()
    k = j
    while k < min(len(toks), j + MAX_ROLE_WORDS) and toks[k].text.isalpha() and not toks[k].capitalised \
            and (toks[k].lower == "of" or toks[k].lower not in stops):
        k += 1
    return j < k < len(toks) and toks[k].capitalised and toks[k].lower not in stops


@lru_cache(maxsize=1)
def _role_stops() -> frozenset[str]:
    """Words that end a run of role words before a name: said on Saturday, said that."""
    w = words()
    return w["prepositions"] | w["not_nouns"] | w["not_names"] | w["determiners"]


def sentence_subject(text: str, toks: list[Tok]) -> Subject | None:
    """The name or pronoun that opens the sentence, after its dateline if it has one (None: it
    opens otherwise)."""
    j = after_dateline(text, toks)
    if j >= len(toks):
        return None
    first = toks[j]
    if first.lower in lexicon.load().pronouns and first.lower != "it":
        return Subject(j, j, "pronoun")
    if first.lower in words()["prepositions"] | words()["not_names"]:
        return subject_after_opening(toks, j)
    if not first.capitalised or first.lower in words()["determiners"]:
        return None
    if first.lower.endswith(("ing", "ly", "ed")) or _opening_phrase(toks, j):
        # Speaking to reporters, / Early in his campaign, / Hours later, / Back in 1999, … (but
        # King, Kelly and Ted are names: without a subject after a comma, the first word stays)
        after = subject_after_opening(toks, j)
        if after is not None:
            return after
        if _participle_opener(toks, j):
            return None                  # Alarmed by the unrest, Senator Harry Reid, the …, said
    return Subject(j, name_end(toks, j), "name")


def _participle_opener(toks: list[Tok], j: int) -> bool:
    """`Alarmed by …,` / `Speaking to …,`: a lone -ed or -ing word that is no first name, with a
    lower-case word after it; not King, Ted or Manning Marable."""
    first, after = toks[j], toks[j + 1] if j + 1 < len(toks) else None
    return first.lower.endswith(("ing", "ed")) and first.lower not in lexicon.load().first_names \
        and after is not None and not after.capitalised


def _opening_phrase(toks: list[Tok], j: int) -> bool:
    """Do the few words from toks[j] hold a lower-case word (not `of` in a name) or a number
    before a comma: Hours later, Last month, Back in 1999 — not Sen. Bernie Sanders of Vermont,?"""
    linkers = words()["name_linkers"]
    window = toks[j + 1:j + 7]
    for tok in window:
        if tok.text == ",":
            return False                 # only capitalised words up to the comma: a name
        if tok.text[:1].isdigit() or tok.text.isalpha() and not tok.capitalised and tok.lower not in linkers:
            return any(t.text == "," for t in window)
    return False


def earlier_cue_subject(toks: list[Tok], j: int) -> Subject | None:
    """The subject of the last cue before toks[j] in the sentence (`X said, adding …`), over
    quotations in between; None when no cue there has one."""
    forms = lexicon.load().speech_forms
    k = j - 1
    while k >= 0:
        tok = toks[k]
        if tok.text in "”\"’'" and not _apostrophe(toks, k):    # a quotation: not the writer's words
            k -= 1
            while k >= 0 and toks[k].text not in "“\"‘'":
                k -= 1
        elif tok.lower in forms and not noun_use(toks, k) and not tok.lower.endswith("ing"):
            return cue_subject(toks, k)                 # X said, / “…,” said Sen. X, adding
        k -= 1
    return None


def _apostrophe(toks: list[Tok], k: int) -> bool:
    """Is the single mark at toks[k] a plural's possessive (told CBS' Face the Nation), glued to
    the word before it, not a closing quotation mark?"""
    return toks[k].text in "’'" and k > 0 and toks[k - 1].end == toks[k].start \
        and toks[k - 1].text[-1:].lower() == "s"


def cue_subject(toks: list[Tok], k: int) -> Subject | None:
    """The subject of the cue at toks[k]: before it (X has said), else after an inverting cue
    (said Sen. X)."""
    subj = subject_before(toks, skip_left(toks, k - 1))
    if subj is None and toks[k].lower in words()["inverting"]:
        subj = phrase_after(toks, k + 1)
    return subj


def speech_noun(toks: list[Tok], subj: Subject) -> bool:
    """Is the subject a piece of speech (a statement, a tweet), which speaks for whoever made it?"""
    nouns = lexicon.read_set("attribution_nouns")
    return toks[subj.last].lower in nouns or toks[subj.last].lower.rstrip("s") in nouns


def subject_after_opening(toks: list[Tok], j: int, before: int | None = None) -> Subject | None:
    """`In a press conference, Trump launched …` / `But a few days later, Trump reversed …`:
    after an opening phrase, the subject is the name or pronoun after one of its commas that a
    lower-case word (its verb) follows; N.H. in `At a rally in Portsmouth, N.H., on Tuesday, …`
    is followed by a comma, and is not. With `before` (the cue's index), the first such name or
    pronoun before it, whatever follows: `In July, Sammy Aaron, vice chairman of G-III, told`."""
    for k in range(j + 1, (before if before is not None else len(toks) - 2)):
        if toks[k].text != ",":
            continue
        first = k + 1
        while first < len(toks) - 1 and toks[first].lower in words()["role_leads"]:
            first += 1                   # Weighing in, former Arkansas Gov. Mike Huckabee agreed
        at = toks[first]
        if first == k + 1 and at.lower in lexicon.load().pronouns and at.lower != "it":
            found = Subject(k + 1, k + 1, "pronoun")
        elif at.capitalised and at.text[:1].isalpha() \
                and at.lower not in words()["not_names"] | words()["determiners"] | words()["prepositions"]:
            found = Subject(first, name_end(toks, first), "name")
        else:
            continue
        verb = toks[found.last + 1] if found.last + 1 < len(toks) else None
        if before is not None and found.last < before:
            return found
        if verb is not None and verb.text.isalpha() and not verb.capitalised \
                and verb.lower not in words()["prepositions"] | words()["not_verbs"]:
            return found
    return None


def after_dateline(text: str, toks: list[Tok]) -> int:
    """The index of the sentence's first word after a dateline (`WASHINGTON (AP) — `, which the
    parsed reading blanks out for the same reason: the city is not the subject)."""
    m = DATELINE.match(text, toks[0].start)
    if m is None:
        return 0
    return next((i for i, t in enumerate(toks) if t.start >= m.end()), len(toks))


def name_end(toks: list[Tok], j: int) -> int:
    """The last token of the run of capitalised words (and titles' periods) from toks[j]."""
    while j + 1 < len(toks) and (toks[j + 1].capitalised or abbreviation(toks, j + 1)):
        j += 1
    return j
