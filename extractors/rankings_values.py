"""Values, scopes and periods of ranking sentences: the amount that measures a ranked name (a level, or a
change where the ranking is by one), the ranking's scope in the sentence's words, and its year.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.amounts import Amount, find_amounts
from extractors.model import RankedEntry
from extractors.rankings_cues import (CHANGE_AFTER, CHANGE_BEFORE, CLAUSE_AFTER_NAME, COUNTED, FOUR_DIGIT_YEAR,
                                      FROM_BEFORE, INFINITIVE, LEADING_ATTRIBUTION, MAX_SCOPE_CHARS, NAME_RE, PARENS,
                                      PHYSICAL_UNIT, QUARTER, RANK_NUMBER_BEFORE, RESPECTIVELY, SCOPE_BREAK,
                                      SHORT_YEAR, YEAR)
from extractors.rankings_names import clean_name


def measure_of(sentence: str, start: int, end: int, change: bool, unit: str | None) -> Amount | None:
    """The amount that measures the entity in its part of the sentence: a level (share, money, count) unless
    the ranking is by a change; an earlier value ("up from 24%") is never it."""
    amounts = [a for a in find_amounts(sentence[start:end]) if not a.words and not is_year(
        sentence[start + a.start:start + a.end]) and not RANK_NUMBER_BEFORE.search(sentence[:start + a.start])]
    levels: list[Amount] = []
    changes: list[Amount] = []
    for a in amounts:
        before = sentence[max(0, start + a.start - 30):start + a.start]
        after = sentence[start + a.end:start + a.end + 25]
        if FROM_BEFORE.search(before):
            continue
        (changes if CHANGE_BEFORE.search(before) and not before.rstrip().endswith(" to")
         or CHANGE_AFTER.match(after) or sentence[start + a.start - 1:start + a.start] == "+" else levels).append(a)
    pool = changes if change else levels
    if unit:
        same = [a for a in pool if (a.unit or "count") == unit or (unit not in ("percent",) and a.unit is None)]
        pool = same or pool
    order = {"percent": 0, None: 2}
    pool.sort(key=lambda a: order.get(a.unit, 1))
    return pool[0] if pool else None


def with_stated_values(entries: list[RankedEntry], text: str) -> list[RankedEntry]:
    """An entry whose sentence gives no value takes the amount written right after its name nearby
    ("Taobao generated a GMV of US$490.3 billion and Tmall US$463.5 billion")."""
    out = []
    for e in entries:
        amount = None
        for mention in re.finditer(rf"(?<![\w-]){re.escape(e.entity)}(?![\w-])", text) if e.value is None else ():
            clause = CLAUSE_AFTER_NAME.match(text, mention.end())
            window = clause.group() if clause else ""
            amount = measure_of(window, 0, len(window), False, e.unit)
            # not across another name, nor after an object ("overtook Y to take the third spot with $X": X's)
            if amount is not None and amount.value_high is None and not NAME_RE.search(window[:amount.start]) \
                    and len(window[:amount.start].split()) <= 6 and not INFINITIVE.match(window):
                break
            amount = None
        out.append(replace(e, value=float(amount.value), unit=amount.unit or e.unit) if amount else e)
    return out


def measured(text: str) -> bool:
    return any(not a.words and not is_year(text[a.start:a.end]) for a in find_amounts(text))


def respective_values(sentence: str, entities: list[str]) -> dict[str, Amount]:
    """"their shares were 30%, 21% and 12% respectively": the amounts go to the names listed in that order."""
    m = RESPECTIVELY.search(sentence)
    if not m:
        return {}
    # "A and B followed with 12.6% and 11.1% respectively": the amounts after the last of the names
    named = [e for e in entities if e in sentence[:m.start()]]  # not a leader named in the sentence before
    placed = [sentence.rfind(e, 0, m.start()) for e in named]
    if len(named) > 1 and placed == sorted(placed):
        segment = sentence[placed[-1]:m.start()]
        after = [a for a in find_amounts(segment) if not a.words and not is_year(segment[a.start:a.end])]
        if 1 < len(after) <= len(named):  # the last names listed, as many as the amounts
            return dict(zip(named[-len(after):], after))
        if len(after) > len(named):  # "8% and 5% (50 GW and 30.7 GW, respectively)": the last ones
            return dict(zip(named, after[-len(named):]))
    clause_start = max(sentence.rfind(";", 0, m.start()), sentence.rfind(":", 0, m.start()))
    amounts = find_amounts(sentence[clause_start + 1:m.start()])
    names = [n for n in (clean_name(x, None) for x in NAME_RE.findall(sentence[:clause_start])) if n] \
        if clause_start > 0 else []
    names = list(dict.fromkeys(names))
    if not amounts or len(names) != len(amounts) or any(e not in names for e in entities):
        return {}
    return dict(zip(names, amounts))


def counted_noun(sentence: str, amount: Amount) -> str | None:
    """The counted thing after a bare number ("526,409 battery electric vehicles" -> "vehicle"), or the
    physical unit written after it ("120 GW")."""
    physical = PHYSICAL_UNIT.match(sentence, amount.end)
    if physical:
        return physical.group("unit")
    words = COUNTED.match(sentence, amount.end)
    if not words:
        return None
    nouns = words.group("words").split()
    while len(nouns) > 1 and (nouns[-1].endswith("ed") or nouns[-1] in ("sold", "shipped", "built", "made", "won")):
        nouns.pop()  # "1.2 million units sold": the participle is no counted thing
    noun = nouns[-1]
    return noun[:-1] if noun.endswith("s") and len(noun) > 3 else noun


def same_dimension(unit: str, other: str) -> bool:
    """Units that measure the same thing: equal, or one physical unit at two scales ("MW" and "GW")."""
    return unit == other or (PHYSICAL_UNIT.fullmatch(unit) is not None and PHYSICAL_UNIT.fullmatch(other) is not None
                             and unit[1:] == other[1:])


def only_amount(text: str) -> bool:
    inner = text.strip("() ")
    found = find_amounts(inner)
    return len(found) == 1 and len(inner) - (found[0].end - found[0].start) <= 3


def is_year(text: str) -> bool:
    return bool(FOUR_DIGIT_YEAR.fullmatch(text.strip()))


def scope_of(sentence: str, entity: str) -> str:
    """What the sentence ranks, in its own words: the part (between semicolons, dashes or a colon) that names
    the first ranked entity, without a leading attribution ("According to X,"), cut at a word boundary."""
    parts = SCOPE_BREAK.split(sentence.strip())
    clause = LEADING_ATTRIBUTION.sub("", next((p for p in parts if entity in p), parts[0]).strip())
    clause = " ".join(PARENS.sub("", clause).split()).rstrip(" ,.")
    if len(clause) > MAX_SCOPE_CHARS:
        clause = clause[:MAX_SCOPE_CHARS].rsplit(" ", 1)[0].rstrip(" ,") + " ..."
    return clause or "ranking"


def period_of(sentence: str) -> str | None:
    quarter = QUARTER.search(sentence)
    year = year_of_sentence(sentence)
    if quarter:
        return f"{quarter.group()} {year or ''}".strip()
    return str(year) if year else None


def year_of_sentence(sentence: str) -> int | None:
    short = SHORT_YEAR.search(sentence)
    if short:
        return 2000 + int(short.group("yy") or short.group("yy2"))
    return first_year(sentence)


def first_year(text: str) -> int | None:
    years = YEAR.findall(text)
    return int(years[0]) if years else None
