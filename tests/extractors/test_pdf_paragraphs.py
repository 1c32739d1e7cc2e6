from extractors.pdf_paragraphs import join_wrapped_lines

PROSE = ("Kettle sales rose 6% in 2031 to reach 0.94 billion units, the research firm said in its\n"
         "newest report, while Acme sold 141.7 million River kettles and Bolt sold 138.2 million\n"
         "Spout kettles over the same twelve months.\n"
         "Market outlook\n"
         "Shipments are expected to grow again in 2032 as replacement cycles shorten in most regions and\n"
         "regional brands keep gaining share:\n"
         "- Corvo 14%\n"
         "- Pellam 9%\n")


def test_wrapped_lines_of_a_paragraph_are_joined_one_character_for_one() -> None:
    joined = join_wrapped_lines(PROSE, [])
    assert len(joined) == len(PROSE)
    assert "141.7 million River kettles and Bolt sold 138.2 million Spout kettles over" in joined
    assert joined.splitlines() == [
        "Kettle sales rose 6% in 2031 to reach 0.94 billion units, the research firm said in its newest report, "
        "while Acme sold 141.7 million River kettles and Bolt sold 138.2 million Spout kettles over the same twelve "
        "months.",
        "Market outlook",
        "Shipments are expected to grow again in 2032 as replacement cycles shorten in most regions and regional "
        "brands keep gaining share:",
        "- Corvo 14%",
        "- Pellam 9%",
    ]


def test_lines_inside_kept_spans_and_table_lines_stay_apart() -> None:
    table = "Region 2023 2024\nEurope 2.6 2.9\nAsia 4.1 4.6\n"
    text = PROSE + table
    joined = join_wrapped_lines(text, [(0, 95)])
    assert joined[:95] == text[:95]  # the first line's break is inside the kept span
    assert joined.endswith(table)


def test_a_page_of_short_lines_is_left_as_it_is() -> None:
    slide = "Key facts\nMarket size US$4.2 billion\nGrowth 7% a year\nLeader Alpha Corp\n"
    assert join_wrapped_lines(slide, []) == slide


def test_the_line_before_a_kept_span_is_not_glued_to_it() -> None:
    text = PROSE.splitlines()[0] + "\nRegion Units\nEurope 12\n"
    start = text.index("Region")
    assert join_wrapped_lines(text, [(start, len(text) - 1)]) == text
