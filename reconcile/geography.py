"""The geography a figure is compared under, when its sentence names none.

A figure that states a geography is compared under it. One that does not is read the
way an analyst reads it: a document that says "US" for most of what it says about a
subject (or about everything) is about the US where it says nothing; a document whose
figures mostly name no place, and name one place only in an aside ("mainland China grew
4%"), is about the whole market, and so are its unplaced figures. A place stated by a
minority of a document's figures never becomes the document's geography.
"""

from __future__ import annotations

from collections import Counter

WORLD = "global"


def compared_geographies(doc_ids: list, keys: list, stated: list) -> list:
    """The geography each figure is compared under (see the module's docstring): the one it states;
    else the one geography its document states for the same comparison key, if the figures stating it
    are at least as many as those stating none; else, on the same terms, the one geography its document
    states at all; else the world."""
    by_subject = _scopes(zip(doc_ids, keys), stated)
    by_doc = _scopes(((d,) for d in doc_ids), stated)
    out = []
    for doc, key, geo in zip(doc_ids, keys, stated):
        if geo is None:
            geo = by_subject.get((doc, key)) or by_doc.get((doc,)) or WORLD
        out.append(geo)
    return out


def _scopes(scopes, stated: list) -> dict[tuple, str]:
    """Per scope, its one stated geography where that is not outnumbered by the scope's unplaced figures."""
    placed: dict[tuple, set] = {}
    counts: Counter = Counter()
    unplaced: Counter = Counter()
    for scope, geo in zip(scopes, stated):
        scope = tuple(scope)
        if geo is None:
            unplaced[scope] += 1
        else:
            placed.setdefault(scope, set()).add(geo)
            counts[scope] += 1
    return {scope: next(iter(geos)) for scope, geos in placed.items()
            if len(geos) == 1 and counts[scope] >= unplaced[scope]}
