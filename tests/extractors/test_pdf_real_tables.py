"""PDF tables on real PDFs from pdfplumber's test suite (shared/eval/peers/pdfplumber), judged by that
folder's own `score_checks.py`, and the PDF reader's bounds on text it must never lose and pages it
must not lay out."""

from __future__ import annotations

import importlib.util
import io
import json
from collections import Counter
from pathlib import Path
from types import ModuleType

import pandas as pd
import pypdfium2 as pdfium
import pytest

from extractors import loaders
from extractors.pdf import MAX_PAGE_OBJECTS, PAGE_NUMBER, read_pdf
from extractors.tables import extract_tables

PLUMBER = Path(__file__).resolve().parents[3] / "shared" / "eval" / "peers" / "pdfplumber"
WARN = PLUMBER / "pdfs" / "WARN-Report-for-7-1-2015-to-03-25-2016.pdf"
# Checks passed with the product's defaults. The other 7 cannot pass while the page is read right (see
# docs/tables.md, "pdfplumber's checks"): senate's wants a row cut to the crop's first five of seven
# columns; issue-53's wants the page title kept as a row and two data rows packed into one; issue-466's
# wants three tables where four are printed; three of NICS's want a table without its header and
# Totals rows, which its other case's column sums need; issue-71's wants the page's two layout panels
# (a sidebar beside paragraphs) as a table.
MIN_CHECKS_PASSED = 13

pytestmark = pytest.mark.pdf
needs_plumber = pytest.mark.skipif(not (PLUMBER / "score_checks.py").exists(),
                                   reason="no pdfplumber cases in ../shared")


def _score_checks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_checks", PLUMBER / "score_checks.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tables_frame(pdfs: Path) -> pd.DataFrame:
    """The tables of every PDF in the shape of tables.parquet's columns that the checks read."""
    rows = []
    for path in loaders.discover(pdfs):
        for index, table in enumerate(extract_tables(loaders.load(path, pdfs))):
            rows += [{"table_id": f"{path.name}/{index}", "source_file": path.name, "page": table.page,
                      "row": r, "col": c, "text": text}
                     for r, cells in enumerate(table.rows) for c, text in enumerate(cells)]
    return pd.DataFrame(rows)


@pytest.mark.slow
@needs_plumber
def test_pdfplumber_checks_with_the_products_defaults() -> None:
    checks = _score_checks()
    tables = _tables_frame(PLUMBER / "pdfs")
    cases = [json.loads(line) for line in (PLUMBER / "cases.jsonl").read_text().splitlines() if line.strip()]
    passed = failed = 0
    for case in cases:
        grids = checks.grids(tables, Path(case["pdf"]).name, case["page"])
        for check in case["checks"]:
            ok = checks.check(check, grids, case["method"])
            passed, failed = passed + ok, failed + (not ok)
            print(case["id"], check["kind"], "pass" if ok else "FAIL")
    print(f"pdfplumber checks: {passed}/{passed + failed}")
    assert passed >= MIN_CHECKS_PASSED


@pytest.mark.slow
@needs_plumber
def test_a_table_printed_over_many_pages_is_one_table_and_none_of_its_lines_is_lost() -> None:
    data = WARN.read_bytes()
    pages, tables = read_pdf(data)
    header = ("Notice Date", "Effective", "Received", "Company", "City", "No. Of", "Layoff/Closure")
    notices = [t for t in tables if t.rows[0] == header]
    assert len(notices) == 1 and notices[0].page == 1
    assert not any(row == header for row in notices[0].rows[1:])
    assert len(notices[0].rows) > 600  # 16 pages of about 40 notices
    # A long city set a word space from its right-aligned count ("Huntington Beach 65"), or a long
    # company name from its city, is two cells: every notice fills its seven.
    assert all(row[5].replace(",", "").isdigit() and not row[4][-1:].isdigit() for row in notices[0].rows[1:])
    assert all(all(row) for row in notices[0].rows[1:])
    # Every line pdfium reads on a page is kept, but for page numbers.
    document = pdfium.PdfDocument(data)
    raw = Counter()
    for page in document:
        text = page.get_textpage().get_text_range()
        raw.update(" ".join(line.split()) for line in text.splitlines() if line.strip() and not PAGE_NUMBER.match(line))
    kept = Counter(" ".join(line.split()) for p in pages for line in p.text.splitlines() if line.strip())
    assert raw - kept == Counter()


def _pages(draw_page, count: int) -> bytes:
    from reportlab.pdfgen import canvas
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for number in range(1, count + 1):
        pdf.setFont("Helvetica", 9)
        draw_page(pdf, number)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_date_lines_at_the_top_and_bottom_of_pages_are_not_taken_for_running_headers() -> None:
    def draw(pdf, number: int) -> None:
        pdf.drawString(72, 810, "Quarterly layoff notices")  # a running header: dropped
        pdf.drawString(72, 790, f"0{number}/1{number}/2015")
        for line in range(10):
            pdf.drawString(72, 770 - 14 * line, f"Plant {number}-{line} closed, {10 * line + number} workers")
        pdf.drawString(72, 600, f"0{number}/2{number}/2016")
        pdf.drawString(290, 30, f"Page {number}")  # a page number: dropped
    pages, _ = read_pdf(_pages(draw, 5))
    lines = [[line.strip() for line in p.text.splitlines() if line.strip()] for p in pages]
    assert all(page[0] == f"0{n}/1{n}/2015" and page[-1] == f"0{n}/2{n}/2016" for n, page in enumerate(lines, 1))
    assert not any("Quarterly" in line or line.startswith("Page") for page in lines for line in page)


def test_a_page_of_countless_drawn_objects_keeps_its_text_and_is_not_laid_out() -> None:
    def draw(pdf, number: int) -> None:
        pdf.drawString(72, 800, "Sensor readings rose 12% in 2024.")
        for i in range(MAX_PAGE_OBJECTS + 1000):  # a scatter plot of tiny squares
            pdf.rect(20 + (i % 500) * 1.1, 20 + (i // 500) * 1.5, 0.5, 0.5, stroke=0, fill=1)
    pages, tables = read_pdf(_pages(draw, 1))
    assert "rose 12% in 2024" in pages[0].text and tables == []


@needs_plumber
def test_word_spaces_of_a_tightly_set_table_are_kept() -> None:
    _, tables = read_pdf((PLUMBER / "pdfs" / "senate-expenditures.pdf").read_bytes())
    cells = {cell for t in tables for row in t.rows for cell in row}
    assert "CITIBANK - TRAVEL CBA CARD" in cells and "CITIBANK-TRAVELCBACARD" not in cells


@needs_plumber
def test_a_header_set_off_its_data_column_sits_over_it() -> None:
    # NICS: header boxes drawn apart from the right-aligned numbers under them.
    _, tables = read_pdf((PLUMBER / "pdfs" / "nics-background-checks-2015-11.pdf").read_bytes())
    [table] = tables
    assert len(table.rows[0]) == 25 and table.rows[0][-1] == "Totals"
    alabama = next(row for row in table.rows if row[0] == "Alabama")
    assert alabama[-1] == "71,137" and alabama[1] == "18,870"


@needs_plumber
def test_tables_stacked_on_a_page_stay_apart_and_rows_drawn_without_rules_are_not_packed() -> None:
    # issue-466: a grid, a table ruled in columns only, one ruled in rows only, and one with no rules
    # between its body rows, each 4 rows of 3 cells under a caption.
    _, tables = read_pdf((PLUMBER / "pdfs" / "issue-466-example.pdf").read_bytes())
    assert [t.rows[0][0] for t in tables] == ["T0-C0", "T1-C0", "T2-C0", "T3-C0"]
    assert all(len(t.rows) == 4 and t.rows[3][2].endswith("-22-last") for t in tables)


@needs_plumber
def test_rows_of_a_ruled_table_drawn_as_one_cell_each_are_parted() -> None:
    _, tables = read_pdf((PLUMBER / "pdfs" / "issue-53-example.pdf").read_bytes())
    routes = next(t for t in tables if t.page == 2 and t.rows[0][0] == "Routes")
    assert routes.rows[1][:3] == ("JAL Group", "Transpacific", "157,642")
    assert routes.rows[7][1:3] == ("China", "97,180")


@needs_plumber
def test_a_number_grouped_by_a_space_is_one_cell_and_the_columns_add_up() -> None:
    # NICS: California's numbers are printed with a gap where the other rows have a comma ("98 452").
    _, tables = read_pdf((PLUMBER / "pdfs" / "nics-background-checks-2015-11.pdf").read_bytes())
    [table] = tables
    california = next(row for row in table.rows if row[0] == "California")
    assert california[1] == "98452" and california[-1] == "180116"
    assert table.rows[-1][0] == "Totals"
    states = [int(row[-1].replace(",", "")) for row in table.rows[1:-1] if row[-1]]
    assert sum(states) == int(table.rows[-1][-1].replace(",", ""))


@needs_plumber
def test_rows_wrapped_over_three_lines_stay_in_one_table() -> None:
    # senate: the description of some expenses runs over three lines, the other cells over one.
    _, tables = read_pdf((PLUMBER / "pdfs" / "senate-expenditures.pdf").read_bytes())
    documents = [t for t in tables if any(row[0].startswith("DHAW2019") for row in t.rows)]
    assert len(documents) == 1
    assert sum(1 for row in documents[0].rows if row[0].startswith("DHAW2019")) == 22


@needs_plumber
def test_row_labels_stay_on_their_rows_and_a_key_under_the_table_is_not_a_row() -> None:
    # issue-53: rows drawn without rules between them and empty rows between double rules (page 3);
    # a key printed under the table inside the page's frame (pages 2 and 3).
    _, tables = read_pdf((PLUMBER / "pdfs" / "issue-53-example.pdf").read_bytes())
    domestic = next(t for t in tables if t.page == 3)
    assert len(domestic.rows) == 16 and all(row[0] and row[1] for row in domestic.rows[1:])
    assert domestic.rows[-1][:2] == ("FY2015 TTL", "24,377,334")
    assert not any(row[0].startswith("Key") for t in tables if t.page in (2, 3) for row in t.rows)


@needs_plumber
def test_two_grids_drawn_one_under_the_other_in_one_network_of_rules_are_two_tables() -> None:
    # issue-53 page 5: a grid of three columns of figures over a wider one of seven, their rules joined.
    _, tables = read_pdf((PLUMBER / "pdfs" / "issue-53-example.pdf").read_bytes())
    upper, lower = [t for t in tables if t.page == 5]
    assert len(upper.rows[-1]) == 4 and upper.rows[-1][0] == "Other causes"
    assert "JTA" in lower.rows[0] and lower.rows[-1][0] == "Other causes" and len(lower.rows[-1]) == 8


@needs_plumber
def test_a_tables_title_is_the_caption_above_it_not_the_rows_of_the_table_before() -> None:
    doc = loaders.load(PLUMBER / "pdfs" / "issue-466-example.pdf", PLUMBER / "pdfs")
    titles = [t.title for t in extract_tables(doc)]
    assert titles == ["Reference table", "No horizontal lines", "No vertical lines", "Light table style"]


def test_a_numbered_list_and_a_framed_caption_are_not_tables() -> None:
    def draw(pdf, number: int) -> None:
        steps = ["Calculate the trip distance of each sample trip.", "Eliminate stops and idling within each trip.",
                 "Set the acceleration rate to 3 mph/s.", "Set the cruising speed to 40 mph."]
        for i, step in enumerate(steps):
            pdf.drawString(72, 760 - 16 * i, f"{i + 1}.")
            pdf.drawString(100, 760 - 16 * i, step)
        pdf.rect(70, 560, 400, 40)  # a box around a caption
        pdf.drawString(80, 585, "Table 6: Distribution (%) of households by literacy status of")
        pdf.drawString(80, 570, "the male head of the household")
    _, tables = read_pdf(_pages(draw, 1))
    assert tables == []


@needs_plumber
def test_tables_stacked_on_a_page_get_spans_of_their_own() -> None:
    # issue-336: three tables under captions; the second's two-row header repeats words of the first's.
    _, tables = read_pdf((PLUMBER / "pdfs" / "issue-336-example.pdf").read_bytes())
    spans = [(t.char_start, t.char_end) for t in tables if t.char_start is not None]
    assert len(spans) >= 2 and all(end <= start for (_, end), (start, _) in zip(spans, spans[1:]))


def _boxed_body_page(body: list[list[tuple[float, str]]]) -> bytes:
    """A header ruled into four columns (a group heading over the last two) over one box as wide as it,
    holding `body`'s lines as (x, text) runs."""
    def draw(pdf, number: int) -> None:
        pdf.rect(60, 700, 420, 40)  # the header's frame
        for x in (160, 300):
            pdf.line(x, 700, x, 740)
        pdf.line(300, 720, 480, 720)  # the group heading's cell over its two columns
        pdf.line(390, 700, 390, 720)
        pdf.drawString(70, 716, "Contract")
        pdf.drawString(170, 716, "Supplier")
        pdf.drawString(320, 726, "Amounts (USD)")
        pdf.drawString(310, 706, "Committed")
        pdf.drawString(400, 706, "Paid")
        pdf.rect(60, 700 - 16 * len(body) - 10, 420, 16 * len(body) + 10)  # the body: one box
        for i, line in enumerate(body):
            for x, text in line:
                pdf.drawString(x, 690 - 16 * i, text)
    return _pages(draw, 1)


def test_a_header_ruled_into_columns_over_a_body_drawn_as_one_box_heads_its_columns() -> None:
    body = [[(70, f"C-{i:03d}"), (170, f"Supplier {name}"), (320, f"{1000 * i + 250:,}"), (400, f"{700 * i:,}")]
            for i, name in enumerate(["North", "South", "East", "West"], start=1)]
    _, [table] = read_pdf(_boxed_body_page(body))
    assert table.rows[0] == ("Contract", "Supplier", "Amounts (USD) Committed", "Amounts (USD) Paid")
    assert table.rows[1:] == (("C-001", "Supplier North", "1,250", "700"),
                              ("C-002", "Supplier South", "2,250", "1,400"),
                              ("C-003", "Supplier East", "3,250", "2,100"),
                              ("C-004", "Supplier West", "4,250", "2,800"))


def test_a_header_ruled_into_columns_over_a_box_of_prose_is_no_table() -> None:
    prose = ["The contracts of the year are listed in the annex to this report, with the",
             "amounts committed and paid, as the suppliers reported them to the office."]
    _, tables = read_pdf(_boxed_body_page([[(70, line)] for line in prose]))
    assert tables == []


@needs_plumber
def test_a_body_drawn_as_one_box_under_its_ruled_header_is_one_table_with_every_line() -> None:
    # senate: the header is ruled into seven columns, the body two boxes as wide as the table (staff
    # salaries, then expenses); each expense's description wraps onto a line of its own.
    _, tables = read_pdf((PLUMBER / "pdfs" / "senate-expenditures.pdf").read_bytes())
    [table] = tables
    assert table.rows[0] == ("DOCUMENT NO.", "DATE POSTED", "PAYEE NAME", "OBLIGATION/SERVICE DATES START",
                             "OBLIGATION/SERVICE DATES END", "DESCRIPTION", "AMOUNT ($)")
    assert table.rows[1] == ("", "", "BAIN, J MATTHEW", "", "", "DISTRICT DIRECTOR", "37,499.96")
    assert table.rows[-2][0] == "DHAW20190070" and table.rows[-2][-1] == "411.49"
    assert table.rows[-1][5] == "AIRFARE FOR C WEIHS WASHINGTON DC TO SPRINGFIELD AND RETURN"


@needs_plumber
def test_a_label_drawn_in_a_cell_spanning_body_rows_is_not_copied_onto_the_row_it_is_centred_on() -> None:
    # issue-336: road classes and lane counts drawn in cells spanning two or three rows of figures.
    _, tables = read_pdf((PLUMBER / "pdfs" / "issue-336-example.pdf").read_bytes())
    first, second = tables[0], tables[1]
    assert [row[:2] for row in first.rows[2:]] == [("高速公路", "八"), ("", "六"), ("", "四"), ("一级公路", "六"),
                                                   ("", "四"), ("二级公路", "二")]
    assert [row[0] for row in second.rows[2:]].count("高速 公路") == 1
    assert not {"高速", "公路"} & {row[0] for row in second.rows}


def test_a_year_printed_alone_over_the_figures_is_the_tables_header() -> None:
    def draw(pdf, number: int) -> None:
        pdf.drawString(72, 780, "Key figures")
        pdf.drawRightString(400, 740, "2016")
        pdf.drawString(72, 722, "(all amounts in EUR)")
        pdf.drawString(72, 700, "Class A")
        for i, (label, value) in enumerate([("Net asset value", "5,111,372"), ("Units outstanding", "49,136"),
                                            ("Value per unit", "104.03")]):
            pdf.drawString(72, 678 - 22 * i, label)
            pdf.drawRightString(400, 678 - 22 * i, value)
    _, [table] = read_pdf(_pages(draw, 1))
    assert table.rows[0] == ("", "2016") and table.rows[-1] == ("Value per unit", "104.03")
