"""The metric, unit and direction of figures, read from the structure of their sentence and document.

FORMAT.md's conventions say what each metric means (a whole market's spending is `market_size`, one
company's is `cost` or `revenue`, a part of a change is no one's share ...). The sentences are made up here, in
industries no labelled set covers, so that what passes is the mechanism and not a phrase of the samples.
"""

from __future__ import annotations

import pytest

from extractors.figures import extract_figures
from extractors.model import Document, Figure, Page


def _by_quote(text: str, title: str = "Forklift industry notes") -> dict[str, Figure]:
    page = Page(None, f"{title}\n\n{text}")
    return {f.quote: f for f in extract_figures(Document("0" * 64, "case.txt", "txt", (page,)))}


@pytest.mark.parametrize(("text", "quote", "metric"), [
    # a whole market's spending, revenue or sales, with no company owning them
    ("Companies spent USD 41 billion on warehouse robots in 2025.", "USD 41 billion", "market_size"),
    ("Analysts expect tractor revenue to reach $75 billion in 2025.", "$75 billion", "market_size"),
    ("Worldwide forklift spending reached $55 billion as spending ballooned to $60 billion in Asia.",
     "$60 billion", "market_size"),
    ("Tractor products were the largest category by sales, at $21.6 billion.", "$21.6 billion", "market_size"),
    # turnover and premiums are a market's revenue too; a firm that forecasts a measure does not own it
    ("Global crop insurance premiums reached US$41 billion in 2024.", "US$41 billion", "market_size"),
    ("European forklift turnover came to EUR 12 billion last year.", "EUR 12 billion", "market_size"),
    ("Globex expects turnover to double to $30 billion by 2030.", "$30 billion", "market_size"),
    # one company's
    ("- Acme, the 2023 market leader, slipped to No. 2 with revenue of $9.2 billion.", "$9.2 billion", "revenue"),
    ("Acme, the largest maker, reported forklift revenue of $3.1 billion in 2024.", "$3.1 billion", "revenue"),
    ("Analysts reported forklift sales of $4 billion in 2024.", "$4 billion", "market_size"),
    ("Globex spent $14 billion in the quarter and plans more.", "$14 billion", "cost"),
    ("Acme's capex reached $3 billion, and its total spending is expected to exceed $10 billion in 2025.",
     "$10 billion", "cost"),
    # a valuation or a funding round
    ("Acme was valued at $4 billion after a funding round of $300 million.", "$4 billion", "other"),
    ("Acme was valued at $4 billion after a funding round of $300 million.", "$300 million", "other"),
])
def test_money_metric_follows_who_owns_the_measure(text: str, quote: str, metric: str) -> None:
    assert _by_quote(text)[quote].metric == metric


@pytest.mark.parametrize(("text", "quote", "metric"), [
    ("Acme, Globex and Initech hold a large share of forklift spending - 61 per cent combined in Q4.",
     "61 per cent", "market_share"),
    ("Electric forklifts met more than 12% of global warehouse electricity consumption.", "12%", "market_share"),
    ("More than one in four forklifts sold worldwide were electric.", "one in four", "market_share"),
    # "more than" bounds the figure; it is no change
    ("Acme beat Globex by more than 20 percent for the quarter.", "20 percent", "other_percent"),
    ("Forklift sales rose by more than 20 percent in the quarter.", "20 percent", "growth_rate"),
    # a ratio that improved or narrowed to a level is that level, no change
    ("The forklift lessors' loss ratio improved to 48% in 2024.", "48%", "other_percent"),
    ("Forklift dealers' margins narrowed to 12% last year.", "12%", "other_percent"),
])
def test_percent_metric_reads_the_clause(text: str, quote: str, metric: str) -> None:
    assert _by_quote(text)[quote].metric == metric


@pytest.mark.parametrize(("text", "quote", "metric"), [
    # a name set beside an amount owns it; a place beside one is a market
    ("Besides Acme, the largest mower sellers include Globex ($4.5 billion) and Initech ($1 billion).",
     "$4.5 billion", "revenue"),
    ("Initech ranked fourth at $2.9 billion, ahead of Hooli.", "$2.9 billion", "revenue"),
    ("By region, Asia ($12 billion) led the mower market.", "$12 billion", "market_size"),
    # the level a market's change reaches, or the part a segment accounts for
    ("Robotic mowers will grow by 8% to $3.5 billion in 2025.", "$3.5 billion", "market_size"),
    ("Robotic mowers alone will account for $1.8 billion.", "$1.8 billion", "market_size"),
    # a line labelled with a name owns its measures
    ("- Acme: over 3 million customers; revenue is predicted to hit $4.3 billion in 2025.", "$4.3 billion",
     "revenue"),
    # capitals before a lower-case modifier name a segment, not an owner
    ("Radio ad revenue is expected to decline 2% to $15 billion in 2025.", "$15 billion", "market_size"),
    # money put into something, set aside, or offered "for just"
    ("In May, a pension fund put $82mn into the Riverside mower plant.", "$82mn", "cost"),
    ("The state launched a scheme with $550 million set aside for mower plants.", "$550 million", "cost"),
    ("Try the premium plan for just $1 in the first month.", "$1", "price"),
    ("Valued at ~$50 billion in mid-2025, Acme aims for $100 billion by 2030.", "~$50 billion", "other"),
    # an amount coordinated with a price is a price
    ("The average mower price was $560 in August, while for a petrol mower it was below $480.", "$480", "price"),
])
def test_money_metric_from_the_names_around_it(text: str, quote: str, metric: str) -> None:
    assert _by_quote(text, "Global mower market outlook")[quote].metric == metric


@pytest.mark.parametrize(("text", "quote", "metric"), [
    # a lead or a gap between two holders at one time is not a change
    ("Acme widened its lead over second-place Globex (9.4%) by 3.1 share points.", "3.1 share points", "other"),
    ("Robotic mowers were nearly 7 percentage points ahead of petrol mowers.", "7 percentage points", "other"),
    # a share taken right after a verb of holding, whatever change came before
    ("Electric models became a driver of mower growth, making up 13.6% of mower revenue in 2024.", "13.6%",
     "market_share"),
    # a share of a whole read past an aside, and a holder named after the comma
    ("Pure players will grow by 8%, giving them nearly three-quarters (73%) of global mower revenue.", "73%",
     "market_share"),
    ("With 21.5% of radio listening, Acme widened its lead.", "21.5%", "market_share"),
])
def test_percent_metric_between_holders(text: str, quote: str, metric: str) -> None:
    assert _by_quote(text, "Mower market shares")[quote].metric == metric


def test_bare_levels_in_a_report_of_shares_are_shares() -> None:
    text = ("Acme held 30% of radio listening in July. Globex took 21% of radio listening and Initech had a "
            "9% share.\n\nCable radio fell to 12.2% as sports went quiet.")
    found = _by_quote(text, "Radio listening shares, July")
    assert found["12.2%"].metric == "market_share"


def test_a_bare_level_in_other_reports_stays_a_plain_percentage() -> None:
    found = _by_quote("Conversion fell to 12.2% as shoppers went quiet.", "Shop notes")
    assert found["12.2%"].metric == "other_percent"


def test_counts_of_one_kind_share_one_unit() -> None:
    text = ("Acme sold 526,409 battery electric tractors in the quarter. Globex delivered 484,507 units, and "
            "Initech sold 86,696 BETs.")
    found = _by_quote(text, "Tractor deliveries")
    assert found["526,409 battery electric tractors"].unit.split()[-1] == "tractor"
    assert found["86,696 BETs"].unit == "tractor"  # the acronym spelled out in the text
    assert found["484,507 units"].unit == "tractor"  # units stand for what the document counts most


def test_cars_are_counted_as_vehicles() -> None:
    found = _by_quote("Over 250 000 electric cars were sold every week.", "Car sales")
    assert found["250 000 electric cars"].unit == "vehicle"


def test_units_stay_units_where_they_are_the_usual_word() -> None:
    text = ("Acme sold 77.1 million units, Globex 51.9 million units and Initech 42.7 million units. "
            "Hooli sold 12 million phablets.")
    found = _by_quote(text, "Phone shipments")
    assert found["77.1 million units"].unit == "unit"
    assert found["12 million phablets"].unit == "phablet"


@pytest.mark.parametrize(("text", "quote", "metric"), [
    # a capitalised owner's possessive owns; a group's ("media owners’") is a segment of the market
    ("AWS' capital expenditure reached $26.3 billion in Q4.", "$26.3 billion", "cost"),
    ("Traditional mower makers’ revenues are set to erode by 3.2% to US$26 billion.", "US$26 billion",
     "market_size"),
    # the clause's subject owns the measure it produced
    ("U.S. giant Acme produced the third-highest mower GMV in 2019, at US$39.7 billion.", "US$39.7 billion",
     "revenue"),
    ("Acme ranked fourth at $29 billion and eBay fifth with ($9.2 billion -0.5%).", "$9.2 billion", "revenue"),
])
def test_money_owned_by_the_clause(text: str, quote: str, metric: str) -> None:
    assert _by_quote(text, "Global mower market outlook")[quote].metric == metric


@pytest.mark.parametrize(("text", "quote", "metric"), [
    # a comparative before a noun describes it
    ("People mainly buy mowers online for lower prices (30%) and convenience (22%).", "30%", "other_percent"),
    # an expectation of a change is a change
    ("Analysts expect mower sales to grow 6 percent, scaling back an earlier 7.7 percent forecast.",
     "7.7 percent", "growth_rate"),
    # a share of a market's sales, however many words name them
    ("Online mower sales rose 22% and made up 58% of all online garden retail sales.", "58%", "market_share"),
    ("US mower sales will gross $93 billion, or 25% of the world's total online garden sales.", "25%",
     "market_share"),
])
def test_percent_metric_from_its_words(text: str, quote: str, metric: str) -> None:
    assert _by_quote(text)[quote].metric == metric


def test_a_count_of_how_many_more_is_a_change() -> None:
    found = _by_quote("Roughly 30 million more people bought a mower online this year.")
    assert found["30 million more people"].metric == "growth_rate"
    assert found["30 million more people"].direction == "up"


def test_coordinated_modifiers_share_the_counted_head() -> None:
    found = _by_quote("Acme delivered 4.27 million pure electric and plug-in hybrid tractors in 2024.")
    (figure,) = [f for f in found.values() if f.value == 4_270_000]
    assert figure.unit == "tractor"


def test_a_number_before_a_verb_counts_no_verb() -> None:
    found = _by_quote("Among the top 25 mower makers, 11 delivered double-digit revenue growth.")
    assert all(f.unit != "delivered" for f in found.values())


def test_the_two_ends_of_a_series_measure_one_thing() -> None:
    text = ("New data presented by Acme has global mower revenue extending its strong run to $36.4 billion in "
            "2024, after a 108% jump over the previous five years, from $15.2 billion in 2018 to $31.5 billion in "
            "2023.")
    found = _by_quote(text, "Global mower market")
    assert found["$15.2 billion"].metric == found["$31.5 billion"].metric == "market_size"
