"""The dates of a document and the years its figures fall under.

- `published_date`: the date the document prints for itself (a dateline "RENO, NV, February 6, 2025", a line
  "Last updated on 9/22/2025", a byline "Analyst Color | October 11, 2024"), as an ISO string.
- `YearScope`: the year a figure falls under when its own sentence states none: the paragraph's, the
  heading's (a short line that ends without a full stop: "Q4 2024 results"), or the document's (the first year
  its opening states, e.g. in its title). Years that only compare ("up 7% over 2023", "versus the fourth
  quarter of 2023") or date an event ("since 2019") never set a scope.
- `relative_years`: "this year", "last year", "next year", "the end of the decade" read against the document's
  own date; `bare_month_year` and `bare_quarter_year`: a month or quarter named without its year, the latest
  such up to the document's printed date.

All patterns are module-level constants.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from extractors.lexicon import MONTH_NAMES, MONTHS_CAPITALIZED, RECENT_YEAR_DIGITS, YEAR_DIGITS

_MONTH = (r"(?P<{0}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# "February 6, 2025", "6 February 2025", "2025-02-06", "9/22/2025" (month first, as the US prints it).
FULL_DATE = re.compile(
    r"\b" + _MONTH.format("m1") + r"[ \t]+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?[ \t]+(?P<y1>(?:19|20)\d\d)\b"
    r"|\b(?P<d2>\d{1,2})(?:st|nd|rd|th)?[ \t]+" + _MONTH.format("m2") + r",?[ \t]+(?P<y2>(?:19|20)\d\d)\b"
    r"|\b(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)\b"
    r"|(?<![\d/])(?P<m4>1[0-2]|0?[1-9])/(?P<d4>3[01]|[12]\d|0?[1-9])/(?P<y4>(?:19|20)\d\d)\b"
)
MONTH_YEAR = re.compile(r"\b" + _MONTH.format("m") + r",?[ \t]+(?P<y>(?:19|20)\d\d)\b")
# A line that says when the document was written: "Last updated: April 2026", "Published 3 May 2025".
DATE_LABEL = re.compile(r"(?i:published|updated|posted|released|date[d]?|last[ \t]+modified)\b[^\n]{0,12}$")
_YEARISH = re.compile(YEAR_DIGITS)
_IN_STATEMENT = re.compile(r"(?i:\b(?:in|since|from|by|until|on|of|before|after|during|to)[ \t]+)$")
_OPENING = 1500  # characters in which a dateline or byline date is looked for
# Before a year that is only a point of comparison: "over 2023", "versus the fourth quarter of 2023",
# "up from 17% in Q4 2023" is the 17%'s own year and is read as such before this applies.
COMPARED_BEFORE = re.compile(
    r"(?i:\b(?:over|versus|vs\.?|on|against|than|compared[ \t]+(?:with|to)|relative[ \t]+to|since|from|as"
    r"|(?:above|below)(?:[ \t]+that[ \t]+of)?)"
    r"[ \t]+(?:in[ \t]+)?(?:(?:the|a|its|their|our|his|her)[ \t]+)?"
    r"(?:(?:same|full|whole|entire|first|second|third|fourth|final|last|prior|late|early|mid)"
    r"[ \t-]+)?(?:(?:quarter|half|period|year|month|total)[ \t]+(?:of|in)[ \t]+)?(?:Q[1-4]|H[12]|[1-4]Q|FY)?[ \t]?)$"
)
_YEAR = re.compile(r"(?<![\w\-.,$€£¥/])(?:Q[1-4][ \t]?|H[12][ \t]?|FY[ \t]?)?(?P<y>" + RECENT_YEAR_DIGITS + ")(?:E|F)?"
                   r"(?![\w%]|[.,]\d|[-–]\d)")
_PERIOD_AFTER = re.compile(r"[ \t]*(?:[-–—]|to|through|until|and)[ \t]*(?:19|20)?\d\d\b")
_PERIOD_BEFORE = re.compile(r"(?:(?:19|20)\d\d[ \t]*(?:[-–—]|(?i:to|through|until))[ \t]*"
                            r"|\b(?i:from|between)[ \t]+(?:19|20)\d\d[ \t]+"
                            r"(?i:to|and|through|until)[ \t]+)$")
# Words that make the year after them a founding or a start, not the date of what is said: "since 2019",
# "founded in 2009"; `figures.years` reads them too.
FOUNDING_WORDS = "since|founded|established|incorporated"
# An event's date, not a statement's: a founding, or a first appearance ("coined by Stanford's Center for Research
# ... in 2021"). Figures are dated by the founding words only: a launch year can be a figure's own.
_EVENT_BEFORE = re.compile(rf"(?i:\b(?:{FOUNDING_WORDS}|launched|coined|introduced|invented|created)\b"
                           r"[^,;:.()]{0,80})$")
_HORIZON_BEFORE = re.compile(r"(?i:\b(?:by|until|through|till)[ \t]+(?:the[ \t]+end[ \t]+of[ \t]+)?)$")
# A year that closes a title's name, the edition of a report or an event: "Snapshot of Global PV Markets 2025",
# "Global EV Outlook 2024", "CES 2025". An edition is dated after the data it reports, so it dates no figure.
# (Not "Q4 2024", "Fiscal 2024", "In 2024", nor a year a lowercase noun follows: "Tesla 2024 deliveries".)
_EDITION_BEFORE = re.compile(r"(?<![\w\-])(?!(?:In|By|For|From|Since|Until|Through|During|Of|To|And|At|On|Before|After"
                             r"|Fiscal|Financial|Calendar|Year|Mid|Early|Late|End|The)\b)[A-Z][A-Za-z]+[’']?[ \t]+$")
_EDITION_AFTER = re.compile(r"(?![ \t]+[a-z])(?![ \t]*[-–—/])")
RELATIVE_YEAR = re.compile(r"\b(?i:(?P<which>this|last|next|past|previous|the[ \t]+previous|the[ \t]+current)"
                           r"[ \t]+year(?:[’']s)?|the[ \t]+end[ \t]+of[ \t]+(?P<decade>the|this)[ \t]+decade)\b")
RELATIVE_NEAR = re.compile(r"\b(?i:(?P<which>this|last|past|previous)[ \t]+(?P<unit>week|month))\b")
# A figure's year stated as the one before its context's: "share down from 17% a year earlier", "against nearly
# 90% in the year before" (not "up 5% from a year earlier": a change against the year before is this year's).
# A figure's year stated as the one after its context's: "grew to $4 billion the following year".
YEAR_LATER = re.compile(r"[ \t]*,?[ \t]*(?:in[ \t]+)?(?:(?:the|a)[ \t]+(?:following|subsequent)[ \t]+year"
                        r"|(?:a|one)[ \t]+year[ \t]+later|the[ \t]+year[ \t]+after)\b", re.IGNORECASE)
YEAR_EARLIER = re.compile(r"[ \t]*,?[ \t]*(?:in[ \t]+)?(?:a|one|the)[ \t]+year[ \t]+(?:earlier|before|prior)\b",
                          re.IGNORECASE)
_RELATIVE_OFFSET = {"this": 0, "the current": 0, "last": -1, "past": -1, "previous": -1, "the previous": -1,
                    "next": 1}


def published_date(text: str) -> str | None:
    """The document's printed date as ISO ("2025-02-06", "2025-04"): a labelled date in the opening, else its
    first full date, else its first month and year, where either stands as a dateline or byline (near the
    start of its line, or on a short line) rather than inside a statement."""
    opening = text[:_OPENING]
    full, month = _dates_near_years(opening)
    labelled = [m for m in (*full, *month) if DATE_LABEL.search(opening, max(0, m.start() - 30), m.start())]
    for m in sorted(labelled, key=lambda m: m.start()):
        return _iso(m)
    for found in (full, month):
        for m in found:
            if _stands_alone(opening, m):
                return _iso(m)
    return None


def _dates_near_years(text: str) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """Full dates and months with a year, looked for only around the years written (a date holds one)."""
    full: dict[int, re.Match[str]] = {}
    month: dict[int, re.Match[str]] = {}
    for y in _YEARISH.finditer(text):
        start, end = max(0, y.start() - 24), min(len(text), y.end() + 7)
        full.update((m.start(), m) for m in FULL_DATE.finditer(text, start, end))
        month.update((m.start(), m) for m in MONTH_YEAR.finditer(text, start, end))
    return [full[k] for k in sorted(full)], [month[k] for k in sorted(month)]


def _byline(text: str, m: re.Match[str]) -> bool:
    """A date on a line of its own or closing a short byline: "May 2025", "12 minute read | August 2025"."""
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    line_start = text.rfind("\n", 0, m.start()) + 1
    return not text[m.end():line_end].strip() and line_end - line_start <= 40 + (m.end() - m.start())


def _stands_alone(text: str, m: re.Match[str]) -> bool:
    if _IN_STATEMENT.search(text, max(0, m.start() - 12), m.start()):
        return False  # "In January 2024, Plus Power commissioned ...": an event's date
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    return m.start() - line_start <= 40 or line_end - line_start <= 80


def _iso(m: re.Match[str]) -> str:
    groups = {k: v for k, v in m.groupdict().items() if v}
    year = next(v for k, v in groups.items() if k.startswith("y"))
    month_raw = next((v for k, v in groups.items() if k.startswith("m")), None)
    day = next((v for k, v in groups.items() if k.startswith("d")), None)
    if month_raw is None:
        return year
    month = int(month_raw) if month_raw.isdigit() else _month_number(month_raw)
    return f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")


def _month_number(name: str) -> int:
    lower = name.lower().rstrip(".")
    return next(i + 1 for i, full in enumerate(MONTH_NAMES) if full.startswith(lower[:3]))


def published_year(published: str | None) -> int | None:
    return int(published[:4]) if published else None


def topic_years(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, end, year) of the years in text[start:end] that a statement is about: not a comparison
    ("over 2023"), not an end of a period ("2025-2029"), not an event's date ("since 2019"), not a calendar
    date (a dateline) nor a byline's month."""
    out = []
    for m in _YEAR.finditer(text, start, end):
        s = m.start()
        if _date_ends_at(text, m.end("y")):
            continue
        near = text[max(0, s - 45):s]
        if COMPARED_BEFORE.search(near) or _PERIOD_BEFORE.search(near) \
                or _EVENT_BEFORE.search(text[max(0, s - 100):s]) \
                or _PERIOD_AFTER.match(text, m.end(), min(len(text), m.end() + 12)) \
                or is_edition(text, m.start("y"), m.end("y")) or in_quoted_title(text, m.start("y")):
            continue
        out.append((m.start("y"), m.end("y"), int(m.group("y"))))
    return out


def _date_ends_at(text: str, year_end: int) -> bool:
    """A full date or a labelled or byline month ends with the year that ends at `year_end`."""
    window = max(0, year_end - 24)
    for m in FULL_DATE.finditer(text, window, year_end):
        if m.end() == year_end:
            return True
    month = MONTH_YEAR.search(text, window, year_end)
    return month is not None and month.end() == year_end and (
        DATE_LABEL.search(text, max(0, month.start() - 30), month.start()) is not None or _byline(text, month))


# A quoted title: an opening quote and a capital ("the report “Top 100 online marketplaces in 2020: ...”").
_QUOTE_OPENS = re.compile(r"[“\"][A-Z][^“”\"\n]*$")
_QUOTE_CLOSES = re.compile(r"[^“”\"\n]*[”\"]")


def in_quoted_title(text: str, year_start: int) -> bool:
    """The year at `year_start` stands inside a quoted title, which names a report's edition, not its data's year."""
    return _QUOTE_OPENS.search(text, max(0, year_start - 100), year_start) is not None \
        and _QUOTE_CLOSES.match(text, year_start, min(len(text), year_start + 100)) is not None


# What follows a wire dateline's date: the wire's name, then a dash ("June 10, 2025 (Wire) -", "2025 /Newswire/ --").
_DATELINE_AFTER = re.compile(r"[ \t]*(?:(?:\([^()\n]{1,40}\)|/[^/\n]{1,40}/)[ \t]*)?(?:--|—|–|-)[ \t]")


# A dateline opening a story: a place ("ROTTERDAM, Netherlands", "CHICAGO"), a date, a wire's name, a dash:
# "LONDON, June 10, 2025 (Wire) - ", "CHICAGO (Weekly) – ", "OSLO, March 4, 2025 -- ".
_PLACE_NAME = r"[A-Z][A-Za-z.'’]*(?:[ \t]+[A-Z][A-Za-z.'’]*){0,3}"
# Each optional part takes the blanks after it, so a run of blanks is read one way only (no runaway search).
_DATELINE = re.compile(rf"(?P<place>{_PLACE_NAME}(?:,[ \t]+{_PLACE_NAME}){{0,2}})?,?[ \t]*"
                       r"(?:(?P<date>" + _MONTH.format("m") + r"[ \t]+\d{1,2},?[ \t]+(?:19|20)\d\d)[ \t]*)?"
                       r"(?:(?P<wire>\([^()\n]{1,40}\)|/[^/\n]{1,40}/)[ \t]*)?(?:--|[-–—])[ \t]+")


def dateline_end(text: str, start: int, end: int) -> int:
    """Where the story proper starts after a dateline opening text[start:end], else `start`: a date or a place
    in capitals ("HAMBURG — ", "CHICAGO (Weekly) – ") before the dash."""
    m = _DATELINE.match(text, start, end)
    place = (m["place"] or "").split(",")[0] if m else ""
    if m is None or not (m["date"] or place.isupper() and len(place) >= 4):  # not "AI - the market"
        return start
    return m.end()


def is_dateline(text: str, year_end: int) -> bool:
    """The year ending at `year_end` closes a dateline's full date ("LONDON, June 10, 2025 (Wire) - ..."): the
    date the story was filed, which dates none of the figures of the sentence it opens."""
    return _DATELINE_AFTER.match(text, year_end) is not None and _date_ends_at(text, year_end)


def is_edition(text: str, year_start: int, year_end: int) -> bool:
    """The year at text[year_start:year_end] closes a title's name ("Global EV Outlook 2024") and is not a month's."""
    before = text[max(0, year_start - 16):year_start]
    if not _EDITION_BEFORE.search(before) or _EDITION_AFTER.match(text, year_end) is None:
        return False
    word = before.split()[-1].rstrip("’'").lower()
    return not any(name.startswith(word) for name in MONTH_NAMES) or len(word) < 3


# A year that describes someone in an aside, not the statement's date: "Intel, the 2023 market leader, slipped".
_APPOSITIVE_BEFORE = re.compile(r",[ \t]+the[ \t]+$")
_APPOSITIVE_AFTER = re.compile(r"(?:[ \t]+[a-z][\w\-]*){1,3},")


def is_appositive(text: str, year_start: int, year_end: int) -> bool:
    """The year at text[year_start:year_end] opens an aside between commas that names someone's standing."""
    return _APPOSITIVE_BEFORE.search(text, max(0, year_start - 8), year_start) is not None \
        and _APPOSITIVE_AFTER.match(text, year_end) is not None


def is_compared(text: str, year_start: int, for_what_follows: bool = True) -> bool:
    """The year at `year_start` is a point of comparison: "up 7% over 2023", "versus Q4 2023"; for what follows
    it, not one that opens a clause of its own ("down 93% since 2010, when the average stood at $1,474"), which
    still only compares for the figure before it ("10% more than in 2023, when it was $4.5 billion")."""
    m = _YEAR.search(text, max(0, year_start - 3), year_start + 4)
    at = m.start() if m and m.start("y") == year_start else year_start
    return bool(COMPARED_BEFORE.search(text[max(0, at - 45):at])) \
        and not (for_what_follows and opens_when_clause(text, year_start + 4))


_WHEN_AFTER = re.compile(r",?[ \t]+when\b")


def opens_when_clause(text: str, year_end: int) -> bool:
    """The year ending at `year_end` dates the clause after it: "since 2010, when prices stood at ..."."""
    return _WHEN_AFTER.match(text, year_end) is not None


class YearScope:
    """The years of a page's headings and of its document's opening, looked up by position."""

    def __init__(self, text: str, document_year: int | None, first_page: bool = True) -> None:
        self.document_year = document_year
        self._text = text
        self._short: list[tuple[int, int, int]] | None = None
        self._short_starts: list[int] = []
        self._heading_starts: list[int] = []
        self._heading_years: list[int | None] = []
        self._quarters: dict[int, list[tuple[int, int]]] | None = None
        self._body_start: int | None = None  # where the page's first line that ends a sentence starts
        self._dates_figures: bool | None = None
        # Only lines with a year can give one; the opening's headings (the title) are summed up by the
        # document's year.
        done = -1
        for y in _YEARISH.finditer(text, _OPENING // 2 if first_page else 0):
            if y.start() < done:
                continue
            start = text.rfind("\n", 0, y.start()) + 1
            end = text.find("\n", y.end())
            done = end = len(text) if end < 0 else end
            line = text[start:end].strip()
            if not 3 <= len(line) <= 110 or line[-1] in ".;,:!?" or sum(ch.isalpha() for ch in line) < 3 \
                    or _in_table_row(text, start):  # a table's row is no heading
                continue
            years = topic_years(text, start, end)
            if years:
                self._heading_starts.append(start)
                self._heading_years.append(years[0][2])

    def listed_headline(self, position: int) -> bool:
        """The line at `position` is a headline in a list of them: a line of five words or more that ends
        without a sentence's stop, below the page's first full sentence (the title and masthead above it are
        the page's own), set in brackets ("[Related: ...]") or next to another line that ends without a stop."""
        if self._body_start is None:
            first = _SENTENCE_LINE.search(self._text)
            self._body_start = first.start() if first else len(self._text)
        if position < self._body_start:
            return False
        line = _line_at(self._text, position)
        if not _is_headline(line) or len(line.split()) < 5:
            return False
        if line[0] in "[(" and line[-1] in "])":
            return True
        start = self._text.rfind("\n", 0, position)
        before = _line_at(self._text, start - 1) if start > 0 else ""
        end = self._text.find("\n", position)
        after = _line_at(self._text, end + 1) if end >= 0 else ""
        return _is_headline(before) or _is_headline(after)

    def short_years(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """The page's "Q2’25" years in [start, end), found in one pass over the page when first asked for."""
        if self._short is None:
            self._short = short_years(self._text, 0, len(self._text))
            self._short_starts = [y[0] for y in self._short]
        return self._short[bisect_left(self._short_starts, start):bisect_left(self._short_starts, end)]

    def quarter_year(self, quarter: re.Match[str], position: int) -> int | None:
        """The year the page first gave the quarter `quarter` names ("Q4") above `position` ("in the fourth
        quarter of 2024", a heading "Q4 2024 results"), found in one pass over the page when first asked for."""
        if self._quarters is None:
            self._quarters = {}
            for m in QUARTER_WITH_YEAR.finditer(self._text):
                if not is_compared(self._text, m.start("y")):
                    self._quarters.setdefault(_quarter_number(m), []).append((m.start(), int(m.group("y"))))
        # The first that states it: the title's or opening's, before any comparison with the year before.
        return next((y for start, y in self._quarters.get(_quarter_number(quarter), []) if start < position), None)

    def heading_year(self, position: int, document: bool = True) -> int | None:
        """The year of the nearest heading above `position` that states one, else (with `document`) the
        document's."""
        i = bisect_right(self._heading_starts, position) - 1
        while i >= 0:
            if self._heading_years[i] is not None:
                return self._heading_years[i]
            i -= 1
        return self.document_year if document else None

    def dates_its_figures(self, document_text: str, published: str | None) -> bool:
        """The document prints its date or its lede states a year (`opening_states_a_year`), so that its year
        dates the figures nothing nearer dates; found once per page."""
        if self._dates_figures is None:
            self._dates_figures = published is not None or opening_states_a_year(document_text)
        return self._dates_figures


def opening_year(text: str) -> int | None:
    """The year the document is about: the topic year its opening (title, standfirst, first lines) states most
    often ("Q2’25" included), the earliest of a tie, leaving out forecasts' horizons ("to reach $143bn by 2031")
    and quoted titles' years; where the first 750 characters state none, the first 1,500. (Reading 1,500
    characters first was tried: as many documents lost as gained.)"""
    for end in (min(len(text), _OPENING // 2), min(len(text), _OPENING)):
        stated = sorted([*topic_years(text, 0, end), *short_years(text, 0, end)])  # "in Q2’25" states 2025 too
        years = [year for start, _, year in stated if not _HORIZON_BEFORE.search(text, max(0, start - 12), start)
                 and not _in_table_row(text, start)]
        if years:
            return max(years, key=lambda y: (years.count(y), -years.index(y)))
    return None


# A line that ends a sentence: its last printed character a stop (a quote or bracket may close after it).
_SENTENCE_LINE = re.compile(r"^[^\n]*[.!?;:][\"”’)\]]*[ \t]*$", re.MULTILINE)
_GOES_ON = frozenset(("the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but",
                      "its", "their", "that", "which", "than", "as", "is", "are", "was", "were"))
_STOP_INSIDE = re.compile(r"[.!?][\"”’)\]]*[ \t]")
_BULLET = re.compile(r"(?:[•·▪◦*\-–]|\d{1,2}[.)])[ \t]")


def _line_at(text: str, position: int) -> str:
    """The stripped line of `text` that holds `position`."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[start:end if end >= 0 else len(text)].strip()


def _is_headline(line: str) -> bool:
    """A printed line that is not a sentence: it starts in upper case and ends on no stop and no word that a
    sentence wrapped over lines (as PDF text is) would go on from ("the", "of"), holds no stop inside (a caption's
    credit may follow a sentence: "... rise for BYD. / Photo: AP"), and is not a table's row nor a list's bullet."""
    return 0 < len(line) <= 120 and (line[0].isupper() or line[0] in "[(\"“") and line[-1] not in ".!?;:,-" \
        and "|" not in line and "\t" not in line and _BULLET.match(line) is None \
        and _STOP_INSIDE.search(line) is None and line.rsplit(None, 1)[-1].lower() not in _GOES_ON


# A sentence of the opening's text: it ends with a full stop (not a question's mark: a title "Who leads in 2025?"
# states nothing) and runs to six words or more (not "Read more...").
_OPENING_SENTENCE = re.compile(r"[^\s.!?][^\n]*?[.!](?=[\"”’)\]]*(?:[ \t]+[\"“(\[]?[A-Z0-9]|[ \t]*(?:\n|$)))")
_LEDE_SENTENCES = 3
# A verb in the past tense: a lede that reports what happened ("volumes held up", "Acme took 41%").
_PAST_TENSE = re.compile(r"\b(?i:was|were|had|did|took|rose|fell|grew|held|saw|came|hit|sold|spent|won|led|made"
                         r"|beat|paid|shrank|slid|stood|went|\w{3,}ed)\b")


def opening_states_a_year(text: str) -> bool:
    """The document's opening says what year it reports on: its first sentences (its lede, not its title or
    masthead) state a year ("Smartphone sales rose 7% in 2024", "in Q2’25", "this year"), or its title states one
    ("Pet food makers post record 2023", not a question) and the lede reports in the past tense. A page that does
    neither and prints no date is about no one year: a title's "Ecommerce Statistics in 2024" over a lede in the
    present tense names an edition of evergreen figures ("there are 32.7 million stores")."""
    opening = text[:_OPENING]
    lede: list[tuple[int, int]] = []
    for m in _OPENING_SENTENCE.finditer(opening):
        if len(m.group().split()) < 6 or _in_table_row(opening, m.start()):
            continue
        start, end = m.span()
        years = [s for s, _, _ in topic_years(opening, start, end)
                 if not _HORIZON_BEFORE.search(opening, max(0, s - 12), s)]
        if years or short_years(opening, start, end) or RELATIVE_YEAR.search(opening, start, end):
            return True
        lede.append((start, end))
        if len(lede) == _LEDE_SENTENCES:
            break
    if not lede:
        return True  # an opening of headings and bullets only: nothing says the page is undated
    if not any(_PAST_TENSE.search(opening, start, end) for start, end in lede):
        return False
    title = opening[:lede[0][0]].strip().split("\n")
    return any(line.strip() and not line.rstrip().endswith("?") and topic_years(line, 0, len(line))
               for line in title)


def _in_table_row(text: str, position: int) -> bool:
    """The line at `position` is a table's row (its cells parted by "|" or tabs)."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return "|" in line or "\t" in line


# A quarter, half or fiscal year with a two-digit year: "Q2’25", "H1/25", "FY25".
# The letter first, then the look back for a word's start: the engine skips ahead to a Q, H or F (six times as fast
# as trying the word boundary at every position).
SHORT_YEAR = re.compile(r"(?:Q(?<!\wQ)[1-4]|H(?<!\wH)[12]|F(?<!\wF)Y)[ \t]?[’'/]?(?P<yy>[0-4]\d)\b(?![.,]?\d)")


def short_years(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(start, end, year) of "Q2’25", "H1/25", "FY25" in text[start:end], in this century; the span is the whole
    token, so that what comes before it ("a drop of 6% for H1/25") reads as it would before a year."""
    return [(m.start(), m.end("yy"), 2000 + int(m.group("yy"))) for m in SHORT_YEAR.finditer(text, start, end)]


# A month named without its year: "In October and November, BYD sold ...", "sales in March".
BARE_MONTH = re.compile(r"\b(?P<m>" + "|".join(m for m in MONTHS_CAPITALIZED if m != "May")
                        + r"|(?<=in )May)\b(?![ \t]+\d{1,2},?[ \t]+(?:19|20)\d\d|,?[ \t]+(?:19|20)\d\d|[ \t]+\d)")


# A quarter named without its year: "in Q4", "the first quarter", "Fourth-quarter sales" (not "Q4 2024",
# "the fourth quarter of 2023", "Q2’25").
BARE_QUARTER = re.compile(r"\b(?:Q(?P<q>[1-4])|(?P<w>(?i:first|second|third|fourth))[ \t-]+(?i:quarter))\b"
                          r"(?![ \t]*(?:of[ \t]+|,[ \t]*)?(?:(?:FY|CY|fiscal|calendar)[ \t]*)?[’'/]?\d)")
_QUARTER_WORDS = ("first", "second", "third", "fourth")
QUARTER_WITH_YEAR = re.compile(r"\b(?:Q(?P<q>[1-4])|(?P<w>(?i:first|second|third|fourth))[ \t-]+(?i:quarter))"
                               r"(?:[ \t]+of)?[ \t]*(?:(?:FY|CY|fiscal|calendar)[ \t]*)?(?P<y>(?:19|20)\d\d)\b")


def _quarter_number(m: re.Match[str]) -> int:
    return int(m.group("q")) if m.group("q") else _QUARTER_WORDS.index(m.group("w").lower()) + 1


def bare_month_year(text: str, start: int, end: int, published: str | None) -> int | None:
    """The year of a month a sentence names without one: the latest such month up to the document's printed
    date ("In October and November" in a report of 2024-12-26 is 2024; "in December" in one of 2025-02 is 2024)."""
    if not published or len(published) < 7:
        return None
    m = BARE_MONTH.search(text, start, end)
    if not m:
        return None
    year, month = int(published[:4]), int(published[5:7])
    return year if _month_number(m.group("m")) <= month else year - 1


def bare_quarter(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first quarter text[start:end] names without its year ("capex reached $26.3 billion in Q4")."""
    if text.find("Q", start, end) < 0 and text.find("uarter", start, end) < 0:
        return None  # the cheap test first: most clauses name no quarter
    return BARE_QUARTER.search(text, start, end)


def bare_quarter_year(quarter: re.Match[str], published: str | None) -> int | None:
    """The year of a quarter named without one: the latest such quarter begun by the document's printed date
    ("in Q4" in a report of 2025-02 is 2024; "the first quarter" in one of 2024-12 is 2024)."""
    if not published or len(published) < 7:
        return None
    number = _quarter_number(quarter)
    year, month = int(published[:4]), int(published[5:7])
    return year if 3 * number - 2 <= month else year - 1


def relative_years(text: str, start: int, end: int, reference: int | None,
                   about: int | None = None, published: str | None = None) -> list[tuple[int, int, int]]:
    """(start, end, year) of "this year", "last year", "next year", "the end of the decade" in text[start:end],
    against `reference` (the printed date's year); `about`, a year the document is about, is near enough to name
    the decade when no date is printed; with the printed date's month (`published`), "last week", "this month"
    too."""
    decade_reference = reference or about
    if decade_reference is None:
        return []
    out = _near_dates(text, start, end, published)
    if text.find("year", start, end) < 0 and text.find("Year", start, end) < 0 \
            and text.find("decade", start, end) < 0:
        return out  # the cheap test first: most sentences say no "year" at all
    for m in RELATIVE_YEAR.finditer(text, start, end):
        if m.group("decade"):  # "by the end of the decade": the decade's last year, as reports count it (2030)
            out.append((m.start(), m.end(), decade_reference // 10 * 10 + 10))
            continue
        if reference is None:
            continue
        which = " ".join(m.group("which").lower().split())
        out.append((m.start(), m.end(), reference + _RELATIVE_OFFSET[which]))
    return sorted(out)


def _near_dates(text: str, start: int, end: int, published: str | None) -> list[tuple[int, int, int]]:
    """(start, end, year) of "last week", "this month", "last month" in text[start:end], by the printed date
    (which must give its month): the printed year, but the year before for last month in a January."""
    if not published or len(published) < 7 or (text.find("week", start, end) < 0
                                                and text.find("month", start, end) < 0):
        return []
    year, month = int(published[:4]), int(published[5:7])
    out = []
    for m in RELATIVE_NEAR.finditer(text, start, end):
        before = month == 1 and m.group("which").lower() != "this" and m.group("unit").lower() == "month"
        out.append((m.start(), m.end(), year - 1 if before else year))
    return out
