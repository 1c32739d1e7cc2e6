"""The flow as operators use it: reruns from the cache, the report artifact, the CLI, Dask."""

from __future__ import annotations

import asyncio

import pandas as pd
import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.conftest import RAW

DATASETS = ("documents", "figures", "tables", "rankings", "findings")


def _datasets(out):
    frames = {name: pd.read_parquet(out / f"{name}.parquet") for name in DATASETS}
    frames["documents"] = frames["documents"].drop(columns=["extracted_at"])
    return frames


@pytest.mark.slow
def test_a_rerun_reuses_the_cache_and_publishes_the_report_artifact(prefect_backend, raw_copy, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    from flows.pipeline import extract_reports

    first = extract_reports(raw_dir=raw_copy, out_dir=tmp_path, full=False)
    second = extract_reports(raw_dir=raw_copy, out_dir=tmp_path, full=False)
    assert (first.extracted, second.extracted) == (5, 0)
    assert (second.documents_ok, second.figures, second.findings) == (first.documents_ok, first.figures, first.findings)

    async def artifacts():
        async with get_client() as client:
            return await client.read_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["reconciliation-report"])),
                sort=ArtifactSort.CREATED_DESC)  # this run's: other tests of the session publish under the same key

    published = asyncio.run(artifacts())
    assert published and published[0].type == "markdown"
    assert published[0].data == (tmp_path / "reconciliation.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_cli_run_prints_a_summary_without_logs_and_reruns_cheaply(prefect_backend, raw_copy, tmp_path):
    runner = CliRunner()
    args = ["run", "--raw", str(raw_copy), "--out", str(tmp_path / "out")]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    for result, extracted in ((first, "5"), (second, "0")):
        assert "documents ok" in result.output and "Traceback" not in result.output
        assert " INFO " not in result.output and "| WARNING" not in result.output
        line = next(ln for ln in result.output.splitlines() if "extracted by this run" in ln)
        assert line.split("│")[2].strip() == extracted


def test_cli_refuses_bad_arguments_with_exit_code_2(tmp_path):
    runner = CliRunner()
    assert runner.invoke(app, ["run", "--raw", str(tmp_path / "missing")]).exit_code == 2
    assert runner.invoke(app, ["serve", "--raw", str(RAW)]).exit_code == 2
    both = runner.invoke(app, ["serve", "--raw", str(RAW), "--cron", "0 * * * *", "--interval", "60"])
    assert both.exit_code == 2 and "exactly one of" in both.output
    assert runner.invoke(app, ["run", "--runner", "spark"]).exit_code == 2


@pytest.mark.slow
def test_dask_with_two_worker_processes_writes_what_the_local_runner_writes(prefect_backend, tmp_path):
    from flows.pipeline import extract_reports
    from flows.runners import task_runner

    local = extract_reports(raw_dir=RAW, out_dir=tmp_path / "local", full=True)
    on_dask = extract_reports.with_options(task_runner=task_runner("dask", workers=2))(
        raw_dir=RAW, out_dir=tmp_path / "dask", full=True)
    assert (on_dask.documents_ok, on_dask.extracted, on_dask.failures) == (local.documents_ok, 5, local.failures)
    expected, got = _datasets(tmp_path / "local"), _datasets(tmp_path / "dask")
    for name in DATASETS:
        pd.testing.assert_frame_equal(got[name], expected[name], obj=name)
