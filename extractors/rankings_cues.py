"""The words that state a position, as patterns: what the prose rankings reader (`rankings_prose`) looks for.

Every pattern is a module-level compiled constant; `NAME` is a proper name ("The Roku Channel", "U.S.",
"Disney+", "eBay"), `LIST` a list of names ("A, B and C").
"""

from __future__ import annotations

import re

from extractors import lexicon

# The positions a sentence states, first to tenth, and the words that mean first.
_POSITIONS = {word: n for word, n in lexicon.ORDINALS.items() if n <= 10}
ORDINAL_WORDS = _POSITIONS | {"top": 1, "number one": 1, "no. 1": 1, "no.1": 1, "no 1": 1}
# The lengths of a list of the top: "the top three", "top 5".
COUNT_WORDS = {word: n for word, n in lexicon.UNIT_WORDS.items() if 2 <= n <= 10}
_ORD = "|".join(sorted(_POSITIONS, key=len, reverse=True))
_COUNT = "|".join(COUNT_WORDS) + r"|[2-9]|10"
_NUMBER_ONE_TO_TEN = "|".join(word for word, n in lexicon.UNIT_WORDS.items() if 1 <= n <= 10)
# A proper name: capitalized words (digits, dots, '+', '&' allowed), "The Roku Channel", "U.S.", "Disney+".
NAME = r"(?:The\s)?(?:[A-Z]|[a-z][A-Z])[\w.+&'*-]*(?:(?<!['’]s)\s(?:[A-Z0-9][\w.+&'*-]*|(?:of|de|&)(?=\s[A-Z])))*"
NAME_RE = re.compile(NAME)
# After "leading" or "top": not the first part of a compound ("leading-edge", "top-line"), which states no position.
COMPOUND = r"(?!(?:(?<=leading)|(?<=top))-[a-z])"
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
    r"undisputed\s|overall\s)?(?:global\s|world\s|worldwide\s|regional\s|national\s)?(?:market\s)?leader\b|"
    r"(?:came\sout|comes\sout|emerged|emerges)\sas\sthe\s(?:clear\s|undisputed\s|overall\s)?(?:market\s)?leader\b|"
    r"\bout(?:grew|sold|paced|performed|shipped|earned)\s(?:all\s|the\s|every\s)other\b|"
    r"(?:topped|tops)\sthe\s(?:list|ranking|rankings|chart|charts|table|market)\b)",
)
TIE_CUE = re.compile(r"\b(?:share|shared|sharing)\sthe\slead\b|\b(?:(?:are|were|was|is)\s)?(?:jointly\s)?tied\sfor\s"
                     r"(?:the\s)?(?P<ord>lead|first|top|" + _ORD + r")\b")
ORDINAL_CUE = re.compile(
    rf"\b(?:came|comes|finished|finishes|ranked|ranks|placed|places|stood|stands|was|is|remained|remains|ranking|"
    rf"placing|finishing|coming|"
    rf"(?:slipped|slips|fell|falls|dropped|drops|rose|rises|climbed|climbs|moved|moves|jumped|jumps|slid)\s"
    rf"(?:(?:up|down|back)\s)?(?:(?:one|two|three|four|five|\d)\s(?:place|places|spot|spots|position|positions)\s)?to)\s"
    rf"(?:in\s)?(?:a\s(?:distant|close|strong|solid|clear|narrow)\s)?(?P<ord>{_ORD})\b(?!\s(?:time|quarter|half|year|largest|biggest))|"
    rf"\b(?:took|takes|taking|secured|secures|claimed|claims|held(?:\son\sto)?|holds(?:\son\sto)?|retained|retains|"
    rf"reclaimed|regained|regains|kept|keeps|won|took\sback|taking\sback|moved\sup\sto|moves\sup\sto|moved\sinto|moved\sto|"
    rf"rose\sto|rises\sto|climbed\sto|fell\sto|falls\sto|dropped\sto|slipped\sto|slips\sto|jumped\sto|jumps\sto|"
    rf"advanced\sto|(?:jumped|jumps|leapt|leaped|climbed|rose|shot)\sinto|was\sin|is\sin|ranked|ranks|was|is|occupies|occupied|occupying|came\sin\sat|comes\sin\sat|"
    rf"(?:moved|moves|climbed|climbs|rose|rises|fell|falls|dropped|slipped|jumped)\s(?:up\s|down\s)?"
    rf"(?:one|two|three|four|five|\d)\s(?:place|places|spot|spots|position|positions)\sto)\s(?:the\s|its\s)?"
    rf"(?:(?P<ord2>{_ORD}|top|No\.\s?\d{{1,2}}|number\s(?:{_NUMBER_ONE_TO_TEN}))"
    rf"\s(?:spot|place|position|rank|ranking)\b|No\.\s?(?P<no>\d{{1,2}})\b|number\s(?P<num>{_NUMBER_ONE_TO_TEN})\b)",
    re.IGNORECASE,
)
NEXT_CUE = re.compile(r"\b(?:was|is|were|came|comes)\snext\b|\bfollows\b|\bfollowed(?!\sby)\b|\btrails\b|"
                      r"\btrail\b(?=\s(?:with|at|on|behind|closely)\b)|\b(?:close|closely|just|right)\sbehind\b(?!\s[A-Z])|"
                      r"\btrailed\b|\bwas\srunner-up\b")
POSSESSIVE_LEAD = re.compile(rf"(?P<name>{NAME})['’]s?\s(?:\w+\s)?lead\b")
# "carried the most domestic passengers": a verb of amount with "the most" and what it counts
MOST_OF = re.compile(r"\b(?:carried|carries|had|has|sold|sells|shipped|ships|delivered|delivers|won|wins|recorded|"
                     r"records|posted|posts|added|adds|attracted|attracts|installed|installs|received|receives|"
                     r"served|serves|signed|opened|opens|operated|operates)\sthe\smost\s(?!of\b)[a-z][\w-]*")
# "Its fastest-growing market was Brazil": a superlative subject, the name after its verb
SUPERLATIVE_FIRST = re.compile(
    rf"(?:^|[,;:]\s|\b(?:[Tt]he|[Ii]ts|[Tt]heir)\s|{NAME}['’]s\s)(?:single\s)?(?:largest|biggest|fastest[- ]growing|"
    rf"best[- ]selling|top[- ]selling|leading|top)\s(?:[\w-]+\s){{0,3}}?(?:was|is|remains|remained)\s(?:the\s)?"
    rf"(?P<name>{NAME})(?=\s?[,.;]|\s(?:with|at|where|which|ahead|followed|in|on)\b|$)")  # the clause ends at the name
# "prices were lowest in China at $84": a superlative predicate placed in a named place.
SUPERLATIVE_IN = re.compile(rf"\b(?:was|were|is|are|remained|remain|remains)\s(?:still\s)?(?:the\s)?"
                            rf"(?:lowest|highest|cheapest|largest|biggest|strongest|fastest)\sin\s(?:the\s)?"
                            rf"(?P<name>{NAME})")
CLAUSE_END = re.compile(r"[,;]\s(?!(?:at|with|on|of|up|down)\s)")  # ", at 1.1 million units" still tells of it
# "..., the highest percentage growth of any product category": the clause's subject comes first.
OF_ANY = re.compile(r",\s(?:and\s)?the\s(?:[\w-]+\s){0,2}?(?:largest|biggest|highest|lowest|fastest|strongest|"
                    r"steepest|sharpest)\b[^,;.]{0,60}?\bof\s(?:any|all)\b")
# "India's 31.9 GW, which puts it in the 3rd spot": the name before the amount holds the place.
WHICH_PUTS = re.compile(rf"(?P<name>{NAME})['’]s\s[^,;]{{1,40}},\swhich\s(?:puts|put|places|placed)\s(?:it|them)\s"
                        rf"(?:in\s)?(?:the\s)?(?P<ord>{_ORD})\s(?:spot|place|position)\b")
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
RANKING_OBJECT = re.compile(r"\b(?:rankings?|list|lists|charts?|table|league|index|poll|survey)\b")  # "tops the list"
BEHIND = re.compile(rf"(?:,\s|\b(?:slightly|just|far|well|narrowly|only|closely)\s)behind\s(?P<name>{NAME})"
                    r"(?!\s*(?:it|them))")
# ", behind smartphones": after a name placed second or lower, the name it trails is one place up.
BEHIND_PLACED = re.compile(rf",\s(?:just\s|only\s|well\s|far\s|narrowly\s)?behind\s(?:the\s)?"
                           rf"(?P<name>{LIST}|{NAME}|[a-z][\w-]*(?:\s[a-z][\w-]*){{0,2}}?)(?=[,;.]|\s(?:and|with|at)\b|$)")
# "X remained the No. 1 smartphone vendor", "Y is the number two player"
NUMBERED_PLACE = re.compile(rf"\b(?:is|was|are|were|remains|remained|became|becomes|stays|stayed)\s(?:still\s|now\s)?"
                            rf"the\s(?:No\.\s?|#|number\s)(?P<n>\d{{1,2}}|{_NUMBER_ONE_TO_TEN})\s[a-z]")
# "The market is led by X": a market, industry or ranking led by a name
LED_BY = re.compile(rf"\b(?:market|industry|sector|segment|category|field|ranking|list|space)\s(?:is|was|are|were|"
                    rf"remains|remained)\s(?:still\s|now\s|clearly\s|firmly\s)?led\sby\s(?P<name>{NAME})")
BEHIND_IT = re.compile(rf"\bwith\s(?P<list>{LIST})\sbehind\s(?:it|them|him|her)\b")
BECOME = re.compile(rf"\bto\s(?:(?:become|be|rank\sas)\s(?:the\s|(?:{NAME})'s\s)(?:(?P<ord>{_ORD})[- ])?"
                    rf"(?:largest|biggest|top|leading)|(?:take|claim|grab|secure|capture)\s(?:the\s)?"
                    rf"(?P<ord2>{_ORD}|top)\s(?:spot|place|position))\b")
AS_THE_TOP = re.compile(rf"\b(?:spot|place|title|position|crown|status)\sas\s(?:the\s)?(?:(?:world|{NAME})['’]s\s)?"
                        rf"(?:(?P<ord>{_ORD})[- ])?(?:largest|biggest|top|leading|No\.\s?1)\b")
SUPERLATIVE = re.compile(
    rf"\b(?:is|was|are|were|remains?|remained|stays?|stayed|became|becomes|become|been|(?P<makes>makes?|made)\s(?:it|them)|"
    rf"posted|posts|recorded|records|saw|sees|had|has|achieved|registered|produced|produces|generated|generates|"
    rf"made|makes|held|holds|accounted\sfor|accounts\sfor|captured|captures|commanded|commands|contributed|"
    rf"contributes|emerged\sas|emerges\sas|witnessed|witnesses|exhibited|exhibits|grew\sat|grows\sat|growing\sat|"
    rf"(?:is|are|was|were)\s(?:\w+\s)?(?:expected|projected|anticipated|forecast|estimated|set|poised|likely)\sto\s"
    rf"(?:register|witness|grow\sat|exhibit|record|hold|account\sfor|expand\sat|post|remain|be|become|see)|"
    rf"(?:gave|gives|made|makes)\s(?P<given>{NAME}|[a-z][\w-]*(?:\s[a-z][\w-]*)?))\s"
    r"(?:(?:still|now|currently|again|also|already|easily|clearly|by\sfar|once\sagain)\s)*"
    rf"(?:the\s(?:(?:world|year|decade|country|nation|industry|market|sector|{NAME})['’]s\s)?|(?:{NAME})['’]s\s)"
    rf"(?:single\s|very\s|overall\s)?(?:(?P<ord>{_ORD})[- ])?"
    r"(?:largest|biggest|leading|highest|lowest|cheapest|fastest[- ]growing|fastest|top|best[- ]selling|top[- ]selling|"
    r"best[- ]performing|most\s(?:popular|valuable|visited|downloaded|used|widely\sused|common|profitable|watched|"
    rf"streamed|subscribed))\b{COMPOUND}"
    r"(?!\s(?:of|among|in\sthe|ten|five|three|\d)\b)(?![^,;.]{0,40}?\b(?:since|ever|on\srecord|in\shistory|"
    r"in\s(?:a|over|more\sthan|nearly|almost|\d+|two|three|five|ten)\s(?:\w+\s)?(?:years?|decades?|months?|quarters?))\b)")
# "Intel, the 2023 market leader", "Service revenue, the fastest-growing line" (a category opening the sentence)
APPOSITIVE = re.compile(rf"(?P<name>{NAME}|^(?!(?:By|In|On|At|For|With|As|Among|Of|From|Across|Within|Based)\s)"
                        rf"(?![A-Z][a-z]+(?:ed|en|ing|ly)\s)[A-Z][a-z]+\s[a-z]+),\sthe\s(?:{lexicon.YEAR_DIGITS}\s)?"
                        rf"(?:(?!(?:{_COUNT})\b)(?:[\w-]+[`'’]s\s|[\w-]+\s)){{0,4}}?"
                        rf"(?:(?P<ord>{_ORD})[- ])?(?:largest|biggest|leading|top|leader|No\.\s?1|"
                        rf"fastest[- ]growing|fastest)\b{COMPOUND}"
                        rf"(?!\s(?:{_COUNT})\b)[^,;.]*")
NEW_SUBJECT = re.compile(rf",\s(?!the\s)(?:{NAME})\s[a-z]+")  # ", KONE held ...": a name and its verb
# "A, B and C, the top 3 ...", "A, B and C are the three leading suppliers"
LIST_THE_TOP = re.compile(rf"(?P<list>{LIST})(?:,|\s(?:are|were))\sthe\s(?:top\s(?P<n>{_COUNT})|"
                          rf"(?P<n2>{_COUNT})\s(?:largest|biggest|leading|top))\s")
MEASURED_NAME = re.compile(r"(?:['’]s)?\s?(?:\(|at\s|with\s|on\s)?[~$€£¥]?\d")  # "Brazil's 14.3 GW", "X (9.4%)"
RANK_VERB_AFTER = re.compile(rf",\s(?:\w+\s)?(?:slipped|fell|dropped|moved|rose|climbed|jumped|came|ranked|finished)\s"
                             rf"(?:(?:up|down|back|in)\s)?(?:to\s)?(?:the\s)?(?:No\.|number\s|#|top\b|{_ORD})")
CLAUSE_AFTER_NAME = re.compile(r"(?:['’]s?)?(?:[^,.;:()\n]|[,.](?=\d)){0,80}")
# "X rounded out the top five": the last place of a top N.
ROUNDED_OUT = re.compile(rf"\b(?:rounded|rounds|rounding|filled|fills|closed|closes)\sout\sthe\stop\s(?P<n>{_COUNT})\b|"
                         rf"\b(?:completed|completes|completing)\sthe\stop\s(?P<n2>{_COUNT})\b")
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
CUE_WORD = re.compile(r"lead|led\b|front|top|" + "|".join(lexicon.ORDINAL_WORDS) + "|"
                      r"\d(?:st|nd|rd|th)\b|next|follow|trail|ahead|behind|overt|surpass|beat|\bout(?:grew|sold|sell|pace|perform|"
                      r"ship|earn)|edged|"
                      r"place|spot|position|No\.|number|largest|biggest|highest|lowest|cheapest|fastest|strongest|popular|selling|"
                      r"performing|most|"
                      r"dominat|respectively|tied|title|crown|rank|#", re.IGNORECASE)
# The next item of an order written as a list: the rest of the current item, then ", Y with", "and Y at".
ORDER_ITEM = re.compile(rf"[^,;]{{0,80}}?(?:,\s(?:and\s)?|\sand\s)(?P<names>(?:{NAME}|[a-z][\w+]*)"
                        rf"(?:\s(?:and|&)\s(?:{NAME}|[a-z][\w+]*))?)\s(?:(?:with|at|on|for)\s|\((?=[~$€£¥]?\d))")
AND = re.compile(r"\s(?:and|&)\s")
ORDINAL_WORD = re.compile(_ORD)
NON_DIGITS = re.compile(r"\D")
# "Apple second on 18%", "IHG second and Wyndham third by ..."
NAME_THEN_ORDINAL = re.compile(rf"(?P<name>{NAME})\s(?P<ord>{_ORD})(?:\s(?:on|with|at|and|by|in)\b|[,;.]|$)")
# "In third place was Siemens Gamesa", "In second place came X"
PLACE_THEN_NAME = re.compile(rf"\b[Ii]n\s(?P<ord>{_ORD})\s(?:place|position|spot)\s(?:was|were|is|came|comes|sat|sits|"
                             rf"stood|stands|finished)\s(?P<name>{NAME})")
# "Sierra Nevada, in fourth place, shipped ..."
NAME_IN_PLACE = re.compile(rf"(?P<name>{NAME}),\s(?:now\s|still\s)?in\s(?P<ord>{_ORD})\s(?:place|position|spot),")
# "X was the runner-up": second
RUNNER_UP = re.compile(r"\b(?:was|is|were|are|finished|came|ended|remains|remained)\s(?:as\s)?(?:the\s)?runner-up\b")
# "X remains second only to Y": Y is one place up
ONLY_TO = re.compile(rf"\b(?P<ord>{_ORD})\sonly\sto\s(?:the\s)?(?P<name>{NAME})")
# ", ahead of lagers at 16%": a category the leader leads, written in lower case
AHEAD_OF_CATEGORY = re.compile(r",\s(?:well\s|just\s|far\s|comfortably\s)?ahead\sof\s"
                               r"(?P<name>[a-z][\w-]*(?:\s[a-z][\w-]*)?)(?=\s(?:at|with|on|up|down)\b|,\s(?:up|down|at|with)\b)")
CLAUSE_BREAK = re.compile(r"[;:]|,\s(?:while|and|but|whereas|then)\s|\s(?:while|whereas)\s")
SEGMENT_OPENING = re.compile(r"(?:By|Based\son|In\sterms\sof|Among|Within|Across|Of|By\stype\sof)\s[^,]{1,40},",
                             re.IGNORECASE)
CLAUSE_JOIN = re.compile(r"(?:,\s?|\s)(?:while|whereas|and|but)$")
# A subject in lower case, one to three words ("hospitals", "dental clinics"), made of no function word.
LOWER_SUBJECT = re.compile(r"[a-z][\w-]*(?:\s[a-z][\w-]*){0,2}")
FUNCTION_WORDS = frozenset(
    "the a an its their our his her this that these those it they we you he she which who whose what there here "
    "and or but while whereas as of in on at by for from to with without into than then also only still now "
    "is are was were be been being has have had will would can could may might should must do does did not no "
    "all each both some any other others such one most more less many much several".split())
# "X is ranked third", "It is expected to overtake": words between the subject and its cue.
TRAILING_ADVERB = re.compile(r"(?:\s(?:still|again|now|also|meanwhile|however|once\smore|alone|is|was|are|were|has|"
                             r"have|had|has\sbeen|have\sbeen|had\sbeen|will\sbe|would\sbe|will|"
                             r"(?:is|are|was|were)\s(?:expected|set|poised|likely|projected|forecast)\sto))+$")
NAME_PAIR = re.compile(rf"(?:.*?\s)??(?P<a>{NAME})\sand\s(?P<b>{NAME})")  # "Deere & Company" is one name
LAST_CLAUSE = re.compile(r"[:;]\s")
OPENING_CLAUSE = re.compile(r"[A-Z][^,]{0,80},\s")  # "With more than 1 TW of capacity, "
SHORT_OPENING = re.compile(r"^(?:[A-Z][a-z]+(?:\s[\w-]+){0,3}),\s")  # "Within memory, "
PAST_VERB = re.compile(r"\s(?:[a-z]+ed|grew|rose|fell|saw|had|took|won|sold|made|was|were)\b")
BULLET_MARK = re.compile(r"^\s*(?:[-•*·]|\d{1,2}[.)])\s+")  # "- SK hynix moved up to No. 4"
OWNER = re.compile(r"^.*['’]s\s(?=[A-Z])")
OWNER_PREFIX = re.compile(r"^(?P<owner>[A-Z][\w.&-]*)['’]s\s(?=[A-Z0-9]|[a-z][A-Z])")  # "Apple's iPhone 15"
HEADLINE = re.compile(r"[^\n]{3,150}(?<![.!?:;,])")  # a short line that ends no sentence
POSSESSIVE_OF = re.compile(r"\b[A-Z][\w.&-]*['’]s\sof\s")  # "Lloyd's of " before "London"
INFINITIVE = re.compile(r"\s*to\s[a-z]+\s")  # "Y to take ...": what follows tells of the subject before Y
POSSESSIVE_END = re.compile(r"\w['’]s\s*$")  # "McDonald's " just before its verb
OWNER_BEFORE = re.compile(r"(?:^|\s)(?P<owner>[A-Z][\w.&-]*)['’]s\s$")  # "Hill's " before "Pet Nutrition"
HYPHENATED_ADJECTIVE = re.compile(r"-[a-z]+$")  # "Texas-based"
OPENING_PHRASE = re.compile(r"^(?:[A-Z][a-z]+\s(?:the|a|its)\s[^,]*,|According\sto\s[^,]*,|In\s[^,]*,)\s*")
FOUR_DIGIT_YEAR = re.compile(lexicon.YEAR_DIGITS)
SCOPE_BREAK = re.compile(r";|\s[-–—]\s|:\s")
HEADING = re.compile(r"^\s*(?:No\.?|#|Number)\s?(?P<n>\d{1,2})\s*[:.)\-–—]\s*(?P<name>[^\n:]{1,60}?)\s*$")
# "the top three makers were A, B and C", "The three largest chains were A (28%), B (17%) and C (12%)"
_MEASURE = r"(?:\s\([^()]{1,30}\))?"
MEASURE_AFTER = re.compile(r"\s\([^()]{1,30}\)")
# "A (28%), B (17%) and C (12%)": names, each with its measure, the last after "and"
_NAME_LIST = rf"{NAME}{_MEASURE}(?:,\s(?:and\s)?{NAME}{_MEASURE})*(?:,?\s(?:and|&)\s{NAME}{_MEASURE})"
TOP_LIST = re.compile(rf"\b[Tt]he\s(?:top\s(?P<n>{_COUNT})|(?P<n2>{_COUNT})\s(?:largest|biggest|leading))\s"
                      rf"(?P<what>[a-z][\w -]{{2,60}}?)(?:\s?[,:–—-]|\s(?:were|are)|\s[^:.;]{{1,80}}:)\s"
                      rf"(?P<list>{_NAME_LIST})")
RESPECTIVE_ORDINALS = re.compile(
    rf"(?P<list>{_NAME_LIST})\s"
    rf"(?:took|came|finished|ranked|placed|were|are|take|come)\s(?:in\s)?"
    rf"(?P<ords>(?:{_ORD})(?:,\s(?:{_ORD}))*,?\s(?:and\s)(?:{_ORD}))(?:\s(?:places?|positions?|spots?))?"
    rf"(?:,?\s?respectively)?")
# "Hale leads the pack, with Ivo a close second"
WITH_NAME_ORDINAL = re.compile(rf"\bwith\s(?P<name>{NAME})\s(?:a\s(?:close|distant|clear|strong)\s|in\s)?"
                               rf"(?P<ord>{_ORD})\b(?!\s(?:time|quarter|half|year|largest|biggest))")
OPENING_PREPOSITION = re.compile(r"(?:with|in|after|at|for|by|despite|thanks\sto|on|from|over|during)\s")
OPENING_WITH = re.compile(r"\s*With\s[^,]{1,80},\s")  # "With 13.4% of TV watch-time, YouTube ..."
RANK_NUMBER_BEFORE = re.compile(r"(?:\bNo\.?|#|\btop|\bTop)\s?$")
RESPECTIVELY = re.compile(r"\brespectively\b")
PHYSICAL_UNIT = re.compile(r"\s?(?P<unit>[kMGT]Wh?|[kMGT]W(?:DC|AC)?|t|Mt|kt)\b")  # "120 GW", "4.1 GW DC"
COUNTED = re.compile(r"\s(?P<words>(?:(?!(?:to|in|for|of|and|than|from|with|on|at|by|compared|over|the|a)\b)"
                     r"[a-z][a-z-]*\s?){1,3})")
# Words around an amount that make it a change, not a level.
CHANGE_BEFORE = re.compile(r"(?:\b(?:" + lexicon.CHANGE_VERB + r")|\bup|\bdown|(?<!followed\s)(?<!led\s)\bby|\bfrom"
                           r"|\bpicking\sup|\bCAGR)\s(?:of\s|by\s|an?\s)?(?:\w+\s){0,2}$")
CHANGE_AFTER = re.compile(r"^\s?(?:\w+\s)?(?:growth|gain|increase|rise|lift|jump|decline|drop|fall|higher|lower|"
                          r"more|less|year-on-year|year-over-year|yoy|up|down|points?|share\spoints?|"
                          r"percentage\spoints?)\b", re.IGNORECASE)
CHANGE_RANKING = re.compile(r"\b(?:largest|biggest|highest|strongest|sharpest|steepest|greatest|fastest)[- ]"
                            r"(?:[\w-]+\s){0,3}?(?:increases?|gains?|growth|jumps?|lifts?|rises?|declines?|drops?|"
                            r"falls?|growing|surges?|CAGR)\b"
                            r"|\b(?:growth|increase|gains?|rise)\s(?:[\w-]+\s){0,2}?(?:was|were|is|are)\s(?:the\s)?"
                            r"(?:strongest|fastest|highest|largest|biggest|sharpest)\b")  # "growth was strongest in X"
FROM_BEFORE = re.compile(r"\b(?:from|versus|vs\.?|compared\swith|against|of\sthe)\s(?:\w+\s)?$")
YEAR = re.compile(rf"(?<!since\s)\b{lexicon.RECENT_YEAR_DIGITS}\b(?![-–]\d)")  # "since 2023" is no ranking's year
SHORT_YEAR = re.compile(r"\b[1-4]Q(?P<yy>\d\d)\b|\bQ[1-4][’'/ ]?(?P<yy2>\d\d)\b")
QUARTER = re.compile(r"\b(?:Q[1-4]|[1-4]Q|(?:first|second|third|fourth)\squarter|(?:first|second)\shalf|H[12])\b",
                     re.IGNORECASE)
LEGAL_SUFFIX = re.compile(r"\s(?:Co\.?|Ltd\.?|Inc\.?|Corp\.?|plc|PLC|AG|SA|S\.A\.|LLC|N\.V\.|SE)\b.*$")
COORDINATED = re.compile(r"\s(?:but|and|yet)\s*$")  # "France ranked third by volume but remained the leader"
PRONOUN_SUBJECT = re.compile(r"^(?:it|they|the\scompany|the\sfirm|the\sgroup|this|he|she)$", re.IGNORECASE)
RELATIVE_START = re.compile(rf"(?P<name>{NAME}),\s(?:which|who)\s*$")  # "Frontier, which had the most ..."
# A clause set off by commas: relative, appositive (", the 2023 leader,"), participial (", founded in 2022,")
RELATIVE_CLAUSE = re.compile(r",\s(?:which|who|whose|the|an?|[a-z]+ed)\s[^,]*,")
PARENS = re.compile(r"\([^()]*\)")
NOT_NAMES = {"The", "This", "That", "These", "Those", "It", "Its", "In", "On", "At", "By", "For", "With", "As",
             "According", "Looking", "Over", "Among", "Meanwhile", "However", "While", "Although", "And", "But",
             "Then", "A", "An", "Our", "Their", "His", "Her", "Both", "Each", "All", "Some", "Other", "Others",
             "Total", "Overall", "Globally", "Together", "Combined", "Only", "Also", "Still", "Now", "Last",
             "Next", "First", "Second", "Third", "Besides", "Despite", "Unlike", "Apart", "Beyond", "Behind", "Like",
             "After", "Before", "During", "From", "Since", "Through", "Under", "Within", "Without", "Excluding",
             "Including", "Outside", "Inside", "Across", "Compared", "Thanks", "If", "When", "Where", "Why", "How",
             "What", "Which", "Who", "Here", "There", "We", "You", "I", "They", "He", "She"}
