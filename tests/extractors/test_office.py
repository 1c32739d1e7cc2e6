"""Word documents, slide decks and workbooks, made here with the libraries that read them."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.document import extract_document
from extractors.loaders import load

docx = pytest.importorskip("docx")
pptx = pytest.importorskip("pptx")
openpyxl = pytest.importorskip("openpyxl")

SENTENCE = "The global widget market was valued at $12.5 billion in 2024."
ROWS = [["Region", "2024 revenue ($ million)", "Share"], ["Europe", "410", "31%"], ["Asia", "655", "49%"]]


def _values(extraction) -> set[float]:
    return {f.value for f in extraction.figures}


def test_a_word_document_gives_its_paragraph_figures_and_its_table(tmp_path: Path):
    document = docx.Document()
    document.add_heading("Widget market outlook", level=1)
    document.add_paragraph(SENTENCE)
    document.add_paragraph("Table 1: Revenue by region")
    table = document.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for row, values in zip(table.rows, ROWS):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_paragraph("The market is expected to grow at a CAGR of 7.2% from 2025 to 2030.")
    document.save(tmp_path / "outlook.docx")

    result = extract_document(tmp_path / "outlook.docx", tmp_path)

    assert result.status == "ok" and result.format == "docx"
    assert result.title == "Widget market outlook"
    assert {12.5e9, 7.2} <= _values(result)
    assert [list(r) for r in result.tables[0].rows] == ROWS
    assert result.tables[0].title == "Table 1: Revenue by region"
    assert not {410.0, 655.0} & _values(result)  # table cells are cells, not sentence figures


def test_a_slide_deck_gives_a_page_per_slide_with_its_tables(tmp_path: Path):
    deck = pptx.Presentation()
    first = deck.slides.add_slide(deck.slide_layouts[1])
    first.shapes.title.text = "Widget market 2025"
    first.placeholders[1].text = SENTENCE
    second = deck.slides.add_slide(deck.slide_layouts[5])
    second.shapes.title.text = "Revenue by region"
    from pptx.util import Inches

    shape = second.shapes.add_table(len(ROWS), len(ROWS[0]), Inches(1), Inches(2), Inches(6), Inches(2))
    for r, values in enumerate(ROWS):
        for c, value in enumerate(values):
            shape.table.cell(r, c).text = value
    deck.save(tmp_path / "deck.pptx")

    result = extract_document(tmp_path / "deck.pptx", tmp_path)

    assert result.status == "ok" and result.pages == 2
    assert [f.page for f in result.figures if f.value == 12.5e9] == [1]
    assert [(t.page, [list(r) for r in t.rows]) for t in result.tables] == [(2, ROWS)]
    assert result.tables[0].title == "Revenue by region"


def test_a_workbook_gives_a_page_per_sheet_its_tables_and_its_notes(tmp_path: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Revenue"
    sheet.append(["Revenue by region, 2024"])
    sheet.append(ROWS[0][:2] + ["Share"])
    for region, revenue, share in ([r[0], int(r[1]), float(r[2].rstrip("%")) / 100] for r in ROWS[1:]):
        sheet.append([region, revenue, share])
        sheet.cell(sheet.max_row, 3).number_format = "0%"
    sheet.append([])
    sheet.append([SENTENCE])
    notes = book.create_sheet("Notes")
    notes.append(["Prices fell by 3.5% in 2024."])
    book.save(tmp_path / "data.xlsx")

    doc = load(tmp_path / "data.xlsx", tmp_path)
    result = extract_document(tmp_path / "data.xlsx", tmp_path)

    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.pages[0].text.startswith("Revenue\nRevenue by region, 2024\n")
    assert result.status == "ok" and result.format == "xlsx"
    assert [(t.page, [list(r) for r in t.rows]) for t in result.tables] == [(1, ROWS)]
    assert result.tables[0].title == "Revenue by region, 2024"
    assert [f.page for f in result.figures if f.value == 12.5e9] == [1]
    assert [f.page for f in result.figures if f.value == 3.5] == [2]


def test_a_damaged_office_file_fails_with_a_reason(tmp_path: Path):
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    result = extract_document(tmp_path / "broken.docx", tmp_path)
    assert result.status == "failed"
    assert result.error.startswith("E103 not a readable DOCX file")
