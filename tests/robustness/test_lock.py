"""One run per output folder: a second is refused with a clear message; a killed run's lock does not linger."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.lock import LOCK_NAME, OutputLocked, output_lock, remove_stale_temporaries

ROOT = Path(__file__).resolve().parents[2]

_HOLD = """
import sys, time
from pathlib import Path
from store.lock import output_lock
with output_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(600)
"""


def _holder(out: Path) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", _HOLD, str(out)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "locked"
    return child


def test_second_holder_is_refused_with_the_first_ones_pid(tmp_path):
    with output_lock(tmp_path):
        with pytest.raises(OutputLocked) as info:
            with output_lock(tmp_path):
                pass
    message = str(info.value)
    assert f"pid {os.getpid()}" in message and str(tmp_path) in message and "\n" not in message
    with output_lock(tmp_path):  # released on exit
        pass


def test_a_waiting_run_gets_the_lock_when_the_first_ends(tmp_path):
    child = _holder(tmp_path)
    started = time.monotonic()
    subprocess.Popen(["sh", "-c", f"sleep 1; kill {child.pid}"])
    with output_lock(tmp_path, wait=30):
        assert 0.5 < time.monotonic() - started < 30
    child.wait()


def test_a_lock_held_by_a_killed_run_does_not_block(tmp_path):
    child = _holder(tmp_path)
    with pytest.raises(OutputLocked):
        with output_lock(tmp_path):
            pass
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert (tmp_path / LOCK_NAME).exists()  # the file stays; the kernel dropped the flock
    with output_lock(tmp_path):
        pass


def test_leftover_temporaries_are_removed_under_the_lock(tmp_path):
    (tmp_path / "figures.parquet").mkdir()
    leftovers = [tmp_path / ".documents.parquet.abc.tmp", tmp_path / "figures.parquet" / ".part-03.parquet.x.tmp"]
    keep = [tmp_path / "figures.parquet" / "part-03.parquet", tmp_path / "notes.tmp"]
    for path in leftovers + keep:
        path.write_bytes(b"x")
    with output_lock(tmp_path):
        assert not any(p.exists() for p in leftovers) and all(p.exists() for p in keep)
    assert remove_stale_temporaries(tmp_path) == []


@pytest.mark.slow
def test_cli_refuses_a_second_run_on_the_same_output(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text("The market reached US$1.2 billion in 2024.")
    child = _holder(out)
    try:
        second = subprocess.run([sys.executable, "-m", "flows", "run", "--raw", str(raw), "--out", str(out)],
                                cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        child.kill()
        child.wait()
    assert second.returncode == 3
    # errors go to stderr
    assert f"another reportfacts run (pid {child.pid}) is writing to" in " ".join(second.stderr.split())
    assert not (out / "documents.parquet").exists()  # nothing was written by the refused run
