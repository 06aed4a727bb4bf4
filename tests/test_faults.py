"""A batch that meets bad inputs and faults, run as an operator runs it (`ibidem run`): it goes
on, names each failure, refuses what it must, and two runs never write one `clean/` at once.
These start Prefect, so they are `flow` tests."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pikepdf
import pytest

from flows.lock import output_lock
from tests.conftest import SEEDS, corpus_pdf, make_raw, run_ibidem

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
