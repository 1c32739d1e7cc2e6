"""The grammar of amounts: money, percentages, multipliers and counts as they are written.

`find_amounts(text)` returns every amount in a text with its span, normalized
value, unit and the qualifier its own characters carry (`~`, `+`, a range).
It knows nothing of sentences or meaning; `extractors/figures.py` adds that.

Every pattern is a module-level compiled constant; none nests unbounded
repetition, so each runs in linear time on any input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from extractors.numbers import (DIGIT_NUMBER, NUMBER_WORDS, SCALE_WORDS, WORD_NUMBER, Parsed, parse_number, scale_of,
                               scaled, word_alternation)

# --- currencies -------------------------------------------------------------------------------------------

_SYMBOL_PREFIXES = {
    "us": "USD", "u.s": "USD", "u.s.": "USD", "usd": "USD", "hk": "HKD", "hkd": "HKD", "c": "CAD", "cad": "CAD",
    "ca": "CAD", "a": "AUD", "au": "AUD", "aud": "AUD", "nz": "NZD", "nzd": "NZD", "mex": "MXN", "mx": "MXN",
    "mxn": "MXN", "s": "SGD", "sgd": "SGD", "nt": "TWD", "r": "BRL", "": "USD",
}
_SYMBOLS = {"€": "EUR", "£": "GBP", "¥": "CNY", "￥": "CNY", "₹": "INR", "₩": "KRW", "₡": "CRC", "₾": "GEL", "₭": "LAK",
            "₽": "RUB", "₺": "TRY", "₦": "NGN", "₱": "PHP", "ரூ": "LKR", "元": "CNY", "円": "JPY", "rs": "INR",
            "rs.": "INR"}
CODES = ("USD", "EUR", "GBP", "CNY", "RMB", "JPY", "INR", "CHF", "AUD", "CAD", "HKD", "SGD", "KRW", "MXN", "BRL",
         "ZAR", "SEK", "NOK", "DKK", "TRY", "RUB", "NZD", "TWD")
_CODE_UNITS = {c: ("CNY" if c == "RMB" else c) for c in CODES}
# Currency names after a number, optionally with a nationality: "125 million australian dollars".
_NATIONS = {
    "us": "USD", "u.s.": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD", "hong kong": "HKD",
    "singapore": "SGD", "new zealand": "NZD", "mexican": "MXN", "swiss": "CHF", "turkish": "TRY",
    "chinese": "CNY", "japanese": "JPY", "indian": "INR", "brazilian": "BRL", "south african": "ZAR",
}
_NAMES = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "kuai": "CNY",
    "rupee": "INR", "rupees": "INR", "franc": "CHF", "francs": "CHF", "lira": "TRY", "liras": "TRY",
    "peso": "MXN", "pesos": "MXN", "won": "KRW", "rand": "ZAR", "real": "BRL", "reais": "BRL",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "pence": "GBP", "penny": "GBP", "cent": "USD", "cents": "USD",
}
_SUBUNITS = {"pence", "penny", "cent", "cents"}  # a hundredth of the currency: "4.2 pence" is GBP 0.042
_MONEY_MULT = {"dollar": {"franc", "francs", "lira", "liras", "peso", "pesos", "yuan", "rupee", "rupees"}}

_PREFIX = (
    r"(?:(?<![\w$])(?P<pl>(?i:usd|u\.s\.?|us|hkd|hk|cad|ca|c|aud|au|nzd|nz|mxn|mex|mx|sgd|nt)|A|S|R)[ \t]?\\?\$"
    r"|(?<![\w\\])\\?\$|(?P<ps>[€£¥￥₹₩₡₾₭₽₺₦₱]|(?<![\w])(?i:rs)\.?(?=[ \t]?\d)))"
)
_CODE = r"(?i:" + word_alternation(CODES) + r")"
_MCODE = r"M(?:USD|EUR|GBP|AUD|CAD|CHF|CNY|JPY)"
_NATION = r"(?i:" + word_alternation(list(_NATIONS)) + r")"
_NAME = r"(?i:" + word_alternation(list(_NAMES)) + r")"
_CUR_AFTER = (
    rf"(?:(?P<nat>{_NATION})[ \t]+)?(?P<name>{_NAME})\b|(?P<code>{_CODE})(?![A-Za-z])|(?P<mcode>{_MCODE})\b"
    r"|(?P<sym>[$€£¥₹₩₡₾₭₽₺₦₱元円]|ரூ)"
)
_CUR_AFTER_PLAIN = re.sub(r"\?P<\w+>", "?:", _CUR_AFTER)
_NUM = rf"(?:{DIGIT_NUMBER}|(?i:{WORD_NUMBER}))"
# Scales: whole words after a space, or a letter glued to the number ("$100M", "$1.5bn", "500K").
_SCALE = rf"(?:[ \t]?(?i:{SCALE_WORDS})\b|(?:K|k|M|MM|B|m)(?![\w]))"

# "US$10.7 billion", "$ 75 million", "USD 22.5 million", "€35 million", "$500M-$1B+", "$10-1,000", "MAUD 60".
MONEY_BEFORE = re.compile(
    rf"(?:(?P<mpre>[~≈><≥≤])[ \t]?)?(?:{_PREFIX}|(?<![\w])(?P<pcode>{_CODE}|{_MCODE})(?![A-Za-z])|(?<![\w])(?P<pname>(?i:dollars?|euros?))\b)"
    rf"[ \t]?(?P<num>{_NUM})(?P<scale>{_SCALE})?"
    rf"(?:[ \t](?P<post>(?i:dollars?|euros?))\b)?(?P<plus>\+)?"
    rf"(?:[ \t]?[-–][ \t]?(?:{_PREFIX.replace('?P<pl>', '?:').replace('?P<ps>', '?:')})?[ \t]?"
    rf"(?P<num2>{DIGIT_NUMBER})(?P<scale2>{_SCALE})?(?P<plus2>\+)?)?"
    rf"(?P<centpart>[ \t]+(?:and[ \t]+)?(?P<cents>\d{{1,2}}|(?i:{WORD_NUMBER}))(?:[ \t]+(?P<centword>cents?)\b)?)?"
)
# "75 million euros", "10 $", "115USD", "75 USD million", "30 MUSD", "100元", "3 dollars 50 cents".
MONEY_AFTER = re.compile(
    rf"(?<![\w.,])(?P<num>{_NUM})(?:[ \t]?[-–][ \t]?(?P<num2>{DIGIT_NUMBER}))?(?P<scale>{_SCALE})?[ \t-]?"
    rf"(?:{_CUR_AFTER})(?:[ \t](?P<scale_after>(?i:thousand|million|billion|trillion))\b)?"
    rf"(?P<centpart>[ \t]+(?:and[ \t]+)?(?P<cents>\d{{1,2}}|(?i:{WORD_NUMBER}))(?:[ \t]+(?P<centword>cents?)\b)?"
    rf"(?![ \t]?(?:{_CUR_AFTER_PLAIN})))?"
)
# "80.7%", "~40%", "15-16%", "20%+", "100 percent", "minus five percent", "per cent of twenty-two".
PERCENT = re.compile(
    rf"(?:(?P<pre>[~≈><≥≤])[ \t]?)?(?P<sign>(?i:minus|negative)[ \t]+|[-−](?=\d))?(?<![\w.])(?P<num>{_NUM})"
    rf"(?:[ \t]?%?[ \t]?(?:[-–]|to(?=[ \t]+\d[\d.,]*[ \t]?%))[ \t]?(?P<num2>{DIGIT_NUMBER}))?"
    rf"(?:[ \t]?%|[ \t](?i:per[ \t]?cents?|percentages?|percents?|pct)\b)(?P<plus>\+)?"
    rf"|(?i:percents?|per[ \t]cent)[ \t]+of[ \t]+(?P<inv>{_NUM})"
)
# "10x", "10-100×", "tenfold", "10-fold", "100 times", "doubling", "an order of magnitude".
MULTIPLIER = re.compile(
    rf"(?P<pre>[~≈><≥≤])?(?<![\w.])(?P<num>{DIGIT_NUMBER})(?:[ \t]?[-–][ \t]?(?P<num2>{DIGIT_NUMBER}))?"
    rf"(?:[ \t]?[x×X](?![\w])(?![ \t]?\d)|[ \t]?-?fold\b)(?P<plus>\+)?"
    r"|\b(?P<fold>(?i:two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|thousand))[ \t-]?fold\b"
    rf"|(?<![\w.])(?P<tnum>{DIGIT_NUMBER}|(?i:{WORD_NUMBER}))[ \t]+times\b"
    r"|\b(?P<verb>(?i:doubl|tripl|quadrupl|halv)(?:ed|ing|es|e))\b(?!-)"
    r"|\b(?:(?P<om>(?i:an|one|two|three|four|\d))[ \t-]+)?(?i:orders?[ \t-]of[ \t-]magnitude)\b"
)
# Any number, for counts: "175 billion parameters", "2,048-token", "5-10 organizations", "three months".
NUMBER = re.compile(
    rf"(?:(?P<pre>[~≈><≥≤])[ \t]?)?(?<![\w.,/])(?<!\d[-–])(?P<num>{DIGIT_NUMBER}|(?i:{WORD_NUMBER}))"
    rf"(?:[ \t]?[-–][ \t]?(?P<num2>{DIGIT_NUMBER}|(?i:{WORD_NUMBER}))(?![\d,]))?(?P<scale>-?{_SCALE})?(?P<plus>\+)?"
    r"(?:(?P<abbr>ms|GB|TB|MB|PB|GW|MW|kW|kWh|GWh|TWh)(?![\w]))?(?![\w/]|[.,]\d|-\d)"
)
# Every amount holds one of these: a digit, a number word, a multiplying verb ("doubled"), "magnitude".
DIGITS = re.compile(r"\d+")
CANDIDATE_WORD = re.compile(r"\b" + word_alternation([*NUMBER_WORDS, "doubl", "tripl", "quadrupl", "halv", "magnitude"]))
CANDIDATE_WORD_ANY_CASE = re.compile(CANDIDATE_WORD.pattern, re.IGNORECASE)
# What every match of a family holds, in lower-case text; a window without it is not scanned for that family.
# (A code follows a digit, a space or a glued scale letter: "5 USD", "5mUSD", "30 MUSD".)
MONEY_TRIGGER = re.compile(r"[$€£¥￥₹₩₡₾₭₽₺₦₱元円]|ரூ|(?<![a-jl-z])m?(?:" + word_alternation([c.lower() for c in CODES])
                           + r")(?![a-z])|" + word_alternation(list(_NAMES)) + r"|rs\.?[ \t]?\d")
PERCENT_TRIGGER = re.compile(r"%|per[ \t]?cent|pct")
MULTIPLIER_TRIGGER = re.compile(r"[x×](?!\w)|fold|times|doubl|tripl|quadrupl|halv|magnitude")
_BEFORE, _AFTER = 24, 64  # the longest text an amount has before its first and after its last digit or word
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+")
EMAIL_LOCAL = re.compile(r"[\w.+-]+$")
EMAIL_DOMAIN = re.compile(r"[\w-]+\.[\w.]+")
ABBREVIATIONS = {"ms": "millisecond", "GB": "gigabyte", "TB": "terabyte", "MB": "megabyte", "PB": "petabyte",
                 "GW": "gigawatt", "MW": "megawatt", "kW": "kilowatt", "kWh": "kilowatt hour", "GWh": "gigawatt hour",
                 "TWh": "terawatt hour"}
_CENT_UNITS = {"dollar", "dollars", "euro", "euros", "usd", "eur", "$", "€", "pound", "pounds", "gbp", "£",
               "yuan", "rmb", "cny", "kuai"}


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    kind: str  # money, percent, multiplier, number
    value: Decimal
    unit: str | None  # ISO code, "percent", "x"; None for a bare number (counts get their noun later)
    value_high: Decimal | None = None
    low: Decimal | None = None  # rounding interval of the value as written
    high: Decimal | None = None
    qualifier: str = "exact"  # from the amount's own characters: "~", "+", ">", a range
    words: bool = False  # the number is written in words


def find_amounts(text: str) -> list[Amount]:
    """Every amount in `text`, non-overlapping, in order; money wins over percent over multiplier over number."""
    lower = text.lower()
    if len(lower) != len(text):  # lower() lengthened a rare letter ("İ"): positions differ, read the text as is
        lower = ""
    windows = candidate_windows(text, lower)
    candidates: list[tuple[int, Amount]] = []
    for rank, (finder, trigger) in enumerate(zip(FINDERS, (MONEY_TRIGGER, PERCENT_TRIGGER, MULTIPLIER_TRIGGER, None))):
        family = [w for w in windows if trigger.search(lower, *w)] if trigger and lower else windows
        candidates.extend((rank, a) for a in finder(text, family))
    return choose(text, candidates)


def choose(text: str, candidates: list[tuple[int, Amount]]) -> list[Amount]:
    """Non-overlapping amounts from (family rank, amount) candidates: lower rank, then longer, then unspaced."""
    order = sorted(candidates, key=lambda c: (c[0], -(c[1].end - c[1].start), _spaced(text, c[1]), c[1].start))
    taken = _Spans(len(text), blocked_spans(text))
    return sorted((amount for _, amount in order if taken.claim(amount.start, amount.end)), key=lambda a: a.start)





def candidate_windows(text: str, lower: str = "") -> list[tuple[int, int]]:
    """Stretches of `text` that can hold an amount: around digits and number words, merged.

    Every amount holds a digit or a number word, starts at most `_BEFORE` characters before it and ends at most
    `_AFTER` characters after its last one; lookbehinds see the text before a window, so running the patterns
    on the windows finds exactly what they find on the whole text, in a fraction of the time. `lower` is
    `text.lower()` when that keeps every position, else empty."""
    words = CANDIDATE_WORD.finditer(lower) if lower else CANDIDATE_WORD_ANY_CASE.finditer(text)
    hits = sorted([m.span() for m in DIGITS.finditer(text)] + [m.span() for m in words])
    windows: list[tuple[int, int]] = []
    for hit_start, hit_end in hits:
        start, end = max(0, hit_start - _BEFORE), min(len(text), hit_end + _AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """URLs and e-mail addresses, whose digits are not amounts."""
    spans = [(m.start(), m.end()) for m in URL.finditer(text)] if "://" in text or "www." in text else []
    at = text.find("@")
    while at >= 0:
        local = EMAIL_LOCAL.search(text, max(0, at - 64), at)
        domain = EMAIL_DOMAIN.match(text, at + 1)
        if local and domain:
            spans.append((local.start(), domain.end()))
        at = text.find("@", at + 1)
    return spans


class _Spans:
    """Claimed characters, one byte each: a claim tests and marks only its own span, so choosing among n
    candidates costs the length of their spans, not n times the claims so far (nor a sorted insert each)."""

    def __init__(self, length: int, spans: list[tuple[int, int]]) -> None:
        self.taken = bytearray(length)
        for start, end in spans:
            self.taken[start:end] = b"\x01" * (end - start)

    def claim(self, start: int, end: int) -> bool:
        if self.taken.find(1, start, end) >= 0:
            return False
        self.taken[start:end] = b"\x01" * (end - start)
        return True


def _spaced(text: str, amount: Amount) -> int:
    return int(any(c.isspace() for c in text[amount.start:amount.end]))


def _matches(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    for start, end in windows:
        yield from pattern.finditer(text, start, end)


def _money(text: str, windows: list[tuple[int, int]]) -> list[Amount]:
    out = [a for m in _matches(MONEY_BEFORE, text, windows) if (a := _money_before(m))]
    out += [a for m in _matches(MONEY_AFTER, text, windows) if (a := _money_after(m))]
    return out


def _money_before(m: re.Match[str]) -> Amount | None:
    unit = _prefix_unit(m)
    first = parse_number(m.group("num"))
    if first is None or unit is None:
        return None
    factor = scale_of(m.group("scale"))
    if m.group("pcode") and m.group("pcode").startswith("M") and len(m.group("pcode")) == 4:
        factor *= Decimal(10) ** 6
    end = m.end()
    value = scaled(first, factor)
    high = None
    if m.group("num2"):
        second = parse_number(m.group("num2"))
        factor2 = scale_of(m.group("scale2"))
        if second is None:
            return None
        if not m.group("scale") and first.value <= second.value:
            value = scaled(first, factor2)  # "$1-2 million": the scale is shared; "$100,000-1 million" is not
        high = scaled(second, factor2)
    value, end = _with_cents(m, value, end, allow=bool(m.group("centword") or _is_word(m.group("cents"))))
    qualifier = _symbol_qualifier(m.group("mpre"), m.group("plus2") or m.group("plus"), high is not None)
    return _amount(m.start(), end, "money", value, unit, high, qualifier)


def _money_after(m: re.Match[str]) -> Amount | None:
    unit = _suffix_unit(m)
    first = parse_number(m.group("num"))
    if first is None or unit is None:
        return None
    if first.words and not (m.group("name") or m.group("mcode") or m.group("code")):
        return None  # "one $" is not how amounts are written
    factor = scale_of(m.group("scale")) * scale_of(m.group("scale_after"))
    if m.group("mcode"):
        factor *= Decimal(10) ** 6
    if (m.group("name") or "").lower() in _SUBUNITS:
        factor *= Decimal("0.01")
    value, high = scaled(first, factor), None
    if m.group("num2"):
        second = parse_number(m.group("num2"))
        if second is None:
            return None
        high = scaled(second, factor)
    cents_ok = (m.group("name") or m.group("code") or m.group("sym") or "").lower() in _CENT_UNITS
    value, end = _with_cents(m, value, m.end(), allow=cents_ok and not m.group("scale") and high is None)
    return _amount(m.start(), end, "money", value, unit, high, "range" if high is not None else "exact")


def _with_cents(m: re.Match[str], value: Parsed, end: int, allow: bool) -> tuple[Parsed, int]:
    """ "3 dollars 50 cents" -> 3.50; a trailing number that cannot be cents is left out of the amount."""
    if not m.group("centpart"):
        return value, end
    cents = parse_number(m.group("cents"))
    if not allow or cents is None or cents.value >= 100 or cents.value != cents.value.to_integral_value():
        return value, m.start("centpart")
    total = value.value + cents.value / 100
    return Parsed(total, total, total, value.words), end


def _is_word(text: str | None) -> bool:
    return bool(text) and not text[0].isdigit()


def _prefix_unit(m: re.Match[str]) -> str | None:
    if m.group("pcode"):
        code = m.group("pcode").upper()
        return _CODE_UNITS.get(code[1:] if len(code) == 4 else code)
    if m.group("pname"):
        return _NAMES[m.group("pname").lower()]
    if m.group("ps"):
        symbol = m.group("ps").lower().rstrip(".")
        return _SYMBOLS.get(symbol) or _SYMBOLS.get(symbol + ".")
    return _SYMBOL_PREFIXES.get((m.group("pl") or "").lower())


def _suffix_unit(m: re.Match[str]) -> str | None:
    if m.group("name"):
        name = " ".join(m.group("name").lower().split())
        nation = " ".join((m.group("nat") or "").lower().split())
        if nation and name in ("dollar", "dollars") or nation and name in _MONEY_MULT["dollar"]:
            return _NATIONS[nation]
        return _NAMES.get(name)
    if m.group("code"):
        return _CODE_UNITS[m.group("code").upper()]
    if m.group("mcode"):
        return _CODE_UNITS[m.group("mcode")[1:].upper()]
    sym = m.group("sym")
    return "USD" if sym == "$" else _SYMBOLS.get(sym)


def _percents(text: str, windows: list[tuple[int, int]]) -> list[Amount]:
    out = []
    for m in _matches(PERCENT, text, windows):
        if m.group("inv"):
            parsed = parse_number(m.group("inv"))
            if parsed is not None and not _looks_like_year(m.group("inv")):
                out.append(_amount(m.start(), m.end(), "percent", parsed, "percent"))
            continue
        first = parse_number(m.group("num"))
        if first is None:
            continue
        sign = -1 if m.group("sign") else 1
        value = Parsed(first.value * sign, first.low * sign, first.high * sign, first.words)
        high = parse_number(m.group("num2")) if m.group("num2") else None
        qualifier = _symbol_qualifier(m.group("pre"), m.group("plus"), high is not None)
        out.append(_amount(m.start(), m.end(), "percent", value, "percent", high, qualifier))
    return out


_FOLD_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
               "twenty": 20, "fifty": 50, "hundred": 100, "thousand": 1000}
_VERB_FACTORS = {"doubl": Decimal(2), "tripl": Decimal(3), "quadrupl": Decimal(4), "halv": Decimal("0.5")}


def _multipliers(text: str, windows: list[tuple[int, int]]) -> list[Amount]:
    out = []
    for m in _matches(MULTIPLIER, text, windows):
        if m.group("fold"):
            value = Decimal(_FOLD_WORDS[m.group("fold").lower()])
            out.append(_amount(m.start(), m.end(), "multiplier", Parsed(value, value, value, True), "x"))
        elif m.group("verb"):
            value = _VERB_FACTORS[re.sub(r"(?:ed|ing|es|e)$", "", m.group("verb").lower())]
            out.append(_amount(m.start(), m.end(), "multiplier", Parsed(value, value, value, True), "x"))
        elif m.group("tnum") is not None:
            parsed = parse_number(m.group("tnum"))
            if parsed is not None and parsed.value > 1:
                out.append(_amount(m.start(), m.end(), "multiplier", parsed, "x"))
        elif m.group("num") is not None:
            first, second = parse_number(m.group("num")), parse_number(m.group("num2") or "")
            if first is not None:
                qualifier = _symbol_qualifier(m.group("pre"), m.group("plus"), second is not None)
                out.append(_amount(m.start(), m.end(), "multiplier", first, "x", second, qualifier))
        else:
            count = parse_number(m.group("om") or "one") or parse_number("one")
            value = Decimal(10) ** int(count.value if count else 1)
            out.append(_amount(m.start(), m.end(), "multiplier", Parsed(value, value, value, True), "x",
                               qualifier="approx"))
    return out


def _numbers(text: str, windows: list[tuple[int, int]]) -> list[Amount]:
    out = []
    for m in _matches(NUMBER, text, windows):
        first = parse_number(m.group("num"))
        if first is None:
            continue
        factor = scale_of(m.group("scale"))
        second = parse_number(m.group("num2")) if m.group("num2") else None
        if m.group("num2") and second is None:
            continue
        value = scaled(first, factor) if not second or first.value <= second.value else first
        high = scaled(second, factor) if second else None
        qualifier = _symbol_qualifier(m.group("pre"), m.group("plus"), high is not None)
        unit = ABBREVIATIONS.get(m.group("abbr") or "")
        out.append(_amount(m.start(), m.end(), "number", value, unit, high, qualifier))
    return out


def _symbol_qualifier(pre: str | None, plus: str | None, is_range: bool) -> str:
    if is_range:
        return "range"
    if plus or pre in (">", "≥"):
        return "lower_bound"
    if pre in ("<", "≤"):
        return "upper_bound"
    if pre in ("~", "≈"):
        return "approx"
    return "exact"


def _looks_like_year(text: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", text.strip()))


def _amount(start: int, end: int, kind: str, value: Parsed, unit: str | None, high: Parsed | None = None,
            qualifier: str = "exact") -> Amount:
    return Amount(start, end, kind, value.value, unit, high.value if high else None, value.low,
                  high.high if high else value.high, qualifier, value.words)


# In rank order: where two amounts overlap, money wins over percent over multiplier over number.
FINDERS = (_money, _percents, _multipliers, _numbers)
