"""What lets two sources' figures meet: in a list each item's figure belongs to the name its item opens with
(and its place), not to the clause subject of an earlier item; a bound word ("over", "more than") qualifies
the number right after it, not one further on; asides, navigation lines and bare head nouns do not blur the
subject; a unit a price is per is written as its abbreviation.

Every sentence is made up here, in industries no labelled set covers, so that what passes is the mechanism.
"""

from __future__ import annotations

from extractors.figures import extract_figures
from extractors.model import Document, Figure, Page


def _figures(text: str) -> dict[str, Figure]:
    doc = Document("0" * 64, "case.txt", "txt", (Page(None, text),))
    return {f.quote: f for f in extract_figures(doc)}


def _subject(found: dict[str, Figure], quote: str) -> str:
    return found[quote].subject or ""


def test_each_item_of_a_list_of_sales_is_its_own_firms() -> None:
    found = _figures("Loom market 2024\n\nIn 2024 Acme sold 12.5 million looms (4% growth), Globex sold 10.1 "
                     "million (6% growth) and Initech, Umbrella included, sold 9.8 million (2% growth).")
    last, last_change = _subject(found, "9.8 million"), _subject(found, "2%")
    assert last.startswith("Initech") and "Globex" not in last and "Umbrella" not in last
    assert "Initech" in last_change and "Globex" not in last_change
    assert "Globex" in _subject(found, "6%") and "Acme" not in _subject(found, "6%")


def test_an_item_named_in_lower_case_is_still_the_items_owner() -> None:
    found = _figures("Loom makers such as Acme and Globex gained. Acme leads with 30% of the loom market, then "
                     "Globex with 20%, zenfab with 9% and Initech with 5%.")
    assert "zenfab" in _subject(found, "9%") and "Globex" not in _subject(found, "9%")
    assert "Globex" in _subject(found, "20%")


def test_the_owner_stays_where_the_later_name_is_not_a_new_item() -> None:
    found = _figures("Wool felt accounted for 13.6% of carpet revenue in 2024, a share Acme expects to reach "
                     "19.2% in 2025. Revenues from loom rentals will reach $1.2 billion this year, 20 percent more "
                     "than in 2024, and Globex expects them to double to $2.4 billion by 2030.")
    assert "Wool felt" in _subject(found, "19.2%")
    assert "loom rentals" in _subject(found, "$2.4 billion")


def test_a_bound_word_qualifies_the_number_right_after_it() -> None:
    found = _figures("Tile sales rose 7% in 2024 over 2023 to reach 1.4 billion units. Grout sales reached over "
                     "300 million bags.")
    assert found["1.4 billion units"].qualifier == "exact"
    assert found["300 million bags"].qualifier == "lower_bound"


def test_a_list_of_figures_after_a_list_of_places_gives_each_its_place() -> None:
    found = _figures("Wind turbine orders 2024\n\nThe remaining markets grew steadily, with Chile and Poland each "
                     "taking 3% of global orders (+1.9 GW and +1.7 GW), and finally Peru, Norway and Kenya 1% each "
                     "(+0.8 GW, +0.6 GW and +0.4 GW). Orders in Canada and Mexico trail with only 8% and 5%.")
    assert [found[q].geography for q in ("1.9 GW", "1.7 GW")] == ["Chile", "Poland"]
    assert [found[q].geography for q in ("0.8 GW", "0.6 GW", "0.4 GW")] == ["Peru", "Norway", "Kenya"]
    assert [found[q].geography for q in ("8%", "5%")] == ["Canada", "Mexico"]
    assert "Chile" not in _subject(found, "1.7 GW")


def test_figures_without_a_list_of_as_many_names_keep_the_nearest_place() -> None:
    found = _figures("Wind turbine orders in Chile rose 12% and 15% in the first and second halves.")
    assert [found[q].geography for q in ("12%", "15%")] == ["Chile", "Chile"]


def test_names_in_an_explaining_aside_do_not_own_the_figure() -> None:
    found = _figures("Loom rental market 2024\n\nLoomstat estimates quarterly loom rental revenues (covering Jacquard, "
                     "Dobby and hand looms) at $4.6 billion.")
    assert "Dobby" not in _subject(found, "$4.6 billion") and "Jacquard" not in _subject(found, "$4.6 billion")


def test_a_change_in_something_measures_that_thing() -> None:
    found = _figures("An analyst at Acme says the reshuffle among weavers comes down to strong demand for Jacquard "
                     "looms and a 43.4% increase in wool revenue.")
    assert _subject(found, "43.4%").endswith("increase in wool revenue")
    assert "demand" not in _subject(found, "43.4%")


def test_an_aside_listing_members_and_a_coordinated_predicate_stay_out_of_the_subject() -> None:
    found = _figures("Loom market 2024\n\nRevenues of rental looms (Jacquard, Dobby, hand looms) are set to fall by "
                     "3% to $26 billion. Acme keeps growing fast and took a 12.4% market share in 2024.")
    assert "Dobby" not in _subject(found, "$26 billion") and "rental looms" in _subject(found, "$26 billion")
    assert "fast" not in _subject(found, "12.4%") and _subject(found, "12.4%").startswith("Acme")


def test_a_bare_head_noun_stands_for_what_the_paragraph_last_named_by_it() -> None:
    found = _figures("Loom Rental Spending to Grow\n\nLoomstat data show global hand-loom rental spending climbing "
                     "20% in the fourth quarter, to $8 billion. Spending for the full year also rose 18%, to $32 "
                     "billion.\n\nSpending on spare parts is another matter: it fell 5% to $2 billion.")
    assert "hand-loom rental spending" in _subject(found, "$32 billion")
    assert "hand-loom" not in _subject(found, "$2 billion")


def test_a_market_phrase_does_not_reach_back_into_the_navigation_line() -> None:
    found = _figures("Loomstat Research Group\nHome › Press Releases\n\nLoom Market Jumped to $33 billion in 2024\n\n"
                     "Loomstat says the loom market grew 8% in 2024.")
    assert "Press" not in _subject(found, "$33 billion") and "Loom Market" in _subject(found, "$33 billion")


def test_a_price_per_a_physical_unit_is_per_its_abbreviation() -> None:
    found = _figures("Loom mills paid $0.12 per kilowatt-hour in 2024, up from $0.10/kWh in 2023.")
    assert found["$0.12"].per == found["$0.10"].per == "kWh"


def test_an_items_words_start_after_the_figure_before() -> None:
    found = _figures("Loom market 2024\n\nAcme held a 20% share, Globex 18% and Initech 15%. Loom sales grew 4% in "
                     "the north, 2% in the south and 1% and 3% overall in the two halves.")
    assert "Globex" not in _subject(found, "15%") and "Initech" in _subject(found, "15%")


def test_the_sentence_says_which_of_the_topics_measure_before_the_topic_does() -> None:
    found = _figures("Global textile machinery capacity hits a record\n\nThe largest increases in installed loom "
                     "capacity came in Peru (+27.8 GW) and Chile (+2.4 GW). Acme's spending reached $3 billion and "
                     "Globex added 1.5 GW.")
    assert "installed loom capacity" in _subject(found, "2.4 GW")
    assert "Acme" not in _subject(found, "1.5 GW")


def test_a_list_items_figure_drops_the_clause_subject_that_names_the_group() -> None:
    found = _figures("Kettle capacity grew fast in 2024. The remaining members of the top ten kettle markets grew "
                     "steadily, with Brazil and Oman each taking 3% (+18.9 GW and +17.4 GW), and finally Chile, Peru "
                     "and Norway 1% each (+6.8 GW, +6.2 GW and +4.7 GW).")
    for quote, name in (("6.8 GW", "Chile"), ("6.2 GW", "Peru"), ("4.7 GW", "Norway")):
        assert name in _subject(found, quote)
        assert "remaining members" not in _subject(found, quote)
