import json
from collections import Counter
from pathlib import Path

import pytest

from extractors import loaders
from extractors.model import Document, Page, Table
from extractors.rankings import extract_rankings
from extractors.tables import extract_tables

DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev"


def score(raw: Path) -> tuple[float, float]:
    """(F1, value accuracy) of rankings against the dev gold, matched on (doc, rank, entity)."""
    gold = [json.loads(line) for line in (DEV / "rankings.jsonl").read_text().splitlines() if line.strip()]
    wanted: dict[tuple, list] = {}
    for g in gold:
        wanted.setdefault((Path(g["doc"]).stem, g["rank"], g["entity"].lower()), []).append(g["value"])
    tp = value_ok = n_pred = 0
    for path in loaders.discover(raw):
        doc = loaders.load(path, raw)
        for e in extract_rankings(doc, extract_tables(doc)):
            n_pred += 1
            values = wanted.get((path.stem, e.rank, e.entity.lower()))
            if values:
                v = e.value if e.value in values else values[-1]
                values.remove(v)
                tp += 1
                value_ok += v == e.value or (v is not None and e.value is not None and abs(v - e.value) < 1e-6)
    f1 = 2 * tp / (n_pred + len(gold)) if n_pred + len(gold) else 0.0
    return f1, value_ok / tp if tp else 0.0


@pytest.mark.skipif(not DEV.exists(), reason="no dev gold set")
def test_dev_rankings() -> None:
    f1, value_accuracy = score(DEV / "docs")
    assert f1 >= 0.97 and value_accuracy >= 0.97


def _doc(text: str) -> Document:
    return Document("0" * 64, "r.txt", "txt", (Page(None, text),))


def test_table_ranking_keeps_ties_and_takes_unit_from_header() -> None:
    table = Table(None, (("Rank", "Company", "Model", "Arena ELO"), ("1", "A", "M-1", "1,355"),
                         ("1", "B", "M-2", "1,355"), ("3", "C", "M-3", "1,200")),
                  title="Video Arena Leaderboard", notes=("As of June 22, 2025.",))
    entries = extract_rankings(_doc(""), [table])
    assert [(e.rank, e.entity, e.value, e.unit, e.year) for e in entries] == [
        (1, "M-1", 1355.0, "ELO", 2025), (1, "M-2", 1355.0, "ELO", 2025), (3, "M-3", 1200.0, "ELO", 2025)]


def test_table_without_rank_column_is_not_a_ranking() -> None:
    assert extract_rankings(_doc(""), [Table(None, (("Company", "Share"), ("A", "3%")))]) == []


@pytest.mark.parametrize("sentence,rank,entity,value", [
    ("According to CIC, Acme is the tenth largest robot company globally in terms of revenue in 2024, "
     "with a market share of 0.3%.", 10, "Acme", 0.3),
    ("Upon release, Zeta's models achieved the No.1 ranking among all open-source models.", 1, "Zeta", None),
    ("Foo ranked No. 2 among cloud vendors in 2023.", 2, "Foo", None),
])
def test_sentence_rankings(sentence: str, rank: int, entity: str, value: float | None) -> None:
    [entry] = extract_rankings(_doc(sentence), [])
    assert (entry.rank, entry.entity, entry.value, entry.from_sentence) == (rank, entity, value, True)


def test_pronoun_takes_the_previous_sentence_subject() -> None:
    text = ("For example, Omega-2, a new model, shipped in May. "
            "Within a week, it became a top three model worldwide by usage.")
    [entry] = extract_rankings(_doc(text), [])
    assert (entry.rank, entry.entity) == (3, "Omega-2")


def test_no_ranking_without_a_named_subject() -> None:
    text = ("Given that peers are large, ranking among the global top ten is remarkable. "
            "One of the fastest-growing markets.")
    assert extract_rankings(_doc(text), []) == []


def test_two_rankings_are_never_merged() -> None:
    text = "Acme is the largest robot maker in Japan. Acme is the second largest robot maker in Europe."
    names = Counter(e.ranking for e in extract_rankings(_doc(text), []))
    assert len(names) == 2
