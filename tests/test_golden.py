"""Whole documents against golden files that a person checked against the printed PDF.

Regenerate only on purpose (`make regenerate-golden`), then review the diff.

Checked by hand:
- A_RES_80_2 (2 pages): every paragraph, the title, the closing lines, footnote 1, the masthead
  metadata and every removed line (two-line running header, "2/2", "25-15779 (E)", barcode)
  compared with the rendered pages.
- footnotes/A_RES_78_228, A_RES_79_154, A_RES_78_242: every footnote's number, pages and text
  compared with the rendered footnote zones (34, 39 and 22 notes), and every resolved citation
  checked against the note it repeats (chains 6-9 and 13-15; 1-8 and 24-34; 1-17).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cleaners.canonical import to_json, to_record, to_text
from cleaners.pipeline import clean_file
from tests.conftest import REPO, corpus_pdf

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("IBIDEM_REGENERATE_GOLDEN") == "1"


@pytest.mark.parametrize("name", ["A_RES_80_2.pdf"])
def test_whole_document_matches_golden(name: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(REPO)  # source.path is recorded relative to the working folder
    document = clean_file(Path("raw") / name)
    for suffix, produced in ((".json", to_json(document)), (".txt", to_text(document))):
        golden = GOLDEN / f"{document.doc_id}{suffix}"
        if REGENERATE:
            golden.write_text(produced, encoding="utf-8")
        assert golden.read_text(encoding="utf-8") == produced, f"{golden.name} differs"


@pytest.mark.parametrize("name", ["A_RES_78_228", "A_RES_79_154", "A_RES_78_242"])
def test_footnotes_match_golden(name: str):
    document = clean_file(corpus_pdf(f"{name}.pdf"))
    produced = [
        {key: note[key] for key in ("number", "text", "resolved", "ibid_of", "pages")}
        for note in to_record(document)["footnotes"]
    ]
    golden = GOLDEN / "footnotes" / f"{name}.json"
    if REGENERATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(produced, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert json.loads(golden.read_text("utf-8")) == produced
