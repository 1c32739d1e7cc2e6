"""The geography a figure is compared under, when its sentence names none.

A figure that states a geography is compared under it. One that does not is read the
way an analyst reads it: a document that says "US" for most of what it says about a
subject (or about everything) is about the US where it says nothing; a document whose
figures mostly name no place, and name one place only in an aside ("mainland China grew
4%"), is about the whole market, and so are its unplaced figures. A place stated by a
minority of a document's figures never becomes the document's geography.
"""

from __future__ import annotations

import re
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


# A place that says where a firm is from ("U.S. tech giant Amazon", "China's largest EV maker"), not which
# market a figure measures: the place, up to two describing words, a noun for a firm.
FIRM_NOUNS = r"(?:giant|maker|makers|company|firm|group|manufacturer|carmaker|automaker|retailer|vendor)"
_FIRM_HOME = re.compile(r"(?P<place>\b[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)(?:['’]s)?\s+(?P<words>(?:[\w-]+\s+){0,2})"
                        + FIRM_NOUNS + r"\b")


def firm_homes(sentence: object) -> list[tuple[str, str]]:
    """(place, describing words and firm noun) of each firm the sentence describes by its home."""
    if not isinstance(sentence, str) or not _may_describe_a_firm(sentence):
        return []
    return [(m["place"], sentence[m.end("place"):m.end()]) for m in _FIRM_HOME.finditer(sentence)]


# What every firm noun holds, tested as substrings before the regex, which most sentences do not match.
_NOUN_STEMS = ("giant", "maker", "company", "firm", "group", "manufacturer", "retailer", "vendor")


def _may_describe_a_firm(sentence: str) -> bool:
    for stem in _NOUN_STEMS:  # a loop, not any(): no generator per sentence
        if stem in sentence:
            return True
    return False


def only_a_firms_home(geography: str | None, sentence: object, place_key) -> bool:
    """The figure's geography is written in its sentence only as a firm's home: it is no market's place.
    `place_key` reads a written place as a geography key ("U.S." is united states)."""
    if geography is None:
        return False
    homes = [place for place, _ in firm_homes(sentence) if place_key(place) == geography]
    return bool(homes) and str(sentence).count(homes[0]) == 1
