import math

import pytest

from reconcile.intervals import Interval, cagr_interval, compound, figure_interval, ratio_interval, rounding_interval


@pytest.mark.parametrize("value, text, low, high", [
    (10.7, "10.7", 10.65, 10.75),
    (10.7e9, "10.7", 10.65e9, 10.75e9),
    (10.7e9, "10,700", 10.6995e9, 10.7005e9),
    (1290e6, "1,290", 1289.5e6, 1290.5e6),
    (0.3, None, 0.285, 0.315),  # the rounding of "0.3" is capped at 5% of the value
    (1e12, "1", 0.95e12, 1.05e12),
    (2048.0, "2,048", 2047.5, 2048.5),
])
def test_rounding_interval_is_what_the_printed_digits_stand_for(value, text, low, high):
    interval = rounding_interval(value, text)
    assert interval.low == pytest.approx(low) and interval.high == pytest.approx(high)


def test_billion_and_million_spellings_of_one_number_agree():
    billions = figure_interval(10.7e9, None, "US$10.7 billion", "exact")
    millions = figure_interval(10.7e9, None, "US$10,700 million", "exact")
    assert billions.overlaps(millions)
    assert not billions.overlaps(figure_interval(10.8e9, None, "US$10.8 billion", "exact"))


def test_bounds_open_the_interval_and_approximations_widen_it():
    assert figure_interval(100e6, None, "over $100M", "lower_bound").high == math.inf
    assert figure_interval(0.1, None, "US$0.1", "upper_bound").low == 0.0
    exact = figure_interval(20.0, None, "US$20", "exact")
    approx = figure_interval(20.0, None, "US$20", "approx", approx_rel_tol=0.05)
    assert approx == Interval(19.0, 21.0)  # "about" is 5% either side, wider than the rounding of "20"
    assert approx.low < exact.low and approx.high > exact.high
    assert figure_interval(20.0, None, "US$20", "approx", open_bounds=False).high == exact.high


def test_ranges_span_both_ends_and_number_words_round_to_units():
    assert figure_interval(1e5, 1e6, "$100,000-1 million", "range") == Interval(99999.5, 1.05e6)
    assert figure_interval(10.0, None, "tenfold", "exact") == Interval(9.5, 10.5)


def test_a_quote_whose_digits_are_not_the_value_falls_back_to_the_value_itself():
    assert figure_interval(5e9, None, "FY2024 sales of $5B", "exact") == rounding_interval(5e9, None)


def test_cagr_interval_contains_the_rate_its_rounded_endpoints_allow():
    implied = cagr_interval(rounding_interval(10.7, "10.7"), rounding_interval(206.5, "206.5"), 5)
    assert implied.low == pytest.approx(80.59, abs=0.01) and implied.high == pytest.approx(80.94, abs=0.01)
    assert implied.overlaps(rounding_interval(80.7, "80.7"))


def test_compound_goes_forward_and_back():
    base = Interval(100.0, 100.0)
    assert compound(base, Interval(10.0, 10.0), 2) == Interval(pytest.approx(121.0), pytest.approx(121.0))
    back = compound(base, Interval(10.0, 20.0), -1)
    assert back.low == pytest.approx(100 / 1.2) and back.high == pytest.approx(100 / 1.1)


def test_ratio_interval_in_percent():
    ratio = ratio_interval(rounding_interval(0.0001, "0.0001"), rounding_interval(0.002, "0.002"))
    assert ratio.low == pytest.approx(0.000095 / 0.0021 * 100) and ratio.high == pytest.approx(0.000105 / 0.0019 * 100)


def test_the_extractors_recorded_rounding_is_used_where_present():
    from reconcile.model import prepare_figures
    from reconcile.settings import ReconcileSettings
    from tests.reconcile.frames import figure, figures

    recorded = figure("a.txt", "US$10.7 billion", 10.7e9, value_low=10.6e9, value_upper=10.8e9)
    missing = figure("b.txt", "US$10.7 billion", 10.7e9)
    prepared = prepare_figures(figures(recorded, missing), ReconcileSettings())
    assert prepared["cmp_exact"].tolist() == [Interval(10.6e9, 10.8e9), Interval(10.65e9, 10.75e9)]
