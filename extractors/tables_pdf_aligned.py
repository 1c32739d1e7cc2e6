"""Unruled tables on a PDF page, from the alignment of its words (`aligned_tables`): lines cut into
cells at wide gaps or at white running down the table, columns from overlapping cell spans, told
from prose by short cells, numbers and the lack of running text. pdfplumber's text strategies are
not used: they cut words between columns and merge tables stacked on a page.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

COLUMN_GAP = 1.0  # a gap between words of this many text heights separates two cells
COLUMN_SPACES = 2.0  # ... as does a gap of this many of the page's usual word spaces
MIN_COLUMN_GAP = 0.4  # text heights: never less (a loose line of justified prose stays one cell)
MIN_GAPS = 20  # word gaps a page needs for its usual word space to count
MAX_SINGLE_RUN = 2  # one-cell lines in a row (wrapped labels, section rows) an aligned table may hold
MAX_LINE_GAP = 2.5  # a vertical gap this many times the page's usual line pitch ends an aligned table
MIN_ALIGNED_LINES = 3  # lines with 2+ cells an aligned table needs
MAX_MEDIAN_CELL = 30  # characters: cells of a table are short, columns of prose are not
MIN_NUMERIC_SHARE = 0.25  # share of numeric cells a two-column aligned table needs
EDGE_SLACK = 2.0  # points a line may stick out of a column and still lie within it
MAX_GUTTER_SPLITS = 2  # times a prose-like run of lines is split at a gutter and read again
NUMBER = re.compile(r"(?<!\S)[-–(+]?[$€£¥]?(?:\d[\d,.]*|\.\d+)%?\)?(?!\S)")


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
    rivers = []
    for left, right in free:
        pairs = [pair for pair in (_parted_words(line, left, right) for line in body) if pair]
        # Words that differ from line to line on both sides: two columns, not one column whose
        # cells all say the same (where any gap runs straight down).
        if len(pairs) * 2 >= len(body) and all(len(set(side)) > 1 for side in zip(*pairs)):
            rivers.append((left + right) / 2)
    if not rivers:
        return block
    return [_Line(line.top, line.bottom, _line_cells(line.words, line.space, rivers), line.words, line.space)
            for line in block]


def _parted_words(line: _Line, left: float, right: float) -> tuple[str, str] | None:
    """The two words of one of the line's cells that white from `left` to `right` lies between, when
    both hold a letter or digit (dot leaders end anywhere and part nothing)."""
    before = [w for w in line.words if w["x1"] <= left]
    after = [w for w in line.words if w["x0"] >= right]
    if not before or not after or not any(cell.x0 < left and right < cell.x1 for cell in line.cells):
        return None
    pair = (before[-1]["text"], after[0]["text"])
    return pair if all(any(ch.isalnum() for ch in word) for word in pair) else None


Ruling = tuple[float, float, float]  # a drawn vertical line: x, top, bottom


def aligned_tables(words: list[dict], rulings: list[Ruling] | None = None,
                   depth: int = 0) -> list[tuple[float, list[tuple[str, ...]]]]:
    """Unruled tables from the alignment of words: runs of lines split into cells by wide gaps, whose
    cells line up in columns, told from prose by short cells and numbers. A run that reads as prose,
    or whose first or last column is a column of text going on above and below it, is split at that
    gutter and each side read again: a table beside a column of prose. Each table comes with the top
    of its first line. A run is also parted where its lines stop being crossed by drawn vertical
    lines, or start: a table ruled in columns above one that is not."""
    tables = []
    lines = _lines(words)
    for start, end in (part for block in _blocks(lines) for part in _ruled_parts(lines, block, rulings or [])):
        block = _split_at_rivers(lines[start:end])
        columns = _columns(block)
        if len(columns) < 2:
            continue
        gutter = _text_column_gutter(columns, lines[start - 1] if start else None,
                                     lines[end] if end < len(lines) else None)
        if gutter is None and _tabular_block(block, columns):
            edges = _aligned_edges(block, columns)
            block = lines[_heading_above(lines, start, columns):start] + block
            tables.append((block[0].top, [_row(line, columns, edges) for line in block]))
        elif depth < MAX_GUTTER_SPLITS:
            if gutter is None:
                gutter = max(zip(columns, columns[1:]), key=lambda pair: pair[1][0] - pair[0][1])
            middle = (gutter[0][1] + gutter[1][0]) / 2
            inside = [w for line in block for w in line.words]
            tables += aligned_tables([w for w in inside if w["x1"] <= middle], rulings, depth + 1)
            tables += aligned_tables([w for w in inside if w["x0"] >= middle], rulings, depth + 1)
    return tables


def rows_under_columns(words: list[dict], columns: list[tuple[float, float]]) -> list[tuple[str, ...]]:
    """The words' lines, cut into cells at wide gaps, each cell under the column it overlaps most: a
    body read under columns known from elsewhere (a header ruled into columns)."""
    return [_row(line, columns) for line in _lines(words)]


def _heading_above(lines: list[_Line], start: int, columns: list[tuple[float, float]]) -> int:
    """Where a table whose first line of cells is `lines[start]` starts: higher up, at a line of one
    cell over one of its data columns (a year over the figures, `2016`), when no more than the lines
    of one cell an aligned table may hold in a row (a note, a section row) and no wide gap part them."""
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:]) if b.top > a.top]
    pitch = statistics.median(pitches) if pitches else 12.0
    for above in range(start - 1, max(start - MAX_SINGLE_RUN - 2, -1), -1):
        line = lines[above]
        if len(line.cells) != 1 or lines[above + 1].top - line.top > MAX_LINE_GAP * pitch:
            return start
        cell = line.cells[0]
        if any(x0 - EDGE_SLACK <= cell.x0 and cell.x1 <= x1 + EDGE_SLACK for x0, x1 in columns[1:]):
            return above
    return start


def _ruled_parts(lines: list[_Line], block: tuple[int, int], rulings: list[Ruling]) -> list[tuple[int, int]]:
    """The block's stretches whose lines are all crossed by drawn vertical lines, or none of them; a
    stretch with too few lines of cells to be a table stays with the one before it."""
    def crossing(line: _Line) -> bool:
        middle = (line.top + line.bottom) / 2
        return any(top <= middle <= bottom for _, top, bottom in rulings)
    start, end = block
    parts: list[list[int]] = [[start, start + 1]]
    for index in range(start + 1, end):
        if crossing(lines[index]) == crossing(lines[index - 1]):
            parts[-1][1] = index + 1
        else:
            parts.append([index, index + 1])
    kept: list[list[int]] = []
    for part in parts:
        if kept and sum(1 for line in lines[part[0]:part[1]] if len(line.cells) >= 2) < MIN_ALIGNED_LINES:
            kept[-1][1] = part[1]
        else:
            kept.append(part)
    # A short first stretch joins the next one; each stretch starts and ends on a line of cells.
    if len(kept) > 1 and sum(1 for line in lines[kept[0][0]:kept[0][1]] if len(line.cells) >= 2) < MIN_ALIGNED_LINES:
        first_start = kept.pop(0)[0]
        kept[0][0] = first_start
    trimmed = []
    for first, last in kept:
        while first < last and len(lines[first].cells) < 2:
            first += 1
        while last > first and len(lines[last - 1].cells) < 2:
            last -= 1
        trimmed.append((first, last))
    return trimmed


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
        # After the most one-cell lines a run may hold, only a row of three or more cells below one
        # goes on with it (a cell wrapped over three lines); two-cell lines on both sides of them are
        # as likely two page columns of prose whose lines happen to share a baseline.
        wide = len(line.cells) >= 3 and len(lines[last_multi].cells) >= 3
        if start is not None and (line.top - lines[i - 1].top > MAX_LINE_GAP * pitch
                                  or i - last_multi > MAX_SINGLE_RUN + (1 if wide else 0)):
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


Edges = tuple[list[float], list[float]]  # the left edges of left-aligned columns, the right of right-aligned ones


def _row(line: _Line, columns: list[tuple[float, float]], edges: Edges = ([], [])) -> tuple[str, ...]:
    cells = [""] * len(columns)
    for cell in (part for whole in line.cells for part in _parted_at_columns(whole, line.words, columns, edges)):
        index = max(range(len(columns)), key=lambda i: (min(cell.x1, columns[i][1]) - max(cell.x0, columns[i][0]),
                                                         -abs((cell.x0 + cell.x1) - sum(columns[i]))))
        cells[index] = f"{cells[index]} {cell.text}".strip()
    return tuple(cells)


def _aligned_edges(block: list[_Line], columns: list[tuple[float, float]]) -> Edges:
    """The left edges of the block's left-aligned columns and the right edges of its right-aligned
    ones: those on which three quarters of the cells lying within the column start (or end), three at
    least."""
    lefts: list[float] = []
    rights: list[float] = []
    for x0, x1 in columns:
        within = [c for line in block for c in line.cells if x0 - EDGE_SLACK <= c.x0 and c.x1 <= x1 + EDGE_SLACK]
        for edge, on, out in ((x0, [c.x0 - x0 for c in within], lefts), (x1, [x1 - c.x1 for c in within], rights)):
            on_edge = sum(1 for distance in on if distance <= EDGE_SLACK)
            if on_edge >= MIN_ALIGNED_LINES and on_edge * 4 >= len(within) * 3:
                out.append(edge)
    return lefts, rights


def _parted_at_columns(cell: _Cell, words: list[dict], columns: list[tuple[float, float]],
                       edges: Edges) -> list[_Cell]:
    """A cell running over into the next column, parted there: at a word that starts on the left edge
    of a left-aligned column right of the cell's start (a long company name set a word space from its
    city, `... Chateau at Carmichael`), and before its last words when they are numbers lying wholly
    in a column right of the one the cell starts in, the words before them short of that column (a
    long city set a word space from its right-aligned count, `Huntington Beach 65`), or before its
    last word, a number ending on the right edge of a right-aligned column the words before it fall
    short of (a figure wider than the rest of its column, `6,922,900 12,664,000`)."""
    starts, ends = edges
    inside = [w for w in words if cell.x0 - EDGE_SLACK <= w["x0"] and w["x1"] <= cell.x1 + EDGE_SLACK]
    if len(inside) < 2:
        return [cell]
    for index in range(1, len(inside)):
        word, before = inside[index], inside[index - 1]
        if any(abs(word["x0"] - x) <= EDGE_SLACK and inside[0]["x0"] < x - EDGE_SLACK and before["x1"] < x
               for x in starts):
            left, right = _cell_of(inside[:index]), _cell_of(inside[index:])
            return [left, *_parted_at_columns(right, inside[index:], columns, edges)]
    cut = len(inside)
    while cut > 1 and NUMBER.fullmatch(inside[cut - 1]["text"]):
        cut -= 1
    if cut == len(inside):
        return [cell]
    first, numbers = inside[0], inside[cut:]
    column = next((c for c in columns
                   if c[0] - EDGE_SLACK <= numbers[0]["x0"] and numbers[-1]["x1"] <= c[1] + EDGE_SLACK), None)
    if column is None:  # a figure wider than its column's others: it ends on the column's right edge
        numbers, cut = inside[-1:], len(inside) - 1
        column = next((c for c in columns if c[1] in ends and abs(numbers[0]["x1"] - c[1]) <= EDGE_SLACK), None)
    if column is None or first["x0"] >= column[0] - EDGE_SLACK or inside[cut - 1]["x1"] > column[0] + EDGE_SLACK:
        return [cell]
    return [_cell_of(inside[:cut]), _cell_of(numbers)]


def _cell_of(words: list[dict]) -> _Cell:
    return _Cell(words[0]["x0"], words[-1]["x1"], " ".join(w["text"] for w in words))


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
