"""SIGTERM and Ctrl-C stop a run within seconds, leave no process behind and free the output folder
(issue 17, item 2)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.lock import output_lock
from tests.robustness.bad_files import GOOD_SENTENCE

ROOT = Path(__file__).resolve().parents[2]
DENSE = "$1.2 billion, 3.4%, " * 50_000  # 1 MB of figures in one sentence: hours of work without a limit
STOP_WITHIN = 10.0  # seconds


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _is_worker(parent: int, child: int) -> bool:
    """A forked extraction worker runs the parent's command line (the Prefect server runs uvicorn)."""
    try:
        return Path(f"/proc/{child}/cmdline").read_bytes() == Path(f"/proc/{parent}/cmdline").read_bytes()
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended; only its exit status is left


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_a_long_document_stops_the_run_promptly_and_cleanly(tmp_path, signum):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "dense.txt").write_text(DENSE)
    (raw / "fine.txt").write_text(GOOD_SENTENCE)
    run = subprocess.Popen([sys.executable, "-m", "flows", "run", "--raw", str(raw), "--out", str(out),
                            "--time-limit", "0"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        give_up = time.monotonic() + 180
        while not any(_is_worker(run.pid, c) for c in _children(run.pid)):  # extraction has started
            assert run.poll() is None and time.monotonic() < give_up, "the run never started extracting"
            time.sleep(0.2)
        time.sleep(1.0)
        started = _children(run.pid)  # the worker and Prefect's temporary server
        run.send_signal(signum)
        stopped = time.monotonic()
        run.wait(timeout=60)
        took = time.monotonic() - stopped
    finally:
        run.kill()
        run.wait()
    assert took < STOP_WITHIN, f"the run took {took:.1f} s to stop"
    time.sleep(0.5)
    assert not [c for c in started if _alive(c)], "a worker or the Prefect server outlived the run"
    with output_lock(out):  # the lock is free
        pass
    assert not (out / "documents.parquet").exists()  # nothing half-written: the run wrote nothing
