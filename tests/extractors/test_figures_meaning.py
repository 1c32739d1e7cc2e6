"""The meaning of figures read from the structure of their text: the document's date, the year a figure falls
under, its metric from its sentence, its direction and the names it belongs to.

The texts are written here, in industries no labelled set covers, so that what passes is the mechanism and
not a phrase of the samples.
"""

from __future__ import annotations

from datetime import datetime, UTC

import pytest

from extractors import dating, subjects
from extractors.figures import _SpanSet, extract_figures
from extractors.model import Document, Extraction, Figure, Page
from store.frames import documents_frame, figures_frame


def _figures(text: str) -> list[Figure]:
    return extract_figures(Document("0" * 64, "case.txt", "txt", (Page(None, text),)))


def _by_quote(text: str) -> dict[str, Figure]:
    return {f.quote: f for f in _figures(text)}


@pytest.mark.parametrize(("text", "published"), [
    ("Fertilizer Weekly\n\nBRUSSELS, Belgium, March 4, 2025 -- Potash demand rose again.", "2025-03-04"),
    ("Tile makers' blog\n\nLast Updated on 11/3/2024\n\nCeramic tile exports grew.", "2024-11-03"),
    ("Bicycle parts outlook\nMarket Notes | July 2023\n\nDerailleur sales fell.", "2023-07"),
    ("Wind blade recycling\n\nIn January 2024, a plant opened in Ohio and began shredding blades.", None),
    ("Coffee roasting report\n\nRoasters bought more green coffee than ever.", None),
])
def test_published_date_is_the_printed_dateline_or_byline(text: str, published: str | None) -> None:
    assert dating.published_date(text) == published


def test_published_date_reaches_the_documents_dataset() -> None:
    result = Extraction("a" * 64, "r.txt", "txt", pages=1, published="2025-03-04")
    frame = documents_frame([result], datetime(2025, 3, 5, tzinfo=UTC))
    assert frame.loc[0, "published"] == "2025-03-04"


def test_a_comparison_year_does_not_date_the_figure() -> None:
    found = _by_quote("Forklift sales rose 9% in 2023 over 2022 to reach 1.4 million units, the association said.")
    assert found["1.4 million units"].year == 2023
    assert found["9%"].metric == "growth_rate" and found["9%"].year == 2023


def test_the_paragraph_year_carries_to_later_sentences() -> None:
    found = _by_quote("In 2022, the elevator market kept growing. Kone held 19% of new installations.")
    assert found["19%"].year == 2022
    assert found["19%"].metric == "market_share"


def test_the_opening_year_carries_to_undated_figures() -> None:
    text = ("Pet food makers post record 2023\n\nAcross the industry, dry food volumes held up. "
            "Premium brands took 41% of spending on cat food.")
    assert _by_quote(text)["41%"].year == 2023


def test_this_year_is_read_against_the_printed_date() -> None:
    text = "Solar inverters\n\nJune 2, 2025\n\nShipments of string inverters will grow 12% this year."
    assert _by_quote(text)["12%"].year == 2025


def test_shares_listed_after_a_share_and_their_names() -> None:
    text = "Acme leads the crane market with a 32% share, followed by Globex with 25%, then Initech with 10%."
    found = _by_quote(text)
    assert [found[q].metric for q in ("32%", "25%", "10%")] == ["market_share"] * 3
    assert "Globex" in found["25%"].subject and "Initech" in found["10%"].subject


def test_changes_listed_after_a_verb_of_change_with_their_direction() -> None:
    found = _by_quote("Annual tractor sales rose in Canada (12.5%) and Mexico (3.1%) but fell in Chile (-2.0%).")
    assert [found[q].metric for q in ("12.5%", "3.1%", "-2.0%")] == ["growth_rate"] * 3
    assert [found[q].direction for q in ("12.5%", "3.1%", "-2.0%")] == ["up", "up", "down"]
    assert found["-2.0%"].value == -2.0


def test_a_worded_decline_keeps_a_positive_value() -> None:
    figure = _by_quote("Average freight rates fell 8% year on year.")["8%"]
    assert (figure.metric, figure.value, figure.direction) == ("growth_rate", 8.0, "down")


def test_a_percentage_of_something_else_is_no_share() -> None:
    assert _by_quote("The pilot reached 95% customer satisfaction in 2024.")["95%"].metric == "other_percent"


def test_a_whole_markets_money_and_one_companys() -> None:
    found = _by_quote("Global elevator spending reached $41 billion in 2025, while Kone's revenue was $11 billion.")
    assert found["$41 billion"].metric == "market_size"
    assert found["$11 billion"].metric == "revenue"


def test_a_share_where_a_change_started_from() -> None:
    found = _by_quote("Kone sold 40,000 units, a 19% share (share down from 21% in 2022).")
    assert found["21%"].metric == "market_share" and found["21%"].year == 2022


def test_the_document_topic_completes_a_subject_that_names_no_market() -> None:
    text = "Global forklift market grows in 2024\n\nShipments climbed 6% in the fourth quarter."
    assert "forklift" in _by_quote(text)["6%"].subject.lower()


def test_topic_is_the_openings_market_phrase() -> None:
    assert subjects.topic("Harbor Post\n\nGlobal container shipping revenue fell in 2024") == \
        "Global container shipping revenue"
    assert subjects.topic("Leading Market Research Publisher releases a study") is None


def test_names_between_keeps_coordinated_names_together() -> None:
    text = "At the top, Acme and Globex share the lead"
    assert subjects.names_between(text, 0, len(text)) == "Acme and Globex"


def test_table_spans_are_merged_and_looked_up() -> None:
    spans = _SpanSet([(30, 40), (0, 10), (5, 12)])
    assert [spans.holds(p) for p in (0, 11, 12, 29, 30, 39, 40)] == [True, True, False, False, True, True, False]


def test_direction_is_a_dataset_column() -> None:
    result = Extraction("a" * 64, "r.txt", "txt", pages=1, figures=_figures("Freight rates fell 8% year on year."))
    assert figures_frame([result]).loc[0, "direction"] == "down"


def test_names_given_as_examples_are_not_whose_figure_it_is() -> None:
    text = "Short-form platforms such as Vimeo and Dailymotion will"
    assert subjects.names_between(text, 0, len(text), sentence_start=0, proper=frozenset()) is None
    text = "Retailers, led by Acme and Globex, will"
    assert subjects.names_between(text, 0, len(text)) == "Retailers"


def test_a_quarter_without_its_year_is_the_documents_not_a_later_years() -> None:
    text = ("Crane makers close 2025 strongly\n\n"
            "Acme's capital expenditure reached $26 million in Q4, and it expects to spend $90 million in 2026.")
    found = _by_quote(text)
    assert found["$26 million"].year == 2025 and found["$90 million"].year == 2026


def test_an_extraction_carries_the_printed_date() -> None:
    from extractors.document import extract

    text = "Crane Weekly\n\nHELSINKI, Finland, May 6, 2025 -- Crane orders rose 4% in the first quarter."
    result = extract(Document("0" * 64, "case.txt", "txt", (Page(None, text),)))
    assert result.published == "2025-05-06"


def test_respectively_pairs_each_figure_with_its_name() -> None:
    text = ("The leaders Kone, Otis and Schindler kept the elevator market; "
            "their shares were 20%, 15% and 11% respectively.")
    subjects_of = [_by_quote(text)[q].subject for q in ("20%", "15%", "11%")]
    assert [s.split()[0] for s in subjects_of] == ["Kone", "Otis", "Schindler"]
    assert "Kone" not in subjects_of[1] and "Otis" not in subjects_of[2]


def test_an_editions_year_in_a_title_dates_no_figure() -> None:
    text = ("Elevator Market Review 2025: Installations Pass 1 Million\n\nBuilders installed 1.1 million elevators "
            "worldwide in 2024.\n\nAsia took 62% of new installations, according to the Lift Survey 2025, and "
            "Europe came next with 14%.")
    found = _by_quote(text)
    assert dating.opening_year(text) == 2024
    assert found["62%"].year == 2024 and found["14%"].year == 2024


def test_a_year_after_a_capitalised_word_that_a_noun_follows_is_not_an_edition() -> None:
    text = "Otis 2024 deliveries reached 41,000 units."
    assert dating.is_edition(text, 5, 9) is False
    assert dating.is_edition("the Forklift Outlook 2025, published in May", 21, 25) is True
    assert dating.is_edition("sales in March 2025 rose", 15, 19) is False


def test_a_relative_year_closing_the_figures_clause_dates_it() -> None:
    text = ("Tractor Notes | April 2025\n\nBrazil came next with 71,400 tractors, and 62,600 tractors were sold "
            "in the south last year.")
    found = _by_quote(text)
    assert found["62,600 tractors"].year == 2024
    text = "Wind Notes | April 2025\n\nEurope installed 62.6 GW across the European Union last year."
    assert _by_quote(text)["62.6 GW"].year == 2024


def test_a_relative_year_that_dates_a_forecast_does_not_date_its_figure() -> None:
    text = ("Tractor Notes | June 2025\n\nThe group now sees tractor sales growing 6.0% in 2025, down from the "
            "7.7% growth it had projected at the end of last year.")
    assert _by_quote(text)["7.7%"].year != 2024


def test_a_month_without_its_year_takes_the_latest_before_the_printed_date() -> None:
    text = ("Forklift Wire | December 26, 2024\n\nIn 2023 the maker sold 1.2 million trucks. "
            "In October and November, it sold a combined 387,000 forklifts.")
    assert _by_quote(text)["387,000 forklifts"].year == 2024
    assert dating.bare_month_year("sold in December", 0, 16, "2025-02") == 2024
    assert dating.bare_month_year("sold in December", 0, 16, "2025") is None


def test_the_same_as_in_a_year_only_compares() -> None:
    text = ("Tile Notes | March 2025\n\nTile exporters in 2024\n\nThe five biggest exporters were the same as in "
            "2023. Spain came first with a 19 per cent share.")
    assert _by_quote(text)["19 per cent"].year == 2024


def test_a_year_heading_the_figures_noun_phrase_dates_it() -> None:
    text = "Potash sales reached $62.1 billion in 2024, 9.1% above the 2023 total of $56.9 billion."
    found = _by_quote(text)
    assert found["$56.9 billion"].year == 2023 and found["$62.1 billion"].year == 2024


def test_a_name_heading_owns_the_labelled_lines_under_it() -> None:
    text = ("Crane makers by market share, Q4 2024\n\nNo. 1: Liebherr\nMarket share: 24 per cent\n\n"
            "No. 2: Tadano\nMarket share: 17 per cent\n")
    found = _by_quote(text)
    assert "Liebherr" in (found["24 per cent"].subject or "")
    assert "Tadano" in (found["17 per cent"].subject or "")


def test_a_sentence_opening_name_the_document_capitalises_elsewhere_owns_the_figure() -> None:
    text = ("Global tile exports grew in 2024, led by Vietnam and Spain. "
            "Vietnam made a major leap by doubling its shipments, a 145% increase on 2023.")
    assert "Vietnam" in (_by_quote(text)["145%"].subject or "")


def test_a_defined_abbreviation_is_spelled_out_in_the_subject() -> None:
    assert subjects.abbreviations("sales in the Middle East and Africa (MEA) and the European Union (EU)") == {
        "MEA": "Middle East and Africa", "EU": "European Union"}
    text = ("Tractor sales in the Commonwealth of Independent States (CIS) slowed in 2024. "
            "CIS recorded a 2% fall in deliveries in 2024.")
    assert "commonwealth of independent states" in (_by_quote(text)["2%"].subject or "").lower()


@pytest.mark.parametrize(("sentence", "metric"), [
    ("The Harbor Channel reached 2.8% of TV in July.", "market_share"),
    ("Komatsu ended the year with 11.5% of excavator demand.", "market_share"),
    ("Fines reach up to 7% of global revenue for Acme-like offenders.", "other_percent"),
    ("Survey: 64% of respondents in Ohio prefer gas mowers.", "other_percent"),
    ("Lumo achieves 90% of the quality at 1% of the cost.", "other_percent"),
])
def test_a_share_of_a_whole_held_by_a_name_is_a_market_share(sentence: str, metric: str) -> None:
    found = {f.quote: f for f in _figures(sentence)}
    quote = next(q for q in found if q in ("2.8%", "11.5%", "7%", "64%", "1%"))
    assert found[quote].metric == metric


def test_each_item_of_a_list_takes_the_name_written_after_it() -> None:
    text = ("In 2024, the share of heat pumps in new heating sales could reach 45% in Norway, 25% in Poland "
            "and over 11% in the United Kingdom.")
    found = _by_quote(text)
    assert "Norway" in (found["45%"].subject or "") and "Poland" not in (found["45%"].subject or "")
    assert "Poland" in (found["25%"].subject or "") and "Norway" not in (found["25%"].subject or "")
    assert "United Kingdom" in (found["11%"].subject or "")


def test_a_market_named_only_by_how_it_is_counted_takes_the_documents_topic() -> None:
    text = "Offshore wind market outlook\n\nThe annual market will grow 10% to 30 GW in 2026."
    found = _by_quote(text)
    assert "offshore wind" in (found["30 GW"].subject or "").lower()
    assert subjects.names_market("annual market") is False and subjects.names_market("solar market") is True
    assert subjects.names_market("Fourth-quarter sales") is False and subjects.names_market("Q4 revenue") is False
