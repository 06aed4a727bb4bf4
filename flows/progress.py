"""A progress bar for a batch on the terminal: documents done, pages a second, failures.

Shown only when standard error is a terminal, so logs of scheduled runs stay plain.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

if TYPE_CHECKING:
    from .document import DocumentResult


class BatchProgress:
    """Count documents as they are written; a context manager around the batch's writing."""

    def __init__(self, total: int, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.started = time.perf_counter()
        self.pages = 0
        self.failures = 0
        self.bar = Progress(
            TextColumn("cleaning"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("documents · {task.fields[rate]} pages/s · {task.fields[failed]}"),
            TimeElapsedColumn(),
            console=self.console,
            disable=not self.console.is_terminal,
        )
        self.task = self.bar.add_task("batch", total=total, rate="0.0", failed="no failures")

    def __enter__(self) -> BatchProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.bar.stop()

    def advance(self, result: DocumentResult) -> None:
        self.pages += result.qa.get("pages") or 0
        self.failures += result.failed
        seconds = max(time.perf_counter() - self.started, 1e-6)
        failed = f"[red]{self.failures} failed[/red]" if self.failures else "no failures"
        self.bar.update(self.task, advance=1, rate=f"{self.pages / seconds:.1f}", failed=failed)
