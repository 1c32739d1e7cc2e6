"""Tables of a document: those a loader found structurally (HTML <table>, PDF
tables) and those written in its text (tab-separated, pipe, aligned columns).

Every table keeps its span in its page's text where it has one, so that the
figures extractor reads its numbers as cells and not as sentence figures.
"""

from __future__ import annotations

from extractors import deadline
from extractors.model import Document, Table
from extractors.tables_text import describe, find_text_tables


def extract_tables(doc: Document) -> list[Table]:
    """Structural tables first (with their title and source filled in from the text), then text tables
    that do not overlap them, in reading order per page."""
    texts = {p.number: p.text for p in doc.pages}
    known = [describe(t, texts.get(t.page, ""), texts.get((t.page or 0) - 1, "")) for t in doc.tables]
    found: list[Table] = list(known)
    order = _reading_positions(known)
    for page in doc.pages:
        deadline.check()
        taken = [(t.char_start, t.char_end) for t in known if t.page == page.number and t.char_start is not None]
        for table in find_text_tables(page.text, page.number):
            if not any(_overlaps(table, span) for span in taken):
                found.append(table)
                order[id(table)] = float(table.char_start or 0)
    return sorted(found, key=lambda t: (t.page or 0, order[id(t)]))


def _reading_positions(tables: list[Table]) -> dict[int, float]:
    """Where each structural table sits in its page's text: its span's start, or, for one whose lines
    were not found there, just after the table before it (a loader gives a page's tables in order)."""
    positions: dict[int, float] = {}
    last: dict[int | None, float] = {}
    for table in tables:
        position = float(table.char_start) if table.char_start is not None else last.get(table.page, -1.0) + 0.5
        positions[id(table)] = last[table.page] = position
    return positions


def _overlaps(table: Table, span: tuple[int | None, int | None]) -> bool:
    start, end = span
    assert table.char_start is not None and table.char_end is not None and start is not None and end is not None
    return table.char_start < end and start < table.char_end
