"""Rankings on made-up reports from industries no labelled set covers (tests/fixtures/unseen_rankings).

The probe was written before the ranking rules were read: positions in the forms issue 13 lists (top spot,
came second, followed by, a distant third, rounded out the top five, overtook ... to become, tied for, the
largest segment, the leading region, a top-N list, a rank column) and look-alikes that are no ranking (an
order only implied by values, "first-quarter", "second half", "top-line", "leading-edge", "Pro Max").
Entries are matched as the shared scorer matches them: document, rank and entity, case and spacing aside.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from extractors import loaders
from extractors.document import extract

PROBE = Path(__file__).resolve().parents[1] / "fixtures" / "unseen_rankings"
# Each probe: its documents and its gold. Each later one was written after the fixes for the one before, to check
# them on text they were not shaped on.
PROBES = {"first": ("docs", "rankings.jsonl"), "second": ("docs2", "rankings2.jsonl"),
          "third": ("docs3", "rankings3.jsonl"), "fourth": ("docs4", "rankings4.jsonl"),
          "fifth": ("docs5", "rankings5.jsonl"), "sixth": ("docs6", "rankings6.jsonl"),
          "seventh": ("docs7", "rankings7.jsonl"), "eighth": ("docs8", "rankings8.jsonl"),
          "ninth": ("docs9", "rankings9.jsonl")}

Key = tuple[str, int, str]


def _key(doc: str, rank: int, entity: str) -> Key:
    return doc, int(rank), " ".join(entity.lower().split())


def _gold(probe: str) -> list[dict]:
    lines = (PROBE / PROBES[probe][1]).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@cache
def _predicted(probe: str) -> tuple[dict, ...]:
    docs = PROBE / PROBES[probe][0]
    rows = []
    for path in sorted(docs.iterdir()):
        result = extract(loaders.load(path, docs))
        rows += [{"doc": path.name, "rank": e.rank, "entity": e.entity, "value": e.value, "year": e.year}
                 for e in result.rankings]
    return tuple(rows)


def _matches(predicted: tuple[dict, ...], gold: list[dict]) -> tuple[list[dict], list[dict], list[Key]]:
    """The predictions that match a gold entry (paired with it, one with the same value where there is one, as
    the shared scorer pairs them), the ones that match none, the gold missed."""
    open_gold: dict[Key, list[dict]] = {}
    for g in gold:
        open_gold.setdefault(_key(g["doc"], g["rank"], g["entity"]), []).append(g)
    hits, wrong = [], []
    for p in predicted:
        candidates = open_gold.get(_key(p["doc"], p["rank"], p["entity"]))
        if candidates:
            same = [g for g in candidates if g["value"] == p["value"] or (g["value"] is not None
                    and p["value"] is not None and abs(g["value"] - p["value"]) <= 1e-4 * abs(g["value"]))]
            paired = same[0] if same else candidates[-1]
            candidates.remove(paired)
            hits.append({**p, "gold": paired})
        else:
            wrong.append(p)
    return hits, wrong, [k for k, left in open_gold.items() for _ in left]


@pytest.mark.parametrize("probe", PROBES)
def test_probe_precision_recall_and_values(probe: str) -> None:
    gold, predicted = _gold(probe), _predicted(probe)
    hits, wrong, missed = _matches(predicted, gold)
    precision = len(hits) / len(predicted) if predicted else 0.0
    recall = len(hits) / len(gold)
    values = sum(h["value"] == pytest.approx(h["gold"]["value"], rel=1e-4) if h["gold"]["value"] is not None
                 else h["value"] is None for h in hits) / max(len(hits), 1)
    years = sum(h["year"] == h["gold"]["year"] for h in hits) / max(len(hits), 1)
    print(f"\n{probe} probe P {precision:.3f} R {recall:.3f} values {values:.3f} years {years:.3f}"
          f"\nwrong {wrong}\nmissed {missed}")
    # What the rules reach, a little below: the eighth probe keeps two misses ("We are number one", a name
    # with "|") as the held-out check it was written to be.
    assert precision >= 0.95
    assert recall >= 0.85
    assert values >= 0.90
    assert years >= 0.90


@pytest.mark.parametrize("probe", PROBES)
def test_look_alikes_give_no_entry(probe: str) -> None:
    predicted = _predicted(probe)
    # Ordinals and superlatives inside compounds and product names state no position.
    names = [" ".join(p["entity"].lower().replace("-", " ").split()) for p in predicted]
    assert not [n for n in names if any(compound in n for compound in COMPOUNDS)]
    # An order implied by values alone is no ranking; "one of the top five" is no position.
    named = {(p["doc"], p["entity"]) for p in predicted}
    assert not named & UNRANKED


# Words that look like positions inside compounds and names.
COMPOUNDS = ("first quarter", "second quarter", "first half", "second half", "top line", "top tier", "leading edge",
             "pro max", "third party", "second generation", "first generation", "first time", "fortune 500", "top 10",
             "top 50", "premium")

# Names the probes mention without stating a position for them.
UNRANKED = {
    ("industrial_robots.txt", "Korea"), ("industrial_robots.txt", "Germany"), ("industrial_robots.txt", "Electronics"),
    ("farm_drones.txt", "Brazil"), ("farm_drones.txt", "Argentina"), ("cyber_insurance.txt", "France"),
    ("cyber_insurance.txt", "Germany"), ("cyber_insurance.txt", "New Energy Group"), ("wind_turbines.txt", "Orsted"),
    ("craft_beer.txt", "Tilray"), ("dental_implants.txt", "ZimVie"), ("dental_implants.txt", "Envista Holdings"),
    ("airlines_news.txt", "Allegiant"), ("cement_market.md", "Top 50"), ("music_streaming.txt", "Spotify Premium"),
    ("pharma_sales.txt", "Merck"), ("pharma_sales.txt", "Novo Nordisk"), ("fast_food.md", "Wendy's"),
    ("fast_food.md", "Burger King"), ("fast_food.md", "Subway"), ("fast_food.md", "McCrispy"),
    ("cruise_lines.txt", "Viking"), ("hearing_aids.md", "Machine learning features"),
    ("hearing_aids.md", "New Hearing Group"), ("wine_exports.txt", "Portugal"), ("wine_exports.txt", "New Zealand"),
    ("telecom_operators.txt", "Vodacom"), ("coffee_chains.md", "Tim Hortons"), ("coffee_chains.md", "Manner"),
}
