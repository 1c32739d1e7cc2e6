"""The consensus view: one row per thing two or more sources give, with its range and outlier."""

import pandas as pd
import pytest

import schemas
from reconcile.consensus import consensus
from tests.reconcile.frames import DOCS, figure, figures


def _documents(**publishers) -> pd.DataFrame:
    rows = [{"doc_id": DOCS[name], "source_file": name, "format": "txt", "pages": 1, "title": None,
             "publisher": publisher, "status": "ok", "error": None, "n_figures": 1, "n_tables": 0, "n_rankings": 0,
             "extracted_at": pd.Timestamp("2026-01-01", tz="UTC")} for name, publisher in publishers.items()]
    return schemas.validate(pd.DataFrame(rows), "documents")


def test_what_the_firms_say_a_market_is_worth_in_2030():
    rows = figures(
        figure("a.txt", "US$37.5 billion", 37.5e9, year=2030, subject="electric bicycle market", publisher="Acme"),
        figure("b.txt", "USD 43.1 bn", 43.1e9, year=2030, subject="USD electric bicycle market", publisher="Bolt"),
        figure("c.txt", "US$37.5 billion", 37.5e9, year=2030, subject="global electric bicycle market",
               publisher="Cyan"),
        figure("c.txt", "US$90 billion", 90e9, year=2030, subject="electric scooter market", publisher="Cyan"))
    table = consensus(rows)
    assert len(table) == 1  # the scooter market has one source
    row = table.iloc[0]
    assert (row.n_sources, row.metric, row.year, row.geography) == (3, "market_size", 2030, "global")
    assert (row["low"], row["median"], row["high"]) == (37.5e9, 37.5e9, 43.1e9)
    assert row.spread == pytest.approx(43.1 / 37.5)
    assert sorted(row.sources) == ["Acme", "Bolt", "Cyan"] and pd.isna(row.outlier_source)
    assert row.summary == "3 sources: US$37.5 billion to US$43.1 billion (median US$37.5 billion)"


def test_one_source_far_from_the_others_is_the_outlier():
    rows = figures(*(figure(doc, quote, value, publisher=firm) for doc, quote, value, firm in [
        ("a.txt", "US$10.0 billion", 10e9, "Acme"), ("b.txt", "US$10.4 billion", 10.4e9, "Bolt"),
        ("c.txt", "US$19.0 billion", 19e9, "Cyan")]))
    row = consensus(rows).iloc[0]
    assert row.outlier_source == "Cyan" and row.outlier_value == 19e9


def test_a_source_counts_once_with_its_latest_release_and_publishers_are_the_outlets():
    rows = figures(figure("a.txt", "US$10.0 billion", 10e9, publisher="Acme"),
                   figure("b.txt", "US$12.0 billion", 12e9, publisher="Acme"),
                   figure("c.txt", "US$11.0 billion", 11e9, publisher="Bolt"))
    documents = _documents(**{"a.txt": "Daily News", "b.txt": "Daily News", "c.txt": "Weekly"})
    documents["published"] = ["2024-01-10", "2024-06-02", "2024-03-01"]  # the printed date, where read
    row = consensus(rows, documents=documents).iloc[0]
    assert row.n_sources == 2 and sorted(row["values"]) == [11e9, 12e9]  # Acme's January number is superseded
    assert row.n_publishers == 2


def test_bounds_and_single_sources_make_no_row_and_the_frame_keeps_its_columns():
    rows = figures(figure("a.txt", "over US$10 billion", 10e9, qualifier="lower_bound"),
                   figure("b.txt", "US$12.0 billion", 12e9))
    table = consensus(rows)
    assert table.empty and list(table.columns) == schemas.columns("consensus")
