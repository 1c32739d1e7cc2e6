"""Numbers as written in table cells: `30.1%`, `1,355`, `US$3.6 billion`, `(2.4)`, `RMB1.2bn`.

A cell is read with the prose grammar (`extractors.amounts`), so a cell and a sentence agree on what the
same characters mean. A cell is a number only when the whole cell is one amount, optionally signed or in
accounting parentheses; `15-16%`, `N.A.`, `GPT-4` or a cell without a digit are text (value None).
"""

from __future__ import annotations

from extractors import lexicon
from extractors.amounts import find_amounts

# For readers of column headers ("Revenue (US$ mn)"): scale words and currency marks, lower case.
SCALES: dict[str, float] = {word: float(factor) for word, factor in lexicon.SCALES.items()}
CURRENCIES: dict[str, str] = ({code.lower(): iso for code, iso in lexicon.CURRENCY_CODES.items()}
                              | {sign: iso for sign, iso in lexicon.CURRENCY_SIGNS.items() if not sign.isalpha()}
                              | {prefix + "$": iso for prefix, iso in lexicon.DOLLAR_PREFIXES.items()})
_UNITS = {"percent": "percent", "multiplier": "x"}
_SIGNS = "-−–+"


def parse_cell(text: str | None) -> tuple[float | None, str | None]:
    """The number a table cell holds and its unit (`percent`, `x`, an ISO code, or None)."""
    cell = " ".join((text or "").split())
    if not any(char.isdigit() for char in cell):
        return None, None
    negative = cell.startswith("(") and cell.endswith(")")
    if negative:
        cell = cell[1:-1].strip()
    if cell[:1] in _SIGNS and not cell[1:2].isspace():
        negative ^= cell[0] != "+"
        cell = cell[1:]
    amounts = find_amounts(cell)
    if len(amounts) != 1 or amounts[0].value_high is not None:
        return None, None
    amount = amounts[0]
    if (amount.start, amount.end) != (0, len(cell.rstrip("+ "))) and (amount.start, amount.end) != (0, len(cell)):
        return None, None
    value = -float(amount.value) if negative else float(amount.value)
    if amount.kind == "money":
        return value, amount.unit
    if amount.kind in _UNITS and amount.unit in (None, "percent", "x"):
        return value, _UNITS[amount.kind]
    if amount.kind == "number" and amount.unit is None:
        return value, None
    return None, None
