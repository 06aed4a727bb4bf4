"""The batch's QA: `clean/index.html` and `clean/qa-summary.json`, and their Prefect artifacts
(a table with a row per document, a link to the index)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import task
from prefect.artifacts import create_link_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from cleaners import qa


@task(
    name="publish-qa",
    task_run_name="publish QA index",
    cache_policy=NO_CACHE,
    persist_result=False,
)
def publish_batch_qa(rows: list[dict[str, Any]], out_dir: Path) -> Path:
    """Merge the rows into the batch index and summary, and publish them to the Prefect UI."""
    index, _ = qa.write_index(out_dir, rows)
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
