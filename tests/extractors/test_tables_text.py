import json
from pathlib import Path

import pytest

from extractors import loaders
from extractors.model import Document, Page
from extractors.tables import extract_tables
from extractors.tables_text import find_text_tables

DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev"


def _norm(cells) -> list[str]:
    return [" ".join(c.split()).lower() for c in cells if c.strip()]


def match_gold(tables_by_doc: dict[str, list], gold: list[dict]) -> tuple[int, int]:
    """(found, exact): gold tables found by header, and found with the same rows and first row."""
    found = exact = 0
    for g in gold:
        pool = tables_by_doc.get(Path(g["doc"]).stem, [])
        hit = next((t for t in pool if _norm(t.rows[0]) == _norm(g["header"])), None)
        if hit:
            pool.remove(hit)
            found += 1
            exact += len(hit.rows) - 1 == g["n_rows"] and _norm(hit.rows[1]) == _norm(g["first_row"])
    return found, exact


@pytest.mark.skipif(not DEV.exists(), reason="no dev gold set")
def test_dev_tables_found_with_exact_rows() -> None:
    gold = [json.loads(line) for line in (DEV / "tables.jsonl").read_text().splitlines() if line.strip()]
    raw = DEV / "docs"
    tables = {p.stem: extract_tables(loaders.load(p, raw)) for p in loaders.discover(raw)}
    assert match_gold(tables, gold) == (len(gold), len(gold))


def test_ragged_tab_table_with_title_source_notes_and_spanning_header() -> None:
    text = ("Intro paragraph.\n\nRevenue by segment, 2024\n\n"
            "\tRegion\t\t\nSegment\tUS\tEU\t\nCloud\t1.2\t\nAI\t3.4\t5.6\t\n\n"
            "Source: CIC\nNote: estimates\n")
    [table] = find_text_tables(text, None)
    assert table.rows == (("Segment", "US", "EU"), ("Cloud", "1.2", ""), ("AI", "3.4", "5.6"))
    assert (table.title, table.source, table.notes) == ("Revenue by segment, 2024", "Source: CIC", ("estimates",))
    assert text[table.char_start:table.char_end].startswith("\tRegion")


def test_table_in_two_parts_with_repeated_header_is_one() -> None:
    text = "A\tB\n1\t2\n3\t4\n\nA\tB\n5\t6\n"
    [table] = find_text_tables(text, None)
    assert len(table.rows) == 4


def test_two_tables_with_same_header_under_different_titles_stay_apart() -> None:
    text = "Sales 2023\n\nA\tB\n1\t2\n\nSales 2024\n\nA\tB\n3\t4\n"
    assert [t.title for t in find_text_tables(text, None)] == ["Sales 2023", "Sales 2024"]


def test_pipe_and_aligned_tables() -> None:
    text = ("Models:\n| Model | Lab |\n|---|---|\n| GPT | OpenAI |\n\nSpeeds\n\nName      Tokens/s    Cost\n"
            "Alpha        1,200    $0.10\nBeta           950    $0.25\n")
    pipe, aligned = find_text_tables(text, None)
    assert pipe.rows == (("Model", "Lab"), ("GPT", "OpenAI")) and pipe.title == "Models:"
    assert aligned.rows == (("Name", "Tokens/s", "Cost"), ("Alpha", "1,200", "$0.10"), ("Beta", "950", "$0.25"))


def test_prose_is_not_a_table() -> None:
    text = "This is a sentence.  It has two spaces after a period.\nAnd another line of prose here.\n"
    assert find_text_tables(text, None) == []


def test_loader_tables_are_kept_and_not_found_twice() -> None:
    from extractors.html import html_to_text
    text, tables = html_to_text("<p>Top</p><table><caption>Shares</caption><tr><th>A</th><th>B</th></tr>"
                                "<tr><td>x</td><td>1%</td></tr></table><p>Source: X</p>")
    doc = Document("0" * 64, "a.html", "html", (Page(None, text),), tables=tuple(tables))
    [table] = extract_tables(doc)
    assert table.title == "Shares" and table.source == "Source: X"


@pytest.mark.parametrize("text", [
    "Revenue by region\n\n\t2023\t2024\t2025\nUS\t1\t2\t3\nEU\t4\t5\t6\n",
    "Revenue by region\n\n | 2023 | 2024 | 2025\nUS | 1 | 2 | 3\nEU | 4 | 5 | 6\n",
    "Revenue by region\n\n|  | 2023 | 2024 | 2025 |\n|---|---|---|---|\n| US | 1 | 2 | 3 |\n| EU | 4 | 5 | 6 |\n",
    "Revenue by region\n\n          2023      2024      2025\n"
    "US        1         2         3\nEU        4         5         6\n",
])
def test_empty_first_header_cell_is_still_a_table(text: str) -> None:
    [table] = find_text_tables(text, None)
    assert table.rows == (("", "2023", "2024", "2025"), ("US", "1", "2", "3"), ("EU", "4", "5", "6"))
    assert table.title == "Revenue by region"


def test_one_heading_over_an_aligned_two_column_table() -> None:
    text = "Units sold\n\n          2024\nNorth     120\nSouth      95\nWest       80\n"
    [table] = find_text_tables(text, None)
    assert table.rows == (("", "2024"), ("North", "120"), ("South", "95"), ("West", "80"))


def test_every_table_of_a_long_page_gets_its_own_title_and_source() -> None:
    # describe() reads only the lines next to each table, so a page of many tables is described in one pass
    parts = [f"Prose paragraph {i}.\n\nTable {i} caption\n\nA\tB\n{i}\t{i + 1}\n\nSource: S{i}\n\n" for i in range(300)]
    tables = find_text_tables("".join(parts), None)
    assert [(t.title, t.source) for t in tables] == [(f"Table {i} caption", f"Source: S{i}") for i in range(300)]


def test_rows_of_figures_separated_by_single_spaces_are_a_table() -> None:
    text = ("Parcels delivered by drone, 2022-2024 (million)\n\nRegion 2022 2023 2024\nEurope 2.6 2.9 3.3\n"
            "North America 1.9 2.1 2.4\nTotal 4.5 5.0 5.7\n\nDeliveries nearly doubled.\n")
    [table] = find_text_tables(text, None)
    assert table.rows == (("Region", "2022", "2023", "2024"), ("Europe", "2.6", "2.9", "3.3"),
                          ("North America", "1.9", "2.1", "2.4"), ("Total", "4.5", "5.0", "5.7"))
    assert table.title == "Parcels delivered by drone, 2022-2024 (million)"
    assert text[table.char_start:table.char_end] == text[text.index("Region"):text.index("\n\nDeliveries")]


def test_spaced_table_header_of_one_word_a_column_or_of_periods_with_an_empty_first_cell() -> None:
    words = "Country Sales Share\nBrazil 7.9 5.3%\nGermany 6.2 4.2%\n"
    periods = "FY23 FY24\nRetail 4,210 7,950\nFoodservice 2,880 6,120\n"
    assert find_text_tables(words, None)[0].rows[0] == ("Country", "Sales", "Share")
    assert find_text_tables(periods, None)[0].rows[:2] == (("", "FY23", "FY24"), ("Retail", "4,210", "7,950"))


def test_spaced_lines_that_are_not_a_table() -> None:
    unsplittable_header = "Vendor Share 2024 Share 2023\nAlpha 31% 28%\nBeta 22% 24%\n"
    one_row = "Region 2022 2023\nEurope 2.6 2.9\n\nThe market grew.\n"
    ragged = "Region 2022 2023 2024\nEurope 2.6 2.9\nAsia 4.1 4.6 5.2\n"
    dates = "PRIMARY ELECTION, AUGUST 7, 2018\nHeld on AUGUST 9, 2018\nCounted on AUGUST 12, 2018\n"
    for text in (unsplittable_header, one_row, ragged, dates):
        assert find_text_tables(text, None) == [], text


def test_row_of_units_under_the_header_belongs_to_it() -> None:
    text = ("Channel          2024        2030\n                 (US$ m)     (US$ m)\n"
            "Retail           4,210       7,950\nFoodservice      2,880       6,120\n")
    [table] = find_text_tables(text, None)
    assert table.rows == (("Channel", "2024 (US$ m)", "2030 (US$ m)"), ("Retail", "4,210", "7,950"),
                          ("Foodservice", "2,880", "6,120"))


def test_pipe_cells_read_without_markdown_emphasis_and_links() -> None:
    text = ("| Rank | Vendor | Note |\n|---|---|---|\n| 1 | **Alpha Corp** | *new* |\n"
            "| 2 | [Beta](https://b.example) | *Other |\n")
    [table] = find_text_tables(text, None)
    assert table.rows[1:] == (("1", "Alpha Corp", "new"), ("2", "Beta", "*Other"))
