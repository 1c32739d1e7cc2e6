"""The source of a report's figures: the firm a sentence cites, and the firm the whole document speaks for.

A firm is found by where it stands, never by its name: the proper-noun phrase in an attribution slot, i.e.
the object of "according to" / "per" / "data from", the subject of a reporting verb ("<Firm> said",
"<Firm> today announced", "<Firm> data show"), the owner of a report ("<Firm>'s ... report shows") or a
"Source:" line. The phrase is then trimmed to the firm: at a sentence end, a possessive, or the first word of
a report's title (a year, "Worldwide", "Tracker", "Survey"); a person ("Jane Doe, analyst at <Firm>") and a
common word in capitals ("IT market research firm ...") are no firm.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from extractors import lexicon


# A proper-noun phrase: capitalised words (digits and "&" inside), joined by "&", "of", "and", "for".
_WORD = r"[A-Z][\w&\-’'.]*"
_NAME = rf"(?P<firm>(?:the[ \t]+)?{_WORD}(?:[ \t]+(?:(?:&|of|and|for|de)[ \t]+)?{_WORD}){{0,6}})"
_ACRONYM = r"(?:[ \t]+\([A-Z][A-Za-z&]{1,8}\))?"  # "Semiconductor Industry Association (SIA)"

# Words after which the next proper phrase is the cited firm (lower case: they are found in the lowered text).
_BEFORE = (r"according[ \t]+to|per|says|said|(?:data|figures|numbers|estimates|research|analysis|forecasts?)"
           r"[ \t]+(?:by|from)|(?:report|survey|study)[ \t]+(?:by|from)|analysts?[ \t]+at|researchers[ \t]+at"
           r"|sources?[ \t]*:")
_BEFORE_WORDS = ("according", "per", "says", "said", "data", "figures", "numbers", "estimates", "research",
                 "analysis", "forecast", "report", "survey", "study", "analyst", "researchers", "source")
# Verbs of reporting whose subject is the firm; "data"/"analysts" may stand between ("<Firm> data show").
_REPORTING = (r"says|said|reports|reported|estimates|estimated|forecasts|projects|projected|predicts|predicted"
              r"|expects|found|finds|shows|showed|show|announced|announces|counted|recorded|calculates|calculated"
              r"|tracked|puts|noted|notes|revealed|reveals")
_SPEAKER = r"(?:[ \t]+(?:today|also|now|recently))?(?:[ \t]+(?:data|figures|analysts|researchers|research))?"
# What a firm owns that it publishes: "<Firm>'s Media Distributor Gauge report".
_PUBLICATION = (r"report|reports|data|survey|tracker|study|analysis|research|forecast|outlook|gauge|index|tool|"
                r"snapshot|figures|estimates|statistics|monitor|database|review|ranking|barometer|offering")

# The capitalised publication words that start a report's title ("IDC Worldwide ... Tracker"); "Research",
# "Data" and "Analysis" are left out: they end many firms' own names ("ABI Research").
_TITLE_WORDS = ("(?:Reports?|Survey|Tracker|Study|Forecast|Outlook|Gauge|Index|Tool|Snapshot|Figures|Estimates"
                "|Statistics|Monitor|Database|Review|Ranking|Barometer)")

_CITED_AFTER_CUE = re.compile(rf"(?i:{_BEFORE})[ \t]+{_NAME}")
_SOURCE_LINE = re.compile(rf"^[ \t]*(?i:sources?)[ \t]*:[ \t]*{_NAME}", re.MULTILINE)
# A wire dateline's dash: "LONDON, March 3, 2025 /Newswire/ -- <Firm> today announced ...".
_BYLINE = re.compile(rf"[/)][ \t]*(?:--|—|–)[ \t]*{_NAME}")
# "<lower-case descriptor> firm <Firm>": the descriptor's capitals ("IT market research firm") are no firm.
_DESCRIPTORS = ("firm", "company", "consultancy", "house", "provider", "group", "agency", "analyst")
_DESCRIBED = re.compile(rf"(?:{'|'.join(_DESCRIPTORS)})[ \t]+{_NAME}")
# Slots whose firm stands before the word that marks them are found from that word, then read backwards over
# a short window: scanning for a name at every capital letter of a report cost more than all else here.
_REPORTING_VERB = re.compile(rf"(?:{_REPORTING})\b")  # "<Firm> said", "<Firm> data show"
_REPORTING_STEMS = ("says", "said", "report", "estimate", "forecast", "project", "predict", "expect", "found",
                    "find", "show", "announce", "count", "record", "calculate", "track", "puts", "note", "reveal")
_PUBLISHED_BY_OWNER = re.compile(rf"['’]s?[ \t]+(?:[A-Z0-9][\w\-’'.]*[ \t]+){{0,6}}(?i:{_PUBLICATION})\b")
_SHORT_NAME = re.compile(r"[ \t]+\((?P<short>[A-Z][A-Za-z&]{1,8})\)")  # "... Association (SIA)"
_NAME_BEFORE_VERB = re.compile(rf"(?<![\w&\-’'.]){_NAME}{_ACRONYM}{_SPEAKER}\Z")
_NAME_BEFORE = re.compile(rf"(?<![\w&\-’'.]){_NAME}\Z")
_LOOK_BACK = 100

# A report's title starts at a year, a scope word or the publication word: "IDC Worldwide Quarterly ... Tracker".
_TITLE_START = re.compile(rf"^(?:(?:19|20)\d\d\w*|\d[\w\-]*[A-Za-z][\w\-]*|Worldwide|Global|Quarterly|Annual|Monthly"
                          rf"|Weekly|{_TITLE_WORDS})$")
# Words of a date or a period, never a firm: "Q4", "July", "FY2024".
_CALENDAR = re.compile(r"^(?:Q[1-4]|H[12]|FY\d*|" + "|".join(lexicon.MONTHS_CAPITALIZED)
                       + r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_SENTENCE_END = re.compile(r"[.!?][ \t]+(?=[A-Z])")
_POSSESSIVE = re.compile(r"['’]s?$")
# A person: two or three capitalised words followed by a comma and a lower-case title ("Jane Doe, analyst at").
# The capital first, then the look back for a word's start: the engine skips ahead to capitals (twice as fast).
_PERSON = re.compile(rf"(?P<person>[A-Z](?<!\w[A-Z])[a-z]+(?:[ \t]+[A-Z][a-z.]+){{1,2}}),"
                     rf"[ \t]+(?:[A-Za-z][\w\-]*[ \t]+){{0,5}}?(?:at|of|with|for)[ \t]+{_NAME}")
_PERSON_TITLES = ("analyst", "director", "ceo", "head", "president", "founder", "economist", "manager", "chief")
_TITLE_BEFORE_PERSON = re.compile(rf"(?i:{'|'.join(_PERSON_TITLES)})[ \t]+"
                                  rf"(?P<person>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){{1,2}})\b")


class _LowerCaseWords:
    """Whether a text writes a word in lower case in running text, looked up only for the few one-word names."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.known: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if word not in self.known:
            self.known[word] = self._written_in_running_text(word)
        return self.known[word]

    def _written_in_running_text(self, word: str) -> bool:
        """ " word" followed by a space or a punctuation mark: one pass over the text, not one per mark."""
        needle, text = " " + word, self.text
        at = text.find(needle)
        while at >= 0:
            after = at + len(needle)
            if after < len(text) and text[after] in _AFTER_RUNNING_WORD:
                return True
            at = text.find(needle, at + 1)
        return False


_AFTER_RUNNING_WORD = frozenset(" ,;:!?).\n")


def clean_firm(raw: str, common_words: Container[str] = frozenset()) -> str | None:
    """The firm's name at the head of an attribution phrase, or None if the phrase names no firm.

    `common_words` are the words the document writes in lower case: "New forecasts show" and "IT market research
    firm" start with a common word in capitals, while a firm's one-word name is never written in lower case."""
    text = _SENTENCE_END.split(raw.strip(), maxsplit=1)[0]
    words: list[str] = []
    split = text.split()
    for i, word in enumerate(split):
        if _TITLE_START.search(word) or _CALENDAR.search(word):
            break
        after = split[i + 1].lower() if i + 1 < len(split) else ""
        if _POSSESSIVE.search(word) and len(word) > 2 and after not in _ORGANISATION_WORDS:
            words.append(_POSSESSIVE.sub("", word))
            break
        words.append(word)
    while words and words[0].lower() == "the":
        words.pop(0)
    while words and words[-1].lower() in _JOINERS:
        words.pop()
    name = " ".join(words).strip(" .,;:’'")
    if not name or "-based" in name or _is_place(name):
        return None
    if len(words) == 1 and (name.lower() in STOP_WORDS or name.lower() in common_words):
        return None
    return name


# A word in lower case in running text (not inside an address such as "antenna.example").
_LOWER_WORD = re.compile(r"(?<=\s)[a-z]+(?=[\s,;:!?)]|\.(?:\s|$))")
# "European Automobile Manufacturers' Association": a plural's apostrophe inside the name of a body.
_ORGANISATION_WORDS = frozenset("association council institute agency federation alliance society forum union "
                                "group board foundation".split())
_JOINERS = frozenset({"&", "of", "and", "for", "de"})


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    return frozenset(str(row["pattern"]).lower() for row in lexicon.read_patterns("geography.jsonl"))


_PLACE_JOINER = re.compile(r"[ \t]+(?:and|&)[ \t]+|,[ \t]*")  # "Middle East and Africa", "Europe, Asia"


def _is_place(name: str) -> bool:
    """"Europe", "Middle East and Africa": places a sentence names, not firms it cites."""
    parts = _PLACE_JOINER.split(name.lower())
    return all(part in _places() for part in parts)


def people(text: str) -> set[str]:
    """Every name and surname of a person the text introduces ("Jane Doe, analyst at", "analyst Jane Doe")."""
    found: set[str] = set()
    for pattern in (_PERSON, _TITLE_BEFORE_PERSON):
        for m in pattern.finditer(text):
            name = m.group("person")
            found |= {name, name.split()[-1]}
    return found


def _starting(text: str, lower: str, words: tuple[str, ...], pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Matches of `pattern` where one of `words` starts a word: the words are found with str.find, which reads
    text far faster than a pattern tried at every position."""
    if len(lower) != len(text):  # lower() lengthened a rare letter: positions would not agree
        return list(pattern.finditer(text))
    found = []
    for word in words:
        at = lower.find(word)
        while at >= 0:
            if (at == 0 or not lower[at - 1].isalnum()) and (m := pattern.match(text, at)):
                found.append(m)
            at = lower.find(word, at + 1)
    return found


def _name_before(pattern: re.Pattern[str], text: str, end: int) -> re.Match[str] | None:
    return pattern.search(text, max(0, end - _LOOK_BACK), end)


def _slots(text: str, speaking: bool) -> list[tuple[int, str, bool, bool]]:
    """(position, raw phrase, whether read backwards, whether the slot cites) of every attribution slot;
    `speaking` adds the subjects of reporting verbs and described firms to the slots that cite."""
    lower = text.lower()
    found = [(m.start("firm"), m.group("firm"), False, True)
             for pattern in (_SOURCE_LINE, _BYLINE) for m in pattern.finditer(text)]
    found += [(m.start("firm"), m.group("firm"), False, True)
              for m in _starting(text, lower, _BEFORE_WORDS, _CITED_AFTER_CUE)]
    for m in _PUBLISHED_BY_OWNER.finditer(text):  # "<Firm>'s ... report"
        if owner := _name_before(_NAME_BEFORE, text, m.start()):
            found.append((owner.start("firm"), owner.group("firm"), True, True))
    if speaking:
        found += [(m.start("firm"), m.group("firm"), False, False)
                  for m in _starting(text, lower, _DESCRIPTORS, _DESCRIBED)]
        for m in _starting(text, lower, _REPORTING_STEMS, _REPORTING_VERB):
            if subject := _name_before(_NAME_BEFORE_VERB, text, m.start() - 1):
                found.append((subject.start("firm"), subject.group("firm"), True, False))
    for m in _starting(text, lower, _ESTIMATING_STEMS, _ESTIMATING):  # "<Firm> is more bullish: it forecasts"
        if opener := _named_by_pronoun(text, m.start()):
            found.append((opener.start("firm"), opener.group("firm"), False, True))
    return found


# A pronoun or "the firm" standing for the name that opens its sentence: "Orvane is more bullish: it forecasts".
_PRONOUN_BEFORE = re.compile(r"(?:^|[\s:;,])(?:it|the[ \t]+(?:firm|company|consultancy))[ \t]+"
                             r"(?:also[ \t]+|now[ \t]+)?\Z")
_OPENING_NAME = re.compile(rf"{_NAME}[ \t]+(?=[a-z])")
# Verbs of a firm's own estimate ("it forecasts", "the firm expects"); not "it shows", said of data too.
_ESTIMATING_STEMS = ("says", "said", "estimate", "forecast", "project", "predict", "expect", "puts")
_ESTIMATING = re.compile(r"(?:says|said|estimates|estimated|forecasts|projects|projected|predicts|predicted|expects"
                         r"|puts)\b")


def _named_by_pronoun(text: str, verb: int) -> re.Match[str] | None:
    """The name opening the sentence whose "it" or "the firm" is the subject of the reporting verb at `verb`."""
    if _PRONOUN_BEFORE.search(text, max(0, verb - 30), verb) is None:
        return None
    ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, verb - _LOOK_BACK), verb)]
    start = ends[-1] if ends else max(0, verb - _LOOK_BACK) if verb > _LOOK_BACK else 0
    if start == 0 and verb > _LOOK_BACK:
        return None
    name = _OPENING_NAME.match(text, start, verb)
    # a single capitalised word may be any sentence's first word ("Prices rose and it shows"); a name of two
    # words or an acronym is a name
    return name if name and (" " in name.group("firm").strip() or name.group("firm").isupper()) else None


def cited_firms(text: str, speaking: bool = True) -> list[tuple[int, str]]:
    """(position, firm) of every firm the text cites, in order of position; without `speaking`, only the slots
    that cite ("according to", "<Firm>'s report", "Source:"), not the subjects of reporting verbs."""
    return [(at, firm) for at, firm, cites in _cited(text, speaking) if speaking or cites]


def _cited(text: str, speaking: bool) -> list[tuple[int, str, bool]]:
    """(position, firm, whether the slot cites) of every attribution slot, in order of position."""
    persons: set[str] = set()
    common = _LowerCaseWords(text)
    found: list[tuple[int, str, bool]] = []
    for m in _PERSON.finditer(text):  # "according to Jane Doe, co-head of <Firm>": the firm is <Firm>
        persons |= {m.group("person"), m.group("person").split()[-1]}
        if firm := clean_firm(m.group("firm"), common):
            found.append((m.start("firm"), firm, True))
    slots = _slots(text, speaking)
    if slots:  # the persons a title introduces are looked for only where a slot may name one
        for m in _starting(text, text.lower(), _PERSON_TITLES, _TITLE_BEFORE_PERSON):
            persons |= {m.group("person"), m.group("person").split()[-1]}
    for at, raw, backwards, cites in slots:
        if backwards:  # a name read backwards starts after the last sentence end: "... in 2024. Canalys said"
            raw = _SENTENCE_END.split(raw)[-1]
        firm = clean_firm(raw, common)
        if firm and firm not in persons and not any(firm.startswith(p + " ") for p in persons):
            found.append((at, firm, cites))
    if not found:
        return []  # most sentences: their short names ("... Association (SIA)") are not looked for
    short = short_names(text)
    return sorted({(at, short.get(firm, firm), cites) for at, firm, cites in found})


def short_names(text: str) -> dict[str, str]:
    """The short names a text gives firms: "The Semiconductor Industry Association (SIA)" is "SIA" throughout,
    as the text itself goes on to call it; the acronym must start with the name's first letter."""
    names: dict[str, str] = {}
    for m in _SHORT_NAME.finditer(text):
        introduced = _name_before(_NAME_BEFORE, text, m.start())
        name = clean_firm(_SENTENCE_END.split(introduced.group("firm"))[-1]) if introduced else None
        short = m.group("short")
        if name and name[:1] == short[:1] and len(short) < len(name) and not _is_place(name):
            names[name] = short
    return names


# Any word a citing slot needs: a sentence without one cites no one and is not read further.
_MAY_CITE = re.compile(r"(?i:according|\b(?:per|by|from|at|it|firm|company|consultancy)\b|source)|['’]|--|—|–")


def _may_cite(sentence: str) -> bool:
    """`_MAY_CITE` matches, tested in ASCII text without the pattern (tried at every position, it costs twice
    as much): an apostrophe or "--", "according" or "source" anywhere, or one of its short words as a word."""
    if not sentence.isascii():
        return _MAY_CITE.search(sentence) is not None
    if "'" in sentence or "--" in sentence:
        return True
    lower = sentence.lower()
    return "according" in lower or "source" in lower or _CITING_WORD.search(lower) is not None


# as a whole word: faster than listing the words; "it" and "firm" for "<Firm> ...: it forecasts"
_CITING_WORD = re.compile(r"(?<!\w)(?:per|by|from|at|it|firm|company|consultancy)(?!\w)")


@lru_cache(maxsize=1024)  # asked again for the same sentence by each of its figures
def sentence_firm(sentence: str) -> str | None:
    """The firm one sentence cites: the first in an attribution slot."""
    if not _may_cite(sentence):
        return None
    firms = cited_firms(sentence, speaking=False)
    return firms[0][1] if firms else None


def side_by_side(sentence: str, figures: list[int]) -> tuple[tuple[int, str], ...]:
    """(offset, firm) of the firms one sentence quotes side by side, each before a figure of its own
    ("According to A, the market was $4.2 billion, while B puts it at $4.9 billion"; `figures`: where the
    sentence's figures start); empty unless two or more different firms do (not "A's figures fell short of
    the 500 units analysts expected, according to B": B names no figure after it)."""
    if len(figures) < 2 or not _may_cite(sentence) and _REPORTING_VERB.search(sentence) is None:
        return ()
    firms = cited_firms(sentence)
    if len({firm for _, firm in firms}) < 2:
        return ()
    ends = [at for at, _ in firms[1:]] + [len(sentence)]
    each_own = all(any(at < f < end for f in figures) for (at, _), end in zip(firms, ends))
    return tuple(firms) if each_own else ()


def firm_beside(firms: tuple[tuple[int, str], ...], offset: int) -> str | None:
    """Of firms quoted side by side, the one a figure at `offset` is given by: the last named before it, else
    the first after it ("$4.2 billion, according to A")."""
    before = [firm for at, firm in firms if at < offset]
    return before[-1] if before else firms[0][1] if firms else None


# A document names whom it speaks for in its opening (byline, dateline, first paragraphs); past it, only its
# "Source:" lines are read, which keeps a long report's cost bounded.
_OPENING = 6000


def document_publisher(text: str) -> str | None:
    """The firm a document speaks for: the one it cites most often ("according to", "per", "<Firm>'s report",
    "Source:"), then the one most often the subject of a reporting verb ("<Firm> said"), then the first named.
    A company telling its own news ("Tesla said") thus yields to the firm the document cites, and a company
    whose own figures the document reports ("Tesla's 495,570", "Tesla's deliveries rose") speaks for none."""
    cited = _cited(text[:_OPENING], speaking=True)
    common = _LowerCaseWords(text)
    if lexicon.may_contain(text[_OPENING:], ("source",)):  # most reports have no "Source:" line past the opening
        cited += [(m.start("firm"), firm, True) for m in _SOURCE_LINE.finditer(text, _OPENING)
                  if (firm := clean_firm(m.group("firm"), common))]
    if not cited:
        return None
    measured = {firm for _, firm, _ in cited if _owns_figures(firm, text)}
    cited = [c for c in cited if c[1] not in measured]
    if not cited:
        return None
    citing = Counter(firm for _, firm, cites in cited if cites)
    speaking = Counter(firm for _, firm, _ in cited)
    first: dict[str, int] = {}
    for i, (_, firm, _) in enumerate(cited):
        first.setdefault(firm, i)
    return max(first, key=lambda firm: (citing[firm], speaking[firm], -first[firm]))


# What a company's own figures look like after its possessive: a number (not a year, nor "5G"), or a noun or
# two and a verb of change ("Tesla's deliveries rose"); a research firm owns reports and data, not numbers.
_OWNED_FIGURE = (rf"['’]s[ \t]+(?:(?!{lexicon.YEAR_DIGITS}\b)\d[\d,.]*(?![\w.,]*[A-Za-z])"
                 rf"|(?:[a-z][\w\-]*[ \t]+){{1,2}}(?:{lexicon.CHANGE_VERB})\b)")


def _owns_figures(firm: str, text: str) -> bool:
    """Whether the text writes a figure as the firm's own: it is then what the document reports on."""
    return re.search(re.escape(firm) + _OWNED_FIGURE, text) is not None


def one_name_per_firm(firms: list[str | None]) -> dict[str, str]:
    """Each firm's name as the document most often gives it, for every name of that firm the document writes:
    a shortened name ("Synergy" for "Synergy Research Group") and an abbreviation ("BNEF" for "BloombergNEF",
    "IEA PVPS" for a programme of the "International Energy Agency") are one source, not two."""
    uses = Counter(firm for firm in firms if firm)
    by_use = sorted(uses, key=lambda firm: (-uses[firm], -len(firm), firm))
    names: dict[str, str] = {}
    for firm in by_use:
        names[firm] = next((names[other] for other in by_use if other in names and other != firm
                            and (_shortens(firm, other) or _shortens(other, firm))), firm)
    return names


def _shortens(short: str, name: str) -> bool:
    """Whether `short` is `name` cut after its first words, or starts with `name`'s initials: the capitals of
    "BloombergNEF" (BNEF) or the first letters of "International Energy Agency" (IEA)."""
    short_words, words = short.split(), name.split()
    if len(short_words) < len(words) and words[:len(short_words)] == short_words:
        return True
    head = short_words[0]
    if len(head) < 2 or not head.isupper() or head == words[0]:
        return False
    capitals = "".join(c for c in name if c.isupper())
    initials = "".join(w[0] for w in words if w.lower() not in _JOINERS).upper()
    return head in (capitals, initials)
