"""One pandera model per output dataset; every frame is validated before it is written.

Models are `strict` (no undeclared columns) and `coerce` (dtypes are made,
not hoped for). `validate(frame, Schema)` checks lazily, so every failing
check is reported at once. Checks are classmethods, as pandera calls them.
"""

from __future__ import annotations

from typing import Any, get_args

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from extractors.model import Metric, Qualifier, Status

# The value sets the extractors' types declare, read from them so that the two never disagree.
METRICS: list[str] = list(get_args(Metric))
QUALIFIERS: list[str] = list(get_args(Qualifier))
STATUSES: list[str] = list(get_args(Status))
FINDING_KINDS = ["conflict", "corroboration", "inconsistency", "revision"]
SEVERITIES = ["info", "low", "medium", "high"]
FIRST_YEAR, LAST_YEAR = 1900, 2200  # the years a figure, ranking or finding may be about


def _year() -> Any:
    """A year column: nullable, and within the years a figure, ranking or finding may be about."""
    return pa.Field(nullable=True, ge=FIRST_YEAR, le=LAST_YEAR)


class _Model(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True


class DocumentSchema(_Model):
    doc_id: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    source_file: Series[str] = pa.Field(unique=True)
    format: Series[str]
    pages: Series[int] = pa.Field(ge=0)
    title: Series[str] = pa.Field(nullable=True)
    publisher: Series[str] = pa.Field(nullable=True)
    # Not required: frames made before the printed date was read (and by other tools) validate without it.
    published: Series[str] | None = pa.Field(nullable=True, str_matches=r"^\d{4}(?:-\d\d(?:-\d\d)?)?$")
    status: Series[str] = pa.Field(isin=STATUSES)
    error: Series[str] = pa.Field(nullable=True)
    n_figures: Series[int] = pa.Field(ge=0)
    n_tables: Series[int] = pa.Field(ge=0)
    n_rankings: Series[int] = pa.Field(ge=0)
    extracted_at: Series[pd.DatetimeTZDtype] = pa.Field(dtype_kwargs={"unit": "us", "tz": "UTC"})

    @pa.dataframe_check
    @classmethod
    def failed_rows_say_why(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["status"] == "ok") | df["error"].notna()


class FigureSchema(_Model):
    figure_id: Series[str] = pa.Field(unique=True)
    doc_id: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    source_file: Series[str]
    page: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    char_start: Series[int] = pa.Field(ge=0)
    char_end: Series[int] = pa.Field(ge=0)
    quote: Series[str] = pa.Field(str_length={"min_value": 1})
    sentence: Series[str]
    metric: Series[str] = pa.Field(isin=METRICS)
    value: Series[float]
    value_high: Series[float] = pa.Field(nullable=True)
    unit: Series[str]
    per: Series[str] = pa.Field(nullable=True)
    qualifier: Series[str] = pa.Field(isin=QUALIFIERS)
    year: Series[pd.Int64Dtype] = _year()
    period_start: Series[pd.Int64Dtype] = _year()
    period_end: Series[pd.Int64Dtype] = _year()
    is_forecast: Series[bool]
    subject: Series[str] = pa.Field(nullable=True)
    subject_key: Series[str] = pa.Field(nullable=True)
    geography: Series[str] = pa.Field(nullable=True)
    segment: Series[str] = pa.Field(nullable=True)
    publisher: Series[str] = pa.Field(nullable=True)
    extractor_version: Series[str]
    rule: Series[str]
    value_low: Series[float] = pa.Field(nullable=True)  # rounding interval of the printed value
    value_upper: Series[float] = pa.Field(nullable=True)
    direction: Series[str] = pa.Field(nullable=True, isin=["up", "down"])

    @pa.check("value", "value_high")
    @classmethod
    def finite(cls, s: Series[float]) -> Series[bool]:
        return s.isna() | s.abs().lt(float("inf"))

    @pa.dataframe_check
    @classmethod
    def span_matches_quote(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["char_end"] - df["char_start"]) == df["quote"].str.len()

    @pa.dataframe_check
    @classmethod
    def period_in_order(cls, df: pd.DataFrame) -> Series[bool]:
        return df["period_start"].isna() | df["period_end"].isna() | (df["period_start"] <= df["period_end"])


class TableCellSchema(_Model):
    table_id: Series[str]
    doc_id: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    source_file: Series[str]
    page: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    title: Series[str] = pa.Field(nullable=True)
    source: Series[str] = pa.Field(nullable=True)
    row: Series[int] = pa.Field(ge=0)
    col: Series[int] = pa.Field(ge=0)
    text: Series[str]
    value: Series[float] = pa.Field(nullable=True)
    unit: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check
    @classmethod
    def one_cell_per_position(cls, df: pd.DataFrame) -> Series[bool]:
        return ~df.duplicated(["table_id", "row", "col"], keep=False)


class RankingSchema(_Model):
    ranking_id: Series[str]
    doc_id: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    source_file: Series[str]
    page: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    ranking: Series[str]
    rank: Series[int] = pa.Field(ge=1)
    entity: Series[str] = pa.Field(str_length={"min_value": 1})
    value: Series[float] = pa.Field(nullable=True)
    unit: Series[str] = pa.Field(nullable=True)
    year: Series[pd.Int64Dtype] = _year()
    from_sentence: Series[bool]


class FindingSchema(_Model):
    finding_id: Series[str] = pa.Field(unique=True)
    kind: Series[str] = pa.Field(isin=FINDING_KINDS)
    severity: Series[str] = pa.Field(isin=SEVERITIES)
    subject_key: Series[str] = pa.Field(nullable=True)
    metric: Series[str] = pa.Field(nullable=True)
    year: Series[pd.Int64Dtype] = _year()
    period_start: Series[pd.Int64Dtype] = _year()
    period_end: Series[pd.Int64Dtype] = _year()
    figure_ids: Series[object]
    doc_ids: Series[object]
    values: Series[object]
    explanation: Series[str]
    check: Series[str]  # the rule that made the finding, e.g. "cagr_endpoints"
    ranking_ids: Series[object]


class ConsensusSchema(_Model):
    """One row per thing (subject key, metric, year and part of it, geography, segment, unit, per-unit)
    that two or more sources give a value for (docs/datasets.md)."""
    consensus_id: Series[str] = pa.Field(unique=True)
    subject_key: Series[str]
    metric: Series[str] = pa.Field(isin=METRICS)
    year: Series[pd.Int64Dtype] = _year()
    period: Series[str] = pa.Field(nullable=True)  # part of the year: "q4", "h1", "july"
    geography: Series[str] = pa.Field(nullable=True)
    segment: Series[str] = pa.Field(nullable=True)
    unit: Series[str]
    per: Series[str] = pa.Field(nullable=True)
    n_sources: Series[int] = pa.Field(ge=2)
    n_publishers: Series[int] = pa.Field(ge=1)
    low: Series[float]
    median: Series[float]
    high: Series[float]
    spread: Series[float] = pa.Field(nullable=True, ge=1)  # high / low, where both are positive
    sources: Series[object]  # the sources' names, in the order of `values` (lowest first)
    values: Series[object]
    figure_ids: Series[object]
    doc_ids: Series[object]
    outlier_source: Series[str] = pa.Field(nullable=True)
    outlier_value: Series[float] = pa.Field(nullable=True)
    summary: Series[str]

    @pa.dataframe_check
    @classmethod
    def low_median_high_in_order(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["low"] <= df["median"]) & (df["median"] <= df["high"])


SCHEMAS: dict[str, type[_Model]] = {
    "documents": DocumentSchema, "figures": FigureSchema, "tables": TableCellSchema,
    "rankings": RankingSchema, "findings": FindingSchema, "consensus": ConsensusSchema,
}


def columns(name: str) -> list[str]:
    """The dataset's columns in their contract order: the fields its model declares, read from the class
    (building the pandera schemas costs a process 0.4 s, and a run's build key asks for four of them)."""
    return [field for field in SCHEMAS[name].__annotations__ if not field.startswith("_")]


def empty(name: str) -> pd.DataFrame:
    return validate(pd.DataFrame({c: [] for c in columns(name)}), name)


def validate(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """The frame, coerced and checked by its dataset's model; raises `pandera.errors.SchemaErrors`."""
    return SCHEMAS[name].validate(frame[columns(name)] if set(columns(name)) <= set(frame.columns) else frame,
                                  lazy=True)
