"""Figures: every number in a report's prose, with what it measures.

Entry point: `extract_figures(doc, skip)`; `skip` holds, per page, the spans of tables, whose numbers are
table cells and not figures. The work is in three steps:

1. `extractors.amounts.find_amounts` finds money, percentages, multipliers and bare numbers in a page;
2. `drafts._drafts` turns them into figure drafts: a bare number becomes a count when a counted noun follows it
   ("175 billion parameters"), or inherits the unit of the count it is compared with ("2,048 tokens ...
   increased to 4,096"); years, versions ("GPT-4", "Claude 3.7"), ranks, list marks and time horizons
   ("within five years") are dropped;
3. the sentence, its paragraph and the document give each draft its metric, qualifier, year or period,
   forecast flag, subject, segment, geography and publisher: `attributes` (qualifier, metric), `years`
   (year, period), `subject` (subject, entity, segment), then `assembly` builds the `Figure`; `state` holds what
   the document has said so far. This module reads the pages and sentences and runs the stages in order.

Every figure names the rule that found it (`Figure.rule`), e.g. `money`, `percent.cagr`, `count.noun`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from extractors import context, dating, deadline, metrics, subjects, units
from extractors.amounts import Amount, find_amounts
from extractors.figures.assembly import _figure, _SentenceFacts
from extractors.figures.attributes import (_coordinated_bounds, _coordinated_metrics, _frequency_prices,
                                           _inherit_prices, _metric, _qualifier, _sentence_metrics)
from extractors.figures.drafts import _Draft, _drafts
from extractors.figures.state import _SentenceView, _State
from extractors.figures.lists import parallel_lists, respectively
from extractors.figures.subject import _Earlier, _remember_market, _subject
from extractors.figures.years import _remember_dates, _years
from extractors.model import Document, Figure, Page
from extractors.publishers import document_publisher, one_name_per_firm


def extract_figures(doc: Document, skip: dict[int | None, list[tuple[int, int]]] | None = None) -> list[Figure]:
    indexes = [context.PageIndex(page.text) for page in doc.pages]
    dates = [year for index in indexes for _, year, _ in index.dates]  # the document's own date: its latest
    text = doc.text
    published = dating.published_date(text)
    opening = dating.opening_year(text)
    # The year the document was written, against which later years are forecasts: the printed date, else the
    # latest year it writes as a date or opens with.
    written = dating.published_year(published) or max([*dates, *([opening] if opening else [])], default=None)
    state = _State(written, document_publisher(text), published=published,
                   about_a_market=metrics.about_a_market(text[:300]))
    state.topic = subjects.topic(text[:600])
    state.text = text
    figures: list[Figure] = []
    for number, (page, index) in enumerate(zip(doc.pages, indexes)):
        deadline.check()
        state.page = index
        state.scope = dating.YearScope(page.text, opening, first_page=number == 0)
        state.paragraph = -1  # a page's paragraphs are numbered from 0 again
        figures.extend(_page_figures(page, (skip or {}).get(page.number, []), state))
    names = one_name_per_firm([f.publisher for f in figures])
    figures = [f if not f.publisher or names[f.publisher] == f.publisher else replace(f, publisher=names[f.publisher])
               for f in figures]
    return units.document_units(figures, text)


def _page_figures(page: Page, skip: list[tuple[int, int]], state: _State) -> list[Figure]:
    text = page.text
    sentences = context.sentences(text)
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list[Amount]] = {}
    in_table = _SpanSet(skip)
    for amount in find_amounts(text):
        if not in_table.holds(amount.start):
            by_sentence.setdefault(context.sentence_index(starts, amount.start), []).append(amount)
    out: list[Figure] = []
    page_index = state.page_index()
    for sentence_number, sentence in enumerate(sentences):
        deadline.check()
        view = _SentenceView(text, sentence, state)
        _enter_sentence(view)
        found = by_sentence.get(sentence_number)
        amounts = [a for a in found if a.start >= sentence.start] if found else None
        if amounts:
            drafts = _attribute(view, _drafts(view, amounts))
            if drafts:
                facts = _SentenceFacts.of(text[sentence.start:sentence.end], [d.start - sentence.start for d in drafts])
                out.extend(_figure(view, d, page.number, facts) for d in drafts)
        years = page_index.years_between(sentence.start, sentence.end)
        _remember_dates(view, years)
        state.previous_years = [y for _, _, y in years] if years else []
        if page_index.mentions("market", sentence.start, sentence.end):
            _remember_market(text[sentence.start:sentence.end], state)
    return out


class _SpanSet:
    """Spans (tables) merged and sorted once, so that each position is looked up by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def holds(self, position: int) -> bool:
        i = bisect_right(self._starts, position) - 1
        return i >= 0 and position < self._ends[i]


def _enter_sentence(view: _SentenceView) -> None:
    text, sentence, state = view.text, view.sentence, view.state
    if sentence.paragraph != state.paragraph:
        state.new_paragraph(sentence.paragraph)
    start, end = sentence.start, sentence.end
    if text.startswith("For ", start, end) and text.find(",", start, min(end, start + 60)) >= 0:
        state.paragraph_dated = []  # "For investors, ...": a general statement, not the dated case before it
    if state.page_index().cites(start, end):
        state.cite(text[start:end])

def _past_dateline(view: _SentenceView) -> _SentenceView:
    """The sentence without the dateline it opens with ("LONDON, June 10, 2025 (Wire) - "), which names no
    part of what its figures measure."""
    sentence = view.sentence
    start = dating.dateline_end(view.text, sentence.start, sentence.end)
    return view if start == sentence.start else _SentenceView(view.text, replace(sentence, start=start), view.state)


def _attribute(view: _SentenceView, drafts: list[_Draft]) -> list[_Draft]:
    _inherit_prices(view, drafts)
    _frequency_prices(view, drafts)
    for draft in drafts:
        draft.qualifier = _qualifier(view, draft)
        draft.metric, draft.rule = _metric(view, draft)
    _coordinated_metrics(view.text, drafts)
    _sentence_metrics(view, drafts)
    _coordinated_bounds(view.text, drafts)
    _years(view, drafts)
    earlier = _Earlier()
    story = _past_dateline(view)
    for draft in drafts:
        _subject(story, draft, earlier)
        earlier.see(draft)
    state, sentence = view.state, view.sentence
    if state.page_index().mentions("respectively", sentence.start, sentence.end):
        respectively(view, drafts)
    parallel_lists(view, drafts)
    for draft in drafts:
        if draft.metric == "cagr" and draft.period:
            state.cagrs[draft.amount.value] = (draft.period, draft.subject)
    return drafts


__all__ = ["extract_figures"]
