"""Speakers: canonical names per document, titles and roles kept apart, pronouns, user aliases.

A document's people are learned as it is read: `Hillary Clinton` first, then `Clinton`,
`Mrs. Clinton` and `she` resolve to her. Pronouns go to the nearest earlier person of a
compatible gender and number; with none, the speaker stays unknown (never a guess).
"""
from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..model import InputError
from . import lexicon

# A pronoun looks back over at most PRONOUN_REACH stretches of STRETCH characters (a quarter of
# a megabyte: every news article whole) and at most PRONOUN_PERSONS people for its person, not
# over every person of the text: in a text of thousands of people that is quadratic.
STRETCH = 4096
PRONOUN_REACH = 64
PRONOUN_PERSONS = 500
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
NAME_WORD = re.compile(r"[\w.'’-]+")


JOINING = "and"     # Microsoft and OpenAI: a joint name, not a longer form of either


@lru_cache(maxsize=4096)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name, lower case, titles and possessive endings dropped."""
    lex = lexicon.load()
    words = [POSSESSIVE.sub("", w).lower() for w in NAME_WORD.findall(name)]
    return tuple(w for w in words if w and not lex.is_title(w))


def strip_title(name: str) -> tuple[str, str]:
    """(title words, bare name): 'Sen. Bernie Sanders' → ('Sen.', 'Bernie Sanders')."""
    lex = lexicon.load()
    words = name.split()
    i = 0
    while i < len(words) - 1 and lex.is_title(words[i]):
        i += 1
    bare = POSSESSIVE.sub("", " ".join(words[i:]))
    return " ".join(words[:i]), bare


def gender_of(name: str, title: str = "") -> str:
    """m, f or '' from a title (Mrs.) or a first name (Hillary)."""
    lex = lexicon.load()
    for word in title.lower().split():
        g = lex.titles.get(word) or lex.titles.get(word.rstrip("."))
        if g:
            return g
    words = name_words(name)
    if len(words) >= 2:
        return lex.first_names.get(words[0], "")
    return ""


@dataclass
class Person:
    name: str                      # the canonical (longest) form seen
    gender: str = ""
    plural: bool = False
    seen: list[int] = field(default_factory=list)   # offsets of its mentions, in order
    spoke: bool = False            # named as a speaker (not only mentioned)
    group: bool = False            # a body, not a person: the campaign, the council
    order: int = 0                 # its place among the document's persons, by first mention

    def seen_before(self, offset: int) -> int:
        """The offset of the latest mention at or before `offset` (-1: none)."""
        i = bisect_right(self.seen, offset)
        return self.seen[i - 1] if i else -1

    def see(self, offset: int) -> None:
        """Record a mention, keeping `seen` sorted (mentions mostly come in text order)."""
        if not self.seen or offset >= self.seen[-1]:
            self.seen.append(offset)
        else:
            insort(self.seen, offset)


@dataclass
class People:
    """The people (and organisations) of one document, in the order they were mentioned."""
    aliases: "Aliases | None" = None
    persons: list[Person] = field(default_factory=list)
    # the persons by the last word of their name, in order: every way a name refers to a known
    # person (see `find`) shares that word, so a mention is compared with these only
    by_last: dict[str, list[Person]] = field(default_factory=dict)
    # the persons mentioned in each stretch of the text, by their `order`
    near: dict[int, dict[int, Person]] = field(default_factory=dict)

    def mention(self, text: str, offset: int, *, gender: str = "", plural: bool = False,
                spoke: bool = False, group: bool = False) -> Person:
        """Record a name mention; returns the person it refers to (new or known)."""
        title, bare = strip_title(text)
        if self.aliases is not None:
            bare = self.aliases.canonical(bare)
        gender = gender or gender_of(bare, title)
        person = self.find(bare)
        if person is None:
            person = Person(bare, gender, plural, order=len(self.persons))
            self.persons.append(person)
            if name_words(bare):
                self.by_last.setdefault(name_words(bare)[-1], []).append(person)
        elif len(name_words(bare)) > len(name_words(person.name)):
            person.name = bare
        if gender and not person.gender:
            person.gender = gender
        person.see(offset)
        self.near.setdefault(offset // STRETCH, {})[person.order] = person
        person.spoke = person.spoke or spoke
        person.group = person.group or group or _named_body(bare)
        return person

    def find(self, name: str) -> Person | None:
        """The known person `name` refers to: the same name, its last word (Altman), or its
        last words (Mr. Sam Altman, then Altman). Names joined by `and` (Microsoft and OpenAI)
        are several speakers together: only the same joint name refers to them, and no part of it
        to any one of them."""
        words = name_words(name)
        if not words:
            return None
        for person in reversed(self.by_last.get(words[-1], ())):
            known = name_words(person.name)
            if not known:
                continue
            if JOINING in words or JOINING in known:
                if words == known:
                    return person
                continue
            if words == known or (len(words) == 1 and words[0] == known[-1]) \
                    or (len(known) == 1 and known[0] == words[-1]) \
                    or (len(words) < len(known) and words == known[-len(words):]):
                return person
        return None

    def resolve_pronoun(self, pronoun: str, offset: int) -> Person | None:
        """The nearest earlier person whose gender and number fit the pronoun; a speaker of
        unknown gender only when no one of the right gender was mentioned more recently."""
        info = lexicon.load().pronouns.get(pronoun.lower())
        if info is None or not self.persons:
            return None                 # (a text of a million "he said" and no name: asked often)
        gender, number = info
        fitting: tuple | None = None      # (person, offset): the nearest who fits
        unknown: tuple | None = None      # …and the nearest of unknown gender
        decided: tuple | None = None
        read: set[int] = set()
        here = offset // STRETCH
        for stretch in range(here, max(-1, here - PRONOUN_REACH), -1):
            for order, person in self.near.get(stretch, {}).items():
                if order not in read:
                    read.add(order)
                    fitting, unknown = _weigh(person, gender, number, offset, fitting, unknown)
            decided = _decide(gender, fitting, unknown)
            if decided is not None and decided[1] >= stretch * STRETCH:
                break        # anyone not read yet was last seen before this stretch: farther
            if len(read) >= PRONOUN_PERSONS:
                break
        return decided[0] if decided else None


def _named_body(name: str) -> bool:
    """`The Chicago Tribune`, `The Heritage Foundation`: a name after `The` is a body's, never a
    person's (a `he` or `she` is not theirs), unless a title follows (`The Rev. Al Sharpton`)."""
    words = name.split(maxsplit=2)
    if len(words) < 2 or words[0].lower() != "the":
        return False
    return not lexicon.load().is_title(words[1])


def _weigh(person: Person, gender: str, number: str, offset: int, fitting, unknown):
    """The nearest fitting (person, offset) and the nearest speaker of unknown gender, with
    `person` weighed against them (on a tie, the person first met wins)."""
    at = person.seen_before(offset)
    if at < 0 or not _number_fits(number, gender, person):
        return fitting, unknown
    if gender in ("m", "f") and not person.gender:
        return fitting, (person, at) if person.spoke and _nearer(at, person, unknown) else unknown
    if gender in ("m", "f") and person.gender != gender:
        return fitting, unknown
    return ((person, at) if _nearer(at, person, fitting) else fitting), unknown


def _nearer(at: int, person: Person, best) -> bool:
    return best is None or at > best[1] or (at == best[1] and person.order < best[0].order)


def _decide(gender: str, fitting, unknown):
    """The fitting person, unless a speaker of unknown gender was mentioned more recently."""
    if fitting is None or (unknown is not None and unknown[1] > fitting[1]):
        return unknown if gender in ("m", "f") else fitting
    return fitting


def _number_fits(number: str, gender: str, person: Person) -> bool:
    """they: many people or a body (the campaign said … they); it: a body; he/she: one person."""
    if number == "pl":
        return person.plural or person.group
    if gender == "n":
        return person.group and not person.plural
    return not person.plural and not person.group


@dataclass
class Aliases:
    """A user's alias file: `Sam Altman = Altman, OpenAI's chief` merges names across documents."""
    names: dict[str, str] = field(default_factory=dict)   # lower-case alias → canonical

    @classmethod
    def load(cls, path) -> "Aliases":
        path = Path(path)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read alias file ({exc})") from exc
        aliases = cls()
        for number, line in enumerate(lines, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            canonical, sep, rest = line.partition("=")
            others = [a.strip() for a in rest.split(",") if a.strip()]
            if not sep or not canonical.strip() or not others:
                raise InputError(f"{path}, line {number}: expected `Canonical Name = alias, alias`, "
                                 f"got {line!r}")
            aliases.add(canonical.strip(), others)
        return aliases

    def add(self, canonical: str, others: list[str]) -> None:
        for name in [canonical, *others]:
            self.names[name.lower()] = canonical

    def canonical(self, name: str) -> str:
        """The canonical form of a name, or the name itself when no alias names it."""
        found = self.names.get(name.strip().lower())
        if found is None:
            _, bare = strip_title(name.strip())
            found = self.names.get(bare.lower(), name)
        return found


def same_person(name: str, query: str) -> bool:
    """Does `query` (Altman, sam altman, Mr. Altman) name the person called `name`?"""
    words, asked = name_words(name), name_words(query)
    if not words or not asked:
        return False
    if len(asked) == 1:
        return asked[0] in words
    return asked == words or (len(asked) <= len(words) and asked[-1] == words[-1]
                              and all(w in words for w in asked))
