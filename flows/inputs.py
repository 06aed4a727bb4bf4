"""What ibidem may read and under which name it writes it: the policies every entry point
(`ibidem run`, `ibidem rerun`, the served deployments) goes through.

- *Discovery*: the `.pdf` and `.txt` files of the input folder, sorted by name.
- *Confinement*: only a regular file inside the input folder, once links are resolved, is read;
  anything else is refused as that input's failure, so that a link or a path given to a
  deployment cannot make ibidem read (and copy into `clean/`) a file elsewhere.
- *Recorded paths*: an input is recorded by its path from the input folder's parent
  (`raw/A_RES_78_228.pdf`), whatever the working folder, so the manifest and the outputs of the
  same folders are the same from anywhere.
- *Folders*: the output folder may not be, or be inside, the input folder (each run would
  clean its own outputs), nor the other way round.
- *doc_ids*: unique among the outputs of the folder; the batch's own files' names are never a
  document's (`pipeline.doc_id_for`).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cleaners import manifest, pipeline
from cleaners.model import Document, Issue

INPUT_SUFFIXES = (".pdf", ".txt")


class FolderError(Exception):
    """The input and output folders cannot be used together; the message says why."""


def discover_inputs(raw_dir: Path) -> list[Path]:
    """The PDFs and text dumps in `raw_dir`, sorted by name so every run sees the same order."""
    return sorted(
        path
        for path in raw_dir.iterdir()
        if path.suffix.lower() in INPUT_SUFFIXES
        and not path.name.startswith(".")
        and (path.is_file() or path.is_symlink())  # a link is refused by name, not skipped
    )


def refusal(path: Path, raw_dir: Path) -> pipeline.InputError | None:
    """Why `path` may not be read as an input of `raw_dir`, or None when it may: it must be
    a regular file inside the folder once links are resolved."""
    target = Path(os.path.realpath(path))
    if not target.is_relative_to(Path(os.path.realpath(raw_dir))):
        how = "a symbolic link to" if path.is_symlink() else "the file"
        folder = Path(os.path.abspath(raw_dir)).name  # as recorded, wherever ibidem runs
        return pipeline.InputError(
            f"{path.name}: {how} {target}, outside {folder}/; refused (copy the file into the "
            "folder instead)"
        )
    if not target.is_file():
        return pipeline.InputError(f"{path.name}: not a regular file; refused")
    return None


def recorded_source(path: Path, raw_dir: Path) -> str:
    """The input's path as the outputs and the manifest record it: from the input folder's
    parent, POSIX style (`raw/A_RES_78_228.pdf`); a link is recorded as itself."""
    folder = Path(os.path.abspath(raw_dir))
    return (Path(folder.name) / Path(os.path.abspath(path)).relative_to(folder)).as_posix()


def check_folders(raw_dir: Path, out_dir: Path) -> None:
    """Refuse an output folder that is the input folder, or inside it, or holds it."""
    raw, out = Path(os.path.realpath(raw_dir)), Path(os.path.realpath(out_dir))
    if out.is_relative_to(raw) or raw.is_relative_to(out):
        raise FolderError(
            f"--out {out_dir} and --raw {raw_dir} overlap: the outputs would be read as inputs "
            "by the next run; give the outputs a folder of their own"
        )


def check_writable(out_dir: Path) -> None:
    """Make `out_dir` if need be and write a file in it, so that a folder the machine will not
    let ibidem write (read-only, forbidden, full) stops the run before any document is read;
    the `OSError` says why."""
    out_dir.mkdir(parents=True, exist_ok=True)
    handle, probe = tempfile.mkstemp(dir=out_dir, prefix=".ibidem-probe-", suffix=".tmp")
    try:
        os.write(handle, b"ibidem")
    finally:
        os.close(handle)
        Path(probe).unlink()


def unique_doc_id(document: Document, taken: set[str]) -> Document:
    """Give `document` a doc_id no other output of the folder has (a later input with a taken
    id gets its file stem added), and take it."""
    doc_id = document.doc_id
    if doc_id in taken:
        new_id = pipeline.bounded_doc_id(f"{doc_id}__{Path(document.source.path).stem}")
        document.issues.append(
            Issue(
                "warning",
                "doc-id-taken",
                f"Another input in this batch is also {doc_id}; written as {new_id}.",
            )
        )
        document.doc_id = new_id
    taken.add(document.doc_id)
    return document


def doc_ids_of_others(entries: dict[str, manifest.Entry], source: str) -> set[str]:
    """The doc_ids the folder's other inputs are written under (a rerun must not take one)."""
    return {entry.doc_id for entry in entries.values() if entry.source != source and entry.doc_id}
