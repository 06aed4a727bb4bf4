"""Speed and peak memory: bare pdfplumber glyph extraction, the ibidem pipeline, and pdftotext.

Each system runs in its own Python process, which times each file it is given and reports its
peak resident memory (VmHWM; for pdftotext, the largest VmHWM seen of its processes), so one
system cannot warm or bloat another.  The systems take turns on each file, and each file's best
time of a few rounds counts (`measure_interleaved`).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from math import inf
from pathlib import Path

import pdfplumber

CHILD = {
    "bare pdfplumber glyphs": """
import pdfplumber
def run(path):
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.chars
            page.close()
""",
    "ibidem pipeline": """
from cleaners.pipeline import clean_file
def run(path):
    clean_file(path)
""",
    "pdftotext": """
import subprocess, time
CHILD_PEAK_KB = 0
def run(path):
    global CHILD_PEAK_KB
    process = subprocess.Popen(["pdftotext", str(path), "-"], stdout=subprocess.DEVNULL)
    while process.poll() is None:
        CHILD_PEAK_KB = max(CHILD_PEAK_KB, peak_kb(process.pid))
        time.sleep(0.001)
    if process.returncode:
        raise SystemExit(f"pdftotext failed on {path}")
""",
}

#: Peak resident memory of a process from /proc (VmHWM): unlike ru_maxrss, it starts afresh
#: with each program instead of carrying the parent's high-water mark across fork and exec.
PEAK = """
def peak_kb(pid="self"):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
"""

#: The child's loop: it times each file the parent sends it and reports it at once.
TIMER = """
import json, sys, time
from pathlib import Path
for line in sys.stdin:
    path = Path(line.rstrip("\\n"))
    start = time.perf_counter()
    run(path)
    seconds = time.perf_counter() - start
    peak = globals().get("CHILD_PEAK_KB") or peak_kb()
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024}), flush=True)
"""

#: Each file is timed this many times by each system; its best time counts.
ROUNDS = 3
#: `make bench`'s short run: every SUBSET_STEP-th real PDF, and the long document, each set in
#: as many rounds (up to ROUNDS) as fit in SHORT_SECONDS; `make bench-full` times them all.
SUBSET_STEP = 6
SHORT_SECONDS = 75


def measure(corpus: list[Path], long_document: Path) -> dict[str, dict[str, dict]]:
    return {
        f"{len(corpus)} real PDFs": measure_interleaved(corpus),
        long_document.name: measure_interleaved([long_document]),
    }


def measure_short(corpus: list[Path], long_document: Path) -> dict[str, dict[str, dict]]:
    subset = corpus[::SUBSET_STEP]
    return {
        f"{len(subset)} of the real PDFs": measure_interleaved(subset, budget=SHORT_SECONDS),
        long_document.name: measure_interleaved([long_document], budget=SHORT_SECONDS),
    }


def measure_interleaved(
    paths: list[Path], rounds: int = ROUNDS, budget: float | None = None
) -> dict[str, dict]:
    """Each system's pages, seconds and peak MB over `paths`, and the rounds it took.

    This machine's speed drifts by a third over minutes (other virtual machines on the host),
    which made one system's run after another's a measure of the drift: the systems take turns
    on each file instead, each in its own process, and each file's best of `rounds` counts.
    With a `budget` in seconds, the first round's time decides how many rounds fit in it."""
    with tempfile.TemporaryDirectory() as logs:
        log_of = {system: Path(logs) / f"{system}.log" for system in CHILD}
        children = {system: _start_child(system, log_of[system]) for system in CHILD}
        best: dict[str, dict[Path, float]] = {system: {} for system in CHILD}
        peak = dict.fromkeys(CHILD, 0.0)
        done = 0
        try:
            while done < rounds:
                round_started = time.perf_counter()
                for path in paths:
                    for system, child in children.items():
                        result = _time_in_child(system, child, path, log_of[system])
                        best[system][path] = min(best[system].get(path, inf), result["seconds"])
                        peak[system] = max(peak[system], result["peak_mb"])
                done += 1
                if budget is not None and done == 1:
                    fit = int(budget // (time.perf_counter() - round_started))
                    rounds = max(1, min(rounds, fit))
        finally:
            for child in children.values():
                child.stdin.close()
                child.wait()
    pages = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            pages += len(pdf.pages)
    return {
        system: {
            "pages": pages,
            "seconds": sum(best[system].values()),
            "peak_mb": peak[system],
            "rounds": done,
        }
        for system in CHILD
    }


def _start_child(system: str, log: Path) -> subprocess.Popen:
    """A process that runs `system` on each path written to its stdin; its errors go to `log`
    (read when it stops)."""
    with log.open("w") as errors:
        return subprocess.Popen(
            [sys.executable, "-c", PEAK + CHILD[system] + TIMER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )


def _time_in_child(system: str, child: subprocess.Popen, path: Path, log: Path) -> dict:
    child.stdin.write(f"{path}\n")
    child.stdin.flush()
    line = child.stdout.readline()
    if not line:
        child.wait()
        raise SystemExit(
            f"bench: {system} stopped on {path.name} (exit {child.returncode}): "
            + log.read_text()[-2000:]
        )
    return json.loads(line)


def table(results: dict[str, dict[str, dict]]) -> str:
    lines = [
        "| input | system | pages | seconds | pages/s | time / bare pdfplumber | peak MB "
        "| rounds |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, systems in results.items():
        bare = systems["bare pdfplumber glyphs"]["seconds"]
        for system, r in systems.items():
            lines.append(
                f"| {label} | {system} | {r['pages']} | {r['seconds']:.2f} "
                f"| {r['pages'] / r['seconds']:.1f} | {r['seconds'] / bare:.2f} "
                f"| {r['peak_mb']:.0f} | {r['rounds']} |"
            )
    lines.append(
        "\nOne process per system, one core; the ibidem pipeline here is the library "
        "(`cleaners`), without Prefect's start-up (once per run; see the batch operations). The "
        "systems take turns on each file; seconds are the sum of each file's best of its rounds "
        "(this machine's speed drifts by up to a third over minutes). Peak MB is the process's "
        "resident high-water mark over all rounds; for pdftotext, the largest of its runs."
    )
    return "\n".join(lines)
