"""docs/benchmarks.md: the prose a person writes around the tables the benchmark makes.

Each table the benchmark makes sits between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`
with a line saying which command made it, at which commit and how long its section ran. A run
replaces the blocks it made and leaves the rest of the file alone, so `make bench` keeps the
long runs of `make bench-full` and the prose explaining the numbers; a block the file does
not have yet is added at its end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BLOCK_RE = re.compile(r"<!-- bench:([\w-]+) -->\n.*?<!-- /bench:\1 -->", re.S)


@dataclass(frozen=True)
class Block:
    name: str
    markdown: str
    command: str
    commit: str
    seconds: float

    def text(self) -> str:
        stamp = (
            f"*Made by `{self.command}` at commit `{self.commit}`; "
            f"this section ran {_duration(self.seconds)}.*"
        )
        return (
            f"<!-- bench:{self.name} -->\n{stamp}\n\n{self.markdown.strip()}\n"
            f"<!-- /bench:{self.name} -->"
        )


def merge(document: str, blocks: list[Block]) -> str:
    """`document` with each of `blocks` in place of its namesake, or added at the end."""
    made = {block.name: block for block in blocks}
    replaced: set[str] = set()

    def replace(found: re.Match[str]) -> str:
        block = made.get(found[1])
        if block is None:
            return found[0]
        replaced.add(block.name)
        return block.text()

    merged = BLOCK_RE.sub(replace, document)
    added = [block.text() for block in blocks if block.name not in replaced]
    if added:
        merged = merged.rstrip("\n") + "\n\n" + "\n\n".join(added)
    return merged.rstrip("\n") + "\n"


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.1f} min"
