"""Inside one document: the parts of one whole that a sentence lists, its last item the rest.

"Hotels took 34% of kettle revenue, offices 27%, hospitals 18% and all others 21%" lists every part of one
whole: its shares cannot exceed 100%. "North region sold $9.6 million, the south $3.4 million and the rest of
the country $1.0 million of the $14.0 million total" lists every part of a total it states: the parts must add
up to it, allowing for the rounding of every printed value. Without the rest closing the list the parts may be
a few of many, or of different wholes, and nothing is read. Only sentences holding nothing but the list (and
its total) are read, so that no other figure is taken for a part.
"""

from __future__ import annotations

import re

import pandas as pd

from reconcile.formatting import fmt_value
from reconcile.intervals import Interval
from reconcile.model import Finding, group_rows, known, records, relative_spread, same, severity_of, year_or_none
from reconcile.settings import ReconcileSettings

LISTED_PARTS = "listed_parts_against_total"
_PLAIN = ("exact", "approx")
# The last item of a list that holds all the rest: "and all others 9%", "the remainder (12%)".
_THE_REST_BEFORE = re.compile(r"\b(?:others?|the[ \t]+rest|remaining|remainder|all[ \t]+other)\b[^%\d]{0,30}$",
                              re.IGNORECASE)
_REST_WORD = re.compile(r"other|rest|remain", re.IGNORECASE)
# The list's total: "of the $14.0 million total", "out of a total of $14.0 million", "totalling $14.0 million".
_TOTAL_BEFORE = re.compile(r"\b(?:(?:of|out[ \t]+of)[ \t]+(?:a|the)[ \t]+(?:total|combined)[ \t]+(?:of[ \t]+)?"
                           r"|total(?:l?ing)?[ \t]+)$", re.IGNORECASE)
_TOTAL_AFTER = re.compile(r"[ \t]+(?:total|in[ \t]+total|combined)\b", re.IGNORECASE)
_BEFORE_TOTAL = re.compile(r"\b(?:of|out[ \t]+of)[ \t]+(?:the|a)[ \t]+$", re.IGNORECASE)
# A figure a list item is compared with ("up from $2.1 million"): no part, and the sentence no bare list.
_COMPARED_BEFORE = re.compile(r"\b(?:from|than|versus|vs\.?|against|compared[ \t]+(?:with|to))[ \t]+"
                              r"(?:(?:about|around|nearly|roughly)[ \t]+)?$", re.IGNORECASE)


def listed_shares(figures: pd.DataFrame) -> list[list]:
    """The shares of one year a sentence lists, three or more and nothing else, its last item the rest:
    parts of one whole, whatever their segments were read as."""
    runs = []
    for rows in _sentences(figures):
        if len(rows) >= 3 and all(r.metric == "market_share" and r.cmp_unit == "percent" and r.qualifier in _PLAIN
                                  and same(r.year, rows[0].year) for r in rows) and _closed_by_the_rest(rows[-1]):
            runs.append(rows)
    return runs


def listed_parts_against_total(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """A sentence's list of two or more amounts closed by the rest, and the total it gives them, that do not
    add up to it beyond the rounding of every printed value."""
    found = []
    for rows in _sentences(figures):
        totals = [r for r in rows if _is_total(r)]
        if len(totals) != 1 or len(rows) < 3:
            continue
        total = totals[0]
        parts = [r for r in rows if r is not total]
        if not (all(r.cmp_unit == total.cmp_unit and r.qualifier in _PLAIN and same(r.year, total.year)
                    for r in rows) and _closed_by_the_rest(parts[-1])):
            continue
        summed = Interval(sum(r.cmp_exact.low for r in parts), sum(r.cmp_exact.high for r in parts))
        if not summed.overlaps(total.cmp_exact):
            found.append(_finding(total, parts, settings))
    return found


def _sentences(figures: pd.DataFrame) -> list[list]:
    """The figures of each sentence that compares none with another, in the order the sentence gives them;
    only sentences that may close a list with the rest (a word every `_THE_REST_BEFORE` match holds)."""
    figures = figures[figures["sentence"].str.contains(_REST_WORD, na=False)]
    located = [r for r in records(figures) if r.cmp_offset >= 0 and known(r.sentence) is not None]
    return [sorted(rows, key=lambda r: r.cmp_offset)
            for rows in group_rows(located, lambda r: (r.doc_id, r.sentence)).values()
            if not any(_COMPARED_BEFORE.search(r.sentence, max(0, r.cmp_offset - 25), r.cmp_offset) for r in rows)]


def _closed_by_the_rest(row) -> bool:
    return _THE_REST_BEFORE.search(row.sentence, max(0, row.cmp_offset - 40), row.cmp_offset) is not None


def _is_total(row) -> bool:
    sentence, start, end = row.sentence, row.cmp_offset, row.cmp_offset + len(row.quote)
    return _TOTAL_BEFORE.search(sentence, max(0, start - 30), start) is not None \
        or (_TOTAL_AFTER.match(sentence, end) is not None
            and _BEFORE_TOTAL.search(sentence, max(0, start - 12), start) is not None)


def _finding(total, parts: list, settings: ReconcileSettings) -> Finding:
    value = sum(float(r.value) for r in parts)
    spread = relative_spread([value, float(total.value)])
    explanation = (f"In {total.source_file} one sentence lists {' + '.join(r.quote for r in parts)} = "
                   f"{fmt_value(value, total.unit)}, the rest included, of its total {total.quote}: "
                   f"{spread:.1%} apart, beyond the rounding of the printed values.")
    rows = [total, *parts]
    return Finding(kind="inconsistency", check=LISTED_PARTS, severity=severity_of(spread, settings),
                   explanation=explanation, subject_key=total.cmp_label, metric=total.metric,
                   year=year_or_none(total.year), figure_ids=[r.figure_id for r in rows], doc_ids=[total.doc_id],
                   values=[float(r.value) for r in rows])
