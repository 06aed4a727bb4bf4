"""The Prefect flows and the `ibidem` CLI, run as a user runs them (these start Prefect)."""

from __future__ import annotations

import errno
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS_OTHER, RAW, SEEDS, corpus_pdf, make_raw, run_ibidem

pytestmark = pytest.mark.flow


@pytest.fixture(scope="module")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def test_batch_goes_on_past_a_broken_document(prefect_harness, tmp_path: Path):
    from flows.batch import batch_flow, discover_inputs

    raw = make_raw(
        tmp_path,
        corpus_pdf("A_RES_80_2.pdf"),
        CORPUS_OTHER / "broken-no-root.pdf",
        SEEDS / "000_555edb49f3832ae0.txt",
    )
    (raw / "not-a-pdf.pdf").write_text("just text\n")
    out = tmp_path / "clean"
    results = batch_flow(discover_inputs(raw), out, raw_dir=raw)

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
        ".ibidem.lock",
        "A_RES_78_228_p2.json",
        "A_RES_78_228_p2.qa.html",
        "A_RES_78_228_p2.txt",
        "A_RES_80_2.json",
        "A_RES_80_2.qa.html",
        "A_RES_80_2.txt",
        "index.html",
        "manifest.json",
        "qa-summary.json",
    ]
    # The index names every failure in words, worst first.
    summary = json.loads((out / "qa-summary.json").read_text("utf-8"))
    assert [row["status"] for row in summary["documents"]] == ["failed", "failed", "clean", "clean"]
    assert "broken-no-root.pdf: not a readable PDF" in (out / "index.html").read_text("utf-8")
    # The Prefect UI shows the QA: a Markdown summary per document, a table and a link per batch.
    artifacts = {a["key"]: a for a in _latest_artifacts()}
    assert artifacts["qa-a-res-80-2"]["type"] == "markdown"
    assert artifacts["qa-a-res-80-2"]["data"].startswith("## A/RES/80/2: clean")
    assert artifacts["ibidem-batch-qa"]["type"] == "table"
    assert "not-a-pdf.pdf: named .pdf but is not a PDF" in artifacts["ibidem-batch-qa"]["data"]
    assert artifacts["ibidem-qa-index"]["type"] == "markdown"  # Prefect stores links as Markdown
    assert (out / "index.html").resolve().as_uri() in artifacts["ibidem-qa-index"]["data"]
    # Cleaned again with the same QA, a document's artifact is not stored again; the batch's
    # table is.
    before = {key: _versions(key) for key in ("qa-a-res-80-2", "ibidem-batch-qa")}
    batch_flow(discover_inputs(raw), out, raw_dir=raw, force=True)
    assert _versions("qa-a-res-80-2") == before["qa-a-res-80-2"]
    assert _versions("ibidem-batch-qa") == before["ibidem-batch-qa"] + 1


def _versions(key: str) -> int:
    from prefect.client.orchestration import get_client

    body = {"artifacts": {"key": {"any_": [key]}}, "limit": 200, "offset": 0}
    with get_client(sync_client=True) as client:
        return len(client.request("POST", "/artifacts/filter", json=body).json())


def _latest_artifacts() -> list[dict]:
    """Every keyed artifact's latest version, read from the API (Prefect 3.8's client sends
    nulls this server refuses, so the filter is written out)."""
    from prefect.client.orchestration import get_client

    body = {"limit": 200, "offset": 0}
    with get_client(sync_client=True) as client:
        response = client.request("POST", "/artifacts/latest/filter", json=body)
    return response.json()


def test_a_transient_error_is_retried_and_a_bad_file_is_not(
    prefect_harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from flows import document

    calls: list[str] = []
    clean_file = document.pipeline.clean_file

    def flaky_file_server(path: Path, **options):
        calls.append(path.name)
        if path.name == "A_RES_80_2.pdf" and calls.count(path.name) == 1:
            raise OSError(errno.EIO, "Input/output error", str(path))
        return clean_file(path, **options)

    monkeypatch.setattr(document.pipeline, "clean_file", flaky_file_server)
    raw = make_raw(tmp_path, corpus_pdf("A_RES_80_2.pdf"), CORPUS_OTHER / "broken-no-root.pdf")
    good = document.document_flow(raw / "A_RES_80_2.pdf", tmp_path / "clean", raw_dir=raw)
    bad = document.document_flow(raw / "broken-no-root.pdf", tmp_path / "clean", raw_dir=raw)
    assert not good.failed and calls.count("A_RES_80_2.pdf") == 2
    assert bad.failed and calls.count("broken-no-root.pdf") == 1


def test_the_rerun_deployment_reads_only_files_of_its_input_folder(prefect_harness, tmp_path):
    """`prefect deployment run ibidem-document/rerun --param path=/etc/passwd` fails its flow
    run with the reason, and reads and writes nothing."""
    from cleaners.pipeline import InputError
    from flows.document import document_flow

    raw = make_raw(tmp_path, SEEDS / "000_555edb49f3832ae0.txt")
    with pytest.raises(InputError, match="passwd: the file /etc/passwd, outside"):
        document_flow(Path("/etc/passwd"), tmp_path / "clean", raw_dir=raw)
    assert not (tmp_path / "clean").exists()


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (OSError(errno.EIO, "Input/output error"), True),
        (OSError(errno.ESTALE, "Stale file handle"), True),
        (TimeoutError(), True),
        (ConnectionResetError(), True),
        (FileNotFoundError(errno.ENOENT, "No such file"), False),
        (PermissionError(errno.EACCES, "Permission denied"), False),
        (MemoryError(), False),
        (ValueError("a bug"), False),
    ],
)
def test_which_errors_are_transient(error: BaseException, transient: bool):
    from flows.document import is_transient

    assert is_transient(error) is transient


def test_two_inputs_with_one_symbol_get_their_own_doc_ids(prefect_harness, tmp_path: Path):
    from flows.batch import batch_flow

    raw = make_raw(tmp_path, corpus_pdf("A_RES_80_2.pdf"))
    shutil.copy(raw / "A_RES_80_2.pdf", raw / "copy_of_80_2.pdf")
    # Inputs are taken in order of their paths, whatever order they are given in.
    results = batch_flow(
        [raw / "copy_of_80_2.pdf", raw / "A_RES_80_2.pdf"], tmp_path / "clean", raw_dir=raw
    )
    assert sorted(result.doc_id for result in results) == [
        "A_RES_80_2",
        "A_RES_80_2__copy_of_80_2",
    ]


def test_cli_run_then_rerun_by_symbol(tmp_path: Path):
    make_raw(tmp_path, corpus_pdf("A_RES_80_2.pdf"), SEEDS / "001_fbc6d4cddf77f986.txt")
    run = run_ibidem(tmp_path, "run")
    assert run.returncode == 0, run.stderr
    record = json.loads((tmp_path / "clean" / "A_RES_80_2.json").read_text("utf-8"))
    assert record["source"]["path"] == "raw/A_RES_80_2.pdf"
    assert (tmp_path / "clean" / "A_RES_70_179_p2.txt").is_file()
    # Prefect's state is kept under the project folder, not the user's home.
    assert (tmp_path / ".prefect" / "prefect.db").is_file()

    before = (tmp_path / "clean" / "A_RES_80_2.json").read_bytes()
    rerun = run_ibidem(tmp_path, "rerun", "A/RES/80/2")
    assert rerun.returncode == 0, rerun.stderr
    assert "A_RES_80_2" in rerun.stdout
    assert (tmp_path / "clean" / "A_RES_80_2.json").read_bytes() == before


def test_cli_exit_code_when_a_document_fails(tmp_path: Path):
    make_raw(tmp_path, CORPUS_OTHER / "broken-no-root.pdf")
    run = run_ibidem(tmp_path, "run")
    assert run.returncode == 4
    assert "error: broken-no-root.pdf: not a readable PDF (No /Root object!" in run.stderr


def test_cli_exit_codes_for_missing_inputs(tmp_path: Path):
    (tmp_path / "raw").mkdir()
    empty = run_ibidem(tmp_path, "run")
    assert empty.returncode == 3 and "no .pdf or .txt files in raw/" in empty.stderr
    missing = run_ibidem(tmp_path, "rerun", "A/RES/1/1")
    assert missing.returncode == 3 and "no input found for 'A/RES/1/1'" in missing.stderr


def test_an_editor_decision_survives_the_rerun(tmp_path: Path):
    """The round trip: run, `ibidem review` writes the starter file, the editor decides, the
    rerun applies it and the report shows it as the editor's."""
    make_raw(tmp_path, RAW / "A_RES_78_228.pdf")
    assert run_ibidem(tmp_path, "run").returncode == 0
    review = run_ibidem(tmp_path, "review", "A/RES/78/228")
    assert review.returncode == 0, review.stderr
    report = (tmp_path / "clean" / "A_RES_78_228.qa.html").resolve()
    assert f"report: {report.as_uri()}" in review.stdout
    decisions = tmp_path / "review" / "A_RES_78_228.yaml"
    text = decisions.read_text("utf-8")
    assert "#  front-line: keep    # page 11:" in text
    decisions.write_text(text.replace("#  front-line: keep", "  front-line: join"), "utf-8")

    rerun = run_ibidem(tmp_path, "rerun", "A/RES/78/228")
    assert rerun.returncode == 0, rerun.stderr
    record = json.loads((tmp_path / "clean" / "A_RES_78_228.json").read_text("utf-8"))
    assert "frontline service providers" in record["text"]
    assert [(e["rule"], e["decision"]) for e in record["edits"] if e["decision"]] == [
        ("undecided-kept", "rejected"),
        ("editor-hyphen", "editor"),
    ]
    html = report.read_text("utf-8")
    assert "rejected by an editor" in html and "made by an editor" in html
    summary = json.loads((tmp_path / "clean" / "qa-summary.json").read_text("utf-8"))
    assert [(row["doc_id"], row["status"]) for row in summary["documents"]] == [
        ("A_RES_78_228", "clean")
    ]

    # An editor's typo is refused with the file and the place, and the document fails alone.
    decisions.write_text("hyphens:\n  front-line: joined\n", "utf-8")
    checked = run_ibidem(tmp_path, "review", "A_RES_78_228")
    assert checked.returncode == 5
    assert "A_RES_78_228.yaml: hyphens.front-line: 'joined' is not one of" in checked.stderr
    failed = run_ibidem(tmp_path, "rerun", "A/RES/78/228")
    assert failed.returncode == 4 and "A_RES_78_228.yaml: hyphens.front-line" in failed.stderr
