"""Speed and peak memory: bare pdfplumber glyph extraction, the ibidem pipeline, and pdftotext.

Each system runs in a fresh Python process over the same files, which reports its own wall time
and peak resident memory (VmHWM; for pdftotext, the largest VmHWM seen of its processes), so one
measurement cannot warm or bloat another.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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

TIMER = """
import json, sys, time
from pathlib import Path
import pdfplumber
paths = [Path(p) for p in sys.argv[1:]]
pages = 0
for p in paths:
    with pdfplumber.open(p) as pdf:
        pages += len(pdf.pages)
start = time.perf_counter()
for p in paths:
    run(p)
seconds = time.perf_counter() - start
peak = globals().get("CHILD_PEAK_KB") or peak_kb()
print(json.dumps({"pages": pages, "seconds": seconds, "peak_mb": peak / 1024}))
"""


def run_child(system: str, paths: list[Path]) -> dict:
    code = PEAK + CHILD[system] + TIMER
    out = subprocess.run(
        [sys.executable, "-c", code, *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(corpus: list[Path], long_document: Path) -> dict[str, dict[str, dict]]:
    return {
        f"{len(corpus)} real PDFs": {system: run_child(system, corpus) for system in CHILD},
        long_document.name: {system: run_child(system, [long_document]) for system in CHILD},
    }


def table(results: dict[str, dict[str, dict]]) -> str:
    lines = [
        "| input | system | pages | seconds | pages/s | time / bare pdfplumber | peak MB |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for label, systems in results.items():
        bare = systems["bare pdfplumber glyphs"]["seconds"]
        for system, r in systems.items():
            lines.append(
                f"| {label} | {system} | {r['pages']} | {r['seconds']:.2f} "
                f"| {r['pages'] / r['seconds']:.1f} | {r['seconds'] / bare:.2f} "
                f"| {r['peak_mb']:.0f} |"
            )
    lines.append(
        "\nOne process, one core; the ibidem pipeline here is the library (`cleaners`), without "
        "Prefect's start-up (7–16 s, once per run). Peak MB is the process's resident high-water "
        "mark; for pdftotext, the largest of its runs."
    )
    return "\n".join(lines)
