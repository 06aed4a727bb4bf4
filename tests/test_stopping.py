"""Stopping a run: the workers a run spawns leave Ctrl-C to it from their first line."""

from __future__ import annotations

import multiprocessing
import signal

from flows.stopping import children_ignore_ctrl_c


def sigint_ignored() -> bool:
    return signal.getsignal(signal.SIGINT) == signal.SIG_IGN


def test_spawned_workers_ignore_ctrl_c_from_their_start_only_inside_the_block():
    context = multiprocessing.get_context("spawn")
    with children_ignore_ctrl_c(), context.Pool(1) as pool:
        inside = pool.apply(sigint_ignored)
    with context.Pool(1) as pool:
        outside = pool.apply(sigint_ignored)
    assert (inside, outside) == (True, False)
