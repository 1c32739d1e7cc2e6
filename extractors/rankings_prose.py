"""Rankings written in prose: positions that sentences state in words.

A position is read only where the words state one, never from the values:

- a leader: "X leads the market with 31%", "X holds a strong lead", "X was in front with 13.4%",
  "X sat at the top of ...", "X's lead", "X and Y share the lead" (a tie);
- an ordinal: "X came second", "X took the fourth spot with 7.9%", "second-place X (9.4%)",
  "No. 2: X", "X, Y and Z took third, fourth and fifth place respectively";
- an order: "followed by X at 8.8%", "X was next", "then X with 9%, Y with 8%", "X trails closely",
  "just ahead of X's ~21%", "with X, Y and Z behind it";
- a pair: "X overtook Y", "X moved ahead of Y to become the world's biggest ...", "X, slightly behind Y";
- a list introduced as the top N: "the top three providers, A, B and C, ..." (a list in alphabetical
  order is a list of names, not an order).

Within a paragraph the entries of one order form one ranking: a sentence that continues an order
("X was next") takes the rank after the last one. Each entry's value is the amount written next to its
entity (a share before money before a count; a change only where the ranking is by a change), and its
ranking is named by the anchoring sentence's scope and period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractors.amounts import Amount, find_amounts
from extractors.model import RankedEntry

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8,
    "9th": 9, "10th": 10, "top": 1, "number one": 1, "no. 1": 1, "no.1": 1, "no 1": 1,
}
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_ORD = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|[1-9](?:st|nd|rd|th)|10th"
_COUNT = r"two|three|four|five|six|seven|eight|nine|ten|[2-9]|10"
# A proper name: capitalized words (digits, dots, '+', '&' allowed), "The Roku Channel", "U.S.", "Disney+".
NAME = r"(?:The\s)?(?:[A-Z]|[a-z][A-Z])[\w.+&'*-]*(?:(?<!['’]s)\s(?:[A-Z0-9][\w.+&'*-]*|(?:of|de|&)(?=\s[A-Z])))*"
NAME_RE = re.compile(NAME)
NAME_AT_END = re.compile(rf"(?P<name>{NAME})(?:'s?)?\s*$")
LIST = rf"{NAME}(?:,\s(?:and\s)?{NAME})*(?:,?\s(?:and|&)\s{NAME})"
LIST_ITEM = re.compile(rf"(?:^|,\s|\s(?:and|&)\s)(?:and\s)?(?P<name>{NAME})")
# A sentence ends at . ! ? before a capital, but not after an abbreviation ("vs.", "No.", "Inc.", "U.S.").
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])(?<!\bvs\.)(?<!\bNo\.)(?<!\bInc\.)(?<!\bCo\.)(?<!\bLtd\.)(?<!\bCorp\.)"
                            r"(?<!\bSt\.)(?<!\bMr\.)(?<!\bDr\.)(?<!\b[A-Z]\.[A-Z]\.)\s+(?=[A-Z\"“(])")

# Cues whose entity stands before them (the clause's subject); `rank` is absolute or "next".
LEADER_CUE = re.compile(
    r"(?<![\w-])(?:leads(?!\s(?:to|into)\b)|led(?!\s(?:by|to|into)\b)|dominated|dominates|"
    r"(?:is|are|was|were)\s(?:\w+\s)?(?:expected|projected|anticipated|forecast|estimated|set|poised|likely)\sto\s"
    r"(?:lead|dominate)\b|(?:holds?|held|has|had|took|takes|retains?|retained|maintains?|maintained|kept|keeps|"
    r"extended|extends|widened|widens|reclaimed|regained)\s(?:a\s|the\s|its\s|their\s)?(?:\w+\s)?lead\b|"
    r"(?:is|was|remains?|remained|stays?|stayed|became|becomes|sat|sits|came\sout|comes\sout)\s(?:still\s|again\s|"
    r"now\s|firmly\s|comfortably\s|well\s)?(?:out\s)?(?:in\sfront|on\stop|at\sthe\stop)\b|"
    r"(?:is|was|remains?|remained|stays?|stayed|became|becomes)\s(?:still\s|again\s|now\s)?the\s(?:clear\s|"
    r"undisputed\s|overall\s)?(?:market\s)?leader\b|"
    r"(?:came\sout|comes\sout|emerged|emerges)\sas\sthe\s(?:clear\s|undisputed\s|overall\s)?(?:market\s)?leader\b|"
    r"\bout(?:grew|sold|paced|performed|shipped|earned)\s(?:all\s|the\s|every\s)other\b|"
    r"(?:topped|tops)\sthe\s(?:list|ranking|rankings|chart|charts|table|market)\b)",
)
TIE_CUE = re.compile(r"\b(?:share|shared|sharing)\sthe\slead\b|\b(?:are|were|was|is)\s(?:jointly\s)?tied\sfor\s"
                     r"(?:the\s)?(?P<ord>lead|first|top|" + _ORD + r")\b")
ORDINAL_CUE = re.compile(
    rf"\b(?:came|comes|finished|finishes|ranked|ranks|placed|places|stood|stands|was|is|remained|remains)\s"
    rf"(?:in\s)?(?P<ord>{_ORD})\b(?!\s(?:time|quarter|half|year|largest|biggest))|"
    rf"\b(?:took|takes|taking|secured|secures|claimed|claims|held(?:\son\sto)?|holds(?:\son\sto)?|retained|retains|"
    rf"reclaimed|kept|keeps|won|took\sback|taking\sback|moved\sup\sto|moves\sup\sto|moved\sinto|moved\sto|"
    rf"rose\sto|rises\sto|climbed\sto|fell\sto|falls\sto|dropped\sto|slipped\sto|slips\sto|jumped\sto|jumps\sto|"
    rf"advanced\sto|was\sin|is\sin)\s(?:the\s|its\s)?"
    rf"(?:(?P<ord2>{_ORD}|top|No\.\s?\d{{1,2}}|number\s(?:one|two|three|four|five|six|seven|eight|nine|ten))"
    rf"\s(?:spot|place|position|rank|ranking)\b|No\.\s?(?P<no>\d{{1,2}})\b)",
    re.IGNORECASE,
)
BARE_ORDINAL = re.compile(rf"^\s*(?P<ord>{_ORD})\s(?:on|with|at)\b")  # "... and Apple second on 18 per cent"
NEXT_CUE = re.compile(r"\b(?:was|is|were|came|comes)\snext\b|\bfollows\b|\bfollowed(?!\sby)\b|\btrails\b|"
                      r"\btrailed\b|\bwas\srunner-up\b")
POSSESSIVE_LEAD = re.compile(rf"(?P<name>{NAME})'s?\s(?:\w+\s)?lead\b")
# Cues whose entity follows them.
FOLLOWED_BY = re.compile(rf"\b(?P<cue>followed\sby|then|ahead\sof|with)\s(?:the\s(?=[A-Z]))?(?P<name>{NAME})"
                         r"(?P<next>\snext\b)?")
PLACE_BEFORE_NAME = re.compile(rf"\b(?P<ord>{_ORD})[- ]place(?:d)?\s(?P<name>{NAME})")
OVERTAKE = re.compile(
    r"\b(?:overtook|overtaken|overtake|overtakes|overtaking|surpassed|surpasses|surpassing|outsold|outsells|"
    r"outpaced|edged\sout|beat|beats|beating|(?:moved|moves|pulled|pulls|stayed|stays|remained|remains|was|is|"
    r"stay|remain)\sahead\sof|tops|topped)\s"
    r"(?P<object>[^.;]{1,60}?)(?=\s(?:in|on|to|for|as|with|by|during|over|after|at|and|while|from|since|"
    r"despite|thanks|delivering|selling|posting)\b|,\s[a-z]|[.;]|$)")
BEHIND = re.compile(rf"(?:,\s|\b(?:slightly|just|far|well|narrowly|only|closely)\s)behind\s(?P<name>{NAME})(?!\s*(?:it|them))")
BEHIND_IT = re.compile(rf"\bwith\s(?P<list>{LIST})\sbehind\s(?:it|them|him|her)\b")
BECOME = re.compile(rf"\bto\s(?:become|be|rank\sas)\s(?:the\s|(?:{NAME})'s\s)(?:(?P<ord>{_ORD})[- ])?"
                    r"(?:largest|biggest|top|leading)\b")
AS_THE_TOP = re.compile(rf"\b(?:spot|place|title|position|crown|status)\sas\s(?:the\s)?(?:(?:world|{NAME})['’]s\s)?"
                        rf"(?:(?P<ord>{_ORD})[- ])?(?:largest|biggest|top|leading|No\.\s?1)\b")
SUPERLATIVE = re.compile(
    rf"\b(?:is|was|are|were|remains?|remained|stays?|stayed|became|becomes|been|(?P<makes>makes?|made)\s(?:it|them)|"
    rf"posted|posts|recorded|records|saw|sees|had|has|achieved|registered|produced|produces|generated|generates|"
    rf"made|makes|held|holds|accounted\sfor|accounts\sfor|captured|captures|commanded|commands|contributed|"
    rf"contributes|witnessed|witnesses|exhibited|exhibits|grew\sat|grows\sat|growing\sat|"
    rf"(?:is|are|was|were)\s(?:\w+\s)?(?:expected|projected|anticipated|forecast|estimated|set|poised|likely)\sto\s"
    rf"(?:register|witness|grow\sat|exhibit|record|hold|account\sfor|expand\sat|post|remain|be|become|see)|"
    rf"(?:gave|gives|made|makes)\s(?P<given>{NAME}|[a-z][\w-]*(?:\s[a-z][\w-]*)?))\s"
    r"(?:(?:still|now|currently|again|also|already|easily|clearly|by\sfar|once\sagain)\s)*"
    rf"(?:the\s(?:(?:world|{NAME})['’]s\s)?|(?:{NAME})['’]s\s)(?:single\s|very\s|overall\s)?(?:(?P<ord>{_ORD})[- ])?"
    r"(?:largest|biggest|leading|highest|lowest|cheapest|most\spopular|fastest[- ]growing|fastest|top)\b"
    r"(?!\s(?:of|among|in\sthe|ten|five|three|\d)\b)(?![^,;.]{0,40}?\b(?:since|ever|on\srecord|in\shistory|"
    r"in\s(?:a|over|more\sthan|nearly|almost|\d+|two|three|five|ten)\s(?:\w+\s)?(?:years?|decades?|months?|quarters?))\b)")
APPOSITIVE = re.compile(rf"(?P<name>{NAME}),\sthe\s(?:(?:19|20)\d\d\s)?(?:(?!(?:{_COUNT})\b)(?:[\w-]+[`'’]s\s|[\w-]+\s)){{0,4}}?"
                        rf"(?:(?P<ord>{_ORD})[- ])?(?:largest|biggest|leading|top|leader|No\.\s?1)\b"
                        rf"(?!\s(?:{_COUNT})\b)[^,;.]*")
LIST_THE_TOP = re.compile(rf"(?P<list>{LIST}),\sthe\stop\s(?P<n>{_COUNT})\s")
MEASURED_NAME = re.compile(r"(?:['’]s)?\s?(?:\(|at\s|with\s|on\s)?[~$€£¥]?\d")  # "Brazil's 14.3 GW", "X (9.4%)"
RANK_VERB_AFTER = re.compile(r",\s(?:\w+\s)?(?:slipped|fell|dropped|moved|rose|climbed|jumped|came|ranked|finished)\b")
CLAUSE_AFTER_NAME = re.compile(r"(?:['’]s?)?(?:[^,.;:()\n]|[,.](?=\d)){0,80}")
PLACE_AMONG_TOP = re.compile(rf"\b(?:held|holds|kept|keeps|retained|retains|maintained|maintains)(?:\son\sto)?\s"
                             rf"(?:its|their)\s(?:place|spot|position)\s(?:among|in)\sthe\stop\s(?P<n>{_COUNT})\b")
WITH_NAME = re.compile(rf"with\s(?:the\s)?(?P<name>{NAME})")
LEADING_ATTRIBUTION = re.compile(r"^(?:according\sto|per|as\sper)\s[^,]{1,60},\s", re.IGNORECASE)
MAX_SCOPE_CHARS = 110
MAX_SENTENCE_CHARS = 1500
# A subject noun phrase that is a name in lower case after its first word: "Machine learning", "Solar and wind".
NOUN_PHRASE = re.compile(r"[A-Z][\w&+.-]*(?:\s(?:and\s|&\s)?(?!(?:has|have|had|is|was|are|were|be|been|again|still|"
                         r"also|now|then|once|already|held|holds|will|would|could|can|may|might|did|does|do|just|only|"
                         r"even|not|has|which|that|who)\b)[a-z][\w-]*(?<!ly)(?<!ed)){1,3}")
SEGMENT_PHRASE = re.compile(r"[Tt]he\s(?P<name>[\w&+/.-]+(?:\s[\w&+/.-]+){0,3}?)\s(?:segment|sub-segment|region|"
                            r"category|type|application|vertical|sector|component|end-use|channel|market)")
# Every cue above holds one of these (lower-cased stems); a sentence without any states no position.
CUE_WORD = re.compile(r"lead|led\b|front|top|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                      r"\d(?:st|nd|rd|th)\b|next|follow|trail|ahead|behind|overt|surpass|beat|\bout(?:grew|sold|sell|pace|perform|"
                      r"ship|earn)|edged|"
                      r"place|spot|position|No\.|number|largest|biggest|highest|lowest|cheapest|fastest|popular|"
                      r"dominat|respectively|tied|title|crown|rank|#", re.IGNORECASE)
HEADING = re.compile(r"^\s*(?:No\.?|#|Number)\s?(?P<n>\d{1,2})\s*[:.)\-–—]\s*(?P<name>[^\n:]{1,60}?)\s*$")
TOP_LIST = re.compile(rf"\b[Tt]he\stop\s(?P<n>{_COUNT})\s(?P<what>[a-z][\w -]{{2,60}}?)\s?[,:–—-]\s(?P<list>{LIST})")
RESPECTIVE_ORDINALS = re.compile(
    rf"(?P<list>{LIST})\s(?:took|came|finished|ranked|placed|were|are|take|come)\s(?:in\s)?"
    rf"(?P<ords>(?:{_ORD})(?:,\s(?:{_ORD}))*,?\s(?:and\s)(?:{_ORD}))\s(?:places?|positions?|spots?)?\s?respectively")
OPENING_PREPOSITION = re.compile(r"(?:with|in|after|at|for|by|despite|thanks\sto|on|from|over|during)\s")
OPENING_WITH = re.compile(r"\s*With\s[^,]{1,80},\s")  # "With 13.4% of TV watch-time, YouTube ..."
RANK_NUMBER_BEFORE = re.compile(r"(?:\bNo\.?|#|\btop|\bTop)\s?$")
RESPECTIVELY = re.compile(r"\brespectively\b")
COUNTED = re.compile(r"\s(?P<words>(?:(?!(?:to|in|for|of|and|than|from|with|on|at|by|compared|over|the|a)\b)[a-z][a-z-]*\s?){1,3})")
# Words around an amount that make it a change, not a level.
CHANGE_BEFORE = re.compile(r"(?:\bup|\bdown|\brise|\brose|\brising|\bgrew|\bgrowth|\bgain|\bincrease|\bjump|\blift|"
                           r"\bfell|\bdecline|\bdrop|(?<!followed\s)(?<!led\s)\bby|\bfrom|\bpicking\sup|\bsurge|\bslip)\s(?:of\s|by\s|an?\s)?"
                           r"(?:\w+\s){0,2}$")
CHANGE_AFTER = re.compile(r"^\s?(?:\w+\s)?(?:growth|gain|increase|rise|lift|jump|decline|drop|fall|higher|lower|"
                          r"more|less|year-on-year|year-over-year|yoy|up|down|points?|share\spoints?|"
                          r"percentage\spoints?)\b", re.IGNORECASE)
CHANGE_RANKING = re.compile(r"\b(?:largest|biggest|highest|strongest|sharpest|steepest|greatest|fastest)[- ]"
                            r"(?:[\w-]+\s){0,3}?(?:increases?|gains?|growth|jumps?|lifts?|rises?|declines?|drops?|"
                            r"falls?|growing|surges?)\b")
FROM_BEFORE = re.compile(r"\b(?:from|versus|vs\.?|compared\swith|against|of\sthe)\s(?:\w+\s)?$")
YEAR = re.compile(r"(?<!since\s)\b(?:19[5-9]\d|20\d\d)\b(?![-–]\d)")  # "since 2023" is no ranking's year
SHORT_YEAR = re.compile(r"\b[1-4]Q(?P<yy>\d\d)\b|\bQ[1-4][’'/ ]?(?P<yy2>\d\d)\b")
QUARTER = re.compile(r"\b(?:Q[1-4]|[1-4]Q|(?:first|second|third|fourth)\squarter|(?:first|second)\shalf|H[12])\b",
                     re.IGNORECASE)
LEGAL_SUFFIX = re.compile(r"\s(?:Co\.?|Ltd\.?|Inc\.?|Corp\.?|Corporation|plc|PLC|AG|SA|S\.A\.|LLC|N\.V\.|SE)\b.*$")
PRONOUN_SUBJECT = re.compile(r"^(?:it|they|the\scompany|the\sfirm|the\sgroup|this|he|she)$", re.IGNORECASE)
RELATIVE_CLAUSE = re.compile(r",\s(?:which|who|whose|the|an?)\s[^,]*,")  # and appositives: ", the 2023 leader,"
PARENS = re.compile(r"\([^()]*\)")
NOT_NAMES = {"The", "This", "That", "These", "Those", "It", "Its", "In", "On", "At", "By", "For", "With", "As",
             "According", "Looking", "Over", "Among", "Meanwhile", "However", "While", "Although", "And", "But",
             "Then", "A", "An", "Our", "Their", "His", "Her", "Both", "Each", "All", "Some", "Other", "Others",
             "Total", "Overall", "Globally", "Together", "Combined", "Only", "Also", "Still", "Now", "Last",
             "Next", "First", "Second", "Third", "Besides", "Despite", "Unlike", "Apart", "Beyond", "Behind", "Like",
             "After", "Before", "During", "From", "Since", "Through", "Under", "Within", "Without", "Excluding",
             "Including", "Outside", "Inside", "Across", "Compared", "Thanks", "If", "When", "Where", "Why", "How",
             "What", "Which", "Who", "Here", "There", "We", "You", "I", "They", "He", "She"}


@dataclass
class _Order:
    """The ranking a paragraph is writing: its name, the last rank given and the unit of its values."""

    title: str
    rank: int
    unit: str | None
    year: int | None
    placed: int = 0  # entities placed so far: after two tied first, the next is third


def prose_rankings(paragraphs: list[str], page: int | None, doc_year: int | None) -> list[RankedEntry]:
    out: list[RankedEntry] = []
    for index, paragraph in enumerate(paragraphs):
        heading = HEADING.match(paragraph)
        if heading:
            out.extend(_heading_entry(heading, paragraphs, paragraph, page, doc_year))
            continue
        order: _Order | None = None
        subject: str | None = None
        paragraph_year = _year(paragraph) or doc_year
        found_here: list[RankedEntry] = []
        for sentence in SENTENCE_SPLIT.split(paragraph):
            if len(sentence) > MAX_SENTENCE_CHARS:  # a run of table text or a list, not a sentence
                continue
            found, order = _sentence(sentence, order, subject, paragraph_year, page)
            found_here.extend(found)
            subject = _first_subject(sentence) or subject
        following = [p for p in paragraphs[index + 1:index + 8] if p.strip()][:2]  # a headline's story follows it
        out.extend(_with_stated_values(found_here, "\n".join([paragraph, *following])))
    return _merged(_short_names(out, "\n".join(paragraphs)))


# -- one sentence ---------------------------------------------------------------------------------------------

@dataclass
class _Hit:
    start: int  # where the entity's part of the sentence starts (its value is looked for from here)
    rank: int
    entity: str
    tie: bool = False
    next_rank: bool = False  # the rank follows the paragraph's order
    end: int | None = None  # where its part of the sentence ends, where that is not the next hit's start


def _sentence(sentence: str, order: _Order | None, previous_subject: str | None, year: int | None,
              page: int | None) -> tuple[list[RankedEntry], _Order | None]:
    if not CUE_WORD.search(sentence) and not (order is not None and "then" in sentence):
        return [], order  # most sentences state no position: one quick look
    plain = PARENS.sub(lambda m: " " * len(m.group()) if not _only_amount(m.group()) else m.group(), sentence)
    hits = _hits(plain, previous_subject, order is not None and order.placed > 0)
    if not hits:
        return [], order
    hits.sort(key=lambda h: (h.start, h.rank))
    year = _sentence_year(sentence[:hits[-1].start + 80]) or year  # not the year of a trailing "since ..." clause
    scope = _scope(sentence, hits[0].entity)
    change = bool(CHANGE_RANKING.search(sentence))
    absolute = [h for h in hits if not h.next_rank]
    if order is None or (absolute and absolute[0].rank == 1 and absolute[0].start == hits[0].start):
        period = _period(sentence)
        order = _Order(scope if not period or period in scope else f"{scope} ({period})", 0, None, year)
    values = _respective_values(sentence, hits)
    out: list[RankedEntry] = []
    for index, hit in enumerate(hits):
        # Its part of the sentence runs to the next name (past a tie: "A and B with 5% each").
        later = [h.start for h in hits[index + 1:] if h.start > hit.start and not h.tie]
        end = later[0] if later else len(sentence)
        if hit.tie:
            rank = order.rank
        elif hit.next_rank:
            rank = order.placed + 1
        else:
            rank = hit.rank
        end = min(end, hit.end) if hit.end is not None else end
        amount = values.get(hit.entity) or _value(sentence, hit.start, max(end, hit.start + 1), change, order.unit) \
            or (_value(sentence, 0, hit.start, change, order.unit) if index == 0 and OPENING_WITH.match(sentence) else None)
        value, unit = (float(amount.value), amount.unit) if amount and amount.value_high is None else (None, None)
        if value is not None and unit is None:
            unit = _counted_noun(sentence[hit.start:], amount)
        order.rank = rank
        order.placed = max(order.placed + 1, rank)
        order.unit = order.unit or unit
        out.append(RankedEntry(order.title, rank, hit.entity, value, unit, order.year or year, True, page))
    return out, order


def _hits(sentence: str, previous_subject: str | None, in_order: bool) -> list[_Hit]:
    hits: list[_Hit] = []
    taken: set[tuple[str, int]] = set()

    def add(start: int, rank: int, entity: str | None, tie: bool = False, next_rank: bool = False,
            end: int | None = None) -> None:
        if entity and (entity, rank) not in taken and not (next_rank and any(e == entity for e, _ in taken)):
            taken.add((entity, rank))
            hits.append(_Hit(start, rank, entity, tie, next_rank, end))

    for m in RESPECTIVE_ORDINALS.finditer(sentence):
        names = _list_names(m.group("list"))
        ords = re.findall(_ORD, m.group("ords"))
        if len(names) == len(ords):
            for name, (s, e), word in zip(names, _list_spans(m, "list"), ords):
                add(s, ORDINAL_WORDS[word.lower()], name, end=e)
    for m in TIE_CUE.finditer(sentence):
        names = _subjects(sentence[:m.start()], previous_subject)
        rank = ORDINAL_WORDS.get((m.group("ord") or "first").lower(), 1) if m.group("ord") != "lead" else 1
        for index, name in enumerate(names):
            add(_name_start(sentence, name, m.start()), rank, name, tie=index > 0)
    for m in LEADER_CUE.finditer(sentence):
        start, name = _subject_hit(sentence, m.start(), previous_subject)
        add(start, 1, name)
    for m in POSSESSIVE_LEAD.finditer(sentence):
        add(m.start(), 1, _clean(m.group("name"), previous_subject))
    for m in ORDINAL_CUE.finditer(sentence):
        word = (m.group("ord") or m.group("ord2") or m.group("no")).lower()
        rank = ORDINAL_WORDS.get(word) or COUNT_WORDS.get(word.removeprefix("number ")) or \
            (1 if word == "number one" else int(re.sub(r"\D", "", word) or 0))
        if rank:
            start, name = _subject_hit(sentence, m.start(), previous_subject)
            add(start, rank, name)
    for m in BECOME.finditer(sentence):
        over = OVERTAKE.search(sentence, 0, m.start())
        rank = ORDINAL_WORDS.get((m.group("ord") or "first").lower(), 1)
        start, name = _subject_hit(sentence, (over or m).start(), previous_subject)
        add(start, rank, name)
        if over:
            add(over.start("object"), rank + 1, _object(over.group("object")))
    for m in LIST_THE_TOP.finditer(sentence):  # "Taobao, Tmall and Amazon, the top 3 global online marketplaces"
        names = _list_names(m.group("list"))
        if len(names) == (COUNT_WORDS.get(m.group("n")) or int(m.group("n")) if m.group("n").isdigit() else 0) \
                and not _alphabetical(names):
            for rank, (name, (start, end)) in enumerate(zip(names, _list_spans(m, "list")), 1):
                add(start, rank, name, end=end)
    for m in APPOSITIVE.finditer(sentence):  # "Intel, the 2023 market leader, ..."; "AWS, the market leader"
        name = _clean(m.group("name"), None)
        # Its value is its own clause's where the sentence goes on to give the name another position.
        other = bool(RANK_VERB_AFTER.match(sentence, m.end()))
        add(m.start(), ORDINAL_WORDS.get((m.group("ord") or "first").lower(), 1), name, end=m.end() if other else None)
    for m in SUPERLATIVE.finditer(sentence):
        rank = ORDINAL_WORDS.get((m.group("ord") or "first").lower(), 1)
        if m.group("given"):
            given = m.group("given")
            add(m.start("given"), rank, _clean(given, None) if given[:1].isupper() else given)
        elif m.group("makes"):
            name = _first_subject(sentence)
            add(_name_start(sentence, name, m.start()) if name else m.start(), rank, name)
        else:
            start, name = _subject_hit(sentence, m.start(), previous_subject)
            add(start, rank, name)
    for m in PLACE_AMONG_TOP.finditer(sentence):  # "X held on to its place among the top three ..."
        start, name = _subject_hit(sentence, m.start(), previous_subject)
        add(start, COUNT_WORDS.get(m.group("n").lower()) or int(m.group("n")), name)
    for m in AS_THE_TOP.finditer(sentence):  # "taking Tesla's place as the world's biggest BEV seller"
        start, name = _clause_subject(sentence, m.start(), previous_subject)
        add(start, ORDINAL_WORDS.get((m.group("ord") or "first").lower(), 1), name)
    for m in OVERTAKE.finditer(sentence):
        if any(h.entity == _object(m.group("object")) for h in hits):
            continue
        start, name = _subject_hit(sentence, m.start(), previous_subject)
        if name:
            add(start, 1, name)
            add(m.start("object"), 2, _object(m.group("object")))
    for m in BEHIND_IT.finditer(sentence):
        leader = next((h for h in reversed(hits) if h.start < m.start()), None)
        if leader:
            for offset, (name, (s, e)) in enumerate(zip(_list_names(m.group("list")), _list_spans(m, "list")), 1):
                add(s, leader.rank + offset, name, end=e)
    for m in BEHIND.finditer(sentence):
        start, name = _clause_subject(sentence, m.start(), previous_subject)
        if name and not hits:
            add(m.start("name"), 1, _clean(m.group("name"), None))
            add(start, 2, name)
    for m in PLACE_BEFORE_NAME.finditer(sentence):
        add(m.start(), ORDINAL_WORDS[m.group("ord").lower()], _clean(m.group("name"), None))
    for m in NEXT_CUE.finditer(sentence) if hits or in_order else ():
        start, name = _subject_hit(sentence, m.start(), previous_subject)
        add(start, 0, name, next_rank=True)
    for m in FOLLOWED_BY.finditer(sentence):
        cue = m.group("cue")
        if (cue == "with") != bool(m.group("next")):
            continue  # "with X next at 23%"
        if not hits and not in_order:  # an order begins only between two measured names ("launched A, followed by B" is none)
            start, name = _clause_subject(sentence, m.start(), previous_subject)
            if cue != "followed by" or not name or not _measured(sentence[start:m.start()]) \
                    or not MEASURED_NAME.match(sentence, m.end("name")):
                continue
            add(start, 1, name)
        add(m.start("name"), 0, _clean(m.group("name"), None), next_rank=True)
        _continue_list(sentence, m.end(), add)
    for m in TOP_LIST.finditer(sentence):
        names = _list_names(m.group("list"))
        if len(names) == COUNT_WORDS.get(m.group("n"), 0) and not _alphabetical(names):
            for rank, (name, (start, end)) in enumerate(zip(names, _list_spans(m, "list")), 1):
                add(start, rank, name, end=end)
    for hit in list(hits):  # "and Apple second on 18 per cent"
        for m in re.finditer(rf"(?P<name>{NAME})\s(?P<ord>{_ORD})\s(?:on|with|at)\b", sentence):
            add(m.start(), ORDINAL_WORDS[m.group("ord").lower()], _clean(m.group("name"), None))
        break
    return [h for h in hits if h.entity.split()[0] not in NOT_NAMES or h.entity.startswith("The ")]


def _alphabetical(names: list[str]) -> bool:
    """A list in alphabetical order names its members without ranking them."""
    return names == sorted(names) or names == sorted(names, key=str.lower)


def _continue_list(sentence: str, pos: int, add) -> None:
    """After "then X with 9%": ", Y with 8%, Z and W with 5% each, and V with 4%" continue the order."""
    item = re.compile(rf",\s(?:and\s)?(?P<names>(?:{NAME}|[a-z][\w+]*)(?:\s(?:and|&)\s(?:{NAME}|[a-z][\w+]*))?)\s"
                      r"(?:with|at|on|for)\s")
    # Skip the rest of the current item (its value clause) up to the next comma.
    while True:
        comma = sentence.find(",", pos)
        if comma < 0:
            return
        m = item.match(sentence, comma)
        if not m:
            return
        names = re.split(r"\s(?:and|&)\s", m.group("names"))
        tie = len(names) > 1
        for index, name in enumerate(names):
            add(m.start("names") + index, 0, name.strip(), next_rank=True, tie=tie and index > 0)
        pos = m.end()


# -- entities -------------------------------------------------------------------------------------------------

def _subject_hit(sentence: str, cue: int, previous_subject: str | None) -> tuple[int, str | None]:
    names = _subjects(sentence[:cue], previous_subject)
    if len(names) != 1:
        return cue, None
    return _name_start(sentence, names[0], cue), names[0]


def _clause_subject(sentence: str, cue: int, previous_subject: str | None) -> tuple[int, str | None]:
    """The name that opens the clause before an adverbial cue ("BYD delivered 1.76 million EVs, slightly behind")."""
    clause = sentence[:cue].rstrip().rstrip(",")
    start = clause.rfind(",") + 1
    at = len(clause) - len(clause[start:].lstrip())
    at += len(re.match(r"(?:the\s)?", clause[at:]).group())  # "the US market grew ..." is about "US"
    m = NAME_RE.match(clause, at)
    name = _clean(m.group(), previous_subject) if m else None
    return (m.start(), name) if m and name else (cue, None)


def _subjects(before: str, previous_subject: str | None) -> list[str]:
    """The named subject(s) of the clause that ends at a cue: "In 2023 Amazon", "Chinese EV giant BYD Co Ltd",
    "Google, which grew 26.3% in 2023,", "it" (the previous sentence's subject), "Apple and Samsung"."""
    clause = RELATIVE_CLAUSE.sub("", before)
    clause = re.split(r"[;:]|,\s(?:while|and|but|whereas|then)\s|\s(?:while|whereas)\s", clause)[-1]
    clause = clause.strip().rstrip(",").strip()
    if "," in clause:
        clause = clause.rsplit(",", 1)[1].strip() or clause
    clause = re.sub(r"\s(?:still|again|now|also|meanwhile|however|once\smore|alone)$", "", clause)
    with_name = WITH_NAME.fullmatch(clause)
    if with_name:  # "..., with Samsung Electronics taking back the No. 1 position"
        name = _clean(with_name.group("name"), None)
        return [name] if name else []
    if OPENING_PREPOSITION.match(clause):  # "X reached ... and, with a 7.5% lift, posted"
        first = _first_subject(before)
        return [first] if first else []
    if PRONOUN_SUBJECT.match(clause):
        return [previous_subject] if previous_subject else []
    pair = re.fullmatch(rf"(?:.*\s)?(?P<a>{NAME})\s(?:and|&)\s(?P<b>{NAME})", clause)
    if pair and len(clause.split()) <= 8:
        return [n for n in (_clean(pair.group("a"), None), _clean(pair.group("b"), None)) if n]
    segment = SEGMENT_PHRASE.fullmatch(clause)
    if segment:  # "The software segment held the largest share": the segment is "software"
        return [segment.group("name")]
    phrase = NOUN_PHRASE.fullmatch(clause)
    if phrase and clause.split()[0] not in NOT_NAMES:  # "Machine learning", "Logic products", "Solar and wind"
        return [clause]
    m = NAME_AT_END.search(clause)
    if not m or len(clause.split()) > 9 or (m.start() > 0 and clause[m.start() - 1] not in " "):
        return []
    name = _clean(m.group("name"), previous_subject)
    return [name] if name else []


def _clean(name: str, previous_subject: str | None) -> str | None:
    """A name as the ranking lists it: no legal form or ticker ("BYD Co Ltd BYDDY" -> "BYD"), no footnote mark,
    and "the" only where it is part of a name ("The Roku Channel", not "The US")."""
    name = LEGAL_SUFFIX.sub("", name.strip()).rstrip("*'’.,").strip()
    name = re.sub(r"^.*['’]s\s(?=[A-Z])", "", name)  # "China's BYD Auto": the owner describes the name
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    words = [w for w in name.split() if not re.search(r"-[a-z]+$", w)] if " " in name else name.split()
    name = " ".join(words)  # "Texas-based Tesla": the hyphenated adjective is no part of the name
    if not words:
        return None
    if words[0] == "The" and (len(words) == 1 or words[1].replace(".", "").isupper()):
        words = words[1:]
        name = " ".join(words)
        if name.replace(".", "").isupper() and "." in name and not name.endswith("."):
            name += "."
    # Leading words that are descriptions, not the name ("Chinese EV giant BYD" is cut before; "In 2023 Amazon").
    while len(words) > 1 and words[0] != "The" and (words[0] in NOT_NAMES or words[0].isdigit()):
        words = words[1:]
        name = " ".join(words)
    if not words or (words[0] in NOT_NAMES and not (words[0] == "The" and len(words) > 1)) or PRONOUN_SUBJECT.match(name):
        return previous_subject if PRONOUN_SUBJECT.match(name) else None
    return name


def _object(text: str) -> str | None:
    names = NAME_RE.findall(text)
    return _clean(names[-1], None) if names else None


def _name_start(sentence: str, name: str, before: int) -> int:
    at = sentence.rfind(name, 0, before)
    return at if at >= 0 else before


def _list_names(text: str) -> list[str]:
    return [n for n in (_clean(m.group("name"), None) for m in LIST_ITEM.finditer(text)) if n]


def _list_spans(m: re.Match[str], group: str) -> list[tuple[int, int]]:
    offset = m.start(group)
    return [(offset + item.start("name"), offset + item.end("name")) for item in LIST_ITEM.finditer(m.group(group))]


def _first_subject(sentence: str) -> str | None:
    """The sentence's subject, for a pronoun in the next one: its first name within the first words."""
    body = re.sub(r"^(?:[A-Z][a-z]+\s(?:the|a|its)\s[^,]*,|According\sto\s[^,]*,|In\s[^,]*,)\s*", "", sentence.strip())
    m = NAME_RE.match(body)
    return _clean(m.group(), None) if m else None


# -- values, scope, period ------------------------------------------------------------------------------------

def _value(sentence: str, start: int, end: int, change: bool, unit: str | None) -> Amount | None:
    """The amount that measures the entity in its part of the sentence: a level (share, money, count) unless
    the ranking is by a change; an earlier value ("up from 24%") is never it."""
    amounts = [a for a in find_amounts(sentence[start:end]) if not a.words and not _is_year(
        sentence[start + a.start:start + a.end]) and not RANK_NUMBER_BEFORE.search(sentence[:start + a.start])]
    levels, changes = [], []
    for a in amounts:
        before, after = sentence[max(0, start + a.start - 30):start + a.start], sentence[start + a.end:start + a.end + 25]
        if FROM_BEFORE.search(before):
            continue
        (changes if CHANGE_BEFORE.search(before) and not before.rstrip().endswith(" to")
         or CHANGE_AFTER.match(after) or sentence[start + a.start - 1:start + a.start] == "+" else levels).append(a)
    pool = changes if change else levels
    if unit:
        same = [a for a in pool if (a.unit or "count") == unit or (unit not in ("percent",) and a.unit is None)]
        pool = same or pool
    order = {"percent": 0, None: 2}
    pool.sort(key=lambda a: order.get(a.unit, 1))
    return pool[0] if pool else None


def _with_stated_values(entries: list[RankedEntry], text: str) -> list[RankedEntry]:
    """An entry whose sentence gives no value takes the amount written right after its name nearby
    ("Taobao generated a GMV of US$490.3 billion and Tmall US$463.5 billion")."""
    out = []
    for e in entries:
        amount = None
        for mention in re.finditer(rf"(?<![\w-]){re.escape(e.entity)}(?![\w-])", text) if e.value is None else ():
            clause = CLAUSE_AFTER_NAME.match(text, mention.end())
            window = clause.group() if clause else ""
            amount = _value(window, 0, len(window), False, e.unit)
            if amount is not None and amount.value_high is None and not NAME_RE.search(window[:amount.start]) \
                    and len(window[:amount.start].split()) <= 6:
                break
            amount = None
        out.append(replace(e, value=float(amount.value), unit=amount.unit or e.unit) if amount else e)
    return out


def _measured(text: str) -> bool:
    return any(not a.words and not _is_year(text[a.start:a.end]) for a in find_amounts(text))


def _respective_values(sentence: str, hits: list[_Hit]) -> dict[str, Amount]:
    """"their shares were 30%, 21% and 12% respectively": the amounts go to the names listed in that order."""
    m = RESPECTIVELY.search(sentence)
    if not m:
        return {}
    clause_start = max(sentence.rfind(";", 0, m.start()), sentence.rfind(":", 0, m.start()))
    amounts = find_amounts(sentence[clause_start + 1:m.start()])
    names = [n for n in (_clean(x, None) for x in NAME_RE.findall(sentence[:clause_start])) if n] if clause_start > 0 else []
    names = list(dict.fromkeys(names))
    if not amounts or len(names) != len(amounts) or any(h.entity not in names for h in hits):
        return {}
    return dict(zip(names, amounts))


def _counted_noun(sentence: str, amount: Amount) -> str | None:
    """The counted thing after a bare number ("526,409 battery electric vehicles" -> "vehicle")."""
    words = COUNTED.match(sentence, amount.end)
    if not words:
        return None
    noun = words.group("words").split()[-1]
    return noun[:-1] if noun.endswith("s") and len(noun) > 3 else noun


def _only_amount(text: str) -> bool:
    inner = text.strip("() ")
    found = find_amounts(inner)
    return len(found) == 1 and len(inner) - (found[0].end - found[0].start) <= 3


def _is_year(text: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", text.strip()))


def _scope(sentence: str, entity: str) -> str:
    """What the sentence ranks, in its own words: the part (between semicolons, dashes or a colon) that names
    the first ranked entity, without a leading attribution ("According to X,"), cut at a word boundary."""
    parts = re.split(r";|\s[-–—]\s|:\s", sentence.strip())
    clause = LEADING_ATTRIBUTION.sub("", next((p for p in parts if entity in p), parts[0]).strip())
    clause = " ".join(PARENS.sub("", clause).split()).rstrip(" ,.")
    if len(clause) > MAX_SCOPE_CHARS:
        clause = clause[:MAX_SCOPE_CHARS].rsplit(" ", 1)[0].rstrip(" ,") + " ..."
    return clause or "ranking"


def _period(sentence: str) -> str | None:
    quarter = QUARTER.search(sentence)
    year = _sentence_year(sentence)
    if quarter:
        return f"{quarter.group()} {year or ''}".strip()
    return str(year) if year else None


def _sentence_year(sentence: str) -> int | None:
    short = SHORT_YEAR.search(sentence)
    if short:
        return 2000 + int(short.group("yy") or short.group("yy2"))
    return _year(sentence)


def _year(text: str) -> int | None:
    years = YEAR.findall(text)
    return int(years[0]) if years else None


def _heading_entry(m: re.Match[str], paragraphs: list[str], line: str, page: int | None,
                   year: int | None) -> list[RankedEntry]:
    """ "No. 1: AWS" followed by "Market share: 31 per cent": the value is the first amount of the next line."""
    name = _clean(m.group("name"), None)
    if not name or len(name.split()) > 6:
        return []
    at = paragraphs.index(line)
    following = next((p for p in paragraphs[at + 1:at + 3] if p.strip()), "")
    amounts = [a for a in find_amounts(following) if not _is_year(following[a.start:a.end])]
    amount = amounts[0] if amounts and not HEADING.match(following) else None
    label = following.split(":", 1)[0].strip().lower() if amount and ":" in following else ""
    title = f"ranked list by {label}" if label and len(label) < 40 else "ranked list"
    value = float(amount.value) if amount and amount.value_high is None else None
    return [RankedEntry(title, int(m.group("n")), name, value, amount.unit if amount else None, year, True, page)]


def _short_names(entries: list[RankedEntry], text: str) -> list[RankedEntry]:
    """A name as the document mostly writes it: "BYD Auto", written once, is "BYD" where "BYD" alone is written
    at least twice more."""
    counts: dict[str, int] = {}

    def count(name: str) -> int:
        if name not in counts:
            counts[name] = text.count(name)
        return counts[name]

    out = []
    for e in entries:
        words = e.entity.split()
        if len(words) < 2 or count(e.entity) != 1:
            out.append(e)
            continue
        parts = [" ".join(words[:i]) for i in range(1, len(words))] + [" ".join(words[i:]) for i in range(1, len(words))]
        usual = [p for p in parts if p[:1].isupper() and len(p) > 1 and p.split()[0] not in NOT_NAMES
                 and count(p) - 1 >= 2]
        out.append(replace(e, entity=max(usual, key=len)) if usual else e)
    return out


def _merged(entries: list[RankedEntry]) -> list[RankedEntry]:
    """One entry per entity and rank where two sentences state the same position with compatible values
    ("Amazon held the No. 1 position ..." and "Amazon remained the leader with a 39% share")."""
    out: list[RankedEntry] = []
    for e in entries:
        same = next((i for i, o in enumerate(out) if o.entity.lower() == e.entity.lower() and o.rank == e.rank
                     and (o.year == e.year or None in (o.year, e.year))
                     and (o.value is None or e.value is None or o.value == e.value)), None)
        if same is None:
            out.append(e)
        elif out[same].value is None and e.value is not None:
            out[same] = e  # the statement with the value, under its own ranking
    return out
