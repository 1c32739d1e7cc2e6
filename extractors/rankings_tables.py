"""Rankings from tables: a table with a rank column, or whose names are numbered ("1. Apple").

A table ranking is named by the table's title (so two tables are never merged); its entity is the most
specific name column (Model before Company). A table with two rank columns ("2024 Rank", "2023 Rank") holds
two rankings, each measured by the first column of its year ("2024 Revenue"). Otherwise the value is the
last numeric column that is not a change ("Growth (%)", "YoY"), with its unit and scale from the cell, the
column header or the table's title ("(Millions of US Dollars)").
"""

from __future__ import annotations

import re

from extractors import lexicon
from extractors.model import RankedEntry, Table
from extractors.values import CURRENCIES, SCALES, parse_cell

RANK_HEADERS = {"rank", "#", "no.", "no", "ranking", "position", "pos.", "place"}
RANK_HEADER = re.compile(r"^(?:(?P<year>19[5-9]\d|20\d\d)\s+)?(?:rank|ranking|position)"
                         r"(?:\s+(?P<year2>19[5-9]\d|20\d\d))?$")
ENTITY_HEADERS = (("model", "product", "name", "brand", "app"),
                  ("company", "vendor", "player", "firm", "manufacturer", "entity", "organization",
                   "organisation", "lab", "team", "country", "segment"))
# Columns that describe a ranked name rather than name it.
ATTRIBUTE_HEADERS = ("headquarters", "hq", "location", "type", "category", "sector", "industry", "owner", "parent",
                     "note", "notes", "description", "comment", "comments")
RANK_CELL = re.compile(r"^\s*(?:no\.?\s*|#\s*)?[T=]?\s*(?P<rank>\d{1,4})\s*=?\s*(?:st|nd|rd|th)?\.?\s*$", re.IGNORECASE)
NUMBERED_NAME = re.compile(r"^\s*(?P<rank>\d{1,3})[.)]\s+(?P<name>\S.*?)\s*\**\s*$")
CHANGE_HEADER = re.compile(r"\b(?:growth|change|cagr|yoy|y/y|increase|decrease|vs\.?)\b|[-–/]\s*(?:19|20)\d\d\b")
YEAR = re.compile(rf"\b{lexicon.RECENT_YEAR_DIGITS}\b(?![-–]\d)")
AS_OF_YEAR = re.compile(rf"\bas of\b[^.;]{{0,40}}?\b(?P<year>{lexicon.RECENT_YEAR_DIGITS})\b", re.IGNORECASE)
HEADER_WORD = re.compile(r"[A-Za-z]+")
RANKED_BY = re.compile(r"\b(?:by|in\sterms\sof)\s(?P<what>[A-Za-z][\w\s-]{2,40}?)(?:,|\(|$|\s(?:in|for|as\sof)\b)")
PARENTHETICAL = re.compile(r"\(([^()]*)\)")


def table_rankings(table: Table, number: int) -> list[RankedEntry]:
    if len(table.rows) < 2:
        return []
    header = [" ".join(h.split()).lower() for h in table.rows[0]]
    body = [r for r in table.rows[1:] if len(r) == len(header)]
    rank_cols = _rank_columns(header)
    if not rank_cols:
        return _numbered_entries(table, header, body, number)
    entity_col = _entity_column(header, body, set(rank_cols))
    if entity_col is None:
        return []
    name = table.title or f"Ranking table {number} ({', '.join(h for h in table.rows[0] if h)})"
    out = []
    for index, rank_col in enumerate(rank_cols):
        measure_col = _measure_column(header, body, {*rank_cols, entity_col}, _header_year(header[rank_col]),
                                      by=_ranked_by(table.title or ""))
        # the rank column's year, else the title's, else the year of the column ranked by ("Rooms 2023")
        year = _header_year(header[rank_col]) or _table_year(table) \
            or (_header_year(header[measure_col]) if measure_col is not None else None)
        title = name if index == 0 else f"{name} ({table.rows[0][rank_col]})"
        for row in body:
            m = RANK_CELL.match(row[rank_col])
            if m and row[entity_col].strip():
                value, unit = _value(row, measure_col, table)
                out.append(RankedEntry(title, int(m.group("rank")), row[entity_col].strip(), value, unit, year,
                                       page=table.page, char_start=table.char_start, char_end=table.char_end))
    return out


def _rank_columns(header: list[str]) -> list[int]:
    return [i for i, h in enumerate(header) if h in RANK_HEADERS or RANK_HEADER.match(h)]


def _header_year(header: str) -> int | None:
    years = YEAR.findall(header)
    return int(years[0]) if len(years) == 1 else None


def _numbered_entries(table: Table, header: list[str], body: list[tuple[str, ...]], number: int) -> list[RankedEntry]:
    """A name column whose names carry their rank ("1. Apple", "4. OPPO*"): every ranked row is numbered."""
    entity_col = _entity_column(header, body, set())
    if entity_col is None:
        return []
    numbered = [(NUMBERED_NAME.match(r[entity_col]), r) for r in body]
    ranked = [(m, r) for m, r in numbered if m]
    if len(ranked) < 2 or len(ranked) * 2 < len(body):
        return []
    measure_col = _measure_column(header, body, {entity_col}, _table_year(table), first=True)
    name = table.title or f"Ranking table {number} ({', '.join(h for h in table.rows[0] if h)})"
    out = []
    for m, row in ranked:
        value, unit = _value(row, measure_col, table)
        out.append(RankedEntry(name, int(m.group("rank")), m.group("name").rstrip("*† "), value, unit,
                               _table_year(table), page=table.page, char_start=table.char_start,
                               char_end=table.char_end))
    return out


def _entity_column(header: list[str], body: list[tuple[str, ...]], taken: set[int]) -> int | None:
    """The ranked names: a column headed as products, else the text column right after a rank column ("Rank |
    Drug | Company": the drugs are ranked, the company is about them), else one headed as firms, else the first."""
    text_cols = [i for i in range(len(header)) if i not in taken and _mostly_text(body, i)]
    products, firms = ENTITY_HEADERS
    for i in text_cols:
        if any(n in HEADER_WORD.findall(header[i]) for n in products):
            return i
    after_rank = [i for i in text_cols if i - 1 in taken]
    if after_rank and not any(n in HEADER_WORD.findall(header[after_rank[0]]) for n in ATTRIBUTE_HEADERS):
        return after_rank[0]
    for i in text_cols:
        if any(n in HEADER_WORD.findall(header[i]) for n in firms):
            return i
    return text_cols[0] if text_cols else None


def _mostly_text(body: list[tuple[str, ...]], col: int) -> bool:
    cells = [r[col] for r in body if r[col].strip()]
    return bool(cells) and sum(parse_cell(c)[0] is None for c in cells) * 2 > len(cells)


def _ranked_by(title: str) -> set[str]:
    """The words of what a title says its ranking is by: "Coffee chains by store count, 2023" -> store, count."""
    m = RANKED_BY.search(title)
    return {w.lower().rstrip("s") for w in HEADER_WORD.findall(m.group("what"))} if m else set()


def _measure_column(header: list[str], body: list[tuple[str, ...]], taken: set[int], year: int | None,
                    first: bool = False, by: set[str] | frozenset[str] = frozenset()) -> int | None:
    """The column a ranking is by: of its year's columns the first; else the last numeric one (the first
    for a numbered list, whose later columns are other years); never a change column."""
    numeric = [i for i in range(len(header)) if i not in taken and not _mostly_text(body, i)
               and any(r[i].strip() for r in body)]
    levels = [i for i in numeric if not CHANGE_HEADER.search(header[i])] or numeric
    of_year = [i for i in levels if year is not None and _header_year(header[i]) == year]
    if of_year:
        return of_year[0]
    named = [i for i in levels if by & {w.lower().rstrip("s") for w in HEADER_WORD.findall(header[i])}]
    if named:  # the column the title says the ranking is by
        return named[0]
    if not levels:
        return None
    return levels[0] if first else levels[-1]


def _value(row: tuple[str, ...], col: int | None, table: Table) -> tuple[float | None, str | None]:
    return _measure(row[col], table.rows[0][col], table.title or "") if col is not None else (None, None)


def _measure(cell: str, header: str, title: str = "") -> tuple[float | None, str | None]:
    """The cell's number, scaled and labelled by its column header where the cell itself says nothing, and by
    the unit note in the table's title ("(Millions of US Dollars)") where the header says nothing either."""
    value, unit = parse_cell(cell)
    if value is None or unit is not None:
        return value, unit
    words = _unit_words(header)
    lowered = [w.lower() for w in words]
    if "%" in header or "percent" in lowered or "share" in lowered:
        return value, "percent"
    if not any(_unit_word(w) for w in lowered):
        notes = [w for note in PARENTHETICAL.findall(title) for w in _unit_words(note)]
        if any(_unit_word(w.lower()) for w in notes):
            words, lowered = words + notes, lowered + [w.lower() for w in notes]
    scale = next((SCALES[w.rstrip("s")] for w in lowered if w.rstrip("s") in SCALES and len(w) > 1), 1.0)
    currency = next((CURRENCIES.get(w) or lexicon.CURRENCY_NAMES[w] for w in lowered
                     if w in CURRENCIES or w in ("dollar", "dollars")),
                    None)
    if currency:
        # beside a currency a letter is its scale ("Revenue (US$ m)", "€bn"); alone it may be metres
        scale = next((SCALES[w] for w in lowered if w in MONEY_SCALE_LETTERS), scale)
        return value * scale, currency
    if not words:
        return value, None
    last = words[-1]
    return value * scale, last if last.isupper() and len(last) > 1 else last.lower()


MONEY_SCALE_LETTERS = ("k", "m", "b")


def _unit_word(word: str) -> bool:
    return word.rstrip("s") in SCALES and len(word) > 1 or word in CURRENCIES or word in ("dollar", "dollars")


def _unit_words(text: str) -> list[str]:
    return HEADER_WORD.findall(text.replace("US$", " usd ").replace("$", " usd ").replace("US Dollars", " usd "))


def _table_year(table: Table) -> int | None:
    years = YEAR.findall(table.title or "")
    if years:
        return int(years[-1])
    for note in table.notes:
        m = AS_OF_YEAR.search(note)
        if m:
            return int(m.group("year"))
    return None
