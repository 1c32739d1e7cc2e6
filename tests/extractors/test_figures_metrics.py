"""The metric, unit and direction of figures, read from the structure of their sentence and document.

FORMAT.md's conventions say what each metric means (a whole market's spending is `market_size`, one
company's is `cost` or `revenue`, a part of a change is no one's share ...). The sentences are made up here, in
industries no labelled set covers, so that what passes is the mechanism and not a phrase of the samples.
"""

from __future__ import annotations

import pytest

from extractors.figures import extract_figures
from extractors.model import Document, Figure, Page


def _by_quote(text: str, title: str = "Forklift industry notes") -> dict[str, Figure]:
    page = Page(None, f"{title}\n\n{text}")
    return {f.quote: f for f in extract_figures(Document("0" * 64, "case.txt", "txt", (page,)))}


@pytest.mark.parametrize(("text", "quote", "metric"), [
    # a whole market's spending, revenue or sales, with no company owning them
    ("Companies spent USD 41 billion on warehouse robots in 2025.", "USD 41 billion", "market_size"),
    ("Analysts expect tractor revenue to reach $75 billion in 2025.", "$75 billion", "market_size"),
    ("Worldwide forklift spending reached $55 billion as spending ballooned to $60 billion in Asia.",
     "$60 billion", "market_size"),
    ("Tractor products were the largest category by sales, at $21.6 billion.", "$21.6 billion", "market_size"),
    # one company's
    ("- Acme, the 2023 market leader, slipped to No. 2 with revenue of $9.2 billion.", "$9.2 billion", "revenue"),
    ("Globex spent $14 billion in the quarter and plans more.", "$14 billion", "cost"),
    ("Acme's capex reached $3 billion, and its total spending is expected to exceed $10 billion in 2025.",
     "$10 billion", "cost"),
    # a valuation or a funding round
    ("Acme was valued at $4 billion after a funding round of $300 million.", "$4 billion", "other"),
    ("Acme was valued at $4 billion after a funding round of $300 million.", "$300 million", "other"),
])
def test_money_metric_follows_who_owns_the_measure(text: str, quote: str, metric: str) -> None:
    assert _by_quote(text)[quote].metric == metric


@pytest.mark.parametrize(("text", "quote", "metric"), [
    ("Acme, Globex and Initech hold a large share of forklift spending - 61 per cent combined in Q4.",
     "61 per cent", "market_share"),
    ("Electric forklifts met more than 12% of global warehouse electricity consumption.", "12%", "market_share"),
    ("More than one in four forklifts sold worldwide were electric.", "one in four", "market_share"),
    # "more than" bounds the figure; it is no change
    ("Acme beat Globex by more than 20 percent for the quarter.", "20 percent", "other_percent"),
    ("Forklift sales rose by more than 20 percent in the quarter.", "20 percent", "growth_rate"),
])
def test_percent_metric_reads_the_clause(text: str, quote: str, metric: str) -> None:
    assert _by_quote(text)[quote].metric == metric
