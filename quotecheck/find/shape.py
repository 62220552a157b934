"""The shape of a quoted segment: a whole quoted sentence, a fragment, or a title.

News puts marks around more than speech: titles of books and shows, nicknames, scare quotes.
These tests read only the characters, so they cost nothing.
"""
from __future__ import annotations

from ..model import Kind
from . import lexicon
from .marks import Paragraph, Segment

SENTENCE_LEADS = set(".!?:;,—–-([") | {"”", '"', "’"}


def kind_of(text: str, seg: Segment, para: Paragraph) -> Kind:
    """direct when the segment is a sentence of its own (or starts one), partial otherwise."""
    before = _char_before(text, para.start, seg.open_mark.start)
    first = text[seg.start:seg.start + 1]
    starts_upper = first.isupper() or first.isdigit() or first in "…[.'‘’"
    if starts_upper and (not before or before in SENTENCE_LEADS):
        return Kind.DIRECT
    return Kind.PARTIAL


def _char_before(text: str, lo: int, at: int) -> str:
    """The last character before `at` that is no space, back to `lo` ('' when none). It reads
    only the spaces in between: slicing the paragraph up to each quote is quadratic."""
    while at > lo and text[at - 1].isspace():
        at -= 1
    return text[at - 1] if at > lo else ""


def is_title(text: str, seg: Segment, attributed: bool = False) -> bool:
    """Title Case words without sentence punctuation: “Make Your Kid a Millionaire”. When a cue
    attributes it (Trump called her “Miss Piggy”) only a work noun by it (the author of “…”), or
    a word that leads to a show (said on “Meet the Press”), makes it a title."""
    body = text[seg.start:seg.end].rstrip(",.")
    words = body.split()
    if not words or len(words) > 10 or body.endswith(("?", "!")):
        return False
    minor = lexicon.read_set("title_minor_words")
    capitals = [w for w in words if w.lower() not in minor]
    if not capitals or not all(w[:1].isupper() or w[:1].isdigit() for w in capitals):
        return False
    # the words around are read last, and only when the words inside leave it open
    if attributed:
        return _after_work_noun(text, seg) or (len(capitals) >= 2 and _on_a_show(text, seg))
    return len(capitals) >= 2 or _after_work_noun(text, seg)     # the show “The Apprentice”


def is_markup(text: str, seg: Segment) -> bool:
    """An attribute value of leftover markup: author="@name"."""
    return text[max(0, seg.open_mark.start - 1):seg.open_mark.start] == "="


def is_headline(text: str, paras: list[Paragraph], index: int) -> bool:
    """The first line of an article, when it stands alone: a headline, whose quotes are
    compressed paraphrase (the body quotes the same words, attributed)."""
    if index != 0 or len(paras) < 2:
        return False
    first = paras[0]
    return len(text[first.start:first.end].split()) <= 30 and "\n\n" in text[first.end:paras[1].start + 1]


def is_nickname(text: str, seg: Segment) -> bool:
    """A capitalised word or two between the parts of a name: Robert C. “Bobby” Scott."""
    words = text[seg.start:seg.end].split()
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words):
        return False
    # (only the word right before and the one right after are read: split no further)
    before = text[max(0, seg.open_mark.start - 30):seg.open_mark.start].rsplit(None, 1)
    after = text[seg.close_mark.end:seg.close_mark.end + 30].split(None, 1) if seg.close_mark else []
    return bool(before and after and before[-1][:1].isupper() and after[0][:1].isupper())


def _after_work_noun(text: str, seg: Segment) -> bool:
    """A work noun shortly before (the show “…”), or an owner's name right before: CBS's “…”."""
    nouns = lexicon.read_set("work_nouns")
    before = text[max(0, seg.open_mark.start - 60):seg.open_mark.start].rsplit(None, 4)[-4:]
    if before and before[-1][:1].isupper() and before[-1].endswith(("'s", "’s")):
        return True
    end = seg.close_mark.end if seg.close_mark else seg.end
    after = text[end:end + 30].split(None, 2)[:2]   # “Keepin' It Real” radio program
    return any(_bare(w) in nouns for w in before) or any(_bare(w) in nouns for w in after)


def _on_a_show(text: str, seg: Segment) -> bool:
    """`he said on “Meet the Press”`, `told “Fox and Friends”`, `an interview with “Fox News
    Sunday”`: Title Case words right after these (lexicon/show_leads.txt) name a show or a page,
    where a cue's setting or audience goes, not words someone said."""
    before = text[max(0, seg.open_mark.start - 8):seg.open_mark.start].split()
    return bool(before) and before[-1].lower() in lexicon.read_set("show_leads")


def _bare(word: str) -> str:
    """show, → show; Sanders's → sanders (the possessive ending and punctuation off)."""
    word = word.lower().strip(",.;:()")
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word[:-1] if word.endswith(("'", "’")) else word


def is_subhead(text: str, para: Paragraph, seg: Segment) -> bool:
    """A paragraph that is nothing but a short quoted phrase: a section heading in single marks
    (– ‘Who cares?’ –) or a link label (“Related:”), not a quotation."""
    end = seg.close_mark.end if seg.close_mark else seg.end
    if not _bare_before(text, para.start, seg.open_mark.start) or not _bare_after(text, end, para.end):
        return False
    words = len(text[seg.start:seg.end].split())
    return (seg.single and words <= 8) or words <= 2


SUBHEAD_DECORATION = set(" .:;,!?-—–")


# Both read from the quote's side and stop at the first other character: the paragraph is not
# read again for each of its quotes.
def _bare_before(text: str, lo: int, hi: int) -> bool:
    """Does text[lo:hi] hold only spaces and light punctuation?"""
    while hi > lo and text[hi - 1] in SUBHEAD_DECORATION:
        hi -= 1
    return hi == lo


def _bare_after(text: str, lo: int, hi: int) -> bool:
    """Does text[lo:hi] hold only spaces and light punctuation?"""
    while lo < hi and text[lo] in SUBHEAD_DECORATION:
        lo += 1
    return lo == hi
