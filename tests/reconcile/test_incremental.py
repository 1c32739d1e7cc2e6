"""Reconciling only what changed gives exactly the findings and report of reconciling everything."""

from __future__ import annotations

import random
import re
import shutil

import pandas as pd
import pytest

import reconcile
from flows.reporting import CELLS, ReconciledState, reconcile_outputs
from reconcile import incremental
from reconcile.consensus import consensus
from reconcile.findings import with_tables
from reconcile.model import figure_columns, prepare_figures
from reconcile.settings import ReconcileSettings
from reconcile.tables import table_figures
from store.datasets import read_dataset
from tests.conftest import RAW
from tests.reconcile.runs import run_without_prefect

SECTORS = ["robotics", "biotech", "fintech", "logistics", "retail"]
_NUMBER = re.compile(r"(?<![\w.])(\d+)\.(\d)(?![\w])")


def _varied(text: str, seed: int) -> str:
    """The text with every one-decimal number scaled a little (years have no decimals)."""
    rng = random.Random(seed)
    return _NUMBER.sub(lambda m: f"{float(m.group(0)) * rng.uniform(0.7, 1.3):.1f}", text)


def _write_corpus(raw, n: int) -> None:
    """Reports about two sectors, three of each sample per sector: one varies the sample's numbers (its
    conflicts), two repeat them (their corroborations); and a widget series with a CAGR (implied values)."""
    samples = sorted(RAW.iterdir())
    raw.mkdir()
    for i in range(n):
        sample, sector = samples[i % len(samples)], SECTORS[(i // len(samples)) % 2]
        text = re.sub(r"\bmarket\b", f"{sector} market", sample.read_text(encoding="utf-8"))
        text = _varied(text, i) if i % 3 == 0 else text
        (raw / f"{i:03d}_{sample.name}").write_text(text + f"\nReport number {i}.\n", encoding="utf-8")
    for name, text in WIDGETS.items():
        (raw / name).write_text(text, encoding="utf-8")


WIDGETS = {
    "widgets_a.txt": "The global widget market was valued at US$10.0 billion in 2024 and is expected to grow at "
                     "a CAGR of 10.0% from 2024 to 2030.\n",
    "widgets_b.txt": "The global widget market will be worth US$30.0 billion in 2027.\n",
    "widgets_c.txt": "The global widget market is forecast at US$25.0 billion in 2028.\n",
}



@pytest.fixture
def reconciled(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    _write_corpus(raw, 30)
    run_without_prefect(raw, out)
    return raw, out


def _everything_again(out, tmp_path):
    """Findings and report of a full reconciliation of the same datasets (no state to build on)."""
    again = tmp_path / "again"
    shutil.copytree(out, again, ignore=shutil.ignore_patterns("findings.parquet", "reconciled.json"))
    reconcile_outputs(again)
    return again


def _assert_same_outputs(out, again):
    mine, theirs = read_dataset(out, "findings"), read_dataset(again, "findings")
    assert len(mine) > 20 and set(mine["kind"]) == {"conflict", "corroboration", "inconsistency"}
    pd.testing.assert_frame_equal(mine, theirs)
    pd.testing.assert_frame_equal(read_dataset(out, "consensus"), read_dataset(again, "consensus"))
    for report in ("reconciliation.md", "reconciliation.html", "review.csv"):
        assert (out / report).read_text(encoding="utf-8") == (again / report).read_text(encoding="utf-8")


def _edit(raw, files):
    files[0].write_text(_varied(files[0].read_text(encoding="utf-8"), 99), encoding="utf-8")


def _remove(raw, files):
    files[10].unlink()  # 0 and 20 (same sample and sector) still disagree without it


def _rename(raw, files):
    files[8].rename(raw / "renamed.txt")  # its findings name the new file


def _second_name(raw, files):
    shutil.copy(files[12], raw / "copy_of_12.txt")


def _add(raw, files):
    (raw / "new.txt").write_text(re.sub(r"\bmarket\b", "robotics market", files[1].read_text(encoding="utf-8"))
                                 .replace("Report number", "Study"), encoding="utf-8")


def _add_to_a_series(raw, files):
    (raw / "widgets_d.txt").write_text("The global widget market will reach US$40.0 billion in 2029.\n",
                                       encoding="utf-8")


def _edit_a_series(raw, files):
    (raw / "widgets_b.txt").write_text(WIDGETS["widgets_b.txt"].replace("30.0", "31.0"), encoding="utf-8")
    (raw / "widgets_c.txt").unlink()


def _many(raw, files):
    for change in (_edit, _remove, _rename, _second_name, _add, _add_to_a_series, _edit_a_series):
        change(raw, files)


@pytest.mark.parametrize("change", [_edit, _remove, _rename, _second_name, _add, _add_to_a_series,
                                    _edit_a_series, _many], ids=lambda f: f.__name__.strip("_"))
def test_after_a_change_only_the_changed_scopes_are_checked_and_all_is_as_if_reconciled_anew(
        reconciled, tmp_path, monkeypatch, change):
    raw, out = reconciled
    assert {"cross_source", "cagr_implied_value", "cagr_endpoints"} <= set(read_dataset(out, "findings")["check"])
    report = (out / "reconciliation.md").read_text(encoding="utf-8")
    change(raw, sorted(raw.iterdir()))

    def full_reconciliation_is_not_used(*args, **kwargs):
        raise AssertionError("the update should only check what changed")

    tables_read, prepared, consensus_from = [], [], []

    def recorded(tables, figures):
        tables_read.append(set(tables["doc_id"]))
        return table_figures(tables, figures)

    def prepared_anew(figures, *args):
        prepared.append(set(figures["doc_id"]))
        return figure_columns(figures, *args)

    def already_prepared(figures, *args):
        assert "cmp_row" in figures.columns, "every figure should not be prepared again"
        return figures

    def consensus_of(figures, *args):
        consensus_from.append(len(figures))
        return consensus(figures, *args)

    before = ReconciledState.load(out)
    with monkeypatch.context() as patch:
        patch.setattr(reconcile, "reconcile_with_consensus", full_reconciliation_is_not_used)
        patch.setattr(incremental, "prepare_figures", already_prepared)
        patch.setattr(incremental, "table_figures", recorded)
        patch.setattr(incremental, "figure_columns", prepared_anew)
        patch.setattr(incremental, "consensus", consensus_of)
        run_without_prefect(raw, out)
    assert (out / "reconciliation.md").read_text(encoding="utf-8") != report
    documents = read_dataset(out, "documents")
    assert len(tables_read) == 1 and tables_read[0] < set(documents["doc_id"][documents["n_tables"] > 0])
    changed = ReconciledState.load(out).changed_since(before)
    assert len(prepared) <= 1 and all(docs <= changed for docs in prepared)  # only the changed documents
    everything = len(with_tables(read_dataset(out, "figures"), read_dataset(out, "tables")))
    assert len(consensus_from) == 1 and consensus_from[0] <= everything
    assert change is _many or consensus_from[0] < everything  # one change: only the scopes it is in
    _assert_same_outputs(out, _everything_again(out, tmp_path))


def test_the_prepared_columns_kept_read_back_as_they_were_made(reconciled, tmp_path):
    raw, out = reconciled
    figures = with_tables(read_dataset(out, "figures"), read_dataset(out, "tables"))
    made = figure_columns(figures, ReconcileSettings(), read_dataset(out, "documents"))
    incremental.write_prepared(tmp_path / "kept.parquet", made)
    kept = incremental.read_prepared(tmp_path / "kept.parquet")
    assert kept is not None
    columns = [c for c in made.columns if c.startswith("cmp_")]
    assert columns and set(columns) <= set(kept.columns)
    for column in ["figure_id", "doc_id", *columns]:
        mine, theirs = made[column].tolist(), kept[column].tolist()
        assert mine == theirs, column
        assert [type(v) for v in mine] == [type(v) for v in theirs], column


def test_prepared_columns_that_miss_a_figure_are_not_built_on(reconciled, tmp_path):
    raw, out = reconciled
    figures, documents = read_dataset(out, "figures"), read_dataset(out, "documents")
    settings = ReconcileSettings()
    incremental.write_prepared(tmp_path / "kept.parquet", figure_columns(figures.iloc[1:], settings, documents))
    kept = incremental.read_prepared(tmp_path / "kept.parquet")
    again = incremental.prepare_changes(figures, settings, documents, kept, changed=set())
    whole = prepare_figures(figures, settings, documents)
    pd.testing.assert_frame_equal(again.drop(columns="cmp_row"), whole.drop(columns="cmp_row"))


def test_the_table_cells_kept_are_those_a_full_reading_gives(reconciled, tmp_path):
    raw, out = reconciled
    _many(raw, sorted(raw.iterdir()))
    run_without_prefect(raw, out)
    state = ReconciledState.load(out)
    kept = pd.read_parquet(next((out / CELLS).glob("*.parquet")))
    figures, tables = read_dataset(out, "figures"), read_dataset(out, "tables")
    assert len(kept) > 10 and len(list((out / CELLS).glob("*.parquet"))) == 1 and state is not None
    pd.testing.assert_frame_equal(kept, table_figures(tables, figures), check_dtype=False)


def test_with_nothing_changed_the_findings_are_kept_as_they_are(reconciled, tmp_path):
    raw, out = reconciled
    before = read_dataset(out, "findings")
    run_without_prefect(raw, out)
    pd.testing.assert_frame_equal(read_dataset(out, "findings"), before)


def test_new_settings_or_code_reconcile_everything(reconciled, monkeypatch):
    raw, out = reconciled
    state = ReconciledState.load(out)
    assert state is not None and len(state.documents) == 30 + len(WIDGETS)
    state.key = "made by another version"
    state.save(out)
    calls = []
    real = reconcile.reconcile_with_consensus
    monkeypatch.setattr(reconcile, "reconcile_with_consensus", lambda *a, **k: calls.append(1) or real(*a, **k))
    reconcile_outputs(out)
    assert calls == [1]


def test_a_full_run_reconciles_everything_whatever_the_last_run_left(reconciled):
    """`run --full` after extractor code changed without a version bump: the last findings are not built on."""
    raw, out = reconciled
    right = read_dataset(out, "findings")
    assert len(right) > 0
    read_dataset(out, "findings").iloc[:0].to_parquet(out / "findings.parquet")  # stale: as if made by old code
    reconcile_outputs(out)
    assert len(read_dataset(out, "findings")) == 0  # an ordinary run builds on what the last one left
    reconcile_outputs(out, full=True)
    pd.testing.assert_frame_equal(read_dataset(out, "findings"), right)


def test_a_consensus_row_not_made_from_these_figures_is_not_built_on(reconciled):
    """A consensus written by a run that did not record its state (killed in between) names figures the
    kept state does not know: the consensus is made anew instead of kept in part."""
    raw, out = reconciled
    settings, documents = ReconcileSettings(), read_dataset(out, "documents")
    figures = with_tables(read_dataset(out, "figures"), read_dataset(out, "tables"))
    prepared = prepare_figures(figures, settings, documents)
    previous = read_dataset(out, "consensus")
    assert len(previous) > 2
    previous.at[0, "figure_ids"] = [*previous.at[0, "figure_ids"], "a figure of another run"]
    kept = incremental.read_prepared(next((out / ".cache" / "prepared-figures").glob("*.parquet")))
    made = incremental.consensus_changes(prepared, previous.drop(index=1), kept, set(), settings, documents)
    pd.testing.assert_frame_equal(made, consensus(prepared, settings, documents))
