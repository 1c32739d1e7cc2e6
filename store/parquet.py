"""Parquet files written atomically (`schemas.atomic`): a reader sees the old file or the new one."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.atomic import write_bytes_atomic, write_text_atomic

__all__ = ["write_atomic", "write_bytes_atomic", "write_text_atomic"]


def write_atomic(frame: pd.DataFrame, path: Path) -> Path:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return write_bytes_atomic(path, lambda handle: pq.write_table(table, handle))
