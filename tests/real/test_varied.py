"""Real documents of other UN series, eras and tribunals (../shared/corpus/varied): the output
contract, checked against the printed note count in INDEX.csv, with no furniture left.

Documents still short of the target are listed in KNOWN_SHORT with the reason; they are strict
expected failures, so the day one of them is fixed the test says so.
"""

from __future__ import annotations

import csv
import re

import pytest

from cleaners.canonical import to_record, validate
from tests.conftest import SHARED, cleaned

VARIED = SHARED / "corpus" / "varied"
INDEX = list(csv.DictReader((VARIED / "INDEX.csv").open(encoding="utf-8")))
#: Share of the printed notes that must be found, and of them linked to a marker.
NOTES_FOUND = 0.98
#: Job numbers with their language letter or the Geneva prefix ("23-25978 (E)",
#: "GE.19-13879"): a case number such as "07-55393" is text.
JOB_LEAK = re.compile(r"\bGE\.\d{2}-\d{5}\b|\b\d{2}-\d{5}\s?\([A-Z]\)")
PAGE_LEAK = re.compile(r"(?m)^(?:\d{1,3}/\d{1,3}|Page \d{1,4}|- \d{1,4} -)$")

KNOWN_SHORT = {
    "court-us-TN-2019_Calderon-Fuentes_scan-OCR.pdf": "scanned: notes only in a poor OCR layer",
}


def _params() -> list:
    return [
        pytest.param(
            row,
            id=row["file"],
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_SHORT[row["file"]])]
            if row["file"] in KNOWN_SHORT
            else [],
        )
        for row in INDEX
    ]


@pytest.mark.corpus
@pytest.mark.parametrize("row", _params())
def test_varied_document(row):
    record = to_record(cleaned(VARIED / row["file"]))
    validate(record)
    assert record["source"]["pages"] == int(row["pages"])
    # A publication's imprint ("Printed at United Nations, Geneva ... GE.04-43671–May 2005")
    # is part of its text, not a page's furniture.
    text = re.sub(r"Printed at United Nations[^\n]*", "", record["text"])
    assert not JOB_LEAK.search(text), "job number left in the text"
    assert not PAGE_LEAK.search(record["text"]), "page number left in the text"

    printed = int(row["footnote_estimate"])
    # The printed count is the main sequence's; appended opinions number their notes anew
    # ("sequence" 2, 3, ...), written `[^2.1]` in the text.
    keys = [
        (note.get("sequence", 1), note["number"])
        for note in record["footnotes"]
        if note["number"] is not None
    ]
    assert len(keys) - len(set(keys)) <= 0.01 * printed, "a note number printed twice"
    numbers = {number for sequence, number in keys if sequence == 1}
    linked = numbers & {int(n) for n in re.findall(r"\[\^(\d+)\]", record["text"])}
    expected = set(range(1, printed + 1))
    assert len(numbers & expected) >= NOTES_FOUND * printed, "notes found"
    assert len(linked & expected) >= NOTES_FOUND * printed, "notes linked to a marker"
    if printed == 0 and not numbers:
        issues = {issue["code"] for issue in record["issues"]}
        assert "marker-without-footnote" not in issues
