"""Two parts of the reconciler's work at once, on a machine's second core.

The reconciler is pure Python, so threads cannot run two of its parts at once. A part whose inputs are in
memory already runs in a child process forked for it: the child sees the parent's frames without a copy,
and only its result comes back, pickled over a pipe. Parts split this way are independent by construction
(other documents, or checks that read nothing the others write), so the result is the same as run one
after the other; where fork is missing, the input is small, or the child fails, the part runs here after
the first, and the result is the same again. The fork is `extractors.forking.fork_quietly`, as the
extraction worker's: a child that never says what the fork dropped.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, Pipe
from typing import TypeVar

import numpy as np
import pandas as pd

from extractors.forking import bound_to_parent, fork_quietly

A = TypeVar("A")
B = TypeVar("B")

# Rows below which a part runs here: forking a large process costs tens of milliseconds, and a small
# corpus reconciles in less.
MIN_ROWS = 20_000
ENV_SWITCH = "REPORTFACTS_PARALLEL"  # "0": never fork (one core, or a debugger)
_PATIENCE = 5.0  # a child not done in this many times the parent's own part (at least a minute) is stuck


def worth_forking(rows: int) -> bool:
    """Whether a part of `rows` rows is worth a child process on this machine."""
    return rows >= MIN_ROWS and hasattr(os, "fork") and os.environ.get(ENV_SWITCH, "1") != "0" and _cores() > 1


def _cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def side_by_side(here: Callable[[], A], there: Callable[[], B], fork: bool = True) -> tuple[A, B]:
    """(here(), there()), with there() run in a forked child while here() runs in this process (`fork`);
    without `fork`, or when the child fails, there() runs here after here()."""
    if not fork:
        return here(), there()
    reader, writer = Pipe(duplex=False)
    try:
        pid = fork_quietly()  # the child stays quiet: it only computes
    except OSError:  # no memory or processes left for a child: one after the other
        reader.close()
        writer.close()
        return here(), there()
    if pid == 0:
        _serve(there, reader, writer)  # never returns
    writer.close()
    started = time.perf_counter()
    theirs = None
    try:
        mine = here()
        theirs = _answer(reader, max(60.0, _PATIENCE * (time.perf_counter() - started)))
    finally:
        _end(pid, reader, done=theirs is not None)
    return mine, there() if theirs is None else theirs[0]


def child_part(keys: Sequence[object], share: float = 0.5) -> np.ndarray | None:
    """The mask of the rows a child takes (`later_part`), or None where one process does them all: too few
    rows to be worth a child (`worth_forking`), or a single key."""
    if not worth_forking(len(keys)):
        return None
    later = later_part(keys, share)
    return later if later.any() and not later.all() else None


def later_part(keys: Sequence[object], share: float = 0.5) -> np.ndarray:
    """A mask of the rows of the later keys (documents) in the order they first appear, about `share` of the
    rows: the part for a child, each key wholly in one part."""
    codes = pd.factorize(pd.Series(keys, dtype=object))[0]  # numbered in order of first appearance
    if not len(codes):
        return np.zeros(0, dtype=bool)
    before = np.concatenate([[0], np.cumsum(np.bincount(codes))])  # rows before each key, and in all
    cut = int(np.abs(before - len(codes) * (1 - share)).argmin())  # the first key of the later part
    return codes >= cut


def _serve(there: Callable[[], object], reader: Connection, writer: Connection) -> None:
    """The child: there()'s result, pickled, down the pipe; then exit without running the parent's exit code."""
    code = 1
    try:
        reader.close()
        bound_to_parent()
        gc.disable()  # a collection would touch, and so copy, every page shared with the parent
        writer.send_bytes(pickle.dumps((there(),), protocol=pickle.HIGHEST_PROTOCOL))
        code = 0
    except BaseException:  # noqa: BLE001 - the parent runs the part itself and meets the error there
        pass
    finally:
        os._exit(code)


def _answer(reader: Connection, patience: float) -> tuple | None:
    """The child's (result,), or None when it failed or is taking too long (`_end` then kills it)."""
    try:
        return pickle.loads(reader.recv_bytes()) if reader.poll(patience) else None
    except (EOFError, OSError, pickle.UnpicklingError):
        return None


def _end(pid: int, reader: Connection, done: bool) -> None:
    """Close the pipe and reap the child: one that has answered is exiting; any other is killed first."""
    reader.close()
    try:
        if not done:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass
