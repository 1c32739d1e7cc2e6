"""How values read in an explanation and in the report: as an analyst writes them."""

from __future__ import annotations

import math

from extractors.lexicon import CURRENCY_LABELS

_SCALES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]


def fmt_value(value: float, unit: str | None, per: str | None = None, digits: int | None = None) -> str:
    """A value as an analyst writes it: US$37.5 billion, 12.4%, 10x, 2,048 tokens, 597 GW (never 3.75e+10
    or US$63.8193 billion: at most one decimal from 10 up, two below, two significant digits under 1).
    `digits` asks for that many significant digits instead (the ends of a rounding interval)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    unit = unit or ""
    if unit == "percent":
        text = f"{_short(value, digits)}%"
    elif unit == "x":
        text = f"{_short(value, digits)}x"
    elif len(unit) == 3 and unit.isupper():
        sign = "-" if value < 0 else ""
        text = sign + CURRENCY_LABELS.get(unit, unit + " ") + _scaled(abs(value), digits)
    else:
        text = f"{_scaled(value, digits)} {_plural(unit, value)}".strip()
    return f"{text} per {per}" if isinstance(per, str) and per else text


def _scaled(value: float, digits: int | None = None) -> str:
    for factor, word in _SCALES:
        if abs(value) >= factor:
            return f"{_short(value / factor, digits)} {word}"
    return _short(value, digits)


def _short(value: float, digits: int | None = None) -> str:
    magnitude = abs(value)
    if digits is not None and magnitude < 1000:
        return f"{value:.{digits}g}"
    if magnitude >= 1000:
        return f"{value:,.0f}" if value == int(value) or magnitude >= 1e5 else f"{value:,.1f}"
    if magnitude >= 10:
        text = f"{value:.1f}"
    elif magnitude >= 1 or magnitude == 0:
        text = f"{value:.2f}"
    else:
        return f"{value:.2g}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _plural(unit: str, value: float) -> str:
    """A counted noun in the plural ("units", "vehicles"); abbreviations (GW, kWh) and plurals stay."""
    if not unit or abs(value) == 1 or not unit.islower() or unit.endswith("s"):
        return unit
    return unit[:-1] + "ies" if unit.endswith("y") and unit[-2:-1] not in "aeiou" else unit + "s"


def fmt_percent(value: float) -> str:
    """A computed percentage in an explanation: two decimals, the precision its arithmetic is read at."""
    return f"{value:.2f}%"
