"""What the document has said so far, carried from sentence to sentence."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from extractors import context, dating, nlp, subjects
from extractors.context import Sentence


@dataclass
class _State:
    """What the document has said so far, for references back: "this market", "the 13.2% CAGR"."""

    doc_year: int | None
    publisher: str | None
    last_market: str | None = None
    topic: str | None = None  # the market the document's opening names
    text: str = ""  # the whole document's text
    _proper_words: frozenset[str] | None = None
    _abbreviations: dict[str, str] | None = None
    cagrs: dict[Decimal, tuple[tuple[int, int] | None, str | None]] = field(default_factory=dict)
    paragraph: int = -1
    # The paragraph's earlier sentences that write a year, read for the paragraph's year only when a figure
    # needs it (most never do), and what each gave.
    paragraph_dated: list[tuple[int, int]] = field(default_factory=list)
    dated_years: dict[tuple[int, int], int | None] = field(default_factory=dict)
    # The paragraph's sentences that may cite a firm ("according to X", "Source: X"), read for the firm only when
    # a figure asks for it (`paragraph_firm`): most citing lines close their paragraph or hold no figure.
    _citing: list[str] = field(default_factory=list)
    _paragraph_firm: str | None = None
    previous_years: list[int] = field(default_factory=list)
    listed_metric: str | None = None  # the measure of the paragraph's last percentage, for lists that go on
    percent_metrics: Counter[str] = field(default_factory=Counter)  # the measures of the document's percentages
    page: context.PageIndex | None = None  # the page being read

    def proper_words(self) -> frozenset[str]:
        """The words the document capitalises inside sentences (names), found when first asked for."""
        if self._proper_words is None:
            self._proper_words = subjects.inner_capitals(self.text)
        return self._proper_words

    def page_index(self) -> context.PageIndex:
        """The page being read; `extract_figures` sets it before the page's first sentence is read."""
        assert self.page is not None, "no page is being read"
        return self.page

    def year_scope(self) -> dating.YearScope:
        """The years of the page being read; set with `page`."""
        assert self.scope is not None, "no page is being read"
        return self.scope

    @property
    def paragraph_firm(self) -> str | None:
        """The firm the paragraph's latest sentence that names one cites."""
        for sentence in self._citing:
            firm = nlp.sentence_context(sentence)[1]
            if firm:
                self._paragraph_firm = firm
        self._citing.clear()
        return self._paragraph_firm

    def cite(self, sentence: str) -> None:
        """A sentence of the paragraph that may cite a firm."""
        self._citing.append(sentence)

    def new_paragraph(self, number: int) -> None:
        self.paragraph, self.paragraph_dated, self.dated_years = number, [], {}
        self._citing, self._paragraph_firm = [], None
        self.listed_metric = None

    def abbreviations(self) -> dict[str, str]:
        """The abbreviations the document defines ("Middle East and Africa (MEA)"), found when first asked for."""
        if self._abbreviations is None:
            self._abbreviations = subjects.abbreviations(self.text)
        return self._abbreviations
    scope: dating.YearScope | None = None  # the page's headings' years and the document's
    published: str | None = None  # the document's printed date (ISO)
    about_a_market: bool = False  # the document's opening names a market or industry as its topic


# Not frozen: built once per sentence, and a frozen dataclass's __init__ costs 2.5x. Nothing assigns to it.
@dataclass(slots=True)
class _SentenceView:
    """The sentence being read with what every stage reads it with: the page's text, the sentence's span and the
    document's state. Built once per sentence by the sentence loop, in place of `(text, sentence, state)`."""

    text: str  # the page's text, which the sentence's offsets index
    sentence: Sentence
    state: _State

