"""The `reportfacts` command line: run the flow, serve it on a schedule, rebuild the report."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import flows  # noqa: F401 - sets Prefect's defaults before Prefect is imported
from flows import progress

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
) -> None:
    """Extract every report in RAW and write the datasets and reconciliation report to OUT."""
    if not raw.is_dir():
        console.print(f"[red]error:[/red] the raw folder {raw} does not exist")
        raise typer.Exit(2)
    from flows.pipeline import extract_reports

    _quiet_logs()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=False) as bar:
        progress.listen(_Bar(bar))
        try:
            summary = extract_reports(raw_dir=raw, out_dir=out, full=full)
        finally:
            progress.listen(None)
    _print_summary(summary, out)


def _print_summary(summary, out: Path) -> None:
    table = Table(title="reportfacts run", show_header=False)
    table.add_row("documents ok", str(summary.documents_ok))
    table.add_row("documents failed or skipped", str(len(summary.failures)))
    table.add_row("figures", str(summary.figures))
    table.add_row("tables", str(summary.tables))
    table.add_row("rankings", str(summary.rankings))
    table.add_row("findings", str(summary.findings))
    table.add_row("seconds", f"{summary.seconds:.1f}")
    table.add_row("output", str(out))
    console.print(table)
    for name, status, reason in summary.failures:
        console.print(f"  [yellow]{status}[/yellow] {name}: {reason}", markup=True, highlight=False)


def _quiet_logs() -> None:
    for name in ("prefect", "httpx", "uvicorn", "alembic", "distributed"):
        logging.getLogger(name).setLevel(logging.ERROR)


def main() -> None:
    app()


@app.command()
def report(out: OutOption = Path("output")) -> None:
    """Rebuild the reconciliation report from the Parquet datasets already in OUT."""
    from flows.reporting import rebuild_report

    n = rebuild_report(out)
    console.print(f"reconciliation report rebuilt in {out} ({n} findings)")
