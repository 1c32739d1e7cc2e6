"""The basis a figure is counted on, where its report names one: sell-in, sell-through or sell-out.

Firms that track one market count it at different points: units shipped into the channel (sell-in,
"shipments"), or units sold to end users (sell-through, sell-out). The same vendor's share or growth differs
between the two, so such figures are compared only with figures counted on the same basis. A report names
its basis once ("in its preliminary sell-through numbers ...") and then gives its figures, so a figure takes
the basis its own sentence names, else the one basis its document's figures name; none where none is named.
"""

from __future__ import annotations

import re

import pandas as pd

BASIS = re.compile(r"\bsell[- ]?(through|in|out)\b", re.IGNORECASE)


def sentence_basis(sentence: object) -> str | None:
    """The one basis a sentence names ("sell-through"), or None where it names none or several."""
    if not isinstance(sentence, str) or "sell" not in sentence.casefold():  # most sentences: no regex run
        return None
    named = {m.group(1).casefold() for m in BASIS.finditer(sentence)}
    return f"sell-{named.pop()}" if len(named) == 1 else None


def counting_bases(figures: pd.DataFrame) -> list[str | None]:
    """Each figure's basis: its sentence's, else its document's only one, else None."""
    own = [sentence_basis(s) for s in figures["sentence"].tolist()]
    per_document: dict[object, set[str]] = {}
    for doc, basis in zip(figures["doc_id"].tolist(), own):
        if basis is not None:
            per_document.setdefault(doc, set()).add(basis)
    document = {doc: next(iter(b)) for doc, b in per_document.items() if len(b) == 1}
    return [basis or document.get(doc) for doc, basis in zip(figures["doc_id"].tolist(), own)]
