"""End to end on the dev reports: the extractors' real output (not gold labels), reconciled and scored."""

import pytest

import schemas
from extractors import loaders
from extractors.document import extract
from reconcile import reconcile
from reconcile.subjects import assign_subject_keys
from store import frames
from tests.conftest import DEV_GOLD
from tests.reconcile.gold import load_jsonl, score_findings

pytestmark = pytest.mark.skipif(not (DEV_GOLD / "findings.jsonl").exists(), reason="dev gold set not found")

ARITHMETIC = ("CAGR", "relative to")  # a CAGR its endpoints do not produce, a stated ratio


@pytest.fixture(scope="module")
def pipeline_findings():
    docs = DEV_GOLD / "docs"
    results = [extract(loaders.load(path, docs)) for path in loaders.discover(docs)]
    figures = schemas.validate(assign_subject_keys(frames.figures_frame(results)), "figures")
    return reconcile(figures, frames.rankings_frame(results), frames.tables_frame(results),
                     frames.documents_frame(results))


@pytest.fixture(scope="module")
def score(pipeline_findings):
    return score_findings(DEV_GOLD, pipeline_findings)


def test_at_least_13_of_16_expected_findings_and_no_trap(score):
    assert score["expected"] == 16 and score["traps"] == 14
    assert score["found"] >= 13, score["missed_examples"]
    assert score["traps_violated"] == 0, score["violated_traps"]


def test_every_corroboration_and_every_arithmetic_inconsistency_is_found(score):
    gold = load_jsonl(DEV_GOLD / "findings.jsonl")
    required = [g for g in gold if g["kind"] == "corroboration"
                or (g["kind"] == "inconsistency" and any(word in g["subject"] for word in ARITHMETIC))]
    missed = set(score["missed_examples"])
    assert [g for g in required if f'{g["kind"]}: {g["subject"]} {g["values"]}' in missed] == []
