"""A batch that meets bad inputs and faults, run as an operator runs it (`ibidem run`): it goes
on, names each failure, refuses what it must, and two runs never write one `clean/` at once.
These start Prefect, so they are `flow` tests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pikepdf
import pytest

from flows.lock import output_lock
from tests.conftest import IBIDEM, SEEDS, corpus_pdf, make_raw, run_ibidem, typeset_pdf

pytestmark = pytest.mark.flow


def test_a_batch_goes_on_past_bad_inputs_and_refuses_links_out_of_raw(tmp_path: Path):
    raw = make_raw(tmp_path)
    good = corpus_pdf("A_RES_80_2.pdf")
    (raw / "Résolution 80 2 (copie).pdf").write_bytes(good.read_bytes())  # spaces, accents
    with pikepdf.open(good) as pdf:
        pdf.save(raw / "locked.pdf", encryption=pikepdf.Encryption(user="secret", owner="o"))
    (raw / "empty.txt").touch()
    seed = (SEEDS / "001_fbc6d4cddf77f986.txt").read_text("utf-8")
    (raw / "legacy.txt").write_bytes(seed.replace("Children", "Children’s").encode("cp1252"))
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the batch\n")
    os.symlink(secret, raw / "link.txt")

    done = run_ibidem(tmp_path, "run")

    assert done.returncode == 4, done.stderr
    assert "5 inputs: 2 cleaned, 3 failed, 0 unchanged; 0 removed" in done.stdout
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: empty.txt: the file is empty (0 bytes)",
        f"error: link.txt: a symbolic link to {secret}, outside raw/; refused (copy the file "
        "into the folder instead)",
        "error: locked.pdf: the PDF is encrypted with a password; ask for a copy without one",
    ]
    clean = tmp_path / "clean"
    record = json.loads((clean / "A_RES_80_2.json").read_text("utf-8"))
    assert record["source"]["path"] == "raw/Résolution 80 2 (copie).pdf"
    legacy = json.loads((clean / "A_RES_70_179_p2.json").read_text("utf-8"))
    assert legacy["issues"][0]["code"] == "dump-encoding"
    assert "not for the batch" not in "".join(p.read_text("utf-8") for p in clean.glob("*.txt"))
    summary = json.loads((clean / "qa-summary.json").read_text("utf-8"))
    assert sorted(row["source"] for row in summary["documents"] if row["status"] == "failed") == [
        "raw/empty.txt",
        "raw/link.txt",
        "raw/locked.pdf",
    ]


def test_inputs_never_reach_the_batchs_files_or_outside_the_input_folder(tmp_path: Path):
    """Inputs named like the batch's own files get doc_ids of their own; a rerun reads only
    files of --raw; --out may not overlap --raw; the same folders from another working folder
    are the same batch."""
    raw = make_raw(tmp_path, SEEDS / "000_555edb49f3832ae0.txt")
    (raw / "manifest.txt").write_text("Some text of a page, no symbol.\n", "utf-8")
    (raw / "qa-summary.txt").write_text("Other text of a page, no symbol.\n", "utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the batch\n")
    os.symlink(secret, raw / "link.txt")
    assert run_ibidem(tmp_path, "run").returncode == 4  # the link fails, alone
    clean = tmp_path / "clean"
    assert {"manifest_document.json", "qa-summary_document.json"} <= {
        path.name for path in clean.iterdir()
    }
    rows = json.loads((clean / "qa-summary.json").read_text("utf-8"))["documents"]
    assert len(rows) == 4 and len(json.loads((clean / "manifest.json").read_text("utf-8"))) >= 1

    written = {path.name: path.read_bytes() for path in clean.iterdir() if path.is_file()}
    rerun = run_ibidem(tmp_path, "rerun", "raw/manifest.txt")
    assert rerun.returncode == 0, rerun.stderr
    assert len(json.loads((clean / "qa-summary.json").read_text("utf-8"))["documents"]) == 4
    for target in ("raw/link.txt", "/etc/passwd"):
        refused = run_ibidem(tmp_path, "rerun", target)
        assert refused.returncode == 3 and "outside raw/; refused" in refused.stderr
    assert not (clean / "passwd.txt").exists() and not (clean / "secret.txt").exists()

    overlap = run_ibidem(tmp_path, "run", "--out", "raw/clean")
    assert overlap.returncode == 2 and "overlap" in overlap.stderr
    assert not (raw / "clean").exists()

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    again = run_ibidem(elsewhere, "run", "--raw", str(raw), "--out", str(clean))
    assert again.returncode == 4
    assert "4 inputs: 0 cleaned, 1 failed, 3 unchanged; 0 removed" in again.stdout
    # After all of these, every file of the folder is as the first run wrote it.
    assert {path.name: path.read_bytes() for path in clean.iterdir() if path.is_file()} == written


@contextmanager
def tmpfs(folder: Path, options: str):
    """A small tmpfs mounted on `folder` for the block: a disk that fills, or a read-only one
    (root can write any folder whatever its mode, so a mount is what refuses)."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.decode()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def test_the_machines_faults_are_said_as_such_with_their_own_exit_code(tmp_path: Path):
    """A read-only --out stops the run before any document is read; a disk that fills while
    the batch writes fails its documents as the machine's fault, leaves no partial file and
    ends the run with exit 8, one line each and no traceback; a 250-byte input name is read."""
    raw = make_raw(tmp_path, corpus_pdf("A_RES_80_2.pdf"), SEEDS / "000_555edb49f3832ae0.txt")
    with tmpfs(tmp_path / "readonly", "ro,size=64k") as readonly:
        refused = run_ibidem(tmp_path, "run", "--out", str(readonly))
    assert refused.returncode == 8, refused.stderr
    assert f"error: cannot write to {readonly}/: Read-only file system" in refused.stderr
    assert "Traceback" not in refused.stderr and "Prefect" not in refused.stderr

    with tmpfs(tmp_path / "full", "size=48k") as full:
        filled = run_ibidem(tmp_path, "run", "--out", str(full))
        left = sorted(path.name for path in full.iterdir())
    assert filled.returncode == 8, filled.stderr
    assert "the machine refused: No space left on device" in filled.stderr
    assert "this is a bug" not in filled.stderr and "Traceback" not in filled.stderr
    assert not [name for name in left if name.endswith(".tmp")]

    (raw / ("x" * 250 + ".txt")).write_text("Some text of a page.\n", "utf-8")
    long_name = run_ibidem(tmp_path, "run")
    assert long_name.returncode == 0, long_name.stderr
    assert len(list((tmp_path / "clean").glob("x*-*.json"))) == 1


def test_a_second_run_on_the_same_outputs_stops_with_a_clear_message(tmp_path: Path):
    make_raw(tmp_path, corpus_pdf("A_RES_80_2.pdf"))
    with output_lock(tmp_path / "clean"):  # another run is writing clean/
        busy = run_ibidem(tmp_path, "run")
        rerun = run_ibidem(tmp_path, "rerun", "raw/A_RES_80_2.pdf")
    for done in (busy, rerun):
        assert done.returncode == 7, done.stderr
        assert (
            "error: clean/ is being written by another ibidem run; wait for it to finish, or "
            "give this one another --out" in " ".join(done.stderr.split())
        )
    assert not (tmp_path / "clean" / "A_RES_80_2.json").exists()
    # The lock goes with the run that held it: the next run goes ahead.
    assert run_ibidem(tmp_path, "run").returncode == 0


def test_a_batch_killed_midway_leaves_no_partial_file_and_the_next_run_finishes(tmp_path: Path):
    # Written in the order of the file names: a short one first, then long ones, so that the
    # kill comes after the first is written and before the last.
    order = ["A_RES_80_2", "A_RES_78_69", "A_RES_78_68", "A_RES_78_229", "A_RES_78_228"]
    raw = make_raw(tmp_path)
    for index, name in enumerate(order):
        (raw / f"{index}_{name}.pdf").write_bytes(corpus_pdf(f"{name}.pdf").read_bytes())
    names = sorted(order)
    clean = tmp_path / "clean"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    batch = subprocess.Popen(
        [str(IBIDEM), "run"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the server and workers die with it
    )
    deadline = time.monotonic() + 300
    while not list(clean.glob("A_RES_*.json")) and time.monotonic() < deadline:
        time.sleep(0.1)
    os.killpg(batch.pid, signal.SIGKILL)  # no clean-up runs
    batch.wait()
    written = sorted(path.name for path in clean.glob("A_RES_*.json"))
    assert 0 < len(written) < len(names), "killed while the batch was writing"
    for path in clean.iterdir():  # whatever is there is whole
        if path.suffix == ".json" and not path.name.startswith("."):
            json.loads(path.read_text("utf-8"))
        elif path.name.endswith(".qa.html"):
            assert path.read_text("utf-8").rstrip().endswith("</html>")
    # What a kill between writing a temporary file and renaming it leaves behind:
    (clean / ".A_RES_80_2.json.k1ll3d.tmp").write_text('{"doc_id": "A_RES_')

    again = run_ibidem(tmp_path, "run")

    assert again.returncode == 0, again.stderr
    assert not list(clean.glob(".*.tmp"))
    assert "left by a run that was killed; deleted" in again.stderr
    for name in names:
        assert json.loads((clean / f"{name}.json").read_text("utf-8"))["doc_id"] == name
    manifest = json.loads((clean / "manifest.json").read_text("utf-8"))
    assert sorted(entry["doc_id"] for entry in manifest["inputs"]) == names


@pytest.mark.parametrize(
    ("send", "code"),
    [
        ("Ctrl-C to the process group", 130),
        ("SIGTERM to the main process", 143),
        ("Ctrl-C twice", 130),
    ],
)
def test_a_run_stopped_by_a_signal_stops_at_once_and_keeps_what_it_wrote(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, send: str, code: int
):
    import psutil

    names = ["A_RES_80_2", "A_RES_78_69", "A_RES_78_68"]
    cache = tmp_path_factory.getbasetemp() / "signal-page-cache"  # read once for the three
    raw = make_raw(tmp_path)
    for index, name in enumerate(names):
        (raw / f"{index}_{name}.pdf").write_bytes(corpus_pdf(f"{name}.pdf").read_bytes())
    clean = tmp_path / "clean"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    batch = subprocess.Popen(
        [str(IBIDEM), "run", "--cache", str(cache)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a job of its own, as a terminal starts it
    )
    deadline = time.monotonic() + 300
    while not list(clean.glob("A_RES_*.json")) and time.monotonic() < deadline:
        time.sleep(0.05)
    run = psutil.Process(batch.pid).children(recursive=True)
    assert run, "the run, its workers and its Prefect server"
    started = time.monotonic()
    if send == "SIGTERM to the main process":
        batch.send_signal(signal.SIGTERM)
    else:
        os.killpg(batch.pid, signal.SIGINT)
        if send == "Ctrl-C twice":
            os.killpg(batch.pid, signal.SIGINT)
    _, stderr = batch.communicate(timeout=60)
    assert batch.returncode == code
    assert time.monotonic() - started < 5
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    name = "SIGTERM" if "SIGTERM" in send else "Ctrl-C"
    assert stderr.rstrip().endswith(
        f"ibidem: stopped by {name}; what was written is whole, the next run does the rest"
    )
    assert not [process for process in run if _alive(process)]  # workers and server too
    assert not list(clean.glob(".*.tmp"))
    for path in clean.glob("*.json"):  # whatever is there is whole
        json.loads(path.read_text("utf-8"))
    again = run_ibidem(tmp_path, "run", "--cache", str(cache))
    assert again.returncode == 0, again.stderr
    assert sorted(path.stem for path in clean.glob("A_RES_*.json")) == sorted(names)


def _alive(process) -> bool:
    import psutil

    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_a_document_over_the_time_limit_fails_alone(tmp_path: Path):
    raw = make_raw(tmp_path, corpus_pdf("A_RES_80_2.pdf"))
    typeset_pdf(raw / "long.pdf", pages=300, lines=12)  # takes far more than a second to read
    done = run_ibidem(tmp_path, "run", "--workers", "2", "--time-limit", "1")
    assert done.returncode == 4, done.stderr
    assert "2 inputs: 1 cleaned, 1 failed, 0 unchanged; 0 removed" in done.stdout
    assert (
        "error: long.pdf: stopped after 1 s, the time limit for one document "
        "(ibidem run --time-limit)" in " ".join(done.stderr.split())
    )
    assert (tmp_path / "clean" / "A_RES_80_2.json").is_file()
