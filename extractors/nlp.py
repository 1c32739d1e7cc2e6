"""The spaCy pipeline that reads a figure's sentence: where it is about and whom it is attributed to.

`build_nlp()` is the one place the pipeline is made: `spacy.blank("en")` and the `figure_context` component,
which runs a `PhraseMatcher` over the geography patterns (data: `extractors/patterns/geography.jsonl`, one
pattern per line with the canonical name as its id) and a `Matcher` over the attribution patterns
(`extractors/patterns/attribution.jsonl`: "According to FIRM", "estimates by FIRM", "Source: FIRM"), and sets
`doc._.geography` and `doc._.firm`.

Only sentences that hold a figure are tokenized (about an eighth of a report's text): the tokenizer reads
~1.2 MB/s, too slow to run over whole documents within the figures extractor's speed target.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

import numpy
import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from extractors import publishers
from extractors.context import firm_name
from extractors.lexicon import may_contain, read_patterns
from extractors.numbers import word_alternation

DIGIT = re.compile(r"\d")

if not Doc.has_extension("geography"):
    Doc.set_extension("geography", default=None)
    Doc.set_extension("firm", default=None)
    Doc.set_extension("firm_span", default=None)  # (start, end) characters of the firm's name
if not Doc.has_extension("places"):
    Doc.set_extension("places", default=())  # (start character, canonical name) of every place, in order


class FigureContext:
    """Sets `doc._.geography` (the first place the sentence names) and `doc._.firm` (the firm it cites).

    Works on token ids only (`Doc.to_array`, the `PhraseMatcher`): touching tokens one by one from Python
    creates a `Token` object each, and that, not the matching, was most of the pipeline's time."""

    def __init__(self, nlp: Language) -> None:
        # The places, by canonical name: a phrase matched in any case ("East China" is China).
        self.places = PhraseMatcher(nlp.vocab, attr="LOWER")
        by_place: dict[str, list[Doc]] = {}
        for row in read_patterns("geography.jsonl"):
            by_place.setdefault(str(row["id"]), []).append(nlp.make_doc(str(row["pattern"])))
        for place, phrases in by_place.items():
            self.places.add(place, phrases)
        patterns = read_patterns("attribution.jsonl")
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        for row in patterns:
            self.matcher.add(row["label"], [row["pattern"]], greedy="LONGEST")
            self.cues.add("CUE", [nlp.make_doc(_cue(row["pattern"]))])
        self.us = nlp.vocab.strings.add("US")  # upper case only: not the pronoun; "US$" is a token of its own

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        places = [(start, strings[key]) for key, start, end in _longest_first(self.places(doc))
                  if not _in_a_name(doc, start, end)]
        us = numpy.flatnonzero(doc.to_array("ORTH") == self.us)
        places += [(int(i), "United States") for i in us]
        places.sort()
        doc._.geography = places[0][1] if places else None
        doc._.places = tuple((doc[i].idx, place) for i, place in places)
        if self.cues(doc):  # the token patterns cost a pass over every token; most sentences cite no one
            self._attribute(doc)
        return doc

    def _attribute(self, doc: Doc) -> None:
        for _, start, end in sorted(self.matcher(doc), key=lambda m: m[1]):
            first = next((i for i in range(start + 1, end) if doc[i].text[:1].isupper()), None)
            if first is not None:
                span = doc[first:end]
                doc._.firm, doc._.firm_span = firm_name(span.text), (span.start_char, span.end_char)
                return


# A place word inside a firm's name is no place: "SolarPower Europe" (a run-together name before it), "Asia
# Pacific Research" (a word that names an organisation after it).
_ORGANISATION_WORDS = frozenset("research intelligence insights analytics group association council institute agency "
                                "inc ltd corp corporation holdings partners capital securities bank foundation "
                                "federation alliance society forum".split())
_RUN_TOGETHER_NAME = re.compile(r"[A-Z][a-z]+[A-Z][A-Za-z]*")


def _longest_first(matches: Iterable[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The place matches that do not overlap, as an entity ruler would keep them: the longest first, then the
    earliest ("South China" over "China")."""
    kept: list[tuple[int, int, int]] = []
    taken: set[int] = set()
    for key, start, end in sorted(set(matches), key=lambda m: (m[2] - m[1], -m[1]), reverse=True):
        if start != end and start not in taken and end - 1 not in taken:
            kept.append((key, start, end))
            taken.update(range(start, end))
    return kept


def _in_a_name(doc: Doc, start: int, end: int) -> bool:
    after = doc[end].text if end < len(doc) else ""
    before = doc[start - 1].text if start > 0 else ""
    return after[:1].isupper() and after.lower() in _ORGANISATION_WORDS or bool(_RUN_TOGETHER_NAME.fullmatch(before))


def _cue(pattern: list[dict]) -> str:
    """The literal words an attribution pattern starts with: "according to", "source :"."""
    words = []
    for token in pattern:
        value = token.get("LOWER", token.get("ORTH"))
        if not isinstance(value, str) or "OP" in token:
            break
        words.append(value)
    return " ".join(words)


@Language.factory("figure_context")
def make_figure_context(nlp: Language, name: str) -> FigureContext:
    return FigureContext(nlp)


@lru_cache(maxsize=1)
def _prefilter() -> re.Pattern[str]:
    """Any word a geography pattern starts with, the words an attribution pattern starts with ("data from",
    "source:"), or "US" but not "US$" (one token, a currency); a sentence without one skips the pipeline, whose
    answer for it would be the same: no place, no firm of its own. (Tokens of a cue follow each other with at
    most spaces between them, so a cue's words are matched with spaces or nothing between.)"""
    words = {str(row["pattern"]).split()[0].lower() for row in read_patterns("geography.jsonl")}
    cues = {r"\s*".join(map(re.escape, _cue(row["pattern"]).split())) for row in read_patterns("attribution.jsonl")}
    return re.compile(r"\b(?:" + word_alternation(sorted(words)) + r")(?!\w)|\b(?:" + "|".join(sorted(cues)) + ")"
                      + r"|(?-i:\bUS\b(?!\$))", re.IGNORECASE)


def _could_have_context(sentence: str) -> bool:
    places, cues = _prefilter_words()
    if places is not None and sentence.isascii() and "US" not in sentence and not may_contain(sentence, cues) \
            and places.isdisjoint(_WORD.findall(sentence.lower())):
        return False  # no place's first word, no cue, no "US": known without trying the pattern at every letter
    return _prefilter().search(sentence) is not None


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _prefilter_words() -> tuple[frozenset[str] | None, tuple[str, ...]]:
    """What the prefilter's branches need, for a cheaper test first: the first run of word characters of every
    word a geography pattern starts with ("u" of "u.s.", "asia" of "asia-pacific"; in ASCII text the place branch
    matches only where such a run is one of these; None if a pattern starts otherwise), and the first word of
    every attribution cue."""
    runs = [_WORD.match(str(row["pattern"]).split()[0].lower()) for row in read_patterns("geography.jsonl")]
    places = frozenset(m.group() for m in runs if m) if all(runs) else None
    cues = tuple(sorted({_cue(row["pattern"]).split()[0] for row in read_patterns("attribution.jsonl")}))
    return places, cues


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    # The places are matched inside `figure_context`, not by an `entity_ruler`: setting `doc.ents` and the ruler's
    # per-call guards cost more than the matching, and nothing reads the entities but `figure_context`.
    nlp = spacy.blank("en")
    nlp.add_pipe("figure_context")
    return nlp


@lru_cache(maxsize=1)
def _components() -> tuple[Callable[[Doc], Doc], ...]:
    return tuple(component for _, component in build_nlp().pipeline)


def _read(text: str) -> Doc:
    """`build_nlp()(text)` without what `Language.__call__` looks up again on every call (the list of its
    components, each one's error handler and settings): a third of the pipeline's time on a sentence."""
    doc = build_nlp().make_doc(text)
    for component in _components():
        doc = component(doc)
    return doc


def sentence_context(sentence: str) -> tuple[str | None, str | None]:
    """(geography, firm) of one sentence: its first place and the firm it cites."""
    places, firm = sentence_places_and_firm(sentence)
    return (places[0][1] if places else None), firm


def place_at(places: tuple[tuple[int, str], ...], offset: int) -> str | None:
    """The place a figure at `offset` in its sentence belongs to: the nearest named before it, else the first
    after. In "rose in the Americas (44.8%), China (18.3%) and Japan (-0.4%)" each item keeps its own place,
    and in "China took 60% of global capacity" the share is China's."""
    before = [place for start, place in places if start < offset]
    if before:
        return before[-1]
    return places[0][1] if places else None


# Memoized: a sentence is read once per figure it holds and again where its page cites a firm; the pipeline is
# the costliest step of the figures extractor.
@lru_cache(maxsize=1024)
def sentence_places_and_firm(sentence: str) -> tuple[tuple[tuple[int, str], ...], str | None]:
    """(places, firm) of one sentence: every place with its offset, and the firm it cites.

    Digits are read as zeros (same length, so offsets hold): every distinct number would otherwise stay in the
    vocabulary's string store for the life of the process, which grows and slows a long run."""
    if not _could_have_context(sentence):
        return (), publishers.sentence_firm(sentence)
    doc = _read(DIGIT.sub("0", sentence))
    firm = None
    if doc._.firm is not None and doc._.firm_span is not None:
        # Trimmed to the firm: "BNEF. Neighbouring India", "IEA PVPS' Snapshot", "IDC Worldwide ... Tracker".
        firm = publishers.clean_firm(sentence[doc._.firm_span[0]:doc._.firm_span[1]])
    return doc._.places, firm or publishers.sentence_firm(sentence)


# "excluding X", "stripping out (the effects of) X", "not counting X": the figure measures the whole less X.
_EXCLUSION = re.compile(r"\b(?i:excluding|stripping[ \t]+out|leaving[ \t]+out|not[ \t]+counting|net[ \t]+of)"
                        r"(?:[ \t]+the[ \t]+effects?[ \t]+of)?[ \t]*(?P<what>[^,;:()]{3,60}?)[ \t]*"
                        r"(?=[,;:()]|\.(?!\w)(?!\s+[a-z])|[ \t]+(?:to|at|by|of|from)[ \t]+\D?\d|$)")  # not at "U.S."


_EXCLUSION_WORDS = ("excluding", "stripping", "leaving", "counting", "net")  # one of them is in every exclusion


def excluded_part(sentence: str, offset: int) -> str | None:
    """What the figure at `offset` leaves out, as its segment ("excluding political ad spending"), so that it is
    compared only with figures that leave out the same. A clause that opens the sentence scopes all of it;
    elsewhere the exclusion belongs to the comma-delimited clause it stands in."""
    if not may_contain(sentence, _EXCLUSION_WORDS):
        return None  # most sentences: the pattern is not tried at each of their characters
    for m in _EXCLUSION.finditer(sentence):
        opens = not sentence[:m.start()].strip()
        clause_start = sentence.rfind(",", 0, m.start()) + 1
        clause_end = min((i for i in (sentence.find(",", m.end()), sentence.find(";", m.end())) if i >= 0),
                         default=len(sentence))
        if opens or clause_start <= offset < clause_end:
            return "excluding " + " ".join(m.group("what").split())
    return None

