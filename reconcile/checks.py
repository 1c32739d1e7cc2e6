"""Inside one document: arithmetic its own numbers must satisfy.

- a stated CAGR that its own start and end values do not produce over its period;
- a stated percentage that the two amounts quoted with it do not give
  ("2% of the price ($0.03 vs. $0.60)" is 5%);
- a stated change in points that the two percentages quoted with it do not give
  ("4.0%, down 1.1 points from the 5.8%" is 1.8 points);
- segments that add up to more than their stated total;
- a run of segment shares that adds up to more than 100%;
- a segment called the largest or the fastest-growing while a sibling segment of the
  same breakdown is larger or grows faster;
- one number printed for one thing under two scales of one unit ("3,210 GW", "3,210 TW").

The document's own printed digits are taken at their rounding (an author computes
from the same numbers), so "estimated US$482 million" is [481.5, 482.5] million here.
"""

from __future__ import annotations

import re
from bisect import bisect_right

import pandas as pd

from extractors.lexicon import UNIT_SCALES
from reconcile.formatting import fmt_percent, fmt_value
from reconcile.intervals import Interval, cagr_interval, ratio_interval
from reconcile.listed import listed_shares
from reconcile.model import Finding, group_rows, known, records, relative_spread, same, severity_of, year_or_none
from reconcile.settings import ReconcileSettings
from reconcile.sources import GROWING
from reconcile.subjects import declines

_BETWEEN_PAIR = re.compile(r"\b(?:vs\.?|versus|compared (?:to|with)|against|to|from|and)\b|→|->", re.I)
_PLAIN = ["exact", "approx"]
_AFTER_GAP = 15  # ", a 95% drop": a connector, not a clause
# A superlative just before a figure claims it is the top of its breakdown; "one of the" does not.
_SUPERLATIVES = {
    "growth": re.compile(r"(?<!one of the )\b(?:fastest[- ]growing|fastest growth|highest growth)\b"
                         r"[^.;%$\d]{0,25}$", re.I),
    "size": re.compile(r"(?<!one of the )\b(?:largest|biggest|most common|dominant)\b[^.;%$\d]{0,25}$", re.I),
}
_CLAIM_METRICS = {"growth": {"cagr", "growth_rate"}, "size": {"market_share", "market_size", "revenue"}}


def cagr_endpoints(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    found, seen = [], set()
    rows = records(figures)
    own_values = group_rows([r for r in rows if r.metric in GROWING and r.qualifier in _PLAIN
                             and known(r.year) is not None], lambda r: (r.doc_id, r.cmp_key, r.cmp_segment or ""))
    cagrs = [r for r in rows if r.metric == "cagr" and known(r.period_start) is not None
             and known(r.period_end) is not None and r.qualifier in (*_PLAIN, "range")]
    for c in cagrs:
        signature = (c.doc_id, c.cmp_key, c.cmp_segment, c.value, c.period_start, c.period_end)
        pairs = _endpoint_pairs(own_values.get((c.doc_id, c.cmp_key, c.cmp_segment or ""), []), c) \
            or _sentence_endpoint_pairs(own_values, c)
        if signature in seen or not pairs:
            continue
        seen.add(signature)
        tried = [(s, e, n, cagr_interval(s.cmp_exact, e.cmp_exact, n)) for s, e, n in pairs]
        if not any(implied.overlaps(c.cmp_exact) for *_, implied in tried):
            found.append(_cagr_finding(c, tried, settings))
    return found


def _endpoint_pairs(own: list, c) -> list[tuple]:
    """(start, end, years) readings of the CAGR's period from the document's own dated values of its
    subject and segment (`own`).

    The start is the value for the first year of the period or, where the period is a
    forecast period that starts after the base year, the year before; a period is
    counted both as its stated span and as the span between the two values."""
    if c.cmp_key is None:  # no subject: a sentence that states a CAGR and its endpoints is about one thing
        own = [r for r in own if r.sentence == c.sentence]
    if c.cmp_geo is not None:
        own = [r for r in own if r.cmp_geo is None or r.cmp_geo == c.cmp_geo]
    ends = [r for r in own if r.year == c.period_end]
    starts = [r for r in own if r.year in (c.period_start, c.period_start - 1)]
    pairs = []
    for s in starts:
        for e in ends:
            if s.cmp_unit != e.cmp_unit:
                continue
            for n in sorted({int(e.year - s.year), int(c.period_end - c.period_start)}):
                pairs.append((s, e, n))
    return pairs[:8]


def _sentence_endpoint_pairs(own_values: dict, c) -> list[tuple]:
    """Where no value has the CAGR's own key: the document's values of the same segment whose keys hold all
    its words ("premiums" in "cyber premiums"), read as endpoints only in pairs with one value in the CAGR's
    own sentence ("to reach $30 billion by 2030, a CAGR of 17% from 2024 to 2030")."""
    if c.cmp_key is None:
        return []
    words = set(c.cmp_key.split())
    own = [r for (doc, key, segment), rows in own_values.items()
           if doc == c.doc_id and segment == (c.cmp_segment or "") and key and words <= set(key.split())
           for r in rows]
    return [(s, e, n) for s, e, n in _endpoint_pairs(own, c) if c.sentence in (s.sentence, e.sentence)]


def _cagr_finding(c, tried: list[tuple], settings: ReconcileSettings) -> Finding:
    start, end, n, implied = min(tried, key=lambda t: t[3].gap(c.cmp_exact))
    readings = "; ".join(f"over {years} years {fmt_percent(i.low)} to {fmt_percent(i.high)}"
                         for _, _, years, i in tried)
    explanation = (f"{c.source_file} states a CAGR of {c.quote} for {int(c.period_start)}-{int(c.period_end)}, "
                   f"but its own {int(start.year)} value {start.quote} and {int(end.year)} value {end.quote} "
                   f"imply ({end.quote} / {start.quote})^(1/n) - 1 = {readings}, allowing for rounding.")
    spread = relative_spread([c.value, (implied.low + implied.high) / 2])
    rows = [c, start, end]
    return Finding(kind="inconsistency", check="cagr_endpoints", severity=severity_of(spread, settings),
                   explanation=explanation, subject_key=c.cmp_label, metric="cagr", year=None,
                   period_start=year_or_none(c.period_start), period_end=year_or_none(c.period_end),
                   figure_ids=[r.figure_id for r in rows], doc_ids=[c.doc_id], values=[float(r.value) for r in rows])


def stated_ratios(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """A percentage quoted right beside two amounts of one unit must be their ratio or their change."""
    found = []
    located = [r for r in records(figures) if r.cmp_offset >= 0 and known(r.sentence) is not None]
    for sentence in group_rows(located, lambda r: (r.doc_id, known(r.page), r.sentence)).values():
        rows = sorted(sentence, key=lambda r: r.cmp_offset)
        for i, p in enumerate(rows):
            if p.cmp_unit != "percent" or p.metric == "cagr" or p.qualifier not in _PLAIN:
                continue
            pair = _amount_pair(rows[i + 1:i + 3], p, settings, after=False) or \
                _amount_pair(rows[max(i - 2, 0):i], p, settings, after=True)
            if pair is None:
                continue
            readings = _percent_readings(*pair)
            if not any(r.overlaps(p.cmp_exact) for name, r in readings.items() if name in _directions(p, *pair)):
                found.append(_ratio_finding(p, pair, readings, settings))
    return found


def _amount_pair(rows: list, p, settings: ReconcileSettings, after: bool) -> tuple | None:
    """The two amounts a percentage is about: right after it ("2% of the price ($0.03 vs. $0.60)"), or
    just before it with only a connector between ("from $20 to $1, a 95% drop"); a closing parenthesis
    between a pair and a later percentage means the pair was an aside about something else."""
    if len(rows) != 2:
        return None
    a, b = rows
    same_kind = a.cmp_unit == b.cmp_unit != "percent" and a.cmp_per == b.cmp_per
    plain = a.qualifier in _PLAIN and b.qualifier in _PLAIN and a.value > 0 and b.value > 0
    sentence = str(p.sentence)
    between = sentence[a.cmp_offset + len(a.quote):b.cmp_offset]
    if after:
        gap = sentence[b.cmp_offset + len(b.quote):p.cmp_offset]
        near = len(gap) <= _AFTER_GAP and not set(gap) & set(");")
    else:
        gap = sentence[p.cmp_offset + len(p.quote):a.cmp_offset]
        near = len(gap) + len(between) <= settings.ratio_window and ";" not in gap
    return (a, b) if same_kind and plain and near and _BETWEEN_PAIR.search(between) else None


_MOVING_TO = re.compile(r"(?<!compared )(?<!relative )\bto\b", re.I)


def _directions(p, a, b) -> set[str]:
    """The readings a percentage may have beside its pair: its ratio always; a change only in the way the
    sentence moves ("from US$84 to US$71" falls) and the way the percentage is worded ("a 20% drop")."""
    allowed = {"ratio", "decrease", "increase"}
    between = str(p.sentence)[a.cmp_offset + len(a.quote):b.cmp_offset]
    if _MOVING_TO.search(between) and a.value != b.value:
        allowed.discard("increase" if a.value > b.value else "decrease")
    worded = str(p.sentence)[max(p.cmp_offset - 30, 0):p.cmp_offset + len(p.quote) + 30]
    if declines(worded) and not re.search(r"\b(?:rise|rose|increase[sd]?|grew|growth|up|gain(?:ed)?)\b", worded, re.I):
        allowed.discard("increase")
    return allowed


def _percent_readings(a, b) -> dict[str, Interval]:
    small, large = sorted((a, b), key=lambda r: r.value)
    ratio = ratio_interval(small.cmp_exact, large.cmp_exact)
    growth = ratio_interval(large.cmp_exact, small.cmp_exact)
    return {"ratio": ratio, "decrease": Interval(100 - ratio.high, 100 - ratio.low),
            "increase": Interval(growth.low - 100, growth.high - 100)}


def _ratio_finding(p, pair: tuple, readings: dict[str, Interval], settings: ReconcileSettings) -> Finding:
    a, b = pair
    small, large = sorted(pair, key=lambda r: r.value)
    ratio = readings["ratio"]
    explanation = (f"{p.source_file} states {p.quote} beside {a.quote} and {b.quote}, but "
                   f"{small.quote} / {large.quote} = {small.value / large.value:.2%} "
                   f"({fmt_percent(ratio.low)} to {fmt_percent(ratio.high)} allowing for rounding; a change of "
                   f"{fmt_percent(readings['decrease'].low)} to {fmt_percent(readings['decrease'].high)} down or "
                   f"{fmt_percent(readings['increase'].low)} to {fmt_percent(readings['increase'].high)} up), "
                   f"never {p.quote}.")
    spread = relative_spread([p.value, small.value / large.value * 100])
    rows = [p, a, b]
    return Finding(kind="inconsistency", check="stated_ratio", severity=severity_of(spread, settings),
                   explanation=explanation, subject_key=p.cmp_label, metric=p.metric, year=year_or_none(p.year),
                   figure_ids=[r.figure_id for r in rows], doc_ids=[p.doc_id], values=[float(r.value) for r in rows])


POINT_CHANGE = "stated_point_change"


def stated_point_changes(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """A change in percentage points quoted with the two percentages it is between ("grow 4.0%, down 1.1
    points from the 5.8%") must be their difference, allowing for the rounding of all three."""
    found = []
    located = [r for r in records(figures) if r.cmp_offset >= 0 and known(r.sentence) is not None]
    for sentence in group_rows(located, lambda r: (r.doc_id, known(r.page), r.sentence)).values():
        rows = sorted(sentence, key=lambda r: r.cmp_offset)
        for i, p in enumerate(rows):
            if p.cmp_unit != "percentage point" or p.qualifier not in _PLAIN:
                continue
            for a, b in ((rows[i - 1], rows[i + 1]) if 0 < i < len(rows) - 1 else (None, None),
                         tuple(rows[i + 1:i + 3]) if i + 2 < len(rows) else (None, None),
                         tuple(rows[i - 2:i]) if i >= 2 else (None, None)):
                if a is None or not _percent_pair(a, b, p, settings):
                    continue
                change = Interval(b.cmp_exact.low - a.cmp_exact.high, b.cmp_exact.high - a.cmp_exact.low)
                fall = Interval(-change.high, -change.low)  # "down 1.1 points": the change printed positive
                if not change.overlaps(p.cmp_exact) and not fall.overlaps(p.cmp_exact):
                    found.append(_point_change_finding(p, a, b, change, settings))
                break
    return found


def _percent_pair(a, b, p, settings: ReconcileSettings) -> bool:
    """a and b are two plain percentages of the change's metric, near it, with "from", "to" or "vs"
    between the first and the second."""
    if not all(r.cmp_unit == "percent" and r.qualifier in _PLAIN and r.metric == a.metric for r in (a, b)):
        return False
    first, last = min(a, b, p, key=lambda r: r.cmp_offset), max(a, b, p, key=lambda r: r.cmp_offset)
    span = last.cmp_offset + len(last.quote) - first.cmp_offset
    between = str(p.sentence)[a.cmp_offset + len(a.quote):b.cmp_offset]
    return span <= settings.ratio_window * 2 and ";" not in between and _BETWEEN_PAIR.search(between) is not None


def _point_change_finding(p, a, b, change: Interval, settings: ReconcileSettings) -> Finding:
    difference = abs(b.value - a.value)
    ends = sorted((abs(change.low), abs(change.high)))
    explanation = (f"{p.source_file} states a change of {p.quote} between {a.quote} and {b.quote}, but they are "
                   f"{difference:.3g} points apart ({ends[0]:.3g} to {ends[1]:.3g} allowing for rounding), never "
                   f"{p.quote}.")
    spread = relative_spread([p.value, difference])
    rows = [p, a, b]
    return Finding(kind="inconsistency", check=POINT_CHANGE, severity=severity_of(spread, settings),
                   explanation=explanation, subject_key=p.cmp_label, metric=p.metric, year=year_or_none(p.year),
                   figure_ids=[r.figure_id for r in rows], doc_ids=[p.doc_id], values=[float(r.value) for r in rows])


def parts_exceed_total(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """Segment values stated just after a total (same metric, unit and year) that add up to more than it."""
    found = []
    money = [r for r in records(figures) if r.metric in GROWING and r.qualifier in _PLAIN and known(r.year) is not None]
    for page in _pages(money):
        starts = [r.char_start for r in page]
        for total in (r for r in page if r.cmp_segment is None):
            parts = _parts_after(page, starts, total, settings)
            if len({r.cmp_segment for r in parts}) < 2:
                continue
            rows = [first for first, *_ in group_rows(parts, lambda r: r.cmp_segment).values()]  # first of each
            summed = _sum(r.cmp_exact for r in rows)
            if summed.low > total.cmp_exact.high:
                found.append(_parts_finding(total, rows, summed, settings))
    return found


def _pages(rows: list) -> list[list]:
    """The rows of each page of each document, in document order."""
    return [sorted(page, key=lambda r: r.char_start)
            for page in group_rows(rows, lambda r: (r.doc_id, known(r.page))).values()]


def _parts_after(page: list, starts: list[int], total, settings: ReconcileSettings) -> list:
    """The segment values of the total's year, metric and unit within the window after it and before the
    next total of that year (`starts`: the page's char_start, sorted)."""
    after = page[bisect_right(starts, total.char_start):bisect_right(starts, total.char_end + settings.parts_window)]
    next_total = [r.char_start for r in after if r.cmp_segment is None and r.year == total.year]
    if next_total:
        after = [r for r in after if r.char_start < min(next_total)]
    return [r for r in after if r.cmp_segment is not None and r.year == total.year and r.metric == total.metric
            and r.cmp_unit == total.cmp_unit]


def _sum(intervals) -> Interval:
    total = Interval(0.0, 0.0)
    for i in intervals:
        total = total + i
    return total


def _parts_finding(total, rows: list, summed: Interval, settings: ReconcileSettings) -> Finding:
    parts = " + ".join(f"{r.segment} {r.quote}" for r in rows)
    value = sum(r.value for r in rows)
    explanation = (f"In {total.source_file} the segments of {int(total.year)} ({parts} = "
                   f"{fmt_value(value, total.unit)}) add up to more than the stated total {total.quote}.")
    members = [total, *rows]
    return Finding(kind="inconsistency", check="parts_exceed_total",
                   severity=severity_of(relative_spread([value, total.value]), settings), explanation=explanation,
                   subject_key=total.cmp_label, metric=total.metric, year=year_or_none(total.year),
                   figure_ids=[r.figure_id for r in members], doc_ids=[total.doc_id],
                   values=[float(r.value) for r in members])


def shares_over_100(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """A run of segment shares of one subject (no unrelated figure between them), or a sentence's list of
    shares closed by the rest ("A 34%, B 27% and others 26%"), that exceeds 100%."""
    found = []
    listed = listed_shares(figures)
    drawn = {r.figure_id for run in listed for r in run}
    for run in [*listed, *(run for run in _share_runs(figures) if drawn.isdisjoint(r.figure_id for r in run))]:
        summed = _sum(r.cmp_exact for r in run)
        if len(run) >= 2 and summed.low > 100:
            total = sum(r.value for r in run)
            parts = " + ".join(f"{known(r.segment) or ''} {r.quote}".strip() for r in run)
            found.append(Finding(
                kind="inconsistency", check="shares_over_100", severity=severity_of((total - 100) / 100, settings),
                explanation=f"In {run[0].source_file} the shares {parts} add up to {total:g}%, more than 100%.",
                subject_key=run[0].cmp_label, metric="market_share", year=year_or_none(run[0].year),
                figure_ids=[r.figure_id for r in run], doc_ids=[run[0].doc_id], values=[float(r.value) for r in run]))
    return found


def _share_runs(figures: pd.DataFrame) -> list[list]:
    runs = []
    for breakdown in _breakdowns(figures):
        current: list = []
        for r in breakdown:
            if r.metric == "market_share" and r.cmp_unit == "percent" and r.qualifier in _PLAIN:
                if current and (r.cmp_key != current[0].cmp_key or not same(r.year, current[0].year)
                                or r.cmp_segment in {c.cmp_segment for c in current}):
                    runs.append(current)
                    current = []
                current.append(r)
        runs.append(current)
    return [run for run in runs if run]


def _breakdowns(figures: pd.DataFrame) -> list[list]:
    """Runs of consecutive segment figures in document order: a figure without a segment ends a run."""
    runs: list[list] = []
    for page in _pages(records(figures)):
        current: list = []
        for r in page:
            if r.cmp_segment is None:
                runs.append(current)
                current = []
            else:
                current.append(r)
        runs.append(current)
    return [run for run in runs if len(run) > 1]


def superlatives(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """A segment called the largest (or fastest-growing) whose sibling segments, stated in the same
    breakdown for the same metric, include one that is larger (or faster) beyond rounding."""
    found = []
    for breakdown in _breakdowns(figures):
        for claim in breakdown:
            kind = _superlative_claim(claim)
            if kind is None:
                continue
            rivals = [r for r in breakdown if r.metric in _CLAIM_METRICS[kind] and r.metric == claim.metric
                      and r.cmp_segment != claim.cmp_segment and r.cmp_unit == claim.cmp_unit
                      and same(r.year, claim.year) and r.cmp_interval.low > claim.cmp_interval.high]
            if rivals:
                found.append(_superlative_finding(claim, rivals, kind, settings))
    return found


def _superlative_claim(r) -> str | None:
    if r.cmp_offset < 0:
        return None
    before = str(r.sentence)[max(0, r.cmp_offset - 40):r.cmp_offset]
    return next((kind for kind, pattern in _SUPERLATIVES.items()
                 if r.metric in _CLAIM_METRICS[kind] and pattern.search(before)), None)


def _superlative_finding(claim, rivals: list, kind: str, settings: ReconcileSettings) -> Finding:
    word = "the fastest-growing" if kind == "growth" else "the largest"
    listed = ", ".join(f"{r.segment} {r.quote}" for r in rivals)
    explanation = (f"In {claim.source_file} {claim.segment} is called {word} segment at {claim.quote}, but "
                   f"the same breakdown gives {listed}, beyond rounding.")
    values = [float(claim.value), *([] if pd.isna(claim.value_high) else [float(claim.value_high)]),
              *(float(r.value) for r in rivals)]
    top = max(r.value for r in rivals)
    return Finding(kind="inconsistency", check="superlative", explanation=explanation,
                   severity=severity_of(relative_spread([top, claim.value_high if not pd.isna(claim.value_high)
                                                         else claim.value]), settings),
                   subject_key=claim.cmp_label, metric=claim.metric, year=year_or_none(claim.year),
                   figure_ids=[claim.figure_id, *(r.figure_id for r in rivals)], doc_ids=[claim.doc_id],
                   values=values)


def unit_scales(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """One number a document prints for one thing under two scales of one unit ("3,210 GW" and "3,210 TW"
    of the same capacity in the same year): at most one of them can be right."""
    found = []
    scaled = [r for r in records(figures) if r.cmp_key is not None and r.qualifier in _PLAIN
              and unit_scale(r.unit) is not None]
    same_thing = group_rows(scaled, lambda r: (r.doc_id, r.cmp_key, r.metric, known(r.year), r.cmp_geo, r.cmp_period,
                                               r.cmp_segment, r.value, UNIT_SCALES[r.unit][0]))
    for rows in same_thing.values():
        by_unit = [first for first, *_ in group_rows(rows, lambda r: r.unit).values()]
        if len(by_unit) > 1:
            units = " and ".join(f"{r.quote!r}" for r in by_unit)
            found.append(Finding(
                kind="inconsistency", check="unit_scale", severity="high",
                explanation=f"{by_unit[0].source_file} gives {by_unit[0].cmp_label} as {units}: one number under "
                            f"two scales of one unit, {_scale_apart(by_unit):g} times apart.",
                subject_key=by_unit[0].cmp_label, metric=by_unit[0].metric, year=year_or_none(by_unit[0].year),
                figure_ids=[r.figure_id for r in by_unit], doc_ids=[by_unit[0].doc_id],
                values=[float(r.value) for r in by_unit]))
    return found


_MISPRINTED = 0.01  # a market's later size below 1% of its earlier one, a thousand times it not a collapse


def scale_words(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """A market's size a document gives for a later year below 1% of its own earlier size of it, where a
    thousand times it would be a plausible size ("$2.81 trillion in 2024 ... forecast to reach $3.9 billion
    in 2029"): billion for trillion, or million for billion. The earlier key's words are all in the later's."""
    found = []
    sizes = [r for r in records(figures) if r.metric == "market_size" and r.cmp_key and r.qualifier in _PLAIN
             and known(r.year) is not None]
    for rows in group_rows(sizes, lambda r: (r.cmp_voice, r.cmp_unit, r.cmp_geo, r.cmp_segment)).values():
        for later in rows:
            earlier = [r for r in rows if 0 < int(later.year) - int(r.year) <= 10
                       and set(r.cmp_key.split()) <= set(later.cmp_key.split())
                       and later.value < _MISPRINTED * r.value and r.value <= 2000 * later.value]
            if earlier:
                base = max(earlier, key=lambda r: int(r.year))
                found.append(Finding(
                    kind="inconsistency", check="scale_word", severity="high",
                    explanation=f"{later.source_file} gives {later.cmp_label} as {later.quote!r} for {later.year}, "
                                f"{fmt_percent(100 * later.value / base.value)} of its {base.quote!r} for {base.year}: "
                                f"a scale word (million, billion, trillion) looks misprinted.",
                    subject_key=later.cmp_label, metric=later.metric, year=year_or_none(later.year),
                    figure_ids=[later.figure_id, base.figure_id], doc_ids=[later.doc_id],
                    values=[float(later.value), float(base.value)]))
    return found


def unit_scale(unit: object) -> tuple[str, float] | None:
    """A unit under a metric prefix as its base unit and the factor to it ("GW" -> ("W", 1e9)), else None."""
    return UNIT_SCALES.get(unit) if isinstance(unit, str) else None


def _scale_apart(rows: list) -> float:
    """How many times the largest of the rows' unit scales is the smallest."""
    factors = [UNIT_SCALES[r.unit][1] for r in rows]
    return max(factors) / min(factors)
