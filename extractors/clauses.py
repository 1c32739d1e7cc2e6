"""Whose a figure is by the grammar of its clause, where the nearest name says less: "BYD, which is based in
Shenzhen, beat Tesla by 20 percent" is BYD's figure, though Tesla is the nearest name.

- `clause_subject`: the noun phrase before the finite verb of the clause a figure stands in, past openers,
  conjunctions and relative clauses; after a verb of reporting ("Canalys data show X climbing to $86
  billion"), the phrase after the verb.
- `refers_back` / `antecedent`: what "it", "its", "they", "the company" stand for, from the sentences or
  clauses just before.
- `clause_owner`: the clause's subject where it says more than the nearest name (`extractors/subjects.py`
  finds names and the document's topic).

The verb is found from a closed class of auxiliaries and irregular verbs, or a lower-case word in -ed that no
determiner or following noun makes an adjective ("the combined share", "installed capacity reached"). Only
the words between a clause's start and its figure are read: no tagger, no per-token Python over documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.lexicon import may_contain
from extractors.subjects import GENERIC_TOPIC_WORDS, name_group

_AUXILIARIES = frozenset("is are was were has have had will would could can may might should must shall does did "
                         "do".split())
_IRREGULAR = frozenset(
    "came comes took takes held holds made makes rose rises fell falls grew grows hit hits sold sells led leads won "
    "wins saw sees stood stands kept keeps went goes became becomes began begins built builds bought buys spent "
    "spends got gets put puts slid slides sank sinks swung overtook overtakes beat beats remain remains continue "
    "continues accounts represents reach reaches shows show expects posts tops ranks ships delivers adds totals "
    "reports say says said climbs jumps drops declines increases doubles captures claims controls needs means "
    "outsold outsells estimates forecasts predicts sees lost loses paid pays drove drives stays stay sits "
    "generates commands contributes comprises dominates exceeds surpasses outpaces lags trails follows owns "
    "operates employs expands shrinks "
    # base forms after a plural subject ("the largest marketplaces control 95%"); after a determiner they are
    # nouns ("the control"), which the word before the verb rules out
    "control account hold take make represent generate grow rise fall see spend sell deliver add expect need "
    "ship capture dominate command contribute comprise drive lead lag trail exceed surpass outpace".split())
# A clause whose verb reports rather than states ("Canalys data show ...", "IDC estimates ...") has its source
# as its subject: what is measured is the noun phrase after the verb.
_REPORTING_VERBS = frozenset("shows show say says said reports reported estimates estimated expects expected "
                             "forecasts forecast forecasted predicts predicted put puts sees saw noted notes "
                             "found finds".split())
_NOT_BEFORE_VERB = frozenset("the a an its their this that these those our his her whose of in on at for to with by "
                             "from as than most more less very".split())
_FUNCTION_AFTER = frozenset("the a an at to by in into on for from over about nearly around up down more less than "
                            "its their this that these those some all first second third fourth fifth record "
                            "strongly sharply".split())
_OPENERS = frozenset("in on at by for from during after before among according across over since as despite "
                     "following through under within outside excluding including with to when if once because "
                     "although though whereas unless until".split())
_ADVERBS = frozenset("together meanwhile however overall globally still also separately then collectively "
                     "combined".split())
_CLAUSE_CUT = re.compile(r";|:(?!\d)|\s--\s|,[ \t]+(?:and|but|while|whereas|although|though)[ \t]+"
                         r"|[ \t]+(?:while|whereas|but)[ \t]+")
_WITH_CUT = re.compile(r"(?:,[ \t]*|[ \t]+)with[ \t]+", re.IGNORECASE)  # "with the top three taking 68%"
# A relative clause or an apposition between a subject and its verb: ", which is based in X,", ", a group that
# takes in A, B and C,", ", the market's largest segment,".
_RELATIVE = re.compile(r",[ \t]+(?:which|who|whose|where|a|an|the)\b", re.IGNORECASE)
_ASIDE_WITH_NUMBER = re.compile(r"[ \t]*\([^()]*\d[^()]*\)")
_MOST_WORDS = 20
_CLAUSE_REACH = 300  # characters before a figure searched for the start of its clause
_OBJECT_END = re.compile(r"[ \t]*(?:\(|,|;|\bat\b|\bto\b|\bby\b|\bin\b|\bof\b[ \t]+\d|[\d$€£¥]"
                         r"|\b(?:will|would|is|are|was|were|has|have|had|could|may|might|should|can)\b"
                         r"|\w+ing(?=[ \t]+(?:[\d$€£¥]|(?:to|by|at|from|up|down|about|around|nearly|more|over)\b)))")

Word = tuple[int, int, str]  # start, end, the word as written


@dataclass(frozen=True)
class Subject:
    """The subject of a figure's clause: the phrase, where its clause starts and where its verb does."""

    phrase: str
    clause_start: int
    verb_start: int
    reported: bool = False  # the phrase follows a verb of reporting: what its source before the verb measured


def clause_subject(text: str, sentence_start: int, position: int) -> Subject | None:
    """The subject of the clause a figure at `position` stands in, where a finite verb precedes the figure in
    that clause ("Memory products" in "Memory products ranked second, with sales up 78.9%"); for a clause that
    reports ("Canalys data show X climbing to $86 billion"), the noun phrase after the verb. None where the
    figure stands before any verb or the subject has only generic words ("the market", "revenue")."""
    reach = max(sentence_start, position - _CLAUSE_REACH)
    cuts = list(_CLAUSE_CUT.finditer(text, reach, position))
    start = cuts[-1].end() if cuts else sentence_start
    with_clause = None
    begin = max(start, reach)
    if may_contain(text[begin:position], ("with",)):  # most clauses have none: `_WITH_CUT` is not tried at each space
        for m in _WITH_CUT.finditer(text, begin, position):
            if text[start:m.start()].strip():  # a clause that opens with "With ..." has it as its opener
                with_clause = m.end()
    if with_clause is not None:  # "with the top three taking 68%": the with-clause's own subject, if it has one
        found = _subject_in(text, with_clause, position, participle=True)
        if found is not None:
            return found
    found = _subject_in(text, start, position)
    if found is not None or not cuts:
        return found
    before = cuts[-2].end() if len(cuts) > 1 else sentence_start
    cut = cuts[-1].group(0).strip(" \t,")
    if cut == ":":  # "Amazon Prime Video: Estimated ~175 million subscribers"
        return _label(text, before, cuts[-1].start())
    if cut.split()[0] in ("and", "but"):  # a clause without a verb shares the one before: "X had ..., and 26.9% when"
        return _subject_in(text, before, cuts[-1].start())
    return None


def _label(text: str, start: int, colon: int) -> Subject | None:
    """A short name before a colon that the figures after it belong to: no verb, no digits (not a dateline)."""
    phrase = text[start:colon].strip(" \t-•*")
    words = phrase.split()
    if not 1 <= len(words) <= 8 or not phrase[:1].isupper() or any(c.isdigit() for c in phrase) \
            or any(_is_verb(w) for w in words):
        return None
    return Subject(phrase, start, colon)


def _subject_in(text: str, start: int, position: int, participle: bool = False) -> Subject | None:
    # a subject, its openers and asides fit in the clause's first words; the rest is never read
    words = _words(text, start, position)
    first = _after_opener(words)
    if first >= len(words):
        return None
    relative = _RELATIVE.search(text, words[first][0], position)
    verb = _finite_verb(words, first, relative.start() if relative else None, participle)
    if verb is None:
        return None
    verb_start, verb_end, verb_word = words[verb]
    if verb_word.lower().strip(",") in _REPORTING_VERBS:
        return _reported_object(text, verb_end, position, start)
    end = relative.start() if relative and relative.start() < verb_start else verb_start
    phrase = _clean(text[words[first][0]:end])
    return Subject(phrase, start, verb_start) if phrase else None


def _words(text: str, start: int, end: int) -> list[Word]:
    """The first `_MOST_WORDS` words of text[start:end], with their offsets (str.split is faster than a pattern)."""
    words = []
    at = start
    for word in text[start:end].split(maxsplit=_MOST_WORDS)[:_MOST_WORDS]:
        at = text.find(word, at)
        words.append((at, at + len(word), word))
        at += len(word)
    return words


_OBJECT_START = re.compile(r"^[ \t,]*(?:(?:however|also|now|instead|meanwhile|again)[ \t,]+)*(?:that[ \t]+)?")


def _reported_object(text: str, verb_end: int, position: int, clause_start: int) -> Subject | None:
    """ "Synergy estimates quarterly cloud service revenues at $90.6 billion": the phrase after the verb."""
    rest = _OBJECT_START.sub("", text[verb_end:position])
    offset = position - len(rest)
    end = _OBJECT_END.search(rest)
    phrase = _clean(rest[:end.start()] if end else rest)
    return Subject(phrase, clause_start, offset, reported=True) if phrase else None


def _clean(phrase: str) -> str | None:
    words = _ASIDE_WITH_NUMBER.sub("", phrase).strip(" \t,—–-•*").split()
    while words and words[-1].lower().strip(",") in _ADVERBS:  # "Acme and Globex together accounted for"
        words.pop()
    phrase = " ".join(words).rstrip(",")
    if not 1 <= len(words) <= 14 or all(w.lower().strip(",") in _GENERIC_SUBJECT for w in words):
        return None
    return phrase


_GENERIC_SUBJECT = GENERIC_TOPIC_WORDS | frozenset("this that these those figure figures number numbers data "
                                                    "growth share value total a an".split())


def _after_opener(words: list[Word]) -> int:
    """The index of the clause's first word past a conjunction and an opening adverbial: "In 2024, ",
    "According to X, ", "Looking only at Q4, ", "Together", "Last year", "that after two years of growth, "."""
    first = 0
    while first < len(words) and words[first][2].lower() in _CONJUNCTIONS:
        first += 1
    if first >= len(words):
        return first
    opener = words[first][2]
    key = opener.lower().strip(",")
    if key in _ADVERBS:
        return first + 1
    if key in _OPENERS or _participle_opener(words, first):
        for i in range(first + 2, min(first + 5, len(words))):  # "In 4Q24 the top three providers, AWS, ..."
            if words[i][2].lower() in ("the", "a", "an") and any(c.isdigit() for c in words[i - 1][2]):
                return i
        for i, (_, _, word) in enumerate(words[first:first + 12], start=first):
            if word.endswith(","):
                return i + 1
        return first
    if first + 1 < len(words) and opener.endswith(",") \
            and words[first + 1][2].lower().strip(",") not in _APPOSITION | _ADVERBS:
        return first + 1  # "Upstream, global capacity ...", not "Acme, which ..." nor "Acme, the largest maker, ..."
    if first + 2 < len(words) and (key in _TIME_OPENER_WORDS or not key.isascii()) \
            and _TIME_OPENER.fullmatch(f"{opener} {words[first + 1][2]}"):
        return first + 2
    for i in range(first + 1, min(first + 6, len(words) - 1)):  # "Six months later, the company ..."
        if words[i][2].endswith(","):
            if words[i][2].lower().rstrip(",") in _TIME_ADVERBS and words[i + 1][2].lower() in _PHRASE_OPENING:
                return i + 1
            break  # "Digital Loom Makers (DLMs), a group that ...": an apposition, not an opener
    return first


def _participle_opener(words: list[Word], first: int) -> bool:
    """ "Looking only at Q4, Apple ...", "Valued at $5 billion, it ...": a capitalised -ing or -ed word whose
    phrase reaches a comma with no verb of its own; "Streaming reached a record, ..." is a subject."""
    opener = words[first][2]
    if not opener[:1].isupper() or not opener.rstrip(",").endswith(("ing", "ed")):
        return False
    for _, _, word in words[first + 1:first + 12]:
        if _is_verb(word):
            return False
        if word.endswith(","):
            return True
    return False


def _is_verb(raw: str) -> bool:
    word = raw.strip(",")
    return raw.islower() and (word in _AUXILIARIES or word in _IRREGULAR or word.endswith("ed") and len(word) > 4)


_CONJUNCTIONS = frozenset("that and but so yet".split())
_PHRASE_OPENING = frozenset("the a an it its they their this these".split())
_TIME_ADVERBS = frozenset("later earlier ago before after since".split())
_APPOSITION = frozenset("which who whose where the a an one its their".split())
# The first words `_TIME_OPENER` takes, in ASCII (its case-insensitive match also takes "ſ" for "s").
_TIME_OPENER_WORDS = frozenset("last this next that each every".split())
_TIME_OPENER = re.compile(r"(?i:last|this|next|that|each|every)[ \t]+(?i:year|quarter|month|week|half|season),?")


def _finite_verb(words: list[Word], first: int, relative: int | None, participle: bool) -> int | None:
    """The index of the clause's finite verb, past a relative clause (", which is based in X, beat Y"); in a
    with-clause, its participle ("taking")."""
    for i in range(first + 1, len(words)):
        start, _, raw = words[i]
        word = raw.lower().rstrip(",")
        listed = word in _AUXILIARIES or word in _IRREGULAR
        if not listed and not (raw.islower() and (word.endswith("ed") or participle and word.endswith("ing"))):
            continue  # most words are no verb: the cheap test first
        if relative is not None and start > relative and not words[i - 1][2].endswith(","):
            continue  # inside ", which ...,": the main verb comes after the aside's closing comma
        if not word.isalpha() or words[i - 1][2].lower() in _NOT_BEFORE_VERB:
            continue
        if listed or word.endswith("ing"):
            return i
        if len(word) > 4 and not word.endswith("eed") and word != "hundred" and not _adjective_before_noun(words, i):
            return i
    return None


def _adjective_before_noun(words: list[Word], index: int) -> bool:
    """ "installed capacity reached": an -ed word before a noun, with a verb still to come, is an adjective."""
    if index + 1 >= len(words) or words[index][2].endswith(","):
        return False
    following = words[index + 1][2]
    if not following.isalpha() or not following.islower() or following in _FUNCTION_AFTER:
        return False
    return any(w[2].lower().strip(",") in _AUXILIARIES | _IRREGULAR or w[2].islower() and w[2].endswith("ed")
               for w in words[index + 2:])


# "it", "they", "the company", "the Chinese company's": a subject that refers back to something written before.
_REFERRING = re.compile(r"(?i:(?P<pronoun>it|they|them|its|their)|the[ \t]+(?:[\w\-]+[ \t]+){0,2}?(?:company|firm|group"
                        r"|vendor|maker|carmaker|automaker|chipmaker|manufacturer|brand|giant|player|provider"
                        r"|retailer|platform|operator|country|nation))(?:[’']s)?(?![\w\-])")
_PIECE_END = re.compile(r"(?<=[.!?])[ \t]+(?=[A-Z\"“])|\n+|;|:(?!\d)|,[ \t]+but[ \t]+")


_TRAILING_CONJUNCTION = re.compile(r"[ \t,]*(?:\b(?:and|but|while|whereas)[ \t]*)?$")


def refers_back(phrase: str) -> re.Match[str] | None:
    """The referring words that open a subject ("The company's" of "The company's shares"), if any."""
    return _REFERRING.match(phrase)


def antecedent(text: str, position: int, pronoun: bool, proper: frozenset[str] | None = None,
               pieces: int = 4) -> str | None:
    """What a referring subject at `position` stands for: the subject of the latest of the few sentences or
    clauses before it whose subject names something (a name; for a pronoun any specific phrase: "it" may be
    "the industrial semiconductor market"), or a short heading line between them ("Tesla sales slump")."""
    window = text[max(0, position - 900):position]
    for piece in reversed([p for p in _PIECE_END.split(window) if p and p.strip()][-pieces:]):
        piece = _TRAILING_CONJUNCTION.sub("", piece)  # "X will reach $5 billion, and " before "WPP expects them"
        found = clause_subject(piece, 0, len(piece))
        phrase = found.phrase if found else piece.strip() if len(piece) <= 60 else None
        if phrase is None or refers_back(phrase):
            continue
        if name_group(phrase, 0, len(phrase), sentence_start=0, proper=proper) or pronoun and found:
            return phrase
    return None


# A name right after words of comparison is what the figure is compared with, not whose it is: "beat Tesla by
# 20 percent", "has overtaken its US rival Tesla", "bigger than the whole APAC region".
_COMPARED = re.compile(r"\b(?i:beat|beats|overtook|overtaken|overtakes|outsold|outsells|surpassed|surpasses|topped"
                       r"|trailed|trails|than|against|versus|vs\.?|ahead[ \t]+of|behind|rivals?)"
                       r"(?:[ \t]+(?:[a-z]+|[A-Z]{2,3})){0,3}[ \t]+$")
_COMPARING_WORDS = ("beat", "overt", "outs", "surpass", "topped", "trail", "than", "against", "versus", "vs",
                    "ahead", "behind", "rival")  # one is in every match of `_COMPARED`
# Words that introduce the next item of a list ("..., then Xiaomi with 13%"): a name after them owns its figures.
_LIST_CUE = re.compile(r"(?:\b(?i:then|and|followed[ \t]+by|while|with|whereas)|[,;(])[ \t]*$")


def compared_name(text: str, name_start: int) -> bool:
    """The name starting at `name_start` is the object of a comparison ("beat Tesla")."""
    start = max(0, name_start - 40)
    return may_contain(text[start:name_start], _COMPARING_WORDS) \
        and _COMPARED.search(text, start, name_start) is not None


def listed_name(text: str, name_start: int) -> bool:
    """The name starting at `name_start` opens an item of a list ("then Xiaomi with 13%")."""
    return _LIST_CUE.search(text, max(0, name_start - 20), name_start) is not None


_SENTENCE_STOP = re.compile(r"[.;](?:\s|$)")


def clause_owner(text: str, sentence_start: int, figure_start: int, entity: str | None,
                 proper: frozenset[str] | None = None) -> str | None:
    """Whose the figure at `figure_start` is by the grammar of its clause, where that says more than the nearest
    name (`entity`): the clause's subject where the figure has no name of its own, where the name stands before
    the clause (across a colon), is compared with ("beat Tesla"), stands in the predicate without opening a
    list item ("BYD is China's largest EV maker, having delivered ..."), lies inside the subject ("SK" of
    "SK hynix") or is written after the figure; what a referring subject ("it", "the company") stands for.
    None where the nearest name is the figure's own (a list item's: "then Xiaomi with 13%")."""
    at = text.find("respectively", figure_start, figure_start + 200)
    if at >= 0 and not _SENTENCE_STOP.search(text, figure_start, at):
        return None  # "their shares were 20%, 15% and 11% respectively": the list names each figure's owner
    found = clause_subject(text, sentence_start, figure_start)
    if found is None:
        return None
    reference = refers_back(found.phrase)
    if reference:
        return antecedent(text, found.clause_start, bool(reference.group("pronoun")), proper)
    if not entity or found.reported or entity.lower() in found.phrase.lower():
        return found.phrase
    at = text.rfind(entity, sentence_start, figure_start)
    if at < 0 or at < found.clause_start or compared_name(text, at):
        return found.phrase  # the name is after the figure, before its clause, or what it is compared with
    if at > found.verb_start and not listed_name(text, at):
        return found.phrase
    return None
