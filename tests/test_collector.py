"""The garbage collector pause (quotecheck.collector): the caller's setting comes back, always."""
from __future__ import annotations

import gc

import pytest

from quotecheck.collector import collector_paused
from quotecheck.find import find_quotes


@pytest.fixture()
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_paused_inside_and_back_on_after(collector_on):
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()      # the inner block must not turn it on early
    assert gc.isenabled()


def test_back_on_after_an_error(collector_on):
    with pytest.raises(ValueError):
        with collector_paused():
            raise ValueError("boom")
    assert gc.isenabled()


def test_a_caller_who_turned_it_off_keeps_it_off(collector_on):
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_the_finder_leaves_the_collector_as_it_found_it(collector_on):
    assert find_quotes("“Yes,” he said. " * 50, fast=True)
    assert gc.isenabled()
