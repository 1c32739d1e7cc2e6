"""Extraction in a child process that can be stopped: a time and memory limit that hold whatever the
extractors do.

The cooperative limit (`extractors.deadline`) ends most slow documents cleanly, but a single step between
two checks (a quadratic loop, pdfplumber over a page of 200,000 rectangles, a compression-bomb stream)
cannot be interrupted from inside. So each extraction task forks one worker process that takes documents
one at a time over a pipe; the task waits for each answer while watching the clock and the worker's memory,
and kills and replaces the worker when a document overruns:

- longer than its time limit (plus `GRACE` for the cooperative limit to answer first) -> E108;
- more than `memory_limit` bytes of memory above what the worker started with -> E111.

The worker is forked (not spawned) from a process that has already built the spaCy pipeline and imported
the readers (`warm_up`), so starting one costs milliseconds and a document costs only a round trip over the
pipe. `os.fork` is used directly (`extractors.forking`: quietly) rather than `multiprocessing.Process`,
which refuses to start children from Dask's daemonic worker processes. `stop_all` kills every live worker at
once, for a prompt stop on SIGTERM or Ctrl-C (`flows.stopping`).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe
from pathlib import Path

from extractors import document, loaders
from extractors.document import extract
from extractors.errors import Code, DocumentError
from extractors.forking import bound_to_parent, fork_quietly, speak_again
from extractors.model import Document, Extraction, Page

DEFAULT_MEMORY_LIMIT = 2**30  # bytes a document may add to the worker's resident memory
GRACE = 1.0  # seconds past the time limit before the worker is killed: the cooperative limit answers first
POLL = 0.05  # seconds between looks at the clock and the worker's memory
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class Stopped(Exception):
    """The run is being stopped (SIGTERM, Ctrl-C): the task gives up its remaining documents."""


@dataclass(frozen=True)
class Limits:
    seconds: float | None = document.DEFAULT_TIME_LIMIT  # None: no time limit
    memory: int | None = DEFAULT_MEMORY_LIMIT  # None: no memory limit


def extract_all(files: Iterable[tuple[Path, str]], raw_dir: Path, limits: Limits,
                stamps: Mapping[Path, loaders.Stamp] | None = None) -> list[Extraction]:
    """Extract each (path, planned doc_id) in a stoppable worker, one document at a time; when the run is
    stopped (`stop_all`), the documents finished so far. `stamps`: each file's stamp when the plan hashed
    it; a file that still has it is not hashed again."""
    results: list[Extraction] = []
    stamps = stamps or {}
    with ExtractionWorker(raw_dir, limits) as worker:
        for path, doc_id in files:
            try:
                results.append(worker.extract(path, doc_id, stamps.get(path)))
            except Stopped:
                break
    return results


class ExtractionWorker:
    """One forked child that extracts the documents it is sent; replaced when one overruns its limits."""

    def __init__(self, raw_dir: Path, limits: Limits) -> None:
        self.raw_dir, self.limits = raw_dir, limits
        self.pid: int | None = None
        self.conn: Connection | None = None
        self.baseline = 0  # the child's resident bytes when it started
        self.stopped = False

    def __enter__(self) -> ExtractionWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def extract(self, path: Path, doc_id: str, stamp: loaders.Stamp | None = None) -> Extraction:
        if self.stopped:
            raise Stopped("the run is stopping")
        conn = self._started()
        try:
            conn.send((path, None if stamp is None else (doc_id, stamp)))
        except OSError:  # the worker is gone already: its end is read below
            pass
        give_up = time.monotonic() + self.limits.seconds + GRACE if self.limits.seconds else None
        while not conn.poll(POLL):
            if self.stopped:
                raise Stopped("the run is stopping")
            if give_up is not None and time.monotonic() > give_up:
                return self._abandon(path, doc_id, DocumentError(
                    Code.E108_TIMED_OUT, f"timed out: extraction took longer than {self.limits.seconds:g} s"))
            if self.limits.memory is not None and self._grown() > self.limits.memory:
                return self._abandon(path, doc_id, DocumentError(
                    Code.E111_TOO_LARGE,
                    f"too large: extraction needed more than {_mib(self.limits.memory)} of memory"))
        try:
            return conn.recv()
        except (EOFError, OSError):
            if self.stopped:
                raise Stopped("the run is stopping") from None
            status = self._reap()
            return self._failed(path, doc_id, DocumentError(
                Code.E110_INTERNAL, f"extraction failed: the worker process ended unexpectedly ({status})"))

    def close(self) -> None:
        """Kill the child, wait for it to end (no zombie left) and close the pipe."""
        _live.discard(self)
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap()
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def stop(self) -> None:
        """Called from a signal handler: kill the child now; the waiting task then raises `Stopped`."""
        self.stopped = True
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def _started(self) -> Connection:
        if self.conn is None:
            warm_up()
            parent, child = Pipe()
            parent_pid = os.getpid()
            pid = fork_quietly()
            if pid == 0:  # the child never returns into the caller's code
                parent.close()
                _serve(child, parent_pid, self.raw_dir, self.limits.seconds)
            child.close()
            self.pid, self.conn = pid, parent
            self.baseline = _resident(pid)
            _live.add(self)
        return self.conn

    def _grown(self) -> int:
        return _resident(self.pid) - self.baseline if self.pid is not None else 0

    def _abandon(self, path: Path, doc_id: str, error: DocumentError) -> Extraction:
        self.close()  # the next document gets a fresh worker
        return self._failed(path, doc_id, error)

    def _reap(self) -> str:
        """Wait for the child to end; how it ended, in words."""
        pid, self.pid = self.pid, None
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        _live.discard(self)
        if pid is None:
            return "unknown"
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            return "unknown"
        if os.WIFSIGNALED(status):
            return f"killed by signal {signal.Signals(os.WTERMSIG(status)).name}"
        return f"exit status {os.WEXITSTATUS(status)}"

    def _failed(self, path: Path, doc_id: str, error: DocumentError) -> Extraction:
        name = document.source_name(path, self.raw_dir)
        return Extraction(doc_id, name, loaders.file_format(path), status=error.status, error=error.reason)


_live: set[ExtractionWorker] = set()


def stop_all() -> None:
    """Kill every live worker (from a signal handler: no locks, no waiting)."""
    for worker in list(_live):
        worker.stop()


def _serve(conn: Connection, parent_pid: int, raw_dir: Path, seconds: float | None) -> None:
    """The child's loop: a path (and what the plan hashed it to) in, an `Extraction` out, until the pipe
    closes."""
    code = 0
    try:
        speak_again()  # the objects the fork dropped frozen out of the way, the child logs as the parent does
        bound_to_parent()
        if os.getppid() != parent_pid:  # the parent ended before the kernel was told
            return
        while True:
            try:
                path, planned = conn.recv()
            except (EOFError, OSError):
                break
            conn.send(document.extract_document(path, raw_dir, seconds, planned))
    except BaseException:  # noqa: BLE001 - whatever happens, never return into the parent's code
        code = 1
    finally:
        os._exit(code)


def _resident(pid: int) -> int:
    """Resident bytes of a process (Linux /proc; 0 where it cannot be read)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return 0


def _mib(n: int) -> str:
    return f"{n / 2**20:g} MiB"


_WARM_UP_TEXT = """Warm-up report

The global widget market reached US$10.7 billion in 2024, according to Example Research, and is expected
to grow at a CAGR of 5.1% from 2024 to 2029. ABC Corp is the second largest company with a 12.5% share.

Rank\tCompany\tShare
1\tABC Corp\t12.5%
2\tDEF Inc\t9.8%
"""

_warm_lock = threading.Lock()
_warm: list[bool] = []


def warm_up() -> None:
    """Build the extractors' pipelines and caches in this process once, so every forked worker has them."""
    with _warm_lock:
        if not _warm:
            extract(Document("0" * 64, "warm-up.txt", "txt", (Page(None, _WARM_UP_TEXT),), "Warm-up report"))
            _warm.append(True)
