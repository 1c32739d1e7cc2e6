"""The spaCy pipeline that reads a figure's sentence: where it is about and whom it is attributed to.

`build_nlp()` is the one place the pipeline is made: `spacy.blank("en")`, an `entity_ruler` whose geography
patterns are data (`extractors/patterns/geography.jsonl`, one pattern per line with the canonical name as its
id), and the `figure_context` component, which runs a `Matcher` over the attribution patterns
(`extractors/patterns/attribution.jsonl`: "According to FIRM", "estimates by FIRM", "Source: FIRM") and sets
`doc._.geography` and `doc._.firm`.

Only sentences that hold a figure are tokenized (about an eighth of a report's text): the tokenizer reads
~1.2 MB/s, too slow to run over whole documents within the figures extractor's speed target.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from extractors.context import firm_name

PATTERNS = Path(__file__).resolve().parent / "patterns"
US = re.compile(r"\bUS\b(?![$\\])")
ATTRIBUTION_CUE = re.compile(r"(?i:according[ \t]+to|estimates[ \t]+by|data[ \t]+from|sources?[ \t]*:)")

if not Doc.has_extension("geography"):
    Doc.set_extension("geography", default=None)
    Doc.set_extension("firm", default=None)


def _read_patterns(name: str) -> list[dict]:
    lines = (PATTERNS / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


class FigureContext:
    """Sets `doc._.geography` (the first place the sentence names) and `doc._.firm` (the firm it cites)."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = Matcher(nlp.vocab, validate=True)
        for row in _read_patterns("attribution.jsonl"):
            self.matcher.add(row["label"], [row["pattern"]], greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        places = [(ent.start_char, ent.ent_id_) for ent in doc.ents if ent.label_ == "GEO"]
        us = US.search(text)  # upper case only, so not the pronoun; not the "US$" of a currency
        places += [(us.start(), "United States")] if us else []
        doc._.geography = min(places)[1] if places else None
        if not ATTRIBUTION_CUE.search(text):
            return doc  # the token patterns cost a pass over every token; most sentences cite no one
        for _, start, end in sorted(self.matcher(doc), key=lambda m: m[1]):
            first = next((i for i in range(start + 1, end) if doc[i].text[:1].isupper()), None)
            if first is not None:
                doc._.firm = firm_name(doc[first:end].text)
                break
        return doc


@Language.factory("figure_context")
def make_figure_context(nlp: Language, name: str) -> FigureContext:
    return FigureContext(nlp)


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "validate": True})
    ruler.add_patterns(_read_patterns("geography.jsonl"))
    nlp.add_pipe("figure_context")
    return nlp


def sentence_context(sentence: str) -> tuple[str | None, str | None]:
    """(geography, firm) of one sentence."""
    doc = build_nlp()(sentence)
    return doc._.geography, doc._.firm
