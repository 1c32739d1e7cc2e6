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
from operator import attrgetter

import pandas as pd

from reconcile.agreement import agreeing_groups
from reconcile.intervals import Interval, compound
from reconcile.model import Finding, fmt_value, group_rows, known, records, relative_spread, severity_of, year_or_none
from reconcile.settings import ReconcileSettings

GROWING = {"market_size", "revenue"}
# Values that change over time: without a year or period two sources may be describing different times.
TIME_VARYING = GROWING | {"market_share", "cagr", "growth_rate", "price", "cost"}


def conflicts(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    found = []
    for rows in group_rows(_comparable(figures), _strict_key).values():
        if len({r.doc_id for r in rows}) < 2 or _undated(rows[0]):
            continue
        if _disagree(rows):
            found.append(_conflict(rows, settings))
    return found


def _disagree(rows: list) -> bool:
    """Two of the rows, from different documents, have intervals that do not overlap. Compared per distinct
    interval (an interval overlaps itself): sources that agree often print the very same number."""
    docs_of: dict[Interval, set[str]] = {}
    for r in rows:
        docs_of.setdefault(r.cmp_interval, set()).add(r.doc_id)
    return any(not a.overlaps(b) and not (len(docs_a) == 1 and docs_a == docs_b)
               for (a, docs_a), (b, docs_b) in combinations(docs_of.items(), 2))


def _comparable(figures: pd.DataFrame) -> list:
    return [r for r in records(figures) if r.cmp_key is not None]


_strict_key, _same_key = attrgetter("cmp_strict"), attrgetter("cmp_same")  # group codes (`prepare_figures`)


def _undated(first) -> bool:
    return first.metric in TIME_VARYING and known(first.year) is None and known(first.period_end) is None


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
    """Groups of figures from two or more documents that say the same thing, allowing for rounding: the
    figures linked, directly or through others, by pairs that agree (see `reconcile.agreement`)."""
    found = []
    for bucket in group_rows(_comparable(figures), _same_key).values():
        if len({r.doc_id for r in bucket}) < 2:
            continue
        for rows in agreeing_groups(bucket, settings.subject_overlap, settings.loose_subjects):
            if len({r.doc_id for r in rows}) >= 2:
                found.append(_corroboration(rows))
    return sorted(found, key=lambda f: (f.subject_key or "", f.metric or "", f.year or 0))


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
    rows = _comparable(figures)
    series_of = group_rows([r for r in rows if r.metric in GROWING and known(r.year) is not None],
                           lambda r: (r.cmp_key, r.cmp_segment or ""))
    cagrs = [r for r in rows if r.metric == "cagr" and known(r.period_start) is not None
             and known(r.period_end) is not None and r.qualifier in ("exact", "approx", "range")]
    seen: set[tuple] = set()
    for c in cagrs:
        series = _same_series(series_of, c)
        base = _base_value(series, c)
        if base is None:
            continue
        for other in _other_sources_in_period(series, c, base):
            implied = compound(base.cmp_exact, c.cmp_exact, int(other.year) - int(base.year))
            signature = (c.doc_id, c.cmp_key, c.value, other.figure_id)
            if signature in seen or implied.overlaps(other.cmp_interval):
                continue
            seen.add(signature)
            found.append(_implied(c, base, other, implied, settings))
    return found


def _same_series(series_of: dict, like) -> list:
    """Dated sizes and revenues of the subject and segment of `like`, in its geography or none stated."""
    series = series_of.get((like.cmp_key, like.cmp_segment or ""), [])
    if like.cmp_geo is None:
        return series
    return [r for r in series if r.cmp_geo is None or r.cmp_geo == like.cmp_geo]


def _base_value(series: list, cagr):
    own = [r for r in series if r.doc_id == cagr.doc_id and r.qualifier in ("exact", "approx")]
    for year in (cagr.period_start, cagr.period_start - 1):
        at = next((r for r in own if r.year == year), None)
        if at is not None:
            return at
    return None


def _other_sources_in_period(series: list, cagr, base) -> list:
    series = [r for r in series if r.cmp_unit == base.cmp_unit]
    own_years = {int(r.year) for r in series if r.doc_id == cagr.doc_id}
    return [r for r in series if r.doc_id != cagr.doc_id and base.year <= r.year <= cagr.period_end
            and r.year not in own_years]


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
