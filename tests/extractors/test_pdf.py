"""The PDF path: errors for unreadable PDFs, and the dev reports rendered as PDFs scored like the text."""

import io
from collections import Counter
import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extractors import loaders
from extractors.document import extract
from extractors.errors import Code, DocumentError
from extractors.model import Document
from extractors.pdf import read_pdf
from extractors.tables import extract_tables
from tests.extractors.test_rankings import DEV
from tests.extractors.test_tables_text import match_gold
from tests.pdf_fixtures import render_text_report

pytestmark = pytest.mark.pdf


@pytest.fixture(scope="module")
def dev_pdfs(tmp_path_factory) -> Path:
    if not (DEV / "docs").is_dir():
        pytest.skip(f"dev gold set not found at {DEV} (../shared beside the repository)")
    out = tmp_path_factory.mktemp("dev_pdfs")
    for path in sorted((DEV / "docs").glob("*.txt")):
        (out / f"{path.stem}.pdf").write_bytes(render_text_report(path.read_text(encoding="utf-8")))
    return out


@pytest.mark.skipif(not DEV.exists(), reason="no dev gold set")
def test_dev_reports_as_pdf_give_the_same_tables_and_rankings(dev_pdfs: Path) -> None:
    from tests.extractors.test_rankings import score
    gold = [json.loads(line) for line in (DEV / "tables.jsonl").read_text().splitlines() if line.strip()]
    tables = {p.stem: extract_tables(loaders.load(p, dev_pdfs)) for p in loaders.discover(dev_pdfs)}
    found, exact = match_gold(tables, gold)
    assert found / len(gold) >= 0.95 and exact / len(gold) >= 0.95
    assert [t.rows[0] for left in tables.values() for t in left] == []  # none but the gold ones: no prose tables
    f1, value_accuracy = score(dev_pdfs)
    assert f1 >= 0.92 and value_accuracy >= 0.92


def test_running_headers_and_page_numbers_are_stripped(dev_pdfs: Path) -> None:
    pages, _ = read_pdf((dev_pdfs / "001_309f1c7b30f4c239.pdf").read_bytes())
    assert len(pages) > 3
    assert not any(line.strip() in ("Industry report", f"Page {p.number}")
                   for p in pages for line in p.text.splitlines())


def test_table_numbers_are_cells_not_figures(dev_pdfs: Path) -> None:
    result = extract(loaders.load(dev_pdfs / "001_309f1c7b30f4c239.pdf", dev_pdfs))
    ranked = next(t for t in result.tables if t.rows[0][0] == "Rank")
    assert ranked.char_start is not None
    inside = [f for f in result.figures
              if f.page == ranked.page and ranked.char_start <= f.char_start < ranked.char_end]
    assert inside == []


def _pdf(text: str) -> bytes:
    return render_text_report(text)


def _error(data: bytes) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        read_pdf(data)
    return caught.value


def test_empty_and_truncated_pdfs() -> None:
    assert _error(b"").code == Code.E101_EMPTY
    data = _pdf("Hello world.")
    assert _error(data[: len(data) // 2]).code == Code.E103_UNREADABLE_PDF


def test_pdf_without_text_needs_ocr() -> None:
    doc = pdfium.PdfDocument.new()
    doc.new_page(200, 200)
    buffer = io.BytesIO()
    doc.save(buffer)
    error = _error(buffer.getvalue())
    assert error.code == Code.E105_NO_TEXT_LAYER and "needs OCR" in error.reason


def _encrypted(user_password: str) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=StandardEncryption(user_password, "owner-secret", canPrint=1))
    pdf.drawString(72, 720, "Acme is the largest robot maker in Japan.")
    pdf.save()
    return buffer.getvalue()


def test_encrypted_pdfs() -> None:
    assert _error(_encrypted("secret")).code == Code.E104_ENCRYPTED_PDF
    pages, _ = read_pdf(_encrypted(""))
    assert "largest robot maker" in pages[0].text


def _page(draw) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("Helvetica", 9)
    draw(pdf)
    pdf.save()
    return buffer.getvalue()


ROBOTS = [("Maker", "Country", "Units", "Share"), ("Fanuc", "Japan", "1,204", "18.2%"),
          ("ABB", "Switzerland", "987", "14.9%"), ("Yaskawa", "Japan", "812", "12.3%"),
          ("KUKA", "Germany", "655", "9.9%")]
PROSE = ("The market for industrial robots grew quickly in the last decade as plants automated welding, "
         "painting and assembly work, and it is expected to keep growing through the end of the decade.")


def _prose(pdf, x: float, top: float, width: int, lines: int) -> None:
    words, y = (PROSE * 4).split(), top
    for _ in range(lines):
        line = []
        while words and len(" ".join(line + [words[0]])) < width:
            line.append(words.pop(0))
        pdf.drawString(x, y, " ".join(line))
        y -= 12


def _unruled_table(pdf, top: float, shaded: bool = False) -> None:
    for i, row in enumerate(ROBOTS):
        y = top - 14 * i
        if shaded and i % 2:
            pdf.setFillGray(0.85)
            pdf.rect(60, y - 3, 420, 13, stroke=0, fill=1)
            pdf.setFillGray(0)
        pdf.drawString(72, y, row[0])
        pdf.drawString(190, y, row[1])
        pdf.drawRightString(360, y, row[2])
        pdf.drawRightString(460, y, row[3])


def test_an_unruled_table_between_paragraphs_is_read_and_the_prose_is_not() -> None:
    def draw(pdf) -> None:
        _prose(pdf, 72, 780, 95, 8)
        _unruled_table(pdf, 660)
        _prose(pdf, 72, 560, 95, 8)
    _, tables = read_pdf(_page(draw))
    assert [t.rows for t in tables] == [tuple(ROBOTS)]


def test_two_columns_of_prose_are_not_a_table() -> None:
    def draw(pdf) -> None:
        _prose(pdf, 60, 780, 42, 40)
        _prose(pdf, 320, 780, 42, 40)
    _, tables = read_pdf(_page(draw))
    assert tables == []


def test_a_table_beside_a_column_of_prose_is_read() -> None:
    def draw(pdf) -> None:
        _prose(pdf, 40, 780, 30, 30)
        for i, row in enumerate(ROBOTS):
            pdf.drawString(260, 760 - 14 * i, row[0])
            pdf.drawRightString(400, 760 - 14 * i, row[2])
            pdf.drawRightString(470, 760 - 14 * i, row[3])
    _, tables = read_pdf(_page(draw))
    assert [t.rows for t in tables] == [tuple((r[0], r[2], r[3]) for r in ROBOTS)]


def test_shaded_rows_are_not_taken_for_column_rulings() -> None:
    # Filled bands behind every other row make pdfplumber's line strategy see a grid without columns.
    _, tables = read_pdf(_page(lambda pdf: _unruled_table(pdf, 700, shaded=True)))
    assert [t.rows for t in tables] == [tuple(ROBOTS)]


def test_a_table_continued_across_a_page_break_is_one_table_and_its_cells_are_not_figures() -> None:
    rows = "\n".join(f"{r}\tCompany {r}\t{r / 10:.1f}%\tUS${r * 1.5:.1f} billion" for r in range(1, 151))
    data = _pdf(f"Ranking of robot makers by revenue, 2024\n\nRank\tCompany\tShare\tRevenue\n{rows}\n\n"
                "Source: CIC\n\nAcme grew by 12% in 2024.")
    pages, tables = read_pdf(data)
    assert [len(t.rows) for t in tables] == [151] and len(pages) >= 3
    doc = Document("0" * 64, "r.pdf", "pdf", tuple(pages), tables=tuple(tables))
    assert [f.quote for f in extract(doc).figures] == ["12%"]


def test_justified_prose_in_narrow_page_columns_is_not_a_table() -> None:
    # Justified lines stretch their word spaces; a loose line must stay one cell.
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
    style = getSampleStyleSheet()["BodyText"].clone("justified", alignment=TA_JUSTIFY)
    for width in (160, 110):  # three or four columns a page, about 30 or 20 characters a line
        buffer = io.BytesIO()
        doc = BaseDocTemplate(buffer, pagesize=A4)
        doc.addPageTemplates([PageTemplate(frames=[Frame(40 + i * (width + 20), 60, width, 720)
                                                   for i in range(500 // (width + 20))])])
        doc.build([Paragraph(PROSE + " In 2024 sales rose 12% to US$16.5 billion, and 1,204 units shipped.", style)
                   for _ in range(18)])
        _, tables = read_pdf(buffer.getvalue())
        assert tables == [], width


def test_pdfs_read_in_threads_give_what_they_give_one_at_a_time(dev_pdfs: Path) -> None:
    # The flow reads documents in threads; PDFium is not thread-safe, so the reader serializes it.
    from concurrent.futures import ThreadPoolExecutor
    datas = [p.read_bytes() for p in sorted(dev_pdfs.glob("*.pdf"))] * 2
    one_at_a_time = [read_pdf(d) for d in datas]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(read_pdf, datas)) == one_at_a_time


@pytest.mark.skipif(not DEV.exists(), reason="no dev gold set")
def test_dev_reports_as_pdf_give_the_figures_of_their_text(dev_pdfs: Path) -> None:
    """Wrapped lines are paragraphs again: a number keeps its scale and its sentence across a line end."""
    def figures(path: Path, raw: Path) -> Counter:
        return Counter((f.metric, round(f.value, 6), f.unit, f.year) for f in extract(loaders.load(path, raw)).figures)
    text_figures = pdf_figures = Counter()
    for path in sorted((DEV / "docs").glob("*.txt")):
        text_figures += figures(path, DEV / "docs")
        pdf_figures += figures(dev_pdfs / f"{path.stem}.pdf", dev_pdfs)
    assert sum((text_figures & pdf_figures).values()) >= 0.97 * sum(text_figures.values())
