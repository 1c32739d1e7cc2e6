"""What surrounds a figure: its sentence and paragraph, the years and periods they state, the document's
own date, forecast words and the firm a figure is attributed to (the geography comes from extractors/nlp.py).

Sentences are found with a rule (terminal punctuation followed by a capital, or a line end), joining
lines that a PDF or HTML conversion broke mid-sentence. All patterns are module-level constants.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.lexicon import (MONTH_ABBREVIATIONS, MONTHS_CAPITALIZED, RECENT_YEAR_DIGITS, YEAR_DIGITS,
                                may_contain)

# Words that may attribute a figure to someone; "source" only before ":" or "s:" ("Sources: ...").
_CITATION_CUES = ("according", "estimates by", "data from", "source")
_YEARISH = re.compile(YEAR_DIGITS)
YEAR = re.compile(r"(?<![\w\-.,$€£¥])(?:FY ?)?(?P<y>" + RECENT_YEAR_DIGITS + r")(?:E|F)?(?![\w%]|[.,]\d|-\d{3})")
# "from 2024 to 2029", "between 2024 and 2029", "2024-2029", "2023-2029E", "2025–31".
PERIOD = re.compile(
    r"(?i:from|between)[ \t]+(?:(?:the[ \t]+)?(?:end|start|beginning)[ \t]+of[ \t]+)?(?P<a>(?:19|20)\d\d)"
    r"[ \t]+(?i:to|and|through|until|till)[ \t]+(?:(?:the[ \t]+)?(?:end[ \t]+of[ \t]+))?(?P<b>(?:19|20)\d\d)\b"
    r"|(?<![\w\-.,])(?P<c>(?:19|20)\d\d)[ \t]?[-–—][ \t]?(?P<d>(?:19|20)?\d\d)(?:E|F)?\b"
)
_MONTHS = "|".join(MONTHS_CAPITALIZED + MONTH_ABBREVIATIONS)
# A dated statement: "September 2025", "as of mid-2026", "Last updated: April 2026", "Q3 2025".
DATE = re.compile(rf"\b(?:(?:{_MONTHS})\.?(?:[ \t]+\d{{1,2}},)?|Q[1-4]|(?i:as of)(?:[ \t]+(?:mid|early|late|end)-?)?)"
                  r"[ \t]+(?P<y>(?:19|20)\d\d)\b")
FORECAST = re.compile(
    # "projects" only as the verb ("the report projects ad sales to decline", "projects that"), not the noun
    # ("seven projects totalling 1,325 MW")
    r"\b(?i:expect(?:s|ed)?|project(?:ed|ing|ions?)|projects[ \t]+(?:that|(?:[\w\-’']+[ \t]+){1,6}?to[ \t]+(?=[a-z]))"
    r"|forecast(?:s|ed)?|will|anticipated?|predict(?:s|ed)?|"
    r"(?:is|are)[ \t]+(?:poised|set|slated|on[ \t]+track)[ \t]+(?:to|for)|going[ \t]+to"
    r"|estimated[ \t]+to[ \t]+(?:reach|grow|hit)"
    r"|guid(?:ed|es|ance)"
    r"|price[ \t]+targets?|(?-i:outlook)"  # not "Outlook": a report's name ("EU Market Outlook for Solar Power")
    # a possible level or change: "could reach 45%", "may grow 8%", "might top $1 trillion"
    r"|(?:could|may|might)[ \t]+(?:\w+[ \t]+)?(?:reach|rise|grow|hit|exceed|top|surpass|fall|decline|drop|increase"
    r"|double|triple|climb|account|make[ \t]+up))\b"
)
# Where one clause of a sentence ends and another begins: "reached $26.3 billion in Q4, and its total spending
# is expected to exceed ...", "; ", ", while ...", ", but ...".
CLAUSE_BREAK = re.compile(r";|,[ \t]+(?:and|but|while|whereas)\b|[ \t]+(?:but|while|whereas)[ \t]")
_AFTER_STOP = re.compile(r"[,;(]|[ \t](?:and|but|while|whereas)[ \t]")
_FROM_BEFORE = re.compile(r"\bfrom[ \t]+(?:about[ \t]+|around[ \t]+|roughly[ \t]+|nearly[ \t]+)?$", re.IGNORECASE)
_AFTER_FIGURE = 60  # characters after a figure in which a forecast word still governs it ("$1bn is expected")
# One class first, so that the engine skips ahead to the next stop or line end instead of trying each position.
_SENTENCE_END = re.compile(r"[\n.!?](?:(?<=\n)|(?=[\"”’)\]]?\s+[\"“(\[]?[A-Z0-9]))")
_ABBREVIATIONS = frozenset({"vs", "e.g", "i.e", "u.s", "inc", "ltd", "co", "corp", "no", "approx", "est", "etc",
                            "mr", "ms", "dr", "st", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                            "sept", "oct", "nov", "dec", "u.k", "e.u", "p"})


# Not frozen: a page builds one per sentence, and a frozen dataclass's __init__ costs 2.5x. Nothing assigns to it.
@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the paragraph (a run of joined lines) the sentence belongs to


def sentences(text: str) -> list[Sentence]:
    """Sentences of a page, in order; a line that does not end a sentence joins a next line in lower case."""
    out: list[Sentence] = []
    start, paragraph = 0, 0
    for m in _SENTENCE_END.finditer(text):
        at = m.start()
        line_end = text[at] == "\n"
        if line_end:
            if _continues(text, at):
                continue
        elif _is_abbreviation(text, at):
            continue
        _add(out, text, start, at if line_end else at + 1, paragraph)
        if line_end:
            paragraph += 1
        start = m.end()
    _add(out, text, start, len(text), paragraph)
    return out


def _continues(text: str, newline: int) -> bool:
    """A line broken mid-sentence: it does not end with punctuation and the next text starts in lower case."""
    if newline == 0 or text[newline - 1] in ".!?:;":  # most lines end a sentence: the next line is not read
        return False
    after = text[newline + 1:newline + 200].lstrip()
    return bool(after) and after[0].islower()


_WORD_AT_END = re.compile(r"([\w.]+)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    word = _WORD_AT_END.search(text, max(0, dot - 12), dot)
    return word is not None and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1)


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, paragraph))


class PageIndex:
    """The years, periods and dates of a page, found in one pass and looked up per sentence by position.

    Scanning each sentence again costs a scan of the whole page per pattern; none of these patterns can match
    across a sentence boundary, so the page's matches are the sentences' matches."""

    def __init__(self, text: str) -> None:
        self.lower = text.lower()
        self._same_length = len(self.lower) == len(text)  # lower() can lengthen rare letters ("İ")
        windows = _year_windows(text)
        self.years = [(m.start("y"), m.end("y"), int(m.group("y")))
                      for s, e in windows for m in YEAR.finditer(text, s, e)]
        self.periods = [p for s, e in windows for p in _periods(PERIOD.finditer(text, s, e))]
        self.dates = [(m.start(), int(m.group("y")), m.group(0).lower().startswith("as of"))
                      for s, e in windows for m in DATE.finditer(text, s, e)]
        self._year_starts = [y[0] for y in self.years]
        self._period_starts = [p[0] for p in self.periods]
        self._date_starts = [d[0] for d in self.dates]
        self._cues = _citation_cues(self.lower) if self._same_length else [0]

    def years_between(self, start: int, end: int) -> list[tuple[int, int, int]]:
        return self.years[bisect_left(self._year_starts, start):bisect_left(self._year_starts, end)]

    def periods_between(self, start: int, end: int) -> list[tuple[int, int, int, int]]:
        return self.periods[bisect_left(self._period_starts, start):bisect_left(self._period_starts, end)]

    def dates_between(self, start: int, end: int) -> list[tuple[int, int, bool]]:
        return self.dates[bisect_left(self._date_starts, start):bisect_left(self._date_starts, end)]

    def cites(self, start: int, end: int) -> bool:
        """text[start:end] may attribute a figure to someone: "according to", "source:", "data from"."""
        i = bisect_left(self._cues, start)
        return i < len(self._cues) and self._cues[i] < end or not self._same_length

    def mentions(self, word: str, start: int, end: int) -> bool:
        """`word` (lower case) occurs in text[start:end], in any case; a cheap test before a pattern runs."""
        return self.lower.find(word, start, end) >= 0 if self._same_length else True


def _citation_cues(lower: str) -> list[int]:
    """Where a citation cue starts in a lower-cased text, in order, found with str.find: a pattern of the cues
    is tried at every "a", "e", "d" and "s" of the text, which costs three times as much."""
    found = []
    for cue in _CITATION_CUES:
        at = lower.find(cue)
        while at >= 0:
            if cue != "source" or lower.startswith((":", "s:"), at + len(cue)):
                found.append(at)
            at = lower.find(cue, at + 1)
    return sorted(found)


def _year_windows(text: str) -> list[tuple[int, int]]:
    """Stretches around what looks like a year: every year, period and date lies in one (see amounts' windows)."""
    windows: list[tuple[int, int]] = []
    for m in _YEARISH.finditer(text):
        start, end = max(0, m.start() - 40), m.end() + 8
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def sentence_index(starts: list[int], position: int) -> int:
    return max(0, bisect_right(starts, position) - 1)


def _periods(matches: Iterator[re.Match[str]]) -> list[tuple[int, int, int, int]]:
    out = []
    for m in matches:
        a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
        first, last = int(a), int(b) if len(b) == 4 else int(a[:2] + b)
        if first < last <= first + 50:
            out.append((m.start(), m.end(), first, last))
    return out


def has_forecast_words(text: str) -> bool:
    return may_contain(text, _FORECAST_WORDS) and FORECAST.search(text) is not None


# One of these is in every match of FORECAST: four sentences in five hold none and skip the pattern.
_FORECAST_WORDS = ("expect", "project", "forecast", "will", "anticipat", "predict", "poised", "set", "slated", "track",
                   "going", "estimated", "guid", "price", "outlook", "could", "may", "might")


def forecast_stated(text: str, sentence_start: int, start: int, end: int) -> bool:
    """A forecast word governs the figure at text[start:end]: one in its clause before it ("Gartner expects
    revenue to reach $705 billion"), or one right after it in the same clause ("$1bn is projected"); not one of
    another clause of its sentence ("capex reached $26.3 billion in Q4, and spending is expected to ...")."""
    if _FROM_BEFORE.search(text, max(0, start - 12), start):
        return False  # "expected to grow from $41.97bn in 2024 to ...": where a forecast starts, not the forecast
    clause_start = sentence_start
    for m in CLAUSE_BREAK.finditer(text, sentence_start, start):
        clause_start = m.end()
    if FORECAST.search(text, clause_start, start):
        return True
    after_end = min(len(text), end + _AFTER_FIGURE)
    stop = _AFTER_STOP.search(text, end, after_end)
    return FORECAST.search(text, end, stop.start() if stop else after_end) is not None


_FIRM_END = re.compile(r"\s+(?:Reports?|Research Reports?|analysis|estimates?|data)\b|[,;:(]")


def firm_name(raw: str) -> str | None:
    name = _FIRM_END.split(raw.strip())[0].strip(" .")
    return name or None
