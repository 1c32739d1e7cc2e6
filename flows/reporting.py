"""After the datasets are written: findings, the report, and the run's summary, all read from OUT."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import reconcile
from reconcile.model import prepare_figures
from reconcile.report import write_report
from reconcile.runtime import paused_gc
from reconcile.settings import ReconcileSettings
from store.datasets import read_dataset, write_dataset


@dataclass
class RunSummary:
    documents_ok: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (file, status, reason)
    figures: int = 0
    tables: int = 0
    rankings: int = 0
    findings: int = 0
    seconds: float = 0.0
    extracted: int = 0  # documents extracted by this run
    cached: int = 0  # documents whose cached extraction was reused to rebuild a changed bucket


def reconcile_outputs(out_dir: Path) -> str:
    """Reconcile the datasets in OUT, write findings.parquet and the report; the report's markdown."""
    with paused_gc():
        figures, rankings, tables, documents = (read_dataset(out_dir, n)
                                                for n in ("figures", "rankings", "tables", "documents"))
        if len(figures):  # prepared once, for the findings and the report alike
            figures = prepare_figures(figures, ReconcileSettings())
        findings = reconcile.reconcile(figures, rankings, tables, documents)
        write_dataset(out_dir, "findings", findings)
        return write_report(out_dir, findings, figures, documents, rankings)


def rebuild_report(out_dir: Path) -> int:
    """Findings and report again from the datasets already in OUT; the number of findings."""
    reconcile_outputs(out_dir)
    return len(read_dataset(out_dir, "findings"))


def summarize(out_dir: Path, extracted: int, cached: int, seconds: float) -> RunSummary:
    """The whole output's counts (not only this run's work), from documents.parquet and findings.parquet."""
    documents = read_dataset(out_dir, "documents")
    unique = documents.drop_duplicates("doc_id")
    failed = documents[documents["status"] != "ok"].sort_values("source_file")
    return RunSummary(
        documents_ok=int((documents["status"] == "ok").sum()),
        failures=[(str(r.source_file), str(r.status), str(r.error or "")) for r in failed.itertuples()],
        figures=int(unique["n_figures"].sum()), tables=int(unique["n_tables"].sum()),
        rankings=int(unique["n_rankings"].sum()), findings=len(read_dataset(out_dir, "findings")),
        seconds=seconds, extracted=extracted, cached=cached,
    )
