"""One source's statement quoted by two documents under subjects a word apart ("retail and search
advertising", "search and retail media ads"): the same other number beside it in both sentences (the
growth it reached the figure by) shows it is one statement (`sources.subject_groups` joins them)."""

from __future__ import annotations

from reconcile.model import group_rows


def companions(rows: list) -> dict[tuple, set[tuple]]:
    """Per (document, sentence), the (metric, value) of each of its figures."""
    return {scope: {(r.metric, float(r.value)) for r in own}
            for scope, own in group_rows(rows, lambda r: (r.doc_id, r.sentence)).items()}


def quoted_alike(row, wide_rows: list, quoted: dict[str, dict], wide: str, numbers: dict) -> bool:
    """Two documents quoting one source's figure under keys a word apart ("retail and search", "search and
    retail media"), the same other number beside it in both sentences: one statement, quoted twice.
    `numbers`: `companions`; `quoted`: per wide key, the documents giving each (source, other number),
    filled once per key."""
    if row.cmp_source_name is None:
        return False

    def beside(r) -> set[tuple]:
        return numbers.get((r.doc_id, r.sentence), set()) - {(r.metric, float(r.value))}
    if wide not in quoted:
        quoted[wide] = {}
        for w in wide_rows:
            for number in beside(w):
                quoted[wide].setdefault((w.cmp_source, number), set()).add(w.doc_id)
    return any(quoted[wide].get((row.cmp_source, number), set()) - {row.doc_id} for number in beside(row))
