"""Stopping a run: the first Ctrl-C or SIGTERM stops it within a second, the second Ctrl-C at
once, with one line said and exit 130 (Ctrl-C) or 143 (SIGTERM), as shells report a command a
signal ended.

What is written is whole already (every output is written to a temporary file and renamed), so
stopping is: end every process the run started (the cleaning workers, the Prefect server) at
once, delete the temporary files it left in the output folders it holds, and say so.  The next
run cleans what this one had not written (the manifest is at most a second old).

Ctrl-C goes to every process of the terminal's process group: the workers ignore it
from their first line of Python (`children_ignore_ctrl_c`; their pools' initializer
`ignore_ctrl_c` would come a second or more later, after their imports), so that they do not
each print a `KeyboardInterrupt` traceback; this process acts for them all.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from cleaners import canonical

#: The output folders whose lock this process holds (`flows.lock`): the temporary files there
#: are its own, and deleted when it stops.
held_folders: set[Path] = set()
#: Seconds the killed processes get to be reaped, in all and in each round.
REAP_SECONDS = 2.0
REAP_ROUND_SECONDS = 0.2

_stopping = threading.Event()
_active = threading.Event()


def ignore_ctrl_c() -> None:
    """For a worker process: leave Ctrl-C to the run's main process, which ends the worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def stops_on_signals() -> Iterator[None]:
    """Stop the run as described above on SIGINT or SIGTERM, for the block (in the main
    thread)."""
    previous = {number: signal.signal(number, _stop) for number in (signal.SIGINT, signal.SIGTERM)}
    _active.set()
    try:
        with children_ignore_ctrl_c():
            yield
    finally:
        _active.clear()
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextmanager
def children_ignore_ctrl_c() -> Iterator[None]:
    """Processes spawned by `multiprocessing` (the cleaning pool's, Prefect's task runner's) in
    the block ignore Ctrl-C from their first line: it is put before the spawned interpreter's
    own command (`multiprocessing.spawn.get_command_line`, which every spawn start asks for its
    command line), ahead of the imports that take a worker a second or more."""
    from multiprocessing import spawn

    original = spawn.get_command_line

    def get_command_line(**options: object) -> list[str]:
        command = original(**options)
        if "-c" in command:
            code = command.index("-c") + 1
            command[code] = f"{IGNORE_CTRL_C}; {command[code]}"
        return command

    spawn.get_command_line = get_command_line
    try:
        yield
    finally:
        spawn.get_command_line = original


#: The first line of a spawned worker's Python (`children_ignore_ctrl_c`).
IGNORE_CTRL_C = "import signal; signal.signal(signal.SIGINT, signal.SIG_IGN)"


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
    none has anything to keep, and a worker told to stop would log its own farewell.  Looked
    for again until none is left: another thread of this process may be starting one (a pool
    replacing a worker), which would outlive the run and hold its output pipes open."""
    import psutil

    me = psutil.Process()
    deadline = time.monotonic() + REAP_SECONDS
    while time.monotonic() < deadline:
        alive = [child for child in me.children(recursive=True) if _running(child)]
        if not alive:
            return
        for child in alive:
            with suppress(psutil.NoSuchProcess):
                child.kill()
        psutil.wait_procs(alive, timeout=REAP_ROUND_SECONDS)


def _running(process: object) -> bool:
    import psutil

    try:
        return process.status() != psutil.STATUS_ZOMBIE  # type: ignore[attr-defined]
    except psutil.NoSuchProcess:
        return False
