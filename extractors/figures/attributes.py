"""Attributes: a draft's qualifier ("about", "more than") and metric (growth, share, price, cost ...)."""

from __future__ import annotations

import re

from extractors import metrics
from extractors.lexicon import PLAIN_CHANGE_VERB, may_contain
from extractors.figures.drafts import _FREQUENCIES, _PRICE_UNITS, _Draft, _singular
from extractors.figures.state import _SentenceView


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
    # words between a qualifier and the figure hold no number: "rose 7% over 2023 to reach 1.22 billion" bounds 2023
    r"\b(?:" + "|".join(f"(?P<{name}>{alts})" for name, alts in _LEFT_QUALIFIERS) + r")\b"
    r"[ \t]*(?:[^\s\d]+[ \t]+){0,3}?$",
    re.IGNORECASE,
)
# The same pattern without IGNORECASE, for the lower case of ASCII text (for such text the two match alike): a
# case-insensitive pattern compares every letter both ways and is tried at every position, twice the cost.
_LEFT_QUALIFIER_LOWER = re.compile(LEFT_QUALIFIER.pattern)
_FINE_WORDS = ("fine", "penalt", "sanction")  # one of them is in every match of FINE_REACH
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
_GROWTH_BEFORE = re.compile(r"\b(?:" + PLAIN_CHANGE_VERB + r")[ \t]+(?:[\w\-]+[ \t]+){0,3}?(?:by[ \t]+)?"
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
_REVENUE_WORDS = re.compile(r"\b(?:revenues?|sales|turnover|income|earnings|bookings|run[ \t-]rate|ARR|GMV)\b",
                            re.IGNORECASE)
# Money put aside for a purpose, or put into something, is a cost; an amount offered "for just" is a price.
_COST_AFTER = re.compile(r"[ \t]+(?:set[ \t]+aside|earmarked|allocated|committed|pledged|budgeted)\b", re.IGNORECASE)
_PUT_INTO = re.compile(r"\b(?:put|poured|injected|plowed|ploughed)[ \t]+(?:about[ \t]+|nearly[ \t]+|some[ \t]+)?$",
                       re.IGNORECASE)
_INTO_AFTER = re.compile(r"[ \t]+into\b", re.IGNORECASE)
_PRICE_OFFER = re.compile(r"\b(?:for|at)[ \t]+(?:just|only)[ \t]+$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom[ \t]+(?:[\w\-]+[ \t]+){0,2}$", re.IGNORECASE)
_PRICE_LINK = re.compile(r"(?:\bto|\bvs\.?|\bversus|\bthan)(?:[ \t]+[a-z]+)?[ \t]+$", re.IGNORECASE)


_FOR_TO_IN_AFTER = re.compile(r"[ \t]+(?:for|to|in)\b")
_FOLLOWED_BY = re.compile(r"\bfollowed[ \t]+by\b|\bwith[ \t]+$")
_OR_GAP = re.compile(r"[ \t]+or[ \t]+")
_INCREASE_AFTER = re.compile(r"[ \t]+(?:increase|incremental|expansion|growth|gain|rise|jump)", re.IGNORECASE)
_MARKET_WORD = re.compile(r"\bmarket\b", re.IGNORECASE)
_MARKET_PREFIX = re.compile(r"\bmarket", re.IGNORECASE)  # "market", "markets", "marketplace"


def _inherit_prices(view: _SentenceView, drafts: list[_Draft]) -> None:
    """ "from US$20 per million tokens ... to below US$0.1": the second amount is per million tokens too."""
    text, sentence = view.text, view.sentence
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
        if price is None or not link or _FOR_TO_IN_AFTER.match(right):
            continue
        if link.group(0).startswith("to") and not _FROM_BEFORE.search(text, sentence.start, price.start):
            continue  # "that comes to $225": a total, not the other end of "from $3 per token to ..."
        draft.per = price.per


def _qualifier(view: _SentenceView, draft: _Draft) -> str:
    text, sentence = view.text, view.sentence
    own = draft.amount.qualifier
    if own in ("range", "lower_bound", "upper_bound") or draft.qualifier != "exact":
        return draft.qualifier if draft.qualifier != "exact" else own
    right = RIGHT_BOUND.match(text, draft.end, sentence.end)
    if right:
        return "lower_bound" if right.group("b") in ("more", "longer", "higher", "above", "greater", "up") \
            else "upper_bound"
    left = _clause_left(view, draft.start, 40)
    if may_contain(left, _FINE_WORDS) and FINE_REACH.search(left):
        return "upper_bound"
    m = _LEFT_QUALIFIER_LOWER.search(left.lower()) if left.isascii() else LEFT_QUALIFIER.search(left)
    if m:
        return next(name for name, _ in _LEFT_QUALIFIERS if m.group(name))
    return own


def _clause_left(view: _SentenceView, position: int, width: int, cuts: str = ",;:()") -> str:
    left = view.text[max(view.sentence.start, position - width):position]
    cut = max(map(left.rfind, cuts))
    return left[cut + 1:] if cut >= 0 else left


def _frequency_prices(view: _SentenceView, drafts: list[_Draft]) -> None:
    """ "the average hourly labor cost rose from RMB24.5 to RMB31.0": both amounts are per hour."""
    text, sentence = view.text, view.sentence
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
        elif draft.kind == "money" and draft.metric == "other" and prev.metric in ("revenue", "market_size", "cost",
                                                                                  "price"):
            draft.metric, draft.rule = prev.metric, prev.rule
        elif draft.kind == "percent" and draft.metric == "other_percent" and prev.metric == "market_share" \
                and _FOLLOWED_BY.search(gap):
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
# The two ends of one series: "from $1.52 trillion in 2018 to $3.15 trillion".
_FROM_BEFORE_END = re.compile(r"\bfrom[ \t]+(?:about[ \t]+|nearly[ \t]+|around[ \t]+)?$", re.IGNORECASE)
_TO_BETWEEN = re.compile(r"(?:[ \t]+in[ \t]+(?:19|20)\d\d)?[ \t]+to[ \t]+(?:about[ \t]+|nearly[ \t]+|around[ \t]+)?",
                         re.IGNORECASE)
# "300 million more people": a count of how many more, a change.
_MORE_OF = re.compile(r"[ \t]+(?:more|fewer)[ \t]+[a-z]", re.IGNORECASE)
_COMPARED_WITH = re.compile(r"\b(?:below|above|than|versus|vs\.?|compared[ \t]+(?:with|to)|from)[ \t]+(?:the[ \t]+)?$")
# Two amounts coordinated: "$60 billion on 2023 and of $102 billion".
_COORDINATED = re.compile(r"(?:[ \t]+(?:on|over|versus|vs\.?|from|against)[ \t]+[\w.]+)?,?"
                          r"[ \t]+(?:and|or)[ \t]+(?:of[ \t]+)?")


def _in_aside(text: str, sentence_start: int, position: int) -> bool:
    """The position is inside parentheses opened earlier in its sentence: "(volume down 3%, ...)"."""
    return text.count("(", sentence_start, position) > text.count(")", sentence_start, position)


def _sentence_metrics(view: _SentenceView, drafts: list[_Draft]) -> None:
    """The measure a figure's sentence gives it beyond its neighbouring words (`extractors.metrics`), and the
    direction of each change."""
    text, sentence, state = view.text, view.sentence, view.state
    listed = state.listed_metric
    previous_money: _Draft | None = None
    previous_percent: _Draft | None = None
    for draft in drafts:
        if draft.kind == "count" and metrics.is_physical(draft.unit):
            draft.metric, draft.rule = "other", draft.rule + ".physical"
        elif draft.kind == "count" and (_POINTS.fullmatch(draft.unit) or draft.rule.startswith("count")) \
                and (_COUNT_CHANGE_BEFORE.search(text, max(sentence.start, draft.start - 40), draft.start)
                     or _MORE_OF.match(text, draft.amount.end, sentence.end)):
            draft.metric, draft.rule = "growth_rate", "count.change"  # "down 1.3 points", "grew by 215,000 viewers"
        elif draft.kind == "percent" and draft.metric in ("other_percent", "growth_rate"):
            compared = previous_percent.metric if previous_percent else None
            level = metrics.level_before_change(text, sentence.start, draft.start, compared,
                                                listed or metrics.usual_percent(state.percent_metrics))
            found = level or metrics.percent_metric(text, sentence.start, draft.start, draft.end, sentence.end,
                                                    listed)
            if compared == "cagr" and previous_percent is not None \
                    and _COMPARED_WITH.search(text, previous_percent.end, draft.start):
                found = "cagr"  # "... is put at 5.4 percent, below the 6.4 percent it had projected"
            if found and (draft.metric == "other_percent" or found == "cagr" or level):
                draft.metric, draft.rule = found, "percent.sentence"
            elif found == "market_share" and metrics.held_part(text, sentence.start, draft.start, draft.end,
                                                                sentence.end):
                draft.metric, draft.rule = found, "percent.share.held"  # "making up 13.6% of DRAM revenue"
        if draft.kind == "percent" and draft.metric == "growth_rate" \
                and metrics.gap_between(text, sentence.start, draft.start, draft.end, sentence.end):
            # "a lead of 4.0 share points", "7 points ahead of": a gap between holders, not a change
            draft.metric, draft.rule = ("other" if draft.unit != "percent" else "other_percent"), "percent.gap"
        if draft.kind == "percent":
            previous_percent = draft
            state.percent_metrics[draft.metric] += 1
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
                if previous_money is not None and previous_money.metric in ("market_size", "revenue", "cost") \
                        and _FROM_BEFORE_END.search(text, max(sentence.start, previous_money.start - 12),
                                                    previous_money.start) \
                        and _TO_BETWEEN.fullmatch(text, previous_money.end, draft.start):
                    draft.metric = previous_money.metric  # "from $1.52 trillion in 2018 to $3.15 trillion in 2023"
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
                and _OR_GAP.fullmatch(text[prev.end:draft.start]):
            draft.qualifier = prev.qualifier


def _metric(view: _SentenceView, draft: _Draft) -> tuple[str, str]:
    text, sentence = view.text, view.sentence
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
        return _percent_metric(view, draft, left, right)
    return _money_metric(view, draft, left, right)


def _percent_metric(view: _SentenceView, draft: _Draft, left: str, right: str) -> tuple[str, str]:
    if CAGR.match(right.lstrip(" \t+")) or CAGR.search(left[-35:]) and not CAGR.search(right[:3]):
        return "cagr", "percent.cagr"
    if _GROWTH_AFTER.match(right) or _GROWTH_BEFORE.search(left[-40:]) or _DIRECTION_BEFORE.search(left):
        return "growth_rate", "percent.change"
    if _SHARE_BEFORE.search(left) or _SHARE_AFTER.match(right) or _label_parenthesis(view.text, draft):
        return "market_share", "percent.share"
    return "other_percent", "percent"


def _money_metric(view: _SentenceView, draft: _Draft, left: str, right: str) -> tuple[str, str]:
    text, sentence = view.text, view.sentence
    if draft.per:
        per_head = draft.per.split()[-1].split("-")[-1].lower()  # "per GPU-hour": per hour
        if per_head in _PRICE_UNITS or _singular(per_head) in _PRICE_UNITS:
            return "price", "money.price"
    if _GROWTH_AFTER.match(right) and _INCREASE_AFTER.match(right) or _MONEY_CHANGE_BEFORE.search(left):
        return "growth_rate", "money.change"
    if _PRICE_OFFER.search(left):
        return "price", "money.price"  # "try it for just $1"
    if _COST_AFTER.match(right) or _PUT_INTO.search(left) and _INTO_AFTER.match(right):
        return "cost", "money.cost"  # "$550 million set aside for module plants", "put $82mn into"
    left_clause = _clause_left(view, draft.start, 80, ",;:")
    clause = left_clause + right[:30]
    if _COST_WORDS.search(clause) or draft.per:
        return "cost", "money.cost"
    if _REVENUE_WORDS.search(clause) and not _MARKET_WORD.search(left_clause):
        return "revenue", "money.revenue"
    if _PRICE_WORDS.search(_clause_left(view, draft.start, 60, ",;")):
        return "price", "money.price"
    if _MARKET_PREFIX.search(text[sentence.start:sentence.end]):
        return "market_size", "money.market"
    return "other", "money"


def _label_parenthesis(text: str, draft: _Draft) -> bool:
    """ "- Computer Vision Models (~30%): ...": a share given right after a list item's label."""
    line_start = text.rfind("\n", 0, draft.start) + 1
    m = LIST_LABEL.match(text, line_start, draft.start + 1)
    return m is not None and text.find("(", line_start, draft.start + 1) == m.end() - 1 and ")" not in \
        text[m.end():draft.start]
