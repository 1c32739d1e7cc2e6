"""PDF tables against the expected cells of Camelot's test suite (shared/eval/peers/camelot).

Score: the share of expected non-empty cells (whitespace-normalized) found as a cell of some table our
reader returns for that page, over all 24 cases (rotated and unruled tables included).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from extractors.pdf import read_pdf

CAMELOT = Path(__file__).resolve().parents[3] / "shared" / "eval" / "peers" / "camelot"
THRESHOLD = 0.95

pytestmark = [pytest.mark.pdf, pytest.mark.skipif(not (CAMELOT / "cases.jsonl").exists(), reason="no camelot cases")]


def _norm(cell: str) -> str:
    return " ".join(cell.split())


@cache
def _page_cells(pdf: str, page: int) -> frozenset[str]:
    _, tables = read_pdf((CAMELOT / pdf).read_bytes())
    return frozenset(_norm(c) for t in tables if t.page == page for row in t.rows for c in row if _norm(c))


def _cases() -> list[dict]:
    return [json.loads(line) for line in (CAMELOT / "cases.jsonl").read_text().splitlines() if line.strip()]


def cell_recall(cases: list[dict]) -> tuple[int, int]:
    found = expected = 0
    for case in cases:
        cells = _page_cells(case["pdf"], case["page"])
        wanted = [_norm(c) for row in case["rows"] for c in row if _norm(c)]
        expected += len(wanted)
        found += sum(1 for c in wanted if c in cells)
    return found, expected


@pytest.mark.slow
def test_camelot_cell_recall_over_all_cases() -> None:
    cases = _cases()
    assert len(cases) == 24
    for case in cases:
        found, expected = cell_recall([case])
        print(f"{case['pdf']:45} p{case['page']:<3} {case['flavor']:8} {found:4}/{expected:<4} {found / expected:.2f}")
    found, expected = cell_recall(cases)
    print(f"camelot cell recall: {found}/{expected} = {found / expected:.3f}")
    assert found / expected >= THRESHOLD


def test_a_ruled_table_is_read_cell_for_cell() -> None:
    case = next(c for c in _cases() if c["pdf"].endswith("us-030.pdf"))
    found, expected = cell_recall([case])
    assert found == expected


def test_sideways_headers_read_in_order_and_row_labels_outside_the_grid_kept() -> None:
    # Michigan election returns: candidate names turned a quarter counter-clockwise, and township
    # names printed left of the drawn grid.
    _, tables = read_pdf((CAMELOT / "pdfs" / "vertical_header.pdf").read_bytes())
    first = next(t for t in tables if t.page == 1)
    header = next(row for row in first.rows if "Number of Registered voters" in row)
    assert header.index("Number of Registered voters") + 1 == header.index("Poll Book Totals")
    alcona = next(row for row in first.rows if row[0] == "Alcona")
    assert alcona[1:3] == ("963", "439")


def test_section_rows_between_empty_drawn_rows_do_not_part_a_ruled_table() -> None:
    # Michigan election returns, page 5: township headings spanning the grid, empty drawn rows
    # between the offices and the proposals; one grid, so one table.
    _, tables = read_pdf((CAMELOT / "pdfs" / "vertical_header.pdf").read_bytes())
    [returns] = [t for t in tables if t.page == 5]
    labels = {row[0] for row in returns.rows}
    assert {"Supervisor", "Proposal", "Mayor"} <= labels
