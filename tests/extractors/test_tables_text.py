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
    text = ("Intro paragraph.\n\nRevenue by segment, 2024\n\n\tRegion\t\t\nSegment\tUS\tEU\t\nCloud\t1.2\t\nAI\t3.4\t5.6\t\n\n"
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
