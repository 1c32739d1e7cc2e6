"""Bad, odd and hostile report files, generated: each case is (file name, bytes, expectation)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

GOOD_SENTENCE = "The global widget market reached US$10.7 billion in 2024 and grew 12.5% in the year."
ACCENTED = "Le marché européen des capteurs a atteint €3.2 billion en 2023 — croissance «rapide», naïve café."


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    status: str  # the status documents.parquet must show
    reason: str | None = None  # words the one-line reason must contain (None for ok)
    must_contain: str | None = None  # for ok files: text the decoded document must hold


def pdf_bytes(lines: list[str] | None = None, shapes_only: bool = False,
              encrypt: pdfencrypt.StandardEncryption | None = None) -> bytes:
    """A one-page PDF with text lines, or with only drawn shapes (no text layer)."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, encrypt=encrypt)
    if shapes_only:
        page.rect(72, 500, 300, 200, fill=1)
        page.circle(300, 300, 80, fill=0)
    else:
        for i, line in enumerate(lines or [GOOD_SENTENCE]):
            page.drawString(72, 720 - 16 * i, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def bad_cases() -> list[Case]:
    good_pdf = pdf_bytes()
    return [
        Case("empty.txt", b"", "failed", "empty"),
        Case("junk named.txt", bytes(range(256)) * 64, "failed", "binary"),
        Case("truncated.pdf", good_pdf[: len(good_pdf) // 2], "failed", "not a readable PDF"),
        Case("locked.pdf", pdf_bytes(encrypt=pdfencrypt.StandardEncryption("s3cret", ownerPassword="owner")),
             "failed", "needs a password"),
        Case("scan.pdf", pdf_bytes(shapes_only=True), "failed", "no text layer: needs OCR"),
        Case("html junk.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16, "failed", "binary"),
    ]


def good_cases() -> list[Case]:
    return [
        Case("good.txt", GOOD_SENTENCE.encode(), "ok", must_contain=GOOD_SENTENCE),
        Case("owner-only encrypted.pdf", pdf_bytes(encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner")),
             "ok", must_contain="US$10.7 billion"),
        Case("utf16.txt", ACCENTED.encode("utf-16"), "ok", must_contain=ACCENTED),
        Case("utf16 le no bom.md", ACCENTED.encode("utf-16-le"), "ok", must_contain=ACCENTED),
        Case("windows-1252 “quotes”.txt", (ACCENTED + " “smart” – dash").encode("cp1252"), "ok",
             must_contain=ACCENTED + " “smart” – dash"),
        Case("latin-1.txt", "Marché naïve: 12% in 2024, ¥ and £ signs.".encode("latin-1"), "ok",
             must_contain="Marché naïve: 12% in 2024, ¥ and £ signs."),
        Case("nul bytes.txt", GOOD_SENTENCE.encode().replace(b" ", b" \x00", 3), "ok", must_contain=GOOD_SENTENCE),
        Case("市场 报告 ünïcödé.txt", ("市场报告. " + GOOD_SENTENCE).encode(), "ok", must_contain="市场报告. "),
        Case("sub dir/space name.html", f"<html><body><p>{GOOD_SENTENCE}</p></body></html>".encode(), "ok",
             must_contain=GOOD_SENTENCE),
    ]
