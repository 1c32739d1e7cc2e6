"""Work split across two processes gives what one process gives: the same prepared columns, table cells,
findings and consensus, with forking forced on for small inputs; and a child that fails or hangs costs
nothing but time."""

import logging
import os
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

import schemas
from flows.reporting import CELLS, PREPARED, reconcile_outputs
from reconcile import parallel
from reconcile.findings import reconcile_with_consensus, with_tables
from reconcile.model import prepare_figures
from reconcile.settings import ReconcileSettings
from reconcile.tables import table_figures
from store.datasets import read_dataset

DATA = Path(__file__).parent / "data"


def test_the_second_part_runs_in_a_child_and_both_results_come_back():
    parent = os.getpid()
    here, there = parallel.side_by_side(os.getpid, os.getpid)
    assert here == parent and there not in (parent, None)


def test_a_part_that_fails_in_the_child_runs_here_instead():
    parent = os.getpid()

    def there() -> str:
        if os.getpid() != parent:
            raise RuntimeError("fails in the child only")
        return "ran here"

    assert parallel.side_by_side(lambda: 1, there) == (1, "ran here")


def test_an_error_here_is_raised_and_the_child_is_killed_and_reaped(tmp_path):
    pid_file = tmp_path / "child.pid"

    def there() -> None:
        pid_file.write_text(str(os.getpid()))
        os.kill(os.getpid(), 19)  # SIGSTOP: a child that would never answer

    def here() -> None:
        while not pid_file.exists() or not pid_file.read_text():
            pass
        raise ValueError("the parent's part failed")

    with pytest.raises(ValueError, match="parent's part"):
        parallel.side_by_side(here, there)
    with pytest.raises(ProcessLookupError):  # killed and reaped: no such process any more
        os.kill(int(pid_file.read_text()), 0)


def test_the_child_reports_nothing_and_the_parent_goes_on_reporting(capfd):
    logger = logging.getLogger("reportfacts.test_parallel")
    handler = logging.StreamHandler(sys.stderr)  # to the file descriptor the child shares
    logger.addHandler(handler)

    class Noisy:
        def __del__(self):
            raise RuntimeError("a destructor failing in the child")

    def there() -> int:
        logger.error("the child logs")
        Noisy()  # an "Exception ignored in" report, as a destroyed pending task gives
        return 1

    assert parallel.side_by_side(lambda: 0, there) == (0, 1)
    logger.error("the parent logs")
    logger.removeHandler(handler)
    err = capfd.readouterr().err
    assert "the parent logs" in err
    assert "the child logs" not in err and "destructor failing" not in err


def test_without_fork_both_parts_run_here():
    parent = os.getpid()
    assert parallel.side_by_side(os.getpid, os.getpid, fork=False) == (parent, parent)


def test_the_later_part_holds_whole_keys_and_about_its_share_of_rows():
    keys = ["a"] * 30 + ["b"] * 10 + ["c"] * 25 + ["a"] * 5 + ["d"] * 30
    later = parallel.later_part(keys, share=0.4)
    by_key = pd.Series(later).groupby(pd.Series(keys)).agg(["min", "max"])
    assert (by_key["min"] == by_key["max"]).all()  # a key's rows are all in one part
    assert set(pd.Series(keys)[later]) == {"d"}  # the keys first seen last
    assert later.sum() == 30  # of 100 rows, the cut between whole keys nearest to 40 (30, not c and d's 55)
    assert set(pd.Series(keys)[parallel.later_part(keys, share=0.6)]) == {"b", "c", "d"}  # 65 rows
    assert not parallel.later_part([]).any()


@pytest.fixture
def forking(monkeypatch):
    """Fork for any input size (as a large corpus does)."""
    monkeypatch.setattr(parallel, "MIN_ROWS", 0)
    monkeypatch.delenv(parallel.ENV_SWITCH, raising=False)
    if not parallel.worth_forking(1):
        pytest.skip("this machine cannot fork or has one core: nothing runs side by side")


def _both_ways(monkeypatch, make):
    """make() with forking forced on, then with it switched off."""
    monkeypatch.setattr(parallel, "MIN_ROWS", 0)
    forked = make()
    monkeypatch.setenv(parallel.ENV_SWITCH, "0")
    return forked, make()


def _prepared_columns(frame: pd.DataFrame) -> dict[str, list]:
    return {c: frame[c].tolist() for c in frame.columns if c.startswith("cmp_") and c != "cmp_row"}


def test_the_sample_reports_reconcile_the_same_on_two_cores(forking, monkeypatch, sample_run):
    out, _ = sample_run
    figures, rankings, tables, documents = (read_dataset(out, name)
                                            for name in ("figures", "rankings", "tables", "documents"))
    settings = ReconcileSettings()
    cells, serial_cells = _both_ways(monkeypatch, lambda: table_figures(tables, figures))
    assert len(cells) >= 20
    pd.testing.assert_frame_equal(cells, serial_cells)
    monkeypatch.delenv(parallel.ENV_SWITCH)
    prepared, serial = _both_ways(
        monkeypatch, lambda: prepare_figures(with_tables(figures, tables), settings, documents))
    assert _prepared_columns(prepared) == _prepared_columns(serial)
    assert prepared["cmp_same"].tolist() == serial["cmp_same"].tolist()
    monkeypatch.delenv(parallel.ENV_SWITCH)
    (found, agreed), (serial_found, serial_agreed) = _both_ways(
        monkeypatch, lambda: reconcile_with_consensus(figures, rankings, tables, documents, settings))
    assert len(found) > 10  # (five reports on five markets: no consensus rows, and none made up)
    pd.testing.assert_frame_equal(found, serial_found)
    pd.testing.assert_frame_equal(agreed, serial_agreed)


def test_a_generated_corpus_reconciles_the_same_on_two_cores(forking, monkeypatch):
    figures = pd.read_parquet(DATA / "corpus25_figures.parquet")
    rankings = pd.read_parquet(DATA / "corpus25_rankings.parquet")
    (found, agreed), (serial_found, serial_agreed) = _both_ways(
        monkeypatch, lambda: reconcile_with_consensus(figures, rankings, schemas.empty("tables"),
                                                      schemas.empty("documents")))
    assert (found["kind"] == "conflict").sum() > 5 and len(agreed) > 2
    pd.testing.assert_frame_equal(found, serial_found)
    pd.testing.assert_frame_equal(agreed, serial_agreed)


def test_work_done_meanwhile_is_done_by_the_child(forking, tmp_path):
    figures = pd.read_parquet(DATA / "corpus25_figures.parquet")
    rankings = pd.read_parquet(DATA / "corpus25_rankings.parquet")
    done = tmp_path / "done-by"
    found, _ = reconcile_with_consensus(figures, rankings, schemas.empty("tables"), schemas.empty("documents"),
                                        meanwhile=lambda: done.write_text(str(os.getpid())))
    assert len(found) > 5 and int(done.read_text()) != os.getpid()


def test_a_forked_full_reconciliation_leaves_what_a_rerun_builds_on(forking, monkeypatch, sample_run, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(sample_run[0], out)
    reconcile_outputs(out, full=True)
    forked = read_dataset(out, "findings")
    assert list((out / PREPARED).glob("*.parquet")) and list((out / CELLS).glob("*.parquet"))
    monkeypatch.setenv(parallel.ENV_SWITCH, "0")
    reconcile_outputs(out)  # nothing changed: builds on the caches the child wrote
    pd.testing.assert_frame_equal(read_dataset(out, "findings"), forked)
    reconcile_outputs(out, full=True)
    pd.testing.assert_frame_equal(read_dataset(out, "findings"), forked)
