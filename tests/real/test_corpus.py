"""Every real UN PDF in ../shared/corpus/un: the output contract, checked without hand truth."""

from __future__ import annotations

import csv
import re

import pytest

from cleaners.canonical import to_record, validate
from tests.conftest import CORPUS_UN, cleaned

INDEX = list(csv.DictReader((CORPUS_UN / "INDEX.csv").open(encoding="utf-8")))
FURNITURE = [
    re.compile(r"(?m)^\d{1,3}/\d{1,3}$"),  # page number "2/13" on its own
    re.compile(r"\b\d{2}-\d{5}\b"),  # job number
    re.compile(r"\*\d{7}\*"),  # barcode text
    re.compile(r"Please recycle"),
    re.compile(r"_{5,}"),  # footnote separator
]


def test_index_lists_all_48_pdfs():
    assert len(INDEX) == 48
    assert {row["file"] for row in INDEX} == {p.name for p in CORPUS_UN.glob("*.pdf")}


@pytest.mark.parametrize("row", INDEX, ids=[row["file"] for row in INDEX])
def test_real_pdf(row):
    document = cleaned(CORPUS_UN / row["file"])
    record = to_record(document)
    validate(record)

    assert record["metadata"]["symbol"] == row["symbol"]
    assert record["metadata"]["title"] and record["metadata"]["date"], "masthead parsed"
    assert record["text"].startswith(record["metadata"]["title_line"] + "\n\n")
    assert record["doc_id"] == row["file"].removesuffix(".pdf")
    assert record["source"]["pages"] == int(row["pages"])
    assert record["source"]["sha256"] == row["sha256"]

    numbers = [note["number"] for note in record["footnotes"] if note["number"] is not None]
    assert numbers == list(range(1, len(numbers) + 1)), "footnotes numbered 1..N without gaps"
    assert all(note["text"] for note in record["footnotes"])
    references = [int(n) for n in re.findall(r"\[\^(\d+)\]", record["text"])]
    assert sorted(set(references)) == numbers, "every footnote referenced, every marker linked"
    first_uses = list(dict.fromkeys(references))
    assert first_uses == sorted(first_uses), "markers appear in increasing order"

    text = record["text"]
    for pattern in FURNITURE:
        assert not pattern.search(text), f"furniture {pattern.pattern!r} left in the text"
    symbol_header = re.compile(re.escape(row["symbol"]) + r"\s+[A-Z]")
    assert not symbol_header.search(text), "running header left in the text"
    assert not any(issue["severity"] == "error" for issue in record["issues"])
