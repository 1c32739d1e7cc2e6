"""Across documents: a firm's split of a total that one document adds up and another does not.

A document that gives a total and two or more of its parts whose values add up to it (within rounding)
shows that those parts make the whole ("independent kennels" and "franchise chains" making all boarding
operators' revenue). Another document quoting the same firm with the same total and the same parts
whose values do not add up disagrees with itself: an inconsistency of that document. Parts are the
comparison groups (`sources.subject_groups`) of one comparison bucket whose keys hold every word of the
total's key and more, none of them holding another's words.
"""

from __future__ import annotations

from itertools import combinations

from reconcile.formatting import fmt_value
from reconcile.intervals import Interval
from reconcile.model import Finding, group_rows, relative_spread, severity_of, year_or_none
from reconcile.settings import ReconcileSettings

SPLIT_CHECK = "parts_against_total"
_METRICS = {"market_size", "revenue"}
_MOST_PARTS = 4  # a split of more parts than this is not looked for (the subsets grow fast)
_MOST_CANDIDATES = 10  # nor among more candidate parts of one document


def split_totals(groups: list[list], settings: ReconcileSettings) -> list[Finding]:
    """Documents whose parts of a total do not add up to it, where another document of the same source
    shows that those parts do (see the module's docstring). `groups`: `sources.subject_groups`."""
    found = []
    buckets = group_rows([g for g in groups if g[0].metric in _METRICS and g[0].cmp_key],
                         lambda g: (g[0].cmp_same, g[0].cmp_geo))
    for bucket in buckets.values():
        postings: dict[str, list[int]] = {}
        for i, group in enumerate(bucket):
            for word in set(group[0].cmp_key.split()):
                postings.setdefault(word, []).append(i)
        for total in bucket:
            if not _quoted_by_two(total):
                continue
            words = set(total[0].cmp_key.split())
            holding = set.intersection(*(set(postings[w]) for w in words))
            parts = [bucket[i] for i in sorted(holding) if words < set(bucket[i][0].cmp_key.split())]
            splits = _confirmed_splits(total, parts)
            adding = {shown[0].doc_id for shown, _ in splits}  # a document with a split of its own that adds up
            for split in splits:
                found += _broken(total, split, adding, settings)
    return found


def _quoted_by_two(total: list) -> bool:
    """Whether two documents give the total with one source: only then can one show the other wrong."""
    docs: dict[str, set[str]] = {}
    for r in total:
        docs.setdefault(r.cmp_source, set()).add(r.doc_id)
    return any(len(own) > 1 for own in docs.values())


def _one_value(group: list, doc_id: str):
    """The document's row in a group, if it gives the group exactly one value."""
    own = [r for r in group if r.doc_id == doc_id]
    return own[0] if own and len({r.cmp_exact for r in own}) == 1 else None


def _confirmed_splits(total: list, parts: list[list]) -> list[tuple[list, list[list]]]:
    """(the document's total and parts, the part groups) for each set of non-nested parts some document
    adds up to its own total."""
    splits = []
    for doc_id in dict.fromkeys(r.doc_id for r in total):
        whole = _one_value(total, doc_id)
        own = [g for g in parts if _one_value(g, doc_id) is not None]
        if whole is None or len(own) < 2 or len(own) > _MOST_CANDIDATES:
            continue
        for n in range(2, min(_MOST_PARTS, len(own)) + 1):
            for chosen in combinations(own, n):
                if _nested(chosen):
                    continue
                summed = _sum([_one_value(g, doc_id).cmp_exact for g in chosen])
                if summed.overlaps(whole.cmp_exact):
                    splits.append(([whole, *(_one_value(g, doc_id) for g in chosen)], list(chosen)))
    return splits


def _nested(groups: tuple) -> bool:
    keys = [set(g[0].cmp_key.split()) for g in groups]
    return any(a <= b for i, a in enumerate(keys) for j, b in enumerate(keys) if i != j)


def _sum(intervals: list[Interval]) -> Interval:
    return Interval(sum(i.low for i in intervals), sum(i.high for i in intervals))


def _broken(total: list, split: tuple[list, list[list]], adding: set[str],
            settings: ReconcileSettings) -> list[Finding]:
    """The documents of the split's source giving the total and every part, whose parts miss the total;
    the finding lists the document that adds them up too (it is what shows the parts make the whole). A
    document whose own parts add up to its total in another split (`adding`: "... and others $9 billion")
    agrees with itself."""
    shown, parts = split
    found = []
    for doc_id in dict.fromkeys(r.doc_id for r in total if r.cmp_source == shown[0].cmp_source):
        if doc_id in adding:
            continue
        whole = _one_value(total, doc_id)
        own = [_one_value(g, doc_id) for g in parts]
        if whole is None or any(r is None for r in own):
            continue
        summed = _sum([r.cmp_exact for r in own])
        if not summed.overlaps(whole.cmp_exact):
            found.append(_finding([whole, *own], shown, settings))
    return found


def _finding(own: list, shown: list, settings: ReconcileSettings) -> Finding:
    whole, parts = own[0], own[1:]
    value = sum(float(r.value) for r in parts)
    spread = relative_spread([value, whole.value])
    explanation = (f"{whole.source_file} gives {' + '.join(r.quote for r in parts)} = {fmt_value(value, whole.unit)} "
                   f"but its own total is {whole.quote}, {spread:.1%} apart; {shown[0].source_file}, quoting the "
                   f"same source, adds the same parts up to its total "
                   f"({' + '.join(r.quote for r in shown[1:])} = {shown[0].quote}).")
    rows = [*own, *shown]
    return Finding(kind="inconsistency", check=SPLIT_CHECK, severity=severity_of(spread, settings),
                   explanation=explanation, subject_key=whole.cmp_label, metric=whole.metric,
                   year=year_or_none(whole.year), figure_ids=[r.figure_id for r in rows],
                   doc_ids=list(dict.fromkeys(r.doc_id for r in rows)), values=[float(r.value) for r in rows])
