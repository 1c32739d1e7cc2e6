"""The grammar of amounts: money, percentages, multipliers, quantities and counts as they are written.

`find_amounts(text)` returns every amount in a text with its span, normalized
value, unit and the qualifier its own characters carry (`~`, `+`, a range).
Parts of a whole (point changes, fractions, proportions) are in `extractors/parts.py`, the words and signs
in `extractors/lexicon.py`. It knows nothing of sentences or meaning; `extractors/figures/` adds that.

Every pattern is a module-level compiled constant; none nests unbounded
repetition, so each runs in linear time on any input.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractors import lexicon
from extractors.claims import Spans, blocked_spans
from extractors.lexicon import (CAPITAL_DOLLAR_PREFIXES, CENT_CURRENCIES, CURRENCY_CODES, CURRENCY_NAMES,
                                CURRENCY_NATIONS, CURRENCY_SIGNS, CURRENCY_SUBUNITS, DOLLAR_PREFIXES, NATIONAL_NAMES,
                                SIGNS_AFTER_NUMBER)
from extractors.numbers import (DECIMAL_COMMA, DIGIT_NUMBER, NUMBER_WORDS, SCALE_WORDS, WORD_NUMBER, YEAR, Amount,
                                Parsed, amount_of, looks_like_year, negative, parse_number, scale_of, scaled, scan,
                                symbol_qualifier, word_alternation)
from extractors.parts import (DIGIT_COUNT_TRIGGER, FRACTION_TRIGGER, POINTS_TRIGGER, PROPORTION_TRIGGER, digit_counts,
                              fractions, point_changes, proportions)

# Not right after a letter, digit or underscore; CJK characters may touch a number ("降低17%", "收入120亿元").
_NOT_IN_WORD = r"(?<![^\W\u2e80-\u9fff])"
# A minus sign before an amount ("-15€", "-$5"), told from a range dash, a hyphen or a bullet by what precedes it.
SIGN_BEFORE = re.compile(r"(?<![\w.,%)\-–−])[-−]")

# The currency signs of one character, those written before a number, and those of more ("ரூ").
_SIGNS = "".join(sign for sign in CURRENCY_SIGNS if len(sign) == 1)
_SIGNS_BEFORE = "".join(sign for sign in _SIGNS if sign not in SIGNS_AFTER_NUMBER)
_LONG_SIGNS = "|".join(sign for sign in CURRENCY_SIGNS if len(sign) > 1 and not sign.isascii())
_DOLLAR_PREFIX = ("(?i:" + word_alternation([p for p in DOLLAR_PREFIXES if p and p not in CAPITAL_DOLLAR_PREFIXES])
                  + ")|" + "|".join(sorted(p.upper() for p in CAPITAL_DOLLAR_PREFIXES)))
_PREFIX = (
    r"(?:(?<![\w$])(?P<pl>" + _DOLLAR_PREFIX + r")[ \t]?\\?\$"
    r"|(?<![A-Z0-9_\\])\\?\$|(?P<ps>[" + _SIGNS_BEFORE + r"]|(?<![\w])(?i:rs)\.?(?=[ \t]?\d)))"
)
CODES = tuple(CURRENCY_CODES)
_CODE = r"(?i:" + word_alternation(list(CODES)) + r")"
# "MEUR 12", "25 MUSD": a code with an M for millions; written with an ISO code, not a common name ("RMB").
_MCODE = "M" + word_alternation([code for code, iso in CURRENCY_CODES.items() if code == iso])
_NATION = r"(?i:" + word_alternation(list(CURRENCY_NATIONS)) + r")"
_NAME = r"(?i:" + word_alternation(list(CURRENCY_NAMES)) + r")"
_CUR_AFTER = (
    rf"(?:(?P<nat>{_NATION})[ \t]+)?(?P<name>{_NAME})\b|(?P<code>{_CODE})(?![A-Za-z])|(?P<mcode>{_MCODE})\b"
    r"|(?P<sym>[$" + _SIGNS + "]|" + _LONG_SIGNS + ")"
)
_CUR_AFTER_PLAIN = re.sub(r"\?P<\w+>", "?:", _CUR_AFTER)
_NUM = rf"(?:{DIGIT_NUMBER}|(?i:{WORD_NUMBER}))"
# Scales: whole words after a space, or a letter glued to the number ("$100M", "$1.5bn", "500K").
_SCALE = rf"(?:[ \t]?(?i:{SCALE_WORDS})\b|(?:K|k|M|MM|B|m|T)(?![\w]))"
# Money also takes a spaced "T" ("$5.717 T"), a hyphen before a scale word ("$655,9-billion") and CJK scales
# ("120亿元").
_MONEY_SCALE = rf"(?:{_SCALE}|-(?i:{SCALE_WORDS})\b|[ \t]T(?![\w\-])|[万亿])"
# A decimal comma is read only before a scale or a percent sign: "$655,9-billion", "73,4%".
_MONEY_NUM = rf"(?:{DECIMAL_COMMA}(?={_MONEY_SCALE})|{_NUM})"
_PHYSICAL = ("(?:" + word_alternation([u for u in lexicon.PHYSICAL_UNITS if u[0].isupper() or u[:2] in ("kW", "Wh")])
             + "|(?i:" + word_alternation(sorted({w + s for w in lexicon.PHYSICAL_UNITS if w.islower()
                                                 for s in ("", "s")})) + "))")

# A range's dash is spaced on both sides or on neither: "$5-6 billion", "5 – 6%"; in "$90.2 billion -0.5%" the
# dash is the sign of the next amount.
_RANGE_DASH = r"(?:[-–]|[ \t][-–][ \t])"
_PREFIX_PLAIN = _PREFIX.replace('?P<pl>', '?:').replace('?P<ps>', '?:')
# Cents after an amount: "3 dollars 50 cents", "2 euros and 40"; never the first digits of another number.
_CENTS = rf"[ \t]+(?:and[ \t]+)?(?P<cents>\d{{1,2}}(?![\d,]|\.\d)|(?i:{WORD_NUMBER}))(?:[ \t]+(?P<centword>cents?)\b)?"

# "US$10.7 billion", "$ 75 million", "USD 22.5 million", "€35 million", "$500M-$1B+", "$10-1,000", "MAUD 60",
# "-$5", "$-99.99", "$2.174T", "$655,9-billion".
MONEY_BEFORE = re.compile(
    rf"(?:(?P<mpre>[~≈><≥≤])[ \t]?)?"
    rf"(?:{_PREFIX}|(?<![\w])(?P<pcode>{_CODE}|{_MCODE})(?![A-Za-z])"
    rf"|(?<![\w])(?<!\d[ \t])(?P<pname>(?i:dollars?|euros?))\b)"
    rf"[ \t]?(?P<neg2>[-−](?=\d))?(?P<num>{_MONEY_NUM})(?P<scale>{_MONEY_SCALE})?"
    rf"(?:[ \t](?P<post>(?i:dollars?|euros?))\b)?(?P<plus>\+)?"
    rf"(?:{_RANGE_DASH}(?:{_PREFIX_PLAIN})?[ \t]?"
    rf"(?P<num2>{DIGIT_NUMBER})(?P<scale2>{_MONEY_SCALE})?(?P<plus2>\+)?)?"
    rf"(?P<centpart>{_CENTS})?"
)
# "75 million euros", "10 $", "115USD", "75 USD million", "30 MUSD", "100元", "120亿元", "3 dollars 50 cents",
# "-15€".
MONEY_AFTER = re.compile(
    rf"(?<![.,±]){_NOT_IN_WORD}(?P<num>{_MONEY_NUM})"
    rf"(?:[ \t]?[-–][ \t]?(?P<num2>{DIGIT_NUMBER}))?(?P<scale>{_MONEY_SCALE})?[ \t-]?"
    rf"(?:{_CUR_AFTER})(?:[ \t](?P<scale_after>(?i:thousand|million|billion|trillion))\b)?"
    rf"(?P<centpart>{_CENTS}(?![ \t]?(?:{_CUR_AFTER_PLAIN})))?"
)
_PERCENT_NUM = rf"(?:{DECIMAL_COMMA}(?=[ \t]?%)|{_NUM})"
# "80.7%", "~40%", "15-16%", "20%+", "100 percent", "minus five percent", "per cent of twenty-two", "73,4%",
# "降低17%"; not "percentage points" (POINTS) nor "a small percent of 300 firms".
PERCENT = re.compile(
    # (optional parts written as "(?:...|)": an alternative with an empty branch is tried at each position at less
    # cost than the general repeat that a "?" after a capturing group compiles to)
    rf"(?:(?P<pre>[~≈><≥≤])[ \t]?|)(?:(?P<sign>(?i:minus|negative)[ \t]+|[-−](?=\d))|)(?<!\.){_NOT_IN_WORD}"
    rf"(?P<num>{_PERCENT_NUM})"
    rf"(?:[ \t]?%?(?:{_RANGE_DASH}|[ \t]?to(?=[ \t]+\d[\d.,]*[ \t]?%)[ \t]?)(?P<num2>{_PERCENT_NUM}))?"
    rf"(?:[ \t]?%|[ \t](?i:per[ \t]?cents?|percentages?|percents?|pct)\b(?![ \t-]+(?i:points?)\b))(?P<plus>\+)?"
    rf"|(?<![A-Za-z])(?<![A-Za-z][ \t])(?i:percents?|per[ \t]cent)[ \t]+of[ \t]+(?P<inv>{_NUM})"
)
# "between $50 and more than $100 billion": the words that make two amounts one range.
BETWEEN_BEFORE = re.compile(r"\bbetween[ \t]+(?:about[ \t]+|roughly[ \t]+)?$", re.IGNORECASE)
BETWEEN_AND = re.compile(r"[ \t]+and[ \t]+(?:(?:more|less)[ \t]+than[ \t]+|over[ \t]+|almost[ \t]+|nearly[ \t]+)?")
SCALE_IN = re.compile(rf"[ \t-]?(?i:{SCALE_WORDS})\b|(?<=\d)(?:K|k|M|MM|B|m|T)(?![\w])")
ACCOUNTING_LEFT = re.compile(r"\b(?:is|was|are|were|be|been|totall?ed)[ \t]*$")
# "one pound of coal", "a twenty pound bag": pounds of weight, not sterling.
WEIGHT_AFTER = re.compile(r"[ \t]+of[ \t]+(?!the\b|\d)[a-z]")
ATTRIBUTIVE_AFTER = re.compile(r"[ \t]+(?!(?:sterling|of|and|or|in|to|for|from|per|each|a|an|the|on|at|by|is|was|"
                               r"were|are|will|would|with|than|more|less)\b)[a-z]+\b")
# "10x", "10-100×", "tenfold", "10-fold", "100 times", "doubling", "an order of magnitude".
MULTIPLIER = re.compile(
    rf"(?P<pre>[~≈><≥≤])?(?<![\w.])(?P<num>{DIGIT_NUMBER})(?:[ \t]?[-–][ \t]?(?P<num2>{DIGIT_NUMBER}))?"
    rf"(?:[ \t]?[x×X](?![\w])(?![ \t]?\d)|[ \t]?-?fold\b)(?P<plus>\+)?"
    rf"|\b(?P<fold>(?i:{word_alternation(list(lexicon.FOLD_WORDS))}))[ \t-]?fold\b"
    rf"|(?<![\w.])(?P<tnum>{DIGIT_NUMBER}|(?i:{WORD_NUMBER}))[ \t]+times\b"
    rf"|\b(?P<verb>(?i:{word_alternation(list(lexicon.MULTIPLYING_VERBS))})(?:ed|ing|es|e))\b(?!-)"
    r"|\b(?:(?P<om>(?i:an|one|two|three|four|\d))[ \t-]+)?(?i:orders?[ \t-]of[ \t-]magnitude)\b"
)
# Any number, for counts: "175 billion parameters", "2,048-token", "5-10 organizations", "three months";
# and physical quantities: "592GW", "1.2 TW", "4,448 terawatts", "ninety-MW".
NUMBER = re.compile(
    rf"(?:(?P<pre>[~≈><≥≤])[ \t]?)?(?<![\w.,/'’])(?<!\d[-–])(?P<num>{DIGIT_NUMBER}|(?i:{WORD_NUMBER}))"
    rf"(?:[ \t]?[-–][ \t]?(?P<num2>{DIGIT_NUMBER}|(?i:{WORD_NUMBER}))(?![\d,]))?(?P<scale>-?{_SCALE})?(?P<plus>\+)?"
    rf"(?:[ \t-]?(?P<phys>{_PHYSICAL})(?![\w])|(?P<abbr>ms|GB|TB|MB|PB)(?![\w]))?(?![\w/]|[.,]\d|-\d)"
)
# Every amount holds one of these: a digit, a number word, a multiplying verb ("doubled"), "magnitude".
DIGITS = re.compile(r"\d+")
CANDIDATE_WORD = re.compile(r"\b" + word_alternation([*NUMBER_WORDS, *lexicon.MULTIPLYING_VERBS, "magnitude",
                                                      "third", "fourth", "fifth", "tenth", "digit"]))
CANDIDATE_WORD_ANY_CASE = re.compile(CANDIDATE_WORD.pattern, re.IGNORECASE)
# The same words after a character that is no letter, digit or underscore, in lower-case text: with that class
# first, the engine skips over the letters of words instead of trying the word boundary at each of them.
_CANDIDATE_WORD_AFTER = re.compile(r"\W" + CANDIDATE_WORD.pattern.removeprefix(r"\b"))
# What every match of a family holds, in lower-case text; a window without it is not scanned for that family.
# (A code follows a digit, a space or a glued scale letter: "5 USD", "5mUSD", "30 MUSD". A currency's name is a
# word of its own: not the "cent" of "percent", the "euro" of "Europe" nor the "rand" of "brand". A multiplier's
# "x" follows a digit ("10x", "5 ×"), and its "times" a space: each branch starts with its letter and looks back
# after it, so that the engine skips ahead to the letters instead of trying every position.)
MONEY_TRIGGER = re.compile(r"[$" + _SIGNS + "]|" + _LONG_SIGNS + r"|(?<![a-jl-z])m?(?:"
                           + word_alternation([c.lower() for c in CODES]) + r")(?![a-z])|(?<![a-z])"
                           + word_alternation(list(CURRENCY_NAMES)) + r"(?![a-z])|rs\.?[ \t]?\d")
PERCENT_TRIGGER = re.compile(r"%|per[ \t]?cent|pct")
MULTIPLIER_TRIGGER = re.compile(r"x(?:(?<=\dx)|(?<=\d[ \t]x))(?!\w)|×(?:(?<=\d×)|(?<=\d[ \t]×))(?!\w)|fold(?![a-z])"
                                r"|times(?<=[ \t]times)(?![a-z])|" + "|".join(lexicon.MULTIPLYING_VERBS) + "|magnitude")
_BEFORE, _AFTER = 24, 64  # the longest text an amount has before its first and after its last digit or word
def find_amounts(text: str) -> list[Amount]:
    """Every amount in `text`, non-overlapping, in order; money wins over percent over parts of a whole (points,
    fractions) over multiplier over number."""
    lower = text.lower()
    if len(lower) != len(text):  # lower() lengthened a rare letter ("İ"): positions differ, read the text as is
        lower = ""
    windows = candidate_windows(text, lower)
    candidates: list[tuple[int, Amount]] = []
    for rank, finder, trigger in FAMILIES[:-1]:
        family = [w for w in windows if trigger.search(lower, *w)] if trigger and lower else windows
        candidates.extend((rank, a) for a in finder(text, family))
    taken = Spans(len(text), blocked_spans(text))
    chosen = _claim(text, candidates, taken)
    # Bare numbers rank last, so every other amount has claimed its characters before a number is chosen: a number
    # inside one is not even parsed (most of a report's digits belong to its money and percents).
    rank, _, _ = FAMILIES[-1]
    chosen += _claim(text, [(rank, a) for a in _numbers(text, windows, taken)], taken)
    return _between_ranges(text, sorted(chosen, key=lambda a: a.start))


def choose(text: str, candidates: list[tuple[int, Amount]]) -> list[Amount]:
    """Non-overlapping amounts from (family rank, amount) candidates: lower rank, then longer, then unspaced."""
    chosen = _claim(text, candidates, Spans(len(text), blocked_spans(text)))
    return _between_ranges(text, sorted(chosen, key=lambda a: a.start))


def _claim(text: str, candidates: list[tuple[int, Amount]], taken: Spans) -> list[Amount]:
    """The candidates whose characters are still free, taken in order of rank, then longer, then unspaced."""
    order = sorted(candidates, key=lambda c: (c[0], -(c[1].end - c[1].start), _spaced(text, c[1]), c[1].start))
    return [amount for _, amount in order if taken.claim(amount.start, amount.end)]


def _between_ranges(text: str, amounts: list[Amount]) -> list[Amount]:
    """ "between $50 and more than $100 billion", "between 5 and 7%": two amounts joined by "between ... and" are
    one range; the low end takes the high end's unit, and its scale when it has none of its own."""
    out: list[Amount] = []
    for amount in amounts:
        low = out[-1] if out else None
        if low is None or low.value_high is not None or amount.value_high is not None or amount.kind not in (
                "money", "percent") or low.unit not in (None, amount.unit) or low.kind not in ("number", amount.kind) \
                or not BETWEEN_AND.fullmatch(text, low.end, amount.start) \
                or not BETWEEN_BEFORE.search(text, max(0, low.start - 12), low.start):
            out.append(amount)
            continue
        factor = Decimal(1)
        if not SCALE_IN.search(text, low.start, low.end) and (scale := SCALE_IN.search(text, amount.start, amount.end)):
            factor = scale_of(scale.group(0))
        value = Parsed(low.value * factor, (low.low or low.value) * factor, (low.high or low.value) * factor, low.words)
        if value.value >= amount.value:
            out.append(amount)
            continue
        high = Parsed(amount.value, amount.low or amount.value, amount.high or amount.value, amount.words)
        out[-1] = amount_of(low.start, amount.end, amount.kind, value, amount.unit, high, "range")
    return out





def candidate_windows(text: str, lower: str = "") -> list[tuple[int, int]]:
    """Stretches of `text` that can hold an amount: around digits and number words, merged.

    Every amount holds a digit or a number word, starts at most `_BEFORE` characters before it and ends at most
    `_AFTER` characters after its last one; lookbehinds see the text before a window, so running the patterns
    on the windows finds exactly what they find on the whole text, in a fraction of the time. `lower` is
    `text.lower()` when that keeps every position, else empty."""
    if lower:
        opening = CANDIDATE_WORD.match(lower)
        words = [opening.span()] if opening else []
        words += [(m.start() + 1, m.end()) for m in _CANDIDATE_WORD_AFTER.finditer(lower)]
    else:
        words = [m.span() for m in CANDIDATE_WORD_ANY_CASE.finditer(text)]
    hits = sorted([m.span() for m in DIGITS.finditer(text)] + words)
    windows: list[tuple[int, int]] = []
    for hit_start, hit_end in hits:
        start, end = max(0, hit_start - _BEFORE), min(len(text), hit_end + _AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _spaced(text: str, amount: Amount) -> int:
    return int(_SPACE.search(text, amount.start, amount.end) is not None)


_SPACE = re.compile(r"\s")  # what str.isspace() calls a space


def _money(text: str, windows: list[tuple[int, int]]) -> list[Amount]:
    out = [a for m in scan(MONEY_BEFORE, text, windows) if (a := _money_before(m))]
    out += [a for m in scan(MONEY_AFTER, text, windows) if (a := _money_after(m))]
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
    qualifier = symbol_qualifier(m.group("mpre"), m.group("plus2") or m.group("plus"), high is not None)
    start = m.start()
    if high is None and _in_accounting_parentheses(m.string, start, end):
        start, end, value = start - 1, end + 1, negative(value)  # "revenue is ($99.99)"
    elif high is None and (m.group("neg2") or not m.group("mpre") and _signed(m.string, start)):
        start, value = start - (0 if m.group("neg2") else 1), negative(value)
    return amount_of(start, end, "money", value, unit, high, qualifier)


def _money_after(m: re.Match[str]) -> Amount | None:
    unit = _suffix_unit(m)
    first = parse_number(m.group("num"))
    if first is None or unit is None:
        return None
    if first.words and not (m.group("name") or m.group("mcode") or m.group("code")):
        return None  # "one $" is not how amounts are written
    if m.group("name") and YEAR.fullmatch(m.group("num")) and not m.group("scale"):
        return None  # "in 2025 dollars": a price level, not an amount
    factor = scale_of(m.group("scale")) * scale_of(m.group("scale_after"))
    if m.group("mcode"):
        factor *= Decimal(10) ** 6
    if (m.group("name") or "").lower() in CURRENCY_SUBUNITS:
        factor *= Decimal("0.01")
    value, high = scaled(first, factor), None
    if m.group("num2"):
        second = parse_number(m.group("num2"))
        if second is None:
            return None
        high = scaled(second, factor)
    # Bare cents follow a currency's name or code ("3 dollars 50", "17 USD 25"); after a sign, which may as well
    # open the next amount ("10 $ 30 $"), they must say "cents".
    cents_ok = (m.group("name") or m.group("code") or "").lower() in CENT_CURRENCIES or bool(m.group("centword"))
    value, end = _with_cents(m, value, m.end(), allow=cents_ok and not m.group("scale") and high is None)
    start = m.start()
    if high is None and _signed(m.string, start):
        start, value = start - 1, negative(value)
    return amount_of(start, end, "money", value, unit, high, "range" if high is not None else "exact")


def _signed(text: str, start: int) -> bool:
    return start > 0 and bool(SIGN_BEFORE.match(text, start - 1, start))


def _in_accounting_parentheses(text: str, start: int, end: int) -> bool:
    """ "The annual revenue is ($99.99).": an amount alone in parentheses after a verb or a label is negative,
    as in accounts; "Houzz ($9 billion)" after a name is an aside."""
    if not (0 < start and end < len(text) and text[start - 1] == "(" and text[end] == ")"):
        return False
    return bool(ACCOUNTING_LEFT.search(text, max(0, start - 24), start - 1))


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
    return bool(text and not text[0].isdigit())


def _prefix_unit(m: re.Match[str]) -> str | None:
    if m.group("pcode"):
        code = m.group("pcode").upper()
        return CURRENCY_CODES.get(code[1:] if len(code) == 4 else code)
    if m.group("pname"):
        return CURRENCY_NAMES[m.group("pname").lower()]
    if m.group("ps"):
        symbol = m.group("ps").lower().rstrip(".")
        return CURRENCY_SIGNS.get(symbol) or CURRENCY_SIGNS.get(symbol + ".")
    return DOLLAR_PREFIXES.get((m.group("pl") or "").lower())


def _suffix_unit(m: re.Match[str]) -> str | None:
    if m.group("name"):
        name = " ".join(m.group("name").lower().split())
        nation = " ".join((m.group("nat") or "").lower().split())
        if nation and name in NATIONAL_NAMES:
            return CURRENCY_NATIONS[nation]
        if name.startswith("pound") and (WEIGHT_AFTER.match(m.string, m.end("name")) or name == "pound" and (
                m.string[m.start("name") - 1] == "-" or ATTRIBUTIVE_AFTER.match(m.string, m.end("name")))):
            return None  # "one pound of coal", "a twenty-pound bag": a weight
        return CURRENCY_NAMES.get(name)
    if m.group("code"):
        return CURRENCY_CODES[m.group("code").upper()]
    if m.group("mcode"):
        return CURRENCY_CODES[m.group("mcode")[1:].upper()]
    sym = m.group("sym")
    return DOLLAR_PREFIXES[""] if sym == "$" else CURRENCY_SIGNS.get(sym)  # a bare "$" is the US dollar


def _percents(text: str, windows: list[tuple[int, int]]) -> list[Amount]:
    out = []
    for m in scan(PERCENT, text, windows):
        if m.group("inv"):
            parsed = parse_number(m.group("inv"))
            if parsed is not None and not looks_like_year(m.group("inv")):
                out.append(amount_of(m.start(), m.end(), "percent", parsed, "percent"))
            continue
        first = parse_number(m.group("num"))
        if first is None:
            continue
        sign = -1 if m.group("sign") else 1
        value = Parsed(first.value * sign, first.low * sign, first.high * sign, first.words)
        high = parse_number(m.group("num2")) if m.group("num2") else None
        start = m.start()
        if high is not None and looks_like_year(m.group("num")):
            start, value, high = m.start("num2"), high, None  # "cut its outlook for 2025 to 4.8%"
        qualifier = symbol_qualifier(m.group("pre"), m.group("plus"), high is not None)
        out.append(amount_of(start, m.end(), "percent", value, "percent", high, qualifier))
    return out


def _multipliers(text: str, windows: list[tuple[int, int]]) -> list[Amount]:
    out = []
    for m in scan(MULTIPLIER, text, windows):
        if m.group("fold"):
            value = Decimal(lexicon.FOLD_WORDS[m.group("fold").lower()])
            out.append(amount_of(m.start(), m.end(), "multiplier", Parsed(value, value, value, True), "x"))
        elif m.group("verb"):
            value = lexicon.MULTIPLYING_VERBS[re.sub(r"(?:ed|ing|es|e)$", "", m.group("verb").lower())]
            out.append(amount_of(m.start(), m.end(), "multiplier", Parsed(value, value, value, True), "x"))
        elif m.group("tnum") is not None:
            parsed = parse_number(m.group("tnum"))
            if parsed is not None and parsed.value > 1:
                out.append(amount_of(m.start(), m.end(), "multiplier", parsed, "x"))
        elif m.group("num") is not None:
            first, second = parse_number(m.group("num")), parse_number(m.group("num2") or "")
            if first is not None:
                qualifier = symbol_qualifier(m.group("pre"), m.group("plus"), second is not None)
                out.append(amount_of(m.start(), m.end(), "multiplier", first, "x", second, qualifier))
        else:
            count = parse_number(m.group("om") or "one") or parse_number("one")
            value = Decimal(10) ** int(count.value if count else 1)
            out.append(amount_of(m.start(), m.end(), "multiplier", Parsed(value, value, value, True), "x",
                                 qualifier="approx"))
    return out


def _numbers(text: str, windows: list[tuple[int, int]], taken: Spans | None = None) -> list[Amount]:
    """Bare numbers and quantities; with `taken`, only those whose characters no other amount has claimed."""
    out = []
    for m in scan(NUMBER, text, windows):
        if taken is not None and not taken.free(m.start(), m.end()):
            continue
        first = parse_number(m.group("num"))
        if first is None:
            continue
        factor = scale_of(m.group("scale"))
        second = parse_number(m.group("num2")) if m.group("num2") else None
        if m.group("num2") and second is None:
            continue
        if second and YEAR.fullmatch(m.group("num")) and YEAR.fullmatch(m.group("num2")):
            continue  # "2026–2035": a period, not a range of numbers
        value = scaled(first, factor) if not second or first.value <= second.value else first
        high = scaled(second, factor) if second else None
        qualifier = symbol_qualifier(m.group("pre"), m.group("plus"), high is not None)
        if m.group("phys"):
            unit = lexicon.physical_unit(m.group("phys"))
            out.append(amount_of(m.start(), m.end(), "quantity", value, unit, high, qualifier))
            continue
        unit = lexicon.COUNT_ABBREVIATIONS.get(m.group("abbr") or "")
        out.append(amount_of(m.start(), m.end(), "number", value, unit, high, qualifier))
    return out


# (rank, finder, trigger): where two amounts overlap, the lower rank wins: money over percent over parts of a whole
# (points, fractions, proportions) over multiplier over number. A finder scans only the windows where its trigger
# occurs in the lower-cased text (all windows where it has none).
FAMILIES = ((0, _money, MONEY_TRIGGER), (1, _percents, PERCENT_TRIGGER), (2, point_changes, POINTS_TRIGGER),
            (2, fractions, FRACTION_TRIGGER), (2, proportions, PROPORTION_TRIGGER),
            (2, digit_counts, DIGIT_COUNT_TRIGGER), (3, _multipliers, MULTIPLIER_TRIGGER), (4, _numbers, None))
