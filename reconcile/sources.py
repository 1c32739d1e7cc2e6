"""Across documents: conflicts, corroborations, and values a CAGR implies for other sources' years.

Two figures are about the same thing only when subject key, metric, year (or
period), unit, per-unit, geography and segment are all the same; they agree
when their rounding intervals overlap. A conflict needs the exact subject key
(so a wording the rules cannot merge is never reported as a contradiction); a
corroboration may join subjects whose content words mostly coincide ("inference
cost of foundation models", "industry average inference cost"), because the
agreeing values are evidence of their own.
"""

from __future__ import annotations

import re
from operator import attrgetter

import numpy as np
import pandas as pd

from reconcile import quotes
from reconcile.agreement import agreeing_groups
from reconcile.formatting import fmt_value
from reconcile.intervals import Interval, compound
from reconcile.model import Finding, group_rows, known, records, relative_spread, severity_of, year_or_none
from reconcile.settings import ReconcileSettings
from reconcile.subjects import name_words, sentence_words
from reconcile.tables import TABLE_RULE
from reconcile.voices import revision, two_voices

GROWING = {"market_size", "revenue"}
# Values that change over time: without a year or period two sources may be describing different times.
TIME_VARYING = GROWING | {"market_share", "cagr", "growth_rate", "price", "cost"}


def conflicts(figures: pd.DataFrame, settings: ReconcileSettings, groups: list[list] | None = None) -> list[Finding]:
    """Groups of figures about the same thing in which two voices (`reconcile.voices`) disagree beyond
    rounding; the finding lists the figures of the voices that disagree with another. `groups`: the
    figures' `subject_groups`, where the caller has them already."""
    found = []
    for rows in groups if groups is not None else subject_groups(comparable(figures, topics=True)):
        if len({r.cmp_voice for r in rows}) < 2 or _undated(rows[0]):
            continue
        disagreeing = _disagreeing(_consistent_voices(rows))
        if disagreeing:
            found.append(_conflict(disagreeing, settings))
    return found


def subject_groups(rows: list) -> list[list]:
    """The figures about one thing: inside one comparison group (`model.SAME`) and geography, the figures
    of one comparison key, with the figures of a shorter key whose own sentence says the missing words
    (a subject extracted short: "cloud spending" in a sentence on "cloud infrastructure services"),
    never a missing name ("kettles" is not "Acme kettles"). A source's figures from an older
    release are left to its revision (`revisions`)."""
    groups = []
    main = _main_subjects(rows)
    beside = quotes.companions(rows)
    for bucket in group_rows(rows, lambda r: (r.cmp_same, r.cmp_geo)).values():
        by_key = group_rows(bucket, lambda r: r.cmp_key or "")
        joined: dict[str, list] = {key: [] for key in by_key}
        if len(by_key) > 1:
            quoted: dict[str, dict] = {}  # per wide key, what `_quoted_alike` compares with, made when needed
            for narrow, wide in _narrower_keys(by_key):
                missing = set(wide.split()) - set(narrow.split())
                stating = {r.doc_id for r in by_key[wide]}  # its topic-only figure is then another thing
                joined[wide] += [r for r in by_key[narrow]
                                 if _says(r, missing, None if r.doc_id in stating else main.get(r.doc_id))
                                 or len(missing) == 1 and quotes.quoted_alike(r, by_key[wide], quoted, wide, beside)]
            _join_shared(bucket, by_key, joined)
        groups += [_latest([*members, *joined[key]]) for key, members in by_key.items()]
    return groups


def _join_shared(bucket: list, by_key: dict[str, list], joined: dict[str, list]) -> None:
    """Add to `joined` the figures given to several firms together ("Acme and Bolt ... 18% each":
    `model` column cmp_shared, one key per firm) under each firm's key, or a key holding it and words its
    sentence or document says (as `subject_groups` joins a shorter key)."""
    if "cmp_shared" not in bucket[0]._fields:  # prepared by an older build
        return
    shared = [r for r in bucket if r.cmp_shared]
    if not shared:
        return
    # the keys holding a firm's words, through an index of words (a bucket may have thousands of keys),
    # in the keys' order
    position = {key: i for i, key in enumerate(by_key)}
    postings: dict[str, set[str]] = {}
    for key in by_key:
        for word in key.split():
            postings.setdefault(word, set()).add(key)
    holding: dict[str, list[tuple[str, set[str]]]] = {}
    for row in shared:
        for own in row.cmp_shared:
            if own not in holding:
                words = set(own.split())
                keys = set.intersection(*(postings.get(w, set()) for w in words)) if words else set(by_key)
                holding[own] = [(key, set(key.split()) - words) for key in sorted(keys, key=position.__getitem__)]
            for key, more in holding[own]:
                if key != row.cmp_key and (not more or _says(row, more)):
                    joined[key].append(row)


def _narrower_keys(by_key: dict[str, list]) -> list[tuple[str, str]]:
    """(narrow, wide) pairs of a bucket's keys where wide holds every word of narrow and more, found
    through an index of words (not by comparing every pair of keys)."""
    postings: dict[str, set[str]] = {}
    for key in by_key:
        for word in key.split():
            postings.setdefault(word, set()).add(key)
    pairs = []
    for narrow in by_key:
        words = sorted(set(narrow.split()), key=lambda w: len(postings[w]))
        if not words:  # a figure named only by its segment is compared with its own kind only
            continue
        wider = set(postings[words[0]])
        for word in words[1:]:
            wider &= postings[word]
        pairs += [(narrow, wide) for wide in wider if wide != narrow]
    return pairs


_SENTENCE_WORDS: dict[str, tuple[frozenset, frozenset]] = {}


def _sentence_words(sentence: object) -> tuple[frozenset, frozenset]:
    """A sentence's words and its names (`subjects.sentence_words`, `subjects.name_words`), read once."""
    text = str(sentence)
    if text not in _SENTENCE_WORDS:
        if len(_SENTENCE_WORDS) > 200_000:
            _SENTENCE_WORDS.clear()
        _SENTENCE_WORDS[text] = (sentence_words(text), name_words(text))
    return _SENTENCE_WORDS[text]


# Measures of a whole market, which a document's main subject is about (a firm's count or share is not).
_MARKET_WIDE = {"market_size", "cagr"}


def _main_subjects(rows: list) -> dict:
    """Per document, the words its one subject that says more than its topic adds to the topic ("cloud
    infrastructure services" in a report whose figures mostly say "cloud services"), where it has exactly
    one such subject that names nothing (no word of it beyond the topic written with a capital), among
    the sizes and CAGRs of whole markets."""
    topics: dict = {}
    wider: dict = {}
    for r in rows:
        topic = getattr(r, "cmp_topic", None)
        if not topic or r.cmp_key is None or r.rule == TABLE_RULE or r.metric not in _MARKET_WIDE:
            continue
        topics[r.doc_id] = topic
        extra = frozenset(r.cmp_key.split()) - topic
        if extra and topic <= frozenset(r.cmp_key.split()) and not extra & _sentence_words(r.sentence)[1]:
            wider.setdefault(r.doc_id, set()).add(extra)
    return {doc: next(iter(extras)) for doc, extras in wider.items() if len(extras) == 1}


def _says(row, missing: set[str], main: frozenset | None = None) -> bool:
    """The figure's sentence or its document's topic (`model._document_topics`) holds every missing word,
    and none of them is a name its sentence writes; or the figure's key is its document's topic alone and
    the missing words are what the document's main subject adds to it (`_main_subjects`)."""
    if not missing:  # nothing to say: neither test below can pass
        return False
    topic = getattr(row, "cmp_topic", None) or frozenset()
    if main and missing <= main and row.metric in _MARKET_WIDE \
            and frozenset((row.cmp_key or "").split()) == topic:
        return True
    words, names = _sentence_words(row.sentence)
    return (missing - words) <= topic and not missing & names  # each missing word in the sentence or topic


def _latest(rows: list) -> list:
    """The rows without those a source has superseded by a later dated release in the same group, nor those
    where the later release recalls the older number beside its new one ("7.2%, compared with 6.1% in the
    preliminary release")."""
    newest: dict[str, str] = {}
    for r in rows:
        if r.cmp_published is not None and r.cmp_published > newest.get(r.cmp_source, ""):
            newest[r.cmp_source] = r.cmp_published
    kept = [r for r in rows if r.cmp_published is None or r.cmp_published == newest[r.cmp_source]]
    older = [r for r in rows if r.cmp_published is not None and r.cmp_published != newest[r.cmp_source]]
    if not older:
        return kept
    return [r for r in kept if not _recalled(r, older, kept)]


def _recalled(row, older: list, kept: list) -> bool:
    """The row repeats an older release's number of its source while that release's newer rows revise it."""
    old = [o.cmp_interval for o in older
           if o.cmp_source == row.cmp_source and o.cmp_interval.overlaps(row.cmp_interval)]
    return any(k.cmp_source == row.cmp_source and k.cmp_published == row.cmp_published
               and not any(k.cmp_interval.overlaps(o) for o in old) for k in kept) if old else False


def _consistent_voices(rows: list) -> list:
    """The rows without those of a voice that gives the group two values beyond rounding ("14%" for the
    year and "13%" for its fourth quarter, the quarter said only in a heading) where another voice's
    value falls between them: then which of its values is comparable decides the finding, and the key
    mixes two things. When one of the voice's values is near the others' and the rest are far from it
    (a quarter's 42.7 million beside the year's 168.6 million), the near one is what the others speak
    of and stays. A voice whose values all lie on one side of the others' stays (a document's text and
    its table differing slightly still conflict with a far-off source)."""
    by_voice = group_rows(rows, attrgetter("cmp_voice"))
    mixed = {voice for voice, own in by_voice.items() if not _all_meet(own)}
    if not mixed:
        return rows
    # the group as columns, built once: a large group has many voices, each compared with all the rest
    low = np.array([r.cmp_interval.low for r in rows], dtype=float)
    high = np.array([r.cmp_interval.high for r in rows], dtype=float)
    value = np.array([float(r.value) for r in rows], dtype=float)
    voice_of = np.array([r.cmp_voice for r in rows], dtype=object)
    kept: list = []
    for voice, own in by_voice.items():
        if voice not in mixed:
            kept += own
            continue
        hull_low, hull_high = min(r.cmp_interval.low for r in own), max(r.cmp_interval.high for r in own)
        others = voice_of != voice
        shared_low, shared_high = np.maximum(low, hull_low), np.minimum(high, hull_high)
        meets = (shared_low < shared_high) | ((shared_low == shared_high) & ((low == high) | (hull_low == hull_high)))
        torn = bool((others & meets).any())
        kept += _near_value(own, float(np.median(value[others]))) if torn else own
    return kept


_ANOTHER_THING = 0.5  # values of one voice this far apart (50%) are not two readings of one number


def _near_value(own: list, middle: float) -> list:
    """The rows of a torn voice's value nearest the other voices' median (`middle`), if every other value
    of the voice is far from it (`_ANOTHER_THING`); else none."""
    nearest = min(own, key=lambda r: abs(float(r.value) - middle))
    near = [r for r in own if r.cmp_interval.overlaps(nearest.cmp_interval)]
    far = [r for r in own if not r.cmp_interval.overlaps(nearest.cmp_interval)]
    if all(relative_spread([float(r.value), float(nearest.value)]) > _ANOTHER_THING for r in far):
        return near
    return []


def _all_meet(rows: list) -> bool:
    if len(rows) == 1:  # most voices give a group one value: it meets itself unless NaN
        return rows[0].cmp_interval.low <= rows[0].cmp_interval.high
    low = max(r.cmp_interval.low for r in rows)
    high = min(r.cmp_interval.high for r in rows)
    return low < high or (low == high and any(r.cmp_interval.low == r.cmp_interval.high for r in rows))


def _disagreeing(rows: list) -> list:
    """The rows whose interval misses that of another voice that is not the same source revising itself,
    one per distinct interval (voices that give one value agree: their corroboration lists them all).
    Each row is checked against the rows of other voices that end lowest and start highest (sorted
    once), not against every other row."""
    distinct = list({(r.cmp_voice, r.cmp_interval): r for r in rows}.values())
    by_high = sorted(distinct, key=lambda r: r.cmp_interval.high)
    by_low = sorted(distinct, key=lambda r: -r.cmp_interval.low)
    missing = [r for r in distinct if _misses(r, by_high) or _misses(r, by_low)]
    return list({r.cmp_interval: r for r in reversed(missing)}.values())[::-1]  # a value two voices share: once


def _misses(row, ordered: list) -> bool:
    """Whether the first row of another voice in `ordered` (the one reaching least far towards `row`)
    misses it: if that one meets it, every later one does too."""
    for other in ordered:
        if two_voices(row, other):
            return not row.cmp_interval.overlaps(other.cmp_interval)
    return False


TEXT_VS_TABLE = "text_vs_table"


def text_against_tables(figures: pd.DataFrame, settings: ReconcileSettings,
                        groups: list[list] | None = None) -> list[Finding]:
    """A document whose sentence and own table give one thing two values beyond rounding (an
    inconsistency: the document disagrees with itself)."""
    found = []
    for group in groups if groups is not None else subject_groups(comparable(figures, topics=True)):
        tables = [r for r in group if r.rule == TABLE_RULE]
        if not tables or _undated(group[0]):
            continue
        for text in (r for r in group if r.rule != TABLE_RULE):
            own = [t for t in tables if t.doc_id == text.doc_id and not t.cmp_interval.overlaps(text.cmp_interval)]
            if own and not any(t.doc_id == text.doc_id and t.cmp_interval.overlaps(text.cmp_interval) for t in tables):
                found.append(_text_vs_table(text, own[0], settings))
    return found


def _text_vs_table(text, cell, settings: ReconcileSettings) -> Finding:
    spread = relative_spread([text.value, cell.value])
    explanation = (f"{text.source_file} says {text.quote} ({fmt_value(text.value, text.unit, text.per)}) in its text "
                   f"but {cell.quote} in its own table ({cell.sentence}), {spread:.1%} apart.")
    return _finding("inconsistency", TEXT_VS_TABLE, severity_of(spread, settings), explanation, [text, cell], text)


def revisions(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """One source's number for the same thing changed between two of its documents that are not one
    release (`voices.revision`): listed as a revision (kind `revision`), never as a conflict. The older
    and newer are told apart by printed date where known (an undated copy counts as the older)."""
    found = []
    for rows in group_rows(comparable(figures), _strict_key).values():
        for source_rows in group_rows(rows, lambda r: r.cmp_source).values():
            if len({r.cmp_published for r in source_rows}) < 2 or _undated(source_rows[0]):
                continue
            by_date = sorted(source_rows, key=lambda r: (r.cmp_published or "", r.doc_id))
            first, last = by_date[0], by_date[-1]
            if revision(first, last) and not first.cmp_interval.overlaps(last.cmp_interval):
                found.append(_revision(first, last, settings))
    return found


def _revision(old, new, settings: ReconcileSettings) -> Finding:
    name = old.cmp_source_name or old.source_file
    spread = relative_spread([old.value, new.value])
    explanation = (f"{name} revised its number from {fmt_value(old.value, old.unit, old.per)} "
                   f"({old.source_file}, {old.cmp_published or 'date not printed'}) to "
                   f"{fmt_value(new.value, new.unit, new.per)} ({new.source_file}, "
                   f"{new.cmp_published or 'date not printed'}), {spread:.1%} apart: a newer release, not a "
                   f"second opinion.")
    return _finding("revision", "revision", "info", explanation, [old, new], new)


def comparable(figures: pd.DataFrame, topics: bool = False) -> list:
    """Figures that name what they measure: a comparison key, or a segment (the segment names it); with
    `topics`, also a market's size or change whose subject names nothing ("the impressive 15.6% growth")
    in a sentence that says its document's topic ("... the global e-commerce market"), under the topic."""
    rows = records(figures)
    if topics:
        rows = [_keyed_by_topic(r) if r.cmp_key is None and r.cmp_segment is None else r for r in rows]
    return [r for r in rows if r.cmp_key is not None or r.cmp_segment is not None]


def _keyed_by_topic(row):
    topic = getattr(row, "cmp_topic", None)
    if not topic or row.rule == TABLE_RULE or row.metric not in _MARKET_WIDE | {"growth_rate"}:
        return row
    words, names = _sentence_words(_ONE_LETTER_PREFIX.sub(r"\1", str(row.sentence)))  # as keys spell it
    return row._replace(cmp_key=" ".join(sorted(topic))) if topic <= words and not topic & names else row


_ONE_LETTER_PREFIX = re.compile(r"\b([A-Za-z])-(?=[A-Za-z]{3,})")  # "e-commerce" is "ecommerce" in keys
_strict_key, _same_key = attrgetter("cmp_strict"), attrgetter("cmp_same")  # group codes (`prepare_figures`)


def _undated(first) -> bool:  # a value that changes over time, with no time to compare it at
    return first.metric in TIME_VARYING and known(first.year) is None and known(first.period_end) is None


def _conflict(rows: list, settings: ReconcileSettings) -> Finding:
    first = rows[0]
    low = min(rows, key=lambda r: r.cmp_interval.high)
    high = max(rows, key=lambda r: r.cmp_interval.low)
    spread = relative_spread([low.value, high.value])

    def shown(x: float) -> str:
        return fmt_value(x, first.unit, first.per, digits=4)
    said = "; ".join(f"{r.source_file} says {r.quote!s} ({fmt_value(r.value, r.unit, r.per)})" for r in rows)
    explanation = (f"{said}. {high.source_file}'s value is {spread:.1%} above {low.source_file}'s, "
                   f"beyond rounding ({low.cmp_interval.describe(shown)} vs {high.cmp_interval.describe(shown)}).")
    return _finding("conflict", "cross_source", severity_of(spread, settings), explanation, rows, first)


def corroborations(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """Groups of figures from two or more documents that say the same thing, allowing for rounding: the
    figures linked, directly or through others, by pairs that agree (see `reconcile.agreement`)."""
    found = []
    for bucket in group_rows(comparable(figures), _same_key).values():
        if len({r.cmp_voice for r in bucket}) < 2:
            continue
        for rows in agreeing_groups(bucket, settings.subject_overlap, settings.loose_subjects):
            if len({r.cmp_voice for r in rows}) >= 2:
                found.append(_corroboration(rows))
    return sorted(found, key=lambda f: (f.subject_key or "", f.metric or "", f.year or 0))


def _corroboration(rows: list) -> Finding:
    docs = sorted({r.source_file for r in rows})
    said = "; ".join(f"{r.source_file}: {r.quote}" for r in rows)
    explanation = (f"{len(docs)} documents agree on {fmt_value(rows[0].value, rows[0].unit, rows[0].per)} "
                   f"within rounding ({said}).")
    return _finding("corroboration", "cross_source", "info", explanation, rows, rows[0])


IMPLIED_CHECK = "cagr_implied_value"


def implied_values(figures: pd.DataFrame, settings: ReconcileSettings) -> list[Finding]:
    """A CAGR and its own base value imply a value for each year of the period; other sources' values
    for those years that the implied range does not reach are reported with the arithmetic."""
    found = []
    rows = comparable(figures)
    series_of = group_rows([r for r in rows if r.metric in GROWING and known(r.year) is not None],
                           lambda r: (r.cmp_key, r.cmp_segment or ""))
    cagrs = [r for r in rows if r.metric == "cagr" and known(r.period_start) is not None
             and known(r.period_end) is not None and r.qualifier in ("exact", "approx", "range")]
    seen: set[tuple] = set()
    for c in cagrs:
        series = _same_series(series_of, c)
        base = _base_value(series, c)
        if base is None:
            continue
        for other in _other_sources_in_period(series, c, base):
            implied = compound(base.cmp_exact, c.cmp_exact, int(other.year) - int(base.year))
            signature = (c.doc_id, c.cmp_key, c.value, other.figure_id)
            if signature in seen or implied.overlaps(other.cmp_interval):
                continue
            seen.add(signature)
            found.append(_implied(c, base, other, implied, settings))
    return found


def _same_series(series_of: dict, like) -> list:
    """Dated sizes and revenues of the subject and segment of `like`, in its geography or none stated."""
    series = series_of.get((like.cmp_key, like.cmp_segment or ""), [])
    if like.cmp_geo is None:
        return series
    return [r for r in series if r.cmp_geo is None or r.cmp_geo == like.cmp_geo]


def _base_value(series: list, cagr):
    own = [r for r in series if r.doc_id == cagr.doc_id and r.qualifier in ("exact", "approx")]
    for year in (cagr.period_start, cagr.period_start - 1):
        at = next((r for r in own if r.year == year), None)
        if at is not None:
            return at
    return None


def _other_sources_in_period(series: list, cagr, base) -> list:
    series = [r for r in series if r.cmp_unit == base.cmp_unit]
    own_years = {int(r.year) for r in series if r.doc_id == cagr.doc_id}
    return [r for r in series if r.doc_id != cagr.doc_id and base.year <= r.year <= cagr.period_end
            and r.year not in own_years]


def _implied(c, base, other, implied: Interval, settings: ReconcileSettings) -> Finding:
    years = int(other.year) - int(base.year)
    nearest = implied.high if other.cmp_interval.low > implied.high else implied.low
    spread = relative_spread([nearest, other.value])
    explanation = (f"{c.source_file}'s CAGR of {c.quote} ({int(c.period_start)}-{int(c.period_end)}) from its "
                   f"{int(base.year)} value {base.quote} implies {fmt_value(implied.low, base.unit)} to "
                   f"{fmt_value(implied.high, base.unit)} in {int(other.year)} "
                   f"({base.quote} x (1 + {c.quote})^{years}); {other.source_file} gives {other.quote}, "
                   f"{spread:.1%} away. A CAGR is an average, so this is a hint, not a contradiction.")
    rows = [c, base, other]
    finding = _finding("conflict", IMPLIED_CHECK, severity_of(spread, settings), explanation, rows, other)
    finding.metric = other.metric
    return finding


def _finding(kind: str, check: str, severity: str, explanation: str, rows: list, like) -> Finding:
    return Finding(kind=kind, check=check, severity=severity, explanation=explanation, subject_key=like.cmp_label,
                   metric=like.metric, year=year_or_none(like.year), period_start=year_or_none(like.period_start),
                   period_end=year_or_none(like.period_end), figure_ids=[r.figure_id for r in rows],
                   doc_ids=list(dict.fromkeys(r.doc_id for r in rows)), values=[float(r.value) for r in rows])
