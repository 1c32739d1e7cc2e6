"""The part of its year a figure is about, when its subject does not say it.

A subject that names a quarter or half ("Q4 smartphone shipments") gives the part itself
(`year_parts.period_marker`). Otherwise a reader takes it from the sentence: "Looking only at
the fourth quarter of 2024, Apple came first with 77.1 million units" is a Q4 figure whatever
the extracted subject kept. A sentence that names one quarter or half (however often) frames
all its figures; one that names two parts, or the full year too, frames none. A sentence that
names no part and no year of its own and follows such a sentence directly ("Samsung was next
with 51.9 million units") goes on in its frame. Months are left out: a month in a sentence is
more often when something was said than what a number covers.
"""

from __future__ import annotations

import re

import pandas as pd

from reconcile.year_parts import cased_plainly, period_markers

# The lookahead on the alternatives' first letters changes no match; it lets the regex engine pass over
# most positions of a sentence without trying each alternative (a third of the time on long sentences).
_WHOLE_YEAR = re.compile(r"(?=[fwayn])\b(?:full[- ]year|whole year|annual|annually|for the year|year[- ]to[- ]date"
                         r"|ytd|nine months|first three quarters)\b", re.I)
_YEAR = re.compile(r"\b(?:19|20|21)\d\d\b")
_ADJACENT = 2  # characters between two sentences of one paragraph ("16% of the pie. Then ...")
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:and|while|whereas|but)\b", re.I)


def sentence_part(sentence: object) -> str | None:
    """The one quarter or half a sentence frames its figures in (see the module's docstring), or None."""
    if not isinstance(sentence, str):
        return None
    return _time_said(sentence)[0]


def _time_said(sentence: str) -> tuple[str | None, bool]:
    """(the sentence's part of the year, `sentence_part`; whether it states no time of its own: no year,
    no part of one, no whole year), each pattern run once per sentence: a corpus has tens of thousands."""
    if _may_say_the_whole_year(sentence) and _WHOLE_YEAR.search(sentence):
        return None, False
    markers = period_markers(sentence)
    parts = {p for p in markers if p[0] in "qh"}
    return (next(iter(parts)) if len(parts) == 1 else None), not (markers or _YEAR.search(sentence))


def _may_say_the_whole_year(sentence: str) -> bool:
    """False where a sentence holds none of the words every match of `_WHOLE_YEAR` holds ("year", "annual",
    "ytd", "nine months", "three quarters"): substring tests, cheaper than the regex."""
    if not cased_plainly(sentence):  # under re.I a few other letters match ASCII ones
        return True
    lowered = sentence.lower()
    return "year" in lowered or "annual" in lowered or "ytd" in lowered or "nine months" in lowered \
        or "three quarters" in lowered


def compared_parts(figures: pd.DataFrame, subject_parts: list) -> list:
    """Each figure's part of the year: its subject's, else its sentence's, else that of the sentence just
    before it in its document when its own sentence names no part, no whole year and no year. Table cells
    (rule `table`) keep their subject's: their row and column say it."""
    sentences = figures["sentence"].tolist()
    prose = (figures["rule"] != "table").to_numpy()
    starts = [int(c) - max(str(s).find(str(q)), 0) for c, s, q in
              zip(figures["char_start"].tolist(), sentences, figures["quote"].tolist())]
    at, quotes = figures["char_start"].astype(int).tolist(), figures["quote"].astype(str).tolist()
    said: dict[str, tuple[str | None, bool]] = {}  # per distinct sentence, read when first needed

    def time_said(sentence: str) -> tuple[str | None, bool]:
        if sentence not in said:
            said[sentence] = _time_said(sentence)
        return said[sentence]

    doc_ids = figures["doc_id"].tolist()
    previous = _previous_sentences(doc_ids, sentences, starts, prose)
    out: list[str | None] = []
    for i, (part, sentence, doc) in enumerate(zip(subject_parts, sentences, doc_ids)):
        if part is not None and prose[i] and _whole_year_clause(sentence, at[i] - starts[i], quotes[i]):
            out.append(None)  # "quarterly revenues at $90.6 billion, and full-year 2024 revenues at $330.4 billion"
            continue
        if part is not None or not prose[i] or not isinstance(sentence, str):
            out.append(part)
            continue
        own, unframed = time_said(sentence)
        before = previous.get((doc, sentence))
        if own is None and before is not None and unframed:
            own = time_said(before)[0]
        out.append(own)
    return out


def _whole_year_clause(sentence: object, at: int, quote: str) -> bool:
    """The clause holding the figure's quote, printed at `at` (between commas, "and", "while" ...), names the
    whole year: the figure is the year's even where its subject kept a quarter the sentence names elsewhere."""
    if not isinstance(sentence, str) or not 0 <= at <= len(sentence):
        return False
    end = at + len(quote)
    before = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, at)]
    after = _CLAUSE_BREAK.search(sentence, end)
    return bool(_WHOLE_YEAR.search(sentence[before[-1] if before else 0:after.start() if after else len(sentence)]))


def _previous_sentences(doc_ids: list, sentences: list, starts: list, prose) -> dict[tuple, str]:
    """(document, sentence) -> the sentence that ends right before it in that document (both with figures):
    the same sentence printed in two documents follows what it follows in each."""
    spans: dict[tuple, int] = {}
    for doc, sentence, start, in_prose in zip(doc_ids, sentences, starts, prose):
        if in_prose and isinstance(sentence, str):  # a quote printed twice is found first: the least start holds
            spans[(doc, sentence)] = min(start, spans.get((doc, sentence), start))
    previous: dict[tuple, str] = {}
    by_doc: dict = {}
    for (doc, sentence), start in spans.items():
        by_doc.setdefault(doc, []).append((start, sentence))
    for doc, spans_of_doc in by_doc.items():
        spans_of_doc.sort()
        for (start, sentence), (next_start, following) in zip(spans_of_doc, spans_of_doc[1:]):
            if 0 <= next_start - (start + len(sentence)) <= _ADJACENT:
                previous[(doc, following)] = sentence
    return previous
