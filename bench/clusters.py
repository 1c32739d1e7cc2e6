"""Figure scores per topic cluster of the `wide` gold set: how the meaning of figures holds on reports of
industries the rules were not shaped on.

usage: .venv/bin/python bench/clusters.py OUT [--gold ../shared/eval/wide] [--dev CLUSTER,CLUSTER,...] [--show N]

OUT is a `reportfacts run --full` output folder over the gold set's docs. Each cluster (the `cluster` column
of `sources.tsv`) is scored on its own with the shared scorer (`shared/eval/score.py`); with --dev, the
development clusters and the held-out rest are also scored as two groups; --show N then prints the attribute
errors and misses of the development clusters only, so that the held-out ones can stay unread.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
COLUMNS = ("f1", "precision", "recall")
ATTRIBUTES = ("metric", "year", "subject", "is_forecast")


def load_scorer(eval_dir: Path):
    spec = importlib.util.spec_from_file_location("score", eval_dir / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def clusters(gold: Path) -> dict[str, list[str]]:
    """Cluster name -> the documents in it."""
    out: dict[str, list[str]] = {}
    with open(gold / "sources.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            out.setdefault(row["cluster"], []).append(row["file"])
    return out


def score_docs(scorer, gold: Path, docs: set[str], figures, show: int = 0) -> dict:
    """The scorer's figure result on the gold lines of `docs` only."""
    lines = [line for line in (gold / "figures.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip() and json.loads(line)["doc"] in docs]
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "figures.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return scorer.score_figures(tmp, figures, show)


def row(name: str, result: dict) -> str:
    cells = [f"{result.get(c, 0):.2f}" for c in COLUMNS] + [f"{result.get('attributes', {}).get(a, 0):.2f}"
                                                           for a in ATTRIBUTES]
    return f"| {name} | {result['gold']} | " + " | ".join(cells) + " |"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--gold", type=Path, default=EVAL / "wide")
    parser.add_argument("--dev", default="", help="comma-separated development clusters")
    parser.add_argument("--show", type=int, default=0, help="errors of the development clusters to print")
    args = parser.parse_args()
    if not (args.gold / "sources.tsv").exists():
        print(f"no gold set at {args.gold}", file=sys.stderr)
        return 1
    scorer = load_scorer(args.gold.parent)
    figures = scorer.read_out(str(args.out), "figures")
    groups = clusters(args.gold)
    print("| cluster | gold | " + " | ".join(COLUMNS + ATTRIBUTES) + " |")
    print("|---" * (2 + len(COLUMNS) + len(ATTRIBUTES)) + "|")
    for name, docs in sorted(groups.items()):
        print(row(name, score_docs(scorer, args.gold, set(docs), figures)))
    if args.dev:
        dev = set(args.dev.split(","))
        dev_docs = {d for name, docs in groups.items() if name in dev for d in docs}
        held = {d for docs in groups.values() for d in docs} - dev_docs
        print(row("**development**", score_docs(scorer, args.gold, dev_docs, figures)))
        print(row("**held out**", score_docs(scorer, args.gold, held, figures)))
        if args.show:
            shown = score_docs(scorer, args.gold, dev_docs, figures, args.show)
            for kind, errors in shown.get("attribute_errors", {}).items():
                print(f"\n{kind} errors (development clusters):", *errors, sep="\n  ")
            print("\nmissed (development clusters):", *shown.get("missed_examples", []), sep="\n  ")
    print(row("**all**", score_docs(scorer, args.gold, {d for docs in groups.values() for d in docs}, figures)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
