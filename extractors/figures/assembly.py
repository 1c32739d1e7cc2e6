"""Assembly: a finished draft with what its sentence says, as a `Figure`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import context, nlp, publishers
from extractors.figures.drafts import _Draft
from extractors.figures.state import _SentenceView
from extractors.figures.lists import owner_place
from extractors.model import Figure


@dataclass(frozen=True)
class _SentenceFacts:
    """What a sentence says for all of its figures, found once per sentence."""

    body: str
    forecast_words: bool
    places: tuple[tuple[int, str], ...]  # (offset in the sentence, place)
    firm: str | None
    firms: tuple[tuple[int, str], ...]  # (offset, firm) of firms the sentence quotes side by side

    @classmethod
    def of(cls, body: str, offsets: list[int]) -> _SentenceFacts:
        """`offsets`: where the sentence's figures start in it."""
        places, firm = nlp.sentence_places_and_firm(body)
        return cls(body, context.has_forecast_words(body), places, firm, publishers.side_by_side(body, offsets))


def _figure(view: _SentenceView, draft: _Draft, page: int | None, facts: _SentenceFacts) -> Figure:
    text, sentence, state = view.text, view.sentence, view.state
    body = facts.body
    year, period = draft.year, draft.period
    last_year = period[1] if period else year
    # Forecast words count where they govern the figure's own clause ("is projected to reach"), even for a
    # year before the document's; a later year than the document's is a forecast in any case.
    stated = facts.forecast_words and context.forecast_stated(text, sentence.start, draft.start, draft.end)
    if state.doc_year is not None and last_year is not None and last_year != state.doc_year:
        forecast = last_year > state.doc_year or stated
    else:
        forecast = stated or (last_year is not None and state.doc_year is None
                              and bool(re.search(r"\bby[ \t]+" + str(last_year), body)))
    amount = draft.amount
    return Figure(
        page=page, char_start=draft.start, char_end=draft.end, quote=text[draft.start:draft.end], sentence=body,
        metric=draft.metric, value=float(amount.value), unit=draft.unit,
        value_high=float(amount.value_high) if amount.value_high is not None else None, per=draft.per,
        qualifier=draft.qualifier, year=year, period_start=period[0] if period else None,
        period_end=period[1] if period else None, is_forecast=forecast, subject=draft.subject,
        geography=owner_place(facts.places, body, draft.entity, draft.start - sentence.start)
        or nlp.place_at(facts.places, draft.start - sentence.start),
        segment=draft.segment or nlp.excluded_part(body, draft.start - sentence.start),
        publisher=publishers.firm_beside(facts.firms, draft.start - sentence.start) or facts.firm
        or state.paragraph_firm or state.publisher,
        value_low=float(amount.low) if amount.low is not None else None,
        value_upper=float(amount.high) if amount.high is not None else None, rule=draft.rule,
        direction=draft.direction,
    )
