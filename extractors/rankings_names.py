"""Names in ranking sentences: the subject of the clause a position cue ends, cleaned to the name a ranking
lists ("Chinese EV giant BYD Co Ltd BYDDY" -> "BYD"), and the short form a document usually writes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from extractors import lexicon
from extractors.model import RankedEntry
from extractors.rankings_cues import (BULLET_MARK, CLAUSE_BREAK, CLAUSE_JOIN, COORDINATED, FUNCTION_WORDS,
                                      HYPHENATED_ADJECTIVE, LAST_CLAUSE, LEGAL_SUFFIX, LIST_ITEM, LOWER_SUBJECT,
                                      NAME_AT_END, NAME_PAIR, NAME_RE, NOT_NAMES, NOUN_PHRASE, OPENING_CLAUSE,
                                      OPENING_PHRASE, OPENING_PREPOSITION, OWNER, OWNER_BEFORE, OWNER_PREFIX,
                                      PAST_VERB, POSSESSIVE_END, PRONOUN_SUBJECT, RELATIVE_CLAUSE, RELATIVE_START,
                                      SEGMENT_OPENING, SEGMENT_PHRASE, SHORT_OPENING, TRAILING_ADVERB, WITH_NAME)


def subject_hit(sentence: str, cue: int, previous_subject: str | None) -> tuple[int, str | None]:
    if COORDINATED.search(sentence[:cue]):
        # "X ranked third by volume but remained the leader by value": X again, its value after this cue
        name = first_subject(sentence)
        return cue, name
    names = subjects_before(sentence[:cue], previous_subject)
    if len(names) != 1:
        return cue, None
    return name_start(sentence, names[0], cue), names[0]


def clause_subject(sentence: str, cue: int, previous_subject: str | None) -> tuple[int, str | None]:
    """The name that opens the clause before an adverbial cue ("BYD delivered 1.76 million EVs, slightly behind")."""
    clause = sentence[:cue].rstrip().rstrip(",")
    start = clause.rfind(",") + 1
    at = len(clause) - len(clause[start:].lstrip())
    at += 4 if clause.startswith("the ", at) else 0  # "the US market grew ..." is about "US"
    m = NAME_RE.match(clause, at)
    name = clean_name(m.group(), previous_subject) if m else None
    return (m.start(), name) if m and name else (cue, None)


def subjects_before(before: str, previous_subject: str | None) -> list[str]:
    """The named subject(s) of the clause that ends at a cue: "In 2023 Amazon", "Chinese EV giant BYD Co Ltd",
    "Google, which grew 26.3% in 2023,", "it" (the previous sentence's subject), "Apple and Samsung"."""
    relative = RELATIVE_START.search(before)
    if relative:  # "Frontier, which had the most cancellations"
        name = clean_name(relative.group("name"), None)
        return [name] if name else []
    clause = RELATIVE_CLAUSE.sub("", BULLET_MARK.sub("", before))
    clause = CLAUSE_BREAK.split(clause)[-1]
    clause = clause.strip().rstrip(",").strip()
    if "," in clause:
        clause = clause.rsplit(",", 1)[1].strip() or clause
    clause = TRAILING_ADVERB.sub("", clause)
    with_name = WITH_NAME.fullmatch(clause)
    if with_name:  # "..., with Samsung Electronics taking back the No. 1 position"
        name = clean_name(with_name.group("name"), None)
        return [name] if name else []
    if OPENING_PREPOSITION.match(clause):  # "X reached ... and, with a 7.5% lift, posted"
        first = first_subject(before)
        return [first] if first else []
    if PRONOUN_SUBJECT.match(clause):
        return [previous_subject] if previous_subject else []
    pair = NAME_PAIR.fullmatch(clause) if len(clause.split()) <= 8 else None
    if pair:
        return [n for n in (clean_name(pair.group("a"), None), clean_name(pair.group("b"), None)) if n]
    segment = SEGMENT_PHRASE.fullmatch(clause)
    if segment:  # "The software segment held the largest share": the segment is "software"
        return [segment.group("name")]
    phrase = NOUN_PHRASE.fullmatch(clause)
    if phrase and clause.split()[0] not in NOT_NAMES:  # "Machine learning", "Logic products", "Solar and wind"
        return [clause]
    if LOWER_SUBJECT.fullmatch(clause) and not set(clause.split()) & FUNCTION_WORDS \
            and _segment_context(before[:before.rfind(clause)]):
        return [clause]  # "By end use, hospitals accounted for ...": a category written in lower case
    m = NAME_AT_END.search(clause)
    if not m or len(clause.split()) > 9 or (m.start() > 0 and clause[m.start() - 1] not in " "):
        return []
    name = clean_name(m.group("name"), previous_subject)
    owner = OWNER_BEFORE.search(clause, 0, m.start())
    if name and owner and not is_place(owner.group("owner")) and owner.group("owner") not in NOT_NAMES:
        name = f"{clause[owner.start('owner'):m.start()]}{name}"  # "Hill's Pet Nutrition" is one name
    mark = clause.rstrip()[-2:]
    if name and POSSESSIVE_END.search(clause) and clause.rstrip().endswith(name + mark):
        name += mark  # "McDonald's stayed on top": a possessive right before the verb is part of the name
    return [name] if name else []


def clean_name(name: str, previous_subject: str | None) -> str | None:
    """A name as the ranking lists it: no legal form or ticker ("BYD Co Ltd BYDDY" -> "BYD"), no footnote mark,
    and "the" only where it is part of a name ("The Roku Channel", not "The US")."""
    name = LEGAL_SUFFIX.sub("", name.strip()).rstrip("*'’.,").strip()
    owner = OWNER.match(name)
    if owner and is_place(owner.group().rstrip()[:-2]):
        name = name[owner.end():]  # "Norway's Fjord Motors": a place that owns the name describes it
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    words = [w for w in name.split() if not HYPHENATED_ADJECTIVE.search(w)] if " " in name else name.split()
    name = " ".join(words)  # "Texas-based Tesla": the hyphenated adjective is no part of the name
    if not words:
        return None
    if words[0] == "The" and (len(words) == 1 or words[1].replace(".", "").isupper()
                              or is_place(" ".join(words[1:]))):  # "The United States", "The UK"
        words = words[1:]
        name = " ".join(words)
        if name.replace(".", "").isupper() and "." in name and not name.endswith("."):
            name += "."
    # Leading words that are descriptions, not the name ("Chinese EV giant BYD" is cut before; "In 2023 Amazon").
    while len(words) > 1 and words[0] != "The" and (words[0] in NOT_NAMES or words[0].isdigit()):
        words = words[1:]
        name = " ".join(words)
    if not words or (words[0] in NOT_NAMES and not (words[0] == "The" and len(words) > 1)) \
            or PRONOUN_SUBJECT.match(name):
        return previous_subject if PRONOUN_SUBJECT.match(name) else None
    return name


@cache
def _places() -> frozenset[str]:
    return frozenset(str(row["pattern"]).lower() for row in lexicon.read_patterns("geography.jsonl"))


def is_place(name: str) -> bool:
    """A place the geography patterns know ("United States", "Europe"), or the world."""
    bare = name.strip().removeprefix("The ").removeprefix("the ").lower()
    return bare in _places() or bare == "world"


def _segment_context(before: str) -> bool:
    """What comes before a subject in lower case says it is one of several categories: an opening that names the
    split ("By end use,", "In terms of application,") or another clause of the sentence ("..., while")."""
    before = before.strip()
    return bool(SEGMENT_OPENING.fullmatch(before) or CLAUSE_JOIN.search(before))


def clause_opener(sentence: str) -> str | None:
    """The name that opens a sentence's last clause, past an opening phrase: "..., globe: China took 55% ...",
    "With more than 1 TW of capacity, China was home to ..." -> "China"."""
    clause = LAST_CLAUSE.split(sentence.strip())[-1]
    opening = OPENING_CLAUSE.match(clause)
    if opening and opening.group().split()[0] in NOT_NAMES:
        clause = clause[opening.end():]
    m = NAME_RE.match(clause)
    return clean_name(m.group(), None) if m else None


def opening_subject(clause: str) -> tuple[int, str | None]:
    """Where the subject of a clause starts and the subject: past a short opening phrase ("Within memory,"), a
    name in lower case after its first word where a verb in the past follows it ("DRAM products recorded"),
    else the name that opens the clause."""
    opening = SHORT_OPENING.match(clause)
    at = opening.end() if opening else 0
    verb = PAST_VERB.search(clause, at)
    if verb and NOUN_PHRASE.fullmatch(clause, at, verb.start()) and clause[at:].split()[0] not in NOT_NAMES:
        return at, clause[at:verb.start()]
    name = NAME_RE.match(clause, at)
    return (at, clean_name(name.group(), None)) if name else (at, None)


def object_name(text: str) -> str | None:
    names = NAME_RE.findall(text)
    return clean_name(names[-1], None) if names else None


def name_start(sentence: str, name: str, before: int) -> int:
    at = sentence.rfind(name, 0, before)
    return at if at >= 0 else before


def list_names(text: str) -> list[str]:
    return [n for n in (clean_name(m.group("name"), None) for m in LIST_ITEM.finditer(text)) if n]


def list_spans(m: re.Match[str], group: str) -> list[tuple[int, int]]:
    offset = m.start(group)
    return [(offset + item.start("name"), offset + item.end("name")) for item in LIST_ITEM.finditer(m.group(group))]


def first_subject(sentence: str) -> str | None:
    """The sentence's subject, for a pronoun in the next one: its first name within the first words."""
    body = OPENING_PHRASE.sub("", sentence.strip())
    m = NAME_RE.match(body)
    return clean_name(m.group(), None) if m else None


def usual_names(entries: list[RankedEntry], text: str) -> list[RankedEntry]:
    """A name as the document mostly writes it: "BYD Auto", written once, is "BYD" where "BYD" alone is written
    at least twice more (alone: not inside a longer capitalized name, so "Pet Food Monitor" is no "Pet")."""
    counts: dict[str, int] = {}

    def alone(name: str) -> int:
        if name not in counts:
            counts[name] = sum(_stands_alone(text, m.start(), m.end())
                               for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text))
        return counts[name]

    out = []
    for e in entries:
        owner = OWNER_PREFIX.match(e.entity)
        if owner and not _brand_prefix(owner.group("owner"), text):
            e = replace(e, entity=e.entity[owner.end():])  # "Apple's iPhone 15": the owner is no part of the name
        words = e.entity.split()
        if len(words) < 2 or text.count(e.entity) != 1:
            out.append(e)
            continue
        parts = [" ".join(words[:i]) for i in range(1, len(words))] \
            + [" ".join(words[i:]) for i in range(1, len(words))]
        usual = [p for p in parts if p[:1].isupper() and len(p) > 1 and p.split()[0] not in NOT_NAMES
                 and not is_place(p) and alone(p) >= 2]  # "Airtel Africa" is no "Africa"
        out.append(replace(e, entity=max(usual, key=len)) if usual else e)
    return out


def _brand_prefix(owner: str, text: str) -> bool:
    """A possessive that begins names ("Hill's Pet Nutrition", "Hill's Science Diet"): never written alone, and
    written before two names or more. "Nintendo's Switch" or "Apple's iPhone" names a product of its owner."""
    if re.search(rf"\b{re.escape(owner)}\b(?!['’]s)", text):
        return False
    names = {m.group(1) for m in re.finditer(rf"\b{re.escape(owner)}['’]s\s([A-Z][\w-]*)", text)}
    return len(names) >= 2


JOINED_NAME = re.compile(r"\s(?:&|of|de|and)\s[A-Z]")  # "Deere & Company", "Bank of America"


def _stands_alone(text: str, start: int, end: int) -> bool:
    """The words at text[start:end] are a whole name: no capitalized word joins them on either side."""
    after = text[end:end + 2]
    before = text[max(0, start - 30):start]
    joined_after = after[:1] == " " and (after[1:2].isupper() or bool(JOINED_NAME.match(text, end)))
    joined_before = before.endswith(" ") and bool(re.search(r"[A-Z][\w.&'’-]*\s$", before)) \
        and not before.rstrip().endswith(".")
    return not joined_after and not joined_before
