"""The batch flow: the inputs of a folder that changed since the last batch, cleaned (one task
per document, on the task runner the caller chose) and written; one failure never stops it."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.futures import PrefectFuture
from prefect.task_runners import ProcessPoolTaskRunner

from cleaners import manifest, pipeline, qa
from cleaners.model import Document
from cleaners.review import Review, load_review

from .document import (
    DocumentResult,
    clean_document,
    cleaning_pool,
    failure_result,
    holding_outputs,
    result_for,
    write_outputs,
)
from .errors import refused_by_machine
from .inputs import check_folders, discover_inputs, recorded_source, refusal, unique_doc_id
from .limits import DEFAULT_LIMITS, Limits, clean_within_limits
from .progress import BatchProgress
from .report import publish_batch_qa, published_in_background
from .settings import CACHE_DIR, CORES
from .stopping import ignore_ctrl_c, reclaim_sigterm

#: The manifest is saved at most this often while a batch writes, and when it ends: a killed
#: batch then cleans again at most this much work, and a batch of thousands does not rewrite
#: a growing manifest after every document.
MANIFEST_SAVE_SECONDS = 1.0


def fingerprints(paths: list[Path], raw_dir: Path) -> dict[str, tuple[Path, str]]:
    """Each input by its recorded source path, with its sha256 ("" when it cannot be read:
    cleaning it then says why)."""
    found = {}
    for path in paths:
        try:
            sha256 = pipeline.sha256_of(path)
        except OSError:
            sha256 = ""
        found[recorded_source(path, raw_dir)] = (path, sha256)
    return found


def _batch_run_name() -> str:
    return f"batch {date.today().isoformat()}"


#: One process per core cleans documents side by side (one document a task: Prefect's overhead
#: per task, ~0.1 s, is small beside a document's ~1 s).  Its workers report to the API the
#: flow reports to; `flows.server` makes sure there is one.
@flow(
    name="ibidem-batch",
    flow_run_name=_batch_run_name,
    log_prints=True,
    task_runner=ProcessPoolTaskRunner(initializer=ignore_ctrl_c),
)
def batch_flow(
    paths: list[Path] | None = None,
    out_dir: Path = Path("clean"),
    review_dir: Path = Path("review"),
    *,
    raw_dir: Path = Path("raw"),
    cache_dir: Path = CACHE_DIR,
    force: bool = False,
    only_failed: bool = False,
    workers: int = CORES,
    time_limit: float | None = DEFAULT_LIMITS.seconds,
    memory_limit: int | None = DEFAULT_LIMITS.megabytes,
) -> list[DocumentResult]:
    """Clean the inputs in `paths` (default: every input in `raw_dir`) that changed since the
    last batch, with the editors' decisions in `review_dir`; write their outputs and the QA
    index; report the ones that failed, and inputs of earlier batches that are gone.

    `force` cleans every input again; `only_failed` only those that failed last time.
    `workers` local processes clean the inputs that need no reading (see `cleaning_pool`).
    A document that takes more than `time_limit` seconds or `memory_limit` MB in its worker
    fails alone (`flows.limits`; None: no limit).
    """
    reclaim_sigterm()
    with holding_outputs(out_dir):
        limits = Limits(time_limit, memory_limit)
        return _run_batch(
            paths, out_dir, review_dir, raw_dir, cache_dir, force, only_failed, workers, limits
        )


def _run_batch(
    paths: list[Path] | None,
    out_dir: Path,
    review_dir: Path,
    raw_dir: Path,
    cache_dir: Path,
    force: bool,
    only_failed: bool,
    workers: int,
    limits: Limits,
) -> BatchResults:
    logger = get_run_logger()
    check_folders(raw_dir, out_dir)
    found = paths if paths is not None else discover_inputs(raw_dir)
    refused = {path: error for path in found if (error := refusal(path, raw_dir)) is not None}
    inputs = fingerprints([path for path in found if path not in refused], raw_dir)
    entries = manifest.load(out_dir)
    review_version = manifest.review_version(review_dir)
    plan = manifest.plan(
        inputs,
        entries,
        out_dir,
        review=review_version,
        force=force,
        only_failed=only_failed,
        whole_folder=paths is None,
    )
    rows = {row["source"]: row for row in qa.read_summary(out_dir / qa.SUMMARY_FILE)}
    results = BatchResults(
        failure_result(path, error, recorded_source(path, raw_dir))
        for path, error in refused.items()
    )
    for entry in plan.unchanged:
        if entry.source in rows:
            results.append(DocumentResult.unchanged(entry, rows[entry.source]))
        else:  # its QA row is lost: clean it again to have one
            plan.todo.append(inputs[entry.source][0])
    logger.info(
        "%d inputs: %d to clean, %d unchanged, %d removed",
        len(inputs),
        len(plan.todo),
        len(results),
        len(plan.removed),
    )
    taken = {result.doc_id for result in results if result.doc_id}
    if plan.todo:
        review = load_review(review_dir)
        todo = sorted(plan.todo)
        source_of = {path: (source, sha256) for source, (path, sha256) in inputs.items()}
        saved = time.monotonic()
        to_read = {
            path for path in todo if pipeline.needs_reading(path, source_of[path][1], cache_dir)
        }
        local = len(todo) - len(to_read)
        with (
            cleaning_pool(min(workers, local)) as pool,
            BatchProgress(len(todo)) as progress,
            published_in_background(rows) as publish,
        ):
            futures = {
                path: _submit(
                    path,
                    source_of[path][0],
                    review,
                    cache_dir,
                    limits,
                    None if path in to_read else pool,
                )
                for path in todo
            }
            logger.info(
                "%d to read on the task runner; %d from cached pages or text on %d local processes",
                len(todo) - local,
                local,
                min(workers, local),
            )
            try:
                # Written in input order, whatever order they finish in: doc_ids, and so the
                # outputs, never depend on which worker was quicker.
                for path in todo:
                    outcome = _outcome(futures.pop(path))  # done with: let it go
                    result = _write(path, source_of[path][0], outcome, out_dir, taken, publish)
                    entries[result.path] = result.entry(source_of[path][1], review_version)
                    results.append(result)
                    progress.advance(result)
                    if time.monotonic() - saved >= MANIFEST_SAVE_SECONDS:
                        _save_manifest(out_dir, entries)  # the last save says if it fails
                        saved = time.monotonic()
            finally:
                results.stopped = _save_manifest(out_dir, entries)
    for entry in plan.removed:
        logger.warning("%s is gone from the inputs; its outputs are kept", entry.source)
        results.append(DocumentResult.removed(entry, rows.get(entry.source, {})))
    failed = [result for result in results if result.failed]
    for failure in failed:
        logger.error("%s failed: %s", failure.path, failure.error)
    results.sort(key=lambda result: result.path)
    index = publish_batch_qa([result.qa for result in results if result.qa], out_dir)
    if isinstance(index, str):
        results.stopped = results.stopped or index
    logger.info(
        "%d cleaned, %d failed, %d unchanged; QA: %s",
        sum(result.action == "cleaned" for result in results),
        sum(result.action == "failed" for result in results),
        sum(result.action == "unchanged" for result in results),
        index,
    )
    return results


class BatchResults(list[DocumentResult]):
    """What became of each input, and what the machine kept the batch from writing of its own
    files (the manifest, the index: disk full, read-only), in one line, if anything."""

    stopped: str | None = None


def _save_manifest(out_dir: Path, entries: dict[str, manifest.Entry]) -> str | None:
    """Save the manifest; or why the machine would not."""
    return refused_by_machine(
        lambda: manifest.save(out_dir, entries), f"the manifest in {out_dir}/ was not saved"
    )


def _submit(
    path: Path,
    source: str,
    review: Review | None,
    cache_dir: Path,
    limits: Limits,
    pool: ProcessPoolExecutor | None = None,
) -> PrefectFuture | Future:
    """Start cleaning one input.  A PDF to read goes to the task runner's workers, as a task,
    with absolute paths and its source path as recorded here: a worker may run in another
    folder, or on another machine (Dask) that sees the same files.  An input that needs no
    reading goes to the local `pool`."""
    if pool is None:
        return clean_document.submit(path.resolve(), review, cache_dir.resolve(), source, limits)
    return pool.submit(
        clean_within_limits,
        path.resolve(),
        limits,
        review=review,
        cache_dir=cache_dir.resolve(),
        source=source,
    )


def _outcome(future: PrefectFuture | Future) -> Document | BaseException:
    """A worker's cleaned document, or the exception that stopped it (also when the worker
    could not send it back: that document fails, not the batch)."""
    try:
        if isinstance(future, Future):
            return future.exception() or future.result()
        future.wait()
        if future.state.is_failed():
            return future.result(raise_on_failure=False)
        return future.result()
    except Exception as error:
        return error


def _write(
    path: Path,
    source: str,
    outcome: Document | BaseException,
    out_dir: Path,
    taken: set[str],
    publish: Callable[[Document], object],
) -> DocumentResult:
    """Write one cleaned document's outputs, or say why it failed."""
    if not isinstance(outcome, Document):
        return failure_result(path, outcome, source)
    document = unique_doc_id(outcome, taken)
    try:
        outputs = write_outputs(document, out_dir, publish)
    except Exception as error:  # reported with its file, like a cleaning failure
        return failure_result(path, error, source)
    return result_for(document, outputs)
