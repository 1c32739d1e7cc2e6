"""Whom and what a figure is about, beyond the words next to it: the document's topic and the names a figure
belongs to.

- `topic`: the market a document is about, as its opening names it: the noun phrase headed by "market",
  "industry", "sales", "revenue", "spending", "shipments", "capacity", "installations", "deliveries" ...
  in its title or first lines ("Smartphone market", "global cloud infrastructure services spending",
  "Global renewable energy capacity"). "The market", "it" and figures whose own words name no market are
  read against it.
- `names_between`: the names in a stretch of a sentence ("Apple and Samsung", "Xiaomi", "the Americas"),
  so that each figure of a list ("Xiaomi with 14%, then Transsion with 9%") gets the name written since the
  figure before it.

All patterns are module-level constants.
"""

from __future__ import annotations

import re

from extractors import lexicon

# The head nouns of what a market report measures.
HEADS = (r"markets?|industry|sales|revenues?|spend(?:ing)?|shipments|capacity|installations|additions|deliveries"
         r"|subscribers|subscriptions|viewing|prices?|demand|output|production|gmv|advertising|ad[ \t]+spend")
HEAD = re.compile(rf"\b(?:{HEADS})\b", re.IGNORECASE)
_PHRASE_WORD = re.compile(r"[A-Za-z][\w\-’'&/.]*")
_BEFORE_HEAD_STOP = frozenset(
    "the a an of on in at to for from by with and or as is are was were be been has have had that which who its their "
    "this these those than into over under per while when where will would can could may might should also only "
    "just says said say reports reported shows show put puts expects expected sees see hits hit reached reach "
    "grows grew grow rose rise fell fall jumped jump climbing climbed breaks broke surpasses tops leads led after "
    "about around nearly some such our we they it showing shows powers record leading latest new both means meant "
    "suggests indicates implies".split())
# A verb whose subject is a cause and whose object is a clause of its own: "uncertainty means revenues will fall".
CONSEQUENCE = re.compile(r"\b(?:means?|meant|suggest(?:s|ed)?|indicat(?:es|ed)|impl(?:y|ies|ied))\b(?:[ \t]+that\b)?")


_GENERIC_NAMES = frozenset(
    "In On At By For From To The A An And Or Of As But So Then With While When Where After Before During Over "
    "Under Since Until Between Across Among Through Global Worldwide World Total Overall Annual Full "
    "Year Quarter Its It This That These Those Their Our We They He She "
    "Together Count Looking Meanwhile However Also Only Both Each All Some Most Many Other Others "
    "According Source Sources Data Figure Table Chart Note Read More No Nos Number Rank Top".split()) | frozenset(
    lexicon.PERIOD_NAMES + lexicon.MONTHS_CAPITALIZED + lexicon.MONTH_ABBREVIATIONS)
NAME = re.compile(r"(?<![\w\-])(?:[A-Z][\w&\-]*(?:\.[A-Za-z]+)*|[a-z]+[A-Z][\w\-]*)(?:[ \t]+(?:(?:of|&)[ \t]+)?"
                  r"[A-Z][\w&\-]*)*(?:[’']s)?(?![\w\-])")
_NOT_A_MARKET_AFTER = re.compile(r"[ \t]+(?i:research|researcher|intelligence|insights?|data|analysts?|reports?"
                                 r"|consultancy|publisher|association)\b")
_EXAMPLE_CUE = re.compile(r"\b(?i:such[ \t]+as|like|including|includes|led[ \t]+by|e\.g\.,?)[ \t]+$")
_EXAMPLES: list[str] = []  # the marker of a group of examples
_COORDINATION = re.compile(r"^[ \t]*(?:,|and|&|,[ \t]*and)[ \t]*$")
# A name said to be inside the one before: "Oppo, OnePlus included, sold ...", "Acme (Globex included)".
_INCLUDED_AFTER = re.compile(r"[ \t]+(?:included|inclusive)\b")


def topic(opening: str) -> str | None:
    """The market the document is about: the first noun phrase in its opening headed by a market's measure
    that has words of its own before the head ("Smartphone market", not "the market")."""
    for m in HEAD.finditer(opening):
        if _NOT_A_MARKET_AFTER.match(opening, m.end()):
            continue  # "market research publisher", "market share"
        phrase = _phrase_before(opening, m.start())
        if phrase and any(w.lower() not in GENERIC_TOPIC_WORDS for w in phrase.split()):
            return " ".join([phrase, m.group(0)])
    return None


def _phrase_before(text: str, head_start: int) -> str | None:
    """Up to four words before a head noun, back to a function word or punctuation: "global cloud
    infrastructure services" in "Canalys data show global cloud infrastructure services spending"."""
    left = text[max(0, head_start - 80):head_start]
    cut = max(left.rfind(c) for c in ".,;:!?()|\n—–»›")
    left = left[cut + 1:]
    words = _PHRASE_WORD.findall(left)
    kept: list[str] = []
    for word in reversed(words):
        if word.lower() in _BEFORE_HEAD_STOP or any(ch.isdigit() for ch in word) or len(kept) >= 4:
            break
        kept.insert(0, word)
    while kept and kept[0] in _GENERIC_NAMES and kept[0] not in ("Global", "Worldwide"):
        kept = kept[1:]
    return " ".join(kept) or None


def names_between(text: str, start: int, end: int, leave_out: str | None = None,
                  sentence_start: int | None = None, proper: frozenset[str] | None = None) -> str | None:
    group = name_group(text, start, end, leave_out, sentence_start, proper)
    if not group:
        return None
    return group[0] if len(group) == 1 else ", ".join(group[:-1]) + " and " + group[-1]


def name_group(text: str, start: int, end: int, leave_out: str | None = None,
               sentence_start: int | None = None, proper: frozenset[str] | None = None) -> list[str]:
    """The last group of `name_groups` ([] where there is none)."""
    groups = name_groups(text, start, end, leave_out, sentence_start, proper)
    return groups[-1] if groups else []


_POSSESSIVE = re.compile(r"[’']s$")
_ONE_WORD_NAME = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)*")


def name_groups(text: str, start: int, end: int, leave_out: str | None = None,
                sentence_start: int | None = None, proper: frozenset[str] | None = None) -> list[list[str]]:
    """The names written in text[start:end] in order, coordinated ones together ("Apple and Samsung").
    `leave_out` is a name not to count (the research firm cited); a capitalised word that opens the sentence
    is a name only where the document also capitalises it inside a sentence (`proper`: "Samsung", not
    "Modern")."""
    groups: list[list[str]] = []
    last_end = None
    for m in NAME.finditer(text, start, end):
        name = _POSSESSIVE.sub("", m.group(0))
        if m.start() == sentence_start and _ONE_WORD_NAME.fullmatch(name) and proper is not None \
                and name not in proper:
            continue
        split = name.split()
        words = [w for w in split if w not in _GENERIC_NAMES or len(split) > 1 and w == split[-1]]
        name = " ".join(w for w in words if w not in _GENERIC_NAMES) if words else ""
        if not name or leave_out and name.lower() in leave_out.lower() or _INCLUDED_AFTER.match(text, m.end()) \
                or in_closed_aside(text, m.start(), end):
            continue
        if groups and last_end is not None and _COORDINATION.match(text[last_end:m.start()]):
            if groups[-1] is not _EXAMPLES:
                groups[-1].append(name)
        elif _EXAMPLE_CUE.search(text, max(start, m.start() - 20), m.start()):
            groups.append(_EXAMPLES)  # "platforms such as YouTube and Twitch": examples, not whose figure it is
        else:
            groups.append([name])
        last_end = m.end()
    return [g for g in groups if g is not _EXAMPLES]


# An aside in parentheses that explains in words ("(covering IaaS, PaaS and hosted services)", "(incl. Acme)")
# or lists what the words before it take in ("(Jacquard, Dobby, hand looms)").
_ASIDE_OPENING = re.compile(r"\([ \t]*[a-z]")
_LIST_COMMA = re.compile(r",[ \t]")  # not the thousands comma of "1,000"


def in_closed_aside(text: str, position: int, end: int) -> bool:
    """The name at `position` stands in a parenthesis that opens with a lower-case word or holds a list, and
    closes before `end` (the figure): it explains what the words before it cover, it does not own the figure."""
    opening = text.rfind("(", max(0, position - 120), position)
    if opening < 0 or ")" in text[opening:position]:
        return False
    closing = text.find(")", position, end)
    return closing >= 0 and (bool(_ASIDE_OPENING.match(text, opening)) or _LIST_COMMA.search(text, opening, closing)
                             is not None)


def respective_names(text: str, start: int, end: int, count: int, leave_out: str | None = None,
                     sentence_start: int | None = None, proper: frozenset[str] | None = None) -> list[str]:
    """The `count` names a list of figures "respectively" belongs to: the last coordinated group, or where it
    is shorter, the groups written before it too ("Amazon holds a lead, although Microsoft and Google grew
    faster; their shares were 30%, 21% and 12% respectively"); [] where the names do not add up to `count`."""
    groups = name_groups(text, start, end, leave_out, sentence_start, proper)
    names: list[str] = []
    for group in reversed(groups):
        names[:0] = group
        if len(names) >= count:
            break
    return names if len(names) == count else []


GENERIC_TOPIC_WORDS = frozenset("global worldwide world total overall the market markets industry sales revenue "
                                 "revenues spending spend shipments capacity annual yearly cumulative whole "
                                 "entire".split())


def shares_topic(subject: str, topic_phrase: str) -> bool:
    """The subject already names the topic's own words ("foundation model" of "global foundation model industry")."""
    words = [w for w in re.findall(r"[a-z0-9]+", topic_phrase.lower()) if w not in GENERIC_TOPIC_WORDS]
    lower = subject.lower()
    return any(re.search(rf"\b{re.escape(w[:-1] if w.endswith('s') and len(w) > 3 else w)}", lower) for w in words)


# The capital first, then the look back: a pattern that opens with a character class skips ahead to its
# candidates instead of trying the look-behind at every position (twice as fast, same matches).
_INNER_CAPITAL = re.compile(r"[A-Z](?<=[a-z,] [A-Z])[a-z]+(?![\w\-])")


def inner_capitals(text: str) -> frozenset[str]:
    """The words a document capitalises inside its sentences (after a lower-case word or a comma): names."""
    return frozenset(_INNER_CAPITAL.findall(text))


# An abbreviation defined in parentheses after its words: "the Middle East and Africa (MEA)", "European Union (EU)".
DEFINED_ABBREVIATION = re.compile(r"\((?P<abbr>[A-Z]{2,6})\)")
_DEFINING_WORDS = re.compile(r"[A-Z][\w\-]*|and|of|&|for|the")


def abbreviations(text: str) -> dict[str, str]:
    """Abbreviation -> the words it stands for, where the initials of the capitalised words written right
    before the parenthesis spell it."""
    out: dict[str, str] = {}
    for m in DEFINED_ABBREVIATION.finditer(text):
        abbr = m.group("abbr")
        if abbr in out:
            continue
        words = text[max(0, m.start() - 80):m.start()].split()
        for size in range(len(abbr), min(len(words), 2 * len(abbr) + 1) + 1):
            phrase = words[-size:]
            if not all(_DEFINING_WORDS.fullmatch(w) for w in phrase) or not phrase[0][:1].isupper():
                continue
            if "".join(w[0] for w in phrase if w[:1].isupper()) == abbr:
                out[abbr] = " ".join(phrase)
                break
    return out


def spell_out(subject: str, defined: dict[str, str]) -> str:
    """ "MEA recorded a fall" -> "Middle East and Africa (MEA) recorded a fall"."""
    for word in set(re.findall(r"\b[A-Z]{2,6}\b", subject)):
        long = defined.get(word)
        if long and long.lower() not in subject.lower():
            subject = re.sub(rf"\b{word}\b", f"{long} ({word})", subject, count=1)
    return subject


def named_earlier(text: str, start: int, end: int, subject: str) -> str | None:
    """What a bare head noun of `subject` ("Spending for the full year also rose") stands for: the last phrase
    in text[start:end] (the paragraph so far) with the same head and words of its own ("global cloud
    infrastructure services spending"); None where the subject's heads all have words of their own."""
    bare = [m.group(0).lower() for m in HEAD.finditer(subject) if not _own_words(_phrase_before(subject, m.start()))]
    if not bare:
        return None
    found = None
    for m in HEAD.finditer(text, start, end):
        if m.group(0).lower() in bare:
            phrase = _phrase_before(text[start:m.start()], m.start() - start)
            if phrase and _own_words(phrase):  # which market it lends, not when: "quarterly" stays behind
                found = " ".join([*(w for w in phrase.split() if not _PERIOD_WORD.fullmatch(w)), m.group(0)])
    return found


_HEAD_TO_FIGURE = re.compile(r"[ \t]*(?:at|of|to|was|were|is|are|reached|totalled|totaled|hit|stood[ \t]+at)?[ \t]*")


def own_head_phrase(text: str, start: int, end: int) -> str | None:
    """The last head noun in text[start:end] (a figure's own clause before it) with the words before it:
    "full-year 2024 revenues" in "..., and full-year 2024 revenues at $330.4 billion"."""
    heads = list(HEAD.finditer(text, start, end))
    if not heads or not _HEAD_TO_FIGURE.fullmatch(text, heads[-1].end(), end):
        return None
    phrase = _phrase_before(text[start:heads[-1].start()], heads[-1].start() - start)
    return f"{phrase} {heads[-1].group(0)}" if phrase else None


def named_in(text: str, start: int, end: int, topic_phrase: str) -> str | None:
    """The last phrase in text[start:end] (a sentence before its figure) with the head of the document's topic
    and words of its own in lower case: "installed solar capacity" in a document on "renewable energy
    capacity" says which capacity; a phrase naming someone ("Acme's capacity") is that one's, not every
    figure's of the sentence."""
    heads = [m.group(0).lower() for m in HEAD.finditer(topic_phrase)]
    if not heads:
        return None
    found = None
    for m in HEAD.finditer(text, start, end):
        if m.group(0).lower() != heads[-1] or _NOT_A_MARKET_AFTER.match(text, m.end()):
            continue
        phrase = _phrase_before(text[start:m.start()], m.start() - start)
        if _own_words(phrase) and phrase is not None and phrase.islower():
            found = f"{phrase} {m.group(0)}"
    return found


def names_market(subject: str) -> bool:
    """The subject names what is measured with a market's head noun and a word of its own before it ("cloud
    market", "smartphone shipments"; not a bare "Shipments")."""
    return any(_own_words(_phrase_before(subject, m.start())) for m in HEAD.finditer(subject))


def _own_words(phrase: str | None) -> bool:
    """The words before a head say which market ("solar"), not only how it is counted ("annual", "global")."""
    if not phrase:
        return False
    return any(w.lower() not in GENERIC_TOPIC_WORDS and not _PERIOD_WORD.fullmatch(w) for w in phrase.split())


# Words that say when a measure was counted, not what: "Fourth-quarter sales", "Q4 revenue", "monthly sales".
_PERIOD_WORD = re.compile(r"(?i:(?:first|second|third|fourth|final|full|half|first-half|second-half)[-‑]"
                          r"(?:quarter|year|half)|q[1-4]|h[12]|quarterly|monthly|weekly|daily|(?:19|20)\d\d)")


# Another figure's amount inside a subject ("India 50 GW solar capacity" for India's 30.7 GW, "$17 billion or 22%
# higher"): a value, never what is measured. A bare number stays ("top 10 vendors", "2024 market", "5G").
_AMOUNT_IN_SUBJECT = re.compile(
    r"(?<![\w.])[+\-−]?(?:(?:US|A|C|S)?[$€£¥]|RMB|USD|EUR)?[ \t]?\d[\d,.]*[ \t]*"
    r"(?:%|per[ \t]?cent\b|percent\b|[kMGT]Wh?\b|(?:thousand|million|billion|trillion|bn|mn)\b)"
    r"|(?<![\w.])[+\-−]?(?:(?:US|A|C|S)?[$€£¥]|RMB|USD|EUR)[ \t]?\d[\d,.]*")


def without_amounts(subject: str) -> str:
    """The subject without the amounts written in it (see `_AMOUNT_IN_SUBJECT`), except a threshold that says
    which part is measured ("smartphones priced above $250")."""
    if not _DIGIT.search(subject):  # no amount without a digit: the pattern, slow to fail, is not tried
        return " ".join(subject.split())

    def dropped(m: re.Match[str]) -> str:
        return m.group(0) if _THRESHOLD_BEFORE.search(subject, 0, m.start()) else " "
    return " ".join(_AMOUNT_IN_SUBJECT.sub(dropped, subject).split())


_DIGIT = re.compile(r"\d")
# A list item's mark before a subject ("- Europe held ...") and the stop after one ("share of shipments.").
_LIST_MARK = re.compile(rf"^{lexicon.LIST_MARK}\s+")


def without_marks(subject: str) -> str:
    """The subject without the list mark before it or the punctuation after it."""
    return _LIST_MARK.sub("", subject).rstrip(" .;:,")


_THRESHOLD_BEFORE = re.compile(r"\b(?:above|below|over|under|than|least|most|up[ \t]+to)[ \t]*$", re.IGNORECASE)
