"""The `reportfacts` command line: run the flow, serve it on a schedule, rebuild the report, keep a server.

Habits every command keeps: results go to stdout, errors to stderr as one
line (`error: ...`); usage errors exit 2, a run that could not complete 1,
an output folder held by another run 3. Prefect and the pipeline are imported
only by the commands that need them, so `--version`, `--help` and usage
errors answer at once.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

import flows
from flows import progress, server
from flows.runners import Runner

if TYPE_CHECKING:  # rich is imported when the bar is made, not when the command line starts
    from rich.progress import TaskID

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None,
                  help="Turn industry reports into a validated dataset of their numbers.")
server_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                         help="A local Prefect server that stays up between runs (opt-in).")
app.add_typer(server_app, name="server")

RawOption = Annotated[Path, typer.Option("--raw", help="Folder of reports to read.")]
OutOption = Annotated[Path, typer.Option("--out", help="Folder the datasets and report are written to.")]
FullOption = Annotated[bool, typer.Option("--full", metavar="", help="Re-extract every file, ignoring the cache.")]
SynonymsOption = Annotated[Path | None, typer.Option(
    "--synonyms", exists=True, dir_okay=False, metavar="FILE",
    help="YAML file of subject and geography synonyms (default: the one shipped; see docs/reconciliation.md).")]

USAGE, FAILED, LOCKED = 2, 1, 3  # exit codes


def fail(message: str, code: int = FAILED) -> NoReturn:
    """One line on stderr, then exit with `code`."""
    typer.echo(f"error: {' '.join(message.split())}", err=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    typer.echo(f"warning: {' '.join(message.split())}", err=True)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"reportfacts {flows.version()}")
        raise typer.Exit()


@app.callback()
def options(version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True, metavar="",
                                                  help="Print the version and exit.")] = False) -> None:
    """Turn industry reports into a validated dataset of their numbers."""


def _check_raw(raw: Path) -> None:
    if raw.is_file():
        fail(f"--raw {raw} is a file: give the folder that holds the reports", USAGE)
    if not raw.is_dir():
        fail(f"the raw folder {raw} does not exist", USAGE)


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        fail(f"--out {out} is a file: give a folder for the datasets and report", USAGE)


@app.command()
def run(
    raw: RawOption = Path("raw"),
    out: OutOption = Path("output"),
    full: FullOption = False,
    time_limit: Annotated[float, typer.Option("--time-limit", min=0.0,
                                              help="Seconds one document may take (0: no limit).")] = 300.0,
    runner: Annotated[Runner, typer.Option("--runner", help="Run the per-document tasks in threads here "
                                                            "(local) or on a Dask cluster (dask).")] = Runner.local,
    dask_address: Annotated[str | None, typer.Option("--dask-address", help="Scheduler address of a running "
                                                     "Dask cluster (default: start a local one).")] = None,
    allow_empty: Annotated[bool, typer.Option("--allow-empty", help="Let an empty raw folder empty the "
                                                                    "datasets.")] = False,
    synonyms: SynonymsOption = None,
) -> None:
    """Extract new and changed reports in RAW and write the datasets and reconciliation report to OUT."""
    _check_raw(raw)
    _check_out(out)
    from flows import stopping

    stopping.install()  # SIGTERM and Ctrl-C stop the run within seconds, cleanly
    # The temporary API server starts first, to start up while the pipeline is imported, unless one is configured.
    api_url = server.use_configured_server()
    temporary = None if api_url else server.start_temporary_server()
    from extractors.loaders import SUPPORTED_SUFFIXES
    from store.inventory import list_raw

    listing = list_raw(raw)  # once, for the warning and the empty-folder check
    if not any(p.suffix.lower() in SUPPORTED_SUFFIXES for p in listing.files):
        warn(f"no reports in {raw} (read are {', '.join(sorted(SUPPORTED_SUFFIXES))}): the datasets will be empty")
    from flows.pipeline import extract_reports
    from flows.runners import task_runner
    from store.incremental import EmptyRawFolder, refuse_to_empty
    from store.lock import OutputLocked, output_lock

    _console_logs_off()
    try:
        flow = extract_reports.with_options(task_runner=task_runner(runner, dask_address))
        with output_lock(out):
            refuse_to_empty(raw, out, allow_empty, listing)  # before the flow, which would log a traceback
            if temporary is not None:
                server.wait_until_healthy(*temporary)
            with _progress_bar():
                summary = flow(raw_dir=raw, out_dir=out, full=full, time_limit=time_limit or None,
                               allow_empty=allow_empty, synonyms=synonyms)
    except OutputLocked as exc:
        fail(str(exc), LOCKED)
    except EmptyRawFolder as exc:
        fail(str(exc))
    except (OSError, RuntimeError, TimeoutError, ValueError) as exc:  # output folder, full disk, Dask cluster
        fail(f"the run could not complete: {_one_line(exc)}")
    _print_summary(summary, out, time.monotonic() - flows.STARTED)


class _Bar:
    """The progress listener: a rich progress bar on stderr, so stdout carries only the summary."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=Console(stderr=True), transient=False)
        self.task: TaskID | None = None

    def start(self, total: int) -> None:
        self.bar.start()  # drawn once the plan is known: a run that fails before shows only its error
        self.task = self.bar.add_task("Extracting", total=total)

    def advance(self, n: int) -> None:
        if self.task is not None:
            self.bar.advance(self.task, n)


class _progress_bar:
    def __enter__(self) -> None:
        self.listener = _Bar()
        progress.listen(self.listener)

    def __exit__(self, exc_type: object, *exc: object) -> None:
        progress.listen(None)
        if exc_type is not None:
            self.listener.bar.live.transient = True  # a failed run leaves only its one-line error
        self.listener.bar.stop()


def _print_summary(summary, out: Path, wall: float) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="reportfacts run", show_header=False)
    table.add_row("documents ok", str(summary.documents_ok))
    table.add_row("documents failed or skipped", str(len(summary.failures)))
    table.add_row("figures", str(summary.figures))
    table.add_row("tables", str(summary.tables))
    table.add_row("rankings", str(summary.rankings))
    table.add_row("findings", str(summary.findings))
    table.add_row("extracted by this run", str(summary.extracted))
    table.add_row("seconds", f"{summary.seconds:.1f}")
    # What the run cost beyond the flow itself: process start, imports, the Prefect API server.
    startup = max(0.0, wall - summary.seconds)
    table.add_row("seconds with start-up", f"{wall:.1f} (start-up {startup:.1f}, {startup / wall:.0%})")
    table.add_row("output", str(out))
    console = Console()
    console.print(table)
    for name, status, reason in summary.failures:
        console.print(f"  [yellow]{status}[/yellow] {escape(name)}: {escape(reason)}", markup=True, highlight=False)


def _one_line(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:300]


def _console_logs_off() -> None:
    """Nothing but the progress bar and the summary on the terminal: Prefect's console handler and its
    servers' and Dask's loggers are silenced (the run's INFO logs still reach the Prefect API)."""
    from prefect.logging.handlers import PrefectConsoleHandler

    for handler in logging.getLogger().handlers:
        if isinstance(handler, PrefectConsoleHandler):
            handler.setLevel(logging.CRITICAL + 1)
    for name in ("httpx", "uvicorn", "alembic", "distributed"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


def main() -> None:
    """The console script. While `reportfacts server start` is up, `run` is handed to its warm process."""
    import sys

    argv = sys.argv[1:]
    if argv[:1] == ["run"] and "--help" not in argv and _warm_process_applies():
        from flows import warm

        code = warm.run_in_warm_process(argv)
        if code is not None:
            sys.exit(code)
    code = run_command_line(argv)
    if argv[:1] == ["run"]:
        leave(code)
    sys.exit(code)


def leave(code: int) -> None:
    """Exit after the exit handlers (Prefect's last logs and events, the temporary server's stop) without
    tearing down every module a run imported, which takes seconds in a process this size."""
    import atexit
    import os
    import sys

    sys.stdout.flush()
    sys.stderr.flush()
    atexit._run_exitfuncs()
    os._exit(code)


def _warm_process_applies() -> bool:
    """True when this run would report to the recorded local server anyway (nothing else configured)."""
    local = server.recorded_server()
    return local is not None and local.warm_pid is not None and server.configured_api_url() == local.url


def run_command_line(argv: list[str]) -> int:
    """`reportfacts ARGV`'s exit code; click's own usage errors become one line on stderr, exit code 2."""
    from typer._click import exceptions as click  # typer ships its own copy of click

    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="reportfacts", standalone_mode=False)
    except click.NoArgsIsHelpError as exc:
        exc.show()
        code = USAGE
    except click.UsageError as exc:
        hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
        typer.echo(f"error: {' '.join(exc.format_message().split())}{hint}", err=True)
        code = USAGE
    except typer.Abort:  # typer's own, raised on end of input; its copy of click has none
        typer.echo("aborted", err=True)
        code = 130
    return code if isinstance(code, int) else 0


@app.command()
def report(out: OutOption = Path("output"), synonyms: SynonymsOption = None) -> None:
    """Rebuild the reconciliation report from the Parquet datasets already in OUT."""
    _check_out(out)
    if not (out / "documents.parquet").exists():  # a folder of parts, or one file from an older version
        fail(f"no datasets in {out}: run `reportfacts run --out {out}` first")
    from flows.reporting import rebuild_report
    from store.lock import OutputLocked, output_lock

    try:
        with output_lock(out):
            n = rebuild_report(out, synonyms)
    except OutputLocked as exc:
        fail(str(exc), LOCKED)
    except (OSError, ValueError) as exc:  # read-only folder, full disk, a synonyms or review file it cannot read
        fail(f"the report could not be written: {_one_line(exc)}")
    typer.echo(f"reconciliation report rebuilt in {out} ({n} findings)")


@app.command()
def serve(
    raw: RawOption = Path("raw"),
    out: OutOption = Path("output"),
    cron: Annotated[str | None, typer.Option("--cron", help="Cron schedule, e.g. '0 6 * * 1'.")] = None,
    interval: Annotated[float | None, typer.Option("--interval", min=1.0, help="Seconds between runs.")] = None,
    timezone: Annotated[str | None, typer.Option("--timezone", help="IANA time zone the cron schedule is "
                                                 "read in, e.g. 'Europe/Paris' (default: UTC).")] = None,
    name: Annotated[str, typer.Option("--name", help="Name of the deployment.")] = "scheduled",
) -> None:
    """Serve a Prefect deployment that re-runs the flow on a schedule (stop with Ctrl-C or SIGTERM).

    Needs a Prefect server that runs schedules: `reportfacts server start`, or PREFECT_API_URL set."""
    if (cron is None) == (interval is None):
        fail("give exactly one of --cron EXPR or --interval SECONDS", USAGE)
    _check_raw(raw)
    _check_out(out)
    url = server.use_configured_server()  # before Prefect is imported, which reads PREFECT_API_URL once
    from flows.serving import ScheduleError, schedule_of, serve_schedule

    try:
        schedule = schedule_of(cron, interval, timezone)
    except ScheduleError as exc:
        fail(str(exc), USAGE)
    if url is None:
        fail("serve needs a Prefect server that runs schedules (the temporary one does not): start one with "
             "`reportfacts server start` or set PREFECT_API_URL", USAGE)
    try:
        serve_schedule(raw, out, name=name, schedule=schedule, api_url=url,
                       when=f"cron {cron!r} ({timezone or 'UTC'})" if cron else f"every {interval:g} s")
    except (OSError, RuntimeError) as exc:
        fail(f"serving stopped: {_one_line(exc)}")


@server_app.command("start")
def server_start(port: Annotated[int, typer.Option("--port", help="Port of the server's API and UI.")] = 4200,
                 warm: Annotated[bool, typer.Option("--warm/--no-warm", help="Also keep a process with the pipeline "
                                                    "loaded that runs are handed to.")] = True) -> None:
    """Start a local Prefect server (API, UI, scheduler) that later runs and `serve` use until stopped."""
    try:
        local = server.start_local_server(port, warm)
    except (OSError, RuntimeError) as exc:
        fail(f"the Prefect server did not start: {_one_line(exc)}")
    warmth = f", warm process pid {local.warm_pid}" if local.warm_pid else ""
    typer.echo(f"Prefect server running at {local.url.removesuffix('/api')} (pid {local.pid}{warmth}, "
               f"log {local.log}); stop it with `reportfacts server stop`")


@server_app.command("stop")
def server_stop() -> None:
    """Stop the local Prefect server started by `reportfacts server start`."""
    stopped = server.stop_local_server()
    typer.echo(f"stopped the Prefect server (pid {stopped.pid})" if stopped else "no local Prefect server was running")


@server_app.command("status")
def server_status() -> None:
    """Say which Prefect API runs report to."""
    url = server.configured_api_url()
    typer.echo(f"runs report to {url}" if url else "no server configured: each run starts a temporary one")
