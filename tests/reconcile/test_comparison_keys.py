"""Comparison keys that meet across documents: made-up sources naming their tools, and subjects
extracted without the thing they measure."""

import schemas
from reconcile import reconcile
from reconcile.subjects import comparison_key, instrument_words, per_key, subject_key
from tests.reconcile.frames import figure, figures


def _found(*rows: dict):
    return reconcile(figures(*rows), schemas.empty("rankings"), schemas.empty("tables"), schemas.empty("documents"))


def test_a_firms_named_tool_is_who_speaks_not_what_is_measured():
    sentence = "Zentrix's Market Pulse Monitor shows 2024 as a record year for the widget market, at $683 billion."
    assert instrument_words(sentence, "Zentrix") == {"market", "pulse", "monitor"}
    key = subject_key("Market Pulse Monitor widget market")
    assert comparison_key(key, "Zentrix", instrument_words(sentence, "Zentrix")) == "widget"
    # the words after the verb are the subject's, and a sentence without the possessive names no tool
    assert instrument_words("Zentrix says the Widget Monitor market grew.", "Zentrix") == frozenset()


def test_two_firms_meet_when_one_subject_carries_the_others_tool():
    tool = "Zentrix's Market Pulse Monitor shows 2024 as a record year for the widget market, at $683 billion."
    rows = [figure("a.txt", "$683 billion", 683e9, subject="Market Pulse Monitor widget market", sentence=tool,
                   publisher="Zentrix"),
            figure("b.txt", "$627.6 billion", 627.6e9, subject="global widget market", publisher="Corvel Research")]
    found = _found(*rows)
    assert ["conflict"] == found["kind"].tolist()
    assert sorted(found["values"].iloc[0]) == [627.6e9, 683e9]


def test_a_figure_naming_nothing_takes_the_one_thing_its_sentence_names():
    sentence = "The widget market had a record year, with annual revenue surging 25% to $683 billion."
    rows = [figure("a.txt", "$683 billion", 683e9, subject="widget market", sentence=sentence, publisher="Zentrix"),
            figure("a.txt", "25%", 25.0, metric="growth_rate", unit="percent", subject="annual revenue surging",
                   sentence=sentence, publisher="Zentrix"),
            figure("b.txt", "19.1%", 19.1, metric="growth_rate", unit="percent", subject="widget market growth",
                   publisher="Corvel Research")]
    found = _found(*rows)
    assert [sorted(v) for v in found.loc[found["kind"] == "conflict", "values"]] == [[19.1, 25.0]]


def test_a_sentence_naming_two_things_lends_neither():
    sentence = "Widgets reached $683 billion and gadgets $120 billion, with annual revenue surging 25%."
    rows = [figure("a.txt", "$683 billion", 683e9, subject="widget market", sentence=sentence, publisher="Zentrix"),
            figure("a.txt", "$120 billion", 120e9, subject="gadget market", sentence=sentence, publisher="Zentrix"),
            figure("a.txt", "25%", 25.0, metric="growth_rate", unit="percent", subject="annual revenue surging",
                   sentence=sentence, publisher="Zentrix"),
            figure("b.txt", "19.1%", 19.1, metric="growth_rate", unit="percent", subject="widget market growth",
                   publisher="Corvel Research")]
    assert "conflict" not in _found(*rows)["kind"].tolist()


def test_a_calendar_year_abbreviation_is_not_part_of_the_subject():
    assert comparison_key(subject_key("CY widget shipments")) == comparison_key(subject_key("widget shipments"))


def _share(doc: str, quote: str, value: float, subject: str, sentence: str, publisher: str, start: int = 0) -> dict:
    return figure(doc, quote, value, metric="market_share", unit="percent", subject=subject, sentence=sentence,
                  publisher=publisher, start=start)


def test_a_subject_leaving_out_its_documents_topic_meets_the_subject_that_says_it():
    said = "Zentrix took 23% of the pie."
    rows = [_share("a.txt", "23%", 23.0, "Zentrix share", said, "Corvel"),
            _share("a.txt", "16%", 16.0, "Borlo widget share", "Borlo had 16% of widgets.", "Corvel", start=100),
            _share("a.txt", "9%", 9.0, "Kinto widget share", "Kinto had 9% of widgets.", "Corvel", start=200),
            _share("b.txt", "21.5%", 21.5, "Zentrix widget share", "Zentrix widget share: 21.5%.", "Quanta")]
    found = _found(*rows)
    assert [sorted(v) for v in found.loc[found["kind"] == "conflict", "values"]] == [[21.5, 23.0]]


def test_a_documents_topic_never_supplies_a_name():
    # b's "Zentrix widget share" holds a name a's market-wide subject lacks: never the same thing
    rows = [_share("a.txt", "23%", 23.0, "widget share of online sales", "Widgets took 23% of online sales.", "Corvel"),
            _share("a.txt", "16%", 16.0, "Zentrix widget share", "Zentrix had 16% of widgets.", "Corvel", start=100),
            _share("b.txt", "21.5%", 21.5, "Zentrix widget share of online sales", "Zentrix: 21.5%.", "Quanta")]
    assert "conflict" not in _found(*rows)["kind"].tolist()


def test_a_count_of_a_named_product_is_its_makers_count_in_units():
    rows = [figure("a.txt", "225.9 million iPhones", 225.9e6, metric="count", unit="iphone",
                   subject="Zentrix sold iPhones smartphones", publisher="Corvel"),
            figure("b.txt", "232.1 million units", 232.1e6, metric="count", unit="unit",
                   subject="Zentrix smartphone shipments", publisher="Quanta")]
    found = _found(*rows)
    assert [sorted(v) for v in found.loc[found["kind"] == "conflict", "values"]] == [[225.9e6, 232.1e6]]


def test_counts_of_different_things_stay_apart_whatever_their_nouns():
    rows = [figure("a.txt", "225.9 million subscribers", 225.9e6, metric="count", unit="subscriber",
                   subject="Zentrix streaming subscribers", publisher="Corvel"),
            figure("b.txt", "232.1 million units", 232.1e6, metric="count", unit="unit",
                   subject="Zentrix smartphone shipments", publisher="Quanta")]
    assert "conflict" not in _found(*rows)["kind"].tolist()


def test_the_unit_a_price_is_per_is_no_word_of_its_subject():
    rows = [figure("a.txt", "US$139/kWh", 139.0, metric="price", unit="USD", per="kWh",
                   subject="widget pack prices went kWh", publisher="Corvel"),
            figure("b.txt", "$149", 149.0, metric="price", unit="USD", per="kWh", subject="widget pack price eased",
                   publisher="Quanta")]
    found = _found(*rows)
    assert [sorted(v) for v in found.loc[found["kind"] == "conflict", "values"]] == [[139.0, 149.0]]


def test_a_spelled_out_per_unit_is_compared_as_its_symbol():
    assert per_key("kilowatt-hour") == per_key("kWh") == per_key("kilowatt hours") == "kwh"
    assert per_key("million tokens") == "million tokens"
    rows = [figure("a.txt", "US$115 per kilowatt-hour", 115.0, metric="price", subject="widget pack price",
                   per="kilowatt-hour", publisher="Zentrix"),
            figure("b.txt", "$139/kWh", 139.0, metric="price", subject="widget pack price", per="kWh",
                   publisher="Corvel Research")]
    found = _found(*rows)
    assert ["conflict"] == found["kind"].tolist()


def test_unit_symbols_and_the_verb_that_reports_a_number_are_no_part_of_the_key():
    assert comparison_key(subject_key("India 30.7 GW solar capacity", "India")) == comparison_key("solar capacity")
    assert comparison_key(subject_key("Widgetco generated GMV"), None) == "widgetco"


def test_a_count_of_a_noun_with_a_modifier_is_counted_in_units_and_keeps_the_modifier():
    rows = [figure("a.txt", "495,570 electric vehicles", 495570.0, metric="count", unit="electric vehicle",
                   subject="Widgetco electric vehicles", publisher="Zentrix"),
            figure("b.txt", "510,000 units", 510000.0, metric="count", unit="unit",
                   subject="Widgetco electric vehicle deliveries", publisher="Corvel Research"),
            figure("c.txt", "1.8 million units", 1.8e6, metric="count", unit="unit",
                   subject="Widgetco vehicle deliveries", publisher="Third Firm")]
    found = _found(*rows)
    assert ["conflict"] == found["kind"].tolist()
    assert sorted(found["values"].iloc[0]) == [495570.0, 510000.0]  # all vehicles are another thing


def test_how_fast_or_which_way_a_number_moved_is_no_part_of_the_key_but_a_fast_thing_is():
    assert comparison_key(subject_key("Acme keeps rising fast and share of the widget market")) == "acme widget"
    assert comparison_key(subject_key("fast charging widget market")) == "charging fast widget"
    assert comparison_key(subject_key("$17 billion higher than in the fourth quarter of widget market")) == "widget"
    assert comparison_key(subject_key("higher education market")) == "education higher"
    # "22% higher than in Q4 2023" after the tail of the source's name: the comparison says how it moved
    assert comparison_key(subject_key("Group higher than in the fourth quarter of Widget Market"),
                          "Acme Research Group") == "widget"


def test_a_market_named_by_its_documents_topic_alone_is_the_documents_main_subject():
    main = "Widget cloud infrastructure services spending climbed 20% to $86 billion in 2024."
    rows = [figure("a.txt", "$86 billion", 86e9, subject="widget cloud infrastructure services spending",
                   sentence=main, publisher="Zentrix"),
            figure("a.txt", "$267.7 billion", 267.7e9, subject="widget cloud services spending", year=2023,
                   sentence="Spending rose from $267.7 billion in 2023.", publisher="Zentrix"),
            figure("a.txt", "$3.1 billion", 3.1e9, subject="widget cloud services", year=2022,
                   sentence="It was $3.1 billion in 2022.", publisher="Zentrix"),
            figure("b.txt", "$270 billion", 270e9, subject="widget cloud infrastructure services revenues",
                   year=2023, publisher="Corvel Research")]
    found = _found(*rows)
    assert ["conflict"] == found["kind"].tolist()
    assert sorted(found["values"].iloc[0]) == [267.7e9, 270e9]
    # a firm's count is no whole market's: the topic alone never joins it
    counts = [figure("a.txt", "1.2 billion units", 1.2e9, metric="count", unit="unit", subject="widget",
                     sentence="Widget sales reached 1.2 billion units.", publisher="Zentrix"),
              figure("a.txt", "2 billion units", 2e9, metric="count", unit="unit", subject="widget", year=2023,
                     sentence="Widget sales reached 2 billion units in 2023.", publisher="Zentrix"),
              figure("a.txt", "101 million units", 101e6, metric="count", unit="unit", subject="zeta widget",
                     sentence="zeta shipped 101 million units.", publisher="Zentrix"),
              figure("b.txt", "98 million units", 98e6, metric="count", unit="unit", subject="zeta widget",
                     publisher="Corvel Research")]
    assert _found(*counts).query("kind == 'conflict'")["values"].map(sorted).tolist() == [[98e6, 101e6]]


def test_a_documents_own_figure_for_its_main_subject_keeps_its_whole_market_apart():
    # b gives the whole market and, in a sentence of its own, the part its report is mostly about: the
    # whole market's figure is not that part's, so the parts conflict and the whole markets agree
    def report(doc: str, publisher: str, part: float) -> list[dict]:
        return [figure(doc, "$979 billion", 979e9, subject="the widget market", year=2025, publisher=publisher,
                       sentence="The widget market will reach $979 billion in 2025."),
                figure(doc, "4.9%", 4.9, metric="growth_rate", unit="percent", subject="the widget market",
                       year=2025, publisher=publisher, sentence="The widget market will grow 4.9% in 2025."),
                figure(doc, f"${part:g} billion", part * 1e9, subject="revenues of traditional widget makers",
                       year=2025, publisher=publisher, start=100,
                       sentence=f"Revenues of traditional widget makers will fall to ${part:g} billion.")]
    found = _found(*report("a.txt", "Zentrix", 264), *report("b.txt", "Corvel Research", 261))
    conflicts = found.query("kind == 'conflict'")["values"].map(sorted).tolist()
    assert conflicts == [[261e9, 264e9]]


def test_one_firms_figure_quoted_twice_meets_across_a_word_with_the_same_number_beside_it():
    def quoted(growth_b: str) -> list[dict]:
        a = "Retail and Search widgets will grow 8% to $357 billion, and Social Media widget sales climb 11%."
        b = f"Search and retail media widgets will rise {growth_b} to $359 billion, according to Acme Research."
        return [figure("a.txt", "8%", 8.0, metric="growth_rate", unit="percent", subject="Retail and Search widgets",
                       year=2025, sentence=a, publisher="Acme Research"),
                figure("a.txt", "$357 billion", 357e9, subject="Retail and Search widgets", year=2025, sentence=a,
                       publisher="Acme Research"),
                figure("b.txt", growth_b, float(growth_b.rstrip("%")), metric="growth_rate", unit="percent",
                       subject="Search and retail media widgets", year=2025, sentence=b, publisher="Acme Research"),
                figure("b.txt", "$359 billion", 359e9, subject="Search and retail media widgets", year=2025,
                       sentence=b, publisher="Acme Research")]
    conflicts = _found(*quoted("8%")).query("kind == 'conflict'")["values"].map(sorted).tolist()
    assert conflicts == [[357e9, 359e9]]
    # without the shared number the extra word may name another thing: no comparison
    assert _found(*quoted("9%")).query("kind == 'conflict'").empty


def test_a_firms_name_word_that_continues_the_things_name_stays_in_the_key():
    # "Quillon Kettle Group" on "the smart kettle market": "kettle" names the market, "quillon" the firm
    assert comparison_key(subject_key("Quillon global smart kettle market"), "Quillon Kettle Group") == "kettle smart"
    assert comparison_key(subject_key("Quillon Kettle Group smart kettle market"), "Quillon Kettle Group") \
        == "kettle smart"
    assert comparison_key(subject_key("Kettle Group smart kettle market"), "Quillon Kettle Group") == "kettle smart"
