"""Rounding-aware intervals: every printed number stands for a range of true values.

"10.7" means [10.65, 10.75); "US$10,700 million" and "US$10.7 billion" overlap,
so they are the same number. Bounds ("over", "below") open the interval on
one side and approximations ("about", "~") widen it by a relative tolerance.
Two intervals that only touch (10.7 and 10.8) do not overlap.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import NamedTuple

from extractors.numbers import DIGIT_NUMBER_RE, parse_number



class Interval(NamedTuple):  # a tuple: the reconciler builds hundreds of thousands of them
    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        """Half-open overlap: 10.7 ([10.65, 10.75)) and 10.8 ([10.75, 10.85)) only touch; a single point
        (an exact value with nothing to round) meets an interval that reaches it."""
        low, high = max(self.low, other.low), min(self.high, other.high)
        return low < high or (low == high and (self.low == self.high or other.low == other.high))

    def contains(self, x: float) -> bool:
        return self.low <= x <= self.high

    def __add__(self, other: Interval) -> Interval:  # type: ignore[override]  # interval sum, not concatenation
        return Interval(self.low + other.low, self.high + other.high)

    def scale(self, factor: float) -> Interval:
        ends = sorted((self.low * factor, self.high * factor))
        return Interval(ends[0], ends[1])

    def widen(self, rel: float) -> Interval:
        pad = rel * max(abs(self.low), abs(self.high))
        return Interval(self.low - pad, self.high + pad)

    def gap(self, other: Interval) -> float:
        """How far apart two intervals are (0 when they overlap)."""
        return max(0.0, other.low - self.high, self.low - other.high)

    def describe(self, fmt=lambda x: f"{x:g}") -> str:
        if math.isinf(self.high):
            return f"≥ {fmt(self.low)}"
        if math.isinf(self.low):
            return f"≤ {fmt(self.high)}"
        return f"[{fmt(self.low)}, {fmt(self.high)}]"


def step_of_value(value: float) -> float:
    """The last significant digit of a value printed without a quote (ranking cells, table cells)."""
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return float(Decimal(1).scaleb(min(int(exponent), 0)))


def rounding_interval(value: float, number_text: str | None) -> Interval:
    """The values that print as `number_text` at the scale that makes it `value`."""
    if number_text is None:
        half = min(step_of_value(value) / 2, MAX_ROUNDING * abs(value))
        return Interval(value - half, value + half)
    parsed = parse_number(number_text)
    if parsed is None:
        return rounding_interval(value, None)
    printed = float(parsed.value)
    if printed == 0 or not _power_of_ten(value / printed):
        return rounding_interval(value, None)
    half = min(abs(value / printed) * float(parsed.high - parsed.low) / 2, MAX_ROUNDING * abs(value))
    return Interval(value - half, value + half)


# A printed value's rounding stands for at most 5% of it either side: "$1 trillion" is 0.95-1.05 trillion,
# not 0.5-1.5 (a writer rounding that far would say "about"). The gold sets' contract (FORMAT.md).
MAX_ROUNDING = 0.05


def _power_of_ten(scale: float) -> bool:
    """A printed number and its value differ by a scale word ("billion") or a percent, nothing else."""
    exponent = math.log10(abs(scale)) if scale else math.nan
    return math.isfinite(exponent) and abs(exponent - round(exponent)) < 1e-6


def numbers_in(quote: str | None) -> list[str]:
    return DIGIT_NUMBER_RE.findall(quote or "")


def figure_interval(value: float, value_high: float | None, quote: str | None, qualifier: str,
                    approx_rel_tol: float = 0.0, open_bounds: bool = True,
                    printed: Interval | None = None) -> Interval:
    """The interval a figure stands for: its rounding, widened for approximations, opened for bounds.

    `printed` is the rounding interval of the value where the extractor recorded one
    (value_low, value_upper); otherwise it is read from the quote's digits."""
    interval = printed_interval(value, value_high, quote, printed)
    if qualifier == "approx" and approx_rel_tol:  # "about X": X give or take approx_rel_tol of it
        top = value if value_high is None or _missing(value_high) else value_high
        interval = Interval(min(interval.low, value - approx_rel_tol * abs(value)),
                            max(interval.high, top + approx_rel_tol * abs(top)))
    if open_bounds and qualifier == "lower_bound":
        interval = Interval(interval.low, math.inf)
    if open_bounds and qualifier == "upper_bound":
        interval = Interval(0.0 if value >= 0 else -math.inf, interval.high)
    return interval


def printed_interval(value: float, value_high: float | None, quote: str | None,
                     printed: Interval | None = None) -> Interval:
    """The rounding of a value (or of a range's two ends) as printed, before qualifiers widen or open it."""
    numbers = numbers_in(quote)
    low = printed or rounding_interval(value, _matching(numbers, value, first=True))
    if value_high is None or _missing(value_high):
        return low
    high = rounding_interval(value_high, _matching(numbers, value_high, first=False))
    return Interval(min(low.low, high.low), max(low.high, high.high))


def _matching(numbers: list[str], value: float, first: bool) -> str | None:
    """The printed number that stands for `value`: the first (or last) digits in the quote.

    A quote with no digits ("tenfold", "three months") is a whole number word, so it
    rounds to units of the value itself.
    """
    if not numbers:
        return repr(float(abs(value))).removesuffix(".0") if value == int(value) else None
    return numbers[0] if first else numbers[-1]


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def cagr_interval(start: Interval, end: Interval, years: float) -> Interval:
    """The compound annual growth rates (in percent) that take any start in `start` to any end in `end`."""
    if years <= 0 or start.low <= 0 or end.low <= 0:
        return Interval(-math.inf, math.inf)
    low = ((end.low / start.high) ** (1 / years) - 1) * 100
    high = ((end.high / start.low) ** (1 / years) - 1) * 100
    return Interval(low, high)


def compound(base: Interval, rate_percent: Interval, years: float) -> Interval:
    """The values `years` after (or, negative, before) a base growing at a rate in `rate_percent`."""
    factors = [(1 + r / 100) ** years for r in (rate_percent.low, rate_percent.high)
               if math.isfinite(r) and r > -100]
    if len(factors) < 2:
        return Interval(-math.inf, math.inf)
    ends = [b * f for b in (base.low, base.high) for f in factors]
    return Interval(min(ends), max(ends))


def ratio_interval(numerator: Interval, denominator: Interval) -> Interval:
    """numerator / denominator in percent, for positive intervals."""
    if denominator.low <= 0 or numerator.low < 0:
        return Interval(-math.inf, math.inf)
    return Interval(numerator.low / denominator.high * 100, numerator.high / denominator.low * 100)
