"""Shared fixtures: paths to the project's corpus and example, and to ../shared when present."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped corpus, so tests never write an index into the checkout."""
    dest = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", dest, ignore=shutil.ignore_patterns(".quotecheck*"))
    return dest


@pytest.fixture
def draft_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "draft-openai.md"
    shutil.copy(ROOT / "examples" / "draft-openai.md", dest)
    return dest


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when the evaluation data is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


def reads_damaged_or_says_why(name: str, original: bytes, data) -> None:
    """`original` with up to 20 bytes overwritten (drawn from hypothesis `data`) and cut short,
    read as `name`: a document, or an InputError of one line that names the file."""
    from hypothesis import strategies as st

    from quotecheck import readers
    from quotecheck.model import InputError

    damaged = bytearray(original)
    for at, byte in data.draw(st.lists(st.tuples(st.integers(0, len(damaged) - 1),
                                                 st.integers(0, 255)), max_size=20)):
        damaged[at] = byte
    damaged = damaged[: data.draw(st.integers(1, len(damaged)))]
    try:
        readers.read_bytes(name, bytes(damaged))
    except InputError as exc:
        assert str(exc).startswith(f"{name}: ") and "\n" not in str(exc)
