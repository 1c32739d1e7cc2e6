"""The unit of a counted figure, said one way across a document (FORMAT.md's units convention: a counted thing
is its singular head noun), so that counts of the same things compare within and across reports:

- an acronym the document spells out elsewhere counts what its words name: "386,810 BEVs" where the text says
  "battery electric vehicles" counts vehicles;
- a few nouns are counted by their broader kind ("electric cars" are vehicles), as reports of an industry
  mix them for the same things;
- "units" stand for the thing the document counts most, where it names one more often than it says "units"
  ("Tesla delivered 484,507 units" in a report counting vehicles); where "units" is the usual word, it stays.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from extractors import lexicon
from extractors.model import Figure

# Nouns counted by their broader kind, as FORMAT.md's convention names it.
_BROADER = {"car": "vehicle", "automobile": "vehicle"}
_GENERIC = "unit"
_ACRONYM_UNIT = re.compile(r"[a-z]{2,5}")
_NEAR = 3000  # how far from an acronym's first use its words are looked for


def spelled_out(acronym: str, text: str) -> str | None:
    """The head noun of the words an acronym stands for where the document writes them near it ("BEV" ->
    "vehicle" for "battery electric vehicles"): the most frequent run of words whose initials spell it."""
    first = re.search(rf"\b{acronym}s?\b", text) if acronym in text else None
    if first is None:
        return None
    near = text[max(0, first.start() - _NEAR):first.end() + _NEAR].lower()
    words = r"[ \t]+".join(rf"{letter}[\w\-]*" for letter in acronym.lower())
    runs = Counter(m.group(0) for m in re.finditer(rf"(?<![\w\-]){words}\b", near))
    for run, _ in runs.most_common():
        head = lexicon.singular(re.split(r"[ \t\-]+", run)[-1])
        if len(head) > 2 and head not in (acronym.lower(), _GENERIC):  # "GPUs" stay GPUs, not units
            return head
    return None


def counted_kind(unit: str, text: str) -> str:
    """The noun a count's unit names, spelled out and by its broader kind: "bev" -> "vehicle"; other units
    as they are."""
    words = unit.split()
    if not words:
        return unit
    head = words[-1]
    if len(words) == 1 and _ACRONYM_UNIT.fullmatch(head):
        head = spelled_out(head.upper(), text) or head
    head = _BROADER.get(head, head)
    return unit if head == words[-1] else head


def document_units(figures: list[Figure], text: str) -> list[Figure]:
    """The document's counts with their units said one way (see the module's note)."""
    counted = {id(f) for f in figures if f.metric == "count" or f.rule == "count.change"}
    if not counted:
        return figures
    kinds = {unit: counted_kind(unit, text) for unit in {f.unit for f in figures if id(f) in counted}}
    heads = Counter(kinds[f.unit].split()[-1] for f in figures if id(f) in counted)
    generic = heads.pop(_GENERIC, 0)
    for time in lexicon.TIME_UNITS:
        heads.pop(time, None)
    usual = heads.most_common(1)[0] if heads else None
    # the usual noun stands for "units" where it is most of what the document counts
    units_stand_for = usual[0] if usual and generic and usual[1] > generic \
        and 2 * usual[1] > generic + sum(heads.values()) else None
    out = []
    for figure in figures:
        unit = figure.unit
        if id(figure) in counted:
            unit = kinds[unit]
            if units_stand_for and unit.split()[-1] == _GENERIC:
                unit = units_stand_for
        out.append(figure if unit == figure.unit else replace(figure, unit=unit))
    return out
