"""Kinds of failure, their words and exit codes (`flows/errors.py`)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from cleaners.pipeline import InputError, MissingTool, ReviewError
from flows.errors import ErrorKind, ExitCode, describe, exit_code, kind_of
from flows.limits import LimitExceeded

PDF = Path("raw/A_RES_78_228.pdf")


@pytest.mark.parametrize(
    ("error", "kind", "says"),
    [
        (InputError("A.pdf: not a readable PDF"), ErrorKind.INPUT, "A.pdf: not a readable PDF"),
        (ReviewError("review/A.yaml: …"), ErrorKind.REVIEW, "review/A.yaml: …"),
        (LimitExceeded("A.pdf: stopped after 900 s"), ErrorKind.LIMIT, "stopped after 900 s"),
        (MissingTool("A.pdf: tesseract is not installed"), ErrorKind.ENVIRONMENT, "tesseract"),
        (
            OSError(errno.ENOSPC, "No space left on device", "clean/A.json"),
            ErrorKind.ENVIRONMENT,
            "A_RES_78_228.pdf: the machine refused: No space left on device (clean/A.json)",
        ),
        (OSError(errno.EROFS, "Read-only file system"), ErrorKind.ENVIRONMENT, "Read-only"),
        (MemoryError(), ErrorKind.LIMIT, "A_RES_78_228.pdf: ran out of memory cleaning this file"),
        (ValueError("oops"), ErrorKind.BUG, "(ValueError: oops); this is a bug: please report"),
        (OSError(errno.EIO, "Input/output error"), ErrorKind.ENVIRONMENT, "Input/output error"),
        (KeyError("edits"), ErrorKind.BUG, "(KeyError: 'edits'); this is a bug"),
    ],
)
def test_each_error_has_a_kind_and_only_a_bug_is_called_one(error, kind, says):
    assert kind_of(error) is kind
    assert says in describe(PDF, error)
    assert ("this is a bug" in describe(PDF, error)) == (kind is ErrorKind.BUG)


def test_the_machines_fault_decides_the_exit_code():
    assert exit_code([]) is ExitCode.OK
    assert exit_code([ErrorKind.INPUT, ErrorKind.BUG]) is ExitCode.DOCUMENTS_FAILED
    assert exit_code([ErrorKind.INPUT, ErrorKind.ENVIRONMENT]) is ExitCode.ENVIRONMENT
    assert [int(code) for code in ExitCode] == [0, 2, 3, 4, 5, 6, 7, 8, 130, 143]
