"""Figures: the labelled corpus (tests/corpus/figures.jsonl), the dev gold thresholds, and invariants."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import loaders
from extractors.document import extract
from extractors.figures import extract_figures
from extractors.model import Document, Figure, Page
from store.frames import figures_frame

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "figures.jsonl"
EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
CASES = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _figures(text: str) -> list[Figure]:
    return extract_figures(Document("0" * 64, "case.txt", "txt", (Page(None, text),)))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_corpus_case(case: dict) -> None:
    found = _figures(case["text"])
    assert [f.quote for f in found] == [e["quote"] for e in case["expected"]]
    for figure, expected in zip(found, case["expected"]):
        for name, want in expected.items():
            got = getattr(figure, name)
            if isinstance(want, float):
                assert math.isclose(got, want, rel_tol=1e-9), (name, got, want)
            else:
                assert got == want, (name, got, want)


def test_rounding_interval_is_kept() -> None:
    [figure] = _figures("The market was valued at US$10.7 billion in 2024.")
    assert figure.value_low == pytest.approx(10.65e9) and figure.value_upper == pytest.approx(10.75e9)


def test_rule_names_the_finder() -> None:
    rules = {f.quote: f.rule for f in _figures("A CAGR of 80.7% and 175 billion parameters at US$20 per note.")}
    assert rules == {"80.7%": "percent.cagr", "175 billion parameters": "count.noun",
                     "US$20": "money.price"}


def test_table_spans_are_skipped() -> None:
    text = "Revenue was $5 billion.\nA\t$7 billion\n"
    doc = Document("0" * 64, "t.txt", "txt", (Page(None, text),))
    table_start = text.index("A\t")
    assert [f.quote for f in extract_figures(doc, {None: [(table_start, len(text))]})] == ["$5 billion"]


def _score_module():
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_gold_thresholds() -> None:
    """The issue's bar on the labelled sample reports, through the extractor functions (no Prefect)."""
    docs = EVAL / "dev" / "docs"
    if not docs.exists():
        pytest.skip("dev gold set not found")
    results = [extract(loaders.load(path, docs)) for path in sorted(docs.iterdir())]
    report = _score_module().score_figures(str(EVAL / "dev"), figures_frame(results), 0)
    attributes = report["attributes"]
    print(f"\nfigures F1 {report['f1']}, attributes {attributes}")
    assert report["f1"] >= 0.97
    for name in ("metric", "year", "period", "qualifier"):
        assert attributes[name] >= 0.95, name
    assert attributes["subject"] >= 0.90


_REPORTISH = st.lists(st.sampled_from([
    "US$", "\\$", "$", "€", "£", "USD", "RMB", " ", "\n", "-", "–", "~", "+", ">", "%", "x", "×", ",", ".", "(", ")",
    "10.7", "2,048", "1", "2024", "2029", "billion", "million", "B", "M", "bn", "per", "tokens", "CAGR", "of",
    "from", "to", "by", "in", "the market", "GPT-4", "three", "months", "times", "tenfold", "over", "nearly",
    "market share", "According to CIC,", "- Label (", "users", "percent", "dollars", "yuan", " and ", "Claude",
]), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_REPORTISH, st.text(max_size=200)))
def test_extraction_keeps_its_invariants(text: str) -> None:
    for figure in _figures(text):
        assert text[figure.char_start:figure.char_end] == figure.quote
        assert math.isfinite(figure.value)
        assert figure.value_high is None or math.isfinite(figure.value_high)
        assert figure.period_start is None or figure.period_end is None or figure.period_start <= figure.period_end


@pytest.mark.parametrize(("sentence", "qualifier"), [
    ("Sales were ROUGHLY $5 million in 2024.", "approx"),
    ("Sales were Up To $5 million in 2024.", "upper_bound"),
    ("Revenue of More Than €5 million in 2024.", "lower_bound"),
    ("Ventas de más de about €5 million in 2024.", "approx"),  # text beyond ASCII before the figure
])
def test_qualifier_words_in_any_case(sentence: str, qualifier: str) -> None:
    assert [f.qualifier for f in _figures(sentence)] == [qualifier]
