"""The compiled finder and matcher (setup.py: mypyc) find and judge exactly what their source does.

`pip install .` compiles the finder's and the matcher's modules to C; the tests import the
checkout, so every other test runs them as plain Python. These run the installed, compiled
build in a subprocess outside the checkout, on texts and drafts of every kind, and compare what
it finds and judges with the source's, field by field. They skip where the installed quotecheck
is not compiled (an editable install, QUOTECHECK_PURE=1, no C compiler) or was built from other
sources than the checkout's.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_properties import MARKS, ODD, WORDS

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

FIND = """
import json, sys
from quotecheck.find import find_quotes
from quotecheck.report.machine import quote_record
jobs = json.load(open(sys.argv[1], encoding="utf-8"))
found = [[quote_record(q) | {"context": q.context, "confidence": q.confidence, "role": q.role}
          for q in find_quotes(text, fast=fast)] for text, fast in jobs]
json.dump(found, open(sys.argv[2], "w", encoding="utf-8"))
"""


def _python(cwd: Path, source: bool, *args: str) -> subprocess.CompletedProcess:
    """python3 with the installed quotecheck (run outside the checkout), or the checkout's."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if source:
        env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The installed package's folder, when it is compiled from the checkout's sources."""
    here = tmp_path_factory.mktemp("outside")
    found = _python(here, False, "-c", "import quotecheck; print(quotecheck.compiled(), quotecheck.__file__)")
    if found.returncode != 0:
        pytest.skip("quotecheck is not installed")
    compiled, package = found.stdout.split()
    if compiled != "True":
        pytest.skip("the installed quotecheck is plain Python (editable, QUOTECHECK_PURE or no compiler)")
    package_dir = Path(package).parent
    for source in (ROOT / "quotecheck").rglob("*.py"):
        copy = package_dir / source.relative_to(ROOT / "quotecheck")
        if not copy.exists() or copy.read_bytes() != source.read_bytes():
            pytest.skip(f"the installed quotecheck was built from other sources ({copy.name} differs)")
    return package_dir


def _strange_texts(n: int, seed: int) -> list[str]:
    """Texts of every kind of mark, word and odd character (test_properties' pieces), seeded."""
    rng = random.Random(seed)
    pieces = MARKS + WORDS + ODD + [" ", " ", "\n", "\n\n"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 150))) for _ in range(n)]


def _dense_texts() -> list[str]:
    """Quote-dense shapes (bench_worst's), a few kilobytes each."""
    units = ["“Yes,” he said. “No,” said she. ", "“a”\n\n", "“a” ", "“a” said ", "“He said it was fine, ",
             "“\"‘'«„", "Sam Altman Satya Nadella Greg Brockman Said "]
    return [(unit * (3000 // len(unit) + 1))[:3000] for unit in units]


def _articles() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    texts.append((ROOT / "examples" / "draft-openai.md").read_text(encoding="utf-8"))
    dev = SHARED / "eval" / "polnear" / "dev.jsonl"
    if dev.exists():
        with dev.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for _, line in zip(range(25), fh)]
    return texts


def _found(tmp_path: Path, jobs: list[tuple[str, bool]], source: bool) -> list:
    script = tmp_path / "find.py"
    script.write_text(FIND, encoding="utf-8")
    (tmp_path / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
    out = tmp_path / ("source.json" if source else "compiled.json")
    run = _python(tmp_path, source, str(script), "jobs.json", out.name)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_compiled_finder_finds_what_the_source_finds(installed, tmp_path):
    articles = _articles()
    jobs = [(text, True) for text in _strange_texts(300, seed=7) + _dense_texts() + articles]
    jobs += [(text, False) for text in _strange_texts(30, seed=11) + articles]
    compiled, source = _found(tmp_path, jobs, False), _found(tmp_path, jobs, True)
    assert sum(map(len, source)) > 100, "the texts hold quotations to compare"
    for (text, fast), mine, theirs in zip(jobs, compiled, source):
        assert mine == theirs, f"fast={fast}: {text[:80]!r}"


PICKLE = """
import pickle
from quotecheck.model import DiffOp, Finding, Kind, Mention, Quote, SourcePassage, Span, Verdict
quote = Quote("it works", [Span(1, 9)], Kind.DIRECT, "Sam Altman", Mention("Altman", 14, 20),
              cue=Mention("said", 21, 25), rule="trailing_cue", confidence=0.95)
source = SourcePassage(path="a.txt", start=3, end=11, text="it works", context="“it works”", speaker="Sam Altman")
finding = Finding(quote, Verdict.ALTERED, source, [source], [], [DiffOp("replace", "works", "worked", "name")])
assert pickle.loads(pickle.dumps(finding)) == finding
print("round trip")
"""


def test_compiled_findings_travel_between_processes(installed, tmp_path):
    # a worker's findings come back pickled (parallel.py); a compiled frozen class once failed
    # to unpickle, and every worker's share was silently done again by the caller
    run = _python(tmp_path, False, "-c", PICKLE)
    assert run.returncode == 0 and "round trip" in run.stdout, run.stderr[-2000:]


MISQUOTES = SHARED / "eval" / "misquotes" / "dev"


@pytest.mark.parametrize("corpus,drafts,least", [
    (ROOT / "corpus", ROOT / "examples" / "draft-openai.md", 5),
    # every verdict, from altered and stitched to misattributed (the benchmark's 60 drafts)
    (MISQUOTES / "corpus", MISQUOTES / "drafts", 300),
], ids=["example", "misquote-benchmark"])
def test_the_compiled_check_gives_the_source_findings(installed, tmp_path, corpus, drafts, least):
    if not corpus.exists():
        pytest.skip(f"{corpus} is absent")
    runs, reports = {}, {}
    for source in (False, True):        # each indexes its own copy of the corpus
        where = tmp_path / ("source" if source else "compiled")
        shutil.copytree(corpus, where / "corpus", ignore=shutil.ignore_patterns(".quotecheck*"))
        if drafts.is_dir():
            shutil.copytree(drafts, where / "drafts")
        else:
            (where / "drafts").mkdir()
            shutil.copy(drafts, where / "drafts")
        runs[source] = _python(where, source, "-m", "quotecheck", "check", "--corpus", "corpus",
                               "--format", "jsonl", "drafts")
        reports[source] = runs[source].stdout.replace(str(where), "")   # (sources by absolute path)
    assert runs[False].returncode == runs[True].returncode == 1, runs[False].stderr
    assert reports[False] == reports[True]
    assert reports[False].count("\n") >= least


def _written_out_inits():
    """The dataclasses of the package that write out their __init__ (init=False)."""
    import dataclasses
    import importlib
    import inspect
    import pkgutil

    import quotecheck

    names = [m.name for m in pkgutil.walk_packages(quotecheck.__path__, "quotecheck.")
             if m.name != "quotecheck.__main__"]       # (importing it runs the command line)
    for name in names:
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if inspect.isclass(cls) and cls.__module__ == name and dataclasses.is_dataclass(cls) \
                    and not cls.__dataclass_params__.init:
                yield cls


def test_written_out_inits_take_the_fields_in_order_with_their_defaults():
    # classes built once a quote or more write out their __init__ (compiled, a generated one
    # stays interpreted): each must take exactly its fields, in order, with the same defaults
    import dataclasses
    import inspect

    classes = list(_written_out_inits())
    assert len(classes) >= 12
    if not inspect.isfunction(classes[0].__init__):
        pytest.skip("the checkout is compiled in place: a compiled __init__ does not show its parameters")
    for cls in classes:
        params = list(inspect.signature(cls.__init__).parameters.values())[1:]
        fields = [f for f in dataclasses.fields(cls) if f.init]
        assert [p.name for p in params] == [f.name for f in fields], cls.__name__
        for p, f in zip(params, fields):
            default = f.default if f.default is not dataclasses.MISSING else inspect.Parameter.empty
            if f.default_factory is not dataclasses.MISSING:
                default = None            # (a factory's default is made in the __init__)
            assert p.default == default, f"{cls.__name__}.{f.name}"
