"""The per-document time limit: a document that takes too long is recorded as failed, "timed out"."""

from __future__ import annotations

import pandas as pd
import pytest

from extractors import deadline
from extractors.document import extract_document
from extractors.errors import Code, DocumentError
from tests.robustness.bad_files import GOOD_SENTENCE

LARGE = (GOOD_SENTENCE + " Revenue rose 4.5% to €2.1 million.\n") * 20_000  # ~2.6 MB of figures


def test_a_tiny_limit_on_a_large_text_file_times_out(tmp_path):
    (tmp_path / "large.txt").write_text(LARGE)
    result = extract_document(tmp_path / "large.txt", tmp_path, time_limit=0.01)
    assert result.status == "failed" and result.figures == []
    assert result.error.startswith("E108 timed out") and "0.01 s" in result.error


def test_a_tiny_limit_on_a_large_html_file_times_out(tmp_path):
    (tmp_path / "large.html").write_text("<p>" + LARGE.replace("\n", "</p><p>") + "</p>")
    result = extract_document(tmp_path / "large.html", tmp_path, time_limit=0.01)
    assert (result.status, result.error[:4]) == ("failed", "E108")


def test_the_same_file_with_room_to_finish_is_ok(tmp_path):
    (tmp_path / "small.txt").write_text(LARGE[:5_000])
    assert extract_document(tmp_path / "small.txt", tmp_path, time_limit=60).status == "ok"


def test_no_limit_means_no_limit(tmp_path):
    with deadline.time_limit(None):
        deadline.check()
    with deadline.time_limit(1e-9):
        with pytest.raises(DocumentError) as info:
            deadline.check()
    assert info.value.code is Code.E108_TIMED_OUT
    deadline.check()  # the limit ended with its block


@pytest.mark.slow
def test_the_flow_passes_the_limit_through(prefect_backend, tmp_path):
    from flows.pipeline import extract_reports

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "large.txt").write_text(LARGE)
    (raw / "small.txt").write_text(GOOD_SENTENCE)
    extract_reports(raw_dir=raw, out_dir=out, full=True, time_limit=2.0)
    documents = pd.read_parquet(out / "documents.parquet").set_index("source_file")
    assert documents.loc["large.txt", "status"] == "failed"
    assert documents.loc["large.txt", "error"].startswith("E108 timed out")
    assert documents.loc["small.txt", "status"] == "ok"
