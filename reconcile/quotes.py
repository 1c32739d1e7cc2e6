"""One source's statement quoted by two documents under subjects a word apart ("hull and cargo
insurance", "cargo and hull marine cover"): the same other number beside it in both sentences (the
growth it reached the figure by) shows it is one statement (`sources.subject_groups` joins them)."""

from __future__ import annotations

from reconcile.model import group_rows


def companions(rows: list) -> dict[tuple, set[tuple]]:
    """Per (document, sentence), the (metric, value) of each of its figures."""
    return {scope: {(r.metric, float(r.value)) for r in own}
            for scope, own in group_rows(rows, lambda r: (r.doc_id, r.sentence)).items()}


# A statement quoted twice gives one number, give or take a misprint or rounding; a number this far from the
# other quote's is another statement that happens to share the number beside it ("grew 5% to ...").
_QUOTED_APART = 1.25


def quoted_alike(row, wide_rows: list, quoted: dict[str, dict], wide: str, numbers: dict) -> bool:
    """Two documents quoting one source's figure under keys a word apart ("hull and cargo", "cargo and hull
    marine"), the same other number beside it in both sentences and nearly the same value: one statement,
    quoted twice. `numbers`: `companions`; `quoted`: per wide key, the documents and values giving each
    (source, other number), filled once per key."""
    if row.cmp_source_name is None:
        return False

    def beside(r) -> set[tuple]:
        return numbers.get((r.doc_id, r.sentence), set()) - {(r.metric, float(r.value))}
    if wide not in quoted:
        quoted[wide] = {}
        for w in wide_rows:
            for number in beside(w):
                quoted[wide].setdefault((w.cmp_source, number), set()).add((w.doc_id, float(w.value)))
    value = float(row.value)
    return any(doc != row.doc_id and _near(value, other)
               for number in beside(row) for doc, other in quoted[wide].get((row.cmp_source, number), set()))


def _near(a: float, b: float) -> bool:
    return a * b > 0 and max(a / b, b / a) <= _QUOTED_APART
