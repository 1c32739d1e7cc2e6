"""Per-document results kept between runs, keyed by (SHA-256 of the file, extractor version).

One JSON file per document under `OUT/.cache/extractions/<version>/`: plain
data, no pickle, so a cache written by one Python can be read by another and
a damaged file is just a miss. A file renamed or copied keeps its cache entry
(the key is its content); a new extractor version starts an empty folder.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import fields
from datetime import datetime
from pathlib import Path

from extractors.model import Extraction, Figure, RankedEntry, Table
from extractors import version as extractor_version
from store.parquet import write_text_atomic

CACHE_DIR = ".cache/extractions"
_MODELS = {"figures": Figure, "tables": Table, "rankings": RankedEntry}


class ExtractionCache:
    """The cached extractions of one output folder for one extractor version."""

    def __init__(self, out_dir: Path, version: str | None = None) -> None:
        self.root = out_dir / CACHE_DIR
        self.folder = self.root / _safe(version or extractor_version.EXTRACTOR_VERSION)

    def path(self, doc_id: str) -> Path:
        return self.folder / doc_id[:2] / f"{doc_id}.json"

    def load(self, doc_id: str) -> tuple[Extraction, datetime] | None:
        """The cached extraction and when it was made, or None on a miss or an unreadable entry."""
        try:
            record = json.loads(self.path(doc_id).read_text(encoding="utf-8"))
            return extraction_from_dict(record["extraction"]), datetime.fromisoformat(record["extracted_at"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, extraction: Extraction, extracted_at: datetime) -> None:
        record = {"extracted_at": extracted_at.isoformat(), "extraction": extraction_to_dict(extraction)}
        write_text_atomic(json.dumps(record, ensure_ascii=False, separators=(",", ":")), self.path(extraction.doc_id))

    def prune(self, keep: set[str]) -> int:
        """Drop other versions' folders and entries of documents no longer in the raw folder."""
        if self.root.is_dir():
            for other in self.root.iterdir():
                if other != self.folder and other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
        dropped = 0
        for entry in self.folder.glob("*/*.json") if self.folder.is_dir() else ():
            if entry.stem not in keep:
                entry.unlink(missing_ok=True)
                dropped += 1
        return dropped


def extraction_to_dict(extraction: Extraction) -> dict:
    """`dataclasses.asdict` for an `Extraction`, without its deep copies (a few times faster): the rows
    of figures, tables and rankings hold only plain values and tuples, which JSON writes as lists."""
    data = dict(vars(extraction))
    for key in _MODELS:
        data[key] = [dict(vars(item)) for item in data[key]]
    return data


def extraction_from_dict(data: dict) -> Extraction:
    """The inverse of `dataclasses.asdict` for an `Extraction`; unknown fields make it a miss (KeyError)."""
    data = dict(data)
    for key, model in _MODELS.items():
        data[key] = [_build(model, item) for item in data.get(key, [])]
    return _build(Extraction, data)


def _build(model: type, data: dict):
    names = {f.name for f in fields(model)}
    unknown = set(data) - names
    if unknown:
        raise KeyError(f"cache entry has fields this version does not know: {sorted(unknown)}")
    if model is Table:
        data = {**data, "rows": tuple(tuple(r) for r in data["rows"]), "notes": tuple(data.get("notes", ()))}
    return model(**data)


def _safe(version: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in version) or "unversioned"
