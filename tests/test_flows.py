"""The Prefect flows and the `ibidem` CLI, run as a user runs them (these start Prefect)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS_OTHER, SEEDS, corpus_pdf

pytestmark = pytest.mark.flow

IBIDEM = Path(sys.executable).parent / "ibidem"


@pytest.fixture(scope="module")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def _raw(tmp_path: Path, *files: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for file in files:
        shutil.copy(file, raw / file.name)
    return raw


def test_batch_goes_on_past_a_broken_document(prefect_harness, tmp_path: Path):
    from flows.batch import batch_flow, discover_inputs

    raw = _raw(
        tmp_path,
        corpus_pdf("A_RES_80_2.pdf"),
        CORPUS_OTHER / "broken-no-root.pdf",
        SEEDS / "000_555edb49f3832ae0.txt",
    )
    (raw / "not-a-pdf.pdf").write_text("just text\n")
    out = tmp_path / "clean"
    results = batch_flow(discover_inputs(raw), out)

    by_name = {Path(result.path).name: result for result in results}
    assert by_name["A_RES_80_2.pdf"].doc_id == "A_RES_80_2"
    assert by_name["000_555edb49f3832ae0.txt"].doc_id == "A_RES_78_228_p2"
    assert by_name["broken-no-root.pdf"].failed
    assert "broken-no-root.pdf: not a readable PDF" in by_name["broken-no-root.pdf"].error
    assert (
        by_name["not-a-pdf.pdf"].error
        == "not-a-pdf.pdf: named .pdf but is not a PDF (no %PDF- header)"
    )
    assert sorted(path.name for path in out.iterdir()) == [
        "A_RES_78_228_p2.json",
        "A_RES_78_228_p2.txt",
        "A_RES_80_2.json",
        "A_RES_80_2.txt",
    ]


def test_two_inputs_with_one_symbol_get_their_own_doc_ids(prefect_harness, tmp_path: Path):
    from flows.batch import batch_flow

    first = corpus_pdf("A_RES_80_2.pdf")
    second = tmp_path / "copy_of_80_2.pdf"
    shutil.copy(first, second)
    results = batch_flow([first, second], tmp_path / "clean")
    assert sorted(result.doc_id for result in results) == [
        "A_RES_80_2",
        "A_RES_80_2__copy_of_80_2",
    ]


def _ibidem(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    return subprocess.run(
        [str(IBIDEM), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def test_cli_run_then_rerun_by_symbol(tmp_path: Path):
    _raw(tmp_path, corpus_pdf("A_RES_80_2.pdf"), SEEDS / "001_fbc6d4cddf77f986.txt")
    run = _ibidem(tmp_path, "run")
    assert run.returncode == 0, run.stderr
    record = json.loads((tmp_path / "clean" / "A_RES_80_2.json").read_text("utf-8"))
    assert record["source"]["path"] == "raw/A_RES_80_2.pdf"
    assert (tmp_path / "clean" / "A_RES_70_179_p2.txt").is_file()
    # Prefect's state is kept under the project folder, not the user's home.
    assert (tmp_path / ".prefect" / "prefect.db").is_file()

    before = (tmp_path / "clean" / "A_RES_80_2.json").read_bytes()
    rerun = _ibidem(tmp_path, "rerun", "A/RES/80/2")
    assert rerun.returncode == 0, rerun.stderr
    assert "A_RES_80_2" in rerun.stdout
    assert (tmp_path / "clean" / "A_RES_80_2.json").read_bytes() == before


def test_cli_exit_code_when_a_document_fails(tmp_path: Path):
    _raw(tmp_path, CORPUS_OTHER / "broken-no-root.pdf")
    run = _ibidem(tmp_path, "run")
    assert run.returncode == 4
    assert "error: broken-no-root.pdf: not a readable PDF (No /Root object!" in run.stderr


def test_cli_exit_codes_for_missing_inputs(tmp_path: Path):
    (tmp_path / "raw").mkdir()
    empty = _ibidem(tmp_path, "run")
    assert empty.returncode == 3 and "no .pdf or .txt files in raw/" in empty.stderr
    missing = _ibidem(tmp_path, "rerun", "A/RES/1/1")
    assert missing.returncode == 3 and "no input found for 'A/RES/1/1'" in missing.stderr
