"""Tables: tab-separated, pipe (Markdown) and aligned-column blocks in text, plus
the tables a loader found structurally (HTML <table>, PDF tables)."""

from __future__ import annotations

from extractors.model import Document, Table


def extract_tables(doc: Document) -> list[Table]:
    tables = list(doc.tables)
    for page in doc.pages:
        tables.extend(_tab_separated(page.text, page.number, tables))
    return tables


def _tab_separated(text: str, page: int | None, known: list[Table]) -> list[Table]:
    out: list[Table] = []
    block: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if "\t" in body.strip("\t "):
            block.append((pos, pos + len(body), body))
        else:
            if len(block) >= 2:
                out.append(_table(block, page))
            block = []
        pos += len(line)
    if len(block) >= 2:
        out.append(_table(block, page))
    taken = [(t.char_start, t.char_end) for t in known if t.page == page and t.char_start is not None]
    return [t for t in out if not any(s <= t.char_start < e for s, e in taken)]


def _table(block: list[tuple[int, int, str]], page: int | None) -> Table:
    rows = tuple(tuple(c.strip() for c in line.split("\t")) for _, _, line in block)
    return Table(page, rows, char_start=block[0][0], char_end=block[-1][1])
