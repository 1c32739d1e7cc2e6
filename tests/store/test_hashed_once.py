"""Each raw file is hashed once per run: by the plan. Extraction trusts the plan's doc_id while the file
keeps the stamp it had when hashed, and hashes the bytes it read only when the file changed since."""

from __future__ import annotations

import hashlib

import pytest

from extractors import loaders
from extractors.document import extract_document
from store.datasets import build_key
from store.incremental import plan_run
from store.inventory import inventory
from tests.robustness.bad_files import GOOD_SENTENCE

REPORT = f"Widget report\n\n{GOOD_SENTENCE}\n"


@pytest.fixture
def hashed(monkeypatch) -> list[int]:
    """The sizes of what is hashed, in order: a file's size for `file_sha256`, the byte string's for
    `doc_id_of` (the two ways a document's bytes are hashed)."""
    sizes: list[int] = []
    real_file, real_bytes = loaders.file_sha256, loaders.doc_id_of

    def file_sha256(path, raw_dir):
        sizes.append(path.stat().st_size)
        return real_file(path, raw_dir)

    def doc_id_of(data):
        sizes.append(len(data))
        return real_bytes(data)

    monkeypatch.setattr(loaders, "file_sha256", file_sha256)
    monkeypatch.setattr(loaders, "doc_id_of", doc_id_of)
    return sizes


def _planned(raw, out):
    plan = plan_run(out, inventory(raw), build_key())
    return plan, [(s, (s.doc_id, s.stamp)) for s in plan.to_extract]


def test_an_unchanged_file_is_hashed_by_the_plan_only(tmp_path, hashed):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for name in ("a.txt", "b.md"):
        (raw / name).write_text(f"{REPORT}This is {name}.\n", encoding="utf-8")
    plan, planned = _planned(raw, out)
    assert len(hashed) == 2  # the inventory, one hash per file
    results = [extract_document(s.path, raw, 60.0, stamped) for s, stamped in planned]
    assert len(hashed) == 2
    assert [r.doc_id for r in results] == [s.doc_id for s in plan.to_extract]
    assert all(r.status == "ok" and r.figures for r in results)


def test_a_file_edited_after_the_plan_is_hashed_as_read(tmp_path, hashed):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text(REPORT, encoding="utf-8")
    plan, [(source, stamped)] = _planned(raw, out)
    (raw / "a.txt").write_text(f"{REPORT}A sentence added after the plan.\n", encoding="utf-8")
    result = extract_document(source.path, raw, 60.0, stamped)
    edited = (raw / "a.txt").read_bytes()
    assert result.doc_id == hashlib.sha256(edited).hexdigest() != source.doc_id  # a suspect for the recheck
    assert len(edited) in hashed  # the bytes the extraction read were hashed


def test_without_a_plan_the_file_is_hashed_as_before(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    result = extract_document(tmp_path / "a.txt", tmp_path)
    assert result.doc_id == hashlib.sha256(REPORT.encode()).hexdigest()
