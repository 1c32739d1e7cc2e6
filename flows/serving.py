"""`reportfacts serve`: a Prefect deployment of the flow, on a cron or interval schedule, served here.

A Prefect `Runner` polls the server for due runs and runs each in a child
process, whose output it passes through: the scheduled flow prints one line
per run. SIGTERM stops serving as Ctrl-C does (Prefect's own SIGTERM handler
calls the runner's stop from inside its event loop, where the coroutine it
gets back is never awaited).
"""

from __future__ import annotations

import datetime
import signal
import sys
from pathlib import Path
from typing import Any

DESCRIPTION = ("Reads the reports in the raw folder, extracts the figures, tables and rankings of new and "
               "changed files, and rewrites the Parquet datasets and the reconciliation report in the output "
               "folder. Parameters: raw_dir, out_dir, full (re-extract everything), time_limit (seconds per "
               "document).")


class ScheduleError(ValueError):
    """A cron expression, interval or time zone Prefect cannot schedule."""


def schedule_of(cron: str | None, interval: float | None, timezone: str | None) -> Any:
    """The Prefect schedule for the options given; ScheduleError with a one-line reason when invalid."""
    from prefect.client.schemas.schedules import CronSchedule, IntervalSchedule

    try:
        if cron is not None:
            return CronSchedule(cron=cron, timezone=timezone)
        return IntervalSchedule(interval=datetime.timedelta(seconds=float(interval or 0)), timezone=timezone)
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        reason = next((str(e.get("msg", "")) for e in getattr(exc, "errors", lambda: [])()), str(exc))
        what = f"--cron {cron!r}" if cron is not None else f"--interval {interval}"
        zone = f" in time zone {timezone!r}" if timezone else ""
        raise ScheduleError(f"{what}{zone} cannot be scheduled: {reason}") from None


def serve_schedule(raw: Path, out: Path, *, name: str, schedule: Any, api_url: str, when: str) -> None:
    """Serve the scheduled flow on `schedule` (from `schedule_of`) until Ctrl-C or SIGTERM."""
    import asyncio

    from prefect.runner import Runner

    from flows.pipeline import scheduled_extract

    class QuietStopRunner(Runner):
        stop_requested = False

        def handle_sigterm(self, *args: Any, **kwargs: Any) -> None:
            """SIGTERM and SIGINT: stop polling and leave `start()` in order, from inside the event loop."""
            if self.stop_requested:
                raise KeyboardInterrupt  # a second signal: stop now
            self.stop_requested = True
            loop = asyncio.get_running_loop()
            loop.call_soon_threadsafe(lambda: loop.create_task(self.astop()))

    # limit=1: runs that come due while one is running wait for it instead of piling up
    runner = QuietStopRunner(name=name, limit=1)
    parameters = {"raw_dir": str(raw.resolve()), "out_dir": str(out.resolve())}
    runner.add_flow(scheduled_extract, name=name, schedules=[schedule], parameters=parameters,
                    description=DESCRIPTION)
    print(f"serving '{scheduled_extract.name}/{name}' {when}, reporting to {api_url}; "
          "stop with Ctrl-C", flush=True)
    signal.signal(signal.SIGINT, runner.handle_sigterm)  # Ctrl-C as SIGTERM (the runner sets that one itself)
    try:
        asyncio.run(runner.start())
    except KeyboardInterrupt:
        pass
    print("stopped serving", file=sys.stderr, flush=True)
