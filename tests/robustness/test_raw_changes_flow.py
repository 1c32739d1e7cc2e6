"""The flow with a raw folder that misbehaves: odd paths, and files edited or deleted while it extracts
(issue 17, items 3 and 4)."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from tests.robustness.bad_files import GOOD_SENTENCE

REPORT = f"Widget report\n\n{GOOD_SENTENCE}\n"


@pytest.mark.slow
def test_a_run_over_odd_paths_completes_and_lists_them(prefect_backend, tmp_path):
    from flows.pipeline import extract_reports

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "good.txt").write_text(REPORT)
    (raw / os.fsdecode(b"r\xe9sum\xe9.txt")).write_text(REPORT)
    (raw / "a").symlink_to("b")
    (raw / "b").symlink_to("a")
    (raw / "x.txt").symlink_to("a")
    for _ in range(2):
        summary = extract_reports(raw_dir=raw, out_dir=out)
        assert summary.documents_ok == 1
        documents = pd.read_parquet(out / "documents.parquet").set_index("source_file")
        assert sorted(documents.index) == ["a", "b", "good.txt", "r\\xe9sum\\xe9.txt", "x.txt"]
        assert documents.drop(index="good.txt")["error"].str.startswith("E106 skipped: ").all()


@pytest.mark.slow
def test_files_edited_and_deleted_while_the_flow_extracts_are_recorded_as_they_end(prefect_backend, tmp_path,
                                                                                 monkeypatch):
    import flows.pipeline as pipeline

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (raw / name).write_text(f"{REPORT}This is {name}.\n")
    pipeline.extract_reports(raw_dir=raw, out_dir=out)
    (raw / "c.txt").write_text(f"{REPORT}c.txt changed, so the next run extracts it.\n")
    real = pipeline.extract_all

    def meanwhile(files, raw_dir, limits, stamps=None):
        if (raw / "b.txt").exists():  # the first batch: another program edits a.txt and deletes b.txt
            with (raw / "a.txt").open("a") as handle:
                handle.write("The widget market will reach US$99.5 billion in 2030.\n")
            (raw / "b.txt").unlink()
        return real(files, raw_dir, limits, stamps)

    monkeypatch.setattr(pipeline, "extract_all", meanwhile)
    summary = pipeline.extract_reports(raw_dir=raw, out_dir=out)
    documents = pd.read_parquet(out / "documents.parquet").set_index("source_file")
    figures = pd.read_parquet(out / "figures.parquet")
    assert "US$99.5 billion" in set(figures.loc[figures["source_file"] == "a.txt", "quote"])
    assert documents.loc["b.txt", "error"].startswith("E107 ")
    assert (documents.loc["a.txt", "status"], documents.loc["c.txt", "status"]) == ("ok", "ok")
    assert ("b.txt", "failed", documents.loc["b.txt", "error"]) in summary.failures
