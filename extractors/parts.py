"""Parts of a whole as they are written: point changes, fractions, proportions and vague amounts in words.

"two percentage points", "4.0 share points", "+0.3 pt." are point changes (unit `percentage point`); "half of",
"two-thirds of", "one in five", "9 out of 10", "double-digit" are percentages (FORMAT.md, Conventions). Each family
has a cheap trigger: `extractors.amounts` scans a window with a family's pattern only where its trigger occurs.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractors import lexicon
from extractors.numbers import (DIGIT_NUMBER, WORD_NUMBER, Amount, Parsed, amount_of, looks_like_year, negative,
                                parse_number, parse_words, scan, symbol_qualifier, word_alternation)

_POINT_UNIT = r"(?i:percentage|percent|per[ \t]cent|share|basis)"
# Point changes of a percentage: "two percentage points", "two full percentage points", "4.0 share points",
# "+0.3 pt.", "half a share point", "a point or two", "1.3 points", "25bps".
POINTS = re.compile(
    rf"(?:(?P<pre>[~≈><≥≤])[ \t]?)?(?<![\w.])(?P<sign>[-−+](?=\d))?"
    rf"(?P<num>{DIGIT_NUMBER}|(?i:half[ \t]+an?|an?(?=[ \t]+points?[ \t]+or\b)|{WORD_NUMBER}))"
    rf"(?:[ \t]?[-–][ \t]?(?P<num2>{DIGIT_NUMBER}))?[ \t-]?(?:(?i:full)[ \t]+)?(?:(?P<kind>{_POINT_UNIT})[ \t-]?)?"
    rf"(?<![A-Za-z])(?P<unit>(?i:points?)\b|pts?\b\.?|pp\b|ppts?\b|bps?\b)"
    rf"(?:[ \t]+or[ \t]+(?P<or>{WORD_NUMBER}|\d+\b))?"
)
# "the first half of 2024", "the same quarter of": words that make a part of a whole a period or an ordinal.
_NOT_A_PART = ("first", "second", "third", "latter", "other", "the", "a", "back", "next", "last", "same", "and")
# Parts of a whole written in words, before what they are part of: "half of", "two-thirds of the", "a quarter of".
FRACTION = re.compile(
    r"(?<![\w\-])" + "".join(f"(?<!(?i:{word}) )" for word in _NOT_A_PART) +
    r"(?P<frac>(?i:(?:(?:an?|one|two|three|four|five|six|seven|eight|nine)[ \t-]+)?(?:halves|half)"
    r"|(?:an?|one)[ \t-]+(?:third|quarter|fourth|fifth|tenth)"
    r"|(?:two|three|four|five|six|seven|eight|nine)[ \t-]+(?:thirds|quarters|fourths|fifths|tenths)))"
    r"(?=[ \t]+(?:\([^()\n]{1,12}\)[ \t]+)?(?i:of|the|its|their|all)\b)"
)
# "one in five cars", "9 out of 10", "1 in 8", "1/4 of": a proportion as a percent.
PROPORTION = re.compile(
    rf"(?<![\w.,/])(?P<part>\d{{1,3}}|(?i:{WORD_NUMBER}))[ \t]+(?i:in|out[ \t]+of)[ \t]+"
    rf"(?P<whole>\d{{1,3}}|(?i:{WORD_NUMBER}))\b(?![.,]\d|[ \t]?%)"
    r"|(?<![\w.,/])(?P<num>\d)/(?P<den>\d{1,2})(?=[ \t]+of\b)"
)
# "double-digit growth", "double digits", "triple-digit": a vague percentage with its lower bound.
DIGIT_COUNT = re.compile(r"\b(?P<times>(?i:double|triple))[ \t-](?i:digits?)\b")
# Each trigger begins with a letter (a lookbehind after it checks what precedes): the engine scans for that
# letter instead of trying every position.
POINTS_TRIGGER = re.compile(r"p(?<![a-z]p)(?:oints?|ts?|ps?|pts?)\b|b(?<![a-z]b)ps?\b")
FRACTION_TRIGGER = re.compile(r"half|halves|third|quarter|fourth|fifth|tenth")
PROPORTION_TRIGGER = re.compile(r"(?:i(?<=[ \t]i)n|o(?<=[ \t]o)ut[ \t]of)[ \t]+(?:\d{1,3}(?!\d)|"
                                + word_alternation(list(lexicon.UNIT_WORDS)) + r")|/(?<=\d/)\d")
DIGIT_COUNT_TRIGGER = re.compile(r"digit")
# A point change is a percentage's only where the text near it speaks of percentages or shares ("1.3 points");
# elsewhere points are scores or index points.
PERCENT_NEARBY = re.compile(r"%|\b(?i:percent|per[ \t]cent|shares?|rates?|margins?)\b")
# "a 2.4 point gain": a point change named as a change.
CHANGE_AFTER = re.compile(r"[ \t]+(?i:gain|loss|lead|drop|rise|increase|decrease|decline|jump|fall|improvement"
                          r"|swing|uplift|dip)s?\b")


def point_changes(text: str, windows: list[tuple[int, int]]) -> list[Amount]:
    return [a for m in scan(POINTS, text, windows) if (a := _points(m))]


def fractions(text: str, windows: list[tuple[int, int]]) -> list[Amount]:
    """ "half of", "two-thirds of the": a part of a whole as a percent."""
    return [_share(m.start(), m.end(), fraction) for m in scan(FRACTION, text, windows)
            if (fraction := parse_words(m.group("frac"))) is not None]


def proportions(text: str, windows: list[tuple[int, int]]) -> list[Amount]:
    """ "one in five", "9 out of 10", "1/4 of": a proportion as a percent."""
    out = []
    for m in scan(PROPORTION, text, windows):
        part, whole = parse_number(m.group("part") or m.group("num")), parse_number(m.group("whole") or m.group("den"))
        if part and whole and 0 < part.value < whole.value and not looks_like_year(m.group(0).split()[-1]):
            out.append(_share(m.start(), m.end(), part.value / whole.value, rounded=False))
    return out


def digit_counts(text: str, windows: list[tuple[int, int]]) -> list[Amount]:
    """ "double-digit growth": at least 10%."""
    out = []
    for m in scan(DIGIT_COUNT, text, windows):
        value = lexicon.DIGIT_COUNT_WORDS[m.group("times").lower()]
        out.append(amount_of(m.start(), m.end(), "percent", Parsed(value, value, value, True), "percent",
                             qualifier="lower_bound"))
    return out


def _points(m: re.Match[str]) -> Amount | None:
    unit_word = m.group("unit").lower().rstrip(".")
    kind = (m.group("kind") or "").lower()
    said_percent = kind not in ("", "basis") or unit_word in ("pp", "ppt", "ppts")
    if not said_percent and kind != "basis" and unit_word not in ("bp", "bps"):
        change = CHANGE_AFTER.match(m.string, m.end())
        if m.string[m.end("num"):m.start("unit")] == "-" and not change:
            return None  # "a 10-point plan": a list's length, unless named a change ("a 3-point drop")
        window = m.string[max(0, m.start() - 160):m.end() + 160]
        if not PERCENT_NEARBY.search(window) and not change:
            return None  # "scored 85 points": not a change of a percentage
    written = " ".join(m.group("num").lower().split())
    if written in ("a", "an"):
        if not m.group("or"):
            return None
        written = "one"  # "a point or two"
    value = Parsed(Decimal("0.5"), Decimal("0.5"), Decimal("0.5"), True) if written.startswith("half") \
        else parse_number(written)
    if value is None:
        return None
    high = parse_number(m.group("num2") or m.group("or") or "")
    if m.group("sign") in ("-", "−"):
        value = negative(value)
    unit = "basis point" if kind == "basis" or unit_word.startswith("bp") else "percentage point"
    qualifier = symbol_qualifier(m.group("pre"), None, high is not None)
    return amount_of(m.start(), m.end(), "percent", value, unit, high, qualifier)


def _share(start: int, end: int, fraction: Decimal, rounded: bool = True) -> Amount:
    """A part of a whole as a percent; a fraction in words that has no exact percent ("two-thirds") is rounded to
    two decimals, approximately (FORMAT.md: 66.67)."""
    percent = fraction * 100
    near = percent.quantize(Decimal("0.01"))
    if rounded and near != percent:
        return amount_of(start, end, "percent", Parsed(near, near, near, True), "percent", qualifier="approx")
    return amount_of(start, end, "percent", Parsed(percent, percent, percent, True), "percent")
