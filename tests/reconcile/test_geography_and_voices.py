"""Which geography an unplaced figure is compared under, rankings measured two ways, and a voice that
gives one key two values."""

import pytest

import schemas
from reconcile import reconcile
from reconcile.geography import _FIRM_HOME, WORLD, compared_geographies, firm_homes
from tests.reconcile.frames import entry, figure, figures, rankings


def run(figs, ranks=None):
    ranks = ranks if ranks is not None else schemas.empty("rankings")
    return reconcile(figs, ranks, schemas.empty("tables"), schemas.empty("documents"))


def kinds(findings):
    return sorted(zip(findings["kind"], findings["check"]))


def test_a_place_named_in_an_aside_is_not_the_documents_geography():
    docs = ["a"] * 4
    keys = ["phone", "phone", "phone", "phone"]
    stated = [None, None, None, "china"]  # "mainland China grew 4%" among worldwide numbers
    assert compared_geographies(docs, keys, stated) == [WORLD, WORLD, WORLD, "china"]


def test_a_document_that_mostly_names_one_place_is_about_it_where_it_says_nothing():
    stated = ["united states", "united states", None]
    assert compared_geographies(["a"] * 3, ["bike", "bike", "bike"], stated)[2] == "united states"
    # the subject's own place wins over the document's
    assert compared_geographies(["a"] * 4, ["bike", "car", "car", "car"],
                                ["united states", "china", "china", None])[3] == "china"
    # two places, none dominant: the world
    assert compared_geographies(["a"] * 3, ["bike"] * 3, ["china", "india", None])[2] == WORLD


def test_worldwide_numbers_of_a_document_with_a_regional_aside_meet_another_sources():
    aside = "Mainland China grew 4%, its first rise in two years."
    rows = [figure("a.txt", "US$10.7 billion", 10.7e9, subject="widget market"),
            figure("a.txt", "US$3.1 billion", 3.1e9, subject="widget market sales", year=2023),
            figure("a.txt", "4%", 4.0, metric="growth_rate", unit="percent", subject="widget market",
                   geography="China", sentence=aside),
            figure("b.txt", "US$12.9 billion", 12.9e9, subject="global widget market", geography="global")]
    assert ("conflict", "cross_source") in kinds(run(figures(*rows)))


def test_one_entity_in_rankings_of_two_measures_is_no_inconsistency():
    streaming = "In the U.S. market, Prime Video is out in front with about 22% share, just ahead of Netflix's ~21%"
    viewing = "YouTube has overtaken Netflix in U.S. total TV viewing share, with about 13% vs. Netflix's ~8%"
    ranks = rankings(entry(streaming, 1, "Prime Video", 22.0, from_sentence=True),
                     entry(streaming, 2, "Netflix", 21.0, from_sentence=True),
                     entry(viewing, 1, "YouTube", 13.0, from_sentence=True),
                     entry(viewing, 2, "Netflix", 8.0, from_sentence=True))
    assert "ranking_tables" not in set(run(schemas.empty("figures"), ranks)["check"])
    scoped = rankings(entry("Top companies by revenue share, 2024", 1, "Company A", 30.1),
                      entry("Top pureplay companies by revenue share, 2024", 1, "Company A", 32.0))
    assert kinds(run(schemas.empty("figures"), scoped)) == [("inconsistency", "ranking_tables")]


def test_a_voice_giving_one_key_two_values_is_no_evidence_of_a_conflict():
    year = figure("a.txt", "14%", 14.0, metric="market_share", unit="percent", subject="Xiaomi smartphone share")
    quarter = figure("a.txt", "13%", 13.0, metric="market_share", unit="percent", subject="Xiaomi smartphone share",
                     start=200)  # the quarter said only in a heading
    other = figure("b.txt", "13.6%", 13.6, metric="market_share", unit="percent", subject="Xiaomi smartphone share")
    third = figure("c.txt", "12.4%", 12.4, metric="market_share", unit="percent", subject="Xiaomi smartphone share")
    found = run(figures(year, quarter, other, third))
    conflicts = found[found["kind"] == "conflict"]
    assert len(conflicts) == 1 and sorted(conflicts.iloc[0]["values"]) == [12.4, 13.6]
    assert "conflict" not in set(run(figures(year, quarter, other))["kind"])


def test_a_document_whose_text_and_table_differ_slightly_still_conflicts_with_a_far_off_source():
    text = figure("a.txt", "12.4%", 12.4, metric="market_share", unit="percent", subject="Transsion smartphone share")
    table = figure("a.txt", "12.2%", 12.2, metric="market_share", unit="percent", subject="Transsion smartphone share",
                   start=300)
    other = figure("b.txt", "9%", 9.0, metric="market_share", unit="percent", subject="Transsion smartphone share")
    conflicts = run(figures(text, table, other)).query("kind == 'conflict'")
    assert len(conflicts) == 1 and sorted(conflicts.iloc[0]["values"]) == [9.0, 12.2, 12.4]


def test_a_firms_home_is_no_markets_place():
    described = figure("a.txt", "US$397.2 billion", 397.2e9, metric="revenue", geography="United States",
                       subject="U.S. widget giant Acme GMV", publisher="Gauge",
                       sentence="U.S. widget giant Acme produced the third-highest GMV in 2019, at US$397.2 billion.")
    plain = figure("b.txt", "$339 billion", 339e9, metric="revenue", subject="Acme", publisher="Dial",
                   sentence="Acme came in third with $339 billion in 2019 sales.")
    assert kinds(run(figures(described, plain))) == [("conflict", "cross_source")]
    in_the_us = figure("a.txt", "US$397.2 billion", 397.2e9, metric="revenue", geography="United States",
                       subject="Acme U.S. GMV", publisher="Gauge",
                       sentence="Acme produced US$397.2 billion of GMV in the U.S. in 2019.")
    assert run(figures(in_the_us, plain)).empty  # its U.S. sales against its sales everywhere


@pytest.mark.parametrize("sentence", ["U.S. tech giant Amazon grew 12%.", "China's largest EV maker sold 3 million.",
                                      "Germany's Volkswagen Group sold 9 million.", "The US market grew 4%.",
                                      "Korea's top carmakers shipped 2 million.", "Its vendors gained."])
def test_firm_homes_are_what_the_pattern_finds(sentence: str) -> None:
    assert firm_homes(sentence) == [(m["place"], sentence[m.end("place"):m.end()])
                                    for m in _FIRM_HOME.finditer(sentence)]
