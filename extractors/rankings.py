"""Rankings: ranked entries from tables (`rankings_tables`) and from sentences.

Sentence rankings come from the written forms below and from positions written
in prose (`rankings_prose`: leaders, ordinals, orders, pairs, ties); a prose
entry that repeats a sentence entry gives it its value. Forms read here: "X is the fourth largest ...
company ... in 2024, with a market share of 0.3%", "X achieved the No. 1
ranking among ...", "it became a top three ... worldwide", "the top ten ...
including X", "- X (largest segment, ~40% of revenue)", and numbered or
bulleted lists under a line that introduces them as a ranking ("Top 5 makers
by revenue in 2023:"). A sentence that restates an entry of a ranking table
takes that table's title as its name.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors import deadline, lexicon
from extractors.amounts import find_amounts
from extractors.model import Document, RankedEntry, Table
from extractors.rankings_cues import COMPOUND, NAME, NAME_RE, NOUN_PHRASE
from extractors.rankings_names import list_names
from extractors.rankings_prose import prose_rankings
from extractors.rankings_tables import AS_OF_YEAR, YEAR, table_rankings


ORDINALS = lexicon.ORDINALS
# The sizes of a "top N": "top ten", "top fifty", "top hundred".
NUMBER_WORDS = {word: n for word, n in lexicon.UNIT_WORDS.items()
                if 1 <= n <= 10 or word in ("twenty", "fifty")} | {"hundred": lexicon.MULTIPLE_WORDS["hundred"]}
_ORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
_NUM = "|".join(NUMBER_WORDS) + r"|\d{1,3}"
_SIZE = r"largest|biggest|leading|most common|most popular|most widely used|fastest[- ]growing"
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])|\n+")
SUPERLATIVE = re.compile(
    rf"\b(?P<verb>is|was|are|were|became|becomes|remains|remained|ranks as|ranked as|ranked)\s+(?:now\s+|currently\s+)?"
    rf"(?P<det>the|a)\s+(?:(?P<ord>{_ORD})[- ])?(?P<sup>{_SIZE})\b{COMPOUND}[- ]?(?P<scope>[^,;:()]{{3,200}})",
    re.IGNORECASE,
)
NUMBER_ONE = re.compile(
    r"\b(?:ranked|ranking|ranks|rank)\s+(?:as\s+)?(?:the\s+)?No\.\s?(?P<n>\d{1,3})\b(?P<scope>[^,;:()]{0,160})"
    r"|\b(?:the|a)\s+No\.\s?(?P<n2>\d{1,3})\s+(?:ranking|position|spot|place)\b(?P<scope2>[^,;:()]{0,160})",
    re.IGNORECASE,
)
TOP_N = re.compile(rf"\b(?:a|the|all the)\s+top[- ](?P<n>{_NUM})\b(?!\s*%)(?P<scope>[^,;:()]{{3,200}})", re.IGNORECASE)
INCLUDING = re.compile(r"\b(?:including|such as)\s+(?P<name>[A-Z][\w.+&'-]*(?:[ -][A-Z0-9][\w.+&'-]*){0,4})")
NAME_LIST = re.compile(rf"{NAME}(?:,\s{NAME})*(?:,?\s(?:and|&)\s{NAME})?")
THE_BEFORE_NAME = re.compile(r"\bthe\s(?=[A-Z])")
FOLLOWING = re.compile(r"\b(?:following|after|behind|only to)\s+(?P<name>[\w&.+-]+(?:\s[\w&.+-]+){0,3})",
                       re.IGNORECASE)
BULLET_HEAD = re.compile(r"^\s*(?:[-•*·]|\d{1,2}[.)])\s+(?P<entity>[^():\n]{2,60}?)\s*\((?P<paren>[^()\n]{3,200})\)")
BULLET_SUPERLATIVE = re.compile(rf"(?:^|[,;]\s*|^\s*the\s+)(?P<sup>{_SIZE})\b(?P<what>[^,;]*)", re.IGNORECASE)
SHARE_OF = re.compile(r"~?\s*(?P<v>\d+(?:\.\d+)?)\s?%\s+of\s+(?P<what>[\w -]{2,40})")
MARKET_SHARE = re.compile(r"\bmarket share of\s+(?:approximately\s+|about\s+|around\s+|~)?(?P<v>\d+(?:\.\d+)?)\s?%")
DURATION = re.compile(r"\b(?:taking|in|within|after)\s+(?:only\s+|just\s+)?(?P<v>\d+(?:\.\d+)?)\s+"
                      r"(?P<u>months?|years?|weeks?|days?)\b")
PROPER_NAME = re.compile(r"[A-Z][\w.+&-]*(?:'s)?(?:[ -](?:[A-Z0-9][\w.+&-]*|(?:&|of|de)(?=\s[A-Z])))*")
PRONOUNS = {"it", "they", "this", "this model", "the company", "the model"}
LEADING_CLAUSE = re.compile(r"^(?:(?:according to|in|as of|by|upon|since|for example|for instance|moreover|today|"
                            r"currently)\b[^,]*,"
                            r"|(?:in|by|as of)\s+\w*\d\w*\b)\s*", re.IGNORECASE)  # "In 2023, X", "In 4Q24 X"
COPULA_END = re.compile(r"\w[\w'’.]*\s+(?:is|was|are|were|became|becomes|become|remains?|remained|been|among|in)\s+"
                        r"(?:now\s+|still\s+|again\s+|firmly\s+|already\s+)?$", re.IGNORECASE)
TRAILING_VERB = re.compile(r"\s+(?:is|was|became|becomes|remains|remained|ranks|ranked|ranking|has been)(?:\s+now)?"
                           r"(?:\s+among)?$",
                           re.IGNORECASE)
CLAUSE_END = re.compile(r"\s*(?:,|;|\b(?:are|is|was|were)\b|\bas (?:is )?(?:illustrated|shown)\b|\bwhich\b|\bthat\b"
                        r"|\bwith\b|\band\b(?= [a-z]+ed\b)).*$")


# A line that introduces a list as a ranking: a top N, the N largest, a ranking of ...; never a list of key players.
LIST_INTRO = re.compile(rf"\b(?:top[- ](?P<n>{_NUM})|(?P<n2>{_NUM})\s(?:largest|biggest|leading|best[- ]selling|"
                        r"top[- ]selling)|ranking\sof|ranked\sby|(?:the\s)?(?:largest|biggest))\b", re.IGNORECASE)
KEY_PLAYERS = re.compile(r"\b(?:include[sd]?|including|such\sas|key\splayers|profiled|among\sothers)\b", re.IGNORECASE)
LIST_ITEM_LINE = re.compile(r"^\s*(?:(?:#|No\.\s?)?(?P<num>\d{1,2})[.):]?|[-•*·–])\s+(?P<body>\S.{0,150})$")
# A bare item line: "Ardent Kilns – $5.2 billion", no sentence
BARE_ITEM = re.compile(r"[A-Z0-9](?:[^.!?:;]|\.(?=\d)){0,80}(?<![.!?:;,])")
ITEM_SEPARATOR = re.compile(r"\s[-–—:]\s|:\s|\s\(|,\s|\t")


def extract_rankings(doc: Document, tables: list[Table]) -> list[RankedEntry]:
    out: list[RankedEntry] = []
    for number, table in enumerate(tables, start=1):
        deadline.check()
        out.extend(table_rankings(table, number))
    doc_year = _year(doc.title or "")
    for page in doc.pages:
        out.extend(_sentence_entries(page.text, page.number, out))
        out.extend(_listed_entries(page.text, page.number))
    for page in doc.pages:
        deadline.check()
        # A sentence restating a table row is an entry of its own (the gold convention); one restating
        # another sentence is not.
        stated = {(e.rank, e.entity.lower()): i for i, e in enumerate(out) if e.from_sentence}
        for entry in prose_rankings(_paragraphs(page.text), page.number, doc_year):
            same = stated.get((entry.rank, entry.entity.lower()))
            if same is None:
                out.append(entry)
            elif out[same].value is None and out[same].from_sentence:  # the prose states the value
                out[same] = replace(out[same], value=entry.value, unit=entry.unit, year=out[same].year or entry.year)
    return _unique(out)


# -- sentences ----------------------------------------------------------------------------------

def _sentence_entries(text: str, page: int | None, table_entries: list[RankedEntry]) -> list[RankedEntry]:
    out: list[RankedEntry] = []
    previous = ""
    context = ""
    for line in _paragraphs(text):
        deadline.check()
        bullet = BULLET_HEAD.match(line)
        if bullet:
            out.extend(_bullet_entries(bullet, line, context, page))
        elif line.strip():
            context = line.strip()
        for sentence in SENTENCE_SPLIT.split(line):
            out.extend(_superlatives(sentence, previous, page, table_entries))
            out.extend(_number_ones(sentence, page))
            out.extend(_top_n(sentence, previous, page))
            previous = sentence
    return out


def _paragraphs(text: str) -> list[str]:
    """Lines, with lines wrapped inside a paragraph (as PDF text is) joined back: a line that does not
    end a sentence continues when the next one starts in lower case or it is nearly full width."""
    lines = text.splitlines()
    full = max((len(ln) for ln in lines), default=0) * 0.75
    out: list[str] = []
    for line in lines:
        if out and out[-1].strip() and line.strip() and not BULLET_HEAD.match(line) \
                and not out[-1].rstrip().endswith((".", ":", "!", "?")) \
                and (line.lstrip()[:1].islower() or len(out[-1]) >= full):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


def _superlatives(sentence: str, previous: str, page: int | None,
                  table_entries: list[RankedEntry]) -> list[RankedEntry]:
    out = []
    for m in SUPERLATIVE.finditer(sentence):
        entity = _subject(sentence[:m.start()], previous)
        if not entity or _one_of(sentence, m.start()):
            continue
        if m.group("verb").lower() in ("are", "were") and " and " in sentence[:m.start()].rsplit(",", 1)[-1]:
            continue  # "Laxton and Merrow are the largest markets": two names, no single place
        rank = ORDINALS.get((m.group("ord") or "first").lower(), 1)
        sup = m.group("sup").lower().replace(" ", "-") if "fast" in m.group("sup").lower() else m.group("sup").lower()
        scope = _clause(m.group("scope"))
        name = f"{sup} {scope}".strip()
        tail = sentence[m.end("scope") - len(m.group("scope")) + len(scope):]
        value, unit = _sentence_value(sentence[m.end("sup"):], sup)
        year = _year(scope) or _year(tail[:60])
        linked = _linked_table(table_entries, rank, entity, scope)
        out.append(RankedEntry(linked.ranking if linked else name, rank, entity, value, unit,
                               linked.year if linked else year, True, page))
        following = FOLLOWING.search(scope)
        if following and rank > 1:
            out.extend(RankedEntry(name, place, leader, None, None, year, True, page)
                       for place, leader in _leaders(following.group("name") + scope[following.end():], rank))
    return out


def _leaders(text: str, rank: int) -> list[tuple[int, str]]:
    """The names ahead of a rank, in order: "third-largest ... after China and the United States" puts China first
    and the United States second; one name ("behind market leader Bolt") is the place just ahead."""
    text = THE_BEFORE_NAME.sub("", text)
    listed = NAME_LIST.search(text[:60])
    names = list_names(listed.group()) if listed else []
    if len(names) == rank - 1:
        return list(enumerate(names, 1))
    if len(names) == 1:
        return [(rank - 1, names[0])]
    words = text.split(",")[0].strip()
    return [(rank - 1, words[:1].upper() + words[1:])] if not names and " and " not in words else []


def _number_ones(sentence: str, page: int | None) -> list[RankedEntry]:
    out = []
    for m in NUMBER_ONE.finditer(sentence):
        entity = _subject(sentence[:m.start()], "")
        if not entity:
            continue
        scope = _clause(m.group("scope") or m.group("scope2") or "")
        out.append(RankedEntry(f"ranking {scope}".strip(), int(m.group("n") or m.group("n2")), entity, None, None,
                               _year(scope), True, page))
    return out


def _top_n(sentence: str, previous: str, page: int | None) -> list[RankedEntry]:
    out = []
    for m in TOP_N.finditer(sentence):
        n = m.group("n").lower()
        rank = NUMBER_WORDS.get(n) or int(n)
        scope = _clause(m.group("scope"))
        listed = INCLUDING.search(sentence, m.end())
        # "X became a top three model", "X is among the top ten"; not "Y looks at the top five"
        subject = _subject(sentence[:m.start()], previous) if COPULA_END.search(sentence[:m.start()]) else None
        entity = listed.group("name") if listed else subject
        if not entity or not scope:
            continue
        as_of = AS_OF_YEAR.search(sentence)
        year = _year(scope) or (int(as_of.group("year")) if as_of else None)
        out.append(RankedEntry(f"top {scope}", rank, entity.rstrip("."), None, None, year, True, page))
    return out


def _listed_entries(text: str, page: int | None) -> list[RankedEntry]:
    """A list introduced as a ranking ("Top 5 robot makers by revenue in 2023:", "The five largest insurers
    were:") and the numbered or bulleted items under it: a numbered item keeps its number, a bullet its place.
    Under a top N, items may also be bare short lines (a web page's list loses its marks). Like a table's rows,
    they are entries of their own beside a sentence that restates one."""
    lines = text.splitlines()
    out: list[RankedEntry] = []
    for at, line in enumerate(lines):
        intro = LIST_INTRO.search(line)
        if not intro or KEY_PLAYERS.search(line) or line.rstrip().endswith((".", "!", "?", ";", ",")):
            continue
        size = intro.group("n") or intro.group("n2")
        limit = (NUMBER_WORDS.get(size.lower()) or int(size)) if size else None
        items = _items_under(lines[at + 1:], limit)
        numbered = [num for num, _ in items if num]
        # introduced with a colon, or a heading right above numbered items or a top N's bare names
        bare_names = bool(limit) and not numbered and all(NAME_RE.fullmatch(_item(body)[0] or "") for _, body in items)
        if not (line.rstrip().endswith((":", "：")) or len(numbered) == len(items) or bare_names):
            continue
        if len(items) < 2 or (limit is None and len(numbered) != len(items)) or (limit and len(items) > limit):
            continue
        title = line.strip().rstrip(":：").strip()
        for place, (num, body) in enumerate(items, 1):
            name, value, unit = _item(body)
            if name:
                out.append(RankedEntry(title, num or place, name, value, unit, _year(title), False, page))
    return out


def _items_under(lines: list[str], limit: int | None) -> list[tuple[int | None, str]]:
    """The items of a list: numbered or bulleted lines; or, under a top N, up to N bare short lines that are no
    sentences (blank lines between them pass)."""
    items: list[tuple[int | None, str]] = []
    bare = False
    for line in lines:
        if not line.strip():
            continue
        item = LIST_ITEM_LINE.match(line)
        if item and not bare:
            items.append((int(item.group("num")) if item.group("num") else None, item.group("body")))
        elif limit and (bare or not items) and len(items) < limit and BARE_ITEM.fullmatch(line.strip()):
            bare = True
            items.append((None, line.strip()))
        else:
            break
    return items


def _item(body: str) -> tuple[str | None, float | None, str | None]:
    """ "Acme Robotics – $5.2 billion", "Allianz ($120 billion)": the name before its first separator, the
    first amount after it."""
    name = ITEM_SEPARATOR.split(body, 1)[0].strip().rstrip(".,;")
    # a name ("Acme Robotics", "iPhone 15") or a category ("Machine learning"), not a sentence ("Growth slowed")
    if not name or len(name.split()) > 8 or not (NAME_RE.fullmatch(name) or NOUN_PHRASE.fullmatch(name)):
        return None, None, None
    rest = body[len(name):]
    amounts = [a for a in find_amounts(rest) if not a.words and not YEAR.fullmatch(rest[a.start:a.end].strip())]
    first = amounts[0] if amounts and amounts[0].value_high is None else None
    return name, (float(first.value) if first else None), (first.unit if first else None)


def _bullet_entries(m: re.Match[str], line: str, context: str, page: int | None) -> list[RankedEntry]:
    """`- NLP Models (largest segment, ~40% of market revenue): ... Fastest-growing at 15-16% CAGR.`"""
    entity = m.group("entity").strip()
    out = []
    found = [(s.group("sup").lower(), s.group("what")) for s in BULLET_SUPERLATIVE.finditer(m.group("paren"))]
    for sentence in SENTENCE_SPLIT.split(line[m.end():].lstrip(": ")):
        s = BULLET_SUPERLATIVE.match(sentence.strip())
        if s:
            found.append((s.group("sup").lower(), s.group("what")))
    scope = context.rstrip(":").strip()
    for sup, _ in found:
        share = SHARE_OF.search(m.group("paren")) if "fast" not in sup else None
        by = f"by {share.group('what').strip()}" if share else ("by growth" if "fast" in sup else f"{sup}")
        value = float(share.group("v")) if share else None
        out.append(RankedEntry(f"{scope}, {by}", 1, entity, value, "percent" if share else None, None, True, page))
    return out


def _subject(before: str, previous: str, allow_object: bool = True) -> str | None:
    """The named subject of the clause ending at the ranking phrase ("According to CIC, MiniMax is ...")."""
    del allow_object
    clause = before.rsplit(",", 1)[-1] if before.count(",") and not before.rstrip().endswith(",") else before
    clause = TRAILING_VERB.sub("", LEADING_CLAUSE.sub("", clause.strip()))
    words = clause.split()
    if not words:
        return None
    if words[0] in ("You", "We", "I"):  # "You might assume X is the largest ..." states no ranking
        return None
    if clause.lower() in PRONOUNS:
        return _subject_of(previous)
    if NOUN_PHRASE.fullmatch(clause) and words[0] not in ("The", "This", "These", "That", "Its", "Our"):
        return clause  # the whole name: "Machine learning", not "Machine"
    name = PROPER_NAME.match(clause)
    if name and len(words) <= 6 and name.group().split()[0] not in ("The", "This", "These", "That", "Its", "Our"):
        return name.group().removesuffix("'s")
    return _subject_of(before) if name is None and "'s" in before else None


def _subject_of(sentence: str) -> str | None:
    """The first proper name of a sentence, once a leading clause ("For example,") is removed."""
    body = LEADING_CLAUSE.sub("", sentence.strip())
    m = PROPER_NAME.search(body)
    return m.group().removesuffix("'s") if m and m.start() < 40 else None


def _one_of(sentence: str, start: int) -> bool:
    return bool(re.search(r"\bone of\s*$", sentence[:start + 30].split(" the ")[0][-20:], re.IGNORECASE))


def _clause(scope: str) -> str:
    return " ".join(CLAUSE_END.sub("", scope).split()).rstrip(".")


def _year(text: str) -> int | None:
    years = YEAR.findall(text)
    return int(years[-1]) if years else None


def _sentence_value(rest: str, sup: str) -> tuple[float | None, str | None]:
    if "fast" in sup:
        m = DURATION.search(rest)
        return (float(m.group("v")), m.group("u").rstrip("s")) if m else (None, None)
    m = MARKET_SHARE.search(rest)
    return (float(m.group("v")), "percent") if m else (None, None)


def _linked_table(entries: list[RankedEntry], rank: int, entity: str, scope: str) -> RankedEntry | None:
    """The table entry this sentence restates: same rank and entity, the title closest to the scope."""
    key = entity.lower()
    candidates = [e for e in entries if not e.from_sentence and e.rank == rank and e.entity.lower() == key]
    words = _content_words(scope)
    scored = [(len(words & _content_words(e.ranking)) / max(1, len(words | _content_words(e.ranking))), e)
              for e in candidates]
    scored = [s for s in scored if s[0] >= 0.4]
    return max(scored, key=lambda s: s[0])[1] if scored else None


def _content_words(text: str) -> set[str]:
    stop = {"the", "of", "in", "by", "and", "a", "an", "terms", "ranking", "largest", "company", "companies"}
    words = {w.lower().rstrip("s").removesuffix("ly") for w in re.findall(r"[A-Za-z][\w-]+|\d{4}", text)}
    return words - stop


def _unique(entries: list[RankedEntry]) -> list[RankedEntry]:
    seen: set[tuple] = set()
    out = []
    for e in entries:
        key = (e.ranking, e.rank, e.entity.lower(), e.from_sentence)
        if key not in seen and e.entity.strip() and e.rank >= 1:  # "No. 0" is no position
            seen.add(key)
            out.append(replace(e, entity=e.entity.strip()))
    return out
