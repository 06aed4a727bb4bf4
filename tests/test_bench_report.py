"""docs/benchmarks.md is updated block by block: a run replaces what it made, nothing else."""

from bench.parallel import map_ordered
from bench.report import Block, merge


def block(name: str, markdown: str, command: str = "make bench") -> Block:
    return Block(name, markdown, command, "abc1234", 95.0)


DOCUMENT = f"""# Benchmarks

Prose a person wrote.

## Speed

{block("speed", "| old short table |").text()}

Why the short run is short.

## Speed, every PDF

{block("speed-full", "| old long table |", "make bench-full").text()}
"""


def test_a_run_replaces_its_own_blocks_and_keeps_the_rest():
    merged = merge(DOCUMENT, [block("speed", "| new short table |")])

    assert "| new short table |" in merged
    assert "| old short table |" not in merged
    assert "| old long table |" in merged  # bench-full's block is not this run's
    assert "Prose a person wrote." in merged
    assert "Why the short run is short." in merged
    assert merged.index("## Speed\n") < merged.index("| new short table |")
    assert merged.index("| new short table |") < merged.index("Why the short run is short.")


def test_a_block_says_which_command_made_it_at_which_commit_and_how_long_it_ran():
    text = block("speed", "| t |").text()

    assert "`make bench`" in text and "`abc1234`" in text and "1.6 min" in text


def test_a_new_block_is_added_at_the_end_and_a_second_merge_changes_nothing():
    once = merge(DOCUMENT, [block("layouts", "| layouts |")])
    twice = merge(once, [block("layouts", "| layouts |")])

    assert once.rstrip().endswith("<!-- /bench:layouts -->")
    assert twice == once


def square(number: int) -> int:
    return number * number


def test_work_spread_over_processes_comes_back_in_the_order_given(monkeypatch):
    monkeypatch.setenv("IBIDEM_BENCH_WORKERS", "2")

    assert map_ordered(square, [3, 1, 2], cost=lambda n: n) == [9, 1, 4]
