"""The review session: pure edits, safe writes, the sidecar, and the Textual app driven headless.

Findings are made by hand (no finder, no corpus) so these tests pin the review's own behaviour.
"""
from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from quotecheck.model import Finding, Kind, Quote, SourcePassage, Span, Verdict, DiffOp
from quotecheck.review import (Action, Decision, DraftChangedError, FindingKey, ReviewError,
                               Session, SidecarError, StaleFindingsError, apply_decisions,
                               apply_saved, content_hash, read_draft, replacement_for,
                               review_app, session_state, sidecar_path, write_draft)
from quotecheck.review import files as review_files

DRAFT = """---
title: A test draft
---
Microsoft will invest $1 billion in OpenAI. "We are not going to sell the company," Altman said.

"I don't," he said, "think so."

Nadella called it "a great day" for both.

"This was never said by anyone," said Someone.
"""


def span_of(text: str, words: str, after: int = 0) -> Span:
    start = text.index(words, after)
    return Span(start, start + len(words))


def finding(text: str, pieces: list[str], verdict: Verdict, source: str | None = None,
            speaker: str = "Sam Altman", source_pieces: list[str] = (), diff=()) -> Finding:
    spans, after = [], 0
    for p in pieces:
        spans.append(span_of(text, p, after))
        after = spans[-1].end
    quote = Quote(text=" ".join(pieces), spans=spans, kind=Kind.DIRECT, speaker=speaker)
    passage = (SourcePassage(path="corpus/a.txt", start=100, end=100 + len(source), text=source,
                             context=f"… and then: {source} More words.", speaker=speaker,
                             title="Source article", date="2019-07-22", location="line 3")
               if source else None)
    return Finding(quote=quote, verdict=verdict, source=passage,
                   pieces=[SourcePassage("corpus/a.txt", 0, len(p), p) for p in source_pieces],
                   diff=list(diff), score=80.0, severity=3 if verdict is Verdict.ALTERED else 0,
                   why="hand-made finding")


def findings_for(text: str) -> list[Finding]:
    return [
        finding(text, ["We are not going to sell the company,"], Verdict.ALTERED,
                "We are going to sell the company to Microsoft.",
                diff=[DiffOp("equal", "We are", "We are"), DiffOp("insert", "", "not", "negation"),
                      DiffOp("equal", "going to sell the company", "going to sell the company"),
                      DiffOp("delete", "to Microsoft.", "")]),
        finding(text, ["I don't,", "think so."], Verdict.ALTERED, "I don't really think so."),
        finding(text, ["a great day"], Verdict.VERBATIM, "a great day", speaker="Satya Nadella"),
        finding(text, ["This was never said by anyone,"], Verdict.UNSUPPORTED, None,
                speaker="Someone"),
    ]


@pytest.fixture
def draft(tmp_path) -> Path:
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def sidecar(path: Path) -> dict:
    return json.loads(sidecar_path(path).read_text(encoding="utf-8"))


def decisions_on_disk(path: Path) -> dict[str, dict]:
    return {d["key"]["text"]: d for d in sidecar(path)["decisions"]}


# ---------------------------------------------------------------- replacement_for / apply_decisions

def test_accept_keeps_the_drafts_closing_punctuation_and_case():
    f = findings_for(DRAFT)[0]
    assert replacement_for(DRAFT, f) == ("We are going to sell the company to Microsoft,",)


def test_split_quote_gets_the_source_words_cut_where_the_draft_cut():
    f = findings_for(DRAFT)[1]
    assert replacement_for(DRAFT, f) == ("I don't really,", "think so.")


def test_stitched_quote_with_one_piece_per_span_and_with_one_span():
    text = 'She said "we build tools" and "people use them" today.'
    two = finding(text, ["we build tools", "people use them"], Verdict.STITCHED,
                  source_pieces=["We build good tools", "People use them daily"])
    assert replacement_for(text, two) == ("we build good tools", "people use them daily")
    one = finding(text, ["we build tools"], Verdict.STITCHED,
                  source_pieces=["We build", "tools for all"])
    assert replacement_for(text, one) == ("we build … tools for all",)


def test_split_quote_where_the_draft_invented_a_whole_piece_still_fills_every_span():
    text = '"Alpha beta," she said, "zeta eta."'
    f = finding(text, ["Alpha beta,", "zeta eta."], Verdict.ALTERED, "Alpha beta gamma delta.")
    first, second = replacement_for(text, f)
    assert first.startswith("Alpha") and first.endswith(",") and second.strip(".")
    assert " ".join(w.strip(",.") for w in (first + " " + second).split()) == \
        "Alpha beta gamma delta"


def accept(text: str, f: Finding) -> Decision:
    return Decision(FindingKey.of(f), Action.ACCEPT,
                    original=tuple(text[s.start:s.end] for s in f.quote.spans),
                    replacement=replacement_for(text, f))


def test_apply_decisions_applies_accepts_from_the_end_and_leaves_the_rest():
    fs = findings_for(DRAFT)
    decisions = [accept(DRAFT, fs[0]), accept(DRAFT, fs[1]),
                 Decision(FindingKey.of(fs[2]), Action.CHECKED, note="called his office"),
                 Decision(FindingKey.of(fs[3]), Action.SKIP)]
    out = apply_decisions(DRAFT, fs, decisions)
    assert '"We are going to sell the company to Microsoft," Altman said.' in " ".join(out.split())
    assert '"I don\'t really," he said, "think so."' in out
    assert out.startswith("---\ntitle: A test draft\n---\n")         # front matter kept
    assert out.count('"') == DRAFT.count('"')                         # the draft's own marks
    assert 'it "a great day" for both' in out and "never said by anyone" in out


def test_apply_decisions_is_pure_and_ignores_written_and_unmatched_decisions():
    fs = findings_for(DRAFT)
    done = Decision(FindingKey.of(fs[0]), Action.ACCEPT, original=("x",), replacement=("y",),
                    applied=True)
    stray = Decision(FindingKey(((1, 2),), "nowhere"), Action.ACCEPT, original=("x",),
                     replacement=("y",))
    assert apply_decisions(DRAFT, fs, [done, stray]) == DRAFT


def test_apply_decisions_refuses_when_the_quote_no_longer_reads_as_accepted():
    fs = findings_for(DRAFT)
    d = accept(DRAFT, fs[0])
    edited = DRAFT.replace("We are not going", "We are NOT going")
    with pytest.raises(StaleFindingsError):
        apply_decisions(edited, fs, [d])


# ---------------------------------------------------------------- write_draft

def test_write_draft_refuses_a_draft_changed_on_disk_and_leaves_it_alone(draft):
    start = content_hash(draft.read_bytes())
    draft.write_text(DRAFT + "An editor added this.\n", encoding="utf-8")
    with pytest.raises(DraftChangedError) as err:
        write_draft(draft, "new text", start)
    assert str(draft) in str(err.value) and "\n" not in str(err.value)
    assert draft.read_text(encoding="utf-8").endswith("An editor added this.\n")
    assert not list(draft.parent.glob("*.bak*"))


def test_write_draft_keeps_backups_and_never_overwrites_one(draft):
    r1 = write_draft(draft, "second version\n", content_hash(draft.read_bytes()))
    assert r1.backup.name == "draft.md.bak" and r1.backup.read_text() == DRAFT
    assert draft.read_text() == "second version\n"
    r2 = write_draft(draft, "third version\n", content_hash(draft.read_bytes()))
    assert r2.backup.name == "draft.md.bak-2" and r2.backup.read_text() == "second version\n"
    assert r1.backup.read_text() == DRAFT                    # the first backup is untouched
    r3 = write_draft(draft, "second version\n", content_hash(draft.read_bytes()))
    assert r3.backup == r2.backup.with_name("draft.md.bak-3")
    assert not [p for p in draft.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("encoding,bom,newline", [("utf-8", b"", "\r\n"),
                                                   ("utf-8", b"\xef\xbb\xbf", "\n"),
                                                   ("utf-16-le", b"\xff\xfe", "\r\n"),
                                                   ("utf-16-be", b"\xfe\xff", "\n"),
                                                   ("utf-32-le", b"\xff\xfe\x00\x00", "\n")])
def test_write_draft_keeps_encoding_bom_line_ends_and_mode(tmp_path, encoding, bom, newline):
    path = tmp_path / "d.txt"
    path.write_bytes(bom + DRAFT.replace("\n", newline).encode(encoding))
    os.chmod(path, 0o640)
    draft = read_draft(path)
    f = finding(draft.text, ["We are not going to sell the company,"], Verdict.ALTERED,
                "We are going to sell it.")
    new = apply_decisions(draft.text, [f], [accept(draft.text, f)])
    write_draft(path, new, draft.hash)
    data = path.read_bytes()
    assert data.startswith(bom) and data[len(bom):].decode(encoding) == new
    assert "We are going to sell it," in new and new.count("\r\n") == DRAFT.count("\n") * (
        newline == "\r\n")
    assert os.stat(path).st_mode & 0o777 == 0o640


def test_write_draft_backup_keeps_the_drafts_mode_and_the_sidecar_is_not_private(draft):
    os.chmod(draft, 0o664)
    fs = findings_for(DRAFT)
    session = Session.open(read_draft(draft), fs)
    session.decide(fs[0], Action.ACCEPT, DRAFT)
    result, _, _ = session.write(read_draft(draft), fs)
    assert os.stat(result.backup).st_mode & 0o777 == 0o664
    assert os.stat(draft).st_mode & 0o777 == 0o664
    assert os.stat(sidecar_path(draft)).st_mode & 0o044      # readable like any file made here


def test_a_draft_that_is_not_plain_text_is_refused(tmp_path):
    page = tmp_path / "draft.html"
    page.write_text('<html><body><p>"We are not going to sell," he said.</p></body></html>')
    with pytest.raises(ReviewError, match="draft.html: review fixes plain-text and Markdown"):
        session_state(page, [])


# ---------------------------------------------------------------- the sidecar

def test_sidecar_write_interrupted_by_an_exception_leaves_the_old_one(draft, monkeypatch):
    fs = findings_for(DRAFT)
    session = Session.open(read_draft(draft), fs)
    session.decide(fs[0], Action.SKIP, DRAFT)
    before = sidecar_path(draft).read_bytes()

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(review_files.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        session.decide(fs[1], Action.CHECKED, DRAFT, "rang him")
    monkeypatch.undo()
    assert sidecar_path(draft).read_bytes() == before
    assert not [p for p in draft.parent.iterdir() if p.name.endswith(".tmp")]


def test_sidecar_rename_failing_leaves_the_old_one(draft, monkeypatch):
    fs = findings_for(DRAFT)
    session = Session.open(read_draft(draft), fs)
    session.decide(fs[0], Action.SKIP, DRAFT)
    before = sidecar_path(draft).read_bytes()
    monkeypatch.setattr(review_files.os, "replace", lambda a, b: (_ for _ in ()).throw(
        KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        session.decide(fs[1], Action.SKIP, DRAFT)
    monkeypatch.undo()
    assert sidecar_path(draft).read_bytes() == before
    assert not [p for p in draft.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_corrupt_sidecar_is_reported_not_trusted_nor_overwritten(draft):
    sidecar_path(draft).write_text("{ half a file", encoding="utf-8")
    with pytest.raises(SidecarError) as err:
        session_state(draft, findings_for(DRAFT))
    assert "draft.md.quotecheck.json" in str(err.value)
    assert sidecar_path(draft).read_text() == "{ half a file"


def test_decisions_follow_their_quotes_when_the_draft_is_edited_elsewhere(draft):
    fs = findings_for(DRAFT)
    session = Session.open(read_draft(draft), fs)
    session.decide(fs[0], Action.ACCEPT, DRAFT)
    session.decide(fs[2], Action.CHECKED, DRAFT, "video at 12:31")
    edited = DRAFT.replace("Microsoft will", "Breaking: Microsoft will")
    draft.write_text(edited, encoding="utf-8")
    state = session_state(draft, findings_for(edited))
    assert state.draft_changed
    assert [i.status for i in state.items] == ["accepted", "undecided", "checked", "undecided"]
    assert state.items[2].decision.note == "video at 12:31"
    result = apply_saved(draft, findings_for(edited))
    assert result.applied == 1 and result.backup.read_text() == edited
    assert "Breaking: Microsoft" in draft.read_text()
    assert '"We are going to sell the company to Microsoft," Altman said.' in draft.read_text()


def test_apply_saved_needs_a_saved_session_and_list_shows_counts(draft):
    with pytest.raises(ReviewError, match="no saved review"):
        apply_saved(draft, findings_for(DRAFT))
    fs = findings_for(DRAFT)
    session = Session.open(read_draft(draft), fs)
    session.decide(fs[1], Action.ACCEPT, DRAFT)
    session.decide(fs[3], Action.SKIP, DRAFT)
    state = session_state(draft, fs)
    assert state.saved and not state.draft_changed and state.pending == 1
    assert state.counts == {"undecided": 2, "accepted": 1, "written": 0, "checked": 0,
                            "skipped": 1}
    result = apply_saved(draft, fs)
    assert result.applied == 1 and result.backup.name == "draft.md.bak"
    assert '"I don\'t really," he said, "think so."' in draft.read_text()
    # resumed on the written draft (re-checked), the accept is known as written
    new_text = draft.read_text()
    refs = findings_for(DRAFT)
    rechecked = [finding(new_text, ["We are not going to sell the company,"], Verdict.ALTERED),
                 finding(new_text, ["I don't really,", "think so."], Verdict.VERBATIM),
                 refs[2], refs[3]]
    rechecked[2:] = [finding(new_text, ["a great day"], Verdict.VERBATIM),
                     finding(new_text, ["This was never said by anyone,"], Verdict.UNSUPPORTED)]
    state = session_state(draft, rechecked)
    assert [i.status for i in state.items] == ["undecided", "written", "undecided", "skipped"]
    again = apply_saved(draft, rechecked)
    assert again.applied == 0 and again.backup is None and again.already_written == 1


def test_accept_refuses_findings_that_do_not_fit_the_draft(draft):
    fs = findings_for(DRAFT)
    wrong = finding(DRAFT, ["a great day"], Verdict.ALTERED, "a fine day")
    wrong.quote.text = "a different text"
    session = Session.open(read_draft(draft), fs + [wrong])
    with pytest.raises(StaleFindingsError):
        session.decide(wrong, Action.ACCEPT, DRAFT)
    assert not sidecar_path(draft).exists()


# ---------------------------------------------------------------- kill -9 mid-session

KILLER = textwrap.dedent("""
    import sys, itertools
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from quotecheck.review import Action, Session, read_draft
    from tests.test_review import DRAFT, findings_for
    path = Path({path!r})
    fs = findings_for(DRAFT)
    session = Session.open(read_draft(path), fs)
    print("ready", flush=True)
    actions = [Action.ACCEPT, Action.CHECKED, Action.SKIP]
    for n in itertools.count():
        f = fs[n % 3]
        session.decide(f, actions[n % 3], DRAFT, "note %d " % n + "x" * (n % 500))
        if n % 7 == 0:
            session.undo()
""")


def test_sigkill_at_random_moments_leaves_a_readable_sidecar(draft):
    root = str(Path(__file__).resolve().parent.parent)
    script = KILLER.format(root=root, path=str(draft))
    for delay in (0.0, 0.01, 0.05, 0.1, 0.2, 0.35):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                                cwd=root)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = sidecar(draft) if sidecar_path(draft).exists() else None
        if data is not None:
            assert data["format"] == "quotecheck-review" and data["draft"] == "draft.md"
        state = session_state(draft, findings_for(DRAFT))   # loads without error
        assert len(state.items) == 4 and not state.orphans
    assert draft.read_text() == DRAFT
    leftovers = [p.name for p in draft.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 6   # a kill between mkstemp and rename may leave a temp file


# ---------------------------------------------------------------- the app, headless

def drive(app, *steps):
    """Run the app headless, pressing keys; a callable step is called with the app."""
    async def go():
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for step in steps:
                if callable(step):
                    step(app)
                else:
                    await pilot.press(*step.split()) if " " in step else await pilot.press(step)
                await pilot.pause()
    asyncio.run(go())
    return app


def test_app_open_move_accept_note_skip_undo_quit_then_resume(draft):
    seen = {}

    def disk(name):
        """Record the sidecar's decisions and position, and the draft, as they are on disk."""
        def look(app):
            data = sidecar(draft)
            seen[name] = ({d["key"]["text"]: d for d in data["decisions"]},
                          data["position"] and data["position"]["text"], draft.read_text())
        return look
    app = review_app(draft, findings_for(DRAFT))
    drive(app,
          disk("opened"), lambda a: seen.setdefault("first", a.index),
          "j", lambda a: seen.setdefault("after j", a.index),
          "k", lambda a: seen.setdefault("after k", a.index),
          "a", disk("accepted"),                                 # accept finding 0, move on
          "c", "r a n g space h i m", "enter", disk("noted"),    # note on finding 1
          "s", disk("skipped"), "u", disk("undone"),             # skip finding 2, undo it
          "q")
    first, second = "We are not going to sell the company,", "I don't, think so."
    assert seen["opened"] == ({}, None, DRAFT)
    assert seen["first"] == 0 and seen["after j"] == 1 and seen["after k"] == 0
    decisions, position, text = seen["accepted"]
    assert decisions[first]["action"] == "accept" and position == first and text == DRAFT
    assert decisions[first]["replacement"] == ["We are going to sell the company to Microsoft,"]
    decisions, position, text = seen["noted"]
    assert decisions[second]["action"] == "checked" and decisions[second]["note"] == "rang him"
    assert position == second and text == DRAFT
    assert seen["skipped"][0]["a great day"]["action"] == "skip"
    decisions, position, text = seen["undone"]
    assert set(decisions) == {first, second} and position == "a great day" and text == DRAFT
    assert sidecar(draft)["draft_hash"] == content_hash(DRAFT.encode())

    # resume: earlier decisions are there and the cursor is where we stopped
    resumed = review_app(draft, findings_for(DRAFT))
    drive(resumed, lambda a: seen.setdefault("resumed at", a.index),
          lambda a: seen.setdefault("summary", str(a.query_one("#summary").render())), "q")
    assert seen["resumed at"] == 2 and draft.read_text() == DRAFT
    assert "2 decided" in seen["summary"] and "1 accepted, not yet written" in seen["summary"]


def test_app_writes_the_fixed_draft_with_a_backup_and_goes_on(draft):
    app = review_app(draft, findings_for(DRAFT))
    drive(app, "a", "a", "w")
    text = draft.read_text()
    assert '"We are going to sell the company to Microsoft," Altman said.' in text
    assert '"I don\'t really," he said, "think so."' in text
    assert (draft.parent / "draft.md.bak").read_text() == DRAFT
    saved = sidecar(draft)
    assert saved["draft_hash"] == content_hash(text.encode())
    assert all(d["applied"] for d in saved["decisions"]) and saved["history"] == []
    # after writing, the session goes on against the new text: a note, then write again
    drive(review_app(draft, [finding(text, ["a great day"], Verdict.VERBATIM, "a great day")]),
          "c", "o k", "enter", "w", "q")
    assert draft.read_text() == text
    assert not (draft.parent / "draft.md.bak-2").exists()


def test_app_never_overwrites_a_draft_edited_elsewhere_during_the_session(draft):
    notes = []
    app = review_app(draft, findings_for(DRAFT))
    edited = DRAFT + "\nA late paragraph from the desk.\n"

    def edit_elsewhere(a):
        draft.write_text(edited, encoding="utf-8")

    def capture(a):
        notes.extend(n.message for n in a._notifications)
    drive(app, "a", edit_elsewhere, "w", capture, "q")
    assert draft.read_text() == edited
    assert any("changed on disk" in n for n in notes)
    assert decisions_on_disk(draft)["We are not going to sell the company,"]["action"] == "accept"
    assert not list(draft.parent.glob("*.bak*"))


def test_app_accept_without_a_source_says_so_and_decides_nothing(draft):
    fs = findings_for(DRAFT)
    app = review_app(draft, [fs[3]])
    drive(app, "a", "q")
    assert sidecar(draft)["decisions"] == []


def test_app_renders_the_diff_and_source(draft):
    app = review_app(draft, findings_for(DRAFT))
    shown = {}

    def grab(a):
        shown["pane"] = a.query_one("#detail").content
    drive(app, grab, "q")
    from rich.console import Console
    console = Console(width=80, record=True, color_system=None)
    console.print(shown["pane"])
    out = console.export_text()
    assert "ALTERED" in out and "Sam Altman" in out and "changed negation" in out
    assert "Source article · 2019-07-22 · corpus/a.txt:line 3" in out
    assert "to Microsoft." in out                                      # the struck source words
    assert "would make it" in out                                      # what accept will do
    assert '"We are going to sell the company to Microsoft," Altman said.' in " ".join(out.split())


def test_app_remembers_where_the_reviewer_stopped(draft):
    drive(review_app(draft, findings_for(DRAFT)), "j", "j", "j", "q")
    assert sidecar(draft)["position"]["text"] == "This was never said by anyone,"
    at = {}
    drive(review_app(draft, findings_for(DRAFT)), lambda a: at.setdefault("i", a.index), "q")
    assert at["i"] == 3


def test_one_session_per_draft_at_a_time(draft):
    from quotecheck.review import SessionBusyError
    errors = []

    def second_session(a):
        for attempt in (lambda: review_app(draft, findings_for(DRAFT)),
                        lambda: apply_saved(draft, findings_for(DRAFT))):
            with pytest.raises(SessionBusyError) as err:
                attempt()
            errors.append(str(err.value))
    drive(review_app(draft, findings_for(DRAFT)), "a", second_session, "q")
    assert len(errors) == 2 and all("draft.md: another quotecheck review" in e for e in errors)
    assert apply_saved(draft, findings_for(DRAFT)).applied == 1     # free again after quit


def test_temp_files_left_by_a_killed_writer_are_cleaned_up(draft):
    stale = draft.parent / ".draft.md.quotecheck.json.abc123.tmp"
    stale.write_text("{ half")
    drive(review_app(draft, findings_for(DRAFT)), "q")
    assert not stale.exists() and sidecar(draft)["format"] == "quotecheck-review"


APP_KILLER = textwrap.dedent("""
    import asyncio, sys
    sys.path.insert(0, {root!r})
    from quotecheck.review import review_app
    from tests.test_review import DRAFT, findings_for
    app = review_app({path!r}, findings_for(DRAFT))
    async def go():
        async with app.run_test() as pilot:
            print("ready", flush=True)
            keys = ["a", "j", "s", "k", "u", "c", "x", "enter", "j", "a", "w", "k", "k", "u"]
            n = 0
            while True:
                await pilot.press(keys[n % len(keys)])
                n += 1
                print(n, flush=True)
    asyncio.run(go())
""")


def test_sigkill_of_the_running_app_leaves_a_readable_sidecar_and_a_whole_draft(draft):
    root = str(Path(__file__).resolve().parent.parent)
    script = APP_KILLER.format(root=root, path=str(draft))
    fs = findings_for(DRAFT)
    whole_states = {apply_decisions(DRAFT, fs, [accept(DRAFT, fs[i]) for i in subset])
                    for subset in ((), (0,), (1,), (0, 1))}
    # Kill after a given number of key presses (the first run gets past `w`), at a moment
    # that varies within the next press.
    for presses, extra in ((12, 0.0), (3, 0.02), (20, 0.01)):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, cwd=root)
        assert proc.stdout.readline().strip() == b"ready"
        for _ in range(presses):
            proc.stdout.readline()
        time.sleep(extra)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert sidecar(draft)["format"] == "quotecheck-review"
        assert draft.read_text() in whole_states
    assert draft.read_text() != DRAFT       # the loop did get as far as writing the draft


def test_killed_between_writing_the_draft_and_saving_the_sidecar(draft, monkeypatch):
    fs = findings_for(DRAFT)
    session = Session.open(read_draft(draft), fs)
    session.decide(fs[0], Action.ACCEPT, DRAFT)
    monkeypatch.setattr(Session, "save", lambda self: (_ for _ in ()).throw(SystemExit(9)))
    with pytest.raises(SystemExit):
        session.write(read_draft(draft), fs)
    monkeypatch.undo()
    written = draft.read_text()
    assert decisions_on_disk(draft)["We are not going to sell the company,"]["applied"] is False
    # re-checked, the quote now has the source's words: the decision is known as written
    rechecked = [finding(written, ["We are going to sell the company to Microsoft,"],
                         Verdict.VERBATIM, "We are going to sell the company to Microsoft.")]
    state = session_state(draft, rechecked)
    assert [i.status for i in state.items] == ["written"] and not state.orphans
    assert apply_saved(draft, rechecked).applied == 0 and draft.read_text() == written


def test_list_and_apply_render_one_clear_line_each(draft):
    from rich.console import Console

    from quotecheck.review.render import state_view
    fs = findings_for(DRAFT)
    session = Session.open(read_draft(draft), fs)
    session.decide(fs[0], Action.ACCEPT, DRAFT)
    session.decide(fs[2], Action.CHECKED, DRAFT, "video 12:31")
    console = Console(width=100, record=True, color_system=None)
    console.print(state_view(session_state(draft, fs)))
    out = " ".join(console.export_text().split())
    assert "4 quotes: 2 undecided, 1 accepted, 1 checked" in out and "video 12:31" in out
    assert "1 accepted change(s) not yet written" in out
    message = apply_saved(draft, fs).message
    assert message == f"{draft}: wrote 1 accepted change(s); the previous text is in draft.md.bak"
    assert apply_saved(draft, []).message == (
        f"{draft}: nothing to write; 2 saved decision(s) match no quote now "
        "(kept in draft.md.quotecheck.json)")


def test_undo_history_is_bounded(draft, monkeypatch):
    from quotecheck.review import session as session_module
    monkeypatch.setattr(session_module, "HISTORY_LIMIT", 3)
    fs = findings_for(DRAFT)
    session = Session.open(read_draft(draft), fs)
    for action in (Action.SKIP, Action.CHECKED, Action.SKIP, Action.CHECKED, Action.SKIP):
        session.decide(fs[2], action, DRAFT)
    assert len(sidecar(draft)["history"]) == 3


def test_accept_takes_source_words_with_plain_spaces_and_only_for_misquotes(draft):
    fs = findings_for(DRAFT)
    nbsp = finding(DRAFT, ["We are not going to sell the company,"], Verdict.ALTERED,
                   "We are\xa0going to\nsell the company.")
    assert replacement_for(DRAFT, nbsp) == ("We are going to sell the company,",)
    session = Session.open(read_draft(draft), fs)
    with pytest.raises(ReviewError, match="nothing to accept .* \\(verbatim\\)"):
        session.decide(fs[2], Action.ACCEPT, DRAFT)
    with pytest.raises(ReviewError, match="unsupported, no source"):
        session.decide(fs[3], Action.ACCEPT, DRAFT)
    assert not sidecar_path(draft).exists()


def test_nested_quotes_cannot_both_be_accepted(tmp_path):
    text = 'He said "they told me \'we never sold it\' last week" on Monday.\n'
    path = tmp_path / "nested.txt"
    path.write_text(text)
    outer = finding(text, ["they told me 'we never sold it' last week"], Verdict.ALTERED,
                    "they told me we sold it last year")
    inner = finding(text, ["we never sold it"], Verdict.ALTERED, "we sold it")
    session = Session.open(read_draft(path), [outer, inner])
    session.decide(outer, Action.ACCEPT, text)
    with pytest.raises(ReviewError, match="overlaps the accepted quote at offset 9"):
        session.decide(inner, Action.ACCEPT, text)
    session.write(read_draft(path), [outer, inner])
    assert path.read_text() == 'He said "they told me we sold it last year" on Monday.\n'


def test_app_note_prompt_takes_letters_and_escape_cancels(draft):
    seen = {}
    drive(review_app(draft, findings_for(DRAFT)),
          "c", "q", "u", "i", "t", "escape",                   # letters go to the note, not keys
          lambda a: seen.setdefault("open", a.query_one("#note").has_class("open")),
          lambda a: seen.setdefault("running", a.is_running), "q")
    assert seen == {"open": False, "running": True}
    assert sidecar(draft)["decisions"] == []
