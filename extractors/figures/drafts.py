"""Drafts: the amounts of a sentence that are figures, with their unit and denominator.

A bare number becomes a count when a counted noun follows it ("175 billion parameters") or inherits the unit of
the count it is compared with; years, versions, ranks, list marks and time horizons are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractors import lexicon
from extractors.amounts import Amount
from extractors.figures.state import _SentenceView


# After a number: "or more", then a hyphenated noun ("2,048-token") or up to three words ("clinical notes").
# A word is lower case ("units", "iPhones"), or a capitalized modifier of a lower-case plural ("Galaxy smartphones").
COUNT_TAIL = re.compile(r"(?P<bound>[ \t]+or[ \t]+(?:more|fewer|less|longer|so))?"
                        r"(?:-(?P<hyph>[a-z]+)\b"
                        r"|(?P<words>(?:[ \t]+(?:[a-z][A-Za-z\-]*|[A-Z][a-z]+(?=[ \t]+[a-z][a-z\-]*s\b))"
                        r"\b){1,3}))")
# "8 H100 GPUs", "16 A100 TPUs": a product code and a plural acronym.
MODEL_PLURAL = re.compile(r"[ \t]+(?:[A-Z][A-Za-z]*\d[\w\-]*[ \t]+)?(?P<noun>[A-Z]{2,}s)\b")
_COUNT_ADJECTIVES = frozenset({"new", "additional", "other", "more", "extra"})
PER = re.compile(r"[ \t]*(?:per|/)[ \t]*(?P<per>(?:[\d,.]+[ \t]+|one[ \t]+)?(?:(?:thousand|million|billion|trillion)"
                 r"[ \t]+)?[A-Za-z][\w\-]*)(?:[ \t]+(?P<unit>[a-z]+)\b)?")
MULTIPLIER_PER = re.compile(
    r"(?:[ \t]+[a-z]+){0,2}?[ \t]+(?:(?:per|every|each|a)[ \t]+(?P<per>(?:[\w\-]+[ \t]+)?(?:years?|months?|weeks?"
    r"|days?|hours?|quarters?|generations?|decades?|releases?))\b|in[ \t]+(?P<within>[\d\-–]+[ \t]+(?:years|months"
    r"|weeks|days))\b|(?P<annual>annual(?:ly)?|yearly))"
)

_PRICE_UNITS = {"kg", "tonne", "ton", "lb", "mwh", "wh", "barrel", "gallon", "litre", "liter", "token", "tokens",
                "call", "calls", "query", "queries", "request", "requests", "note", "notes",
                "image", "images", "minute", "hour", "month", "user", "seat", "unit", "page", "word", "character",
                "second", "license", "download", "api", "kwh", "gb", "ticket", "user/month", "session", "message"}
_PER_NOUNS = _PRICE_UNITS | {"share", "employee", "worker", "customer", "person", "capita", "vehicle", "household"}
_COUNTABLE = {"model", "user", "customer", "company", "companies", "employee", "people", "person", "country",
              "language", "parameter", "token", "player", "organization", "enterprise", "developer", "partner",
              "product", "client", "member", "patent", "vendor", "startup", "lab", "city", "market", "region"}
_STOP = frozenset(
    "of to in and or the a an with by for per than from on at is are was were be been has have had that which who as "
    "into over under more less percent times between across while when where it its their our we they this these those "
    "will would can could may might should also only just each every about up down out not no so such both all new "
    "later earlier ago old before after since during via vs versus including include includes like year-over-year "
    "higher lower faster slower larger smaller bigger greater top".split())
_NOT_NOUNS = frozenset("fold times percent year-old based like level digit".split())
_FREQUENCIES = {"daily": "day", "monthly": "month", "weekly": "week", "annual": "year", "yearly": "year",
                "hourly": "hour"}
_VERSION_WORDS = frozenset("no no. level phase tier step section chapter figure table rank ranked top number # gen "
                           "version v series stage round grade class type item part page vol issue".split())
_CAPITAL_FUNCTION_WORDS = frozenset("In By About Over The With Nearly Approximately Around More Less Up Only Some "
                                    "All Each Every And For To From Of At On Since Between Roughly Almost Just Than "
                                    "Under Below Above Until Within Across After Before Today Currently Total "
                                    "Results Approx Estimated Reaching Reached".split())
_NAME_VERSION_BEFORE = re.compile(r"\b(?!(?:In|By|About|Over|The|From|To|And|Of|At|On|For|Between)\b)[A-Z][\w\-]*[ \t]+"
                                  r"v?\d+(?:\.\d+)+[ \t]+$")
_HORIZON_BEFORE = re.compile(r"\b(?:over|within|past|next|last|previous|coming|recent|for|first|following)"
                             r"(?:[ \t]+the)?[ \t]+$", re.IGNORECASE)
_BARE_LINK = re.compile(r"(?:\bto|\bvs\.?|\bversus|\bthan|\bestimated|\bcompared[ \t]+(?:to|with))[ \t]+$",
                        re.IGNORECASE)


@dataclass
class _Draft:
    amount: Amount
    start: int
    end: int
    kind: str  # money, percent, multiplier, count
    unit: str
    rule: str
    per: str | None = None
    qualifier: str = "exact"
    metric: str = "other"
    year: int | None = None
    period: tuple[int, int] | None = None
    subject: str | None = None
    segment: str | None = None
    entity: str | None = None
    direction: str | None = None


def _drafts(view: _SentenceView, amounts: list[Amount]) -> list[_Draft]:
    text = view.text
    drafts: list[_Draft] = []
    for amount in amounts:
        if drafts and amount.start < drafts[-1].end + _per_length(text, drafts[-1]):
            continue  # "per 1,000 tokens" is the denominator of the amount before it
        draft = _draft(view, amount, drafts)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _per_length(text: str, draft: _Draft) -> int:
    if not draft.per or draft.kind not in ("money", "count"):
        return 0
    found = _per_phrase(text, draft.end, len(text))
    return found[1] - draft.end if found else 0


def _draft(view: _SentenceView, amount: Amount, earlier: list[_Draft]) -> _Draft | None:
    text, sentence = view.text, view.sentence
    if amount.kind == "money":
        per = _per(text, amount.end, sentence.end)
        end = amount.end
        return _Draft(amount, amount.start, end, "money", amount.unit or "", "money", per=per)
    if amount.kind == "percent":  # a percent or a point change ("two percentage points")
        return _Draft(amount, amount.start, amount.end, "percent", amount.unit or "percent", "percent")
    if amount.kind == "quantity":  # a physical quantity: "592GW", "705.5 GWh"
        return _Draft(amount, amount.start, amount.end, "quantity", amount.unit or "", "quantity")
    if amount.kind == "multiplier":
        return _Draft(amount, amount.start, amount.end, "multiplier", "x", "multiplier",
                      per=_multiplier_per(text, amount.end, sentence.end))
    if _not_a_count(text, amount):
        return None
    return _count(view, amount, earlier)


def _per(text: str, end: int, limit: int) -> str | None:
    found = _per_phrase(text, end, limit)
    return found[0] if found else None


def _per_phrase(text: str, end: int, limit: int) -> tuple[str, int] | None:
    """ "per million input tokens" -> ("million input tokens", its end); a second word only when it is a unit."""
    m = PER.match(text, end, limit)
    if not m:
        return None
    if m.group("unit") and _singular(m.group("unit").lower()) in _PER_NOUNS:
        return " ".join([*m.group("per").split(), m.group("unit")]), m.end("unit")
    per = " ".join(m.group("per").split())
    return _PHYSICAL_PER.get(per.lower(), per), m.end("per")  # "per kilowatt-hour" is per kWh


_PHYSICAL_PER = {name.lower(): unit for name, unit in lexicon.PHYSICAL_UNITS.items()}


def _multiplier_per(text: str, end: int, limit: int) -> str | None:
    m = MULTIPLIER_PER.match(text, end, min(limit, end + 60))
    if not m:
        return None
    if m.group("annual"):
        return "year"
    per = m.group("per") or m.group("within")
    return " ".join(per.split())


_BARE_YEAR = re.compile(r"(?:19|20)\d\d")
_GRADE_JARGON = re.compile(r"\d[BC]")  # "2B", "2C"
# A letter, hyphen, dot or "#" touching the number: "GPT-4", "v3", "#1".
_GLUED_BEFORE = re.compile(r"[A-Za-z][\-.]$|[A-Za-z]$|#$")
_LAST_WORD = re.compile(r"(\S+)[ \t]+$")


def _not_a_count(text: str, amount: Amount) -> bool:
    """Years, versions ("GPT-4", "Claude 3.7"), ranks ("top ten"), list marks and "2B"/"2C" jargon."""
    quote = text[amount.start:amount.end]
    if _BARE_YEAR.fullmatch(quote) or _GRADE_JARGON.fullmatch(quote):
        return True
    before = text[max(0, amount.start - 30):amount.start]
    if _GLUED_BEFORE.search(before, max(0, len(before) - 3)):  # it matches in the last three characters or not
        return True
    if not before.endswith((" ", "\t", "\n")):
        return False  # what follows needs a space before the number (a line end counts for `$`)
    if before.rstrip()[-1:].isdigit() and _NAME_VERSION_BEFORE.search(before):  # it ends in digits and spaces
        return True  # "Llama 3.1 405B", "Qwen3 235B A22B 2507": the size or date inside a model's name
    prev = _LAST_WORD.search(before)
    if prev:
        word = prev.group(1)
        if word.lower().rstrip(":") in _VERSION_WORDS:
            return True
        named = word[0].isupper() or word[0].islower() and not word.islower()  # "Llama 405B", "iPhone 16"
        if named and word.strip("(") not in _CAPITAL_FUNCTION_WORDS \
                and not word.endswith((",", ".", ":", ";", "’s", "'s")):
            return True
    return False


def _count(view: _SentenceView, amount: Amount, earlier: list[_Draft]) -> _Draft | None:
    text, sentence = view.text, view.sentence
    noun = _counted_noun(text, amount, sentence.end)
    whole = PARTITIVE.match(text, amount.end, sentence.end) if noun is None else None
    if whole:  # "5 of 9 services", "19 of the top 20 telecasts": the part counts what the whole counts
        of = _counted_noun(text, replace(amount, end=whole.end()), sentence.end)
        return _Draft(amount, amount.start, amount.end, "count", of[0], "count.partitive") if of else None
    if noun is None:
        return _inherited_count(view, amount, earlier)
    unit, end, per, bound, rule = noun
    draft = _Draft(amount, amount.start, end, "count", unit, rule, per=per or _per(text, end, sentence.end))
    if bound:
        draft.qualifier = bound
    return draft


# Modifiers coordinated before one plural head: "pure electric and plug-in hybrid vehicles".
_COORDINATED_HEAD = re.compile(r"[ \t]+(?:and|or)[ \t]+(?:[a-z][\w\-]*[ \t]+){0,3}?(?P<noun>[a-z][\w\-]*s)\b")
_PAST_TENSE = re.compile(r"[a-z]{3,}(?<!e)ed")


def _counted_noun(text: str, amount: Amount, limit: int) -> tuple[str, int, str | None, str | None, str] | None:
    if amount.unit:  # an attached abbreviation: "50ms", "80GB"
        return amount.unit, amount.end, None, None, "count.abbreviation"
    hardware = MODEL_PLURAL.match(text, amount.end, limit)
    if hardware:  # "8 H100 GPUs"
        return _singular(hardware.group("noun")).lower(), hardware.end(), None, None, "count.noun"
    m = COUNT_TAIL.match(text, amount.end, limit)
    if not m:
        return None
    before = text[max(0, amount.start - 30):amount.start]
    bound = {"more": "lower_bound", "longer": "lower_bound", "fewer": "upper_bound", "less": "upper_bound"}.get(
        (m.group("bound") or "").split()[-1:][0] if m.group("bound") else "", None)
    if m.group("hyph"):
        word = m.group("hyph")
        if word in _NOT_NOUNS or word in _STOP or len(word) < 3 or amount.words and word not in lexicon.TIME_UNITS:
            return None
        return _accept(amount, before, _singular(word), m.end("hyph"), None, bound, "count.compound")
    words = m.group("words").split()
    per = _FREQUENCIES.get(words[0])
    if per:
        words = words[1:]
    while words and words[0] in _COUNT_ADJECTIVES:
        words = words[1:]  # "1,200 new warehouses": the noun is "warehouse"
    content = []
    for word in words:
        if word in _STOP or word in _NOT_NOUNS:
            break
        content.append(word)
    for i, word in enumerate(content):
        if _is_plural(word):
            modifiers = [w for w in content[:i] if "-" not in w and not w.endswith(("ed", "ing")) and w[0].islower()]
            unit = " ".join([*modifiers[-1:], _singular(word)]).lower()
            return _accept(amount, before, unit, _end_of_word(text, amount.end, content, i), per, bound, "count.noun")
    joined = _COORDINATED_HEAD.match(text, _end_of_word(text, amount.end, content, len(content) - 1), limit) \
        if content and len(words) > len(content) else None
    if joined:  # "4.27 million pure electric and plug-in hybrid vehicles": the head both modifiers share
        return _accept(amount, before, _singular(joined.group("noun").lower()), joined.end(), per, bound,
                       "count.noun")
    if content and _PAST_TENSE.fullmatch(content[0]):
        return None  # "11 delivered double-digit growth": a verb, the number its subject
    compound = len(content) >= 2  # "a 14-billion parameter model", "a 5-10 player game"
    if content and len(content[0]) > 2 and (per or amount.value_high is not None or amount.value == 1 or compound):
        return _accept(amount, before, content[0], _end_of_word(text, amount.end, content, 0), per, bound,
                       "count.noun")
    return None


def _accept(amount: Amount, before: str, unit: str, end: int, per: str | None, bound: str | None,
            rule: str) -> tuple[str, int, str | None, str | None, str] | None:
    head = unit.split()[-1]
    if head in lexicon.TIME_UNITS and _HORIZON_BEFORE.search(before):
        return None  # "within five years", "over the past three years": a horizon, not a measurement
    if amount.words and not (bound or head in lexicon.TIME_UNITS or head in _COUNTABLE or amount.value >= 1000):
        return None  # "two types", "three core barriers": structure words, not measurements
    return unit, end, per, bound, rule


def _end_of_word(text: str, start: int, words: list[str], index: int) -> int:
    pos = start
    for word in words[:index + 1]:
        pos = text.index(word, pos) + len(word)
    return pos


def _inherited_count(view: _SentenceView, amount: Amount, earlier: list[_Draft]) -> _Draft | None:
    """ "2,048 tokens, GPT-3.5 increased to 4,096": a bare number compared with a count takes its unit."""
    text, sentence = view.text, view.sentence
    counts = [d for d in earlier if d.kind == "count"]
    if not counts or amount.value < 10 and amount.value_high is None:
        return None
    if not _BARE_LINK.search(text[max(sentence.start, amount.start - 30):amount.start]) \
            and not _parallel(text, amount, counts[-1].amount):
        return None
    after = text[amount.end:amount.end + 3]
    if after[:1].isalpha():
        return None
    return _Draft(amount, amount.start, amount.end, "count", counts[-1].unit, "count.compared")


PARTITIVE = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?(?:top[ \t]+)?\d[\d,]*")


def _parallel(text: str, amount: Amount, count: Amount) -> bool:
    """ "X sold 168.6 million units, Y sold 106.7 million": the same verb before the same scale counts the same."""
    verb = PRECEDING_WORD.search(text, max(0, amount.start - 40), amount.start)
    earlier_verb = PRECEDING_WORD.search(text, max(0, count.start - 40), count.start)
    scale, earlier_scale = SCALE_WORD.search(text, amount.start, amount.end), SCALE_WORD.search(text, count.start,
                                                                                                count.end)
    return bool(verb and earlier_verb and scale and earlier_scale and verb.group(1).lower() == earlier_verb.group(1)
                .lower() not in _STOP and scale.group(0).lower() == earlier_scale.group(0).lower())


PRECEDING_WORD = re.compile(r"([a-z]{3,})[ \t]+(?:[~≈]|about[ \t]+|around[ \t]+|nearly[ \t]+)?$", re.IGNORECASE)
SCALE_WORD = re.compile(r"\b(?:thousand|million|billion|trillion)\b", re.IGNORECASE)


def _is_plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")) \
        or word in ("people", "children", "data")


_singular = lexicon.singular
