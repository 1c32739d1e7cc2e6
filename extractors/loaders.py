"""Finding reports in the raw folder and reading each into a `Document`.

Text is decoded robustly (UTF-8, UTF-8 with BOM, UTF-16 with BOM, then
cp1252 and latin-1); PDFs are read page by page by `extractors.pdf`; HTML is
turned into text with its tables kept as tables; Word documents, slide decks
and workbooks are read by `extractors.office`.
"""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from io import BufferedReader

from extractors import deadline, html, office
from extractors.errors import Code, DocumentError
from extractors.markdown import markdown_to_text
from extractors.model import Document, Page

FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf",
           **office.OFFICE_FORMATS}
# The file name endings a run reads (lower case); any other file is listed as skipped, "unsupported type".
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(FORMATS)
# A file's size, modified and changed times (ns) and inode: any write or replacement changes it.
Stamp = tuple[int, int, int, int]
Planned = tuple[str, Stamp]  # the doc_id a run's plan hashed a file to, and the file's stamp then


def discover(raw_dir: Path) -> list[Path]:
    """Every report file below `raw_dir`, in a stable order (hidden files are ignored)."""
    found = [
        p for p in raw_dir.rglob("*")
        if p.suffix.lower() in SUPPORTED_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(raw_dir).parts)
        and (p.is_file() or p.is_symlink())
    ]
    return sorted(found, key=lambda p: p.relative_to(raw_dir).as_posix())


def relative_name(path: Path, raw_dir: Path) -> str:
    return path.relative_to(raw_dir).as_posix()


def file_format(path: Path) -> str:
    return FORMATS.get(path.suffix.lower(), path.suffix.lower().lstrip(".") or "unknown")


def read_bytes(path: Path, raw_dir: Path) -> bytes:
    """The file's bytes, refusing links that lead outside the raw folder."""
    _refuse_outside(path, raw_dir)
    with _readable(path) as handle:
        return handle.read()


def file_stamp(path: Path) -> Stamp | None:
    """The file's stamp (None: it cannot be looked at)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def planned_id(path: Path, planned: Planned | None) -> str | None:
    """The doc_id the plan hashed the file to, while the file keeps the stamp it had then (so its bytes are
    the ones hashed, and need not be hashed again); else None."""
    if planned is None:
        return None
    doc_id, stamp = planned
    return doc_id if file_stamp(path) == stamp else None


def file_sha256(path: Path, raw_dir: Path) -> str:
    """The hex SHA-256 of a file's bytes, read in chunks (a large file is never held whole)."""
    _refuse_outside(path, raw_dir)
    with _readable(path) as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _refuse_outside(path: Path, raw_dir: Path) -> None:
    # resolve() follows every link in the chain, so a link to a link outside is caught too.
    if not path.resolve().is_relative_to(raw_dir.resolve()):
        raise DocumentError(Code.E109_OUTSIDE_RAW, "skipped: a link to a file outside the raw folder", "skipped")


@contextmanager
def _readable(path: Path) -> Iterator[BufferedReader]:
    """`open(path, "rb")` with the ways a file can fail to open turned into one-line reasons."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise DocumentError(Code.E107_VANISHED, "the file disappeared before it could be read") from None
    except IsADirectoryError:
        raise DocumentError(Code.E106_UNSUPPORTED, "a folder, not a file") from None
    except PermissionError:
        raise DocumentError(Code.E106_UNSUPPORTED, "permission denied: the file cannot be read") from None
    except OSError as exc:
        raise DocumentError(Code.E106_UNSUPPORTED, f"the file cannot be read: {exc.strerror or exc}") from None
    with handle:
        yield handle


def doc_id_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes) -> str:
    """Bytes of a text report as str: BOMs first, then UTF-8, then cp1252, then latin-1."""
    if not data.strip():
        raise DocumentError(Code.E101_EMPTY, "the file is empty")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                          (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _clean(data.decode(encoding, errors="replace"))
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return _clean(utf16)
    if _looks_binary(data):
        raise DocumentError(Code.E102_NOT_TEXT, "not a text file: the bytes look like binary data")
    for encoding in ("utf-8", "cp1252"):
        try:
            return _clean(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    return _clean(data.decode("latin-1"))


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as every other byte being NUL in ASCII-heavy text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    encoding = "utf-16-le" if odd_nul > 0.4 and even_nul < 0.05 \
        else "utf-16-be" if even_nul > 0.4 and odd_nul < 0.05 else None
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_binary(data: bytes) -> bool:
    # Stray NULs are tolerated (and removed); other control bytes mean it is not text.
    sample = data[:8192]
    nuls = sample.count(0)
    controls = sum(1 for b in sample if 0 < b < 32 and b not in (9, 10, 12, 13)) + sample.count(127)
    return nuls / len(sample) > 0.3 or controls / len(sample) > 0.05


def _clean(text: str) -> str:
    # NUL bytes break downstream tools and never carry meaning in a report.
    return text.replace("\x00", "")


def load(path: Path, raw_dir: Path, data: bytes | None = None, planned: Planned | None = None) -> Document:
    """Read one report; raises `DocumentError` with a one-line reason when it cannot. `planned`: what the
    run's plan hashed the file to; the bytes read are hashed only when the file changed since."""
    fmt = file_format(path)
    if fmt not in FORMATS.values():
        raise DocumentError(Code.E106_UNSUPPORTED, f"unsupported file type {path.suffix!r}")
    if data is None:
        data = read_bytes(path, raw_dir)
        doc_id = planned_id(path, planned) or doc_id_of(data)  # the stamp is looked at after the read
    else:
        doc_id = doc_id_of(data)
    name = relative_name(path, raw_dir)
    if fmt == "pdf":
        from extractors import pdf  # pdfplumber and pdfium load only when a run meets a PDF

        pages, tables = pdf.read_pdf(data)
        return Document(doc_id, name, fmt, tuple(pages), _title(pages), tuple(tables))
    if fmt in office.OFFICE_FORMATS.values():
        pages, tables = office.read_office(data, fmt)
        return Document(doc_id, name, fmt, tuple(pages), _title(pages), tuple(tables))
    text = decode_text(data)
    del data  # a large file should not be held twice, as bytes and as text
    deadline.check()
    if fmt == "html":
        text, tables = html.html_to_text(text)
        return Document(doc_id, name, fmt, (Page(None, text),), _title([Page(None, text)]), tuple(tables))
    if fmt == "md":
        text = markdown_to_text(text)
    return Document(doc_id, name, fmt, (Page(None, text),), _title([Page(None, text)]))


def _title(pages: list[Page] | tuple[Page, ...]) -> str | None:
    """The first non-empty line of the document, trimmed, as its title."""
    for page in pages:
        for line in page.text.splitlines():
            line = " ".join(line.split()).lstrip("#").strip()
            if line:
                return line[:200]
    return None
