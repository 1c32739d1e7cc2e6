"""The reportfacts pipeline as a Prefect flow, and its command line.

Prefect settings are given defaults here, before Prefect is imported: an
embedded temporary server, no analytics (there is no network), the runs' own
logs at INFO for the Prefect API (and its UI), and only warnings on the
console so a successful run shows the progress bar and the summary, not
orchestration logs.
"""

import os
import time

STARTED = time.monotonic()  # the first of our code a command runs: the run summary's start-up share counts from here

for _key, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL": "INFO",
    "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL": "INFO",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    "PREFECT_LOGGING_SERVER_LEVEL": "ERROR",
    "PREFECT_SERVER_LOGGING_LEVEL": "ERROR",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_CLI_PROMPT": "false",
    "DASK_LOGGING__DISTRIBUTED": "error",
}.items():
    os.environ.setdefault(_key, _value)


def version() -> str:
    """The installed distribution's version (a source checkout without an install says so)."""
    from importlib.metadata import PackageNotFoundError, version as installed

    try:
        return installed("reportfacts")
    except PackageNotFoundError:
        return "unknown (not installed)"
