"""Batch operations as an operator meets them: incremental reruns, the served deployments, a
Dask cluster.  These start Prefect servers and worker processes, so they are `flow` tests."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import CORPUS_OTHER, IBIDEM, REPO, SEEDS, corpus_pdf, make_raw, run_ibidem

pytestmark = pytest.mark.flow


def _mtimes(folder: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in sorted(folder.iterdir())}


def test_a_batch_redoes_only_what_changed(tmp_path: Path):
    raw = make_raw(
        tmp_path,
        corpus_pdf("A_RES_80_2.pdf"),
        corpus_pdf("A_RES_78_242.pdf"),
        SEEDS / "001_fbc6d4cddf77f986.txt",
    )
    clean = tmp_path / "clean"
    first = run_ibidem(tmp_path, "run", "--workers", "2")
    assert first.returncode == 0, first.stderr
    assert "3 inputs: 3 cleaned, 0 failed, 0 unchanged; 0 removed" in first.stdout
    pages = sorted((tmp_path / ".cache" / "pages").iterdir())
    assert len(pages) == 2  # one cache entry per PDF; dumps are not cached
    written = _mtimes(clean)

    # Nothing changed: nothing is read, cleaned or written.
    again = run_ibidem(tmp_path, "run")
    assert again.returncode == 0, again.stderr
    assert "3 inputs: 0 cleaned, 0 failed, 3 unchanged; 0 removed" in again.stdout
    assert _mtimes(clean) == written
    assert sorted((tmp_path / ".cache" / "pages").iterdir()) == pages

    # A changed file and a new one are cleaned; a removed one is reported, its outputs kept.
    (raw / "A_RES_78_242.pdf").unlink()
    with (raw / "A_RES_80_2.pdf").open("ab") as pdf:
        pdf.write(b"\n% appended by the test\n")  # new bytes, same document
    (raw / "broken-no-root.pdf").write_bytes((CORPUS_OTHER / "broken-no-root.pdf").read_bytes())
    changed = run_ibidem(tmp_path, "run")
    assert changed.returncode == 4
    assert "3 inputs: 1 cleaned, 1 failed, 1 unchanged; 1 removed" in changed.stdout
    assert "raw/A_RES_78_242.pdf is gone; its outputs in clean/ are kept" in changed.stderr
    assert (clean / "A_RES_78_242.json").is_file()
    after = _mtimes(clean)
    assert after["A_RES_70_179_p2.json"] == written["A_RES_70_179_p2.json"]
    # A_RES_80_2 was cleaned again: its record names the new sha256, but its text is the same,
    # so the text file was not rewritten.
    assert after["A_RES_80_2.json"] != written["A_RES_80_2.json"]
    assert after["A_RES_80_2.txt"] == written["A_RES_80_2.txt"]
    record = json.loads((clean / "A_RES_80_2.json").read_text("utf-8"))
    manifest = {e["source"]: e for e in json.loads((clean / "manifest.json").read_text())["inputs"]}
    assert manifest["raw/A_RES_80_2.pdf"]["sha256"] == record["source"]["sha256"]
    assert manifest["raw/broken-no-root.pdf"]["error"].startswith("broken-no-root.pdf: not a")

    # An unchanged input that failed before is not tried again, and still fails the run.
    still = run_ibidem(tmp_path, "run")
    assert still.returncode == 4
    assert "0 cleaned, 0 failed, 3 unchanged (1 of them failed before); 1 removed" in still.stdout

    # --only-failed retries just the failure; --force cleans everything again.
    retried = run_ibidem(tmp_path, "run", "--only-failed")
    assert retried.returncode == 4
    assert "3 inputs: 0 cleaned, 1 failed, 2 unchanged; 1 removed" in retried.stdout
    (raw / "broken-no-root.pdf").unlink()
    forced = run_ibidem(tmp_path, "run", "--force", "--workers", "1")
    assert forced.returncode == 0, forced.stderr
    assert "2 inputs: 2 cleaned, 0 failed, 0 unchanged; 2 removed" in forced.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_runs_one_document_triggered_through_the_api(tmp_path: Path):
    make_raw(tmp_path, corpus_pdf("A_RES_80_2.pdf"))
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    serve = subprocess.Popen(
        [str(IBIDEM), "serve", "--port", str(port), "--cron", "0 3 * * *"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deployment = _wait_for(lambda: _deployment(api, "ibidem-document", "rerun"), 240)
        nightly = _deployment(api, "ibidem-batch", "nightly")
        assert nightly["schedules"][0]["schedule"]["cron"] == "0 3 * * *"
        run_id = _create_flow_run(api, deployment["id"], {"path": "raw/A_RES_80_2.pdf"})
        run = _wait_for(lambda: _finished(api, run_id), 240)
        assert run["state"]["type"] == "COMPLETED", run["state"]
        assert run["name"] == "document A_RES_80_2.pdf"
        record = json.loads((tmp_path / "clean" / "A_RES_80_2.json").read_text("utf-8"))
        assert record["doc_id"] == "A_RES_80_2"
        assert record["source"]["path"] == "raw/A_RES_80_2.pdf"
        assert (tmp_path / ".prefect" / "prefect.db").is_file()  # the database under the project
    finally:
        serve.send_signal(signal.SIGINT)
        output, _ = serve.communicate(timeout=60)
    assert serve.returncode is not None
    with pytest.raises(httpx.ConnectError):  # the server went with it
        httpx.get(f"{api}/health", timeout=2)
    assert f"Prefect API: {api}" in output


def test_prefect_yaml_deploys_both_flows_and_a_worker_runs_them(tmp_path: Path):
    """The way for teams with their own server and workers (docs/operations.md): create the
    work pool, `prefect deploy --all` from the project, trigger the nightly batch, and a worker
    started in another folder runs it in IBIDEM_PROJECT."""
    project = tmp_path / "project"
    make_raw(project, corpus_pdf("A_RES_80_2.pdf"), SEEDS / "001_fbc6d4cddf77f986.txt")
    shutil.copy(REPO / "prefect.yaml", project)
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {"PREFECT_HOME": str(tmp_path / "prefect-home"), "IBIDEM_PROJECT": str(project)}
    prefect = str(IBIDEM.parent / "prefect")
    server = subprocess.Popen(
        [prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env["PREFECT_API_URL"] = api
    try:
        _wait_for(lambda: _healthy(api), 240)
        for command, cwd in (
            ([prefect, "work-pool", "create", "ibidem", "--type", "process"], tmp_path),
            ([prefect, "--no-prompt", "deploy", "--all"], project),
        ):
            done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
            assert done.returncode == 0, done.stdout + done.stderr
        assert _deployment(api, "ibidem-document", "rerun")
        nightly = _deployment(api, "ibidem-batch", "nightly")
        assert nightly["schedules"][0]["schedule"]["cron"] == "0 2 * * *"
        run_id = _create_flow_run(api, nightly["id"], {})
        worker = subprocess.run(
            [prefect, "worker", "start", "--pool", "ibidem", "--run-once"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=400,
        )
        run = _finished(api, run_id)
        assert run and run["state"]["type"] == "COMPLETED", worker.stdout + worker.stderr
        for doc_id in ("A_RES_80_2", "A_RES_70_179_p2"):
            assert (
                json.loads((project / "clean" / f"{doc_id}.json").read_text())["doc_id"] == doc_id
            )
    finally:
        server.terminate()
        server.wait(timeout=60)


def _healthy(api: str) -> bool:
    try:
        return httpx.get(f"{api}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _deployment(api: str, flow: str, name: str) -> dict | None:
    try:
        response = httpx.get(f"{api}/deployments/name/{flow}/{name}", timeout=5)
    except httpx.HTTPError:
        return None
    return response.json() if response.status_code == 200 else None


def _create_flow_run(api: str, deployment_id: str, parameters: dict) -> str:
    """Trigger a run of a deployment; its id.  A 503 is retried, as Prefect's own client does:
    the server sends it when its SQLite database is busy (the served flows write to it too)."""
    for _ in range(20):
        response = httpx.post(
            f"{api}/deployments/{deployment_id}/create_flow_run",
            json={"parameters": parameters},
            timeout=30,
        )
        if response.status_code != 503:
            break
        time.sleep(1)
    response.raise_for_status()
    return response.json()["id"]


def _finished(api: str, run_id: str) -> dict | None:
    run = httpx.get(f"{api}/flow_runs/{run_id}", timeout=5).json()
    return (
        run if run["state"] and run["state"]["type"] in {"COMPLETED", "FAILED", "CRASHED"} else None
    )


def _wait_for(probe, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = probe()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"gave up after {seconds} s")


def test_a_batch_on_a_dask_cluster_writes_what_a_local_run_writes(tmp_path: Path):
    from distributed import LocalCluster

    inputs = (
        corpus_pdf("A_RES_80_2.pdf"),
        corpus_pdf("A_RES_78_242.pdf"),
        SEEDS / "001_fbc6d4cddf77f986.txt",
    )
    local, remote = tmp_path / "local", tmp_path / "remote"
    for project in (local, remote):
        project.mkdir()
        make_raw(project, *inputs)
    assert run_ibidem(local, "run", "--workers", "1").returncode == 0

    # A scheduler and two worker processes on loopback; the workers run in another folder.
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        run = run_ibidem(remote, "run", "--dask-address", cluster.scheduler_address)
        assert run.returncode == 0, run.stderr
        assert (
            f"Connecting to an existing Dask cluster at {cluster.scheduler_address}" in run.stderr
        )
        workers = cluster.scheduler_info["workers"]
        assert len(workers) == 2
    produced = sorted(path.name for path in (local / "clean").iterdir())
    assert produced == sorted(path.name for path in (remote / "clean").iterdir())
    for name in produced:
        assert (remote / "clean" / name).read_bytes() == (local / "clean" / name).read_bytes(), name
