"""Subject keys: one comparable key for one subject, however a document words it.

"The global model-based foundation model market" and "Global Model-based
Foundation Model Market" get the same key. The key leaves out the geography
and the segment (they are columns of their own, compared separately), articles,
and plural endings; "X of Y" and "X for Y" become "Y X", so "the market for
pretrained AI models" and "pretrained AI models market" meet. What rules
cannot merge (two firms' names for one market) a user merges in a synonyms
YAML file (see docs/reconciliation.md). Words naming the metric ("CAGR", "size")
and a trailing clause ("... was estimated") are not part of the subject.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

DEFAULT_SYNONYMS = Path(__file__).resolve().parent / "synonyms.yaml"  # package data: found in a wheel too

_DROP = {"the", "a", "an", "its", "their", "this", "that", "these", "those"}
_GEOGRAPHY_WORDS = {"global", "worldwide", "world", "international"}
# Words too common in subjects to show two subjects are the same thing.
GENERIC = {"market", "size", "share", "revenue", "revenues", "value", "rate", "growth", "cost", "price",
           "total", "industry", "average", "overall", "segment", "sector", "and", "of", "for", "in", "on",
           "to", "by", "with", "per", "from", "at", "as", "or"}
# Words that name the metric (a column of its own), not the subject: "CAGR of the X market", "market size of X".
_METRIC_WORDS = {"cagr", "size"}
# A subject ends where a clause starts: "the market for X was estimated ..." is about "the market for X".
_AUXILIARY = {"is", "are", "was", "were", "will", "would", "has", "have", "had", "can", "could", "may", "might",
              "should", "shall"}
# Words that say how a figure is known (a forecast, an estimate, an approximation: columns of their own)
# or that it continues a trend, not what it is about: "expected to further decline at an approximate rate".
_STATUS = {"expected", "estimated", "projected", "forecast", "forecasted", "anticipated", "predicted",
           "approximate", "approximately", "about", "around", "roughly", "nearly", "almost", "further"}
_INVERT = re.compile(r"^(?P<head>(?:\S+\s+){0,2}\S+)\s+(?:of|for)\s+(?P<tail>.+)$")
_TOKEN = re.compile(r"[^\W_]+(?:[.'][^\W_]+)*")


@dataclass(frozen=True)
class Synonyms:
    """Alias key -> canonical key, for subjects and for geographies."""

    subjects: dict[str, str] = field(default_factory=dict)
    geographies: dict[str, str] = field(default_factory=dict)


def load_synonyms(path: Path | None = None) -> Synonyms:
    """The synonyms file at `path` (default: the synonyms.yaml shipped in this package)."""
    path = path if path is not None else DEFAULT_SYNONYMS
    if not Path(path).exists():
        return Synonyms()
    return _load_synonyms(str(Path(path).resolve()), Path(path).stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load_synonyms(path: str, _mtime: int) -> Synonyms:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or set(data) - {"subjects", "geographies"}:
        raise ValueError(f"R501 {path}: expected only the sections 'subjects' and 'geographies'")
    subjects = _alias_table(data.get("subjects") or {}, normalize_subject)
    geographies = _alias_table(data.get("geographies") or {}, _fold)
    return Synonyms(subjects, geographies)


def _alias_table(section: dict, normalize) -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, aliases in section.items():
        key = normalize(str(canonical))
        table[key] = key
        for alias in aliases or []:
            table[normalize(str(alias))] = key
    return table


def normalize_subject(subject: str, drop: frozenset[str] = frozenset()) -> str:
    """The rule-based key of a subject phrase, without the words in `drop` (geography, segment)."""
    text = _fold(subject).replace("-", " ").replace("/", " ")
    text = re.sub(r"\([^)]*\)", " ", text)  # "(SLM)" restates the subject
    text = re.sub(r"\bcompound annual growth rate\b", " ", text)
    words = text.split()
    clause = next((i for i, w in enumerate(words) if i > 0 and w in _AUXILIARY), len(words))
    match = _INVERT.match(" ".join(words[:clause]))
    text = " ".join(words[:clause])
    if match:
        text = f"{match['tail']} {match['head']}"
    tokens = [_singular(t) for t in _TOKEN.findall(text)]
    dropped = _DROP | _GEOGRAPHY_WORDS | _METRIC_WORDS | {_singular(t) for t in drop}
    kept = [t for t in tokens if t not in dropped]
    return " ".join(kept or tokens)


def subject_key(subject: object, geography: object = None, segment: object = None,
                synonyms: Synonyms | None = None) -> str | None:
    if not isinstance(subject, str) or not subject.strip():
        return None
    drop = set()
    for extra in (geography, segment):
        if isinstance(extra, str):
            drop.update(_TOKEN.findall(_fold(extra).replace("-", " ")))
    key = normalize_subject(subject, frozenset(drop))
    synonyms = synonyms or Synonyms()
    return synonyms.subjects.get(key, synonyms.subjects.get(normalize_subject(subject), key))


def loose_words(subject: object, geography: object = None, segment: object = None) -> str | None:
    """Every content word of a subject phrase, sorted: for the loose comparison corroborations allow.

    Unlike the key, the phrase is not cut where a clause starts: an extracted subject may put the
    words that name the thing after a verb ("GPT-3 models have transitioned token limit"). Geography,
    segment, metric, status and generic words are left out."""
    if not isinstance(subject, str) or not subject.strip():
        return None
    extra = set()
    for text in (geography, segment):
        if isinstance(text, str):
            extra.update(_singular(t) for t in _TOKEN.findall(_fold(text).replace("-", " ")))
    text = re.sub(r"\([^)]*\)", " ", _fold(subject).replace("-", " ").replace("/", " "))
    text = re.sub(r"\bcompound annual growth rate\b", " ", text)
    ignored = _DROP | _GEOGRAPHY_WORDS | _METRIC_WORDS | _AUXILIARY | _STATUS | GENERIC | extra
    return " ".join(sorted({_singular(t) for t in _TOKEN.findall(text)} - ignored))


def geography_key(geography: object, synonyms: Synonyms | None = None) -> str | None:
    if not isinstance(geography, str) or not geography.strip():
        return None
    folded = _fold(geography)
    return (synonyms or Synonyms()).geographies.get(folded, folded)


def assign_subject_keys(figures: pd.DataFrame, synonyms_path: Path | None = None) -> pd.DataFrame:
    """The figures with `subject_key` filled from subject, geography and segment."""
    synonyms = load_synonyms(synonyms_path)
    out = figures.copy()
    keys = [subject_key(s, g, seg, synonyms) for s, g, seg in zip(out["subject"], out["geography"], out["segment"])]
    out["subject_key"] = pd.Series(keys, index=out.index, dtype=object)
    return out


def content_words(key: str | None) -> set[str]:
    """The words of a key that say what the subject is (not "market", "cost", "of")."""
    return {t for t in (key or "").split() if t not in GENERIC}


def similar(key_a: str | None, key_b: str | None, min_share: float = 0.5) -> bool:
    """Two keys name the same subject loosely: most content words of the shorter occur in the longer."""
    if key_a is None or key_b is None:
        return False
    if key_a == key_b:
        return True
    a, b = content_words(key_a), content_words(key_b)
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= min_share


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _singular(token: str) -> str:
    if len(token) <= 3 or token.endswith(("ss", "us", "is", "aas", "ics")):
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith("s"):
        return token[:-1]
    return token
