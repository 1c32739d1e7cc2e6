"""The reconciler on figure frames built from the dev gold labels, scored by the shared scorer."""

import pytest

from reconcile import reconcile
from tests.conftest import DEV_GOLD
from tests.reconcile.gold import gold_frames, load_jsonl, score_findings

pytestmark = pytest.mark.skipif(not (DEV_GOLD / "findings.jsonl").exists(), reason="dev gold set not found")

ARITHMETIC = ("CAGR", "relative to")  # a CAGR its endpoints do not produce, a stated ratio


@pytest.fixture(scope="module")
def dev_findings():
    frames = gold_frames(DEV_GOLD)
    return reconcile(frames["figures"], frames["rankings"], frames["tables"], frames["documents"])


@pytest.fixture(scope="module")
def score(dev_findings):
    return score_findings(DEV_GOLD, dev_findings)


def test_at_least_13_of_16_expected_findings_and_no_trap(score):
    assert score["expected"] == 16 and score["traps"] == 14
    assert score["found"] >= 13, score["missed_examples"]
    assert score["traps_violated"] == 0, score["violated_traps"]


def test_every_corroboration_and_every_arithmetic_inconsistency_is_found(score):
    gold = load_jsonl(DEV_GOLD / "findings.jsonl")
    required = [g for g in gold if g["kind"] == "corroboration"
                or (g["kind"] == "inconsistency" and any(word in g["subject"] for word in ARITHMETIC))]
    assert len(required) == 13
    missed = set(score["missed_examples"])
    assert not [g for g in required if f'{g["kind"]}: {g["subject"]} {g["values"]}' in missed]


def test_the_stretch_superlative_claim_is_found(score):
    assert not [m for m in score["missed_examples"] if "fastest-growing" in m]


def test_no_conflict_is_reported_on_the_dev_set(dev_findings):
    # The five dev reports agree wherever they measure the same thing.
    assert "conflict" not in set(dev_findings["kind"])
