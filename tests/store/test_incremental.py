"""Incremental runs without Prefect: plan, extract the misses, rewrite the stale buckets; read as one table."""

from __future__ import annotations

import duckdb
import pandas as pd
import polars as pl
import pytest

import schemas
from extractors import version
from extractors.document import extract_document
from store import partitions
from store.datasets import build_key, read_dataset
from store.incremental import cache_extractions, finish_run, plan_run, run_frames, write_run
from store.inventory import inventory

DATASETS = ("documents", "figures", "tables", "rankings")


def _extracted(out, plan, raw):
    """The plan's misses extracted and cached, as the flow does batch by batch."""
    results = [extract_document(s.path, raw) for s in plan.to_extract]
    cache_extractions(out, plan, results)
    return results


def _run(raw, out, full=False):
    """One incremental run as the flow does it; the names of the files it extracted."""
    plan = plan_run(out, inventory(raw), build_key(), full)
    write_run(out, plan, run_frames(plan, _extracted(out, plan, raw)))
    finish_run(out, plan)
    return sorted(s.name for s in plan.to_extract)


def _read_all(out):
    return {name: read_dataset(out, name) for name in DATASETS}


def _without_time(frames):
    return {n: f.drop(columns=["extracted_at"]) if n == "documents" else f for n, f in frames.items()}


def test_a_second_run_extracts_nothing_and_writes_the_same_datasets(raw_copy, tmp_path):
    out = tmp_path / "out"
    assert len(_run(raw_copy, out)) == 5
    first = _read_all(out)
    assert _run(raw_copy, out) == []
    for name, frame in _read_all(out).items():
        pd.testing.assert_frame_equal(frame, first[name])


def test_only_a_changed_file_is_extracted_and_only_its_rows_change(raw_copy, tmp_path):
    out = tmp_path / "out"
    _run(raw_copy, out)
    before = _read_all(out)["figures"]
    changed = sorted(raw_copy.iterdir())[0]
    changed.chmod(0o644)
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe market reached US$12.5 billion in 2024.\n",
                       encoding="utf-8")
    assert _run(raw_copy, out) == [changed.name]
    after = _read_all(out)["figures"]
    others_before = before[before["source_file"] != changed.name].sort_values("figure_id").reset_index(drop=True)
    others_after = after[after["source_file"] != changed.name].sort_values("figure_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(others_before, others_after)
    mine = after[after["source_file"] == changed.name]
    assert 12_500_000_000 in set(mine["value"]) and mine["doc_id"].nunique() == 1


def test_a_removed_file_disappears_from_every_dataset(raw_copy, tmp_path):
    out = tmp_path / "out"
    _run(raw_copy, out)
    gone = sorted(raw_copy.iterdir())[1]
    gone.unlink()
    assert _run(raw_copy, out) == []
    for name, frame in _read_all(out).items():
        assert gone.name not in set(frame["source_file"]), name
    assert len(_read_all(out)["documents"]) == 4


def test_a_new_extractor_version_or_full_re_extracts_everything(raw_copy, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _run(raw_copy, out)
    assert len(_run(raw_copy, out, full=True)) == 5
    monkeypatch.setattr(version, "EXTRACTOR_VERSION", "999.0-test")
    assert len(_run(raw_copy, out)) == 5
    assert [p.name for p in (out / ".cache" / "extractions").iterdir()] == ["999.0-test"]


def test_identical_files_are_extracted_once_and_listed_under_both_names(raw_copy, tmp_path):
    out = tmp_path / "out"
    first = sorted(raw_copy.iterdir())[0]
    (raw_copy / "copy").mkdir()
    (raw_copy / "copy" / first.name).write_bytes(first.read_bytes())
    assert len(_run(raw_copy, out)) == 5
    documents = read_dataset(out, "documents")
    assert len(documents) == 6 and documents["doc_id"].nunique() == 5
    figures = read_dataset(out, "figures")
    assert figures["figure_id"].is_unique


def test_two_fresh_runs_write_identical_datasets(raw_copy, tmp_path):
    _run(raw_copy, tmp_path / "a")
    _run(raw_copy, tmp_path / "b")
    a, b = _without_time(_read_all(tmp_path / "a")), _without_time(_read_all(tmp_path / "b"))
    for name in DATASETS:
        pd.testing.assert_frame_equal(a[name], b[name])
    assert sorted(p.name for p in (tmp_path / "a" / "figures.parquet").iterdir()) == \
        sorted(p.name for p in (tmp_path / "b" / "figures.parquet").iterdir())


@pytest.mark.parametrize("name", DATASETS)
def test_pandas_polars_and_duckdb_read_a_dataset_folder_as_one_table(raw_copy, tmp_path, name):
    out = tmp_path / "out"
    _run(raw_copy, out)
    folder = out / f"{name}.parquet"
    assert folder.is_dir() and len(list(folder.glob("part-*.parquet"))) > 1
    frame = pd.read_parquet(folder)
    schemas.validate(frame, name)
    assert list(frame.columns) == schemas.columns(name)
    assert len(frame) > 0
    by_polars = pl.read_parquet(folder)  # a folder of finished parts only: no glob needed
    assert by_polars.columns == schemas.columns(name) and by_polars.height == len(frame)
    (count,), = duckdb.sql(f"select count(*) from read_parquet('{folder}/*.parquet')").fetchall()
    assert count == len(frame)
    id_col = schemas.columns(name)[0]
    ids = duckdb.sql(f"select {id_col} from read_parquet('{folder}/*.parquet') order by {id_col}").fetchall()
    assert [i for i, in ids] == sorted(frame[id_col])


def test_an_empty_raw_folder_still_gives_readable_empty_datasets(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    _run(raw, tmp_path / "out")
    for name in DATASETS:
        frame = pd.read_parquet(tmp_path / "out" / f"{name}.parquet")
        assert len(frame) == 0 and list(frame.columns) == schemas.columns(name)


def test_a_single_file_dataset_from_an_older_version_is_replaced_by_a_folder(raw_copy, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    schemas.empty("figures").to_parquet(out / "figures.parquet")
    _run(raw_copy, out)
    assert (out / "figures.parquet").is_dir() and len(read_dataset(out, "figures")) > 0


def test_parts_share_one_arrow_schema_even_where_a_column_is_all_null():
    schema = partitions.arrow_schema("figures")
    assert "null" not in {str(f.type) for f in schema}
    assert [f.name for f in schema] == schemas.columns("figures")


def test_a_run_killed_before_it_was_recorded_is_redone(raw_copy, tmp_path):
    out = tmp_path / "out"
    _run(raw_copy, out)
    changed = sorted(raw_copy.iterdir())[2]
    changed.chmod(0o644)
    changed.write_text(changed.read_text(encoding="utf-8") + "\nRevenue was US$4.5 billion in 2023.\n",
                       encoding="utf-8")
    plan = plan_run(out, inventory(raw_copy), build_key())
    write_run(out, plan, run_frames(plan, _extracted(out, plan, raw_copy)))  # then killed
    # The buckets being rewritten are not listed as written, so the next run keeps none of their rows
    # unchecked: its extraction is cached, its buckets are rewritten from the cache.
    assert not plan.rebuild & set(partitions.Manifest.load(out).buckets)
    again = plan_run(out, inventory(raw_copy), build_key())
    assert again.changed and again.to_extract == [] and not again.kept.keys() & plan.rebuild
    finish_run(out, again)
    assert partitions.Manifest.load(out).buckets == again.manifest.buckets



def _corpus(raw, samples, n):
    """n reports made from the samples, each with a sentence of its own (so each is a document of its own)."""
    raw.mkdir()
    for i in range(n):
        sample = samples[i % len(samples)]
        (raw / f"{i:03d}_{sample.name}").write_text(
            sample.read_text(encoding="utf-8") + f"\nThe widget {i} market reached US${i + 1}.5 billion in 2024.\n",
            encoding="utf-8")


def test_incremental_runs_write_exactly_what_a_full_run_writes(raw_copy, tmp_path):
    raw, out = tmp_path / "corpus", tmp_path / "out"
    _corpus(raw, sorted(raw_copy.iterdir()), 48)  # more documents than buckets: buckets hold several
    _run(raw, out)
    files = sorted(raw.iterdir())
    files[3].write_text(files[3].read_text(encoding="utf-8") + "\nRevenue was US$4.5 billion in 2023.\n",
                        encoding="utf-8")
    files[7].unlink()
    files[11].rename(raw / "renamed.txt")
    (raw / "copy_of_20.txt").write_bytes(files[20].read_bytes())
    (raw / "new.txt").write_text("The gadget market was US$1.2 billion in 2025.\n", encoding="utf-8")
    plan = plan_run(out, inventory(raw), build_key())
    assert plan.kept and len(plan.to_extract) == 2  # the changed and the new file; the rest is reused
    write_run(out, plan, run_frames(plan, _extracted(out, plan, raw)))
    finish_run(out, plan)
    _run(raw, tmp_path / "full", full=True)
    incremental, full = _without_time(_read_all(out)), _without_time(_read_all(tmp_path / "full"))
    for name in DATASETS:
        pd.testing.assert_frame_equal(incremental[name], full[name], check_dtype=False)
    for name in DATASETS:  # part by part too, so the files themselves are what a full run writes
        for part in sorted((tmp_path / "full" / f"{name}.parquet").iterdir()):
            mine = pd.read_parquet(out / f"{name}.parquet" / part.name)
            theirs = pd.read_parquet(part)
            if name == "documents":
                mine, theirs = mine.drop(columns=["extracted_at"]), theirs.drop(columns=["extracted_at"])
            pd.testing.assert_frame_equal(mine, theirs)


def test_extractions_are_kept_as_soon_as_they_are_made(raw_copy, tmp_path):
    out = tmp_path / "out"
    plan = plan_run(out, inventory(raw_copy), build_key())
    _extracted(out, plan, raw_copy)  # then killed before any dataset was written
    again = plan_run(out, inventory(raw_copy), build_key())
    assert again.to_extract == [] and len(again.cached) == 5
    write_run(out, again, run_frames(again, []))
    finish_run(out, again)
    assert read_dataset(out, "documents")["extracted_at"].nunique() == 1  # the time of the run that extracted
