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
from cleaners.model import REFERENCES, Document, note_label
from cleaners.pipeline import clean_file
from cleaners.qa import footnote_rows
from tests.conftest import REPO, cleaned, corpus_pdf

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("IBIDEM_REGENERATE_GOLDEN") == "1"


def _matches_golden(golden: Path, produced: list) -> None:
    """`produced` equals the golden JSON file (written instead, on purpose, when regenerating)."""
    if REGENERATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(produced, ensure_ascii=False, indent=1) + "\n", "utf-8")
    assert json.loads(golden.read_text("utf-8")) == produced


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
    _matches_golden(golden, produced)


#: Varied documents whose every note (number, text, start page and the words its marker
#: follows) a person checked against the rendered pages; see tests/golden/varied/README.md.
VARIED_GOLDEN = [
    "hrc-upr-2019_A_HRC_WG.6_34_ITA_3_summary.pdf",
    "un-ga-res-1994_A_RES_48_161.pdf",
    "un-ppb-2027_A_81_6_Sect26.pdf",
    "achpr-court-2023_Kaunda-v-Malawi_judgment.pdf",
    "court-us-DCCir_07-3125.pdf",
]


@pytest.mark.parametrize("name", VARIED_GOLDEN)
def test_varied_notes_match_golden(name: str):
    from tests.conftest import SHARED

    document = cleaned(SHARED / "corpus" / "varied" / name)
    contexts = {row["note"].key: row["markers"] for row in footnote_rows(document)}
    produced = [
        {
            "number": note.number,
            "sequence": note.sequence + 1,
            "text": note.text,
            "pages": note.pages,
            "markers": [
                {"page": page, "sentence": sentence} for page, sentence in contexts[note.key]
            ],
        }
        for note in document.footnotes
    ]
    golden = GOLDEN / "varied" / f"{Path(name).stem}.json"
    _matches_golden(golden, produced)


#: Varied documents whose every resolved reference (Ibid., Id., supra, "see note N", in-text
#: "(ibid., para. 39)") a person checked against the part it repeats and the printed page; see
#: tests/golden/citations/README.md.
CITATION_GOLDEN = [
    "icty-2001_Delalic_Celebici_AJ.pdf",
    "iacthr-2006_Almonacid-Arellano_judgment.pdf",
    "un-acabq-2026_A_80_604_Add.10.pdf",
]


def _resolved_references(document: Document) -> list[dict]:
    """Each note with a reference, each part it was resolved against, and the in-text Ibid.s."""
    notes = {(note.sequence, note.number): note for note in document.footnotes}
    rows: list[dict] = []
    for note in document.footnotes:
        references = [c for c in note.citations if c.kind in REFERENCES]
        if not references:
            continue
        parts = []
        for citation in references:
            where = citation.refers_to
            target = notes[(where.sequence, where.note)] if where else None
            parts.append(
                {
                    "kind": str(citation.kind),
                    "text": citation.text,
                    "refers_to": note_label(str(where.note), where.sequence) if where else None,
                    "antecedent": target.citations[where.part].text if target and where else None,
                    "resolved": citation.resolved,
                }
            )
        rows.append(
            {
                "note": note_label(note.label, note.sequence),
                "pages": note.pages,
                "text": note.text,
                "resolved": note.resolved,
                "references": parts,
            }
        )
    for entry in document.in_text_citations:
        if entry.citation.kind in REFERENCES:
            antecedent = entry.antecedent
            rows.append(
                {
                    "paragraph": entry.paragraph,
                    "page": document.paragraphs[entry.paragraph].page,
                    "text": entry.citation.text,
                    "antecedent": None
                    if antecedent is None
                    else document.in_text_citations[antecedent].citation.text,
                    "resolved": entry.citation.resolved,
                }
            )
    return rows


@pytest.mark.corpus
@pytest.mark.parametrize("name", CITATION_GOLDEN)
def test_resolved_citations_match_golden(name: str):
    from tests.conftest import SHARED

    produced = _resolved_references(cleaned(SHARED / "corpus" / "varied" / name))
    golden = GOLDEN / "citations" / f"{Path(name).stem}.json"
    _matches_golden(golden, produced)
