"""The source of figures: the firm in an attribution slot, trimmed to its name; the place of each list item.

Every sentence here is made up; the firms are invented names, so no rule can know them."""

from __future__ import annotations

import pytest

from extractors import nlp
from extractors.figures import extract_figures
from extractors.model import Document, Page
from extractors.publishers import clean_firm, document_publisher, people, sentence_firm


@pytest.mark.parametrize(("sentence", "firm"), [
    ("Kettle sales rose 4% in 2024, according to Brightwater Analytics.", "Brightwater Analytics"),
    ("Kettle sales rose 4% in 2024, per Quorvane.", "Quorvane"),
    ("Fresh figures from Tallis Insight Group put the market at $4 billion.", "Tallis Insight Group"),
    # a sentence end is no part of the name
    ("Demand grew in Chile, according to QVX. Neighbouring Peru grew 3%.", "QVX"),
    # a possessive and the report title after it
    ("According to Marlow Labs' Snapshot of Kettle Markets 2025, China took 60%.", "Marlow Labs"),
    ("Orvane's Quarterly Kettle Tracker shows shipments of 12 million units.", "Orvane"),
    # the tracker's own name after the firm
    ("Source: QVX Worldwide Quarterly Kettle Tracker, March 2, 2025", "QVX"),
    ("Prices eased to $80, according to Dara Pellow, co-head of Fenwick Capital's metals desk.", "Fenwick Capital"),
    # a plural's apostrophe inside a body's name
    ("Data from the Northern Kettle Makers' Association show 9% growth.", "Northern Kettle Makers' Association"),
])
def test_the_firm_in_the_attribution_slot(sentence: str, firm: str) -> None:
    assert sentence_firm(sentence) == firm


@pytest.mark.parametrize("sentence", [
    "Kettle sales rose 4% in 2024.",
    "Kettle sales rose 4% in July, according to the July 2025 edition.",  # a month is no firm
    "Sales grew 4%, according to Europe and Asia.",  # places are no firm
])
def test_no_firm_where_none_is_cited(sentence: str) -> None:
    assert sentence_firm(sentence) is None


def test_a_person_is_no_firm_and_the_firm_is_where_they_work() -> None:
    text = ("Kettle prices fell 3% in 2024, said Dara Pellow, senior analyst at Quorvane. "
            "Prices will keep falling, according to Pellow.")
    assert {"Dara Pellow", "Pellow"} <= people(text)
    assert document_publisher(text) == "Quorvane"


def test_a_capitalised_common_word_is_no_firm() -> None:
    text = ("New data from IT market research firm Tallis Group put spending at $9 billion. "
            "It said it expects growth of 5%. Spending on it rose.")
    assert document_publisher(text) == "Tallis Group"
    assert clean_firm("IT", frozenset({"it"})) is None


def test_a_press_release_speaks_for_the_firm_that_issues_it() -> None:
    text = ("Quorvane today announced its kettle outlook.\n\n"
            "Kettle shipments rose 6% to 41 million units in 2024. Quorvane expects 7% growth in 2025.")
    assert document_publisher(text) == "Quorvane"


def test_the_cited_firm_outranks_a_company_telling_its_own_news() -> None:
    text = ("Boilco said it sold 2 million kettles. Boilco said prices held. "
            "Boilco's share reached 12%, according to Brightwater Analytics.")
    assert document_publisher(text) == "Brightwater Analytics"


@pytest.mark.parametrize("text", [
    "Quorvane overtook Tallis in kettle deliveries. Tallis recorded its first decline. Tallis's figures fell short "
    "of the 512,000 kettles analysts had expected, according to Brightwater data. Tallis's deliveries rose 2.3%.",
    "Tallis shows a first annual decline. Tallis recorded 1.2 million deliveries against Quorvane's 1.4 million. "
    "Tallis's 495,570 kettles fell short of forecasts, according to Brightwater data.",
])
def test_a_company_whose_own_figures_are_reported_speaks_for_no_one(text: str) -> None:
    assert document_publisher(text) == "Brightwater"


def test_a_firm_owning_its_report_still_speaks_for_the_document() -> None:
    text = "Tallis Research's 5G Kettle Tracker shows shipments of 12 million units. Tallis Research said 2025 grew."
    assert document_publisher(text) == "Tallis Research"


def test_no_publisher_without_attribution() -> None:
    assert document_publisher("Kettle sales rose 4% in 2024 to 41 million units.") is None


def _figures(text: str):
    return extract_figures(Document(doc_id="d", source_file="d.txt", format="txt", pages=(Page(None, text),)))


def test_figures_carry_the_cited_firm_trimmed_to_its_name() -> None:
    figures = _figures("Kettle shipments grew 4% in 2024, according to QVX. Neighbouring Peru was flat.\n")
    assert [(f.quote, f.publisher) for f in figures] == [("4%", "QVX")]


def test_two_firms_side_by_side_each_give_the_figure_after_them() -> None:
    text = ("According to Brightwater Analytics, the kettle market was worth $4.2 billion in 2024, while Tallis "
            "Insight Group puts it at USD 4,950 million.\n")
    assert [(f.quote, f.publisher) for f in _figures(text)] == [
        ("$4.2 billion", "Brightwater Analytics"), ("USD 4,950 million", "Tallis Insight Group")]


def test_a_firm_an_it_stands_for_gives_the_figures_of_its_sentence() -> None:
    text = ("Kettle sales reached $2 billion in 2024, according to Brightwater Analytics. Tallis Insight Group is "
            "more cautious: it forecasts $3.1 billion by 2030. The Kettle Market rose and it shows a 5% gain.\n")
    assert [(f.quote, f.publisher) for f in _figures(text)] == [
        ("$2 billion", "Brightwater Analytics"), ("$3.1 billion", "Tallis Insight Group"),
        ("5%", "Brightwater Analytics")]


def test_a_firm_named_after_every_figure_cites_them_all() -> None:
    text = ("Orvane's figures of 4,100 kettles fell short of the 5,000 kettles analysts had expected, "
            "according to QVX data.\n")
    assert {f.publisher for f in _figures(text)} == {"QVX"}


def test_each_item_of_a_listed_breakdown_keeps_its_own_place() -> None:
    text = "By region, kettle sales rose in the Americas (44.8%), China (18.3%) and Japan (-0.4%) in 2024.\n"
    assert [(f.quote, f.geography) for f in _figures(text)] == [
        ("44.8%", "Americas"), ("18.3%", "China"), ("-0.4%", "Japan")]


def test_a_figure_is_the_place_named_before_it_and_a_global_total_stays_global() -> None:
    text = "Global kettle sales reached $12 billion in 2024, while sales in China rose 5%.\n"
    assert [(f.quote, f.geography) for f in _figures(text)] == [("$12 billion", "global"), ("5%", "China")]


def test_place_at_falls_back_to_the_first_place_after() -> None:
    assert nlp.place_at(((30, "Japan"),), 5) == "Japan"
    assert nlp.place_at((), 5) is None


def test_a_firm_introduced_with_its_short_name_goes_by_it() -> None:
    text = ("The Kettle Makers Council (KMC) reported that kettle sales reached $4 billion in 2024. "
            "According to the Kettle Makers Council, sales will grow 3%.")
    assert document_publisher(text) == "KMC"


def test_a_figure_that_leaves_something_out_says_so_in_its_segment() -> None:
    text = ("Stripping out the effects of promotional kettles, Quorvane now expects kettle sales to grow 6.0% "
            "in 2025. Kettle sales grew 5%, or 7% excluding currency effects, in 2024.\n")
    assert [(f.quote, f.segment) for f in _figures(text)] == [
        ("6.0%", "excluding promotional kettles"), ("5%", None), ("7%", "excluding currency effects")]


def test_a_wire_dateline_names_the_firm_after_its_dash() -> None:
    text = ("OSLO, March 3, 2025 /Wirely/ -- Brightwater Analytics today released its kettle outlook: kettle "
            "sales will reach $5 billion in 2030.")
    assert document_publisher(text) == "Brightwater Analytics"


def test_a_report_added_to_a_sellers_offering_is_the_sellers() -> None:
    text = ("The \"Kettle Market - Forecast 2025-2030\" report has been added to KettleMarkets.com's offering. "
            "The kettle market will reach $5 billion in 2030.")
    assert document_publisher(text) == "KettleMarkets.com"


def test_a_firm_shortened_or_abbreviated_is_one_source() -> None:
    text = ("Kettle shipments rose 4% to 41 million units in 2024, according to QuorvaneKM.\n\n"
            "Shipments will reach 45 million units in 2025, according to QKM.\n\n"
            "Prices fell 3%, according to Tallis Research Group.\n\nPrices will fall 2% in 2025, per Tallis.")
    firms = {f.quote: f.publisher for f in _figures(text)}
    assert firms["41 million units"] == firms["45 million units"] == "QuorvaneKM"
    assert firms["3%"] == firms["2%"] == "Tallis Research Group"
