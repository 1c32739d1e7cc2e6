"""Tables on one PDF page, read with pdfplumber: ruled tables from the page's
lines and rectangles (pdfplumber's line strategy), and, where those hold less
than half of the page's characters, unruled tables from the alignment of the
other words (`tables_pdf_aligned`).

Cells keep their text with line breaks turned into spaces. `locate` finds a
table's lines in the page's text (as pypdfium2 extracted it), so the table
has a span there and its numbers are cells, not sentence figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

from pdfplumber.utils import cluster_objects
from pdfplumber.utils.text import WordExtractor

from extractors.tables_pdf_aligned import EDGE_SLACK, MIN_ALIGNED_LINES, NUMBER, aligned_tables, rows_under_columns
from extractors.tables_text import normalize_rows

# A gap wider than this share of the font size parts two words: tightly set tables print word spaces of
# a quarter of an em, which pdfplumber's default fixed tolerance (3 points) takes for letter spacing.
X_TOLERANCE_RATIO = 0.15
SIDEWAYS_LINE_TOLERANCE = 3.0  # points between the left edges of words on one line of sideways text
WORD_SETTINGS: dict[str, Any] = {"x_tolerance_ratio": X_TOLERANCE_RATIO, "y_tolerance": 2, "keep_blank_chars": False}
MIN_ROWS = 2
PACKED_NUMBERS = 3  # numbers in one ruled cell that say the cell spans several columns or rows
MAX_LABEL_WIDTH = 200.0  # points left of a ruled grid in which row labels printed outside it are looked for
WORD_REACH = 200  # a cell's next word is searched this far ahead: further, it is another table's
HEADER_WINDOW = 400  # characters after a header's first word in which its other words must follow
WORD = re.compile(r"\S+")
DIGIT = re.compile(r"\d")
LIST_MARKER = re.compile(r"\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|[•▪●◦‣–-]")
SPACE_GROUPED = re.compile(r"[-–(+]?[$€£¥]?\d{1,3}(?: \d{3})+(?:\.\d+)?%?\)?")
MAX_PROSE_CELL = 120  # characters: a cell longer than this is a paragraph


Rows = tuple[tuple[str, ...], ...]


def page_tables(page: Any) -> list[tuple[Rows, tuple[str, ...]]]:
    """The tables of a pdfplumber page (rows, spanning super-header texts) from top to bottom: ruled
    ones, and unruled ones (from word alignment) where ruled tables hold less than half of the page's
    characters."""
    found: list[tuple[float, tuple[Rows, tuple[str, ...]]]] = []
    boxes: list[tuple[float, float, float, float]] = []
    tables = [t for t in page.find_tables() if t.rows]
    for table in tables:
        rows = _cell_texts(table)
        boxed = _boxed_body(page, table, rows)
        if boxed is not None:  # a header over a box: a table if the box holds its rows, else none
            cleaned = _clean(boxed) if boxed else None
            if cleaned:
                boxes.append(table.bbox)
                found.append((table.bbox[1], cleaned))
            continue
        if _packed(rows):  # its rulings missed the columns: read it from word alignment instead
            continue
        rows = _without_trailing_notes(rows)
        boxes.append(table.bbox)
        others = [t.bbox for t in tables if t is not table]
        parts = _stacked_parts(rows)
        # Labels go to the drawn rows first: parting packed rows changes the number of rows.
        beside = [w for w in _words_beside(page, table, rows) if not any(_holds(b, w) for b in others)]
        labelled = _with_outside_labels(table, rows, beside)
        for start, end in parts:
            cleaned = _clean(_unpacked(labelled[start:end]))
            if cleaned:
                found.append((table.rows[start].bbox[1], cleaned))
    chars = [c for c in page.chars if c["text"].strip()]
    inside = sum(1 for c in chars if any(_holds(b, c) for b in boxes))
    if not chars or inside * 2 < len(chars):
        words = [w for w in page.extract_words(**WORD_SETTINGS)
                 if w["upright"] and not any(_holds(b, w) for b in boxes)]
        rulings = [(e["x0"], e["top"], e["bottom"]) for e in page.edges if e["orientation"] == "v"]
        for top, aligned in aligned_tables(words, rulings):
            cleaned = _clean([list(r) for r in aligned])
            if cleaned:
                found.append((top, cleaned))
    return [table for _, table in sorted(found, key=lambda pair: pair[0])]


def _boxed_body(page: Any, table: Any, rows: list[list[str | None]]) -> list[tuple[str, ...]] | None:
    """A grid ruled into columns in its header only, its body drawn as boxes as wide as the table (each
    body row one cell): the header and the body's lines read under the header's columns, the header
    cells stacked over a column (a group heading over `START` and `END`) joined into its one header
    cell; no rows when too few lines of the body have cells apart (a box of prose). None for any other
    grid."""
    cells = [row.cells for row in table.rows]
    left, _, right, _ = table.bbox

    def box(row: list[Any]) -> bool:
        return (row[0] is not None and all(c is None for c in row[1:])
                and row[0][0] <= left + EDGE_SLACK and row[0][2] >= right - EDGE_SLACK)
    body = next((i for i, row in enumerate(cells) if box(row)), None)
    if not body or not all(box(row) for row in cells[body:]):
        return None
    header = [(bbox, text) for row, texts in zip(cells[:body], rows[:body])
              for bbox, text in zip(row, texts) if bbox is not None]
    edges = sorted({round(x, 1) for bbox, _ in header for x in (bbox[0], bbox[2])})
    columns = list(zip(edges, edges[1:]))
    if len(columns) < 3:
        return None
    heads = tuple(" ".join(" ".join(text.split()) for bbox, text in header
                           if text and bbox[0] - EDGE_SLACK <= (x0 + x1) / 2 <= bbox[2] + EDGE_SLACK)
                  for x0, x1 in columns)
    lines: list[tuple[str, ...]] = []
    for row in cells[body:]:
        words = [w for w in page.within_bbox(row[0]).extract_words(**WORD_SETTINGS) if w["upright"]]
        lines += rows_under_columns(words, columns) if words else []
    if sum(1 for line in lines if sum(1 for cell in line if cell) >= 2) < MIN_ALIGNED_LINES:
        return []
    return [heads, *lines]


def _words_beside(page: Any, table: Any, rows: list[list[str | None]]) -> list[dict]:
    """The upright words left of some row of a ruled table that holds text, on its lines (read only
    where there are any). An empty row may be drawn as its last cell alone: it reaches no further."""
    x0, top, _, bottom = table.bbox
    filled = [row.bbox[0] for row, cells in zip(table.rows, rows) if any(cells)]
    if not filled:
        return []
    reach = max(filled) + EDGE_SLACK
    box = (max(page.bbox[0], x0 - MAX_LABEL_WIDTH), max(page.bbox[1], top - EDGE_SLACK),
           min(page.bbox[2], reach), min(page.bbox[3], bottom + EDGE_SLACK))
    if box[0] >= box[2] or not any(box[0] <= c["x0"] and c["x1"] <= box[2]
                                   and box[1] <= c["top"] and c["bottom"] <= box[3] for c in page.chars):
        return []
    return [w for w in page.within_bbox(box).extract_words(**WORD_SETTINGS) if w["upright"]]


def _with_outside_labels(table: Any, rows: list[list[str | None]], words: list[dict]) -> list[list[str | None]]:
    """The rows with the words printed left of their drawn cells, on their lines: in the table's column
    they lie under (a row drawn shorter than the grid), or in a first column of labels when at least
    half of the rows with text have one (a grid drawn around the numbers only)."""
    if not words:
        return rows
    columns = [column.bbox for column in table.columns]
    first_figures = next((i for i, cells in enumerate(rows)
                          if any(cell and NUMBER.fullmatch(cell.strip()) for cell in cells)), len(rows))
    # Below the header, a word inside one of the grid's cells is that cell's (a label spanning rows,
    # centred on one of them), not a label of the row it lies on. (In a header of several drawn rows
    # it goes to the row it lies on, the one that stays the header.)
    body_words = [w for w in words if not any(_holds(cell, w) for cell in table.cells)]
    labels: list[str] = []
    for index, (row, cells) in enumerate(zip(table.rows, rows)):
        if not any(cells):  # an empty row (between double rules) takes no label
            labels.append("")
            continue
        left, top, _, bottom = row.bbox
        beside = sorted((w for w in (words if index < first_figures else body_words)
                         if left - MAX_LABEL_WIDTH <= w["x0"] and w["x1"] <= left + EDGE_SLACK
                         and top <= (w["top"] + w["bottom"]) / 2 <= bottom), key=lambda w: w["x0"])
        outside = []
        for word in beside:
            under = [i for i, (x0, _, x1, _) in enumerate(columns) if x0 <= (word["x0"] + word["x1"]) / 2 <= x1]
            if under and not cells[under[0]]:
                cells[under[0]] = word["text"]
            else:
                outside.append(word["text"])
        labels.append(" ".join(outside))
    filled = [label for label, cells in zip(labels, rows) if label or any(cells)]
    if sum(1 for label in filled if label) * 2 < len(filled) or len(filled) < MIN_ROWS:
        return rows
    return [[label, *cells] for label, cells in zip(labels, rows)]


def _cell_texts(table: Any) -> list[list[str | None]]:
    """The text of each cell of a ruled table; a cell of sideways text (a turned column header) is read
    along its lines, in the direction its characters run."""
    rows = table.extract(x_tolerance_ratio=X_TOLERANCE_RATIO)
    if all(c.get("upright", True) for c in table.page.chars):
        return rows
    for row, cells in zip(table.rows, rows):
        for index, bbox in enumerate(row.cells):
            if bbox is None:
                continue
            chars = [c for c in table.page.chars if _holds(bbox, c)]
            sideways = [c for c in chars if not c.get("upright", True)]
            if sideways and len(sideways) * 2 > len(chars):  # spaces count too: they part the words
                cells[index] = _sideways_text(sideways)
    return rows


def _sideways_text(chars: list[dict]) -> str:
    """Text turned a quarter counter-clockwise (text matrix b > 0) reads bottom to top, its lines left
    to right; turned clockwise, top to bottom, its lines right to left."""
    upward = sum(1 for c in chars if c["matrix"][1] > 0) * 2 > len(chars)
    char_dir: Literal["btt", "ttb"]
    line_dir: Literal["ltr", "rtl"]
    char_dir, line_dir = ("btt", "ltr") if upward else ("ttb", "rtl")
    words = WordExtractor(line_dir_rotated=line_dir, char_dir_rotated=char_dir).extract_words(chars)
    lines = cluster_objects(words, "x0", SIDEWAYS_LINE_TOLERANCE)
    if not upward:
        lines.reverse()
    return " ".join(w["text"] for line in lines
                    for w in sorted(line, key=lambda w: -w["bottom"] if upward else w["top"]))


def _unpacked(rows: list[list[str | None]]) -> list[list[str | None]]:
    """Rows drawn without rulings between them, read as one row of cells holding several lines each,
    parted again: below the header, a row whose cells (but for its first, a label spanning them) all
    hold the same number of lines, each line with a digit, is that many rows, the first cell's text on
    the first."""
    out = rows[:1]
    for row in rows[1:]:
        counts = [len(cell.splitlines()) if cell else 0 for cell in row]
        stacked = {n for n in counts[1:] if n}
        height = max(stacked) if len(stacked) == 1 else 1
        if height < 2 or counts[0] not in (0, 1, height) or sum(1 for n in counts if n == height) < 2:
            out.append(row)
            continue
        lines = [(cell or "").splitlines() for cell in row]
        parted: list[list[str | None]] = [
            [cell[index] if len(cell) == height else (cell[0] if cell and index == 0 else "") for cell in lines]
            for index in range(height)]
        # Each line a row of data, with a figure in it: a header's wrapped words are not rows.
        if all(any(cell and DIGIT.search(cell) for cell in line) for line in parted):
            out.extend(parted)
        else:
            out.append(row)
    return out


def _packed(rows: list[list[str | None]]) -> bool:
    """A ruled table whose cells hold several numbers each in a fifth of its rows: its rulings are
    stray lines or row shading, not the borders of its columns."""
    packed = sum(1 for row in rows if any(len(NUMBER.findall(c or "")) >= PACKED_NUMBERS for c in row))
    return packed * 5 >= len(rows) and packed > 0


def _holds(bbox: tuple[float, float, float, float], word: dict) -> bool:
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


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


def _clean(rows: Sequence[Sequence[str | None]]) -> tuple[Rows, tuple[str, ...]] | None:
    cleaned = [tuple(_cell_text(c) for c in row) for row in rows]
    cleaned = [r for r in cleaned if any(r)]
    # Rows of one cell above the header (a title or a group heading drawn inside the frame) span it;
    # a row of one cell over a later column (`2016` over the figures) is the header.
    above = 0
    while above < len(cleaned) - 1 and sum(1 for c in cleaned[above] if c) < 2 and cleaned[above][0]:
        above += 1
    if len(cleaned) - above < MIN_ROWS:
        return None
    body, spanning = normalize_rows(_join_stacked_columns(cleaned[above:]))
    spanning = [c for row in cleaned[:above] for c in row if c] + list(spanning)
    return (tuple(body), tuple(spanning)) if len(body) >= MIN_ROWS and not _not_a_table(body) else None


def _stacked_parts(rows: list[list[str | None]]) -> list[tuple[int, int]]:
    """The rows of the tables drawn one under another in one network of rulings, as index ranges: parted
    at rows without text between rows of cells drawn with other columns (a grid under a narrower
    one), when each side has rows of figures of its own (a spacer under a header stays)."""
    def drawn(row: list[str | None]) -> tuple[bool, ...]:
        return tuple(cell is not None for cell in row)

    def rows_of_figures(part: list[list[str | None]]) -> int:
        return sum(1 for row in part if sum(1 for cell in row if cell) >= 2
                   and any(NUMBER.fullmatch(cell.strip()) for cell in row if cell))
    # Rows of cells are compared: one-cell rows (section headings, spanned by None cells) are
    # drawn otherwise in any table.
    with_cells = [i for i, row in enumerate(rows) if sum(1 for cell in row if cell) >= 2]
    bounds = [0]
    for above, below in zip(with_cells, with_cells[1:]):
        empty = [i for i in range(above + 1, below) if not any(rows[i])]
        if (empty and drawn(rows[above]) != drawn(rows[below])
                and rows_of_figures(rows[bounds[-1]:below]) >= MIN_ROWS and rows_of_figures(rows[below:]) >= MIN_ROWS):
            bounds.append(empty[-1] + 1)
    return list(zip(bounds, bounds[1:] + [len(rows)]))


def _without_trailing_notes(rows: list[list[str | None]]) -> list[list[str | None]]:
    """The rows of a ruled table without those below its body made of one cell spanning its width (a
    key or notes inside the table's frame), unless the body has rows like them: section rows (`Skin
    disorders`), the last of which may head rows on the next page. (A drawn empty cell reads "", a
    spanned one None.)"""
    def label_only(row: list[str | None]) -> bool:
        return bool(row[0]) and all(cell is None for cell in row[1:])
    end = len(rows)
    while end > MIN_ROWS and label_only(rows[end - 1]):
        end -= 1
    first_body = next((i for i, row in enumerate(rows) if not label_only(row)), end)
    return rows if any(label_only(row) for row in rows[first_body + 1:end]) else rows[:end]


def _cell_text(cell: str | None) -> str:
    """A cell's lines joined by spaces; a line that is one number grouped by spaces (`98 452`, a thin
    space or an undrawn comma between digit groups) is written without them."""
    lines = [" ".join(line.split()) for line in (cell or "").splitlines()]
    return " ".join(line.replace(" ", "") if SPACE_GROUPED.fullmatch(line) else line for line in lines if line)


def _not_a_table(rows: list[tuple[str, ...]]) -> bool:
    """Boxes and alignments that are not tables: one column of text (a framed caption), a header over
    no data ("No results"), paragraphs holding most of the text (a form layout: labels beside
    paragraphs), or a numbered or bulleted list."""
    filled = [[row[i] for row in rows] for i in range(len(rows[0])) if any(row[i] for row in rows)]
    if len(filled) < 2 or not any(sum(1 for cell in row if cell) >= 2 for row in rows[1:]):
        return True
    paragraphs = sum(len(cell) for column in filled for cell in column if len(cell) > MAX_PROSE_CELL)
    if paragraphs * 2 > sum(len(cell) for column in filled for cell in column):
        return True
    return len(filled) == 2 and all(LIST_MARKER.fullmatch(cell) for cell in filled[0] if cell)


def _join_stacked_columns(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Neighbouring columns of which one holds text only above the other's (and never on the same row)
    made one: a header cell set off its data column (centred over right-aligned numbers, or drawn in
    a box of its own), read as a column of its own."""
    columns = [list(column) for column in zip(*rows)]
    index = 0
    while index + 1 < len(columns):
        left, right = columns[index], columns[index + 1]
        if _stacked(left, right) or _stacked(right, left):
            columns[index] = [a or b for a, b in zip(left, right)]
            del columns[index + 1]
        index += 1
    return [tuple(row) for row in zip(*columns)]


def _stacked(upper: list[str], lower: list[str]) -> bool:
    above = [i for i, cell in enumerate(upper) if cell]
    below = [i for i, cell in enumerate(lower) if cell]
    return bool(above and below) and max(above) < min(below)
