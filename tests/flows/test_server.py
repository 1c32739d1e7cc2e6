"""`reportfacts server start|stop` and the warm process runs are handed to, as a user's shell runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pandas as pd
import pytest

from flows.server import free_port, is_alive
from tests.conftest import RAW

pytestmark = pytest.mark.slow


def test_runs_report_to_the_local_server_through_its_warm_process(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "home")

    def reportfacts(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "flows", *args], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=300)

    started = reportfacts("server", "start", "--port", str(free_port()))
    state = json.loads((tmp_path / "home" / "reportfacts-server.json").read_text())
    try:
        assert started.returncode == 0, started.stderr
        assert state["warm_pid"] and is_alive(state["warm_pid"]) and is_alive(state["pid"])
        assert reportfacts("server", "status").stdout.strip() == f"runs report to {state['url']}"

        run = reportfacts("run", "--raw", str(RAW), "--out", "out")
        assert run.returncode == 0, run.stderr
        assert "documents ok" in run.stdout and "Traceback" not in run.stderr
        assert set(pd.read_parquet(tmp_path / "out" / "documents.parquet")["status"]) == {"ok"}
        # handed over: the warm process's child ran it, and it is a flow run of the local server with INFO logs
        runs = httpx.post(f"{state['url']}/flow_runs/filter", json={}, timeout=10).json()
        assert [r["state_type"] for r in runs if r["name"]] == ["COMPLETED"]
        logs = httpx.post(f"{state['url']}/logs/filter", json={"limit": 200}, timeout=10).json()
        assert any(log["message"].startswith("planned: 5 documents to extract") for log in logs)
        # a usage error found by the warm child is still one line and exit code 2
        missing = reportfacts("run", "--raw", str(tmp_path / "missing"))
        assert missing.returncode == 2 and missing.stderr.strip().startswith("error: the raw folder")
    finally:
        stopped = reportfacts("server", "stop")
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and (is_alive(state["pid"]) or is_alive(state["warm_pid"])):
        time.sleep(0.2)
    assert not is_alive(state["pid"]) and not is_alive(state["warm_pid"])
    assert reportfacts("server", "status").stdout.startswith("no server configured")


def test_a_dead_warm_process_is_not_handed_runs(tmp_path: Path, monkeypatch):
    from flows import server

    home = tmp_path / "home"
    home.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    # the recorded "server" is this test's own (living) process; its warm process has exited
    (home / "reportfacts-server.json").write_text(json.dumps(
        {"pid": os.getpid(), "url": "http://127.0.0.1:9/api", "log": "", "warm_pid": dead.pid}))
    monkeypatch.setenv("PREFECT_HOME", str(home))
    assert server.recorded_server().url == "http://127.0.0.1:9/api"
    assert server.recorded_server().warm_pid is None
