"""Findings across and within documents (placeholder until the reconciliation issue lands)."""

from __future__ import annotations

import pandas as pd

import schemas


def reconcile(figures: pd.DataFrame, rankings: pd.DataFrame, tables: pd.DataFrame,
              documents: pd.DataFrame) -> pd.DataFrame:
    """The findings frame for these datasets."""
    return schemas.empty("findings")
