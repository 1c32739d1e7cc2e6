"""Where the per-document tasks run: a worker thread in this process, or a Dask cluster.

The local runner runs one batch at a time in one worker thread: extraction is
CPU-bound Python that holds the GIL, so more threads only queue for it, and
their switching slowed a 2,000-document run by a fifth (87.9 s against 103.6 s
with Prefect's default of a thread per task). Use Dask for parallel extraction.

`dask` without an address starts a LocalCluster of worker processes (one
thread each, since extraction is CPU-bound Python); with an address it uses
that running cluster, whose workers must see the same raw and output paths
and have reportfacts installed.

Dask workers report their task runs to the Prefect API, so they must reach
the flow's API: the URL in use (a test harness's, a `prefect server start`)
is exported for the worker processes; with none configured, the temporary
server Prefect would start on demand is started now and its URL exported,
so the workers do not each start one of their own.
"""

from __future__ import annotations

import logging
import os
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Prefect is imported when a runner is made, not when the command line starts
    from prefect.task_runners import TaskRunner


LOCAL_THREADS = 1


class Runner(str, Enum):
    local = "local"
    dask = "dask"


def task_runner(runner: Runner | str = Runner.local, dask_address: str | None = None,
                workers: int | None = None) -> TaskRunner[Any]:  # thread or Dask futures, as the flow takes either
    from prefect.task_runners import ThreadPoolTaskRunner

    if Runner(runner) is Runner.local:
        return ThreadPoolTaskRunner(max_workers=LOCAL_THREADS)
    from prefect_dask import DaskTaskRunner

    share_api_with_workers()
    if dask_address:
        return DaskTaskRunner(address=dask_address)
    # silence_logs: the workers' own logging, which prints tracebacks of heartbeats cut off when the
    # cluster shuts down after a successful run; task errors still reach the flow through Prefect.
    return DaskTaskRunner(cluster_kwargs={"n_workers": workers or os.cpu_count() or 1, "processes": True,
                                         "threads_per_worker": 1, "dashboard_address": None,
                                         "silence_logs": logging.CRITICAL})


def share_api_with_workers() -> str:
    """The Prefect API URL, set in the environment that worker processes inherit."""
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    if not url:
        from prefect.server.api.server import SubprocessASGIServer

        server = SubprocessASGIServer()
        server.start()
        url = server.api_url
    os.environ["PREFECT_API_URL"] = url
    return url

