"""The grammar of amounts on sentences of the shapes reports use: which characters are an amount, and its value,
unit, upper end and qualifier. Sentences are made up here; none is copied from a labelled set."""

from __future__ import annotations

import pytest

from extractors.amounts import FAMILIES, MONEY_TRIGGER, MULTIPLIER_TRIGGER, candidate_windows, find_amounts

# (text, quote, kind, value, unit, value_high, qualifier): the amount expected among those found in `text`.
CASES = [
    # physical quantities keep their conventional abbreviation
    ("Installations reached 412GW last year.", "412GW", "quantity", 412.0, "GW", None, "exact"),
    ("The fleet stores 88.5 GWh in total.", "88.5 GWh", "quantity", 88.5, "GWh", None, "exact"),
    ("Capacity could pass 3.4 TW soon.", "3.4 TW", "quantity", 3.4, "TW", None, "exact"),
    ("Grid capacity stood at 2,310 gigawatts.", "2,310 gigawatts", "quantity", 2310.0, "GW", None, "exact"),
    ("They commissioned the forty-MW plant.", "forty-MW", "quantity", 40.0, "MW", None, "exact"),
    # point changes of a percentage
    ("Its share fell three percentage points.", "three percentage points", "percent", 3.0, "percentage point",
     None, "exact"),
    ("Its share rose 1.7 share points to 22%.", "1.7 share points", "percent", 1.7, "percentage point", None,
     "exact"),
    ("The rate gained half a point to 5.5%.", "half a point", "percent", 0.5, "percentage point", None, "exact"),
    ("Share of the segment was 4.1% (-0.6 pt.)", "-0.6 pt.", "percent", -0.6, "percentage point", None, "exact"),
    ("Shares moved a point or two, to 31%.", "a point or two", "percent", 1.0, "percentage point", 2.0, "range"),
    ("The central bank cut by 50 basis points.", "50 basis points", "percent", 50.0, "basis point", None, "exact"),
    ("It posted a 1.8 point gain.", "1.8 point", "percent", 1.8, "percentage point", None, "exact"),
    # "between ... and": one range, the low end scaled as the high end
    ("Deals were worth between $20 and $45 million.", "$20 and $45 million", "money", 20e6, "USD", 45e6, "range"),
    ("Margins ran between 4 and 6% last year.", "4 and 6%", "percent", 4.0, "percent", 6.0, "range"),
    # fractions, proportions and vague amounts in words
    ("Exports made up half of the output.", "half", "percent", 50.0, "percent", None, "exact"),
    ("Nearly two-thirds of the buyers paid online.", "two-thirds", "percent", 66.67, "percent", None, "approx"),
    ("A quarter of the stores closed.", "A quarter", "percent", 25.0, "percent", None, "exact"),
    ("Roughly three-quarters (74%) of sales were online.", "three-quarters", "percent", 75.0, "percent", None,
     "exact"),
    ("About one in four homes has a heat pump.", "one in four", "percent", 25.0, "percent", None, "exact"),
    ("Some 7 out of 10 shoppers compare prices.", "7 out of 10", "percent", 70.0, "percent", None, "exact"),
    ("The unit posted triple-digit growth.", "triple-digit", "percent", 100.0, "percent", None, "lower_bound"),
    ("Sales fell in double digits.", "double digits", "percent", 10.0, "percent", None, "lower_bound"),
    # money and percentages as other writers print them
    ("Revenue was R$412,7-billion.", "R$412,7-billion", "money", 412.7e9, "BRL", None, "exact"),
    ("Margins improved to 18,2% from 17,9%.", "18,2%", "percent", 18.2, "percent", None, "exact"),
    ("Its market value is $3.05T.", "$3.05T", "money", 3.05e12, "USD", None, "exact"),
    ("The grant was 25 000 euros.", "25 000 euros", "money", 25000.0, "EUR", None, "exact"),
    ("Net income was ($12.40).", "($12.40)", "money", -12.4, "USD", None, "exact"),
    ("The adjustment is -30€ this year.", "-30€", "money", -30.0, "EUR", None, "exact"),
    ("营收增长12%", "12%", "percent", 12.0, "percent", None, "exact"),
    ("销售额达到35亿元", "35亿元", "money", 3.5e9, "CNY", None, "exact"),
    ("Two amounts: $ 1,200.50 $ 980.25 in total.", "$ 980.25", "money", 980.25, "USD", None, "exact"),
]


@pytest.mark.parametrize("text,quote,kind,value,unit,high,qualifier", CASES, ids=[c[1] for c in CASES])
def test_amount_is_read(text: str, quote: str, kind: str, value: float, unit: str, high: float | None,
                        qualifier: str) -> None:
    found = {text[a.start:a.end]: a for a in find_amounts(text)}
    assert quote in found, sorted(found)
    amount = found[quote]
    assert (amount.kind, amount.unit, amount.qualifier) == (kind, unit, qualifier)
    assert float(amount.value) == pytest.approx(value)
    assert (None if amount.value_high is None else float(amount.value_high)) == (None if high is None
                                                                                 else pytest.approx(high))


# Text whose numbers are no such amount: (text, what must not be read as money/percent/quantity).
NOT_AMOUNTS = [
    ("Prices are given in 2023 dollars.", "money"),
    ("A small percent of 250 firms replied.", "percent"),
    ("Burning one pound of coal releases heat.", "money"),
    ("In the first half of the year sales rose.", "percent"),
    ("The team scored 98 points in the final.", "percent"),
    ("They drafted a 12-point plan.", "percent"),
    ("Sales grew between 2019 and 2023.", "percent"),
    ("Only one third said yes.", "percent"),
    ("The 2027–2034 outlook is cautious.", "number"),
]


@pytest.mark.parametrize("text,kind", NOT_AMOUNTS, ids=[t for t, _ in NOT_AMOUNTS])
def test_not_an_amount(text: str, kind: str) -> None:
    assert [text[a.start:a.end] for a in find_amounts(text) if a.kind == kind] == []


def test_thousands_apart_from_an_apostrophe_are_no_number() -> None:
    text = "Sales ('000 cars) rose."
    assert [a for a in find_amounts(text) if a.value == 0] == []


def test_a_parenthesis_after_a_name_is_an_aside_not_a_loss() -> None:
    text = "The largest was Acme ($4 billion)."
    assert [float(a.value) for a in find_amounts(text)] == [4e9]


def test_a_list_of_points_is_no_point_change_even_near_a_percentage() -> None:
    text = "A 10-point plan aims to cut emissions by 40%."
    assert [text[a.start:a.end] for a in find_amounts(text) if a.unit == "percentage point"] == []


# Glued, spaced and ranged forms of money and multipliers, each in a window of its own (far apart).
_FAMILY_SHAPES = ["5dollars", "5-euros", "7 cents", "3 dollars 50 cents", "twenty dollars", "5 billion-euros",
                  "5 pounds sterling", "5 Rands", "5mUSD", "EUR5", "10x", "10 x", "5-10x", "12×", "3 times",
                  "three times", "tenfold", "10-fold", "doubled", "halving", "an order of magnitude"]


@pytest.mark.parametrize("shape", _FAMILY_SHAPES)
def test_a_family_is_scanned_wherever_it_finds_an_amount(shape: str) -> None:
    text = "Acme said that " + shape + " was the figure."
    lower = text.lower()
    for _, finder, trigger in FAMILIES[:-1]:
        for window in candidate_windows(text, lower):
            if finder(text, [window]):
                assert trigger.search(lower, *window) is not None, finder.__name__


@pytest.mark.parametrize("words", ["7 percent of Europe's brands", "index 5 sometimes", "six boxes"])
def test_words_that_only_contain_a_currency_or_multiplier_open_no_scan(words: str) -> None:
    assert MONEY_TRIGGER.search(words) is None and MULTIPLIER_TRIGGER.search(words) is None


@pytest.mark.parametrize("text", ["Three firms grew.", "one-two punch of 5%", "Tenth, ten and onetwo", "x1one and _one",
                                  "a dozen (twelve) units", "halved;doubled\nhalf of it", "none of the 12"])
def test_number_words_are_found_in_lower_case_text_as_in_any_case(text: str) -> None:
    # the lower-case path reads a word after the character before it; the any-case path tries a word boundary
    assert candidate_windows(text, text.lower()) == candidate_windows(text)
