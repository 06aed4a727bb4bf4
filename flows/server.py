"""The Prefect API a run reports to: the server `PREFECT_API_URL` names, or one ibidem starts.

Prefect's no-server mode starts a temporary server inside every process that runs a flow or a
task.  With a process pool or Dask workers each worker started its own (measured here: 2
processes took longer than 1, and the runs were split over several databases).  So when no
server is named, `ibidem run` starts one temporary server itself and hands its address to every
worker (`temporary_api`), and `ibidem serve` starts a lasting one, with its scheduler and UI,
on 127.0.0.1 (`local_server`).  Both keep their database under `PREFECT_HOME` (`.prefect/`).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

#: How long a server gets to answer its health check.
STARTUP_SECONDS = 120.0


class ServerError(Exception):
    """The Prefect server could not be started or reached; the message says why."""


def named_api() -> str | None:
    """The API address Prefect's settings name (`PREFECT_API_URL`, a profile, a test harness)."""
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    return str(url) if url else None


@contextmanager
def temporary_api() -> Iterator[str]:
    """The named API, or else one temporary Prefect server for this run and all its workers."""
    named = named_api()
    if named:
        yield named
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    try:
        server.start(timeout=int(STARTUP_SECONDS))
    except RuntimeError as error:
        raise ServerError(f"the temporary Prefect server did not start: {error}") from error
    try:
        with _api_address(server.api_url), _no_heartbeats():
            yield server.api_url
    finally:
        server.stop()


@contextmanager
def local_server(port: int = 4200, log_file: Path | None = None) -> Iterator[str]:
    """The named API, or else a Prefect server with its scheduler and UI on 127.0.0.1:`port`,
    stopped on exit; its output goes to `log_file`."""
    named = named_api()
    if named:
        yield named
        return
    if not _port_free(port):
        raise ServerError(
            f"port {port} on 127.0.0.1 is taken; is a Prefect server already running there? "
            f"Set PREFECT_API_URL=http://127.0.0.1:{port}/api to use it, or pass --port."
        )
    prefect = shutil.which("prefect", path=str(Path(sys.executable).parent)) or "prefect"
    env = {**os.environ, "PREFECT_UI_ENABLED": "true", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    api_url = f"http://127.0.0.1:{port}/api"
    log = open(log_file, "ab") if log_file else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_healthy(api_url, process, log_file)
        with _api_address(api_url):
            yield api_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log_file:
            log.close()


@contextmanager
def _api_address(api_url: str) -> Iterator[None]:
    """Point this process, and every process it starts, at `api_url`."""
    from prefect.logging.handlers import APILogWorker
    from prefect.settings import PREFECT_API_URL, temporary_settings

    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            try:
                yield
            finally:
                APILogWorker.drain_all(timeout=5)  # the last logs, before the server goes
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous


@contextmanager
def _no_heartbeats() -> Iterator[None]:
    """No flow-run heartbeats: they let a lasting server mark a crashed run, but a temporary
    server ends with the run.  The engine's heartbeat thread sleeps in 1 s steps and is joined
    when the run ends, which held up the end of every `ibidem run` by up to a second."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


def _wait_healthy(api_url: str, process: subprocess.Popen, log_file: Path | None) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            where = f"; see {log_file}" if log_file else ""
            raise ServerError(f"the Prefect server exited with code {process.returncode}{where}")
        try:
            if httpx.get(f"{api_url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise ServerError(f"the Prefect server did not answer on {api_url} in {STARTUP_SECONDS:.0f} s")


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
