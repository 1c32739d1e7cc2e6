"""The consensus view: what the sources together say a thing is, where at least two of them give it.

One row per comparison key, metric, year (and part of the year), geography, segment, unit and
per-unit that two or more sources (`reconcile.voices`) give a value for: how many sources and
publishers, the lowest, median and highest of their values, the spread (highest / lowest), every
source with its value, and the outlier where one source is far from the rest. This answers "what do
the research firms say this market is worth in 2030?" without reading every finding.

Each source counts once: its latest release (a revised number is superseded, as in the findings),
and its first plain value where it states several. Bounds ("over $10 billion") and ranges say too
little to place on one line and are left out; a fall stated as a positive change counts negative.
"""

from __future__ import annotations

import hashlib
import statistics
from typing import Any

import pandas as pd

import schemas
from reconcile.formatting import fmt_value
from reconcile.model import prepare_figures, records
from reconcile.settings import ReconcileSettings
from reconcile.sources import TIME_VARYING, subject_groups

PLAIN = ("exact", "approx")


def consensus(figures: pd.DataFrame, settings: ReconcileSettings | None = None,
              documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The consensus frame (validated by `schemas.ConsensusSchema`) of these figures (prepared or not)."""
    settings = settings or ReconcileSettings()
    if figures is None or figures.empty:
        return schemas.empty("consensus")
    prepared = prepare_figures(figures, settings, documents)
    plain = [r for r in records(prepared)
             if r.qualifier in PLAIN and (r.cmp_key is not None or r.cmp_segment is not None)
             and not (r.metric in TIME_VARYING and pd.isna(r.year))]
    rows = []
    for group in _distinct_groups(subject_groups(plain)):
        per_source = _one_value_per_source(group)
        if len(per_source) >= 2:
            rows.append(_row(per_source, settings))
    if not rows:
        return schemas.empty("consensus")
    frame = pd.DataFrame(rows).drop_duplicates("consensus_id")
    frame = frame.sort_values(["subject_key", "metric", "year", "geography", "consensus_id"], na_position="first")
    return schemas.validate(frame.reset_index(drop=True), "consensus")


def _distinct_groups(groups: list[list]) -> list[list]:
    """The groups, without one whose figures all belong to a larger group (a short key taken in by a
    longer one gives no row of its own). A group is only compared with the kept groups that hold the
    one of its figures that the fewest kept groups hold (a group holding them all holds that one)."""
    as_sets = sorted(((frozenset(r.figure_id for r in g), g) for g in groups if g), key=lambda t: -len(t[0]))
    holding: dict[str, list[frozenset]] = {}
    kept = []
    for ids, group in as_sets:
        rarest = min((holding.get(figure_id, []) for figure_id in ids), key=len)
        if any(ids <= other for other in rarest):
            continue
        kept.append(group)
        for figure_id in ids:
            holding.setdefault(figure_id, []).append(ids)
    return kept


def _one_value_per_source(group: list) -> dict[str, Any]:
    """Source key -> its row: the exact value before an approximate one, then document order."""
    chosen: dict[str, Any] = {}
    for r in sorted(group, key=lambda r: (r.qualifier != "exact", r.source_file, r.char_start)):
        chosen.setdefault(r.cmp_source, r)
    return chosen


def signed(r) -> float:
    """The value as compared: a fall printed as a positive change is negative (`model._falls`)."""
    return float(-r.value if r.cmp_printed.high < 0 < r.value else r.value)


def _row(per_source: dict[str, Any], settings: ReconcileSettings) -> dict:
    members = sorted(per_source.values(), key=lambda r: (signed(r), r.cmp_source))
    values = [signed(r) for r in members]
    first = members[0]
    labels = [r.cmp_label for r in members if isinstance(r.cmp_label, str)]
    label = max(sorted(set(labels)), key=labels.count) if labels else (first.cmp_segment or "")
    low, high = values[0], values[-1]
    outlier = _outlier(members, values, settings)
    identity = [first.cmp_key or "", first.metric, str(first.year), first.cmp_period or "", first.cmp_geo or "",
                first.cmp_segment or "", first.cmp_unit or "", first.cmp_per or ""]
    if first.cmp_basis:  # counted on a named basis: apart from the same subject counted otherwise
        identity.append(first.cmp_basis)
    return {
        "consensus_id": hashlib.sha256("\x1f".join(identity).encode()).hexdigest()[:20],
        "subject_key": label, "metric": first.metric,
        "year": None if pd.isna(first.year) else int(first.year), "period": first.cmp_period,
        "geography": first.cmp_geo, "segment": first.segment if isinstance(first.segment, str) else None,
        "unit": first.unit, "per": first.per if isinstance(first.per, str) else None,
        "n_sources": len(members), "n_publishers": len({_publisher(r) for r in members}),
        "low": low, "median": float(statistics.median(values)), "high": high,
        "spread": high / low if low > 0 and high > 0 else None,
        "sources": [_source_name(r) for r in members], "values": values,
        "figure_ids": [r.figure_id for r in members], "doc_ids": list(dict.fromkeys(r.doc_id for r in members)),
        "outlier_source": None if outlier is None else _source_name(outlier),
        "outlier_value": None if outlier is None else signed(outlier),
        "summary": _summary(members, values, first),
    }


def _outlier(members: list, values: list[float], settings: ReconcileSettings):
    """With three or more sources, the one whose value is far (`high_spread`, 25% by default) from the
    median of the others while the others lie close together (within half that distance)."""
    if len(members) < 3:
        return None
    best, best_distance = None, 0.0
    for i, r in enumerate(members):
        others = values[:i] + values[i + 1:]
        middle = statistics.median(others)
        if middle == 0:
            continue
        distance = abs(values[i] - middle) / abs(middle)
        others_spread = (max(others) - min(others)) / abs(middle)
        if distance >= settings.high_spread and others_spread <= distance / 2 and distance > best_distance:
            best, best_distance = r, distance
    return best


def _source_name(r) -> str:
    return r.cmp_source_name if isinstance(r.cmp_source_name, str) else r.source_file


def _publisher(r) -> str:
    """The outlet that printed the figure: its document's publisher, else the document."""
    return r.cmp_publisher


def _summary(members: list, values: list[float], first) -> str:
    """One line a reader can quote: "3 sources: US$37.5 billion to US$43.1 billion (median US$37.5 billion)"."""
    def shown(v: float) -> str:
        return fmt_value(v, first.unit, first.per)
    if values[0] == values[-1]:
        return f"{len(members)} sources agree on {shown(values[0])}"
    return (f"{len(members)} sources: {shown(values[0])} to {shown(values[-1])} "
            f"(median {shown(float(statistics.median(values)))})")


def consensus_series(table: pd.DataFrame, limit: int | None = None) -> dict[tuple, pd.DataFrame]:
    """Consensus rows by subject (key, metric, geography, segment, unit), each a series over the years; with
    `limit`, only the `limit` subjects that the most sources give (ties in subject order), in that order."""
    if table.empty:
        return {}
    key = ["subject_key", "metric", "geography", "segment", "unit"]
    grouped = table.groupby(key, dropna=False, sort=True)
    if limit is None:
        return {k: g.sort_values("year") for k, g in grouped}
    most = grouped["n_sources"].max()  # one row per subject, in the groups' order
    sources, subjects = most.tolist(), most.index.tolist()
    ranked = sorted(range(len(subjects)), key=lambda i: (-int(sources[i]), str(subjects[i])))[:limit]
    codes = grouped.ngroup().to_numpy()  # only the subjects shown are cut out of the table
    return {subjects[i]: table[codes == i].sort_values("year") for i in ranked}
