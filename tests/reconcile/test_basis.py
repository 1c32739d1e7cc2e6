"""Figures counted on different bases (sell-in vs sell-through) are compared apart."""

from __future__ import annotations

import pandas as pd

from reconcile.basis import counting_bases, sentence_basis
from tests.reconcile.frames import figure, figures
from tests.reconcile.test_findings import kinds, run


def test_a_sentence_names_its_basis_and_a_document_lends_its_only_one():
    figures = pd.DataFrame({
        "doc_id": ["a", "a", "b", "c", "c"],
        "sentence": ["In its preliminary sell-through numbers, sales grew 4 per cent.",
                     "Vendor X came first with a 19 per cent share.",
                     "Vendor X took 16.7% of shipments.",
                     "Sell-in rose 3%.", "Sell-through fell 2%."],
    })
    assert counting_bases(figures) == ["sell-through", "sell-through", None, "sell-in", "sell-through"]


def test_no_basis_or_two_bases_in_one_sentence_name_none():
    assert sentence_basis("Shipments rose 7% in 2024.") is None
    assert sentence_basis("Sell-in rose 3% while sell-through fell 2%.") is None
    assert sentence_basis(None) is None


def test_a_sell_through_share_and_a_shipment_share_never_conflict_but_two_of_one_basis_do():
    share = dict(metric="market_share", unit="percent", subject="Vendor X share of smartphones")
    through = figure("a.txt", "19%", 19.0, sentence="On a sell-through basis, Vendor X took 19% in 2024.", **share)
    shipped = figure("b.txt", "16.7%", 16.7, sentence="Vendor X took 16.7% of shipments in 2024.", **share)
    assert "conflict" not in set(run(figures(through, shipped))["kind"])
    other = figure("c.txt", "16.7%", 16.7, sentence="On a sell-through basis, Vendor X held 16.7% in 2024.", **share)
    assert ("conflict", "cross_source") in kinds(run(figures(through, other)))
