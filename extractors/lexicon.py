"""The words and signs numbers are written with, spelled once: currencies, scales, number words, units.

Every grammar of amounts (prose in `extractors.amounts`, written numbers in `extractors.numbers`, table
cells in `extractors.values`) is built from these tables, so a currency or a scale word added here is
read the same way in a sentence and in a table cell. Keys are lower case unless they are signs.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

# --- currencies -------------------------------------------------------------------------------------------

# ISO 4217 codes written as such ("USD 22.5 million", "75 EUR"); RMB is the renminbi's common name for CNY.
CURRENCY_CODES: dict[str, str] = {code: code for code in (
    "USD", "EUR", "GBP", "CNY", "JPY", "INR", "CHF", "AUD", "CAD", "HKD", "SGD", "KRW", "MXN", "BRL", "ZAR", "SEK",
    "NOK", "DKK", "TRY", "RUB", "NZD", "TWD")} | {"RMB": "CNY"}
# How the report writes an amount of a currency ("US$4.2 billion", "RMB 3 million"); other codes as "CHF 12".
CURRENCY_LABELS: dict[str, str] = {"USD": "US$", "EUR": "€", "GBP": "£", "CNY": "RMB ", "JPY": "¥"}
# What may stand before a dollar sign: "US$", "HK$", "A$", "C$", "Mex$", "NT$"; a bare "$" is the US dollar.
DOLLAR_PREFIXES: dict[str, str] = {
    "us": "USD", "u.s": "USD", "u.s.": "USD", "usd": "USD", "hk": "HKD", "hkd": "HKD", "c": "CAD", "cad": "CAD",
    "ca": "CAD", "a": "AUD", "au": "AUD", "aud": "AUD", "aus": "AUD", "nz": "NZD", "nzd": "NZD", "mex": "MXN",
    "mx": "MXN", "mxn": "MXN", "s": "SGD", "sgd": "SGD", "nt": "TWD", "r": "BRL", "": "USD",
}
BARE_DOLLAR = DOLLAR_PREFIXES[""]  # "$" alone, and money whose table names no currency
# Currency signs other than the dollar's, before or after the number ("€35 million", "100元").
CURRENCY_SIGNS: dict[str, str] = {
    "€": "EUR", "£": "GBP", "¥": "CNY", "￥": "CNY", "₹": "INR", "₩": "KRW", "₡": "CRC", "₾": "GEL", "₭": "LAK",
    "₽": "RUB", "₺": "TRY", "₦": "NGN", "₱": "PHP", "ரூ": "LKR", "元": "CNY", "円": "JPY", "rs": "INR", "rs.": "INR",
}
# Dollar prefixes written in capitals only: "A$", "S$", "R$" (a lower-case letter before "$" is rarely one).
CAPITAL_DOLLAR_PREFIXES = frozenset({"a", "s", "r"})
# Signs written only after the number: "100元", "500円".
SIGNS_AFTER_NUMBER = frozenset({"元", "円"})
# Currency names after a number, optionally after a nationality: "125 million australian dollars".
CURRENCY_NATIONS: dict[str, str] = {
    "us": "USD", "u.s.": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD", "hong kong": "HKD",
    "singapore": "SGD", "new zealand": "NZD", "mexican": "MXN", "swiss": "CHF", "turkish": "TRY",
    "chinese": "CNY", "japanese": "JPY", "indian": "INR", "brazilian": "BRL", "south african": "ZAR",
}
CURRENCY_NAMES: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "kuai": "CNY",
    "rupee": "INR", "rupees": "INR", "franc": "CHF", "francs": "CHF", "lira": "TRY", "liras": "TRY",
    "peso": "MXN", "pesos": "MXN", "won": "KRW", "rand": "ZAR", "real": "BRL", "reais": "BRL",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "pence": "GBP", "penny": "GBP", "cent": "USD", "cents": "USD",
}
# A hundredth of the currency: "4.2 pence" is GBP 0.042.
CURRENCY_SUBUNITS = frozenset({"pence", "penny", "cent", "cents"})
# Names that take a nationality other than the dollar's country: "mexican pesos", "swiss francs".
NATIONAL_NAMES = frozenset({"dollar", "dollars", "franc", "francs", "lira", "liras", "peso", "pesos", "yuan",
                            "rupee", "rupees"})
# Whose amounts may be followed by a number of cents: "3 dollars 50 cents", "2 euros and 40".
CENT_CURRENCIES = frozenset({"dollar", "dollars", "euro", "euros", "pound", "pounds", "yuan", "kuai", "usd", "eur",
                             "gbp", "rmb", "cny"})


def currency_of(written: str) -> str | None:
    """The ISO code of a currency as written anywhere: a code, a sign, "US$", a name ("euros")."""
    key = written.strip().replace("\\", "")
    lower = key.lower()
    if key.upper() in CURRENCY_CODES:
        return CURRENCY_CODES[key.upper()]
    if lower.endswith("$"):
        return DOLLAR_PREFIXES.get(lower[:-1].strip())
    return CURRENCY_SIGNS.get(lower) or CURRENCY_NAMES.get(lower)


# --- months ---------------------------------------------------------------------------------------------

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
MONTHS_CAPITALIZED = tuple(m.capitalize() for m in MONTH_NAMES)  # as prose writes them: "January"
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
# Quarters and halves as headings and datelines write them: "Q4", "H1".
PERIOD_NAMES = ("Q1", "Q2", "Q3", "Q4", "H1", "H2")

# Units of time: what a count of them measures is a duration ("3 years"), never a thing counted.
TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "millisecond"})

# --- nouns --------------------------------------------------------------------------------------------

_IRREGULAR_SINGULARS = {"people": "person", "ms": "millisecond", "data": "data", "series": "series",
                        "species": "species"}


def singular(word: str) -> str:
    """The singular of a lower-case English noun, by its ending: "vehicles" -> "vehicle", "batteries" ->
    "battery", "boxes" -> "box", "people" -> "person"; "glass", "bus", "analysis" and "series" stay."""
    if word in _IRREGULAR_SINGULARS:
        return _IRREGULAR_SINGULARS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# --- years ----------------------------------------------------------------------------------------------

# A year in four digits, 1900-2099 ("2024"), as a regex fragment; and one recent enough to date a market
# figure or a ranking, 1950-2099.
YEAR_DIGITS = r"(?:19|20)\d\d"
RECENT_YEAR_DIGITS = r"(?:19[5-9]|20\d)\d"

# --- change ---------------------------------------------------------------------------------------------

# Verbs of change, as regex stems read in any case with every ending ("increas" reads increase, increased,
# increasing), the irregular forms spelled out ("rose", "fell", "grew"). The plain ones state the change of the
# figure right after them ("rose 5%", "cut by 10%"); the vivid ones, and "rising", are read as a change only
# from the sentence around the figure (`extractors.metrics`).
RISE_VERBS = (r"r[io]se[sn]?", r"gr[eo]w(?:s|n|th|ing)?", r"increas\w*", r"climb\w*", r"jump\w*", r"surg\w*",
              r"expan\w*", r"boost\w*", r"improv\w*")
FALL_VERBS = (r"decreas\w*", r"declin\w*", r"drop\w*", "fell", r"fall\w*", r"plummet\w*", r"shr[iu]nk\w*", r"cut\w*",
              r"reduc\w*", r"lower\w*")
VIVID_RISE_VERBS = ("rising", r"soar\w*", r"gain\w*", r"rebound\w*", r"recover\w*", r"bump\w*", r"lift\w*",
                    r"spik\w*", r"ballon\w*", r"doubl\w*", r"tripl\w*")
VIVID_FALL_VERBS = (r"slump\w*", r"plung\w*", r"slid\w*", r"slip\w*", r"contract\w*", r"los[st]", r"dip\w*",
                    r"erod\w*")
PACE_VERBS = (r"slow\w*", r"accelerat\w*")  # a change of a rate's speed, neither up nor down
# As alternations, to put in a pattern: r"\b(?:" + CHANGE_VERB + r")\b".
PLAIN_CHANGE_VERB = "|".join(RISE_VERBS + FALL_VERBS)
CHANGE_VERB = "|".join(RISE_VERBS + FALL_VERBS + VIVID_RISE_VERBS + VIVID_FALL_VERBS + PACE_VERBS)
FALL_VERB = "|".join(FALL_VERBS + VIVID_FALL_VERBS)

# --- scales ---------------------------------------------------------------------------------------------

# Scale words after a space ("10.7 billion", "5 mio") and their abbreviations ("1.5bn", "$100M").
SCALES: dict[str, Decimal] = {
    "thousand": Decimal(10) ** 3, "k": Decimal(10) ** 3, "million": Decimal(10) ** 6, "mn": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6, "mio": Decimal(10) ** 6, "m": Decimal(10) ** 6, "mm": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9, "bn": Decimal(10) ** 9, "b": Decimal(10) ** 9, "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12, "t": Decimal(10) ** 12, "lakh": Decimal(10) ** 5, "crore": Decimal(10) ** 7,
    "万": Decimal(10) ** 4, "亿": Decimal(10) ** 8,
}
# The scale words written out after a space; the one-letter scales only ever touch the number.
SCALE_WORDS = ("thousand", "million", "billion", "trillion", "lakh", "crore", "mln", "mio", "bn", "mn", "tn")

# --- number words ---------------------------------------------------------------------------------------

UNIT_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# Words that multiply the number before them: "one hundred", "two thousand".
MULTIPLE_WORDS: dict[str, int] = {"hundred": 100, "thousand": 1000}
# Positions in an order, in words and in digits: "third", "3rd".
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
DIGIT_ORDINALS: dict[str, int] = {f"{n}{'st' if n == 1 else 'nd' if n == 2 else 'rd' if n == 3 else 'th'}": n
                                  for n in range(1, 11)}
ORDINALS: dict[str, int] = ORDINAL_WORDS | DIGIT_ORDINALS
# Parts of a whole, as the last word of a number: "a quarter", "two-thirds", "three quarters".
FRACTION_WORDS: dict[str, Decimal] = {
    "half": Decimal(1) / 2, "halves": Decimal(1) / 2, "third": Decimal(1) / 3, "thirds": Decimal(1) / 3,
    "quarter": Decimal(1) / 4, "quarters": Decimal(1) / 4, "fourth": Decimal(1) / 4, "fourths": Decimal(1) / 4,
    "fifth": Decimal(1) / 5, "fifths": Decimal(1) / 5, "tenth": Decimal(1) / 10, "tenths": Decimal(1) / 10,
}
# "tenfold", "three-fold": the multiplier a word makes with "-fold".
FOLD_WORDS: dict[str, int] = {word: UNIT_WORDS[word] for word in (
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "fifty")} | MULTIPLE_WORDS
# "doubled", "tripling", "halves": the factor a verb multiplies by.
MULTIPLYING_VERBS: dict[str, Decimal] = {"doubl": Decimal(2), "tripl": Decimal(3), "quadrupl": Decimal(4),
                                         "halv": Decimal("0.5")}
# "double-digit growth" is at least 10%, "triple-digit" at least 100%.
DIGIT_COUNT_WORDS: dict[str, Decimal] = {"double": Decimal(10), "triple": Decimal(100)}

# --- units of measure -----------------------------------------------------------------------------------

# Physical quantities keep their conventional abbreviation as the unit (FORMAT.md, Units): "592GW", "1.2 TW",
# "4,448 terawatts", "361 MWh". Keys are as written; words are matched in any case.
PHYSICAL_UNITS: dict[str, str] = {
    "W": "W", "kW": "kW", "MW": "MW", "GW": "GW", "TW": "TW", "Wh": "Wh", "kWh": "kWh", "MWh": "MWh", "GWh": "GWh",
    "TWh": "TWh", "GWdc": "GW", "GWac": "GW", "MWdc": "MW", "MWac": "MW",
    "kilowatt": "kW", "megawatt": "MW", "gigawatt": "GW", "terawatt": "TW", "kilowatt-hour": "kWh",
    "megawatt-hour": "MWh", "gigawatt-hour": "GWh", "terawatt-hour": "TWh", "kilowatt hour": "kWh",
    "megawatt hour": "MWh", "gigawatt hour": "GWh", "terawatt hour": "TWh", "tonne": "tonne", "ton": "tonne",
    "metric ton": "tonne", "metric tonne": "tonne",
}
# Each unit above under a metric prefix as its base unit and the factor to that ("GW" -> ("W", 1e9)): one table
# for all that compares a number under two scales of one unit.
_PREFIXES = {"k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15}
UNIT_SCALES: dict[str, tuple[str, float]] = {symbol: (symbol[1:], _PREFIXES[symbol[0]])
                                             for symbol in sorted(set(PHYSICAL_UNITS.values()))
                                             if symbol[:1] in _PREFIXES and symbol[1:] in PHYSICAL_UNITS}
# Abbreviations glued to a count that name what is counted: "50ms", "80GB".
COUNT_ABBREVIATIONS: dict[str, str] = {"ms": "millisecond", "GB": "gigabyte", "TB": "terabyte", "MB": "megabyte",
                                       "PB": "petabyte"}
# Point changes of a percentage: "two percentage points", "4.0 share points", "+0.3 pt.", "25 basis points".
POINT_UNITS: dict[str, str] = {"percentage point": "percentage point", "percent point": "percentage point",
                               "share point": "percentage point", "point": "percentage point",
                               "pt": "percentage point", "pp": "percentage point", "ppt": "percentage point",
                               "basis point": "basis point", "bp": "basis point", "bps": "basis point"}


def physical_unit(written: str) -> str | None:
    """ "GW" -> "GW", "gigawatts" -> "GW", "metric tons" -> "tonne"; None for anything else."""
    if written in PHYSICAL_UNITS:
        return PHYSICAL_UNITS[written]
    words = " ".join(written.lower().replace("-", " - ").split()).replace(" - ", "-")
    singular = words[:-1] if words.endswith("s") else words
    return PHYSICAL_UNITS.get(singular) or PHYSICAL_UNITS.get(singular.replace("-", " "))


# --- layout -------------------------------------------------------------------------------------------

# A list item's mark before its text: a bullet or dash, "3." / "3)" / "(3)", "a)" / "(a)".
LIST_MARK = r"(?:[-–—•*·▪●○■◦]|\(?\d{1,2}[.)]|\(?[a-z][.)])"

# --- cheap tests before a pattern ----------------------------------------------------------------------------

def may_contain(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` may hold a case-insensitive pattern that needs one of `words` (lower case): False only where
    none occurs. Text beyond ASCII is always let through, since a case-insensitive pattern also matches letters
    that lower() does not map to its own ("ſ" for "s", "K" for "k")."""
    if not text.isascii():
        return True
    lower = text.lower()
    return any(word in lower for word in words)


# --- pattern files ----------------------------------------------------------------------------------------

PATTERNS = Path(__file__).resolve().parent / "patterns"


@cache
def read_patterns(name: str) -> tuple[dict, ...]:
    """The rows of a pattern file beside this module (`patterns/geography.jsonl`: places and their canonical
    names; `patterns/attribution.jsonl`: cues that cite a firm), read once per process."""
    lines = (PATTERNS / name).read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip())
