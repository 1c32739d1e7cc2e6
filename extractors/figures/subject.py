"""Subject: what a figure measures, in the document's words, and who (entity, segment) it is about."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors import clauses, lexicon, subjects
from extractors.figures.attributes import (LEFT_QUALIFIER, LIST_LABEL, _MARKET_PREFIX, _MARKET_WORD, _clause_left,
                                          _label_parenthesis)
from extractors.figures.drafts import _CAPITAL_FUNCTION_WORDS, _STOP, _Draft, _per_phrase
from extractors.figures.state import _SentenceView, _State
from extractors.figures.years import _CLAUSE_BREAK, _THE_BEFORE


_NAME = re.compile(r"(?<![\w\-])(?:[A-Z][\w]*(?:[\-.][\w]+)*|[a-z]+[A-Z][\w\-]*)(?:[’']s)?(?![\w\-])")
_FIRM_NAMES_RE = re.compile(r"\b(?:according to|source:?)[ \t]+\S+", re.IGNORECASE)
_DEMONSTRATIVE = frozenset({"this", "the", "that", "its", "their", "our", "a", "an", "overall", "total", "whole",
                            "entire", "same"})
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_COORDINATION_GAP = re.compile(r"[\s,;(]*(?:and|or|,)?[^.;:]{0,25}")
# "from RMB24.5 to RMB31.0", "$168 is based on ...": words after a figure that are not what it measures.
_NOT_MEASURED_AFTER = re.compile(r"to[ \t]+\S*\d|(?:is|are|was|were|will|would|has|have|had|comes?|came)\b")
# A change noun and what changed: "increase in memory revenue", "decline of wool exports".
_CHANGE_IN = re.compile(r"(?:year-(?:on|over)-year[ \t]+|annual[ \t]+)?(?:increase|decrease|decline|drop|rise|fall"
                        r"|growth|gain|jump|reduction)s?[ \t]+(?:in|of)[ \t]+[a-z]", re.IGNORECASE)
_FOR_OR_TO = re.compile(r"(?:for|to)[ \t]")
_RIGHT_WORDS = re.compile(r"[ \t]*\+?[ \t]*([a-z][^,;:()]*)")
_RIGHT_WORDS_ANY_CASE = re.compile(r"[ \t]*\+?[ \t]*([A-Za-z][^,;:()]*)")
_TIME_DENOMINATOR = re.compile(r"(?:a|an|per|each|every)[ \t]+(?:year|month|week|day|hour|quarter)")
_NEXT_WORDS = re.compile(r"((?:[ \t]+[a-z][\w\-]*){0,2})")
_OF_WORDS = re.compile(r"[ \t]+of[ \t]+((?:[\w\-]+[ \t]*){1,4})")
_POSSESSIVE = re.compile(r"[’']s$")
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]+")
_MONTH_NAME = re.compile("(?:" + "|".join(lexicon.MONTHS_CAPITALIZED) + ")")
_NAME_SHAPE = re.compile(r"\d|[a-z][A-Z]|^[A-Z]{2,}")
_MARKET_OR_SIZE = re.compile(r"\bmarket(?:[ \t]+size)?\b", re.IGNORECASE)
_PHRASE_WORD = re.compile(r"[\w\-’'&/.]+")
_MARKET_TAIL = re.compile(r"[ \t]+(?:for|of)[ \t]+((?:[\w\-&]+[ \t]*){1,5}?)"
                          r"(?=[ \t]+(?:is|was|are|were|has|had|will|in|to|from|by|reached|grew|stood)\b|[,;:(]|$)")
_OF_PHRASE = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?([^,;:()]{2,60}?)"
                        r"(?=[,;:()]|[ \t]+(?:and|while|which|that|on|in|at|compared|versus|vs)\b|$)")
_LETTER = re.compile(r"[A-Za-z]")
_COMPARATIVE_THAN = re.compile(r"\b(?:more|less|fewer|greater|higher|lower|rather)[ \t]+than[ \t]+$")
_LINK_WORD = re.compile(r"\b(?:to|vs\.?|versus|than)\b")


@dataclass
class _Earlier:
    """What the figures before one in its sentence said, kept as the sentence is read (one pass, not a search
    back from each figure)."""

    previous: _Draft | None = None
    money_subject: str | None = None  # the subject of the last money figure
    last_count: _Draft | None = None
    starts: list[int] = field(default_factory=list)  # where each figure before starts

    def see(self, draft: _Draft) -> None:
        self.previous = draft
        self.starts.append(draft.start)
        if draft.kind == "money":
            self.money_subject = draft.subject
        if draft.kind == "count":
            self.last_count = draft


def _subject(view: _SentenceView, draft: _Draft, earlier: _Earlier) -> None:
    """What the figure measures, in the document's words: the nearest noun phrases that say so."""
    text, sentence, state = view.text, view.sentence, view.state
    label = _list_label(text, draft)
    if label and (draft.metric in ("market_share", "cagr") or _label_parenthesis(text, draft)):
        draft.segment = label
    if draft.kind == "percent" and draft.metric == "cagr" and draft.period and draft.amount.value in state.cagrs \
            and _THE_BEFORE.search(text[max(0, draft.start - 5):draft.start]):
        draft.subject = state.cagrs[draft.amount.value][1]
        return
    draft.entity = _listed_entity(view, draft, earlier) \
        or _entity(view, draft) or _heading_entity(text, draft)
    parts = [p for p in _subject_parts(view, draft, earlier) if p]
    if draft.segment and not any(draft.segment.lower() in p.lower() for p in parts):
        parts.insert(0, draft.segment)
    if draft.metric == "cost" and not any(_COST_NOUN.search(p) for p in parts):
        parts.append("cost")
    if draft.entity and not any(draft.entity.lower() in p.lower() for p in parts):
        parts.insert(0, draft.entity)
    subject = " ".join(" ".join(parts).split())
    if state.topic and not subjects.names_market(subject) and draft.kind != "multiplier" \
            and not subjects.shares_topic(subject, state.topic):
        # what the figure's own words leave unsaid: what its sentence names by the topic's head ("increases in
        # installed solar capacity came in China (+278 GW)"), what the paragraph last named by the same head
        # ("Spending for the full year" after "global cloud services spending"), else the document's market
        paragraph_start = max(text.rfind("\n\n", 0, sentence.start), sentence.start - 600, 0)
        said = subjects.named_in(text, sentence.start, draft.start, state.topic) \
            or subjects.named_earlier(text, paragraph_start, draft.start, subject)
        subject = f"{subject} {said or state.topic}".strip()
    owner = clauses.clause_owner(text, sentence.start, draft.start, draft.entity, state.proper_words())
    owner_at = text.rfind(owner, sentence.start, draft.start) if owner else -1
    if owner and (_earlier_item_owner(text, sentence.start, owner, draft, earlier)
                  or subjects.CONSEQUENCE.search(text, max(sentence.start, owner_at), draft.start)):
        owner = None  # an earlier item's name, or a cause ("Economic uncertainty means ...") that owns nothing
    if owner and owner.lower() not in subject.lower():
        subject = f"{owner} {subject}".strip()  # whose it is by its clause's grammar: "BYD ... beat Tesla by 20%"
    if _ACRONYM.search(subject) and state.abbreviations():
        subject = subjects.spell_out(subject, state.abbreviations())
    draft.subject = subjects.without_marks(subjects.without_amounts(_LISTING_ASIDE.sub(" ", subject))) or None


def _earlier_item_owner(text: str, sentence_start: int, owner: str, draft: _Draft, earlier: _Earlier) -> bool:
    """The clause's subject is the owner of an earlier item of a list ("Transsion sold 106.7 million and Oppo
    sold 103.6 million"): a figure stands between it and the figure's own name, which opens a new item of
    the list (after "and", "then" or a comma; not "of DRAM revenue", not "... and beat Tesla by 20%")."""
    if not draft.entity:
        return False
    name_at = text.rfind(draft.entity, sentence_start, draft.start)
    owner_at = text.rfind(owner, sentence_start, draft.start)
    if name_at < 0 or owner_at < 0 or owner_at >= name_at or clauses.compared_name(text, name_at) \
            or not _NEW_ITEM_BEFORE.search(text, max(sentence_start, name_at - 12), name_at):
        return False
    if not any(owner_at < start < name_at for start in earlier.starts):
        return False
    found = clauses.clause_subject(text, sentence_start, draft.start)
    return not (found and clauses.refers_back(found.phrase))  # "... and WPP expects them to double": them


_NEW_ITEM_BEFORE = re.compile(r"(?:[,;]|\band|\bthen)[ \t]*$")
# An aside listing what a subject takes in ("traditional media owners (radio, TV, publishing)"): the head says it.
_LISTING_ASIDE = re.compile(r"[ \t]*\([^()]*,[ \t][^()]*\)")
# A list's item named after its figure: "45% in China, 25% in Europe and over 11% in the United States".
_PLACE_AFTER = re.compile(r"[ \t]+in[ \t]+(?:the[ \t]+)?(?P<name>[A-Z][\w\-]*(?:[ \t]+[A-Z][\w\-]*){0,3})"
                          r"(?=[ \t]*,|[ \t]+and[ \t]+(?:over[ \t]+|about[ \t]+|nearly[ \t]+|around[ \t]+)?[\d$€£]"
                          r"|[ \t]*[.;]|$)")
# The next item of a list of "name with figure": ", vivo with ", "; then Acme Corp with ".
_LIST_ITEM = re.compile(r"[ \t)]*[,;][ \t]*(?:and[ \t]+|then[ \t]+)?"
                        r"(?P<name>[^\W\d][\w\-&.]*(?:[ \t]+[^\W\d][\w\-&.]*){0,2})"
                        r"[ \t]+with[ \t]+(?:about[ \t]+|around[ \t]+|nearly[ \t]+|over[ \t]+)?")
_MONTH_WORDS = frozenset(lexicon.MONTHS_CAPITALIZED + lexicon.PERIOD_NAMES + lexicon.MONTH_ABBREVIATIONS)


def _listed_entity(view: _SentenceView, draft: _Draft, earlier: _Earlier) -> str | None:
    """The names written since the figure before ("Xiaomi with 14%, then Transsion with 9%"), else, where only a
    coordination separates them ("51.9 million units and 16%"), that figure's names."""
    text, sentence, state = view.text, view.sentence, view.state
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
    if previous is None:
        return None
    item = _LIST_ITEM.fullmatch(text, previous.end, draft.start)
    if item and not {w.lower() for w in item.group("name").split()} & (_STOP | _DEMONSTRATIVE):
        return item.group("name")  # "Oppo with 8%, vivo with 8%": a list's item, whatever its case
    if previous.entity and _COORDINATION_GAP.fullmatch(text[previous.end:draft.start]):
        return previous.entity  # "51.9 million units and 16%"
    return None


def _subject_parts(view: _SentenceView, draft: _Draft, earlier: _Earlier) -> list[str | None]:
    text, sentence = view.text, view.sentence
    chunk = _left_chunk(view, draft.start, _item_start(text, draft, earlier))
    right = _right_phrase(view, draft)
    if right and _NOT_MEASURED_AFTER.match(right):
        right = None  # "from RMB24.5 to RMB31.0", "$168 is based on ...": not what is measured
    if draft.kind == "money" and right and _FOR_OR_TO.match(right):
        return [right]
    shared = _shared_subject(text, draft, earlier.previous)
    if shared:
        return [shared]
    if draft.metric in ("market_size", "cagr") or draft.rule == "money.change":
        market = _market_before(view, draft.start)
        if market and (draft.metric != "cagr" or _MARKET_PREFIX.search(text[sentence.start:sentence.end])):
            return [market]
        return [chunk]
    if draft.kind == "percent":
        of_phrase = _of_phrase(view, draft)
        if of_phrase and of_phrase.lower().strip(" .") in _WHOLE_WORDS:
            of_phrase = None  # "83% of the total": the part is named before the figure
        left = _clause_left(view, draft.start, 120)
        holder = ACCOUNTED_FOR.search(left) if lexicon.may_contain(left, _HOLDING_STEMS) else None
        if holder and draft.metric in ("market_share", "other_percent"):
            part = holder.group("part")
            if _ENDS_COORDINATED.search(part):  # "Acme keeps growing fast and took 12%": the clause's subject
                found = clauses.clause_subject(text, sentence.start, draft.start)
                part = found.phrase if found and not found.reported else part
            return [part, "share of", of_phrase or "the market"]
        # the nearest count before is what a share or change is of: "sold 106.7 million (15% growth)"
        last_count = earlier.last_count
        population = _plural(last_count.unit) if last_count and last_count.end <= draft.start else None
        if of_phrase:
            return [of_phrase]
        if draft.metric == "growth_rate" and right and _CHANGE_IN.match(right):
            return [right]  # "a 73.4% increase in memory revenue": what changed is named after the change
        if draft.metric == "growth_rate" and not chunk:
            changed = earlier.money_subject
            if changed:  # "revenue of $4.82 billion, up 14%": the change of what the sentence measured
                return [changed]
        return [population, chunk, right]
    if draft.kind == "count":
        return [chunk, _count_phrase(view, draft)]
    if draft.kind == "multiplier":
        return [_cost_phrase(view, draft), chunk, _right_phrase(view, draft, any_case=True)]
    return [right or _cost_phrase(view, draft) or chunk]


def _right_phrase(view: _SentenceView, draft: _Draft, any_case: bool = False) -> str | None:
    """The words right after a figure, up to punctuation or a new clause: "less data", "on a bar exam"."""
    text, sentence = view.text, view.sentence
    found = _per_phrase(text, draft.end, sentence.end) if draft.per else None
    rest = text[found[1] if found else draft.end:sentence.end]
    m = (_RIGHT_WORDS_ANY_CASE if any_case else _RIGHT_WORDS).match(rest)
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
    if _TIME_DENOMINATOR.fullmatch(phrase):
        return None  # "$225 a month": the denominator, not what is measured
    return phrase or None


def _count_phrase(view: _SentenceView, draft: _Draft) -> str:
    """The counted noun as written, with the nouns it modifies: "token context window", "hour tasks"."""
    text, sentence = view.text, view.sentence
    written = text[draft.amount.end:draft.end].strip(" -\t")
    m = _NEXT_WORDS.match(text[draft.end:sentence.end])
    following = [w for w in (m.group(1).split() if m else [])]
    kept = []
    for word in following:
        if word in _STOP:
            break
        kept.append(word)
    of = _OF_WORDS.match(text[draft.end:sentence.end]) if not kept else None
    if of:  # "46,000 units of commercial cleaning robots"
        kept = ["of", *[w for w in of.group(1).split() if w not in _STOP][:4]]
    return " ".join([written or _plural(draft.unit), *kept])


# "shopping malls and office buildings together accounted for 52.6%": who holds the share.
ACCOUNTED_FOR = re.compile(r"(?P<part>[^,;:()]{2,80}?)[ \t]+(?:together[ \t]+|collectively[ \t]+|jointly[ \t]+)?"
                           r"(?:accounted[ \t]+for|accounts?[ \t]+for|made[ \t]+up|makes?[ \t]+up"
                           r"|represented|represents?"
                           r"|contributed|held|holds?|captured|took|takes?|taking|claimed|claims?|commanded"
                           r"|commands?)[ \t]+(?:[\w\-]+[ \t]+){0,4}?$", re.IGNORECASE)
# Every match of `ACCOUNTED_FOR` holds one: without any, the pattern (slow to fail at each character) is not tried.
_HOLDING_STEMS = ("account", "made", "make", "represent", "contributed", "held", "hold", "captured", "took", "tak",
                  "claim", "command")
_ENDS_COORDINATED = re.compile(r"[ \t](?:and|but)$")
_WHOLE_WORDS = frozenset({"total", "the total", "all", "the whole", "overall", "revenue", "total revenue"})
_COST_NOUN = re.compile(r"\b(?:costs?|prices?|pricing|fees?|fines?|capital|spend\w*|budgets?|investments?)\b", re.I)
COST_PHRASE = re.compile(r"(?<![\w\-])((?:[\w\-]+[ \t]+){0,3}(?:costs?|prices?(?:[ \t]+targets?)?|pricing|fees?|fines?"
                         r"|capital[ \t]+requirements?|spending|budgets?|investments?))\b", re.IGNORECASE)


def _cost_phrase(view: _SentenceView, draft: _Draft) -> str | None:
    text, sentence = view.text, view.sentence
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


def _entity(view: _SentenceView, draft: _Draft) -> str | None:
    """The nearest name before the figure in its sentence ("GPT-3", "Whisper", "MiniMax"), or just after it. A
    capitalised word opening the sentence is a name where the document also capitalises it inside a sentence
    (the state's `proper_words`: "India made a major leap ...", not "Sales rose ...")."""
    text, sentence, proper = view.text, view.sentence, view.state.proper_words()
    body = text[sentence.start:draft.start]
    body = _FIRM_NAMES_RE.sub(" ", body)
    names = [m for m in _NAME.finditer(body)
             if _is_name(m.group(0), m.start() == 0 and _POSSESSIVE.sub("", m.group(0)) not in proper)
             and not subjects.in_closed_aside(body, m.start(), len(body))]
    if names:
        whole = MULTI_WORD_NAME.search(body, 0, names[-1].end())
        name = whole.group(0) if whole and whole.end() == names[-1].end() else names[-1].group(0)
        return _POSSESSIVE.sub("", name)
    after = text[draft.end:min(sentence.end, draft.end + 40)]
    names_after = [m.group(0) for m in _NAME.finditer(after) if _is_name(m.group(0), False)]
    return _POSSESSIVE.sub("", names_after[0]) if names_after else None


# A line that only names someone, above a line of labelled figures: "No. 1: AWS" over "Market share: 31 per cent".
_NAME_HEADING = re.compile(r"[ \t]*(?:(?:No\.?|#|Rank)[ \t]*\d+[:.)]?[ \t]*|\d+[.)][ \t]*)?(?P<name>[A-Z][\w&.\-]*"
                           r"(?:[ \t]+[A-Z][\w&.\-]*){0,3})[ \t]*$")
_LABEL_LINE = re.compile(r"[ \t]*[A-Z][\w \t\-]{0,30}:[ \t]*")


def _heading_entity(text: str, draft: _Draft) -> str | None:
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
    bare = _POSSESSIVE.sub("", word)
    if bare in _CAPITAL_FUNCTION_WORDS or len(bare) < 2 or bare.isupper() and len(bare) <= 2:
        return False
    if _CAPITALISED_WORD.fullmatch(bare) and (sentence_initial or bare.lower() in _STOP):
        return False
    if _MONTH_NAME.fullmatch(bare):
        return False
    return bool(_NAME_SHAPE.search(bare)) or bare[0].isupper()


def _market_before(view: _SentenceView, position: int) -> str | None:
    """The market written before the figure, else its own head, its clause's market or the last one named."""
    text, sentence = view.text, view.sentence
    phrases = [_market_phrase(text, sentence.start + m.start(), sentence.start + m.end(), position)
               for m in _MARKET_OR_SIZE.finditer(text[sentence.start:position])]
    found = next((phrase for phrase in reversed(phrases) if phrase), None)
    if found is not None and found.lower() not in _DEMONSTRATIVE:
        return found
    own = subjects.own_head_phrase(text, position - len(_clause_left(view, position, 60, ",;:()")), position)
    clause = None if own else clauses.clause_subject(text, sentence.start, position)
    named = clause is not None and not clause.reported and subjects.names_market(clause.phrase) \
        and not subjects.CONSEQUENCE.match(text, clause.verb_start)
    return own or (clause.phrase if clause is not None and named else view.state.last_market)


def _market_phrase(text: str, start: int, end: int, limit: int) -> str | None:
    words = _PHRASE_WORD.findall(_same_line_left(text, start))
    head: list[str] = []
    for word in reversed(words):
        if word.lower() in _STOP or word.lower() in _DEMONSTRATIVE or word.endswith(".") or len(head) >= 6:
            break
        head.insert(0, word)
    tail = ""
    m = _MARKET_TAIL.match(text[end:limit])
    if m:
        tail = " " + text[end:limit][:m.end()].strip()
    if not head and not tail:
        return "the"
    return " ".join([*head, text[start:end]]) + tail


_PHRASE_BREAK = re.compile(r"[\n|›»—–]")


def _same_line_left(text: str, position: int) -> str:
    """Up to 80 characters before `position`, from the last line break or separator on: a noun phrase does not
    reach back into a site's navigation line ("Home › Press Releases") or the line above."""
    left = text[max(0, position - 80):position]
    breaks = list(_PHRASE_BREAK.finditer(left))
    return left[breaks[-1].end():] if breaks else left


def _remember_market(body: str, state: _State) -> None:
    for m in _MARKET_WORD.finditer(body):
        words = _PHRASE_WORD.findall(_same_line_left(body, m.start()))
        head: list[str] = []
        for word in reversed(words):
            if word.lower() in _STOP or word.lower() in _DEMONSTRATIVE or len(head) >= 6:
                break
            head.insert(0, word)
        if len(head) >= 2:
            state.last_market = " ".join([*head, "market"])


def _of_phrase(view: _SentenceView, draft: _Draft) -> str | None:
    m = _OF_PHRASE.match(view.text[draft.end:view.sentence.end])
    return m.group(1).strip() if m else None


def _item_start(text: str, draft: _Draft, earlier: _Earlier) -> int:
    """Where the figure's list item starts: after the figure before, where the figure's own name is written since
    that one and opens a new item ("Globex 18% and Initech 15%"); else 0 (no bound)."""
    previous = earlier.previous
    if previous is None or not draft.entity:
        return 0
    at = text.find(draft.entity, previous.end, draft.start)
    return previous.end if at >= 0 and _NEW_ITEM_BEFORE.search(text, max(previous.end, at - 12), at) else 0


def _left_chunk(view: _SentenceView, position: int, item_start: int = 0) -> str | None:
    """The clause's words before the figure, from the start of its list item on; for "lower latency (50ms":
    the words before the parenthesis."""
    text, sentence = view.text, view.sentence
    before = text[max(sentence.start, position - 3):position].strip(" \t~≈<>")
    if before.endswith("("):
        position = text.rindex("(", sentence.start, position)
    left = _clause_left(view, position, 140)
    left = left[max(0, item_start - (position - len(left))):]
    if consequences := list(subjects.CONSEQUENCE.finditer(left)):  # "uncertainty means revenues will fall"
        left = left[consequences[-1].end():]  # what follows the verb is measured, not the cause before it
    words = left.split()[-16:]
    while words and (words[0].lower() in _STOP or words[0].lower() in _DEMONSTRATIVE):
        words = words[1:]
    while words and (words[-1].lower().strip(".,") in _STOP or words[-1].lower() in _DEMONSTRATIVE
                     or LEFT_QUALIFIER.search(words[-1] + " ") or not _LETTER.search(words[-1])):
        words = words[:-1]
    return " ".join(words) or None


def _shared_subject(text: str, draft: _Draft, prev: _Draft | None) -> str | None:
    """ "from 5 minutes to 30 seconds", "$0.0001 vs. $0.002": the second amount measures what the first does."""
    if prev is None:
        return None
    gap = text[prev.end:draft.start]
    gap = _COMPARATIVE_THAN.sub("", gap)
    if prev.kind == draft.kind and len(gap) <= 50 and _LINK_WORD.search(gap) \
            and not _CLAUSE_BREAK.search(gap):
        return prev.subject
    return None


def _plural(unit: str) -> str:
    return unit if unit.endswith("s") else unit + "s"
