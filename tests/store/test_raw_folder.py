"""Every file in the raw folder accounted for, as it is at the end of the run (issue 17, items 3, 4, 5, 8;
issue 16: files of types no loader reads). Plain functions, as the flow calls them, without Prefect."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from extractors.document import extract_document
from store.datasets import build_key, read_dataset
from store.incremental import (EmptyRawFolder, cache_extractions, finish_run, plan_run, run_frames, write_run,
                               refuse_to_empty, replan_if_changed)
from store.inventory import inventory
from tests.robustness.bad_files import GOOD_SENTENCE

REPORT = f"Widget report\n\n{GOOD_SENTENCE}\n"


def _extract(out, plan, raw, time_limit=60.0):
    results = [extract_document(s.path, raw, time_limit) for s in plan.to_extract]
    cache_extractions(out, plan, results)
    return results


def _run(raw, out, time_limit=60.0, allow_empty=False, during=None):
    """One run as the flow does it; `during()` is called while the first documents are being extracted."""
    plan = plan_run(out, inventory(raw), build_key(), allow_empty=allow_empty)
    if during is not None:
        during()
    results = _extract(out, plan, raw, time_limit)
    for _ in range(3):
        again = replan_if_changed(raw, out, plan, results, build_key())
        if again is None:
            break
        plan = again
        results += _extract(out, plan, raw, time_limit)
    write_run(out, plan, run_frames(plan, results))
    finish_run(out, plan)


def _documents(out) -> pd.DataFrame:
    return read_dataset(out, "documents").set_index("source_file")


def _raw(tmp_path, names=("a.txt", "b.txt", "c.txt")) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for n, name in enumerate(names):
        (raw / name).write_text(f"{REPORT}Report number {n}.\n")
    return raw


def test_odd_paths_each_get_a_row_and_block_nothing(tmp_path):
    raw, out = _raw(tmp_path, ["good.txt"]), tmp_path / "out"
    (raw / os.fsdecode(b"caf\xe9.txt")).write_text(REPORT)  # a latin-1 name: not valid UTF-8
    (raw / "a").symlink_to("b")
    (raw / "b").symlink_to("a")
    (raw / "loop.txt").symlink_to("a")
    (raw / "dangling.txt").symlink_to("nowhere.txt")
    (raw / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    for _ in range(2):  # the second run reads its own cache and manifest back
        _run(raw, out)
        documents = _documents(out)
        assert documents.loc["good.txt", "status"] == "ok"
        assert documents.loc["caf\\xe9.txt", "error"] == (
            "E106 skipped: the file name is not valid UTF-8; rename the file to read it")
        for link in ("a", "b", "loop.txt"):
            assert documents.loc[link, "error"] == "E106 skipped: a link into a loop of links"
        assert documents.loc["dangling.txt", "error"] == "E106 skipped: a link to a file that does not exist"
        assert documents.loc["chart.png", "error"] == "E106 skipped: unsupported type .png"
        assert set(documents["status"]) == {"ok", "skipped"}


def test_a_document_that_timed_out_is_extracted_again_with_a_larger_limit(tmp_path):
    raw, out = _raw(tmp_path, ["slow.txt"]), tmp_path / "out"
    (raw / "slow.txt").write_text(REPORT * 2000)
    _run(raw, out, time_limit=0.001)
    assert _documents(out).loc["slow.txt", "error"].startswith("E108 timed out")
    _run(raw, out, time_limit=600)
    slow = _documents(out).loc["slow.txt"]
    assert slow["status"] == "ok" and slow["n_figures"] > 0


def test_an_emptied_raw_folder_does_not_empty_the_datasets_unless_told_to(tmp_path):
    raw, out = _raw(tmp_path), tmp_path / "out"
    _run(raw, out)
    for path in raw.iterdir():
        path.unlink()
    with pytest.raises(EmptyRawFolder, match="the last run had 3"):
        refuse_to_empty(raw, out)  # what the command line asks before it starts the flow
    with pytest.raises(EmptyRawFolder, match="the last run had 3"):
        _run(raw, out)
    refuse_to_empty(raw, out, allow_empty=True)
    assert len(_documents(out)) == 3 and len(read_dataset(out, "figures"))
    _run(raw, out, allow_empty=True)
    assert _documents(out).empty and read_dataset(out, "figures").empty


def test_a_folder_that_cannot_be_listed_gets_a_row_and_keeps_its_documents(tmp_path, monkeypatch):
    raw, out = _raw(tmp_path, ["top.txt"]), tmp_path / "out"
    (raw / "shared").mkdir()
    (raw / "shared" / "inside.txt").write_text(f"{REPORT}Inside.\n")
    _run(raw, out)
    before = _documents(out).loc["shared/inside.txt"]
    (raw / "top.txt").write_text(f"{REPORT}Changed.\n")  # so that the run rewrites what it can
    real_scandir = os.scandir

    def unlistable(path="."):  # as root, chmod cannot make a folder unlistable: its listing fails instead
        if Path(path) == raw / "shared":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", unlistable)
    _run(raw, out)
    documents = _documents(out)
    assert documents.loc["shared", "status"] == "skipped"
    assert documents.loc["shared", "error"] == ("E106 skipped: a folder that cannot be listed (permission denied); "
                                                "the files earlier runs found in it are kept")
    kept = documents.loc["shared/inside.txt"]
    assert (kept["doc_id"], kept["status"], kept["n_figures"]) == (before["doc_id"], "ok", before["n_figures"])
    assert "shared/inside.txt" in set(read_dataset(out, "figures")["source_file"])


def test_a_file_changed_during_the_run_is_recorded_as_it_is_at_the_end(tmp_path):
    raw, out = _raw(tmp_path), tmp_path / "out"
    _run(raw, out)

    def edit_and_delete():
        with (raw / "a.txt").open("a") as handle:
            handle.write("The widget market will reach US$99.5 billion in 2030.\n")
        (raw / "b.txt").unlink()
        (raw / "new.txt").write_text(f"{REPORT}Added meanwhile.\n")

    (raw / "c.txt").write_text(f"{REPORT}Changed before the run.\n")  # so that the run has work to do
    _run(raw, out, during=edit_and_delete)
    documents = _documents(out)
    figures = read_dataset(out, "figures")
    assert documents.loc["a.txt", "status"] == "ok"
    assert "US$99.5 billion" in set(figures.loc[figures["source_file"] == "a.txt", "quote"])
    assert documents.loc["b.txt", "error"] == "E107 the file disappeared before it could be read"
    assert documents.loc["new.txt", "status"] == "ok"
    _run(raw, out)  # the next run forgets the deleted file
    assert sorted(_documents(out).index) == ["a.txt", "c.txt", "new.txt"]
