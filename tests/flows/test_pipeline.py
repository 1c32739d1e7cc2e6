"""The whole flow, end to end, on real files."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import schemas
from tests.conftest import DEV_GOLD, RAW

pytestmark = pytest.mark.slow


def test_sample_run_writes_valid_datasets(sample_run):
    out, summary = sample_run
    for name in ("documents", "figures", "tables", "rankings", "findings"):
        frame = pd.read_parquet(out / f"{name}.parquet")
        schemas.validate(frame, name)  # raises on any bad row
        assert list(frame.columns) == schemas.columns(name)
    documents = pd.read_parquet(out / "documents.parquet")
    assert len(documents) == 5 and set(documents["status"]) == {"ok"}
    assert summary.documents_ok == 5 and not summary.failures
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))


def test_every_quote_is_its_span_in_the_file(sample_run):
    out, _ = sample_run
    figures = pd.read_parquet(out / "figures.parquet")
    assert len(figures) > 50
    for f in figures.itertuples():
        text = (RAW / f.source_file).read_text(encoding="utf-8")
        assert text[f.char_start:f.char_end] == f.quote


@pytest.mark.skipif(not (DEV_GOLD / "figures.jsonl").exists(), reason="dev gold set not found (../shared)")
def test_market_sizes_and_cagrs_of_the_samples_are_found(sample_run):
    out, _ = sample_run
    figures = pd.read_parquet(out / "figures.parquet")
    gold = [json.loads(line) for line in (DEV_GOLD / "figures.jsonl").read_text().splitlines() if line.strip()]
    wanted = [g for g in gold if g["metric"] in ("cagr", "market_size")]
    assert len(wanted) >= 10
    found = 0
    for g in wanted:
        hits = figures[(figures["source_file"] == g["doc"]) & (figures["char_start"] == g["start"])]
        found += any(abs(v - g["value"]) <= 1e-6 * abs(g["value"]) for v in hits["value"])
    assert found / len(wanted) >= 0.9


def test_ids_are_stable_across_runs(sample_run, prefect_backend, tmp_path):
    from flows.pipeline import extract_reports

    out, _ = sample_run
    extract_reports(raw_dir=RAW, out_dir=tmp_path, full=True)
    for name in ("figures", "tables", "rankings"):
        first, second = pd.read_parquet(out / f"{name}.parquet"), pd.read_parquet(tmp_path / f"{name}.parquet")
        id_col = schemas.columns(name)[0]
        assert first[id_col].tolist() == second[id_col].tolist()


def test_a_broken_file_is_recorded_and_the_rest_processed(prefect_backend, raw_copy, tmp_path):
    from flows.pipeline import extract_reports

    (raw_copy / "broken.pdf").write_bytes(b"")
    (raw_copy / "junk.txt").write_bytes(bytes(range(256)) * 40)
    summary = extract_reports(raw_dir=raw_copy, out_dir=tmp_path, full=True)
    documents = pd.read_parquet(tmp_path / "documents.parquet").set_index("source_file")
    assert documents.loc["broken.pdf", "status"] == "failed"
    assert "empty" in documents.loc["broken.pdf", "error"]
    assert documents.loc["junk.txt", "status"] == "failed"
    assert "binary" in documents.loc["junk.txt", "error"]
    assert (documents.drop(["broken.pdf", "junk.txt"])["status"] == "ok").all()
    assert summary.documents_ok == 5 and len(summary.failures) == 2
    assert pd.read_parquet(tmp_path / "figures.parquet")["source_file"].nunique() >= 4


# The shipped synonyms (geographies included), with two subjects of the samples merged.
MERGED_SUBJECTS = ("subjects:\n  foundation model market:\n    - pretrained AI models market\n"
                   "    - model-based foundation model market\n")


def _shipped_synonyms() -> str:
    from reconcile.subjects import DEFAULT_SYNONYMS

    return DEFAULT_SYNONYMS.read_text(encoding="utf-8")


def test_a_synonyms_file_is_one_setting_for_subject_keys_and_findings(sample_run, prefect_backend, tmp_path):
    from flows.pipeline import extract_reports
    from flows.reporting import ReconciledState, rebuild_report

    default_out, _ = sample_run
    synonyms, out = tmp_path / "synonyms.yaml", tmp_path / "out"
    synonyms.write_text(_shipped_synonyms().replace("subjects: {}", MERGED_SUBJECTS), encoding="utf-8")
    extract_reports(raw_dir=RAW, out_dir=out, synonyms=synonyms)
    keys = pd.read_parquet(out / "figures.parquet")["subject_key"]
    default_keys = pd.read_parquet(default_out / "figures.parquet")["subject_key"]
    merged = default_keys.isin(["pretrained ai model market", "model based foundation model market"])
    assert merged.sum() >= 2 and set(keys[merged]) == {"foundation model market"}
    assert keys[~merged].tolist() == default_keys[~merged].tolist()
    merged_state = ReconciledState.load(out)
    merged_findings = pd.read_parquet(out / "findings.parquet")["finding_id"].tolist()
    default_findings = pd.read_parquet(default_out / "findings.parquet")["finding_id"].tolist()
    assert merged_findings != default_findings
    rebuild_report(out)  # `report` reconciles with the run's synonyms file, not the shipped one
    assert pd.read_parquet(out / "findings.parquet")["finding_id"].tolist() == merged_findings

    synonyms.write_text(_shipped_synonyms(), encoding="utf-8")  # an edit in place: same path, other bytes
    extract_reports(raw_dir=RAW, out_dir=out, synonyms=synonyms)
    assert pd.read_parquet(out / "figures.parquet")["subject_key"].tolist() == default_keys.tolist()
    assert ReconciledState.load(out).key != merged_state.key
    assert pd.read_parquet(out / "findings.parquet")["finding_id"].tolist() == default_findings


def test_the_datasets_build_key_follows_the_synonyms_files_bytes(tmp_path):
    from flows.reporting import dataset_key
    from reconcile.settings import ReconcileSettings

    synonyms = tmp_path / "synonyms.yaml"
    synonyms.write_text(MERGED_SUBJECTS, encoding="utf-8")
    settings = ReconcileSettings(synonyms_path=synonyms)
    before = dataset_key(settings)
    assert dataset_key(ReconcileSettings(synonyms_path=synonyms)) == before
    synonyms.write_text(MERGED_SUBJECTS.replace("pretrained", "pre-trained"), encoding="utf-8")
    assert dataset_key(settings) not in (before, dataset_key(ReconcileSettings()))


def test_the_report_command_rebuilds_the_findings_of_a_run(sample_run, tmp_path, capsys):
    import shutil

    from flows.cli import run_command_line

    out = tmp_path / "out"
    shutil.copytree(sample_run[0], out)
    (out / "findings.parquet").unlink()
    assert run_command_line(["report", "--out", str(out)]) == 0
    assert "reconciliation report rebuilt" in capsys.readouterr().out
    rebuilt = pd.read_parquet(out / "findings.parquet")["finding_id"].tolist()
    assert rebuilt == pd.read_parquet(sample_run[0] / "findings.parquet")["finding_id"].tolist() and rebuilt
