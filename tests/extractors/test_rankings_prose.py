"""Positions written in prose (extractors/rankings_prose.py), one case per written form.

The sentences are made up for these tests (other markets, other names), so they check the structure
the rules read, not the wording of the labelled reports.
"""

import pytest

from extractors.model import Document, Page, Table
from extractors.rankings import extract_rankings
from extractors.rankings_tables import table_rankings


def _entries(text: str) -> list[tuple[int, str, float | None]]:
    doc = Document("0" * 64, "r.txt", "txt", (Page(None, text),))
    return [(e.rank, e.entity, e.value) for e in extract_rankings(doc, [])]


@pytest.mark.parametrize("text,expected", [
    # a leader, then an order continued in the next sentence
    ("Kestrel leads the global drone market with a 31% share. Osprey trails with 22%.",
     [(1, "Kestrel", 31.0), (2, "Osprey", 22.0)]),
    # a tie at the top, then a list continued after "then", with a tie of its own
    ("Orbis and Vantro share the lead with 15% each. Pellix follows with 12%, then Quanta with 9%, "
     "Rheon with 7%, Sorel and Tavik with 5% each, and Umbra with 3%.",
     [(1, "Orbis", 15.0), (1, "Vantro", 15.0), (3, "Pellix", 12.0), (4, "Quanta", 9.0), (5, "Rheon", 7.0),
      (6, "Sorel", 5.0), (6, "Tavik", 5.0), (8, "Umbra", 3.0)]),
    # "in front ..., followed by"
    ("Brightwave was in front with 11.2% of listening time, followed by Calloway at 7.9%.",
     [(1, "Brightwave", 11.2), (2, "Calloway", 7.9)]),
    # ordinals in a list, respectively
    ("Dunmore came first with a 27 per cent share and Elkhart second on 20 per cent, while Fenwick, Garrow and "
     "Hollis took third, fourth and fifth place respectively.",
     [(1, "Dunmore", 27.0), (2, "Elkhart", 20.0), (3, "Fenwick", None), (4, "Garrow", None), (5, "Hollis", None)]),
    # "No. 1 position, with A, B and C behind it", then the same positions with values
    ("In 2023 Ironbark again held the No. 1 position in freight, with Juniper, Kalmia and Larch behind it. "
     "Ironbark remained the leader with revenue of $12.5 billion and a 41% market share, with Juniper next at a "
     "19% market share. Kalmia moved up to third position with 9.5%.",
     [(1, "Ironbark", 41.0), (2, "Juniper", 19.0), (3, "Kalmia", 9.5), (4, "Larch", None)]),
    # a pair: overtaking to become the largest; the legal form and ticker are no part of the name
    ("In the second quarter of 2024, Maple Motors Co Ltd MAPLY moved ahead of its rival Nordic Inc NRDC to become "
     "the world's biggest seller of electric buses.",
     [(1, "Maple Motors", None), (2, "Nordic", None)]),
    # behind: the name after it is ahead
    ("Over the full year, however, Oakridge delivered 1.2 million units, slightly behind Pinecrest, which "
     "delivered 1.3 million.", [(2, "Oakridge", 1200000.0), (1, "Pinecrest", 1300000.0)]),
    # superlatives: adverbs, a possessive scope, a change ranking, a leader by name
    ("The UK is still by far the largest rail market, with 2025 revenues of $40.2 billion, a 3.1 percent gain.",
     [(1, "UK", 40200000000.0)]),
    ("Quillon reached 4.1% of sales in May and, with a 6.5% lift vs. April, posted the largest monthly increase "
     "of any retailer.", [(1, "Quillon", 6.5)]),
    # the whole name of a subject in lower case after its first word
    ("Computer vision is the largest segment, with a 38% share of revenue in 2024. Speech recognition ranked "
     "second, with sales up 12% to $4.1 billion.", [(1, "Computer vision", 38.0), (2, "Speech recognition", 4.1e9)]),
    # market-report forms: a region that dominated, the fastest CAGR, the segment with the largest share
    ("Latin America dominated the market with a share of 41.5% in 2024. Central Europe is expected to grow at "
     "the fastest CAGR of 17.2% from 2025 to 2030.", [(1, "Latin America", 41.5), (1, "Central Europe", 17.2)]),
    ("The hardware segment accounted for the largest revenue share of 52.3% in 2024.", [(1, "hardware", 52.3)]),
    # auxiliaries before the cue; a physical unit after the value
    ("Norvale is ranked third with 15% of the market. Ostrava ranks second globally in installed capacity, at 120 GW.",
     [(3, "Norvale", 15.0), (2, "Ostrava", 120.0)]),
    # best-selling; an order continued with "and"
    ("Tamsin was the best-selling carmaker in 2024, selling 11.2 million vehicles, followed by Ulvik Group with "
     "9.2 million and Varga Motors with 7.3 million.",
     [(1, "Tamsin", 11200000.0), (2, "Ulvik Group", 9200000.0), (3, "Varga Motors", 7300000.0)]),
    # a list introduced as the top N
    ("The top three ferry operators, Rowan, Alder and Birch, kept their positions in 2024.",
     [(1, "Rowan", None), (2, "Alder", None), (3, "Birch", None)]),
    # ranked headings with the value on the next line
    ("No. 1: Cedar Labs\nMarket share: 28 per cent\n\nNo. 2: Dogwood\nMarket share: 17 per cent\n",
     [(1, "Cedar Labs", 28.0), (2, "Dogwood", 17.0)]),
    # an appositive leader and a move in one sentence
    ("Elmwood, the 2023 market leader, slipped to No. 2 with revenue of $8.1 billion.",
     [(1, "Elmwood", None), (2, "Elmwood", 8100000000.0)]),
    # a bulleted move up, with a name in lower case after its first word
    ("Suppliers in 2024:\n- LX pumps moved up to No. 3, with revenue up 40%.", [(3, "LX pumps", None)]),
    # a superlative placed in a named place, with the value of its clause only
    ("By region, ticket prices were highest in The Netherlands at €212, while fares in Spain and Italy were 30% "
     "and 40% lower.", [(1, "Netherlands", 212.0)]),
    # a superlative in an appositive after the clause: its subject ranks first
    ("Within beverages, Oat drinks recorded a 41.2% sales increase in 2023, the highest growth of any category.",
     [(1, "Oat drinks", 41.2)]),
    # a place and the one it trails; the words after the trailed name go on telling of the first
    ("Demand made hospitals the second-largest buyer of robots in 2024, behind warehouses, with orders of $3.1 "
     "billion.", [(2, "hospitals", 3.1e9), (1, "warehouses", None)]),
    # "which puts it in the Nth spot"
    ("In Europe, besides Norway's 12.4 GW, which puts it in the 4th spot globally, growth slowed.",
     [(4, "Norway", 12.4)]),
    # an expected move past a rival, told of with a pronoun
    ("Pallas sold 2.1 million units in 2024. It is expected to overtake Quenby as the biggest maker of e-bikes.",
     [(1, "Pallas", 2100000.0), (2, "Quenby", None)]),
    # "emerged as the leading"; a fastest-growing rank measured by its CAGR
    ("Oceania emerged as the leading region, capturing 41% of revenue in 2023.", [(1, "Oceania", 41.0)]),
    ("The rental channel is projected to be the fastest-growing channel, at a CAGR of 12.4%.",
     [(1, "rental", 12.4)]),
    # a rank after two names: they take the places ahead of it, in the order written
    ("Peru is the third-largest market for drones after Chile and the United States.",
     [(3, "Peru", None), (1, "Chile", None), (2, "United States", None)]),
    # a top N whose list follows the clause after a colon
    ("The top three brands took 65% of sales in 2023: Tovo, Arlen and Brisk.",
     [(1, "Tovo", None), (2, "Arlen", None), (3, "Brisk", None)]),
    # a number inside the name is no value; an owner written alone elsewhere is no part of the name
    ("Tarn's Skiff 15 was the best-selling dinghy in 2024, with 52,000 units. Tarn also makes kayaks.",
     [(1, "Skiff 15", 52000.0)]),
    # names that trail the measured subject of the sentence (or paragraph) before: it leads; its amount is the one
    # in the unit of theirs
    ("Per the agency, Brunei installed 60% of new capacity, or 357.3 GW, in 2024. With more than 1 TW in all, "
     "Brunei was home to half the world's capacity.\n\nEurope came next with 71.4 GW, led by Spain's 16.7 GW.",
     [(1, "Brunei", 357.3), (2, "Europe", 71.4)]),
    ("By the agency's count, Chad took 55% of the new capacity in 2024. The US and India trail with only 8%.",
     [(1, "Chad", 55.0), (2, "US", None), (3, "India", 8.0)]),
    # a move by places to a rank; a slip to a bare ordinal
    ("Halden was No. 2, and Ivory moved up two places to No. 3.", [(2, "Halden", None), (3, "Ivory", None)]),
    ("Jorvik climbed to second place with $7.5 billion, overtaking Kestle, which slipped to third with $6.1 "
     "billion.", [(2, "Jorvik", 7.5e9), (3, "Kestle", 6.1e9)]),
    # "the most" of a counted thing; the subject of a relative clause
    ("Lomond carried the most passengers, 37 million, ahead of Marlow with 26 million.",
     [(1, "Lomond", 37e6), (2, "Marlow", 26e6)]),
    ("Among ferries, Norrland, which had the most delays, was sold in May.", [(1, "Norrland", None)]),
    # the superlative first, the name after the verb
    ("Its fastest-growing market was Oslund, where sales rose 22%.", [(1, "Oslund", 22.0)]),
    # two names that followed, with their values respectively
    ("Pexa held 31% of the market. Quorn was in second place with 14%, while Rilla and Sarno followed with 12% and "
     "11% respectively.", [(2, "Quorn", 14.0), (3, "Rilla", 12.0), (4, "Sarno", 11.0)]),
    # a numbered place before the thing ranked; a market led by a name; a counted thing before its participle
    ("Tarvo remained the No. 1 kettle vendor in 2024 with 20% share. Ulla is the number two player, with 15%.",
     [(1, "Tarvo", 20.0), (2, "Ulla", 15.0)]),
    ("The market is led by Vell, which holds 30%, and Wyre, with 20%.", [(1, "Vell", 30.0)]),
    # the names a rank trails, in order
    ("Xeno is now the third-largest producer, behind Yarra and Zeph.",
     [(3, "Xeno", None), (1, "Yarra", None), (2, "Zeph", None)]),
    # a possessive right before the verb is part of the name; an overtake to take a place; a category ahead of
    # another, with the change each grew by
    ("Amberly's stayed on top in 2023, with sales of $5.1 billion. Briar overtook Cole to take the third spot with "
     "$2.6 billion.", [(1, "Amberly's", 5.1e9), (3, "Briar", 2.6e9), (4, "Cole", None)]),
    ("Chicken was the fastest-growing category, up 9% in 2023, ahead of noodles, up 4%.",
     [(1, "Chicken", 9.0), (2, "noodles", 4.0)]),
    # "close behind"; a second predicate of the same subject, valued after its own cue
    ("Umbria was the biggest olive oil exporter in 2024, shipping 2.1 million tonnes, with Vora close behind at 1.9 "
     "million tonnes.", [(1, "Umbria", 2.1e6), (2, "Vora", 1.9e6)]),
    ("Wexley ranked third by volume but remained the leader by value, at EUR 1.7 billion.",
     [(3, "Wexley", None), (1, "Wexley", 1.7e9)]),
    # an appositive fastest-growing with its change; a spelled-out "Corporation" is part of the name as written
    ("Yarrow Lines, the fastest-growing major line, rose 14% to 2.3 million guests.", [(1, "Yarrow Lines", 14.0)]),
    ("Zenith Corporation kept its position as the world's largest ferry operator.", [(1, "Zenith Corporation", None)]),
    # participles, "came in at number three", "occupies the fourth position", "with X a close second"
    ("Arden, ranking second with 8%, grew fast. Bexley came in at number three with 7% share. Crane occupies the "
     "fourth position with 6%.", [(2, "Arden", 8.0), (3, "Bexley", 7.0), (4, "Crane", 6.0)]),
    ("Dover leads the pack, with Ely a close second.", [(1, "Dover", None), (2, "Ely", None)]),
    # ordinals for a list of measured names, without "respectively"
    ("Fife (18%) and Gwent (15%) ranked second and third.", [(2, "Fife", 18.0), (3, "Gwent", 15.0)]),
    # "respectively" after two lists of amounts takes the last; the leader's amount in the same dimension
    ("Chad took 55% of the new capacity (329 MW) in 2024. The US and India trail with only 8% and 5% (50 GW and "
     "30.7 GW, respectively).", [(1, "Chad", 329.0), (2, "US", 50.0), (3, "India", 30.7)]),
    # a participial clause between a name and its cue; a growth that "was strongest in" a place, with its change
    ("Hurst sold 9,000 units, while Ivel, founded only in 2022, jumped into third place with 6,000 units.",
     [(3, "Ivel", 6000.0)]),
    ("Data revenue growth was strongest in Jura, up 41%.", [(1, "Jura", 41.0)]),
    # a name ending in a place is not cut to the place ("Kelso Africa" is no "Africa")
    ("Kelso Africa, with 159 million subscribers, is the second-biggest operator. Africa's market grew. In Africa, "
     "prices fell.", [(2, "Kelso Africa", 159e6)]),
    # a product named with its owner's possessive is the product; an appositive place followed by another
    # subject takes no value of that subject's clause
    ("Karta's Lumen 3 was the year's best-selling lamp in 2024.", [(1, "Lumen 3", None)]),
    ("In Peru, the largest new market, Ostra held a share of 20%.", [(1, "Peru", None)]),
    # "&" joins one name; "the second fastest" in an appositive; a possessive "of" name
    ("Quist & Company is the biggest maker of ploughs, with sales of $2.8 billion. Rook follows at $1.9 billion.",
     [(1, "Quist & Company", 2.8e9), (2, "Rook", 1.9e9)]),
    ("Sarn is the fastest-growing market, up 58%, while Tay, the second fastest, grew 41%.",
     [(1, "Sarn", 58.0), (2, "Tay", 41.0)]),
    ("Ulric's of Vane, the largest specialty market, grew premiums 6%.", [(1, "Ulric's of Vane", None)]),
    # a curly possessive lead
    ("Rendall’s lead is firmer in Canada, where its share sits at 24%.", [(1, "Rendall", 24.0)]),
])
def test_positions_written_in_prose(text: str, expected: list) -> None:
    assert _entries(text) == expected


@pytest.mark.parametrize("text", [
    # values alone are no positions
    "Hawthorn took 15% of gross additions, Ivywood 14% and Jasper 13%.",
    # a list in alphabetical order names members without ranking them
    "The top three leaders of the quarter: Alder, Birch and Cedar.",
    # "followed by" in time, not in rank
    "In 2024, Kinross launched the K1 series in March, followed by the K2 generation in June.",
    # "ahead of" without a position stated: a comparison only
    "Streaming was nearly 7 percentage points ahead of cable TV, the widest gap so far.",
    # plural subjects of a superlative are no single entry; "one of the largest" is no position
    "In Asia, Laxton and Merrow are the largest markets. Norcross is one of the largest suppliers.",
    # a verb hidden in a compound word; "led to" is a cause
    "Valued at $5 billion in mid-2025, it aims for data-led advertising growth.",
    "Higher freight rates led to lower margins in 2024.",
    # a record over time is no position among peers
    "Revenue growth was the highest in a decade, at 12%. Order intake was the lowest since 2009.",
    # "behind" as a place, not a position
    "Besides the organic growth factors behind Zephyr, the sector benefits from budgets.",
    # a superlative in a month or quarter is a time, not a place among peers
    "Ferry bookings were highest in March and lowest in Q4.",
    # a subject in lower case is a category only where the sentence splits into categories
    "In the first quarter, revenue ranked second among our priorities.",
    "costs were the largest component, at 40%.",
    # a superlative subject whose complement goes on past the name ranks no name
    "The largest deal was Tamber's purchase of Ulmo.",
    # an overtake needs a name on both sides
    "Streamed audio is set to overtake broadcast radio in ad revenues.",
])
def test_no_position_without_words_stating_one(text: str) -> None:
    assert _entries(text) == []


def test_entry_value_stated_right_after_the_name_nearby() -> None:
    text = ("Quorra, Pallas and Ravel, the top 3 tile makers, dwarf the rest.\n\n"
            "Quorra sold tiles worth US$4.9 billion and Pallas US$4.6 billion.\n")
    assert _entries(text) == [(1, "Quorra", 4900000000.0), (2, "Pallas", 4600000000.0), (3, "Ravel", None)]


def test_year_rank_columns_are_two_rankings_measured_by_their_year() -> None:
    table = Table(None, (("2024 Rank", "2023 Rank", "Vendor", "2024 Revenue", "2024 Share (%)", "2023 Revenue",
                          "2024-2023 Growth (%)"),
                         ("1", "2", "Acme", "5,000", "20.0", "4,000", "25.0"),
                         ("2", "1", "Bolt", "4,500", "18.0", "4,400", "2.3")),
                  title="Top Vendors by Revenue, 2023-2024 (Millions of US Dollars)")
    entries = [(e.rank, e.entity, e.value, e.unit, e.year) for e in table_rankings(table, 1)]
    assert entries == [(1, "Acme", 5e9, "USD", 2024), (2, "Bolt", 4.5e9, "USD", 2024),
                       (2, "Acme", 4e9, "USD", 2023), (1, "Bolt", 4.4e9, "USD", 2023)]


def test_a_rank_table_is_measured_by_the_column_its_title_names() -> None:
    table = Table(None, (("Position", "Chain", "Stores 2023", "Share"), ("1", "Lumo", "16,248", "38%"),
                         ("2", "Mirth", "6,806", "16%")), title="Table 1: Tea chains by store count, 2023")
    entries = [(e.rank, e.entity, e.value) for e in table_rankings(table, 1)]
    assert entries == [(1, "Lumo", 16248.0), (2, "Mirth", 6806.0)]


def test_numbered_names_rank_a_table_and_a_change_column_is_no_measure() -> None:
    table = Table(None, (("Company", "2024 Units", "2024 Share", "Growth"), ("1. Acme", "12.5", "30%", "4%"),
                         ("2. Bolt*", "10.1", "24%", "-1%"), ("Others", "19.4", "46%", "2%")),
                  title="Top 2 Companies, Unit Shipments (units in millions)")
    assert [(e.rank, e.entity, e.value) for e in table_rankings(table, 1)] == [(1, "Acme", 12.5e6), (2, "Bolt", 10.1e6)]
    plain = Table(None, (("Rank", "Vendor", "Revenue", "Growth (%)"), ("1", "Acme", "$6.5B", "62.5%")))
    assert [(e.entity, e.value, e.unit) for e in table_rankings(plain, 1)] == [("Acme", 6.5e9, "USD")]


def test_entries_are_valid_rows_on_odd_input() -> None:
    # no rank below 1, no empty name, whatever the text
    text = "No. 0: Nothing\nMarket share: 5 per cent\n\nIt leads. The and leads with 5%. , followed by , then with 3%."
    doc = Document("0" * 64, "r.txt", "txt", (Page(None, text),))
    assert all(e.rank >= 1 and e.entity.strip() for e in extract_rankings(doc, []))


def test_numbered_list_under_a_heading_is_a_ranking() -> None:
    text = "Top three kiln makers by volume, 2024\n1. Ardent\n2. Bellow\n3. Corvo\n"
    assert _entries(text) == [(1, "Ardent", None), (2, "Bellow", None), (3, "Corvo", None)]


def test_bare_names_under_a_top_n_heading_are_a_ranking() -> None:
    # a web page's ordered list, its marks lost: short lines of names under a top N
    text = ("\nTop 3 kiln makers by revenue, 2024\n\nArdent Kilns – $5.2 billion\n\nBellow Works – $4.1 billion\n\n"
            "Corvo\n")
    assert _entries(text) == [(1, "Ardent Kilns", 5.2e9), (2, "Bellow Works", 4.1e9), (3, "Corvo", None)]


def test_lists_introduced_as_a_ranking() -> None:
    text = ("Top 5 kiln makers by revenue in 2023:\n1. Ardent Kilns – $5.2 billion\n2. Bellow Works – $4.1 billion\n\n"
            "The three largest lenders by assets in 2024 were:\n- Corvo ($120 billion)\n- Danta ($110 billion)\n"
            "- Eskel ($95 billion)\n")
    assert _entries(text) == [(1, "Ardent Kilns", 5.2e9), (2, "Bellow Works", 4.1e9), (1, "Corvo", 1.2e11),
                              (2, "Danta", 1.1e11), (3, "Eskel", 9.5e10)]


@pytest.mark.parametrize("text", [
    # a list of key players names them without ranking them
    "The leading kiln makers include:\n- Ardent Kilns\n- Bellow Works\n- Corvo\n",
    # bullets under a superlative with no count are no order; more items than the top N is no top N
    "The largest lenders:\n- Corvo\n- Danta\n",
    "Top 2 lenders by assets:\n1. Corvo\n2. Danta\n3. Eskel\n",
    # short lines under a top N that are no names; items that are sentences
    "Top 5 takeaways\nGrowth slows\nPrices rise\n",
    "Key takeaways from the top 10 list:\n- Growth slowed.\n- Prices fell sharply.\n",
])
def test_lists_that_are_no_ranking(text: str) -> None:
    assert _entries(text) == []


def test_rank_table_ranks_the_names_right_after_its_rank_column() -> None:
    table = Table(None, (("Rank", "Drug", "Company", "2024 sales ($bn)"), ("1", "Velmora", "Acme", "29.5"),
                         ("2", "Quintrel", "Bolt", "17.5")))
    assert [(e.rank, e.entity, e.value) for e in table_rankings(table, 1)] == [(1, "Velmora", 29.5e9),
                                                                               (2, "Quintrel", 17.5e9)]


def test_a_scale_letter_beside_a_currency_in_a_header_scales_the_ranked_values() -> None:
    table = Table(None, (("Rank", "Vendor", "Revenue (US$ m)"), ("1", "Acme", "1,240"), ("2", "Bolt", "980")),
                  title="Top vendors by revenue, 2024")
    assert [(e.entity, e.value, e.unit) for e in table_rankings(table, 1)] == [("Acme", 1.24e9, "USD"),
                                                                                 ("Bolt", 9.8e8, "USD")]
    lengths = Table(None, (("Rank", "Bridge", "Span (m)"), ("1", "Akashi", "1,991"), ("2", "Xihoumen", "1,650")),
                    title="Longest suspension bridges")
    assert [e.value for e in table_rankings(lengths, 1)] == [1991.0, 1650.0]  # metres, no currency: no scale
