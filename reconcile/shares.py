"""Inside one document: a share stated with the amount it stands for, against the document's total.

"Spain and Türkiye 2% each (+8.7 GW and +8.5 GW)" in a report whose one worldwide total for the year is
597 GW says 2% where the amounts make 1.46% and 1.42%: the share, its amounts or the total is wrong. A
share is read at its printed precision, at least `approx_rel_tol` either side ("2%" is 1.5-2.5%, "25%"
23.75-26.25%), as a reader rounds a share; the amounts and the total at their rounding. The total is the
document's only worldwide value of the amounts' metric, unit and year (two such values: which one the share
is of is unknown, so nothing is checked). Where the document has no total in the amounts' unit but has
some in another scale of it ("China took 55% (329 MW)" beside 597 GW added and 2.2 TW installed), the
amounts are converted, and they are wrong only if they are that share of none of those totals.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from reconcile.checks import unit_scale
from reconcile.formatting import fmt_percent
from reconcile.intervals import Interval
from reconcile.model import Finding, group_rows, known, records, relative_spread, severity_of, year_or_none
from reconcile.settings import ReconcileSettings

SHARE_OF_TOTAL = "share_of_total"
_PLAIN = ("exact", "approx")
_DECIMALS = re.compile(r"\d+(?:\.(\d+))?")
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
_EACH = re.compile(r"\s*(?:of \w+(?: \w+)? )?each\b", re.I)  # "2% each", "3% of installations each"


def shares_against_totals(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """A share whose amounts, stated right after it in its sentence, are not that share of the document's
    one worldwide total of their metric, unit and year."""
    found = []
    plain = [r for r in records(figures) if r.qualifier in _PLAIN and known(r.year) is not None
             and r.cmp_offset >= 0 and known(r.sentence) is not None]
    for rows in group_rows(plain, lambda r: r.doc_id).values():
        totals = _worldwide_totals(rows)
        for sentence in group_rows(rows, lambda r: (known(r.page), r.sentence)).values():
            ordered = sorted(sentence, key=lambda r: r.cmp_offset)
            for share, amounts in _stated_with(ordered):
                key = (amounts[0].metric, amounts[0].cmp_unit, known(amounts[0].year))
                stated = _as_read(share, settings)
                if key in totals:  # one total in the amounts' own unit, or several: which one is unknown
                    total = totals[key][0] if len({r.value for r in totals[key]}) == 1 else None
                    if total is None:
                        continue
                    missed = [a for a in amounts if a.value < total.value and not _share(a, total).overlaps(stated)]
                    if missed:
                        found.append(_finding(share, missed, [total], settings))
                    continue
                # only totals at another scale of the amounts' unit ("329 MW" beside "597 GW" and "2.2 TW"):
                # which one the share is of is unknown, so the amounts are wrong only if they fit none
                rescaled = _rescaled_totals(totals, key, amounts[0].unit)
                if rescaled and all(a.value * f < t.value and not _share(a, t, f).overlaps(stated)
                                    for a in amounts for t, f in rescaled):
                    found.append(_finding(share, amounts, [t for t, _ in rescaled], settings))
    return found


def _worldwide_totals(rows: list) -> dict[tuple, list]:
    """(metric, unit, year) -> the document's worldwide values of them (a total where there is one)."""
    totals: dict[tuple, list] = {}
    for r in rows:
        if r.cmp_geo == "global" and r.cmp_segment is None and r.metric != "market_share" and r.cmp_unit != "percent":
            totals.setdefault((r.metric, r.cmp_unit, known(r.year)), []).append(r)
    return totals


def _rescaled_totals(totals: dict[tuple, list], key: tuple, unit: object) -> list[tuple[Any, float]]:
    """The document's worldwide values of the key's metric and year in another scale of its unit, each with
    the factor an amount in the key's unit is multiplied by to be in the value's unit."""
    metric, compared_unit, year = key
    own = unit_scale(unit)
    if own is None:
        return []
    found = []
    for (t_metric, t_unit, t_year), values in totals.items():
        other = unit_scale(values[0].unit)
        if t_metric == metric and t_year == year and other and other[0] == own[0] and t_unit != compared_unit:
            found += [(total, own[1] / other[1]) for total in {r.value: r for r in values}.values()]
    return sorted(found, key=lambda pair: pair[0].value / pair[1])  # the smallest total first


def _stated_with(ordered: list) -> list[tuple]:
    """(share, its amounts) in a sentence's figures in print order: a share and the amounts right after it,
    or a run of shares and a run of as many amounts "respectively" ("8% and 5% (50 GW and 30.7 GW,
    respectively)"); another run of shares says nothing of which amount is whose."""
    pairs = []
    i = 0
    while i < len(ordered):
        if not _is_share(ordered[i]):
            i += 1
            continue
        end = i + 1
        while end < len(ordered) and _is_share(ordered[end]):
            end += 1
        run = ordered[i:end]
        amounts = _amounts_after(ordered[end:], run[-1])
        if len(run) == 1 and amounts:
            pairs.append((run[0], amounts))
        elif len(run) == len(amounts) and _RESPECTIVELY.search(str(run[0].sentence)):
            pairs += [(share, [amount]) for share, amount in zip(run, amounts)]
        i = end
    return pairs


def _is_share(r) -> bool:
    return bool(r.metric == "market_share" and r.cmp_unit == "percent")


def _amounts_after(following: list, share) -> list:
    """The amount printed right after the share, before any other percentage, of the share's year; all such
    amounts where the share is given to several together ("2% each (+8.7 GW and +8.5 GW)")."""
    amounts = []
    for r in following:
        if r.cmp_unit == "percent":
            break
        if known(r.year) == known(share.year):
            amounts.append(r)
    if not _EACH.match(str(share.sentence), share.cmp_offset + len(str(share.quote))) \
            and not _RESPECTIVELY.search(str(share.sentence)):
        amounts = amounts[:1]
    return amounts if len({(r.metric, r.cmp_unit) for r in amounts}) == 1 else []


def _as_read(share, settings: ReconcileSettings) -> Interval:
    """The share at its printed precision ("2%" is 1.5-2.5%), at least `approx_rel_tol` either side."""
    m = _DECIMALS.search(str(share.quote))
    half_digit = 0.5 * 10 ** -len(m.group(1) or "") if m else 0.0
    width = max(half_digit, settings.approx_rel_tol * abs(share.value))
    return Interval(share.value - width, share.value + width)


def _share(amount, total, factor: float = 1.0) -> Interval:
    """amount / total in percent, over the rounding of both (`factor`: the amount in the total's unit)."""
    a, t = amount.cmp_exact, total.cmp_exact
    return Interval(100 * factor * a.low / t.high, 100 * factor * a.high / t.low)


def _finding(share, amounts: list, totals: list, settings: ReconcileSettings) -> Finding:
    total = totals[0]
    made = ", ".join(f"{a.quote} is {fmt_percent(100 * a.value * _factor(a, total) / total.value)}" for a in amounts)
    named = " or ".join(str(t.quote) for t in totals)
    explanation = (f"In {share.source_file} {share.quote} is stated with amounts that are not that share of the "
                   f"document's total {named}: {made}.")
    spread = relative_spread([share.value, *(100 * a.value * _factor(a, total) / total.value for a in amounts)])
    rows = [share, *amounts, *totals]
    return Finding(kind="inconsistency", check=SHARE_OF_TOTAL, severity=severity_of(spread, settings),
                   explanation=explanation, subject_key=share.cmp_label, metric=share.metric,
                   year=year_or_none(share.year), figure_ids=[r.figure_id for r in rows], doc_ids=[share.doc_id],
                   values=[float(r.value) for r in rows])


def _factor(amount, total) -> float:
    """What an amount is multiplied by to be in the total's unit (1 where the units are one)."""
    own, other = unit_scale(amount.unit), unit_scale(total.unit)
    return own[1] / other[1] if own and other and own[0] == other[0] else 1.0
