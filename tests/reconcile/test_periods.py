"""The part of its year a figure is about, read from its sentence and the sentence before (made-up rows)."""

import pytest

import schemas
from reconcile import reconcile
from reconcile.periods import _WHOLE_YEAR, _may_say_the_whole_year, compared_parts, sentence_part
from reconcile.year_parts import _CHANGE_BASE, PERIODS, _marker, period_markers
from tests.reconcile.frames import figure, figures


def test_a_sentence_naming_one_quarter_frames_its_figures():
    assert sentence_part("Looking only at the fourth quarter of 2024, Zentrix came first (Q4 2023: 20%).") == "q4"
    assert sentence_part("Q3 shipments grew 5% after 2% in Q2.") is None  # two parts: neither
    assert sentence_part("Q4 revenue was $5 billion and full-year revenue $20 billion.") is None
    assert sentence_part("In July, Zentrix said 2024 revenue would reach $5 billion.") is None  # months: when said


def _q4_rows(second_sentence: str) -> list[dict]:
    first = "Looking only at the fourth quarter of 2024, Zentrix came first with 77.1 million units."
    start = len(first) + 1
    return [figure("a.txt", "77.1 million units", 77.1e6, metric="count", unit="unit", subject="Zentrix widgets",
                   sentence=first, publisher="Corvel"),
            figure("a.txt", "51.9 million units", 51.9e6, metric="count", unit="unit", subject="Borlo widgets",
                   sentence=second_sentence, start=start, publisher="Corvel"),
            figure("b.txt", "52.8 million units", 52.8e6, metric="count", unit="unit", subject="Borlo widgets Q4",
                   publisher="Quanta Research"),
            figure("b.txt", "220.5 million units", 220.5e6, metric="count", unit="unit", subject="Borlo widgets",
                   publisher="Quanta Research")]


def _conflicts(rows: list[dict]) -> list[list[float]]:
    found = reconcile(figures(*rows), schemas.empty("rankings"), schemas.empty("tables"), schemas.empty("documents"))
    return [sorted(v) for v in found.loc[found["kind"] == "conflict", "values"]]


def test_the_next_sentence_goes_on_in_the_quarter_its_predecessor_framed():
    assert _conflicts(_q4_rows("Borlo was next with 51.9 million units.")) == [[51.9e6, 52.8e6]]


def test_a_sentence_with_a_year_of_its_own_keeps_to_it():
    # "in 2024" restates the time: the figure is the year's, and a year's 220.5 million is far from it
    assert _conflicts(_q4_rows("Borlo sold 51.9 million units in 2024.")) == [[51.9e6, 220.5e6]]


def test_a_sentence_printed_in_two_documents_follows_its_own_predecessor_in_each():
    follower = "Borlo was next with 51.9 million units."
    opener = "Over the whole of 2024, Zentrix came first with 240.1 million units."
    rows = _q4_rows(follower)[:2] + [
        figure("c.txt", "240.1 million units", 240.1e6, metric="count", unit="unit", subject="Zentrix widgets",
               sentence=opener, publisher="Quanta Research"),
        figure("c.txt", "51.9 million units", 51.9e6, metric="count", unit="unit", subject="Borlo widgets",
               sentence=follower, start=len(opener) + 1, publisher="Quanta Research")]
    frame = figures(*rows)
    parts = dict(zip(zip(frame["source_file"], frame["quote"]), compared_parts(frame, [None] * len(frame))))
    assert parts[("a.txt", "51.9 million units")] == "q4"  # after the sentence that framed the fourth quarter
    assert parts[("c.txt", "51.9 million units")] is None  # after a sentence about the whole year


TEXTS = ["Shipments rose 4% in Q4 2024.", "4Q revenue", "H2 sales", "the first half", "Second-quarter sales grew",
         "up 7% from Q3", "In MAY the market grew", "Full-year sales", "year-to-date revenue", "YTD revenue",
         "nine months to September", "Annual revenue", "ſeptember sales", "SEPTEMBER", "revenue of $5 billion",
         "the market grew 12% to $4.1 billion", "Überblick: Q1 revenue", "first three quarters", "“Q3” sales",
         "€5bn in ſeptember", "the third quarter’s revenue", "the year’s ANNUAL total", "\u212aaiser’s revenue"]


@pytest.mark.parametrize("text", TEXTS)
def test_substring_tests_rule_out_only_texts_the_patterns_do_not_match(text: str) -> None:
    assert period_markers(text) == {_marker(m) for m in PERIODS.finditer(text)
                                    if not _CHANGE_BASE.search(text, max(0, m.start() - 16), m.start())}
    assert _may_say_the_whole_year(text) or not _WHOLE_YEAR.search(text)


def test_parts_of_the_year_written_with_letters_re_i_folds_to_ascii_ones() -> None:
    assert period_markers("Sales in the fırst quarter and the FİRST half rose") == {"q1", "h1"}
