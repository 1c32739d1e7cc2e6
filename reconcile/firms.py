"""Whose figure it is, in a sentence that lists several firms.

A list sentence gives each firm its own number: "Corvo follows with 14%, then Pellam with 9%, Dunmore with
8%, zenit with 8%". An extracted subject may hold several of those names ("Dunmore zenit kettle market" for
zenit's 8%), and its key then meets no other source's key for either firm. The name a figure belongs to is
the one written nearest before it: the key keeps that name and drops the sentence's other names. A name
said to be taken in by another ("Dunmore, Quill included") belongs to no figure of its own. Names are the
words a sentence writes with a capital (adjacent ones are one name: "Upper Austria"); a sentence's first
word is a name only where its document never writes it in lower case ("Kettle sales rose" is not).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from reconcile.subjects import WEB_SUFFIX, english_singular

_WORD = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*")
# A name followed by this is taken in by the name before it ("Dunmore, Quill included"): no owner of a figure.
_TAKEN_IN = re.compile(r"\W{0,3}(?:included|includes|including)\b", re.I)
_COORDINATED = re.compile(r"\s*(?:,|and|&|or|,\s*and)\s*", re.I)
# The start of a list's next item: what follows is about another thing ("..., zenit with 8%").
_NEW_ITEM = re.compile(r"^\W{0,3}(?:,|;|\band\b|\bthen\b|\bwhile\b|\bwhereas\b|\bbut\b)", re.I)
_TAKES_IN = re.compile(r"\b(?:including|incl|includes)\W{0,3}$", re.I)


# A name that owns the next ("Alibaba's Tmall.com"): two names, the figure is the owned one's.
_POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=1 << 16)
def _folded(token: str) -> str:
    return english_singular(WEB_SUFFIX.sub("", re.sub(r"['’]s?$", "", token).casefold()))


# A sentence's words: (start, end, as written, written with a capital), read once per sentence; and the
# folded words it writes with a capital.
Token = tuple[int, int, str, bool]


@lru_cache(maxsize=1 << 15)
def _tokens(sentence: str) -> tuple[tuple[Token, ...], frozenset[str]]:
    tokens = tuple((m.start(), m.end(), m[0], m[0] != m[0].lower()) for m in _WORD.finditer(sentence))
    return tokens, frozenset(_folded(t[2]) for t in tokens if t[3])


def lower_words(sentences: Sequence[object]) -> frozenset[str]:
    """The words a document writes in lower case somewhere (so a capital at a sentence's start is no name)."""
    words: set[str] = set()
    for sentence in set(sentences):
        if isinstance(sentence, str):
            words.update(_folded(t[2]) for t in _tokens(sentence)[0] if t[2].islower())
    return frozenset(words)


def name_spans(sentence: str, lower: frozenset[str], begin: int = 0,
               stop: int | None = None) -> list[tuple[int, int, frozenset[str], bool]]:
    """The names a sentence writes between `begin` and `stop`: (start, end, folded words, whether it is taken
    in by another name) per run of adjacent capitalised words."""
    stop = len(sentence) if stop is None else stop
    spans: list[tuple[int, int, frozenset[str], bool]] = []
    run: list[Token] = []

    def close() -> None:
        if run:
            start, end = run[0][0], run[-1][1]
            window = sentence[max(0, start - 16):start]
            taken_in = bool(_TAKEN_IN.match(sentence, end) or ("ncl" in window.lower() and _TAKES_IN.search(window)))
            spans.append((start, end, frozenset(_folded(t[2]) for t in run), taken_in))
            run.clear()
    tokens = _tokens(sentence)[0]
    for token in tokens:
        if token[0] < begin or token[1] > stop:
            continue
        capital = token[3]
        if capital and lower and _folded(token[2]) in lower and not sentence[:token[0]].strip(" \t\"'“-–—•*"):
            capital = False  # a capital at the sentence's start, on a word the document writes in lower case
        adjacent = run and not sentence[run[-1][1]:token[0]].strip() and not _POSSESSIVE.search(run[-1][2])
        if capital and adjacent:
            run.append(token)
            continue
        if run:
            close()
        if capital:
            run.append(token)
    close()
    return spans


def _spans_around(sentence: str, offset: int, lower: frozenset[str]) -> list[tuple[int, int, frozenset[str], bool]]:
    """`name_spans` of the text before the figure and of the text from it on, apart: a name never runs into
    the figure's own quote ("Tmall US$463.5 billion")."""
    return [*name_spans(sentence, lower, stop=offset), *name_spans(sentence, lower, begin=offset)]


def own_name_key(key: str | None, sentence: object, offset: int, lower: frozenset[str],
                 place: frozenset[str] = frozenset()) -> str | None:
    """The comparison key without the names of other firms when it holds the names of two or more firms of
    its sentence: only the name written nearest before the figure (at `offset`) stays. Unchanged where the
    key holds one name or none, where the figure cannot be placed, where no name of the key precedes it,
    or where that name is one of several joined by "and" (the figure is each one's). The words of the
    figure's own place (`place`, its stated geography) count as a name: "Upper Austria grew 4% versus 2023,
    North America 1%" gives North America's 1% no "China"."""
    if key is None or not isinstance(sentence, str) or offset < 0:
        return key
    words = set(key.split())
    named = words | place
    spans = [(s, e, names & named, taken) for s, e, names, taken in _spans_around(sentence, offset, lower)
             if names & named]
    if len({names for _, _, names, _ in spans}) < 2:
        return key
    before = sorted(span for span in spans if span[1] <= offset and not span[3])
    if not before:
        return key
    if len(before) > 1 and _COORDINATED.fullmatch(sentence[before[-2][1]:before[-1][0]]):
        return key  # "Acme and Bolt share the lead with 18% each": the figure is each one's (`shared_keys`)
    own = before[-1][2]
    others = set().union(*(names for _, _, names, _ in spans)) - own
    return " ".join(sorted(words - others)) or key


def shared_keys(key: str | None, sentence: object, offset: int, lower: frozenset[str]) -> frozenset[str]:
    """The keys of each firm a figure is given to together with others ("Acme and Bolt share the lead
    with 18% each": "apple ..." and "samsung ..."): the figure's key without the other joined names, one
    per name; none where the names just before the figure are not joined by "and" or commas alone."""
    if key is None or not isinstance(sentence, str) or offset < 0:
        return frozenset()
    words = set(key.split())
    before = sorted((s, e, names & words) for s, e, names, taken in name_spans(sentence, lower, stop=offset)
                    if names & words and not taken)
    joined = before[-1:]
    for span in reversed(before[:-1]):
        if not _COORDINATED.fullmatch(sentence[span[1]:joined[0][0]]):
            break
        joined.insert(0, span)
    if len({names for _, _, names in joined}) < 2:
        return frozenset()
    every = set().union(*(names for _, _, names in joined))
    return frozenset(" ".join(sorted(words - (every - names))) for _, _, names in joined)


def own_clause_key(key: str | None, sentence: str, start: int, offset: int) -> str | None:
    """The key without words its sentence writes only in the clauses of the figures before it, where the
    figure's own clause (from the end of the figure before it, at `start`, to the figure, at `offset`)
    starts a new item of a list (", ", "and", "then", "while") and brings a word of the key of its own:
    "Dunmore with 8%, zenit with 8%" gives zenit's 8% to zenit, a name written in lower case too."""
    if key is None or start <= 0 or offset < start or not _NEW_ITEM.match(sentence[start:offset]):
        return key
    words = set(key.split())
    tokens = _tokens(sentence)[0]
    own = {_folded(t[2]) for t in tokens if start <= t[0] and t[1] <= offset}
    earlier = {_folded(t[2]) for t in tokens if t[1] <= start}
    later = {_folded(t[2]) for t in tokens if t[0] >= offset}
    if not (words & own) - earlier:
        return key
    dropped = (words & earlier) - own - later
    return " ".join(sorted(words - dropped)) or key


def own_name_keys(keys: list, doc_ids: list, sentences: list, quotes: list, offsets: list[int],
                  prose: list[bool], places: list | None = None) -> tuple[list, list[frozenset[str]]]:
    """For every figure of the documents' sentences (`prose`; a table cell's key is its row's and column's
    already): its key by `own_name_key`, then `own_clause_key`, then `_same_item_keys`; and its
    `shared_keys`. Keys with fewer than two words are left as they are. Only sentences whose capitals or
    figures can change a key are read closely."""
    ends: dict = {}  # where each figure of a sentence ends, per document and sentence
    for doc, sentence, quote, offset in zip(doc_ids, sentences, quotes, offsets):
        if isinstance(sentence, str) and isinstance(quote, str) and offset >= 0:
            ends.setdefault((doc, sentence), []).append(offset + len(quote))
    for sentence_ends in ends.values():
        sentence_ends.sort()  # for `bisect`: the end nearest before a figure
    document_lower = _DocumentLower(doc_ids, sentences)
    lower_of: dict[tuple, frozenset[str]] = {}  # document_lower per document and first word, asked once
    capitals_of: dict[str, frozenset[str]] = {}  # per sentence, the folded words it writes with a capital
    out: list = []
    shared: list[frozenset[str]] = []
    starts: list[int] = []
    places = places if places is not None else [None] * len(keys)
    for key, doc, sentence, offset, said, place in zip(keys, doc_ids, sentences, offsets, prose, places):
        before = ends.get((doc, sentence)) if isinstance(sentence, str) else None
        starts.append(before[bisect_right(before, offset) - 1] if before and before[0] <= offset else 0)
        if key is None or " " not in key or not said or not isinstance(sentence, str):
            out.append(key)
            shared.append(frozenset())
            continue
        words = set(key.split())
        place_words = _place_words(place) if isinstance(place, str) else frozenset()
        capitals = capitals_of.get(sentence)
        if capitals is None:  # only the capitals first: most sentences name too little to be read closely
            capitals = capitals_of[sentence] = frozenset(_folded(w) for w in _WORD.findall(sentence) if w != w.lower())
        if len((words | place_words) & capitals) >= 2:  # two names at least: whose figure it is can be read
            tokens = _tokens(sentence)[0]
            if tokens and tokens[0][3]:
                if (doc, tokens[0][2]) not in lower_of:
                    lower_of[doc, tokens[0][2]] = document_lower(doc, tokens[0][2])
                lower = lower_of[doc, tokens[0][2]]
            else:
                lower = frozenset()
            shared.append(shared_keys(key, sentence, offset, lower))
            key = own_name_key(key, sentence, offset, lower, place_words)
        else:
            shared.append(frozenset())
        out.append(own_clause_key(key, sentence, starts[-1], offset) if starts[-1] > 0 else key)  # first: kept
    return _same_item_keys(out, doc_ids, sentences, quotes, offsets, starts, prose), shared


@lru_cache(maxsize=1 << 12)  # a corpus names a few places
def _place_words(place: str) -> frozenset[str]:
    return frozenset(_folded(t) for t in _WORD.findall(place))


class _DocumentLower:
    """Whether a document writes a word in lower case somewhere, as the `lower` set `name_spans` reads: the
    folded word where it does, else nothing (the document's text is joined once, when first asked for)."""

    def __init__(self, doc_ids: list, sentences: list) -> None:
        self._sentences: dict = {}
        for doc, sentence in zip(doc_ids, sentences):
            if isinstance(sentence, str):
                self._sentences.setdefault(doc, set()).add(sentence)
        self._text: dict = {}

    def __call__(self, doc: object, word: str) -> frozenset[str]:
        if doc not in self._text:
            self._text[doc] = "\n".join(self._sentences.get(doc, ()))
        return frozenset({_folded(word)}) if _starts_a_word(word.lower(), self._text[doc]) else frozenset()


def _starts_a_word(word: str, text: str) -> bool:
    """Whether `word` occurs in `text` at the start of a word (the regex `\\bword`), found with `str.find`:
    a regex compiled for each word costs more than the search."""
    at = text.find(word)
    while at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_"):  # \w: alphanumeric or "_"
        at = text.find(word, at + 1)
    return at >= 0


# Words that join a figure to the one before it in one list item ("26.4 million units and 8%", "27.2 million
# units for 8%"): the second is about what the first is about.
_SAME_ITEM = re.compile(r"^\W{0,2}(?:and|for|with|or|,)?\W{0,2}$", re.I)


def _same_item_keys(keys: list, doc_ids: list, sentences: list, quotes: list, offsets: list[int], starts: list[int],
                    prose: list[bool]) -> list:
    """The keys, with a figure joined to the figure just before it by "and", "for" or "with" alone given that
    figure's key where its own holds that key and more words (the other items' names)."""
    by_end = {(doc, sentence, offset + len(quote)): key
              for key, doc, sentence, quote, offset, said in zip(keys, doc_ids, sentences, quotes, offsets, prose)
              if said and key is not None and isinstance(quote, str) and offset >= 0}
    out = []
    for key, doc, sentence, offset, start, said in zip(keys, doc_ids, sentences, offsets, starts, prose):
        before = by_end.get((doc, sentence, start)) if said and start > 0 and key is not None else None
        if before is not None and _SAME_ITEM.match(sentence[start:offset]) and set(before.split()) < set(key.split()):
            key = before
        out.append(key)
    return out
