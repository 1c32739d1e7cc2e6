"""`reportfacts serve` against a real `prefect server start`: a scheduled run completes and writes output.

Everything is started here as its own process group and stopped here by that pid; every wait is bounded.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pandas as pd
import pytest

from flows.server import free_port
from tests.conftest import RAW, ROOT

pytestmark = pytest.mark.slow


@contextmanager
def _started(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    with log.open("wb") as sink:
        process = subprocess.Popen(args, env=env, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        yield process
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)  # the group we started: the server's or the runner's children too
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _wait_for(condition: Callable[[], bool], seconds: float, what: str, logs: list[Path]) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except (httpx.HTTPError, OSError):
            pass
        time.sleep(1.0)
    tails = "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in logs if p.exists())
    pytest.fail(f"timed out after {seconds:.0f} s waiting for {what}\n{tails}")


def _completed_runs(api: str) -> list[dict]:
    body = {"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}
    return httpx.post(f"{api}/flow_runs/filter", json=body, timeout=10).json()


def test_a_served_deployment_runs_on_its_interval_and_writes_output(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    shutil.copytree(RAW, raw)
    api = f"http://127.0.0.1:{free_port()}/api"
    env = {**os.environ, "PREFECT_API_URL": api, "PREFECT_HOME": str(tmp_path / "prefect-home"),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false",
           # schedule and pick up runs within seconds, not the default minute
           "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2", "PREFECT_RUNNER_POLL_FREQUENCY": "2"}
    server_log, serve_log = tmp_path / "server.log", tmp_path / "serve.log"
    port = api.rsplit(":", 1)[1].split("/")[0]
    server_cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", port]
    with _started(server_cmd, env, server_log):
        _wait_for(lambda: httpx.get(f"{api}/health", timeout=5).status_code == 200, 120, "the Prefect server",
                  [server_log])
        serve_cmd = [sys.executable, "-m", "flows", "serve", "--raw", str(raw), "--out", str(out), "--interval", "10"]
        with _started(serve_cmd, env, serve_log):
            _wait_for(lambda: any(r["deployment_id"] for r in _completed_runs(api)), 300,
                      "a completed scheduled run", [server_log, serve_log])
        assert {r["flow_id"] for r in _completed_runs(api)}  # read while the server still runs
    documents = pd.read_parquet(out / "documents.parquet")
    assert len(documents) == 5 and set(documents["status"]) == {"ok"}
    assert (out / "reconciliation.md").read_text(encoding="utf-8").startswith("# ")
