"""Write a document out: the JSON record and the canonical text (pandoc Markdown footnotes).

Output is a pure function of the document: keys in a fixed order, no time stamps, no absolute
paths from the machine, so the same input gives the same bytes.  Files are written to a temporary
name and renamed, so a reader never sees half a file.  The JSON is validated against the schema
shipped in `cleaners/schema/` before anything is written.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .model import (
    MARKER_RE,
    REFERENCES,
    SCHEMA_VERSION,
    Citation,
    Document,
    InTextCitation,
    Issue,
    edit_ids,
    note_label,
)

SCHEMA_FILE = "document.schema.json"
#: Outputs are for everyone on the machine to read.
OUTPUT_MODE = 0o644


class InvalidRecord(ValueError):
    """A record that does not follow the output contract (a bug: it is never written)."""


def footnote_ref(number: int | str) -> str:
    return f"[^{number}]"


def canonical_body(document: Document) -> str:
    """The body text: paragraphs separated by one blank line, markers written as `[^N]`
    (`[^S.N]` in a document's later note sequences, see `note_label`)."""
    sequences = iter(marker.sequence for marker in document.markers())
    return "\n\n".join(
        MARKER_RE.sub(lambda m: footnote_ref(note_label(m.group(1), next(sequences))), para.text)
        for para in document.paragraphs
    )


def to_record(document: Document) -> dict[str, Any]:
    """The JSON record of a document (see docs/output-format.md)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "doc_id": document.doc_id,
        "source": asdict(document.source),
        "metadata": dict(sorted(document.metadata.items())),
        "stages": list(document.stages),
        "text": canonical_body(document),
        "footnotes": [
            {
                "number": note.number,
                "label": note.label,
                "text": note.text,
                "resolved": note.resolved,
                "ibid_of": note.ibid_of,
                "pages": list(note.pages),
                **({"sequence": note.sequence + 1} if note.sequence else {}),
                "citations": [citation_record(citation) for citation in note.citations],
            }
            for note in document.footnotes
        ],
        **(
            {"citations_in_text": [in_text_record(entry) for entry in document.in_text_citations]}
            if document.in_text_citations
            else {}
        ),
        "edits": [
            {"id": edit_id, **asdict(edit)}
            for edit_id, edit in zip(edit_ids(document.edits), document.edits, strict=True)
        ],
        "issues": [issue_record(issue) for issue in document.issues],
    }


def citation_record(citation: Citation) -> dict[str, Any]:
    """A citation as the record writes it: a reference (or a locator part that continues one)
    also says what it was resolved against and into (null when left open)."""
    record: dict[str, Any] = {
        "kind": str(citation.kind),
        "signal": citation.signal,
        "text": citation.text,
        "fields": dict(citation.fields),
    }
    if citation.kind in REFERENCES or citation.refers_to is not None:
        where = citation.refers_to
        record["refers_to"] = (
            None
            if where is None
            else {
                "note": where.note,
                **({"sequence": where.sequence + 1} if where.sequence else {}),
                "part": where.part,
            }
        )
        record["resolved"] = citation.resolved
    return record


def in_text_record(entry: InTextCitation) -> dict[str, Any]:
    """An in-text citation: its paragraph, and for an Ibid. the index of the one it repeats."""
    record = {"paragraph": entry.paragraph, **citation_record(entry.citation)}
    if entry.citation.kind in REFERENCES:
        record["refers_to"] = entry.antecedent
    return record


def issue_record(issue: Issue) -> dict[str, Any]:
    """An issue as the record writes it; `subject` only where the issue has one."""
    record = asdict(issue)
    if not issue.subject:
        del record["subject"]
    return record


def to_text(document: Document) -> str:
    """Canonical text followed by pandoc footnote definitions, so `pandoc X.txt` renders it."""
    parts = [canonical_body(document)]
    definitions = [
        f"{footnote_ref(note_label(_label(note.label, index), note.sequence))}: "
        f"{_one_line(note.text)}"
        for index, note in enumerate(document.footnotes, start=1)
    ]
    if definitions:
        parts.append("\n".join(definitions))
    return "\n\n".join(part for part in parts if part) + "\n"


def to_json(document: Document) -> str:
    record = to_record(document)
    validate(record)
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def write_outputs(document: Document, out_dir: Path) -> list[Path]:
    """Write `<doc_id>.json` and `<doc_id>.txt` into `out_dir` atomically; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {
        out_dir / f"{document.doc_id}.json": to_json(document),
        out_dir / f"{document.doc_id}.txt": to_text(document),
    }
    for path, content in outputs.items():
        write_atomic(path, content)
    return list(outputs)


def write_atomic(path: Path, content: str | bytes) -> bool:
    """Write to a temporary file beside `path`, flush it to disk, then rename over `path`.

    A file that already holds exactly `content` is left alone (its time stamp too), so a rerun
    that changes nothing rewrites nothing.  Returns whether the file was written.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    # The name kept short: a file system takes 255 bytes a name, the output's own may be close.
    prefix = f".{path.name.encode()[:120].decode(errors='ignore')}."
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    try:
        os.fchmod(handle, OUTPUT_MODE)  # mkstemp makes files only their owner can read
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete the temporary files `write_atomic` left in `folder` when its process was killed
    between writing one and renaming it (SIGKILL runs no clean-up).  Only for a caller that
    knows no other process writes `folder` now (the batch holds its lock)."""
    stale = sorted(folder.glob(".*.tmp")) if folder.is_dir() else []
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


@cache
def schema() -> dict[str, Any]:
    text = resources.files("cleaners").joinpath("schema", SCHEMA_FILE).read_text("utf-8")
    return json.loads(text)


@cache
def _validator() -> Callable[[Any], Any]:
    """The schema compiled to a checking function, once per process: fastjsonschema checks a
    record in ~0.2 ms where jsonschema took ~5 ms, a tenth of the time cleaning a document from
    cached pages takes.  The schema uses only keywords draft 7 shares with draft 2020-12."""
    import fastjsonschema

    return fastjsonschema.compile(schema())


def validate(record: dict[str, Any]) -> None:
    """Raise `InvalidRecord` (naming the first field at fault) when `record` does not follow
    the output contract."""
    import fastjsonschema

    try:
        _validator()(record)
    except fastjsonschema.JsonSchemaValueException as error:
        raise InvalidRecord(f"{record.get('doc_id')}: {error.message}") from error


def _label(label: str, index: int) -> str:
    """A pandoc-safe footnote label: the printed label, or the note's position when it has none."""
    cleaned = re.sub(r"[\s\]^]", "", label)
    return cleaned or f"note-{index}"


def _one_line(text: str) -> str:
    return " ".join(text.split())
