"""A warm process that `reportfacts run` hands its work to while `reportfacts server start` is up.

A run spends seconds importing Prefect, spaCy and pandas before it reads a
file. `server start` also starts this process, which imports all of that
once and then waits on a Unix socket in PREFECT_HOME. `reportfacts run`
connects, passes its arguments, its working folder and its terminal (the
stdin, stdout and stderr file descriptors, so the progress bar and the
summary appear as usual), and the warm process forks a child that runs the
command as the command line would, as an ordinary Prefect flow run reported
to the local server. The child's exit code comes back over the socket;
Ctrl-C or SIGTERM to `reportfacts run` is passed on to the child.

The warm process itself never starts a flow or a Prefect client, so it holds
no threads or connections that a fork would copy half-alive. It uses the
environment `server start` was given; `run` uses it only when it would report
to that same server anyway, and falls back to running in-process whenever
the socket does not answer.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import time
from pathlib import Path

MAX_REQUEST = 1 << 16


def socket_path() -> Path:
    from flows.server import prefect_home

    return prefect_home() / "reportfacts-warm.sock"


# -- the client: `reportfacts run` -------------------------------------------------------------------

def run_in_warm_process(argv: list[str]) -> int | None:
    """Run `reportfacts ARGV` in the warm process; its exit code, or None when there is no warm process."""
    path = socket_path()
    if not path.exists():
        return None
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.connect(str(path))
        request = json.dumps({"argv": argv, "cwd": os.getcwd(), "started": time.time()}).encode()
        socket.send_fds(client, [request], [0, 1, 2])
        child = int(_read_line(client))
    except (OSError, ValueError):
        client.close()
        return None
    forward = lambda signum, _frame: _signal(child, signum)  # noqa: E731
    previous = {s: signal.signal(s, forward) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        answer = _read_line(client)
        return int(answer) if answer else 1  # no answer: the child died without saying
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        client.close()


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


def _read_line(sock: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\n"):
        chunk = sock.recv(64)
        if not chunk:
            break
        data += chunk
    return data.decode().strip()


# -- the warm process ----------------------------------------------------------------------------------

def serve_forever(path: Path) -> None:
    """Import everything a run needs, then fork a child per `reportfacts run` that connects."""
    import flows.cli  # noqa: F401 - the command line, Prefect, the pipeline, spaCy, pandas: imported once
    import flows.pipeline  # noqa: F401
    import flows.reporting  # noqa: F401
    _prewarm()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    path.unlink(missing_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    os.chmod(path, 0o600)  # only this user's runs
    listener.listen(8)
    print(f"warm process {os.getpid()} ready on {path}", flush=True)
    while True:
        connection, _ = listener.accept()
        try:
            message, fds, _flags, _addr = socket.recv_fds(connection, MAX_REQUEST, 3)
            request = json.loads(message)
        except (OSError, ValueError):
            connection.close()
            continue
        if os.fork() == 0:
            listener.close()
            _child(connection, fds, request)  # never returns
        for fd in fds:
            os.close(fd)
        connection.close()


def _prewarm() -> None:
    """One tiny pass of the pipeline's functions (no Prefect) in a throwaway folder: what is set up on first
    use (spaCy's pipeline, pandera's schema backends, Parquet writers, the report templates) is then ready."""
    import tempfile

    from extractors.document import extract_document
    from flows.reporting import dataset_key, reconcile_outputs
    from reconcile.normalize import normalize_frames
    from reconcile.settings import ReconcileSettings
    from store.datasets import build_frames, write_dataset

    try:
        with tempfile.TemporaryDirectory(prefix="reportfacts-warm-") as tmp:
            raw, out = Path(tmp) / "raw", Path(tmp) / "out"
            raw.mkdir()
            (raw / "sample.txt").write_text("The global widget market was valued at $12.5 billion in 2024 and is "
                                            "expected to grow at a CAGR of 7.2% from 2025 to 2030.\n", encoding="utf-8")
            frames = normalize_frames(build_frames([extract_document(raw / "sample.txt", raw)]), ReconcileSettings())
            for name, frame in frames.items():
                write_dataset(out, name, frame)
            reconcile_outputs(out)
            dataset_key(ReconcileSettings())
    except Exception as exc:  # noqa: BLE001 - a cold first run is slower, not wrong
        print(f"warm-up skipped: {type(exc).__name__}: {exc}", flush=True)


def _child(connection: socket.socket, fds: list[int], request: dict) -> None:
    import flows
    from flows import cli

    code = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the run waits for its own children (a temporary Dask cluster)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        connection.sendall(f"{os.getpid()}\n".encode())
        # the summary's start-up share counts from the client's start, not from this process's
        flows.STARTED = time.monotonic() - max(0.0, time.time() - float(request["started"]))
        sys.argv = ["reportfacts", *request["argv"]]
        code = cli.run_command_line(request["argv"])
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        code = 130
    except BaseException:  # noqa: BLE001 - whatever happens, the client gets an exit code
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            connection.sendall(f"{code}\n".encode())
        except OSError:
            pass
    cli.leave(code)  # Prefect's exit handlers run, so the run's last logs and events reach the server


if __name__ == "__main__":
    serve_forever(Path(sys.argv[1]) if len(sys.argv) > 1 else socket_path())
