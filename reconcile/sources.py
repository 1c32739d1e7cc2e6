"""Across documents: conflicts, corroborations, and values a CAGR implies for other sources' years.

Two figures are about the same thing only when subject key, metric, year (or
period), unit, per-unit, geography and segment are all the same; they agree
when their rounding intervals overlap. A conflict needs the exact subject key
(so a wording the rules cannot merge is never reported as a contradiction); a
corroboration may join subjects whose content words mostly coincide ("inference
cost of foundation models", "industry average inference cost"), because the
agreeing values are evidence of their own.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from reconcile.intervals import Interval, compound
from reconcile.model import Finding, fmt_value, records, relative_spread, severity_of, year_or_none
from reconcile.settings import ReconcileSettings
from reconcile.subjects import similar

# What must be identical for two figures to be about the same thing (besides the subject).
SAME = ["metric", "year", "period_start", "period_end", "cmp_unit", "cmp_per", "cmp_segment"]
STRICT = ["cmp_key", "cmp_geo", *SAME]
GROWING = {"market_size", "revenue"}
# Values that change over time: without a year or period two sources may be describing different times.
TIME_VARYING = GROWING | {"market_share", "cagr", "growth_rate", "price", "cost"}


def conflicts(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    found = []
    comparable = figures[figures["cmp_key"].notna()]
    for _, group in comparable.groupby(STRICT, dropna=False, sort=True):
        if group["doc_id"].nunique() < 2 or _undated(group):
            continue
        rows = list(records(group))
        if any(a.doc_id != b.doc_id and not a.cmp_interval.overlaps(b.cmp_interval) for a, b in combinations(rows, 2)):
            found.append(_conflict(rows, settings))
    return found


def _undated(group: pd.DataFrame) -> bool:
    first = group.iloc[0]
    return first["metric"] in TIME_VARYING and pd.isna(first["year"]) and pd.isna(first["period_end"])


def _conflict(rows: list, settings: ReconcileSettings) -> Finding:
    first = rows[0]
    low = min(rows, key=lambda r: r.cmp_interval.high)
    high = max(rows, key=lambda r: r.cmp_interval.low)
    spread = relative_spread([low.value, high.value])
    said = "; ".join(f"{r.source_file} says {r.quote!s} ({fmt_value(r.value, r.unit, r.per)})" for r in rows)
    explanation = (f"{said}. {high.source_file}'s value is {spread:.1%} above {low.source_file}'s, "
                   f"beyond rounding ({low.cmp_interval.describe()} vs {high.cmp_interval.describe()}).")
    return _finding("conflict", "cross_source", severity_of(spread, settings), explanation, rows, first)


def corroborations(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """Groups of figures from two or more documents that say the same thing, allowing for rounding."""
    comparable = figures[figures["cmp_key"].notna()]
    parent = {i: i for i in comparable.index}
    for _, bucket in comparable.groupby(SAME, dropna=False, sort=False):
        if bucket["doc_id"].nunique() < 2:
            continue
        for a, b in combinations(records(bucket), 2):
            if a.doc_id != b.doc_id and _agree(a, b, settings):
                parent[_root(parent, a.Index)] = _root(parent, b.Index)
    components: dict[int, list[int]] = {}
    for i in parent:
        components.setdefault(_root(parent, i), []).append(i)
    found = []
    for members in components.values():
        rows = list(records(figures.loc[sorted(members)]))
        if len({r.doc_id for r in rows}) >= 2:
            found.append(_corroboration(rows))
    return sorted(found, key=lambda f: (f.subject_key or "", f.metric or "", f.year or 0))


def _agree(a, b, settings: ReconcileSettings) -> bool:
    return (_bound_kind(a.qualifier) == _bound_kind(b.qualifier)
            and (a.cmp_geo is None or b.cmp_geo is None or a.cmp_geo == b.cmp_geo)
            and similar(a.cmp_key, b.cmp_key, settings.subject_overlap)
            and a.cmp_printed.overlaps(b.cmp_printed))


def _bound_kind(qualifier: str) -> str:
    return "point" if qualifier in ("exact", "approx") else qualifier


def _root(parent: dict[int, int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _corroboration(rows: list) -> Finding:
    docs = sorted({r.source_file for r in rows})
    said = "; ".join(f"{r.source_file}: {r.quote}" for r in rows)
    explanation = (f"{len(docs)} documents agree on {fmt_value(rows[0].value, rows[0].unit, rows[0].per)} "
                   f"within rounding ({said}).")
    return _finding("corroboration", "cross_source", "info", explanation, rows, rows[0])


IMPLIED_CHECK = "cagr_implied_value"


def implied_values(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """A CAGR and its own base value imply a value for each year of the period; other sources' values
    for those years that the implied range does not reach are reported with the arithmetic."""
    found = []
    cagrs = figures[(figures["metric"] == "cagr") & figures["period_start"].notna() & figures["period_end"].notna()
                    & figures["qualifier"].isin(["exact", "approx", "range"]) & figures["cmp_key"].notna()]
    seen: set[tuple] = set()
    for c in records(cagrs):
        base = _base_value(figures, c)
        if base is None:
            continue
        for other in _other_sources_in_period(figures, c, base):
            implied = compound(base.cmp_exact, c.cmp_exact, int(other.year) - int(base.year))
            signature = (c.doc_id, c.cmp_key, c.value, other.figure_id)
            if signature in seen or implied.overlaps(other.cmp_interval):
                continue
            seen.add(signature)
            found.append(_implied(c, base, other, implied, settings))
    return found


def _same_series(figures: pd.DataFrame, like) -> pd.DataFrame:
    geo_ok = figures["cmp_geo"].isna() | (figures["cmp_geo"] == like.cmp_geo) if like.cmp_geo is not None else True
    same_segment = figures["cmp_segment"].fillna("") == (like.cmp_segment or "")
    return figures[(figures["cmp_key"] == like.cmp_key) & same_segment
                   & figures["metric"].isin(GROWING) & figures["year"].notna() & geo_ok]


def _base_value(figures: pd.DataFrame, cagr):
    series = _same_series(figures, cagr)
    own = series[(series["doc_id"] == cagr.doc_id) & series["qualifier"].isin(["exact", "approx"])]
    for year in (cagr.period_start, cagr.period_start - 1):
        at = own[own["year"] == year]
        if len(at):
            return records(at)[0]
    return None


def _other_sources_in_period(figures: pd.DataFrame, cagr, base) -> list:
    series = _same_series(figures, cagr)
    series = series[series["cmp_unit"] == base.cmp_unit]
    own_years = set(series.loc[series["doc_id"] == cagr.doc_id, "year"].astype(int))
    in_period = series["year"].between(base.year, cagr.period_end)
    others = series[(series["doc_id"] != cagr.doc_id) & in_period & ~series["year"].isin(own_years)]
    return list(records(others))


def _implied(c, base, other, implied: Interval, settings: ReconcileSettings) -> Finding:
    years = int(other.year) - int(base.year)
    nearest = implied.high if other.cmp_interval.low > implied.high else implied.low
    spread = relative_spread([nearest, other.value])
    explanation = (f"{c.source_file}'s CAGR of {c.quote} ({int(c.period_start)}-{int(c.period_end)}) from its "
                   f"{int(base.year)} value {base.quote} implies {fmt_value(implied.low, base.unit)} to "
                   f"{fmt_value(implied.high, base.unit)} in {int(other.year)} "
                   f"({base.quote} x (1 + {c.quote})^{years}); {other.source_file} gives {other.quote}, "
                   f"{spread:.1%} away. A CAGR is an average, so this is a hint, not a contradiction.")
    rows = [c, base, other]
    finding = _finding("conflict", IMPLIED_CHECK, severity_of(spread, settings), explanation, rows, other)
    finding.metric = other.metric
    return finding


def _finding(kind: str, check: str, severity: str, explanation: str, rows: list, like) -> Finding:
    return Finding(kind=kind, check=check, severity=severity, explanation=explanation, subject_key=like.cmp_key,
                   metric=like.metric, year=year_or_none(like.year), period_start=year_or_none(like.period_start),
                   period_end=year_or_none(like.period_end), figure_ids=[r.figure_id for r in rows],
                   doc_ids=list(dict.fromkeys(r.doc_id for r in rows)), values=[float(r.value) for r in rows])
