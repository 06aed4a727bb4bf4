"""Stopping a run: the first Ctrl-C or SIGTERM stops it within a second, the second Ctrl-C at
once, with one line said and exit 130 (Ctrl-C) or 143 (SIGTERM), as shells report a command a
signal ended.

What is written is whole already (every output is written to a temporary file and renamed), so
stopping is: end every process the run started (the cleaning workers, the Prefect server) at
once, delete the temporary files it left in the output folders it holds, and say so.  The next
run cleans what this one had not written (the manifest is at most a second old).

Ctrl-C goes to every process of the terminal's process group: the workers ignore it
(`ignore_ctrl_c`, their pools' initializer), so that they do not each print a
`KeyboardInterrupt` traceback; this process acts for them all.  A worker still starting (its
first second) has not run its initializer yet: the cleaning pool starts all of its workers
before the first document, so that the gap is the run's first second only.  The reading
workers (Prefect's task runner) start as the reads are submitted, seconds before anything is
written.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from multiprocessing.synchronize import Barrier
from pathlib import Path

from cleaners import canonical

#: The output folders whose lock this process holds (`flows.lock`): the temporary files there
#: are its own, and deleted when it stops.
held_folders: set[Path] = set()
#: Seconds the killed processes get to be reaped.
REAP_SECONDS = 2.0
#: Seconds a pool's workers wait for each other to start (`ignore_ctrl_c`); past them the pool
#: is broken and its documents fail, each with the error.
WORKER_START_SECONDS = 120.0

_stopping = threading.Event()
_active = threading.Event()


def ignore_ctrl_c(started: Barrier | None = None) -> None:
    """For a worker process: leave Ctrl-C to the run's main process, which ends the worker;
    then wait at `started`, if given, until every worker of its pool ignores it too."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if started is not None:
        started.wait(WORKER_START_SECONDS)


@contextmanager
def stops_on_signals() -> Iterator[None]:
    """Stop the run as described above on SIGINT or SIGTERM, for the block (in the main
    thread)."""
    previous = {number: signal.signal(number, _stop) for number in (signal.SIGINT, signal.SIGTERM)}
    _active.set()
    try:
        yield
    finally:
        _active.clear()
        for number, handler in previous.items():
            signal.signal(number, handler)


def reclaim_sigterm() -> None:
    """In a flow run of a command that stops on signals: take SIGTERM back from Prefect's flow
    engine, whose handler lets the run finish its running tasks first (12 s and more).  A flow
    run a Prefect worker or runner started keeps Prefect's: there SIGTERM means "cancel"."""
    if _active.is_set() and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)


def _stop(number: int, frame: object) -> None:
    if _stopping.is_set():
        if number == signal.SIGINT:
            os._exit(130)  # the second Ctrl-C: at once
        return
    _stopping.set()
    name = "Ctrl-C" if number == signal.SIGINT else "SIGTERM"
    print(
        f"ibidem: stopped by {name}; what was written is whole, the next run does the rest",
        file=sys.stderr,
        flush=True,
    )
    _kill_children()
    for folder in sorted(held_folders):
        canonical.remove_stale_temporaries(folder)
    os._exit(128 + number)


def _kill_children() -> None:
    """Kill every process this one started, and theirs: only this process writes outputs, so
    none has anything to keep, and a worker told to stop would log its own farewell."""
    import psutil

    children = psutil.Process().children(recursive=True)
    for child in children:
        with suppress(psutil.NoSuchProcess):
            child.kill()
    psutil.wait_procs(children, timeout=REAP_SECONDS)
