"""The spaCy pipeline of extractors/nlp.py: geography and attribution of a figure's sentence, patterns as data."""

from __future__ import annotations

import pytest

from extractors.figures import extract_figures
from extractors.model import Document, Page
from extractors.nlp import _could_have_context, _prefilter, build_nlp, excluded_part, sentence_context

CASES = [
    ("The U.S. cold chain logistics market is estimated to reach USD 148.6 billion by 2032.", "United States", None),
    ("The market in the US grew 12%.", "United States", None),
    ("The market was valued at US$10.7 billion in 2024.", None, None),  # a currency, not a place
    ("Let us compare 12% with 15%.", None, None),  # the pronoun
    ("By region, East China contributed RMB3.9 billion.", "China", None),
    ("Asia-Pacific dominated with a share of 38.72%.", "Asia Pacific", None),
    ("According to the F&S Report, the market grew 28.4% a year.", None, "F&S"),
    ("According to Meridian Insight Partners, Europe held 24%.", "Europe", "Meridian Insight Partners"),
    ("Source: QYResearch, 2024", None, "QYResearch"),
    ("The data from 2023 show 12% growth.", None, None),  # "data from" a year names no firm
]


@pytest.mark.parametrize(("sentence", "geography", "firm"), CASES, ids=[c[0][:40] for c in CASES])
def test_sentence_context(sentence: str, geography: str | None, firm: str | None) -> None:
    assert sentence_context(sentence) == (geography, firm)


SKIPPED = ["Revenue was US$5.2 billion, up from US$4.1 billion.", "Costs fell to US$-based levels of 12%.",
           "The data show 12% growth.", "Our sources say 12%.", "It rose 12% in 2024."]


@pytest.mark.parametrize("sentence", [c[0] for c in CASES] + SKIPPED)
def test_prefilter_skips_only_sentences_the_pipeline_reads_nothing_in(sentence: str) -> None:
    doc = build_nlp()(sentence)
    if not _could_have_context(sentence):
        assert (doc._.places, doc._.firm) == ((), None)
    if sentence in SKIPPED:
        assert not _could_have_context(sentence)


# Places and cues written in other cases and shapes, text beyond ASCII, and near misses: the cheap test that runs
# before the prefilter's pattern must never say no where the pattern says yes.
SHAPES = ["ASIA-PACIFIC revenue grew 4%.", "u.s. sales rose 3%.", "Sales in Türkiye rose 5%.", "İtaly took 9%.",
          "Chinese buyers spent $4 billion.", "accordingly, 5% of firms", "Estimates by IDC put it at 7%.",
          "SOURCES: Acme, 2024", "Datafrom the survey: 5%", "The asian market grew 3%.", "Usage rose 12%."]


@pytest.mark.parametrize("sentence", [c[0] for c in CASES] + SKIPPED + SHAPES)
def test_cheap_test_agrees_with_the_prefilter_pattern(sentence: str) -> None:
    assert _could_have_context(sentence) == (_prefilter().search(sentence) is not None)


@pytest.mark.parametrize(("sentence", "part"), [
    ("EXCLUDING one-off items, revenue rose 5%.", "excluding one-off items"),
    ("Net of returns, sales were $5 million.", "excluding returns"),
    ("Sales rose 5% from the net year.", None),
    ("Sales rose 5% (not counting Japan).", "excluding Japan"),
    ("Leaving out the effects of currency, margins were 5%.", "excluding currency"),
    ("Excluding Japan, sales rose 5%.", "excluding Japan"),
    # the part left out ends before the number the clause moves to, not at the point of "4.5" or "U.S."
    ("It cut its growth estimate excluding hardware to 4.5%, from 6%.", "excluding hardware"),
    ("Sales rose 5% excluding the U.S. market.", "excluding the U.S. market"),
])
def test_excluded_part(sentence: str, part: str | None) -> None:
    assert excluded_part(sentence, sentence.index("5")) == part


def test_pipeline_is_blank_english_with_rule_components() -> None:
    nlp = build_nlp()
    assert nlp.lang == "en" and nlp.pipe_names == ["figure_context"]
    assert len(nlp.get_pipe("figure_context").places) > 50  # the places were read from their data file


def test_figures_carry_the_sentence_context() -> None:
    text = ("According to the F&S Report, the market size of China's cleaning robot market "
            "reached RMB8.7 billion in 2023.")
    [figure] = extract_figures(Document("0" * 64, "p.txt", "txt", (Page(None, text),)))
    assert (figure.geography, figure.publisher) == ("China", "F&S")


def test_a_paragraph_keeps_the_firm_its_latest_citing_sentence_names() -> None:
    text = ("According to Acme Research, demand is strong. Sources say so. Data from Globex Analytics agree. "
            "Sales reached $4 billion in 2023.\n\nSales reached $5 billion in 2024.")
    first, second = extract_figures(Document("0" * 64, "p.txt", "txt", (Page(None, text),)))
    assert first.publisher == "Globex Analytics"
    assert second.publisher != "Globex Analytics"  # a new paragraph cites no one of its own
