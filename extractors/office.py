"""Word documents, slide decks and workbooks as pages of text with their tables kept as tables.

Read with the libraries made for each format: python-docx, python-pptx and
openpyxl. As for HTML, every table is written into its page's text as
tab-separated lines (so the sentences around it read naturally and the
figures extractor reads its numbers as cells) and returned as a `Table`
whose span covers those lines.

- DOCX: one page (Word has no fixed pages), paragraphs and tables in body order.
- PPTX: a page per slide, numbered from 1; shapes top to bottom, left to
  right; slide tables are tables.
- XLSX: a page per sheet, numbered from 1, headed by the sheet's name. Runs
  of rows with two or more filled cells are tables; a row with one filled
  cell (a title, a note, a source line) is text.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from extractors import deadline
from extractors.errors import Code, DocumentError
from extractors.model import Page, Table

OFFICE_FORMATS = {".docx": "docx", ".pptx": "pptx", ".xlsx": "xlsx"}


@dataclass
class _PageText:
    """Text of one page as it is built, with the spans of the tables written into it."""

    number: int | None
    parts: list[str] = field(default_factory=list)
    length: int = 0
    tables: list[Table] = field(default_factory=list)

    def line(self, text: str) -> None:
        text = " ".join(text.split())
        if text:
            self._append(text + "\n")

    def table(self, rows: Iterable[Iterable[str]], title: str | None = None) -> None:
        cleaned = [[" ".join(str(cell).split()) for cell in row] for row in rows]
        cleaned = [row for row in cleaned if any(row)]
        if not cleaned:
            return
        width = max(len(row) for row in cleaned)
        cleaned = [row + [""] * (width - len(row)) for row in cleaned]
        if title:
            self.line(title)
        body = "\n".join("\t".join(row) for row in cleaned)
        self.tables.append(Table(self.number, tuple(tuple(r) for r in cleaned), title=title,
                                 char_start=self.length, char_end=self.length + len(body)))
        self._append(body + "\n")

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def page(self) -> Page:
        return Page(self.number, "".join(self.parts))


def read_office(data: bytes, fmt: str) -> tuple[list[Page], list[Table]]:
    """Pages and tables of a DOCX, PPTX or XLSX file; DocumentError when the file cannot be opened."""
    reader = {"docx": _read_docx, "pptx": _read_pptx, "xlsx": _read_xlsx}[fmt]
    try:
        pages = list(reader(io.BytesIO(data)))
    except DocumentError:  # the time limit among them
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged or foreign file: the libraries raise many kinds
        reason = f"not a readable {fmt.upper()} file: {type(exc).__name__}: {exc}"[:300]
        raise DocumentError(Code.E103_UNREADABLE_PDF, reason) from None
    if not any(p.parts for p in pages):
        raise DocumentError(Code.E101_EMPTY, f"the {fmt.upper()} file holds no text")
    return [p.page() for p in pages], [t for p in pages for t in p.tables]


def _read_docx(stream: io.BytesIO) -> Iterator[_PageText]:
    import docx
    from docx.table import Table as WordTable
    from docx.text.paragraph import Paragraph

    document = docx.Document(stream)
    page = _PageText(None)
    for block in document.iter_inner_content():
        deadline.check()
        if isinstance(block, Paragraph):
            page.line(block.text)
        elif isinstance(block, WordTable):
            page.table(_word_rows(block))
    yield page


def _word_rows(table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            # a merged cell is returned once per grid column it spans: keep it once, leave the rest blank
            cells.append("" if cell._tc is previous else cell.text)
            previous = cell._tc
        rows.append(cells)
    return rows


def _read_pptx(stream: io.BytesIO) -> Iterator[_PageText]:
    import pptx

    deck = pptx.Presentation(stream)
    for number, slide in enumerate(deck.slides, start=1):
        deadline.check()
        page = _PageText(number)
        for shape in _reading_order(slide.shapes):
            if getattr(shape, "has_table", False) and shape.has_table:
                page.table([[cell.text for cell in row.cells] for row in shape.table.rows])
            elif getattr(shape, "has_text_frame", False) and shape.has_text_frame:
                for paragraph in shape.text_frame.paragraphs:
                    page.line("".join(run.text for run in paragraph.runs) or paragraph.text)
        yield page


def _reading_order(shapes) -> list:
    """Shapes of a slide (group shapes opened) top to bottom, then left to right."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    flat = []
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            flat.extend(_reading_order(shape.shapes))
        else:
            flat.append(shape)
    return sorted(flat, key=lambda s: (s.top or 0, s.left or 0))


def _read_xlsx(stream: io.BytesIO) -> Iterator[_PageText]:
    import openpyxl

    # read_only streams the rows; data_only gives the values formulas last computed, not the formulas
    book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    try:
        for number, sheet in enumerate(book.worksheets, start=1):
            page = _PageText(number)
            page.line(sheet.title)
            block: list[list[str]] = []
            caption: str | None = None  # a one-cell row right above a table is its title
            for i, row in enumerate(sheet.iter_rows()):
                if i % 1000 == 0:
                    deadline.check()
                cells = _trimmed([_cell_text(c) for c in row])
                if sum(1 for c in cells if c) >= 2:
                    block.append(cells)
                    continue
                if block:
                    page.table(block, caption)
                    block = []
                elif caption:
                    page.line(caption)
                caption = next((c for c in cells if c), None)
            if block:
                page.table(block, caption)
            elif caption:
                page.line(caption)
            yield page
    finally:
        book.close()


def _trimmed(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _cell_text(cell) -> str:
    """A cell's value as the sheet shows it: percentages as percentages, whole numbers without '.0'."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float)):
        if "%" in (getattr(cell, "number_format", "") or ""):
            return f"{_number(value * 100)}%"
        return _number(value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.date().isoformat() if isinstance(value, datetime.datetime) else value.isoformat()
    return str(value)


def _number(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{round(value, 10):.10f}".rstrip("0").rstrip(".")
