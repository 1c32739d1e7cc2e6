"""Money and percent recognition on Microsoft Recognizers-Text's English cases (../shared/eval/peers).

A case passes when the extractor finds exactly the expected amounts: same value, same unit, overlapping span,
and no other amount of that kind (NOTICE.md beside the cases). Only `in_scope` cases count.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from extractors.amounts import find_amounts

PEERS = Path(__file__).resolve().parents[3] / "shared" / "eval" / "peers" / "recognizers-text"
KINDS = {"currency.jsonl": "money", "percent.jsonl": "percent", "percent_mode.jsonl": "percent"}


def _cases(name: str) -> list[dict]:
    path = PEERS / name
    if not path.exists():
        pytest.skip(f"peer cases not found at {path}")
    return [c for c in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if c["in_scope"]]


def _passes(case: dict, kind: str) -> bool:
    found = [a for a in find_amounts(case["input"]) if a.kind == kind]
    if len(found) != len(case["expected"]):
        return False
    for want in case["expected"]:
        if not any(a.start < want["end"] and want["start"] < a.end and a.unit == want["unit"]
                   and math.isclose(float(a.value), want["value"], rel_tol=1e-6) for a in found):
            return False
    return True


@pytest.mark.parametrize("name", sorted(KINDS))
def test_recognizers_pass_rate(name: str) -> None:
    cases = _cases(name)
    failed = [c["id"] for c in cases if not _passes(c, KINDS[name])]
    rate = 1 - len(failed) / len(cases)
    print(f"\n{name}: {rate:.3f} of {len(cases)} in-scope cases pass; failing: {failed}")
    assert rate >= 0.90
