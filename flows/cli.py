"""The `ibidem` command line: `ibidem run` over raw/, `ibidem rerun` for one document.

Exit codes are stable, so scripts and schedulers can act on them (see `ExitCode`).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from cleaners.pipeline import doc_id_for

from .errors import ErrorKind, ExitCode, exit_code, kind_of, machine_refusal
from .limits import DEFAULT_LIMITS
from .settings import CACHE_DIR, CORES
from .stopping import ignore_ctrl_c, stops_on_signals

if TYPE_CHECKING:
    from .document import DocumentResult

app = typer.Typer(
    name="ibidem",
    help="Turn raw UN documents (PDFs, text dumps) into canonical text with linked footnotes.",
    no_args_is_help=True,
    add_completion=False,
    # `-h` as well as `--help`, on every command (Click's subcommands inherit the names).
    context_settings={"help_option_names": ["-h", "--help"]},
)
console = Console(stderr=True)


def _print_version(asked: bool) -> None:
    if asked:
        typer.echo(f"ibidem {metadata.version('ibidem')}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print ibidem's version and exit.",
        ),
    ] = False,
) -> None:
    """Turn raw UN documents (PDFs, text dumps) into canonical text with linked footnotes."""


RawOption = Annotated[Path, typer.Option("--raw", help="Folder of input documents.")]
OutOption = Annotated[Path, typer.Option("--out", help="Folder for clean outputs.")]
ReviewOption = Annotated[
    Path, typer.Option("--review", help="Folder of editor decisions (<doc_id>.yaml).")
]


CacheOption = Annotated[
    Path, typer.Option("--cache", help="Folder of the page cache (PDF pages read once).")
]
WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers", min=1, help="Processes that clean documents side by side; default: all cores."
    ),
]


@app.command()
def run(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Input files; default: everything in --raw.")
    ] = None,
    raw: RawOption = Path("raw"),
    out: OutOption = Path("clean"),
    review: ReviewOption = Path("review"),
    cache: CacheOption = CACHE_DIR,
    force: Annotated[
        bool, typer.Option("--force", help="Clean every input again, changed or not.")
    ] = False,
    only_failed: Annotated[
        bool, typer.Option("--only-failed", help="Clean only the inputs that failed last time.")
    ] = False,
    workers: WorkersOption = CORES,
    time_limit: Annotated[
        float,
        typer.Option(
            "--time-limit",
            min=0,
            help="Seconds one document may take in its worker before it fails alone; 0: none.",
        ),
    ] = DEFAULT_LIMITS.seconds or 0,
    memory_limit: Annotated[
        int,
        typer.Option(
            "--memory-limit",
            min=0,
            help="MB of memory one document may take in its worker before it fails alone; 0: none.",
        ),
    ] = DEFAULT_LIMITS.megabytes or 0,
    dask_address: Annotated[
        str | None,
        typer.Option(
            "--dask-address",
            help="Run the documents on this Dask cluster (tcp://host:8786) instead.",
        ),
    ] = None,
) -> None:
    """Clean the documents in --raw (or the given files) that changed since the last run into
    --out, with the QA index."""
    _check_folders(raw, out)
    inputs = _inputs(paths, raw)
    if force and only_failed:
        console.print("[red]error:[/red] --force and --only-failed exclude each other")
        raise typer.Exit(ExitCode.USAGE)
    from .batch import batch_flow
    from .server import temporary_api

    flow = batch_flow.with_options(task_runner=task_runner(workers, dask_address))
    with stops_on_signals(), _exit_on_run_errors(), temporary_api():
        results = flow(
            inputs if paths else None,
            out,
            review,
            raw_dir=raw,
            cache_dir=cache,
            force=force,
            only_failed=only_failed,
            workers=workers,
            time_limit=time_limit or None,
            memory_limit=memory_limit or None,
        )
    _report(results, out)


@contextmanager
def _exit_on_run_errors() -> Iterator[None]:
    """A Prefect server that cannot be started or reached ends the command with exit 6;
    another run writing the same output folder, with exit 7; the machine refusing to write
    the batch's own files (the index, the manifest: disk full, read-only), with exit 8."""
    from .lock import OutputsBusy
    from .server import ServerError

    try:
        yield
    except ServerError as error:
        console.print(f"[red]error:[/red] {error}", soft_wrap=True)
        raise typer.Exit(ExitCode.SERVER_FAILED) from error
    except OutputsBusy as error:
        console.print(f"[red]error:[/red] {error}", soft_wrap=True)
        raise typer.Exit(ExitCode.OUTPUTS_BUSY) from error
    except OSError as error:
        if kind_of(error) is not ErrorKind.ENVIRONMENT:
            raise
        _environment_error(error, "the run stopped")


def _environment_error(error: OSError, what: str) -> NoReturn:
    said = machine_refusal(error, what) or f"{what}: {error}"
    console.print(f"[red]error:[/red] {said}", soft_wrap=True)
    raise typer.Exit(ExitCode.ENVIRONMENT) from error


def task_runner(workers: int, dask_address: str | None = None):
    """Where a batch's documents are cleaned: on a Dask cluster; in `workers` processes; or,
    with one worker, in this process (no process to start, nothing to pickle)."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

    if workers == 1:
        return ThreadPoolTaskRunner(1)
    return ProcessPoolTaskRunner(max_workers=workers, initializer=ignore_ctrl_c)


@app.command()
def rerun(
    target: Annotated[str, typer.Argument(help="A UN symbol (A/RES/78/228) or a file path.")],
    raw: RawOption = Path("raw"),
    out: OutOption = Path("clean"),
    review: ReviewOption = Path("review"),
) -> None:
    """Clean one document of --raw again, found by its path or its UN symbol."""
    from .inputs import refusal

    _check_folders(raw, out)
    path = find_input(target, raw, out)
    if path is None:
        console.print(
            f"[red]error:[/red] no input found for {target!r}: not a file, not a symbol of a "
            f"document in {out}/, and no {doc_id_for(target, Path(target))}.pdf/.txt in {raw}/."
        )
        raise typer.Exit(ExitCode.INPUT_NOT_FOUND)
    refused = refusal(path, raw)
    if refused is not None:
        console.print(f"[red]error:[/red] {refused}", soft_wrap=True)
        raise typer.Exit(ExitCode.INPUT_NOT_FOUND)
    from .document import document_flow, failure_result
    from .lock import OutputsBusy
    from .server import temporary_api

    with stops_on_signals(), _exit_on_run_errors(), temporary_api():
        state = document_flow(path, out, review, raw_dir=raw, return_state=True)
        outcome = state.result(raise_on_failure=False)
        if isinstance(outcome, OutputsBusy):
            raise outcome
    if state.is_failed():
        _report([failure_result(path, outcome)], out)
    _report([outcome], out)


@app.command()
def serve(
    cron: Annotated[
        str, typer.Option("--cron", help="When the batch runs, as a cron line (server's time).")
    ] = "0 2 * * *",
    raw: RawOption = Path("raw"),
    out: OutOption = Path("clean"),
    review: ReviewOption = Path("review"),
    cache: CacheOption = CACHE_DIR,
    port: Annotated[
        int, typer.Option("--port", help="Port of the local Prefect server (and its UI).")
    ] = 4200,
) -> None:
    """Run the batch on a schedule, and one-document reruns on demand, until stopped.

    Uses the Prefect server PREFECT_API_URL names or, when none is, starts one on 127.0.0.1
    with its database under .prefect/ (its UI shows the runs and their QA).
    """
    from prefect import serve as serve_deployments

    from .batch import batch_flow
    from .document import document_flow
    from .server import local_server

    folders = {"out_dir": str(out), "review_dir": str(review), "cache_dir": str(cache)}
    try:
        nightly = batch_flow.to_deployment(
            name="nightly", cron=cron, parameters={**folders, "raw_dir": str(raw)}
        )
    except ValueError as error:
        console.print(f"[red]error:[/red] --cron {cron!r} is not a cron line: {error}")
        raise typer.Exit(ExitCode.USAGE) from error
    rerun = document_flow.to_deployment(name="rerun", parameters={**folders, "raw_dir": str(raw)})
    log = Path(os.environ["PREFECT_HOME"]) / "server.log"
    with stops_on_signals(), _exit_on_run_errors(), local_server(port, log) as api:
        print(f"Prefect API: {api} (server log: {log})", flush=True)
        print(
            f"batch: ibidem-batch/nightly at {cron!r}; rerun one document with:\n"
            "  prefect deployment run ibidem-document/rerun --param path=raw/<file>",
            flush=True,
        )
        serve_deployments(nightly, rerun)


@app.command("review")
def review_command(
    target: Annotated[str, typer.Argument(help="A UN symbol, a doc_id or an input file.")],
    out: OutOption = Path("clean"),
    review: ReviewOption = Path("review"),
    open_report: Annotated[
        bool, typer.Option("--open", help="Open the QA report in the web browser.")
    ] = False,
) -> None:
    """Show where a document's QA report is, and write its review file with every open
    question listed (or check the one an editor has written)."""
    from cleaners.review import ReviewFileError, load_decisions, review_path, starter_file

    found = find_record(target, out)
    if found is None:
        console.print(
            f"[red]error:[/red] no cleaned document {target!r} in {out}/; "
            f"run `ibidem rerun {target}` first."
        )
        raise typer.Exit(ExitCode.INPUT_NOT_FOUND)
    record_path, record = found
    report = record_path.with_name(f"{record['doc_id']}.qa.html")
    decisions = review_path(review, record["doc_id"])
    print(f"report: {report.resolve().as_uri()}")
    if decisions.exists():
        try:
            loaded = load_decisions(decisions)
        except ReviewFileError as error:
            console.print(f"[red]error:[/red] {error}", soft_wrap=True)
            raise typer.Exit(ExitCode.REVIEW_FILE_INVALID) from error
        print(f"review file: {decisions} ({len(loaded)} decisions; valid)")
    else:
        from cleaners.canonical import write_atomic

        try:
            decisions.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(decisions, starter_file(record))
        except OSError as error:
            _environment_error(error, f"cannot write the review file {decisions}")
        print(f"review file: {decisions} (new: every open question is listed, commented out)")
    print(f"apply the decisions with: ibidem rerun {record['doc_id']}")
    if open_report:
        import webbrowser

        webbrowser.open(report.resolve().as_uri())


def find_record(target: str, out: Path) -> tuple[Path, dict] | None:
    """The JSON record in `out` whose doc_id, symbol or source file is `target`.  Only a valid
    document record counts: the batch's own files, or a file put there by hand, are skipped."""
    from cleaners.canonical import InvalidRecord, validate

    doc_id = doc_id_for(target, Path(target))
    source = Path(target).resolve() if Path(target).is_file() else None
    if not out.is_dir():
        return None
    for record_path in sorted(out.glob("*.json")):
        try:
            record = json.loads(record_path.read_text("utf-8"))
            if not isinstance(record, dict):
                continue
            validate(record)
        except (OSError, ValueError, InvalidRecord, RecursionError):
            continue
        if (
            doc_id == record.get("doc_id")
            or target == record.get("metadata", {}).get("symbol")
            or (source is not None and Path(record["source"]["path"]).resolve() == source)
        ):
            return record_path, record
    return None


def find_input(target: str, raw: Path, out: Path) -> Path | None:
    """A file path as given; else the source of the output whose symbol or doc_id is `target`;
    else the input in `raw` named after that doc_id."""
    as_path = Path(target)
    if as_path.is_file():
        return as_path
    found = find_record(target, out)
    if found is not None and Path(found[1]["source"]["path"]).is_file():
        return Path(found[1]["source"]["path"])
    doc_id = doc_id_for(target, as_path)
    for suffix in (".pdf", ".txt"):
        candidate = raw / f"{doc_id}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def _check_folders(raw: Path, out: Path) -> None:
    """Refuse overlapping folders (exit 2) and an output folder the machine will not let
    ibidem write (exit 8), before any document is read."""
    from .inputs import FolderError, check_folders, check_writable

    try:
        check_folders(raw, out)
    except FolderError as error:
        console.print(f"[red]error:[/red] {error}", soft_wrap=True)
        raise typer.Exit(ExitCode.USAGE) from error
    try:
        check_writable(out)
    except OSError as error:
        _environment_error(error, f"cannot write to {out}/")


def _inputs(paths: list[Path] | None, raw: Path) -> list[Path]:
    from .inputs import discover_inputs

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


def _report(results: list[DocumentResult], out: Path) -> NoReturn:
    """Print what became of each input and exit with the code that sums it up.

    The table lists what this run cleaned and every input that is not clean; inputs left
    unchanged and clean are only counted, so a nightly run over thousands stays readable."""
    table = Table(title="ibidem")
    for column in ("input", "doc_id", "footnotes", "issues", "this run", "status"):
        table.add_column(column)
    for result in results:
        if result.action == "unchanged" and result.status == "clean":
            continue
        table.add_row(
            result.path,
            result.doc_id or "-",
            str(result.footnotes) if not result.failed else "-",
            str(result.issues) if not result.failed else "-",
            result.action,
            f"[red]failed: {result.error}[/red]" if result.failed else result.status,
        )
    counts = Counter(result.action for result in results)
    failed = sum(result.failed for result in results)
    failed_before = failed - counts["failed"]
    stdout = Console()
    if table.row_count:
        stdout.print(table)
    stdout.print(
        f"{len(results) - counts['removed']} inputs: {counts['cleaned']} cleaned, "
        f"{counts['failed']} failed, {counts['unchanged']} unchanged"
        + (f" ({failed_before} of them failed before)" if failed_before else "")
        + f"; {counts['removed']} removed",
        soft_wrap=True,
    )
    stdout.print(f"QA: {(out / 'index.html').resolve().as_uri()}", soft_wrap=True)
    for result in results:
        if result.failed:
            console.print(f"[red]error:[/red] {result.error}", soft_wrap=True)
        elif result.action == "removed":
            console.print(
                f"[yellow]warning:[/yellow] {result.path} is gone; its outputs in {out}/ are "
                "kept (delete them if it was removed on purpose)",
                soft_wrap=True,
            )
    kinds = [ErrorKind(result.error_kind or ErrorKind.INPUT) for result in results if result.failed]
    stopped = getattr(results, "stopped", None)  # the batch's own files (`batch.BatchResults`)
    if stopped:
        console.print(f"[red]error:[/red] {stopped}", soft_wrap=True)
        kinds.append(ErrorKind.ENVIRONMENT)
    raise typer.Exit(exit_code(kinds))


if __name__ == "__main__":
    app()
