"""Tables on one PDF page, read with pdfplumber: ruled tables from the page's
lines and rectangles, and, where a page has none, unruled tables from the
alignment of its words (pdfplumber's text strategies).

Cells keep their text with line breaks turned into spaces. `locate` finds a
table's lines in the page's text (as pypdfium2 extracted it), so the table
has a span there and its numbers are cells, not sentence figures.
"""

from __future__ import annotations

import re
from typing import Any

from extractors.tables_text import normalize_rows

TEXT_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "text", "horizontal_strategy": "text", "min_words_vertical": 3,
    "min_words_horizontal": 1, "text_x_tolerance": 2, "snap_tolerance": 3, "intersection_tolerance": 5,
}
MIN_ROWS = 2
WORD_REACH = 2000  # a cell's next word is searched this far ahead, not to the end of the page
HEADER_WINDOW = 400  # characters after a header's first word in which its other words must follow
WORD = re.compile(r"\S+")


Rows = tuple[tuple[str, ...], ...]


def page_tables(page: Any) -> list[tuple[Rows, tuple[str, ...]]]:
    """The tables of a pdfplumber page (rows, spanning super-header texts): ruled ones, and unruled
    ones (from word alignment) where ruled tables hold less than half of the page's characters."""
    found = page.find_tables()
    ruled = [t for t in (_clean(t.extract()) for t in found) if t]
    chars = [c for c in page.chars if c["text"].strip()]
    inside = sum(1 for c in chars if any(_holds(t.bbox, c) for t in found))
    if chars and inside * 2 >= len(chars):
        return ruled
    unruled = [t for t in page.find_tables(TEXT_SETTINGS) if not any(_overlap(t.bbox, r.bbox) for r in found)]
    cleaned = [_clean(t.extract()) for t in unruled]
    return ruled + [t for t in cleaned if t and _tabular(t[0], ruled)]


def _holds(bbox: tuple[float, float, float, float], word: dict) -> bool:
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def locate(rows: Rows, text: str, after: int = 0) -> tuple[int, int] | None:
    """The span of the lines that hold a table in its page's text: from the line that starts with its
    header's words, in order, to the line of its last cell's last word."""
    header_words = [WORD.findall(c)[0] for c in rows[0] if c]
    if not header_words:
        return None
    start = _header_line(header_words, text, after)
    if start is None:
        return None
    # Walk every cell's words in reading order; words the text lacks (or holds elsewhere) are skipped.
    probe = start
    for row in rows:
        for cell in row:
            for word in WORD.findall(cell):
                found = text.find(word, probe, probe + WORD_REACH)
                probe = found + len(word) if found >= 0 else probe
    line_end = text.find("\n", probe)
    return start, len(text) if line_end < 0 else line_end


def _header_line(words: list[str], text: str, after: int) -> int | None:
    """The start of the first line (from `after`) that begins with the header's first word and holds
    the others in order within a few lines."""
    line_start = text.rfind("\n", 0, after) + 1 if after else 0
    while line_start < len(text):
        after_word = line_start + len(words[0])
        if text.startswith(words[0], line_start) and (after_word >= len(text) or text[after_word].isspace()):
            window = text[line_start:line_start + HEADER_WINDOW]
            pos = 0
            for word in words:
                pos = window.find(word, pos)
                if pos < 0:
                    break
                pos += len(word)
            else:
                return line_start
        next_break = text.find("\n", line_start)
        if next_break < 0:
            return None
        line_start = next_break + 1
    return None


def _clean(rows: list[list[str | None]]) -> tuple[Rows, tuple[str, ...]] | None:
    cleaned = [tuple(" ".join((c or "").split()) for c in row) for row in rows]
    cleaned = [r for r in cleaned if any(r)]
    if len(cleaned) < MIN_ROWS:
        return None
    body, spanning = normalize_rows(cleaned)
    return (tuple(body), tuple(spanning)) if len(body) >= MIN_ROWS else None


def _tabular(rows: Rows, ruled: list) -> bool:
    """An unruled table needs two columns (three beside a ruled table, where prose around it must not
    pass for one) and two rows with two filled cells."""
    width = 3 if ruled else 2
    return len(rows[0]) >= width and sum(1 for r in rows if sum(1 for c in r if c) >= 2) >= MIN_ROWS
