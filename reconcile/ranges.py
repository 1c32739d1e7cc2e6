"""Inside one document: a value outside the classes the document itself draws.

"Compact boilers (20-50 kW vs. 100-400 kW for plant-room units)" draws two classes of one measure in
one sentence. A value of the same measure elsewhere in the document that lies in neither, close to one
of them ("a 65 kW compact model"), contradicts the classes the document stated: either the value or the
class bounds are off. Only ranges stated side by side (two or more, apart from each other) draw classes;
a lone range is an estimate, not a class. A value is read against the class it is nearest, and only when
it is within `_NEAR` times that class's end and nearer to it than to any other class: a value far from
every class is about something else.
"""

from __future__ import annotations

import pandas as pd

from reconcile.formatting import fmt_value
from reconcile.model import Finding, group_rows, known, records, relative_spread, severity_of, year_or_none
from reconcile.settings import ReconcileSettings

OUTSIDE_CLASSES = "outside_stated_classes"
_NEAR = 2.0  # at most this factor beyond the nearest class's end


def points_outside_classes(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """Values of a measure that lie outside every class the document draws for that measure, next to one."""
    found = []
    rows = [r for r in records(figures) if r.value is not None and r.value > 0]
    for measure in group_rows(rows, lambda r: (r.doc_id, r.metric, r.cmp_unit, r.cmp_per)).values():
        classes = _classes(measure)
        if not classes:
            continue
        drawn = {id(r) for r in classes}
        for point in (r for r in measure if id(r) not in drawn and r.qualifier in ("exact", "approx")):
            nearest = _nearest_class(point.value, classes)
            if nearest is not None:
                found.append(_finding(nearest, point, settings))
    return found


def _classes(measure: list) -> list:
    """The ranges of one sentence and one year (or none) that draw classes: two or more, none overlapping
    another. Ranges of different years are one measure's path over time ("20-50 kW in 2023 and 60-90 kW in
    2024"), not classes."""
    ranges = [r for r in measure if r.qualifier == "range" and known(r.value_high) is not None]
    for side_by_side in group_rows(ranges, lambda r: (r.sentence, known(r.year))).values():
        spans = sorted(side_by_side, key=lambda r: r.value)
        if len(spans) >= 2 and all(a.value_high < b.value for a, b in zip(spans, spans[1:])):
            return spans
    return []


def _nearest_class(value: float, classes: list):
    """The class a value outside all of them lies next to (within `_NEAR` times its end and nearer to it
    than to any other), or None when the value is inside one or far from all."""
    if any(c.value <= value <= c.value_high for c in classes):
        return None
    apart = sorted((value / c.value_high if value > c.value_high else c.value / value, i)
                   for i, c in enumerate(classes))
    (closest, i), *others = apart
    if closest > _NEAR or (others and others[0][0] <= closest * 2):
        return None
    return classes[i]


def _finding(range_row, point, settings: ReconcileSettings) -> Finding:
    low, high = fmt_value(range_row.value, range_row.unit), fmt_value(range_row.value_high, range_row.unit)
    explanation = (f"{point.source_file} draws a class of {low} to {high} ({range_row.quote}) beside others, "
                   f"yet gives {point.quote} ({fmt_value(point.value, point.unit)}), outside every class it "
                   f"states and next to this one.")
    end = range_row.value_high if point.value > range_row.value_high else range_row.value
    rows = [range_row, point]
    severity = severity_of(relative_spread([end, point.value]), settings)
    return Finding(kind="inconsistency", check=OUTSIDE_CLASSES, severity=severity, explanation=explanation,
                   subject_key=range_row.cmp_label, metric=point.metric, year=year_or_none(point.year),
                   figure_ids=[r.figure_id for r in rows], doc_ids=[point.doc_id],
                   values=[float(range_row.value), float(range_row.value_high), float(point.value)])
