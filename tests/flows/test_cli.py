"""The command line's habits, as a user's shell sees them: exit codes, one-line errors on stderr, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.conftest import RAW, ROOT


def reportfacts(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess:
    """`reportfacts ARGS` in a child process with its own PREFECT_HOME and no configured Prefect server."""
    environment = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    environment.update(PREFECT_HOME=str(home), **env)
    return subprocess.run([sys.executable, "-m", "flows", *args], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=300)


def assert_one_line_error(result: subprocess.CompletedProcess, code: int, *words: str) -> None:
    assert result.returncode == code, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for word in words:
        assert word in lines[0]


def test_version_answers():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("reportfacts ")


def test_a_bad_cron_or_time_zone_is_a_usage_error_of_one_line(tmp_path):
    assert_one_line_error(reportfacts("serve", "--cron", "not a cron", home=tmp_path), 2, "--cron", "not a cron")
    assert_one_line_error(reportfacts("serve", "--cron", "0 6 * * 1", "--timezone", "Mars/Olympus", home=tmp_path),
                          2, "Mars/Olympus")


def test_serve_without_a_scheduling_server_refuses(tmp_path):
    assert_one_line_error(reportfacts("serve", "--interval", "60", home=tmp_path), 2, "reportfacts server start")


def test_click_usage_errors_are_one_line_too(tmp_path):
    assert_one_line_error(reportfacts("run", "--full", "true", home=tmp_path), 2, "true", "--help")
    assert_one_line_error(reportfacts("run", "--runner", "spark", home=tmp_path), 2, "--runner")


def test_raw_and_out_that_are_files_are_named_as_such(tmp_path):
    report = tmp_path / "report.md"
    report.write_text("The market grew 5% in 2024.\n")
    assert_one_line_error(reportfacts("run", "--raw", str(report), home=tmp_path), 2, "is a file")
    assert_one_line_error(reportfacts("run", "--raw", str(RAW), "--out", str(report), home=tmp_path), 2, "is a file")
    assert_one_line_error(reportfacts("run", "--raw", str(tmp_path / "missing"), home=tmp_path), 2, "does not exist")


def test_report_without_datasets_fails_and_creates_nothing(tmp_path):
    missing = tmp_path / "missing-folder"
    assert_one_line_error(reportfacts("report", "--out", str(missing), home=tmp_path), 1, "no datasets")
    assert not missing.exists()


def test_help_shows_full_as_a_flag(tmp_path):
    result = CliRunner().invoke(app, ["run", "--help"])
    line = next(line for line in result.output.splitlines() if "--full" in line)
    assert "<bool>" not in line and "Re-extract" in line


@pytest.mark.slow
def test_an_unreachable_dask_scheduler_is_one_line_without_traceback(tmp_path):
    result = reportfacts("run", "--raw", str(RAW), "--out", str(tmp_path / "out"), "--runner", "dask",
                         "--dask-address", "tcp://127.0.0.1:9", home=tmp_path,
                         DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="3s")
    assert_one_line_error(result, 1, "could not complete")


@pytest.mark.slow
def test_an_empty_raw_folder_is_warned_about(prefect_backend, tmp_path):
    (tmp_path / "raw").mkdir()
    result = CliRunner().invoke(app, ["run", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "out")])
    assert "no reports in" in result.output
