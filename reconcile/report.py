"""The reconciliation report, for people: a self-contained HTML page and the same content in Markdown.

The page has inline CSS and inline SVG charts and loads nothing. Every string that
comes from a document goes through Jinja2's autoescape (HTML) or `md_escape`
(Markdown), so a report's text can never become markup.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote

import jinja2
import pandas as pd

from reconcile.consensus import consensus_series
from reconcile.formatting import fmt_value
from reconcile.model import prepare_figures, records
from reconcile.review import Mark, reviewed_order
from reconcile.settings import ReconcileSettings
from reconcile.sources import IMPLIED_CHECK
from schemas.atomic import write_text_atomic

TEMPLATES = Path(__file__).parent / "templates"
# Report order: contradictions first, then a document's own errors, then hints (a CAGR's implied value
# is an average, not a contradiction), then agreement, then one source's revisions.
KINDS = ["conflict", "inconsistency", "implied", "corroboration", "revision"]
KIND_LABELS = {"conflict": "Conflict", "inconsistency": "Inconsistency", "implied": "Implied value differs",
               "corroboration": "Corroboration", "revision": "Revision"}
KIND_PLURALS = {"conflict": "Conflicts", "inconsistency": "Inconsistencies", "implied": "Implied values differ",
                "corroboration": "Corroborations", "revision": "Revisions"}
METRIC_LABELS = {"market_size": "market size", "cagr": "CAGR", "market_share": "share", "growth_rate": "change",
                 "revenue": "revenue", "price": "price", "cost": "cost", "count": "count",
                 "multiplier": "multiple", "other_percent": "percentage", "other": "value"}
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
CHART_W, CHART_H, PAD = 420, 200, 48
# The report stays readable (and cheap to write) on a large corpus: it lists the most severe MAX_LISTED findings
# of each kind, quotes MAX_SOURCES sources of each and charts MAX_CHARTS subjects; findings.parquet has them all.
MAX_LISTED = 50
MAX_SOURCES = 10
MAX_CHARTS = 40


@dataclass
class Source:
    file: str
    page: int | None
    value: str
    quote: str
    before: str
    after: str
    publisher: str = ""  # the source the value is attributed to (cited firm, else the document's publisher)
    href: str = ""  # the source file, relative to the report (with #page=N for a PDF); empty if unknown


@dataclass
class RankedView:
    file: str
    ranking: str
    rank: int
    entity: str
    value: str


@dataclass
class FindingView:
    number: int
    kind: str
    label: str
    severity: str
    check: str
    subject: str
    metric: str
    when: str
    explanation: str
    values: str
    sources: list[Source] = field(default_factory=list)
    entries: list[RankedView] = field(default_factory=list)
    more_sources: int = 0  # sources beyond MAX_SOURCES, not quoted
    finding_id: str = ""
    review: str = ""  # the analyst's mark from review.csv: accepted, dismissed, or empty
    note: str = ""


@dataclass
class ConsensusRow:
    when: str
    n_sources: int
    low: str
    median: str
    high: str
    spread: str
    outlier: str
    said: list[tuple[str, str]]  # (source, value), lowest first


@dataclass
class ConsensusView:
    title: str
    rows: list[ConsensusRow]
    chart: Chart | None


@dataclass
class Series:
    file: str
    color: str
    points: list[tuple[int, float, str]]  # year, value, quote
    path: str = ""
    dots: list[tuple[float, float, str]] = field(default_factory=list)  # x, y, tooltip


@dataclass
class Chart:
    title: str
    unit: str
    years: list[int]
    series: list[Series]
    x_ticks: list[tuple[float, int]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)


def write_report(out_dir: Path, findings: pd.DataFrame, figures: pd.DataFrame, documents: pd.DataFrame,
                 rankings: pd.DataFrame | None = None, consensus: pd.DataFrame | None = None,
                 marks: dict[str, Mark] | None = None, raw_dir: Path | None = None) -> str:
    """Write reconciliation.html and reconciliation.md atomically; return the Markdown.

    `figures` may be the frame `reconcile.model.prepare_figures` made for the findings: it is then reused;
    otherwise only the figures the report quotes are prepared. `consensus` is the consensus frame
    (`reconcile.consensus`), `marks` the analyst's review marks (`reconcile.review`), and `raw_dir` the
    folder the source files are in, for links from the report to them."""
    links = _Links(Path(out_dir), raw_dir)
    context = report_context(findings, figures, documents, rankings, consensus, marks or {}, links)
    markdown = _environment(html=False).get_template("report.md.j2").render(**context)
    html = _environment(html=True).get_template("report.html.j2").render(**context)
    write_text_atomic(html, Path(out_dir) / "reconciliation.html")
    write_text_atomic(markdown, Path(out_dir) / "reconciliation.md")
    return markdown


def shown_kind(kind: str, check: str) -> str:
    """The report shows a conflict that rests on a CAGR's implied value apart: it is a hint, not a contradiction."""
    return "implied" if kind == "conflict" and check == IMPLIED_CHECK else kind


def report_context(findings: pd.DataFrame, figures: pd.DataFrame, documents: pd.DataFrame,
                   rankings: pd.DataFrame | None = None, consensus: pd.DataFrame | None = None,
                   marks: dict[str, Mark] | None = None, links: _Links | None = None) -> dict:
    marks, links = marks or {}, links or _Links(None, None)
    shown_kinds = [shown_kind(k, c) for k, c in zip(findings["kind"], findings["check"])]
    counts = Counter(shown_kinds)
    listed = reviewed_order(_listed(findings, shown_kinds), marks)
    wanted = {i for ids in listed["figure_ids"] for i in list(ids)[:MAX_SOURCES]}
    by_id = {r.figure_id: r for r in records(_prepared(figures, wanted, documents))} if wanted else {}
    ranked = {r.ranking_id: r for r in records(rankings)} if rankings is not None and len(rankings) else {}
    severities = findings["severity"].value_counts().to_dict() if len(findings) else {}
    reviewed = Counter(m.status for i, m in marks.items() if i in set(findings["finding_id"]))
    return {
        "n_documents": len(documents), "n_findings": len(findings),
        "n_figures": int((figures["rule"] != "table").sum()) if "rule" in figures.columns else len(figures),
        "counts": [(KIND_PLURALS[k], k, int(counts.get(k, 0))) for k in KINDS],
        "severities": [(s, int(severities.get(s, 0))) for s in ("high", "medium", "low", "info")],
        "reviewed": [(status, int(reviewed.get(status, 0))) for status in ("accepted", "dismissed")],
        "findings": [_finding_view(i + 1, f, by_id, ranked, marks, links)
                     for i, f in zip(listed.index, records(listed))],
        "not_listed": [(KIND_PLURALS[k], counts[k] - MAX_LISTED) for k in KINDS if counts[k] > MAX_LISTED],
        "consensus": consensus_views(consensus) if consensus is not None and len(consensus) else [],
        "n_consensus": 0 if consensus is None else len(consensus),
    }


class _Links:
    """Where the report links a source file: relative to the report's folder (so the pair can be moved
    together), with #page=N for a page of a PDF. Without the raw folder, no link."""

    def __init__(self, out_dir: Path | None, raw_dir: Path | None) -> None:
        self.base = None
        if out_dir is not None and raw_dir is not None:
            self.base = os.path.relpath(Path(raw_dir).resolve(), Path(out_dir).resolve())

    def href(self, source_file: str, page: int | None) -> str:
        if self.base is None:
            return ""
        path = url_quote(Path(self.base, source_file).as_posix())
        return f"{path}#page={page}" if page is not None and source_file.lower().endswith(".pdf") else path


def _prepared(figures: pd.DataFrame, wanted: set[str], documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """These figures prepared (`prepare_figures`), with the other figures of their sentences, which
    place a quote that occurs twice in its sentence."""
    if "cmp_row" not in figures.columns:
        sentence = (figures["doc_id"].astype(str) + "\x1f" + figures["page"].fillna(-1).astype("int64").astype(str)
                    + "\x1f" + figures["sentence"].fillna("").astype(str))
        figures = prepare_figures(figures[sentence.isin(set(sentence[figures["figure_id"].isin(wanted)]))],
                                  ReconcileSettings(), documents)
    return figures[figures["figure_id"].isin(wanted)]


def _listed(findings: pd.DataFrame, shown_kinds: list[str]) -> pd.DataFrame:
    """The findings the report lists: the first MAX_LISTED of each shown kind (the most severe: findings are
    ordered by kind, then severity), numbered by their row in findings.parquet."""
    if not len(findings):
        return findings
    kinds = pd.Series(shown_kinds, index=findings.index, dtype=object)
    listed = findings[kinds.groupby(kinds).cumcount() < MAX_LISTED]
    rank = kinds[listed.index].map(KINDS.index)
    return listed.iloc[rank.reset_index(drop=True).sort_values(kind="stable").index]


def _finding_view(number: int, f, by_id: dict, ranked: dict, marks: dict[str, Mark], links: _Links) -> FindingView:
    shown = [by_id[i] for i in list(f.figure_ids)[:MAX_SOURCES] if i in by_id]
    when = (f"{int(f.period_start)}-{int(f.period_end)}" if not pd.isna(f.period_start) and not pd.isna(f.period_end)
            else ("" if pd.isna(f.year) else str(int(f.year))))
    kind = shown_kind(f.kind, f.check)
    unit = shown[0].unit if shown else None
    values = ", ".join(fmt_value(v, unit) if unit and all(r.unit == unit for r in shown) else _plain(v)
                       for v in f.values)
    mark = marks.get(f.finding_id)
    return FindingView(number=number, kind=kind, label=KIND_LABELS[kind], severity=f.severity, check=f.check,
                       subject=f.subject_key if isinstance(f.subject_key, str) else "",
                       metric=METRIC_LABELS.get(f.metric, f.metric or ""), when=when, explanation=f.explanation,
                       values=values, sources=[_source(r, links) for r in shown],
                       more_sources=max(0, len(f.figure_ids) - MAX_SOURCES),
                       entries=[RankedView(file=r.source_file, ranking=r.ranking, rank=int(r.rank), entity=r.entity,
                                           value=fmt_value(r.value, r.unit))
                                for r in (ranked[i] for i in f.ranking_ids if i in ranked)],
                       finding_id=f.finding_id, review=mark.status if mark else "", note=mark.note if mark else "")


def _plain(value: float) -> str:
    return fmt_value(value, "")


def _source(r, links: _Links) -> Source:
    sentence, quote = str(r.sentence), str(r.quote)
    at = r.cmp_offset if r.cmp_offset >= 0 else -1
    before, after = (sentence[:at], sentence[at + len(quote):]) if at >= 0 else ("", f" — {sentence}")
    page = None if pd.isna(r.page) else int(r.page)
    publisher = getattr(r, "cmp_source_name", None)
    return Source(file=r.source_file, page=page, value=fmt_value(r.value, r.unit, r.per), quote=quote,
                  before=before, after=after, publisher=publisher if isinstance(publisher, str) else "",
                  href=links.href(r.source_file, page))


def consensus_views(table: pd.DataFrame) -> list[ConsensusView]:
    """Per subject (key, metric, geography, segment, unit): a row per year two or more sources give, and a
    chart of every source's value over the years (at most MAX_CHARTS subjects: those most sources give)."""
    views = []
    for (subject, metric, geography, segment, unit), rows in consensus_series(table, MAX_CHARTS).items():
        title = " · ".join(str(p) for p in (subject, segment, geography, METRIC_LABELS.get(metric, metric))
                           if isinstance(p, str) and p)
        per = rows["per"].iloc[0] if isinstance(rows["per"].iloc[0], str) else None
        shown = [ConsensusRow(when=_when(r.year, r.period), n_sources=int(r.n_sources),
                              low=fmt_value(r.low, unit, per), median=fmt_value(r.median, unit, per),
                              high=fmt_value(r.high, unit, per),
                              spread="" if pd.isna(r.spread) else f"{(r.spread - 1) * 100:.1f}%",
                              outlier="" if not isinstance(r.outlier_source, str)
                              else f"{r.outlier_source}: {fmt_value(r.outlier_value, unit, per)}",
                              said=[(str(s), fmt_value(v, unit, per)) for s, v in zip(r.sources, r.values)])
                 for r in rows.itertuples()]
        views.append(ConsensusView(title=title, rows=shown, chart=_consensus_chart(title, unit, rows)))
    return views


def _when(year: Any, period: object) -> str:
    text = "" if pd.isna(year) else str(int(year))
    return f"{period.upper() if len(period) == 2 else period.capitalize()} {text}".strip() \
        if isinstance(period, str) else text


def _consensus_chart(title: str, unit: str, rows: pd.DataFrame) -> Chart | None:
    """Every source's values over the years of a subject (dots joined per source); None without a year."""
    dated = rows[rows["year"].notna()]
    if dated.empty:
        return None
    points: dict[str, list] = {}
    for r in dated.itertuples():
        for source, value in zip(r.sources, r.values):
            points.setdefault(str(source), []).append((int(r.year), float(value), fmt_value(value, unit)))
    series = [Series(file=source, color=PALETTE[i % len(PALETTE)], points=sorted(points[source]))
              for i, source in enumerate(sorted(points))]
    return _layout(Chart(title=title, unit=fmt_value(1, unit).replace("1", "", 1).strip(),
                         years=sorted({int(y) for y in dated["year"]}), series=series))


def _layout(chart: Chart) -> Chart:
    """Pixel positions for the SVG: years along x, values along y from zero."""
    first, last = chart.years[0], chart.years[-1]
    top = _nice_ceiling(max([abs(v) for s in chart.series for _, v, _ in s.points] + [0.0]) or 1.0)
    bottom = -_nice_ceiling(-min(v for s in chart.series for _, v, _ in s.points)) \
        if any(v < 0 for s in chart.series for _, v, _ in s.points) else 0.0

    def x(year: int) -> float:
        return PAD + (CHART_W - 2 * PAD) * (0.5 if first == last else (year - first) / (last - first))

    def y(value: float) -> float:
        return CHART_H - PAD / 2 - (CHART_H - PAD) * (value - bottom) / (top - bottom)

    n = len(chart.series)
    for i, s in enumerate(chart.series):
        nudge = (i - (n - 1) / 2) * 6  # agreeing sources would otherwise hide each other's dots
        s.dots = [(round(x(yr) + nudge, 1), round(y(v), 1), f"{s.file}: {q} ({yr})") for yr, v, q in s.points]
        s.path = " ".join(f"{'M' if i == 0 else 'L'}{dx},{dy}" for i, (dx, dy, _) in enumerate(s.dots))
    chart.x_ticks = [(round(x(yr), 1), yr) for yr in chart.years]
    chart.y_ticks = [(round(y(bottom + (top - bottom) * f), 1), _short_number(bottom + (top - bottom) * f))
                     for f in (0, 0.5, 1)]
    return chart


def _nice_ceiling(value: float) -> float:
    magnitude = 10 ** math.floor(math.log10(value))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= value)


def _short_number(value: float) -> str:
    for factor, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= factor:
            return f"{value / factor:g}{suffix}"
    return f"{value:g}"


_MD_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **{ch: "\\" + ch for ch in "\\`*_[]|#~!"}})
_SPACES = re.compile(r"\s+")
# What makes a line a list item, a heading underline or a thematic break when it starts one: "- ", "+ ",
# "1. ", "1) ", "===", "---".
_LINE_START = re.compile(r"^(\s*)(?:([-+])(?=\s|$)|(\d{1,9})(?=[.)](?:\s|$))|(=+|-+)(?=\s*$))")


def md_escape(text: object) -> str:
    """Document text made inert in Markdown wherever the template puts it, even at the start of a line:
    no HTML, no emphasis, no code fence (backticks, tildes), no link, no table break, no list marker or
    heading underline. A missing value is an empty string, never "nan"."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    escaped = _SPACES.sub(" ", str(text).translate(_MD_ESCAPES))
    return _LINE_START.sub(_escape_marker, escaped)


def _escape_marker(m: re.Match) -> str:
    if m[3]:  # "1." stays readable as "1\."
        return f"{m[1]}{m[3]}\\"
    return m[1] + "".join("\\" + c for c in (m[2] or m[4]))


def _environment(html: bool) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=html,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["md"] = md_escape
    return env
