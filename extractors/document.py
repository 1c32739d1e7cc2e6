"""One report in, everything it yields out: the unit of work of the flow.

`extract_document` runs one file through loaders -> tables -> figures ->
rankings under a time limit (`extractors.deadline`), and turns anything that
goes wrong into a failed or skipped `Extraction` with a one-line reason, so one
bad file never stops a run. (Identical files are grouped before this, by the
flow's plan: `store.inventory`.)
"""

from __future__ import annotations

from pathlib import Path

from extractors import deadline, loaders
from extractors.dating import published_date
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
    with deadline.time_limit(time_limit):
        try:
            doc_id = loaders.file_sha256(path, raw_dir)
        except DocumentError as exc:
            # Nothing was read (gone, outside the raw folder): the name stands in for the bytes.
            return _failed(loaders.doc_id_of(name.encode()), name, fmt, exc)
        try:
            doc = loaders.load(path, raw_dir)
        except DocumentError as exc:
            return _failed(doc_id, name, fmt, exc)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            return _failed(doc_id, name, fmt, _internal("the file could not be read", exc))
        try:
            return extract(doc)
        except DocumentError as exc:
            return _failed(doc.doc_id, name, fmt, exc, doc)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            return _failed(doc.doc_id, name, fmt, _internal("extraction failed", exc), doc)


def extract(doc: Document) -> Extraction:
    """Tables first, so that their numbers are cells and not also sentence figures."""
    deadline.check()
    tables = extract_tables(doc)
    deadline.check()
    skip: dict[int | None, list[tuple[int, int]]] = {}
    for t in tables:
        if t.char_start is not None and t.char_end is not None:
            skip.setdefault(t.page, []).append((t.char_start, t.char_end))
    figures = extract_figures(doc, skip)
    deadline.check()
    rankings = extract_rankings(doc, tables)
    deadline.check()
    return Extraction(
        doc.doc_id, doc.source_file, doc.format, pages=len(doc.pages), title=doc.title,
        publisher=_publisher(figures), published=published_date(doc.text), figures=figures, tables=tables,
        rankings=rankings,
    )


def _failed(doc_id: str, name: str, fmt: str, exc: DocumentError, doc: Document | None = None) -> Extraction:
    pages, title = (len(doc.pages), doc.title) if doc else (0, None)
    return Extraction(doc_id, name, fmt, pages=pages, title=title, status=exc.status, error=exc.reason)


def _internal(what: str, exc: Exception) -> DocumentError:
    # A bug or an input no rule foresaw: one line, cut short, with the exception's type for the bug report.
    return DocumentError(Code.E110_INTERNAL, f"{what}: {type(exc).__name__}: {exc}"[:300])


def _publisher(figures) -> str | None:
    named = [f.publisher for f in figures if f.publisher]
    return max(set(named), key=named.count) if named else None
