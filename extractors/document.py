"""One report in, everything it yields out: the unit of work of the flow."""

from __future__ import annotations

from pathlib import Path

from extractors import deadline, loaders
from extractors.errors import Code, DocumentError
from extractors.figures import extract_figures
from extractors.model import Document, Extraction
from extractors.rankings import extract_rankings
from extractors.tables import extract_tables

DEFAULT_TIME_LIMIT = 300.0  # seconds per document


def extract_document(path: Path, raw_dir: Path, time_limit: float | None = DEFAULT_TIME_LIMIT) -> Extraction:
    """Load and extract one file; a file that cannot be read yields a failed `Extraction`."""
    name = loaders.relative_name(path, raw_dir)
    fmt = loaders.file_format(path)
    data = b""
    with deadline.time_limit(time_limit):
        try:
            data = loaders.read_bytes(path, raw_dir)
            doc = loaders.load(path, raw_dir, data)
        except DocumentError as exc:
            doc_id = loaders.doc_id_of(data or name.encode())
            return Extraction(doc_id, name, fmt, status=exc.status, error=exc.reason)
        try:
            return extract(doc)
        except DocumentError as exc:
            return Extraction(doc.doc_id, name, fmt, pages=len(doc.pages), title=doc.title, status=exc.status,
                              error=exc.reason)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            return Extraction(doc.doc_id, name, fmt, pages=len(doc.pages), title=doc.title, status="failed",
                              error=f"{Code.E110_INTERNAL.value} extraction failed: {type(exc).__name__}: {exc}"[:300])


def extract(doc: Document) -> Extraction:
    """Tables first, so that their numbers are cells and not also sentence figures."""
    tables = extract_tables(doc)
    skip: dict[int | None, list[tuple[int, int]]] = {}
    for t in tables:
        if t.char_start is not None and t.char_end is not None:
            skip.setdefault(t.page, []).append((t.char_start, t.char_end))
    figures = extract_figures(doc, skip)
    rankings = extract_rankings(doc, tables)
    return Extraction(
        doc.doc_id, doc.source_file, doc.format, pages=len(doc.pages), title=doc.title,
        publisher=_publisher(figures), figures=figures, tables=tables, rankings=rankings,
    )


def _publisher(figures) -> str | None:
    named = [f.publisher for f in figures if f.publisher]
    return max(set(named), key=named.count) if named else None
