"""The source of a report's figures: the firm a sentence cites, and the firm the whole document speaks for.

A firm is found by where it stands, never by its name: the proper-noun phrase in an attribution slot, i.e.
the object of "according to" / "per" / "data from", the subject of a reporting verb ("<Firm> said",
"<Firm> today announced", "<Firm> data show"), the owner of a report ("<Firm>'s ... report shows") or a
"Source:" line. The phrase is then trimmed to the firm: at a sentence end, a possessive, or the first word of
a report's title (a year, "Worldwide", "Tracker", "Survey"); a person ("Jane Doe, analyst at <Firm>") and a
common word in capitals ("IT market research firm ...") are no firm.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

PATTERNS = Path(__file__).resolve().parent / "patterns"

# A proper-noun phrase: capitalised words (digits and "&" inside), joined by "&", "of", "and", "for".
_WORD = r"[A-Z][\w&\-’'.]*"
_NAME = rf"(?P<firm>(?:the[ \t]+)?{_WORD}(?:[ \t]+(?:(?:&|of|and|for|de)[ \t]+)?{_WORD}){{0,6}})"
_ACRONYM = r"(?:[ \t]+\([A-Z][A-Za-z&]{1,8}\))?"  # "Semiconductor Industry Association (SIA)"

# Words after which the next proper phrase is the cited firm.
_BEFORE = (r"according[ \t]+to|per|says|said"
           r"|(?:data|figures|numbers|estimates|research|analysis|forecasts?)[ \t]+(?:by|from)"
           r"|(?:a|the)[ \t]+(?:new[ \t]+)?(?:report|survey|study)[ \t]+(?:by|from)|analysts?[ \t]+at"
           r"|researchers[ \t]+at|sources?[ \t]*:")
# Verbs of reporting whose subject is the firm; "data"/"analysts" may stand between ("<Firm> data show").
_REPORTING = (r"says|said|reports|reported|estimates|estimated|forecasts|projects|projected|predicts|predicted"
              r"|expects|found|finds|shows|showed|show|announced|announces|counted|recorded|calculates|calculated"
              r"|tracked|puts|noted|notes|revealed|reveals")
_SPEAKER = r"(?:[ \t]+(?:today|also|now|recently))?(?:[ \t]+(?:data|figures|analysts|researchers|research))?"
# What a firm owns that it publishes: "<Firm>'s Media Distributor Gauge report".
_PUBLICATION = (r"report|reports|data|survey|tracker|study|analysis|research|forecast|outlook|gauge|index|tool|"
                r"snapshot|figures|estimates|statistics|monitor|database|review|ranking|barometer")

# The capitalised publication words that start a report's title ("IDC Worldwide ... Tracker"); "Research",
# "Data" and "Analysis" are left out: they end many firms' own names ("ABI Research").
_TITLE_WORDS = ("(?:Reports?|Survey|Tracker|Study|Forecast|Outlook|Gauge|Index|Tool|Snapshot|Figures|Estimates"
                "|Statistics|Monitor|Database|Review|Ranking|Barometer)")

_CITED_AFTER_CUE = re.compile(rf"\b(?i:{_BEFORE})[ \t]+{_NAME}")
_SUBJECT_OF_VERB = re.compile(rf"{_NAME}{_ACRONYM}{_SPEAKER}[ \t]+(?:{_REPORTING})\b")
_OWNER = re.compile(rf"{_NAME}(?:['’]s|['’])[ \t]+(?:[A-Z0-9][\w\-’'.]*[ \t]+){{0,6}}(?i:{_PUBLICATION})\b")
_SOURCE_LINE = re.compile(rf"^[ \t]*(?i:sources?)[ \t]*:[ \t]*{_NAME}", re.MULTILINE)
# "<lower-case descriptor> firm <Firm>": the descriptor's capitals ("IT market research firm") are no firm.
_DESCRIBED = re.compile(rf"\b(?:firm|company|consultancy|house|provider|group|agency|analyst)[ \t]+{_NAME}")

# A report's title starts at a year, a scope word or the publication word: "IDC Worldwide Quarterly ... Tracker".
_TITLE_START = re.compile(rf"^(?:(?:19|20)\d\d\w*|\d[\w\-]*[A-Za-z][\w\-]*|Worldwide|Global|Quarterly|Annual|Monthly"
                          rf"|Weekly|{_TITLE_WORDS})$")
# Words of a date or a period, never a firm: "Q4", "July", "FY2024".
_CALENDAR = re.compile(r"^(?:Q[1-4]|H[12]|FY\d*|January|February|March|April|May|June|July|August|September|October"
                       r"|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_SENTENCE_END = re.compile(r"[.!?][ \t]+(?=[A-Z])")
_POSSESSIVE = re.compile(r"['’]s?$")
# A person: two or three capitalised words followed by a comma and a lower-case title ("Jane Doe, analyst at").
_PERSON = re.compile(rf"\b(?P<person>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z.]+){{1,2}}),[ \t]+(?:[A-Za-z][\w\-]*[ \t]+){{0,5}}?"
                     rf"(?:at|of|with|for)[ \t]+{_NAME}")
_TITLE_BEFORE_PERSON = re.compile(r"\b(?:analyst|director|CEO|head|president|founder|economist|manager|chief)"
                                  r"[ \t]+(?P<person>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){1,2})\b")


def clean_firm(raw: str, common_words: frozenset[str] = frozenset()) -> str | None:
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
    rows = (PATTERNS / "geography.jsonl").read_text(encoding="utf-8").splitlines()
    return frozenset(str(json.loads(row)["pattern"]).lower() for row in rows if row.strip())


def _is_place(name: str) -> bool:
    """"Europe", "Middle East and Africa": places a sentence names, not firms it cites."""
    parts = re.split(r"[ \t]+(?:and|&)[ \t]+|,[ \t]*", name.lower())
    return all(part in _places() for part in parts)


def people(text: str) -> set[str]:
    """Every name and surname of a person the text introduces ("Jane Doe, analyst at", "analyst Jane Doe")."""
    found: set[str] = set()
    for pattern in (_PERSON, _TITLE_BEFORE_PERSON):
        for m in pattern.finditer(text):
            name = m.group("person")
            found |= {name, name.split()[-1]}
    return found


def cited_firms(text: str, slots: tuple[re.Pattern[str], ...] | None = None) -> list[tuple[int, str]]:
    """(position, firm) of every firm the text cites, in order of position; `slots` narrows where to look."""
    persons = people(text)
    common = frozenset(_LOWER_WORD.findall(text))
    found: list[tuple[int, str]] = []
    for m in _PERSON.finditer(text):  # "according to Jane Doe, co-head of <Firm>": the firm is <Firm>
        if firm := clean_firm(m.group("firm"), common):
            found.append((m.start("firm"), firm))
    for pattern in slots or _SLOTS:
        for m in pattern.finditer(text):
            firm = clean_firm(m.group("firm"), common)
            if firm and firm not in persons and not any(firm.startswith(p + " ") for p in persons):
                found.append((m.start("firm"), firm))
    short = short_names(text)
    return sorted({(at, short.get(firm, firm)) for at, firm in found})


_INTRODUCED = re.compile(rf"{_NAME}[ \t]+\((?P<short>[A-Z][A-Za-z&]{{1,8}})\)")


def short_names(text: str) -> dict[str, str]:
    """The short names a text gives firms: "The Semiconductor Industry Association (SIA)" is "SIA" throughout,
    as the text itself goes on to call it; the acronym must start with the name's first letter."""
    names: dict[str, str] = {}
    for m in _INTRODUCED.finditer(text):
        name = clean_firm(m.group("firm"))
        short = m.group("short")
        if name and name[:1] == short[:1] and len(short) < len(name) and not _is_place(name):
            names[name] = short
    return names


_SLOTS = (_CITED_AFTER_CUE, _SUBJECT_OF_VERB, _OWNER, _SOURCE_LINE, _DESCRIBED)
# In one sentence only the slots that cite: "Apple said" or "Oppo recorded" is a company telling its own news,
# which the document's publisher (or the firm it cites) still reports.
_CITING_SLOTS = (_CITED_AFTER_CUE, _OWNER, _SOURCE_LINE)


def sentence_firm(sentence: str) -> str | None:
    """The firm one sentence cites: the first in an attribution slot."""
    firms = cited_firms(sentence, _CITING_SLOTS)
    return firms[0][1] if firms else None


def document_publisher(text: str) -> str | None:
    """The firm a document speaks for: the one it cites most often ("according to", "per", "<Firm>'s report",
    "Source:"), then the one most often the subject of a reporting verb ("<Firm> said"), then the first named.
    A company telling its own news ("Tesla said") thus yields to the firm the document cites."""
    citing = Counter(firm for _, firm in cited_firms(text, _CITING_SLOTS))
    speaking = Counter(firm for _, firm in cited_firms(text, (_SUBJECT_OF_VERB, _DESCRIBED)))
    firms = [firm for _, firm in cited_firms(text)]
    if not firms:
        return None
    first = {firm: i for i, firm in reversed(list(enumerate(firms)))}
    return max(first, key=lambda firm: (citing[firm], speaking[firm], -first[firm]))
