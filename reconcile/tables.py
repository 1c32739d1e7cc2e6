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

Cells that cannot be placed (no unit, an "Others" row, a rank column) are left out. These rows are
used for comparisons between sources and against the document's own text, never written to
figures.parquet (`rule` is `table`).
"""

from __future__ import annotations

import re

import pandas as pd

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
_LABEL_CLEAN = re.compile(r"^\s*\d+[.)]\s*|[*†‡]+\s*$")
COLUMNS = ["figure_id", "doc_id", "source_file", "page", "char_start", "char_end", "quote", "sentence", "metric",
           "value", "value_high", "unit", "per", "qualifier", "year", "period_start", "period_end", "is_forecast",
           "subject", "subject_key", "geography", "segment", "publisher", "extractor_version", "rule",
           "value_low", "value_upper"]


def table_figures(tables: pd.DataFrame | None, figures: pd.DataFrame) -> pd.DataFrame:
    """Figure rows (the figures' columns, `rule` = `table`) for the numeric cells of `tables`; `figures`
    are the documents' own figures, whose subjects and cited firms name the tables' markets and sources."""
    if tables is None or tables.empty:
        return pd.DataFrame(columns=COLUMNS)
    markets = _markets_by_document(figures)
    firms = _firms_by_document(figures)
    by_table: dict[str, list[dict]] = {}
    names = ["table_id", "doc_id", "source_file", "page", "title", "source", "row", "col", "text", "value", "unit"]
    columns = [_values(tables[name]) for name in names]  # plain values: a corpus has 100,000s of cells
    for values in zip(*columns):
        cell = dict(zip(names, values))
        by_table.setdefault(str(cell["table_id"]), []).append(cell)
    rows = []
    for table_id, cells in by_table.items():
        doc_id = cells[0]["doc_id"]
        rows += _table_rows(table_id, cells, markets.get(doc_id, []), firms.get(doc_id, []))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("year", "period_start", "period_end", "page"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _values(column: pd.Series) -> list:
    """A column's values as Python objects, missing ones as None (fast for Arrow-backed strings too)."""
    return [None if v is None or v is pd.NA or v != v else v for v in column.to_numpy(dtype=object)]


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


def _table_rows(table_id: str, cells: list[dict], markets: list[str], firms: list[str]) -> list[dict]:
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
    out = []
    for row in body.values():
        labels = [c for c in row if c["col"] == label_col]
        label = _LABEL_CLEAN.sub("", _text(labels[0])).strip() if labels else ""
        if not label or _OTHERS.match(label):
            continue
        for cell in row:
            head = header.get(int(cell["col"]), "")
            if cell["col"] == label_col or not _number(cell) or _RANK.search(head):
                continue
            figure = _cell_figure(table_id, cell, label, head, title, market, firm)
            if figure is not None:
                out.append(figure)
    return out


def _label_column(body: dict[int, list[dict]], header: dict[int, str]) -> int | None:
    """The first column whose cells are mostly text (the row labels), not a rank column; or one of
    years or quarters down the side."""
    for col in sorted(header):
        if _RANK.search(header[col]):
            continue
        column = [c for row in body.values() for c in row if c["col"] == col]
        if not column:
            continue
        texts = [_text(c).strip() for c in column]
        wordy = sum(1 for c, t in zip(column, texts) if not _number(c) and t) / len(column)
        if wordy >= 0.5 or all(re.match(r"^\d+\.\s", t) for t in texts):
            return col
        if _YEAR.search(texts[0]) or _PART.search(texts[0]):
            return col
    return None


def _market(title: str, markets: list[str], firm: str | None) -> str:
    """The market the table is about: the document's most frequent key whose words the title holds, else
    the title's own key (without the firm's name)."""
    title_words = set((comparison_key(subject_key(title), firm) or "").split())
    for key in markets:
        if set(key.split()) <= title_words:
            return key
    return " ".join(sorted(title_words))


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
    if part:  # the part of the year, which the subject names for comparison (`subjects.period_marker`)
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
        unit = "USD" if _MONEY.search(measure) else ("unit" if _COUNTED.search(measure) else None)
    if unit is None:
        return None, None, value
    if unit == "unit":
        return "count", unit, value * scale
    return ("revenue" if len(unit) == 3 and unit.isupper() else "other"), unit, value * scale
