"""Tables written in plain text: tab-separated blocks, Markdown pipe tables,
aligned columns (cells separated by runs of spaces) and spaced rows (a label and
the same number of figures on every line, separated by single spaces, as text
copied from a PDF or a web page prints them).

A block is a run of consecutive table lines of one kind. Its header is the
first row that is not a spanning super-header (a row with most cells empty,
like `\tModel Modalities\t\t\t`); ragged rows are padded, and columns that are
empty in every row are dropped. A table printed in parts with a repeated
header (and nothing between the parts but blank lines, a repeated spanning
header or a "continued" marker) is one table. The caption line just before a
table is its title, the `Source:` line after it its source, `Note:` lines and
the bullets under them its notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractors import deadline
from extractors.markdown import markdown_to_text
from extractors.model import Table

PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
PIPE_LINE = re.compile(r"^\s*\|.*\|\s*$|^[^|]+(?:\|[^|]*){2,}$")
ALIGNED_CELL = re.compile(r"\S+(?: \S+)*")  # a cell of an aligned line: words with single spaces
SOURCE_LINE = re.compile(r"^\s*(?:sources?|data source)\s*[:：]", re.IGNORECASE)
NOTE_LINE = re.compile(r"^\s*(?:notes?|remarks?)\s*[:：]?\s*(?P<rest>.*)$", re.IGNORECASE)
BULLET_LINE = re.compile(r"^\s*(?:[-•*·]|\(\d{1,2}\)|\d{1,2}[.)])\s+\S")
# A figure cell of a spaced row: a number with its sign, currency, percent or short unit, or a dash for none.
_FIGURE = r"(?:[-+(]?[$€£¥]?\d(?:[\d,]*\d)?(?:\.\d+)?(?:%|[A-Za-z]{1,2})?\)?|[-–—]|n/?a)"
SPACED_ROW = re.compile(rf"^\s*(?P<label>[^\W\d](?:[^\t|]*?[^\s.!?:;,])?)(?P<figures>(?: {_FIGURE}){{2,}})\s*$")
PERIOD_CELL = re.compile(r"^(?:(?:FY|H[12]|Q[1-4])?\s?'?\d{2,4}[EFP]?|\d{4}[-/]\d{2,4}[EFP]?)$", re.IGNORECASE)
UNITS_CELL = re.compile(r"^\([^()]{1,20}\)$")
CONTINUED = re.compile(r"^\s*\(?(?:table\s+)?(?:continued|cont'?d\.?)\)?\s*$", re.IGNORECASE)

MAX_TITLE_CHARS = 200
MAX_CELL_CHARS = 60  # an aligned-column cell longer than this is prose, not a cell
MIN_ALIGNED_ROWS = 3
MAX_SPACED_ROW_CHARS = 200  # longer lines are prose; the bound also keeps the row pattern's scan short
TITLE_LINES_READ = 8  # a title is found within 2 blank lines and 4 caption lines above the table
NOTE_LINES_READ = 60  # the source and notes are looked for in the lines just below it


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str  # without its line break


@dataclass(frozen=True)
class _Block:
    kind: str  # "tab", "pipe", "aligned"
    lines: tuple[_Line, ...]
    rows: tuple[tuple[str, ...], ...]
    spanning: tuple[str, ...]  # text of dropped super-header rows


def find_text_tables(text: str, page: int | None) -> list[Table]:
    """Every table written in `text`, with spans indexing `text`."""
    lines = _split_lines(text)
    blocks = _blocks(lines)
    tables: list[tuple[Table, _Block]] = []
    for block in blocks:
        deadline.check()
        table = Table(page, block.rows, char_start=block.lines[0].start, char_end=block.lines[-1].end)
        if tables and _continues(tables[-1], block, text):
            prev, prev_block = tables.pop()
            merged_rows = prev.rows + block.rows[1:]
            table = replace(prev, rows=merged_rows, char_end=table.char_end)
            block = _Block(prev_block.kind, prev_block.lines + block.lines, merged_rows,
                           prev_block.spanning + block.spanning)
        tables.append((table, block))
    return [describe(t, text) for t, _ in tables]


def describe(table: Table, text: str, previous_page: str = "") -> Table:
    """Set the table's title, source and notes from the lines around its span (and from the end of
    the previous page for a table at the top of its page)."""
    if table.char_start is None or table.char_end is None:
        return table
    # Only the few lines next to the table are read, so describing every table of a page stays linear.
    before, from_page_start = _lines_before(text, table.char_start, TITLE_LINES_READ)
    if from_page_start and not any(line.strip() for line in before):
        before = _lines_before(previous_page, len(previous_page), TITLE_LINES_READ)[0] + before
    after = _lines_after(text, table.char_end, NOTE_LINES_READ)
    source, notes = _source_and_notes(after)
    return replace(table, title=table.title or _title(before), source=table.source or source,
                   notes=table.notes or notes)


# -- lines and blocks ------------------------------------------------------------------------------

def _split_lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\x0c")
        out.append(_Line(pos, pos + len(body), body))
        pos += len(raw)
    return out


def line_kind(line: str) -> str | None:
    """The kind of table line `line` may be ("tab", "pipe", "aligned", "spaced"), or None."""
    stripped = line.strip()
    if not stripped:
        return None
    if "\t" in line:
        return "tab"
    if "|" in line and (PIPE_SEPARATOR.match(line) or PIPE_LINE.match(line)):
        return "pipe"
    if "  " in stripped and len(ALIGNED_CELL.findall(line)) >= 2:
        return "aligned"
    if len(line) <= MAX_SPACED_ROW_CHARS and SPACED_ROW.match(line):
        return "spaced"
    return None


def _blocks(lines: list[_Line]) -> list[_Block]:
    out: list[_Block] = []
    run: list[_Line] = []
    run_kind: str | None = None
    before_run: _Line | None = None  # the line just above the current run
    last: _Line | None = None
    for line in lines + [_Line(0, 0, "")]:
        kind = line_kind(line.text)
        if run and kind != run_kind:
            if run_kind == "aligned" and before_run is not None and _header_over_columns(before_run.text, run[0].text):
                run.insert(0, before_run)
            if run_kind == "spaced" and before_run is not None and line_kind(before_run.text) is None:
                run.insert(0, before_run)  # the header line, when its cells can be told apart
            block = _block(run_kind, run) if run_kind else None
            if block:
                out.append(block)
            run = []
        if kind:
            if not run:
                run_kind, before_run = kind, last
            run.append(line)
        last = line
    return out


def _header_over_columns(line: str, first_row: str) -> bool:
    """An indented line of column headings over an aligned table whose first header cell is empty
    (`        2024` over `US      5`): one cell per line is too few to be read as a table line."""
    cells = ALIGNED_CELL.findall(line)
    row_cells = [m.start() for m in ALIGNED_CELL.finditer(first_row)]
    indent = len(line) - len(line.lstrip(" "))
    return bool(cells) and len(row_cells) >= 2 and indent >= 2 and indent > row_cells[0] \
        and len(cells) < len(row_cells) and all(len(c) <= MAX_CELL_CHARS for c in cells)


def _block(kind: str, lines: list[_Line]) -> _Block | None:
    if kind == "tab":
        rows = [tuple(c.strip() for c in ln.text.split("\t")) for ln in lines]
    elif kind == "pipe":
        lines = [ln for ln in lines if not PIPE_SEPARATOR.match(ln.text)]
        # In a table whose rows do not start with a pipe, a line that does has an empty first cell.
        framed = sum(ln.text.lstrip().startswith("|") for ln in lines) * 2 > len(lines)
        rows = [_pipe_cells(ln.text, framed) for ln in lines]
    elif kind == "spaced":
        spaced = _spaced_rows([ln.text for ln in lines])
        if spaced is None:
            return None
        lines, rows = lines[-len(spaced):], spaced
    else:
        aligned = _aligned_rows([ln.text for ln in lines])
        if aligned is None:
            return None
        rows = aligned
    rows, spanning = split_spanning(_rectangular(rows))
    rows = _with_units_row_in_header(rows)
    if len(rows) < 2 or max(len(r) for r in rows) < 2:
        return None
    return _Block(kind, tuple(lines), tuple(rows), tuple(spanning))


def normalize_rows(rows: list[tuple[str, ...]]) -> tuple[list[tuple[str, ...]], list[str]]:
    """Rows padded to one width, without all-empty columns, and the text of the leading spanning
    super-header rows taken off them."""
    return split_spanning(_rectangular(rows))


def split_spanning(rows: list[tuple[str, ...]]) -> tuple[list[tuple[str, ...]], list[str]]:
    spanning: list[str] = []
    while len(rows) > 2 and _is_spanning(rows[0], rows[1]):
        spanning.append(" ".join(c for c in rows[0] if c))
        rows = rows[1:]  # its line stays inside the table's span
    return rows, spanning


def _pipe_cells(line: str, framed: bool = True) -> tuple[str, ...]:
    body = line.strip()
    body = body[1:] if body.startswith("|") and framed else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return tuple(_markdown_text(c.replace("\\|", "|").strip()) for c in re.split(r"(?<!\\)\|", body))


def _markdown_text(cell: str) -> str:
    """A pipe table's cell as it reads: without Markdown emphasis and with links as their text."""
    text = markdown_to_text(cell)
    return cell if text == cell else " ".join(text.split())


def _aligned_rows(lines: list[str]) -> list[tuple[str, ...]] | None:
    """Cells by runs of 2+ spaces, placed under the header's column starts."""
    if len(lines) < MIN_ALIGNED_ROWS:
        return None
    cells = [[(m.start(), m.group()) for m in ALIGNED_CELL.finditer(ln)] for ln in lines]
    if not cells[0] or any(len(c) < 2 for c in cells[1:]) or any(len(t) > MAX_CELL_CHARS for c in cells for _, t in c):
        return None
    columns = _column_ranges([(s, s + len(t)) for row in cells for s, t in row])
    if len(columns) < 2:
        return None
    rows = []
    for row in cells:
        out = [""] * len(columns)
        for s, t in row:
            col = next(i for i, (a, b) in enumerate(columns) if a <= s < b)
            out[col] = f"{out[col]} {t}".strip()
        if any(len(cell) > MAX_CELL_CHARS for cell in out):
            return None  # runs of prose with wide word gaps (justified text) that only look like columns
        rows.append(tuple(out))
    return rows


def _spaced_rows(lines: list[str]) -> list[tuple[str, ...]] | None:
    """A header and at least two rows of a label followed by the same number of figures. The header
    is the line above the rows or their first row; its cells are told apart only when its last cells
    are periods (`Region 2022 2023 2024`) or it has one word a column (`Country Sales Share`). A table
    whose header cannot be split is not read."""
    matches = [SPACED_ROW.match(line) for line in lines]
    first = 0 if matches[0] is not None else 1  # lines[0] may be the line above the rows
    widths = {len(m.group("figures").split()) for m in matches[first:] if m is not None}
    if len(widths) != 1 or any(m is None for m in matches[first:]):
        return None
    width = widths.pop()
    header = _spaced_header(lines[0].split(), width) if first == 1 else None
    if header is None:
        header = _spaced_header(lines[first].split(), width)
        first += 1
    body = [m for m in matches[first:] if m is not None]
    if header is None or len(body) < 2:
        return None
    return [header, *((m.group("label").strip(), *m.group("figures").split()) for m in body)]


def _spaced_header(words: list[str], width: int) -> tuple[str, ...] | None:
    if len(words) < width:
        return None
    heads = words[len(words) - width:]
    label = " ".join(words[:len(words) - width])
    if all(PERIOD_CELL.match(h) for h in heads) and not PERIOD_CELL.match(label or "x"):
        return (label, *heads)
    if len(words) == width + 1 and not any(any(ch.isdigit() for ch in w) for w in words):
        return tuple(words)
    return None


def _with_units_row_in_header(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """A row of units in brackets under the header (`| (US$ m) | (US$ m)`) belongs to the header."""
    if len(rows) < 3:
        return rows
    units = rows[1]
    if units[0] or not any(units) or not all(UNITS_CELL.match(c) for c in units if c):
        return rows
    header = tuple(f"{h} {u}".strip() for h, u in zip(rows[0], units, strict=True))
    return [header, *rows[2:]]


def _column_ranges(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Columns are the groups of cell spans that overlap across lines (left- or right-aligned)."""
    columns: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if columns and start < columns[-1][1]:
            columns[-1] = (columns[-1][0], max(columns[-1][1], end))
        else:
            columns.append((start, end))
    return columns


def _rectangular(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    width = max((len(r) for r in rows), default=0)
    padded = [r + ("",) * (width - len(r)) for r in rows]
    keep = [i for i in range(width) if any(r[i] for r in padded)]
    return [tuple(r[i] for i in keep) for r in padded]


def _is_spanning(row: tuple[str, ...], next_row: tuple[str, ...]) -> bool:
    filled = sum(1 for c in row if c)
    return filled * 2 < len(row) and sum(1 for c in next_row if c) > filled


def header_key(rows: tuple[tuple[str, ...], ...]) -> list[str]:
    return [" ".join(c.split()).lower() for c in rows[0] if c]


def continues_after(gap: str, header_a: list[str], header_b: list[str], spanning: set[str]) -> bool:
    """Two tables with the same header and nothing but filler between them are one table."""
    if header_a != header_b:
        return False
    filler = [g for g in gap.splitlines() if g.strip()]
    return len(filler) <= 3 and all(CONTINUED.match(g) or " ".join(g.split()).lower() in spanning for g in filler)


def _continues(previous: tuple[Table, _Block], block: _Block, text: str) -> bool:
    """A block is the next part of the previous table: same header, nothing but filler between."""
    prev, prev_block = previous
    if prev.char_end is None:
        return False
    spanning = {" ".join(s.split()).lower() for s in prev_block.spanning + block.spanning}
    gap = text[prev.char_end:block.lines[0].start]
    return continues_after(gap, header_key(prev.rows), header_key(block.rows), spanning)


# -- title, source, notes -----------------------------------------------------------------------

def _lines_before(text: str, pos: int, count: int) -> tuple[list[str], bool]:
    """The last `count` lines of `text[:pos]`, and whether they reach the start of the text."""
    start = pos
    for _ in range(count):
        if start <= 0:
            break
        start = text.rfind("\n", 0, start - 1) + 1
    return text[start:pos].splitlines(), start <= 0


def _lines_after(text: str, pos: int, count: int) -> list[str]:
    end = pos
    for _ in range(count + 1):
        end = text.find("\n", end + 1)
        if end < 0:
            end = len(text)
            break
    return text[pos:end].splitlines()


def _title(before: list[str]) -> str | None:
    """The caption or heading line just before the table (at most two blank lines above); a caption
    wrapped over several lines (as PDF text is) is joined back."""
    blanks = 0
    for index in range(len(before) - 1, -1, -1):
        stripped = _plain(before[index])
        if not stripped:
            blanks += 1
            if blanks > 2:
                return None
            continue
        if not _caption_like(before[index]):
            return None
        parts = [stripped]
        for earlier in reversed(before[max(0, index - 3):index]):
            joined = " ".join([_plain(earlier)] + parts)
            if not _plain(earlier) or not _caption_like(earlier) or stripped.endswith(":") \
                    or len(joined) > MAX_TITLE_CHARS:
                break
            parts.insert(0, _plain(earlier))
        return " ".join(parts)
    return None


def _plain(line: str) -> str:
    return " ".join(line.split()).strip("#").strip()


def _caption_like(line: str) -> bool:
    stripped = _plain(line)
    # A caption may end in figures ("Sales 2023 2024"): only one line of a spaced table is not a table.
    table_line = line_kind(line) not in (None, "spaced")
    if len(stripped) > MAX_TITLE_CHARS or table_line or SOURCE_LINE.match(stripped) or NOTE_LINE.match(stripped):
        return False
    return not (stripped.endswith((".", "?", "!")) and not stripped.endswith(("etc.", "No.")))


def _source_and_notes(after: list[str]) -> tuple[str | None, tuple[str, ...]]:
    source: str | None = None
    notes: list[str] = []
    in_notes = False
    for line in after[:60]:
        stripped = " ".join(line.split())
        if not stripped:
            continue
        if SOURCE_LINE.match(stripped) and source is None:
            source = stripped
            continue
        note = NOTE_LINE.match(stripped)
        if note and (stripped.lower().startswith(("note:", "notes:", "note", "remark")) and
                     (":" in stripped[:8] or stripped.lower() in ("note", "notes"))):
            in_notes = True
            if note.group("rest"):
                notes.append(note.group("rest"))
            continue
        if in_notes and (BULLET_LINE.match(stripped) or not notes):
            notes.append(stripped)
            continue
        break
    return source, tuple(notes)
