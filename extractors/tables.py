"""Tables of a document: those a loader found structurally (HTML <table>, PDF
tables) and those written in its text (tab-separated, pipe, aligned columns).

Every table keeps its span in its page's text where it has one, so that the
figures extractor reads its numbers as cells and not as sentence figures.
"""

from __future__ import annotations

from dataclasses import replace

from extractors import deadline
from extractors.model import Document, Table
from extractors.tables_text import describe, find_text_tables


def extract_tables(doc: Document) -> list[Table]:
    """Structural tables first (with their title and source filled in from the text), then text tables
    that do not overlap them, in reading order per page."""
    texts = {p.number: p.text for p in doc.pages}
    known = _described(list(doc.tables), texts)
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


def _described(tables: list[Table], texts: dict[int | None, str]) -> list[Table]:
    """Each structural table with its title, source and notes read from the text around it: only the
    text after the table before it on its page (or, for a table at the top of a page, after the last
    table of the previous page), so a title is never the previous table's last rows."""
    ends: dict[int | None, int] = {}
    for table in tables:
        if table.char_end is not None:
            ends[table.page] = max(ends.get(table.page, 0), table.char_end)
    described: list[Table] = []
    done: dict[int | None, int] = {}
    for table in tables:
        if table.char_start is None or table.char_end is None:
            described.append(table)
            continue
        cut = done.get(table.page, 0) if done.get(table.page, 0) <= table.char_start else 0
        previous = (table.page or 0) - 1
        shifted = replace(table, char_start=table.char_start - cut, char_end=table.char_end - cut)
        text = texts.get(table.page, "")[cut:]
        told = describe(shifted, text, "" if cut else texts.get(previous, "")[ends.get(previous, 0):])
        described.append(replace(told, char_start=table.char_start, char_end=table.char_end))
        done[table.page] = max(done.get(table.page, 0), table.char_end)
    return described


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
