"""Which Prefect API a run talks to, and starting one.

Three cases, in this order:

1. `PREFECT_API_URL` is set (a `prefect server start`, Prefect Cloud, a test
   harness): it is used as it is.
2. `reportfacts server start` left a local Prefect server running (its URL is
   recorded in `$PREFECT_HOME/reportfacts-server.json`): runs report to it, so
   they show in its UI, and no run pays for starting a server.
3. Neither: a temporary server is started for the run, the same one Prefect
   would start on its own first API call (`uvicorn prefect.server.api.server:create_app`
   with `PREFECT__SERVER_EPHEMERAL`, which runs no background services), but
   started by the command line before it imports the pipeline, so the two
   overlap instead of following one another.

Only (1) and (2) run schedules: the temporary server has no scheduler, so
`serve` refuses to run on it.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path

STARTUP_TIMEOUT = 60.0  # seconds a server may take to answer /health (a cold database is migrated first)


@dataclass(frozen=True)
class LocalServer:
    pid: int
    url: str  # the API URL, ending in /api
    log: str
    warm_pid: int | None = None  # the warm process `run` hands its work to (flows.warm)


def prefect_home() -> Path:
    return Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser()


def state_file() -> Path:
    return prefect_home() / "reportfacts-server.json"


def recorded_server() -> LocalServer | None:
    """The server `reportfacts server start` left running, if its process is still alive."""
    try:
        data = json.loads(state_file().read_text(encoding="utf-8"))
        warm = int(data["warm_pid"]) if data.get("warm_pid") else None
        server = LocalServer(int(data["pid"]), str(data["url"]), str(data.get("log", "")), warm)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not is_alive(server.pid):
        return None
    return server if server.warm_pid is None or is_alive(server.warm_pid) else replace(server, warm_pid=None)


def configured_api_url() -> str | None:
    """The API URL a run will use without starting a server: PREFECT_API_URL (from the environment, the
    active Prefect profile, or Prefect's settings when it is already imported), else a recorded local server."""
    url = os.environ.get("PREFECT_API_URL") or _profile_api_url()
    if not url and "prefect.context" in sys.modules:  # imported already (a test harness): ask Prefect
        from prefect.settings import PREFECT_API_URL

        url = PREFECT_API_URL.value()
    if url:
        return url
    server = recorded_server()
    return server.url if server else None


def _profile_api_url() -> str | None:
    """PREFECT_API_URL of the active Prefect profile (`prefect config set`), read without importing Prefect."""
    import tomllib

    path = Path(os.environ.get("PREFECT_PROFILES_PATH") or prefect_home() / "profiles.toml").expanduser()
    try:
        profiles = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active") or "ephemeral"
    url = profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL")
    return str(url) if url else None


def use_configured_server() -> str | None:
    """Point Prefect at the recorded local server when nothing else is configured (call before importing Prefect)."""
    url = configured_api_url()
    if url and "prefect.context" not in sys.modules:
        os.environ["PREFECT_API_URL"] = url
    return url


def start_temporary_server() -> tuple[str, subprocess.Popen]:
    """Start Prefect's temporary API server now and point this process at it: (API URL, process). It is
    stopped at exit; call `wait_until_healthy(url, process)` before the first API call."""
    port = free_port()
    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
    process = _uvicorn(port, env)
    url = os.environ["PREFECT_API_URL"] = f"http://127.0.0.1:{port}/api"
    atexit.register(_stop, process)
    return url, process


def wait_until_healthy(url: str, process: subprocess.Popen | None = None, timeout: float = STARTUP_TIMEOUT) -> None:
    """Block until the API at `url` answers /health; RuntimeError when it does not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the Prefect server exited with code {process.returncode} before it answered")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.05)
    raise RuntimeError(f"the Prefect server at {url} did not answer within {timeout:.0f} s")


def start_local_server(port: int = 4200, warm: bool = True) -> LocalServer:
    """Start a Prefect server (with its scheduler and UI) that outlives this process, and record it; with
    `warm`, also the warm process that later runs are handed to (`flows.warm`)."""
    running = recorded_server()
    if running:
        return running
    log = prefect_home() / "reportfacts-server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PREFECT_UI_ENABLED": "true", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    # Prefect's own command: the API, the UI and the services (the scheduler among them) in one process.
    args = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("ab") as output:
        process = subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL, stdout=output, stderr=output,
                                   start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"
    try:
        wait_until_healthy(url, process)
    except RuntimeError:
        _stop(process)
        raise
    warm_pid = _start_warm_process(url, log) if warm else None
    server = LocalServer(process.pid, url, str(log), warm_pid)
    state_file().write_text(json.dumps(server.__dict__), encoding="utf-8")
    return server


def _start_warm_process(url: str, log: Path) -> int | None:
    """Start `python -m flows.warm` against the server at `url`; its pid once its socket answers, else None."""
    from flows.warm import socket_path

    path = socket_path()
    path.unlink(missing_ok=True)
    env = {**os.environ, "PREFECT_API_URL": url}
    with log.open("ab") as output:
        process = subprocess.Popen([sys.executable, "-m", "flows.warm", str(path)], env=env, stdin=subprocess.DEVNULL,
                                   stdout=output, stderr=output, start_new_session=True)
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        if path.exists():
            return process.pid
        time.sleep(0.1)
    _stop(process)
    return None


def stop_local_server() -> LocalServer | None:
    """Stop the recorded local server; the server stopped, or None when none was running."""
    server = recorded_server()
    state_file().unlink(missing_ok=True)
    if server is None:
        return None
    if server.warm_pid is not None:
        _end(server.warm_pid)
        from flows.warm import socket_path

        socket_path().unlink(missing_ok=True)
    _end(server.pid)
    return server


def _end(pid: int) -> None:
    """SIGTERM, then SIGKILL if the process is still there after ten seconds."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    for _ in range(100):
        if not is_alive(pid):
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)


def _uvicorn(port: int, env: dict[str, str]) -> subprocess.Popen:
    import importlib.util

    spec = importlib.util.find_spec("prefect")  # the app dir, without importing Prefect here
    assert spec and spec.origin
    args = [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(spec.origin).parent.parent), "--factory",
            "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
            "--log-level", "error", "--lifespan", "on"]
    return subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent)


def _die_with_parent() -> None:
    """In the child, before exec: have Linux send it SIGTERM when the run's process ends, however it ends
    (SIGKILL included), so a temporary server never outlives its run. A no-op elsewhere."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
