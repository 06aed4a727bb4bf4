"""Image-only PDFs: OCR'd with ocrmypdf and tesseract, said so, cached; a clear error when the
OCR programs are missing.  The input is the real one-page scan with no text layer in
../shared/corpus/other/image-only-scan.pdf (a Tennessee appeals board opinion)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from cleaners import canonical, ocr_reader, pdf_reader
from cleaners.pipeline import InputError, clean_file
from tests.conftest import CORPUS_OTHER, corpus_pdf

SCAN = CORPUS_OTHER / "image-only-scan.pdf"


def test_an_image_only_pdf_is_read_by_ocr_and_says_so():
    document = clean_file(SCAN)
    text = canonical.to_text(document)
    assert "Reversed and Remanded" in text
    assert "Docket No. 2017-03-1235" in text
    assert document.metadata["text_layer"] == "ocr"
    assert document.metadata["ocr_by"].startswith("ocrmypdf ")
    first = document.issues[0]
    assert (first.severity, first.code) == ("warning", "ocr-by-ibidem")
    assert "no text layer" in first.message and "tesseract" in first.message
    # OCR is deterministic: the same scan gives the same record, byte for byte.
    assert canonical.to_json(clean_file(SCAN)) == canonical.to_json(document)


def test_ocr_leaves_the_process_streams_as_it_found_them():
    """ocrmypdf returned with `sys.stderr` replaced by a buffer of its own, so a batch worker's
    later messages and tracebacks went nowhere (and `make bench` printed nothing after its
    scans)."""
    streams = sys.stdout, sys.stderr

    ocr_reader.read_with_ocr(SCAN)

    assert (sys.stdout, sys.stderr) == streams


BRACKETS = Path(__file__).parent / "fixtures" / "blaskic_page101_symbol_brackets.pdf"


def _bracket_lines() -> list[str]:
    (page,) = pdf_reader.read_pdf(BRACKETS)
    texts = [line.plain_text for line in page.lines]
    return [text for text in texts if "[" in text or "(cid:" in text]


def test_a_pdf_reads_the_same_after_ocrmypdf_has_run_in_the_process():
    """Importing ocrmypdf patched pdfminer for the whole process: the Blaškić judgment's "[ ]",
    set in a non-embedded Symbol font with no Encoding, came out "(cid:91) (cid:93)" in any
    process that had OCR'd a scan before. Same input, same output, whatever ran before."""
    before = _bracket_lines()

    with ocr_reader.ocrmypdf_confined():
        pass
    ocr_reader.read_with_ocr(SCAN)

    assert _bracket_lines() == before
    assert "[ ]" in before


def test_ocr_pages_are_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    first = clean_file(SCAN, cache_dir=tmp_path)
    assert any("-ocr-" in entry.name for entry in tmp_path.iterdir())

    def no_ocr(path: Path) -> None:
        raise AssertionError("OCR ran again")

    monkeypatch.setattr(ocr_reader, "read_with_ocr", no_ocr)
    again = clean_file(SCAN, cache_dir=tmp_path)
    assert canonical.to_json(again) == canonical.to_json(first)


def test_missing_tesseract_is_an_error_that_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
):
    real_which = shutil.which
    monkeypatch.setattr(
        ocr_reader.shutil, "which", lambda name: None if name == "tesseract" else real_which(name)
    )
    ocr_reader.tools.cache_clear()
    try:
        with pytest.raises(InputError) as caught:
            clean_file(SCAN)
    finally:
        ocr_reader.tools.cache_clear()
    assert str(caught.value) == (
        "image-only-scan.pdf: the PDF has no text layer and tesseract is not installed to OCR "
        f"it; {ocr_reader.INSTALL_HINT}"
    )


def test_a_pdf_with_text_is_never_ocrd(tmp_path: Path):
    """Only a PDF with no text at all is OCR'd: the cache holds no OCR entry for a born-digital
    one, and its record names no OCR."""
    document = clean_file(corpus_pdf("A_RES_80_2.pdf"), cache_dir=tmp_path)
    assert [entry.name.count("-ocr-") for entry in tmp_path.iterdir()] == [0]
    assert "ocr_by" not in document.metadata
