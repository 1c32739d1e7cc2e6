"""One report in, everything it yields out: the unit of work of the flow.

`extract_document` runs one file through loaders -> tables -> figures ->
rankings under a time limit (`extractors.deadline`), and turns anything that
goes wrong into a failed or skipped `Extraction` with a one-line reason, so one
bad file never stops a run. (Identical files are grouped before this, by the
flow's plan: `store.inventory`.)
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from extractors import deadline, loaders
from extractors.dating import published_date
from extractors.errors import Code, DocumentError
from extractors.figures import extract_figures
from extractors.model import Document, Extraction
from extractors.rankings import extract_rankings
from extractors.tables import extract_tables

DEFAULT_TIME_LIMIT = 300.0  # seconds per document
MAX_TEXT_BYTES = 128 * 2**20  # a text, Markdown or HTML file larger than this is E111 (PDFs: memory bound)


def extract_document(path: Path, raw_dir: Path, time_limit: float | None = DEFAULT_TIME_LIMIT,
                     planned: loaders.Planned | None = None) -> Extraction:
    """Load and extract one file; a file that cannot be read yields a failed `Extraction`. `planned`: the
    doc_id the run's plan hashed the file to and its stamp then, so an unchanged file is not hashed again."""
    name = source_name(path, raw_dir)
    fmt = loaders.file_format(path)
    problem = path_problem(path, raw_dir)
    if problem is not None:
        return _failed(name_id(path, raw_dir), name, fmt, problem)
    with deadline.time_limit(time_limit):
        try:
            doc_id = loaders.planned_id(path, planned) or loaders.file_sha256(path, raw_dir)
        except DocumentError as exc:
            # Nothing was read (gone, outside the raw folder): the name stands in for the bytes.
            return _failed(name_id(path, raw_dir), name, fmt, exc)
        try:
            _refuse_unsupported(path)
            _refuse_too_large(path, fmt)
            doc = loaders.load(path, raw_dir, planned=planned)
        except DocumentError as exc:
            return _failed(doc_id, name, fmt, exc)
        except MemoryError:
            return _failed(doc_id, name, fmt, _too_large())
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            return _failed(doc_id, name, fmt, _internal("the file could not be read", exc))
        try:
            return extract(doc)
        except DocumentError as exc:
            return _failed(doc.doc_id, name, fmt, exc, doc)
        except MemoryError:
            return _failed(doc.doc_id, name, fmt, _too_large(), doc)
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


def source_name(path: Path, raw_dir: Path) -> str:
    """The path relative to the raw folder, "/" separated; bytes of a name that are not UTF-8 are shown as
    `\\xNN` escapes, so the name can be written to JSON and Parquet."""
    name = loaders.relative_name(path, raw_dir)
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def name_id(path: Path, raw_dir: Path) -> str:
    """The doc_id of a file whose bytes were not read: the hash of its name's bytes."""
    return loaders.doc_id_of(os.fsencode(loaders.relative_name(path, raw_dir)))


def path_problem(path: Path, raw_dir: Path) -> DocumentError | None:
    """Why a found path is not read at all, before any byte of it is: a name that is not UTF-8, a link
    into a loop or to nothing, a folder that cannot be listed; None if it is read."""
    if source_name(path, raw_dir) != loaders.relative_name(path, raw_dir):
        return _skipped("the file name is not valid UTF-8; rename the file to read it")
    try:
        os.path.realpath(path, strict=True)
    except FileNotFoundError:
        if path.is_symlink():
            return _skipped("a link to a file that does not exist")
        return None  # gone: reading it says so (E107)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _skipped("a link into a loop of links")
        return None
    if path.is_dir() and (error := _listing_error(path)):
        return _skipped(f"a folder that cannot be listed ({error}); the files earlier runs found in it are kept")
    return None


def _refuse_unsupported(path: Path) -> None:
    # After hashing: a file of a type no loader reads is skipped, its row cached by content like any other.
    if path.suffix.lower() not in loaders.SUPPORTED_SUFFIXES:
        raise _skipped(f"unsupported type {path.suffix.lower() or '(no extension)'}")


def _listing_error(folder: Path) -> str | None:
    try:
        with os.scandir(folder):
            return None
    except OSError as exc:
        return (exc.strerror or str(exc)).lower()


def _refuse_too_large(path: Path, fmt: str) -> None:
    # Text is held whole several times over (bytes, str, pages, sentences); a PDF is read page by page and
    # held to the worker's memory bound instead (extractors.worker).
    size = path.stat().st_size
    if fmt != "pdf" and size > MAX_TEXT_BYTES:
        raise DocumentError(Code.E111_TOO_LARGE, f"too large: {size / 2**20:.0f} MiB of text, more than the "
                                                 f"{MAX_TEXT_BYTES / 2**20:.0f} MiB one document may have")


def _skipped(reason: str) -> DocumentError:
    return DocumentError(Code.E106_UNSUPPORTED, f"skipped: {reason}", "skipped")


def _too_large() -> DocumentError:
    return DocumentError(Code.E111_TOO_LARGE, "too large: extraction ran out of memory")


def _failed(doc_id: str, name: str, fmt: str, exc: DocumentError, doc: Document | None = None) -> Extraction:
    pages, title = (len(doc.pages), doc.title) if doc else (0, None)
    return Extraction(doc_id, name, fmt, pages=pages, title=title, status=exc.status, error=exc.reason)


def _internal(what: str, exc: Exception) -> DocumentError:
    # A bug or an input no rule foresaw: one line, cut short, with the exception's type for the bug report.
    return DocumentError(Code.E110_INTERNAL, f"{what}: {type(exc).__name__}: {exc}"[:300])


def _publisher(figures) -> str | None:
    named = [f.publisher for f in figures if f.publisher]
    return max(set(named), key=named.count) if named else None
