"""The page cache: a PDF is read once; cleaning from cached pages gives the same bytes."""

from __future__ import annotations

from pathlib import Path

from cleaners import canonical, page_cache, pdf_reader
from cleaners.pipeline import clean_file, sha256_of
from tests.conftest import RAW

PDF = RAW / "A_RES_80_2.pdf"


def test_cleaning_from_cached_pages_gives_the_same_record(tmp_path: Path, monkeypatch):
    fresh = canonical.to_json(clean_file(PDF))
    first = canonical.to_json(clean_file(PDF, cache_dir=tmp_path))
    entry = page_cache.entry_path(tmp_path, sha256_of(PDF))
    assert entry.is_file()

    def no_reading(path: Path):
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(pdf_reader, "read_pdf", no_reading)
    again = canonical.to_json(clean_file(PDF, cache_dir=tmp_path))
    assert fresh == first == again


def test_a_damaged_entry_is_read_again(tmp_path: Path):
    pages = pdf_reader.read_pdf(PDF)
    entry = page_cache.entry_path(tmp_path, sha256_of(PDF))
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_bytes(b"not gzip")
    assert page_cache.load(entry) is None
    assert page_cache.read_pages(PDF, sha256_of(PDF), tmp_path) == pages
    assert page_cache.load(entry) == pages  # and stored afresh


def test_entries_are_keyed_by_content_and_extractor_version(tmp_path: Path):
    name = page_cache.entry_path(tmp_path, "ab" * 32).name
    assert name == f"{'ab' * 32}-{page_cache.extractor_version()}.json.gz"
    assert len(page_cache.extractor_version()) == 16


def test_needs_reading_only_for_an_uncached_pdf(tmp_path: Path):
    from cleaners.pipeline import needs_reading

    dump = tmp_path / "dump.txt"
    dump.write_text("A/RES/78/228\n")
    assert not needs_reading(dump, "", tmp_path)
    assert needs_reading(PDF, sha256_of(PDF), tmp_path)
    page_cache.read_pages(PDF, sha256_of(PDF), tmp_path)
    assert not needs_reading(PDF, sha256_of(PDF), tmp_path)
