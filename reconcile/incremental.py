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

The inputs are made the same way: table cells (`table_cells`) and prepared comparison columns
(`prepare_changes`) are per document, so only the changed documents' are made again; consensus rows
(`consensus_changes`) only in the scopes the changed documents are in, now or before.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import schemas
from reconcile.consensus import consensus
from reconcile.findings import across_documents, along_series, findings_frame, ordered, within_documents
from reconcile.intervals import Interval
from reconcile.model import (GROUPS, SAME, figure_columns, intervals, known, prepare_figures, prepared_columns,
                             with_columns, with_comparison_keys, with_groups)
from schemas.atomic import write_bytes_atomic
from reconcile.runtime import paused_gc
from reconcile.settings import ReconcileSettings
from reconcile.sources import IMPLIED_CHECK
from reconcile.splits import SPLIT_CHECK
from reconcile.tables import table_figures

CROSS_SOURCE = ("cross_source", "revision", "text_vs_table", SPLIT_CHECK)  # the checks made inside comparison groups


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


# Preparing figures (`model.figure_columns`: keys, geographies, sources, intervals) is per figure and per
# document, so the columns of the documents that did not change are kept from the last run in a Parquet
# file: a rerun prepares only the changed documents, then ties all figures into groups again (cheap).

def prepare_changes(figures: pd.DataFrame, settings: ReconcileSettings, documents: pd.DataFrame | None,
                    kept: pd.DataFrame | None, changed: set[str] | None) -> pd.DataFrame:
    """`model.prepare_figures(figures)`, with the prepared columns of the documents not in `changed` taken
    from `kept` (`read_prepared`, the last run's) instead of computed again. Without them, or when they
    lack a figure they should have, everything is prepared."""
    if figures.empty:
        return figures
    if kept is None or changed is None:
        return prepare_figures(figures, settings, documents)
    figures = figures.reset_index(drop=True)
    fresh = figures["doc_id"].isin(changed).to_numpy()
    at = pd.Index(kept["figure_id"]).get_indexer(figures["figure_id"][~fresh])
    if not figures["figure_id"].is_unique or not kept["figure_id"].is_unique or (at < 0).any():
        return prepare_figures(figures, settings, documents)
    parts = [(~fresh, prepared_columns(kept).iloc[at])]
    if fresh.any():
        parts.append((fresh, prepared_columns(figure_columns(figures[fresh], settings, documents))))
    return with_groups(with_columns(figures, parts))


_INTERVAL_ENDS = ("\x1flow", "\x1fhigh")  # an interval column is kept as two float columns


def write_prepared(path: Path, prepared: pd.DataFrame) -> None:
    """Keep the per-document prepared columns of `prepared` for the next run (`read_prepared`). Columns of
    a type it does not know how to keep are not kept, so the next run prepares everything."""
    arrays = {"figure_id": pa.array(prepared["figure_id"].tolist(), pa.string()),  # and, for `consensus_changes`,
              "doc_id": pa.array(prepared["doc_id"].tolist(), pa.string()),  # what a figure's scope is made of
              "metric": pa.array(prepared["metric"].tolist(), pa.string()),
              "year": pa.array([known(y) for y in prepared["year"].tolist()], pa.int64())}
    kinds: dict[str, str] = {}
    for name in (c for c in prepared.columns if c.startswith("cmp_") and c not in GROUPS):
        values = prepared[name].tolist()
        kind = _kind(values)
        if kind is None:
            path.unlink(missing_ok=True)
            return
        kinds[name] = kind
        if kind == "interval":
            for end, suffix in enumerate(_INTERVAL_ENDS):
                arrays[name + suffix] = pa.array([v[end] for v in values], pa.float64())
        elif kind == "words":
            arrays[name] = pa.array([sorted(v) for v in values], pa.list_(pa.string()))
        else:
            arrays[name] = pa.array(values, pa.string() if kind == "text" else pa.int64())
    table = pa.table(arrays).replace_schema_metadata({"kinds": json.dumps(kinds)})
    write_bytes_atomic(path, lambda handle: pq.write_table(table, handle))


def read_prepared(path: Path) -> pd.DataFrame | None:
    """The columns `write_prepared` kept, as `model.figure_columns` made them; None if there are none."""
    try:
        table = pq.read_table(path)
        kinds = json.loads(table.schema.metadata[b"kinds"])
    except Exception:  # noqa: BLE001 - missing or unreadable: prepare every figure instead
        return None
    columns: dict[str, object] = {name: table[name].to_pylist() for name in ("figure_id", "doc_id", "metric", "year")}
    for name, kind in kinds.items():
        if kind == "interval":
            ends = [table[name + suffix].to_numpy().tolist() for suffix in _INTERVAL_ENDS]
            columns[name] = pd.Series(intervals(*ends), dtype=object)
        elif kind == "words":
            columns[name] = pd.Series([frozenset(v) for v in table[name].to_pylist()], dtype=object)
        elif kind == "count":
            columns[name] = table[name].to_numpy()
        else:
            columns[name] = pd.Series(table[name].to_pylist(), dtype=object)
    return pd.DataFrame(columns)


def _kind(values: list) -> str | None:
    """How a prepared column is kept: text (str or None), number (int or None), count (int), words
    (frozensets of str), interval; None for anything else."""
    types = set(map(type, values))
    if types <= {str, type(None)}:
        return "text"
    if types == {int}:
        return "count"
    if types <= {int, type(None)}:
        return "number"
    if types == {frozenset} and all(isinstance(w, str) for v in values for w in v):
        return "words"
    if types == {Interval} and all(type(e) is float for v in values for e in v):
        return "interval"
    return None


# The consensus view's rows are made inside groups of figures that agree on everything its row id is made
# of but the comparison key (`consensus._row`): a rerun makes again only the rows of those scopes that a
# changed document has figures in, now or before.

def _consensus_scopes(frames: list[pd.DataFrame]) -> list[np.ndarray]:
    """A code per figure for its consensus scope, the same code for the same scope in every frame (a missing
    value and an empty one are one: a row id does not tell them apart)."""
    columns = ["metric", "year", "cmp_period", "cmp_geo", "cmp_segment", "cmp_unit", "cmp_per", "cmp_basis"]
    both = pd.concat([frame[columns].astype(object) for frame in frames], ignore_index=True)
    codes = both.where(both.notna(), "").groupby(columns, sort=False).ngroup().to_numpy()
    return np.split(codes, np.cumsum([len(frame) for frame in frames])[:-1])


def consensus_changes(prepared: pd.DataFrame, previous: pd.DataFrame, kept: pd.DataFrame, changed: set[str],
                      settings: ReconcileSettings, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """`consensus.consensus(prepared)`, from the `previous` consensus and the prepared columns `kept` from
    the run that made it (`read_prepared`: it holds the figures of the `changed` documents before)."""
    scopes, before = _consensus_scopes([prepared, kept[kept["doc_id"].isin(changed)]])
    fresh = prepared["doc_id"].isin(changed).to_numpy()
    dirty = set(scopes[fresh].tolist()) | set(before.tolist())
    scope_of = dict(zip(prepared["figure_id"].tolist(), scopes.tolist()))
    untouched = [changed.isdisjoint(doc_ids) for doc_ids in previous["doc_ids"]]
    row_scopes = [{scope_of.get(i) for i in ids} for ids in previous["figure_ids"]]
    if any(clean and (None in these or len(these) != 1) for clean, these in zip(untouched, row_scopes)):
        return consensus(prepared, settings, documents)  # a row not made from these figures: made anew
    keep = [clean and next(iter(these)) not in dirty for clean, these in zip(untouched, row_scopes)]
    in_dirty = np.isin(scopes, list(dirty))
    made = consensus(prepared[in_dirty], settings, documents) if in_dirty.any() else schemas.empty("consensus")
    merged = pd.concat([previous[keep], made], ignore_index=True) if len(made) else previous[keep]
    if not len(merged):
        return schemas.empty("consensus")
    merged = merged.sort_values(["subject_key", "metric", "year", "geography", "consensus_id"], na_position="first")
    return schemas.validate(merged.reset_index(drop=True), "consensus")
