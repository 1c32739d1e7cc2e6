"""Reconciling again after some documents changed: only the scopes they are in.

Each family of checks (`reconcile.findings`) looks inside one kind of scope:
conflicts and corroborations inside a comparison group (metric, year, period,
unit, per-unit, segment), implied values inside a series (subject key and
segment), everything else inside one document. A finding of the last run is
kept unless it involves a changed document or lies in a scope where a changed
document has figures now, or (for conflicts and corroborations) had figures in
a finding before; those scopes are checked again from all their current
figures, and only they.

That is exact because a check's findings in a scope depend on nothing outside
it, and a figure that was in no finding can leave a scope without changing the
scope's other findings (no conflict or agreement rested on it). An implied
value rests on one CAGR, its base and one other figure, so a figure leaving a
series takes only its own findings with it. `tests/reconcile/test_incremental.py` checks the result against
`reconcile.reconcile` after edits, additions, removals and renames.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from reconcile.findings import across_documents, along_series, findings_frame, ordered, within_documents
from reconcile.model import SAME, known, prepare_figures, with_comparison_keys
from reconcile.runtime import paused_gc
from reconcile.settings import ReconcileSettings
from reconcile.sources import IMPLIED_CHECK
from reconcile.tables import table_figures

CROSS_SOURCE = ("cross_source", "revision", "text_vs_table")  # the checks made inside comparison groups


def reconcile_changes(figures: pd.DataFrame, rankings: pd.DataFrame, previous: pd.DataFrame, changed: set[str],
                      settings: ReconcileSettings | None = None) -> pd.DataFrame:
    """The findings `reconcile.reconcile` would give for these datasets, from the `previous` findings and
    the ids of the documents added, removed, edited or renamed since (`changed`)."""
    settings = settings or ReconcileSettings()
    with paused_gc():
        figures = with_comparison_keys(figures.reset_index(drop=True), settings)
        group, series = group_scopes(figures), series_scopes(figures)
        changed_rows = figures["doc_id"].isin(changed).to_numpy()
        dirty_groups = {g for g, hit in zip(group, changed_rows) if hit}
        dirty_series = {s for s, hit in zip(series, changed_rows) if hit and s is not None}

        row_of = {figure_id: i for i, figure_id in enumerate(figures["figure_id"])}
        involved = previous["doc_ids"].map(lambda ids: not changed.isdisjoint(ids)).to_numpy(dtype=bool)
        rows_of = [[row_of[i] for i in ids if i in row_of] for ids in previous["figure_ids"]]
        for check, rows, hit in zip(previous["check"], rows_of, involved):
            if hit and check in CROSS_SOURCE:  # the others of a conflict or an agreement may still make one
                dirty_groups.update(group[r] for r in rows)
        keep = [not hit and not (check in CROSS_SOURCE and any(group[r] in dirty_groups for r in rows))
                and not (check == IMPLIED_CHECK and any(series[r] in dirty_series for r in rows))
                for check, rows, hit in zip(previous["check"], rows_of, involved)]

        in_groups = np.array([g in dirty_groups for g in group], dtype=bool)
        in_series = np.array([s in dirty_series for s in series], dtype=bool)
        wanted = in_groups | in_series | changed_rows
        prepared = prepare_figures(figures[wanted], settings) if wanted.any() else None

        def part(mask):
            return None if prepared is None else prepared[mask[wanted]]

        changed_rankings = rankings[rankings["doc_id"].isin(changed)] if rankings is not None else None
        found = [*across_documents(part(in_groups), settings), *along_series(part(in_series), settings),
                 *within_documents(part(changed_rows), changed_rankings, settings)]
        fresh = findings_frame(found)
        kept = previous[keep]
        if not len(kept):
            return fresh
        merged = pd.concat([kept, fresh], ignore_index=True) if len(fresh) else kept.reset_index(drop=True)
        return ordered(merged.drop_duplicates("finding_id"))


def group_scopes(figures: pd.DataFrame) -> list[tuple]:
    """Each figure's comparison group (`model.SAME`; missing values are one value)."""
    return [tuple(map(known, values)) for values in zip(*(figures[c].tolist() for c in SAME))]


def series_scopes(figures: pd.DataFrame) -> list[tuple | None]:
    """Each figure's series: subject key and segment (None without a subject key)."""
    return [None if key is None else (key, segment or "")
            for key, segment in zip(figures["cmp_key"].tolist(), figures["cmp_segment"].tolist())]


def table_cells(tables: pd.DataFrame | None, figures: pd.DataFrame, cached: pd.DataFrame | None = None,
                changed: set[str] | None = None) -> pd.DataFrame:
    """`tables.table_figures(tables, figures)`, built on the cells `cached` from the same datasets before
    the documents in `changed` changed: only those documents' tables are read again. That is exact
    because a cell is read from its own document's tables and figures alone; the cells come in the
    order of the documents in `tables`, as a full reading gives them."""
    if cached is None or changed is None or tables is None or tables.empty:
        return table_figures(tables, figures)
    order = {doc_id: i for i, doc_id in enumerate(pd.unique(tables["doc_id"]))}
    fresh = table_figures(tables[tables["doc_id"].isin(changed)], figures[figures["doc_id"].isin(changed)])
    kept = cached[cached["doc_id"].isin(order.keys() - changed)]
    if not len(fresh):
        merged = kept
    else:
        fresh = fresh.astype({c: kept[c].dtype for c in fresh.columns if c in kept.columns}, errors="ignore")
        merged = pd.concat([kept, fresh], ignore_index=True) if len(kept) else fresh
    position = merged["doc_id"].map(order).to_numpy()
    return merged.iloc[np.argsort(position, kind="stable")].reset_index(drop=True)
