"""PDF reports, page by page: the text of each page and the tables on it.

Text comes from pypdfium2 (fast, good reading order), with running headers,
footers and page numbers removed so they are not glued into sentences, and the
lines of a paragraph joined where the typesetter wrapped them.
pdfplumber, much slower (its cost grows with the characters it lays out),
reads only the stretches of a page that may hold a table, found cheaply from
pdfium: drawn lines and rectangles (path objects) close together, or text
lines split into columns by wide gaps. It reads a copy of the page without
the text objects outside those bands. A page whose text is rotated is turned
upright first. Pages are read one at a time and released, so a long PDF never
holds every page's layout objects at once.
"""

from __future__ import annotations

import io
import logging
import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors import deadline
from extractors.errors import Code, DocumentError
from extractors.model import Page, Table
from extractors.pdf_paragraphs import join_wrapped_lines
from extractors.tables_pdf import Rows, locate, page_tables
from extractors.tables_text import continues_after, header_key

MAX_PAGE_OBJECTS = 20_000  # page objects (text runs, paths, images) beyond which tables are not looked for
MIN_PATHS = 4  # drawn lines/rectangles on a page that suggest a ruled table
MIN_COLUMN_LINES = 3  # text lines split by a wide gap that suggest an unruled table
PATH_JOIN = 20.0  # points between drawn lines of one ruled table
RULED_MARGIN = 24.0  # points (two lines) kept above and below drawings: a table may have open ends or shaded rows
MIN_BOX_HEIGHT = 24.0  # points: a drawn shape this tall may be a ruled table's frame
WHOLE_PAGE_SHARE = 0.75  # bands covering this share of the page's height: read the whole page
MIN_GAP_POINTS = 6.0  # a gap between text runs at least this wide (and a line's height) may part columns
PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?[-–—(]?\s*\d{1,4}\s*[-–—)]?(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
DIGITS = re.compile(r"\d+")
MAX_FILLER_LINES = 3  # lines between the parts of a table continued on the next page
MAX_FILLER_CHARS = 60  # ... each shorter than a line of prose
EDGE_LINES = 2  # lines at the top and bottom of a page that may be running headers or footers
# PDFium is not thread-safe, not even across documents (pypdfium2's docs): documents are read in
# threads by the flow, so every pdfium call here runs under this process-wide lock.
PDFIUM_LOCK = threading.RLock()
logger = logging.getLogger(__name__)


def read_pdf(data: bytes) -> tuple[list[Page], list[Table]]:
    """Text and tables of every page; raises `DocumentError` for an unreadable PDF."""
    if not data.strip():
        raise DocumentError(Code.E101_EMPTY, "the file is empty")
    if b"%%EOF" not in data[-2048:]:
        raise DocumentError(Code.E103_UNREADABLE_PDF,
                            "not a readable PDF: the file is truncated (no end-of-file marker)")
    texts: list[str] = []
    found: list[_Found] = []
    with _open_pdfium(data) as (document, n_pages), _lazy_plumber(data) as plumber:
        for index in range(n_pages):
            deadline.check()
            with PDFIUM_LOCK:
                page = document[index]
                try:
                    layout = _page_layout(page)
                finally:
                    page.close()
            texts.append(layout.text)
            if layout.candidate:
                found.extend(_Found(index + 1, rows, spanning)
                             for rows, spanning in _plumber_tables(plumber, document, data, index, layout))
    if not texts:
        raise DocumentError(Code.E103_UNREADABLE_PDF, "not a readable PDF: it has no pages")
    if not any(t.strip() for t in texts):
        raise DocumentError(Code.E105_NO_TEXT_LAYER, "no text layer: needs OCR")
    texts = _strip_running_lines(texts)
    tables = _merge_parts(_with_spans(found, texts), texts)
    texts = [join_wrapped_lines(text, [(t.char_start, t.char_end) for t in tables if t.page == number
                                       and t.char_start is not None and t.char_end is not None])
             for number, text in enumerate(texts, start=1)]
    return [Page(i + 1, t) for i, t in enumerate(texts)], tables


@contextmanager
def _open_pdfium(data: bytes) -> Iterator[tuple[pdfium.PdfDocument, int]]:
    """The document and its number of pages."""
    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
            n_pages = len(document)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise DocumentError(Code.E104_ENCRYPTED_PDF, "the PDF is encrypted and needs a password") from None
            raise DocumentError(Code.E103_UNREADABLE_PDF, f"not a readable PDF (damaged or truncated): {exc}") from None
    try:
        yield document, n_pages
    finally:
        with PDFIUM_LOCK:
            document.close()


class _Plumber:
    """pdfplumber opened only when a page needs it, once per document."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf: Any = None

    def page(self, index: int) -> Any:
        if self.pdf is None:
            self.pdf = pdfplumber.open(io.BytesIO(self.data))
        return self.pdf.pages[index]


@contextmanager
def _lazy_plumber(data: bytes) -> Iterator[_Plumber]:
    plumber = _Plumber(data)
    try:
        yield plumber
    finally:
        if plumber.pdf is not None:
            plumber.pdf.close()


Band = tuple[float, float]  # bottom and top of a stretch of the page, in PDF points
Box = tuple[float, float, float, float]  # left, bottom, right, top


@dataclass
class _Layout:
    text: str
    bands: list[Band]  # stretches of the page holding drawn tables
    rotated: bool  # the page's text runs sideways
    whole: bool  # read the whole page: the bands cover most of it, or its text is split into columns

    @property
    def candidate(self) -> bool:
        return bool(self.bands) or self.rotated or self.whole


def _page_layout(page: pdfium.PdfPage) -> _Layout:
    """The page's text and where it may hold tables: drawn lines and rectangles (path objects)
    close together, or text lines split into columns by wide gaps (anywhere on the page: pdfium's
    text runs hold the spaces a PDF may print between columns, so where they show a gap is no guide
    to where the table ends)."""
    textpage = page.get_textpage()
    try:
        # pdfium marks a word broken at a line end with U+FFFE; \r\n ends its lines.
        text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-")
        rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    finally:
        textpage.close()
    if pdfium_c.FPDFPage_CountObjects(page.raw) > MAX_PAGE_OBJECTS:
        # Laying out so many drawn objects (a plot of tiny dots, a hostile file) costs minutes and
        # gigabytes in pdfplumber: the page's text is kept, its tables are not looked for.
        logger.warning("page with over %d drawn objects: its tables are not read", MAX_PAGE_OBJECTS)
        return _Layout(text, [], rotated=False, whole=False)
    paths = [obj.get_bounds() for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1)]
    # Text drawn sideways on a page whose /Rotate turns it upright is read upright already.
    rotated = _sideways(rects) != (page.get_rotation() in (90, 270))
    bands = _ruled_bands(_clusters([(b, t) for _, b, _, t in paths], PATH_JOIN))
    # Column-split lines outside the drawn tables: an unruled table somewhere on the page.
    columned = sum(1 for line in _text_lines(rects)
                   if _wide_gap(line) and not any(lo <= line[0][1] <= hi for lo, hi in bands)) >= MIN_COLUMN_LINES
    covered = sum(hi - lo for lo, hi in bands)
    return _Layout(text, bands, rotated, whole=columned or covered >= WHOLE_PAGE_SHARE * page.get_height())


def _ruled_bands(drawn: list[tuple[float, float, int]]) -> list[Band]:
    """Stretches that may hold a ruled table: several drawn lines close together, or a tall box,
    with a margin of two lines (open-ended grids, tables with shaded rows)."""
    ruled = [(lo - RULED_MARGIN, hi + RULED_MARGIN) for lo, hi, n in drawn
             if n >= MIN_PATHS or hi - lo >= MIN_BOX_HEIGHT]
    return [(lo, hi) for lo, hi, _ in _clusters(ruled, 0.0)]


def _text_lines(rects: list[Box]) -> list[list[Box]]:
    """Text runs grouped into lines: a run whose vertical centre lies within a line's first run."""
    lines: list[list[Box]] = []
    for rect in sorted(rects, key=lambda r: (r[1] + r[3]) / 2):
        middle = (rect[1] + rect[3]) / 2
        if lines and lines[-1][0][1] <= middle <= lines[-1][0][3]:
            lines[-1].append(rect)
        else:
            lines.append([rect])
    return lines


def _clusters(spans: list[Band], join: float) -> list[tuple[float, float, int]]:
    """Vertical spans less than `join` apart merged: (bottom, top, number of spans)."""
    clusters: list[tuple[float, float, int]] = []
    for bottom, top in sorted(spans):
        if clusters and bottom <= clusters[-1][1] + join:
            low, high, n = clusters[-1]
            clusters[-1] = (low, max(high, top), n + 1)
        else:
            clusters.append((bottom, top, 1))
    return clusters


def _wide_gap(line: list[tuple[float, float, float, float]]) -> bool:
    runs = sorted(line)
    height = max(top - bottom for _, bottom, _, top in runs)
    return any(b[0] - a[2] > max(height, MIN_GAP_POINTS) for a, b in zip(runs, runs[1:]))


def _sideways(rects: list[tuple[float, float, float, float]]) -> bool:
    """Most text runs taller than wide: the page's text is rotated by 90 degrees."""
    if len(rects) < 5:
        return False
    tall = sum(1 for left, bottom, right, top in rects if (top - bottom) > 2 * (right - left))
    return tall * 2 > len(rects)


def _plumber_tables(plumber: _Plumber, document: pdfium.PdfDocument, data: bytes, index: int,
                    layout: _Layout) -> list[tuple[Rows, tuple[str, ...]]]:
    if layout.rotated:
        upright = _upright_page(data, index)
        if upright is not None:
            with pdfplumber.open(io.BytesIO(upright)) as turned:
                return page_tables(turned.pages[0])
    banded = None if layout.whole else _band_page(document, index, layout.bands)
    if banded is not None:
        # pdfplumber's cost grows with the characters it lays out: give it only the table's bands.
        with pdfplumber.open(io.BytesIO(banded)) as part:
            return page_tables(part.pages[0])
    page = plumber.page(index)
    try:
        return page_tables(page)
    finally:
        page.close()


def _band_page(document: pdfium.PdfDocument, index: int, bands: list[Band]) -> bytes | None:
    """The page alone, without its text objects outside the bands (lines, shapes and images kept);
    None where pdfium cannot rewrite it (the whole page is read then)."""
    with PDFIUM_LOCK:
        single = pdfium.PdfDocument.new()
        try:
            single.import_pages(document, [index])
            page = single[0]
            for obj in list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=1)):
                _, bottom, _, top = obj.get_bounds()
                if not any(bottom < high and top > low for low, high in bands):
                    page.remove_obj(obj)
                    obj.close()  # detached: no longer owned by the page
            page.gen_content()
            page.close()
            buffer = io.BytesIO()
            single.save(buffer)
            return buffer.getvalue()
        except pdfium.PdfiumError:
            return None
        finally:
            single.close()


def _upright_page(data: bytes, index: int) -> bytes | None:
    """The page alone, turned by the quarter turn that makes most of its text upright."""
    best: tuple[float, bytes] | None = None
    for turn in (90, 270):
        turned_page = _turned_page(data, index, turn)
        with pdfplumber.open(io.BytesIO(turned_page)) as turned:
            chars = turned.pages[0].chars
            # Upright and not upside down: the text matrix is (a>0, b=0, c=0, d>0).
            share = sum(1 for c in chars if c.get("upright") and c["matrix"][0] > 0) / max(1, len(chars))
        if best is None or share > best[0]:
            best = (share, turned_page)
    return best[1] if best else None


def _turned_page(data: bytes, index: int, turn: int) -> bytes:
    with PDFIUM_LOCK:
        source, single = pdfium.PdfDocument(data), pdfium.PdfDocument.new()
        try:
            single.import_pages(source, [index])
            page = single[0]
            page.set_rotation((page.get_rotation() + turn) % 360)
            page.close()
            buffer = io.BytesIO()
            single.save(buffer)
            return buffer.getvalue()
        finally:
            single.close()
            source.close()


def _strip_running_lines(texts: list[str]) -> list[str]:
    """Drop page numbers and the header/footer lines repeated at the top or bottom of most pages."""
    edges: Counter[str] = Counter()
    for text in texts:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        for line in set(lines[:EDGE_LINES] + lines[-EDGE_LINES:]):
            edges[_running_key(line)] += 1
    repeated = {k for k, n in edges.items() if len(texts) >= 3 and n >= max(3, len(texts) // 2)}
    return [_strip_page(text, repeated) for text in texts]


def _running_key(line: str) -> str:
    """What a running line keeps from page to page: its words, with its numbers (page number, date of
    issue) masked. A line of numbers alone is kept whole: masked, every date or figure in a table's
    first or last row would look alike."""
    plain = " ".join(line.split())
    masked = DIGITS.sub("#", plain)
    return masked if any(ch.isalpha() for ch in masked) else plain


def _strip_page(text: str, repeated: set[str]) -> str:
    lines = text.splitlines()
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    edge = set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])
    # Trailing spaces go too: joined to the next line, they would read as a gap between columns.
    kept = [ln.rstrip() for i, ln in enumerate(lines)
            if not (i in edge and (PAGE_NUMBER.match(ln) or _running_key(ln) in repeated))]
    return "\n".join(kept)


@dataclass
class _Found:
    page: int
    rows: Rows
    spanning: tuple[str, ...]
    start: int | None = None
    end: int | None = None
    tail: tuple[int, int | None] | None = None  # page and end of its last part, once continued


def _with_spans(found: list[_Found], texts: list[str]) -> list[_Found]:
    """Each table with the span of its lines in its page's text, searched in reading order."""
    cursor: dict[int, int] = {}
    for table in found:
        span = locate(table.rows, texts[table.page - 1], cursor.get(table.page, 0))
        if span:
            cursor[table.page] = span[1]
            table.start, table.end = span
    return found


def _merge_parts(found: list[_Found], texts: list[str]) -> list[Table]:
    """A table continued under its repeated header, on the same page or the next, is one table. A part
    on the next page has its lines moved to the end of the page where the table starts (`texts` is
    changed), so the table's one span covers every part and no cell is read as a sentence figure."""
    merged: list[_Found] = []
    for i, table in enumerate(found):
        prev = merged[-1] if merged else None
        skip = _continues(prev, table, texts) if prev else None
        if prev is None or skip is None:
            merged.append(table)
            continue
        prev.rows = prev.rows + table.rows[skip:]
        if table.page == prev.page or table.start is None or table.end is None:
            prev.tail = (table.page, table.end)
            prev.end = table.end if table.page == prev.page else prev.end
            continue
        _move_part(table, prev, texts, found[i + 1:])
    return [Table(t.page, t.rows, char_start=t.start, char_end=t.end) for t in merged]


def _move_part(part: _Found, table: _Found, texts: list[str], later: list[_Found]) -> None:
    """Move a continued part's lines from its page to the end of the page where `table` starts."""
    assert part.start is not None and part.end is not None
    source = texts[part.page - 1]
    texts[part.page - 1] = source[:part.start] + source[part.end:]
    texts[table.page - 1] = texts[table.page - 1].rstrip("\n") + "\n" + source[part.start:part.end]
    table.end = len(texts[table.page - 1])
    table.tail = (part.page, part.start)
    removed = part.end - part.start
    for other in later:
        if other.page == part.page and other.start is not None and other.end is not None and other.start >= part.end:
            other.start, other.end = other.start - removed, other.end - removed


def _continues(prev: _Found, table: _Found, texts: list[str]) -> int | None:
    """Whether `table` goes on with `prev`, as the number of its rows to drop: 1 under a repeated
    header, 0 for a part on the next page that starts with a row shaped like prev's rows (a table
    whose header is printed once); None for another table."""
    page, end = prev.tail or (prev.page, prev.end)
    if table.page not in (page, page + 1):
        return None
    if end is None or table.start is None:
        # Lines not found in the page's text (a PDF may give a table's text column by column): the
        # parts are the last table of one page and the first of the next, and their rows must tell.
        if table.page != page + 1:
            return None
        if header_key(prev.rows) == header_key(table.rows):
            return 1
        return 0 if _headerless_part(prev.rows, table.rows) else None
    if table.page == page:
        gap = texts[page - 1][end:table.start]
    else:
        gap = texts[page - 1][end:] + "\n" + texts[table.page - 1][:table.start]
    spanning = {" ".join(s.split()).lower() for s in prev.spanning + table.spanning}
    if continues_after(gap, header_key(prev.rows), header_key(table.rows), spanning):
        return 1
    if table.page == page + 1 and _headerless_part(prev.rows, table.rows) and _filler(gap):
        return 0
    return None


def _headerless_part(rows: Rows, part: Rows) -> bool:
    """A part whose first row has the width of the table and a shape (which cells hold numbers, which
    are empty) near one of its body rows (a cell or two may differ: a wrapped or merged cell) and
    nearer to them than to its header."""
    if len(part[0]) != len(rows[0]) or len(rows) < 2:
        return False
    first = _shape(part[0])
    nearest = min(_distance(first, _shape(row)) for row in rows[1:])
    return "9" in first and nearest <= len(first) // 3 and nearest < _distance(first, _shape(rows[0]))


def _distance(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    return sum(1 for x, y in zip(a, b) if x != y)


def _shape(row: tuple[str, ...]) -> tuple[str, ...]:
    return tuple("" if not cell else "9" if DIGITS.search(cell) else "a" for cell in row)


def _filler(gap: str) -> bool:
    """Nothing between a page's last table and the next page's first but a few short lines (notes,
    a "continued" mark): no paragraph and no caption of a table of its own."""
    lines = [line for line in gap.splitlines() if line.strip()]
    return len(lines) <= MAX_FILLER_LINES and all(len(line) <= MAX_FILLER_CHARS for line in lines)
