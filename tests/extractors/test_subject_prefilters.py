"""The cheap tests before the subject's and the clause's costly patterns must never say no where the pattern says
yes, and a clause's words by str.split must be the words the pattern `\\S+` finds."""

from __future__ import annotations

import re

import pytest

from extractors import clauses, subjects
from extractors.figures import subject as figure_subject
from extractors.lexicon import may_contain

HOLDER_CASES = [
    "shopping malls and office buildings together accounted for ", "Acme Accounts For ", "the top three made up ",
    "Europe makes up ", "exports represented ", "services represent about ", "Asia contributed ", "Acme held ",
    "the leader holds ", "Globex captured ", "Initech took ", "Initech takes ", "the top five taking ",
    "Acme claimed ", "Acme claims roughly ", "Globex commanded ", "Globex commands ", "Globex COMMANDS ",
    "the market grew ", "revenue rose by ", "Acme ſhipped ",
]


@pytest.mark.parametrize("left", HOLDER_CASES)
def test_holding_stems_let_through_every_share_holder(left: str) -> None:
    holder = figure_subject.ACCOUNTED_FOR.search(left)
    if holder is not None:
        assert may_contain(left, figure_subject._HOLDING_STEMS)


COMPARED_CASES = [
    "BYD beat ", "BYD beats ", "it overtook ", "has overtaken its US rival ", "overtakes ", "Xiaomi outsold ",
    "outsells ", "surpassed ", "surpasses ", "topped ", "trailed ", "trails ", "bigger than the whole ",
    "against ", "versus ", "VERSUS ", "vs ", "vs. ", "ahead of ", "behind ", "its rival ", "rivals ",
    "then ", "and ", "sales at ",
]


@pytest.mark.parametrize("before", COMPARED_CASES)
def test_compared_name_agrees_with_the_pattern(before: str) -> None:
    text = f"In 2024 the maker {before}Tesla by 20 percent."
    name_start = text.index("Tesla")
    expected = clauses._COMPARED.search(text, max(0, name_start - 40), name_start) is not None
    assert clauses.compared_name(text, name_start) == expected


@pytest.mark.parametrize("subject", ["smartphone shipments", "India 50 GW solar capacity", "$17 billion or 22% higher",
                                     "smartphones priced above $250", "top 10 vendors", "  cloud \t spending  "])
def test_without_amounts_agrees_with_the_pattern_on_every_subject(subject: str) -> None:
    def dropped(m: re.Match[str]) -> str:
        return m.group(0) if subjects._THRESHOLD_BEFORE.search(subject, 0, m.start()) else " "
    assert subjects.without_amounts(subject) == " ".join(subjects._AMOUNT_IN_SUBJECT.sub(dropped, subject).split())


@pytest.mark.parametrize("text", [
    "In 2024, Acme\u00a0Corp, which is based in Ohio,\tbeat Globex\n by 20%",
    "  lead  spaces and a repeated word word word then more",
    " ".join(f"w{i}" for i in range(30)),
    "",
])
def test_clause_words_are_the_non_space_runs(text: str) -> None:
    expected = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)][:clauses._MOST_WORDS]
    assert clauses._words(text, 0, len(text)) == expected
    assert clauses._words(f"xx {text}", 3, len(text) + 3) == [(s + 3, e + 3, w) for s, e, w in expected]
