"""Which figures of one comparison bucket agree, as groups: the connected parts of the "agrees" graph.

Two figures (two voices: `reconcile.voices`) agree when they have the same kind of bound,
compatible geographies, similar subjects and overlapping printed intervals
(`sources.corroborations`). On a large corpus one bucket (same metric, year, unit ...)
can hold thousands of figures whose intervals overlap in long runs, so comparing every
pair is quadratic in Python. Here the figures are first collapsed into classes that
agree in the same way (same bound kind, geography, subject and interval), and the
classes are compared column-wise with numpy: each class against the classes whose
interval starts inside its own, with subject similarities computed once per subject. Where
those runs are long (a bucket of market shares), each class is compared only with the classes
of similar subjects, found by binary search in the classes sorted by subject and start.

Grouping classes gives the same groups as linking figures: a class with two documents
is linked inside itself (its figures agree with each other), and two agreeing classes
whose figures are not all from one same document link every figure of both.
"""

from __future__ import annotations

from operator import attrgetter

import numpy as np

from reconcile.subjects import content_words

POINT_KINDS = ("exact", "approx")


def agreeing_groups(rows: list, min_share: float, loose: bool = True) -> list[list]:
    """Groups (two or more figures, in the given order) of `rows` linked by agreement; rows are the
    prepared records of one bucket. `loose`: subjects may also match on their loose words. Figures
    with a NaN interval agree with nothing."""
    classes = _classes(rows, loose)
    if not classes:
        return []
    members = list(classes.values())
    keys = list(classes)
    low = np.array([k[3] for k in keys], dtype=float)
    high = np.array([k[4] for k in keys], dtype=float)
    order = np.argsort(low, kind="stable")
    columns = _codes(keys, members)
    similarity = _SubjectSimilarity([k[2] for k in keys], min_share)
    edges = _edges(low, high, order, columns, similarity)
    labels = _components(len(keys), edges)
    linked = np.zeros(len(keys), dtype=bool)
    linked[edges[0]], linked[edges[1]] = True, True
    linked |= columns["single_doc"] == -1  # a class with two documents agrees inside itself
    groups: dict[int, list] = {}
    for index in np.flatnonzero(linked).tolist():
        groups.setdefault(int(labels[index]), []).extend(members[index])
    for bound, component in _bounds_meeting_values(keys, members, labels, columns, similarity):
        group = groups.setdefault(component, [] if linked[component] else list(members[component]))
        group.extend(r for r in members[bound] if r not in group)
    position = {id(r): i for i, r in enumerate(rows)}
    return [sorted(group, key=lambda r: position[id(r)]) for group in groups.values() if len(group) >= 2]


def _bounds_meeting_values(keys: list[tuple], members: list[list], labels: np.ndarray, columns: dict[str, np.ndarray],
                           similarity: _SubjectSimilarity) -> list[tuple[int, int]]:
    """(bound class, group label) pairs: a half-line or range ("double-digit", "at least 554 GW") whose open
    interval holds a printed value of another voice, on the same subject, joins that value's group (FORMAT:
    intervals that meet corroborate). A bound never links two values: each joins the groups it meets.
    The classes of one bucket are few bounds against the values, compared column-wise per bound."""
    bounds = [i for i, k in enumerate(keys) if k[0] != "point"]
    values = np.array([i for i, k in enumerate(keys) if k[0] == "point"], dtype=np.int64)
    if not bounds or not len(values):
        return []
    low = np.array([keys[i][3] for i in values], dtype=float)
    high = np.array([keys[i][4] for i in values], dtype=float)
    geo, single, key = columns["geo"], columns["single_doc"], columns["key"]
    value_geo, value_single, value_key = geo[values], single[values], key[values]  # read once for every bound
    pairs = []
    for b in bounds:
        opened = members[b][0].cmp_interval
        meets = np.maximum(low, opened.low) < np.minimum(high, opened.high)
        if geo[b] != -1:  # a bound stating no geography meets every value's
            meets &= (value_geo == geo[b]) | (value_geo == -1)
        if single[b] != -1:
            meets &= value_single != single[b]
        hits = np.flatnonzero(meets)
        hits = hits[similarity.row(int(key[b]))[value_key[hits]]]  # subjects last, on the values left
        pairs += [(b, int(labels[v])) for v in values[hits].tolist() if not _one_source(members[b], members[v])]
    return list(dict.fromkeys(pairs))


def _one_source(a: list, b: list) -> bool:
    """Every figure of both classes is one source's, in two documents (a revision, `voices.revision`)."""
    sources = {r.cmp_source for r in a} | {r.cmp_source for r in b}
    return len(sources) == 1 and len({r.doc_id for r in a} | {r.doc_id for r in b}) > 1


def _classes(rows: list, loose: bool) -> dict[tuple, list]:
    """Figures that agree with others in exactly the same way: (bound kind, geography, (key, loose words),
    interval)."""
    classes: dict[tuple, list] = {}
    for r in rows:
        low, high = r.cmp_printed
        if low != low or high != high:  # NaN
            continue
        kind = "point" if r.qualifier in POINT_KINDS else r.qualifier
        classes.setdefault((kind, r.cmp_geo, (r.cmp_key, r.cmp_loose if loose else None), low, high), []).append(r)
    return classes


def _codes(keys: list[tuple], members: list[list]) -> dict[str, np.ndarray]:
    """Integer columns of the classes: bound kind, geography (-1: none stated), key, and the one
    document of the class (-1: more than one)."""
    def code(values: list) -> np.ndarray:
        table: dict = {}
        return np.array([table.setdefault(v, len(table)) for v in values], dtype=np.int64)

    geo = code([k[1] for k in keys])
    none_geo = [i for i, k in enumerate(keys) if k[1] is None]
    geo[none_geo] = -1
    voice, source, month, document = _singles(code, members)
    return {"kind": code([k[0] for k in keys]), "geo": geo, "key": code([k[2] for k in keys]),
            "single_doc": voice, "source": source, "month": month,  # month None: undated
            "document": document}


_SEVERAL = object()  # a class with more than one value of a kind
_WHO = attrgetter("cmp_voice", "cmp_source", "cmp_published", "doc_id")


def _singles(code, members: list[list]) -> list[np.ndarray]:
    """Per kind of value (voice, source, month, document), the code of each class's one value of it, -1 where
    it has several; all four read in one pass over the classes."""
    values: list[tuple] = []
    for rows in members:  # most classes are one figure
        if len(rows) == 1:
            values.append(_WHO(rows[0]))
        else:
            values.append(tuple(kind[0] if len(set(kind)) == 1 else _SEVERAL for kind in zip(*map(_WHO, rows))))
    singles = []
    for kind in zip(*values) if values else ((), (), (), ()):
        single = code(list(kind))
        single[[i for i, value in enumerate(kind) if value is _SEVERAL]] = -1
        singles.append(single)
    return singles


class _SubjectSimilarity:
    """Whether two subjects (key, loose words) name the same thing loosely, as a boolean row per subject
    code against every subject of the bucket: the same key, or most content words of the shorter key
    in the longer (`subjects.similar`), or the same of their loose words (`loose_words.loose_words`)."""

    def __init__(self, class_subjects: list[tuple], min_share: float) -> None:
        subjects = list(dict.fromkeys(class_subjects))
        self.min_share = min_share
        self.n = len(subjects)
        self.word_sets = [_WordSets([sorted(content_words(key)) for key, _ in subjects]),
                          _WordSets([(loose or "").split() for _, loose in subjects])]
        self.rows: dict[int, np.ndarray] = {}

    def row(self, code: int) -> np.ndarray:
        return self.rows[code] if code in self.rows else self.table([code])[0]

    def table(self, codes: list[int]) -> np.ndarray:
        """The rows of these subject codes as one boolean table; the rows not made yet are made together,
        column-wise, in blocks of at most TABLE_CELLS cells."""
        missing = [code for code in dict.fromkeys(codes) if code not in self.rows]
        block = max(1, TABLE_CELLS // max(self.n, 1))
        for first in range(0, len(missing), block):
            these = missing[first:first + block]
            self.rows.update(zip(these, self._made(these)))
        return np.stack([self.rows[code] for code in codes])

    def neighbours(self) -> tuple[np.ndarray, np.ndarray]:
        """Every subject's similar subjects (itself too), sparse: those of code c are
        `similar[starts[c]:starts[c + 1]]`, in code order. Made in blocks of rows that are not kept, so
        memory follows the similar pairs, not the square of the subjects."""
        block = max(1, TABLE_CELLS // max(self.n, 1))
        counts, similar = [], []
        for first in range(0, self.n, block):
            made = self._made(list(range(first, min(first + block, self.n))))
            counts.append(made.sum(axis=1))
            similar.append(np.nonzero(made)[1])  # row by row, each row's codes ascending
        starts = np.concatenate([[0], np.cumsum(np.concatenate(counts))]).astype(np.int64)
        return starts, np.concatenate(similar).astype(np.int64)

    def _made(self, codes: list[int]) -> np.ndarray:
        """The similarity rows of these codes, computed column-wise."""
        made = np.zeros((len(codes), self.n), dtype=bool)
        for words in self.word_sets:
            made |= words.similar_rows(codes, self.min_share)
        made[np.arange(len(codes)), codes] = True  # the same key
        return made

    def pairs(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Per pair of subject codes, whether they are similar: what their rows say, computed for these
        pairs alone (cheaper than rows when the pairs are few against the subjects)."""
        similar = a == b  # the same key
        for words in self.word_sets:
            similar |= words.similar_pairs(a, b, self.min_share)
        return similar


TABLE_CELLS = 1 << 16


class _WordSets:
    """Word sets with an inverted index: the share of shared words between some sets and all the others."""

    def __init__(self, words: list[list[str]]) -> None:
        self.words = words
        self.sizes = np.array([len(w) for w in words], dtype=float)
        postings: dict[str, list[int]] = {}
        for code, these in enumerate(words):
            for word in these:
                postings.setdefault(word, []).append(code)
        self.postings = {w: np.array(codes, dtype=np.int64) for w, codes in postings.items()}
        # each set's words as ids, one after the other, and every (set, word) as one number
        ids = {w: i for i, w in enumerate(postings)}
        self.vocabulary = max(len(ids), 1)
        self.lengths = np.array([len(w) for w in words], dtype=np.int64)
        self.starts = np.cumsum(self.lengths) - self.lengths
        self.flat = np.array([ids[w] for these in words for w in these], dtype=np.int64)
        self.held = np.sort(np.repeat(np.arange(len(words)), self.lengths) * self.vocabulary + self.flat)

    def similar_pairs(self, a: np.ndarray, b: np.ndarray, min_share: float) -> np.ndarray:
        """Per pair of codes, `similar_rows`'s answer: each word of a's set looked up among b's set's."""
        lengths = self.lengths[a]
        pair = np.repeat(np.arange(len(a)), lengths)
        within = np.arange(len(pair)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        words = self.flat[self.starts[a][pair] + within]
        found = np.isin(b[pair] * self.vocabulary + words, self.held)
        shared = np.bincount(pair, weights=found, minlength=len(a))
        smaller = np.minimum(self.sizes[a], self.sizes[b])
        with np.errstate(divide="ignore", invalid="ignore"):
            return (smaller > 0) & (shared / smaller >= min_share)

    def similar_rows(self, codes: list[int], min_share: float) -> np.ndarray:
        """Per code, whether each set shares at least `min_share` of the smaller set's words with it: the
        words shared by every (code, set) pair counted in one bincount over the codes' postings, and the
        share computed only where some word is shared."""
        n = len(self.words)
        table = np.zeros((len(codes), n), dtype=bool)
        hits = [[self.postings[w] for w in self.words[code]] for code in codes]
        flat = [posting for these in hits for posting in these]
        sizes = self.sizes[codes]
        if flat:
            row_of = np.repeat(np.arange(len(codes)), [sum(len(p) for p in these) for these in hits])
            counts = np.bincount(row_of * n + np.concatenate(flat), minlength=len(codes) * n)
            cells = np.flatnonzero(counts)
            smaller = np.minimum(sizes[cells // n], self.sizes[cells % n])
            with np.errstate(divide="ignore", invalid="ignore"):
                table.flat[cells] = (smaller > 0) & (counts[cells] / smaller >= min_share)
        if min_share <= 0:  # no shared word is share enough
            table |= np.minimum(sizes[:, None], self.sizes[None, :]) > 0
        return table


def _edges(low: np.ndarray, high: np.ndarray, order: np.ndarray, columns: dict[str, np.ndarray],
           similarity: _SubjectSimilarity) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of agreeing classes (indexes): every two classes of one bound kind whose intervals meet (the
    later-starting one starts inside the other), of compatible geographies, two voices, and similar subjects.
    Where the overlapping runs are long, the pairs are looked for subject by subject (`_edges_by_subject`),
    since few of the overlapping pairs have similar subjects; else in one sweep (`_edges_by_sweep`)."""
    kind = columns["kind"]
    overlapping = 0
    for this_kind in np.unique(kind).tolist():
        ordered = order[kind[order] == this_kind]
        ends = np.searchsorted(low[ordered], high[ordered], side="right")
        overlapping += int(np.maximum(ends - np.arange(1, len(ordered) + 1), 0).sum())
    if overlapping > SWEEP_PAIRS:
        return _edges_by_subject(low, high, order, columns, similarity)
    return _edges_by_sweep(low, high, order, columns, similarity)


SWEEP_PAIRS = 1 << 18  # overlapping pairs above which the pairs are looked for subject by subject


def _edges_by_sweep(low: np.ndarray, high: np.ndarray, order: np.ndarray, columns: dict[str, np.ndarray],
                    similarity: _SubjectSimilarity) -> tuple[np.ndarray, np.ndarray]:
    """`_edges` from a sweep over the classes of each bound kind sorted by interval start: each class is
    paired with the classes of its kind whose interval starts inside its own, all pairs column-wise, in chunks
    of at most PAIRS_PER_CHUNK pairs so memory stays bounded however long the overlapping runs. Subjects,
    the costly test, are compared after the rest, on the pairs left."""
    kind, key = columns["kind"], columns["key"]
    sources, targets = [], []
    for this_kind in np.unique(kind).tolist():  # two bounds agree only if of one kind
        ordered = order[kind[order] == this_kind]
        ends = np.searchsorted(low[ordered], high[ordered], side="right")
        counts = np.maximum(ends - np.arange(1, len(ordered) + 1), 0)
        for first, last in _chunks(counts, PAIRS_PER_CHUNK):
            n = counts[first:last]
            position = np.repeat(np.arange(first, last), n)
            step = np.arange(len(position)) - np.repeat(np.cumsum(n) - n, n)
            i, j = _agreeing(ordered[position], ordered[position + 1 + step], low, high, columns)
            i, j = _similar_pairs(i, j, key, similarity)  # the costly test last, on fewer pairs
            sources.append(i)
            targets.append(j)
    return _joined(sources, targets)


def _edges_by_subject(low: np.ndarray, high: np.ndarray, order: np.ndarray, columns: dict[str, np.ndarray],
                      similarity: _SubjectSimilarity) -> tuple[np.ndarray, np.ndarray]:
    """`_edges`, looking for each class's partners only among the classes of its kind and of a similar
    subject: the classes sorted by (kind, subject, interval start), each class's partners of one similar
    subject are one run of them (those starting after it, up to its interval's end), found by binary search.
    The same pairs as the sweep's (each unordered pair once), without the overlapping pairs of unlike
    subjects, which on a large bucket are most of them."""
    n = len(low)
    kind, key = columns["kind"], columns["key"]
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)  # each class's place in the order of interval starts
    ends = np.searchsorted(low[order], high, side="right")  # the places starting inside each class's interval
    placed = np.sort((kind * similarity.n + key) * n + position)  # (kind, subject, place), one number each
    class_at = order[placed % n]
    starts, similar = similarity.neighbours()
    degree = (starts[1:] - starts[:-1])[key]
    sources, targets = [], []
    for first, last in _chunks(degree, PAIRS_PER_CHUNK):
        counts = degree[first:last]
        i = np.repeat(np.arange(first, last), counts)
        subject = similar[starts[key[i]] + np.arange(len(i)) - np.repeat(np.cumsum(counts) - counts, counts)]
        run = (kind[i] * similarity.n + subject) * n
        begin = np.searchsorted(placed, run + position[i], side="right")
        lengths = np.maximum(np.searchsorted(placed, run + ends[i], side="left") - begin, 0)
        for a, b in _chunks(lengths, PAIRS_PER_CHUNK):
            m = lengths[a:b]
            step = np.arange(int(m.sum())) - np.repeat(np.cumsum(m) - m, m)
            pair_i, pair_j = _agreeing(np.repeat(i[a:b], m), class_at[np.repeat(begin[a:b], m) + step], low, high,
                                       columns)
            sources.append(pair_i)
            targets.append(pair_j)
    return _joined(sources, targets)


def _agreeing(i: np.ndarray, j: np.ndarray, low: np.ndarray, high: np.ndarray,
              columns: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (i, j), j starting inside i's interval, whose intervals meet (a point may touch), of
    compatible geographies and two voices, but for their subjects."""
    geo, single = columns["geo"], columns["single_doc"]
    source, month, document = columns["source"], columns["month"], columns["document"]
    shared_low, shared_high = low[j], np.minimum(high[i], high[j])
    meet = (shared_low < shared_high) | ((shared_low == shared_high) & ((low[i] == high[i]) | (low[j] == high[j])))
    i, j = i[meet], j[meet]
    agree = (((geo[i] == geo[j]) | (geo[i] == -1) | (geo[j] == -1))
             & ~((single[i] == single[j]) & (single[i] != -1))
             & ~((source[i] == source[j]) & (source[i] != -1) & (month[i] != month[j]) & (month[i] != -1)
                 & (month[j] != -1) & (document[i] != document[j])))  # one source revising itself
    return i[agree], j[agree]


def _joined(sources: list[np.ndarray], targets: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    if not sources:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    return np.concatenate(sources), np.concatenate(targets)


def _similar_pairs(i: np.ndarray, j: np.ndarray, key: np.ndarray,
                   similarity: _SubjectSimilarity) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (i, j) whose subjects are similar: looked up in one table of the similarity rows of the
    subjects of i (the rows are kept by `similarity` anyway), or, when the pairs are few against the
    cells of those rows, computed for the pairs alone."""
    codes = np.unique(key[i])
    if not len(codes):
        return i, j
    if len(i) * ROWS_PER_PAIR < len(codes) * similarity.n:
        similar = similarity.pairs(key[i], key[j])
        return i[similar], j[similar]
    at = np.full(similarity.n, -1, dtype=np.int64)
    at[codes] = np.arange(len(codes))
    table = similarity.table(codes.tolist())
    similar = table[at[key[i]], key[j]]
    return i[similar], j[similar]


PAIRS_PER_CHUNK = 1 << 20
ROWS_PER_PAIR = 8  # a pair computed alone costs about as much as this many cells of a row


def _chunks(counts: np.ndarray, limit: int) -> list[tuple[int, int]]:
    """[first, last) ranges of positions whose pair counts sum to about `limit` (at least one position each)."""
    total = np.cumsum(counts)
    bounds, first = [], 0
    while first < len(counts):
        base = total[first - 1] if first else 0
        last = max(first + 1, int(np.searchsorted(total, base + limit, side="right")))
        bounds.append((first, min(last, len(counts))))
        first = last
    return bounds


def _components(n: int, edges: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """A component label per node: minimum-label propagation with pointer jumping, all in numpy."""
    labels = np.arange(n)
    sources, targets = edges
    if not len(sources):
        return labels
    while True:
        smallest = np.minimum(labels[sources], labels[targets])
        updated = labels.copy()
        np.minimum.at(updated, sources, smallest)
        np.minimum.at(updated, targets, smallest)
        while True:  # point every node at its label's label until nothing changes
            jumped = updated[updated]
            if np.array_equal(jumped, updated):
                break
            updated = jumped
        if np.array_equal(updated, labels):
            return labels
        labels = updated
