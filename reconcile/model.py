"""A finding, how figures are prepared for comparison, and how values read in an explanation."""

from __future__ import annotations

import hashlib
import math
from collections import Counter, namedtuple
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from reconcile.intervals import Interval, figure_interval
from reconcile.settings import ReconcileSettings
from reconcile.subjects import geography_key, load_synonyms, subject_key

_SCALES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]
_CURRENCY = {"USD": "US$", "EUR": "€", "GBP": "£", "CNY": "RMB ", "JPY": "¥"}


@dataclass
class Finding:
    kind: str  # conflict, corroboration, inconsistency (a CAGR's implied value is a conflict, check cagr_implied_value)
    check: str  # the rule that made it, e.g. "cagr_endpoints"
    severity: str
    explanation: str
    subject_key: str | None = None
    metric: str | None = None
    year: int | None = None
    period_start: int | None = None
    period_end: int | None = None
    figure_ids: list[str] = field(default_factory=list)
    ranking_ids: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    values: list[float] = field(default_factory=list)

    @property
    def finding_id(self) -> str:
        parts = [self.kind, self.check, *sorted(self.figure_ids), *sorted(self.ranking_ids),
                 *(f"{v:.12g}" for v in self.values)]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]


def records(frame: pd.DataFrame) -> list:
    """The rows as named tuples (with `Index`), like `itertuples()` but built column-wise, which is
    many times faster on the row counts the checks loop over."""
    if "cmp_row" in frame.columns:  # prepared frames carry their rows, built once
        return frame["cmp_row"].tolist()
    row = _row_type(tuple(frame.columns))
    columns = [frame.index.tolist(), *(frame[c].tolist() for c in frame.columns)]
    return [row(*values) for values in zip(*columns)]


@lru_cache(maxsize=64)
def _row_type(columns: tuple[str, ...]):
    return namedtuple("Row", ["Index", *columns])


def prepare_figures(figures: pd.DataFrame, settings: ReconcileSettings) -> pd.DataFrame:
    """Figures with the comparison columns the checks share (cmp_ prefix: never written)."""
    synonyms = load_synonyms(settings.synonyms_path)
    out = figures.reset_index(drop=True).copy()
    keys = [subject_key(s, g, seg, synonyms) for s, g, seg in zip(out["subject"], out["geography"], out["segment"])]
    text_columns = {
        "cmp_key": [k if isinstance(k, str) else new for k, new in zip(out["subject_key"], keys)],
        "cmp_geo": [geography_key(g, synonyms) for g in out["geography"]],
        "cmp_segment": [s.casefold().strip() if isinstance(s, str) else None for s in out["segment"]],
        "cmp_per": [" ".join(p.casefold().split()) if isinstance(p, str) else None for p in out["per"]],
        "cmp_unit": [str(u).casefold() for u in out["unit"]],
    }
    for name, values in text_columns.items():  # object dtype keeps None as None, never NaN
        out[name] = pd.Series(values, index=out.index, dtype=object)
    out["cmp_interval"] = [_figure_interval(r, settings.approx_rel_tol, True) for r in records(out)]
    out["cmp_printed"] = [_figure_interval(r, settings.approx_rel_tol, False) for r in records(out)]
    arithmetic_tol = settings.approx_rel_tol if settings.approx_in_arithmetic else 0.0
    out["cmp_exact"] = [_figure_interval(r, arithmetic_tol, False) for r in records(out)]
    out["cmp_offset"] = _sentence_offsets(out)
    out["cmp_row"] = pd.Series(records(out), index=out.index, dtype=object)
    return out


def _figure_interval(row, approx_rel_tol: float, open_bounds: bool) -> Interval:
    high = None if pd.isna(row.value_high) else float(row.value_high)
    return figure_interval(float(row.value), high, row.quote, row.qualifier, approx_rel_tol, open_bounds,
                           _recorded_rounding(row))


def _recorded_rounding(row) -> Interval | None:
    """The extractor's rounding interval (value_low, value_upper), where it has one that holds the value."""
    low, high = getattr(row, "value_low", None), getattr(row, "value_upper", None)
    if low is None or high is None or pd.isna(low) or pd.isna(high) or not pd.isna(row.value_high):
        return None
    return Interval(float(low), float(high)) if low <= row.value <= high else None


def _sentence_offsets(figures: pd.DataFrame) -> list[int]:
    """Where each figure's quote starts inside its sentence (-1 if it cannot be found).

    Figures of one sentence share the sentence's start in the document, so the offset
    of a quote that occurs twice is the one consistent with its neighbours.
    """
    rows = records(figures[["doc_id", "page", "sentence", "quote", "char_start"]])
    groups: dict[tuple, list] = {}
    for position, r in enumerate(rows):
        groups.setdefault((r.doc_id, None if pd.isna(r.page) else r.page, r.sentence), []).append(position)
    offsets = [-1] * len(rows)
    for (_, _, sentence), members in groups.items():
        sentence = str(sentence)
        starts = Counter(int(rows[i].char_start) - sentence.find(str(rows[i].quote)) for i in members)
        base = starts.most_common(1)[0][0]
        for i in members:
            local, quote = int(rows[i].char_start) - base, str(rows[i].quote)
            offsets[i] = local if sentence[local:local + len(quote)] == quote else sentence.find(quote)
    return offsets


def fmt_value(value: float, unit: str | None, per: str | None = None) -> str:
    """A value as a reader writes it: US$10.7 billion, 80.7%, 10x, 2,048 token."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    unit = unit or ""
    if unit == "percent":
        text = f"{_short(value)}%"
    elif unit == "x":
        text = f"{_short(value)}x"
    elif len(unit) == 3 and unit.isupper():
        text = _CURRENCY.get(unit, unit + " ") + _scaled(value)
    else:
        text = f"{_scaled(value)} {unit}".strip()
    return f"{text} per {per}" if isinstance(per, str) and per else text


def _scaled(value: float) -> str:
    for factor, word in _SCALES:
        if abs(value) >= factor:
            return f"{_short(value / factor)} {word}"
    return f"{value:,.10g}" if abs(value) >= 1000 else _short(value)


def _short(value: float) -> str:
    return f"{value:.6g}" if abs(value) < 1e6 else f"{value:,.0f}"


def fmt_percent(value: float) -> str:
    return f"{value:.2f}%"


def relative_spread(values: list[float]) -> float:
    """(largest - smallest) / smallest magnitude: 10 vs 12 is 20%."""
    finite = [abs(v) for v in values if math.isfinite(v)]
    if len(finite) < 2 or min(finite) == 0:
        return math.inf if finite and max(finite) else 0.0
    return (max(finite) - min(finite)) / min(finite)


def severity_of(spread: float, settings: ReconcileSettings) -> str:
    if spread >= settings.high_spread:
        return "high"
    return "medium" if spread >= settings.medium_spread else "low"


def year_or_none(x: object) -> int | None:
    return None if x is None or pd.isna(x) else int(x)


def same(a: object, b: object) -> bool:
    """Equality where two missing values are the same and a missing value equals nothing else."""
    a_missing, b_missing = a is None or a is pd.NA or (isinstance(a, float) and math.isnan(a)), \
        b is None or b is pd.NA or (isinstance(b, float) and math.isnan(b))
    if a_missing or b_missing:
        return a_missing and b_missing
    return bool(a == b)
