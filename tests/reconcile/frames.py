"""Small hand-built figure and ranking frames for the reconciler's unit tests."""

from __future__ import annotations

import hashlib

import pandas as pd

import schemas

DOCS = {name: hashlib.sha256(name.encode()).hexdigest() for name in ("a.txt", "b.txt", "c.txt")}


def figure(doc: str = "a.txt", quote: str = "US$10.7 billion", value: float = 10.7e9, *, metric: str = "market_size",
           unit: str = "USD", subject: str = "global widget market", year: int | None = 2024,
           sentence: str | None = None,
           start: int = 0, **extra) -> dict:
    sentence = sentence if sentence is not None else f"The market was {quote} in {year}."
    offset = sentence.find(quote)
    row = {"figure_id": f"{doc}:{start + offset}:{metric}:{quote}", "doc_id": DOCS[doc], "source_file": doc,
           "page": None, "char_start": start + offset, "char_end": start + offset + len(quote), "quote": quote,
           "sentence": sentence, "metric": metric, "value": value, "value_high": None, "unit": unit, "per": None,
           "qualifier": "exact", "year": year, "period_start": None, "period_end": None, "is_forecast": False,
           "subject": subject, "subject_key": None, "geography": None, "segment": None, "publisher": None,
           "extractor_version": "test", "rule": "test"}
    row.update(extra)
    return row


def figures(*rows: dict) -> pd.DataFrame:
    columns = schemas.columns("figures")  # columns added to the contract later stay empty
    return schemas.validate(pd.DataFrame([{c: row.get(c) for c in columns} for row in rows]), "figures")


def entry(ranking: str, rank: int, entity: str, value: float | None, *, doc: str = "a.txt", unit: str = "percent",
          year: int | None = 2024, from_sentence: bool = False) -> dict:
    return {"ranking_id": f"{doc}:{ranking}:{rank}:{entity}", "doc_id": DOCS[doc], "source_file": doc, "page": None,
            "ranking": ranking, "rank": rank, "entity": entity, "value": value, "unit": unit, "year": year,
            "from_sentence": from_sentence}


def rankings(*rows: dict) -> pd.DataFrame:
    return schemas.validate(pd.DataFrame(list(rows)), "rankings")
