"""raw/ -> ingest -> extract -> validate -> normalize -> reconcile -> output/

The flow plans the run (hash every file, compare with the last run's
manifest and the per-document cache), extracts only new or changed documents
in batches (one task per batch, never per figure; each batch in a worker
process that enforces the time and memory limits), caches each batch as it
arrives, looks at the raw folder again and extracts what changed meanwhile,
rewrites only the dataset buckets that changed, then reconciles, writes the
report and publishes it as a markdown artifact. Each task is one call into a
plain function.
"""

# No `from __future__ import annotations`: a served deployment validates parameters from real types.
import math
import time
from datetime import datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.utilities.annotations import quote

from extractors.document import DEFAULT_TIME_LIMIT
from extractors.model import Extraction
from extractors.worker import Limits, extract_all, stop_all
from flows import progress
from flows.reporting import RunSummary, reconcile_outputs, summarize
from flows.runners import Runner, task_runner
from store.datasets import build_key, with_subject_keys
from store.incremental import Plan, apply_run, cache_extractions, finish_run, plan_run, replan_if_changed
from store.inventory import inventory
from store.lock import output_lock

MAX_BATCH = 64  # documents per task: few enough tasks that orchestration stays small
TARGET_TASKS = 32
LOCK_WAIT = 600.0  # seconds a scheduled run waits for a manual run to finish
RECHECKS = 3  # times the raw folder is looked at again when files change during the run


@task(name="plan-run", cache_policy=NO_CACHE)
def plan(raw_dir: Path, out_dir: Path, full: bool, allow_empty: bool) -> Plan:
    run_plan = plan_run(out_dir, inventory(raw_dir), build_key(), full, allow_empty=allow_empty)
    get_run_logger().info("planned: %d documents to extract, %d cached, datasets %s", len(run_plan.to_extract),
                          len(run_plan.cached), "to rewrite" if run_plan.changed else "unchanged")
    return run_plan


@task(name="recheck-raw-folder", cache_policy=NO_CACHE)
def replan(raw_dir: Path, out_dir: Path, run_plan: Plan, results: list[Extraction], full: bool,
           allow_empty: bool) -> Plan | None:
    return replan_if_changed(raw_dir, out_dir, run_plan, results, build_key(), full, allow_empty)


@task(name="extract-documents", cache_policy=NO_CACHE)
def extract_documents(files: list[tuple[Path, str]], raw_dir: Path, time_limit: float | None) -> list[Extraction]:
    results = extract_all(files, raw_dir, Limits(seconds=time_limit))
    failed = sum(r.status != "ok" for r in results)
    get_run_logger().info("extracted %d documents (%d failed or skipped): %d figures, %d tables",
                          len(results), failed, sum(len(r.figures) for r in results),
                          sum(len(r.tables) for r in results))
    return results


@task(name="write-datasets", cache_policy=NO_CACHE)
def write_datasets(out_dir: Path, run_plan: Plan, results: list[Extraction]) -> None:
    apply_run(out_dir, run_plan, results, figures_hook=with_subject_keys)
    get_run_logger().info("wrote the datasets in %s from %d new extractions", out_dir, len(results))


@task(name="reconcile", cache_policy=NO_CACHE)
def reconcile_datasets(out_dir: Path, raw_dir: Path | None = None, full: bool = False) -> str:
    report = reconcile_outputs(out_dir, raw_dir, full)
    get_run_logger().info("reconciled: report written to %s", out_dir / "reconciliation.md")
    return report


@task(name="record-run", cache_policy=NO_CACHE)
def record_run(out_dir: Path, run_plan: Plan) -> None:
    finish_run(out_dir, run_plan)


@flow(name="reportfacts", log_prints=False, task_runner=task_runner(Runner.local))
def extract_reports(raw_dir: Path = Path("raw"), out_dir: Path = Path("output"), full: bool = False,
                    time_limit: float | None = DEFAULT_TIME_LIMIT, allow_empty: bool = False) -> RunSummary:
    started = time.perf_counter()
    run_plan = plan(raw_dir, out_dir, full, allow_empty)
    results = extract_planned(run_plan, raw_dir, out_dir, time_limit)
    # quote(): the plan and results go to tasks as they are, not walked for futures; Prefect unwraps them
    # before the call, but its task overloads do not accept them, hence the narrow ignores below.
    for _ in range(RECHECKS):
        again = replan(raw_dir, out_dir, quote(run_plan), quote(results), full,  # type: ignore[call-overload]
                       allow_empty)
        if again is None:
            break
        run_plan = again
        results += extract_planned(run_plan, raw_dir, out_dir, time_limit)
    report = out_dir / "reconciliation.md"
    if run_plan.changed or not report.exists():
        write_datasets(out_dir, quote(run_plan), quote(results))  # type: ignore[call-overload]
        reconcile_datasets(out_dir, raw_dir, full)
        record_run(out_dir, quote(run_plan))  # type: ignore[call-overload]
    create_markdown_artifact(markdown=report.read_text(encoding="utf-8"), key="reconciliation-report",
                             description="Conflicts, corroborations and inconsistencies in the reports")
    summary = summarize(out_dir, extracted=len(results), cached=len(run_plan.cached),
                        seconds=time.perf_counter() - started)
    get_run_logger().info("done in %.1f s: %d documents ok, %d failed or skipped, %d figures, %d findings",
                          summary.seconds, summary.documents_ok, len(summary.failures), summary.figures,
                          summary.findings)
    return summary


@flow(name="reportfacts-scheduled", log_prints=False)
def scheduled_extract(raw_dir: Path = Path("raw"), out_dir: Path = Path("output"), full: bool = False,
                      time_limit: float | None = DEFAULT_TIME_LIMIT) -> RunSummary:
    """What `reportfacts serve` deploys: the same run, holding the output folder's lock as `run` does."""
    with output_lock(out_dir, wait=LOCK_WAIT):
        summary = extract_reports(raw_dir, out_dir, full, time_limit)
    # `serve` passes this on: one line per run on its terminal
    print(f"{datetime.now():%Y-%m-%d %H:%M:%S} run done: {summary.documents_ok} documents ok, "
          f"{len(summary.failures)} failed or skipped, {summary.extracted} extracted, {summary.findings} findings, "
          f"{summary.seconds:.1f} s", flush=True)
    return summary


def extract_planned(run_plan: Plan, raw_dir: Path, out_dir: Path, time_limit: float | None) -> list[Extraction]:
    """Extract the plan's documents in batches, caching each batch as it arrives."""
    files = [(source.path, source.doc_id) for source in run_plan.to_extract]
    progress.start(len(files))
    results: list[Extraction] = []
    try:
        for future in as_completed([extract_documents.submit(b, raw_dir, time_limit) for b in batches(files)]):
            batch = future.result()
            cache_extractions(out_dir, run_plan, batch)
            results.extend(batch)
            progress.advance(len(batch))
    except BaseException:
        # A stop (Prefect turns SIGTERM into an exception here) or a failure: end the workers now, or the
        # task runner would wait for the documents they are on before the flow could end.
        stop_all()
        raise
    return results


def batches(files: list[tuple[Path, str]]) -> list[list[tuple[Path, str]]]:
    size = max(1, min(MAX_BATCH, math.ceil(len(files) / TARGET_TASKS)))
    return [files[i:i + size] for i in range(0, len(files), size)]
