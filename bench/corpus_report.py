"""Footnotes, markers and Ibid. on real documents, checked without hand-made truth.

For each input: the highest footnote number printed, how many numbered footnotes were found, how
many markers the body has and how many of them are linked to a footnote, the Ibid. footnotes
resolved and left open, and the issues raised (info issues left out).  Prints a Markdown table.

    python bench/corpus_report.py ../shared/corpus/un/*.pdf ../shared/seeds/*.txt
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from cleaners.citations import IBID_RE
from cleaners.model import Document
from cleaners.pipeline import InputError, clean_file


def report(paths: list[Path]) -> str:
    """Clean each file and report on it."""
    return report_documents([(path, clean_or_error(path)) for path in paths])


def clean_or_error(path: Path) -> Document | InputError:
    try:
        return clean_file(path)
    except InputError as error:
        return error


def report_documents(documents: list[tuple[Path, Document | InputError]]) -> str:
    """The Markdown table for documents already cleaned (or the error each one failed with)."""
    rows = [
        "| input | pages | highest | found | markers | linked | Ibid. resolved | Ibid. open "
        "| issues |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    totals: Counter[str] = Counter()
    for path, doc in documents:
        if isinstance(doc, InputError):
            rows.append(f"| {path.name} | | | | | | | | failed: {doc} |")
            totals["failed"] += 1
            continue
        numbers = {note.number for note in doc.footnotes if note.number is not None}
        markers = doc.markers()
        ibids = [note for note in doc.footnotes if IBID_RE.match(note.text)]
        row = {
            "highest": max(numbers, default=0),
            "found": len(numbers),
            "markers": len(markers),
            "linked": sum(marker.number in numbers for marker in markers),
            "resolved": sum(note.resolved is not None for note in ibids),
            "open": sum(note.resolved is None for note in ibids),
        }
        totals.update(row)
        complete = (
            row["found"] == row["highest"] - min(numbers, default=1) + 1
            and row["linked"] == row["markers"]
            and numbers <= {marker.number for marker in markers}
        )
        totals["complete"] += complete
        issues = Counter(issue.code for issue in doc.issues if issue.severity != "info")
        summary = ", ".join(f"{code} ×{count}" for code, count in sorted(issues.items()))
        rows.append(
            f"| {path.name} | {doc.source.pages} | {row['highest']} | {row['found']} "
            f"| {row['markers']} | {row['linked']} | {row['resolved']} | {row['open']} "
            f"| {summary} |"
        )
    rows.append(
        f"| **total** | | {totals['highest']} | {totals['found']} | {totals['markers']} "
        f"| {totals['linked']} | {totals['resolved']} | {totals['open']} | |"
    )
    rows.append("")
    rows.append(
        f"{totals['complete']} of {len(documents)} inputs have every footnote found and every "
        f"marker linked; {totals['failed']} failed."
    )
    return "\n".join(rows)


if __name__ == "__main__":
    print(report([Path(p) for p in sys.argv[1:]]))
    sys.exit(0)
