"""Datasets as folders of Parquet parts, one part per bucket of documents.

`OUT/figures.parquet/part-07.parquet` holds the figures of every document
whose doc_id falls in bucket 07. A run rewrites only the buckets whose
documents changed, so its cost follows the change, not the corpus. Every part
has the same Arrow schema (taken from the dataset's pandera model), and the
folder is flat (no `key=value` sub-folders, no extra columns), so pandas,
pyarrow, Polars, DuckDB and Spark read the folder as one table. Parts are
written under `OUT/.cache/tmp/` and renamed into place, so a dataset folder
only ever holds finished parts.

`OUT/.cache/manifest.json` records which (source_file, doc_id) pairs each
bucket was built from and a build key (extractor version, columns, synonyms);
a bucket whose pairs or key differ is rebuilt.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import schemas
from store.parquet import write_bytes_atomic, write_text_atomic

PARTITIONED = ("documents", "figures", "tables", "rankings")
BUCKETS = 32
MANIFEST = ".cache/manifest.json"
TMP_DIR = ".cache/tmp"  # parts are written here, then renamed into the dataset folder
FORMAT_VERSION = 1  # bump when the layout of parts changes


def bucket_of(doc_id: str) -> str:
    return f"{int(doc_id[:8], 16) % BUCKETS:02d}"


def part_path(out_dir: Path, name: str, bucket: str) -> Path:
    return out_dir / f"{name}.parquet" / f"part-{bucket}.parquet"


@functools.cache
def arrow_schema(name: str) -> pa.Schema:
    """The dataset's Arrow schema, from its pandera model, with plain (32-bit offset) strings."""
    inferred = pa.Schema.from_pandas(schemas.empty(name), preserve_index=False)
    return pa.schema([pa.field(f.name, pa.string() if pa.types.is_large_string(f.type) else f.type)
                      for f in inferred])


def write_part(out_dir: Path, name: str, bucket: str, frame: pd.DataFrame) -> Path:
    """One bucket's rows of a dataset, atomically; replaces a single-file dataset left by an older version."""
    folder = out_dir / f"{name}.parquet"
    if folder.is_file():
        folder.unlink()
    table = pa.Table.from_pandas(frame[schemas.columns(name)], schema=arrow_schema(name), preserve_index=False)
    return write_bytes_atomic(part_path(out_dir, name, bucket), lambda handle: pq.write_table(table, handle),
                              tmp_dir=out_dir / TMP_DIR)


def read_part(out_dir: Path, name: str, bucket: str, doc_ids: list[str]) -> pd.DataFrame:
    """The rows of these documents in one bucket's part, in the part's order, with the dtypes they were
    written from (pandas keeps them in the part's metadata)."""
    rows = pd.read_parquet(part_path(out_dir, name, bucket), filters=[("doc_id", "in", doc_ids)])
    return rows[schemas.columns(name)].reset_index(drop=True)


def remove_stale_temporaries(out_dir: Path, older_than: float = 3600.0) -> None:
    """Unfinished parts a killed run left (old enough that no live run is still writing them)."""
    for tmp in (out_dir / TMP_DIR).glob(".*.tmp"):
        with contextlib.suppress(OSError):
            if time.time() - tmp.stat().st_mtime > older_than:
                tmp.unlink()


def remove_stray_parts(out_dir: Path, name: str, keep: set[str]) -> None:
    """Delete the parts of buckets no document falls in any more (or that no manifest knows)."""
    for part in (out_dir / f"{name}.parquet").glob("part-*.parquet"):
        if part.stem.removeprefix("part-") not in keep:
            part.unlink(missing_ok=True)


@dataclass
class Manifest:
    build_key: str = ""
    buckets: dict[str, list[list[str]]] = field(default_factory=dict)  # bucket -> sorted [source_file, doc_id]

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        try:
            data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
            return cls(str(data["build_key"]), {str(k): v for k, v in data["buckets"].items()})
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def save(self, out_dir: Path) -> None:
        text = json.dumps({"build_key": self.build_key, "buckets": self.buckets}, sort_keys=True, indent=0)
        write_text_atomic(text, out_dir / MANIFEST)


def membership(files: dict[str, str]) -> dict[str, list[list[str]]]:
    """Bucket -> the sorted (source_file, doc_id) pairs in it, for files as {source_file: doc_id}."""
    buckets: dict[str, list[list[str]]] = {}
    for source_file, doc_id in sorted(files.items()):
        buckets.setdefault(bucket_of(doc_id), []).append([source_file, doc_id])
    return buckets


def stale_buckets(out_dir: Path, old: Manifest, new: Manifest) -> set[str]:
    """The buckets of `new` whose parts do not hold what `new` describes."""
    if old.build_key != new.build_key:
        return set(new.buckets)
    return {b for b, pairs in new.buckets.items()
            if old.buckets.get(b) != pairs or not all(part_path(out_dir, n, b).exists() for n in PARTITIONED)}


def build_key(*parts: object) -> str:
    columns = {name: schemas.columns(name) for name in PARTITIONED}
    return hashlib.sha256(json.dumps([FORMAT_VERSION, BUCKETS, columns, *map(str, parts)]).encode()).hexdigest()[:16]
