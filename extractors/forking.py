"""A child process that starts without printing the parent's troubles.

At fork, the child keeps only the forking thread: the other threads' states are deleted and libraries'
at-fork hooks run (Prefect resets its services). Objects they held are dropped, and a pending asyncio
task's destructor then reports "Task was destroyed but it is pending!" and a traceback, in the middle of a
successful run, from a child that is about to extract or reconcile. So the child is forked with logging and
unraisable-exception reports off, and turns them back on (`speak_again`) only once it has frozen what it
inherited (`gc.freeze()`: never collected in the child, which would also copy the parent's pages).
"""

from __future__ import annotations

import ctypes
import gc
import logging
import os
import signal
import sys
import threading

_PR_SET_PDEATHSIG = 1  # Linux prctl option: a signal for the child when its parent thread ends
_lock = threading.Lock()  # one fork at a time: each saves and restores the same process-wide settings
_before: tuple | None = None  # (unraisablehook, logging's disable level) before the fork


def fork_quietly() -> int:
    """os.fork(), with the child's logging and unraisable-exception reports off from its first instant (the
    parent's are back on as soon as the fork returns). The child calls `speak_again()` to have them back."""
    global _before
    with _lock:
        _before = (sys.unraisablehook, logging.root.manager.disable)
        sys.unraisablehook = _ignore
        logging.disable(logging.CRITICAL)
        pid = -1
        try:
            pid = os.fork()
            return pid
        finally:
            if pid != 0:  # the parent (or no child at all)
                _restore()


def bound_to_parent() -> None:
    """In a child: end with its parent, and at once on SIGINT or SIGTERM (the parent cleans up), not through
    the handlers it inherited. A parent killed with SIGKILL cannot end its children; on Linux the kernel does."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)


def speak_again() -> None:
    """In a child of `fork_quietly`: freeze what it inherited, then report as the parent did before the fork."""
    gc.freeze()
    _restore()


def _restore() -> None:
    if _before is not None:
        hook, level = _before
        sys.unraisablehook = hook
        logging.disable(level)


def _ignore(_: object) -> None:
    pass
