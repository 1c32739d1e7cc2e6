"""HTML reports as text, with every <table> kept as a `Table`.

Block elements become line breaks; scripts and styles are dropped; each table
is written into the text as tab-separated lines (so sentences around it read
naturally) and also returned as a `Table` whose span covers those lines.
Cells spanning several columns or rows are laid out on the grid they cover, and
a header printed over two rows ("Shipments" over "2023 | 2024") is one header
row whose cells say both ("Shipments 2023").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from html.parser import HTMLParser

from extractors import deadline
from extractors.model import Table

_FEED_CHUNK = 1 << 20  # characters per parser.feed(), with a time-limit check between

_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "header", "footer", "tr", "table", "caption", "blockquote", "pre", "hr", "title", "dt", "dd",
}
_SKIP = {"script", "style", "noscript", "template", "head"}
_MAX_SPAN = 100  # a colspan or rowspan larger than this is a layout trick, not a table's shape


@dataclass(frozen=True)
class _Cell:
    text: str
    columns: int
    rows: int
    heading: bool  # a <th>, or any cell of a <thead>


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    value = dict(attrs).get(name) or "1"
    return min(_MAX_SPAN, max(1, int(value))) if value.strip().isdigit() else 1


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip_depth = 0
        self.tables: list[dict] = []  # stack of tables being read
        self.done: list[tuple[list[list[str]], str | None]] = []

    # -- text ---------------------------------------------------------------
    def _emit(self, text: str) -> None:
        if self.tables:
            table = self.tables[-1]
            if table["cell"] is not None:
                table["cell"].append(text)
            elif table["in_caption"]:
                table["caption"].append(text)
            return
        self.out.append(text)

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self._emit(data)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
        elif self.skip_depth:
            return
        elif tag == "table":
            self.tables.append({"rows": [], "row": None, "cell": None, "caption": [], "in_caption": False,
                                "in_head": False})
        elif self.tables and tag == "thead":
            self.tables[-1]["in_head"] = True
        elif self.tables and tag == "tr":
            self.tables[-1]["row"] = []
        elif self.tables and tag in ("td", "th"):
            table = self.tables[-1]
            if table["row"] is None:
                table["row"] = []
            table["cell"] = []
            table["spans"] = (_span(attrs, "colspan"), _span(attrs, "rowspan"), tag == "th" or table["in_head"])
        elif self.tables and tag == "caption":
            self.tables[-1]["in_caption"] = True
        elif tag in _BLOCKS:
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif self.skip_depth:
            return
        elif tag == "table" and self.tables:
            table = self.tables.pop()
            self._close_row(table)
            caption = " ".join("".join(table["caption"]).split()) or None
            self.done.append((_grid(table["rows"]), caption))
            self.out.append(f"\x00TABLE{len(self.done) - 1}\x00")
        elif self.tables and tag in ("td", "th"):
            table = self.tables[-1]
            if table["cell"] is not None and table["row"] is not None:
                table["row"].append(_Cell(" ".join("".join(table["cell"]).split()), *table["spans"]))
            table["cell"] = None
        elif self.tables and tag == "thead":
            self.tables[-1]["in_head"] = False
        elif self.tables and tag == "tr":
            self._close_row(self.tables[-1])
        elif self.tables and tag == "caption":
            self.tables[-1]["in_caption"] = False
        elif tag in _BLOCKS:
            self._emit("\n")

    @staticmethod
    def _close_row(table: dict) -> None:
        if table["row"]:
            table["rows"].append(table["row"])
        table["row"] = None


def _grid(rows: list[list[_Cell]]) -> list[list[str]]:
    """The table's cells on the grid they cover. A heading spanning columns is written over each of
    them and a cell spanning rows in the first of them only (its text said once); the heading rows at
    the top become one header row."""
    grid: list[dict[int, str]] = []
    heading_rows: list[bool] = []
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        grid.append({})
        col = 0
        for cell in row:
            while (r, col) in taken:
                col += 1
            for dr in range(cell.rows):
                for dc in range(cell.columns):
                    taken.add((r + dr, col + dc))
            for dc in range(cell.columns if cell.heading else 1):
                grid[r][col + dc] = cell.text
            col += cell.columns
        heading_rows.append(bool(row) and all(cell.heading for cell in row))
    width = max((max(g, default=-1) + 1 for g in grid), default=0)
    cells = [[g.get(c, "") for c in range(width)] for g in grid]
    top = 0
    while top < len(cells) and heading_rows[top]:
        top += 1
    if not 2 <= top <= 3 or top == len(cells):  # a table of headings only is not read as a header
        return cells
    header = [" ".join(dict.fromkeys(row[c] for row in cells[:top] if row[c])) for c in range(width)]
    return [header, *cells[top:]]


def html_to_text(markup: str) -> tuple[str, list[Table]]:
    """Visible text of an HTML page and its tables (spans index the returned text)."""
    parser = _Collector()
    for start in range(0, len(markup), _FEED_CHUNK):
        parser.feed(markup[start:start + _FEED_CHUNK])
        deadline.check()
    parser.close()
    parts: list[str] = []
    length = 0
    tables: list[Table] = []
    for chunk in parser.out:
        if chunk.startswith("\x00TABLE"):
            rows, caption = parser.done[int(chunk.strip("\x00")[5:])]
            width = max((len(r) for r in rows), default=0)
            if not any(cell for row in rows for cell in row):
                continue  # an empty table carries nothing (and its lines would read as blank)
            rows = [r + [""] * (width - len(r)) for r in rows]
            ends_line = not parts or parts[-1].endswith("\n")
            lead = ("" if ends_line else "\n") + (caption + "\n" if caption else "")
            body = "\n".join("\t".join(r) for r in rows)
            start = length + len(lead)
            tables.append(Table(None, tuple(tuple(r) for r in rows), title=caption, char_start=start,
                                char_end=start + len(body)))
            chunk = lead + body + "\n"
        elif not chunk:
            continue
        parts.append(chunk)
        length += len(chunk)
    return _tidy("".join(parts), tables)


def _tidy(text: str, tables: list[Table]) -> tuple[str, list[Table]]:
    """Collapse runs of blank lines, keeping table spans right."""
    out: list[str] = []
    old_starts: list[int] = []  # where each line began in `text` ...
    new_starts: list[int] = []  # ... and where the tidy text was at that point
    blank_run = 0
    pos = length = 0
    for line in text.splitlines(keepends=True):
        is_blank = not line.strip()
        blank_run = blank_run + 1 if is_blank else 0
        old_starts.append(pos)
        new_starts.append(length)
        if blank_run <= 1:
            kept = line if not is_blank else "\n"
            out.append(kept)
            length += len(kept)
        pos += len(line)
    tidy = "".join(out)

    def moved(offset: int | None) -> int | None:
        if offset is None:
            return None
        i = bisect.bisect_right(old_starts, offset) - 1
        return offset if i < 0 else new_starts[i] + (offset - old_starts[i])

    fixed = [Table(t.page, t.rows, t.title, t.source, t.notes, moved(t.char_start), moved(t.char_end)) for t in tables]
    return (tidy, fixed) if tidy.strip() else ("", fixed)
