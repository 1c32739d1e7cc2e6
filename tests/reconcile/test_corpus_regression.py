"""The reconciler on a small generated corpus (bench/pipeline.py's generator, 25 documents, frames kept in
data/): the same findings as the original, pairwise implementation, and the same agreeing groups as
linking every agreeing pair of figures one by one."""

import json
from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest

import schemas
from reconcile import ReconcileSettings, reconcile
from reconcile.agreement import agreeing_groups
from reconcile.model import group_rows, prepare_figures
from reconcile.sources import _comparable, _same_key
from reconcile.subjects import similar

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def corpus():
    return pd.read_parquet(DATA / "corpus25_figures.parquet"), pd.read_parquet(DATA / "corpus25_rankings.parquet")


def _findings(corpus, settings=None) -> list[dict]:
    figures, rankings = corpus
    found = reconcile(figures, rankings, schemas.empty("tables"), schemas.empty("documents"), settings)
    return [{"finding_id": f.finding_id, "kind": f.kind, "check": f.check, "values": [float(v) for v in f.values]}
            for f in found.itertuples()]


def test_without_loose_subjects_the_findings_are_the_original_implementations(corpus):
    # corpus25_findings.json: written by the reconciler before it was made to scale (ids, kinds, values).
    original = json.loads((DATA / "corpus25_findings.json").read_text(encoding="utf-8"))
    assert _findings(corpus, {"loose_subjects": False}) == original


def test_loose_subjects_only_add_to_corroborations(corpus):
    original = json.loads((DATA / "corpus25_findings.json").read_text(encoding="utf-8"))
    figures, rankings = corpus
    now = reconcile(figures, rankings, schemas.empty("tables"), schemas.empty("documents"))
    assert [f for f in _findings(corpus) if f["kind"] != "corroboration"] == \
        [f for f in original if f["kind"] != "corroboration"]
    before = reconcile(figures, rankings, schemas.empty("tables"), schemas.empty("documents"),
                       {"loose_subjects": False})
    groups = [set(ids) for ids in now.loc[now["check"] == "cross_source", "figure_ids"]]
    for ids in before.loc[(before["kind"] == "corroboration") & (before["check"] == "cross_source"), "figure_ids"]:
        assert any(set(ids) <= group for group in groups)


def _pairwise_groups(bucket: list, settings: ReconcileSettings) -> list[list]:
    """The plain definition: link every two figures of different documents that agree; the linked groups."""
    parent = {id(r): id(r) for r in bucket}

    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in combinations(bucket, 2):
        kind_a, kind_b = (("point" if r.qualifier in ("exact", "approx") else r.qualifier) for r in (a, b))
        subjects = similar(a.cmp_key, b.cmp_key, settings.subject_overlap) or \
            similar(a.cmp_loose, b.cmp_loose, settings.subject_overlap)
        if (a.doc_id != b.doc_id and kind_a == kind_b and subjects and a.cmp_printed.overlaps(b.cmp_printed)
                and (a.cmp_geo is None or b.cmp_geo is None or a.cmp_geo == b.cmp_geo)):
            parent[root(id(a))] = root(id(b))
    groups = group_rows(bucket, lambda r: root(id(r)))
    return [g for g in groups.values() if len(g) >= 2]


def test_agreeing_groups_are_the_groups_of_pairwise_agreement(corpus):
    settings = ReconcileSettings()
    prepared = prepare_figures(corpus[0], settings)
    buckets = list(group_rows(_comparable(prepared), _same_key).values())
    assert sum(len(b) for b in buckets) > 500
    grouped = 0
    for bucket in buckets:
        fast = sorted(sorted(r.Index for r in g) for g in agreeing_groups(bucket, settings.subject_overlap))
        plain = sorted(sorted(r.Index for r in g) for g in _pairwise_groups(bucket, settings))
        assert fast == plain
        grouped += len(fast)
    assert grouped > 50
