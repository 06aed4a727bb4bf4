"""The Prefect tasks and flow for one document: clean it with `cleaners`, write its outputs and
its QA report, publish the QA to Prefect."""

from __future__ import annotations

import errno
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from cleaners import canonical, manifest, pipeline, qa
from cleaners.model import Document
from cleaners.review import Review, load_review

from .errors import ErrorKind, describe, kind_of, refused_by_machine
from .inputs import check_folders, doc_ids_of_others, recorded_source, refusal, unique_doc_id
from .limits import DEFAULT_LIMITS, Limits, clean_within_limits
from .lock import output_lock
from .report import publish_batch_qa, publish_document_qa
from .settings import CACHE_DIR
from .stopping import ignore_ctrl_c, reclaim_sigterm

#: Errors a second try may not meet (a file server's hiccup), unlike a bad file or a bug.
TRANSIENT_ERRNOS = frozenset(
    {errno.EAGAIN, errno.EINTR, errno.EIO, errno.ESTALE, errno.ETIMEDOUT, errno.ECONNRESET}
)
#: Seconds before each retry of a transient failure.
RETRY_DELAYS = [2, 10]


def is_transient(error: object) -> bool:
    """Whether `error` may pass on its own: a timeout, a lost connection, an I/O error of the
    file system.  A file that is missing, unreadable or not a PDF fails the same way again."""
    if isinstance(error, (TimeoutError, ConnectionError, InterruptedError, BlockingIOError)):
        return True
    return isinstance(error, OSError) and error.errno in TRANSIENT_ERRNOS


def _retry_when_transient(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect's retry condition: retry a document's cleaning only after a transient error."""
    return is_transient(state.result(raise_on_failure=False))


@dataclass(frozen=True)
class DocumentResult:
    """What became of one input: its outputs and QA row, or the error that stopped it.

    `action` says what this run did with it: `cleaned` it, tried and `failed`, left it
    `unchanged` since the last batch (outputs, QA row and any error as that batch left them), or
    found it `removed` from the inputs.
    """

    path: str
    doc_id: str | None
    outputs: tuple[str, ...] = ()
    error: str | None = None
    qa: dict[str, Any] = field(default_factory=dict, compare=False)
    action: str = "cleaned"
    #: The error's kind (`flows/errors.py`), when it failed.
    error_kind: str | None = None

    @classmethod
    def unchanged(cls, entry: manifest.Entry, row: dict[str, Any]) -> DocumentResult:
        return cls(
            entry.source,
            entry.doc_id,
            entry.outputs,
            entry.error,
            row,
            "unchanged",
            entry.error_kind or (ErrorKind.INPUT if entry.error else None),
        )

    @classmethod
    def removed(cls, entry: manifest.Entry, row: dict[str, Any]) -> DocumentResult:
        return cls(entry.source, entry.doc_id, entry.outputs, None, row, "removed")

    def entry(self, sha256: str, review_version: str) -> manifest.Entry:
        """What the manifest keeps of this result, for the next batch to compare with."""
        return manifest.Entry(
            source=self.path,
            sha256=sha256,
            rules=manifest.rules_version(),
            review=review_version,
            doc_id=self.doc_id,
            outputs=tuple(sorted(Path(output).name for output in self.outputs)),
            error=self.error,
            error_kind=self.error_kind,
        )

    @property
    def failed(self) -> bool:
        return self.error is not None

    @property
    def footnotes(self) -> int:
        return self.qa["footnotes"]["found"] if self.qa else 0

    @property
    def issues(self) -> int:
        return sum(self.qa["issues"].values()) if self.qa else 0

    @property
    def status(self) -> str:
        if self.action == "removed":
            return "removed"
        return "failed" if self.failed else self.qa.get("status", "")


@task(
    name="clean-document",
    task_run_name="clean {path.name}",
    cache_policy=NO_CACHE,
    persist_result=False,
    retries=len(RETRY_DELAYS),
    retry_delay_seconds=RETRY_DELAYS,
    retry_condition_fn=_retry_when_transient,
)
def clean_document(
    path: Path,
    review: Review | None = None,
    cache_dir: Path | None = CACHE_DIR,
    source: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Run the cleaning stages on one input, applying the editors' decisions; a PDF's pages
    come from the page cache in `cache_dir` when it has them (reading is the costly part).
    `source` is the input's path as the outputs record it (a worker may run elsewhere); in a
    worker process, the document must keep within `limits` (`flows.limits`)."""
    document = clean_within_limits(path, limits, review=review, cache_dir=cache_dir, source=source)
    get_run_logger().info(
        "%s: %d paragraphs, %d footnotes, %d edits, %d issues",
        document.doc_id,
        len(document.paragraphs),
        len(document.footnotes),
        len(document.edits),
        len(document.issues),
    )
    return document


def write_outputs(
    document: Document,
    out_dir: Path,
    publish: Callable[[Document], object] = publish_document_qa,
) -> tuple[str, ...]:
    """Write the JSON record, the canonical text and the QA report atomically, and `publish`
    the QA summary to Prefect.  A plain function: a batch calls it for every document (as a
    task it would add Prefect's ~0.1 s a task run, one after another, to each)."""
    outputs = [*canonical.write_outputs(document, out_dir), qa.write_report(document, out_dir)]
    publish(document)
    return tuple(str(path) for path in outputs)


@contextmanager
def cleaning_pool(workers: int) -> Iterator[ProcessPoolExecutor | None]:
    """`workers` processes for documents that need no reading (PDFs whose pages are cached, text
    dumps); None for none.

    Each takes ~25 ms: far less than a Prefect task run (~0.1 s) or a Prefect worker's start
    (~2 s), so they are plain processes that import only `cleaners` (~0.3 s to start, when the
    first is submitted) and run `limits.clean_within_limits`.  Spawned, not forked: the flow's
    process runs threads.  A document's failure is its future's exception.
    """
    if workers < 1:
        yield None
        return
    with ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("spawn"), initializer=ignore_ctrl_c
    ) as pool:
        yield pool


@contextmanager
def holding_outputs(out_dir: Path) -> Iterator[None]:
    """Hold the lock on `out_dir` (`flows.lock`) for the block, and report the temporary files
    a killed run had left there (deleted under the lock)."""
    with output_lock(out_dir) as stale:
        for leftover in stale:
            get_run_logger().warning("%s: left by a run that was killed; deleted", leftover)
        yield


def failure_result(path: Path, error: object, source: str | None = None) -> DocumentResult:
    """The result of an input that failed, with the error in words (it names the file) and its
    kind; `source` is its recorded path (`inputs.recorded_source`)."""
    message, kind = describe(path, error), kind_of(error)
    source = source or pipeline.source_path(path)
    return DocumentResult(
        path=source,
        doc_id=None,
        error=message,
        qa=qa.failure_summary(source, message, kind),
        action="failed",
        error_kind=kind,
    )


def result_for(document: Document, outputs: tuple[str, ...]) -> DocumentResult:
    return DocumentResult(
        path=document.source.path,
        doc_id=document.doc_id,
        outputs=outputs,
        qa=qa.summary(document),
    )


@flow(name="ibidem-document", flow_run_name="document {path.name}", log_prints=True)
def document_flow(
    path: Path,
    out_dir: Path = Path("clean"),
    review_dir: Path = Path("review"),
    cache_dir: Path = CACHE_DIR,
    raw_dir: Path = Path("raw"),
) -> DocumentResult:
    """Clean one document of `raw_dir` and write its outputs: the manual rerun of a single
    input.  Its row in the batch's QA index and its entry in the batch manifest are replaced.
    A path that is not a file of `raw_dir` (a link out of it, a path given to the deployment)
    is refused: the flow run fails, and nothing is read or written."""
    reclaim_sigterm()
    check_folders(raw_dir, out_dir)
    refused = refusal(path, raw_dir)
    if refused is not None:
        raise refused
    source = recorded_source(path, raw_dir)
    with holding_outputs(out_dir):
        entries = manifest.load(out_dir)
        result = _rerun(path, source, out_dir, review_dir, cache_dir, entries)
        entries[result.path] = result.entry(
            pipeline.sha256_of(path), manifest.review_version(review_dir)
        )
        refused = refused_by_machine(
            lambda: manifest.save(out_dir, entries), f"the manifest in {out_dir}/ was not saved"
        )
        index = publish_batch_qa([result.qa], out_dir)
        refused = refused or (index if isinstance(index, str) else None)
        if refused:  # the rerun failed, not the file: said in the log
            return replace(result, error=refused, error_kind=ErrorKind.ENVIRONMENT)
        return result


def _rerun(
    path: Path,
    source: str,
    out_dir: Path,
    review_dir: Path,
    cache_dir: Path,
    entries: dict[str, manifest.Entry],
) -> DocumentResult:
    """Clean one input and write it under a doc_id none of the folder's other inputs has."""
    state = clean_document(path, load_review(review_dir), cache_dir, source, return_state=True)
    if state.is_failed():
        return failure_result(path, state.result(raise_on_failure=False), source)
    document = unique_doc_id(state.result(), doc_ids_of_others(entries, source))
    try:
        outputs = write_outputs(document, out_dir)
    except Exception as error:  # reported with its file, as the batch does
        return failure_result(path, error, source)
    return result_for(document, outputs)
