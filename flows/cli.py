"""The `reportfacts` command line: run the flow, serve it on a schedule, rebuild the report."""

from __future__ import annotations

import logging
import signal
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import flows  # noqa: F401 - sets Prefect's defaults before Prefect is imported
from flows import progress
from flows.runners import Runner, task_runner

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn industry reports into a validated dataset of their numbers.")
console = Console(stderr=False)

RawOption = Annotated[Path, typer.Option("--raw", help="Folder of reports to read.")]
OutOption = Annotated[Path, typer.Option("--out", help="Folder the datasets and report are written to.")]


class _Bar:
    def __init__(self, bar: Progress) -> None:
        self.bar, self.task = bar, None

    def start(self, total: int) -> None:
        self.task = self.bar.add_task("Extracting", total=total)

    def advance(self, n: int) -> None:
        if self.task is not None:
            self.bar.advance(self.task, n)


@app.command()
def run(
    raw: RawOption = Path("raw"),
    out: OutOption = Path("output"),
    full: Annotated[bool, typer.Option("--full", help="Re-extract every file, ignoring the cache.")] = False,
    time_limit: Annotated[float, typer.Option("--time-limit", min=0.0,
                                              help="Seconds one document may take (0: no limit).")] = 300.0,
    runner: Annotated[Runner, typer.Option("--runner", help="Run the per-document tasks in threads here "
                                                            "(local) or on a Dask cluster (dask).")] = Runner.local,
    dask_address: Annotated[str | None, typer.Option("--dask-address", help="Scheduler address of a running "
                                                     "Dask cluster (default: start a local one).")] = None,
    allow_empty: Annotated[bool, typer.Option("--allow-empty", help="Let an empty raw folder empty the "
                                                                    "datasets.")] = False,
) -> None:
    """Extract new and changed reports in RAW and write the datasets and reconciliation report to OUT."""
    if not raw.is_dir():
        console.print(f"[red]error:[/red] the raw folder {raw} does not exist")
        raise typer.Exit(2)
    from flows import stopping
    from flows.pipeline import extract_reports
    from store.incremental import EmptyRawFolder, refuse_to_empty
    from store.lock import OutputLocked, output_lock

    _quiet_logs()
    stopping.install()  # SIGTERM and Ctrl-C stop the run within seconds, cleanly
    try:
        with output_lock(out):
            refuse_to_empty(raw, out, allow_empty)  # before the flow, which would log a traceback
            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          console=console, transient=False) as bar:
                progress.listen(_Bar(bar))
                try:
                    flow = extract_reports.with_options(task_runner=task_runner(runner, dask_address))
                    summary = flow(raw_dir=raw, out_dir=out, full=full, time_limit=time_limit or None,
                                   allow_empty=allow_empty)
                finally:
                    progress.listen(None)
    except OutputLocked as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(3) from None
    except EmptyRawFolder as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(1) from None
    except (OSError, RuntimeError, TimeoutError) as exc:  # the run itself failed: output folder, Dask cluster
        console.print(f"[red]error:[/red] the run could not complete: {escape(_one_line(exc))}")
        raise typer.Exit(1) from None
    _print_summary(summary, out)


def _print_summary(summary, out: Path) -> None:
    table = Table(title="reportfacts run", show_header=False)
    table.add_row("documents ok", str(summary.documents_ok))
    table.add_row("documents failed or skipped", str(len(summary.failures)))
    table.add_row("figures", str(summary.figures))
    table.add_row("tables", str(summary.tables))
    table.add_row("rankings", str(summary.rankings))
    table.add_row("findings", str(summary.findings))
    table.add_row("extracted by this run", str(summary.extracted))
    table.add_row("seconds", f"{summary.seconds:.1f}")
    table.add_row("output", str(out))
    console.print(table)
    for name, status, reason in summary.failures:
        console.print(f"  [yellow]{status}[/yellow] {escape(name)}: {escape(reason)}", markup=True, highlight=False)


def _one_line(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:300]


def _quiet_logs() -> None:
    for name in ("prefect", "httpx", "uvicorn", "alembic", "distributed"):
        logging.getLogger(name).setLevel(logging.ERROR)


def main() -> None:
    app()


@app.command()
def report(out: OutOption = Path("output")) -> None:
    """Rebuild the reconciliation report from the Parquet datasets already in OUT."""
    from flows.reporting import rebuild_report
    from store.lock import OutputLocked, output_lock

    try:
        with output_lock(out):
            n = rebuild_report(out)
    except OutputLocked as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(3) from None
    console.print(f"reconciliation report rebuilt in {out} ({n} findings)")


@app.command()
def serve(
    raw: RawOption = Path("raw"),
    out: OutOption = Path("output"),
    cron: Annotated[str | None, typer.Option("--cron", help="Cron schedule, e.g. '0 6 * * 1'.")] = None,
    interval: Annotated[float | None, typer.Option("--interval", min=1.0, help="Seconds between runs.")] = None,
    name: Annotated[str, typer.Option("--name", help="Name of the deployment.")] = "scheduled",
) -> None:
    """Serve a Prefect deployment that re-runs the flow on a schedule (stop with Ctrl-C)."""
    if (cron is None) == (interval is None):
        console.print("[red]error:[/red] give exactly one of --cron EXPR or --interval SECONDS")
        raise typer.Exit(2)
    if not raw.is_dir():
        console.print(f"[red]error:[/red] the raw folder {raw} does not exist")
        raise typer.Exit(2)
    from flows.pipeline import scheduled_extract

    _quiet_logs()
    parameters = {"raw_dir": str(raw.resolve()), "out_dir": str(out.resolve())}
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` stops serving as Ctrl-C does, quietly
    try:
        # limit=1: runs that come due while one is running wait for it instead of piling up
        scheduled_extract.serve(name=name, cron=cron, interval=interval, parameters=parameters, limit=1,
                                print_starting_message=True)
    except KeyboardInterrupt:
        console.print("stopped serving")
