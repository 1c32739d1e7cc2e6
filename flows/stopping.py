"""Prompt, clean stops: SIGTERM and Ctrl-C end a run within seconds.

Python's default for SIGTERM ends the process on the spot, so Prefect's temporary server (a subprocess)
was left running; and Ctrl-C only took effect once the current document was done. After `install()`,
either signal:

1. kills the extraction workers (`extractors.worker`): the task waiting on one gives up at once;
2. raises KeyboardInterrupt in the main thread, so the flow ends, the output lock is released on the way
   out and Prefect stops its temporary server as the interpreter exits;
3. skips the interpreter's teardown once the exit handlers have run (with spaCy, Prefect and pandas
   loaded, clearing every module takes seconds of CPU);
4. if the process is still alive `GRACE` seconds later (a step that does not let go), kills the temporary
   server itself and exits. A second signal does that at once.

The datasets stay whole however the run ends: every write is atomic (docs/robustness.md).
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
import time
from types import FrameType

from extractors import worker

GRACE = 3.0  # seconds the run has to unwind before the process exits regardless
EXIT_CODE = 130  # what a shell reports for a run ended by Ctrl-C

_stopping = threading.Event()


def install() -> None:
    """Handle SIGTERM and SIGINT as above (call from the main thread, before Prefect starts a server)."""
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, _stop)
    # atexit runs its handlers last-registered first, so this one runs after Prefect's (which stop its
    # temporary server): a stopped run then skips the interpreter's module teardown, seconds of CPU.
    atexit.register(_skip_teardown)


def _skip_teardown() -> None:
    if _stopping.is_set():
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(EXIT_CODE)


def _stop(signum: int, frame: FrameType | None) -> None:
    if _stopping.is_set():
        _exit_now()
    _stopping.set()
    worker.stop_all()
    threading.Thread(target=_exit_later, name="reportfacts-stop", daemon=True).start()
    raise KeyboardInterrupt(f"stopped by {signal.Signals(signum).name}")


def _exit_later() -> None:
    time.sleep(GRACE)
    _exit_now()


def _exit_now() -> None:
    worker.stop_all()
    stop_temporary_servers()
    os._exit(EXIT_CODE)


def stop_temporary_servers() -> None:
    """Kill the Prefect server subprocesses this process started (none when a real server is configured).
    Killed, not stopped: `SubprocessASGIServer.stop` may wait seconds for a polite exit."""
    module = sys.modules.get("prefect.server.api.server")  # not imported: no server started (and no import
    if module is None:                                       # here: the main thread may hold the import lock)
        return
    for server in list(module.SubprocessASGIServer._instances.values()):
        process = server.server_process
        if process is not None and process.poll() is None:
            process.kill()
