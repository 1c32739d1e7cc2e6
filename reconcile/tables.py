"""Table cells as figures the reconciler can compare: a firm's table says what its prose does.

Market reports put their key numbers in tables (vendors by shipments, share and growth; a market by
year), and firms disagree there as much as in their sentences. Each numeric cell of a table in
`tables.parquet` is read as a figure from what the table says around it:

- the row's label (the first column of text) and the column's header name the cell: an entity
  ("Apple") or a measure ("Retail Ecommerce Sales"), a year or a part of one ("2024", "4Q 2024",
  "2024/2023 Growth");
- the measure words say the metric: share -> market_share, growth or change -> growth_rate, money ->
  revenue for an entity and market_size for the whole market (a "Total" row), units -> count;
- the title or header gives the scale and unit ("in millions of units", "Millions of US Dollars", "(%)");
- an entity's subject is the entity with the market the document's own sentences name (the key
  of theirs whose words the title holds: "smartphone" for "Worldwide Smartphone Shipments");
- the "Source:" line under the table names the firm (matched to the firms the document cites).

Cells that cannot be placed (no unit, a rank column) are left out; an "Others" row is kept without a
subject (it names nothing to compare) so that a table's rows can be summed against its own "Total" row
(`totals_against_rows`, an inconsistency when they do not add up). These rows are
used for comparisons between sources and against the document's own text, never written to
figures.parquet (`rule` is `table`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import repeat

import pandas as pd

from extractors import lexicon

from reconcile.formatting import fmt_value
from reconcile.intervals import Interval
from reconcile.model import Finding, group_rows, records, relative_spread, severity_of, year_or_none
from reconcile.parallel import child_part, side_by_side
from reconcile.settings import ReconcileSettings
from reconcile.subjects import comparison_key, subject_key
from reconcile.voices import source_key

TABLE_RULE = "table"
_YEAR = re.compile(r"\b(19\d\d|20\d\d|21\d\d)\b")
_PART = re.compile(r"\b(?:[1-4]q|q[1-4]|h[12])\b", re.I)
_RANK = re.compile(r"\brank\b|^\s*(?:#|no\.?|position)\s*$", re.I)
_SHARE = re.compile(r"\bshares?\b|% of\b", re.I)
_GROWTH = re.compile(r"\b(?:growth|change|chg|yoy|y/y|increase|decline)\b", re.I)
_MONEY = re.compile(r"\b(?:u\.?s\.? dollars?|usd|dollars?)\b|\$", re.I)
_COUNTED = re.compile(r"\b(?:units?|shipments?|shipped|deliveries|sold|vehicles?)\b", re.I)
_SCALES = [(re.compile(r"\bbillions?\b|\bbn\b", re.I), 1e9), (re.compile(r"\bmillions?\b|\bmn\b", re.I), 1e6),
           (re.compile(r"\bthousands?\b", re.I), 1e3)]
_TOTAL = re.compile(r"^\s*(?:total(?: market)?|all|worldwide|global|market total)\s*$", re.I)
_OTHERS = re.compile(r"^\s*others?\b", re.I)
_SPACED_THOUSANDS = re.compile(r"^\s*\d{1,3}(?:,\s?\d{3})+(?:\.\d+)?\s*$")  # "1, 359": a table read with a gap
_LABEL_CLEAN = re.compile(r"^\s*\d+[.)]\s*|[*†‡]+\s*$")
COLUMNS = ["figure_id", "doc_id", "source_file", "page", "char_start", "char_end", "quote", "sentence", "metric",
           "value", "value_high", "unit", "per", "qualifier", "year", "period_start", "period_end", "is_forecast",
           "subject", "subject_key", "geography", "segment", "publisher", "extractor_version", "rule",
           "value_low", "value_upper"]


def table_figures(tables: pd.DataFrame | None, figures: pd.DataFrame) -> pd.DataFrame:
    """Figure rows (the figures' columns, `rule` = `table`) for the numeric cells of `tables`; `figures`
    are the documents' own figures, whose subjects and cited firms name the tables' markets and sources.
    A cell is read from its own document's tables and figures alone, so a large corpus's documents are read
    in two parts at once, on two cores (`reconcile.parallel`)."""
    if tables is None or tables.empty:
        return pd.DataFrame(columns=COLUMNS)
    later = child_part(tables["doc_id"].tolist())
    if later is not None:
        first, second = side_by_side(lambda: _cell_rows(tables[~later], figures),
                                     lambda: _cell_rows(tables[later], figures))
        rows = first + second
    else:
        rows = _cell_rows(tables, figures)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("year", "period_start", "period_end", "page"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _cell_rows(tables: pd.DataFrame, figures: pd.DataFrame) -> list[dict]:
    """The figure rows of `table_figures`, as dicts."""
    if figures is not None and not figures.empty:  # only the documents with a table name a table's market
        read = [c for c in ("doc_id", "subject", "geography", "segment", "publisher") if c in figures.columns]
        figures = figures.loc[figures["doc_id"].isin(set(_values(tables["doc_id"]))).to_numpy(), read]
    markets = _markets_by_document(figures)
    firms = _firms_by_document(figures)
    by_table: dict[str, list[dict]] = {}
    names = ["table_id", "doc_id", "source_file", "page", "title", "source", "row", "col", "text", "value", "unit"]
    columns = [_values(tables[name]) for name in names]  # plain values: a corpus has 100,000s of cells
    texts, values = columns[names.index("text")], columns[names.index("value")]
    for i, (text, value) in enumerate(zip(texts, values)):
        if (value is None or value != value) and isinstance(text, str) and _SPACED_THOUSANDS.match(text):
            values[i] = float(re.sub(r"[,\s]", "", text))
    table_names: dict = {}  # str() of each distinct table id
    for cell in map(dict, map(zip, repeat(names), zip(*columns))):  # {name: value} per cell, built at C speed
        table_id = cell["table_id"]
        name = table_names.get(table_id)
        if name is None:
            name = table_names[table_id] = str(table_id)
        by_table.setdefault(name, []).append(cell)
    rows = []
    vocabularies: dict[str, _Markets] = {}  # per document, read once for all its tables
    for table_id, cells in by_table.items():
        doc_id = cells[0]["doc_id"]
        if doc_id not in vocabularies:
            vocabularies[doc_id] = _Markets.of(markets.get(doc_id, []))
        rows += _table_rows(table_id, cells, vocabularies[doc_id], firms.get(doc_id, []))
    return rows


def _values(column: pd.Series) -> list:
    """A column's values as Python objects, missing ones as None (fast for Arrow-backed strings too)."""
    values = column.to_numpy(dtype=object, copy=True)  # a copy: an object column would be written through
    values[column.isna().to_numpy()] = None  # NaN, NA and None alike, read from the column's own mask
    return values.tolist()


def _markets_by_document(figures: pd.DataFrame) -> dict[str, list[str]]:
    """Per document, the comparison keys of its own figures, most frequent first."""
    if figures is None or figures.empty:
        return {}
    keyed: dict[tuple, str | None] = {}
    counts: dict[str, dict[str, int]] = {}
    for doc, *triple in zip(*(_values(figures[c]) for c in ("doc_id", "subject", "geography", "segment"))):
        key = tuple(triple)
        if key not in keyed:
            keyed[key] = comparison_key(subject_key(*key))
        market = keyed[key]
        if market:
            counted = counts.setdefault(doc, {})
            counted[market] = counted.get(market, 0) + 1
    return {doc: sorted(counted, key=lambda k: (-counted[k], k)) for doc, counted in counts.items()}


def _firms_by_document(figures: pd.DataFrame) -> dict[str, list[str]]:
    if figures is None or figures.empty or "publisher" not in figures.columns:
        return {}
    out: dict[str, list[str]] = {}
    for doc, firm in zip(_values(figures["doc_id"]), _values(figures["publisher"])):
        if isinstance(firm, str) and firm not in out.setdefault(doc, []):
            out[doc].append(firm)
    return out


def _text(cell: dict) -> str:
    return "" if cell["text"] is None or (isinstance(cell["text"], float) and cell["text"] != cell["text"]) \
        else str(cell["text"])


def _number(cell: dict) -> bool:
    value = cell["value"]
    return value is not None and value == value


@dataclass(frozen=True)
class _Markets:
    """A document's market keys, most frequent first, with each key's words and all their words."""
    keys: list[str]
    words: list[set[str]]
    said: set[str]

    @classmethod
    def of(cls, keys: list[str]) -> _Markets:
        words = [set(key.split()) for key in keys]
        return cls(keys, words, set().union(*words))


def _table_rows(table_id: str, cells: list[dict], markets: _Markets, firms: list[str]) -> list[dict]:
    header = {int(c["col"]): _text(c) for c in cells if c["row"] == 0}
    body: dict[int, list[dict]] = {}
    for c in cells:
        if c["row"] > 0:
            body.setdefault(int(c["row"]), []).append(c)
    if not body or not header:
        return []
    title = cells[0]["title"] if isinstance(cells[0]["title"], str) else ""
    label_col = _label_column(body, header)
    if label_col is None:
        return []
    firm = _firm(cells[0]["source"], firms)
    market = _market(title, markets, firm)
    ranks = {col for col, head in header.items() if _RANK.search(head)}  # a column without a header is no rank
    out = []
    for row in body.values():
        labels = [c for c in row if c["col"] == label_col]
        label = _LABEL_CLEAN.sub("", _text(labels[0])).strip() if labels else ""
        if not label:
            continue
        others = _OTHERS.match(label)
        for cell in row:
            col = int(cell["col"])
            if cell["col"] == label_col or not _number(cell) or col in ranks:
                continue
            figure = _cell_figure(table_id, cell, label, header.get(col, ""), title, market, firm)
            if figure is not None and others:  # a part of the total only: names nothing to compare
                figure.update(subject=None, segment=None)
            if figure is not None:
                out.append(figure)
    return out


def _label_column(body: dict[int, list[dict]], header: dict[int, str]) -> int | None:
    """The first column whose cells are mostly text (the row labels), not a rank column; or one of
    years or quarters down the side."""
    by_col: dict = {}  # each column's cells, in row order
    for row in body.values():
        for c in row:
            by_col.setdefault(c["col"], []).append(c)
    for col in sorted(header):
        if _RANK.search(header[col]):
            continue
        column = by_col.get(col, [])
        if not column:
            continue
        texts = [_text(c).strip() for c in column]
        wordy = sum(1 for c, t in zip(column, texts) if not _number(c) and t) / len(column)
        if wordy >= 0.5 or all(re.match(r"^\d+\.\s", t) for t in texts):
            return col
        if _YEAR.search(texts[0]) or _PART.search(texts[0]):
            return col
    return None


def _market(title: str, markets: _Markets, firm: str | None) -> str:
    """The market the table is about: the document's most frequent key whose words the title holds, else
    the title's words that the document's keys use too (else all of them), without the firm's name."""
    title_words = set((comparison_key(subject_key(title), firm) or "").split())
    for key, words in zip(markets.keys, markets.words):
        if words <= title_words:
            return key
    said = markets.said  # a title's own words ("Snapshot") name no market
    return " ".join(sorted(title_words & said if title_words & said else title_words))


def _firm(source_line: object, firms: list[str]) -> str | None:
    """The firm a "Source:" line names: one the document cites whose name starts it, else its first name."""
    if not isinstance(source_line, str) or not source_line.strip():
        return None
    text = re.sub(r"^\s*sources?\s*:\s*", "", source_line, flags=re.I)
    key = source_key(text) or ""
    for firm in firms:
        firm_key = source_key(firm)
        if firm_key and key.startswith(firm_key):
            return firm
    return re.split(r"[(,;]", text)[0].strip() or None


def _cell_figure(table_id: str, cell: dict, label: str, head: str, title: str, market: str,
                 firm: str | None) -> dict | None:
    periods_down = bool(_YEAR.fullmatch(label.split(" (")[0].strip()) or _PART.search(label))
    timing = label if periods_down else head
    naming = head if periods_down else label
    years = sorted({int(y) for y in _YEAR.findall(timing)}) or sorted({int(y) for y in _YEAR.findall(title)})[-1:]
    if not years:
        return None
    measure = f"{head} {label} {title}"
    metric, unit, value = _metric_unit_value(cell, measure, head, naming)
    if metric is None:
        return None
    part = _PART.search(timing)
    is_total = bool(_TOTAL.match(naming))
    if metric == "revenue" and is_total:
        metric = "market_size"
    subject = market if is_total else f"{naming} {market}".strip()
    if part:  # the part of the year, which the subject names for comparison (`year_parts.period_marker`)
        subject = f"{subject} {part[0]}"
    changes = metric == "growth_rate" and len(years) == 2
    quote = _text(cell)
    page = cell["page"]
    return {"figure_id": f"{TABLE_RULE}:{table_id}:{int(cell['row'])}:{int(cell['col'])}", "doc_id": cell["doc_id"],
            "source_file": cell["source_file"], "page": None if page is None or pd.isna(page) else int(page),
            "char_start": 0, "char_end": 0, "quote": quote,
            "sentence": f"{title} — {label} — {head}: {quote}".strip(" —"), "metric": metric, "value": value,
            "value_high": None, "unit": unit, "per": None, "qualifier": "exact", "year": years[-1],
            "period_start": years[0] if changes else None, "period_end": years[-1] if changes else None,
            "is_forecast": False, "subject": subject, "subject_key": None, "geography": None, "segment": None,
            "publisher": firm, "extractor_version": "table", "rule": TABLE_RULE, "value_low": None,
            "value_upper": None}


def _metric_unit_value(cell: dict, measure: str, head: str, naming: str) -> tuple[str | None, str | None, float]:
    """What a cell measures, in which unit, at which scale."""
    value = float(cell["value"])
    unit = cell["unit"] if isinstance(cell["unit"], str) else None
    named = f"{head} {naming}"
    if _GROWTH.search(named):
        return "growth_rate", "percent", value
    if _SHARE.search(named) or (unit == "percent" and _SHARE.search(measure) and not _GROWTH.search(measure)):
        return "market_share", "percent", value
    if unit == "percent" or "(%)" in head:
        return "other_percent", "percent", value
    if re.search(r"\bper\b|/", head):  # a price per something: its unit is not read here
        return None, None, value
    scale = 1.0
    if unit is None:
        scale = next((factor for pattern, factor in _SCALES if pattern.search(measure)), 1.0)
        unit = lexicon.BARE_DOLLAR if _MONEY.search(measure) else ("unit" if _COUNTED.search(measure) else None)
    if unit is None:
        return None, None, value
    if unit == "unit":
        return "count", unit, value * scale
    return ("revenue" if len(unit) == 3 and unit.isupper() else "other"), unit, value * scale


TABLE_TOTAL = "table_total"


def totals_against_rows(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """A table whose rows (an "Others" row included) do not add up to its own "Total" row in a column of
    amounts, beyond the rounding of every printed cell: the document disagrees with itself. A column
    is summed only when every body row of its table gives it a number (a cell that could not be read
    would make the parts short)."""
    if figures is None or figures.empty:
        return []
    cells = [r for r in records(figures) if r.rule == TABLE_RULE and r.unit != "percent"]
    found = []
    for table in group_rows(cells, lambda r: r.figure_id.rsplit(":", 2)[0]).values():
        body_rows = {r.figure_id.rsplit(":", 2)[1] for r in table}
        for column in group_rows(table, lambda r: r.figure_id.rsplit(":", 1)[1]).values():
            totals = [r for r in column if _TOTAL.match(_row_label(r))]
            parts = [r for r in column if r not in totals]
            if len(totals) != 1 or len(parts) < 2 or len(column) != len(body_rows):
                continue
            summed = Interval(0.0, 0.0)
            for r in parts:
                summed = summed + r.cmp_exact
            total = totals[0]
            if not summed.overlaps(total.cmp_exact):
                found.append(_total_finding(total, parts, summed, settings))
    return found


def _row_label(cell) -> str:
    """A cell's row label, from the sentence `_cell_figure` writes ("title — label — head: value")."""
    parts = str(cell.sentence).rsplit(" — ", 2)
    return parts[1] if len(parts) == 3 else ""


def _total_finding(total, parts: list, summed: Interval, settings: ReconcileSettings) -> Finding:
    added = summed.low + (summed.high - summed.low) / 2
    spread = relative_spread([added, total.value])
    title, label, head = str(total.sentence).rsplit(" — ", 2)
    explanation = (f"{total.source_file}'s table \"{title}\", column {head.rsplit(':', 1)[0]}: its {len(parts)} rows "
                   f"add up to {fmt_value(added, total.unit)}, but its {label} row says {total.quote} "
                   f"({fmt_value(total.value, total.unit)}), {spread:.1%} apart beyond the rounding of each cell.")
    finding = Finding(kind="inconsistency", check=TABLE_TOTAL, severity=severity_of(spread, settings),
                      explanation=explanation, subject_key=total.cmp_label, metric=total.metric,
                      year=year_or_none(total.year), figure_ids=[r.figure_id for r in [total, *parts]],
                      doc_ids=[total.doc_id], values=[float(r.value) for r in [total, *parts]])
    return finding
