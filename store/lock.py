"""One run at a time per output folder.

`output_lock(out_dir)` holds an exclusive `fcntl.flock` on `out_dir/.reportfacts.lock`
for the whole run. The kernel releases a flock when its process ends, however it
ends (SIGKILL included), so a lock left by a killed run never blocks the next one;
the pid written into the file only makes the refusal message useful.

While it holds the lock a run also removes the temporary files that a killed
run's atomic writes may have left (`.NAME.XXXX.tmp`, in any sub-folder): no
other run can be writing them.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".reportfacts.lock"


class OutputLocked(Exception):
    """Another run holds the output folder."""

    def __init__(self, out_dir: Path, holder: str) -> None:
        who = f"pid {holder}" if holder else "another process"
        super().__init__(f"another reportfacts run ({who}) is writing to {out_dir}; "
                         "wait for it to finish or use a different --out folder")


@contextmanager
def output_lock(out_dir: Path, wait: float = 0.0) -> Iterator[Path]:
    """Hold the output folder for the duration of the block; raise `OutputLocked` if another run
    holds it for longer than `wait` seconds."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, out_dir, path, wait)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        remove_stale_temporaries(out_dir)
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _acquire(fd: int, out_dir: Path, path: Path, wait: float) -> None:
    give_up = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= give_up:
                raise OutputLocked(out_dir, _holder(path)) from None
            time.sleep(0.2)


def _holder(path: Path) -> str:
    try:
        return path.read_text().strip()
    except OSError:
        return ""


def remove_stale_temporaries(out_dir: Path) -> list[Path]:
    """Delete the `.*.tmp` files an interrupted atomic write left behind (call only under the lock)."""
    stale = sorted(out_dir.rglob(".*.tmp"))
    for tmp in stale:
        tmp.unlink(missing_ok=True)
    return stale
