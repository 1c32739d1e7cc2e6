"""The output folder: the contract's datasets, written and read back.

documents, figures, tables and rankings are folders of parts (store/partitions.py);
findings is one file. `pandas.read_parquet(OUT / "NAME.parquet")` reads either.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import schemas
from extractors.model import Extraction
from store import frames
from extractors import version as extractor_version
from store import partitions
from store.parquet import write_atomic

DATASETS = ("documents", "figures", "tables", "rankings", "findings")


def build_frames(results: list[Extraction]) -> dict[str, pd.DataFrame]:
    return {
        "documents": frames.documents_frame(results),
        "figures": frames.figures_frame(results),
        "tables": frames.tables_frame(results),
        "rankings": frames.rankings_frame(results),
    }


def write_dataset(out_dir: Path, name: str, frame: pd.DataFrame) -> Path:
    return write_atomic(schemas.validate(frame, name), out_dir / f"{name}.parquet")


def read_dataset(out_dir: Path, name: str) -> pd.DataFrame:
    path = out_dir / f"{name}.parquet"
    return pd.read_parquet(path) if path.exists() else schemas.empty(name)


def build_key(*normalization: str) -> str:
    """What the written parts depend on besides the documents: the extractor version and the key of the
    normalization applied to the rows (`reconcile.normalize.normalization_key`); a change rebuilds every
    bucket (from the cache)."""
    return partitions.build_key(extractor_version.EXTRACTOR_VERSION, *normalization)
