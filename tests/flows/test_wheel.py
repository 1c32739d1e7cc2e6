"""The built wheel works from anywhere: installed into a fresh virtual environment, run from another folder.

Offline and quick: the wheel is built without build isolation (this environment's setuptools), installed
without its dependencies, and the fresh environment borrows this one's installed packages through a .pth
file, which adds them to its path but does not run this environment's own .pth files, so the checkout's
editable install stays out of sight.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import RAW, ROOT

pytestmark = pytest.mark.slow

SOURCES = ["pyproject.toml", "README.md", "LICENSE", "flows", "extractors", "schemas", "reconcile", "store"]


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)
    assert result.returncode == 0, f"{args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def test_the_wheel_installs_into_a_fresh_venv_and_runs_from_another_folder(tmp_path: Path):
    source = tmp_path / "source"  # a copy, so the build leaves nothing in the checkout
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
          "-w", str(tmp_path / "dist"), str(source)])
    wheel = next((tmp_path / "dist").glob("reportfacts-*.whl"))

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
          str(wheel)])
    packages = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip())
    (packages / "borrowed-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")

    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(RAW, elsewhere / "reports")
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PYTHONPATH")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    where = _run([str(python), "-c", "import flows, reconcile; print(flows.__file__, reconcile.__file__)"],
                 cwd=elsewhere, env=env).stdout
    assert str(ROOT) not in where and str(packages) in where

    cli = venv / "bin" / "reportfacts"
    assert _run([str(cli), "--version"], cwd=elsewhere, env=env).stdout.startswith("reportfacts ")
    result = _run([str(cli), "run", "--raw", "reports", "--out", "output"], cwd=elsewhere, env=env)
    assert "E110" not in result.stdout + result.stderr
    documents = pd.read_parquet(elsewhere / "output" / "documents.parquet")
    assert len(documents) == len(list(RAW.iterdir())) and set(documents["status"]) == {"ok"}
    assert len(pd.read_parquet(elsewhere / "output" / "figures.parquet")) > 50
    assert "#" in (elsewhere / "output" / "reconciliation.md").read_text(encoding="utf-8")  # the template was found
