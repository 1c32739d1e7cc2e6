"""Rankings written in prose: positions that sentences state in words.

A position is read only where the words state one, never from the values:

- a leader: "X leads the market with 31%", "X holds a strong lead", "X was in front with 13.4%",
  "X sat at the top of ...", "X's lead", "X and Y share the lead" (a tie), "the market is led by X",
  "X tops the rankings", "X carried the most passengers", "prices were lowest in X",
  "..., the highest growth of any category" (the clause's subject), "its fastest-growing market was X";
- an ordinal: "X came second", "X was a distant third", "X took the fourth spot with 7.9%", "second-place X
  (9.4%)", "In third place was X", "X, in fourth place, ...", "X was the runner-up", "X remained the No. 1
  vendor", "X moved up one place to No. 3", "X rounded out the top five", "X and Y tied for sixth",
  "No. 2: X", "X, Y and Z took third, fourth and fifth place respectively", "X's 31.9 GW, which puts it in
  the 3rd spot";
- an order: "followed by X at 8.8%", "followed by A (13%) and B (8%)", "X was next", "then X with 9%, Y with
  8%", "X trails closely", "just ahead of X's ~21%", "with X, Y and Z behind it", "second only to X",
  "..., behind smartphones"; names that trail or come next after the measured subject of the sentence
  (or paragraph) before make that subject the leader;
- a pair: "X overtook Y", "X moved ahead of Y to become the world's biggest ...", "X overtook Y to take the
  third spot", "X, slightly behind Y";
- a list introduced as the top N: "the top three providers, A, B and C, ...", "the three largest chains
  were A (28%), B (17%) and C (12%)" (a list in alphabetical order is a list of names, not an order).

A subject in lower case is a category only where the sentence splits into categories ("By end use,
hospitals ..."); ordinals and superlatives inside compounds ("leading-edge", "top-line", "first-quarter")
state no position. Within a paragraph the entries of one order form one ranking: a sentence that continues
an order ("X was next") takes the rank after the last one. Each entry's value is the amount written next to
its entity (a share before money before a count; a change only where the ranking is by a change), and its
ranking is named by the anchoring sentence's scope and period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractors.amounts import Amount, find_amounts
from extractors.lexicon import MONTHS_CAPITALIZED
from extractors.model import RankedEntry
from extractors.rankings_cues import (AHEAD_OF_CATEGORY, AND, APPOSITIVE, AS_THE_TOP, BECOME, BEHIND, BEHIND_IT,
                                      BEHIND_PLACED, CHANGE_RANKING, CLAUSE_END, COUNT_WORDS, CUE_WORD, FOLLOWED_BY,
                                      HEADING, HEADLINE, LEADER_CUE, LED_BY, LIST_THE_TOP, MAX_SENTENCE_CHARS,
                                      MEASURED_NAME, MEASURE_AFTER, MOST_OF, NAME_IN_PLACE, NAME_THEN_ORDINAL,
                                      NEW_SUBJECT, NEXT_CUE, NON_DIGITS, NOT_NAMES, NUMBERED_PLACE, OF_ANY, ONLY_TO,
                                      OPENING_WITH, ORDER_ITEM, ORDINAL_CUE, ORDINAL_WORD, ORDINAL_WORDS, OVERTAKE,
                                      PARENS, PLACE_AMONG_TOP, PLACE_BEFORE_NAME, PLACE_THEN_NAME, POSSESSIVE_LEAD,
                                      POSSESSIVE_OF, QUARTER, RANKING_OBJECT, RANK_VERB_AFTER, RESPECTIVE_ORDINALS,
                                      ROUNDED_OUT, RUNNER_UP, SENTENCE_SPLIT, SUPERLATIVE, SUPERLATIVE_FIRST,
                                      SUPERLATIVE_IN, TIE_CUE, TOP_LIST, WHICH_PUTS, WITH_NAME_ORDINAL)
from extractors.rankings_names import (clause_opener, clause_subject, clean_name, first_subject, list_names,
                                       list_spans, name_start, object_name, opening_subject, subject_hit,
                                       subjects_before, usual_names)
from extractors.rankings_values import (counted_noun, first_year, is_year, measure_of, measured, only_amount,
                                        period_of, respective_values, same_dimension, scope_of, with_stated_values,
                                        year_of_sentence)


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
    from_headline: list[bool] = []  # for each entry of `out`: it comes from a headline
    before: tuple[str, str] | None = None  # the last sentence that placed no one, and the paragraph up to it
    for index, paragraph in enumerate(paragraphs):
        if not paragraph.strip():
            continue
        heading = HEADING.match(paragraph)
        if heading:
            listed = _heading_entry(heading, paragraphs, paragraph, page, doc_year)
            out.extend(listed)
            from_headline += [False] * len(listed)
            continue
        order: _Order | None = None
        subject: str | None = None
        paragraph_year = first_year(paragraph) or doc_year
        found_here: list[RankedEntry] = []
        told = ""  # the paragraph so far: where a leader's amount is looked for
        for sentence in SENTENCE_SPLIT.split(paragraph):
            told = f"{told} {sentence}"
            if len(sentence) > MAX_SENTENCE_CHARS:  # a run of table text or a list, not a sentence
                continue
            leader = _leader(*before) if before and order is None and NEXT_CUE.search(sentence) else None
            found, order = _sentence(sentence, order, subject, paragraph_year, page, leader)
            found_here.extend(found)
            subject = first_subject(sentence) or subject
            before = (sentence, told) if not found else None
        following = [p for p in paragraphs[index + 1:index + 8] if p.strip()][:2]  # a headline's story follows it
        out.extend(with_stated_values(found_here, "\n".join([paragraph, *following])))
        from_headline += [bool(HEADLINE.fullmatch(paragraph.strip()))] * len(found_here)
    named = usual_names(out, "\n".join(paragraphs))
    # a headline's position that its story states again is the story's (the headline's value where it has none)
    stated = {(e.entity.lower(), e.rank) for e, headline in zip(named, from_headline) if not headline}
    headline_values = {(e.entity.lower(), e.rank): e for e, headline in zip(named, from_headline)
                       if headline and e.value is not None}
    kept = []
    for e, headline in zip(named, from_headline):
        key = (e.entity.lower(), e.rank)
        if headline and key in stated:
            continue
        if not headline and e.value is None and key in headline_values:
            e = replace(e, value=headline_values[key].value, unit=headline_values[key].unit)
        kept.append(e)
    return _merged(kept)


def _leader(sentence: str, told: str) -> tuple[str, str] | None:
    """The name that opens a sentence which gave an amount, and the paragraph from its first mention: the one
    that names trailing it in the next sentence ("The US and India trail ...") trail."""
    opener = clause_opener(sentence)
    return (opener, told[told.find(opener):]) if opener and measured(sentence) else None


# -- one sentence ---------------------------------------------------------------------------------------------

@dataclass
class _Hit:
    start: int  # where the entity's part of the sentence starts (its value is looked for from here)
    rank: int
    entity: str
    tie: bool = False
    next_rank: bool = False  # the rank follows the paragraph's order
    end: int | None = None  # where its part of the sentence ends, where that is not the next hit's start
    overtaken: bool = False  # the object of "X overtook Y": the words after Y tell of X


def _sentence(sentence: str, order: _Order | None, previous_subject: str | None, year: int | None,
              page: int | None, leader: tuple[str, str] | None = None) -> tuple[list[RankedEntry], _Order | None]:
    if not CUE_WORD.search(sentence) and not (order is not None and "then" in sentence):
        return [], order  # most sentences state no position: one quick look
    plain = PARENS.sub(lambda m: " " * len(m.group()) if not only_amount(m.group()) else m.group(), sentence)
    hits = _hits(plain, previous_subject, order is not None and order.placed > 0, leader[0] if leader else None)
    if not hits:
        return [], order
    hits.sort(key=lambda h: (h.start, h.next_rank, h.rank))
    year = year_of_sentence(sentence[:hits[-1].start + 80]) or year  # not the year of a trailing "since ..." clause
    scope = scope_of(sentence, hits[0].entity)
    change = bool(CHANGE_RANKING.search(sentence))
    absolute = [h for h in hits if not h.next_rank]
    if order is None or (absolute and absolute[0].rank == 1 and absolute[0].start == hits[0].start):
        period = period_of(sentence)
        order = _Order(scope if not period or period in scope else f"{scope} ({period})", 0, None, year)
    values = respective_values(sentence, [h.entity for h in hits])
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
        # a number inside the name ("iPhone 15") is no value of it
        own_end = hit.start + len(hit.entity) if sentence.startswith(hit.entity, hit.start) else hit.start
        amount = values.get(hit.entity) \
            or measure_of(sentence, own_end, max(end, own_end + 1), change, order.unit) \
            or (measure_of(sentence, 0, hit.start, change, order.unit)
                if index == 0 and OPENING_WITH.match(sentence) else None) \
            or _after_object(sentence, hits, index, change, order.unit)
        value, unit = (float(amount.value), amount.unit) if amount and amount.value_high is None else (None, None)
        if amount is not None and value is not None and unit is None:
            unit = counted_noun(sentence[own_end:], amount) or order.unit
        order.rank = rank
        order.placed = max(order.placed + 1, rank)
        order.unit = order.unit or unit
        out.append(RankedEntry(order.title, rank, hit.entity, value, unit, order.year or year, True, page))
    if leader and out and out[0].entity == leader[0] and out[0].value is None and order.unit:
        # the leader named in the sentence before: its amount there in the unit of the names that trail it
        told = leader[1]
        amount = next((a for a in find_amounts(told) if not a.words and a.value_high is None
                       and not is_year(told[a.start:a.end]) and same_dimension(a.unit or "count", order.unit)), None)
        if amount is not None:
            out[0] = replace(out[0], value=float(amount.value), unit=amount.unit)
    return out, order


def _hits(sentence: str, previous_subject: str | None, in_order: bool, leader: str | None = None) -> list[_Hit]:
    hits: list[_Hit] = []
    taken: set[tuple[str, int]] = set()
    name: str | None  # a cue may find no name; `add` passes over those

    def add(start: int, rank: int, entity: str | None, tie: bool = False, next_rank: bool = False,
            end: int | None = None, overtaken: bool = False) -> None:
        if entity and (entity, rank) not in taken and not (next_rank and any(e == entity for e, _ in taken)):
            taken.add((entity, rank))
            hits.append(_Hit(start, rank, entity, tie, next_rank, end, overtaken))

    for m in RESPECTIVE_ORDINALS.finditer(sentence):
        names = list_names(m.group("list"))
        ords = ORDINAL_WORD.findall(m.group("ords"))
        if len(names) == len(ords):
            for name, (s, e), word in zip(names, list_spans(m, "list"), ords):
                measure = MEASURE_AFTER.match(sentence, e)  # "Germany (18%)": the amount in brackets is its own
                add(s, ORDINAL_WORDS[word.lower()], name, end=measure.end() if measure else e)
    for m in TIE_CUE.finditer(sentence):
        names = subjects_before(sentence[:m.start()], previous_subject)
        rank = ORDINAL_WORDS.get((m.group("ord") or "first").lower(), 1) if m.group("ord") != "lead" else 1
        for index, name in enumerate(names):
            add(name_start(sentence, name, m.start()), rank, name, tie=index > 0)
    for m in LEADER_CUE.finditer(sentence):
        start, name = subject_hit(sentence, m.start(), previous_subject)
        add(start, 1, name)
    for m in POSSESSIVE_LEAD.finditer(sentence):
        add(m.start(), 1, clean_name(m.group("name"), previous_subject))
    for m in ORDINAL_CUE.finditer(sentence):
        word = (m.group("ord") or m.group("ord2") or m.group("no") or f"number {m.group('num')}").lower()
        rank = ORDINAL_WORDS.get(word) or COUNT_WORDS.get(word.removeprefix("number ")) or \
            (1 if word == "number one" else int(NON_DIGITS.sub("", word) or 0))
        if rank:
            start, name = subject_hit(sentence, m.start(), previous_subject)
            add(start, rank, name)
    for m in BECOME.finditer(sentence):
        over = OVERTAKE.search(sentence, 0, m.start())
        rank = ORDINAL_WORDS.get((m.group("ord") or m.group("ord2") or "first").lower(), 1)
        start, name = subject_hit(sentence, (over or m).start(), previous_subject)
        add(start, rank, name)
        if over:
            add(over.start("object"), rank + 1, object_name(over.group("object")), end=over.end("object"),
                overtaken=True)
    for m in LIST_THE_TOP.finditer(sentence):  # "Taobao, Tmall and Amazon, the top 3 global online marketplaces"
        names = list_names(m.group("list"))
        n = m.group("n") or m.group("n2")
        if len(names) == (COUNT_WORDS.get(n.lower()) or (int(n) if n.isdigit() else 0)) and not _alphabetical(names):
            for rank, (name, (start, end)) in enumerate(zip(names, list_spans(m, "list")), 1):
                add(start, rank, name, end=end)
    for m in APPOSITIVE.finditer(sentence):  # "Intel, the 2023 market leader, ..."; "AWS, the market leader"
        name = clean_name(m.group("name"), None)
        owner = POSSESSIVE_OF.search(sentence, 0, m.start())
        if name and owner and owner.end() == m.start():  # "Lloyd's of London" is one name
            name = owner.group() + name
        # Its value is its own clause's where the sentence goes on to give the name another position, or goes on
        # with another subject ("In China, the largest market, KONE held 20%").
        other = bool(RANK_VERB_AFTER.match(sentence, m.end()) or NEW_SUBJECT.match(sentence, m.end()))
        add(m.start(), ORDINAL_WORDS.get((m.group("ord") or "first").lower(), 1), name, end=m.end() if other else None)
    for m in SUPERLATIVE.finditer(sentence):
        rank = ORDINAL_WORDS.get((m.group("ord") or "first").lower(), 1)
        if m.group("given"):
            given = m.group("given")
            add(m.start("given"), rank, clean_name(given, None) if given[:1].isupper() else given)
        elif m.group("makes"):
            name = first_subject(sentence)
            add(name_start(sentence, name, m.start()) if name else m.start(), rank, name)
        else:
            start, name = subject_hit(sentence, m.start(), previous_subject)
            add(start, rank, name)
    for m in PLACE_AMONG_TOP.finditer(sentence):  # "X held on to its place among the top three ..."
        start, name = subject_hit(sentence, m.start(), previous_subject)
        add(start, COUNT_WORDS.get(m.group("n").lower()) or int(m.group("n")), name)
    for m in ROUNDED_OUT.finditer(sentence):  # "X rounded out the top five": X is fifth
        n = m.group("n") or m.group("n2")
        start, name = subject_hit(sentence, m.start(), previous_subject)
        add(start, COUNT_WORDS.get(n.lower()) or int(n), name)
    for m in AS_THE_TOP.finditer(sentence):  # "taking Tesla's place as the world's biggest BEV seller"
        start, name = clause_subject(sentence, m.start(), previous_subject)
        add(start, ORDINAL_WORDS.get((m.group("ord") or "first").lower(), 1), name)
    for m in OVERTAKE.finditer(sentence):
        if RANKING_OBJECT.search(sentence, m.start("object"), m.start("object") + 60):  # "X tops U.S. rankings"
            start, name = subject_hit(sentence, m.start(), previous_subject)
            add(start, 1, name)
            continue
        overtaken = object_name(m.group("object"))
        if overtaken is None or any(h.entity == overtaken for h in hits):
            continue  # a pair of names: "X overtook Y", not "X is set to overtake professional production"
        start, name = subject_hit(sentence, m.start(), previous_subject)
        if name:
            add(start, 1, name)
            # the object's own words only: ", delivering 600,000 ..." after it tells of the subject
            add(m.start("object"), 2, overtaken, end=m.end("object"), overtaken=True)
    for m in BEHIND_IT.finditer(sentence):
        ahead = next((h for h in reversed(hits) if h.start < m.start()), None)
        if ahead:
            for offset, (name, (s, e)) in enumerate(zip(list_names(m.group("list")), list_spans(m, "list")), 1):
                add(s, ahead.rank + offset, name, end=e)
    for m in NUMBERED_PLACE.finditer(sentence):  # "X remained the No. 1 smartphone vendor"
        n = m.group("n").lower()
        start, name = subject_hit(sentence, m.start(), previous_subject)
        add(start, int(n) if n.isdigit() else COUNT_WORDS.get(n, 1), name)
    for m in LED_BY.finditer(sentence):  # "The market is led by Mora, which holds 30%"
        add(m.start("name"), 1, clean_name(m.group("name"), None))
    for m in MOST_OF.finditer(sentence):  # "Southwest carried the most domestic passengers"
        start, name = subject_hit(sentence, m.start(), previous_subject)
        add(start, 1, name)
    for m in SUPERLATIVE_FIRST.finditer(sentence):  # "Its fastest-growing market was Brazil"
        add(m.start("name"), 1, clean_name(m.group("name"), None))
    for m in SUPERLATIVE_IN.finditer(sentence):  # "prices were lowest in China at $84"
        if m.group("name") in MONTHS_CAPITALIZED or QUARTER.fullmatch(m.group("name")):
            continue  # "sales were highest in March": a time, not a place among peers
        clause_end = CLAUSE_END.search(sentence, m.end())
        add(m.start("name"), 1, clean_name(m.group("name"), None), end=clause_end.start() if clause_end else None)
    for m in WHICH_PUTS.finditer(sentence):  # "India's 31.9 GW, which puts it in the 3rd spot"
        add(m.start("name"), ORDINAL_WORDS[m.group("ord").lower()], clean_name(m.group("name"), None), end=m.end())
    for m in OF_ANY.finditer(sentence):  # "X recorded an 82.6% increase, the highest growth of any category"
        start, name = opening_subject(sentence[:m.start()])
        add(start, 1, name)
    for m in BEHIND_PLACED.finditer(sentence):  # "... the second-largest market, behind smartphones"
        placed = next((h for h in reversed(hits) if h.start < m.start() and h.rank > 1 and not h.next_rank), None)
        # "behind Ivo and Jax": they take places 1 and 2
        trailed = list_names(m.group("name")) if m.group("name")[:1].isupper() else [m.group("name")]
        if placed and 1 < len(trailed) == placed.rank - 1 and placed.entity not in trailed:
            for rank, (name, (start, end)) in enumerate(zip(trailed, list_spans(m, "name")), 1):
                add(start, rank, name, end=end, overtaken=True)
        elif placed and len(trailed) == 1 and placed.entity not in trailed:
            add(m.start("name"), placed.rank - 1, trailed[0], end=m.end(), overtaken=True)
    for m in BEHIND.finditer(sentence):
        start, name = clause_subject(sentence, m.start(), previous_subject)
        if name and not hits:
            add(m.start("name"), 1, clean_name(m.group("name"), None))
            add(start, 2, name)
    for m in PLACE_BEFORE_NAME.finditer(sentence):
        add(m.start(), ORDINAL_WORDS[m.group("ord").lower()], clean_name(m.group("name"), None))
    for m in RUNNER_UP.finditer(sentence):
        start, name = subject_hit(sentence, m.start(), previous_subject)
        add(start, 2, name)
    for m in PLACE_THEN_NAME.finditer(sentence):  # "In third place was X"
        add(m.start("name"), ORDINAL_WORDS[m.group("ord").lower()], clean_name(m.group("name"), None))
    for m in NAME_IN_PLACE.finditer(sentence):  # "X, in fourth place, shipped ..."
        add(m.start("name"), ORDINAL_WORDS[m.group("ord").lower()], clean_name(m.group("name"), None))
    for m in ONLY_TO.finditer(sentence):  # "X remains second only to Y"
        rank = ORDINAL_WORDS[m.group("ord").lower()]
        if rank > 1:
            add(m.start("name"), rank - 1, clean_name(m.group("name"), None))
    for m in AHEAD_OF_CATEGORY.finditer(sentence) if hits else ():  # "IPA was the best-selling, ahead of lagers"
        add(m.start("name"), 0, m.group("name"), next_rank=True)
    for m in NEXT_CUE.finditer(sentence) if hits or in_order else ():
        # "X followed", "A and B followed with 12.6% and 11.1% respectively": each takes the next place
        for name in subjects_before(sentence[:m.start()], previous_subject):
            add(name_start(sentence, name, m.start()), 0, name, next_rank=True)
    for m in NEXT_CUE.finditer(sentence) if leader and not hits and not in_order else ():
        # "China took 55% ... The US and India trail with 8% and 5%": the names trail the measured subject before
        names = subjects_before(sentence[:m.start()], None)
        if leader not in names:
            if names:
                add(0, 1, leader, end=0)  # its value is in its own sentence
            for name in names:
                add(name_start(sentence, name, m.start()), 0, name, next_rank=True)
    for m in FOLLOWED_BY.finditer(sentence):
        cue = m.group("cue")
        if (cue == "with") != bool(m.group("next")):
            continue  # "with X next at 23%"
        # an order begins only between two measured names ("launched A, followed by B" is none)
        if not hits and not in_order:
            start, name = clause_subject(sentence, m.start(), previous_subject)
            if cue != "followed by" or not name or not measured(sentence[start:m.start()]) \
                    or not MEASURED_NAME.match(sentence, m.end("name")):
                continue
            add(start, 1, name)
        add(m.start("name"), 0, clean_name(m.group("name"), None), next_rank=True)
        _continue_list(sentence, m.end(), add)
    for m in TOP_LIST.finditer(sentence):
        names = list_names(m.group("list"))
        if len(names) == COUNT_WORDS.get(m.group("n") or m.group("n2"), 0) and not _alphabetical(names):
            for rank, (name, (start, end)) in enumerate(zip(names, list_spans(m, "list")), 1):
                measure = MEASURE_AFTER.match(sentence, end)  # "Accor (28%)": the amount in brackets is its own
                add(start, rank, name, end=measure.end() if measure else end)
    for m in WITH_NAME_ORDINAL.finditer(sentence) if hits else ():  # "..., with Ivo a close second"
        add(m.start("name"), ORDINAL_WORDS[m.group("ord").lower()], clean_name(m.group("name"), None))
    if hits:  # "and Apple second on 18 per cent"
        for m in NAME_THEN_ORDINAL.finditer(sentence):
            add(m.start(), ORDINAL_WORDS[m.group("ord").lower()], clean_name(m.group("name"), None))
    return [h for h in hits if h.entity.split()[0] not in NOT_NAMES or h.entity.startswith("The ")]


def _after_object(sentence: str, hits: list[_Hit], index: int, change: bool, unit: str | None) -> Amount | None:
    """"X overtook Y to become the third-largest ..., with sales of $4.3 billion": where the next name is an
    object whose words end early, the words after it go on telling of X."""
    following = hits[index + 1:]
    if not following or not following[0].overtaken or following[0].end is None:
        return None
    stop = next((h.start for h in following[1:] if h.start > following[0].end), len(sentence))
    return measure_of(sentence, following[0].end, max(stop, following[0].end + 1), change, unit)


def _alphabetical(names: list[str]) -> bool:
    """A list in alphabetical order names its members without ranking them."""
    return names == sorted(names) or names == sorted(names, key=str.lower)


def _continue_list(sentence: str, pos: int, add) -> None:
    """After "then X with 9%": ", Y with 8%, Z and W with 5% each, and V with 4%" continue the order (as do
    "... and Y with 7.3 million")."""
    while True:
        m = ORDER_ITEM.match(sentence, pos)
        if not m:
            return
        names = AND.split(m.group("names"))
        tie = len(names) > 1
        for index, name in enumerate(names):
            add(m.start("names") + index, 0, name.strip(), next_rank=True, tie=tie and index > 0)
        pos = m.end()


def _heading_entry(m: re.Match[str], paragraphs: list[str], line: str, page: int | None,
                   year: int | None) -> list[RankedEntry]:
    """ "No. 1: AWS" followed by "Market share: 31 per cent": the value is the first amount of the next line."""
    name = clean_name(m.group("name"), None)
    if not name or len(name.split()) > 6:
        return []
    at = paragraphs.index(line)
    following = next((p for p in paragraphs[at + 1:at + 3] if p.strip()), "")
    amounts = [a for a in find_amounts(following) if not is_year(following[a.start:a.end])]
    amount = amounts[0] if amounts and not HEADING.match(following) else None
    label = following.split(":", 1)[0].strip().lower() if amount and ":" in following else ""
    title = f"ranked list by {label}" if label and len(label) < 40 else "ranked list"
    value = float(amount.value) if amount and amount.value_high is None else None
    return [RankedEntry(title, int(m.group("n")), name, value, amount.unit if amount else None, year, True, page)]


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
