"""Numbers as written in table cells: `30.1%`, `1,355`, `US$3.6 billion`, `(2.4)`, `RMB1.2bn`.

A cell is a number only when the whole cell is one number with its currency,
scale and unit marks; `15-16%`, `N.A.` or `GPT-4` are text (value None).
"""

from __future__ import annotations

import re

from extractors.numbers import SCALES as NUMBER_SCALES

# The prose scale words, plus the abbreviations only a table header or cell uses ("mio", "T").
SCALES: dict[str, float] = {word: float(factor) for word, factor in NUMBER_SCALES.items()} | {"mio": 1e6, "t": 1e12}
CURRENCIES: dict[str, str] = {
    "us$": "USD", "usd": "USD", "$": "USD", "€": "EUR", "eur": "EUR", "rmb": "CNY", "cny": "CNY",
    "¥": "CNY", "£": "GBP", "gbp": "GBP", "hk$": "HKD", "hkd": "HKD", "jpy": "JPY", "s$": "SGD",
    "a$": "AUD", "c$": "CAD", "inr": "INR", "₹": "INR",
}
_CURRENCY = r"US\\?\$|HK\\?\$|S\\?\$|A\\?\$|C\\?\$|\\?\$|USD|HKD|EUR|RMB|CNY|JPY|GBP|INR|€|¥|£|₹"
# Matched against the cell with its whitespace collapsed to single spaces: one optional space between
# parts (adjacent `\s*` around optional groups backtrack polynomially on a run of whitespace).
CELL = re.compile(
    rf"^ ?(?P<approx>[~≈])? ?(?P<open>\()? ?(?P<sign>[-−–+])? ?(?P<cur>{_CURRENCY})? ?(?P<sign2>[-−–])?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+) ?"
    r"(?P<scale>thousand|million|billion|trillion|mio|bn|mn|mm|tn|[kKMBT])? ?"
    rf"(?P<after>%|x|×|{_CURRENCY})? ?(?P<close>\))? ?\+? ?$",
    re.IGNORECASE,
)


def parse_cell(text: str | None) -> tuple[float | None, str | None]:
    """The number a table cell holds and its unit (`percent`, `x`, an ISO code, or None)."""
    m = CELL.match(" ".join((text or "").split()))
    if not m or bool(m.group("open")) != bool(m.group("close")):
        return None, None
    value = float(m.group("num").replace(",", ""))
    if m.group("scale"):
        value *= SCALES[m.group("scale").lower()]
    if m.group("open") or (m.group("sign") or m.group("sign2") or "+") in "-−–":
        value = -value
    after = (m.group("after") or "").lower()
    if after == "%":
        return value, "percent"
    if after in ("x", "×"):
        return value, "x"
    currency = m.group("cur") or m.group("after")
    if currency:
        return value, CURRENCIES[currency.replace("\\", "").lower()]
    return value, None
