"""Years and periods: the year or period each figure of a sentence is about."""

from __future__ import annotations

import re

from extractors import context, dating, lexicon
from extractors.context import Sentence
from extractors.figures.drafts import _Draft
from extractors.figures.state import _SentenceView


YEAR_AFTER = re.compile(
    r"(?:[ \t]*/[ \t]*[A-Za-z]+|[ \t]+(?:per|or)[ \t]+[\w,.]+(?:[ \t]+[a-z]+)?)?(?:[ \t]+[a-z][\w\-]*){0,2}?,?"
    r"[ \t]+(?:in|by|for|during|as[ \t]+of|through|until|at|of|towards?)[ \t]+(?:the[ \t]+)?"
    r"(?:(?:end|start|beginning|middle|close|first[ \t]+half|second[ \t]+half"
    r"|(?:first|second|third|fourth|final)[ \t]+quarter)[ \t]+of[ \t]+)?"
    r"(?:(?:late|early|mid|end|fiscal|FY|Q[1-4]|H[12])"
    r"[ \t-]?)?(?P<y>(?:19|20)\d\d)\b(?![-–]\d)"
    r"|[ \t]*\((?P<py>(?:19|20)\d\d)E?\)"
)
# A year that heads the figure's own noun phrase: "the 2023 total of $526.8 billion", "2024's $3.6 trillion".
YEAR_OWNING = re.compile(r"\bthe[ \t]+(?P<y>(?:19|20)\d\d)(?:[’']s)?[ \t]+[a-z][\w\-]*(?:[ \t]+[a-z][\w\-]*)?[ \t]+"
                         r"(?:of|at|was|were|is|came[ \t]+to)[ \t]+(?:about[ \t]+|nearly[ \t]+|around[ \t]+)?$"
                         r"|\b(?P<y2>(?:19|20)\d\d)[’']s[ \t]+$")
_FEW = "|".join(word for word, n in lexicon.UNIT_WORDS.items() if 2 <= n <= 10)  # "over the next five years"
OVER_YEARS = re.compile(r"[^.;]{0,30}?\b(?:over|in|across)[ \t]+(?:the[ \t]+)?(?:next[ \t]+|past[ \t]+)?"
                        rf"(?P<n>\d+|{_FEW})[ \t]+years\b")
# The two ends of a change, each with its year: "a 108% jump, from $1.52 trillion in 2018 to $3.15 trillion in 2023".
FROM_TO_YEARS = re.compile(r"[^.;]{0,60}?\bfrom[ \t]+[^\s;,]+(?:[ \t]+[a-z]+){0,2}?[ \t]+in[ \t]+(?P<a>(?:19|20)\d\d)"
                           r"[ \t]+to[ \t]+[^\s;,]+(?:[ \t]+[a-z]+){0,2}?[ \t]+(?:in|by)[ \t]+(?P<b>(?:19|20)\d\d)\b")
THAN_YEAR = re.compile(r"[^.;]{0,40}?\bthan[ \t]+(?:the[ \t]+|in[ \t]+)?(?P<y>(?:19|20)\d\d)\b")
# A year that dates an event, not the figures after it: "since 2019", "founded in 2009".
_SINCE_BEFORE = re.compile(rf"\b(?:{dating.FOUNDING_WORDS})[ \t]+(?:\w+[ \t]+){{0,4}}$", re.IGNORECASE)
_YEAR_PREPOSITION = re.compile(r"\b(?:in|by|for|during|as[ \t]+of|through|until)[ \t]+"
                               r"(?:the[ \t]+(?:end|start|beginning|middle|(?:first|second|third|fourth|final)"
                               r"[ \t]+(?:quarter|half))[ \t]+of[ \t]+)?(?:(?:FY|Q[1-4]|H[12])[ \t]?)?$",
                               re.IGNORECASE)
# A figure's own span of years, which no one year dates: "within the next 5 years", "over the past two years".
SPAN_AFTER = re.compile(r"[^.;,\d]{0,40}?\b(?:within|in|over|during)[ \t]+(?:the[ \t]+)?(?:next|coming|following|past"
                        r"|last)[ \t]+(?:[\w\-]+[ \t]+)?(?:years|decades)\b", re.IGNORECASE)


_CLAUSE_BREAK = re.compile(r"[;:]")
# The earlier value a change is stated against, which belongs to the period before: "share down from 9%", "up from
# 7%" (not "rose from $2 billion to $3 billion", whose two ends a span may part).
# A month or quarter of the value's own, which the year around it dates: "up from 46% in June".
_OWN_TIME_AFTER = re.compile(r"[ \t]+(?:in|during|for)[ \t]+(?:the[ \t]+)?(?:(?:first|second|third|fourth|previous"
                             r"|prior)[ \t]+(?:quarter|half|month)|Q[1-4]|H[12]|" + "|".join(lexicon.MONTHS_CAPITALIZED)
                             + r")\b")
_EARLIER_VALUE = re.compile(r"\b(?:up|down)[ \t]+from[ \t]+(?:(?:about|around|nearly|roughly|almost|just)[ \t]+)?$",
                            re.IGNORECASE)
_THE_BEFORE = re.compile(r"\bthe[ \t]+$")  # "the 13.2% CAGR": a figure named before


def _years(view: _SentenceView, drafts: list[_Draft]) -> None:
    """A figure's year: the one written right after it ("$86 billion in Q4 2024"), else the sentence's nearest
    year that is not only a point of comparison, else its paragraph's, its heading's or its document's."""
    if not drafts:
        return  # a sentence without figures: its years date nothing
    text, sentence, state = view.text, view.sentence, view.state
    relative = [y for y in dating.relative_years(text, sentence.start, sentence.end,
                                                 dating.published_year(state.published), state.doc_year,
                                                 state.published)
                if not dating.is_compared(text, y[0])]  # "fell 8% since last year": a comparison
    short = state.year_scope().short_years(sentence.start, sentence.end)
    stated = [y for y in (*state.page_index().years_between(sentence.start, sentence.end), *short)
              if not dating.is_compared(text, y[0])  # the relative years were tested above
              and not dating.is_dateline(text, y[1])]
    years = [y for y in sorted([*stated, *relative])
             if not (text[y[0]].isdigit() and (dating.is_edition(text, y[0], y[1])
                                               or dating.is_appositive(text, y[0], y[1])))]
    periods = state.page_index().periods_between(sentence.start, sentence.end)
    in_period = {(s, e) for s, e, _ in years if any(ps <= s < pe for ps, pe, _, _ in periods)}
    consumed: set[int] = set()
    own: set[int] = set()  # the drafts (by start) dated by a year of their own, written next to them
    for draft in drafts:
        m = YEAR_AFTER.match(text, draft.end, sentence.end)
        if m and dating.is_compared(text, m.start("y") if m.group("y") else m.start("py"), for_what_follows=False):
            m = None  # "22% higher than in the fourth quarter of 2023": the year compared with
        if m:
            draft.year = int(m.group("y") or m.group("py"))
            consumed.add(m.start("y") if m.group("y") else m.start("py"))
            own.add(draft.start)
        elif (owning := YEAR_OWNING.search(text, max(sentence.start, draft.start - 40), draft.start)) is not None:
            draft.year = int(owning.group("y") or owning.group("y2"))  # "19.1% above the 2023 total of $526.8 billion"
        elif (near := next((r for r in relative if 0 <= r[0] - draft.end <= 25
                            and not any(draft.end <= d.start < r[0] for d in drafts)), None)) is not None:
            draft.year = near[2]  # "rising 4.9% this year" (not "$4 billion, and are set to grow 9% this year")
            consumed.add(near[0])
    breaks: list[tuple[int, int]] | None = None  # the sentence's clause breaks
    endpoints: tuple[int, int] | None = None  # the first and last years of money figures since the last CAGR
    previous: _Draft | None = None
    for draft in drafts:
        prior = previous
        if previous is not None:
            if previous.metric == "cagr":
                endpoints = None
            elif previous.kind == "money" and previous.year:
                low, high = endpoints or (previous.year, previous.year)
                endpoints = min(low, previous.year), max(high, previous.year)
        previous = draft
        if draft.metric == "cagr" or draft.kind in ("multiplier",) or draft.metric == "growth_rate":
            draft.period, written = _period(view, draft, endpoints, periods)
            if draft.metric == "cagr":
                draft.year = None
                continue
            if draft.period and written and draft.period[1] - draft.period[0] > 1:
                continue  # "doubling from 2020 to 2023": a change over a span of years it writes out has no one year
            if draft.period:  # a change is dated by the year it ends in
                draft.year = draft.year or draft.period[1]
                continue
            if draft.kind == "multiplier" and draft.per:
                continue  # "10 times per year": a rate, of no one year
        if draft.year is None and SPAN_AFTER.match(text, draft.end, sentence.end):
            continue  # "200 GW within the next 5 years", "half of the growth over the past two years": no one year
        if breaks is None:  # found once per sentence, when a figure first needs its clause
            breaks = [(m.start(), m.end()) for m in context.CLAUSE_BREAK.finditer(text, sentence.start, sentence.end)]
        start, end = _clause(sentence, draft, breaks)
        quarter = dating.bare_quarter(text, start, end)
        if draft.year is None and prior is not None and prior.metric == "growth_rate" and prior.year \
                and _TO_AFTER_CHANGE.fullmatch(text, prior.end, draft.start):
            draft.year = prior.year  # "rose 12% last year to $4 billion": the level the change reached, its year
        if draft.year is None and quarter is None:  # "double-digit growth is projected for 2025"
            draft.year = _year_later(text, draft, [y for y in years if y[0] < end], in_period, consumed,
                                     others=drafts, free_only=True)
        if draft.year is None:
            draft.year = _year_before(text, draft, years, in_period, consumed)
        if draft.year is None and quarter is None:  # not across a ";": "Over 300 million users; revenue ... in 2025"
            stop = text.find(";", draft.end, sentence.end)
            draft.year = _year_later(text, draft, [y for y in years if stop < 0 or y[0] < stop], in_period,
                                     consumed, others=drafts)
        if draft.year is None and quarter is None:  # "climbing 20% in Q4 2024, to $86 billion": another's year
            draft.year = _year_before(text, draft, years, in_period, set())
        if draft.year is None and not _listed_headline(view, draft):
            draft.year = _context_year(view, quarter)
        if draft.year is not None and (dating.YEAR_EARLIER.match(text, draft.end, end) or draft.start not in own
                                       and _EARLIER_VALUE.search(text, max(start, draft.start - 30), draft.start)
                                       and not _OWN_TIME_AFTER.match(text, draft.end, end)):
            draft.year -= 1  # "share down from 17% a year earlier", "share down from 9%": the year before's value
        elif draft.year is not None and draft.start not in own and dating.YEAR_LATER.match(text, draft.end, end):
            draft.year += 1  # "In 2023, sales were $3 billion. They grew to $4 billion the following year."


_LABEL_BEFORE = re.compile(r":[ \t]*$")  # "Market share: 31 per cent": a value under its label, not a headline


def _listed_headline(view: _SentenceView, draft: _Draft) -> bool:
    """The figure stands in a headline listed among others below the page's text ("Related stories", links):
    a headline states its own date, and the page around it gives it none."""
    text, sentence = view.text, view.sentence
    if _LABEL_BEFORE.search(text, max(sentence.start, draft.start - 4), draft.start):
        return False
    return view.state.year_scope().listed_headline(sentence.start)


def _context_year(view: _SentenceView, quarter: re.Match[str] | None) -> int | None:
    """The year around a sentence that states none for a figure: its quarter's, named without a year ("in Q4":
    the year the page gave that quarter, else the latest such quarter by the printed date), its month's, its
    paragraph's, its heading's or its document's, where the document dates its figures at all."""
    text, sentence, state = view.text, view.sentence, view.state
    if quarter is not None:
        year = state.year_scope().quarter_year(quarter, sentence.start) \
            or dating.bare_quarter_year(quarter, state.published)
        if year is not None:
            return year
    scope = state.year_scope()
    return dating.bare_month_year(text, sentence.start, sentence.end, state.published) \
        or _paragraph_year(view) or scope.heading_year(sentence.start, document=False) \
        or (scope.document_year or dating.published_year(state.published)
            if scope.dates_its_figures(state.text, state.published) else None)


def _clause(sentence: Sentence, draft: _Draft, breaks: list[tuple[int, int]]) -> tuple[int, int]:
    """The clause of its sentence a figure stands in: between the breaks (";", ", and", ", while") around it."""
    start = max((e for s, e in breaks if e <= draft.start), default=sentence.start)
    end = min((s for s, _ in breaks if s >= draft.end), default=sentence.end)
    return start, end


def _year_before(text: str, draft: _Draft, years: list[tuple[int, int, int]], in_period: set[tuple[int, int]],
                 consumed: set[int]) -> int | None:
    for s, e, y in reversed(years):
        if e <= draft.start and s not in consumed and (s, e) not in in_period \
                and (not _SINCE_BEFORE.search(text, max(0, s - 40), s) or dating.opens_when_clause(text, e)):
            return y
    return None


def _year_later(text: str, draft: _Draft, years: list[tuple[int, int, int]], in_period: set[tuple[int, int]],
                consumed: set[int], others: list[_Draft] | None = None, free_only: bool = False) -> int | None:
    """ "46,000 units ... were sold in China in 2023": the sentence's year, stated after the figure; not one
    that a figure it is compared with took ("$140 billion against $120 billion in 2022", "a rise of 21% on the
    $542 billion recorded in 2023"), and none where the figure names its quarter without a year ("$26.3 billion
    in Q4, ... $100 billion in 2025"): that quarter is the paragraph's. `free_only`: only a year that no other
    figure took or stands before."""
    if _QUARTER_WITHOUT_YEAR.match(text, draft.end, min(len(text), draft.end + 40)):
        return None
    for s, e, y in years:
        if draft.metric not in _CHANGES and any(draft.end <= d.start < s and d.kind == draft.kind
                                                and _CHANGE_TO.fullmatch(text, draft.end, d.start)
                                                for d in others or []):
            break  # "$41.8 billion, surging to $71.9 billion by 2030": the year of the value it changes to
        if free_only and (s in consumed or any(draft.end <= d.start < s and not _range_ends(text, draft, d)
                                               for d in others or [])):
            continue
        if s > draft.end and (s, e) not in in_period \
                and (_relative_statement(text, draft.end, s) if RELATIVE_START.match(text, s)
                     else _YEAR_PREPOSITION.search(text, max(0, s - 30), s)) \
                and not (s in consumed and (_COMPARISON_WORD.search(text, draft.end, s)
                                            or _ON_AFTER.match(text, draft.end))):
            return y
    return None


# The two ends of a range written out, which share the year after the second: "between 5.3 TW (low scenario)
# and 7.2 TW (high scenario) by 2029".
_BETWEEN_BEFORE = re.compile(r"\bbetween[ \t]+(?:(?:about|around|roughly|nearly)[ \t]+)?$", re.IGNORECASE)
_RANGE_GAP = re.compile(r"[ \t]*(?:\([^()\n]{0,40}\)[ \t]*)?and[ \t]+(?:(?:about|around|roughly|nearly)[ \t]+)?")


def _range_ends(text: str, first: _Draft, second: _Draft) -> bool:
    return _BETWEEN_BEFORE.search(text, max(0, first.start - 20), first.start) is not None \
        and _RANGE_GAP.fullmatch(text, first.end, second.start) is not None


_CHANGES = ("growth_rate", "cagr", "multiplier")
# Between a change and the level it reached, with the change's year between them or none: "12% last year to".
_TO_AFTER_CHANGE = re.compile(r"[ \t]+(?:(?:in[ \t]+)?(?:this|last|the[ \t]+previous)[ \t]+year[ \t]+"
                              r"|in[ \t]+(?:(?:Q[1-4]|H[12]|FY)[ \t]+)?(?:19|20)\d\d[ \t]+"
                              r"|year[ \t-]+(?:on|over)[ \t-]+year[ \t]+)?"
                              r",?[ \t]*to[ \t]+(?:(?:about|around|nearly|roughly)[ \t]+)?")
# Between a value and the one it changes to: "$41.8 billion, surging to $71.9 billion", "$2 billion to $3 billion".
_CHANGE_TO = re.compile(r",?[ \t]+(?:and[ \t]+)?(?:[a-z]+ing[ \t]+)?to[ \t]+(?:(?:about|around|nearly|roughly)[ \t]+)?")


RELATIVE_START = re.compile(r"(?i:this|last|next|past|previous|the)[ \t]")
# Words that make a year after them the date of a saying, not of the figure: "projected at the end of last year".
_SAYING = re.compile(r"\b(?:project\w*|forecast\w*|expect\w*|predict\w*|estimat\w*|said|says|report\w*|publish\w*"
                     r"|releas\w*|end[ \t]+of|since|from|than|compared|versus|vs)\b|\d", re.IGNORECASE)


def _relative_statement(text: str, figure_end: int, year_start: int) -> bool:
    """ "62.6 GW was installed in the EU last year": a relative year closing the figure's clause needs no "in"."""
    return RELATIVE_START.match(text, year_start) is not None and year_start - figure_end <= 70 \
        and not _CLAUSE_BREAK.search(text[figure_end:year_start]) and not _SAYING.search(text, figure_end, year_start)
_COMPARISON_WORD = re.compile(r"\b(?:against|versus|vs\.?|compared|from|than"
                              r"|(?:increase|rise|gain|growth|decline|drop|fall|up|down)[ \t]+on)\b", re.IGNORECASE)
_ON_AFTER = re.compile(r"[ \t]+on[ \t]", re.IGNORECASE)  # "a rise of 21% on the $542 billion recorded in 2023"
_QUARTER_WITHOUT_YEAR = re.compile(r"(?:[ \t]+[a-z]+){0,2}?[ \t]+(?:in|for|during)[ \t]+(?:the[ \t]+)?(?:Q[1-4]|[1-4]Q|"
                                   r"(?:first|second|third|fourth|final)[ \t]+quarter)\b(?![ \t]*(?:of[ \t]+)?[’']?\d)")


def _period(view: _SentenceView, draft: _Draft, endpoints: tuple[int, int] | None,
            periods: list[tuple[int, int, int, int]]) -> tuple[tuple[int, int] | None, bool]:
    """A change's or CAGR's first and last year, and whether the text writes that span out after the figure
    ("from 2020 to 2023", "2025-2029", "over seven years") rather than as its ends' values' years ("from $1.5
    trillion in 2018 to $3.2 trillion in 2023") or one end of it ("than in 2024")."""
    after = [p for p in periods if p[0] >= draft.end and p[0] - draft.end <= 45]
    if after:
        return (after[0][2], after[0][3]), True
    if draft.metric == "growth_rate":
        return _change_period(view, draft)
    if draft.kind == "multiplier":
        return None, False
    near = [p for p in periods if p[1] <= draft.start and draft.start - p[1] <= 120]
    if near:
        return (near[-1][2], near[-1][3]), False
    if endpoints and endpoints[0] != endpoints[1]:
        return endpoints, False
    if draft.kind == "percent" and _THE_BEFORE.search(view.text[max(0, draft.start - 5):draft.start]):
        known = view.state.cagrs.get(draft.amount.value)
        if known and known[0]:
            return known[0], False
    return None, False


def _change_period(view: _SentenceView, draft: _Draft) -> tuple[tuple[int, int] | None, bool]:
    """ "nearly 50% faster than the 2024 pace" (in 2025); "$754 million ... over seven years" (to 2031); "a 108%
    jump ..., from $1.52 trillion in 2018 to $3.15 trillion in 2023"."""
    text, sentence, state = view.text, view.sentence, view.state
    ends = FROM_TO_YEARS.match(text, draft.end, sentence.end)
    if ends and int(ends.group("a")) < int(ends.group("b")):  # two dated values: the change is the later's
        return (int(ends.group("a")), int(ends.group("b"))), False
    than = THAN_YEAR.match(text, draft.end, sentence.end)
    if than:
        years = [y for _, e, y in state.page_index().years_between(sentence.start, draft.start) if e <= draft.start]
        if years and years[-1] > int(than.group("y")):
            return (int(than.group("y")), years[-1]), False
    over = OVER_YEARS.match(text, draft.end, sentence.end)
    if over:
        n = int(over.group("n")) if over.group("n").isdigit() else _small_number(over.group("n"))
        years = [y for _, _, y in state.page_index().years_between(sentence.start, sentence.end)] \
            or state.previous_years
        if years and n:
            return (max(years) - n, max(years)), True
    return None, False


def _small_number(word: str) -> int:
    return lexicon.UNIT_WORDS[word.lower()]


def _remember_dates(view: _SentenceView, years: list[tuple[int, int, int]]) -> None:
    """Keeps the sentence for its paragraph's year if it writes one (`years`: the years the page index has in it)."""
    if years:
        view.state.paragraph_dated.append((view.sentence.start, view.sentence.end))


def _paragraph_year(view: _SentenceView) -> int | None:
    """The year of the paragraph so far: its last sentence's that states one, by the sentence's first year
    that is neither a comparison nor an end of a period, else its last date."""
    text, state = view.text, view.state
    for span in reversed(state.paragraph_dated):
        if span not in state.dated_years:
            topic = dating.topic_years(text, *span)
            dates = [year for _, year, as_of in state.page_index().dates_between(*span) if not as_of]
            state.dated_years[span] = topic[0][2] if topic else dates[-1] if dates else None
        if state.dated_years[span] is not None:
            return state.dated_years[span]
    return None
