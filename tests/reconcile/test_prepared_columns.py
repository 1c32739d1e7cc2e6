"""Columns `reconcile.model` computes once per distinct value say what the per-figure rule says."""

from __future__ import annotations

import pandas as pd

from reconcile.basis import counting_bases
from reconcile.model import _counting_bases, _per_distinct


def test_per_distinct_gives_each_row_its_own_combination_and_none_for_missing() -> None:
    subjects = pd.Series(["solar market", None, "solar market", "wind market"], dtype="str")
    years = pd.Series(["2024", "2025", "2025", None], dtype=object)
    got = _per_distinct([subjects, years], lambda subject, year: (subject, year))
    assert got == [("solar market", "2024"), (None, "2025"), ("solar market", "2025"), ("wind market", None)]


def test_bases_read_per_sentence_of_a_document_are_the_bases_read_per_figure() -> None:
    frame = pd.DataFrame({
        "doc_id": ["a", "a", "a", "b", "b", "c", "c"],
        "sentence": ["On a sell-through basis, X took 19%.", "On a sell-through basis, X took 19%.",
                     "Y came second with 12%.", "Y came second with 12%.", None,
                     "Sell-in rose 3%.", "Sell-through fell 2%."],
    })
    assert _counting_bases(frame) == counting_bases(frame)
    assert _counting_bases(frame)[:3] == ["sell-through"] * 3  # the document lends its one basis

