"""The build: the finder's and the matcher's modules compiled to C by mypyc where it can, plain
Python where not.

The finder's cost goes by the quotation, in small Python functions (bench/bench_worst.py): the
same source compiled by mypyc reads a quote-dense text in about half the time, and the matcher
checks a quote-dense draft in about 14% less (1.23 CPU s for bench_worst's 1 MB draft, against
1.43; much of its time is SQLite's and rapidfuzz's). The compiled modules are these very files; nothing is written twice. The tests
import the checkout (plain Python); tests/test_compiled.py compares the installed, compiled
finder and matcher with it.

- QUOTECHECK_PURE=1 builds plain Python.
- An editable install (`pip install -e .`) is never compiled: a compiled module would shadow
  the file being edited.
- A compilation that fails (no C compiler, no Python headers) leaves a plain-Python install and
  says why on stderr; nothing is half-installed.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

# model.py and the quote finder's modules, which the fast reading and the matcher's drafts run
# through; not parse.py (its work is the model's) nor lexicon.py (it reads its data files by
# __file__, which a compiled module does not have while it is first imported)
NOT_COMPILED = {"parse.py", "lexicon.py"}
FIND = Path(__file__).resolve().parent / "quotecheck" / "find"
# the matcher's per-quote work: tokens, retrieval, alignment, verdicts; not store.py (its time
# is SQLite's) nor the readers, reports and review (once per file or finding, not per quote)
MATCHER = ["text", "retrieve", "match", "stitch", "judge_evidence", "judge"]
COMPILED = (["quotecheck/model.py"] + [f"quotecheck/{name}.py" for name in MATCHER]
            + sorted(f"quotecheck/find/{p.name}" for p in FIND.glob("*.py") if p.name not in NOT_COMPILED))
# the commands that build what is installed (a wheel); not egg_info, dist_info nor editable_wheel
BUILDING = {"bdist_wheel", "build", "build_ext", "install"}


def _say(message: str) -> None:
    print(f"quotecheck build: {message}", file=sys.stderr)


def compiled_extensions() -> list:
    if os.environ.get("QUOTECHECK_PURE") or not BUILDING & set(sys.argv[1:]):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _say("mypyc is not installed: plain Python")
        return []
    try:
        # the other libraries need not be installed to build: where they are missing, their
        # values are taken as they come (Any), and checked where the code says what they are
        return mypycify(["--ignore-missing-imports", "--follow-imports=silent", *COMPILED],
                        opt_level="3", group_name="quotecheck")
    except (Exception, SystemExit) as exc:  # noqa: BLE001 (any failure: build plain Python; mypyc exits when the sources do not type-check)
        _say(f"mypyc could not compile the finder and matcher ({exc}): plain Python")
        return []


class OptionalBuildExt(build_ext):
    """Builds the compiled modules, or none of them: a compiled module without the library its
    group shares would fail on import."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # noqa: BLE001 (no compiler, no Python headers…: build plain Python)
            for path in self.get_outputs():
                if os.path.exists(path):
                    os.remove(path)
            self.extensions = []
            _say(f"the C compiler failed ({exc}): plain Python")


setup(ext_modules=compiled_extensions(), cmdclass={"build_ext": OptionalBuildExt})
