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
    rows = []
    for table_id, cells in tables.groupby("table_id", sort=False):
        rows += _table_rows(str(table_id), cells, markets.get(cells["doc_id"].iloc[0], []),
                            firms.get(cells["doc_id"].iloc[0], []))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("year", "period_start", "period_end", "page"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _markets_by_document(figures: pd.DataFrame) -> dict[str, list[str]]:
    """Per document, the comparison keys of its own figures, most frequent first."""
    out: dict[str, list[str]] = {}
    if figures is None or figures.empty:
        return out
    keys = [comparison_key(subject_key(s, g, seg)) for s, g, seg in
            zip(figures["subject"], figures["geography"], figures["segment"])]
    counted = pd.DataFrame({"doc": figures["doc_id"].to_numpy(), "key": keys}).dropna()
    for doc, group in counted.groupby("doc"):
        out[doc] = group["key"].value_counts().index.tolist()
    return out


def _firms_by_document(figures: pd.DataFrame) -> dict[str, list[str]]:
    if figures is None or figures.empty or "publisher" not in figures.columns:
        return {}
    named = figures[figures["publisher"].notna()]
    return {doc: list(dict.fromkeys(group["publisher"])) for doc, group in named.groupby("doc_id")}


def _table_rows(table_id: str, cells: pd.DataFrame, markets: list[str], firms: list[str]) -> list[dict]:
    header = {int(c.col): str(c.text) for c in cells[cells["row"] == 0].itertuples()}
    body = cells[cells["row"] > 0]
    if body.empty or not header:
        return []
    title = cells["title"].iloc[0] if isinstance(cells["title"].iloc[0], str) else ""
    label_col = _label_column(body, header)
    if label_col is None:
        return []
    market = _market(title, markets)
    firm = _firm(cells["source"].iloc[0], firms)
    out = []
    for row_number, row in body.groupby("row"):
        labels = row[row["col"] == label_col]["text"]
        label = _LABEL_CLEAN.sub("", str(labels.iloc[0])).strip() if len(labels) else ""
        if not label or _OTHERS.match(label):
            continue
        for cell in row.itertuples():
            if cell.col == label_col or pd.isna(cell.value) or _RANK.search(header.get(int(cell.col), "")):
                continue
            figure = _cell_figure(table_id, cell, label, header.get(int(cell.col), ""), title, market, firm)
            if figure is not None:
                out.append(figure)
    return out


def _label_column(body: pd.DataFrame, header: dict[int, str]) -> int | None:
    """The first column whose cells are mostly text (the row labels), not a rank column."""
    for col in sorted(header):
        column = body[body["col"] == col]
        if _RANK.search(header[col]) or column.empty:
            continue
        texts = column["text"].astype(str)
        if (column["value"].isna() & texts.str.strip().ne("")).mean() >= 0.5 or texts.str.match(r"^\s*\d+\.\s").all():
            return col
        if _YEAR.search(texts.iloc[0]) or _PART.search(texts.iloc[0]):  # periods down the side
            return col
    return None


def _market(title: str, markets: list[str]) -> str:
    """The market the table is about: the document's most frequent key whose words the title holds, else
    the title's own key."""
    title_words = set((comparison_key(subject_key(title)) or "").split())
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
        if source_key(firm) and key.startswith(source_key(firm)):
            return firm
    return re.split(r"[(,;]", text)[0].strip() or None


def _cell_figure(table_id: str, cell, label: str, head: str, title: str, market: str, firm: str | None) -> dict | None:
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
    quote = str(cell.text)
    return {"figure_id": f"{TABLE_RULE}:{table_id}:{int(cell.row)}:{int(cell.col)}", "doc_id": cell.doc_id,
            "source_file": cell.source_file, "page": None if pd.isna(cell.page) else int(cell.page),
            "char_start": 0, "char_end": 0, "quote": quote,
            "sentence": f"{title} — {label} — {head}: {quote}".strip(" —"), "metric": metric, "value": value,
            "value_high": None, "unit": unit, "per": None, "qualifier": "exact", "year": years[-1],
            "period_start": years[0] if changes else None, "period_end": years[-1] if changes else None,
            "is_forecast": False, "subject": subject, "subject_key": None, "geography": None, "segment": None,
            "publisher": firm, "extractor_version": "table", "rule": TABLE_RULE, "value_low": None,
            "value_upper": None}


def _metric_unit_value(cell, measure: str, head: str, naming: str) -> tuple[str | None, str | None, float]:
    """What a cell measures, in which unit, at which scale."""
    value = float(cell.value)
    unit = cell.unit if isinstance(cell.unit, str) else None
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
