"""The benchmark's accuracy sections spread over every core.

Each document is scored on its own, so documents are handed to a pool of processes one at a
time (the longest judgments take minutes, most documents a second) and the results come back in
the order of the inputs: the tables do not depend on which process finished first. The speed
sections never use this: they time one process on one core.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def workers() -> int:
    """The cores this process may use, or `IBIDEM_BENCH_WORKERS`."""
    explicit = os.environ.get("IBIDEM_BENCH_WORKERS")
    return int(explicit) if explicit else len(os.sched_getaffinity(0))


def map_ordered(
    function: Callable[[Item], Result],
    items: Iterable[Item],
    cost: Callable[[Item], float] | None = None,
) -> list[Result]:
    """`[function(item) for item in items]`, computed by `workers()` processes.

    With `cost` (a file's size, say), the costliest items start first, so that one long
    judgment does not start last and keep one core busy while the other waits. `function` must
    be a module-level function (it is pickled); spawned workers start clean rather than
    inheriting the parent's open PDFs and caches."""
    items = list(items)
    count = min(workers(), len(items))
    if count <= 1:
        return [function(item) for item in items]
    order = sorted(range(len(items)), key=lambda i: -cost(items[i])) if cost else range(len(items))
    results: list = [None] * len(items)
    with ProcessPoolExecutor(count, mp_context=get_context("spawn")) as pool:
        futures = {i: pool.submit(function, items[i]) for i in order}
        for i, future in futures.items():
            results[i] = future.result()
    return results
