"""The varied corpus (../shared/corpus/varied): real documents of other UN series, eras and
tribunals, against the note count printed in each (INDEX.csv), with furniture left in the text.

    python -m bench.varied    # prints the table; pages are cached in bench/.cache/pages
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from cleaners.canonical import to_record
from cleaners.pipeline import InputError, clean_file

VARIED = Path(__file__).parent.parent.parent / "shared" / "corpus" / "varied"
CACHE = Path(__file__).parent / ".cache" / "pages"
#: As tests/real/test_varied.py counts them: a job number with its language letter or the
#: Geneva prefix; a line that is only a page number.
JOB_LEAK = re.compile(r"\bGE\.\d{2}-\d{5}\b|\b\d{2}-\d{5}\s?\([A-Z]\)")
PAGE_LEAK = re.compile(r"(?m)^(?:\d{1,3}/\d{1,3}|Page \d{1,4}|- \d{1,4} -)$")
IMPRINT = re.compile(r"Printed at United Nations[^\n]*")


def table(folder: Path = VARIED) -> str:
    rows = [
        "| document | kind | pages | printed notes | found | linked | numbers twice "
        "| note sequences | job / page numbers left |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    complete = with_notes = leaks_total = 0
    for row in csv.DictReader((folder / "INDEX.csv").open(encoding="utf-8")):
        try:
            record = to_record(clean_file(folder / row["file"], cache_dir=CACHE))
        except InputError as error:
            rows.append(f"| {row['file']} | {row['kind']} | | | | | | | failed: {error} |")
            continue
        printed = int(row["footnote_estimate"])
        expected = set(range(1, printed + 1))
        keys = [(n.get("sequence", 1), n["number"]) for n in record["footnotes"] if n["number"]]
        markers = {int(n) for n in re.findall(r"\[\^(\d+)\]", record["text"])}
        sequences = len({sequence for sequence, _ in keys})
        found = {number for sequence, number in keys if sequence == 1} & expected
        linked = found & markers
        text = IMPRINT.sub("", record["text"])
        leaks = len(JOB_LEAK.findall(text)) + len(PAGE_LEAK.findall(text))
        leaks_total += leaks
        if printed:
            with_notes += 1
            complete += len(linked) >= 0.98 * printed
        rows.append(
            f"| {row['file']} | {row['kind']} | {row['pages']} | {printed} | {len(found)} "
            f"| {len(linked)} | {len(keys) - len(set(keys))} | {sequences} | {leaks} |"
        )
    rows.append("")
    rows.append(
        f"{complete} of {with_notes} documents with notes have ≥ 98 % of their printed notes "
        f"found and linked; {leaks_total} job or page numbers left in all."
    )
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
