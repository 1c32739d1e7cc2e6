"""End to end on the dev reports: the extractors' real output (not gold labels), reconciled and scored."""

import pytest

import schemas
from extractors import loaders
from extractors.document import extract
from reconcile import reconcile
from reconcile.subjects import assign_subject_keys
from store import frames
from tests.conftest import DEV_GOLD
from tests.reconcile.gold import assert_dev_thresholds, score_findings

pytestmark = pytest.mark.skipif(not (DEV_GOLD / "findings.jsonl").exists(), reason="dev gold set not found")


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


def test_the_issue_thresholds_hold(score):
    assert_dev_thresholds(DEV_GOLD, score)
