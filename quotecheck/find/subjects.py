"""The words and subjects the word patterns read: tokens with their offsets, and the subject of
a cue (a name with its title, a pronoun, a noun phrase, an appositive, a share of people) as
the document's People know it. Shared by the fast reading's quotation patterns (patterns.py)
and the reported-speech patterns (reported.py); the word classes are lexicon/reported_words.txt.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from ..model import Mention
from . import lexicon
from .mentions import SpeakerRef
from .speakers import People

WORD = re.compile(r"\w+(?:[’'.\-&]\w+)*|[^\w\s]")


MAX_SUBJECT_TOKENS = 8       # a spokesman for the Democratic National Committee


MAX_APPOSITIVE_TOKENS = 25


class Tok:
    """A word or a punctuation mark, with its offsets into the document. Lower case made once:
    the patterns ask for it about three times a word."""
    __slots__ = ("text", "start", "end", "lower")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end, self.lower = text, start, end, text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


# Subject, SubjectWords (and Lead, SpeakerRef) are never changed once made and hash by their
# fields as frozen classes would; they write out their __init__ as model.Span does, and why
@dataclass(unsafe_hash=True, init=False)
class Subject:
    first: int          # token indices, inclusive
    last: int
    kind: str           # "name", "pronoun", "group", "relative"
    antecedent: "Subject | None" = None     # a relative's: Beck, who said … (who is Beck)

    def __init__(self, first: int, last: int, kind: str, antecedent: Subject | None = None) -> None:
        self.first = first
        self.last = last
        self.kind = kind
        self.antecedent = antecedent

    @property
    def opening(self) -> int:
        """Where the subject's words start, its antecedent's included."""
        return self.antecedent.first if self.antecedent is not None else self.first


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """The word classes the patterns read (lexicon/reported_words.txt: `class: word word …`)."""
    return {name: frozenset(value.split()) for name, value in lexicon.read_pairs("reported_words").items()}


@lru_cache(maxsize=1)
def name_stops() -> frozenset[str]:
    """The lower-case forms of words that a run of capitalised words stops at, as no part of a
    name: function words that open sentences, determiners, prepositions, speech verbs (said)."""
    w = words()
    return w["not_names"] | w["determiners"] | w["prepositions"] | lexicon.load().speech_forms


def tokens(text: str, start: int, end: int, most: int | None = None) -> list[Tok]:
    """The words and marks of text[start:end] (only the first `most` of them, if given)."""
    if most is not None:          # (findall would read the whole stretch for a few words)
        return [Tok(m.group(), m.start(), m.end()) for m in islice(WORD.finditer(text, start, end), most)]
    # WORD takes every character that is no space, so only spaces stand between two words and
    # each word is found where the last one ended: a match object per word cost a third more
    found: list[str] = WORD.findall(text, start, end)
    out = []
    at = start
    for word in found:
        at = text.find(word, at)
        out.append(Tok(word, at, at + len(word)))
        at += len(word)
    return out


@dataclass(unsafe_hash=True, init=False)
class SubjectWords:
    """A subject as found in the text: its words and what kind of words they are."""
    mention: Mention
    kind: str           # "name", "pronoun", "group", "relative"
    antecedent: "SubjectWords | None" = None

    def __init__(self, mention: Mention, kind: str, antecedent: SubjectWords | None = None) -> None:
        self.mention = mention
        self.kind = kind
        self.antecedent = antecedent


def noun_use(toks: list[Tok], i: int) -> bool:
    """`his claims`, `the report`, `a said plan`: a cue word after a determiner is a noun; so is
    a capitalised one after a capitalised word, inside a name (the United States, the Washington
    Post, the Islamic State), as the parsed reading's trigger test has it."""
    if i == 0:
        return False
    before = toks[i - 1]
    return before.lower in words()["determiners"] or _possessive(before) \
        or (toks[i].capitalised and before.capitalised and before.text.isalpha())


def _possessive(tok: Tok) -> bool:
    """Trump’s, the FBI's (whose cue word after it is a noun: Trump’s charge, the FBI's report);
    not he's, it's, that's (he's said: a verb)."""
    return tok.lower.endswith(("'s", "’s")) and tok.lower[:-2] not in words()["contracting"]


def abbreviation(toks: list[Tok], c: int) -> bool:
    """Is the period at c the end of a title, an initial or an abbreviation (Mr. Clinton, John
    F. Kennedy, Raleigh, N.C., who …), or followed by a comma or a closing parenthesis (R-Ky., said;
    (R-Ky.) said): no sentence end?"""
    if toks[c].text != "." or c == 0:
        return False
    if c + 1 < len(toks) and toks[c + 1].text in ",;)":
        return True                      # R-Ky., said / Sen. Rand Paul (R-Ky.) said
    word = toks[c - 1].lower
    titles = lexicon.load().titles
    return word in titles or word + "." in titles or len(word) == 1 and toks[c - 1].capitalised \
        or "." in word and toks[c - 1].capitalised


def skip_left(toks: list[Tok], j: int) -> int:
    """Back over auxiliaries, adverbs and days between a subject and its cue (X has also said,
    Priebus later Thursday told, Wells Fargo this month announced), but not over an owner's
    `earlier` (police’s earlier claim)."""
    skip = words()["between_subject_and_cue"]
    day_words = _days()
    while j >= 0:
        tok = toks[j]
        if tok.lower in skip or tok.lower.endswith("ly") and not tok.capitalised:
            j -= 1
        elif tok.lower in day_words and not (j > 0 and _possessive(toks[j - 1])):
            j -= 1
            if j >= 0 and toks[j].lower in words()["day_leads"]:
                j -= 1
        else:
            break
    return j


@lru_cache(maxsize=1)
def _days() -> frozenset[str]:
    """The days of the week and the like (lexicon/time_words.txt): never a speaker."""
    return frozenset(w for w in lexicon.read_entries("time_words") if w not in ("time", "day", "year"))


def subject_before(toks: list[Tok], j: int) -> Subject | None:
    """The subject whose last token is toks[j]: a pronoun, a name or a noun phrase."""
    if j < 0:
        return None
    w = words()
    tok = toks[j]
    if tok.lower == "who":
        return Subject(j, j, "relative", _antecedent(toks, j))     # Beck, who said / 18% who say
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
    if name_like(tok) and tok.lower not in w["not_names"]:
        return _name_before(toks, j)
    if tok.text.isalpha() and tok.lower not in w["not_nouns"]:
        return _noun_phrase_before(toks, j)
    return None


def name_like(tok: Tok) -> bool:
    """A capitalised word, or a particle glued by a hyphen to a capitalised one: al-Awlaki,
    bin-Talal (not anti-Trump: `anti` is no particle, lexicon/reported_words.txt)."""
    if tok.capitalised:
        return True
    particle, _, rest = tok.text.partition("-")
    return particle.lower() in words()["name_particles"] and rest[:1].isupper() and rest.replace("-", "").isalpha()


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


def _appositive_subject(toks: list[Tok], comma: int) -> Subject | None:
    """`Brian Abernathy, the city's first deputy manager, said` / `Sanders, who has …, said` /
    `Rep. Jason Chaffetz, R-Utah, said`: the subject before the aside between commas."""
    opening = next((k for k in range(comma - 1, max(-1, comma - MAX_APPOSITIVE_TOKENS), -1)
                    if toks[k].text in ",;:"), None)
    if opening is None or toks[opening].text != "," or opening == 0:
        return None
    if _role_before_name(toks, opening, comma):
        return Subject(opening + 1, comma - 1, "name")   # Ms. Merkel's spokesman, Steffen Seibert, wrote
    first = _sentence_name(toks, comma)
    if first is not None:
        return first                  # Clinton, during a town hall in Columbus, Ohio, said
    subj = subject_before(toks, opening - 1)
    return subj if subj is not None and subj.kind != "pronoun" else None


def _role_before_name(toks: list[Tok], opening: int, comma: int) -> bool:
    """Is the aside toks[opening+1:comma] a name, after a role that a lower-case noun ends
    (`Ms. Merkel's spokesman, Steffen Seibert,`, `Hunter’s chief of staff, Joe Kasper,`)?"""
    aside = toks[opening + 1:comma]
    before = toks[opening - 1]
    return 2 <= len(aside) <= 4 and all(t.capitalised and t.text.isalpha() or t.text == "." for t in aside) \
        and before.text.isalpha() and not before.capitalised and before.lower not in words()["not_nouns"]


def _wordlike(tok: Tok) -> bool:
    """A word of letters, digits among them (an apostrophe or hyphen inside allowed): minister’s,
    co-host, a NY1 representative."""
    bare = tok.text.replace("’", "").replace("'", "").replace("-", "")
    return bare.isalnum() and not bare.isdigit()


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


def said(text: str, toks: list[Tok], subj: Subject) -> SubjectWords:
    """The subject's words as a mention in the text, with their kind."""
    first, last = toks[subj.first], toks[subj.last]
    antecedent = said(text, toks, subj.antecedent) if subj.antecedent is not None else None
    return SubjectWords(Mention(text[first.start:last.end], first.start, last.end), subj.kind, antecedent)


def speaker_of(subject: SubjectWords | None, people: People) -> SpeakerRef | None:
    """The person (or group) a subject names, as the document's People know them."""
    if subject is None:
        return None
    mention, kind = subject.mention, subject.kind
    if kind == "relative":            # the relative is the mention, as the parse has it
        named = speaker_of(subject.antecedent, people)
        return SpeakerRef(mention, named.name, named.role) if named else SpeakerRef(mention, None)
    if kind == "pronoun":
        person = people.resolve_pronoun(mention.text.lower(), mention.start)
        return SpeakerRef(mention, person.name if person else None, pronoun=True)
    if kind == "name":
        role, mention = without_role(mention)
        return SpeakerRef(mention, people.mention(mention.text, mention.start, spoke=True).name, role)
    words_ = mention.text.split()
    if words_ and words_[0].lower() in ("the", "a", "an"):
        words_ = words_[1:]
    plural = words_[-1].lower().endswith("s") if words_ else False
    return SpeakerRef(mention, people.mention(" ".join(words_), mention.start, plural=plural,
                                              spoke=True, group=True).name)


def _title_word(word: str) -> bool:
    """A title (lexicon/titles.txt), or a hyphenated word that opens with one: Secretary-Treasurer,
    as the parsed reading has it (mentions.name_start)."""
    lex = lexicon.load()
    return lex.is_title(word) or "-" in word and lex.is_title(word.split("-")[0])


def without_role(mention: Mention) -> tuple[str | None, Mention]:
    """`Microsoft CEO Satya Nadella` → role `Microsoft CEO`, mention `Satya Nadella`: the name
    starts after the last title word (lexicon/titles.txt) that has a word after it."""
    parts = mention.text.split(" ")
    last = max((i for i, w in enumerate(parts[:-1]) if _title_word(w)), default=-1)
    if last < 0:
        return None, mention
    role = " ".join(parts[:last + 1])
    at = mention.start + len(role) + 1
    return role, Mention(mention.text[len(role) + 1:], at, mention.end)
