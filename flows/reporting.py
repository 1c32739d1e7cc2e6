"""Rebuilding findings and the report from datasets already written."""

from __future__ import annotations

from pathlib import Path

import reconcile
from reconcile.report import write_report
from store.datasets import read_dataset, write_dataset


def rebuild_report(out_dir: Path) -> int:
    figures, rankings, tables, documents = (read_dataset(out_dir, n) for n in ("figures", "rankings", "tables", "documents"))
    findings = reconcile.reconcile(figures, rankings, tables, documents)
    write_dataset(out_dir, "findings", findings)
    write_report(out_dir, findings, figures, documents)
    return len(findings)
