"""Pipeline benchmark: full run, one-file rerun, orchestration overhead, a 500-page PDF, Dask.

    .venv/bin/python bench/pipeline.py [--docs 2000] [--pdf-pages 500] [--skip-dask]

Builds a corpus of report-sized documents from raw/ (each a copy of a sample
report with its numbers varied deterministically), in a temporary folder, and
prints every figure and ratio the operations issue asks for:

- full run of the flow (`--full`, local runner) and a rerun after one document changed (target <= 10%);
- the flow against the same extraction, output and reconciliation functions in a plain loop (target <= 1.3x);
- the reconciliation step on its own, over the whole corpus and after the one change;
- peak RSS of one child process extracting a generated N-page PDF (target <= 1 GiB);
- Dask on a LocalCluster of 2 worker processes against the local runner.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import flows  # noqa: E402,F401 - Prefect defaults before Prefect is imported

RAW = ROOT / "raw"
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w])")


def vary_numbers(text: str, rng: random.Random) -> str:
    """The text with every number that is not a year scaled by a seeded factor, keeping its decimals."""
    def replace(match: re.Match) -> str:
        whole, decimals = match.group(1), match.group(2) or ""
        value = float(whole.replace(",", "") + decimals)
        if not decimals and 1900 <= value <= 2100:
            return match.group(0)
        varied = value * rng.uniform(0.8, 1.25)
        places = len(decimals) - 1 if decimals else 0
        out = f"{varied:,.{places}f}" if "," in whole else f"{varied:.{places}f}"
        return out
    return _NUMBER.sub(replace, text)


_MARKET = re.compile(r"\b(market|industry)\b", re.IGNORECASE)
SECTORS = ["robotics", "biotech", "fintech", "logistics", "retail", "energy", "mining", "telecom", "insurance",
           "gaming", "aviation", "shipping", "textile", "dairy", "cement", "semiconductor", "cosmetics", "tourism"]


def sector_name(index: int) -> str:
    """A distinct made-up sector for every index (robotics, biotech, ..., robotics-2, ...)."""
    base = SECTORS[index % len(SECTORS)]
    return base if index < len(SECTORS) else f"{base} {index // len(SECTORS) + 1}"


def make_corpus(folder: Path, n_docs: int) -> list[Path]:
    """n_docs copies of the sample reports with varied numbers; every sample's k-th copy is about sector k,
    so each sector is covered by as many reports as there are samples (several firms sizing one market)."""
    samples = sorted(p for p in RAW.iterdir() if p.is_file())
    texts = [p.read_text(encoding="utf-8") for p in samples]
    paths = []
    for i in range(n_docs):
        k, sector = i % len(samples), sector_name(i // len(samples))
        text = _MARKET.sub(lambda m, sector=sector: f"{sector} {m.group(0)}", vary_numbers(texts[k], random.Random(i)))
        path = folder / f"batch{i // 500:02d}" / f"{i:05d}_{samples[k].name}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - started, result


def plain_loop(raw: Path, out: Path) -> None:
    """The same work without Prefect: extract every file, build, validate and write the datasets, reconcile."""
    from extractors.document import extract_document
    from extractors.loaders import discover
    from flows.reporting import reconcile_outputs
    from reconcile.normalize import normalize_frames
    from reconcile.settings import ReconcileSettings
    from store.datasets import build_frames, write_dataset

    frames = normalize_frames(build_frames([extract_document(p, raw) for p in discover(raw)]), ReconcileSettings())
    for name, frame in frames.items():
        write_dataset(out, name, frame)
    reconcile_outputs(out)


def pdf_peak_rss(folder: Path, pages: int) -> tuple[float, float, int]:
    """(peak RSS in MiB, seconds, figures found) of a child process extracting a generated PDF."""
    pdf = folder / "long.pdf"
    write_long_pdf(pdf, pages)
    code = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from extractors.document import extract_document
        started = time.perf_counter()
        result = extract_document(Path({str(pdf)!r}), Path({str(folder)!r}), time_limit=None)
        assert result.status == "ok", result.error
        # VmHWM, not ru_maxrss: Linux carries the parent's peak across fork+exec into ru_maxrss.
        peak_kib = int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])
        print(peak_kib / 1024, time.perf_counter() - started, len(result.figures), result.pages)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=900)
    rss, seconds, figures, n_pages = out.stdout.split()
    assert int(n_pages) == pages
    return float(rss), float(seconds), int(figures)


def write_long_pdf(path: Path, pages: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rng = random.Random(7)
    sheet = canvas.Canvas(str(path), pagesize=A4)
    for page in range(1, pages + 1):
        y = 800
        lines = [f"Section {page}. Market overview",
                 f"The global widget market reached US${rng.uniform(1, 90):.1f} billion in 2024 and is expected",
                 f"to grow at a CAGR of {rng.uniform(2, 30):.1f}% from 2024 to 2029, "
                 f"reaching US${rng.uniform(90, 300):.1f}",
                 "billion in 2029. The top five vendors held a combined share of "
                 f"{rng.uniform(20, 80):.1f}% in 2023.",
                 "Year    Revenue (US$ million)    Share"]
        lines += [f"{2019 + k}    {rng.uniform(100, 999):.1f}    {rng.uniform(1, 40):.1f}%" for k in range(6)]
        lines += ["Source: Benchmark Research estimates."] + [f"Filler line {k} on page {page}." for k in range(20)]
        for line in lines:
            sheet.drawString(50, y, line)
            y -= 16
        sheet.showPage()
    sheet.save()


def forget_one_document(out: Path) -> None:
    """Make OUT's last reconciled state lack one document, as if the document were new since, with the caches
    that state's run left (named by the state: renamed to match, as that run would have named them)."""
    from flows.reporting import CELLS, PREPARED, ReconciledState, _cells_path

    state = ReconciledState.load(out)
    assert state is not None, "a reconciled output"
    caches = {folder: _cells_path(out, state, folder) for folder in (CELLS, PREPARED)}
    state.documents.pop(next(iter(state.documents)))
    state.save(out)
    for folder, path in caches.items():
        if path.exists():
            path.rename(_cells_path(out, state, folder))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--pdf-pages", type=int, default=500)
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()

    from flows.pipeline import extract_reports
    from flows.reporting import ReconciledState, reconcile_outputs
    from flows.runners import task_runner

    with tempfile.TemporaryDirectory(prefix="reportfacts-bench-") as tmp:
        tmp_dir = Path(tmp)
        raw = tmp_dir / "raw"
        seconds, paths = timed(make_corpus, raw, args.docs)
        size = sum(p.stat().st_size for p in paths)
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
        print(f"corpus: {len(paths)} documents, {size / 2**20:.1f} MiB, generated in {seconds:.1f} s")

        extract_reports(raw_dir=RAW, out_dir=tmp_dir / "warm-up", full=True)  # start Prefect's server once

        loop_all, _ = timed(plain_loop, raw, tmp_dir / "loop-out")
        print(f"plain loop, extraction + outputs + reconciliation: {loop_all:6.1f} s")

        out = tmp_dir / "out"
        full, summary = timed(extract_reports, raw_dir=raw, out_dir=out, full=True)
        print(f"flow, full run (local runner):            {full:8.1f} s   "
              f"({summary.documents_ok} ok, {len(summary.failures)} failed, {summary.figures} figures, "
              f"{summary.tables} tables, {summary.rankings} rankings, {summary.findings} findings)")
        print(f"  flow / plain loop:                      {full / loop_all:8.2f}x   (target <= 1.3x)")

        unchanged, summary = timed(extract_reports, raw_dir=raw, out_dir=out)
        print(f"flow, rerun with nothing changed:         {unchanged:8.1f} s   ({summary.extracted} extracted)")
        changed = paths[len(paths) // 2]
        changed.write_text(changed.read_text(encoding="utf-8") + "\nThe market reached US$3.2 billion in 2025.\n",
                           encoding="utf-8")
        rerun, summary = timed(extract_reports, raw_dir=raw, out_dir=out)
        print(f"flow, rerun after one document changed:   {rerun:8.1f} s   ({summary.extracted} extracted)")
        print(f"  rerun / full run:                       {rerun / full:8.1%}   (target <= 10%)")

        (out / ReconciledState.STATE).unlink()
        seconds, _ = timed(reconcile_outputs, out)
        print(f"reconciliation alone, whole corpus:       {seconds:8.1f} s   ({summary.findings} findings)")
        forget_one_document(out)
        seconds, _ = timed(reconcile_outputs, out)
        print(f"reconciliation alone, one document changed: {seconds:6.1f} s")

        rss, pdf_seconds, pdf_figures = pdf_peak_rss(tmp_dir, args.pdf_pages)
        print(f"{args.pdf_pages}-page PDF: peak RSS {rss:.0f} MiB (target <= 1024), {pdf_seconds:.1f} s, "
              f"{pdf_figures} figures")

        if not args.skip_dask:
            flow = extract_reports.with_options(task_runner=task_runner("dask", workers=2))
            on_dask, summary = timed(flow, raw_dir=raw, out_dir=tmp_dir / "dask-out", full=True)
            print(f"flow, full run on Dask (2 worker processes): {on_dask:5.1f} s   "
                  f"(of which in the flow body: {summary.seconds:.1f} s)")
            print(f"  Dask speed-up over the local runner:    {full / on_dask:8.2f}x")
        print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
