"""What the last batches made of each input, so that the next one redoes only what changed.

`clean/manifest.json` keeps, for each input, the sha256 it had, the version of the cleaning
rules and of the editors' decisions that cleaned it, and what came of it (outputs or error).
An input is unchanged when all three match and its outputs are still there; `plan` sorts the
inputs of a batch into work to do, unchanged and removed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from .canonical import write_atomic

MANIFEST_FILE = "manifest.json"
#: Packages whose version can change what the cleaning stages write.
RULE_PACKAGES = ("pdfplumber", "pdfminer.six", "symspellpy", "Jinja2")


@dataclass(frozen=True)
class Entry:
    """One input as the last batch that processed it left it."""

    source: str
    sha256: str
    rules: str
    review: str
    doc_id: str | None = None
    #: File names of the outputs, in the folder the manifest is in.
    outputs: tuple[str, ...] = ()
    error: str | None = None
    #: The error's kind (`flows/errors.py`), when it failed.
    error_kind: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None


@dataclass
class Plan:
    """A batch's inputs sorted by what must be done with them."""

    todo: list[Path] = field(default_factory=list)
    unchanged: list[Entry] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)


@cache
def rules_version() -> str:
    """A short hash of the cleaning code, its data and templates, and the packages it uses:
    any change to them makes every input due again (from the page cache, so it is cheap)."""
    digest = hashlib.sha256()
    for package in RULE_PACKAGES:
        digest.update(f"{package}=={metadata.version(package)}\n".encode())
    for name, data in _package_files(resources.files("cleaners"), ""):
        digest.update(name.encode() + b"\0" + data)
    return digest.hexdigest()[:16]


def _package_files(folder: Traversable, prefix: str) -> list[tuple[str, bytes]]:
    files: list[tuple[str, bytes]] = []
    for item in sorted(folder.iterdir(), key=lambda item: item.name):
        name = f"{prefix}{item.name}"
        if item.is_dir():
            if item.name != "__pycache__":
                files.extend(_package_files(item, f"{name}/"))
        elif not item.name.endswith((".pyc", ".pyo")):
            files.append((name, item.read_bytes()))
    return files


def review_version(review_dir: Path) -> str:
    """A short hash of the editors' decision files: lexicon words in any of them apply to every
    document, so a change to any is a change for all (cheap: unchanged outputs are not
    rewritten)."""
    digest = hashlib.sha256()
    if review_dir.is_dir():
        for path in sorted(review_dir.glob("*.y*ml")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def load(out_dir: Path) -> dict[str, Entry]:
    """The entries of `out_dir`'s manifest by source; none when it is missing or unreadable."""
    try:
        data = json.loads((out_dir / MANIFEST_FILE).read_text("utf-8"))
        return {
            item["source"]: Entry(**{**item, "outputs": tuple(item["outputs"])})
            for item in data["inputs"]
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def save(out_dir: Path, entries: dict[str, Entry]) -> Path:
    path = out_dir / MANIFEST_FILE
    record: dict[str, Any] = {"inputs": [asdict(entries[source]) for source in sorted(entries)]}
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    return path


def is_unchanged(entry: Entry | None, sha256: str, review: str, out_dir: Path) -> bool:
    """The input, rules and decisions are those of the last run, and its outputs still exist."""
    return (
        entry is not None
        and (entry.sha256, entry.rules, entry.review) == (sha256, rules_version(), review)
        and all((out_dir / name).is_file() for name in entry.outputs)
    )


def plan(
    inputs: dict[str, tuple[Path, str]],
    entries: dict[str, Entry],
    out_dir: Path,
    *,
    review: str,
    force: bool = False,
    only_failed: bool = False,
    whole_folder: bool = True,
) -> Plan:
    """Sort `inputs` (by source: the path and its sha256) against the last run's `entries`.

    `force` makes every input due; `only_failed` only those that failed last time.  Entries
    whose source is gone are `removed` when the batch covers the whole input folder.
    """
    result = Plan()
    for source in sorted(inputs):
        path, sha256 = inputs[source]
        entry = entries.get(source)
        if only_failed:
            due = entry is not None and entry.failed
        else:
            due = force or not is_unchanged(entry, sha256, review, out_dir)
        if due:
            result.todo.append(path)
        elif entry is not None:
            result.unchanged.append(entry)
    if whole_folder:
        result.removed = [entries[source] for source in sorted(entries) if source not in inputs]
    return result
