"""Numbers as written in table cells: `30.1%`, `1,355`, `US$3.6 billion`."""

from __future__ import annotations

import re

_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
           "b": 1e9, "trillion": 1e12, "tn": 1e12}
_CURRENCIES = {"us$": "USD", "us\\$": "USD", "usd": "USD", "$": "USD", "\\$": "USD", "€": "EUR", "eur": "EUR",
               "rmb": "CNY", "cny": "CNY", "¥": "CNY", "£": "GBP", "gbp": "GBP"}
_CELL = re.compile(
    r"^\s*(?P<cur>US\\?\$|USD|\\?\$|€|EUR|RMB|CNY|¥|£|GBP)?\s?(?P<sign>[-−–])?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s?"
    r"(?P<scale>thousand|million|billion|trillion|bn|mn|tn|[KMB])?\s?(?P<pct>%)?\s*$",
    re.IGNORECASE,
)


def parse_cell(text: str) -> tuple[float | None, str | None]:
    """The number a table cell holds and its unit (`percent`, an ISO code, or None)."""
    m = _CELL.match(text or "")
    if not m:
        return None, None
    value = float(m.group("num").replace(",", ""))
    if m.group("sign"):
        value = -value
    if m.group("scale"):
        value *= _SCALES[m.group("scale").lower()]
    if m.group("pct"):
        return value, "percent"
    if m.group("cur"):
        return value, _CURRENCIES[m.group("cur").lower()]
    return value, None
