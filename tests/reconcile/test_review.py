"""An analyst's review marks in OUT/review.csv survive reruns, show in the report, and let go of a
finding whose figures changed."""

from __future__ import annotations

import pandas as pd
import pytest

from reconcile.review import REVIEW_FILE, read_marks
from store.datasets import read_dataset
from tests.reconcile.runs import run_without_prefect

REPORTS = {
    "alpha.txt": "The global widget market was valued at US$10.0 billion in 2024, according to the report.\n",
    "beta.txt": "The global widget market reached US$12.0 billion in 2024, the firm said.\n",
    "gamma.txt": "The global widget market was worth US$10.0 billion in 2024.\n",
}



def _mark(out, kind: str, status: str, note: str) -> str:
    table = pd.read_csv(out / REVIEW_FILE, dtype=str, keep_default_na=False)
    row = table.index[table["kind"] == kind][0]
    table.loc[row, ["status", "note"]] = [status, note]
    table.to_csv(out / REVIEW_FILE, index=False)
    return table.loc[row, "finding_id"]


@pytest.fixture
def reviewed(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for name, text in REPORTS.items():
        (raw / name).write_text(text, encoding="utf-8")
    run_without_prefect(raw, out, link_raw=True)
    findings = read_dataset(out, "findings")
    assert {"conflict", "corroboration"} <= set(findings["kind"])
    conflict = _mark(out, "conflict", "dismissed", "beta counts accessories too")
    corroboration = _mark(out, "corroboration", "accepted", "")
    return raw, out, conflict, corroboration


def test_marks_survive_a_rerun_and_show_in_the_report(reviewed):
    raw, out, conflict, corroboration = reviewed
    (raw / "delta.txt").write_text("The global gadget market was US$3.0 billion in 2024.\n", encoding="utf-8")
    run_without_prefect(raw, out, link_raw=True)
    marks = read_marks(out)
    assert marks[conflict].status == "dismissed" and marks[conflict].note == "beta counts accessories too"
    assert marks[corroboration].status == "accepted"
    markdown = (out / "reconciliation.md").read_text(encoding="utf-8")
    assert "Review: **dismissed**: beta counts accessories too" in markdown
    # the dismissed conflict drops below every other finding, the accepted corroboration included
    assert markdown.index(f"`{conflict}`") > markdown.index(f"`{corroboration}`")
    html = (out / "reconciliation.html").read_text(encoding="utf-8")
    assert f'data-finding-id="{conflict}"' in html and "reviewed dismissed" in html


def test_a_finding_whose_figures_changed_comes_back_unreviewed(reviewed):
    raw, out, conflict, corroboration = reviewed
    (raw / "beta.txt").write_text(REPORTS["beta.txt"].replace("12.0", "13.0"), encoding="utf-8")
    run_without_prefect(raw, out, link_raw=True)
    findings = read_dataset(out, "findings")
    assert conflict not in set(findings["finding_id"])  # new figures: a new id
    table = pd.read_csv(out / REVIEW_FILE, dtype=str, keep_default_na=False)
    fresh = table[(table["kind"] == "conflict") & (table["in_latest_run"] == "yes")]
    assert len(fresh) == 1 and fresh["status"].iloc[0] == ""
    gone = table[table["finding_id"] == conflict]
    assert gone["in_latest_run"].tolist() == ["gone"] and gone["status"].tolist() == ["dismissed"]
    assert read_marks(out)[corroboration].status == "accepted"  # alpha and gamma did not change


def test_an_unreadable_review_file_is_refused_by_name(tmp_path):
    (tmp_path / REVIEW_FILE).write_text("id;state\nx;y\n", encoding="utf-8")
    with pytest.raises(ValueError, match="R504"):
        read_marks(tmp_path)
