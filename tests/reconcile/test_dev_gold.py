"""The reconciler on figure frames built from the dev gold labels, scored by the shared scorer."""

import pytest

from reconcile import reconcile
from tests.conftest import DEV_GOLD
from tests.reconcile.gold import assert_dev_thresholds, gold_frames, score_findings

pytestmark = pytest.mark.skipif(not (DEV_GOLD / "findings.jsonl").exists(), reason="dev gold set not found")


@pytest.fixture(scope="module")
def dev_findings():
    frames = gold_frames(DEV_GOLD)
    return reconcile(frames["figures"], frames["rankings"], frames["tables"], frames["documents"])


@pytest.fixture(scope="module")
def score(dev_findings):
    return score_findings(DEV_GOLD, dev_findings)


def test_the_issue_thresholds_hold(score):
    assert_dev_thresholds(DEV_GOLD, score)


def test_the_stretch_superlative_claim_is_found(score):
    assert not [m for m in score["missed_examples"] if "fastest-growing" in m]


def test_no_conflict_is_reported_on_the_dev_set(dev_findings):
    # The five dev reports agree wherever they measure the same thing.
    assert "conflict" not in set(dev_findings["kind"])
