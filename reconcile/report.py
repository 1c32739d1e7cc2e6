"""The reconciliation report, for people: HTML and Markdown."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from store.parquet import write_text_atomic


def render_markdown(findings: pd.DataFrame, figures: pd.DataFrame, documents: pd.DataFrame) -> str:
    counts = findings["kind"].value_counts().to_dict() if len(findings) else {}
    lines = ["# Reconciliation report", "",
             f"{len(documents)} documents, {len(figures)} figures, {len(findings)} findings "
             f"({counts.get('conflict', 0)} conflicts, {counts.get('corroboration', 0)} corroborations, "
             f"{counts.get('inconsistency', 0)} inconsistencies).", ""]
    return "\n".join(lines)


def write_report(out_dir: Path, findings: pd.DataFrame, figures: pd.DataFrame, documents: pd.DataFrame) -> str:
    markdown = render_markdown(findings, figures, documents)
    write_text_atomic(markdown, out_dir / "reconciliation.md")
    return markdown
