"""PDF reports, page by page: the text of each page and the tables on it.

Page numbers are 1-based. Pages are read one at a time and released, so a
long PDF never holds every page's layout objects at once.
"""

from __future__ import annotations

import io

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from extractors.errors import Code, DocumentError
from extractors.model import Page, Table


def read_pdf(data: bytes) -> tuple[list[Page], list[Table]]:
    """Text and tables of every page; raises `DocumentError` for an unreadable PDF."""
    if not data.strip():
        raise DocumentError(Code.E101_EMPTY, "the file is empty")
    pages: list[Page] = []
    tables: list[Table] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as document:
            for number, page in enumerate(document.pages, start=1):
                pages.append(Page(number, page.extract_text() or ""))
                for rows in page.extract_tables():
                    cleaned = tuple(tuple(" ".join((c or "").split()) for c in row) for row in rows)
                    if cleaned:
                        tables.append(Table(number, cleaned))
                page.close()
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise DocumentError(Code.E104_ENCRYPTED_PDF, "the PDF is encrypted and needs a password") from None
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise DocumentError(Code.E103_UNREADABLE_PDF, f"not a readable PDF (damaged or truncated): {type(exc).__name__}") from None
    if not pages:
        raise DocumentError(Code.E103_UNREADABLE_PDF, "not a readable PDF: it has no pages")
    if not any(p.text.strip() for p in pages):
        raise DocumentError(Code.E105_NO_TEXT_LAYER, "no text layer: needs OCR")
    return pages, tables
