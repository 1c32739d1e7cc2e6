"""Shared fixtures: one throwaway Prefect backend per session, the sample reports, the gold set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import flows  # noqa: F401 - Prefect defaults before Prefect is imported

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
DEV_GOLD = EVAL / "dev"


@pytest.fixture(scope="session")
def prefect_backend():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def sample_run(prefect_backend, tmp_path_factory):
    """The flow run once over the sample reports in raw/: (out_dir, summary)."""
    from flows.pipeline import extract_reports

    out = tmp_path_factory.mktemp("sample-output")
    summary = extract_reports(raw_dir=RAW, out_dir=out, full=True)
    return out, summary


@pytest.fixture
def raw_copy(tmp_path) -> Path:
    """A writable copy of the sample reports."""
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target
