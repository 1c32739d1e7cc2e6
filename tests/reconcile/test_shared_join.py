"""A figure given to several firms together joins each firm's key (`sources._join_shared`), and the
tables' plain column values (`tables._values`) leave the frame as it was."""

from __future__ import annotations

from collections import namedtuple

import numpy as np
import pandas as pd

from reconcile.sources import _join_shared
from reconcile.tables import _values

Row = namedtuple("Row", ["cmp_key", "cmp_shared", "sentence", "cmp_topic", "metric", "doc_id"])


def _row(key: str, sentence: str, shared: frozenset[str] = frozenset()) -> Row:
    return Row(key, shared, sentence, frozenset(), "market_share", "d1")


def test_a_shared_figure_joins_each_firms_key_and_wider_keys_its_sentence_says() -> None:
    both = frozenset({"apple smartphone", "samsung smartphone"})
    lead = _row("apple samsung smartphone", "Apple and Samsung share the smartphone lead with 18% each", both)
    premium = _row("apple samsung smartphone", "Apple and Samsung lead premium smartphone sales with 30% each", both)
    bucket = [lead, premium, _row("apple smartphone", "Apple sold 20%"),
              _row("samsung smartphone", "Samsung sold 19%"), _row("premium apple smartphone", "Apple 60%"),
              _row("smartphone xiaomi", "Xiaomi 14%")]
    by_key: dict[str, list] = {}
    for row in bucket:
        by_key.setdefault(row.cmp_key, []).append(row)
    joined: dict[str, list] = {key: [] for key in by_key}
    _join_shared(bucket, by_key, joined)
    assert joined["apple smartphone"] == [lead, premium]
    assert joined["samsung smartphone"] == [lead, premium]
    assert joined["premium apple smartphone"] == [premium]  # only the sentence that says "premium"
    assert joined["smartphone xiaomi"] == [] and joined["apple samsung smartphone"] == []


def test_values_are_plain_with_missing_as_none_and_the_column_untouched() -> None:
    column = pd.Series(["a", None, np.nan, "b"], dtype=object)
    assert _values(column) == ["a", None, None, "b"]
    assert column.isna().tolist() == [False, True, True, False] and column[2] != column[2]  # still NaN
    assert _values(pd.Series([1.5, np.nan])) == [1.5, None]
