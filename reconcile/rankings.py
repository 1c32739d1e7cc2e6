"""Rankings inside one document: shares over 100%, values out of rank order, the same entity's value
in two rankings, and a sentence's share against the ranking tables.

Ranks are never compared across rankings: fourth among pureplay companies and
tenth among all companies are both true. Only the measured values are compared.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from reconcile.formatting import fmt_value
from reconcile.intervals import Interval, rounding_interval
from reconcile.model import Finding, group_rows, known, records, relative_spread, same, severity_of, year_or_none
from reconcile.settings import ReconcileSettings
from reconcile.loose_words import loose_words
from reconcile.subjects import REPORTING


def prepare_rankings(rankings: pd.DataFrame) -> pd.DataFrame:
    out = rankings[rankings["value"].notna()].copy()
    out["cmp_entity"] = [" ".join(str(e).casefold().split()) for e in out["entity"]]
    out["cmp_unit"] = [str(u).casefold() if isinstance(u, str) else None for u in out["unit"]]
    out["cmp_interval"] = [rounding_interval(float(v), None) for v in out["value"]]
    # A sentence that restates a table row adds nothing to the table's own arithmetic.
    out = out.sort_values(["doc_id", "ranking", "from_sentence", "rank"], kind="stable").reset_index(drop=True)
    out["cmp_row"] = pd.Series(records(out), index=out.index, dtype=object)
    return out


def shares_over_100(rankings: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    found = []
    percent = [r for r in records(rankings) if r.cmp_unit == "percent"]
    for (_, title), group in _by_ranking(percent).items():
        rows = _first_per_entity(group)
        summed = Interval(sum(r.cmp_interval.low for r in rows), sum(r.cmp_interval.high for r in rows))
        if summed.low > 100:
            total = sum(r.value for r in rows)
            found.append(_finding("inconsistency", "ranking_over_100", severity_of((total - 100) / 100, settings),
                                  f"In {rows[0].source_file} the {len(rows)} shares of '{title}' add up to "
                                  f"{total:g}%, more than 100%.", rows))
    return found


def _by_ranking(rows: list) -> dict[tuple, list]:
    """Entries by (doc_id, ranking), in the prepared order; entries without a ranking title are left out."""
    return group_rows([r for r in rows if known(r.ranking) is not None], lambda r: (r.doc_id, r.ranking))


def _first_per_entity(rows: list) -> list:
    return [first for first, *_ in group_rows(rows, lambda r: r.cmp_entity).values()]


def out_of_order(rankings: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """A ranking whose values run one way, with a pair that runs the other way beyond rounding."""
    found = []
    for (_, title), group in _by_ranking(records(rankings)).items():
        rows = sorted(_first_per_entity(group), key=lambda r: r.rank)
        if len(rows) < 3 or len({r.cmp_unit for r in rows}) > 1 or rows[0].value == rows[-1].value:
            continue
        descending = rows[0].value > rows[-1].value
        bad = [(a, b) for a, b in combinations(rows, 2) if a.rank < b.rank and _wrong_way(a, b, descending)]
        if bad:
            a, b = bad[0]
            pairs = "; ".join(f"rank {x.rank} {x.entity} {fmt_value(x.value, x.unit)} vs rank {y.rank} {y.entity} "
                              f"{fmt_value(y.value, y.unit)}"
                              for x, y in bad[:5])
            found.append(_finding("inconsistency", "ranking_order",
                                  severity_of(relative_spread([a.value, b.value]), settings),
                                  f"In {a.source_file} '{title}' is ordered by "
                                  f"{'falling' if descending else 'rising'} values, but {pairs}.",
                                  _in_rank_order(r for pair in bad for r in pair)))
    return found


def _in_rank_order(rows) -> list:
    """Distinct rows by rank, ties in the order given (not a set's, which changes from run to run)."""
    return sorted(dict.fromkeys(rows), key=lambda r: r.rank)


def _wrong_way(better, worse, descending: bool) -> bool:
    if descending:
        return better.cmp_interval.high < worse.cmp_interval.low
    return better.cmp_interval.low > worse.cmp_interval.high


def across_rankings(rankings: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """The same entity in two rankings of one document that measure the same thing (`_measure_words`), same
    year and unit: its value must be the same."""
    found = []
    for doc in group_rows(records(rankings), lambda r: r.doc_id).values():
        by_title = group_rows([r for r in doc if known(r.ranking) is not None], lambda r: r.ranking)
        entries = {title: _first_per_entity(rows) for title, rows in by_title.items()}
        measures = {title: _measure_words(title, rows) for title, rows in entries.items()}
        for first, second in combinations(sorted(entries), 2):
            if not (measures[first] <= measures[second] or measures[second] <= measures[first]):
                continue  # "share of US streaming" and "share of TV viewing": two measures, two values
            others = {y.cmp_entity: y for y in entries[second]}
            pairs = [(x, others[x.cmp_entity]) for x in entries[first] if x.cmp_entity in others
                     and x.cmp_unit == others[x.cmp_entity].cmp_unit and same(x.year, others[x.cmp_entity].year)]
            found.extend(_compare_pairs(pairs, first, second, settings))
    return found


def _measure_words(title: str, rows: list) -> frozenset[str]:
    """What a ranking measures, as its title's content words without its entities' names and numbers:
    "Top pureplay companies by revenue share" measures what "Top companies by revenue share" does (for
    fewer companies), "Amazon leads the U.S. streaming market with 22% share" not what "YouTube has
    overtaken Netflix in U.S. TV viewing share" does."""
    names = {w for r in rows for w in (loose_words(r.entity) or "").split()}
    words = (loose_words(title) or "").split()
    return frozenset(w for w in words if w not in names and w not in REPORTING and not any(c.isdigit() for c in w))


def _compare_pairs(pairs: list[tuple], first: str, second: str, settings: ReconcileSettings) -> list[Finding]:
    agree = [(x, y) for x, y in pairs if x.cmp_interval.overlaps(y.cmp_interval)]
    found = []
    if agree:
        listed = ", ".join(f"{x.entity} {fmt_value(x.value, x.unit)} (ranks {x.rank} and {y.rank})" for x, y in agree)
        rows = [x for x, _ in agree] + [y for _, y in agree]
        found.append(_finding("corroboration", "ranking_tables", "info",
                              f"In {agree[0][0].source_file} '{first}' and '{second}' give the same values for "
                              f"{len(agree)} entities: {listed}. Their ranks differ because the rankings differ.",
                              rows))
    for x, y in pairs:
        if (x, y) not in agree:
            found.append(_finding("inconsistency", "ranking_tables",
                                  severity_of(relative_spread([x.value, y.value]), settings),
                                  f"In {x.source_file} {x.entity} has {fmt_value(x.value, x.unit)} in '{first}' "
                                  f"but {fmt_value(y.value, y.unit)} in '{second}' (same year and unit).", [x, y]))
    return found


def figures_against_rankings(figures: pd.DataFrame, rankings: pd.DataFrame,
                             settings: ReconcileSettings) -> list[Finding]:
    """A share stated in a sentence about a ranked entity, against that entity's value in the rankings."""
    found = []
    shares = [f for f in records(figures) if f.metric == "market_share" and f.cmp_unit == "percent"
              and known(f.year) is not None]
    percent = group_rows([r for r in records(rankings) if r.cmp_unit == "percent" and known(r.year) is not None],
                         lambda r: (r.doc_id, r.year))
    for f in shares:
        entries = percent.get((f.doc_id, f.year), [])
        entity = _entity_named(f, list(dict.fromkeys(r.cmp_entity for r in entries)))
        if entity is None:
            continue
        named = [r for r in entries if r.cmp_entity == entity]
        rows = [first for first, *_ in group_rows(named, lambda r: known(r.ranking)).values()]
        agree = [r for r in rows if r.cmp_interval.overlaps(f.cmp_printed)]
        if agree:
            found.append(_figure_finding("corroboration", f, agree, "info", "agrees with"))
        differ = [r for r in rows if r not in agree]
        if differ:
            spread = relative_spread([f.value, *[r.value for r in differ]])
            found.append(_figure_finding("inconsistency", f, differ, severity_of(spread, settings), "differs from"))
    return found


def _entity_named(figure, entities) -> str | None:
    """The one ranked entity the figure's subject (or, failing that, its sentence) names."""
    for text in (figure.subject, figure.sentence):
        if not isinstance(text, str):
            continue
        words = f" {' '.join(''.join(c if c.isalnum() else ' ' for c in text.casefold()).split())} "
        named = [e for e in entities if f" {' '.join(''.join(c if c.isalnum() else ' ' for c in e).split())} " in words]
        if len(named) == 1:
            return named[0]
        if named:
            return None
    return None


def _figure_finding(kind: str, f, rows: list, severity: str, verb: str) -> Finding:
    listed = "; ".join(f"'{r.ranking}' rank {r.rank}: {fmt_value(r.value, r.unit)}" for r in rows)
    finding = _finding(kind, "ranking_sentence", severity,
                       f"In {f.source_file} the sentence's {f.quote} for {rows[0].entity} ({int(f.year)}) "
                       f"{verb} the rankings ({listed}).", rows)
    finding.figure_ids = [f.figure_id]
    finding.values = [float(f.value), *finding.values]
    return finding


def _finding(kind: str, check: str, severity: str, explanation: str, rows: list) -> Finding:
    first = rows[0]
    unit_metric = "market_share" if first.cmp_unit == "percent" else None
    return Finding(kind=kind, check=check, severity=severity, explanation=explanation,
                   subject_key=first.ranking.casefold(), metric=unit_metric, year=year_or_none(first.year),
                   ranking_ids=[r.ranking_id for r in rows], doc_ids=[first.doc_id],
                   values=[float(r.value) for r in rows])
