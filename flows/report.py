"""QA in the Prefect UI: each document's QA summary as a Markdown artifact; the batch's
`clean/index.html` and `clean/qa-summary.json`, with a table artifact (a row per document) and a
link to the index."""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from prefect import get_run_logger, task
from prefect.artifacts import (
    create_link_artifact,
    create_markdown_artifact,
    create_table_artifact,
)
from prefect.cache_policies import NO_CACHE

from cleaners import qa
from cleaners.model import Document

from .errors import refused_by_machine


def publish_document_qa(document: Document) -> None:
    """The document's QA summary as a Markdown artifact keyed by its doc_id, so the UI keeps
    each document's QA history."""
    create_markdown_artifact(
        markdown=qa.markdown_summary(document),
        key=artifact_key("qa", document.doc_id),
        description=f"QA of {document.doc_id}: {qa.status(document)}",
    )


@contextmanager
def published_in_background(
    previous: dict[str, dict[str, Any]],
) -> Iterator[Callable[[Document], None]]:
    """A `publish_document_qa` that returns at once and publishes on a thread of its own,
    and only when the document's QA changed since the last batch (its row in `previous`, by
    source path).

    A document's artifact is keyed by its doc_id: the UI shows its latest version, which stays
    right while the QA does not change, so a nightly batch does not store the same QA again for
    every document.  The server takes ~10 ms to store one, in its own process: the batch goes
    on writing meanwhile.  Artifacts keep their order and belong to the run that published
    them; all are published when the block ends.  One that fails is logged and does not fail
    its document, whose outputs and QA report are written by then.
    """
    pending: list[tuple[str, Future]] = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ibidem-qa-artifacts") as pool:

        def publish(document: Document) -> None:
            if qa.summary(document) == previous.get(document.source.path):
                return
            run_context = contextvars.copy_context()  # the flow run the artifact belongs to
            pending.append(
                (document.doc_id, pool.submit(run_context.run, publish_document_qa, document))
            )

        yield publish
    for doc_id, future in pending:
        if future.exception() is not None:
            get_run_logger().warning(
                "the QA artifact of %s was not published: %s", doc_id, future.exception()
            )


def artifact_key(prefix: str, name: str) -> str:
    """Prefect artifact keys are lower-case letters, digits and dashes."""
    return f"{prefix}-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "document")


@task(
    name="publish-qa",
    task_run_name="publish QA index",
    cache_policy=NO_CACHE,
    persist_result=False,
)
def publish_batch_qa(rows: list[dict[str, Any]], out_dir: Path) -> Path | str:
    """Merge the rows into the batch index and summary, and publish them to the Prefect UI.
    Returns the index, or, when the machine refuses to write it (disk full), why (one line in
    the log, no traceback: it is no bug)."""
    refused = refused_by_machine(
        lambda: qa.write_index(out_dir, rows), f"the QA index in {out_dir}/ was not written"
    )
    if refused:
        return refused
    index = out_dir / qa.INDEX_FILE
    create_table_artifact(
        table=[_table_row(row) for row in qa.worst_first(rows)],
        key="ibidem-batch-qa",
        description=f"QA of {len(rows)} documents, worst first",
    )
    create_link_artifact(
        link=index.resolve().as_uri(),
        link_text="QA index (clean/index.html)",
        key="ibidem-qa-index",
        description="Every document's status and its QA report",
    )
    return index


def _table_row(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "document": row["symbol"] or row["doc_id"] or row["source"],
        "status": row["status"],
        "pages": row["pages"],
        "edits": sum(row["edits"].values()),
        "awaiting decision": row["open_edits"],
        "footnotes linked": f"{row['footnotes']['linked']}/{row['footnotes']['found']}",
        "errors": row["issues"]["error"],
        "warnings": row["issues"]["warning"],
        "report": row["report"] or "",
        "error": row["error"] or "",
    }
