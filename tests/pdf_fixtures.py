"""Render text reports as PDFs with reportlab, for tests and benchmarks of the PDF path.

Paragraphs become wrapped paragraphs; tab-separated and pipe tables become
ruled tables (a table longer than the page continues on the next one under
its repeated header); every page gets a running header and a page-number
footer, which the reader must not glue into sentences.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}")
_STYLES = getSampleStyleSheet()
_CELL = _STYLES["BodyText"].clone("cell", fontSize=7, leading=8.5)
_BODY = _STYLES["BodyText"]
_WIDTH = A4[0] - 4 * cm


def render_text_report(text: str, header: str = "Industry report") -> bytes:
    """A PDF of a plain-text report, its tab and pipe tables drawn as ruled tables."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                            bottomMargin=2 * cm, title=header)
    doc.build(list(_flowables(text.splitlines())), onFirstPage=_decorate(header), onLaterPages=_decorate(header))
    return buffer.getvalue()


def _decorate(header: str):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(2 * cm, A4[1] - 1.2 * cm, header)
        canvas.drawCentredString(A4[0] / 2, 1.0 * cm, f"Page {doc.page}")
        canvas.restoreState()
    return draw


def _flowables(lines: list[str]) -> Iterable:
    block: list[list[str]] = []
    for line in lines + [""]:
        cells = _table_cells(line)
        if cells is not None:
            if cells:
                block.append(cells)
            continue
        if block:
            yield _table(block)
            block = []
        if line.strip():
            yield Paragraph(escape(line.strip()), _BODY)
        else:
            yield Spacer(1, 4)


def _table_cells(line: str) -> list[str] | None:
    """Cells of a table line, [] for a pipe separator line, None for a line of prose."""
    if "\t" in line and line.strip():
        return [c.strip() for c in line.split("\t")]
    # Pipe rows, framed ("| a | b |") or not ("a | b | c"), as the text-table reader takes them.
    if line.strip().startswith("|") and line.strip().endswith("|") or line.count("|") >= 2:
        return [] if _PIPE_SEPARATOR.match(line) else [c.strip() for c in line.strip().strip("|").split("|")]
    return None


def _table(rows: list[list[str]]) -> Table:
    width = max(len(r) for r in rows)
    data = [[Paragraph(escape(c), _CELL) for c in r + [""] * (width - len(r))] for r in rows]
    # Repeat the header (and any spanning rows above it) on every page the table continues on.
    header_rows = next((i + 1 for i, r in enumerate(rows) if sum(1 for c in r if c) * 2 >= width), 1)
    table = Table(data, colWidths=[_WIDTH / width] * width, repeatRows=header_rows)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table
