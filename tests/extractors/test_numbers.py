"""Number and amount scanning: trie alternations, and windows that find exactly what a whole-text scan finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import amounts
from extractors.numbers import NUMBER_WORDS, parse_number, word_alternation


def _whole_text_scan(text: str) -> list[amounts.Amount]:
    """The reference: every family's pattern over the whole text, no windows, no triggers."""
    whole = [(0, len(text))]
    return amounts.choose(text, [(rank, a) for rank, finder, _ in amounts.FAMILIES for a in finder(text, whole)])


@pytest.mark.parametrize("words", [["ten", "two", "twenty", "three"], NUMBER_WORDS, ["u.s.", "us", "usa"]])
def test_word_alternation_matches_exactly_the_words(words: list[str]) -> None:
    pattern = re.compile(r"(?:" + word_alternation(words) + r")\Z")
    assert all(pattern.match(w) for w in words)
    assert not any(pattern.match(w + "x") or pattern.match(w[:-1]) and w[:-1] not in words for w in words)


def test_word_numbers_parse() -> None:
    assert parse_number("one hundred and twenty").value == 120
    assert parse_number("seventeen").value == 17 and parse_number("seventy").value == 70


_AMOUNTISH = st.lists(st.sampled_from([
    "US$", "$", "€", "£", "¥", "USD ", "RMB", "Rs. ", " ", "\n", "-", "–", "~", "+", ">", "%", "x", "×", ",", ".",
    "10.7", "2,048", "1", "2024", "billion", "million", "B", "M", "bn", " percent", " per cent", "tenfold",
    "three", "twenty-five", " times", "doubled", "an order of magnitude", " dollars", " yuan", " pence", " cents",
    "a" * 30, "word ", "http://x.io/10 ", "a@b.co ", "MUSD", "fold", "half", "quarter", " euros", "5 ", "of ",
    " in ", " out of ", "/", " points", " pts", "pp", " bps", "-digit", "thirds", "GW", " MWh", "T", "亿元", " and ",
    "between ", "(", ")", "is ",
]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_AMOUNTISH, st.text(max_size=300)))
def test_windows_find_what_the_whole_text_scan_finds(text: str) -> None:
    assert amounts.find_amounts(text) == _whole_text_scan(text)
