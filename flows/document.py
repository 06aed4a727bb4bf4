"""The Prefect task and flow for one document: clean it with `cleaners`, write its outputs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from cleaners import canonical, pipeline
from cleaners.model import Document


@dataclass(frozen=True)
class DocumentResult:
    """What became of one input: its outputs, or the error that stopped it."""

    path: str
    doc_id: str | None
    outputs: tuple[str, ...] = ()
    footnotes: int = 0
    issues: int = 0
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None


@task(
    name="clean-document",
    task_run_name="clean {path.name}",
    cache_policy=NO_CACHE,
    persist_result=False,
)
def clean_document(path: Path) -> Document:
    """Run the cleaning stages on one input (the costly part: reading the PDF)."""
    document = pipeline.clean_file(path)
    get_run_logger().info(
        "%s: %d paragraphs, %d footnotes, %d edits, %d issues",
        document.doc_id,
        len(document.paragraphs),
        len(document.footnotes),
        len(document.edits),
        len(document.issues),
    )
    return document


@task(
    name="write-document",
    task_run_name="write {document.doc_id}",
    cache_policy=NO_CACHE,
    persist_result=False,
)
def write_document(document: Document, out_dir: Path) -> tuple[str, ...]:
    """Write the JSON record and canonical text atomically."""
    return tuple(str(path) for path in canonical.write_outputs(document, out_dir))


def failure_result(path: Path, error: object) -> DocumentResult:
    """The result of an input that failed, with the error in words (it names the file)."""
    message = str(error) if isinstance(error, BaseException) else repr(error)
    return DocumentResult(path=pipeline.source_path(path), doc_id=None, error=message)


def result_for(document: Document, outputs: tuple[str, ...]) -> DocumentResult:
    return DocumentResult(
        path=document.source.path,
        doc_id=document.doc_id,
        outputs=outputs,
        footnotes=len(document.footnotes),
        issues=len(document.issues),
    )


@flow(name="ibidem-document", flow_run_name="document {path.name}", log_prints=True)
def document_flow(path: Path, out_dir: Path = Path("clean")) -> DocumentResult:
    """Clean one document and write its outputs: the manual rerun of a single input."""
    document = clean_document(path)
    return result_for(document, write_document(document, out_dir))
