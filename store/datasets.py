"""The output folder: the contract's datasets, written and read back.

documents, figures, tables and rankings are folders of parts (store/partitions.py);
findings is one file. `pandas.read_parquet(OUT / "NAME.parquet")` reads either.
"""

from __future__ import annotations

import hashlib
import importlib.util
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


def with_subject_keys(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures with `subject_key` filled by the reconciler's normalizer, where it is installed."""
    try:
        from reconcile.subjects import assign_subject_keys
    except ImportError:
        return figures
    return schemas.validate(assign_subject_keys(figures), "figures")


def build_key() -> str:
    """What the written parts depend on besides the documents: a change rebuilds every bucket (from the cache)."""
    return partitions.build_key(extractor_version.EXTRACTOR_VERSION, _digest_of_module("reconcile.subjects"),
                                _digest_of_synonyms())


def _digest_of_module(module: str) -> str:
    spec = importlib.util.find_spec(module)
    origin = Path(spec.origin) if spec and spec.origin else None
    return hashlib.sha256(origin.read_bytes()).hexdigest() if origin and origin.is_file() else ""


def _digest_of_synonyms() -> str:
    try:
        from reconcile.subjects import DEFAULT_SYNONYMS
    except ImportError:
        return ""
    path = Path(DEFAULT_SYNONYMS)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
