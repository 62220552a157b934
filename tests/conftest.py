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
