"""The reconciliation report, for people: a self-contained HTML page and the same content in Markdown.

The page has inline CSS and inline SVG charts and loads nothing. Every string that
comes from a document goes through Jinja2's autoescape (HTML) or `md_escape`
(Markdown), so a report's text can never become markup.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import pandas as pd

from reconcile.model import fmt_value, group_rows, known, prepare_figures, records, with_comparison_keys
from reconcile.settings import ReconcileSettings
from reconcile.sources import IMPLIED_CHECK
from store.parquet import write_text_atomic

TEMPLATES = Path(__file__).parent / "templates"
KINDS = ["conflict", "inconsistency", "implied", "corroboration"]
KIND_LABELS = {"conflict": "Conflict", "inconsistency": "Inconsistency", "implied": "Implied value differs",
               "corroboration": "Corroboration"}
KIND_PLURALS = {"conflict": "Conflicts", "inconsistency": "Inconsistencies", "implied": "Implied values differ",
                "corroboration": "Corroborations"}
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
                 rankings: pd.DataFrame | None = None) -> str:
    """Write reconciliation.html and reconciliation.md atomically; return the Markdown.

    `figures` may be the frame `reconcile.model.prepare_figures` made for the findings: it is then reused;
    otherwise only the figures the report quotes are prepared."""
    context = report_context(findings, figures, documents, rankings)
    markdown = _environment(html=False).get_template("report.md.j2").render(**context)
    html = _environment(html=True).get_template("report.html.j2").render(**context)
    write_text_atomic(html, Path(out_dir) / "reconciliation.html")
    write_text_atomic(markdown, Path(out_dir) / "reconciliation.md")
    return markdown


def shown_kind(kind: str, check: str) -> str:
    """The report shows a conflict that rests on a CAGR's implied value apart: it is a hint, not a contradiction."""
    return "implied" if kind == "conflict" and check == IMPLIED_CHECK else kind


def report_context(findings: pd.DataFrame, figures: pd.DataFrame, documents: pd.DataFrame,
                   rankings: pd.DataFrame | None = None) -> dict:
    shown_kinds = [shown_kind(k, c) for k, c in zip(findings["kind"], findings["check"])]
    counts = Counter(shown_kinds)
    listed = _listed(findings, shown_kinds)
    wanted = {i for ids in listed["figure_ids"] for i in list(ids)[:MAX_SOURCES]}
    by_id = {r.figure_id: r for r in records(_prepared(figures, wanted))} if wanted else {}
    ranked = {r.ranking_id: r for r in records(rankings)} if rankings is not None and len(rankings) else {}
    severities = findings["severity"].value_counts().to_dict() if len(findings) else {}
    return {
        "n_documents": len(documents), "n_figures": len(figures), "n_findings": len(findings),
        "counts": [(KIND_PLURALS[k], k, int(counts.get(k, 0))) for k in KINDS],
        "severities": [(s, int(severities.get(s, 0))) for s in ("high", "medium", "low", "info")],
        "findings": [_finding_view(i + 1, f, by_id, ranked) for i, f in zip(listed.index, records(listed))],
        "not_listed": [(KIND_PLURALS[k], counts[k] - MAX_LISTED) for k in KINDS if counts[k] > MAX_LISTED],
        "charts": charts(figures) if len(figures) else [],
    }


def _prepared(figures: pd.DataFrame, wanted: set[str]) -> pd.DataFrame:
    """These figures prepared (`prepare_figures`), with the other figures of their sentences, which
    place a quote that occurs twice in its sentence."""
    if "cmp_row" not in figures.columns:
        sentence = (figures["doc_id"].astype(str) + "\x1f" + figures["page"].fillna(-1).astype("int64").astype(str)
                    + "\x1f" + figures["sentence"].fillna("").astype(str))
        figures = prepare_figures(figures[sentence.isin(set(sentence[figures["figure_id"].isin(wanted)]))],
                                  ReconcileSettings())
    return figures[figures["figure_id"].isin(wanted)]


def _listed(findings: pd.DataFrame, shown_kinds: list[str]) -> pd.DataFrame:
    """The findings the report lists: the first MAX_LISTED of each shown kind (the most severe: findings are
    ordered by kind, then severity), numbered by their row in findings.parquet."""
    kinds = pd.Series(shown_kinds, index=findings.index, dtype=object)
    return findings[kinds.groupby(kinds).cumcount() < MAX_LISTED] if len(findings) else findings


def _finding_view(number: int, f, by_id: dict, ranked: dict) -> FindingView:
    shown = [by_id[i] for i in list(f.figure_ids)[:MAX_SOURCES] if i in by_id]
    when = (f"{int(f.period_start)}-{int(f.period_end)}" if not pd.isna(f.period_start) and not pd.isna(f.period_end)
            else ("" if pd.isna(f.year) else str(int(f.year))))
    kind = shown_kind(f.kind, f.check)
    return FindingView(number=number, kind=kind, label=KIND_LABELS[kind], severity=f.severity, check=f.check,
                       subject=f.subject_key or "", metric=f.metric or "", when=when, explanation=f.explanation,
                       values=", ".join(f"{v:,.10g}" for v in f.values), sources=[_source(r) for r in shown],
                       more_sources=max(0, len(f.figure_ids) - MAX_SOURCES),
                       entries=[RankedView(file=r.source_file, ranking=r.ranking, rank=int(r.rank), entity=r.entity,
                                           value=fmt_value(r.value, r.unit))
                                for r in (ranked[i] for i in f.ranking_ids if i in ranked)])


def _source(r) -> Source:
    sentence, quote = str(r.sentence), str(r.quote)
    at = r.cmp_offset if r.cmp_offset >= 0 else -1
    before, after = (sentence[:at], sentence[at + len(quote):]) if at >= 0 else ("", f" — {sentence}")
    return Source(file=r.source_file, page=None if pd.isna(r.page) else int(r.page),
                  value=fmt_value(r.value, r.unit, r.per), quote=quote, before=before, after=after)


CHART_KEY = ["cmp_key", "metric", "cmp_unit", "cmp_per", "cmp_geo", "cmp_segment"]


def charts(figures: pd.DataFrame) -> list[Chart]:
    """One chart per subject that two or more documents give values for, over the years (at most MAX_CHARTS:
    those with the most documents)."""
    keyed = with_comparison_keys(figures, ReconcileSettings())
    dated = keyed[keyed["year"].notna() & keyed["cmp_key"].notna()]
    dated = records(dated[list(dict.fromkeys(["doc_id", "source_file", "year", "value", "quote", "unit", *CHART_KEY]))])
    groups = group_rows(dated, lambda r: tuple(known(getattr(r, k)) for k in CHART_KEY))
    sources = {key: len({r.doc_id for r in group}) for key, group in groups.items()}
    shared = [key for key in groups if sources[key] >= 2]
    shared = sorted(shared, key=lambda k: -sources[k])[:MAX_CHARTS]  # the subjects most sources give, if too many
    out = []
    for key in sorted(shared, key=lambda k: tuple((v is None, "" if v is None else v) for v in k)):
        group = groups[key]
        by_file = group_rows(group, lambda r: r.source_file)
        series = [Series(file=file, color=PALETTE[i % len(PALETTE)],
                         points=sorted((int(r.year), float(r.value), str(r.quote)) for r in by_file[file]))
                  for i, file in enumerate(sorted(by_file))]
        title = " · ".join(str(k) for k in (key[0], key[5], key[4], key[1]) if isinstance(k, str))
        out.append(_layout(Chart(title=title, unit=fmt_value(1, group[0].unit).replace("1", "", 1).strip(),
                                 years=sorted({int(r.year) for r in group}), series=series)))
    return out


def _layout(chart: Chart) -> Chart:
    """Pixel positions for the SVG: years along x, values along y from zero."""
    first, last = chart.years[0], chart.years[-1]
    top = max(v for s in chart.series for _, v, _ in s.points) or 1.0
    top = _nice_ceiling(top)

    def x(year: int) -> float:
        return PAD + (CHART_W - 2 * PAD) * (0.5 if first == last else (year - first) / (last - first))

    def y(value: float) -> float:
        return CHART_H - PAD / 2 - (CHART_H - PAD) * value / top

    n = len(chart.series)
    for i, s in enumerate(chart.series):
        nudge = (i - (n - 1) / 2) * 6  # agreeing sources would otherwise hide each other's dots
        s.dots = [(round(x(yr) + nudge, 1), round(y(v), 1), f"{s.file}: {q} ({yr})") for yr, v, q in s.points]
        s.path = " ".join(f"{'M' if i == 0 else 'L'}{dx},{dy}" for i, (dx, dy, _) in enumerate(s.dots))
    chart.x_ticks = [(round(x(yr), 1), yr) for yr in chart.years]
    chart.y_ticks = [(round(y(top * f), 1), _short_number(top * f)) for f in (0, 0.5, 1)]
    return chart


def _nice_ceiling(value: float) -> float:
    magnitude = 10 ** math.floor(math.log10(value))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= value)


def _short_number(value: float) -> str:
    for factor, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= factor:
            return f"{value / factor:g}{suffix}"
    return f"{value:g}"


_MD_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", **{ch: "\\" + ch for ch in "\\`*_[]|#"}})
_SPACES = re.compile(r"\s+")


def md_escape(text: object) -> str:
    """Document text made inert in Markdown: no HTML, no emphasis, no table breaks."""
    return _SPACES.sub(" ", str(text).translate(_MD_ESCAPES))


def _environment(html: bool) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=html,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["md"] = md_escape
    return env
