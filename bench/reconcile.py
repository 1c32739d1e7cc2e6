"""Reconciliation benchmark: seconds and figures/s of `reconcile.reconcile` and the consensus view over generated
corpora.

usage: .venv/bin/python bench/reconcile.py [--docs 200 2000] [--repeat 3] [--frames DIR] [--report] [--profile]

The corpus is the one `bench/pipeline.py` builds (the sample reports with their numbers varied and each
copy's market renamed to a made-up sector, so every sector is sized by several reports). It is extracted
once per size and extractor version without Prefect and its frames are kept in DIR (default
bench/.cache/reconcile/docs-N-VERSION/) so later runs time only the reconciliation. Each size is reconciled
`--repeat` times in this process; the best and the median are printed, because other work on a shared
machine slows single runs, and the first, which alone starts with the reconciler's caches empty as a
`reportfacts run` does. The garbage collector is paused as in the flow. CPU seconds (best, first) are
printed too: they swing less than wall seconds with the load.
`--report` also times writing the HTML and Markdown report; `--profile` prints the top of a cProfile of one run.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from bench.pipeline import make_corpus  # noqa: E402

CACHE = ROOT / "bench" / ".cache" / "reconcile"
NAMES = ("figures", "rankings", "tables", "documents")


def corpus_frames(n_docs: int, cache: Path) -> dict[str, pd.DataFrame]:
    """The datasets of an n_docs corpus, extracted once per extractor version and kept as Parquet in `cache`
    (a folder per size and version: frames of an older extractor are never timed again)."""
    from extractors.version import EXTRACTOR_VERSION

    folder = cache / f"docs-{n_docs}-{EXTRACTOR_VERSION}"
    if not all((folder / f"{name}.parquet").exists() for name in NAMES):
        from extractors.document import extract_document
        from extractors.loaders import discover
        from reconcile.normalize import normalize_frames
        from reconcile.settings import ReconcileSettings
        from store.datasets import build_frames

        with tempfile.TemporaryDirectory(prefix="reportfacts-reconcile-bench-") as tmp:
            raw = Path(tmp)
            make_corpus(raw, n_docs)
            frames = normalize_frames(build_frames([extract_document(p, raw) for p in discover(raw)]),
                                      ReconcileSettings())
        folder.mkdir(parents=True, exist_ok=True)
        for name, frame in frames.items():
            frame.to_parquet(folder / f"{name}.parquet")
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in NAMES}


def reconcile_once(frames: dict[str, pd.DataFrame], report: bool) -> tuple[float, float, int]:
    """(seconds, CPU seconds, findings) of one reconciliation, with the report written to a scratch folder if
    asked. CPU time swings less than wall time with the load of a shared machine: compare builds by it."""
    import reconcile
    from reconcile.report import write_report

    from reconcile.findings import reconcile_with_consensus, with_tables
    from reconcile.model import prepare_figures
    from reconcile.runtime import paused_gc

    started, cpu_started = time.perf_counter(), time.process_time()
    settings = reconcile.ReconcileSettings()
    with paused_gc():  # the whole step, as the flow does (flows.reporting)
        figures = with_tables(frames["figures"], frames["tables"])  # table cells compared too, as the flow does
        figures = prepare_figures(figures, settings, frames["documents"])  # shared, as the flow does
        findings, agreed = reconcile_with_consensus(figures, frames["rankings"], frames["tables"],
                                                    frames["documents"], settings)
    if report:
        with tempfile.TemporaryDirectory() as out, paused_gc():
            write_report(Path(out), findings, figures, frames["documents"], frames["rankings"], agreed)
    return time.perf_counter() - started, time.process_time() - cpu_started, len(findings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].replace("\n", " "))  # the wrapped first line
    parser.add_argument("--docs", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--frames", type=Path, default=CACHE)
    parser.add_argument("--report", action="store_true", help="also time writing reconciliation.html/.md")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one run per size")
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    for n_docs in args.docs:
        frames = corpus_frames(n_docs, args.frames)
        n_figures = len(frames["figures"])
        times, cpu_times = [], []
        for _ in range(args.repeat):
            seconds, cpu_seconds, findings = reconcile_once(frames, args.report)
            times.append(seconds)
            cpu_times.append(cpu_seconds)
        best, median = min(times), statistics.median(times)
        print(f"documents {len(frames['documents']):6d}  figures {n_figures:7d}  findings {findings:6d}  "
              f"seconds best {best:7.2f} median {median:7.2f} first {times[0]:7.2f}  "  # first: caches cold, as a run
              f"cpu best {min(cpu_times):7.2f} first {cpu_times[0]:7.2f}  figures/s {n_figures / best:9.0f}")
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(reconcile_once, frames, args.report)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
