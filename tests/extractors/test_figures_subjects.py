"""Whose a figure is and what it measures, read from the grammar of its clause: the clause's subject (past
openers, relative clauses and comparison objects), the phrase a reporting verb introduces, and what "it" or
"the company" refers back to.

Every sentence is made up here, in industries no labelled set covers, so that what passes is the mechanism.
"""

from __future__ import annotations

import pytest

from extractors import clauses, nlp, subjects
from extractors.figures import extract_figures
from extractors.model import Document, Page


def _subject_before(text: str, quote: str) -> str | None:
    found = clauses.clause_subject(text, 0, text.index(quote))
    return found.phrase if found else None


@pytest.mark.parametrize(("text", "quote", "subject"), [
    # the noun phrase before the finite verb
    ("Ceramic tiles ranked second, with sales up 40.5% in 2024 to $12 billion.", "$12", "Ceramic tiles"),
    ("Glass bottles were the largest category by sales, at $9.1 billion.", "$9.1", "Glass bottles"),
    ("Global wind growth reached 120.3 GW last year.", "120.3", "Global wind growth"),
    ("Korean shipyards produced more than half of all tankers built in 2023.", "half", "Korean shipyards"),
    ("Hybrid tractor sales continue to rise and could reach around 17 million in 2024.", "17", "Hybrid tractor sales"),
    # an -ed word before a noun is an adjective while a verb is still to come
    ("Global installed capacity reached 500 GW.", "500", "Global installed capacity"),
    # past an opening adverbial, a relative clause and its commas
    ("In 2024, offshore wind capacity reached 80 GW.", "80", "offshore wind capacity"),
    ("Acme, which is based in Lyon, a large industrial, commercial and port city, beat Globex by 20 percent.",
     "20", "Acme"),
    # the clause the figure stands in, not the sentence's first one
    ("Freight rates fell in May: container volumes climbed 4% over the month.", "4%", "container volumes"),
    # a with-clause with a subject of its own, else the clause it hangs on
    ("Distributors gained ground, with the top three taking 68% of the market.", "68%", "the top three"),
    # a reporting verb: its object is what is measured, its subject the source
    ("Tilecount data show global ceramic tile spending climbing 20% in the quarter, to $86 billion.", "$86",
     "global ceramic tile spending"),
    ("Analysts at Verbena put enterprise spending on freight software at $7.7bn in 2023.", "$7.7bn",
     "enterprise spending on freight software"),
])
def test_clause_subject(text: str, quote: str, subject: str) -> None:
    assert _subject_before(text, quote) == subject


@pytest.mark.parametrize(("text", "quote"), [
    ("Shipments rose 7% in the quarter.", "7%"),          # only generic words: the document's topic says more
    ("Acme's 23% share led the market.", "23%"),           # the figure stands before any verb
    ("Data from the bureau put this at a 30% rise.", "30%"),  # a reporting verb whose object says nothing
])
def test_no_clause_subject(text: str, quote: str) -> None:
    assert _subject_before(text, quote) is None


def test_referring_subjects_resolve_to_the_name_before() -> None:
    text = ("Globex delivered 1,808,581 looms in 2023. To grow on last year, it has to deliver at least "
            "514,926 looms.")
    found = clauses.clause_subject(text, text.index("To grow"), text.index("514,926"))
    assert found is not None and found.phrase == "it"
    reference = clauses.refers_back(found.phrase)
    assert reference is not None and reference.group("pronoun") == "it"
    assert clauses.antecedent(text, found.clause_start, pronoun=True) == "Globex"
    heading = "Initech sales slump\n\nThe company's shares fell 6 percent last week."
    found = clauses.clause_subject(heading, heading.index("The company"), heading.index("6 percent"))
    assert found is not None and clauses.refers_back(found.phrase) is not None
    assert clauses.antecedent(heading, found.clause_start, pronoun=False) == "Initech sales slump"


def test_a_description_needs_a_name_where_a_pronoun_takes_any_phrase() -> None:
    text = "The marine coatings market has grown 6% a year. Last year its revenue declined 3%."
    assert clauses.antecedent(text, text.index("Last year"), pronoun=True) == "The marine coatings market"
    assert clauses.antecedent(text, text.index("Last year"), pronoun=False) is None


def test_compared_and_listed_names() -> None:
    text = "Chinese loom giant Acme has overtaken its US rival Globex, delivering 600,000 looms."
    assert clauses.compared_name(text, text.index("Globex"))
    assert clauses.compared_name("Acme beat Globex by 20 percent", len("Acme beat "))
    assert not clauses.compared_name("Acme led, then Globex with 13%", len("Acme led, then "))
    assert clauses.listed_name("Acme led, then Globex with 13%", len("Acme led, then "))
    assert not clauses.listed_name("Acme is the largest maker in Peru", len("Acme is the largest maker in "))


def test_a_time_phrase_opens_a_clause_before_its_subject() -> None:
    text = "The marine coatings market has grown 6% a year. Last year its revenue declined 3%."
    found = clauses.clause_subject(text, text.index("Last year"), text.index("3%"))
    assert found is not None and found.phrase == "its revenue"
    assert clauses.refers_back(found.phrase) is not None


@pytest.mark.parametrize(("text", "quote", "subject"), [
    ("When the season started, Verbena expected the kelp farming industry to add 65 kt of output.", "65",
     "the kelp farming industry"),
    ("Upstream, global annual resin capacity is expected to reach 1.2 Mt.", "1.2", "global annual resin capacity"),
])
def test_subordinate_and_one_word_openers(text: str, quote: str, subject: str) -> None:
    assert _subject_before(text, quote) == subject


@pytest.mark.parametrize(("sentence", "geography"), [
    ("KelpPower Europe expects output to grow 10% in Chile.", "Chile"),  # a run-together firm name holds "Europe"
    ("Asia Pacific Research says resin sales rose 5%.", None),           # an organisation's word follows the place
    ("Resin sales in Europe rose 5%.", "Europe"),
    ("Resin sales in Western Europe rose 5%.", "Europe"),
])
def test_a_place_inside_a_firm_name_is_no_geography(sentence: str, geography: str | None) -> None:
    assert nlp.sentence_context(sentence)[0] == geography


def test_a_participle_opener_is_no_subject() -> None:
    text = "Looking only at the fourth quarter of 2024, Acme came first with 7.1 million looms."
    assert _subject_before(text, "7.1") == "Acme"


def test_a_dated_opener_without_a_comma_ends_at_the_subjects_article() -> None:
    text = "In 4Q24 the top three loom makers, Acme, Globex and Initech, together accounted for 64% of sales."
    assert _subject_before(text, "64%") == "the top three loom makers, Acme, Globex and Initech"


def test_respective_names_reach_back_past_the_last_group() -> None:
    text = "Acme holds a strong lead, although Globex and Initech grew faster; their shares were "
    assert subjects.respective_names(text, 0, len(text), 3) == ["Acme", "Globex", "Initech"]
    assert subjects.respective_names(text, 0, len(text), 2) == ["Globex", "Initech"]
    assert subjects.respective_names(text, 0, len(text), 4) == []


@pytest.mark.parametrize(("text", "quote", "entity", "owner"), [
    ("Acme, which is based in Lyon, beat Globex by more than 20 percent.", "20", "Globex", "Acme"),
    ("Loom output fell: woven textile revenue reached $12 billion in 2024.", "$12", "Loom",
     "woven textile revenue"),
    ("Acme is Peru's largest loom maker, having delivered 4.3 million looms.", "4.3", "Peru", "Acme"),
    ("Acme led with 40%, then Globex with 13%.", "13%", "Globex", None),   # a list item's own name
    ("Hybrid tractor sales reached 9 million.", "9", None, "Hybrid tractor sales"),
    ("The leaders Acme, Globex and Initech kept the loom market; their shares were 20%, 15% and 11% "
     "respectively.", "20%", "Acme", None),
])
def test_clause_owner(text: str, quote: str, entity: str | None, owner: str | None) -> None:
    assert clauses.clause_owner(text, 0, text.index(quote), entity) == owner


@pytest.mark.parametrize(("text", "quote", "subject"), [
    # an adverb between commas is no opener and no part of the subject
    ("Globex, meanwhile, took 3.9% of loom sales.", "3.9%", "Globex"),
    # an apposition between the subject and its verb
    ("Digital Loom Makers (DLMs), a group that takes in firms such as Acme, Globex and Initech, are forecast "
     "to grow by 8%.", "8%", "Digital Loom Makers (DLMs)"),
    ("Wool, the market's largest segment, is expected to reach $3.6 trillion.", "$3.6", "Wool"),
    # a participle opener in -ed
    ("Valued at $50 billion in 2025, it is aiming for $100 billion by 2030.", "$100", "it"),
    # a reporting verb followed by an adverb and "that"; its object ends at the object's own verb
    ("Verbena's analysis shows, however, that the Asian kelp industry, driven by giants, will gross $1.9 "
     "trillion.", "$1.9", "the Asian kelp industry"),
    ("Verbena now estimates global kelp spending will grow 4.8% this year.", "4.8%", "global kelp spending"),
])
def test_asides_appositions_and_reported_objects(text: str, quote: str, subject: str) -> None:
    assert _subject_before(text, quote) == subject


def test_a_pronoun_object_refers_to_the_clause_before() -> None:
    text = "Revenues from kelp farming will reach $18.4 billion this year, and Verbena expects them to double."
    found = clauses.clause_subject(text, 0, text.index("double"))
    assert found is not None and found.phrase == "them" and found.reported
    assert clauses.clause_owner(text, 0, text.index("double"), None) == "Revenues from kelp farming"


def test_a_gerund_that_has_a_verb_is_the_subject_not_an_opener() -> None:
    text = "Knitting reached a record, taking 47.3% of all craft time, up from 46% in June."
    assert _subject_before(text, "46%") == "Knitting"
    assert _subject_before("Looking only at May, Acme came first with 7.1 million looms.", "7.1") == "Acme"


@pytest.mark.parametrize(("text", "quote", "subject"), [
    # a clause with no verb of its own shares the subject of the one it is coordinated with
    ("Kelp exports had a good 2019, with overall growth of 18.2%, and 26.9% when one buyer is left out.",
     "26.9%", "Kelp exports"),
    # a short label before a colon owns the figures after it
    ("Acme Loom Cloud: Estimated ~175 million subscribers globally.", "~175", "Acme Loom Cloud"),
    # a dateline before a colon is no label
    ("LONDON, March 25, 2025: estimated 40 looms.", "40", None),
    # an opening phrase of several words before a comma and an article
    ("Six months later, the firm Acme was already running seven mills totalling 1,325 MW.", "1,325",
     "the firm Acme"),
])
def test_verbless_clauses_labels_and_opening_phrases(text: str, quote: str, subject: str | None) -> None:
    assert _subject_before(text, quote) == subject


def _subjects_of(text: str) -> dict[str, str]:
    doc = Document("0" * 64, "case.txt", "txt", (Page(None, text),))
    return {f.quote: f.subject or "" for f in extract_figures(doc)}


def test_figures_take_the_owner_their_clause_names() -> None:
    text = ("Loom Weekly\n\nGlobex delivered 1,808,581 looms worldwide in 2023. To grow on last year, it has to "
            "deliver at least 514,926 looms in the last quarter.\n\nAcme, which is based in Lyon, a large "
            "industrial, commercial and port city, beat Globex by more than 20 percent for the quarter.\n\n"
            "Felt makers gained ground, with the top three taking 68% of the market.")
    found = _subjects_of(text)
    assert found["514,926 looms"].startswith("Globex")
    assert found["20 percent"].startswith("Acme")
    assert "top three" in found["68%"]


def test_respectively_takes_names_from_earlier_groups() -> None:
    text = ("The loom market is led by Acme. Acme holds a strong lead, although Globex and Initech again grew "
            "faster; their shares were 30%, 21% and 12% respectively.")  # a name the document writes mid-sentence
    found = _subjects_of(text)
    assert [found[q].split()[0] for q in ("30%", "21%", "12%")] == ["Acme", "Globex", "Initech"]


@pytest.mark.parametrize(("text", "quote"), [
    ("Weak demand, however, means independent kettle makers' revenues are set to fall by 3.2% to $26 billion.",
     "$26 billion"),
    ("Higher tariffs suggest that independent kettle makers' revenues will fall 3% in 2025.", "3%"),
])
def test_a_cause_owns_nothing_its_consequence_measures(text: str, quote: str) -> None:
    subject = _subjects_of(text)[quote]
    assert "independent kettle makers" in subject
    assert not {"demand", "tariffs"} & set(subject.lower().split())


def test_a_market_size_takes_its_own_clauses_market_before_one_named_earlier() -> None:
    subjects_by_quote = _subjects_of(
        "Tariffs are weighing on the whole kettle market. Cordless kettle sales, led by Acme and Globex, will grow 8% "
        "to $357 million in 2025.")
    assert "cordless kettle sales" in subjects_by_quote["$357 million"].lower()
    assert "whole" not in subjects_by_quote["$357 million"]


def test_a_subject_carries_no_other_figures_amount_but_keeps_a_threshold() -> None:
    found = _subjects_of("The US and India trail with only 8% and 5% (50 GW and 30.7 GW, respectively) of the new "
                         "wind capacity. Sales of kettles priced above $250 rose 12% in 2024.")
    assert not {"gw", "50", "30.7"} & set(found["30.7 GW"].lower().split())
    assert "above $250" in found["12%"]


def test_amounts_leave_a_subject_and_bare_numbers_stay() -> None:
    assert subjects.without_amounts("Group $17 billion or 4.5% higher than the top 10 vendors") \
        == "Group or higher than the top 10 vendors"


def test_a_figure_with_its_own_head_takes_the_sentences_market_but_not_its_period() -> None:
    found = _subjects_of("Tallis estimates quarterly ceramic tile revenues at $9.6 billion, and full-year 2024 "
                         "revenues at $33.4 billion.")
    assert found["$33.4 billion"].startswith("full-year revenues")  # its own head first, then the market's words
    assert "ceramic tile" in found["$33.4 billion"]


def test_a_bare_head_borrows_which_market_not_when() -> None:
    text = "Quarterly ceramic tile revenues rose. Revenues for the full year reached $33 billion."
    assert subjects.named_earlier(text, 0, text.index("$33"), "Revenues") == "ceramic tile revenues"


@pytest.mark.parametrize("dateline", ["OSLO, June 10, 2025 (Fjord Wire) - ",
                                      "BERGEN, Norway, March 4, 2025 /Newswire/ -- ", "TROMSO (Kettle Weekly) – ",
                                      "NARVIK — "])
def test_a_dateline_names_no_part_of_what_a_figure_measures(dateline: str) -> None:
    text = f"{dateline}Kettle sales worldwide totalled about $15 billion in 2024, up 11% on the previous year.\n"
    page = Page(None, text)
    figures = extract_figures(Document("0" * 64, "case.txt", "txt", (page,)))
    assert figures and all("2025" not in f.subject and "Wire" not in f.subject and "Weekly" not in f.subject
                           and "NARVIK" not in f.subject for f in figures), [f.subject for f in figures]


def test_a_list_items_mark_and_a_closing_stop_are_not_part_of_a_subject() -> None:
    text = "Heat pump shipments, 2024\n\n- Air-source units accounted for 71% of shipments.\n- Ground-source: 12%\n"
    subjects_by_quote = _subjects_of(text)
    assert not any(s.startswith(("-", "•")) or s.endswith(".") for s in subjects_by_quote.values()), subjects_by_quote
    assert subjects_by_quote["71%"].startswith("Air-source units")
