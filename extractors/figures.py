"""Figures: every number in a report's prose, with what it measures.

Entry point: `extract_figures(doc, skip)`; `skip` holds, per page, the spans of tables, whose numbers are
table cells and not figures. The work is in three steps:

1. `extractors.amounts.find_amounts` finds money, percentages, multipliers and bare numbers in a page;
2. `_drafts` turns them into figure drafts: a bare number becomes a count when a counted noun follows it
   ("175 billion parameters"), or inherits the unit of the count it is compared with ("2,048 tokens ...
   increased to 4,096"); years, versions ("GPT-4", "Claude 3.7"), ranks, list marks and time horizons
   ("within five years") are dropped;
3. the sentence, its paragraph and the document give each draft its metric, qualifier, year or period,
   forecast flag, subject, segment, geography and publisher (`extractors.context`).

Every figure names the rule that found it (`Figure.rule`), e.g. `money`, `percent.cagr`, `count.noun`.
"""

from __future__ import annotations

import re
from collections import Counter
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from decimal import Decimal

from extractors import context, dating, deadline, metrics, nlp, subjects
from extractors.amounts import Amount, find_amounts
from extractors.context import Sentence
from extractors.model import Document, Figure, Page

_WORD = r"[A-Za-z][\w\-’'&./]*"
# After a number: "or more", then a hyphenated noun ("2,048-token") or up to three words ("clinical notes").
# A word is lower case ("units", "iPhones"), or a capitalized modifier of a lower-case plural ("Galaxy smartphones").
COUNT_TAIL = re.compile(r"(?P<bound>[ \t]+or[ \t]+(?:more|fewer|less|longer|so))?"
                        r"(?:-(?P<hyph>[a-z]+)\b"
                        r"|(?P<words>(?:[ \t]+(?:[a-z][A-Za-z\-]*|[A-Z][a-z]+(?=[ \t]+[a-z][a-z\-]*s\b))"
                        r"\b){1,3}))")
# "8 H100 GPUs", "16 A100 TPUs": a product code and a plural acronym.
MODEL_PLURAL = re.compile(r"[ \t]+(?:[A-Z][A-Za-z]*\d[\w\-]*[ \t]+)?(?P<noun>[A-Z]{2,}s)\b")
_COUNT_ADJECTIVES = frozenset({"new", "additional", "other", "more", "extra"})
PER = re.compile(r"[ \t]*(?:per|/)[ \t]*(?P<per>(?:[\d,.]+[ \t]+|one[ \t]+)?(?:(?:thousand|million|billion|trillion)"
                 r"[ \t]+)?[A-Za-z][\w\-]*)(?:[ \t]+(?P<unit>[a-z]+)\b)?")
MULTIPLIER_PER = re.compile(
    r"(?:[ \t]+[a-z]+){0,2}?[ \t]+(?:(?:per|every|each|a)[ \t]+(?P<per>(?:[\w\-]+[ \t]+)?(?:years?|months?|weeks?"
    r"|days?|hours?|quarters?|generations?|decades?|releases?))\b|in[ \t]+(?P<within>[\d\-–]+[ \t]+(?:years|months"
    r"|weeks|days))\b|(?P<annual>annual(?:ly)?|yearly))"
)
YEAR_AFTER = re.compile(
    r"(?:[ \t]+(?:per|or)[ \t]+[\w,.]+(?:[ \t]+[a-z]+)?)?(?:[ \t]+[a-z][\w\-]*){0,2}?,?"
    r"[ \t]+(?:in|by|for|during|as[ \t]+of"
    r"|through|until|at|of)[ \t]+(?:the[ \t]+)?(?:(?:end|start|beginning|middle|close|first[ \t]+half|second[ \t]+half"
    r"|(?:first|second|third|fourth|final)[ \t]+quarter)[ \t]+of[ \t]+)?"
    r"(?:(?:late|early|mid|end|fiscal|FY|Q[1-4]|H[12])"
    r"[ \t-]?)?(?P<y>(?:19|20)\d\d)\b(?![-–]\d)"
    r"|[ \t]*\((?P<py>(?:19|20)\d\d)E?\)"
)
# A year that heads the figure's own noun phrase: "the 2023 total of $526.8 billion", "2024's $3.6 trillion".
YEAR_OWNING = re.compile(r"\bthe[ \t]+(?P<y>(?:19|20)\d\d)(?:[’']s)?[ \t]+[a-z][\w\-]*(?:[ \t]+[a-z][\w\-]*)?[ \t]+"
                         r"(?:of|at|was|were|is|came[ \t]+to)[ \t]+(?:about[ \t]+|nearly[ \t]+|around[ \t]+)?$"
                         r"|\b(?P<y2>(?:19|20)\d\d)[’']s[ \t]+$")
OVER_YEARS = re.compile(r"[^.;]{0,30}?\b(?:over|in|across)[ \t]+(?:the[ \t]+)?(?:next[ \t]+|past[ \t]+)?"
                        r"(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten)[ \t]+years\b")
THAN_YEAR = re.compile(r"[^.;]{0,40}?\bthan[ \t]+(?:the[ \t]+|in[ \t]+)?(?P<y>(?:19|20)\d\d)\b")
CAGR = re.compile(r"\b(?:CAGR|C\.A\.G\.R|(?i:compound[ \t]+annual[ \t]+growth(?:[ \t]+rate)?))\b")
LIST_LABEL = re.compile(r"^[ \t]*(?:[-•*–][ \t]+)(?P<label>[A-Z][^():\n]{1,60}?)[ \t]*(?:\(|:)", re.MULTILINE)
_LEFT_QUALIFIERS = [
    ("upper_bound", r"no more than|not more than|less than|fewer than|up to|at most|below|under|lower than"
                    r"|maximum of|as much as|as high as|capped at|within"),
    ("lower_bound", r"more than|over|at least|above|exceeding|exceeds?|exceeded|in excess of|upwards of"
                    r"|greater than|higher than|surpass(?:es|ed|ing)?|beyond|north of|minimum of|>"),
    ("approx", r"approximately|approx\.?|about|around|roughly|nearly|almost|close to|circa|some|estimated"
               r"|approximate|an estimated|c\.|ca\.|~|est\."),
]
LEFT_QUALIFIER = re.compile(
    r"\b(?:" + "|".join(f"(?P<{name}>{alts})" for name, alts in _LEFT_QUALIFIERS) + r")\b[ \t]*(?:\S+[ \t]+){0,3}?$",
    re.IGNORECASE,
)
FINE_REACH = re.compile(r"\b(?:fines?|penalt(?:y|ies)|sanctions?)[ \t]+(?:can[ \t]+|could[ \t]+|may[ \t]+|will[ \t]+)?"
                        r"(?:reach|amount[ \t]+to|of[ \t]+up[ \t]+to)[ \t]+$", re.IGNORECASE)
RIGHT_BOUND = re.compile(r"[ \t]+(?:or|and)[ \t]+(?P<b>more|longer|higher|above|greater|up|less|fewer|lower|below"
                         r"|shorter)\b")
_GROWTH_AFTER = re.compile(r"[ \t]+(?:less|more|faster|slower|cheaper|lower|higher|reduction|increase|decrease|decline"
                           r"|drop|growth|improvement|rise|fall|savings?|gain|jump|year-on-year|yoy|y/y|annually"
                           r"|incremental|expansion|year[ \t-]over[ \t-]year"
                           r"|(?!of\b|the\b|in\b)[a-z\-]+[ \t]+(?:growth|increase|decline|decrease|reduction|drop))\b",
                           re.IGNORECASE)
# "up 14%", "down 3%": a change stated with a direction word.
_DIRECTION_BEFORE = re.compile(r"(?<!made )(?<!make )(?<!makes )\b(?:up|down)[ \t]+(?:by[ \t]+)?"
                               r"(?:about[ \t]+|nearly[ \t]+|roughly[ \t]+|some[ \t]+)?$",
                               re.IGNORECASE)
# "would reduce our EPS estimate by about $0.22": money that is a change, not a level.
_MONEY_CHANGE_BEFORE = re.compile(r"\b(?:reduc\w*|cut\w*|rais\w*|increas\w*|decreas\w*|lower\w*|boost\w*|grew|grow\w*"
                                  r"|rose|fell|declin\w*)[ \t]+(?:[\w\-]+[ \t]+){0,5}?by[ \t]+"
                                  r"(?:about[ \t]+|nearly[ \t]+"
                                  r"|roughly[ \t]+|approximately[ \t]+|some[ \t]+)?$", re.IGNORECASE)
REVISION = re.compile(r"[ \t]*\((?:from|vs\.?|up[ \t]+from|down[ \t]+from|previously)[ \t]+")
_PRICE_WORDS = re.compile(r"\bpric(?:e|es|ed|ing)\b", re.IGNORECASE)
# "average hourly labor cost", "monthly subscription fee": the frequency is the price's denominator.
_FREQUENCY_BEFORE = re.compile(r"\b(?P<f>hourly|daily|weekly|monthly|annual|yearly)[ \t]+(?:[\w\-]+[ \t]+){0,2}?"
                               r"(?:costs?|prices?|fees?|wages?|rents?|salar(?:y|ies)|subscriptions?|rates?)\b",
                               re.IGNORECASE)
_GROWTH_BEFORE = re.compile(r"\b(?:reduc\w*|drop\w*|declin\w*|increas\w*|grew|grow\w*|rose|rise[sn]?|fell|fall\w*"
                            r"|cut\w*|lower\w*|boost\w*|improv\w*|decreas\w*|plummet\w*|surg\w*|jump\w*|shr[iu]nk\w*"
                            r"|expan\w*|climb\w*)[ \t]+(?:[\w\-]+[ \t]+){0,3}?(?:by[ \t]+)?"
                            r"(?:over[ \t]+|nearly[ \t]+|about[ \t]+)?$",
                            re.IGNORECASE)
_SHARE_BEFORE = re.compile(r"\bshare[ \t]+of[ \t]+(?:\w+[ \t]+){0,2}$|\bshare[ \t]*[:(][ \t]*$|\baccount\w*[ \t]+for"
                           r"[ \t]+(?:\w+[ \t]+){0,2}$", re.IGNORECASE)
_SHARE_AFTER = re.compile(r"[ \t]+(?:market[ \t]+share|share\b"
                          r"|of[ \t]+(?:the[ \t]+)?(?:total[ \t]+|global[ \t]+|overall"
                          r"[ \t]+)?(?:market|demand|sales|spending|shipments)\b)", re.IGNORECASE)
_COST_WORDS = re.compile(r"\b(?:costs?|fees?|fines?|penalt\w+|capital|spend\w*|budgets?|invest\w*|capex|expens\w+"
                         r"|funding|raised|training|train|compute|data[ \t]+centers?|undertaking|paid|pay|paying)\b",
                         re.IGNORECASE)
_REVENUE_WORDS = re.compile(r"\b(?:revenues?|sales|turnover|income|earnings|bookings)\b", re.IGNORECASE)
_PRICE_UNITS = {"kg", "tonne", "ton", "lb", "mwh", "wh", "barrel", "gallon", "litre", "liter", "token", "tokens",
                "call", "calls", "query", "queries", "request", "requests", "note", "notes",
                "image", "images", "minute", "hour", "month", "user", "seat", "unit", "page", "word", "character",
                "second", "license", "download", "api", "kwh", "gb", "ticket", "user/month", "session", "message"}
_PER_NOUNS = _PRICE_UNITS | {"share", "employee", "worker", "customer", "person", "capita", "vehicle", "household"}
_TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "millisecond"}
_COUNTABLE = {"model", "user", "customer", "company", "companies", "employee", "people", "person", "country",
              "language", "parameter", "token", "player", "organization", "enterprise", "developer", "partner",
              "product", "client", "member", "patent", "vendor", "startup", "lab", "city", "market", "region"}
_STOP = frozenset(
    "of to in and or the a an with by for per than from on at is are was were be been has have had that which who as "
    "into over under more less percent times between across while when where it its their our we they this these those "
    "will would can could may might should also only just each every about up down out not no so such both all new "
    "later earlier ago old before after since during via vs versus including include includes like year-over-year "
    "higher lower faster slower larger smaller bigger greater top".split())
_NOT_NOUNS = frozenset("fold times percent year-old based like level digit".split())
_FREQUENCIES = {"daily": "day", "monthly": "month", "weekly": "week", "annual": "year", "yearly": "year",
                "hourly": "hour"}
_VERSION_WORDS = frozenset("no no. level phase tier step section chapter figure table rank ranked top number # gen "
                           "version v series stage round grade class type item part page vol issue".split())
_CAPITAL_FUNCTION_WORDS = frozenset("In By About Over The With Nearly Approximately Around More Less Up Only Some "
                                    "All Each Every And For To From Of At On Since Between Roughly Almost Just Than "
                                    "Under Below Above Until Within Across After Before Today Currently Total "
                                    "Results Approx Estimated Reaching Reached".split())
_NAME_VERSION_BEFORE = re.compile(r"\b(?!(?:In|By|About|Over|The|From|To|And|Of|At|On|For|Between)\b)[A-Z][\w\-]*[ \t]+"
                                  r"v?\d+(?:\.\d+)+[ \t]+$")
# A year that dates an event, not the figures after it: "since 2019", "founded in 2009".
_SINCE_BEFORE = re.compile(r"\b(?:since|founded|established|incorporated)[ \t]+(?:\w+[ \t]+){0,4}$", re.IGNORECASE)
_YEAR_PREPOSITION = re.compile(r"\b(?:in|by|for|during|as[ \t]+of|through|until)[ \t]+"
                               r"(?:the[ \t]+(?:end|start|beginning"
                               r"|middle)[ \t]+of[ \t]+)?(?:FY[ \t]?)?$", re.IGNORECASE)
_HORIZON_BEFORE = re.compile(r"\b(?:over|within|past|next|last|previous|coming|recent|for|first|following)"
                             r"(?:[ \t]+the)?[ \t]+$", re.IGNORECASE)
_BARE_LINK = re.compile(r"(?:\bto|\bvs\.?|\bversus|\bthan|\bestimated|\bcompared[ \t]+(?:to|with))[ \t]+$",
                        re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom[ \t]+(?:[\w\-]+[ \t]+){0,2}$", re.IGNORECASE)
_PRICE_LINK = re.compile(r"(?:\bto|\bvs\.?|\bversus|\bthan)(?:[ \t]+[a-z]+)?[ \t]+$", re.IGNORECASE)
_NAME = re.compile(r"(?<![\w\-])(?:[A-Z][\w]*(?:[\-.][\w]+)*|[a-z]+[A-Z][\w\-]*)(?:[’']s)?(?![\w\-])")
_FIRM_NAMES_RE = re.compile(r"\b(?:according to|source:?)[ \t]+\S+", re.IGNORECASE)
_DEMONSTRATIVE = frozenset({"this", "the", "that", "its", "their", "our", "a", "an", "overall", "total", "whole",
                            "entire", "same"})


@dataclass
class _Draft:
    amount: Amount
    start: int
    end: int
    kind: str  # money, percent, multiplier, count
    unit: str
    rule: str
    per: str | None = None
    qualifier: str = "exact"
    metric: str = "other"
    year: int | None = None
    period: tuple[int, int] | None = None
    subject: str | None = None
    segment: str | None = None
    entity: str | None = None
    direction: str | None = None


@dataclass
class _State:
    """What the document has said so far, for references back: "this market", "the 13.2% CAGR"."""

    doc_year: int | None
    publisher: str | None
    last_market: str | None = None
    topic: str | None = None  # the market the document's opening names
    text: str = ""  # the whole document's text
    _proper_words: frozenset[str] | None = None
    _abbreviations: dict[str, str] | None = None
    cagrs: dict[Decimal, tuple[tuple[int, int] | None, str | None]] = field(default_factory=dict)
    paragraph: int = -1
    # The paragraph's earlier sentences that write a year, read for the paragraph's year only when a figure
    # needs it (most never do), and what each gave.
    paragraph_dated: list[tuple[int, int]] = field(default_factory=list)
    dated_years: dict[tuple[int, int], int | None] = field(default_factory=dict)
    paragraph_firm: str | None = None
    previous_years: list[int] = field(default_factory=list)
    listed_metric: str | None = None  # the measure of the paragraph's last percentage, for lists that go on
    page: context.PageIndex | None = None  # the page being read

    def proper_words(self) -> frozenset[str]:
        """The words the document capitalises inside sentences (names), found when first asked for."""
        if self._proper_words is None:
            self._proper_words = subjects.inner_capitals(self.text)
        return self._proper_words

    def page_index(self) -> context.PageIndex:
        """The page being read; `extract_figures` sets it before the page's first sentence is read."""
        assert self.page is not None, "no page is being read"
        return self.page

    def year_scope(self) -> dating.YearScope:
        """The years of the page being read; set with `page`."""
        assert self.scope is not None, "no page is being read"
        return self.scope

    def abbreviations(self) -> dict[str, str]:
        """The abbreviations the document defines ("Middle East and Africa (MEA)"), found when first asked for."""
        if self._abbreviations is None:
            self._abbreviations = subjects.abbreviations(self.text)
        return self._abbreviations
    scope: dating.YearScope | None = None  # the page's headings' years and the document's
    published: str | None = None  # the document's printed date (ISO)
    about_a_market: bool = False  # the document's opening names a market or industry as its topic


def extract_figures(doc: Document, skip: dict[int | None, list[tuple[int, int]]] | None = None) -> list[Figure]:
    indexes = [context.PageIndex(page.text) for page in doc.pages]
    dates = [year for index in indexes for _, year, _ in index.dates]  # the document's own date: its latest
    text = doc.text
    published = dating.published_date(text)
    opening = dating.opening_year(text)
    # The year the document was written, against which later years are forecasts: the printed date, else the
    # latest year it writes as a date or opens with.
    written = dating.published_year(published) or max([*dates, *([opening] if opening else [])], default=None)
    state = _State(written, _document_publisher(text), published=published,
                   about_a_market=metrics.about_a_market(text[:300]))
    state.topic = subjects.topic(text[:600])
    state.text = text
    figures: list[Figure] = []
    for number, (page, index) in enumerate(zip(doc.pages, indexes)):
        deadline.check()
        state.page = index
        state.scope = dating.YearScope(page.text, opening, first_page=number == 0)
        state.paragraph = -1  # a page's paragraphs are numbered from 0 again
        figures.extend(_page_figures(page, (skip or {}).get(page.number, []), state))
    return figures


def _document_publisher(text: str) -> str | None:
    firms = [f for _, f in context.source_firms(text)]
    lower = text.lower()
    at = lower.find("according") if len(lower) == len(text) else -1
    while at >= 0:  # "According to FIRM": matched where the word is, not scanned for everywhere
        m = context.ACCORDING_TO.match(text, at)
        if m and (firm := context.firm_name(m.group("firm"))):
            firms.append(firm)
        at = lower.find("according", at + 1)
    if len(lower) != len(text):
        firms += [f for m in context.ACCORDING_TO.finditer(text) if m.group(0).lower().startswith("according")
                  and (f := context.firm_name(m.group("firm")))]
    return Counter(firms).most_common(1)[0][0] if firms else None


def _page_figures(page: Page, skip: list[tuple[int, int]], state: _State) -> list[Figure]:
    text = page.text
    sentences = context.sentences(text)
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list[Amount]] = {}
    in_table = _SpanSet(skip)
    for amount in find_amounts(text):
        if not in_table.holds(amount.start):
            by_sentence.setdefault(context.sentence_index(starts, amount.start), []).append(amount)
    out: list[Figure] = []
    for index, sentence in enumerate(sentences):
        deadline.check()
        _enter_sentence(text, sentence, state)
        amounts = [a for a in by_sentence.get(index, []) if a.start >= sentence.start]
        drafts = _attribute(text, sentence, _drafts(text, sentence, amounts), state) if amounts else []
        if drafts:
            facts = _SentenceFacts.of(text[sentence.start:sentence.end])
            out.extend(_figure(text, sentence, d, page.number, state, facts) for d in drafts)
        _remember_dates(sentence, state)
        state.previous_years = [y for _, _, y in state.page_index().years_between(sentence.start, sentence.end)]
        if state.page_index().mentions("market", sentence.start, sentence.end):
            _remember_market(text[sentence.start:sentence.end], state)
    return out


class _SpanSet:
    """Spans (tables) merged and sorted once, so that each position is looked up by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def holds(self, position: int) -> bool:
        i = bisect_right(self._starts, position) - 1
        return i >= 0 and position < self._ends[i]


def _enter_sentence(text: str, sentence: Sentence, state: _State) -> None:
    if sentence.paragraph != state.paragraph:
        state.paragraph, state.paragraph_dated, state.paragraph_firm = sentence.paragraph, [], None
        state.dated_years = {}
        state.listed_metric = None
    body = text[sentence.start:sentence.end]
    if body.startswith("For ") and "," in body[:60]:
        state.paragraph_dated = []  # "For investors, ...": a general statement, not the dated case before it
    firm = nlp.sentence_context(body)[1] if state.page_index().cites(sentence.start, sentence.end) else None
    if firm:
        state.paragraph_firm = firm


# --- drafts: amounts that are figures ---------------------------------------------------------------------

def _drafts(text: str, sentence: Sentence, amounts: list[Amount]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for amount in amounts:
        if drafts and amount.start < drafts[-1].end + _per_length(text, drafts[-1]):
            continue  # "per 1,000 tokens" is the denominator of the amount before it
        draft = _draft(text, sentence, amount, drafts)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _per_length(text: str, draft: _Draft) -> int:
    if not draft.per or draft.kind not in ("money", "count"):
        return 0
    found = _per_phrase(text, draft.end, len(text))
    return found[1] - draft.end if found else 0


def _draft(text: str, sentence: Sentence, amount: Amount, earlier: list[_Draft]) -> _Draft | None:
    if amount.kind == "money":
        per = _per(text, amount.end, sentence.end)
        end = amount.end
        return _Draft(amount, amount.start, end, "money", amount.unit or "", "money", per=per)
    if amount.kind == "percent":  # a percent or a point change ("two percentage points")
        return _Draft(amount, amount.start, amount.end, "percent", amount.unit or "percent", "percent")
    if amount.kind == "quantity":  # a physical quantity: "592GW", "705.5 GWh"
        return _Draft(amount, amount.start, amount.end, "quantity", amount.unit or "", "quantity")
    if amount.kind == "multiplier":
        return _Draft(amount, amount.start, amount.end, "multiplier", "x", "multiplier",
                      per=_multiplier_per(text, amount.end, sentence.end))
    if _not_a_count(text, amount):
        return None
    return _count(text, sentence, amount, earlier)


def _per(text: str, end: int, limit: int) -> str | None:
    found = _per_phrase(text, end, limit)
    return found[0] if found else None


def _per_phrase(text: str, end: int, limit: int) -> tuple[str, int] | None:
    """ "per million input tokens" -> ("million input tokens", its end); a second word only when it is a unit."""
    m = PER.match(text, end, limit)
    if not m:
        return None
    if m.group("unit") and _singular(m.group("unit").lower()) in _PER_NOUNS:
        return " ".join([*m.group("per").split(), m.group("unit")]), m.end("unit")
    return " ".join(m.group("per").split()), m.end("per")


def _multiplier_per(text: str, end: int, limit: int) -> str | None:
    m = MULTIPLIER_PER.match(text, end, min(limit, end + 60))
    if not m:
        return None
    if m.group("annual"):
        return "year"
    per = m.group("per") or m.group("within")
    return " ".join(per.split())


def _not_a_count(text: str, amount: Amount) -> bool:
    """Years, versions ("GPT-4", "Claude 3.7"), ranks ("top ten"), list marks and "2B"/"2C" jargon."""
    quote = text[amount.start:amount.end]
    if re.fullmatch(r"(?:19|20)\d\d", quote) or re.fullmatch(r"\d[BC]", quote):
        return True
    before = text[max(0, amount.start - 30):amount.start]
    if re.search(r"[A-Za-z][\-.]$|[A-Za-z]$|#$", before):
        return True
    if _NAME_VERSION_BEFORE.search(before):
        return True  # "Llama 3.1 405B", "Qwen3 235B A22B 2507": the size or date inside a model's name
    prev = re.search(r"(\S+)[ \t]+$", before)
    if prev:
        word = prev.group(1)
        if word.lower().rstrip(":") in _VERSION_WORDS:
            return True
        named = word[0].isupper() or word[0].islower() and not word.islower()  # "Llama 405B", "iPhone 16"
        if named and word.strip("(") not in _CAPITAL_FUNCTION_WORDS \
                and not word.endswith((",", ".", ":", ";", "’s", "'s")):
            return True
    return False


def _count(text: str, sentence: Sentence, amount: Amount, earlier: list[_Draft]) -> _Draft | None:
    noun = _counted_noun(text, amount, sentence.end)
    whole = PARTITIVE.match(text, amount.end, sentence.end) if noun is None else None
    if whole:  # "5 of 9 services", "19 of the top 20 telecasts": the part counts what the whole counts
        of = _counted_noun(text, replace(amount, end=whole.end()), sentence.end)
        return _Draft(amount, amount.start, amount.end, "count", of[0], "count.partitive") if of else None
    if noun is None:
        return _inherited_count(text, sentence, amount, earlier)
    unit, end, per, bound, rule = noun
    draft = _Draft(amount, amount.start, end, "count", unit, rule, per=per or _per(text, end, sentence.end))
    if bound:
        draft.qualifier = bound
    return draft


def _counted_noun(text: str, amount: Amount, limit: int) -> tuple[str, int, str | None, str | None, str] | None:
    if amount.unit:  # an attached abbreviation: "50ms", "80GB"
        return amount.unit, amount.end, None, None, "count.abbreviation"
    hardware = MODEL_PLURAL.match(text, amount.end, limit)
    if hardware:  # "8 H100 GPUs"
        return _singular(hardware.group("noun")).lower(), hardware.end(), None, None, "count.noun"
    m = COUNT_TAIL.match(text, amount.end, limit)
    if not m:
        return None
    before = text[max(0, amount.start - 30):amount.start]
    bound = {"more": "lower_bound", "longer": "lower_bound", "fewer": "upper_bound", "less": "upper_bound"}.get(
        (m.group("bound") or "").split()[-1:][0] if m.group("bound") else "", None)
    if m.group("hyph"):
        word = m.group("hyph")
        if word in _NOT_NOUNS or word in _STOP or len(word) < 3 or amount.words and word not in _TIME_UNITS:
            return None
        return _accept(amount, before, _singular(word), m.end("hyph"), None, bound, "count.compound")
    words = m.group("words").split()
    per = _FREQUENCIES.get(words[0])
    if per:
        words = words[1:]
    while words and words[0] in _COUNT_ADJECTIVES:
        words = words[1:]  # "1,200 new warehouses": the noun is "warehouse"
    content = []
    for word in words:
        if word in _STOP or word in _NOT_NOUNS:
            break
        content.append(word)
    for i, word in enumerate(content):
        if _is_plural(word):
            modifiers = [w for w in content[:i] if "-" not in w and not w.endswith(("ed", "ing")) and w[0].islower()]
            unit = " ".join([*modifiers[-1:], _singular(word)]).lower()
            return _accept(amount, before, unit, _end_of_word(text, amount.end, content, i), per, bound, "count.noun")
    compound = len(content) >= 2  # "a 14-billion parameter model", "a 5-10 player game"
    if content and len(content[0]) > 2 and (per or amount.value_high is not None or amount.value == 1 or compound):
        return _accept(amount, before, content[0], _end_of_word(text, amount.end, content, 0), per, bound,
                       "count.noun")
    return None


def _accept(amount: Amount, before: str, unit: str, end: int, per: str | None, bound: str | None,
            rule: str) -> tuple[str, int, str | None, str | None, str] | None:
    head = unit.split()[-1]
    if head in _TIME_UNITS and _HORIZON_BEFORE.search(before):
        return None  # "within five years", "over the past three years": a horizon, not a measurement
    if amount.words and not (bound or head in _TIME_UNITS or head in _COUNTABLE or amount.value >= 1000):
        return None  # "two types", "three core barriers": structure words, not measurements
    return unit, end, per, bound, rule


def _end_of_word(text: str, start: int, words: list[str], index: int) -> int:
    pos = start
    for word in words[:index + 1]:
        pos = text.index(word, pos) + len(word)
    return pos


def _inherited_count(text: str, sentence: Sentence, amount: Amount, earlier: list[_Draft]) -> _Draft | None:
    """ "2,048 tokens, GPT-3.5 increased to 4,096": a bare number compared with a count takes its unit."""
    counts = [d for d in earlier if d.kind == "count"]
    if not counts or amount.value < 10 and amount.value_high is None:
        return None
    if not _BARE_LINK.search(text[max(sentence.start, amount.start - 30):amount.start]) \
            and not _parallel(text, amount, counts[-1].amount):
        return None
    after = text[amount.end:amount.end + 3]
    if after[:1].isalpha():
        return None
    return _Draft(amount, amount.start, amount.end, "count", counts[-1].unit, "count.compared")


PARTITIVE = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?(?:top[ \t]+)?\d[\d,]*")


def _parallel(text: str, amount: Amount, count: Amount) -> bool:
    """ "X sold 168.6 million units, Y sold 106.7 million": the same verb before the same scale counts the same."""
    verb = PRECEDING_WORD.search(text, max(0, amount.start - 40), amount.start)
    earlier_verb = PRECEDING_WORD.search(text, max(0, count.start - 40), count.start)
    scale, earlier_scale = SCALE_WORD.search(text, amount.start, amount.end), SCALE_WORD.search(text, count.start,
                                                                                                count.end)
    return bool(verb and earlier_verb and scale and earlier_scale and verb.group(1).lower() == earlier_verb.group(1)
                .lower() not in _STOP and scale.group(0).lower() == earlier_scale.group(0).lower())


PRECEDING_WORD = re.compile(r"([a-z]{3,})[ \t]+(?:[~≈]|about[ \t]+|around[ \t]+|nearly[ \t]+)?$", re.IGNORECASE)
SCALE_WORD = re.compile(r"\b(?:thousand|million|billion|trillion)\b", re.IGNORECASE)


def _is_plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")) \
        or word in ("people", "children", "data")


def _singular(word: str) -> str:
    if word in ("people", "data", "ms", "series", "species"):
        return {"people": "person", "ms": "millisecond"}.get(word, word)
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


# --- attributes ------------------------------------------------------------------------------------------

def _attribute(text: str, sentence: Sentence, drafts: list[_Draft], state: _State) -> list[_Draft]:
    _inherit_prices(text, sentence, drafts)
    _frequency_prices(text, sentence, drafts)
    for draft in drafts:
        draft.qualifier = _qualifier(text, sentence, draft)
        draft.metric, draft.rule = _metric(text, sentence, draft)
    _coordinated_metrics(text, drafts)
    _sentence_metrics(text, sentence, drafts, state)
    _coordinated_bounds(text, drafts)
    _years(text, sentence, drafts, state)
    earlier = _Earlier()
    for draft in drafts:
        _subject(text, sentence, draft, earlier, state)
        earlier.see(draft)
    if state.page_index().mentions("respectively", sentence.start, sentence.end):
        _respectively(text, sentence, drafts, state)
    for draft in drafts:
        if draft.metric == "cagr" and draft.period:
            state.cagrs[draft.amount.value] = (draft.period, draft.subject)
    return drafts


_LIST_GAP = re.compile(r"[ \t]*,?[ \t]*(?:and[ \t]+)?")
_BEFORE_RESPECTIVELY = re.compile(r"[ \t,()]*(?:[a-z]+[ \t]+){0,3}?[ \t,]*$")


def _respectively(text: str, sentence: Sentence, drafts: list[_Draft], state: _State) -> None:
    """ "Amazon, Microsoft and Google ... were 30%, 21% and 12% respectively": the i-th figure of the list
    belongs to the i-th name of the list of as many names before it."""
    at = text.find("respectively", sentence.start, sentence.end)
    run: list[_Draft] = []
    for draft in reversed([d for d in drafts if d.end <= at]):
        gap = text[draft.end:run[0].start] if run else text[draft.end:at]
        if run and not _LIST_GAP.fullmatch(gap) or not run and not _BEFORE_RESPECTIVELY.fullmatch(gap):
            break
        run.insert(0, draft)
    if len(run) < 2:
        return
    names = subjects.name_group(text, sentence.start, run[0].start, leave_out=state.paragraph_firm or state.publisher,
                                sentence_start=sentence.start, proper=state.proper_words())
    if len(names) != len(run):
        return
    together = ", ".join(names[:-1]) + " and " + names[-1]
    for draft, name in zip(run, names):
        draft.entity = name
        subject = (draft.subject or "").replace(together, name)
        draft.subject = subject if name in subject else f"{name} {subject}".strip()


def _inherit_prices(text: str, sentence: Sentence, drafts: list[_Draft]) -> None:
    """ "from US$20 per million tokens ... to below US$0.1": the second amount is per million tokens too."""
    price: _Draft | None = None  # the last money figure with a denominator
    for draft in drafts:
        if draft.kind != "money":
            continue
        if draft.per:
            price = draft
            continue
        left = text[max(sentence.start, draft.start - 20):draft.start]
        right = text[draft.end:draft.end + 6]
        link = _PRICE_LINK.search(left)
        if price is None or not link or re.match(r"[ \t]+(?:for|to|in)\b", right):
            continue
        if link.group(0).startswith("to") and not _FROM_BEFORE.search(text, sentence.start, price.start):
            continue  # "that comes to $225": a total, not the other end of "from $3 per token to ..."
        draft.per = price.per


def _qualifier(text: str, sentence: Sentence, draft: _Draft) -> str:
    own = draft.amount.qualifier
    if own in ("range", "lower_bound", "upper_bound") or draft.qualifier != "exact":
        return draft.qualifier if draft.qualifier != "exact" else own
    right = RIGHT_BOUND.match(text, draft.end, sentence.end)
    if right:
        return "lower_bound" if right.group("b") in ("more", "longer", "higher", "above", "greater", "up") \
            else "upper_bound"
    left = _clause_left(text, sentence, draft.start, 40)
    if FINE_REACH.search(left):
        return "upper_bound"
    m = LEFT_QUALIFIER.search(left)
    if m:
        return next(name for name, _ in _LEFT_QUALIFIERS if m.group(name))
    return own


def _clause_left(text: str, sentence: Sentence, position: int, width: int, cuts: str = ",;:()") -> str:
    left = text[max(sentence.start, position - width):position]
    cut = max(left.rfind(c) for c in cuts)
    return left[cut + 1:] if cut >= 0 else left


def _frequency_prices(text: str, sentence: Sentence, drafts: list[_Draft]) -> None:
    """ "the average hourly labor cost rose from RMB24.5 to RMB31.0": both amounts are per hour."""
    for draft in drafts:
        if draft.kind == "money" and not draft.per:
            frequencies = [m.group("f").lower() for m in _FREQUENCY_BEFORE.finditer(text, sentence.start, draft.start)]
            if frequencies:
                draft.per = _FREQUENCIES[frequencies[-1]]


def _coordinated_metrics(text: str, drafts: list[_Draft]) -> None:
    """An amount that names no measure of its own measures what the amount it is coordinated with does:
    "revenue of $4.82 billion, ahead of consensus of $4.65 billion"; "$168 (from $152)"; "accounted for 52.6%,
    followed by airports with 18.9%"."""
    last_of_kind: dict[str, _Draft] = {}
    for draft in drafts:
        prev = last_of_kind.get(draft.kind)
        last_of_kind[draft.kind] = draft
        if prev is None:
            continue
        gap = text[prev.end:draft.start]
        if ";" in gap:
            continue
        if REVISION.fullmatch(gap) and draft.metric != prev.metric:
            draft.metric, draft.rule = prev.metric, prev.rule + ".revision"
        elif draft.kind == "money" and draft.metric == "other" and prev.metric in ("revenue", "market_size", "cost"):
            draft.metric, draft.rule = prev.metric, prev.rule
        elif draft.kind == "percent" and draft.metric == "other_percent" and prev.metric == "market_share" \
                and re.search(r"\bfollowed[ \t]+by\b|\bwith[ \t]+$", gap):
            draft.metric, draft.rule = "market_share", "percent.share.list"


_MONEY_CHANGE_NEAR = re.compile(r"\b(?:increase|rise|gain|jump|drop|decline|decrease|growth|addition)[ \t]+of[ \t]+"
                                r"(?:about[ \t]+|nearly[ \t]+|some[ \t]+)?$|\b(?:up|down)[ \t]+(?:by[ \t]+)?$"
                                r"|\b(?:jump\w*|r[io]se|grew|fell|climb\w*|increas\w*|declin\w*)[ \t]+by[ \t]+$",
                                re.IGNORECASE)
_MONEY_CHANGE_AFTER = re.compile(r"[ \t]+(?:or[ \t]+[\d.]+[ \t]*(?:%|per[ \t]*cent|percent)[ \t]+)?"
                                 r"(?:higher|lower|more|less"
                                 r"|above|below)\b", re.IGNORECASE)


_POINTS = re.compile(r"(?:percentage[ \t]+|share[ \t]+|basis[ \t]+)?points?|pp|ppts?")
_COUNT_CHANGE_BEFORE = re.compile(r"(?:\b(?:up|down)"
                                  r"|\b(?:r[io]se|grew|increased|decreased|declined|fell|dropped|gained|lost|"
                                  r"added|shed|jumped|climbed)[ \t]+by)[ \t]+(?:an[ \t]+additional[ \t]+|about[ \t]+|"
                                  r"nearly[ \t]+|some[ \t]+|almost[ \t]+)?$", re.IGNORECASE)
_COMPARED_WITH = re.compile(r"\b(?:below|above|than|versus|vs\.?|compared[ \t]+(?:with|to)|from)[ \t]+(?:the[ \t]+)?$")
# Two amounts coordinated: "$60 billion on 2023 and of $102 billion".
_COORDINATED = re.compile(r"(?:[ \t]+(?:on|over|versus|vs\.?|from|against)[ \t]+[\w.]+)?,?"
                          r"[ \t]+(?:and|or)[ \t]+(?:of[ \t]+)?")


def _in_aside(text: str, sentence_start: int, position: int) -> bool:
    """The position is inside parentheses opened earlier in its sentence: "(volume down 3%, ...)"."""
    return text.count("(", sentence_start, position) > text.count(")", sentence_start, position)


def _sentence_metrics(text: str, sentence: Sentence, drafts: list[_Draft], state: _State) -> None:
    """The measure a figure's sentence gives it beyond its neighbouring words (`extractors.metrics`), and the
    direction of each change."""
    listed = state.listed_metric
    previous_money: _Draft | None = None
    previous_percent: _Draft | None = None
    for draft in drafts:
        if draft.kind == "count" and metrics.is_physical(draft.unit):
            draft.metric, draft.rule = "other", draft.rule + ".physical"
        elif draft.kind == "count" and (_POINTS.fullmatch(draft.unit) or draft.rule.startswith("count")) \
                and _COUNT_CHANGE_BEFORE.search(text, max(sentence.start, draft.start - 40), draft.start):
            draft.metric, draft.rule = "growth_rate", "count.change"  # "down 1.3 points", "grew by 215,000 viewers"
        elif draft.kind == "percent" and draft.metric in ("other_percent", "growth_rate"):
            compared = previous_percent.metric if previous_percent else None
            level = metrics.level_before_change(text, sentence.start, draft.start, compared, listed)
            found = level or metrics.percent_metric(text, sentence.start, draft.start, draft.end, sentence.end,
                                                    listed)
            if compared == "cagr" and previous_percent is not None \
                    and _COMPARED_WITH.search(text, previous_percent.end, draft.start):
                found = "cagr"  # "... is put at 5.4 percent, below the 6.4 percent it had projected"
            if found and (draft.metric == "other_percent" or found == "cagr" or level):
                draft.metric, draft.rule = found, "percent.sentence"
        if draft.kind == "percent":
            previous_percent = draft
        elif draft.kind == "money" and draft.metric in ("revenue", "cost", "other", "market_size"):
            if _MONEY_CHANGE_NEAR.search(text, max(sentence.start, draft.start - 30), draft.start) \
                    or _MONEY_CHANGE_AFTER.match(text, draft.end, sentence.end) \
                    or previous_money is not None and previous_money.metric == "growth_rate" \
                    and _COORDINATED.fullmatch(text, previous_money.end, draft.start):
                # "... of $60 billion on 2023 and of $102 billion"
                draft.metric, draft.rule = "growth_rate", "money.change"
            else:
                draft.metric = metrics.money_metric(text, sentence.start, draft.start, draft.metric,
                                                    state.about_a_market)
        if draft.kind == "money":
            previous_money = draft
        if draft.kind == "percent" and draft.metric in ("market_share", "growth_rate") \
                and not _in_aside(text, sentence.start, draft.start):
            listed = draft.metric
        if draft.metric == "growth_rate":
            draft.direction = metrics.direction(text, sentence.start, draft.start, draft.end, sentence.end)
    state.listed_metric = listed


def _coordinated_bounds(text: str, drafts: list[_Draft]) -> None:
    """ "fines reach €35 million or 7% of revenue": the second of two alternatives shares the bound."""
    for prev, draft in zip(drafts, drafts[1:]):
        if draft.qualifier == "exact" and prev.qualifier in ("upper_bound", "lower_bound") \
                and re.fullmatch(r"[ \t]+or[ \t]+", text[prev.end:draft.start]):
            draft.qualifier = prev.qualifier


def _metric(text: str, sentence: Sentence, draft: _Draft) -> tuple[str, str]:
    if draft.kind == "count":
        return "count", draft.rule
    if draft.kind == "multiplier":
        return "multiplier", "multiplier"
    if draft.kind == "quantity":
        return "other", "quantity"
    if draft.unit != "percent" and draft.kind == "percent":
        return "growth_rate", "percent.points"  # a point change of a percentage
    left = text[max(sentence.start, draft.start - 60):draft.start]
    right = text[draft.end:min(sentence.end, draft.end + 40)]
    if draft.kind == "percent":
        return _percent_metric(text, sentence, draft, left, right)
    return _money_metric(text, sentence, draft, left, right)


def _percent_metric(text: str, sentence: Sentence, draft: _Draft, left: str, right: str) -> tuple[str, str]:
    if CAGR.match(right.lstrip(" \t+")) or CAGR.search(left[-35:]) and not CAGR.search(right[:3]):
        return "cagr", "percent.cagr"
    if _GROWTH_AFTER.match(right) or _GROWTH_BEFORE.search(left[-40:]) or _DIRECTION_BEFORE.search(left):
        return "growth_rate", "percent.change"
    if _SHARE_BEFORE.search(left) or _SHARE_AFTER.match(right) or _label_parenthesis(text, sentence, draft):
        return "market_share", "percent.share"
    return "other_percent", "percent"


def _money_metric(text: str, sentence: Sentence, draft: _Draft, left: str, right: str) -> tuple[str, str]:
    if draft.per:
        per_head = draft.per.split()[-1].split("-")[-1].lower()  # "per GPU-hour": per hour
        if per_head in _PRICE_UNITS or _singular(per_head) in _PRICE_UNITS:
            return "price", "money.price"
    if _GROWTH_AFTER.match(right) and re.match(r"[ \t]+(?:increase|incremental|expansion|growth|gain|rise|jump)",
                                               right, re.IGNORECASE) or _MONEY_CHANGE_BEFORE.search(left):
        return "growth_rate", "money.change"
    left_clause = _clause_left(text, sentence, draft.start, 80, ",;:")
    clause = left_clause + right[:30]
    if _COST_WORDS.search(clause) or draft.per:
        return "cost", "money.cost"
    if _REVENUE_WORDS.search(clause) and not re.search(r"\bmarket\b", left_clause, re.IGNORECASE):
        return "revenue", "money.revenue"
    if _PRICE_WORDS.search(_clause_left(text, sentence, draft.start, 60, ",;")):
        return "price", "money.price"
    if re.search(r"\bmarket", text[sentence.start:sentence.end], re.IGNORECASE):
        return "market_size", "money.market"
    return "other", "money"


def _label_parenthesis(text: str, sentence: Sentence, draft: _Draft) -> bool:
    """ "- Computer Vision Models (~30%): ...": a share given right after a list item's label."""
    line_start = text.rfind("\n", 0, draft.start) + 1
    m = LIST_LABEL.match(text, line_start, draft.start + 1)
    return m is not None and text.find("(", line_start, draft.start + 1) == m.end() - 1 and ")" not in \
        text[m.end():draft.start]


# --- years and periods -----------------------------------------------------------------------------------

def _years(text: str, sentence: Sentence, drafts: list[_Draft], state: _State) -> None:
    """A figure's year: the one written right after it ("$86 billion in Q4 2024"), else the sentence's nearest
    year that is not only a point of comparison, else its paragraph's, its heading's or its document's."""
    relative = [y for y in dating.relative_years(text, sentence.start, sentence.end,
                                                 dating.published_year(state.published))
                if not dating.is_compared(text, y[0])]  # "fell 8% since last year": a comparison
    short = state.year_scope().short_years(sentence.start, sentence.end)
    years = sorted([*state.page_index().years_between(sentence.start, sentence.end), *relative, *short])
    years = [y for y in years if not dating.is_compared(text, y[0])
             and not (text[y[0]].isdigit() and dating.is_edition(text, y[0], y[1]))]
    periods = state.page_index().periods_between(sentence.start, sentence.end)
    in_period = {(s, e) for s, e, _ in years if any(ps <= s < pe for ps, pe, _, _ in periods)}
    consumed: set[int] = set()
    for draft in drafts:
        m = YEAR_AFTER.match(text, draft.end, sentence.end)
        if m:
            draft.year = int(m.group("y") or m.group("py"))
            consumed.add(m.start("y") if m.group("y") else m.start("py"))
        elif (owning := YEAR_OWNING.search(text, max(sentence.start, draft.start - 40), draft.start)) is not None:
            draft.year = int(owning.group("y") or owning.group("y2"))  # "19.1% above the 2023 total of $526.8 billion"
        elif (near := next((r for r in relative if 0 <= r[0] - draft.end <= 25), None)) is not None:
            draft.year = near[2]  # "rising 4.9% this year"
            consumed.add(near[0])
    endpoints: tuple[int, int] | None = None  # the first and last years of money figures since the last CAGR
    previous: _Draft | None = None
    for draft in drafts:
        if previous is not None:
            if previous.metric == "cagr":
                endpoints = None
            elif previous.kind == "money" and previous.year:
                low, high = endpoints or (previous.year, previous.year)
                endpoints = min(low, previous.year), max(high, previous.year)
        previous = draft
        if draft.metric == "cagr" or draft.kind in ("multiplier",) or draft.metric == "growth_rate":
            draft.period = _period(text, sentence, draft, endpoints, periods, state)
            if draft.metric == "cagr":
                draft.year = None
                continue
            if draft.period:  # a change is dated by the year it ends in
                draft.year = draft.year or draft.period[1]
                continue
            if draft.kind == "multiplier" and draft.per:
                continue  # "10 times per year": a rate, of no one year
        if draft.year is None:
            draft.year = _year_before(text, draft, years, in_period, consumed)
        if draft.year is None:
            draft.year = _year_later(text, draft, years, in_period, consumed)
        if draft.year is None:  # "climbing 20% in Q4 2024, to $86 billion": the year another figure took
            draft.year = _year_before(text, draft, years, in_period, set())
        if draft.year is None:
            draft.year = dating.bare_month_year(text, sentence.start, sentence.end, state.published) \
                or _paragraph_year(text, state) or state.year_scope().heading_year(sentence.start) \
                or dating.published_year(state.published)


def _year_before(text: str, draft: _Draft, years: list[tuple[int, int, int]], in_period: set[tuple[int, int]],
                 consumed: set[int]) -> int | None:
    for s, e, y in reversed(years):
        if e <= draft.start and s not in consumed and (s, e) not in in_period \
                and not _SINCE_BEFORE.search(text, max(0, s - 40), s):
            return y
    return None


def _year_later(text: str, draft: _Draft, years: list[tuple[int, int, int]], in_period: set[tuple[int, int]],
                consumed: set[int]) -> int | None:
    """ "46,000 units ... were sold in China in 2023": the sentence's year, stated after the figure; not one
    that a figure it is compared with took ("$140 billion against $120 billion in 2022"), and none where the figure
    names its quarter without a year ("$26.3 billion in Q4, ... $100 billion in 2025"): that quarter is the
    paragraph's."""
    if _QUARTER_WITHOUT_YEAR.match(text, draft.end, min(len(text), draft.end + 40)):
        return None
    for s, e, y in years:
        if s > draft.end and (s, e) not in in_period \
                and (_YEAR_PREPOSITION.search(text, max(0, s - 30), s) or _relative_statement(text, draft.end, s)) \
                and not (s in consumed and _COMPARISON_WORD.search(text, draft.end, s)):
            return y
    return None


RELATIVE_START = re.compile(r"(?i:this|last|next|past|previous|the)[ \t]")
# Words that make a year after them the date of a saying, not of the figure: "projected at the end of last year".
_SAYING = re.compile(r"\b(?:project\w*|forecast\w*|expect\w*|predict\w*|estimat\w*|said|says|report\w*|publish\w*"
                     r"|releas\w*|end[ \t]+of|since|from|than|compared|versus|vs)\b|\d", re.IGNORECASE)


def _relative_statement(text: str, figure_end: int, year_start: int) -> bool:
    """ "62.6 GW was installed in the EU last year": a relative year closing the figure's clause needs no "in"."""
    return RELATIVE_START.match(text, year_start) is not None and year_start - figure_end <= 70 \
        and not re.search(r"[;:]", text[figure_end:year_start]) and not _SAYING.search(text, figure_end, year_start)
_COMPARISON_WORD = re.compile(r"\b(?:against|versus|vs\.?|compared|from|than)\b", re.IGNORECASE)
_QUARTER_WITHOUT_YEAR = re.compile(r"(?:[ \t]+[a-z]+){0,2}?[ \t]+(?:in|for|during)[ \t]+(?:the[ \t]+)?(?:Q[1-4]|[1-4]Q|"
                                   r"(?:first|second|third|fourth|final)[ \t]+quarter)\b(?![ \t]*(?:of[ \t]+)?[’']?\d)")


def _period(text: str, sentence: Sentence, draft: _Draft, endpoints: tuple[int, int] | None,
            periods: list[tuple[int, int, int, int]], state: _State) -> tuple[int, int] | None:
    after = [p for p in periods if p[0] >= draft.end and p[0] - draft.end <= 45]
    if after:
        return after[0][2], after[0][3]
    if draft.metric == "growth_rate":
        return _change_period(text, sentence, draft, state)
    if draft.kind == "multiplier":
        return None
    near = [p for p in periods if p[1] <= draft.start and draft.start - p[1] <= 120]
    if near:
        return near[-1][2], near[-1][3]
    if endpoints and endpoints[0] != endpoints[1]:
        return endpoints
    if draft.kind == "percent" and re.search(r"\bthe[ \t]+$", text[max(0, draft.start - 5):draft.start]):
        known = state.cagrs.get(draft.amount.value)
        if known and known[0]:
            return known[0]
    return None


def _change_period(text: str, sentence: Sentence, draft: _Draft, state: _State) -> tuple[int, int] | None:
    """ "nearly 50% faster than the 2024 pace" (in 2025); "$754 million ... over seven years" (to 2031)."""
    than = THAN_YEAR.match(text, draft.end, sentence.end)
    if than:
        years = [y for _, e, y in state.page_index().years_between(sentence.start, draft.start) if e <= draft.start]
        if years and years[-1] > int(than.group("y")):
            return int(than.group("y")), years[-1]
    over = OVER_YEARS.match(text, draft.end, sentence.end)
    if over:
        n = int(over.group("n")) if over.group("n").isdigit() else _small_number(over.group("n"))
        years = [y for _, _, y in state.page_index().years_between(sentence.start, sentence.end)] \
            or state.previous_years
        if years and n:
            return max(years) - n, max(years)
    return None


def _small_number(word: str) -> int:
    return ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"].index(word.lower())


def _remember_dates(sentence: Sentence, state: _State) -> None:
    if state.page_index().years_between(sentence.start, sentence.end):
        state.paragraph_dated.append((sentence.start, sentence.end))


def _paragraph_year(text: str, state: _State) -> int | None:
    """The year of the paragraph so far: its last sentence's that states one, by the sentence's first year
    that is neither a comparison nor an end of a period, else its last date."""
    for span in reversed(state.paragraph_dated):
        if span not in state.dated_years:
            topic = dating.topic_years(text, *span)
            dates = [year for _, year, as_of in state.page_index().dates_between(*span) if not as_of]
            state.dated_years[span] = topic[0][2] if topic else dates[-1] if dates else None
        if state.dated_years[span] is not None:
            return state.dated_years[span]
    return None


# --- subject ---------------------------------------------------------------------------------------------

@dataclass
class _Earlier:
    """What the figures before one in its sentence said, kept as the sentence is read (one pass, not a search
    back from each figure)."""

    previous: _Draft | None = None
    money_subject: str | None = None  # the subject of the last money figure
    first_count: _Draft | None = None

    def see(self, draft: _Draft) -> None:
        self.previous = draft
        if draft.kind == "money":
            self.money_subject = draft.subject
        if draft.kind == "count" and self.first_count is None:
            self.first_count = draft


def _subject(text: str, sentence: Sentence, draft: _Draft, earlier: _Earlier, state: _State) -> None:
    """What the figure measures, in the document's words: the nearest noun phrases that say so."""
    label = _list_label(text, draft)
    if label and (draft.metric in ("market_share", "cagr") or _label_parenthesis(text, sentence, draft)):
        draft.segment = label
    if draft.kind == "percent" and draft.metric == "cagr" and draft.period and draft.amount.value in state.cagrs \
            and re.search(r"\bthe[ \t]+$", text[max(0, draft.start - 5):draft.start]):
        draft.subject = state.cagrs[draft.amount.value][1]
        return
    draft.entity = _listed_entity(text, sentence, draft, earlier, state) \
        or _entity(text, sentence, draft, state.proper_words()) or _heading_entity(text, sentence, draft)
    parts = [p for p in _subject_parts(text, sentence, draft, earlier, state) if p]
    if draft.segment and not any(draft.segment.lower() in p.lower() for p in parts):
        parts.insert(0, draft.segment)
    if draft.metric == "cost" and not any(_COST_NOUN.search(p) for p in parts):
        parts.append("cost")
    if draft.entity and not any(draft.entity.lower() in p.lower() for p in parts):
        parts.insert(0, draft.entity)
    subject = " ".join(" ".join(parts).split())
    if state.topic and not subjects.names_market(subject) and draft.kind != "multiplier" \
            and not subjects.shares_topic(subject, state.topic):
        subject = f"{subject} {state.topic}".strip()  # what the figure's own words leave unsaid: the document's market
    if re.search(r"\b[A-Z]{2,6}\b", subject) and state.abbreviations():
        subject = subjects.spell_out(subject, state.abbreviations())
    draft.subject = subject or None


# A list's item named after its figure: "45% in China, 25% in Europe and over 11% in the United States".
_PLACE_AFTER = re.compile(r"[ \t]+in[ \t]+(?:the[ \t]+)?(?P<name>[A-Z][\w\-]*(?:[ \t]+[A-Z][\w\-]*){0,3})"
                          r"(?=[ \t]*,|[ \t]+and[ \t]+(?:over[ \t]+|about[ \t]+|nearly[ \t]+|around[ \t]+)?[\d$€£]"
                          r"|[ \t]*[.;]|$)")
_MONTH_WORDS = frozenset("January February March April May June July August September October November December Q1 Q2 "
                         "Q3 Q4 H1 H2 Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())


def _listed_entity(text: str, sentence: Sentence, draft: _Draft, earlier: _Earlier, state: _State) -> str | None:
    """The names written since the figure before ("Xiaomi with 14%, then Transsion with 9%"), else, where only a
    coordination separates them ("51.9 million units and 16%"), that figure's names."""
    after = _PLACE_AFTER.match(text, draft.end, sentence.end)
    if after and after.group("name").split()[0] not in _MONTH_WORDS:
        return after.group("name")  # "up to 45% in China, 25% in Europe and 11% in the United States"
    previous = earlier.previous
    start = previous.end if previous else sentence.start
    if previous is not None:  # the name the figure before took after it is not this one's
        previous_after = _PLACE_AFTER.match(text, previous.end, draft.start)
        start = previous_after.end() if previous_after else start
    firm = state.paragraph_firm or state.publisher
    names = subjects.names_between(text, start, draft.start, leave_out=firm, sentence_start=sentence.start,
                                   proper=state.proper_words())
    if names:
        return names
    if previous and previous.entity \
            and re.fullmatch(r"[\s,;(]*(?:and|or|,)?[^.;:]{0,25}", text[previous.end:draft.start]):
        return previous.entity
    return None


def _subject_parts(text: str, sentence: Sentence, draft: _Draft, earlier: _Earlier,
                   state: _State) -> list[str | None]:
    chunk = _left_chunk(text, sentence, draft.start)
    right = _right_phrase(text, sentence, draft)
    if right and re.match(r"to[ \t]+\S*\d|(?:is|are|was|were|will|would|has|have|had|comes?|came)\b", right):
        right = None  # "from RMB24.5 to RMB31.0", "$168 is based on ...": not what is measured
    if draft.kind == "money" and right and re.match(r"(?:for|to)[ \t]", right):
        return [right]
    shared = _shared_subject(text, draft, earlier.previous)
    if shared:
        return [shared]
    if draft.metric in ("market_size", "cagr") or draft.rule == "money.change":
        market = _market_before(text, sentence, draft.start, state)
        if market and (draft.metric != "cagr" or re.search(r"\bmarket", text[sentence.start:sentence.end], re.I)):
            return [market]
        return [chunk]
    if draft.kind == "percent":
        of_phrase = _of_phrase(text, sentence, draft)
        if of_phrase and of_phrase.lower().strip(" .") in _WHOLE_WORDS:
            of_phrase = None  # "83% of the total": the part is named before the figure
        holder = ACCOUNTED_FOR.search(_clause_left(text, sentence, draft.start, 120))
        if holder and draft.metric in ("market_share", "other_percent"):
            return [holder.group("part"), "share of", of_phrase or "the market"]
        first_count = earlier.first_count
        population = _plural(first_count.unit) if first_count and first_count.end <= draft.start else None
        if of_phrase:
            return [of_phrase]
        if draft.metric == "growth_rate" and not chunk:
            changed = earlier.money_subject
            if changed:  # "revenue of $4.82 billion, up 14%": the change of what the sentence measured
                return [changed]
        return [population, chunk, right]
    if draft.kind == "count":
        return [chunk, _count_phrase(text, sentence, draft)]
    if draft.kind == "multiplier":
        return [_cost_phrase(text, sentence, draft), chunk, _right_phrase(text, sentence, draft, any_case=True)]
    return [right or _cost_phrase(text, sentence, draft) or chunk]


def _right_phrase(text: str, sentence: Sentence, draft: _Draft, any_case: bool = False) -> str | None:
    """The words right after a figure, up to punctuation or a new clause: "less data", "on a bar exam"."""
    found = _per_phrase(text, draft.end, sentence.end) if draft.per else None
    rest = text[found[1] if found else draft.end:sentence.end]
    m = re.match(r"[ \t]*\+?[ \t]*([A-Za-z][^,;:()]*)" if any_case else r"[ \t]*\+?[ \t]*([a-z][^,;:()]*)", rest)
    if not m:
        return None
    words: list[str] = []
    tokens = m.group(1).split()[:7]
    for i, word in enumerate(tokens):
        if word.lower() in ("and", "while", "which", "that", "compared", "vs.", "versus", "achieving", "reducing",
                            "with", "by", "during", "as", "where", "when") \
                or word == "in" and (i + 1 == len(tokens) or tokens[i + 1][:1].isdigit() or not words):
            break
        words.append(word)
    phrase = " ".join(words).rstrip(".")
    if re.fullmatch(r"(?:a|an|per|each|every)[ \t]+(?:year|month|week|day|hour|quarter)", phrase):
        return None  # "$225 a month": the denominator, not what is measured
    return phrase or None


def _count_phrase(text: str, sentence: Sentence, draft: _Draft) -> str:
    """The counted noun as written, with the nouns it modifies: "token context window", "hour tasks"."""
    written = text[draft.amount.end:draft.end].strip(" -\t")
    m = re.match(r"((?:[ \t]+[a-z][\w\-]*){0,2})", text[draft.end:sentence.end])
    following = [w for w in (m.group(1).split() if m else [])]
    kept = []
    for word in following:
        if word in _STOP:
            break
        kept.append(word)
    of = re.match(r"[ \t]+of[ \t]+((?:[\w\-]+[ \t]*){1,4})", text[draft.end:sentence.end]) if not kept else None
    if of:  # "46,000 units of commercial cleaning robots"
        kept = ["of", *[w for w in of.group(1).split() if w not in _STOP][:4]]
    return " ".join([written or _plural(draft.unit), *kept])


# "shopping malls and office buildings together accounted for 52.6%": who holds the share.
ACCOUNTED_FOR = re.compile(r"(?P<part>[^,;:()]{2,80}?)[ \t]+(?:together[ \t]+|collectively[ \t]+|jointly[ \t]+)?"
                           r"(?:accounted[ \t]+for|accounts?[ \t]+for|made[ \t]+up|makes?[ \t]+up"
                           r"|represented|represents?"
                           r"|contributed|held|holds?|captured)[ \t]+(?:[\w\-]+[ \t]+){0,4}?$", re.IGNORECASE)
_WHOLE_WORDS = frozenset({"total", "the total", "all", "the whole", "overall", "revenue", "total revenue"})
_COST_NOUN = re.compile(r"\b(?:costs?|prices?|pricing|fees?|fines?|capital|spend\w*|budgets?|investments?)\b", re.I)
COST_PHRASE = re.compile(r"(?<![\w\-])((?:[\w\-]+[ \t]+){0,3}(?:costs?|prices?(?:[ \t]+targets?)?|pricing|fees?|fines?"
                         r"|capital[ \t]+requirements?|spending|budgets?|investments?))\b", re.IGNORECASE)


def _cost_phrase(text: str, sentence: Sentence, draft: _Draft) -> str | None:
    found = None
    for m in COST_PHRASE.finditer(text, sentence.start, draft.start):
        found = m.group(1)
    if not found:
        return None
    words = found.split()
    while words and words[0].lower() in _STOP | _DEMONSTRATIVE:
        words = words[1:]
    return " ".join(words) or None


def _list_label(text: str, draft: _Draft) -> str | None:
    line_start = text.rfind("\n", 0, draft.start) + 1
    m = LIST_LABEL.match(text, line_start, draft.start + 1)
    return m.group("label").strip() if m else None


def _entity(text: str, sentence: Sentence, draft: _Draft, proper: frozenset[str] = frozenset()) -> str | None:
    """The nearest name before the figure in its sentence ("GPT-3", "Whisper", "MiniMax"), or just after it. A
    capitalised word opening the sentence is a name where the document also capitalises it inside a sentence
    (`proper`: "India made a major leap ...", not "Sales rose ...")."""
    body = text[sentence.start:draft.start]
    body = _FIRM_NAMES_RE.sub(" ", body)
    names = [m for m in _NAME.finditer(body)
             if _is_name(m.group(0), m.start() == 0 and re.sub(r"[’']s$", "", m.group(0)) not in proper)]
    if names:
        whole = MULTI_WORD_NAME.search(body, 0, names[-1].end())
        name = whole.group(0) if whole and whole.end() == names[-1].end() else names[-1].group(0)
        return re.sub(r"[’']s$", "", name)
    after = text[draft.end:min(sentence.end, draft.end + 40)]
    names_after = [m.group(0) for m in _NAME.finditer(after) if _is_name(m.group(0), False)]
    return re.sub(r"[’']s$", "", names_after[0]) if names_after else None


# A line that only names someone, above a line of labelled figures: "No. 1: AWS" over "Market share: 31 per cent".
_NAME_HEADING = re.compile(r"[ \t]*(?:(?:No\.?|#|Rank)[ \t]*\d+[:.)]?[ \t]*|\d+[.)][ \t]*)?(?P<name>[A-Z][\w&.\-]*"
                           r"(?:[ \t]+[A-Z][\w&.\-]*){0,3})[ \t]*$")
_LABEL_LINE = re.compile(r"[ \t]*[A-Z][\w \t\-]{0,30}:[ \t]*")


def _heading_entity(text: str, sentence: Sentence, draft: _Draft) -> str | None:
    """The name a short heading gives to the "Label: value" lines under it."""
    line_start = text.rfind("\n", 0, draft.start) + 1
    if not _LABEL_LINE.fullmatch(text, line_start, draft.start):
        return None
    while line_start > 0:  # up through the block's other label lines to the heading
        previous_start = text.rfind("\n", 0, line_start - 1) + 1
        line = text[previous_start:line_start - 1]
        if not line.strip():
            return None
        m = _NAME_HEADING.fullmatch(line)
        if m and len(line) <= 50:
            return m.group("name")
        if ":" not in line:
            return None
        line_start = previous_start
    return None


# A product name with its version and edition: "Claude 3.7 Sonnet", "Gemini 2.0 Flash", "Llama 3.1 405B".
MULTI_WORD_NAME = re.compile(r"(?<![\w\-])[A-Z][\w\-]*[ \t]+\d+(?:\.\d+)*[ \t]+[A-Z][\w\-]*(?![\w\-])")


def _is_name(word: str, sentence_initial: bool) -> bool:
    bare = re.sub(r"[’']s$", "", word)
    if bare in _CAPITAL_FUNCTION_WORDS or len(bare) < 2 or bare.isupper() and len(bare) <= 2:
        return False
    if re.fullmatch(r"[A-Z][a-z]+", bare) and (sentence_initial or bare.lower() in _STOP):
        return False
    if re.fullmatch(r"(?:January|February|March|April|May|June|July|August|September|October|November|December)",
                    bare):
        return False
    return bool(re.search(r"\d|[a-z][A-Z]|^[A-Z]{2,}", bare)) or bare[0].isupper()


def _market_before(text: str, sentence: Sentence, position: int, state: _State) -> str | None:
    body = text[sentence.start:position]
    found = None
    for m in re.finditer(r"\bmarket(?:[ \t]+size)?\b", body, re.IGNORECASE):
        phrase = _market_phrase(text, sentence.start + m.start(), sentence.start + m.end(), position)
        if phrase:
            found = phrase
    if found is None or found.lower() in _DEMONSTRATIVE:
        return state.last_market
    return found


def _market_phrase(text: str, start: int, end: int, limit: int) -> str | None:
    words = re.findall(r"[\w\-’'&/.]+", text[max(0, start - 80):start])
    head: list[str] = []
    for word in reversed(words):
        if word.lower() in _STOP or word.lower() in _DEMONSTRATIVE or word.endswith(".") or len(head) >= 6:
            break
        head.insert(0, word)
    tail = ""
    m = re.match(r"[ \t]+(?:for|of)[ \t]+((?:[\w\-&]+[ \t]*){1,5}?)(?=[ \t]+(?:is|was|are|were|has|had|will|in|to"
                 r"|from|by|reached|grew|stood)\b|[,;:(]|$)", text[end:limit])
    if m:
        tail = " " + text[end:limit][:m.end()].strip()
    if not head and not tail:
        return "the"
    return " ".join([*head, text[start:end]]) + tail


def _remember_market(body: str, state: _State) -> None:
    for m in re.finditer(r"\bmarket\b", body, re.IGNORECASE):
        words = re.findall(r"[\w\-’'&/.]+", body[max(0, m.start() - 80):m.start()])
        head: list[str] = []
        for word in reversed(words):
            if word.lower() in _STOP or word.lower() in _DEMONSTRATIVE or len(head) >= 6:
                break
            head.insert(0, word)
        if len(head) >= 2:
            state.last_market = " ".join([*head, "market"])


def _of_phrase(text: str, sentence: Sentence, draft: _Draft) -> str | None:
    m = re.match(r"[ \t]+of[ \t]+(?:the[ \t]+)?([^,;:()]{2,60}?)(?=[,;:()]|[ \t]+(?:and|while|which|that|on|in|at"
                 r"|compared|versus|vs)\b|$)", text[draft.end:sentence.end])
    return m.group(1).strip() if m else None


def _left_chunk(text: str, sentence: Sentence, position: int) -> str | None:
    """The clause's words before the figure; for "lower latency (50ms": the words before the parenthesis."""
    before = text[max(sentence.start, position - 3):position].strip(" \t~≈<>")
    if before.endswith("("):
        position = text.rindex("(", sentence.start, position)
    left = _clause_left(text, sentence, position, 140)
    words = left.split()[-16:]
    while words and (words[0].lower() in _STOP or words[0].lower() in _DEMONSTRATIVE):
        words = words[1:]
    while words and (words[-1].lower().strip(".,") in _STOP or words[-1].lower() in _DEMONSTRATIVE
                     or LEFT_QUALIFIER.search(words[-1] + " ") or not re.search(r"[A-Za-z]", words[-1])):
        words = words[:-1]
    return " ".join(words) or None


def _shared_subject(text: str, draft: _Draft, prev: _Draft | None) -> str | None:
    """ "from 5 minutes to 30 seconds", "$0.0001 vs. $0.002": the second amount measures what the first does."""
    if prev is None:
        return None
    gap = text[prev.end:draft.start]
    gap = re.sub(r"\b(?:more|less|fewer|greater|higher|lower|rather)[ \t]+than[ \t]+$", "", gap)
    if prev.kind == draft.kind and len(gap) <= 50 and re.search(r"\b(?:to|vs\.?|versus|than)\b", gap) \
            and not re.search(r"[;:]", gap):
        return prev.subject
    return None


def _plural(unit: str) -> str:
    return unit if unit.endswith("s") else unit + "s"


# --- the figure ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _SentenceFacts:
    """What a sentence says for all of its figures, found once per sentence."""

    body: str
    forecast_words: bool
    geography: str | None
    firm: str | None

    @classmethod
    def of(cls, body: str) -> _SentenceFacts:
        geography, firm = nlp.sentence_context(body)
        return cls(body, context.has_forecast_words(body), geography, firm)


def _figure(text: str, sentence: Sentence, draft: _Draft, page: int | None, state: _State,
            facts: _SentenceFacts) -> Figure:
    body = facts.body
    year, period = draft.year, draft.period
    last_year = period[1] if period else year
    if state.doc_year is not None and last_year is not None and last_year != state.doc_year:
        forecast = last_year > state.doc_year
    else:
        forecast = facts.forecast_words or (last_year is not None and state.doc_year is None
                                                         and bool(re.search(r"\bby[ \t]+" + str(last_year), body)))
    amount = draft.amount
    return Figure(
        page=page, char_start=draft.start, char_end=draft.end, quote=text[draft.start:draft.end], sentence=body,
        metric=draft.metric, value=float(amount.value), unit=draft.unit,
        value_high=float(amount.value_high) if amount.value_high is not None else None, per=draft.per,
        qualifier=draft.qualifier, year=year, period_start=period[0] if period else None,
        period_end=period[1] if period else None, is_forecast=forecast, subject=draft.subject,
        geography=facts.geography, segment=draft.segment,
        publisher=facts.firm or state.paragraph_firm or state.publisher,
        value_low=float(amount.low) if amount.low is not None else None,
        value_upper=float(amount.high) if amount.high is not None else None, rule=draft.rule,
        direction=draft.direction,
    )


__all__ = ["extract_figures", "replace"]
