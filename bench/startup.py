"""The fixed cost of a run, as a user's shell sees it: `reportfacts run` as a subprocess, process start included.

    .venv/bin/python bench/startup.py [--docs 1000] [--config temporary|server|warm|all]

Builds a corpus of report-sized documents (bench/pipeline.py's generator), then
for each configuration times, in wall seconds:

- a full run (`--full`),
- a rerun after one document changed,
- a rerun with nothing changed,

and prints the one-file rerun as a share of the full run (target <= 12%).

Configurations: `temporary` (no server configured: each run starts Prefect's
temporary API server, as a first-time user gets), `server` (a local Prefect
server started once with `reportfacts server start --no-warm`) and `warm`
(`reportfacts server start`: the server and the warm process that runs are
handed to, flows/warm.py). Each uses a throwaway PREFECT_HOME, warmed by one
small run so that creating Prefect's database is not counted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pipeline import make_corpus  # noqa: E402

CLI = Path(sys.executable).with_name("reportfacts")
TARGET = 0.12


def timed_run(raw: Path, out: Path, env: dict[str, str], *extra: str) -> float:
    started = time.perf_counter()
    subprocess.run([str(CLI), "run", "--raw", str(raw), "--out", str(out), *extra], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800)
    return time.perf_counter() - started


def measure(raw: Path, out: Path, env: dict[str, str]) -> dict[str, float]:
    shutil.rmtree(out, ignore_errors=True)
    full = timed_run(raw, out, env, "--full")
    changed = sorted(raw.rglob("*.txt"))[len(list(raw.rglob("*.txt"))) // 2]
    with changed.open("a", encoding="utf-8") as handle:
        handle.write("\nThe cleaning robot market grew 4.2% in 2025.\n")
    one = timed_run(raw, out, env)
    none = timed_run(raw, out, env)
    return {"full": full, "one-file rerun": one, "no-change rerun": none}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--config", choices=["temporary", "server", "warm", "all"], default="all")
    args = parser.parse_args()
    configs = ["temporary", "server", "warm"] if args.config == "all" else [args.config]
    with tempfile.TemporaryDirectory(prefix="reportfacts-startup-") as tmp:
        folder = Path(tmp)
        raw = folder / "raw"
        make_corpus(raw, args.docs)
        warm = folder / "warm"
        make_corpus(warm, 1)
        env = {**os.environ, "PREFECT_HOME": str(folder / "prefect-home")}
        env.pop("PREFECT_API_URL", None)
        print(f"{args.docs} documents, `reportfacts run` as a subprocess, wall seconds")
        for config in configs:
            if config != "temporary":
                warmth = "--warm" if config == "warm" else "--no-warm"
                subprocess.run([str(CLI), "server", "start", "--port", str(_free_port()), warmth], env=env,
                               check=True, stdout=subprocess.DEVNULL, timeout=300)
            try:
                timed_run(warm, folder / "warm-out", env)
                times = measure(raw, folder / f"out-{config}", env)
            finally:
                if config != "temporary":
                    subprocess.run([str(CLI), "server", "stop"], env=env, check=False, stdout=subprocess.DEVNULL)
            ratio = times["one-file rerun"] / times["full"]
            shown = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in times.items())
            verdict = "meets" if ratio <= TARGET else "misses"
            print(f"{config:>9}: {shown}; one-file rerun / full = {ratio:.1%} ({verdict} the {TARGET:.0%} target)")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    main()
