"""The meaning of figures read from the structure of their text: the document's date, the year a figure falls
under, its metric from its sentence, its direction and the names it belongs to.

The texts are written here, in industries no labelled set covers, so that what passes is the mechanism and
not a phrase of the samples.
"""

from __future__ import annotations

from datetime import datetime, timezone

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
    frame = documents_frame([result], datetime(2025, 3, 5, tzinfo=timezone.utc))
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
    text = "The leaders Kone, Otis and Schindler kept the elevator market; their shares were 20%, 15% and 11% respectively."
    subjects_of = [_by_quote(text)[q].subject for q in ("20%", "15%", "11%")]
    assert [s.split()[0] for s in subjects_of] == ["Kone", "Otis", "Schindler"]
    assert "Kone" not in subjects_of[1] and "Otis" not in subjects_of[2]
