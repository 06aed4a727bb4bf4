"""The `ibidem` command line: `ibidem run` over raw/, `ibidem rerun` for one document.

Exit codes are stable, so scripts and schedulers can act on them (see `ExitCode`).
"""

from __future__ import annotations

import json
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from cleaners.pipeline import doc_id_for

if TYPE_CHECKING:
    from .document import DocumentResult

app = typer.Typer(
    name="ibidem",
    help="Turn raw UN documents (PDFs, text dumps) into canonical text with linked footnotes.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)


class ExitCode(IntEnum):
    OK = 0
    USAGE = 2
    INPUT_NOT_FOUND = 3
    DOCUMENTS_FAILED = 4


RawOption = Annotated[Path, typer.Option("--raw", help="Folder of input documents.")]
OutOption = Annotated[Path, typer.Option("--out", help="Folder for clean outputs.")]


@app.command()
def run(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Input files; default: everything in --raw.")
    ] = None,
    raw: RawOption = Path("raw"),
    out: OutOption = Path("clean"),
) -> None:
    """Clean every document in --raw (or the given files) into --out."""
    inputs = _inputs(paths, raw)
    from .batch import batch_flow

    _report(batch_flow(inputs, out))


@app.command()
def rerun(
    target: Annotated[str, typer.Argument(help="A UN symbol (A/RES/78/228) or a file path.")],
    raw: RawOption = Path("raw"),
    out: OutOption = Path("clean"),
) -> None:
    """Clean one document again, found by its path or its UN symbol."""
    path = find_input(target, raw, out)
    if path is None:
        console.print(
            f"[red]error:[/red] no input found for {target!r}: not a file, not a symbol of a "
            f"document in {out}/, and no {doc_id_for(target, Path(target))}.pdf/.txt in {raw}/."
        )
        raise typer.Exit(ExitCode.INPUT_NOT_FOUND)
    from .document import document_flow, failure_result

    state = document_flow(path, out, return_state=True)
    if state.is_failed():
        _report([failure_result(path, state.result(raise_on_failure=False))])
    _report([state.result()])


def find_input(target: str, raw: Path, out: Path) -> Path | None:
    """A file path as given; else the source of the output whose symbol or doc_id is `target`;
    else the input in `raw` named after that doc_id."""
    as_path = Path(target)
    if as_path.is_file():
        return as_path
    doc_id = doc_id_for(target, as_path)
    if out.is_dir():
        for record_path in sorted(out.glob("*.json")):
            try:
                record = json.loads(record_path.read_text("utf-8"))
            except (OSError, ValueError):
                continue
            if not isinstance(record, dict) or "source" not in record:
                continue
            if doc_id == record.get("doc_id") or target == record.get("metadata", {}).get("symbol"):
                source = Path(record["source"]["path"])
                if source.is_file():
                    return source
    for suffix in (".pdf", ".txt"):
        candidate = raw / f"{doc_id}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def _inputs(paths: list[Path] | None, raw: Path) -> list[Path]:
    from .batch import discover_inputs

    if paths:
        missing = [path for path in paths if not path.is_file()]
        if missing:
            console.print(f"[red]error:[/red] no such file: {', '.join(map(str, missing))}")
            raise typer.Exit(ExitCode.INPUT_NOT_FOUND)
        return sorted(paths)
    if not raw.is_dir():
        console.print(f"[red]error:[/red] input folder {raw}/ does not exist")
        raise typer.Exit(ExitCode.INPUT_NOT_FOUND)
    inputs = discover_inputs(raw)
    if not inputs:
        console.print(f"[red]error:[/red] no .pdf or .txt files in {raw}/")
        raise typer.Exit(ExitCode.INPUT_NOT_FOUND)
    return inputs


def _report(results: list[DocumentResult]) -> NoReturn:
    """Print what became of each input and exit with the code that sums it up."""
    table = Table(title="ibidem")
    for column in ("input", "doc_id", "footnotes", "issues", "result"):
        table.add_column(column)
    for result in results:
        table.add_row(
            result.path,
            result.doc_id or "-",
            str(result.footnotes) if not result.failed else "-",
            str(result.issues) if not result.failed else "-",
            f"[red]failed: {result.error}[/red]" if result.failed else "written",
        )
    Console().print(table)
    for result in results:
        if result.failed:
            console.print(f"[red]error:[/red] {result.error}", soft_wrap=True)
    raise typer.Exit(ExitCode.DOCUMENTS_FAILED if any(r.failed for r in results) else ExitCode.OK)


if __name__ == "__main__":
    app()
