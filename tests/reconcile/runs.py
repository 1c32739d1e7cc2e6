"""One run of the pipeline without Prefect, for the reconciler's tests that span reruns."""

from __future__ import annotations

from pathlib import Path

from extractors.document import extract_document
from flows.reporting import dataset_key, reconcile_outputs
from reconcile.normalize import normalize_frames
from reconcile.settings import ReconcileSettings
from store.incremental import cache_extractions, finish_run, plan_run, run_frames, write_run
from store.inventory import inventory


def run_without_prefect(raw: Path, out: Path, *, link_raw: bool = False) -> None:
    """The datasets, then findings, consensus, review file and report, as the flow writes them
    (`link_raw`: the report links quotes to the files in RAW)."""
    settings = ReconcileSettings()
    plan = plan_run(out, inventory(raw), dataset_key(settings))
    extracted = [extract_document(s.path, raw) for s in plan.to_extract]
    cache_extractions(out, plan, extracted)
    write_run(out, plan, normalize_frames(run_frames(plan, extracted), settings))
    reconcile_outputs(out, raw if link_raw else None, settings=settings)
    finish_run(out, plan)
