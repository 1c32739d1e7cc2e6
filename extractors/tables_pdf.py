"""Tables on one PDF page, read with pdfplumber: ruled tables from the page's
lines and rectangles (pdfplumber's line strategy), and, where those hold less
than half of the page's characters, unruled tables from the alignment of the
other words (`aligned_tables`: lines cut into cells at wide gaps, columns from
overlapping cell spans, told from prose by short cells, numbers and the lack
of running text). pdfplumber's text strategies are not used: they cut words
between columns and merge tables stacked on a page.

Cells keep their text with line breaks turned into spaces. `locate` finds a
table's lines in the page's text (as pypdfium2 extracted it), so the table
has a span there and its numbers are cells, not sentence figures.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from pdfplumber.utils import cluster_objects
from pdfplumber.utils.text import WordExtractor

from extractors.tables_text import normalize_rows

# A gap wider than this share of the font size parts two words: tightly set tables print word spaces of
# a quarter of an em, which pdfplumber's default fixed tolerance (3 points) takes for letter spacing.
X_TOLERANCE_RATIO = 0.15
SIDEWAYS_LINE_TOLERANCE = 3.0  # points between the left edges of words on one line of sideways text
WORD_SETTINGS: dict[str, Any] = {"x_tolerance_ratio": X_TOLERANCE_RATIO, "y_tolerance": 2, "keep_blank_chars": False}
MIN_ROWS = 2
PACKED_NUMBERS = 3  # numbers in one ruled cell that say the cell spans several columns or rows
COLUMN_GAP = 1.0  # a gap between words of this many text heights separates two cells
COLUMN_SPACES = 2.0  # ... as does a gap of this many of the page's usual word spaces
MIN_COLUMN_GAP = 0.4  # text heights: never less (a loose line of justified prose stays one cell)
MIN_GAPS = 20  # word gaps a page needs for its usual word space to count
MAX_SINGLE_RUN = 2  # one-cell lines in a row (wrapped labels, section rows) an aligned table may hold
MAX_LINE_GAP = 2.5  # a vertical gap this many times the page's usual line pitch ends an aligned table
MIN_ALIGNED_LINES = 3  # lines with 2+ cells an aligned table needs
MAX_MEDIAN_CELL = 30  # characters: cells of a table are short, columns of prose are not
MIN_NUMERIC_SHARE = 0.25  # share of numeric cells a two-column aligned table needs
MAX_LABEL_WIDTH = 200.0  # points left of a ruled grid in which row labels printed outside it are looked for
EDGE_SLACK = 2.0  # points a line may stick out of a column and still lie within it
MAX_GUTTER_SPLITS = 2  # times a prose-like run of lines is split at a gutter and read again
NUMBER = re.compile(r"(?<!\S)[-–(+]?[$€£¥]?(?:\d[\d,.]*|\.\d+)%?\)?(?!\S)")
WORD_REACH = 2000  # a cell's next word is searched this far ahead, not to the end of the page
HEADER_WINDOW = 400  # characters after a header's first word in which its other words must follow
WORD = re.compile(r"\S+")


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
        if _packed(rows):  # its rulings missed the columns: read it from word alignment instead
            continue
        boxes.append(table.bbox)
        others = [t.bbox for t in tables if t is not table]
        cleaned = _clean(_with_outside_labels(table, rows, [w for w in _words_beside(page, table)
                                                            if not any(_holds(b, w) for b in others)]))
        if cleaned:
            found.append((table.bbox[1], cleaned))
    chars = [c for c in page.chars if c["text"].strip()]
    inside = sum(1 for c in chars if any(_holds(b, c) for b in boxes))
    if not chars or inside * 2 < len(chars):
        words = [w for w in page.extract_words(**WORD_SETTINGS) if w["upright"] and not any(_holds(b, w) for b in boxes)]
        for top, rows in aligned_tables(words):
            cleaned = _clean([list(r) for r in rows])
            if cleaned:
                found.append((top, cleaned))
    return [table for _, table in sorted(found, key=lambda pair: pair[0])]


def _words_beside(page: Any, table: Any) -> list[dict]:
    """The upright words left of some row of a ruled table, on its lines (read only where there are any)."""
    x0, top, _, bottom = table.bbox
    reach = max(row.bbox[0] for row in table.rows) + EDGE_SLACK
    box = (max(page.bbox[0], x0 - MAX_LABEL_WIDTH), max(page.bbox[1], top - EDGE_SLACK),
           min(page.bbox[2], reach), min(page.bbox[3], bottom + EDGE_SLACK))
    if box[0] >= box[2] or not any(box[0] <= c["x0"] and c["x1"] <= box[2] and box[1] <= c["top"] and c["bottom"] <= box[3]
                                   for c in page.chars):
        return []
    return [w for w in page.within_bbox(box).extract_words(**WORD_SETTINGS) if w["upright"]]


def _with_outside_labels(table: Any, rows: list[list[str | None]], words: list[dict]) -> list[list[str | None]]:
    """The rows with the words printed left of their drawn cells, on their lines: in the table's column
    they lie under (a row drawn shorter than the grid), or in a first column of labels when at least
    half of the rows with text have one (a grid drawn around the numbers only)."""
    if not words:
        return rows
    columns = [column.bbox for column in table.columns]
    labels: list[str] = []
    for row, cells in zip(table.rows, rows):
        left, top, _, bottom = row.bbox
        beside = sorted((w for w in words if left - MAX_LABEL_WIDTH <= w["x0"] and w["x1"] <= left + EDGE_SLACK
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
    char_dir, line_dir = ("btt", "ltr") if upward else ("ttb", "rtl")
    words = WordExtractor(line_dir_rotated=line_dir, char_dir_rotated=char_dir).extract_words(chars)
    lines = cluster_objects(words, "x0", SIDEWAYS_LINE_TOLERANCE)
    if not upward:
        lines.reverse()
    return " ".join(w["text"] for line in lines
                    for w in sorted(line, key=lambda w: -w["bottom"] if upward else w["top"]))


def _packed(rows: list[list[str | None]]) -> bool:
    """A ruled table whose cells hold several numbers each in a fifth of its rows: its rulings are
    stray lines or row shading, not the borders of its columns."""
    packed = sum(1 for row in rows if any(len(NUMBER.findall(c or "")) >= PACKED_NUMBERS for c in row))
    return packed * 5 >= len(rows) and packed > 0


@dataclass
class _Cell:
    x0: float
    x1: float
    text: str


@dataclass
class _Line:
    top: float
    bottom: float
    cells: list[_Cell]
    words: list[dict]
    space: float | None  # the page's usual word space, in text heights


def _split_at_rivers(block: list[_Line]) -> list[_Line]:
    """The block's lines with cells parted where a stretch of white runs down its body (the lines with
    the usual number of cells or more; headers may bridge it) and parts two words of one cell on at
    least half of them: two columns set a space apart, such as a right-aligned number column beside a
    left-aligned text column."""
    counts = sorted(len(line.cells) for line in block if len(line.cells) >= 2)
    body = [line for line in block if len(line.cells) >= counts[len(counts) // 2]]
    words = sorted((w["x0"], w["x1"]) for line in body for w in line.words)
    free: list[tuple[float, float]] = []
    reach = words[0][1]
    for x0, x1 in words[1:]:
        if x0 > reach:
            free.append((reach, x0))
        reach = max(reach, x1)
    rivers = [(a + b) / 2 for a, b in free if sum(1 for line in body if _parts_a_cell(line, a, b)) * 2 >= len(body)]
    if not rivers:
        return block
    return [_Line(line.top, line.bottom, _line_cells(line.words, line.space, rivers), line.words, line.space)
            for line in block]


def _parts_a_cell(line: _Line, left: float, right: float) -> bool:
    """Whether white from `left` to `right` lies between two words of one of the line's cells, both
    holding a letter or digit (dot leaders end anywhere and part nothing)."""
    before = [w for w in line.words if w["x1"] <= left]
    after = [w for w in line.words if w["x0"] >= right]
    if not before or not after or not any(cell.x0 < left and right < cell.x1 for cell in line.cells):
        return False
    return all(any(ch.isalnum() for ch in w["text"]) for w in (before[-1], after[0]))


def aligned_tables(words: list[dict], depth: int = 0) -> list[tuple[float, list[tuple[str, ...]]]]:
    """Unruled tables from the alignment of words: runs of lines split into cells by wide gaps, whose
    cells line up in columns, told from prose by short cells and numbers. A run that reads as prose,
    or whose first or last column is a column of text going on above and below it, is split at that
    gutter and each side read again: a table beside a column of prose. Each table comes with the top
    of its first line."""
    tables = []
    lines = _lines(words)
    for start, end in _blocks(lines):
        block = _split_at_rivers(lines[start:end])
        columns = _columns(block)
        if len(columns) < 2:
            continue
        gutter = _text_column_gutter(columns, lines[start - 1] if start else None, lines[end] if end < len(lines) else None)
        if gutter is None and _tabular_block(block, columns):
            tables.append((block[0].top, [_row(line, columns) for line in block]))
        elif depth < MAX_GUTTER_SPLITS:
            if gutter is None:
                gutter = max(zip(columns, columns[1:]), key=lambda pair: pair[1][0] - pair[0][1])
            middle = (gutter[0][1] + gutter[1][0]) / 2
            inside = [w for line in block for w in line.words]
            tables += aligned_tables([w for w in inside if w["x1"] <= middle], depth + 1)
            tables += aligned_tables([w for w in inside if w["x0"] >= middle], depth + 1)
    return tables


def _text_column_gutter(columns: list[tuple[float, float]], before: _Line | None,
                        after: _Line | None) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The gutter beside the first or last column when the lines just above and below the run both
    lie within that column: a column of prose beside a table, not a column of it."""
    if before is None or after is None:
        return None
    for column, pair in ((columns[0], (columns[0], columns[1])), (columns[-1], (columns[-2], columns[-1]))):
        if all(_within(line, column) for line in (before, after)):
            return pair
    return None


def _within(line: _Line, column: tuple[float, float]) -> bool:
    return all(column[0] - EDGE_SLACK <= c.x0 and c.x1 <= column[1] + EDGE_SLACK for c in line.cells)


def _lines(words: list[dict]) -> list[_Line]:
    """Words grouped into lines (vertical centre within the line's first word), split into cells."""
    grouped: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        if grouped and grouped[-1][0]["top"] <= middle <= grouped[-1][0]["bottom"]:
            grouped[-1].append(word)
        else:
            grouped.append([word])
    for group in grouped:
        group.sort(key=lambda w: w["x0"])
    space = _word_space(grouped)
    return [_Line(g[0]["top"], max(w["bottom"] for w in g), _line_cells(g, space), g, space) for g in grouped]


def _word_space(lines: list[list[dict]]) -> float | None:
    """The usual gap between words on the page, in text heights (most gaps on a page are spaces)."""
    gaps = [(b["x0"] - a["x1"]) / max(a["bottom"] - a["top"], 1.0) for line in lines for a, b in zip(line, line[1:])]
    gaps = [g for g in gaps if g > 0]
    return statistics.median(gaps) if len(gaps) >= MIN_GAPS else None


def _line_cells(words: list[dict], space: float | None, rivers: list[float] | None = None) -> list[_Cell]:
    """A line's words joined into cells; a gap over COLUMN_GAP text heights, or over COLUMN_SPACES
    times the page's usual word space (tightly set tables), or across a river of the block, parts two
    cells."""
    height = statistics.median(w["bottom"] - w["top"] for w in words)
    limit = COLUMN_GAP * height
    if space is not None:
        limit = min(limit, max(COLUMN_SPACES * space, MIN_COLUMN_GAP) * height)
    cells = [_Cell(words[0]["x0"], words[0]["x1"], words[0]["text"])]
    for word in words[1:]:
        if word["x0"] - cells[-1].x1 > limit or any(cells[-1].x1 <= r <= word["x0"] for r in rivers or ()):
            cells.append(_Cell(word["x0"], word["x1"], word["text"]))
        else:
            cells[-1].x1 = max(cells[-1].x1, word["x1"])
            cells[-1].text += " " + word["text"]
    return cells


def _blocks(lines: list[_Line]) -> list[tuple[int, int]]:
    """Runs of lines with 2+ cells, holding at most a few one-cell lines in a row and no wide gap,
    as (start, end) indexes into `lines`."""
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:]) if b.top > a.top]
    pitch = statistics.median(pitches) if pitches else 12.0
    runs: list[tuple[int, int]] = []
    start: int | None = None
    last_multi = 0
    for i, line in enumerate(lines):
        multi = len(line.cells) >= 2
        if start is not None and (line.top - lines[i - 1].top > MAX_LINE_GAP * pitch or i - last_multi > MAX_SINGLE_RUN):
            runs.append((start, last_multi + 1))
            start = None
        if multi:
            start = i if start is None else start
            last_multi = i
    if start is not None:
        runs.append((start, last_multi + 1))
    return [(a, b) for a, b in runs if sum(1 for line in lines[a:b] if len(line.cells) >= 2) >= MIN_ALIGNED_LINES]


def _columns(block: list[_Line]) -> list[tuple[float, float]]:
    """Column spans: the overlapping cell spans of the lines with the usual number of cells or more
    (lines with fewer hold spanning headers that would bridge columns)."""
    counts = Counter(len(line.cells) for line in block if len(line.cells) >= 2)
    usual = max(counts, key=lambda n: (counts[n], n))
    spans = sorted((c.x0, c.x1) for line in block if len(line.cells) >= usual for c in line.cells)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(a, b) for a, b in merged]


def _row(line: _Line, columns: list[tuple[float, float]]) -> tuple[str, ...]:
    cells = [""] * len(columns)
    for cell in line.cells:
        index = max(range(len(columns)), key=lambda i: (min(cell.x1, columns[i][1]) - max(cell.x0, columns[i][0]),
                                                         -abs((cell.x0 + cell.x1) - sum(columns[i]))))
        cells[index] = f"{cells[index]} {cell.text}".strip()
    return tuple(cells)


def _tabular_block(block: list[_Line], columns: list[tuple[float, float]]) -> bool:
    """Short cells, three columns or a fair share of numbers, and no column of running text: not
    columns of prose."""
    cells = [c.text for line in block if len(line.cells) >= 2 for c in line.cells]
    if statistics.median(len(c) for c in cells) > MAX_MEDIAN_CELL or _running_text(block, columns):
        return False
    numeric = sum(1 for c in cells if NUMBER.search(c))
    return len(columns) >= 3 or numeric >= MIN_NUMERIC_SHARE * len(cells)


def _running_text(block: list[_Line], columns: list[tuple[float, float]]) -> bool:
    """A column most of whose cells are words going on from the line above (several words, the first
    in lower case): the lines of a column of prose, not cells."""
    rows = [_row(line, columns) for line in block]
    for index in range(len(columns)):
        cells = [row[index] for row in rows if row[index]]
        flowing = sum(1 for c in cells if c[0].islower() and " " in c)
        if len(cells) >= MIN_ALIGNED_LINES and flowing * 2 > len(cells):
            return True
    return False


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


def _clean(rows: list[list[str | None]]) -> tuple[Rows, tuple[str, ...]] | None:
    cleaned = [tuple(" ".join((c or "").split()) for c in row) for row in rows]
    cleaned = [r for r in cleaned if any(r)]
    if len(cleaned) < MIN_ROWS:
        return None
    body, spanning = normalize_rows(_join_stacked_columns(cleaned))
    return (tuple(body), tuple(spanning)) if len(body) >= MIN_ROWS else None


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
