"""One run of the pipeline without Prefect, for the reconciler's tests that span reruns."""

from __future__ import annotations

from pathlib import Path

from extractors.document import extract_document
from flows.reporting import reconcile_outputs
from store.datasets import build_key, with_subject_keys
from store.incremental import apply_run, cache_extractions, finish_run, plan_run
from store.inventory import inventory


def run_without_prefect(raw: Path, out: Path, *, link_raw: bool = False) -> None:
    """The datasets, then findings, consensus, review file and report, as the flow writes them
    (`link_raw`: the report links quotes to the files in RAW)."""
    plan = plan_run(out, inventory(raw), build_key())
    extracted = [extract_document(s.path, raw) for s in plan.to_extract]
    cache_extractions(out, plan, extracted)
    apply_run(out, plan, extracted, figures_hook=with_subject_keys)
    reconcile_outputs(out, raw if link_raw else None)
    finish_run(out, plan)
