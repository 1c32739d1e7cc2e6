"""Figures on the held-out set (tests/corpus/unseen): documents written in styles the rules were not shaped on.

The gold is built by tests/corpus/unseen/build_gold.py (offsets computed from the quotes) and scored with the
shared scorer, as the dev set is. The thresholds are what the extractor reaches, a little below, so a change
that loses generality fails here.
"""

from __future__ import annotations

import importlib.util
import json
import tempfile
from pathlib import Path

import pytest

from extractors import loaders
from extractors.document import extract
from store.frames import figures_frame

UNSEEN = Path(__file__).resolve().parents[1] / "corpus" / "unseen"
SCORER = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"
GOLD = [json.loads(line) for line in (UNSEEN / "figures.jsonl").read_text(encoding="utf-8").splitlines()]


def test_gold_offsets_match_the_documents() -> None:
    for row in GOLD:
        text = (UNSEEN / "docs" / row["doc"]).read_text(encoding="utf-8")
        assert text[row["start"]:row["end"]] == row["quote"], row


def _year_accuracy_where_stated(score, results) -> float:
    stated = [row for row in GOLD if row["year"] is not None]
    with tempfile.TemporaryDirectory() as gold:
        Path(gold, "figures.jsonl").write_text("".join(json.dumps(row) + "\n" for row in stated), encoding="utf-8")
        return score.score_figures(gold, figures_frame(results), 0)["attributes"]["year"]


def test_unseen_documents_thresholds() -> None:
    if not SCORER.exists():
        pytest.skip("shared scorer not found")
    spec = importlib.util.spec_from_file_location("score", SCORER)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    docs = UNSEEN / "docs"
    results = [extract(loaders.load(path, docs)) for path in sorted(docs.iterdir())]
    report = score.score_figures(str(UNSEEN), figures_frame(results), 20)
    attributes = report["attributes"]
    print(f"\nunseen figures F1 {report['f1']} (P {report['precision']}, R {report['recall']}), {attributes}")
    print(json.dumps({k: report[k] for k in ("false_positive_examples", "attribute_errors")}, indent=1))
    assert report["f1"] >= 0.97
    assert attributes["metric"] >= 0.93
    # This gold was labelled before FORMAT.md's conventions, which carry a heading's or a document's year to
    # the figures under it; where it leaves a year null, the contract may now ask for one. So the year is
    # held to the contract on the figures whose year the gold states.
    assert _year_accuracy_where_stated(score, results) >= 0.95
    assert attributes["period"] >= 0.95
    assert attributes["qualifier"] >= 0.95
    assert attributes["is_forecast"] >= 0.95
    assert attributes["subject"] >= 0.90
