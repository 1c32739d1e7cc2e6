"""A finding, and how figures are prepared for comparison."""

from __future__ import annotations

import hashlib
import math
from collections import Counter, namedtuple
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from reconcile import voices
from reconcile.basis import counting_bases
from reconcile.firms import own_name_keys
from reconcile.geography import compared_geographies, only_a_firms_home
from reconcile.parallel import child_part, side_by_side
from reconcile.periods import compared_parts
from reconcile.runtime import paused_gc
from reconcile.intervals import MAX_ROUNDING, Interval, printed_interval
from reconcile.loose_words import loose_words
from reconcile.settings import ReconcileSettings
from reconcile.subjects import (comparison_key, dateline_words, declines, geography_key, instrument_words,
                                load_synonyms, per_key, segment_key, sentence_words, subject_key)
from reconcile.year_parts import period_marker

# What must be identical for two figures to be about the same thing (besides the subject), and that
# with the exact subject and geography: the groups the cross-source checks compare within.
SAME = ["metric", "year", "cmp_start", "cmp_end", "cmp_period", "cmp_basis", "cmp_unit", "cmp_per", "cmp_segment"]
STRICT = ["cmp_key", "cmp_geo", *SAME]


@dataclass
class Finding:
    kind: str  # conflict, corroboration, inconsistency (a CAGR's implied value is a conflict, check cagr_implied_value)
    check: str  # the rule that made it, e.g. "cagr_endpoints"
    severity: str
    explanation: str
    subject_key: str | None = None
    metric: str | None = None
    year: int | None = None
    period_start: int | None = None
    period_end: int | None = None
    figure_ids: list[str] = field(default_factory=list)
    ranking_ids: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    values: list[float] = field(default_factory=list)

    @property
    def finding_id(self) -> str:
        parts = [self.kind, self.check, *sorted(self.figure_ids), *sorted(self.ranking_ids),
                 *(f"{v:.12g}" for v in self.values)]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]


def records(frame: pd.DataFrame) -> list:
    """The rows as named tuples (with `Index`), like `itertuples()` but built column-wise, which is
    many times faster on the row counts the checks loop over."""
    if "cmp_row" in frame.columns:  # prepared frames carry their rows, built once
        return frame["cmp_row"].tolist()
    row = _row_type(tuple(frame.columns))
    columns = [frame.index.tolist(), *(frame[c].tolist() for c in frame.columns)]
    return list(map(tuple.__new__, repeat(row), zip(*columns)))  # the named tuples, without their Python __new__


def group_rows(rows: list, key) -> dict:
    """Rows by `key(row)`, each group in the rows' order (missing values in a key are one value: None)."""
    groups: dict = {}
    for r in rows:
        k = key(r)
        group = groups.get(k)
        if group is None:  # not setdefault: that builds an empty list for every row
            groups[k] = [r]
        else:
            group.append(r)
    return groups


T = TypeVar("T")


def known(x: T) -> T | None:
    """x, or None where it is missing (NaN, NA), so that missing values group and compare as one."""
    return None if x is None or x is pd.NA or x != x else x  # only NaN differs from itself


@lru_cache(maxsize=64)
def _row_type(columns: tuple[str, ...]):
    return namedtuple("Row", ["Index", *columns])


CHILD_SHARE = 0.45  # of a large frame's figures prepared in a child, which pickles their columns back too


def prepare_figures(figures: pd.DataFrame, settings: ReconcileSettings,
                    documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Figures with the comparison columns the checks share (cmp_ prefix: never written).

    Work per distinct text (keys, geographies) is done once per distinct value, and the
    intervals are computed column-wise, so preparing is linear and cheap in the row count.
    A frame already prepared is returned as it is, so the reconciler and the report can share one.
    A large frame's documents are prepared in two parts at once, on two cores (`reconcile.parallel`)."""
    if "cmp_row" in figures.columns:
        return figures
    with paused_gc():  # many small objects, no cycles to collect (reconcile.runtime)
        figures = figures.reset_index(drop=True)
        later = child_part(figures["doc_id"].tolist(), CHILD_SHARE)
        if later is None:
            return with_groups(figure_columns(figures, settings, documents))
        first, second = side_by_side(lambda: figure_columns(figures[~later], settings, documents),
                                     lambda: prepared_columns(figure_columns(figures[later], settings, documents)))
        return with_groups(with_columns(figures, [(~later, prepared_columns(first)), (later, second)]))


def figure_columns(figures: pd.DataFrame, settings: ReconcileSettings,
                   documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """`prepare_figures` but for the columns that tie figures together (`with_groups`): every column made
    here depends on the figure and its own document alone, so `reconcile.incremental` can keep them."""
    out = with_comparison_keys(figures.reset_index(drop=True), settings, documents)
    out["cmp_loose"] = pd.Series(_per_distinct([out["subject"], out["geography"], out["segment"]], loose_words),
                                 index=out.index, dtype=object)
    printed_low, printed_high = _printed_bounds(out)
    arithmetic_tol = settings.approx_rel_tol if settings.approx_in_arithmetic else 0.0
    falls = _falls(out)
    for name, tol, open_bounds in (("cmp_interval", settings.approx_rel_tol, True),
                                   ("cmp_printed", settings.approx_rel_tol, False),
                                   ("cmp_exact", arithmetic_tol, False)):
        low, high = _qualified(out, printed_low, printed_high, tol, open_bounds)
        if name != "cmp_exact":  # sources compare signed changes; a document's own arithmetic uses its words
            low, high = np.where(falls, -high, low), np.where(falls, -low, high)
        out[name] = pd.Series(intervals(low.tolist(), high.tolist()), index=out.index, dtype=object)
    if "cmp_offset" not in out.columns:  # with_comparison_keys finds the offsets for a fresh frame
        out["cmp_offset"] = _sentence_offsets(out)
    return out


GROUPS = ("cmp_same", "cmp_strict", "cmp_row")  # the columns `with_groups` adds


def prepared_columns(prepared: pd.DataFrame) -> pd.DataFrame:
    """The columns `figure_columns` adds (not the groups, which span the whole frame)."""
    return prepared[[c for c in prepared.columns if c.startswith("cmp_") and c not in GROUPS]]


def with_columns(figures: pd.DataFrame, parts: list[tuple[np.ndarray, pd.DataFrame]]) -> pd.DataFrame:
    """A copy of the figures with the `prepared_columns` of each part: (a mask of its rows, its columns in
    the order of those rows), the parts covering every row."""
    out = figures.copy()
    for name in parts[0][1].columns:
        values = np.empty(len(out), dtype=object)
        for rows, columns in parts:
            values[rows] = columns[name].to_numpy(dtype=object)
        out[name] = pd.Series(values, index=out.index, dtype=parts[0][1][name].dtype)  # counts stay counts
    return out


def with_groups(out: pd.DataFrame) -> pd.DataFrame:
    """The figures with their comparison groups' codes (over the whole frame) and their rows, built once."""
    for name, columns in (("cmp_same", SAME), ("cmp_strict", STRICT)):  # missing values group as one
        out[name] = out.groupby(columns, sort=False, dropna=False).ngroup().to_numpy()
    out["cmp_row"] = pd.Series(records(out), index=out.index, dtype=object)
    return out


def intervals(lows: list[float], highs: list[float]) -> list[Interval]:
    """Interval(low, high) for each pair, built without the named tuple's Python __new__ (many thousands)."""
    return list(map(tuple.__new__, repeat(Interval), zip(lows, highs)))


def _falls(figures: pd.DataFrame) -> np.ndarray:
    """Changes printed as a positive number of a fall ("down 3%", "a 3% decline"), compared as -3%: the
    extractor's `direction` where it gives one, else the subject's words."""
    change = (figures["metric"] == "growth_rate").to_numpy() & (figures["value"].to_numpy(dtype=float) > 0)
    worded = np.array(_per_distinct([figures["subject"]], declines), dtype=bool)
    if "direction" in figures.columns:
        direction = figures["direction"].to_numpy(dtype=object)
        stated = np.array([isinstance(d, str) for d in direction], dtype=bool)
        worded = np.where(stated, direction == "down", worded)
    return change & worded


def with_comparison_keys(figures: pd.DataFrame, settings: ReconcileSettings,
                         documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """A copy of the figures with the normalized keys they are grouped by (cmp_ prefix): readable subject
    key (cmp_label), comparison key, part of the year, geography as compared, segment, per-unit, unit,
    and each figure's source and its date (`reconcile.voices`). Cheap: computed once per distinct value.
    `documents` gives each document's publisher and printed date, where known."""
    if "cmp_key" in figures.columns:
        return figures
    synonyms = load_synonyms(settings.synonyms_path)
    out = figures.copy()
    labels = _subject_keys(out, synonyms)
    place = lru_cache(maxsize=None)(lambda g: geography_key(g, synonyms))
    stated_geo = _per_distinct([out["geography"], out["sentence"]],  # "U.S. tech giant Amazon": no market's place
                               lambda g, s: None if only_a_firms_home(place(g), s, place) else place(g))
    said_by = voices.sources(out, documents)
    names = pd.Series(said_by["cmp_source_name"], index=out.index, dtype=object)
    tools = _per_distinct([out["sentence"], names], instrument_words)
    counted = _per_distinct([out["metric"], out["unit"]], counted_noun)
    # words the columns say already: the source's tool, the noun a count counts, the unit a price is per
    said = _per_distinct([pd.Series(tools, dtype=object), pd.Series(counted, dtype=object),
                          out["per"].reset_index(drop=True)],
                         lambda tool, noun, per: (tool or frozenset()) | ({noun} if noun else set())
                         | (sentence_words(per) if isinstance(per, str) else frozenset()))
    comparison = _per_distinct([pd.Series(labels, dtype=object), names.reset_index(drop=True),
                                pd.Series(said, dtype=object)],
                               lambda label, source, words: comparison_key(label, source, words))
    offsets = _sentence_offsets(out)
    located = (out["doc_id"].tolist(), out["sentence"].tolist(), out["quote"].tolist(), offsets,
               (out["rule"] != "table").tolist())
    # a list's firms, each its own figure; and one given to several together ("Acme and Bolt ... 18% each")
    comparison, shared = own_name_keys(comparison, *located, out["geography"].tolist())
    comparison = _sentence_keys(out, comparison)
    keys = {
        "cmp_label": labels,
        "cmp_key": comparison,
        "cmp_shared": shared,
        "cmp_period": compared_parts(out, _per_distinct([out["subject"]], period_marker)),
        "cmp_basis": _counting_bases(out),  # sell-in vs sell-through: counted apart (reconcile.basis)
        "cmp_geo": compared_geographies(out["doc_id"].tolist(), comparison, stated_geo),
        "cmp_topic": _document_topics(out["doc_id"].tolist(), comparison),
        "cmp_segment": _per_distinct([out["segment"]], segment_key),
        "cmp_per": _per_distinct([out["per"]], per_key),
        "cmp_unit": _per_distinct([out["metric"], out["unit"]],
                                  lambda m, u: "unit" if counted_noun(m, u) else str(u).casefold()),
    }
    keys.update(said_by)
    keys.update(_compared_periods(out))
    for name, values in keys.items():  # object dtype keeps None as None, never NaN
        out[name] = pd.Series(values, index=out.index, dtype=object)
    out["cmp_offset"] = offsets  # where each quote starts in its sentence, kept for `figure_columns`
    return out


def _sentence_keys(figures: pd.DataFrame, keys: list) -> list:
    """The comparison keys, with a figure whose subject names nothing ("annual revenue surging 25%") given
    the one thing the other figures of its sentence name ("the semiconductor market ... to $683 billion"):
    a sentence about one thing is about it throughout. A sentence naming two things lends none."""
    scopes = list(zip(figures["doc_id"].tolist(), figures["sentence"].tolist()))
    named: dict[tuple, set] = {}
    for scope, key in zip(scopes, keys):
        if key is not None:
            named.setdefault(scope, set()).add(key)
    lent = {scope: next(iter(found)) for scope, found in named.items() if len(found) == 1}
    return [key if key is not None else lent.get(scope) for scope, key in zip(scopes, keys)]


def _counting_bases(figures: pd.DataFrame) -> list:
    """`basis.counting_bases`, read once per distinct sentence of a document: what it reads (the sentence,
    and which bases the document names) is the same for every figure of the sentence."""
    scope = figures.groupby(["doc_id", "sentence"], sort=False, dropna=False).ngroup().to_numpy()
    first = np.unique(scope, return_index=True)[1]  # a row of each (document, sentence), in code order
    bases = counting_bases(figures[["doc_id", "sentence"]].iloc[first])
    return [bases[code] for code in scope.tolist()]


def counted_noun(metric: object, unit: object) -> str | None:
    """The noun a count counts ("iphone", "smartphone", "vehicle": FORMAT writes counted things as their
    singular noun), which says what is counted as the subject does: counts compare as units, and the
    noun is no word of the comparison key ("Acme sold 141.7 million kettles" is Acme's count). Of a noun
    with modifiers ("electric vehicle") the last word: the modifiers say what is counted and stay in the key.
    None for other metrics and for abbreviations (GW, kWh)."""
    words = unit.split() if isinstance(unit, str) else []
    if metric != "count" or not words or not all(w.isalpha() and w.islower() for w in words) or unit == "unit":
        return None
    return words[-1]


def _document_topics(doc_ids: list, keys: list) -> list:
    """Per figure, the words most of its document's comparison keys hold (at least half of its figures
    with a key): what the document is about, which a subject may leave unsaid ("Acme's 23% share" in
    a report on smartphones)."""
    counts: dict = {}
    keyed: Counter = Counter()
    for (doc, key), n in Counter(zip(doc_ids, keys)).items():  # each document's distinct keys, split once
        if key is not None:
            keyed[doc] += n
            words = counts[doc] if doc in counts else counts.setdefault(doc, Counter())
            for word in set(key.split()):
                words[word] += n
    topics = {doc: frozenset(w for w, n in words.items() if 2 * n >= keyed[doc]) for doc, words in counts.items()}
    return [topics.get(doc, frozenset()) for doc in doc_ids]


def _compared_periods(figures: pd.DataFrame) -> dict[str, list]:
    """cmp_start, cmp_end: the period of a CAGR or change as compared. A change over the year before
    (period Y-1 to Y, year Y) is the year's change, as a figure with only the year Y says."""
    start, end, year, metric = (figures[c].tolist() for c in ("period_start", "period_end", "year", "metric"))
    starts, ends = [], []
    for s, e, y, m in zip(start, end, year, metric):
        s, e, y = known(s), known(e), known(y)
        yearly = m == "growth_rate" and y is not None and e == y and s == y - 1
        starts.append(None if yearly else s)
        ends.append(None if yearly else e)
    return {"cmp_start": starts, "cmp_end": ends}


def _per_distinct(columns: list[pd.Series], fn) -> list:
    """fn(*values) for every row of the columns, computed once per distinct combination (missing: None)."""
    factorized = [pd.factorize(c) for c in columns]
    combined = np.zeros(len(columns[0]), dtype=np.int64)  # one code per distinct combination, column by column
    for codes, uniques in factorized:
        combined, _ = pd.factorize(combined * (len(uniques) + 1) + (codes + 1))
    first = np.unique(combined, return_index=True)[1]  # a row of each combination, in code order
    values = [_decoded(codes[first], uniques) for codes, uniques in factorized]
    done = [fn(*combo) for combo in zip(*values)]
    return [done[code] for code in combined.tolist()]


def _decoded(codes: np.ndarray, uniques: pd.Index) -> list:
    """The values of factorized codes as plain Python objects (None for -1), taken column-wise: indexing
    the uniques one scalar at a time costs a pandas call each."""
    values = np.empty(len(uniques) + 1, dtype=object)  # code -1 takes the last: None
    values[:-1] = np.asarray(uniques, dtype=object)
    return values[codes].tolist()


def _subject_keys(figures: pd.DataFrame, synonyms) -> list:
    """The readable key of subject, geography, segment and the sentence's dateline (computed here, not
    read from `subject_key`, so figures written by an older build compare by today's rules)."""
    datelines = _per_distinct([figures["sentence"].str.slice(0, 120)], dateline_words)
    return _per_distinct([figures["subject"], figures["geography"], figures["segment"],
                          pd.Series(datelines, index=figures.index, dtype=object)],
                         lambda subject, geo, segment, dateline: subject_key(subject, geo, segment, synonyms,
                                                                             dateline or frozenset()))


def _printed_bounds(figures: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each figure's rounding interval as printed: the extractor's (value_low, value_upper) where it
    recorded one that holds a single value, else read from the quote's digits."""
    value = figures["value"].to_numpy(dtype=float)
    value_high = figures["value_high"].to_numpy(dtype=float, na_value=np.nan)
    low = _column(figures, "value_low")
    high = _column(figures, "value_upper")
    recorded = ~np.isnan(low) & ~np.isnan(high) & np.isnan(value_high) & (low <= value) & (value <= high)
    cap = MAX_ROUNDING * np.abs(value)
    low = np.where(recorded, np.maximum(low, value - cap), np.nan)
    high = np.where(recorded, np.minimum(high, value + cap), np.nan)
    quotes = figures["quote"].tolist()
    for i in np.flatnonzero(~recorded).tolist():
        high_value = None if math.isnan(value_high[i]) else float(value_high[i])
        interval = printed_interval(float(value[i]), high_value, quotes[i])
        low[i], high[i] = interval
    return low, high


def _column(figures: pd.DataFrame, name: str) -> np.ndarray:
    if name not in figures.columns:
        return np.full(len(figures), np.nan)
    return figures[name].to_numpy(dtype=float, na_value=np.nan)


def _qualified(figures: pd.DataFrame, low: np.ndarray, high: np.ndarray, approx_rel_tol: float,
               open_bounds: bool) -> tuple[np.ndarray, np.ndarray]:
    """`intervals.figure_interval`'s widening and opening, column-wise (the same floating-point steps)."""
    qualifier = figures["qualifier"].to_numpy(dtype=object)
    value = figures["value"].to_numpy(dtype=float)
    if approx_rel_tol:  # "about X": X give or take approx_rel_tol of it
        approx = qualifier == "approx"
        value_high = figures["value_high"].to_numpy(dtype=float, na_value=np.nan)
        top = np.where(np.isnan(value_high), value, value_high)
        low = np.where(approx, np.minimum(low, value - approx_rel_tol * np.abs(value)), low)
        high = np.where(approx, np.maximum(high, top + approx_rel_tol * np.abs(top)), high)
    if open_bounds:
        high = np.where(qualifier == "lower_bound", np.inf, high)
        low = np.where(qualifier == "upper_bound", np.where(value >= 0, 0.0, -np.inf), low)
    return low, high


def _sentence_offsets(figures: pd.DataFrame) -> list[int]:
    """Where each figure's quote starts inside its sentence (-1 if it cannot be found).

    Figures of one sentence share the sentence's start in the document, so the offset
    of a quote that occurs twice is the one consistent with its neighbours.
    """
    sentences = [str(s) for s in figures["sentence"].tolist()]
    quotes = [str(q) for q in figures["quote"].tolist()]
    offsets = [s.find(q) for s, q in zip(sentences, quotes)]  # right for a figure alone in its sentence
    group = figures.groupby(["doc_id", "page", "sentence"], sort=False, dropna=False).ngroup().to_numpy()
    shared = np.bincount(group)[group] > 1
    members: dict[int, list[int]] = {}
    for i in np.flatnonzero(shared).tolist():
        members.setdefault(int(group[i]), []).append(i)
    starts = figures["char_start"].tolist()
    for rows in members.values():
        base = Counter(int(starts[i]) - offsets[i] for i in rows).most_common(1)[0][0]
        for i in rows:
            local, sentence, quote = int(starts[i]) - base, sentences[i], quotes[i]
            if sentence[local:local + len(quote)] == quote:
                offsets[i] = local
    return offsets


def relative_spread(values: list[float]) -> float:
    """(largest - smallest) / smallest magnitude: 10 vs 12 is 20%."""
    finite = [abs(v) for v in values if math.isfinite(v)]
    if len(finite) < 2 or min(finite) == 0:
        return math.inf if finite and max(finite) > 0 else 0.0  # magnitudes: > 0 is nonzero
    return (max(finite) - min(finite)) / min(finite)


def severity_of(spread: float, settings: ReconcileSettings) -> str:
    if spread >= settings.high_spread:
        return "high"
    return "medium" if spread >= settings.medium_spread else "low"


def year_or_none(x: Any) -> int | None:
    return None if x is None or pd.isna(x) else int(x)


def same(a: object, b: object) -> bool:
    """Equality where two missing values are the same and a missing value equals nothing else."""
    a_missing, b_missing = a is None or a is pd.NA or (isinstance(a, float) and math.isnan(a)), \
        b is None or b is pd.NA or (isinstance(b, float) and math.isnan(b))
    if a_missing or b_missing:
        return a_missing and b_missing
    return bool(a == b)
