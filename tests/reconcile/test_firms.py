"""Whose figure it is in a sentence that lists several firms (`reconcile.firms`), on made-up rows."""

import re

import pytest

import schemas
from reconcile import reconcile
from reconcile.firms import _starts_a_word, lower_words, own_clause_key, own_name_key, shared_keys
from tests.reconcile.frames import figure, figures

LIST = "Acme follows with 14%, then Globex with 9%, Initech with 8%, and Hooli with 5%."


def run(*rows):
    return reconcile(figures(*rows), schemas.empty("rankings"), schemas.empty("tables"), schemas.empty("documents"))


def test_the_name_written_nearest_before_a_figure_is_its_owner():
    lower = lower_words([LIST])
    assert own_name_key("globex initech widget", LIST, LIST.index("8%"), lower) == "initech widget"
    assert own_name_key("acme globex widget", LIST, LIST.index("9%"), lower) == "globex widget"
    # one name, or the figure before every name of its key: nothing to choose
    assert own_name_key("globex widget", LIST, LIST.index("9%"), lower) == "globex widget"
    assert own_name_key("hooli initech", LIST, LIST.index("14%"), lower) == "hooli initech"


def test_names_joined_by_and_share_the_figure_and_a_name_taken_in_owns_none():
    both = "At the top, Acme and Globex share the lead with 18% of the market each."
    assert own_name_key("acme globex widget", both, both.index("18%"), lower_words([both])) == "acme globex widget"
    taken = "Globex sold 20 million units and Initech, Hooli included, sold 10.4 million."
    key = own_name_key("globex hooli initech", taken, taken.index("10.4 million"), lower_words([taken]))
    assert key == "initech"


def test_a_capital_at_the_start_of_a_sentence_is_no_name_where_the_document_writes_the_word_in_lower_case():
    first = "Widget sales rose 7%, Acme says."
    lower = lower_words([first, "The widget market grew."])
    assert own_name_key("acme widget", first, first.index("7%"), lower) == "acme widget"


def test_a_firm_in_a_list_sentence_meets_another_sources_share_of_the_firm():
    rows = [figure("a.txt", "9%", 9.0, metric="market_share", unit="percent", sentence=LIST,
                   subject="then Globex Initech widget market", publisher="Firm One"),
            figure("b.txt", "12%", 12.0, metric="market_share", unit="percent",
                   sentence="Globex took a 12% share of the widget market in 2024.", subject="Globex widget market",
                   publisher="Firm Two")]
    found = run(*rows)
    conflicts = found[found["kind"] == "conflict"]
    assert len(conflicts) == 1 and sorted(conflicts.iloc[0]["values"]) == [9.0, 12.0]


def test_a_list_item_in_lower_case_takes_its_figure_from_the_item_before():
    lower_case = "Acme follows with 14%, then zeta with 9%."
    assert own_clause_key("acme widget zeta", lower_case, lower_case.index("14%") + 3, lower_case.index("9%")) \
        == "widget zeta"
    # a clause that goes on about the same thing ("... with 357 GW") is no new item: its owner stays
    going_on = "Acme accounted for nearly 60% of new widget capacity with 357 GW."
    assert own_clause_key("acme capacity widget", going_on, going_on.index("60%") + 3, going_on.index("357 GW")) \
        == "acme capacity widget"


def test_a_figure_joined_to_the_one_before_by_and_is_about_the_same_item():
    sentence = "Acme sold 27.2 million units for 8%, zeta with 26.4 million units and 8% of the market."
    rows = [figure("a.txt", "27.2 million units", 27.2e6, metric="count", unit="unit", sentence=sentence,
                   subject="Acme widget market", publisher="Firm One"),
            figure("a.txt", "8%", 8.0, metric="market_share", unit="percent", sentence=sentence,
                   subject="Acme widget market", publisher="Firm One"),
            figure("a.txt", "26.4 million units", 26.4e6, metric="count", unit="unit", sentence=sentence,
                   subject="Acme zeta widget market", publisher="Firm One"),
            figure("a.txt", "8% of the market", 8.0, metric="market_share", unit="percent", sentence=sentence,
                   subject="Acme zeta widget market", publisher="Firm One"),
            figure("b.txt", "7%", 7.0, metric="market_share", unit="percent", subject="zeta widget market",
                   sentence="zeta held 7% of the widget market in 2024.", publisher="Firm Two")]
    found = run(*rows)
    conflicts = found[found["kind"] == "conflict"]
    assert len(conflicts) == 1 and sorted(conflicts.iloc[0]["values"]) == [7.0, 8.0]


def test_the_figures_own_place_counts_as_a_name_of_the_sentence():
    places = "Mainland China grew 4% versus 2023, North America 1% and Europe 3%."
    lower = lower_words([places])
    key = own_name_key("china mainland widget", places, places.index("1%"), lower, frozenset({"north", "america"}))
    assert key == "widget"
    # without its place, the figure's key has one name and keeps it
    assert own_name_key("china mainland widget", places, places.index("1%"), lower) == "china mainland widget"


def test_a_figure_given_to_two_firms_together_is_compared_as_each_ones():
    both = "At the top, Acme and Globex share the lead with 18% of the widget market each."
    assert shared_keys("acme globex widget", both, both.index("18%"), lower_words([both])) == {"acme widget",
                                                                                              "globex widget"}
    assert shared_keys("acme widget", both, both.index("18%"), lower_words([both])) == frozenset()
    rows = [figure("a.txt", "18%", 18.0, metric="market_share", unit="percent", sentence=both,
                   subject="Acme and Globex widget market each", publisher="Firm One"),
            figure("b.txt", "16.4%", 16.4, metric="market_share", unit="percent", subject="Acme widget market",
                   sentence="Acme trails with a 16.4% share of the widget market in 2024.", publisher="Firm Two"),
            figure("c.txt", "18.0%", 18.0, metric="market_share", unit="percent", subject="Globex widget market",
                   sentence="Globex held 18.0% of the widget market in 2024.", publisher="Firm Three")]
    conflicts = run(*rows).query("kind == 'conflict'")
    assert [sorted(v) for v in conflicts["values"]] == [[16.4, 18.0]]  # Acme's; Globex's 18% agrees


def test_a_name_never_runs_into_the_figures_own_quote():
    sentence = "Acme generated US$490.3 billion and Globex US$463.5 billion."
    lower = lower_words([sentence])
    assert own_name_key("acme globex", sentence, sentence.index("US$463.5"), lower) == "globex"


def test_a_name_owned_by_another_is_the_figures_and_a_web_suffix_is_no_part_of_it():
    sentence = "Acme came third with $339 billion, behind Globex’s Zeta.com ($472 billion) and Hooli ($538 billion)."
    lower = lower_words([sentence])
    assert own_name_key("globex zeta", sentence, sentence.index("$472"), lower) == "zeta"


@pytest.mark.parametrize("word,text", [("smart", "Smartphones: smartphone sales"), ("phone", "smartphone sales"),
                                       ("phone", "smartphone phones"), ("sales", "sales rose"), ("sales", "x_sales"),
                                       ("été", "l'été"), ("rose", "")])
def test_a_word_start_is_found_as_the_regex_finds_it(word: str, text: str) -> None:
    assert _starts_a_word(word, text) == (re.search(r"\b" + re.escape(word), text) is not None)
