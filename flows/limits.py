"""Per-document time and memory limits, so that one pathological input fails alone.

A worker process cleans one document at a time on its main thread, so the limits are the
process's own: an interval timer (SIGALRM) that interrupts the document when its time is up,
and an address-space limit (RLIMIT_AS) over what the process held when the document started,
which turns a runaway allocation into a MemoryError.  Both are lifted when the document ends,
and the worker goes on with the next one.  Off the main thread of a worker (the flow's own
process with `--workers 1`, a Dask worker's threads) there is no safe way to interrupt a
document: the limits are not applied there, and `limits_apply` says so.

Imports only `cleaners` (not Prefect): the local cleaning pool runs `clean_within_limits`.
"""

from __future__ import annotations

import multiprocessing
import re
import resource
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaners import pipeline
from cleaners.model import Document

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The most one document may take: seconds of wall time, megabytes of memory beyond what
    its process held when it started.  None: no limit."""

    seconds: float | None = 900.0
    megabytes: int | None = 2048


DEFAULT_LIMITS = Limits()


class LimitExceeded(pipeline.InputError):
    """A document went over its time or memory limit; the message names it and the limit."""

    kind = "limit"


def limits_apply() -> bool:
    """Whether limits can be applied here: on the main thread of a worker process."""
    return (
        threading.current_thread() is threading.main_thread()
        and multiprocessing.parent_process() is not None
    )


def clean_within_limits(path: Path, limits: Limits, **options: Any) -> Document:
    """`pipeline.clean_file(path, **options)` within `limits` (where they apply)."""
    with within_limits(path.name, limits):
        return pipeline.clean_file(path, **options)


@contextmanager
def within_limits(name: str, limits: Limits) -> Iterator[None]:
    """Run the block within `limits`; raise `LimitExceeded` when it goes over one, even when
    the code it interrupted wrapped the error in its own (pdfplumber wraps whatever happens
    while it parses a page)."""
    if not limits_apply():
        yield
        return
    try:
        with _time_limit(name, limits.seconds), _memory_limit(limits.megabytes):
            yield
        return
    except Exception as error:
        cause = _first_cause(error, (LimitExceeded, MemoryError))
        if isinstance(cause, LimitExceeded):
            message = str(cause)
        elif isinstance(cause, MemoryError) and limits.megabytes:
            message = (
                f"{name}: needed more than {limits.megabytes} MB of memory, the limit for one "
                "document (ibidem run --memory-limit)"
            )
        else:
            raise
    # A new exception, raised outside the handler so that it carries no chain: the one the
    # timer raised sits inside the wrappers' own, and a worker must pickle what it raises.
    raise LimitExceeded(message)


@contextmanager
def _time_limit(name: str, seconds: float | None) -> Iterator[None]:
    if not seconds:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise LimitExceeded(
            f"{name}: stopped after {seconds:g} s, the time limit for one document "
            "(ibidem run --time-limit)"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    # Again every second after the first: code that swallows the first one cannot run on.
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _memory_limit(megabytes: int | None) -> Iterator[None]:
    if not megabytes:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _address_space() + megabytes * MB
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _first_cause(error: BaseException, kinds: tuple[type, ...]) -> BaseException | None:
    """The first exception of `kinds` in `error`'s chain of causes and contexts."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, kinds):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _address_space() -> int:
    """The process's virtual memory size now, in bytes (VmSize)."""
    status = Path("/proc/self/status").read_text()
    found = re.search(r"^VmSize:\s+(\d+) kB", status, re.M)
    return int(found.group(1)) * 1024 if found else 0
