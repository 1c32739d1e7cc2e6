"""The shared vocabulary of the pipeline: a loaded document and what is extracted from it.

Spans are half-open: `start` is inclusive, `end` exclusive, and they index
`Page.text` (a Python str), so `page.text[start:end] == quote` always holds.
A text, Markdown or HTML file has one page whose `number` is None; a PDF has
one page per PDF page, numbered from 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["ok", "failed", "skipped"]
Metric = Literal[
    "market_size", "cagr", "market_share", "growth_rate", "revenue", "price",
    "cost", "count", "multiplier", "other_percent", "other",
]
Qualifier = Literal["exact", "approx", "upper_bound", "lower_bound", "range"]


@dataclass(frozen=True)
class Page:
    number: int | None
    text: str


@dataclass(frozen=True)
class Document:
    doc_id: str  # hex SHA-256 of the file's bytes
    source_file: str  # path relative to the raw folder, with "/" separators
    format: str  # txt, md, html, pdf, docx, pptx, xlsx
    pages: tuple[Page, ...]
    title: str | None = None
    # Tables a loader found structurally (HTML <table>, PDF ruled tables), per page number.
    tables: tuple[Table, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)


@dataclass(frozen=True)
class Figure:
    page: int | None
    char_start: int
    char_end: int
    quote: str
    sentence: str
    metric: str
    value: float
    unit: str
    value_high: float | None = None
    per: str | None = None
    qualifier: str = "exact"
    year: int | None = None
    period_start: int | None = None
    period_end: int | None = None
    is_forecast: bool = False
    subject: str | None = None
    subject_key: str | None = None
    geography: str | None = None
    segment: str | None = None
    publisher: str | None = None
    rule: str = ""  # the name of the rule that found the figure
    # The rounding interval of the printed value, [value_low, value_upper): "10.7 billion" -> [10.65e9, 10.75e9).
    value_low: float | None = None
    value_upper: float | None = None
    direction: str | None = None  # "up" or "down" for a change; a worded decline keeps a positive value


@dataclass(frozen=True)
class Table:
    page: int | None
    rows: tuple[tuple[str, ...], ...]  # rows[0] is the header
    title: str | None = None
    source: str | None = None
    notes: tuple[str, ...] = ()
    char_start: int | None = None  # span of the table in its page's text, where it has one
    char_end: int | None = None


@dataclass(frozen=True)
class RankedEntry:
    ranking: str
    rank: int
    entity: str
    value: float | None = None
    unit: str | None = None
    year: int | None = None
    from_sentence: bool = False
    page: int | None = None
    char_start: int | None = None
    char_end: int | None = None


@dataclass
class Extraction:
    """Everything one document yields; a failed document has only `error` set."""

    doc_id: str
    source_file: str
    format: str
    pages: int = 0
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # the document's printed date, ISO: "2025-01-13", "2025-01" or "2025"
    status: Status = "ok"
    error: str | None = None
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    rankings: list[RankedEntry] = field(default_factory=list)
    also_named: list[str] = field(default_factory=list)  # identical files under other names
