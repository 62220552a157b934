"""Verdicts (quotecheck.judge): a table of drafted quotes against a small corpus made here.

Sources carry their speaker in front matter (one person's words, no quotation marks), so these
tests do not depend on the finder's attribution; the last tests run the finder end to end.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from quotecheck.judge import check_document, check_quote, check_quotes
from quotecheck.model import Document, Kind, Quote, Span, Verdict
from quotecheck.store import Corpus

SOURCES = {
    "budget.txt": ("Jane Smith", "2020-03-01",
                   "We will not raise taxes next year. The budget is balanced and the reserves are growing.\n\n"
                   "Our schools need more teachers, and we will hire two thousand of them by the autumn.\n\n"
                   "The harbour project is finished and it came in under budget by four million dollars.\n"),
    "schools.txt": ("Jane Smith", "2019-05-05",
                    "Our schools need more teachers, and we will hire two thousand of them by the autumn.\n"),
    "fish.txt": ("Tom Brown", "2020-02-01",
                 "Fishing quotas are a matter for the coast towns and their councils to settle.\n\n"
                 "Nobody in this chamber wants to close the northern ferry routes before spring.\n\n"
                 "The ferry timetable will change in March.\n"),
    "lamps.txt": (None, "2018-01-01",
                  "The lighthouse keepers have kept the lamps burning for two hundred years.\n\n"
                  "The ferry timetable will change in March.\n"),
}

V = Verdict
JANE = "Jane Smith"
CASES = [
    # (draft quote, credited speaker, verdict, source file, note in the diff or None)
    ("We will not raise taxes next year.", JANE, V.VERBATIM, "budget.txt", None),
    ("we will not raise taxes next year,", "Smith", V.VERBATIM, "budget.txt", None),
    ("the reserves are growing", JANE, V.VERBATIM, "budget.txt", None),            # partial quote
    ("We will not raise taxes next year. … Our schools need more teachers", JANE, V.EDITORIAL,
     "budget.txt", None),
    ("[Smith] will not raise taxes next year.", JANE, V.EDITORIAL, "budget.txt", None),
    ("We will not raise taxes … by the autumn.", JANE, V.EDITORIAL, "budget.txt", None),
    ("We will raise taxes next year.", JANE, V.ALTERED, "budget.txt", "negation"),
    ("We will [always] raise taxes next year.", JANE, V.ALTERED, "budget.txt", "negation"),  # a bracket hiding a change
    ("We will … raise taxes next year.", JANE, V.ALTERED, "budget.txt", "negation"),  # "…" hides "not"
    ("The harbour project is finished and it came in under budget by five million dollars.", JANE,
     V.ALTERED, "budget.txt", "number"),
    ("We might not raise taxes next year.", JANE, V.ALTERED, "budget.txt", "modal"),
    ("The budget is balanced and the big reserves are growing.", JANE, V.ALTERED, "budget.txt", None),
    ("We will not raise taxes next year. The harbour project is finished and it came in under budget.",
     JANE, V.STITCHED, "budget.txt", None),
    ("We will not raise taxes next year. Nobody in this chamber wants to close the northern ferry "
     "routes before spring.", JANE, V.STITCHED, "budget.txt", None),
    ("The budget is balanced and the reserves are growing and it came in under budget by four "
     "million dollars.", JANE, V.STITCHED, "budget.txt", None),                     # seam mid-sentence
    ("We will not raise taxes next month.", JANE, V.ALTERED, "budget.txt", None),   # changed last-but-one word
    ("We might raise taxes.", JANE, V.ALTERED, "budget.txt", "negation"),           # short, still caught
    ("We might raise fees for ferries.", JANE, V.UNSUPPORTED, None, None),          # too little in common
    ("Fishing quotas are a matter for the coast towns and their councils to settle.", JANE,
     V.MISATTRIBUTED, "fish.txt", None),
    # an unattributed copy elsewhere cannot confirm Jane Smith; Tom Brown's source says it is his
    ("The ferry timetable will change in March.", JANE, V.MISATTRIBUTED, "fish.txt", None),
    ("Fishing quotas are a matter for the coast towns and their councils to settle.", "Tom Brown",
     V.VERBATIM, "fish.txt", None),
    ("The lighthouse keepers have kept the lamps burning for two hundred years.", JANE, V.VERBATIM,
     "lamps.txt", None),
    ("Completely invented words about a lunar colony and its budget.", JANE, V.UNSUPPORTED, None, None),
    ("Our schools need more teachers, and we will hire two thousand of them by the autumn.", JANE,
     V.VERBATIM, "schools.txt", None),                                              # earliest source
    ("We will not raise taxes next year.", None, V.VERBATIM, "budget.txt", None),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    for name, (speaker, date, body) in SOURCES.items():
        meta = f"---\ndate: {date}\n" + (f"speaker: {speaker}\n" if speaker else "") + "---\n"
        (root / name).write_text(meta + body, encoding="utf-8")
    with Corpus.open(root) as c:
        report = c.sync()
        assert report.added == len(SOURCES) and not report.errors
        yield c


def _quote(text: str, speaker: str | None) -> Quote:
    return Quote(text=text, spans=[Span(1, 1 + len(text))], kind=Kind.DIRECT, speaker=speaker)


def _check(corpus, text, speaker):
    doc = Document(path="draft.txt", text=f'"{text}"')
    [finding] = check_document(doc, corpus, quotes=[_quote(text, speaker)])
    return finding


@pytest.mark.parametrize("text,speaker,verdict,source,note", CASES)
def test_verdicts(corpus, text, speaker, verdict, source, note):
    f = _check(corpus, text, speaker)
    assert f.verdict == verdict, f.why
    assert (Path(f.source.path).name if f.source else None) == source
    if note:
        assert note in {d.note for d in f.diff}
        assert f.severity >= 2
    assert f.why and f.why.endswith(".") and "\n" not in f.why


def _case(start: str) -> str:
    return next(c[0] for c in CASES if c[0].startswith(start))


STITCH = _case("We will not raise taxes next year. The harbour")
SCHOOLS = _case("Our schools")
LAMPS = _case("The lighthouse")
FISH = _case("Fishing quotas")
LUNAR = _case("Completely invented")


def test_faithful_verdicts_have_no_severity_and_misquotes_do(corpus):
    assert _check(corpus, CASES[0][0], JANE).severity == 0
    assert _check(corpus, "We will raise taxes next year.", JANE).severity == 3


def test_altered_diff_shows_the_changed_words(corpus):
    f = _check(corpus, "We will raise taxes next year.", JANE)
    changed = [d for d in f.diff if d.op != "equal"]
    assert changed == [type(changed[0])("delete", "not", "", "negation")]
    assert " ".join(d.source for d in f.diff if d.source) == "We will not raise taxes next year"


def test_stitched_lists_each_piece(corpus):
    f = _check(corpus, STITCH, JANE)
    assert len(f.pieces) == 2 and f.pieces[0].start < f.pieces[1].start


@pytest.mark.parametrize("text,speaker", [(c[0], c[1]) for c in CASES])
def test_the_stitch_search_reads_the_same_with_one_query_or_many(corpus, monkeypatch, text, speaker):
    # when the first words' query came back whole, the parts are found among its passages;
    # forcing a query per step (a fetch limit of 1) must give the same verdict and pieces
    once = _check(corpus, text, speaker)
    monkeypatch.setattr("quotecheck.stitch.PHRASE_FETCH", 1)
    stepwise = _check(corpus, text, speaker)
    assert (once.verdict, once.pieces) == (stepwise.verdict, stepwise.pieces)


def test_a_short_tail_held_elsewhere_is_no_stitch(corpus):
    # the words after the change ("next year") stand verbatim in another sentence, but a tail
    # shorter than a part is a changed ending, not a second place (misquote benchmark draft-014)
    f = _check(corpus, "The harbour project is finished and it came in under budget next year.", JANE)
    assert f.verdict is not V.STITCHED


def test_earliest_source_cited_and_others_listed(corpus):
    f = _check(corpus, SCHOOLS, JANE)
    assert f.source.date == "2019-05-05"
    assert [Path(p.path).name for p in f.also_in] == ["budget.txt"]


def test_unknown_source_speaker_is_said_not_guessed(corpus):
    f = _check(corpus, LAMPS, JANE)
    assert "not confirmed" in f.why and f.source.speaker is None


def test_misattributed_names_both_people(corpus):
    f = _check(corpus, FISH, JANE)
    assert "Tom Brown" in f.why and JANE in f.why and f.source.speaker == "Tom Brown"


def test_unsupported_says_what_was_searched(corpus):
    f = _check(corpus, LUNAR, JANE)
    assert "lunar" in f.why and "passages" in f.why and f.source is None


def test_one_finding_per_quote_in_draft_order(corpus):
    text = ('"We will not raise taxes next year," Jane Smith said. Later she added: '
            '"We will raise taxes next year."')
    doc = Document(path="draft.txt", text=text)
    quotes = [_quote("We will not raise taxes next year", JANE),
              Quote(text="We will raise taxes next year.", spans=[Span(71, 101)], kind=Kind.DIRECT,
                    speaker=JANE)]
    findings = check_document(doc, corpus, quotes=quotes)
    assert [f.verdict for f in findings] == [V.VERBATIM, V.ALTERED]
    assert [f.quote for f in findings] == quotes


def test_a_batch_of_quotes_reads_as_each_alone_with_one_lookup_of_word_rarity(corpus):
    # a quote-dense draft asked the index how rare its words are once per quote; a batch asks once
    quotes = [_quote(text, speaker) for text, speaker, *_ in CASES]
    alone = [check_quote(q, corpus) for q in quotes]
    asked: list[str] = []
    with Corpus.open(corpus.root) as fresh:      # nothing known yet about any word
        fresh._db.set_trace_callback(lambda sql: asked.append(sql) if "FROM vocab" in sql else None)
        together = check_quotes(quotes, fresh)
    assert together == alone
    assert len(asked) == 1


def test_a_batch_of_quotes_is_checked_against_one_version_of_the_index(corpus):
    # every lookup of the batch inside one read transaction: another process's `add` is seen
    # by the next batch, never between two quotes (or two lookups of one quote) of this one
    quotes = [_quote(text, speaker) for text, speaker, *_ in CASES]
    sql: list[str] = []
    with Corpus.open(corpus.root) as fresh:
        fresh._db.set_trace_callback(sql.append)
        check_quotes(quotes, fresh)
        assert not fresh._db.in_transaction
    assert sql[0] == "BEGIN" and sql[-1] == "COMMIT" and len(sql) > 2 * len(quotes)
    assert sql.count("BEGIN") == 1 and sql.count("COMMIT") == 1


def test_check_document_finds_the_quotes_itself(corpus):
    doc = Document(path="draft.txt", text='"We will not raise taxes next year," Jane Smith said.\n')
    findings = check_document(doc, corpus)
    assert [f.verdict for f in findings] == [V.VERBATIM]


# --- the misquote benchmark in ../shared, when present ----------------------------------------

SHARED = Path(__file__).resolve().parents[2] / "shared"
BENCH = SHARED / "eval" / "misquotes" / "dev"


@pytest.mark.skipif(not (BENCH / "gold.jsonl").exists(), reason="shared misquote benchmark absent")
def test_misquote_benchmark(tmp_path):
    from quotecheck import readers

    out = tmp_path / "pred.jsonl"
    with Corpus.open(BENCH / "corpus", index=tmp_path / "index.sqlite") as corpus, \
            open(out, "w", encoding="utf-8") as fh:
        corpus.sync()
        for path in sorted((BENCH / "drafts").glob("*.txt")):
            for f in check_document(readers.read(path), corpus):
                s = f.source
                fh.write(json.dumps({"file": str(path), "start": f.quote.start, "end": f.quote.end,
                                     "speaker": f.quote.speaker, "verdict": f.verdict.value,
                                     "source_file": s.path if s else None,
                                     "source_start": s.start if s else None,
                                     "source_end": s.end if s else None}) + "\n")
    run = subprocess.run([sys.executable, str(SHARED / "eval" / "score_check.py"), str(BENCH),
                          "--predictions", str(out)], capture_output=True, text=True, check=True)
    last = run.stdout.strip().splitlines()[-1]
    m = re.search(r"macro-F1 ([\d.]+) / missed-misquote rate ([\d.]+)% / false-alarm rate ([\d.]+)% "
                  r"/ quotes found ([\d.]+)%", last)
    macro, missed, false_alarm, found = map(float, m.groups())
    # floors below today's figures (97 / 1.0 / 2 / 99.7 with the finder of the day), so a
    # regression in matching or judging fails here while finder tuning moves them a little
    assert macro >= 88 and missed <= 3 and false_alarm <= 6 and found >= 95, run.stdout


@pytest.mark.parametrize("text", [
    "word " * 20000,                                     # one huge run-on quote
    "This is a sentence. " * 3000,                       # thousands of sentences
    "“" * 5000 + "…" * 5000 + "[" * 2000,                # marks only
    "",
], ids=["run-on", "many-sentences", "marks-only", "empty"])
def test_huge_or_empty_quotes_stay_fast(corpus, text):
    import time
    t0 = time.monotonic()
    f = _check(corpus, text, JANE)
    assert time.monotonic() - t0 < 10
    assert f.verdict in (V.UNSUPPORTED, V.ALTERED)
