"""Subject keys: one comparable key for one subject, however a document words it.

"The global model-based foundation model market" and "Global Model-based
Foundation Model Market" get the same key. The key leaves out the geography
and the segment (they are columns of their own, compared separately), articles,
and plural endings; "X of Y" and "X for Y" become "Y X", so "the market for
pretrained AI models" and "pretrained AI models market" meet. What rules
cannot merge (two firms' names for one market) a user merges in a synonyms
YAML file (see docs/reconciliation.md). Words naming the metric ("CAGR", "size")
and a trailing clause ("... was estimated") are not part of the subject.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from extractors.lexicon import PHYSICAL_UNITS
from reconcile.geography import firm_homes
from reconcile.year_parts import PERIODS

DEFAULT_SYNONYMS = Path(__file__).resolve().parent / "synonyms.yaml"  # package data: found in a wheel too

_DROP = {"the", "a", "an", "its", "their", "this", "that", "these", "those"}
_GEOGRAPHY_WORDS = {"global", "worldwide", "world", "international"}
# Words too common in subjects to show two subjects are the same thing.
GENERIC = {"market", "size", "share", "revenue", "revenues", "value", "rate", "growth", "cost", "price",
           "total", "industry", "average", "overall", "segment", "sector", "and", "of", "for", "in", "on",
           "to", "by", "with", "per", "from", "at", "as", "or"}
# Words that name the metric (a column of its own), not the subject: "CAGR of the X market", "market size of X".
_METRIC_WORDS = {"cagr", "size"}
# A subject ends where a clause starts: "the market for X was estimated ..." is about "the market for X".
_AUXILIARY = {"is", "are", "was", "were", "will", "would", "has", "have", "had", "can", "could", "may", "might",
              "should", "shall"}
# Words that say how a figure is known (a forecast, an estimate, an approximation: columns of their own)
# or that it continues a trend, not what it is about: "expected to further decline at an approximate rate".
_STATUS = {"expected", "estimated", "projected", "forecast", "forecasted", "anticipated", "predicted",
           "approximate", "approximately", "about", "around", "roughly", "nearly", "almost", "further"}
# Words that name what kind of number a figure is, which the metric and unit columns already say: two
# firms' "smartphone shipments" and "smartphone sales volume" are one count, "cloud spending" and "cloud
# revenue" one market size. The comparison key (`comparison_key`) leaves them out; the readable key keeps them.
MEASURE = {"quarterly", "market", "markets", "industry", "size", "share", "shares", "growth", "rate", "cagr", "revenue",
           "revenues", "sale", "sales", "spending", "spend", "shipment", "shipped", "volume", "value", "worth",
           "turnover", "gmv", "delivery", "delivered", "sold", "unit", "increase", "decrease", "decline",
           "drop", "rise", "change", "fall", "gain", "year", "yoy", "annual", "annually", "full", "total",
           "overall", "versus", "vs", "compared", "new", "newly", "added", "addition", "price", "cost",
           "segment", "sector", "category", "product", "including", "excluding", "on", "and", "of", "for",
           "in", "to", "by", "with", "per", "from", "at", "as", "or", "over", "each", "end", "during",
           "pie",  # "16% of the pie": the market, in the idiom
           "cy", "calendar"}  # "calendar year 2024 (CY 2024)": the year, a column of its own
# Words an extracted subject carries from its sentence that say how the number is reported or ranked,
# not what it measures ("Xiaomi follows", "IDC says the market expanded", "Apple came first", "top 5
# companies", "preliminary results"): general English, never a market's name.
REPORTING = {"say", "says", "said", "report", "reported", "reports", "reporting", "according", "came", "come",
             "comes", "follow", "follows", "followed", "following", "then", "next", "rose", "rise", "rises",
             "rising", "grew", "grow", "grows", "growing", "expand", "expanded", "expands", "reach", "reached",
             "reaches", "took", "take", "takes", "keep", "keeps", "kept", "lead", "leads", "led", "leading", "trail",
             "trails", "trailed", "closely", "but", "with", "also", "still", "while", "first", "second", "third",
             "fourth", "fifth", "top", "company", "companies", "vendor", "vendors", "player", "players", "result",
             "results", "preliminary", "its", "their", "was", "were", "is", "are", "has", "have", "had", "be",
             "been", "being", "million", "billion", "trillion", "thousand", "cent", "percent", "per", "figure",
             "figures", "data", "number", "numbers", "amount", "level",
             # how a number moved or was put, which the value and the metric say already ("revenue jumped",
             # "shipments climbed", "data show"): general verbs and adverbs of change and reporting
             "up", "down", "jumped", "jump", "jumps", "climbed", "climb", "climbs", "climbing", "surged", "surge",
             "surges", "surging", "soared", "soaring", "fell", "falls", "falling", "declined", "declining",
             "dropped", "dropping", "slipped", "slips", "slid", "increased", "increasing", "decreased",
             "decreasing", "plunged", "plummeted", "tumbled", "rebounded", "recovered", "improved", "booked",
             "recorded", "posted", "registered", "hit", "hits", "totaled", "totalled", "totaling", "amounted",
             "stood", "show", "shows", "showed", "shown", "put", "puts", "expect", "expects", "estimate",
             "estimates", "forecasts", "predicts", "projects", "noted", "added", "helped", "managed", "saw",
             "sees", "see", "strong", "stronger", "robust", "solid", "modest", "slight", "slightly", "sharp",
             "sharply", "significant", "significantly", "record", "essentially", "roughly", "just", "only",
             "some", "nearly", "almost", "around", "more", "than", "less", "fresh", "latest", "recent", "time",
             "exceed", "exceeds", "exceeded", "surpass", "surpassed", "reaching", "remained", "taking", "adding",
             "eased", "ease", "eases", "easing", "went", "go", "goes", "happened", "despite", "generated",
             "generates", "generating", "identified", "presented", "breaking",
             "impressive", "remarkable", "healthy", "sizable", "sizeable", "steady", "whopping", "staggering",
             "notable", "stellar", "tremendous", "substantial", "considerable", "massive", "huge", "hefty",
             # which release or who says it: an edition ("final", "revised") or a body or its officer
             "final", "initial", "revised", "updated", "official", "association", "institute", "council",
             "agency", "federation", "alliance", "consortium", "commission", "ministry", "bureau", "ceo", "cfo",
             "analyst", "analysts", "president", "director", "chief", "founder", "spokesperson"}
def _english_stop_words() -> frozenset[str]:
    """spaCy's English stop words ("above", "last", "them", "even"), read from its module file: importing
    spaCy itself takes seconds the reconciler does not otherwise spend. Words that also name things in
    market names ("used cars", "auto parts", "off-grid", "call centres") are kept."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        return frozenset()
    source = Path(spec.origin).parent / "lang" / "en" / "stop_words.py"
    module_spec = importlib.util.spec_from_file_location("_spacy_en_stop_words", source)
    if module_spec is None or module_spec.loader is None or not source.exists():
        return frozenset()
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS) - {"used", "part", "off", "call", "well", "move", "name", "empty", "front",
                                           "back", "bottom", "side", "serious", "fire", "one", "whole"}


# General English words that never name what a number measures, left out of comparison keys.
STOP_WORDS = _english_stop_words()
# ISO codes and signs a currency prefix leaves in a subject ("USD electric bicycle market").
_CURRENCY_WORDS = {"usd", "us$", "eur", "gbp", "cny", "rmb", "jpy", "inr", "krw", "aud", "cad", "chf", "us",
                   "dollar", "dollars", "euro", "euros", "yuan", "yen", "pound", "pounds"}
_YEAR = re.compile(r"^(?:19|20|21)\d\d$")
# A press release's dateline ("DUBLIN, Jan. 5, 2025 /PRNewswire/ --", "LONDON (Reuters) -"): the words
# before the wire mark or dash at the very start of a sentence, when they hold a capitalised place name.
_DATELINE = re.compile(r"^\s*(?P<line>[A-Z][A-Za-z.'\- ]{1,40}(?:,[^-–—/(]{0,30})?)\s*"
                       r"(?:/[A-Za-z ]*(?:Newswire|Wire)[A-Za-z ]*/|\((?:[A-Z][\w ]{0,20})\))?\s*(?:--|[-–—])\s")
_DANGLING = {"in", "of", "for", "on", "at", "by", "to", "from", "versus", "vs", "and", "over", "during"}
# An aside in parentheses that only names something ("(SLM)", "(IDC)", "(ABI Research)") restates the
# subject or names its source; one in lower case ("(sell-through)") says what is measured and stays.
_NAMED_ASIDE = re.compile(r"\(\s*(?:[A-Z0-9][\w.&'’-]*,?\s*)+\)")
# An aside that says what a name takes in ("Oppo (including OnePlus)", "TV (incl. streaming)") names the
# same thing as the name alone; one that takes something out ("excluding ...") stays.
_INCLUDING_ASIDE = re.compile(r"\(\s*(?:including|incl\.?|inc\.)\s[^)]*\)", re.I)
# Short forms general English writes for a word, spelled out so that both meet ("ad revenue", "advertising").
_SHORT_FORMS = {"ad": "advertising", "ads": "advertising", "advert": "advertising", "advertisement": "advertising",
                "info": "information", "tech": "technology", "govt": "government", "intl": "international"}
WEB_SUFFIX = re.compile(r"(?<=[a-z0-9])\.(?:com|net|org|co|io|cn|de|uk)\b")
_INVERT = re.compile(r"^(?P<head>(?:\S+\s+){0,2}\S+)\s+(?:of|for)\s+(?P<tail>.+)$")
TOKEN = re.compile(r"[^\W_]+(?:[.'][^\W_]+)*")


@dataclass(frozen=True)
class Synonyms:
    """Alias key -> canonical key, for subjects and for geographies."""

    subjects: dict[str, str] = field(default_factory=dict)
    geographies: dict[str, str] = field(default_factory=dict)


def load_synonyms(path: Path | None = None) -> Synonyms:
    """The synonyms file at `path` (default: the synonyms.yaml shipped in this package)."""
    path = path if path is not None else DEFAULT_SYNONYMS
    if not Path(path).exists():
        return Synonyms()
    return _load_synonyms(str(Path(path).resolve()), Path(path).stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load_synonyms(path: str, _mtime: int) -> Synonyms:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or set(data) - {"subjects", "geographies"}:
        raise ValueError(f"R501 {path}: expected only the sections 'subjects' and 'geographies'")
    subjects = _alias_table(data.get("subjects") or {}, normalize_subject)
    geographies = _alias_table(data.get("geographies") or {}, fold)
    return Synonyms(subjects, geographies)


def _alias_table(section: dict, normalize) -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, aliases in section.items():
        key = normalize(str(canonical))
        table[key] = key
        for alias in aliases or []:
            table[normalize(str(alias))] = key
    return table


@lru_cache(maxsize=1 << 16)  # the same subjects recur across a corpus and are keyed by tables and figures alike
def normalize_subject(subject: str, drop: frozenset[str] = frozenset()) -> str:
    """The rule-based key of a subject phrase, without the words in `drop` (geography, segment)."""
    subject = _NAMED_ASIDE.sub(" ", _INCLUDING_ASIDE.sub(" ", subject))
    text = PERIODS.sub(" ", fold(subject).replace("’", "'").replace("'s ", " ").replace("' ", " "))
    text = re.sub(r"\b([a-z])-(?=[a-z]{3,})", r"\1", text)  # "e-commerce" and "ecommerce": one word
    text = text.replace("-", " ").replace("/", " ")
    text = text.replace("(", " ").replace(")", " ")
    text = re.sub(r"\bcompound annual growth rate\b", " ", text)
    words = text.split()
    clause = next((i for i, w in enumerate(words) if i > 0 and w in _AUXILIARY), len(words))
    match = _INVERT.match(" ".join(words[:clause]))
    text = " ".join(words[:clause])
    if match:
        text = f"{match['tail']} {match['head']}"
    text = WEB_SUFFIX.sub("", text)  # "Tmall.com" is Tmall
    tokens = [_SHORT_FORMS.get(t, t) for t in map(english_singular, TOKEN.findall(text))]
    dropped = _DROP | _GEOGRAPHY_WORDS | _METRIC_WORDS | _STATUS | _CURRENCY_WORDS | {english_singular(t) for t in drop}
    kept = [t for t in tokens if t not in dropped and not _YEAR.match(t)]
    while kept and kept[-1] in _DANGLING:  # "... shipments in" once the year is gone
        kept.pop()
    return " ".join(kept or tokens)


def subject_key(subject: object, geography: object = None, segment: object = None,
                synonyms: Synonyms | None = None, dateline: frozenset[str] = frozenset()) -> str | None:
    """The readable key of a subject (see the module's docstring), without the words of the figure's
    geography, segment and the sentence's dateline."""
    if not isinstance(subject, str) or not subject.strip():
        return None
    drop = set(dateline)
    for extra in (geography, segment):
        if isinstance(extra, str):
            drop.update(TOKEN.findall(fold(extra).replace("-", " ")))
    if isinstance(geography, str) and synonyms is not None:  # "U.S. ad revenue" with geography "United States"
        drop.update(w for name in _geography_names(geography, synonyms) for w in TOKEN.findall(name))
    key = normalize_subject(subject, frozenset(drop))
    if synonyms is None or not synonyms.subjects:
        return key
    return synonyms.subjects.get(key, synonyms.subjects.get(normalize_subject(subject), key))


def _geography_names(geography: str, synonyms: Synonyms) -> list[str]:
    """Every name the synonyms give the figure's geography (its canonical name and aliases), folded."""
    canonical = synonyms.geographies.get(fold(geography), fold(geography))
    return [alias for alias, name in synonyms.geographies.items() if name == canonical]


def comparison_key(readable_key: str | None, source: str | None = None,
                   instrument: frozenset[str] = frozenset()) -> str | None:
    """The key figures are grouped by across documents: the readable key's words without words naming the
    measure (`MEASURE`) or how it is reported (`REPORTING`), currency codes, numbers, and the words of
    the figure's own source (a column of its own: "Canalys smartphone sales" is Canalys's figure for
    "smartphone") and of the source's tool its sentence quotes (`instrument_words`), as a sorted set, so
    that word order and "X of Y" never keep two sources apart. None where nothing names the thing (a bare
    "market growth")."""
    if not readable_key:
        return None
    said = readable_key.split()
    name = _source_words(source)
    first = _first_word(source)
    # a later word of the source's name that continues a phrase of other words names the thing ("Acme
    # Insurance Group" on "the cyber insurance market"), not the source
    thing = [w for i, w in enumerate(said) if not (w in name and (w == first or i == 0 or said[i - 1] in name))]
    manner = {w for before, w in zip(said, said[1:]) if w in _MANNER and before in REPORTING}
    manner |= {w for w, after in zip(said, said[1:]) if w in _MANNER and after == "than"}  # "22% higher than"
    words = {w for w in thing if w not in _NOT_THE_THING and w not in instrument and w not in manner
             and (w.isalpha() or not any(c.isdigit() for c in w))}  # isalpha: no digit, checked at C speed
    return " ".join(sorted(words)) or None


# How fast or which way a number moved, after the verb or amount that says it moved ("keeps rising fast",
# "$17 billion or 22% higher"); before a noun it names a thing ("fast charging", "higher education") and stays.
_MANNER = {"fast", "faster", "quickly", "rapidly", "steadily", "sharply", "slowly", "higher", "lower"}
# Symbols of physical units ("gw", "kwh"): the unit column says them ("India 30.7 GW solar capacity").
_UNIT_WORDS = {symbol.casefold() for symbol in PHYSICAL_UNITS.values()}
_NOT_THE_THING = frozenset(MEASURE | REPORTING | STOP_WORDS | _CURRENCY_WORDS | _UNIT_WORDS)  # built once


def _first_word(source: str | None) -> str | None:
    words = TOKEN.findall(fold(source).replace("-", " ")) if source else []
    return english_singular(words[0]) if words else None


@lru_cache(maxsize=4096)
def _source_words(source: str | None) -> frozenset[str]:
    if not source:
        return frozenset()
    return frozenset(english_singular(t) for t in TOKEN.findall(fold(source).replace("-", " ")))


# What a firm's own product or release says ("Omdia's Competitive Landscaping Tool shows", "IDC's Worldwide
# Quarterly Tracker estimates"): a named thing of the firm's, then a verb of reporting.
_INSTRUMENT = r"['’]s\s+(?P<tool>(?:[A-Z][\w&-]*\s+){1,6})(?:shows?|showed|says|said|finds|found|estimates|" \
              r"estimated|reports|reported|notes|noted|indicates|indicated|predicts|projects|forecasts|reveals)\b"

# "Acme data presented by Widgetly.com": the outlet that passes the source's numbers on speaks too
_PASSED_ON = r"\s+(?:data|figures|numbers|statistics|estimates|research)\s+(?:presented|published|compiled" \
             r"|analy[sz]ed|shared|cited|quoted|reported)\s+by\s+(?P<outlet>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,4})"


@lru_cache(maxsize=4096)
def _instrument_pattern(source: str) -> re.Pattern[str]:
    return re.compile(re.escape(source) + f"(?:{_INSTRUMENT}|{_PASSED_ON})")


def instrument_words(sentence: object, source: object) -> frozenset[str]:
    """The words naming the source's tool or release in a sentence that quotes it ("Kestrel's Market
    Tracker Tool shows ..." with source "Kestrel") or the outlet passing its data on, and the words
    describing a firm by its home: who speaks or who it is, which an extracted subject may have swallowed;
    never the thing measured, which follows the verb."""
    if not isinstance(sentence, str):
        return frozenset()
    described = _described_words(sentence)
    m = _instrument_pattern(source.strip()).search(sentence) if isinstance(source, str) and source.strip() else None
    words = fold(m["tool"] or m["outlet"]).replace("-", " ").replace(".", " ") if m else ""  # Widgetly.com: 2 words
    return described | frozenset(english_singular(t) for t in TOKEN.findall(words))


@lru_cache(maxsize=1 << 16)  # per sentence: a sentence quoting several sources is read once
def _described_words(sentence: str) -> frozenset[str]:
    """The words describing a firm by its home (`geography.firm_homes`), unless the sentence says them again."""
    homes = firm_homes(sentence)
    if not homes:
        return frozenset()
    written = TOKEN.findall(fold(sentence))
    return frozenset(_SHORT_FORMS.get(english_singular(t), english_singular(t)) for _, words in homes
                     for t in TOKEN.findall(fold(words)) if written.count(t) == 1)


def segment_key(segment: object) -> str | None:
    """A segment as compared: its words without articles, measure words and plural endings, in any order
    ("Retail and Search", "search and retail")."""
    if not isinstance(segment, str) or not segment.strip():
        return None
    return comparison_key(normalize_subject(segment)) or fold(segment)


# Spelled-out units by their symbols, so that "per kilowatt-hour" and "/kWh" are one per-unit.
_UNIT_SYMBOLS = {re.sub(r"[- ]+", " ", name.casefold()): symbol.casefold() for name, symbol in PHYSICAL_UNITS.items()}


def per_key(per: object) -> str | None:
    """A per-unit as compared: lower case, spelled-out physical units by their symbols ("kilowatt-hours": "kwh")."""
    if not isinstance(per, str) or not per.strip():
        return None
    folded = " ".join(per.casefold().split())
    spelled = re.sub(r"[- ]+", " ", folded)
    return _UNIT_SYMBOLS.get(spelled, _UNIT_SYMBOLS.get(spelled.removesuffix("s"), folded))


def name_words(subject: object) -> frozenset[str]:
    """The words of a subject written with a capital (names: "Apple", "iPhone", "BYD"), folded as keys are.
    A comparison key may only be widened by words that are not names: "cloud infrastructure services"
    is the "cloud" market, "Apple smartphones" are not the "smartphone" market."""
    if not isinstance(subject, str):
        return frozenset()
    text = re.sub(r"['’]s?\b", " ", subject.replace("-", " "))
    return frozenset(english_singular(t.casefold()) for t in TOKEN.findall(text) if any(c.isupper() for c in t))


def sentence_words(sentence: object) -> frozenset[str]:
    """The words of a sentence as keys spell them, to tell whether a short subject left out words its
    sentence does say ("cloud spending" in a sentence about cloud infrastructure services)."""
    if not isinstance(sentence, str):
        return frozenset()
    text = re.sub(r"['’]s?\b", " ", fold(sentence).replace("-", " ").replace("/", " "))
    return frozenset(english_singular(t) for t in TOKEN.findall(text))


_DECLINE = re.compile(r"\b(?:decline[sd]?|declining|decrease[sd]?|decreasing|drop(?:s|ped)?|fall(?:s|en)?|fell"
                      r"|down|lower|loss|shr[iu]nk(?:s|ing)?|contract(?:ed|ion)?|slump(?:ed)?|reduc(?:ed|tion))\b",
                      re.I)


def declines(subject: object) -> bool:
    """The subject words a change as a fall ("decline in X"): the value is printed positive, but it is a
    negative change (FORMAT: a worded decline keeps a positive value; the word stays in the subject)."""
    return isinstance(subject, str) and _DECLINE.search(subject) is not None


def widens(narrow: str | None, wide: str, names: frozenset[str]) -> bool:
    """Comparison key `wide` names the same thing as `narrow` with more words, none of them a name."""
    small, large = set((narrow or "").split()), set(wide.split())
    return small <= large and not (large - small) & names


def dateline_words(sentence: object) -> frozenset[str]:
    """The words of a press-release dateline opening the sentence, which an extracted subject may have
    swallowed ("Dublin electric bicycle market")."""
    if not isinstance(sentence, str):
        return frozenset()
    m = _DATELINE.match(sentence[:120])
    if m is None or not any(w.isupper() and len(w) > 2 for w in m["line"].split()):
        return frozenset()
    return frozenset(TOKEN.findall(fold(m["line"])))


# The words the loose comparison of subjects leaves out (`reconcile.loose_words`).
LOOSE_IGNORED = frozenset(_DROP | _GEOGRAPHY_WORDS | _METRIC_WORDS | _AUXILIARY | _STATUS | GENERIC)


def geography_key(geography: object, synonyms: Synonyms | None = None) -> str | None:
    if not isinstance(geography, str) or not geography.strip():
        return None
    folded = fold(geography)
    return (synonyms or Synonyms()).geographies.get(folded, folded)


def assign_subject_keys(figures: pd.DataFrame, synonyms_path: Path | None = None) -> pd.DataFrame:
    """The figures with `subject_key` filled from subject, geography and segment."""
    synonyms = load_synonyms(synonyms_path)
    out = figures.copy()
    sentences = out["sentence"] if "sentence" in out.columns else pd.Series([None] * len(out), index=out.index)
    datelines = {s: dateline_words(s) for s in set(sentences.tolist()) if isinstance(s, str)}
    keys = [subject_key(s, g, seg, synonyms, datelines.get(sentence, frozenset()))
            for s, g, seg, sentence in zip(out["subject"], out["geography"], out["segment"], sentences)]
    out["subject_key"] = pd.Series(keys, index=out.index, dtype=object)
    return out


def content_words(key: str | None) -> set[str]:
    """The words of a key that say what the subject is (not "market", "cost", "of")."""
    return {t for t in (key or "").split() if t not in GENERIC}


def similar(key_a: str | None, key_b: str | None, min_share: float = 0.5) -> bool:
    """Two keys name the same subject loosely: most content words of the shorter occur in the longer."""
    if key_a is None or key_b is None:
        return False
    if key_a == key_b:
        return True
    a, b = content_words(key_a), content_words(key_b)
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= min_share


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def english_singular(token: str) -> str:
    """A key token's singular by its last letters (shared with `reconcile.firms`). Cruder than
    `extractors.lexicon.singular` ("boxes" -> "boxe"); kept so that comparison keys stay as written."""
    if len(token) <= 3 or token.endswith(("ss", "us", "is", "aas", "ics")):
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith("s"):
        return token[:-1]
    return token
