"""PDF reading speed: our reader (pypdfium2 text, pdfplumber only on pages that may hold tables) against
pdfplumber text + tables on every page and pypdfium2 plain text, on one generated >= 100-page report
whose tables sit on at most a fifth of its pages. Also checks that ours finds the same tables and
figures as pdfplumber-everywhere: every table pdfplumber finds has its rows in one of ours on that
page, ours hold no other rows, and the figures match on page, value, unit and quote (whitespace-normalized).
pdfplumber's tables are located in its own page text the way ours are (`locate`), so in both readings the numbers
of a table are cells, not sentence figures.

Memory: a >= 500-page version of the report is read in a fresh process, whose peak RSS is printed
(pages are read one at a time and released; the target is under 1 GiB). So is one page of 200,000 tiny
rectangles, whose tables are not looked for (pdfplumber alone took 48 s and 2.8 GB on it).

usage: .venv/bin/python bench/pdf.py [--sections 120] [--repeat 3] [--memory-sections 600] [--dots 200000]
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.document import extract  # noqa: E402
from extractors.model import Document, Page, Table  # noqa: E402
from extractors.pdf import read_pdf  # noqa: E402
from extractors.pdf_paragraphs import join_wrapped_lines  # noqa: E402
from extractors.tables_pdf import locate  # noqa: E402
from tests.pdf_fixtures import render_text_report  # noqa: E402

PROSE = ("The global market for industrial robots was estimated at US$16.5 billion in 2024 and is expected to "
         "reach US$29.7 billion by 2030, a CAGR of 10.3%. Acme is the third largest robot maker globally in "
         "terms of revenue in 2024, with a market share of 8.2%. Demand from automotive plants rose by 12%, "
         "while electronics accounted for about 25% of installations. ")


def report_text(sections: int) -> str:
    """About two pages per section; one ranking table in every tenth section."""
    parts = []
    for i in range(sections):
        parts.append(f"Section {i + 1}: market overview\n\n" + "\n\n".join(PROSE * 3 for _ in range(4)))
        if i % 10 == 0:
            rows = "\n".join(f"{r}\tCompany {r}\t{30 - r:.1f}%\tUS${r * 1.5:.1f} billion" for r in range(1, 11))
            parts.append(f"Ranking of robot makers by revenue, {2020 + i % 5}\n\n"
                         f"Rank\tCompany\tShare\tRevenue\n{rows}\n\nSource: CIC")
    return "\n\n".join(parts)


def plumber_everywhere(data: bytes) -> tuple[list[Page], list[Table]]:
    pages, tables = [], []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            text = page.extract_text() or ""
            after = 0
            spans = []
            for found in page.extract_tables():
                rows = tuple(tuple(" ".join((c or "").split()) for c in r) for r in found)
                span = locate(rows, text, after)
                after = span[1] if span else after
                spans += [span] if span else []
                tables.append(Table(number, rows, char_start=span[0] if span else None,
                                    char_end=span[1] if span else None))
            pages.append(Page(number, join_wrapped_lines(text, spans)))  # paragraphs, as ours are read
            page.close()
    return pages, tables


def pdfium_text(data: bytes) -> int:
    doc = pdfium.PdfDocument(data)
    chars = 0
    for page in doc:
        textpage = page.get_textpage()
        chars += len(textpage.get_text_range())
        textpage.close()
        page.close()
    doc.close()
    return chars


def timed(fn, data: bytes, repeat: int):
    """The result, the best of `repeat` wall-clock times and the best of their CPU times (this process's:
    on a machine shared with other work, wall-clock time also counts the time others ran)."""
    best = best_cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn(data)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    return result, best, best_cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sections", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory-sections", type=int, default=600, help="0 skips the memory check")
    parser.add_argument("--dots", type=int, default=200_000, help="tiny rectangles on a crowded page (0: skip)")
    args = parser.parse_args()
    data = render_text_report(report_text(args.sections), header="Robotics industry report")
    n_pages = len(pdfium.PdfDocument(data))
    load = os.getloadavg()[0]
    ours, t_ours, cpu_ours = timed(read_pdf, data, args.repeat)
    theirs, t_plumber, cpu_plumber = timed(plumber_everywhere, data, 1)
    _, t_pdfium, cpu_pdfium = timed(pdfium_text, data, args.repeat)
    table_pages = len({t.page for t in ours[1]})
    print(f"{n_pages} pages, tables on {table_pages} pages ({table_pages / n_pages:.0%}); best of {args.repeat} runs "
          f"(pdfplumber-everywhere: 1 run); load average {load:.1f} before, {os.getloadavg()[0]:.1f} after "
          f"on {os.cpu_count()} cores")
    for name, seconds, cpu in (("ours (pypdfium2 + pdfplumber on table bands)", t_ours, cpu_ours),
                               ("pdfplumber text + tables, every page", t_plumber, cpu_plumber),
                               ("pypdfium2 plain text", t_pdfium, cpu_pdfium)):
        print(f"  {name:48} {n_pages / seconds:8.1f} pages/s ({n_pages / cpu:8.1f} per CPU second)")
    print(f"  ratio ours / pdfplumber-everywhere: {t_plumber / t_ours:.1f}x faster; "
          f"ours / pypdfium2 text: {t_pdfium / t_ours:.2f}")
    # Ours merges a table continued on the next page, so pdfplumber's parts are compared row by row.
    our_rows = {(t.page, r) for t in ours[1] for r in t.rows}
    same_tables = all((t.page, r) in our_rows or any(r in o.rows for o in ours[1]) for t in theirs[1] for r in t.rows)
    their_rows = {r for t in theirs[1] for r in t.rows}
    same_tables = same_tables and all(r in their_rows for t in ours[1] for r in t.rows)  # and nothing more
    figs_ours, figs_theirs = _figures(ours[0], ours[1]), _figures(theirs[0], theirs[1])
    print(f"  same tables as pdfplumber-everywhere: {same_tables} ({len(ours[1])} vs {len(theirs[1])} parts)")
    print(f"  same figures (page, value, unit, quote): {figs_ours == figs_theirs} "
          f"({len(figs_ours)} vs {len(figs_theirs)})")
    if args.memory_sections:
        big = render_text_report(report_text(args.memory_sections), header="Robotics industry report")
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            pages, peak_mb = pool.submit(peak_rss_reading, big).result()
        print(f"  memory: {pages} pages ({len(big) / 2**20:.1f} MiB file) read with a peak RSS of {peak_mb:.0f} MiB")
    if args.dots:
        crowded = crowded_page(args.dots)
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            start = time.perf_counter()
            _, peak_mb = pool.submit(peak_rss_reading, crowded).result()
        print(f"  crowded page: {args.dots:,} drawn rectangles ({len(crowded) / 2**20:.1f} MiB file) read in "
              f"{time.perf_counter() - start:.1f} s (process start included), peak RSS {peak_mb:.0f} MiB")


def crowded_page(dots: int) -> bytes:
    """One page of text over `dots` tiny filled squares (a dense scatter plot, or a hostile file)."""
    from reportlab.pdfgen import canvas
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 800, "Sensor readings rose 12% in 2024.")
    for i in range(dots):
        pdf.rect(20 + (i % 500) * 1.1, 20 + (i // 500) * 1.5, 0.5, 0.5, stroke=0, fill=1)
    pdf.save()
    return buffer.getvalue()


def peak_rss_reading(data: bytes) -> tuple[int, float]:
    """Pages read and the peak resident memory (MiB) of this process after reading them."""
    pages, _ = read_pdf(data)
    # VmHWM, not ru_maxrss: Linux carries the parent's peak across fork+exec into ru_maxrss.
    return len(pages), int(next(ln for ln in open('/proc/self/status') if ln.startswith('VmHWM')).split()[1]) / 1024


def _figures(pages: list[Page], tables: list[Table]) -> list[tuple]:
    doc = Document("0" * 64, "bench.pdf", "pdf", tuple(pages), tables=tuple(tables))
    return sorted((f.page, f.value, f.unit, " ".join(f.quote.split())) for f in extract(doc).figures)


if __name__ == "__main__":
    main()
