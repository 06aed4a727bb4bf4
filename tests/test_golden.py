"""Whole documents against golden files that a person checked against the printed PDF.

Regenerate only on purpose (`make regenerate-golden`), then review the diff.

Checked by hand:
- A_RES_80_2 (2 pages): every paragraph, the title, the closing lines, footnote 1, the masthead
  metadata and every removed line (two-line running header, "2/2", "25-15779 (E)", barcode)
  compared with the rendered pages.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cleaners.canonical import to_json, to_text
from cleaners.pipeline import clean_file
from tests.conftest import REPO

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
