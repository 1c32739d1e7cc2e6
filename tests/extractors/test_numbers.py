"""Number and amount scanning: trie alternations, and windows that find exactly what a whole-text scan finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import amounts, lexicon
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


# --- the lexicon's currencies, read in every form the grammar builds from them ------------------------------

_ISO_CODES = [code for code, iso in lexicon.CURRENCY_CODES.items() if code == iso]


@pytest.mark.parametrize("code", _ISO_CODES)
def test_every_iso_code_reads_before_after_and_as_millions(code: str) -> None:
    for text in (f"sales of {code} 12 million", f"sales of 12 million {code}", f"sales of M{code} 12"):
        found = [a for a in amounts.find_amounts(text) if a.kind == "money"]
        assert [(a.unit, a.value) for a in found] == [(code, 12_000_000)], text


@pytest.mark.parametrize("sign", [s for s in lexicon.CURRENCY_SIGNS if len(s) == 1])
def test_every_currency_sign_reads_after_the_number_and_before_it_unless_written_after_only(sign: str) -> None:
    iso = lexicon.CURRENCY_SIGNS[sign]
    after = [(a.unit, a.value) for a in amounts.find_amounts(f"priced at 40{sign} each") if a.kind == "money"]
    before = [(a.unit, a.value) for a in amounts.find_amounts(f"priced at {sign}40 each") if a.kind == "money"]
    assert after == [(iso, 40)]
    assert before == ([] if sign in lexicon.SIGNS_AFTER_NUMBER else [(iso, 40)])


@pytest.mark.parametrize("prefix", [p for p in lexicon.DOLLAR_PREFIXES if p])
def test_every_dollar_prefix_names_its_currency(prefix: str) -> None:
    found = [(a.unit, a.value) for a in amounts.find_amounts(f"costs {prefix.upper()}$7 per unit") if a.kind == "money"]
    assert found == [(lexicon.DOLLAR_PREFIXES[prefix], 7)]
