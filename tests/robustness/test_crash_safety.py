"""A run killed with SIGKILL at any moment leaves the previous outputs complete and readable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import schemas
from store.lock import LOCK_NAME, output_lock
from tests.conftest import RAW

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ("documents", "figures", "tables", "rankings", "findings")
KILL_AFTER = (3.0, 12.0, "writing")  # Prefect start-up, extraction, and the moment the first output file changes


def _corpus(raw: Path, copies: int = 4) -> None:
    """Many distinct reports (each sample with a different last line, so none are deduplicated)."""
    raw.mkdir()
    for sample in sorted(RAW.iterdir()):
        text = sample.read_text(encoding="utf-8")
        for n in range(copies):
            (raw / f"{sample.stem}-{n:02d}{sample.suffix}").write_text(f"{text}\n\nCopy {n}.\n", encoding="utf-8")


def _start_run(raw: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "flows", "run", "--raw", str(raw), "--out", str(out), "--full"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _wait_for(run: subprocess.Popen, out: Path, moment: float | str) -> None:
    if moment != "writing":
        time.sleep(moment)
        return
    started = time.time()
    while run.poll() is None and _newest_change(out) <= started:
        time.sleep(0.005)


def _newest_change(out: Path) -> float:
    newest = 0.0
    for path in out.rglob("*"):
        try:
            if path.name != LOCK_NAME and path.is_file():
                newest = max(newest, path.stat().st_mtime)
        except FileNotFoundError:  # a temporary renamed away while listing
            continue
    return newest


def _snapshot(out: Path) -> dict[str, pd.DataFrame]:
    """Every Parquet file read on its own, then every dataset read whole and validated; the report present."""
    for part in out.rglob("*.parquet"):
        if part.is_file() and not any(p.startswith(".") for p in part.relative_to(out).parts):
            pq.read_table(part)  # raises on a torn or half-written file
    frames = {name: schemas.validate(pd.read_parquet(out / f"{name}.parquet"), name) for name in DATASETS}
    html = (out / "reconciliation.html").read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>") and (out / "reconciliation.md").read_text(encoding="utf-8").strip()
    return frames


def _same_content(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame]) -> None:
    documents = ["source_file", "doc_id", "status", "n_figures", "n_tables", "n_rankings"]
    key = lambda f: f[documents].sort_values("source_file").reset_index(drop=True)  # noqa: E731
    pd.testing.assert_frame_equal(key(before["documents"]), key(after["documents"]))
    for name in ("figures", "tables", "rankings", "findings"):
        assert len(after[name]) == len(before[name]), name


@pytest.mark.slow
def test_killed_runs_leave_the_previous_outputs_whole(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    _corpus(raw)
    started = time.monotonic()
    assert _start_run(raw, out).wait(timeout=600) == 0
    print(f"a complete run took {time.monotonic() - started:.1f} s")
    complete = _snapshot(out)
    assert len(complete["documents"]) == len(list(raw.iterdir())) and len(complete["figures"])

    killed = 0
    for delay in KILL_AFTER:
        run = _start_run(raw, out)
        _wait_for(run, out, delay)
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)  # the CLI and anything it started
            killed += 1
        run.wait(timeout=60)
        _same_content(complete, _snapshot(out))
    assert killed >= 2, "the runs ended before they could be killed: use a larger corpus"

    # The killed runs' lock does not block the next run, which clears their temporaries.
    with output_lock(out):
        assert not list(out.rglob(".*.tmp"))
