"""Footnotes and markers on real PDFs, checked without hand-made truth.

For each PDF: the highest footnote number, how many footnotes were found, how many markers were
found in the body and how many of them are linked to a footnote, and the issues raised.

    python bench/corpus_report.py ../shared/corpus/un/*.pdf
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from cleaners.pipeline import InputError, clean_file


def report(paths: list[Path]) -> int:
    print("| document | pages | highest | found | markers | linked | issues |")
    print("|---|---:|---:|---:|---:|---:|---|")
    complete = 0
    for path in paths:
        try:
            doc = clean_file(path)
        except InputError as error:
            print(f"| {path.name} | - | - | - | - | - | failed: {error} |")
            continue
        numbers = [n.number for n in doc.footnotes if n.number is not None]
        highest = max(numbers, default=0)
        markers = doc.markers()
        linked = sum(1 for m in markers if m.number in set(numbers))
        issues = Counter(i.code for i in doc.issues if i.severity != "info")
        ok = (
            len(set(numbers)) == highest
            and linked == len(markers)
            and {m.number for m in markers} >= set(numbers)
        )
        complete += ok
        summary = ", ".join(f"{code} x{count}" for code, count in sorted(issues.items()))
        print(
            f"| {path.name} | {doc.source.pages} | {highest} | {len(numbers)} | {len(markers)} "
            f"| {linked} | {summary} |"
        )
    print(f"\n{complete} of {len(paths)} documents: every footnote found and linked.")
    return 0


if __name__ == "__main__":
    sys.exit(report([Path(p) for p in sys.argv[1:]]))
