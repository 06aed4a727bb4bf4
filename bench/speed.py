"""Speed and peak memory: bare pdfplumber glyph extraction, the ibidem pipeline, and pdftotext.

Each system runs in a fresh Python process over the same files, which reports its own wall time
and peak resident memory (ru_maxrss), so one measurement cannot warm or bloat another.
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
import subprocess
def run(path):
    subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True)
""",
}

TIMER = """
import json, resource, sys, time
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
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"pages": pages, "seconds": seconds, "peak_mb": max(own, children) / 1024}))
"""


def run_child(system: str, paths: list[Path]) -> dict:
    code = CHILD[system] + TIMER
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
        "Prefect's start-up (7–16 s, once per run)."
    )
    return "\n".join(lines)
