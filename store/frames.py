"""Extractions to the contract's data frames, with stable ids and a stable row order."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pandas as pd

import schemas
from extractors.model import Extraction
from extractors.values import parse_cell
from extractors.version import EXTRACTOR_VERSION


def stable_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:20]


def documents_frame(results: list[Extraction], extracted_at: datetime | None = None) -> pd.DataFrame:
    when = extracted_at or datetime.now(UTC)
    rows = []
    for r in results:
        for name in [r.source_file, *r.also_named]:
            rows.append({
                "doc_id": r.doc_id, "source_file": name, "format": r.format, "pages": r.pages,
                "title": r.title, "publisher": r.publisher,
                "published": r.published, "status": r.status, "error": r.error,
                "n_figures": len(r.figures), "n_tables": len(r.tables), "n_rankings": len(r.rankings),
                "extracted_at": when,
            })
    return _frame(rows, "documents", ["source_file"])


def figures_frame(results: list[Extraction]) -> pd.DataFrame:
    rows = []
    for r in results:
        for f in r.figures:
            row = dict(vars(f))  # asdict's deep copy is slow, and a figure holds only plain values
            row.update(figure_id=stable_id(r.doc_id, f.page, f.char_start, f.char_end, f.metric),
                       doc_id=r.doc_id, source_file=r.source_file, extractor_version=EXTRACTOR_VERSION)
            rows.append(row)
    return _frame(rows, "figures", ["source_file", "page", "char_start", "char_end"])


def tables_frame(results: list[Extraction]) -> pd.DataFrame:
    rows = []
    for r in results:
        for t_index, t in enumerate(r.tables):
            table_id = stable_id(r.doc_id, t.page, t_index)
            for row_index, cells in enumerate(t.rows):
                for col, text in enumerate(cells):
                    value, unit = parse_cell(text) if row_index else (None, None)
                    rows.append({"table_id": table_id, "doc_id": r.doc_id, "source_file": r.source_file,
                                 "page": t.page, "title": t.title, "source": t.source, "row": row_index,
                                 "col": col, "text": text, "value": value, "unit": unit, "_t": t_index})
    frame = _frame(rows, "tables", ["source_file", "_t", "row", "col"])
    return frame


def rankings_frame(results: list[Extraction]) -> pd.DataFrame:
    rows = []
    for r in results:
        for i, e in enumerate(r.rankings):
            rows.append({"ranking_id": stable_id(r.doc_id, e.ranking, e.rank, e.entity, i), "doc_id": r.doc_id,
                         "source_file": r.source_file, "page": e.page, "ranking": e.ranking, "rank": e.rank,
                         "entity": e.entity, "value": e.value, "unit": e.unit, "year": e.year,
                         "from_sentence": e.from_sentence, "_i": i})
    return _frame(rows, "rankings", ["source_file", "_i"])


def _frame(rows: list[dict], name: str, order: list[str]) -> pd.DataFrame:
    if not rows:
        return schemas.empty(name)
    frame = pd.DataFrame(rows).sort_values(order, kind="stable", na_position="first").reset_index(drop=True)
    return schemas.validate(frame[schemas.columns(name)], name)
