"""Findings across and within documents: the reconciler's one entry point.

`reconcile(figures, rankings, tables, documents)` returns the findings frame
(validated by `schemas.FindingSchema`): conflicts and corroborations across
documents, values a CAGR implies for other sources' years, and inconsistencies
inside one document. Each check is a plain function of prepared frames.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

import schemas
from reconcile import checks, listed, ranges, rankings as ranking_checks, shares, sources, splits
from reconcile.consensus import consensus
from reconcile.model import Finding, prepare_figures
from reconcile.parallel import side_by_side, worth_forking
from reconcile.runtime import paused_gc
from reconcile.settings import ReconcileSettings
from reconcile.tables import TABLE_RULE, table_figures, totals_against_rows

KIND_ORDER = {"conflict": 0, "inconsistency": 1, "corroboration": 2, "revision": 3}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}


def reconcile(figures: pd.DataFrame, rankings: pd.DataFrame, tables: pd.DataFrame, documents: pd.DataFrame,
              settings: ReconcileSettings | Mapping[str, Any] | None = None) -> pd.DataFrame:
    """The findings frame for these datasets."""
    return _reconciled(figures, rankings, tables, documents, ReconcileSettings.resolve(settings), agree=False)[0]


def reconcile_with_consensus(figures: pd.DataFrame, rankings: pd.DataFrame, tables: pd.DataFrame,
                             documents: pd.DataFrame, settings: ReconcileSettings | Mapping[str, Any] | None = None,
                             meanwhile: Callable[[], object] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The findings frame and the consensus view (`reconcile.consensus`) of these datasets. `meanwhile`: other
    work that reads what the checks read and changes none of it (writing files), done beside them."""
    found, agreed = _reconciled(figures, rankings, tables, documents, ReconcileSettings.resolve(settings), True,
                                meanwhile)
    return found, agreed if agreed is not None else schemas.empty("consensus")


def _reconciled(figures: pd.DataFrame, rankings: pd.DataFrame, tables: pd.DataFrame, documents: pd.DataFrame,
                settings: ReconcileSettings, agree: bool, meanwhile: Callable[[], object] | None = None
                ) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The findings and, if `agree`, the consensus. The families of checks read nothing of each other's, so on
    a large corpus the checks across documents run here while a child runs the rest, then `meanwhile`: the
    child's part is the shorter (`reconcile.parallel`)."""
    with paused_gc():
        if figures is not None and "cmp_row" not in figures.columns:  # a prepared frame has its tables already
            figures = with_tables(figures, tables)
        prepared = None if figures is None or figures.empty else prepare_figures(figures, settings, documents)

        def the_rest() -> tuple[list[Finding], pd.DataFrame | None]:
            found = [*along_series(prepared, settings), *within_documents(prepared, rankings, settings)]
            agreed = consensus(prepared, settings, documents) if agree and prepared is not None else None
            if meanwhile is not None:
                meanwhile()
            return found, agreed

        across, (within, agreed) = side_by_side(lambda: across_documents(prepared, settings), the_rest,
                                                fork=prepared is not None and worth_forking(len(prepared)))
        return findings_frame([*across, *within]), agreed


def with_tables(figures: pd.DataFrame, tables: pd.DataFrame | None, cells: pd.DataFrame | None = None) -> pd.DataFrame:
    """The figures and, after them, the table cells read as figures (`reconcile.tables`, rule `table`),
    which take part in comparisons between sources and with their document's text, nothing else.
    `cells` are those cells when they are known already (`reconcile.incremental.table_cells`)."""
    if tables is None or tables.empty or (figures["rule"] == TABLE_RULE).any():
        return figures
    cells = table_figures(tables, figures) if cells is None else cells
    if cells.empty:
        return figures
    return pd.concat([figures, cells.astype({c: figures[c].dtype for c in cells.columns if c in figures.columns},
                                             errors="ignore")], ignore_index=True)


def prose(prepared: pd.DataFrame | None) -> pd.DataFrame | None:
    """The figures of the documents' sentences (not table cells)."""
    if prepared is None or prepared.empty:
        return prepared
    said = (prepared["rule"] != TABLE_RULE).to_numpy()
    count = int(said.sum())
    if said[:count].all():  # the cells follow the figures (`with_tables`): a slice, not a copy of every column
        return prepared.iloc[:count]
    return prepared[said]


# Each family of checks looks only inside one kind of scope, which is what lets `reconcile.incremental`
# redo just the scopes a changed document is in.

def across_documents(prepared: pd.DataFrame | None, settings: ReconcileSettings) -> list[Finding]:
    """Conflicts, corroborations and revisions: each inside one comparison group (`model.SAME`)."""
    if prepared is None or prepared.empty:
        return []
    groups = sources.subject_groups(sources.comparable(prepared, topics=True))  # once, for conflicts and text vs tables
    return [*sources.conflicts(prepared, settings, groups), *sources.corroborations(prepared, settings),
            *sources.revisions(prepared, settings), *sources.text_against_tables(prepared, settings, groups),
            *splits.split_totals(groups, settings)]


def along_series(prepared: pd.DataFrame | None, settings: ReconcileSettings) -> list[Finding]:
    """Values a CAGR implies for other sources: each inside one series (subject key and segment)."""
    prepared = prose(prepared)
    if prepared is None or prepared.empty:
        return []
    return sources.implied_values(prepared, settings)


def within_documents(prepared: pd.DataFrame | None, rankings: pd.DataFrame | None,
                     settings: ReconcileSettings) -> list[Finding]:
    """A document's own arithmetic (its tables' rows against their totals too), its rankings, and its
    sentences against its rankings."""
    found = [] if prepared is None or prepared.empty else totals_against_rows(prepared, settings)
    prepared = prose(prepared)
    if prepared is not None and not prepared.empty:
        found += [*checks.cagr_endpoints(prepared, settings), *checks.stated_ratios(prepared, settings),
                  *checks.stated_point_changes(prepared, settings),
                  *checks.parts_exceed_total(prepared, settings), *checks.shares_over_100(prepared, settings),
                  *checks.superlatives(prepared, settings), *checks.unit_scales(prepared, settings),
                  *checks.scale_words(prepared, settings),
                  *listed.listed_parts_against_total(prepared, settings),
                  *shares.shares_against_totals(prepared, settings),
                  *ranges.points_outside_classes(prepared, settings)]
    if rankings is None or rankings.empty:
        return found
    ranked = ranking_checks.prepare_rankings(rankings)
    found += [*ranking_checks.shares_over_100(ranked, settings), *ranking_checks.out_of_order(ranked, settings),
              *ranking_checks.across_rankings(ranked, settings)]
    if prepared is not None and not prepared.empty:
        found += ranking_checks.figures_against_rankings(prepared, ranked, settings)
    return found


def findings_frame(found: list[Finding]) -> pd.DataFrame:
    if not found:
        return schemas.empty("findings")
    unique = {f.finding_id: f for f in found}  # each id hashed once: the figures' ids and values
    rows = [{"finding_id": finding_id, "kind": f.kind, "severity": f.severity, "subject_key": f.subject_key,
             "metric": f.metric, "year": f.year, "period_start": f.period_start, "period_end": f.period_end,
             "figure_ids": f.figure_ids, "doc_ids": f.doc_ids, "values": f.values, "explanation": f.explanation,
             "check": f.check, "ranking_ids": f.ranking_ids} for finding_id, f in unique.items()]
    return ordered(schemas.validate(pd.DataFrame(rows), "findings"))


def ordered(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings in report order: conflicts, inconsistencies, corroborations; most severe first; then by
    subject, year and id (unique, so the order is total)."""
    order = pd.DataFrame({"kind": findings["kind"].map(KIND_ORDER),
                          "severity": findings["severity"].map(SEVERITY_ORDER),
                          "subject": findings["subject_key"].fillna(""), "year": findings["year"].fillna(0),
                          "id": findings["finding_id"]})
    return findings.iloc[order.sort_values(["kind", "severity", "subject", "year", "id"]).index].reset_index(drop=True)
