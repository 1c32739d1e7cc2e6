"""raw/ -> ingest -> extract -> validate -> normalize -> reconcile -> output/

Each task is one call into the package that does the work: documents are
extracted in batches (one task per batch, never per figure), the datasets
are validated and written atomically, then reconciled and reported.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed

import reconcile
from extractors.document import extract_document
from extractors.loaders import discover
from extractors.model import Extraction
from flows import progress
from reconcile.report import write_report
from store.datasets import build_frames, write_dataset

BATCH_SIZE = 8


@dataclass
class RunSummary:
    documents_ok: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (file, status, reason)
    figures: int = 0
    tables: int = 0
    rankings: int = 0
    findings: int = 0
    seconds: float = 0.0


@task(name="extract-documents", cache_policy=NO_CACHE)
def extract_documents(paths: list[Path], raw_dir: Path) -> list[Extraction]:
    return [extract_document(p, raw_dir) for p in paths]


@task(name="write-datasets", cache_policy=NO_CACHE)
def write_datasets(results: list[Extraction], out_dir: Path) -> dict:
    frames = build_frames(results)
    for name, frame in frames.items():
        write_dataset(out_dir, name, frame)
    return frames


@task(name="reconcile", cache_policy=NO_CACHE)
def reconcile_datasets(frames: dict, out_dir: Path) -> int:
    findings = reconcile.reconcile(frames["figures"], frames["rankings"], frames["tables"], frames["documents"])
    write_dataset(out_dir, "findings", findings)
    write_report(out_dir, findings, frames["figures"], frames["documents"])
    return len(findings)


@flow(name="reportfacts", log_prints=False)
def extract_reports(raw_dir: Path = Path("raw"), out_dir: Path = Path("output"), full: bool = False) -> RunSummary:
    started = time.perf_counter()
    paths = discover(raw_dir)
    progress.start(len(paths))
    batches = [paths[i:i + BATCH_SIZE] for i in range(0, len(paths), BATCH_SIZE)]
    results: list[Extraction] = []
    for future in as_completed([extract_documents.submit(batch, raw_dir) for batch in batches]):
        batch = future.result()
        results.extend(batch)
        progress.advance(len(batch))
    frames = write_datasets(results, out_dir)
    n_findings = reconcile_datasets(frames, out_dir)
    return _summary(results, n_findings, time.perf_counter() - started)


def _summary(results: list[Extraction], n_findings: int, seconds: float) -> RunSummary:
    summary = RunSummary(findings=n_findings, seconds=seconds)
    for r in sorted(results, key=lambda r: r.source_file):
        if r.status == "ok":
            summary.documents_ok += 1
        else:
            summary.failures.append((r.source_file, r.status, r.error or ""))
        summary.figures += len(r.figures)
        summary.tables += len(r.tables)
        summary.rankings += len(r.rankings)
    return summary
