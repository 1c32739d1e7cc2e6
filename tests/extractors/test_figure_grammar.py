"""What the number grammar hands to figures: physical quantities, point changes, fractions and counts of things,
with the unit and metric FORMAT.md's conventions give them. Sentences are made up here."""

from __future__ import annotations

import pytest

from extractors.figures import extract_figures
from extractors.model import Document, Figure, Page


def _figures(text: str) -> dict[str, Figure]:
    found = extract_figures(Document("0" * 64, "case.txt", "txt", (Page(None, text),)))
    return {figure.quote: figure for figure in found}


# (text, quote, metric, value, unit)
CASES = [
    ("The country added 38.5 GW of wind capacity in 2023.", "38.5 GW", "other", 38.5, "GW"),
    ("Storage reached 120 gigawatt-hours last year.", "120 gigawatt-hours", "other", 120.0, "GWh"),
    ("Its share slipped two percentage points in the quarter.", "two percentage points", "growth_rate", 2.0,
     "percentage point"),
    ("Exporters shipped 41.2 million handsets, while rivals shipped 12.9 million.", "12.9 million", "count",
     12.9e6, "handset"),
    ("The maker sold 3.1 million iPads in the period.", "3.1 million iPads", "count", 3.1e6, "ipad"),
    ("The firm shipped 9.4 million Pixel phones last year.", "9.4 million Pixel phones", "count", 9.4e6, "phone"),
    ("Bundle totals: ~48 million combined accounts.", "~48 million combined accounts", "count", 48e6, "account"),
    ("The channel aired 14 of the top 25 broadcasts.", "14", "count", 14.0, "broadcast"),
]


@pytest.mark.parametrize("text,quote,metric,value,unit", CASES, ids=[c[1] for c in CASES])
def test_figure_unit_and_metric(text: str, quote: str, metric: str, value: float, unit: str) -> None:
    found = _figures(text)
    assert quote in found, sorted(found)
    figure = found[quote]
    assert (figure.metric, figure.unit) == (metric, unit)
    assert figure.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["The 2026–2035 forecast is cautious.", "Sales ('000 cars) rose in May.",
                                  "All values are in 2024 dollars.", "The maker's iPad 11 series sold out."])
def test_no_figure(text: str) -> None:
    assert _figures(text) == {}
