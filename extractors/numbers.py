"""Written numbers to values: `10.7`, `2,048`, `12,34,567.89`, `forty-five`, `a quarter`, with scales.

A parsed number keeps its written precision as a half-open rounding interval:
`10.7 billion` is 10.7e9 in [10.65e9, 10.75e9); a word number ("three") is exact.
Values are `Decimal` here and become floats only when a `Figure` is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_UNIT_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25"), "quarters": Decimal("0.25")}
SCALES = {
    "thousand": Decimal(10) ** 3, "k": Decimal(10) ** 3, "million": Decimal(10) ** 6, "mn": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6, "m": Decimal(10) ** 6, "mm": Decimal(10) ** 6, "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9, "b": Decimal(10) ** 9, "trillion": Decimal(10) ** 12, "tn": Decimal(10) ** 12,
    "lakh": Decimal(10) ** 5, "crore": Decimal(10) ** 7,
}


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


NUMBER_WORDS = sorted([*_UNIT_WORDS, "hundred", "thousand", "dozen", "half", "quarters", "quarter"], key=len,
                      reverse=True)
_WORD = "(?:" + word_alternation(NUMBER_WORDS) + ")"
# A number written in words: "forty-five", "one hundred and twenty", "a quarter", "three quarters".
WORD_NUMBER = (
    rf"(?:\ban?\s+(?=(?:hundred|thousand|half|quarter|dozen|million|billion|trillion)\b))?"
    rf"\b{_WORD}(?:(?:[ \t-]+|(?:(?<=hundred)|(?<=thousand))\s+and\s+){_WORD})*\b"
)
# A number written in digits: "2,048", "12,34,567.89" (Indian grouping), "10.7", ".5".
DIGIT_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d+)(?:\.\d+)?|\.\d+"
SCALE_WORDS = word_alternation("thousand million billion trillion lakh crore mln bn mn tn".split())
WORD_NUMBER_RE = re.compile(WORD_NUMBER, re.IGNORECASE)
DIGIT_NUMBER_RE = re.compile(DIGIT_NUMBER)


@dataclass(frozen=True)
class Parsed:
    value: Decimal
    low: Decimal  # rounding interval of the written number, [low, high)
    high: Decimal
    words: bool = False  # written in words ("three") rather than digits


def parse_number(text: str) -> Parsed | None:
    """The value of a number written in digits or words, or None when `text` is not one."""
    text = text.strip()
    if DIGIT_NUMBER_RE.fullmatch(text):
        return _parse_digits(text)
    if WORD_NUMBER_RE.fullmatch(text):
        value = parse_words(text)
        return None if value is None else Parsed(value, value, value, words=True)
    return None


def _parse_digits(text: str) -> Parsed:
    plain = text.replace(",", "")
    value = Decimal(plain)
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    half_step = Decimal(5) * Decimal(10) ** -(decimals + 1)
    return Parsed(value, value - half_step, value + half_step)


def parse_words(text: str) -> Decimal | None:
    """ "forty-five" -> 45, "one hundred and twenty" -> 120, "three quarters" -> 0.75, "a quarter" -> 0.25."""
    tokens = [t for t in re.split(r"[\s-]+", text.lower()) if t and t != "and"]
    if tokens and tokens[0] in ("a", "an"):
        tokens[0] = "one"
    if not tokens:
        return None
    if tokens[-1] in _FRACTIONS:
        count = parse_words(" ".join(tokens[:-1])) if len(tokens) > 1 else Decimal(1)
        return None if count is None else count * _FRACTIONS[tokens[-1]]
    total, current = Decimal(0), Decimal(0)
    for token in tokens:
        if token in _UNIT_WORDS:
            current += _UNIT_WORDS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token == "thousand":
            total += (current or 1) * 1000
            current = Decimal(0)
        elif token == "dozen":
            current = (current or 1) * 12
        else:
            return None
    return total + current


def scale_of(word: str | None) -> Decimal:
    """The factor of a scale word or letter ("billion", "bn", "B", "lakh"); 1 when there is none."""
    if not word:
        return Decimal(1)
    return SCALES.get(word.strip(" \t-").lower(), Decimal(1))


def scaled(parsed: Parsed, factor: Decimal) -> Parsed:
    return Parsed(parsed.value * factor, parsed.low * factor, parsed.high * factor, parsed.words)
