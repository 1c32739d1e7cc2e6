"""What kind of measure a figure is, read from the words that govern it in its sentence.

The word rules in `extractors.figures` look at the few words touching a figure. These look further along the
same sentence, the way a reader does when a list or a clause separates a figure from its verb:

- a percentage is a change (`growth_rate`) or a share (`market_share`) by the nearest cue before it in its
  sentence: a verb of change ("rose", "fell", "grew") or of holding ("share", "accounted for", "took");
  a percentage tied to a named entity ("Xiaomi with 14%", "the Americas (44.8%)") with no cue of its own
  takes the measure of the figures it is listed with;
- money is a market's size when it measures a whole market or industry (spending, sales or revenue with no
  company owning them), one company's `revenue` when a name owns it, and `other` for valuations and profits;
- physical quantities (GW, GWh, tonnes) are `other` unless a change or a share.

`direction` says whether a change goes up or down, as the words (or the printed sign) say.
All patterns are module-level constants.
"""

from __future__ import annotations

import re
from collections import Counter

from extractors import nlp
from extractors.lexicon import CHANGE_VERB, FALL_VERB, MONTHS_CAPITALIZED

# Verbs and nouns of change; of decline in particular.
CHANGE = re.compile(
    r"\b(?:" + CHANGE_VERB + r"|loss|up(?![ \t]+to\b)|down|higher|lower|above|below|more|less|"
    r"year[ \t-]on[ \t-]year|year[ \t-]over[ \t-]year|yoy|y/y|qoq|q/q)\b", re.IGNORECASE)
DECLINE = re.compile(r"\b(?:" + FALL_VERB + r"|loss|down|lower|below|less|negative|cheaper)\b", re.IGNORECASE)
SHARE = re.compile(r"\b(?:shares?|accounted|accounts?|accounting|took|takes?|taking|held|holds?|holding|captur\w*|"
                   r"command\w*|controll?\w*|represent\w*|made[ \t]+up|makes?[ \t]+up|making[ \t]+up|dominat\w*|"
                   r"pie|slice|lead\w*|led)\b", re.IGNORECASE)
# A percentage of a market quantity: "56% of global smartphone shipments", "20% of the pie".
OF_MARKET = re.compile(
    r"[ \t]+of[ \t]+(?:[\w\-.’']+[ \t]+){0,5}?(?:market|markets|shipments|spend(?:ing)?|capacity|"
    r"installations|additions|demand|pie|output|production|volume|deliveries|viewing|time|usage|subscribers|"
    r"consumption|generation|"
    r"subscriptions|gmv|industry|segment|share|supply|pie|sold|shipped|installed|added|built)\b", re.IGNORECASE)
# "73.2 percent of global ad revenue", "13.6% of DRAM revenue": a market's revenue, named by a word of its own
# (not "7% of global revenue", someone's).
OF_MARKET_REVENUE = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?(?:world[’']s[ \t]+)?"
                               r"(?:(?:global|total|worldwide|annual|overall|all)[ \t]+)*"
                               r"(?!(?:global|total|worldwide|annual|overall|all)\b)[A-Za-z][\w\-]*[ \t]+"
                               r"(?:[\w\-]+[ \t]+)?"
                               r"(?:revenues?|sales)\b", re.IGNORECASE)
# A percentage tied to a named entity: "Xiaomi with 14%", "the Americas (44.8%)", "Apple second on 18 per cent".
ENTITY_BEFORE = re.compile(r"[A-Z][\w&.\-’']*(?:[ \t]+[A-Z][\w&.\-’'/]*)*(?:[ \t]+(?:first|second|third|fourth|fifth|"
                           r"next|follows|followed|trails?|each))?[ \t]*(?:with|on|at|\(|:|,|–|-)[ \t]*(?:about[ \t]+"
                           r"|around[ \t]+|nearly[ \t]+|~)?$")
# The word right after a figure, where it says which way ("8% lower", "3% decline"), and the period markers that
# say no way at all.
_WORD_AFTER_CHANGE = re.compile(r"[ \t]+(?:in[ \t]+)?([a-z][\w\-/]*(?:[ \t-](?:on|over)[ \t-]year)?)", re.IGNORECASE)
_NEUTRAL = re.compile(r"year[ \t-](?:on|over)[ \t-]year|yoy|y/y|qoq|q/q", re.IGNORECASE)
_CAGR_NAMED = re.compile(r"\b(?:CAGR|(?i:compound[ \t]+annual[ \t]+growth(?:[ \t]+rate)?))\b")
_PERCENT = re.compile(r"%|\bper[ \t]?cent\b", re.IGNORECASE)
_ASIDE = re.compile(r"\([^()]*\)")
_TO_LEVEL = re.compile(r"\b(?:r[io]se[sn]?|rising|gr[eo]w[sn]?|growing|increas\w*|decreas\w*|declin\w*|drop\w*|fell|"
                       r"fall\w*|slipp?\w*|climb\w*|jump\w*|edg\w*|slid\w*|dipp?\w*|improv\w*|worsen\w*|"
                       r"deteriorat\w*|recover\w*|narrow\w*|widen\w*)(?:[ \t]+\w+ly)?[ \t]+to[ \t]+"
                       r"(?:about[ \t]+|nearly[ \t]+|around[ \t]+|a[ \t]+record[ \t]+)?$", re.IGNORECASE)
_FROM_LEVEL = re.compile(r"\bfrom[ \t]+(?:about[ \t]+|nearly[ \t]+|around[ \t]+|roughly[ \t]+)?$", re.IGNORECASE)
_CAGR_AFTER = re.compile(r"[ \t]+(?:a|per|each|every)[ \t]+year\b(?![ \t]+(?:earlier|ago|before|later|prior))"
                         r"|[ \t]+annually\b|[ \t]+per[ \t]+annum\b",
                         re.IGNORECASE)
_CAGR_BEFORE = re.compile(r"\b(?:average[ \t]+)?annual(?:ized)?[ \t]+(?:average[ \t]+)?(?:growth[ \t]+)?rate[ \t]+of"
                          r"[ \t]+(?:about[ \t]+|around[ \t]+|nearly[ \t]+|approximately[ \t]+)?$", re.IGNORECASE)
# The word after a percentage, where it starts a noun phrase of its own (not "in", "and", "each").
_WORD_AFTER = re.compile(r"[ \t]+(?!(?:in|on|to|for|from|and|or|at|by|with|while|as|than|since|versus|vs|each|"
                         r"respectively|a|the|year|last|this|next|compared|after|before|over|against|between|"
                         r"among|during|until|through|into|when|where|which|who|but|so|then|combined|together|"
                         r"collectively|apiece|altogether|worldwide|globally)\b)(of\b|[a-z][\w\-]*)")
PHYSICAL_UNITS = frozenset({"gw", "gwh", "mw", "mwh", "kw", "kwh", "tw", "twh", "gigawatt", "gigawatt-hour",
                            "terawatt", "terawatt-hour", "megawatt", "megawatt-hour", "kilowatt", "kilowatt-hour",
                            "tonne", "ton", "metric ton", "gw dc", "gw ac", "gwdc", "gwac"})
# Money measured for a whole market: the measure's noun ("spending", "sales", "revenue") and what owns it.
# Turnover, bookings, billings and (an insurance line's) premiums are the revenue of whoever owns them.
MARKET_MEASURE = re.compile(r"\b(?:spend(?:ing)?|sales|revenues?|turnover|bookings|billings|premiums|market|"
                            r"industry|expenditure|outlays?|gmv|run[ \t-]rate)\b",
                            re.IGNORECASE)
OWNED = re.compile(r"[A-Z][\w&.\-]*(?:[’']s|[ \t]+(?:reported|posted|generated|earned|booked|brought|made|"
                   r"had|with|recorded))\b")
VALUATION = re.compile(r"\b(?:valu(?:ation|ed)|market[ \t]+(?:cap|capitali[sz]ation)|profits?|net[ \t]+income|"
                       r"funding|raised|earnings|ebitda|operating[ \t]+income)\b", re.IGNORECASE)
CAPEX = re.compile(r"\b(?:capex|capital[ \t]+expenditures?|expenditures?|invest\w*|spent|spend[s]?)\b", re.IGNORECASE)
_GENERIC_CAPITALS = frozenset("Global Worldwide World Total Overall The In For By Across Over Annual Q1 Q2 Q3 Q4 "
                              "Spending Sales Revenue Fourth-quarter Full-year Month-to-month Year-on-year".split())


def is_physical(unit: str) -> bool:
    return unit.lower() in PHYSICAL_UNITS


def level_before_change(text: str, sentence_start: int, start: int, compared: str | None,
                        listed: str | None) -> str | None:
    """ "share down from 24%", "up from 14% in 2022", "fell to 22.2%": the figure is a level a change started
    from or ended at, not a change: a share where the clause speaks of one or where the figure it is compared
    with (`compared`) or the list it is in (`listed`) is one; else a plain percentage."""
    window = text[max(sentence_start, start - 40):start]
    if not (_FROM_LEVEL.search(window) or _TO_LEVEL.search(window)):
        return None
    clause = _without_asides(text[max(sentence_start, start - 80):start])
    if _SHARE_WORD.search(clause) or "market_share" in (compared, listed):
        return "market_share"
    return "other_percent" if _TO_LEVEL.search(window) else None


def percent_metric(text: str, sentence_start: int, start: int, end: int, sentence_end: int,
                   listed: str | None) -> str | None:
    """`growth_rate`, `market_share` or `cagr` for a percentage the near-word rules left as `other_percent`;
    None where nothing in the sentence says. `listed` is the measure of the percentage before it in a list."""
    quote = text[start:end]
    if _CAGR_AFTER.match(text, end, sentence_end) or _CAGR_BEFORE.search(text, max(sentence_start, start - 60), start):
        return "cagr"
    named = _CAGR_NAMED.search(text, max(sentence_start, start - 90), start)
    if named and not _PERCENT.search(text, named.end(), start):
        return "cagr"  # "Its compound annual growth rate for 2025 to 2030 is put at 5.4 percent"
    if quote[:1] in "+-−" or text[max(sentence_start, start - 2):start].endswith(("(+", "+")):
        return "growth_rate"  # a printed sign: "(+33%)", "-8.1%"
    after = _AFTER_ASIDE.match(text, end, sentence_end)  # "three-quarters (73%) of global ad revenue"
    of_from = after.end() if after else end
    if OF_MARKET.match(text, of_from, min(sentence_end, of_from + 80)) \
            or OF_MARKET_REVENUE.match(text, of_from, sentence_end):
        return "market_share"
    if _share_of_whole(text, sentence_start, start, end, sentence_end):
        return "market_share"
    if _FRACTION.search(quote) and _COUNTED_SOLD.match(text, end, sentence_end):
        return "market_share"  # "one in five cars sold worldwide": a share of the units sold
    following = _WORD_AFTER.match(text, end, sentence_end)
    if following and CHANGE.fullmatch(following.group(1)):
        return "growth_rate"  # "19.1% above the 2023 total", "1.1 percent below 2023"
    if following and not SHARE.fullmatch(following.group(1)) and not _EXPECTATION.fullmatch(following.group(1)):
        return None  # "95% customer satisfaction", "90% of GPT-4's performance": a percentage of something else
    before = _without_asides(text[max(sentence_start, start - 100):start])
    bound = _BOUND_BEFORE.search(before)
    cue = _nearest_cue(before[:bound.start()] if bound else before)
    if cue:
        return cue
    if listed in ("market_share", "growth_rate") or ENTITY_BEFORE.search(text, max(sentence_start, start - 60), start):
        return listed if listed in ("market_share", "growth_rate") else "market_share"
    return None


_AFTER_ASIDE = re.compile(r"[ \t]*\([^()]{1,20}\)|\)")
# "an earlier 7.7 percent forecast", "the 6.1% consensus": an expectation of what the clause speaks of.
_EXPECTATION = re.compile(r"forecasts?|consensus|estimates?|projections?|guidance|outlook|targets?", re.IGNORECASE)
# "more than 20 percent", "up to 5%": a bound on the figure, not a comparison or a change.
_BOUND_BEFORE = re.compile(r"(?:\b(?:by[ \t]+)?(?:more|less|fewer)[ \t]+than|\bup[ \t]+to)?[ \t]*$", re.IGNORECASE)
# A fraction of a count ("one in five", "9 out of 10") followed by what was counted and sold.
_FRACTION = re.compile(r"\b(?:in|out[ \t]+of)\b", re.IGNORECASE)
_COUNTED_SOLD = re.compile(r"[ \t]+(?:[\w\-]+[ \t]+){0,3}?"
                           r"(?:sold|shipped|installed|bought|purchased|registered|delivered)\b", re.IGNORECASE)
# A difference between two holders at one time, not a change over time: "widened its lead over Disney by 4.0
# share points", "7 percentage points ahead of linear TV", "beat Tesla by 20 percent".
_GAP_BEFORE = re.compile(r"\b(?:lead|leads|gap|beat|beats|margin|outsold|outpaced)\b[^,;]{0,60}?\bby[ \t]+"
                         r"(?:about[ \t]+|nearly[ \t]+|almost[ \t]+|more[ \t]+than[ \t]+|over[ \t]+)?$", re.IGNORECASE)
_GAP_AFTER = re.compile(r"[ \t]+(?:ahead[ \t]+of|behind)\b", re.IGNORECASE)


def gap_between(text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> bool:
    """The figure is how far one holder is from another at one time (a lead, a gap), not a change."""
    return bool(_GAP_BEFORE.search(text, max(sentence_start, start - 100), start)
                or _GAP_AFTER.match(text, end, sentence_end))


def usual_percent(seen: Counter[str]) -> str | None:
    """`market_share` where most of a document's percentages so far (`seen`, by measure) are shares: a report
    ranking holders, whose bare levels ("Cable TV fell to 22.2%") are shares too."""
    shares = seen["market_share"]
    return "market_share" if shares >= 3 and 2 * shares > sum(seen.values()) else None


def held_part(text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> bool:
    """ "... a driver of growth, making up 13.6% of DRAM revenue": a percentage of a market quantity right
    after a verb of holding, whatever change the clause spoke of before."""
    before = _without_asides(text[max(sentence_start, start - 100):start])
    cues = [m.end() for m in SHARE.finditer(before)]
    return bool(cues) and cues[-1] >= max((m.end() for m in CHANGE.finditer(before)), default=-1) \
        and bool(OF_MARKET.match(text, end, min(sentence_end, end + 80)) or OF_MARKET_REVENUE.match(text, end,
                                                                                                   sentence_end))


# "of TV", "of total viewing", "of the $3.64 trillion global total": what a share is taken of; not a population
# ("of respondents", "of US adults"), whose percentages are not anyone's share, nor someone's own revenue or
# budget ("7% of global revenue" as a fine; a market's revenue is `OF_MARKET_REVENUE`'s).
_OF_WHOLE = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+|all[ \t]+|total[ \t]+)*"
                       r"(?P<whole>[\w$.\-’']+(?:[ \t]+[\w$.\-’']+){0,3}?)"
                       r"(?=[ \t]*[,;:.()]|[ \t]+(?:in|on|for|during|and|while|up|down|as|at|after|with|vs\.?)\b"
                       r"|[ \t]*$)")
_POPULATION = re.compile(r"(?<![\w\-])(?:respondents?|consumers?|people|adults?|users?|households?|homes?"
                         r"|compan(?:y|ies)|firms?|businesses|organi[sz]ations?|shoppers?|buyers?|customers?|viewers?|subscribers?|workers?"
                         r"|employees?|them|those|these|us|which|whom|americans|executives|leaders|marketers|time|cases"
                         r"|revenues?|turnover|income|budgets?|gdp|salar(?:y|ies)|profits?|costs?|prices?|performance)\b",
                         re.IGNORECASE)
_MONTHS = frozenset(MONTHS_CAPITALIZED)


def _share_of_whole(text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> bool:
    """ "The Roku Channel reached 2.8% of TV", "YouTube was in front with 13.4% of total viewing": a percentage
    of a whole that a named company, brand, segment or region holds, which the clause names before it."""
    of = _OF_WHOLE.match(text, end, min(sentence_end, end + 60))
    rest = text[of.start("whole"):min(sentence_end, of.start("whole") + 50)] if of else ""
    if not of or _POPULATION.search(rest[:max(len(of.group("whole")), (rest + ",").find(","))]) \
            or of.group("whole").lower().rstrip(".") in ("total", "all", "it", "whole"):
        return False  # "two-thirds of non-U.S. chip firms"; "83% of the total" names no whole
    clause = _without_asides(_clause(text, sentence_start, start, 240))
    clause = clause[max(clause.rfind(","), clause.rfind("—")) + 1:] if _named_token(clause[clause.rfind(",") + 1:]) \
        else clause
    if _named_token(clause):
        return True
    # "With 13.4% of TV watch-time, YouTube widened its lead": the holder opens the clause after the figure
    holder = _HOLDER_AFTER.match(text, of.end(), sentence_end)
    return holder is not None and _named_token(holder.group(1))


_HOLDER_AFTER = re.compile(r"[^,;]{0,40},[ \t]*([A-Z][\w&\-]*(?:[ \t]+[A-Z][\w&\-]*)*)")


# Patterns of the helpers below, compiled once here rather than looked up in re's cache on every call.
_SHARE_WORD = re.compile(r"\bshares?\b", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][\w&\-]*")
_PHRASE_WORD = re.compile(r"[\w&.\-’']+")
_NAME_TOKEN = re.compile(r"[A-Za-z][\w&.\-]*")
_TWO_CAPITALS = re.compile(r"[A-Z].*[A-Z]")


def _named_token(words: str) -> bool:
    """A capitalised word that is neither generic, a month nor the only capital of a sentence's usual opener."""
    return any(token not in _GENERIC_CAPITALS and token not in _MONTHS and token.lower() not in _NOUN_PHRASE_STOP
               for token in _CAPITALISED.findall(words))


def _without_asides(words: str) -> str:
    """The words outside closed parentheses: "(volume down 3%, share down from 17%)" says nothing of what
    follows it."""
    return _ASIDE.sub(" ", words)


# A comparative before a noun describes the noun ("for lower prices (30%)"); it changes nothing.
_COMPARATIVE = re.compile(r"higher|lower|more|less|fewer|greater|cheaper", re.IGNORECASE)
_ATTRIBUTIVE = re.compile(r"[ \t]+(?!than\b)[a-z]")


def _nearest_cue(before: str) -> str | None:
    """The last cue of change or of holding in the words before a figure."""
    change = [m.end() for m in CHANGE.finditer(before)
              if not (_COMPARATIVE.fullmatch(m.group(0)) and _ATTRIBUTIVE.match(before, m.end()))]
    share = [m.end() for m in SHARE.finditer(before)]
    if not change and not share:
        return None
    return "growth_rate" if max(change, default=-1) > max(share, default=-1) else "market_share"


def money_metric(text: str, sentence_start: int, start: int, current: str, about_a_market: bool) -> str:
    """A money figure's measure where the near-word rules read `revenue`, `cost` or `other` for a market's size,
    or `market_size` for one company's revenue: by the measure's noun before it in its clause and what owns it."""
    left = _clause(text, sentence_start, start)
    measures = list(MARKET_MEASURE.finditer(left))
    named = _NAMED_AMOUNT.search(left)
    if named and current in ("other", "market_size", "revenue") and named.group(1).split()[0] not in \
            _GENERIC_CAPITALS and not VALUATION.search(left) and not is_place(named.group(1)):
        return "revenue"  # "Walmart ($45 billion)", "JD.com ranked fourth at $295 billion": a firm's own
    if not measures:
        if VALUATION.search(left) and current != "price":
            return "other"  # "was valued at", "a funding round of"
        spent = list(_SPENT.finditer(left))
        if spent and current in ("other", "cost", "market_size"):
            # "Google spent $14 billion" is one firm's cost; "companies spent $41 billion on X" a market's size
            return "cost" if _spender_named(left[:spent[-1].start()]) else "market_size" if about_a_market else current
        if about_a_market and current in ("other", "revenue") and _LEVEL_AFTER_CHANGE.search(left):
            return "market_size"  # "... will grow by 8% to $715 billion", "Streaming alone will account for $41.8bn"
        return current
    last = measures[-1]
    if last.group(0).lower() in ("market", "industry"):
        if VALUATION.search(left[last.start():]) and re.search(r"cap", left[last.start():], re.IGNORECASE):
            return "other"  # "market capitalisation"
        return "market_size" if current in ("revenue", "other", "market_size") else current
    owned = _owner(left, last.start())
    if owned is None and _LINE_LABEL.match(text, text.rfind("\n", 0, start) + 1, start):
        owned = True  # "Netflix: over 300 million subscribers; revenue is predicted to hit $43 billion"
    if VALUATION.search(left):
        return "other"
    if CAPEX.search(left) and owned:
        return "cost"
    if owned:
        return "revenue" if current in ("market_size", "revenue", "other") else current
    if owned is None and not about_a_market:
        return current  # "Revenue reached 100 billion yuan": whose, neither the sentence nor the title says
    return "market_size" if current in ("revenue", "other", "cost", "market_size") else current


# A name the amount is set beside: "Walmart ($45 billion)", "JD.com ranked fourth at $295 billion", "eBay fifth
# with ($90.2 billion".
_NAMED_AMOUNT = re.compile(r"(?<![\w’'])((?:[A-Z]|[a-z]{1,3}[A-Z])[\w&.\-’']*(?:[ \t]+[A-Z][\w&.\-’']*){0,2})[ \t]*"
                           r"(?:\([ \t]*"
                           r"|(?:(?:ranked|came|placed|finished)[ \t]+)?(?:in[ \t]+)?(?:first|second|third|fourth|"
                           r"fifth|sixth|seventh|eighth|ninth|tenth|next)?[ \t]*(?:at|with)[ \t]+\(?[ \t]*)$")
# The level a change reached or a part accounts for: "grow by 8% to", "a 7% bump to", "will account for".
_LEVEL_AFTER_CHANGE = re.compile(
    r"(?:(?:%|\bper[ \t]?cent|\b(?:gain|bump|jump|rise|increase|growth|decline|drop|r[io]se|grow|grew|climb\w*|fall|"
    r"fell|surg\w*|slip\w*|erode|doubl\w*|tripl\w*))[^.;$€£¥]{0,40}?\bto|\baccount[ \t]+for)[ \t]+"
    r"(?:about[ \t]+|nearly[ \t]+|around[ \t]+|almost[ \t]+|some[ \t]+)?$", re.IGNORECASE)
# A line that opens with a name and a colon: its measures are that name's ("Netflix: ... revenue is ...").
_LINE_LABEL = re.compile(r"[ \t]*(?:[-•*–][ \t]*)?(?:\d+\.[ \t]*)?[A-Z][\w&.+\-’']*(?:[ \t]+[A-Z][\w&.+\-’']*){0,2}"
                         r"[ \t]*:(?![ \t]*$)")
_ATTRIBUTION = re.compile(r"\b(?:according[ \t]+to|per|says?|said|from|by|put|puts|show|shows|estimates?|data)\b[^,]*$",
                          re.IGNORECASE)
_NOUN_PHRASE_STOP = frozenset("the a an of on in at to for from by with and or that which as its their his her our "
                              "put puts show shows estimate estimates said says reported expect expects expected "
                              "forecast forecasts predict predicts project projects see sees believe believes "
                              "while when whereas although though because since".split())
# Verbs whose subject states a measure rather than owns it.
_SAYING_VERBS = frozenset("put puts show shows estimate estimates said says expect expects expected forecast forecasts "
                          "predict predicts project projects see sees believe believes".split())
# A verb whose subject owns the measure after it, right after an aside on that subject: "Acme, the largest
# maker, reported kettle revenue".
_AFTER_APPOSITIVE = re.compile(r",[ \t]*(?:reported|posted|generated|earned|booked|recorded)(?:[ \t]+[a-z][\w\-]*)+"
                               r"[ \t]*$")
_POSSESSIVES = frozenset({"its"})  # not "their": a group's, often a segment of the market
# Words that open a clause of their own: the measure right after one is that clause's subject, owned by no one
# named before it ("... as spending ballooned to $74bn").
_CLAUSE_OPENERS = frozenset("as while when whereas although though because since".split())
# A capitalised name followed by one of these is a segment or a category, not a company ("Logic products were").
_SEGMENT_NOUNS = frozenset("product products segment segments category categories sector sectors device devices "
                           "goods chips services solutions systems equipment".split())
_SPENT = re.compile(r"\bsp(?:ent|ends?)\b", re.IGNORECASE)
_BULLET = " \t\"'“‘-–—•*"


def _owner(left: str, measure_start: int) -> bool | None:
    """Whether the measure's noun phrase ("Microsoft's Q4 expenditure" vs "global cloud spending") or, where the
    measure stands alone ("with revenue of"), its clause's subject names a company; None where neither says."""
    words = _PHRASE_WORD.findall(left[:measure_start])
    phrase: list[str] = []
    stop = ""
    for word in reversed(words):
        if word.lower() in _NOUN_PHRASE_STOP or len(phrase) >= 4:
            stop = word.lower()
            break
        phrase.insert(0, word)
    if stop in _POSSESSIVES and len(phrase) <= 2:
        return True  # "its total spending", "their revenue": someone's own
    if not phrase and stop in _SAYING_VERBS:
        return None  # "Globex expects sales to reach": whose sales, the one who expects does not say
    if phrase and stop in ("the", "a", "an") and not _named(" ".join(["x", *phrase])):
        actor = _ACTOR_BEFORE.search(left, 0, measure_start)
        if actor and actor.group(1).split()[-1] not in _GENERIC_CAPITALS:
            return True  # "Amazon produced the third-highest marketplace GMV": the clause's subject's own
    if phrase:
        opening = left[:measure_start].lstrip(_BULLET)
        if len(phrase) == 1 and re.fullmatch(r"[A-Z][a-z]+", phrase[0]) and opening.startswith(phrase[0]):
            return False  # "Cloud spending hits $270bn": a headline's or a sentence's first word
        if any(_POSSESSIVE.search(w) for w in phrase):
            return True  # "Microsoft's Q4 expenditure", "AWS' capital expenditure"; not "media owners’ revenues"
        # capitals before a lower-case modifier name a segment ("TV ad revenue", "Social Media ad sales")
        lower = [i for i, w in enumerate(phrase) if w[:1].islower()]
        if len(lower) < len(phrase) or not _AFTER_APPOSITIVE.search(left[:measure_start]):
            return _named(" ".join(["x", *phrase[lower[-1] + 1 if lower else 0:]]))
        # "Acme, the largest maker, reported kettle revenue of": the measure is the clause subject's own
    if stop in _CLAUSE_OPENERS:
        return False
    head = left[:measure_start]
    head = head[head.rfind(",") + 1:]
    if _ATTRIBUTION.search(head[:head.find(" ", 1) + 1] or head):
        return False
    # The clause's subject, else, where the clause goes on from a name set off by an aside, that name
    # ("- Intel, the 2023 leader, slipped to No. 2 with revenue of").
    subject = _SUBJECT.match(head)
    if not subject and re.match(r"[ \t]*[a-z]", head) and not _DETERMINER.match(head):
        subject = _APPOSED_NAME.match(left.lstrip(_BULLET))
    if not subject:
        return None
    return subject.group(1).split()[0] not in _GENERIC_CAPITALS and subject.group(2).lower() not in _SEGMENT_NOUNS


def _spender_named(before_verb: str) -> bool:
    """Whether the subject of "spent" is a name ("Globex spent", "while Google spent") rather than a plural of
    spenders ("Companies spent", "advertisers spent")."""
    subject = re.search(r"([\w&.\-’']+)[ \t]*$", before_verb)
    if not subject:
        return False
    word = subject.group(1)
    return word[0].isupper() and word.lower() not in _NOUN_PHRASE_STOP \
        and not re.fullmatch(r"[A-Z][a-z]+[^s]s", word)


# A name, a verb of doing and the measure's determiner: "Amazon produced the ...", "Acme posted a ...".
_ACTOR_BEFORE = re.compile(r"(?<![\w’'])((?:[A-Z]|[a-z]{1,3}[A-Z])[\w&.\-’']*)[ \t]+(?!(?:expect|forecast|estimat|"
                           r"predict|project|said|say|show|see|put|believ)\w*)[a-z]+(?:ed|s)[ \t]+(?:the|a|an)[ \t]+"
                           r"(?:[\w\-’']+[ \t]+){0,4}$")
_POSSESSIVE = re.compile(r"^(?:[A-Z]|[a-z]+[A-Z]).*(?:[’']s|[sS][’'])$")
_SUBJECT = re.compile(r"[ \t]*([A-Z][\w&.\-’']*(?:[ \t]+[A-Z][\w&.\-’']*){0,2}[ \t]*)([\w\-]*)")
_APPOSED_NAME = re.compile(r"([A-Z][\w&.\-’']*(?:[ \t]+[A-Z][\w&.\-’']*){0,2})()[ \t]*,")
_DETERMINER = re.compile(r"[ \t]*(?:the|a|an|this|these|those|that|its|their|our|his|her|all|each|every)\b")


MARKET_TITLE = re.compile(r"\b(?:markets?|industry|industries|sector|spending|shipments|sales|capacity|"
                          r"prices|forecast|outlook|global|worldwide|gmv)\b", re.IGNORECASE)


def is_place(name: str) -> bool:
    """A country, region or city, as the geography patterns know them."""
    return nlp.sentence_context(name)[0] is not None


def about_a_market(opening: str) -> bool:
    """The document's title or opening is about a market or an industry, not one company."""
    return MARKET_TITLE.search(opening) is not None


def _named(words: str) -> bool:
    """A company-like name among `words`: a capitalised word that is not a sentence's first or a generic one."""
    tokens = _NAME_TOKEN.findall(words)
    for i, token in enumerate(tokens):
        if token[0].isupper() and token not in _GENERIC_CAPITALS and (i > 0 or _TWO_CAPITALS.search(token)):
            return True
    return False


def _clause(text: str, sentence_start: int, position: int, width: int = 120) -> str:
    left = text[max(sentence_start, position - width):position]
    cut = max(left.rfind(c) for c in ";:")
    return left[cut + 1:] if cut >= 0 else left


def direction(text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> str:
    """`up` or `down` for a change: a printed sign, else the change word right after the figure ("8% lower"),
    else the nearest one before it ("fell 8% year on year"); a marker of period ("year on year") says neither."""
    quote = text[start:end]
    if quote[:1] in "-−":
        return "down"
    if quote[:1] == "+":
        return "up"
    after = _WORD_AFTER_CHANGE.match(text, end, sentence_end)
    if after and CHANGE.fullmatch(after.group(1)) and not _NEUTRAL.fullmatch(after.group(1)):
        return "down" if DECLINE.fullmatch(after.group(1)) else "up"
    words = [m.group(0) for m in CHANGE.finditer(_without_asides(text[sentence_start:start]))
             if not _NEUTRAL.fullmatch(m.group(0))]
    if words:
        return "down" if DECLINE.fullmatch(words[-1]) else "up"
    return "up"
