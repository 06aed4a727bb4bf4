"""The batch flow: every input in a folder cleaned and written, one failure never stopping it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from prefect import flow, get_run_logger

from cleaners.model import Document, Issue
from cleaners.review import load_review

from .document import (
    DocumentResult,
    clean_document,
    failure_result,
    result_for,
    write_document,
)
from .report import publish_batch_qa

INPUT_SUFFIXES = (".pdf", ".txt")


def discover_inputs(raw_dir: Path) -> list[Path]:
    """The PDFs and text dumps in `raw_dir`, sorted by name so every run sees the same order."""
    return sorted(
        path
        for path in raw_dir.iterdir()
        if path.is_file()
        and path.suffix.lower() in INPUT_SUFFIXES
        and not path.name.startswith(".")
    )


def unique_doc_ids(documents: Iterable[Document]) -> list[Document]:
    """Give every document its own doc_id: a later input with a taken id gets its file stem."""
    seen: set[str] = set()
    unique = []
    for document in documents:
        doc_id = document.doc_id
        if doc_id in seen:
            stem = Path(document.source.path).stem
            new_id = f"{doc_id}__{stem}"
            document.issues.append(
                Issue(
                    "warning",
                    "doc-id-taken",
                    f"Another input in this batch is also {doc_id}; written as {new_id}.",
                )
            )
            document = replace(document, doc_id=new_id)
        seen.add(document.doc_id)
        unique.append(document)
    return unique


def _batch_run_name() -> str:
    return f"batch {date.today().isoformat()}"


@flow(name="ibidem-batch", flow_run_name=_batch_run_name, log_prints=True)
def batch_flow(
    paths: list[Path], out_dir: Path = Path("clean"), review_dir: Path = Path("review")
) -> list[DocumentResult]:
    """Clean every input in `paths` with the editors' decisions in `review_dir`, write the
    outputs and the QA index; report the ones that failed."""
    logger = get_run_logger()
    review = load_review(review_dir)
    cleaned: list[Document] = []
    failed: list[DocumentResult] = []
    for path in paths:
        state = clean_document(path, review, return_state=True)
        if state.is_failed():
            failed.append(failure_result(path, state.result(raise_on_failure=False)))
        else:
            cleaned.append(state.result())
    results = []
    for document in unique_doc_ids(cleaned):
        state = write_document(document, out_dir, return_state=True)
        if state.is_failed():
            failed.append(
                failure_result(Path(document.source.path), state.result(raise_on_failure=False))
            )
        else:
            results.append(result_for(document, state.result()))
    for failure in failed:
        logger.error("%s failed: %s", failure.path, failure.error)
    everything = sorted([*results, *failed], key=lambda result: result.path)
    index = publish_batch_qa([result.qa for result in everything], out_dir)
    logger.info("%d documents written, %d failed; QA: %s", len(results), len(failed), index)
    return everything
