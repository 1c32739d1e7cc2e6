"""The reconciler on a small generated corpus (bench/pipeline.py's generator, 25 documents, frames kept in
data/): conflicts that are what a conflict is, and the same agreeing groups as linking every agreeing
pair of figures one by one."""

from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest

import schemas
from reconcile import ReconcileSettings, reconcile
from reconcile import agreement
from reconcile.agreement import agreeing_groups
from reconcile.model import group_rows, prepare_figures
from reconcile.sources import _same_key, comparable
from reconcile.subjects import similar
from reconcile.voices import two_voices

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def corpus():
    return pd.read_parquet(DATA / "corpus25_figures.parquet"), pd.read_parquet(DATA / "corpus25_rankings.parquet")


def test_every_conflict_is_two_sources_apart_beyond_rounding(corpus):
    figures, rankings = corpus
    prepared = prepare_figures(figures, ReconcileSettings())
    by_id = {r.figure_id: r for r in prepared["cmp_row"]}
    found = reconcile(prepared, rankings, schemas.empty("tables"), schemas.empty("documents"))
    conflicts = found[(found["kind"] == "conflict") & (found["check"] == "cross_source")]
    assert len(conflicts) > 5
    for ids in conflicts["figure_ids"]:
        rows = [by_id[i] for i in ids]
        assert any(two_voices(a, b) and not a.cmp_interval.overlaps(b.cmp_interval) for a, b in combinations(rows, 2))
        assert len({(r.cmp_same, r.cmp_geo) for r in rows}) == 1  # one metric, year, unit, segment, geography


def _pairwise_groups(bucket: list, settings: ReconcileSettings) -> list[list]:
    """The plain definition: link every two figures of different documents that agree; the linked groups."""
    parent = {id(r): id(r) for r in bucket}

    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x

    def kind(r) -> str:
        return "point" if r.qualifier in ("exact", "approx") else r.qualifier

    def meet(a, b) -> bool:
        subjects = similar(a.cmp_key, b.cmp_key, settings.subject_overlap) or \
            similar(a.cmp_loose, b.cmp_loose, settings.subject_overlap)
        return two_voices(a, b) and subjects and (a.cmp_geo is None or b.cmp_geo is None or a.cmp_geo == b.cmp_geo)

    for a, b in combinations(bucket, 2):
        if kind(a) == kind(b) and meet(a, b) and a.cmp_printed.overlaps(b.cmp_printed):
            parent[root(id(a))] = root(id(b))
    groups = {key: list(g) for key, g in group_rows(bucket, lambda r: root(id(r))).items()}
    linked = {key for key, g in groups.items() if len(g) >= 2}
    joined: dict = {}
    for bound in (r for r in bucket if kind(r) != "point"):  # a half-line joins each group of values it holds
        for value in (r for r in bucket if kind(r) == "point"):
            shared_low = max(bound.cmp_interval.low, value.cmp_printed.low)
            if meet(bound, value) and shared_low < min(bound.cmp_interval.high, value.cmp_printed.high):
                joined.setdefault(root(id(value)), []).append(bound)
    out = [g for key, g in groups.items() if key in linked]
    for key, bounds in joined.items():
        group = groups[key] if key in linked else groups[key][:]
        for bound in bounds:
            if all(bound is not r for r in group):
                group.append(bound)
        if key not in linked:
            out.append(group)
    return [g for g in out if len(g) >= 2]


@pytest.mark.parametrize("sweep_pairs", [0, 1 << 40])  # pairs found subject by subject; in one sweep
def test_agreeing_groups_are_the_groups_of_pairwise_agreement(corpus, monkeypatch, sweep_pairs: int):
    monkeypatch.setattr(agreement, "SWEEP_PAIRS", sweep_pairs)
    settings = ReconcileSettings()
    prepared = prepare_figures(corpus[0], settings)
    buckets = list(group_rows(comparable(prepared), _same_key).values())
    assert sum(len(b) for b in buckets) > 500
    grouped = 0
    for bucket in buckets:
        fast = sorted(sorted(r.Index for r in g) for g in agreeing_groups(bucket, settings.subject_overlap))
        plain = sorted(sorted(r.Index for r in g) for g in _pairwise_groups(bucket, settings))
        assert fast == plain
        grouped += len(fast)
    assert grouped > 50
