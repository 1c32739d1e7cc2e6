"""The parts of one whole a sentence lists, closed by the rest (`reconcile.listed`), on made-up sentences."""

import re

from tests.reconcile.frames import figure, figures
from tests.reconcile.test_findings import kinds, run


def _listed(sentence: str) -> list[dict]:
    """Each "$X million" of the sentence as a figure of 2024."""
    return [figure("a.txt", m.group(0), float(m.group(1)) * 1e6, metric="other", subject=f"kettle sales part {i}",
                   sentence=sentence) for i, m in enumerate(re.finditer(r"\$([\d.]+) million", sentence))]


def test_listed_parts_closed_by_the_rest_must_add_up_to_the_total_they_are_of():
    over = ("The north sold $9.6 million, the south $3.4 million, the coast $1.6 million and the rest of the country "
            "$1.0 million of the $15.3 million total.")
    found = run(figures(*_listed(over)))
    assert kinds(found) == [("inconsistency", "listed_parts_against_total")]
    assert [v / 1e6 for v in found.iloc[0]["values"]] == [15.3, 9.6, 3.4, 1.6, 1.0]
    assert run(figures(*_listed(over.replace("$1.0 million", "$0.7 million")))).empty  # 15.3: it adds up


def test_a_list_without_the_rest_or_with_another_figure_says_nothing_of_the_total():
    some = ("The north sold $9.6 million, the south $3.4 million and the coast $1.6 million of the $15.3 million "
            "total.")
    assert run(figures(*_listed(some))).empty  # a few parts of many
    other = ("The north sold $9.6 million, the south $3.4 million, up from $2.1 million, and the rest $1.0 million "
             "of the $15.3 million total.")
    assert run(figures(*_listed(other))).empty  # a figure that is no part: the list is not read
