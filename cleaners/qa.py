"""The QA report editors review: one HTML page per document, an index and a summary per batch.

A report shows what the pipeline did and what it doubts: the issues worst first, every edit in
its words (undecided and low-confidence ones on top, filters by kind), the footnotes with their
markers and Ibid. chains, each row linked to its page of the source PDF.  Pages are rendered by
Jinja2 with escaping on, carry their CSS inline and forbid scripts (Content-Security-Policy), so a
document's own text can never act in the editor's browser; the filters are plain CSS.  Like the
other outputs, a report is a pure function of the document: the same input gives the same bytes.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from .canonical import write_atomic
from .model import (
    MARKER_RE,
    REFERENCES,
    Citation,
    CitationKind,
    Document,
    Edit,
    Footnote,
    edit_ids,
    readable,
    text_context,
)

#: An edit below this confidence is a doubt an editor should settle.
LOW_CONFIDENCE = 0.8
SEVERITIES = ("error", "warning", "info")
STATUSES = ("failed", "needs review", "clean")
INDEX_FILE = "index.html"
SUMMARY_FILE = "qa-summary.json"


def report_name(doc_id: str) -> str:
    return f"{doc_id}.qa.html"


def needs_decision(edit: Edit) -> bool:
    """An undecided site, or a low-confidence change, that no editor has settled yet."""
    return edit.decision is None and (
        edit.rule == "undecided-kept" or edit.confidence < LOW_CONFIDENCE
    )


def status(document: Document) -> str:
    """Needs review while an error or warning is open or an edit awaits a decision."""
    if any(issue.severity in ("error", "warning") for issue in document.issues):
        return "needs review"
    return "needs review" if any(map(needs_decision, document.edits)) else "clean"


# the numbers -----------------------------------------------------------------------------------


def summary(document: Document) -> dict[str, Any]:
    """One document's row of the batch summary (`qa-summary.json`, the index, Prefect)."""
    linked = {marker.key for marker in document.markers()}
    numbered = [note for note in document.footnotes if note.number is not None]
    ibids = [note for note in document.footnotes if _is_ibid(note)]
    severities = Counter(issue.severity for issue in document.issues)
    return {
        "doc_id": document.doc_id,
        "source": document.source.path,
        "symbol": document.metadata.get("symbol", ""),
        "title": document.metadata.get("title", ""),
        "kind": "ocr" if document.metadata.get("text_layer") == "ocr" else document.source.kind,
        "pages": document.source.pages,
        "status": status(document),
        "report": report_name(document.doc_id),
        "edits": dict(sorted(Counter(edit.kind for edit in document.edits).items())),
        "open_edits": sum(map(needs_decision, document.edits)),
        "editor_decisions": sum(edit.decision is not None for edit in document.edits),
        "footnotes": {
            "found": len(document.footnotes),
            "linked": sum(note.key in linked for note in numbered),
        },
        "ibid": {
            "resolved": sum(note.resolved is not None for note in ibids),
            "open": sum(note.resolved is None for note in ibids),
        },
        "issues": {severity: severities[severity] for severity in SEVERITIES},
        "error": None,
        "error_kind": None,
    }


def failure_summary(source: str, error: str, kind: str = "input") -> dict[str, Any]:
    """The row of an input that could not be processed: the error in words, naming the file,
    and its kind (`flows/errors.py`: input, review, limit, environment, bug)."""
    return {
        "doc_id": None,
        "source": source,
        "symbol": "",
        "title": "",
        "kind": "",
        "pages": 0,
        "status": "failed",
        "report": None,
        "edits": {},
        "open_edits": 0,
        "editor_decisions": 0,
        "footnotes": {"found": 0, "linked": 0},
        "ibid": {"resolved": 0, "open": 0},
        "issues": dict.fromkeys(SEVERITIES, 0),
        "error": error,
        "error_kind": kind,
    }


def worst_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(
        rows,
        key=lambda row: (
            STATUSES.index(row["status"]),
            -row["issues"]["error"],
            -row["issues"]["warning"],
            -row["open_edits"],
            row["source"],
        ),
    )


def totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    def total(*keys: str) -> int:
        out = 0
        for row in rows:
            value: Any = row
            for key in keys:
                value = value[key]
            out += value
        return out

    return {
        "documents": len(rows),
        **{state: sum(row["status"] == state for row in rows) for state in STATUSES},
        "pages": total("pages"),
        "edits": sum(sum(row["edits"].values()) for row in rows),
        "open_edits": total("open_edits"),
        "footnotes": total("footnotes", "found"),
        "linked": total("footnotes", "linked"),
        "ibid_resolved": total("ibid", "resolved"),
        "ibid_open": total("ibid", "open"),
        **{severity: total("issues", severity) for severity in SEVERITIES},
    }


# the per-document report -----------------------------------------------------------------------


def render_report(document: Document, source_href: str) -> str:
    """The report page; `source_href` is the source file's address as seen from the report."""
    ids = edit_ids(document.edits)
    edits = [
        {"id": edit_id, "edit": edit, "open": needs_decision(edit), "index": index}
        for index, (edit_id, edit) in enumerate(zip(ids, document.edits, strict=True))
    ]
    edits.sort(
        key=lambda row: (
            not row["open"],
            row["edit"].confidence if row["open"] else 0,
            row["edit"].page or 0,
            row["index"],
        )
    )
    issues = sorted(
        enumerate(document.issues),
        key=lambda pair: (SEVERITIES.index(pair[1].severity), pair[1].page or 0, pair[0]),
    )
    return render_template(
        "report.html.j2",
        document=document,
        row=summary(document),
        edits=edits,
        kinds=sorted({edit.kind for edit in document.edits}),
        issues=[issue for _, issue in issues],
        footnotes=footnote_rows(document),
        page_href=_page_linker(document, source_href),
    )


def footnote_rows(document: Document) -> list[dict[str, Any]]:
    """Each footnote with its Ibid. chain, the markers pointing to it (in their sentence) and
    whether it is linked."""
    by_key = {note.key: note for note in document.footnotes if note.number is not None}
    sequences = iter(marker.sequence for marker in document.markers())
    markers: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for paragraph in document.paragraphs:
        for match in MARKER_RE.finditer(paragraph.text):
            left, right = text_context(paragraph.text, match.start(), match.end())
            sentence = readable(left + match.group(0) + right)
            key = (next(sequences), int(match.group(1)))
            markers.setdefault(key, []).append((paragraph.page, sentence))
    rows = []
    for note in document.footnotes:
        found = markers.get(note.key, []) if note.number is not None else []  # type: ignore[arg-type]
        link = "not numbered" if note.number is None else "linked" if found else "no marker"
        rows.append(
            {
                "note": note,
                "chain": _ibid_chain(note, by_key),
                "markers": found,
                "link": link,
            }
        )
    return rows


def _ibid_chain(note: Footnote, by_key: dict[tuple[int, int | None], Footnote]) -> list[int]:
    """The notes a reference leans on, nearest first, read from what each part was resolved
    against: 8 -> [7, 6, 5].  An open reference goes on through the note it would repeat."""
    chain: list[int] = []
    current, citation = note, _first_reference(note)
    while citation is not None and citation.kind in REFERENCES | {CitationKind.LOCATOR}:
        if citation.refers_to is not None:
            number, part = citation.refers_to.note, citation.refers_to.part
        elif current.ibid_of is not None:
            number, part = current.ibid_of, None
        else:
            break
        if number in chain:
            break
        if number != note.number:
            chain.append(number)
        target = by_key.get((note.sequence, number))
        if target is None:
            break
        current = target
        citation = target.citations[part] if part is not None else _first_reference(target)
    return chain


def _first_reference(note: Footnote) -> Citation | None:
    return next((c for c in note.citations if c.kind in REFERENCES), None)


def _is_ibid(note: Footnote) -> bool:
    """Whether a note holds a reference (Ibid., supra, "see note N") to resolve."""
    return any(citation.kind in REFERENCES for citation in note.citations)


def _page_linker(document: Document, source_href: str):
    def page_href(page: int | None) -> str:
        if document.source.kind != "pdf" or page is None:
            return source_href
        return f"{source_href}#page={page}"

    return page_href


def write_report(document: Document, out_dir: Path) -> Path:
    """Write `<doc_id>.qa.html` beside the other outputs, atomically."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / report_name(document.doc_id)
    source_href = Path(os.path.relpath(document.source.path, out_dir)).as_posix()
    write_atomic(path, render_report(document, source_href))
    return path


# the batch index -------------------------------------------------------------------------------


def write_index(out_dir: Path, rows: list[dict[str, Any]]) -> tuple[Path, Path]:
    """Merge `rows` into the batch summary (a row per source; a rerun of one document replaces
    its row) and write `qa-summary.json` and `index.html`."""
    summary_path = out_dir / SUMMARY_FILE
    merged = {row["source"]: row for row in read_summary(summary_path)}
    merged.update((row["source"], row) for row in rows)
    ordered = worst_first(list(merged.values()))
    record = {"documents": ordered, "totals": totals(ordered)}
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(summary_path, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    index_path = out_dir / INDEX_FILE
    write_atomic(index_path, render_index(ordered))
    return index_path, summary_path


def render_index(rows: list[dict[str, Any]]) -> str:
    """The index page of the batch: every document's row, worst first, and the totals."""
    ordered = worst_first(rows)
    return render_template("index.html.j2", rows=ordered, totals=totals(ordered))


def read_summary(path: Path) -> list[dict[str, Any]]:
    """The rows of an earlier summary; none when it is missing or unreadable."""
    try:
        record = json.loads(path.read_text("utf-8"))
        rows = record["documents"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [row for row in rows if isinstance(row, dict) and "source" in row]


# for Prefect -----------------------------------------------------------------------------------


def markdown_summary(document: Document) -> str:
    """The summary and the issues in Markdown (a Prefect artifact), all document text escaped."""
    row = summary(document)
    lines = [
        f"## {_md(document.metadata.get('symbol') or document.doc_id)}: {row['status']}",
        "",
        "| pages | edits | awaiting decision | footnotes linked | Ibid. resolved | "
        "errors | warnings | info |",
        "|---|---|---|---|---|---|---|---|",
        f"| {row['pages']} | {sum(row['edits'].values())} | {row['open_edits']} | "
        f"{row['footnotes']['linked']}/{row['footnotes']['found']} | "
        f"{row['ibid']['resolved']}/{row['ibid']['resolved'] + row['ibid']['open']} | "
        f"{row['issues']['error']} | {row['issues']['warning']} | {row['issues']['info']} |",
        "",
    ]
    issues = sorted(document.issues, key=lambda issue: SEVERITIES.index(issue.severity))
    lines.append("### Issues" if issues else "No issues.")
    for issue in issues:
        page = f" (page {issue.page})" if issue.page else ""
        lines.append(f"- **{issue.severity}** `{issue.code}`{page}: {_md(issue.message)}")
    return "\n".join(lines) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|>~])")


def _md(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped.replace("\n", " "))


# templates -------------------------------------------------------------------------------------


def render_template(name: str, **context: Any) -> str:
    """Render a template of `cleaners/templates/`: HTML ones with every value escaped."""
    return _environment().get_template(name).render(**context)


@cache
def _environment():
    from importlib import resources

    from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape

    def load(name: str) -> str:
        return resources.files("cleaners").joinpath("templates", name).read_text("utf-8")

    environment = Environment(
        loader=FunctionLoader(load),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["readable"] = readable
    environment.filters["css_name"] = lambda text: re.sub(r"[^a-z0-9-]", "-", text.lower())
    environment.filters["yaml_string"] = lambda text: json.dumps(text, ensure_ascii=False)
    return environment
