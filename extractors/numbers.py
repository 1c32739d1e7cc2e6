"""Written numbers to values: `10.7`, `2,048`, `12,34,567.89`, `250 000`, `forty-five`, `a quarter`, with scales;
and the `Amount` every grammar of `extractors.amounts` and `extractors.parts` returns.

A parsed number keeps its written precision as a half-open rounding interval:
`10.7 billion` is 10.7e9 in [10.65e9, 10.75e9); a word number ("three") is exact.
Values are `Decimal` here and become floats only when a `Figure` is built.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from extractors import lexicon

SCALES = lexicon.SCALES


def word_alternation(words: list[str]) -> str:
    """A regex matching any of `words`, as a trie ("t(?:en|wo|hree)"): Python's engine tries an alternation's
    branches one by one, so shared prefixes are tested once instead of once per word."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


# A fraction ends a number ("three quarters", "a half") unless it is also an ordinal ("the third") or a verb
# ("halves its cost").
_FRACTIONS = [word for word in lexicon.FRACTION_WORDS if word not in lexicon.ORDINAL_WORDS
              and not word.startswith(tuple(lexicon.MULTIPLYING_VERBS))]
NUMBER_WORDS = sorted([*lexicon.UNIT_WORDS, *lexicon.MULTIPLE_WORDS, "dozen", *_FRACTIONS], key=len, reverse=True)
_WORD = "(?:" + word_alternation(NUMBER_WORDS) + ")"
# A number written in words: "forty-five", "one hundred and twenty", "a quarter", "three quarters".
WORD_NUMBER = (
    rf"(?:\ban?\s+(?=(?:hundred|thousand|half|quarter|dozen|million|billion|trillion)\b))?"
    rf"\b{_WORD}(?:(?:[ \t-]+|(?:(?<=hundred)|(?<=thousand))\s+and\s+){_WORD})*\b"
)
# A number written in digits: "2,048", "12,34,567.89" (Indian grouping), "250 000" (thin or plain spaces
# between groups of three), "10.7", ".5".
_SPACE_GROUPED = r"(?<!\d[ \u00a0\u202f])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,]|[ \u00a0\u202f]\d|\.\d)"
DIGIT_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,2}}(?:,\d{{2}})+,\d{{3}}|{_SPACE_GROUPED}|\d+)(?:\.\d+)?|\.\d+"
# A decimal comma: "73,4%", "$655,9-billion"; read as such only where a percent sign or a scale follows.
DECIMAL_COMMA = r"\d{1,3},\d{1,2}(?!\d)"
SCALE_WORDS = word_alternation(list(lexicon.SCALE_WORDS))
WORD_NUMBER_RE = re.compile(WORD_NUMBER, re.IGNORECASE)
DIGIT_NUMBER_RE = re.compile(DIGIT_NUMBER)
DECIMAL_COMMA_RE = re.compile(DECIMAL_COMMA)


# Not frozen (nor `Amount`): a frozen dataclass's __init__ sets each field through object.__setattr__ (2.5x the
# cost), and a page builds hundreds of these. Nothing assigns to them.
@dataclass(slots=True)
class Parsed:
    value: Decimal
    low: Decimal  # rounding interval of the written number, [low, high)
    high: Decimal
    words: bool = False  # written in words ("three") rather than digits


# Memoized: a report writes the same numbers again and again (its years, "1", "10"), and the value is a pure
# function of the text.
@lru_cache(maxsize=4096)
def parse_number(text: str) -> Parsed | None:
    """The value of a number written in digits or words, or None when `text` is not one."""
    text = text.strip()
    if DIGIT_NUMBER_RE.fullmatch(text):
        return _parse_digits(text)
    if DECIMAL_COMMA_RE.fullmatch(text):
        return _parse_digits(text.replace(",", "."))
    if WORD_NUMBER_RE.fullmatch(text):
        value = parse_words(text)
        return None if value is None else Parsed(value, value, value, words=True)
    return None


def _parse_digits(text: str) -> Parsed:
    plain = text.replace(",", "")
    if not plain.replace(".", "").isdigit():  # "250 000": groups of three digits set apart by a space
        plain = "".join(plain.split())
    value = Decimal(plain)
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    half_step = _HALF_STEPS[decimals] if decimals < len(_HALF_STEPS) else Decimal(5) * Decimal(10) ** -(decimals + 1)
    return Parsed(value, value - half_step, value + half_step)


# Half the last written digit's step, by number of decimals: 0.5, 0.05, 0.005, ...
_HALF_STEPS = [Decimal(5) * Decimal(10) ** -(decimals + 1) for decimals in range(12)]
_WORD_GAP = re.compile(r"[\s-]+")  # between the words of a number: "forty-five", "one hundred"


def parse_words(text: str) -> Decimal | None:
    """ "forty-five" -> 45, "one hundred and twenty" -> 120, "three quarters" -> 0.75, "a quarter" -> 0.25."""
    tokens = [t for t in _WORD_GAP.split(text.lower()) if t and t != "and"]
    if tokens and tokens[0] in ("a", "an"):
        tokens[0] = "one"
    if not tokens:
        return None
    if tokens[-1] in lexicon.FRACTION_WORDS:
        count = parse_words(" ".join(tokens[:-1])) if len(tokens) > 1 else Decimal(1)
        return None if count is None else count * lexicon.FRACTION_WORDS[tokens[-1]]
    total, current = Decimal(0), Decimal(0)
    for token in tokens:
        if token in lexicon.UNIT_WORDS:
            current += lexicon.UNIT_WORDS[token]
        elif token == "hundred":
            current = (current or Decimal(1)) * 100
        elif token == "thousand":
            total += (current or Decimal(1)) * 1000
            current = Decimal(0)
        elif token == "dozen":
            current = (current or Decimal(1)) * 12
        else:
            return None
    return total + current


def scale_of(word: str | None) -> Decimal:
    """The factor of a scale word or letter ("billion", "bn", "B", "lakh"); 1 when there is none."""
    if not word:
        return Decimal(1)
    key = word.strip(" \t-")
    return SCALES.get(key.lower(), SCALES.get(key, Decimal(1)))


def scaled(parsed: Parsed, factor: Decimal) -> Parsed:
    return Parsed(parsed.value * factor, parsed.low * factor, parsed.high * factor, parsed.words)


# --- amounts found in a text -------------------------------------------------------------------------------

YEAR = re.compile(lexicon.YEAR_DIGITS)


@dataclass(slots=True)
class Amount:
    """An amount as found in a text (`extractors.amounts.find_amounts`): its span, value and unit."""

    start: int
    end: int
    kind: str  # money, percent (unit percent or a point), multiplier, quantity (a physical unit), number
    value: Decimal
    unit: str | None  # ISO code, "percent", "x"; None for a bare number (counts get their noun later)
    value_high: Decimal | None = None
    low: Decimal | None = None  # rounding interval of the value as written
    high: Decimal | None = None
    qualifier: str = "exact"  # from the amount's own characters: "~", "+", ">", a range
    words: bool = False  # the number is written in words


def scan(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """Every match of `pattern` inside the windows of `text` (lookbehinds still see the text before a window)."""
    for start, end in windows:
        yield from pattern.finditer(text, start, end)


def negative(value: Parsed) -> Parsed:
    return Parsed(-value.value, -value.high, -value.low, value.words)


def symbol_qualifier(pre: str | None, plus: str | None, is_range: bool) -> str:
    if is_range:
        return "range"
    if plus or pre in (">", "≥"):
        return "lower_bound"
    if pre in ("<", "≤"):
        return "upper_bound"
    if pre in ("~", "≈"):
        return "approx"
    return "exact"


def looks_like_year(text: str) -> bool:
    return bool(YEAR.fullmatch(text.strip()))


def amount_of(start: int, end: int, kind: str, value: Parsed, unit: str | None, high: Parsed | None = None,
              qualifier: str = "exact") -> Amount:
    return Amount(start, end, kind, value.value, unit, high.value if high else None, value.low,
                  high.high if high else value.high, qualifier, value.words)
