"""Figures benchmark: throughput and dev precision of `extract_figures` against quantulum3.

usage: .venv/bin/python bench/figures.py [--docs 1000] [--quantulum-seconds 60] [--seed 7] [--ours-only]

The corpus is generated from the reports in raw/ with numeric variations (every number's digits redrawn,
deterministic seed), so it is report-shaped text the extractor has not seen. Our extractor runs over all of
it in this process; quantulum3 runs in its own virtual environment under bench/.cache/ (it cannot share
.venv with scikit-learn, see shared/eval/peers/BASELINES.md) over the same documents for a time budget, and
its throughput is measured on what it finished. Both are scored for precision on the dev gold set. Rates
are printed by wall clock and by the process's CPU time: the CPU-time rate is the per-core throughput, which
neighbours on a shared machine do not halve.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors import loaders  # noqa: E402
from extractors.document import extract  # noqa: E402
from extractors.figures import extract_figures  # noqa: E402
from extractors.model import Document, Page  # noqa: E402
from store.frames import figures_frame  # noqa: E402

CACHE = ROOT / "bench" / ".cache"
VENV = CACHE / "quantulum-venv"
EVAL = ROOT.parent / "shared" / "eval"
NUMERALS = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?!\d)|\d+")
CURRENCIES = {"dollar": "USD", "united states dollar": "USD", "euro": "EUR", "pound sterling": "GBP",
              "renminbi": "CNY", "yuan": "CNY", "japanese yen": "JPY", "percentage": "percent"}
QUANTULUM_SCRIPT = r"""
import json, sys, time
from pathlib import Path
from quantulum3 import parser
budget, paths = float(sys.argv[1]), sys.argv[2:]
done, chars, found, started, cpu, out = 0, 0, 0, time.perf_counter(), time.process_time(), {}
for path in paths:
    text = Path(path).read_text(encoding="utf-8")
    try:
        quantities = parser.parse(text)
    except Exception:
        quantities = []
    out[path] = [[q.span[0], q.span[1], q.surface, q.value, q.unit.name, q.unit.entity.name] for q in quantities]
    done, chars, found = done + 1, chars + len(text.encode()), found + len(quantities)
    if time.perf_counter() - started > budget:
        break
print(json.dumps({"docs": done, "bytes": chars, "found": found, "seconds": time.perf_counter() - started,
                  "cpu": time.process_time() - cpu, "out": out}))
"""


def corpus(n_docs: int, seed: int) -> list[str]:
    """Copies of the raw/ reports with every digit redrawn, except that years stay years (shifted by up to two),
    so dates, periods and forecasts are exercised as in real reports."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "raw").glob("*.txt"))]

    def vary(m: re.Match[str]) -> str:
        if m.group("year"):
            return str(int(m.group("year")) + rng.randint(-2, 2))
        return "".join(str(rng.randint(0, 9)) for _ in m.group(0))

    return [NUMERALS.sub(vary, sources[i % len(sources)]) for i in range(n_docs)]


def ours(texts: list[str]) -> dict:
    started, cpu = time.perf_counter(), time.process_time()
    found = sum(len(extract_figures(Document(f"{i:064x}", f"d{i}.txt", "txt", (Page(None, t),))))
                for i, t in enumerate(texts))
    return {"docs": len(texts), "bytes": sum(len(t.encode()) for t in texts), "found": found,
            "seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu}


def quantulum(paths: list[Path], budget: float) -> dict:
    if not (VENV / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", "quantulum3"], check=True)
    run = subprocess.run([str(VENV / "bin" / "python"), "-c", QUANTULUM_SCRIPT, str(budget), *map(str, paths)],
                         check=True, capture_output=True, text=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def score_figures(frame) -> dict:
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score_figures(str(EVAL / "dev"), frame, 0)


def quantulum_frame(result: dict):
    import pandas as pd

    rows = []
    for path, quantities in result["out"].items():
        for start, end, surface, value, unit, entity in quantities:
            if unit == "dimensionless":
                continue
            code = CURRENCIES.get(unit, unit) if entity in ("currency", "dimensionless") or unit == "percentage" \
                else unit
            rows.append({"source_file": Path(path).name, "char_start": start, "char_end": end, "quote": surface,
                         "value": value, "unit": code})
    return pd.DataFrame(rows, columns=["source_file", "char_start", "char_end", "quote", "value", "unit"])


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--docs", type=int, default=1000)
    args.add_argument("--quantulum-seconds", type=float, default=60.0)
    args.add_argument("--seed", type=int, default=7)
    args.add_argument("--ours-only", action="store_true", help="time our extractor only (no quantulum3 venv)")
    opts = args.parse_args()
    texts = corpus(opts.docs, opts.seed)
    if opts.ours_only:
        r = ours(texts)
        print(f"reportfacts  {r['docs']:5d} docs {r['bytes'] / 1e6:7.2f} MB  wall {r['seconds']:7.2f} s  "
              f"cpu {r['cpu']:7.2f} s {r['bytes'] / 1e6 / r['cpu']:7.3f} MB/s  "
              f"{r['found'] / r['cpu']:7.0f} figures/cpu-s")
        return
    folder = CACHE / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"doc_{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    us = ours(texts)
    them = quantulum(paths, opts.quantulum_seconds)
    # Wall-clock rates depend on what else the machine runs; CPU-time rates are the per-core throughput.
    for name, r in (("reportfacts", us), ("quantulum3", them)):
        print(f"{name:12s} {r['docs']:5d} docs {r['bytes'] / 1e6:7.2f} MB  wall {r['seconds']:7.2f} s "
              f"{r['bytes'] / 1e6 / r['seconds']:7.3f} MB/s  "
              f"cpu {r['cpu']:7.2f} s {r['bytes'] / 1e6 / r['cpu']:7.3f} MB/s"
              f"  {r['found'] / r['cpu']:7.0f} figures/cpu-s")
    for clock in ("seconds", "cpu"):
        ratio = (us["bytes"] / us[clock]) / (them["bytes"] / them[clock])
        print(f"throughput ratio (reportfacts / quantulum3, MB/s, {'wall' if clock == 'seconds' else 'cpu'}): "
              f"{ratio:.1f}x")
    dev = EVAL / "dev" / "docs"
    ours_dev = score_figures(figures_frame([extract(loaders.load(p, dev)) for p in sorted(dev.iterdir())]))
    theirs_dev = score_figures(quantulum_frame(quantulum(sorted(dev.iterdir()), 1e9)))
    for name, r in (("reportfacts", ours_dev), ("quantulum3", theirs_dev)):
        print(f"dev gold   {name:12s} precision {r['precision']:.3f} recall {r['recall']:.3f} F1 {r['f1']:.3f}")


if __name__ == "__main__":
    main()
