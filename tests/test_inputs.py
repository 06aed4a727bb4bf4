"""What ibidem may read and under which name it writes it (`flows/inputs.py`), the policies
every entry point shares; `test_flows.py` and `test_faults.py` run them through the CLI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cleaners import manifest, qa
from cleaners.model import Document, Source
from cleaners.pipeline import BATCH_FILE_STEMS, doc_id_for
from flows.inputs import (
    FolderError,
    check_folders,
    discover_inputs,
    doc_ids_of_others,
    recorded_source,
    refusal,
    unique_doc_id,
)


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "A.txt").write_text("text\n")
    return folder


def test_only_regular_files_inside_the_folder_may_be_read(raw: Path, tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for ibidem\n")
    (raw / "out.txt").symlink_to(secret)
    (raw / "in.txt").symlink_to(raw / "A.txt")
    (raw / "folder.pdf").mkdir()
    os.mkfifo(raw / "pipe.txt")
    assert refusal(raw / "A.txt", raw) is None
    assert refusal(raw / "in.txt", raw) is None  # a link that stays inside
    assert str(refusal(raw / "out.txt", raw)) == (
        f"out.txt: a symbolic link to {secret}, outside raw/; refused (copy the file into "
        "the folder instead)"
    )
    # A path given to `ibidem rerun` or to the deployment: /etc/passwd, or one that climbs out.
    assert "passwd: the file /etc/passwd, outside" in str(refusal(Path("/etc/passwd"), raw))
    assert "outside" in str(refusal(raw / ".." / "secret.txt", raw))
    assert str(refusal(raw / "pipe.txt", raw)) == "pipe.txt: not a regular file; refused"
    assert str(refusal(raw / "folder.pdf", raw)) == "folder.pdf: not a regular file; refused"
    # Discovery lists the links (to be refused by name) and skips folders, pipes (reading one
    # would wait for ever) and hidden files.
    (raw / ".hidden.txt").write_text("x\n")
    assert [p.name for p in discover_inputs(raw)] == ["A.txt", "in.txt", "out.txt"]


def test_an_input_is_recorded_from_its_folders_parent_wherever_ibidem_runs(
    raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    recorded = []
    for folder in (tmp_path, raw, Path("/")):
        monkeypatch.chdir(folder)
        recorded.append(recorded_source(raw / "A.txt", raw))
    monkeypatch.chdir(tmp_path)
    recorded.append(recorded_source(Path("raw/A.txt"), Path("raw")))
    assert recorded == ["raw/A.txt"] * 4


def test_the_output_folder_may_not_overlap_the_input_folder(raw: Path, tmp_path: Path):
    check_folders(raw, tmp_path / "clean")
    for out in (raw, raw / "clean", tmp_path):
        with pytest.raises(FolderError, match="overlap: the outputs would be read as inputs"):
            check_folders(raw, out)


def test_no_document_is_named_like_the_batchs_own_files():
    own = {Path(name).stem for name in (manifest.MANIFEST_FILE, qa.SUMMARY_FILE, qa.INDEX_FILE)}
    assert own <= BATCH_FILE_STEMS
    assert doc_id_for(None, Path("raw/manifest.txt")) == "manifest_document"
    assert doc_id_for(None, Path("raw/QA-Summary.pdf")) == "QA-Summary_document"
    assert doc_id_for("A/RES/78/228", Path("raw/manifest.txt")) == "A_RES_78_228"


def _document(doc_id: str, source: str) -> Document:
    return Document(doc_id=doc_id, source=Source(source, "0" * 64, "text", 1))


def test_a_rerun_keeps_the_doc_id_its_input_was_given():
    entries = {
        "raw/A.pdf": manifest.Entry("raw/A.pdf", "a", "r", "", "X", ()),
        "raw/copy.pdf": manifest.Entry("raw/copy.pdf", "b", "r", "", "X__copy", ()),
    }
    again = unique_doc_id(
        _document("X", "raw/copy.pdf"), doc_ids_of_others(entries, "raw/copy.pdf")
    )
    assert again.doc_id == "X__copy"
    first = unique_doc_id(_document("X", "raw/A.pdf"), doc_ids_of_others(entries, "raw/A.pdf"))
    assert first.doc_id == "X" and not first.issues
