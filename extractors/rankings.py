"""Rankings: ranked entries from tables with a rank column and from sentences."""

from __future__ import annotations

import re

from extractors.model import Document, RankedEntry, Table

_RANK_HEADERS = {"rank", "#", "no.", "no", "ranking"}


def extract_rankings(doc: Document, tables: list[Table]) -> list[RankedEntry]:
    out: list[RankedEntry] = []
    for table in tables:
        header = [h.strip().lower() for h in table.rows[0]]
        if not header or header[0] not in _RANK_HEADERS:
            continue
        for row in table.rows[1:]:
            m = re.match(r"\d+", row[0].strip()) if row else None
            if m and len(row) > 1:
                out.append(RankedEntry(table.title or "", int(m.group()), row[1].strip(), page=table.page))
    return out
