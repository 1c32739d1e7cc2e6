"""Loose words: every content word of a subject, for the loose comparison corroborations allow
(`reconcile.agreement`) and for telling a ranking's entities from its title (`reconcile.rankings`)."""

from __future__ import annotations

import re
from functools import lru_cache

from reconcile.subjects import LOOSE_IGNORED, TOKEN, english_singular, fold


def loose_words(subject: object, geography: object = None, segment: object = None) -> str | None:
    """Every content word of a subject phrase, sorted: for the loose comparison corroborations allow.

    Unlike the key, the phrase is not cut where a clause starts: an extracted subject may put the
    words that name the thing after a verb ("GPT-3 models have transitioned token limit"). Geography,
    segment, metric, status and generic words are left out."""
    if not isinstance(subject, str) or not subject.strip():
        return None
    extra: set[str] = set()
    for text in (geography, segment):
        if isinstance(text, str):
            extra.update(english_singular(t) for t in TOKEN.findall(fold(text).replace("-", " ")))
    return " ".join(sorted(_loose_content(subject) - extra))


@lru_cache(maxsize=1 << 16)  # per subject: one subject recurs with many geographies and segments
def _loose_content(subject: str) -> frozenset[str]:
    """`loose_words` of a subject before its geography's and segment's words are left out."""
    text = re.sub(r"\([^)]*\)", " ", fold(subject).replace("-", " ").replace("/", " "))
    text = re.sub(r"\bcompound annual growth rate\b", " ", text)
    return frozenset(english_singular(t) for t in TOKEN.findall(text)) - LOOSE_IGNORED
