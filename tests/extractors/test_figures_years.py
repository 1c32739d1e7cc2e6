"""Years, quarters and forecasts of figures: the dates a figure's clause, its page and its document give it.

Made-up sentences of the shapes seen in reports (never gold text)."""

from __future__ import annotations

from extractors import context, dating
from extractors.figures import extract_figures
from extractors.model import Document, Figure, Page


def _by_quote(text: str) -> dict[str, Figure]:
    return {f.quote: f for f in extract_figures(Document("0" * 64, "case.txt", "txt", (Page(None, text),)))}


def _at(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def test_a_quarter_named_without_its_year_is_found_and_one_with_its_year_is_not() -> None:
    for text in ("Acme's Q3 outlays came to $4 billion", "sales in the second quarter rose",
                 "Third-quarter revenue was flat"):
        assert dating.bare_quarter(text, 0, len(text)) is not None, text
    for text in ("outlays in Q3 2024 came to $4 billion", "the second quarter of 2023", "in Q2’25",
                 "in the fourth quarter, 2022"):
        assert dating.bare_quarter(text, 0, len(text)) is None, text


def test_a_bare_quarter_is_the_latest_such_quarter_begun_by_the_printed_date() -> None:
    text = "widgets sold in Q4 and in the first quarter"
    q4 = dating.bare_quarter(text, 0, len(text))
    first = dating.bare_quarter(text, text.index("the first"), len(text))
    assert q4 is not None and first is not None
    assert dating.bare_quarter_year(q4, "2031-02-11") == 2030
    assert dating.bare_quarter_year(q4, "2031-11") == 2031
    assert dating.bare_quarter_year(first, "2031-12-20") == 2031
    assert dating.bare_quarter_year(q4, "2031") is None  # no month printed: no way to tell


def test_a_bare_quarter_takes_the_year_its_page_first_gave_that_quarter_not_a_comparison() -> None:
    page = ("Widget spending in the fourth quarter of 2031 beat the fourth quarter of 2030.\n\n"
            "Spending was 9% higher than in Q4 2030.\n\nIn Q4, Acme spent $2 billion.")
    scope = dating.YearScope(page, None)
    q4 = dating.bare_quarter(page, page.index("In Q4"), len(page))
    assert q4 is not None
    assert scope.quarter_year(q4, q4.start()) == 2031
    assert scope.quarter_year(q4, 0) is None  # nothing above the page's first line


def test_two_digit_years_span_their_whole_token() -> None:
    text = "a drop of 6% for H1/32 and a rise in Q2’33"
    found = dating.short_years(text, 0, len(text))
    assert [(text[s:e], y) for s, e, y in found] == [("H1/32", 2032), ("Q2’33", 2033)]


def test_a_two_digit_year_starts_a_word() -> None:
    text = "FY31 and (Q3 31) and H2’30, not AQ231, SHQ2’33, IFY31 or rev.FY3"
    found = dating.short_years(text, 0, len(text))
    assert [text[s:e] for s, e, _ in found] == ["FY31", "Q3 31", "H2’30"]


def test_the_end_of_the_decade_is_the_decades_last_year() -> None:
    text = "capacity should triple by the end of the decade"
    assert [y for _, _, y in dating.relative_years(text, 0, len(text), 2034)] == [2040]
    assert dating.relative_years(text, 0, len(text), None) == []


def test_a_year_earlier_follows_the_figure() -> None:
    for tail in (" a year earlier)", ", a year before", " in the year before", " the year prior"):
        assert dating.YEAR_EARLIER.match(tail) is not None, tail
    assert dating.YEAR_EARLIER.match(" a year") is None
    assert dating.YEAR_EARLIER.match(" from a year earlier") is None  # "up 5% from a year earlier": this year's


def test_a_year_after_a_possessive_peak_only_compares() -> None:
    text = "prices have fallen 80% from their late 2031 peak"
    assert dating.is_compared(text, text.index("2031"))
    assert dating.topic_years(text, 0, len(text)) == []


def test_forecast_words_govern_only_their_own_clause() -> None:
    text = "Acme's capex reached $9 billion in Q2, and its spending is expected to top $40 billion next year."
    assert not context.forecast_stated(text, 0, *_at(text, "$9 billion"))
    assert context.forecast_stated(text, 0, *_at(text, "$40 billion"))
    text = "Globex spent $3 billion in Q2 and expects to invest $12 billion in 2040."
    assert not context.forecast_stated(text, 0, *_at(text, "$3 billion"))
    text = "Widget revenue of $5 billion is projected for the year."
    assert context.forecast_stated(text, 0, *_at(text, "$5 billion"))


def test_a_possible_level_is_a_forecast() -> None:
    text = "The share of widgets could reach 40% in Utopia and 20% in Arcadia."
    assert context.forecast_stated(text, 0, *_at(text, "40%"))
    assert context.forecast_stated(text, 0, *_at(text, "20%"))
    assert not context.has_forecast_words("The share of widgets reached 40% in Utopia.")


def test_a_year_in_an_aside_about_someone_dates_nothing() -> None:
    text = "Globex, the 2031 market leader, slipped to second place."
    at = text.index("2031")
    assert dating.is_appositive(text, at, at + 4)
    text = "In 2031, the market leader slipped to second place."
    at = text.index("2031")
    assert not dating.is_appositive(text, at, at + 4)


def test_a_since_year_that_opens_a_when_clause_dates_it() -> None:
    text = "prices are down 90% since 2031, when a widget cost $900"
    assert not dating.is_compared(text, text.index("2031"))
    assert dating.is_compared("prices are down 90% since 2031", len("prices are down 90% since "))


def test_the_opening_year_counts_quarters_written_with_two_digits() -> None:
    assert dating.opening_year("Widgets\n\nAcme counted 4M widget sales in Q2’37, a record.") == 2037


def test_a_forecasts_starting_point_and_a_noun_are_no_forecast() -> None:
    text = "Analysts expect the widget market to grow from $4 billion in 2031 to $9 billion by 2036."
    assert not context.forecast_stated(text, 0, *_at(text, "$4 billion"))
    assert context.forecast_stated(text, 0, *_at(text, "$9 billion"))
    text = "Acme was running seven projects totalling 900 MW in Utopia."
    assert not context.forecast_stated(text, 0, *_at(text, "900 MW"))
    text = "Widget makers are set to lose 3% of their sales."
    assert context.forecast_stated(text, 0, *_at(text, "3%"))


def test_figures_under_a_quarter_named_without_its_year_take_the_quarter_the_page_dated() -> None:
    text = ("Widget spending in the fourth quarter of 2031\n\n"
            "Widget outlays rose 11% in the fourth quarter of 2031.\n\n"
            "Acme's Q4 widget outlays came to $8.1 billion, with $30 billion planned for 2032, while Globex spent "
            "$5.2 billion in Q4 and expects to invest $21 billion in 2032.")
    found = _by_quote(text)
    assert found["$8.1 billion"].year == 2031 and found["$5.2 billion"].year == 2031
    assert found["$30 billion"].year == 2032 and found["$21 billion"].year == 2032
    assert not found["$8.1 billion"].is_forecast and not found["$5.2 billion"].is_forecast
    assert found["$21 billion"].is_forecast


def test_a_bare_quarter_falls_back_on_the_printed_date() -> None:
    text = ("Widget Wire\nMarch 3, 2032\n\nIn the fourth quarter of 2030, Globex led widget sales.\n\n"
            "Acme took the lead back in the first quarter after selling 61,200 widgets, 9,100 units more than "
            "Globex.")
    found = _by_quote(text)
    assert found["61,200 widgets"].year == 2032 and found["9,100 units"].year == 2032


def test_a_figure_a_year_earlier_is_dated_the_year_before() -> None:
    text = ("In 2031, Acme took 16% of widget shipments (share down from 17% a year earlier), "
            "while widget growth was about 9% in 2031, against nearly 20% in the year before.")
    found = _by_quote(text)
    assert found["16%"].year == 2031 and found["17%"].year == 2030
    assert found["9%"].year == 2031 and found["20%"].year == 2030
    assert _by_quote("In 2031, widget sales were up 5% from a year earlier.")["5%"].year == 2031


def test_a_comparison_year_after_a_change_is_not_its_year() -> None:
    text = ("Widget revenue reached $9.1 billion in 2031, a rise of 21% on the $7.5 billion recorded in 2030. "
            "Widget spending in 2031 was 22% higher than in the fourth quarter of 2030.")
    found = _by_quote(text)
    assert found["21%"].year == 2031 and found["$7.5 billion"].year == 2030
    assert found["22%"].year == 2031


def test_a_later_year_of_the_figures_own_clause_beats_an_earlier_clauses() -> None:
    text = ("Acme called 2031 the widget market's best year, with sales topping $60 billion, and said "
            "double-digit market growth is projected for 2032.")
    found = _by_quote(text)
    assert found["$60 billion"].year == 2031
    assert found["double-digit"].year == 2032 and found["double-digit"].is_forecast


def test_a_horizon_of_years_dates_no_figure() -> None:
    text = ("In 2031 Utopia installed 12.5 GW of widgets, in line with its goal of installing 200 GW within the "
            "next 5 years.")
    found = _by_quote(text)
    assert found["12.5 GW"].year == 2031 and found["200 GW"].year is None


def test_two_digit_half_years_and_asides_date_figures() -> None:
    text = ("Widget News\nApril 2, 2031\n\nAn analyst forecasts a year-over-year drop of at least 6% for H1/32. "
            "Globex, the 2030 market leader, slipped to second place with widget revenue of $4.9 billion.")
    found = _by_quote(text)
    assert found["6%"].year == 2032 and found["6%"].is_forecast
    assert found["$4.9 billion"].year != 2030


def test_a_price_per_unit_takes_the_year_after_its_unit() -> None:
    text = "The average widget price went from US$139/kWh in 2030 to US$115/kWh toward the end of 2031."
    found = _by_quote(text)
    assert {q[:7]: f.year for q, f in found.items()} == {"US$139": 2030, "US$115": 2031}


def test_the_end_of_the_decade_needs_no_printed_date() -> None:
    text = ("Widget storage in 2034\n\nIn 2034 the widget storage market grew quickly. "
            "Analysts forecast that its value will triple by the end of the decade.")
    assert _by_quote(text)["triple"].year == 2040
    text = "Widget storage sold 4 GW this year."  # no printed date: "this year" stays unknown
    assert _by_quote(text)["4 GW"].year is None


def test_projects_is_a_forecast_as_a_verb_only() -> None:
    text = "The report projects widget ad sales to decline by 5% worldwide."
    assert context.forecast_stated(text, 0, *_at(text, "5%"))
    text = "Acme now runs seven projects totalling 900 MW and plans more."
    assert not context.forecast_stated(text, 0, *_at(text, "900 MW"))


def test_a_year_inside_a_quoted_title_is_the_reports_edition() -> None:
    text = "Widgets\n\nA slide from the report “Top 50 widget makers in 2036: an analysis”. " \
           "Widget makers sold $2 trillion in 2035."
    assert dating.in_quoted_title(text, text.index("2036"))
    assert not dating.in_quoted_title(text, text.index("2035"))
    assert dating.opening_year(text) == 2035


def test_a_change_between_two_dated_ends_spans_them() -> None:
    text = ("Widget revenue reached $9 trillion in 2036, after a 90% jump over the previous five years, "
            "from $2.5 trillion in 2030 to $4.7 trillion in 2035.")
    jump = _by_quote(text)["90%"]
    assert (jump.period_start, jump.period_end, jump.year) == (2030, 2035, 2035)


def test_a_tables_row_is_no_heading() -> None:
    page = "Widget prices\n\nYear | Price\n---|---\n2031 | 290\n2032 | 230\n\nPrices keep falling."
    scope = dating.YearScope(page, None, first_page=False)
    assert scope.heading_year(len(page) - 5) is None
    assert dating.YearScope("Widgets in 2031\n\nPrices keep falling.", None, first_page=False).heading_year(30) == 2031


def test_the_opening_reads_further_only_where_its_first_lines_state_no_year() -> None:
    lead = "Widget Forecast\n\n" + "Widget makers expect a busy season ahead of them. " * 16
    assert len(lead) > 750
    assert dating.opening_year(lead + "The largest market posted 2037 revenues of $4 billion.") == 2037
    assert dating.opening_year("Widgets in 2036\n\n" + lead + "The largest market posted 2037 revenues.") == 2036
    table = "Widget prices\n\nYear | Price\n---|---\n2031 | 290\n2032 | 230\n"
    assert dating.opening_year(table) is None


def test_a_change_over_a_span_it_writes_out_has_no_one_year() -> None:
    found = _by_quote("Gadget revenue more than doubled from 2031 to 2034. Widget sales rose 12% from 2033 to 2034.")
    doubled, rose = found["doubled"], found["12%"]
    assert (doubled.period_start, doubled.period_end, doubled.year) == (2031, 2034, None)
    assert (rose.period_start, rose.period_end, rose.year) == (2033, 2034, 2034)  # a year on year: its later year


def test_listed_headlines_below_the_text_take_no_year_from_the_page() -> None:
    page = ("Widget market review\n\nWidget makers shipped 40 million units in 2033. They added 5 GW of plants.\n\n"
            "Widget share: 31 per cent\n\n"
            "[Related: Acme's $37 billion run rate and five other takeaways]\n\n"
            "More stories\nAcme wins permits for 700MW widget park\nGlobex lifts its 2040 widget goals again\n"
            "Initech lands a 300MW gadget order\nWidget output hits a record in 2034 across all regions\n")
    found = _by_quote(page)
    assert found["5 GW"].year == 2033 and found["31 per cent"].year == 2033
    assert found["$37 billion"].year is None
    assert found["700MW"].year is None and found["300MW"].year is None  # not the list's 2040 either
    as_sentences = _by_quote(page.replace("\n", ".\n\n"))  # the same lines as paragraphs: the document's year
    assert as_sentences["700MW"].year == as_sentences["300MW"].year == 2033
    wrapped = ("Widget report\n\nWidget makers shipped 40 million units in 2033.\n\nAt the top, the largest maker,\n"
               "added 5 GW of new plants in the\nSouth of the country and 3 GW in the North\n"
               "Of the region, as planned.\n")
    assert _by_quote(wrapped)["3 GW"].year == 2033  # a sentence wrapped over lines (PDF text) is no headline


def test_the_value_a_change_is_stated_against_is_the_year_befores() -> None:
    found = _by_quote("In 2033, Acme shipped 9 million widgets for a 12% share, down from 14%, and Globex a 9% share, "
                      "up from 8% in 2031.")
    assert (found["12%"].year, found["14%"].year) == (2033, 2032)
    assert found["8%"].year == 2031  # its own year, written after it


def test_both_ends_of_a_range_take_the_year_after_the_second() -> None:
    found = _by_quote("Acme projects widget output of 4 TW in 2040, and capacity of between 5.3 TW (low case) "
                      "and 7.2 TW (high case) by 2039.")
    assert (found["5.3 TW"].year, found["7.2 TW"].year) == (2039, 2039)


def test_last_month_and_last_week_are_read_against_the_printed_date() -> None:
    text = "widget prices fell 6% last week and 9% last month"
    assert [y for _, _, y in dating.relative_years(text, 0, len(text), 2034, None, "2034-01-20")] == [2034, 2033]
    assert [y for _, _, y in dating.relative_years(text, 0, len(text), 2034, None, "2034-05")] == [2034, 2034]
    assert dating.relative_years(text, 0, len(text), 2034, None, "2034") == []  # no month printed


def test_a_lede_that_states_a_year_dates_the_page_and_a_title_alone_does_not() -> None:
    news = ("Widget World\n\nWidget Sales Grow 7% in 2033, Acme Leads\n\nWidget sales rose 7% in 2033 to 1.2 billion "
            "units. Acme leads the market.\n\nAcme holds a 23% share of the market.\n")
    evergreen = ("Widget Statistics in 2033 (Latest Data)\n\nIn the widget trade, the one constant is change.\n\n"
                 "Buyers expect more from widget makers than ever.\n\nThere are 32.7 million widget stores, and "
                 "the average return rate is 16.5%.\n\nWidget revenue is set to reach $8.1 trillion by 2036.\n")
    question = "Who Leads the Widget Trade in 2033?\n\nAcme is out in front with about 22% share, ahead of Globex.\n"
    assert dating.opening_states_a_year(news)
    assert not dating.opening_states_a_year(evergreen)  # a title's year, and a forecast's horizon, only
    assert not dating.opening_states_a_year(question)
    assert dating.opening_states_a_year("Widget makers post a record 2033\n\nAcross the trade, widget volumes held "
                                        "up well. Premium brands took 41% of spending.\n")  # a title, a past lede
    assert dating.opening_states_a_year(evergreen.replace("the one constant", "this year the one constant"))
    assert _by_quote(news)["23%"].year == 2033
    found = _by_quote(evergreen)
    assert found["16.5%"].year is None and found["$8.1 trillion"].year == 2036
    assert _by_quote("Widget World\n\nMarch 3, 2034\n\n" + evergreen)["16.5%"].year == 2033  # a printed date


def test_the_year_after_the_value_a_figure_changes_to_is_that_values() -> None:
    found = _by_quote("Widget TV will rise 1 percent in 2033 to $162.5 billion. Streaming alone will account for "
                      "$41.8 billion, surging to $71.9 billion by 2038.")
    assert (found["$41.8 billion"].year, found["$71.9 billion"].year) == (2033, 2038)
    found = _by_quote("The gadget market is expected to reach $151.5 billion, while the widget market will grow to "
                      "$55.0 billion by 2039.")  # two forecasts side by side: the one year dates both
    assert (found["$151.5 billion"].year, found["$55.0 billion"].year) == (2039, 2039)


def test_a_year_stated_after_a_semicolon_does_not_date_the_clause_before_it() -> None:
    page = ("Widget Leaders\n\nThe widget trade keeps changing all the time. Buyers want more from the makers now. "
            "Every maker sells online as well as in shops.\n\n"
            "Acme: over 300 million widget owners; its revenue is predicted to hit $43 billion in 2035.\n")
    found = {f.quote.split()[0]: f for f in _by_quote(page).values()}
    assert found["300"].year is None and found["$43"].year == 2035  # an undated page: no year of its own


def test_an_earlier_value_with_its_own_month_keeps_the_year_around_it() -> None:
    found = _by_quote("In 2035, streaming took 47.3% of widget viewing in July, up from 46% in June, and cable a 20% "
                      "share, down from 23%.")
    assert (found["46%"].year, found["23%"].year) == (2035, 2034)


def test_the_level_a_change_reached_takes_the_changes_year() -> None:
    found = _by_quote("Widgets\n\nPublished March 3, 2035\n\nWidget sales rose 12% last year to $4 billion, and are "
                      "set to grow 9% this year.")
    assert [found[q].year for q in ("12%", "$4 billion", "9%")] == [2034, 2034, 2035]


def test_the_following_year_is_the_year_after_the_context() -> None:
    found = _by_quote("Widget report\n\nIn 2033, sales were $3 billion. They grew to $4 billion the following year.")
    assert (found["$3 billion"].year, found["$4 billion"].year) == (2033, 2034)


def test_a_compared_year_that_opens_a_when_clause_still_only_compares_for_the_figure_before_it() -> None:
    found = _by_quote("Widget report\n\nThe widget market stood at $5 billion in 2034, 10% more than in 2033, when it "
                      "was $4.5 billion.")
    ten = found["10%"]
    assert (ten.year, ten.period_start, ten.period_end) == (2034, 2033, 2034)
    assert found["$4.5 billion"].year == 2033


def test_an_opening_of_headings_and_bullets_only_keeps_the_documents_year() -> None:
    page = "Widget sales in 2034\n\nKey findings\n\n- Widget sales grew 12% to $5 billion\n- Acme holds a 30% share\n"
    assert dating.opening_states_a_year(page)
    assert _by_quote(page)["30%"].year == 2034


def test_a_datelines_date_does_not_date_the_change_after_a_dated_level() -> None:
    text = ("OSLO, June 10, 2025 (Fjord Wire) - Forklift sales worldwide totalled about $15 billion in 2024, "
            "according to broker Acme, up 11% on the previous year.")
    figures = _by_quote(text)
    assert figures["$15 billion"].year == 2024
    assert figures["11%"].year == 2024
