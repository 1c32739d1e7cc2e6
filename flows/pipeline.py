"""raw/ -> plan -> extract -> normalize -> validate and write -> reconcile -> report -> record -> output/

Each stage is a task, and each task is one call into a plain function of the package that owns the stage:

    plan                store.incremental.plan_run    hash every file once; what to extract, what is cached
    extract             extractors.worker.extract_all per batch of documents, in worker processes with limits
      recheck           store.incremental.replan_if_changed   files changed meanwhile: plan and extract again
      tabulate          store.incremental.run_frames  the run's rows as the contract's frames
    normalize           reconcile.normalize           subject keys, by the run's synonyms file
    validate and write  store.incremental.write_run   checked against schemas/, then only the changed buckets
    reconcile           flows.reporting.reconcile_datasets    findings and consensus (only changed scopes)
    report              flows.reporting.report_findings       review file and report
    record              store.incremental.finish_run  the new manifest, once everything above is written

Settings (the synonyms file included) are resolved once, from the flow's parameters, and passed to the
normalize and reconcile stages alike; their key is part of the datasets' build key. Tasks run per batch or
per run, never per figure.
"""

# No `from __future__ import annotations`: a served deployment validates parameters from real types.
import math
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.utilities.annotations import quote

from extractors.document import DEFAULT_TIME_LIMIT
from extractors.loaders import Stamp
from extractors.model import Extraction
from extractors.worker import Limits, extract_all, stop_all
from flows import progress
from flows.reporting import Reconciled, RunSummary, dataset_key, reconcile_datasets, report_findings, summarize
from flows.runners import Runner, task_runner
from reconcile.normalize import normalize_frames
from reconcile.settings import ReconcileSettings
from store.incremental import (Plan, cache_extractions, finish_run, plan_run, replan_if_changed, run_frames,
                               write_run)
from store.inventory import inventory
from store.lock import output_lock

Frames = dict[str, pd.DataFrame]

MAX_BATCH = 64  # documents per task: few enough tasks that orchestration stays small
TARGET_TASKS = 32
LOCK_WAIT = 600.0  # seconds a scheduled run waits for a manual run to finish
RECHECKS = 3  # times the raw folder is looked at again when files change during the run


@task(name="plan-run", cache_policy=NO_CACHE)
def plan(raw_dir: Path, out_dir: Path, key: str, full: bool, allow_empty: bool) -> Plan:
    run_plan = plan_run(out_dir, inventory(raw_dir), key, full, allow_empty=allow_empty)
    get_run_logger().info("planned: %d documents to extract, %d cached, datasets %s", len(run_plan.to_extract),
                          len(run_plan.cached), "to rewrite" if run_plan.changed else "unchanged")
    return run_plan


@task(name="extract-documents", cache_policy=NO_CACHE)
def extract_documents(files: list[tuple[Path, str]], raw_dir: Path, time_limit: float | None,
                      stamps: dict[Path, Stamp]) -> list[Extraction]:
    results = extract_all(files, raw_dir, Limits(seconds=time_limit), stamps)
    failed = sum(r.status != "ok" for r in results)
    get_run_logger().info("extracted %d documents (%d failed or skipped): %d figures, %d tables",
                          len(results), failed, sum(len(r.figures) for r in results),
                          sum(len(r.tables) for r in results))
    return results


@task(name="recheck-raw-folder", cache_policy=NO_CACHE)
def recheck(raw_dir: Path, out_dir: Path, run_plan: Plan, results: list[Extraction], key: str, full: bool,
            allow_empty: bool) -> Plan | None:
    return replan_if_changed(raw_dir, out_dir, run_plan, results, key, full, allow_empty)


@task(name="tabulate", cache_policy=NO_CACHE)
def tabulate(run_plan: Plan, results: list[Extraction]) -> Frames:
    return run_frames(run_plan, results)


@task(name="normalize", cache_policy=NO_CACHE)
def normalize(frames: Frames, settings: ReconcileSettings) -> Frames:
    return normalize_frames(frames, settings)


@task(name="validate-and-write", cache_policy=NO_CACHE)
def validate_and_write(out_dir: Path, run_plan: Plan, frames: Frames) -> None:
    write_run(out_dir, run_plan, frames)
    get_run_logger().info("wrote the datasets in %s: %d figures in the rewritten buckets", out_dir,
                          len(frames["figures"]))


@task(name="reconcile", cache_policy=NO_CACHE)
def reconcile(out_dir: Path, settings: ReconcileSettings, key: str, full: bool) -> Reconciled:
    reconciled = reconcile_datasets(out_dir, settings, key, full)
    get_run_logger().info("reconciled: %d findings", len(reconciled.findings))
    return reconciled


@task(name="report", cache_policy=NO_CACHE)
def report(out_dir: Path, reconciled: Reconciled, raw_dir: Path) -> str:
    markdown = report_findings(out_dir, reconciled, raw_dir)
    get_run_logger().info("report written to %s", out_dir / "reconciliation.md")
    return markdown


@task(name="record-run", cache_policy=NO_CACHE)
def record(out_dir: Path, run_plan: Plan) -> None:
    finish_run(out_dir, run_plan)


# quote(): plans, results, frames and findings go to tasks as they are, not walked for futures; Prefect unwraps
# them before the call, but its task overloads do not accept them, hence the narrow ignores below.
@flow(name="reportfacts", log_prints=False, task_runner=task_runner(Runner.local))
def extract_reports(raw_dir: Path = Path("raw"), out_dir: Path = Path("output"), full: bool = False,
                    time_limit: float | None = DEFAULT_TIME_LIMIT, allow_empty: bool = False,
                    synonyms: Path | None = None, settings: dict[str, Any] | None = None) -> RunSummary:
    """`synonyms`: the synonyms file for subject keys (default: the one shipped); `settings`: other
    reconciliation settings by name (`reconcile.settings.ReconcileSettings`)."""
    started = time.perf_counter()
    run_settings = resolve_settings(synonyms, settings)
    key = dataset_key(run_settings)
    run_plan = plan(raw_dir, out_dir, key, full, allow_empty)
    results = extract_planned(run_plan, raw_dir, out_dir, time_limit)
    for _ in range(RECHECKS):
        again = recheck(raw_dir, out_dir, quote(run_plan), quote(results), key, full,  # type: ignore[call-overload]
                        allow_empty)
        if again is None:
            break
        run_plan = again
        results += extract_planned(run_plan, raw_dir, out_dir, time_limit)
    report_path = out_dir / "reconciliation.md"
    if run_plan.changed or not report_path.exists():
        frames = tabulate(quote(run_plan), quote(results))  # type: ignore[call-overload]
        frames = normalize(quote(frames), run_settings)  # type: ignore[call-overload]
        validate_and_write(out_dir, quote(run_plan), quote(frames))  # type: ignore[call-overload]
        reconciled = reconcile(out_dir, run_settings, key, full)
        report(out_dir, quote(reconciled), raw_dir)  # type: ignore[call-overload]
        record(out_dir, quote(run_plan))  # type: ignore[call-overload]
    create_markdown_artifact(markdown=report_path.read_text(encoding="utf-8"), key="reconciliation-report",
                             description="Conflicts, corroborations and inconsistencies in the reports")
    summary = summarize(out_dir, extracted=len(results), cached=len(run_plan.cached),
                        seconds=time.perf_counter() - started)
    get_run_logger().info("done in %.1f s: %d documents ok, %d failed or skipped, %d figures, %d findings",
                          summary.seconds, summary.documents_ok, len(summary.failures), summary.figures,
                          summary.findings)
    return summary


@flow(name="reportfacts-scheduled", log_prints=False)
def scheduled_extract(raw_dir: Path = Path("raw"), out_dir: Path = Path("output"), full: bool = False,
                      time_limit: float | None = DEFAULT_TIME_LIMIT, synonyms: Path | None = None) -> RunSummary:
    """What `reportfacts serve` deploys: the same run, holding the output folder's lock as `run` does."""
    with output_lock(out_dir, wait=LOCK_WAIT):
        summary = extract_reports(raw_dir, out_dir, full, time_limit, synonyms=synonyms)
    # `serve` passes this on: one line per run on its terminal
    print(f"{datetime.now():%Y-%m-%d %H:%M:%S} run done: {summary.documents_ok} documents ok, "
          f"{len(summary.failures)} failed or skipped, {summary.extracted} extracted, {summary.findings} findings, "
          f"{summary.seconds:.1f} s", flush=True)
    return summary


def resolve_settings(synonyms: Path | None, settings: dict[str, Any] | None) -> ReconcileSettings:
    """The run's settings, once: `settings` by name, and the synonyms file when one is given."""
    named = dict(settings or {})
    if synonyms is not None:
        named["synonyms_path"] = synonyms
    return ReconcileSettings.resolve(named)


def extract_planned(run_plan: Plan, raw_dir: Path, out_dir: Path, time_limit: float | None) -> list[Extraction]:
    """Extract the plan's documents in batches, caching each batch as it arrives."""
    files = [(source.path, source.doc_id) for source in run_plan.to_extract]
    # What the plan hashed each file to and its stamp then: a file still so stamped is not hashed again.
    stamps = {source.path: source.stamp for source in run_plan.to_extract if source.stamp is not None}
    progress.start(len(files))
    results: list[Extraction] = []
    try:
        submitted = [extract_documents.submit(batch, raw_dir, time_limit,
                                              {path: stamps[path] for path, _ in batch if path in stamps})
                     for batch in batches(files)]
        for future in as_completed(submitted):
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
