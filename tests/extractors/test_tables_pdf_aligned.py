"""Unruled PDF tables read from the alignment of words (`tables_pdf_aligned`), on words laid out by
hand as pdfplumber gives them (x0, x1, top, bottom in points; 9-point text)."""

from __future__ import annotations

from extractors.tables_pdf_aligned import aligned_tables, rows_under_columns

CHAR = 5.0  # points per character of 9-point text
SPACE = 2.5  # a word space


def _words(runs: list[tuple[float, str, str]], top: float) -> list[dict]:
    """The words of one line from runs of (x, text, alignment): 'l' starts the text at x, 'r' ends it there."""
    words = []
    for x, text, align in runs:
        width = CHAR * len(text) + SPACE * (len(text.split()) - 1)
        left = x if align == "l" else x - width
        for word in text.split():
            words.append({"text": word, "x0": left, "x1": left + CHAR * len(word), "top": top, "bottom": top + 9,
                          "upright": True})
            left += CHAR * len(word) + SPACE
    return words


def _table(lines: list[list[tuple[float, str, str]]]) -> list[dict]:
    return [w for i, runs in enumerate(lines) for w in _words(runs, 100 + 12 * i)]


def test_a_long_label_set_a_word_space_from_a_right_aligned_figure_is_two_cells() -> None:
    # "Huntington Beach" ends 4.5 points before "65": nearer than a column gap (a text height).
    rows = [("Notice", "City", "No."), ("Acme", "Oakland", "150"), ("Bolt Inc.", "Fresno", "37"),
            ("Crane Co.", "Huntington Beach", "65"), ("Dyna", "San Jose", "12"), ("Evo", "Irvine", "8")]
    lines = [[(60, notice, "l"), (140, city, "l"), (232, count, "r")] for notice, city, count in rows]
    [(_, table)] = aligned_tables(_table(lines))
    assert table == rows


def test_a_label_running_into_a_column_of_words_is_not_parted() -> None:
    # The trailing number is part of the label ("Plant 2"): the column right of it holds no figures
    # under the label's last word, which ends inside that column.
    rows = [("Site", "Region", "Status"), ("North", "Plant 2", "open"), ("South", "Depot", "closed"),
            ("East", "Yard", "open"), ("West", "Dock", "open")]
    lines = [[(60, site, "l"), (140, region, "l"), (200, status, "l")] for site, region, status in rows]
    [(_, table)] = aligned_tables(_table(lines))
    assert table[1] == ("North", "Plant 2", "open")


def test_a_body_is_read_under_columns_given_from_elsewhere() -> None:
    words = _table([[(60, "C-001", "l"), (170, "Supplier North", "l"), (360, "1,250", "r")],
                    [(60, "C-002", "l"), (170, "Supplier South", "l"), (360, "2,250", "r")]])
    columns = [(60.0, 160.0), (160.0, 300.0), (300.0, 360.0)]
    assert rows_under_columns(words, columns) == [("C-001", "Supplier North", "1,250"),
                                                  ("C-002", "Supplier South", "2,250")]


def test_a_long_name_running_up_to_a_left_aligned_column_is_parted_at_its_edge() -> None:
    # "Crane Hoists International" ends a word space before the city column, whose cells all start
    # at 185: the city starts on that edge.
    rows = [("Company", "City", "Workers"), ("Acme", "Oakland", "150"), ("Bolt Inc.", "Fresno", "37"),
            ("Crane Hoists International", "Lodi", "65"), ("Dyna", "San Jose", "12"), ("Evo", "Irvine", "8")]
    lines = [[(60, company, "l"), (60 + 125 + SPACE, city, "l"), (300, count, "r")] for company, city, count in rows]
    [(_, table)] = aligned_tables(_table(lines))
    assert table == rows


def test_a_year_over_the_figures_heads_a_two_column_table_over_a_note_and_a_section_row() -> None:
    lines = [[(60, "Key figures", "l")],  # the page's heading: not a row
             [(300, "2016", "r")],
             [(60, "(all amounts in EUR)", "l")],
             [(60, "Class A", "l")],
             [(60, "Net asset value", "l"), (300, "5,111,372", "r")],
             [(60, "Units outstanding", "l"), (300, "49,136", "r")],
             [(60, "Value per unit", "l"), (300, "104.03", "r")]]
    [(_, table)] = aligned_tables(_table(lines))
    assert table == [("", "2016"), ("(all amounts in EUR)", ""), ("Class A", ""), ("Net asset value", "5,111,372"),
                     ("Units outstanding", "49,136"), ("Value per unit", "104.03")]


def test_lines_of_one_cell_at_the_left_margin_above_a_table_stay_out_of_it() -> None:
    lines = [[(60, "Table 3", "l")], [(60, "Shipments by region", "l")],
             [(60, "North", "l"), (300, "120", "r")], [(60, "South", "l"), (300, "95", "r")],
             [(60, "West", "l"), (300, "80", "r")]]
    [(_, table)] = aligned_tables(_table(lines))
    assert table[0] == ("North", "120")


def test_a_figure_wider_than_the_rest_of_its_right_aligned_column_is_a_cell_of_its_own() -> None:
    # "12,664,000" sticks out left of its column's other figures, to 6 points from "6,922,900".
    rows = [("State", "Revenue", "Capital"), ("Kerala", "3,985,473", "929,503"), ("Bihar", "4,332,141", "5,329,000"),
            ("Gujarat", "6,922,900", "12,664,000"), ("Goa", "110,000", "330,053"), ("Assam", "1,210,000", "82,000")]
    lines = [[(60, state, "l"), (180, revenue, "r"), (236, capital, "r")] for state, revenue, capital in rows]
    [(_, table)] = aligned_tables(_table(lines))
    assert table == rows
