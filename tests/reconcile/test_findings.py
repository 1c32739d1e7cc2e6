"""Each check on small hand-built frames, including the things that only look alike."""

import pandas as pd
import pytest

import schemas
from reconcile import ReconcileSettings, reconcile
from reconcile.findings import prose
from tests.reconcile.frames import DOCS, entry, figure, figures, rankings


def run(figs, ranks=None, **settings):
    ranks = ranks if ranks is not None else schemas.empty("rankings")
    return reconcile(figs, ranks, schemas.empty("tables"), schemas.empty("documents"), settings or None)


def kinds(findings):
    return sorted(zip(findings["kind"], findings["check"]))


def test_the_same_number_in_billions_and_millions_corroborates():
    found = run(figures(figure("a.txt", "US$10.7 billion", 10.7e9),
                        figure("b.txt", "US$10,700 million", 10.7e9, subject="Global Widget Market")))
    assert kinds(found) == [("corroboration", "cross_source")]
    assert sorted(found.iloc[0]["doc_ids"]) == sorted(figures(figure("a.txt"), figure("b.txt"))["doc_id"])


def test_values_beyond_rounding_conflict_with_severity_and_spread():
    found = run(figures(figure("a.txt", "US$10.7 billion", 10.7e9), figure("b.txt", "US$12.0 billion", 12.0e9)))
    assert kinds(found) == [("conflict", "cross_source")]
    row = found.iloc[0]
    assert row["severity"] == "medium" and "12.1%" in row["explanation"]
    assert sorted(row["values"]) == [10.7e9, 12.0e9]


def test_adjacent_rounded_values_do_not_overlap_but_an_approximation_reaches():
    exact = run(figures(figure("a.txt", "10.7%", 10.7, unit="percent", metric="cagr"),
                        figure("b.txt", "10.8%", 10.8, unit="percent", metric="cagr")))
    assert kinds(exact) == [("conflict", "cross_source")]
    approx = run(figures(figure("a.txt", "10.7%", 10.7, unit="percent", metric="cagr"),
                         figure("b.txt", "about 10.8%", 10.8, unit="percent", metric="cagr", qualifier="approx")))
    assert "conflict" not in set(approx["kind"])


def test_a_bound_that_the_other_value_satisfies_is_no_conflict_but_a_corroboration():
    found = run(figures(figure("a.txt", "over US$10 billion", 10e9, qualifier="lower_bound"),
                        figure("b.txt", "US$12.0 billion", 12e9)))
    assert list(found["kind"]) == ["corroboration"]  # a half-line holding the other value: they meet


def test_undated_values_that_change_over_time_never_conflict_but_undated_counts_do():
    sizes = figures(figure("a.txt", "US$10.7 billion", 10.7e9, year=None),
                    figure("b.txt", "US$20 billion", 20e9, year=None))
    assert "conflict" not in set(run(sizes)["kind"])
    counts = figures(figure("a.txt", "1.7 trillion", 1.7e12, metric="count", unit="parameter", year=None),
                     figure("b.txt", "1.8 trillion", 1.8e12, metric="count", unit="parameter", year=None))
    assert kinds(run(counts)) == [("conflict", "cross_source")]


@pytest.mark.parametrize("change", [
    {"year": 2029},
    {"subject": "global gadget market"},
    {"geography": "China"},
    {"segment": "Healthcare"},
    {"per": "million tokens"},
    {"unit": "EUR"},
])
def test_figures_that_only_look_alike_never_conflict(change):
    found = run(figures(figure("a.txt", "US$10.7 billion", 10.7e9), figure("b.txt", "US$20.0 billion", 20e9, **change)))
    assert "conflict" not in set(found["kind"])


def test_different_values_in_one_document_are_not_a_cross_source_conflict():
    found = run(figures(figure("a.txt", "US$10.7 billion", 10.7e9),
                        figure("a.txt", "US$20.0 billion", 20e9, start=500)))
    assert found.empty


def test_a_cagr_its_own_endpoints_do_not_produce_is_an_inconsistency():
    sentence = "The market grows from US$536 million in 2024 to US$1,290 million by 2031, a CAGR of 13.2%."
    rows = [figure("a.txt", "US$536 million", 536e6, year=2024, sentence=sentence),
            figure("a.txt", "US$1,290 million", 1290e6, year=2031, sentence=sentence),
            figure("a.txt", "13.2%", 13.2, metric="cagr", unit="percent", year=None, period_start=2025,
                   period_end=2031, sentence=sentence)]
    found = run(figures(*rows))
    assert kinds(found) == [("inconsistency", "cagr_endpoints")]
    assert list(found.iloc[0]["values"]) == [13.2, 536e6, 1290e6]
    assert "13.35% to 13.39%" in found.iloc[0]["explanation"]


def test_a_cagr_within_rounding_of_its_endpoints_is_consistent():
    sentence = "From US$10.7 billion in 2024 to US$206.5 billion by 2029, a CAGR of 80.7%."
    rows = [figure("a.txt", "US$10.7 billion", 10.7e9, year=2024, sentence=sentence),
            figure("a.txt", "US$206.5 billion", 206.5e9, year=2029, sentence=sentence),
            figure("a.txt", "80.7%", 80.7, metric="cagr", unit="percent", year=None, period_start=2024,
                   period_end=2029, sentence=sentence)]
    assert run(figures(*rows)).empty


def test_a_stated_ratio_its_two_values_do_not_give():
    sentence = "Phi-4 runs at 1% of the inference cost ($0.0001 per 1,000 tokens vs. $0.002)."
    rows = [figure("a.txt", "1%", 1.0, metric="other_percent", unit="percent", sentence=sentence, subject="ratio"),
            figure("a.txt", "$0.0001", 0.0001, metric="price", per="1,000 tokens", sentence=sentence, subject="x"),
            figure("a.txt", "$0.002", 0.002, metric="price", per="1,000 tokens", sentence=sentence, subject="y")]
    found = run(figures(*rows))
    assert kinds(found) == [("inconsistency", "stated_ratio")]
    assert "5.00%" in found.iloc[0]["explanation"]


@pytest.mark.parametrize("sentence, percent, low, high", [
    ("Costs fell from $20 to $1, a 95% drop.", "95%", "$20", "$1"),
    ("It costs 5% as much ($0.0001 vs. $0.002).", "5%", "$0.0001", "$0.002"),
])
def test_a_ratio_or_change_that_the_amounts_give_is_consistent(sentence, percent, low, high):
    value = float(percent.rstrip("%"))
    amounts = {low: float(low.strip("$")), high: float(high.strip("$"))}
    rows = [figure("a.txt", percent, value, metric="growth_rate", unit="percent", sentence=sentence, subject="p"),
            *(figure("a.txt", q, v, metric="price", sentence=sentence, subject=q) for q, v in amounts.items())]
    assert run(figures(*rows)).empty


def test_a_percentage_after_an_aside_is_not_a_ratio_of_the_aside():
    sentence = "A 14-billion parameter model (vs. 1.7 trillion) that achieves 90% of the performance."
    rows = [figure("a.txt", "14-billion parameter", 14e9, metric="count", unit="parameter", sentence=sentence),
            figure("a.txt", "1.7 trillion", 1.7e12, metric="count", unit="parameter", sentence=sentence),
            figure("a.txt", "90%", 90.0, metric="other_percent", unit="percent", sentence=sentence)]
    assert run(figures(*rows)).empty


def parts(total_quote: str, total: float) -> list[dict]:
    text = f"The market was {total_quote} in 2024: application US$7.1 billion and MaaS US$3.6 billion."
    return [figure("a.txt", total_quote, total, sentence=text),
            figure("a.txt", "US$7.1 billion", 7.1e9, sentence=text, segment="application"),
            figure("a.txt", "US$3.6 billion", 3.6e9, sentence=text, segment="MaaS")]


def test_segments_that_add_up_to_more_than_their_total():
    assert kinds(run(figures(*parts("US$10.0 billion", 10e9)))) == [("inconsistency", "parts_exceed_total")]
    assert run(figures(*parts("US$10.7 billion", 10.7e9))).empty
    assert run(figures(*parts("US$12.0 billion", 12e9))).empty  # a partial breakdown may fall short


def test_segment_shares_over_100_in_one_run_but_separate_breakdowns_are_apart():
    text = "Shares: NLP ~60%, vision ~50%."
    over = [figure("a.txt", "~60%", 60.0, metric="market_share", unit="percent", year=None, sentence=text,
                   segment="NLP", qualifier="approx"),
            figure("a.txt", "~50%", 50.0, metric="market_share", unit="percent", year=None, sentence=text,
                   segment="vision", qualifier="approx")]
    assert kinds(run(figures(*over))) == [("inconsistency", "shares_over_100")]
    split = [over[0], figure("a.txt", "500 enterprises", 500, metric="count", unit="enterprise", year=None,
                             start=200), dict(over[1], char_start=400, char_end=404, figure_id="later")]
    assert run(figures(*split)).empty


def test_a_sentences_shares_closed_by_the_rest_over_100_without_segments():
    def listed(text: str) -> list[dict]:
        quotes = [q for q in text.replace(",", " ").replace(".", " ").split() if q.endswith("%")]
        return [figure("a.txt", q, float(q[:-1]), metric="market_share", unit="percent", sentence=text,
                       subject=f"kettle share {i}") for i, q in enumerate(quotes)]
    over = "Hotels held 34% of kettle revenue in 2024, offices 27%, hospitals 18% and all others 26%."
    assert kinds(run(figures(*listed(over)))) == [("inconsistency", "shares_over_100")]
    exact = "Hotels held 34% of kettle revenue in 2024, offices 27%, hospitals 18% and all others 21%."
    assert run(figures(*listed(exact))).empty
    # without the rest closing the list the shares may be of different wholes
    open_list = "Hotels held 34% of kettle revenue in 2024, offices 27% of unit sales, hospitals 18% and 26% of fees."
    assert run(figures(*listed(open_list))).empty


def test_implied_value_from_a_cagr_differs_from_another_source():
    text = "From US$10.0 billion in 2024 to US$100.0 billion in 2029, a CAGR of 58.5%."
    rows = [figure("a.txt", "US$10.0 billion", 10e9, year=2024, sentence=text),
            figure("a.txt", "US$100.0 billion", 100e9, year=2029, sentence=text),
            figure("a.txt", "58.5%", 58.5, metric="cagr", unit="percent", year=None, period_start=2024,
                   period_end=2029, sentence=text),
            figure("b.txt", "US$40.0 billion", 40e9, year=2026)]
    found = run(figures(*rows))
    implied = found[(found["kind"] == "conflict") & (found["check"] == "cagr_implied_value")]
    assert len(implied) == 1 and "2026" in implied.iloc[0]["explanation"]
    assert set(found["check"]) == {"cagr_implied_value"}  # no plain conflict: the years differ
    agreeing = [*rows[:3], figure("b.txt", "US$25.1 billion", 25.1e9, year=2026)]
    assert "cagr_implied_value" not in set(run(figures(*agreeing))["check"])


RANKING_A = "Top companies by revenue share, 2024"
RANKING_B = "Top pureplay companies by revenue share, 2024"


def test_ranks_in_different_rankings_never_conflict_and_equal_shares_corroborate():
    ranks = rankings(entry(RANKING_A, 1, "Company A", 30.1), entry(RANKING_A, 9, "Company I", 0.3),
                     entry(RANKING_A, 10, "MiniMax", 0.3), entry(RANKING_B, 1, "Company A", 30.1),
                     entry(RANKING_B, 4, "MiniMax", 0.3))
    found = run(schemas.empty("figures"), ranks)
    assert kinds(found) == [("corroboration", "ranking_tables")]
    assert sorted(found.iloc[0]["values"]) == [0.3, 0.3, 30.1, 30.1]


def test_one_entity_with_different_shares_in_two_tables_is_an_inconsistency():
    ranks = rankings(entry(RANKING_A, 1, "Company A", 30.1), entry(RANKING_B, 1, "Company A", 32.0))
    assert kinds(run(schemas.empty("figures"), ranks)) == [("inconsistency", "ranking_tables")]


def test_ranking_shares_over_100_and_out_of_rank_order():
    over = rankings(entry(RANKING_A, 1, "A", 60.0), entry(RANKING_A, 2, "B", 50.0))
    assert ("inconsistency", "ranking_over_100") in kinds(run(schemas.empty("figures"), over))
    disorder = rankings(entry(RANKING_A, 1, "A", 30.0), entry(RANKING_A, 2, "B", 10.0),
                        entry(RANKING_A, 3, "C", 12.0), entry(RANKING_A, 4, "D", 5.0))
    assert kinds(run(schemas.empty("figures"), disorder)) == [("inconsistency", "ranking_order")]
    ties = rankings(entry(RANKING_A, 1, "A", 30.0), entry(RANKING_A, 2, "B", 0.3), entry(RANKING_A, 3, "C", 0.3))
    assert run(schemas.empty("figures"), ties).empty


def test_a_sentence_share_against_the_rankings():
    sentence = "MiniMax is the tenth largest company, with a market share of 0.3%."
    share = figure("a.txt", "0.3%", 0.3, metric="market_share", unit="percent", sentence=sentence,
                   subject="MiniMax market share")
    ranks = rankings(entry(RANKING_A, 10, "MiniMax", 0.3), entry(RANKING_A, 1, "Company A", 30.1),
                     entry(RANKING_A, 2, "Company B", 16.9))
    found = run(figures(share), ranks)
    assert kinds(found) == [("corroboration", "ranking_sentence")]
    wrong = run(figures(dict(share, quote="0.5%", value=0.5, sentence=sentence.replace("0.3", "0.5"))), ranks)
    assert kinds(wrong) == [("inconsistency", "ranking_sentence")]


def test_settings_reject_unknown_keys_and_bad_values():
    with pytest.raises(ValueError, match="R503"):
        ReconcileSettings.resolve({"rel_tol": 0.1})
    with pytest.raises(ValueError, match="R502"):
        ReconcileSettings.resolve({"approx_rel_tol": 2})
    assert ReconcileSettings.resolve({"approx_rel_tol": 0.1}).approx_rel_tol == 0.1


def test_a_wider_approximation_tolerance_turns_a_conflict_into_agreement():
    rows = figures(figure("a.txt", "about US$10 billion", 10e9, qualifier="approx"),
                   figure("b.txt", "US$12 billion", 12e9))
    assert "conflict" in set(run(rows)["kind"])
    assert "conflict" not in set(run(rows, approx_rel_tol=0.2)["kind"])


def test_empty_inputs_give_a_valid_empty_frame():
    found = run(schemas.empty("figures"))
    assert found.empty and list(found.columns) == schemas.columns("findings")


def segment_cagr(quote, value, segment, start, sentence, **extra):
    return figure("a.txt", quote, value, metric="cagr", unit="percent", year=None, segment=segment, start=start,
                  sentence=sentence, subject="widget market", **extra)


def test_a_fastest_growing_segment_that_a_sibling_outgrows():
    rows = [segment_cagr("15-16%", 15.0, "NLP", 0, "NLP: fastest-growing at 15-16% CAGR.", value_high=16.0,
                         qualifier="range"),
            segment_cagr("20%+", 20.0, "Vision", 100, "Vision: 20%+ CAGR.", qualifier="lower_bound")]
    found = run(figures(*rows))
    assert kinds(found) == [("inconsistency", "superlative")]
    assert list(found.iloc[0]["values"]) == [15.0, 16.0, 20.0]


@pytest.mark.parametrize("claim", ["NLP: one of the fastest-growing at 15% CAGR.", "NLP: growing at 15% CAGR."])
def test_no_superlative_claim_no_finding(claim):
    rows = [segment_cagr("15%", 15.0, "NLP", 0, claim), segment_cagr("20%", 20.0, "Vision", 100, "Vision: 20% CAGR.")]
    assert run(figures(*rows)).empty


def test_a_faster_segment_in_another_breakdown_is_no_rival():
    rows = [segment_cagr("15%", 15.0, "NLP", 0, "NLP: fastest-growing at 15% CAGR."),
            segment_cagr("12%", 12.0, "Vision", 100, "Vision: 12% CAGR."),
            figure("a.txt", "500 enterprises", 500, metric="count", unit="enterprise", year=None, start=200),
            segment_cagr("20%", 20.0, "Healthcare", 300, "Healthcare: 20% CAGR.")]
    assert run(figures(*rows)).empty


def test_agreeing_values_corroborate_when_the_whole_subject_phrases_match_but_never_conflict():
    # Extracted subjects may carry the words that name the thing after a verb; the keys differ.
    first = figure("a.txt", "2,048-token", 2048, metric="count", unit="token", year=None,
                   subject="GPT-3 Modern foundation models have transitioned token limit")
    second = figure("b.txt", "2,048 tokens", 2048, metric="count", unit="token", year=None, qualifier="approx",
                    subject="GPT-3 supported a context window tokens")
    assert kinds(run(figures(first, second))) == [("corroboration", "cross_source")]
    assert kinds(run(figures(first, second), loose_subjects=False)) == []
    other_value = figure("b.txt", "4,096 tokens", 4096, metric="count", unit="token", year=None,
                         subject="GPT-3 supported a context window tokens")
    assert kinds(run(figures(first, other_value))) == []


def _documents(**rows) -> pd.DataFrame:

    return schemas.validate(pd.DataFrame([
        {"doc_id": DOCS[name], "source_file": name, "format": "txt", "pages": 1, "title": None, "publisher": firm,
         "status": "ok", "error": None, "n_figures": 1, "n_tables": 0, "n_rankings": 0,
         "extracted_at": pd.Timestamp("2026-01-01", tz="UTC")} for name, firm in rows.items()]), "documents")


def test_three_reports_on_one_market_as_a_new_user_wrote_them():
    # a dateline, a currency prefix and a bare name: one market; 37.5 and 43.1 are 15% apart
    rows = figures(
        figure("a.txt", "USD 37.5 bn", 37.5e9, subject="Dublin electric bicycle market",
               sentence="DUBLIN, Jan. 5, 2025 /PRNewswire/ -- "
                        "The electric bicycle market reached USD 37.5 bn in 2024."),
        figure("b.txt", "USD 43.1 bn", 43.1e9, subject="USD electric bicycle market"),
        figure("c.txt", "US$37.5 bn", 37.5e9, subject="electric bicycle market", geography="global"))
    found = run(rows)
    conflict = found[found["kind"] == "conflict"]
    assert len(conflict) == 1 and sorted(conflict.iloc[0]["values"]) == [37.5e9, 43.1e9]  # a shared value once
    assert "corroboration" in set(found["kind"])  # a.txt and c.txt agree


def test_two_firms_quoted_side_by_side_in_one_document_conflict():
    rows = figures(figure("a.txt", "US$10.0 billion", 10e9, publisher="Acme", start=0),
                   figure("a.txt", "US$12.0 billion", 12e9, publisher="Bolt", start=200))
    assert list(run(rows)["kind"]) == ["conflict"]
    same_firm = figures(figure("a.txt", "US$10.0 billion", 10e9, publisher="Acme", start=0),
                        figure("a.txt", "US$12.0 billion", 12e9, publisher="Acme", start=200))
    assert "conflict" not in set(run(same_firm)["kind"])


def test_a_firm_revising_its_own_number_is_a_revision_never_a_conflict():
    rows = figures(figure("a.txt", "US$10.0 billion", 10e9, publisher="Acme"),
                   figure("b.txt", "US$12.0 billion", 12e9, publisher="Acme"))
    documents = _documents(**{"a.txt": "Daily", "b.txt": "Weekly"})
    documents["published"] = ["2024-02-01", "2024-04-14"]
    found = reconcile(rows, schemas.empty("rankings"), schemas.empty("tables"), documents)
    assert list(found["kind"]) == ["revision"] and "revised its number" in found.iloc[0]["explanation"]
    documents["published"] = ["2024-04-01", "2024-04-14"]  # one release, reported twice: compared
    found = reconcile(rows, schemas.empty("rankings"), schemas.empty("tables"), documents)
    assert list(found["kind"]) == ["conflict"]


def test_a_fall_printed_as_a_positive_change_is_compared_as_negative():
    rows = figures(figure("a.txt", "1%", 1.0, metric="growth_rate", unit="percent",
                          subject="decline in widget shipments"),
                   figure("b.txt", "-1.0%", -1.0, metric="growth_rate", unit="percent", subject="widget shipments"))
    assert list(run(rows)["kind"]) == ["corroboration"]


def test_a_documents_text_against_its_own_table():
    cells = pd.DataFrame([
        {"table_id": "t1", "doc_id": DOCS["a.txt"], "source_file": "a.txt", "page": None,
         "title": "Widget shipments in 2024 (millions of units)", "source": None, "row": row, "col": col,
         "text": text, "value": value, "unit": None}
        for row, col, text, value in [(0, 0, "Vendor", None), (0, 1, "2024 Shipments", None),
                                      (1, 0, "Acme", None), (1, 1, "12.2", 12.2),
                                      (2, 0, "Bolt", None), (2, 1, "8.0", 8.0)]])
    rows = figures(figure("a.txt", "11.0 million units", 11e6, metric="count", unit="unit",
                          subject="Acme widget shipments", sentence="Acme shipped 11.0 million units in 2024."),
                   figure("b.txt", "8.0 million units", 8e6, metric="count", unit="unit",
                          subject="Bolt widget shipments", sentence="Bolt shipped 8.0 million units in 2024."))
    found = reconcile(rows, schemas.empty("rankings"), schemas.validate(cells, "tables"), schemas.empty("documents"))
    assert set(found["check"]) == {"text_vs_table", "cross_source"}  # Bolt: b.txt agrees with a.txt's table
    inconsistency = found[found["check"] == "text_vs_table"].iloc[0]
    assert inconsistency["kind"] == "inconsistency" and sorted(inconsistency["values"]) == [11e6, 12.2e6]


def test_a_firm_in_an_undated_copy_and_a_dated_release_is_a_revision_never_a_conflict():
    rows = figures(figure("a.txt", "US$10.0 billion", 10e9, publisher="Acme"),
                   figure("b.txt", "US$12.0 billion", 12e9, publisher="Acme"),
                   figure("c.txt", "US$12.0 billion", 12e9, publisher="Bolt"))
    documents = _documents(**{"a.txt": "Daily", "b.txt": "Weekly", "c.txt": "Monthly"})
    documents["published"] = [None, "2024-04-14", "2024-04-20"]
    found = reconcile(rows, schemas.empty("rankings"), schemas.empty("tables"), documents)
    revision = found[found["kind"] == "revision"]
    assert len(revision) == 1 and "date not printed" in revision.iloc[0]["explanation"]
    conflicts = found[found["kind"] == "conflict"]  # Bolt still disagrees with Acme's older number
    assert all(sorted(v) == [10e9, 12e9] for v in conflicts["values"])


def _table(rows: list[tuple]) -> pd.DataFrame:
    return schemas.validate(pd.DataFrame([
        {"table_id": "t1", "doc_id": DOCS["a.txt"], "source_file": "a.txt", "page": None,
         "title": "Widget shipments in 2024 (millions of units)", "source": None, "row": row, "col": col,
         "text": text, "value": value, "unit": None} for row, col, text, value in rows]), "tables")


def test_a_table_whose_rows_do_not_add_up_to_its_total_row():
    rows = figures(figure("a.txt", "20.2 million units", 20.2e6, metric="count", unit="unit",
                          subject="widget shipments", sentence="Widget shipments were 20.2 million units in 2024."))
    header = [(0, 0, "Vendor", None), (0, 1, "2024 Shipments", None)]
    body = [(1, 0, "Acme", None), (1, 1, "12.2", 12.2), (2, 0, "Others", None), (2, 1, "8.0", 8.0),
            (3, 0, "Total", None)]
    added_up = reconcile(rows, schemas.empty("rankings"), _table([*header, *body, (3, 1, "20.2", 20.2)]),
                         schemas.empty("documents"))
    assert "table_total" not in set(added_up["check"])  # 12.2 + 8.0 = 20.2: the Others row counts
    short = reconcile(rows, schemas.empty("rankings"), _table([*header, *body, (3, 1, "2, 120", None)]),
                      schemas.empty("documents"))  # "2, 120" as a table reader left it: 2,120 million
    found = short[short["check"] == "table_total"]
    assert len(found) == 1 and found.iloc[0]["kind"] == "inconsistency"
    assert sorted(found.iloc[0]["values"]) == [8e6, 12.2e6, 2120e6] and "Total row" in found.iloc[0]["explanation"]


def test_a_voice_with_a_far_off_value_of_another_thing_is_compared_on_its_near_one():
    rows = figures(figure("a.txt", "168.6 million units", 168.6e6, metric="count", unit="unit", start=0),
                   figure("a.txt", "42.7 million units", 42.7e6, metric="count", unit="unit", start=300),
                   figure("b.txt", "168.0 million units", 168.0e6, metric="count", unit="unit"))
    conflict = run(rows)
    conflict = conflict[conflict["kind"] == "conflict"]
    assert len(conflict) == 1 and sorted(conflict.iloc[0]["values"]) == [168.0e6, 168.6e6]
    close = figures(figure("a.txt", "14%", 14.0, metric="market_share", unit="percent", start=0),
                    figure("a.txt", "13%", 13.0, metric="market_share", unit="percent", start=300),
                    figure("b.txt", "13.5%", 13.5, metric="market_share", unit="percent"))
    assert "conflict" not in set(run(close)["kind"])  # which of a.txt's values is comparable is unknown


def test_a_point_change_its_own_two_percentages_do_not_give():
    sentence = "Widget sales will grow 6.0%, down 1.3 points from the 7.7% growth projected last year."

    def change(points: str) -> pd.DataFrame:
        text = sentence.replace("1.3", points)
        return figures(*(figure("a.txt", quote, value, metric="growth_rate", unit=unit, subject="widget sales growth",
                                sentence=text, start=text.index(quote))
                         for quote, value, unit in [("6.0%", 6.0, "percent"), (f"{points} points", float(points),
                                                    "percentage point"), ("7.7%", 7.7, "percent")]))
    found = run(change("1.3"))
    assert list(found["check"]) == ["stated_point_change"] and sorted(found.iloc[0]["values"]) == [1.3, 6.0, 7.7]
    assert "stated_point_change" not in set(run(change("1.7"))["check"])


def test_a_stated_drop_is_read_only_as_the_fall_its_amounts_make():
    def said(text: str) -> pd.DataFrame:
        return figures(*(figure("a.txt", quote, value, metric=metric, unit=unit, subject="widget price",
                                per="unit" if unit == "USD" else None, sentence=text, start=text.index(quote))
                         for quote, value, metric, unit in [("20%", 20.0, "growth_rate", "percent"),
                                                            ("US$139", 139.0, "price", "USD"),
                                                            ("US$115", 115.0, "price", "USD")]))
    drop = run(said("That was smaller than the 20% drop last year, when it went from US$139/unit to US$115/unit."))
    assert list(drop["check"]) == ["stated_ratio"]  # 115 / 139 is a 17.3% fall; 139 / 115 - 1 = 21% is no drop
    rise = run(said("That was smaller than the 20% rise last year, when it went from US$115/unit to US$139/unit."))
    assert "stated_ratio" not in set(rise["check"])


def test_a_full_year_figure_beside_a_quarter_is_compared_with_the_year():
    sentence = ("Acme estimates quarterly widget revenues at $90.6 billion, and full-year 2024 widget revenues"
                " at $330.4 billion.")
    year = figure("a.txt", "$330.4 billion", 330.4e9, subject="quarterly widget revenues Q4", sentence=sentence,
                  publisher="Acme")
    other = figure("b.txt", "$321.3 billion", 321.3e9, subject="widget revenues", publisher="Bolt")
    assert list(run(figures(year, other))["kind"]) == ["conflict"]
    quarter = figure("a.txt", "$90.6 billion", 90.6e9, subject="quarterly widget revenues Q4", sentence=sentence,
                     publisher="Acme")
    assert run(figures(quarter, other)).empty  # the quarter's clause names no whole year: Q4 against a year


def test_the_outlet_that_passes_a_firms_data_on_is_no_part_of_what_is_measured():
    sentence = "New Acme data presented by Widgetly.com has global widget revenue at $3.15 trillion in 2023."
    passed_on = figure("a.txt", "$3.15 trillion", 3.15e12, subject="New Acme data Widgetly.com global widget revenue",
                       sentence=sentence, publisher="Acme", year=2023)
    other = figure("b.txt", "$6.3 trillion", 6.3e12, subject="global widget revenue", publisher="Bolt", year=2023)
    assert list(run(figures(passed_on, other))["kind"]) == ["conflict"]


def test_the_month_a_change_is_measured_from_is_not_the_figures_own():
    over_june = figure("a.txt", "8.8%", 8.8, metric="market_share", unit="percent", year=2025,
                       subject="Acme picking up over June to end the month widget viewing", publisher="Gauge",
                       sentence="Acme held on, picking up half a share point over June to end the month with 8.8%.")
    plain = figure("b.txt", "8.8%", 8.8, metric="market_share", unit="percent", year=2025,
                   subject="Acme widget viewing", publisher="Dial")
    assert kinds(run(figures(over_june, plain))) == [("corroboration", "cross_source")]
    in_june = figure("a.txt", "8.8%", 8.8, metric="market_share", unit="percent", year=2025,
                     subject="Acme in June widget viewing", publisher="Gauge")
    assert run(figures(in_june, plain)).empty  # June's share against one of no stated month


def test_one_number_under_two_scales_of_one_unit_is_an_inconsistency():
    def capacity(quote: str, unit: str, start: int, value: float = 4448.0) -> dict:
        return figure("a.txt", quote, value, metric="other", unit=unit, subject="total widget capacity",
                      sentence=f"Total widget capacity stood at {quote} at the end of 2024.", start=start)
    found = run(figures(capacity("4,448 GW", "GW", 0), capacity("4,448 TW", "TW", 300)))
    assert kinds(found) == [("inconsistency", "unit_scale")]
    assert list(found.iloc[0]["values"]) == [4448.0, 4448.0]
    assert run(figures(capacity("4,448 GW", "GW", 0), capacity("4.448 TW", "TW", 300, 4.448))).empty


def _installations(quote: str, value: float, start: int, sentence: str, metric: str = "other",
                   unit: str = "GW", geography: str | None = None, subject: str = "widget installations") -> dict:
    return figure("a.txt", quote, value, metric=metric, unit=unit, subject=subject, sentence=sentence,
                  start=start, geography=geography)


def test_a_share_its_own_amounts_do_not_make_of_the_documents_total():
    total = _installations("597 GW", 597.0, 0, "The world installed 597 GW of widgets in 2024.", geography="World")
    listed = "Spain and Portugal 2% each (+8.7 GW and +8.5 GW), and Italy 1% (+6.8 GW) in 2024."
    rows = [total, _installations("2%", 2.0, 100, listed, "market_share", "percent", "Spain"),
            _installations("8.7 GW", 8.7, 100, listed, geography="Spain"),
            _installations("8.5 GW", 8.5, 100, listed, geography="Portugal"),
            _installations("1%", 1.0, 100, listed, "market_share", "percent", "Italy"),
            _installations("6.8 GW", 6.8, 100, listed, geography="Italy")]
    found = run(figures(*rows))
    assert kinds(found) == [("inconsistency", "share_of_total")]  # 1.46% and 1.42% are no 2%; 1.14% is 1%
    assert sorted(found.iloc[0]["values"]) == [2.0, 8.5, 8.7, 597.0]
    respectively = "Spain and Italy trail with 8% and 5% (50 GW and 30.7 GW, respectively) in 2024."
    paired = [total, *(_installations(q, v, 100, respectively, m, u, g) for q, v, m, u, g in (
        ("8%", 8.0, "market_share", "percent", "Spain"), ("5%", 5.0, "market_share", "percent", "Italy"),
        ("50 GW", 50.0, "other", "GW", "Spain"), ("30.7 GW", 30.7, "other", "GW", "Italy")))]
    assert "share_of_total" not in set(run(figures(*paired))["check"])  # 8.4%, 5.1%: each share its own amount



def test_a_share_its_amount_in_another_scale_of_the_unit_fits_no_total_of():
    added = _installations("597 GW", 597.0, 0, "The world added 597 GW of widgets in 2024.", geography="World")
    base = _installations("2.2 TW", 2.2, 0, "That took the installed base to 2.2 TW in 2024.", "other", "TW", "World")
    said = "Spain took 55% of the new widget capacity (329 MW) in 2024."
    share = _installations("55%", 55.0, 100, said, "market_share", "percent", "Spain")
    found = run(figures(added, base, share, _installations("329 MW", 329.0, 100, said, unit="MW", geography="Spain")))
    assert kinds(found) == [("inconsistency", "share_of_total")]  # 0.055% of 597 GW, 0.015% of 2.2 TW: no 55%
    assert sorted(found.iloc[0]["values"]) == [2.2, 55.0, 329.0, 597.0]
    fits = [added, base, share, _installations("329 GW", 329.0, 100, said.replace("MW", "GW"), geography="Spain")]
    assert "share_of_total" not in set(run(figures(*fits))["check"])  # 329 GW is 55% of 597 GW
    in_thousands = _installations("328,000 MW", 328000.0, 100, said.replace("329", "328,000"), unit="MW",
                                  geography="Spain")
    assert "share_of_total" not in set(run(figures(added, base, share, in_thousands))["check"])  # one of the totals


def test_a_markets_later_size_a_thousandth_of_its_earlier_one_has_a_misprinted_scale_word():
    now = figure("a.txt", "$3.64 trillion", 3.64e12, subject="global widget revenue", year=2024,
                 sentence="Global widget revenue reached $3.64 trillion in 2024.")
    said = "The trend is expected to hold through 2028, when global widget revenue is forecast to reach {}."
    misprinted = figure("a.txt", "$5.3 billion", 5.3e9, subject="trend global widget revenue", year=2028,
                        sentence=said.format("$5.3 billion"), start=100, is_forecast=True)
    found = run(figures(now, misprinted))
    assert kinds(found) == [("inconsistency", "scale_word")]  # 0.15% of the 2024 size
    assert sorted(found.iloc[0]["values"]) == [5.3e9, 3.64e12]
    grown = figure("a.txt", "$5.3 trillion", 5.3e12, subject="trend global widget revenue", year=2028,
                   sentence=said.format("$5.3 trillion"), start=100, is_forecast=True)
    assert "scale_word" not in set(run(figures(now, grown))["check"])
    niche = figure("a.txt", "$2 billion", 2e9, subject="global widget revenue", year=2028, start=100,
                   sentence="Widget revenue will shrink to $2 billion in 2028.")  # 0.05%: a thousand times, $2T
    assert "scale_word" in set(run(figures(now, niche))["check"])
    collapse = figure("a.txt", "$20 million", 2e7, subject="global widget revenue", year=2028, start=100,
                      sentence="Widget revenue will shrink to $20 million in 2028.")  # a thousand times is $20B
    assert "scale_word" not in set(run(figures(now, collapse))["check"])

def test_a_change_that_names_nothing_is_its_documents_topic_where_its_sentence_says_it():
    size = figure("a.txt", "$3.64 trillion", 3.64e12, subject="global widget revenue", publisher="Acme")
    judged = figure("a.txt", "15.6%", 15.6, metric="growth_rate", unit="percent", subject="impressive revenue growth",
                    publisher="Acme", start=200,
                    sentence="On top of the impressive 15.6% revenue growth, the global widget market adds users.")
    other = figure("b.txt", "9.6%", 9.6, metric="growth_rate", unit="percent", subject="widget sales growth",
                   publisher="Bolt")
    assert kinds(run(figures(size, judged, other))) == [("conflict", "cross_source")]
    elsewhere = judged | {"sentence": "On top of the impressive 15.6% revenue growth, the firm adds users."}
    assert run(figures(size, elsewhere, other)).empty  # the sentence never says what grew


def test_a_value_outside_the_classes_its_document_draws_next_to_one():
    classes = "Small widgets (1-10 kilograms vs. 100-1,000 kilograms for large ones) grow fastest."
    small = figure("a.txt", "1-10 kilograms", 1.0, metric="count", unit="kilogram", year=None, sentence=classes,
                   subject="small widgets", qualifier="range", value_high=10.0)
    large = figure("a.txt", "100-1,000 kilograms", 100.0, metric="count", unit="kilogram", year=None,
                   sentence=classes, subject="small widgets", qualifier="range", value_high=1000.0)

    def launched(quote: str, value: float) -> dict:
        return figure("a.txt", quote, value, metric="count", unit="kilogram", subject="Acme launched widget",
                      sentence=f"Acme launched a {quote} widget in 2025.", start=300)
    found = run(figures(small, large, launched("14-kilogram", 14.0)))
    assert kinds(found) == [("inconsistency", "outside_stated_classes")]
    assert list(found.iloc[0]["values"]) == [1.0, 10.0, 14.0]
    assert run(figures(small, large, launched("8-kilogram", 8.0))).empty  # inside the small class
    assert run(figures(small, large, launched("40-kilogram", 40.0))).empty  # between the two: whose is unknown
    assert run(figures(small, launched("14-kilogram", 14.0))).empty  # one range alone draws no classes


def test_ranges_of_two_years_in_one_sentence_draw_no_classes():
    over_time = "Kettle weights ranged 20-50 kilograms in 2023 and 60-90 kilograms in 2024."
    early = figure("a.txt", "20-50 kilograms", 20.0, metric="count", unit="kilogram", year=2023, sentence=over_time,
                   subject="kettle weight", qualifier="range", value_high=50.0)
    late = figure("a.txt", "60-90 kilograms", 60.0, metric="count", unit="kilogram", year=2024, sentence=over_time,
                  subject="kettle weight", qualifier="range", value_high=90.0)
    light = figure("a.txt", "10-kilogram", 10.0, metric="count", unit="kilogram", subject="Acme launched kettle",
                   sentence="Acme launched a 10-kilogram kettle in 2022.", start=300, year=2022)
    assert run(figures(early, late, light)).empty  # one measure's path over time, not two classes
    same_year = [dict(early, year=2024), late]
    assert kinds(run(figures(*same_year, light))) == [("inconsistency", "outside_stated_classes")]


def test_a_cagr_against_endpoints_whose_keys_hold_its_words_one_of_them_in_its_sentence():
    opening = "Kettle premiums worldwide totalled $15 billion in 2024."
    outlook = ("Acme expects premiums to double to $30 billion by 2030, a compound annual growth rate of {} "
               "from 2024 to 2030.")

    def rows(cagr: str, end_sentence: str | None = None) -> list[dict]:
        said = outlook.format(cagr)
        return [figure("a.txt", "$15 billion", 15e9, subject="kettle premiums worldwide", sentence=opening),
                figure("a.txt", "$30 billion", 30e9, subject="kettle premiums to double", year=2030,
                       sentence=end_sentence or said, start=100),
                figure("a.txt", cagr, float(cagr[:-1]), metric="cagr", unit="percent", year=None, subject="premiums",
                       sentence=said, start=100, period_start=2024, period_end=2030)]
    assert kinds(run(figures(*rows("17%")))) == [("inconsistency", "cagr_endpoints")]
    assert run(figures(*rows("12.2%"))).empty  # 15 to 30 over six years is 12.2% a year
    # neither endpoint in the CAGR's sentence: its words alone do not tie the values to it
    assert run(figures(*rows("17%", "Kettle premiums will reach $30 billion by 2030.")))[
        lambda f: f["check"] == "cagr_endpoints"].empty


@pytest.mark.parametrize("rules", [["regex", "regex", "table"], ["regex", "table", "regex"], ["table", "regex"],
                                   ["regex"], ["table"]])
def test_prose_is_the_figures_of_sentences_wherever_the_cells_stand(rules: list[str]) -> None:
    frame = pd.DataFrame({"rule": rules, "value": range(len(rules))})
    pd.testing.assert_frame_equal(prose(frame), frame[frame["rule"] != "table"])
