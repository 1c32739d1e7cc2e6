"""Every bad file becomes one failed or skipped row with a one-line reason; good files in the same run
are processed normally; identical files are extracted once under all their names."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from extractors import loaders
from extractors.document import extract_document
from tests.conftest import RAW
from tests.robustness.bad_files import GOOD_SENTENCE, bad_cases, good_cases

ONE_LINE_REASON = re.compile(r"^E1\d\d [^\n]{5,300}$")


def _write(raw, name, data):
    path = raw / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", bad_cases(), ids=lambda c: c.name)
def test_bad_file_fails_with_a_reason(tmp_path, case):
    result = extract_document(_write(tmp_path, case.name, case.data), tmp_path)
    assert result.status == case.status
    assert ONE_LINE_REASON.match(result.error), result.error
    assert case.reason in result.error
    assert result.source_file == case.name and re.fullmatch(r"[0-9a-f]{64}", result.doc_id)


@pytest.mark.parametrize("case", good_cases(), ids=lambda c: c.name)
def test_odd_but_good_file_is_read_right(tmp_path, case):
    path = _write(tmp_path, case.name, case.data)
    doc = loaders.load(path, tmp_path)
    assert case.must_contain in doc.text and "\x00" not in doc.text
    result = extract_document(path, tmp_path)
    assert (result.status, result.error) == ("ok", None)
    assert result.source_file == case.name


def test_symlink_outside_the_raw_folder_is_skipped_unread(tmp_path):
    raw, secret = tmp_path / "raw", tmp_path / "secret.txt"
    raw.mkdir()
    secret.write_text(GOOD_SENTENCE)
    (raw / "link.txt").symlink_to(secret)
    (raw / "link to link.txt").symlink_to(raw / "link.txt")
    for name in ("link.txt", "link to link.txt"):
        result = extract_document(raw / name, raw)
        assert (result.status, result.figures) == ("skipped", [])
        assert result.error.startswith("E109 ") and "outside the raw folder" in result.error


def test_symlink_inside_the_raw_folder_is_read(tmp_path):
    _write(tmp_path, "real.txt", GOOD_SENTENCE.encode())
    (tmp_path / "alias.txt").symlink_to(tmp_path / "real.txt")
    assert extract_document(tmp_path / "alias.txt", tmp_path).status == "ok"


def test_file_deleted_after_discovery_is_recorded(tmp_path):
    _write(tmp_path, "here.txt", GOOD_SENTENCE.encode())
    _write(tmp_path, "gone.txt", GOOD_SENTENCE.encode() + b" Gone.")
    paths = loaders.discover(tmp_path)
    (tmp_path / "gone.txt").unlink()
    results = {r.source_file: r for r in (extract_document(p, tmp_path) for p in paths)}
    assert results["here.txt"].status == "ok"
    assert results["gone.txt"].status == "failed"
    assert results["gone.txt"].error.startswith("E107 ") and "disappeared" in results["gone.txt"].error


def test_a_folder_named_like_a_report_is_not_a_crash(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    result = extract_document(tmp_path / "folder.txt", tmp_path)
    assert result.status == "failed" and ONE_LINE_REASON.match(result.error)


@pytest.mark.slow
def test_a_run_over_a_mixed_folder_records_every_file(prefect_backend, tmp_path):
    """The whole flow: bad, odd, duplicate, linked and good files side by side."""
    from flows.pipeline import extract_reports

    raw, out = tmp_path / "raw", tmp_path / "out"
    shutil.copytree(RAW, raw)
    samples = sorted(p.name for p in RAW.iterdir())
    shutil.copy(RAW / samples[0], raw / "copy of the first sample.txt")
    (tmp_path / "outside.txt").write_text(GOOD_SENTENCE)
    (raw / "outside link.txt").symlink_to(tmp_path / "outside.txt")
    cases = bad_cases() + good_cases()
    for case in cases:
        _write(raw, case.name, case.data)

    summary = extract_reports(raw_dir=raw, out_dir=out, full=True)
    documents = pd.read_parquet(out / "documents.parquet").set_index("source_file")
    figures = pd.read_parquet(out / "figures.parquet")

    expected = {c.name: c.status for c in cases} | {s: "ok" for s in samples}
    expected |= {"copy of the first sample.txt": "ok", "outside link.txt": "skipped"}
    assert documents["status"].to_dict() == expected
    failed = documents[documents["status"] != "ok"]
    assert failed["error"].map(lambda e: bool(ONE_LINE_REASON.match(e))).all()
    assert documents["error"][documents["status"] == "ok"].isna().all()
    for case in bad_cases():
        assert case.reason in documents.loc[case.name, "error"]
    assert {name for name, _, _ in summary.failures} == set(failed.index)

    # The samples are processed as they are on their own.
    alone = {sample: len(extract_document(RAW / sample, RAW).figures) for sample in samples}
    assert documents.loc[samples, "n_figures"].to_dict() == alone and sum(alone.values()) > 0
    # Identical files: one doc_id, both names, figures written once.
    first = documents.loc[samples[0]]
    assert documents.loc["copy of the first sample.txt", "doc_id"] == first["doc_id"]
    assert (figures["doc_id"] == first["doc_id"]).sum() == first["n_figures"]
