"""Word lists of the finder, read once from the data files in `lexicon/`.

Each file holds one entry a line; `#` starts a comment. An entry may carry a value after a colon
(`mr.: m`). Keeping the words in files lets a reviewer change them without touching code.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).with_name("lexicon")


@lru_cache(maxsize=None)
def read_entries(name: str) -> tuple[str, ...]:
    """The non-comment lines of lexicon/<name>.txt, stripped and lower-cased."""
    lines = (LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    entries = []
    for line in lines:
        line = line.split("#", 1)[0].strip().lower()
        if line:
            entries.append(line)
    return tuple(entries)


@lru_cache(maxsize=None)
def read_set(name: str) -> frozenset[str]:
    """The entries of lexicon/<name>.txt as a set, for membership tests."""
    return frozenset(read_entries(name))


def read_pairs(name: str) -> dict[str, str]:
    """Entries of the form `key: value` (a bare key maps to "")."""
    pairs = {}
    for entry in read_entries(name):
        key, _, value = entry.partition(":")
        pairs[key.strip()] = value.strip()
    return pairs


def inflections(lemma: str) -> set[str]:
    """Regular English forms of a verb: say → says, sayed, saying (irregulars come from a file)."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: frozenset[str]       # lemmas
    speech_forms: frozenset[str]       # every surface form of a speech verb, lower case
    titles: dict[str, str]             # title → gender ("m", "f" or "")
    first_names: dict[str, str]        # first name → gender
    pronouns: dict[str, tuple[str, str]]  # pronoun → (gender, number)

    def is_title(self, word: str) -> bool:
        """Is `word` a title (Sen., senator, Mr), in any case, with or without its period?"""
        word = word.lower()
        return word in self.titles or word.rstrip(".") in self.titles


def _surface_forms(lemmas) -> frozenset[str]:
    irregular = {}
    for entry in read_entries("verb_forms"):
        words = entry.split()
        irregular[words[0]] = set(words)
    forms = set()
    for lemma in lemmas:
        forms |= irregular.get(lemma, set()) | inflections(lemma)
    return frozenset(forms)


@lru_cache(maxsize=1)
def load() -> Lexicon:
    speech = frozenset(read_entries("speech_verbs"))
    pronouns = {}
    for key, value in read_pairs("pronouns").items():
        gender, number = value.split()
        pronouns[key] = (gender, number)
    return Lexicon(
        speech_verbs=speech,
        speech_forms=_surface_forms(speech),
        titles=read_pairs("titles"),
        first_names=read_pairs("first_names"),
        pronouns=pronouns,
    )
