"""Per-document limits (flows/limits.py), in a worker process as a batch runs them: a document
over its time or memory limit fails alone with a message naming it, and the worker goes on."""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor

import pytest

from flows.limits import LimitExceeded, Limits, limits_apply, within_limits


def _slow(seconds: float | None) -> str:
    with within_limits("slow.pdf", Limits(seconds=seconds, megabytes=None)):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # pure Python work, as pdfminer's is
            sum(range(1000))
    return "finished"


def _slow_inside_a_wrapper(seconds: float) -> str:
    """As pdfplumber does: whatever happens while a page is parsed comes out wrapped."""
    with within_limits("wrapped.pdf", Limits(seconds=seconds, megabytes=None)):
        try:
            _slow(None)
        except Exception as error:
            raise RuntimeError(error) from error
    return "finished"


def _greedy(megabytes: int) -> int:
    with within_limits("greedy.pdf", Limits(seconds=None, megabytes=megabytes)):
        hoard = [bytearray(10 * 1024 * 1024) for _ in range(100)]  # 1 GB, 10 MB at a time
        return len(hoard)


def _modest() -> int:
    with within_limits("modest.pdf", Limits(seconds=5, megabytes=200)):
        return len(bytearray(20 * 1024 * 1024))


@pytest.fixture
def worker():
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield pool


def test_a_document_over_its_time_limit_fails_alone(worker):
    started = time.monotonic()
    with pytest.raises(LimitExceeded) as caught:
        worker.submit(_slow, 1).result()
    assert time.monotonic() - started < 15
    assert str(caught.value) == (
        "slow.pdf: stopped after 1 s, the time limit for one document (ibidem run --time-limit)"
    )
    assert worker.submit(_modest).result() == 20 * 1024 * 1024  # the worker goes on


def test_the_limit_is_found_inside_the_errors_that_wrap_it(worker):
    """...and comes back from the worker as a plain `LimitExceeded` (a chain holding the one
    the timer raised could not be pickled back to the batch)."""
    with pytest.raises(LimitExceeded) as caught:
        worker.submit(_slow_inside_a_wrapper, 1).result()
    assert str(caught.value).startswith("wrapped.pdf: stopped after 1 s, the time limit")


def test_a_document_over_its_memory_limit_fails_alone(worker):
    with pytest.raises(LimitExceeded) as caught:
        worker.submit(_greedy, 100).result()
    assert str(caught.value) == (
        "greedy.pdf: needed more than 100 MB of memory, the limit for one document "
        "(ibidem run --memory-limit)"
    )
    assert worker.submit(_modest).result() == 20 * 1024 * 1024  # limit lifted afterwards


def test_no_limits_outside_a_worker_process():
    """The flow's own process (`--workers 1`) is never interrupted or capped."""
    assert not limits_apply()
