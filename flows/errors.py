"""What kind of failure an error is, the words a user reads about it, and the exit code each
command ends with (OCRmyPDF's `ExitCode` is the model: stable numbers a scheduler can act on).

Kinds, whose fault and what to do:

- `input`: the file cannot be cleaned as it is (not a PDF, encrypted, empty, refused);
- `review`: the document's review file is invalid (an editor puts it right);
- `limit`: the document took more time or memory than one document may;
- `environment`: the machine (disk full, a read-only or forbidden folder, a name the file
  system refuses, a program not installed): nothing is wrong with the file;
- `bug`: anything else, ibidem's own fault; only this kind says "this is a bug".
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from enum import IntEnum, StrEnum
from pathlib import Path


class ErrorKind(StrEnum):
    INPUT = "input"
    REVIEW = "review"
    LIMIT = "limit"
    ENVIRONMENT = "environment"
    BUG = "bug"


class ExitCode(IntEnum):
    OK = 0
    USAGE = 2
    INPUT_NOT_FOUND = 3
    DOCUMENTS_FAILED = 4
    REVIEW_FILE_INVALID = 5
    SERVER_FAILED = 6
    OUTPUTS_BUSY = 7
    #: The machine stopped the run: disk full, folder read-only or forbidden, tool missing.
    ENVIRONMENT = 8
    #: Stopped by Ctrl-C (SIGINT) or SIGTERM: 128 + the signal's number, as shells report it.
    INTERRUPTED = 130
    TERMINATED = 143


#: The machine's errors: no file content causes them, and the next document meets them too.
ENVIRONMENT_ERRNOS = frozenset(
    {
        errno.ENOSPC,
        errno.EDQUOT,
        errno.EROFS,
        errno.EACCES,
        errno.EPERM,
        errno.ENAMETOOLONG,
        errno.EMFILE,
        errno.ENFILE,
        errno.EIO,  # a disk or a file server failing (retried first, `document.is_transient`)
        errno.ESTALE,
    }
)


def kind_of(error: object) -> ErrorKind:
    """The kind of `error`: its own (`pipeline.InputError` and its subclasses carry one), the
    machine's for an OS error of the machine, a limit's for memory, else a bug."""
    kind = getattr(error, "kind", None)
    if isinstance(kind, str) and kind in ErrorKind.__members__.values():
        return ErrorKind(kind)
    if isinstance(error, OSError) and error.errno in ENVIRONMENT_ERRNOS:
        return ErrorKind.ENVIRONMENT
    if isinstance(error, MemoryError):
        return ErrorKind.LIMIT
    return ErrorKind.BUG


def describe(path: Path, error: object) -> str:
    """The error in words, naming the file; "this is a bug" only for a bug."""
    kind = kind_of(error)
    if kind is ErrorKind.ENVIRONMENT and isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"{path.name}: the machine refused: {error.strerror or error}{where}"
    if kind is ErrorKind.LIMIT and isinstance(error, MemoryError):
        return f"{path.name}: ran out of memory cleaning this file"
    if kind is not ErrorKind.BUG:
        return str(error)
    if isinstance(error, BaseException):
        return (
            f"{path.name}: ibidem failed on this file ({type(error).__name__}: {error}); "
            "this is a bug: please report it with the file"
        )
    return f"{path.name}: {error!r}"


def exit_code(kinds: list[ErrorKind]) -> ExitCode:
    """The code a run whose documents failed with `kinds` ends with: the machine's fault
    first (the next run meets it too), then any document's."""
    if ErrorKind.ENVIRONMENT in kinds:
        return ExitCode.ENVIRONMENT
    return ExitCode.DOCUMENTS_FAILED if kinds else ExitCode.OK


def machine_refusal(error: BaseException, what: str) -> str | None:
    """When `error` is the machine's (disk full, read-only), what could not be done and why,
    in one line; None for any other error (raised on by the caller)."""
    if kind_of(error) is not ErrorKind.ENVIRONMENT or not isinstance(error, OSError):
        return None
    where = f" ({error.filename})" if error.filename else ""
    return f"{what}: {error.strerror or error}{where}"


def refused_by_machine(action: Callable[[], object], what: str) -> str | None:
    """Do `action`; when the machine refuses (disk full, read-only), say why in the run's log,
    in one line and with no traceback (it is no bug), and return it.  Any other error is
    raised."""
    from prefect import get_run_logger

    try:
        action()
    except OSError as error:
        refused = machine_refusal(error, what)
        if refused is None:
            raise
        get_run_logger().error(refused)
        return refused
    return None
