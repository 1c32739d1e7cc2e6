"""Cheap tests run before costly patterns must never say no where the pattern says yes."""

from __future__ import annotations

import pytest

from extractors import context, publishers
from extractors.figures import attributes
from extractors.lexicon import may_contain

FORECAST_CASES = [
    "Revenue is EXPECTED to reach $5 billion.", "The Outlook report put sales at $3 billion.",
    "The outlook for 2026 is 5% growth.", "Sales Will grow 4%.", "Shipments are Poised to rise 3%.",
    "The asset base grew 5%.", "Analysts anticipate 6% growth.", "Guidance calls for 7%.",
    "Prices fell 2% in 2024.", "It may reach 9%.", "Sales rose 5% in 2024.", "Mayors said 12%.",
    "Les ventes prévues: 5%.", "Sales are projected to rise 5% in the ſecond half.",
]


@pytest.mark.parametrize("sentence", FORECAST_CASES)
def test_forecast_words_agree_with_the_pattern(sentence: str) -> None:
    assert context.has_forecast_words(sentence) == (context.FORECAST.search(sentence) is not None)


@pytest.mark.parametrize("left", ["sales of ROUGHLY ", "Up To ", "up to", "More Than ", "revenue of about ",
                                  "más de about ", "revenue of ", "nearly all of the "])
def test_left_qualifier_on_lower_case_agrees_with_the_case_insensitive_pattern(left: str) -> None:
    expected = attributes.LEFT_QUALIFIER.search(left)
    found = attributes._LEFT_QUALIFIER_LOWER.search(left.lower()) if left.isascii() else expected
    assert (found and (found.span(), found.lastgroup)) == (expected and (expected.span(), expected.lastgroup))


def test_may_contain_lets_text_beyond_ascii_through() -> None:
    assert not may_contain("Sales rose 5%.", ("net",))
    assert may_contain("NET of returns", ("net",))
    assert may_contain("Sales rose 5% in İzmir.", ("net",))  # a case-insensitive pattern may match such text


@pytest.mark.parametrize("sentence", ["Sales rose 5%.", "Sales rose 5%, PER IDC.", "Data By Acme show 5%.",
                                      "Acme's sales rose 5%.", "Acme’s sales rose 5%.", "Sales -- 5%.",
                                      "SOURCES say 5%.", "According to Acme, 5%.", "Superb 5% growth.",
                                      "Sales of 5% at Acme.", "Prosper rose 5%.", "Über 5% from Acme."])
def test_may_cite_agrees_with_the_pattern(sentence: str) -> None:
    assert publishers._may_cite(sentence) == (publishers._MAY_CITE.search(sentence) is not None)


def test_left_qualifiers_are_written_in_lower_case() -> None:
    # `_LEFT_QUALIFIER_LOWER` is the case-sensitive twin of LEFT_QUALIFIER, run on lower-cased text
    assert all(words == words.lower() for _, words in attributes._LEFT_QUALIFIERS)
