"""The worker process holds the time and memory limits whatever the extractor does (issue 17, item 1)."""

from __future__ import annotations

import os
import subprocess
import sys
import zlib
from pathlib import Path

import pandas as pd
import pytest

from extractors import document
from extractors.worker import ExtractionWorker, Limits, extract_all
from tests.robustness.bad_files import GOOD_SENTENCE, pdf_bytes

ROOT = Path(__file__).resolve().parents[2]
DENSE = "$1.2 billion, 3.4%, "  # a run of figures in one endless sentence


def _never_checks_the_deadline(doc):
    """A step that never returns and never checks the deadline, as a quadratic loop on a huge page is."""
    while True:
        pass


def _grabs_memory(doc):
    hoard = []
    while True:
        hoard.append(b"x" * 16 * 2**20)  # written, so resident (a bare bytearray may not be)


def test_a_step_that_never_checks_the_deadline_is_cut_off(tmp_path, monkeypatch):
    (tmp_path / "stuck.txt").write_text(GOOD_SENTENCE)
    monkeypatch.setattr(document, "extract", _never_checks_the_deadline)  # the forked worker inherits it
    stuck = extract_all([(tmp_path / "stuck.txt", "a" * 64)], tmp_path, Limits(seconds=0.2))
    assert [(r.source_file, r.doc_id, r.status) for r in stuck] == [("stuck.txt", "a" * 64, "failed")]
    assert stuck[0].error == "E108 timed out: extraction took longer than 0.2 s"


def test_the_document_after_a_killed_one_gets_a_fresh_worker(tmp_path, monkeypatch):
    (tmp_path / "stuck.txt").write_text(GOOD_SENTENCE)
    (tmp_path / "fine.txt").write_text(GOOD_SENTENCE)
    real = document.extract
    monkeypatch.setattr(document, "extract",
                        lambda doc: _never_checks_the_deadline(doc) if doc.source_file == "stuck.txt" else real(doc))
    files = [(tmp_path / "stuck.txt", "a" * 64), (tmp_path / "fine.txt", "b" * 64)]
    stuck, fine = extract_all(files, tmp_path, Limits(seconds=0.2))
    assert stuck.error.startswith("E108") and fine.status == "ok" and fine.figures


def test_memory_beyond_the_bound_is_e111(tmp_path, monkeypatch):
    (tmp_path / "greedy.txt").write_text(GOOD_SENTENCE)
    monkeypatch.setattr(document, "extract", _grabs_memory)
    [result] = extract_all([(tmp_path / "greedy.txt", "c" * 64)], tmp_path, Limits(seconds=60, memory=128 * 2**20))
    assert (result.status, result.error) == ("failed", "E111 too large: extraction needed more than 128 MiB of memory")


def test_a_worker_that_dies_is_an_internal_failure_not_a_crash(tmp_path, monkeypatch):
    (tmp_path / "fatal.txt").write_text(GOOD_SENTENCE)
    monkeypatch.setattr(document, "extract", lambda doc: os._exit(3))
    [result] = extract_all([(tmp_path / "fatal.txt", "d" * 64)], tmp_path, Limits(seconds=60))
    assert result.error == "E110 extraction failed: the worker process ended unexpectedly (exit status 3)"


def test_the_worker_extracts_what_the_process_would(tmp_path):
    (tmp_path / "report.txt").write_text(f"Market report\n\n{GOOD_SENTENCE}\n")
    (tmp_path / "report.pdf").write_bytes(pdf_bytes([GOOD_SENTENCE]))
    files = [(tmp_path / n, "e" * 64) for n in ("report.txt", "report.pdf")]
    assert extract_all(files, tmp_path, Limits()) == [document.extract_document(p, tmp_path) for p, _ in files]


def test_a_closed_worker_leaves_no_process(tmp_path):
    (tmp_path / "report.txt").write_text(GOOD_SENTENCE)
    with ExtractionWorker(tmp_path, Limits()) as worker:
        worker.extract(tmp_path / "report.txt", "f" * 64)
        pid = worker.pid
        assert pid is not None and Path(f"/proc/{pid}").exists()
    assert not Path(f"/proc/{pid}").exists()  # killed and reaped, no zombie left


def _compression_bomb_pdf(inflated: int) -> bytes:
    """A one-page PDF whose second content stream inflates to `inflated` bytes of spaces (from ~1/1000 of it)."""
    deflate = zlib.compressobj(9)
    bomb = b"".join(deflate.compress(b" " * 2**20) for _ in range(inflated // 2**20)) + deflate.flush()
    text = f"BT /F1 12 Tf 72 720 Td ({GOOD_SENTENCE}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [4 0 R 5 0 R] "
        b"/Resources << /Font << /F1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(bomb), bomb),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.pdf
def test_a_compression_bomb_pdf_is_e111_not_gigabytes(tmp_path):
    (tmp_path / "bomb.pdf").write_bytes(_compression_bomb_pdf(384 * 2**20))
    [result] = extract_all([(tmp_path / "bomb.pdf", "9" * 64)], tmp_path, Limits(seconds=120, memory=96 * 2**20))
    assert result.error == "E111 too large: extraction needed more than 96 MiB of memory"


def test_text_beyond_the_documented_size_is_e111_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(document, "MAX_TEXT_BYTES", 1000)
    (tmp_path / "huge.txt").write_text(GOOD_SENTENCE * 20)
    result = document.extract_document(tmp_path / "huge.txt", tmp_path)
    assert result.status == "failed" and result.error.startswith("E111 too large")


@pytest.mark.slow
@pytest.mark.parametrize("size", [100_000, 1_000_000])
def test_dense_figures_end_within_the_limit_and_the_run_writes_the_rest(tmp_path, size):
    """The issue's case: `$1.2 billion, 3.4%, ` repeated, `--time-limit 5`, took 83 s (100 KB) and hours (1 MB)."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "dense.txt").write_text(DENSE * (size // len(DENSE)))
    (raw / "fine.txt").write_text(GOOD_SENTENCE)
    # The timeout is a hang guard, not a speed target: Prefect's start-up is in it too.
    run = subprocess.run([sys.executable, "-m", "flows", "run", "--raw", str(raw), "--out", str(out),
                          "--time-limit", "5"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    documents = pd.read_parquet(out / "documents.parquet").set_index("source_file")
    assert documents.loc["fine.txt", "status"] == "ok"
    dense = documents.loc["dense.txt"]
    assert dense["status"] == "ok" or dense["error"] == "E108 timed out: extraction took longer than 5 s"
