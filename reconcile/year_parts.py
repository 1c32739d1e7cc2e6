"""The parts of a year a text names: "Q4", "4Q", "the fourth quarter", "H1", "first half", a month.

A subject that names one is about that part of its year, a key of its own (`period_marker`); a sentence
that names one frames its figures in it (`reconcile.periods`). A part a change is measured from ("up 7%
from Q3", "half a point over June") is not the figure's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Part-of-year markers: the figure is about that part of its year, a key of its own (`period_marker`).
# The lookahead on the alternatives' first characters changes no match; it lets the regex engine pass over
# most positions without trying each alternative (as `periods._WHOLE_YEAR` does).
PERIODS = re.compile(
    r"(?=[qhfstjmaond1-4])\b(?:(?P<q>q[1-4])|(?P<nq>[1-4])q|(?P<h>h[12])|(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
    r"[- ](?P<part>quarter|half)|(?P<month>january|february|march|april|may|june|july|august|september"
    r"|october|november|december))\b", re.I)
# "picking up half a point over June", "up 7% from Q3": the part a change is measured from, not the figure's
_CHANGE_BASE = re.compile(r"\b(?:over|from|than|versus|vs\.?|against|since)\s+(?:the\s+)?$", re.I)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def period_marker(subject: object) -> str | None:
    """The part of its year a subject is about: "q4", "h1", "july"; None for a whole year or none stated."""
    if not isinstance(subject, str):
        return None
    if (m := next(_stated_parts(subject), None)) is None:
        return None
    return _marker(m)


def _marker(m: re.Match[str]) -> str:
    """The marker of one match of `PERIODS`: "q4", "h1", "july"."""
    if m["q"] or m["h"]:
        return (m["q"] or m["h"]).casefold()
    if m["nq"]:
        return f"q{m['nq']}"
    if m["ord"]:
        return f"{'q' if _ascii_fold(m['part']) == 'quarter' else 'h'}{_ORDINALS[_ascii_fold(m['ord'])]}"
    return _ascii_fold(m["month"])


def _ascii_fold(word: str) -> str:
    """`word` in lower case as the ASCII pattern `re.I` matched it to ("fırst", "İnd" under re.I: "first")."""
    return word.casefold().replace("i\u0307", "i").replace("ı", "i")


def period_markers(text: object) -> set[str]:
    """Every part of a year the text names ("q4" for "the fourth quarter" and for "Q4")."""
    if not isinstance(text, str):
        return set()
    return {_marker(m) for m in _stated_parts(text)}


def _stated_parts(text: str) -> Iterator[re.Match[str]]:
    """The parts of a year the text names, but for a change's base ("over June")."""
    if cased_plainly(text) and not _may_name_a_part(text.lower()):
        return iter(())
    return (m for m in PERIODS.finditer(text) if not _CHANGE_BASE.search(text, max(0, m.start() - 16), m.start()))


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")


# The letters that re.I matches to ASCII ones besides the ASCII letters' own cases (Python's `re` docs).
_OTHER_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")  # İ, ı, ſ, the Kelvin sign


def cased_plainly(text: str) -> bool:
    """Whether re.I can match an ASCII pattern letter in the text only to that letter in either case, so that
    a substring test on `text.lower()` finds every match's letters: none of `_OTHER_FOLDS` in the text."""
    if text.isascii():
        return True
    for letter in _OTHER_FOLDS:  # a loop, not any(): no generator per sentence
        if letter in text:
            return False
    return True


def _may_name_a_part(lowered: str) -> bool:
    """Whether a text in lower case (`cased_plainly`) holds what every match of `PERIODS` holds (a "q", "h1",
    "h2", "half" or a month): a few substring tests rule out most sentences at a fraction of the regex's cost,
    which tries its alternatives at every word start."""
    if "q" in lowered or "h1" in lowered or "h2" in lowered or "half" in lowered:
        return True
    for month in _MONTHS:  # a loop, not any(): no generator per sentence
        if month in lowered:
            return True
    return False
