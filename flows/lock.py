"""One run at a time writes an output folder.

A second batch (or rerun) started on the same `clean/` would interleave its writes and manifest
saves with the first one's; it stops at once instead, with a message saying why.  The lock is
an advisory `flock` on `clean/.ibidem.lock`: the system drops it when its process ends, however
it ends (a killed run leaves no stale lock).  It holds between processes on one machine; on a
network file system, give each machine its own `--out`.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cleaners import canonical

from .stopping import held_folders

LOCK_FILE = ".ibidem.lock"


class OutputsBusy(Exception):
    """Another run is writing the output folder; the message names it."""


@contextmanager
def output_lock(out_dir: Path) -> Iterator[list[Path]]:
    """Hold the lock on `out_dir` for the block, or raise `OutputsBusy` at once.

    Holding it, no other run writes the folder: the temporary files a killed run left there
    are deleted, and given to the block to report."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / LOCK_FILE).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise OutputsBusy(
                f"{out_dir}/ is being written by another ibidem run; wait for it to finish, "
                "or give this one another --out"
            ) from error
        folder = out_dir.resolve()
        held_folders.add(folder)  # a run that is stopped deletes its temporaries there
        try:
            yield canonical.remove_stale_temporaries(out_dir)
        finally:
            held_folders.discard(folder)
            fcntl.flock(handle, fcntl.LOCK_UN)
