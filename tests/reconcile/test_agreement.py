"""The subject similarity of `reconcile.agreement` is the same whichever way it is computed: as rows
of every subject against all others (many pairs), or for the pairs alone (few pairs)."""

import numpy as np
import pytest

from reconcile.agreement import _SubjectSimilarity
from reconcile.subjects import similar

SUBJECTS = [("electric bicycle", "bicycle electric"), ("electric bicycle battery", "battery bicycle electric"),
            ("bicycle", "bicycle"), ("smartphone", "smartphone"), ("foldable smartphone", "foldable smartphone"),
            ("cloud infrastructure service", "cloud infrastructure service"), ("cloud", None),
            (None, "spending"), ("market", None), ("wearable band", "band wearable")]


@pytest.mark.parametrize("min_share", [0.5, 0.0, 1.0])
def test_pairs_say_what_rows_say(min_share: float) -> None:
    similarity = _SubjectSimilarity(SUBJECTS, min_share)
    n = len(SUBJECTS)
    a, b = np.repeat(np.arange(n), n), np.tile(np.arange(n), n)
    rows = similarity.table(list(range(n)))
    assert similarity.pairs(a, b).tolist() == rows[a, b].tolist()


def test_rows_follow_the_shared_words_of_the_keys() -> None:
    similarity = _SubjectSimilarity(SUBJECTS, 0.5)
    row = similarity.row(0)  # "electric bicycle"
    keys = [key for key, _ in SUBJECTS]
    assert row.tolist() == [similar(keys[0], k) or k == keys[0] or _same_loose(0, i) for i, k in enumerate(keys)]
    assert row[1] and row[2] and not row[3]  # "... battery" and "bicycle" share words; "smartphone" does not


def _same_loose(a: int, b: int) -> bool:
    words_a, words_b = set((SUBJECTS[a][1] or "").split()), set((SUBJECTS[b][1] or "").split())
    return bool(words_a and words_b) and len(words_a & words_b) / min(len(words_a), len(words_b)) >= 0.5
