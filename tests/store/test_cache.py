"""The per-document cache: exact round trips, misses on anything it cannot trust, pruning."""

from __future__ import annotations

import json
from datetime import datetime, UTC
from pathlib import Path

from extractors.document import extract_document
from extractors.model import Extraction, Figure, RankedEntry, Table
from store.cache import ExtractionCache
from tests.conftest import RAW

WHEN = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)


def _rich_extraction() -> Extraction:
    figure = Figure(page=3, char_start=10, char_end=22, quote="US$10.7 bn", sentence="It was US$10.7 bn.",
                    metric="market_size", value=10_700_000_000.0, unit="USD", value_high=None, year=2024,
                    is_forecast=True, subject="AI market", geography="Global")
    table = Table(page=None, rows=(("Year", "Size"), ("2024", "1.5")), title="Sizes", source="CIC",
                  notes=("estimates",), char_start=0, char_end=20)
    ranked = RankedEntry(ranking="largest vendors", rank=1, entity="Acme", value=12.5, unit="%", year=2023)
    return Extraction("ab" * 32, "dir/report.txt", "txt", pages=1, title="Report", figures=[figure],
                      tables=[table], rankings=[ranked], also_named=["copy.txt"])


def test_an_extraction_comes_back_equal(tmp_path):
    cache = ExtractionCache(tmp_path, version="1.0")
    cache.save(_rich_extraction(), WHEN)
    assert cache.load("ab" * 32) == (_rich_extraction(), WHEN)


def test_real_extractions_of_the_samples_round_trip(tmp_path):
    cache = ExtractionCache(tmp_path, version="1.0")
    for path in sorted(RAW.iterdir()):
        result = extract_document(path, RAW)
        cache.save(result, WHEN)
        assert cache.load(result.doc_id) == (result, WHEN)


def test_a_miss_a_damaged_entry_and_a_foreign_field_are_all_misses(tmp_path):
    cache = ExtractionCache(tmp_path, version="1.0")
    assert cache.load("cd" * 32) is None
    cache.save(_rich_extraction(), WHEN)
    path = cache.path("ab" * 32)
    record = json.loads(path.read_text())
    record["extraction"]["figures"][0]["confidence"] = 0.9  # written by a version with another model
    path.write_text(json.dumps(record))
    assert cache.load("ab" * 32) is None
    path.write_text("{not json")
    assert cache.load("ab" * 32) is None


def test_another_version_sees_nothing_and_prune_drops_old_versions_and_gone_documents(tmp_path):
    old, new = ExtractionCache(tmp_path, version="1.0"), ExtractionCache(tmp_path, version="2.0")
    old.save(_rich_extraction(), WHEN)
    assert new.load("ab" * 32) is None
    gone = Extraction("ef" * 32, "gone.txt", "txt")
    new.save(_rich_extraction(), WHEN)
    new.save(gone, WHEN)
    assert new.prune(keep={"ab" * 32}) == 1
    assert not old.folder.exists() and new.load("ef" * 32) is None and new.load("ab" * 32) is not None
    assert [p.name for p in Path(new.root).iterdir()] == ["2.0"]
