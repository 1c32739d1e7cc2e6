"""Figure and ranking frames built from a gold set's labels: real labelled figures from real reports,
so the reconciler is tested independently of how well the extractors do."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from pathlib import Path

import pandas as pd

import schemas
from store.frames import stable_id

_BOUNDARY = re.compile(r"(?<!\bvs\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<=[.!?])\s+(?=[A-Z(\[\"'“])|\n")


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def sentence_at(text: str, start: int, end: int) -> tuple[int, str]:
    """The sentence around text[start:end] and where it begins."""
    bounds = [0, *(m.end() for m in _BOUNDARY.finditer(text)), len(text)]
    first = max(b for b in bounds if b <= start)
    last = min((m.start() for m in _BOUNDARY.finditer(text, end)), default=len(text))
    return first, text[first:last]


def gold_frames(gold_dir: Path) -> dict[str, pd.DataFrame]:
    docs = {p.name: p for p in sorted((gold_dir / "docs").iterdir())}
    doc_ids = {name: hashlib.sha256(p.read_bytes()).hexdigest() for name, p in docs.items()}
    texts = {name: p.read_text(encoding="utf-8") for name, p in docs.items()}
    figures = [_with_all_columns(_figure_row(g, doc_ids[g["doc"]], texts[g["doc"]]), "figures")
               for g in load_jsonl(gold_dir / "figures.jsonl")]
    rankings = [_ranking_row(i, g, doc_ids[g["doc"]]) for i, g in enumerate(load_jsonl(gold_dir / "rankings.jsonl"))]
    about = _sources_tsv(gold_dir)
    for row in figures:  # the firm a document cites, as the extractor's `publisher` gives it per figure
        row["publisher"] = about.get(row["source_file"], {}).get("cited")
    documents = pd.DataFrame([{"doc_id": doc_ids[n], "source_file": n, "format": "txt", "pages": 1, "title": n,
                               "publisher": about.get(n, {}).get("publisher"), "status": "ok", "error": None,
                               "n_figures": 0, "n_tables": 0, "n_rankings": 0,
                               "extracted_at": pd.Timestamp("2026-01-01", tz="UTC"),
                               "published": about.get(n, {}).get("published")}
                              for n in docs])
    documents = _with_all_columns_frame(documents, "documents")
    return {"figures": schemas.validate(pd.DataFrame(figures), "figures"),
            "rankings": schemas.validate(pd.DataFrame(rankings), "rankings"),
            "tables": schemas.empty("tables"), "documents": documents}


_CITED = re.compile(r"\((?:citing|reporting)\s+(?:the\s+)?(?P<firm>[^)]*?)(?:\s+(?:\d|Global|Snapshot|Renewable|"
                    r"Lithium|BESS|3Q|data|press|report|Research\b(?! Group)).*)?\)|\((?P<own>[^)]*?) press release\)")


def _sources_tsv(gold_dir: Path) -> dict[str, dict]:
    """Publisher, cited firm and printed date per document, from a gold set's sources.tsv where it has one
    (wide does; dev does not): "MobGSM (citing Canalys)" is published by MobGSM and cites Canalys."""
    path = gold_dir / "sources.tsv"
    if not path.exists():
        return {}
    table = pd.read_csv(path, sep="\t", dtype=str)
    out = {}
    for row in table.itertuples():
        cited = _CITED.search(row.publisher)
        firm = (cited["firm"] or cited["own"]).strip() if cited else None
        date = re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", row.date or "")
        out[row.file] = {"publisher": row.publisher.split(" (")[0].strip(), "cited": firm,
                         "published": date[0] if date else None}
    return out


def _with_all_columns_frame(documents: pd.DataFrame, name: str) -> pd.DataFrame:
    """The documents validated; `published` kept beside the contract's columns until the contract has it."""
    published = documents.pop("published")
    valid = schemas.validate(documents, name)
    valid["published"] = published.to_numpy()
    if "published" in schemas.columns(name):
        return schemas.validate(valid, name)
    return valid


def _figure_row(g: dict, doc_id: str, text: str) -> dict:
    _, sentence = sentence_at(text, g["start"], g["end"])
    return {"figure_id": stable_id(doc_id, g["start"], g["end"], g["metric"]), "doc_id": doc_id,
            "source_file": g["doc"], "page": None, "char_start": g["start"], "char_end": g["end"],
            "quote": g["quote"], "sentence": sentence, "metric": g["metric"], "value": g["value"],
            "value_high": g["value_high"], "unit": g["unit"], "per": g["per"], "qualifier": g["qualifier"],
            "year": g["year"], "period_start": g["period_start"], "period_end": g["period_end"],
            "is_forecast": g["is_forecast"], "subject": g["subject"], "subject_key": None,
            "geography": g["geography"], "segment": g["segment"], "publisher": None, "extractor_version": "gold",
            "rule": "gold"}


def _with_all_columns(row: dict, name: str) -> dict:
    """Optional columns the contract adds later (e.g. value_low) are left empty: computed from the quote."""
    return {column: row.get(column) for column in schemas.columns(name)}


def _ranking_row(i: int, g: dict, doc_id: str) -> dict:
    return {"ranking_id": stable_id(doc_id, g["ranking"], g["rank"], g["entity"], i), "doc_id": doc_id,
            "source_file": g["doc"], "page": None, "ranking": g["ranking"], "rank": g["rank"],
            "entity": g["entity"], "value": g["value"], "unit": g["unit"], "year": g["year"],
            "from_sentence": g["from_sentence"]}


def score_findings(gold_dir: Path, findings: pd.DataFrame) -> dict:
    """The shared scorer's findings section for this frame."""
    spec = importlib.util.spec_from_file_location("eval_score", gold_dir.parent / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score_findings(str(gold_dir), findings, 20)


ARITHMETIC = ("CAGR", "relative to")  # a CAGR its endpoints do not produce, a stated ratio


def assert_dev_thresholds(gold_dir: Path, score: dict) -> None:
    """All 14 expected findings (the issue asked for 12; FORMAT.md's conventions leave no
    within-document corroboration), every corroboration and arithmetic inconsistency among them, and
    no trap reported as a conflict."""
    assert score["expected"] == 14 and score["traps"] == 14
    assert score["found"] >= 14, score["missed_examples"]  # 12 before classes a document draws were read
    assert score["traps_violated"] == 0, score["violated_traps"]
    gold = load_jsonl(gold_dir / "findings.jsonl")
    required = [g for g in gold if g["kind"] == "corroboration"
                or (g["kind"] == "inconsistency" and any(word in g["subject"] for word in ARITHMETIC))]
    assert len(required) == 11
    missed = set(score["missed_examples"])
    assert [g for g in required if f'{g["kind"]}: {g["subject"]} {g["values"]}' in missed] == []
