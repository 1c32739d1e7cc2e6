from pathlib import Path

import pandas as pd
import pytest

from reconcile.subjects import assign_subject_keys, comparison_key, load_synonyms, similar, subject_key


@pytest.mark.parametrize("a, b", [
    ("the global model-based foundation model market", "Global Model-based Foundation Model Market"),
    ("the market for pretrained AI models", "Pretrained AI Models market"),
    ("inference cost of foundation models", "foundation model inference cost"),
])
def test_one_subject_written_differently_is_one_key(a, b):
    assert subject_key(a) == subject_key(b)


def test_geography_and_segment_are_kept_apart_from_the_key():
    assert subject_key("China widget market", geography="China") == subject_key("widget market")
    assert subject_key("widget application market", segment="application") == "widget market"
    assert subject_key("widget market") != subject_key("gadget market")


def test_generic_words_never_make_two_subjects_similar():
    assert similar("foundation model inference cost", "industry average inference cost")
    assert not similar("pretrained ai model market", "model based foundation model market")
    assert not similar("widget market", "gadget market")


def test_a_user_synonyms_file_merges_names_the_rules_cannot(tmp_path: Path):
    path = tmp_path / "synonyms.yaml"
    path.write_text("subjects:\n  foundation model market:\n    - Pretrained AI Models market\n"
                    "geographies:\n  united states: [US, USA]\n", encoding="utf-8")
    frame = pd.DataFrame({"subject": ["the market for pretrained AI models", "Foundation Model Market", None],
                          "geography": ["global", None, None], "segment": [None, None, None]})
    keys = assign_subject_keys(frame, path)["subject_key"].tolist()
    assert keys == ["foundation model market", "foundation model market", None]
    assert load_synonyms(path).geographies["usa"] == "united states"


def test_a_synonyms_file_with_an_unknown_section_is_refused(tmp_path: Path):
    path = tmp_path / "synonyms.yaml"
    path.write_text("subject:\n  a: [b]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="R501"):
        load_synonyms(path)


def test_the_default_synonyms_file_loads():
    assert load_synonyms().geographies.get("u.s.") == "united states"


def test_loose_words_keep_the_words_after_a_verb_and_drop_status_words():
    from reconcile.loose_words import loose_words

    assert subject_key("GPT-3 models have transitioned token limit") == "gpt 3 model"
    assert loose_words("GPT-3 models have transitioned token limit") == "3 gpt limit model token transitioned"
    assert loose_words("inference cost expected to further decline at an approximate rate") == "decline inference"
    assert loose_words("China widget market", geography="China") == "widget"
    assert loose_words("   ") is None and loose_words(None) is None


def test_datelines_currency_codes_and_status_words_leave_the_comparison_key():
    from reconcile.subjects import comparison_key, dateline_words

    dateline = dateline_words("DUBLIN, Jan. 5, 2025 /PRNewswire/ -- The electric bicycle market will grow.")
    keys = {comparison_key(subject_key("Dublin electric bicycle market", dateline=dateline)),
            comparison_key(subject_key("USD electric bicycle market")),
            comparison_key(subject_key("the global electric bicycle market, estimated")),
            comparison_key(subject_key("electric bicycle market size in 2030"))}
    assert keys == {"bicycle electric"}
    assert dateline_words("The Global market - a review") == frozenset()


def test_measure_words_and_word_order_never_keep_one_thing_apart_but_names_and_quarters_do():
    from reconcile.subjects import comparison_key
    from reconcile.year_parts import period_marker

    def key(text, source=None):
        return comparison_key(subject_key(text), source)

    assert key("smartphone shipments") == key("worldwide smartphone sales volume") == key("Canalys smartphone sales",
                                                                                          "Canalys")
    assert key("Xiaomi follows with smartphone market share") == key("Xiaomi share of the smartphone market")
    assert key("Apple smartphone shipments") != key("smartphone shipments")
    assert key("(sell-through) smartphone sales") != key("smartphone sales")
    assert [period_marker(s) for s in ("Q4 2024 revenue", "fourth-quarter revenue", "4Q 2024", "2024 revenue")] == \
        ["q4", "q4", "q4", None]


def test_short_forms_abbreviated_place_names_and_inclusion_asides_leave_one_key():
    synonyms = load_synonyms()
    assert subject_key("global ad revenues") == subject_key("global advertising revenues")
    assert subject_key("U.S. ad revenue", geography="United States", synonyms=synonyms) == "advertising revenue"
    assert subject_key("UK widget sales", geography="United Kingdom", synonyms=synonyms) == "widget sale"
    assert subject_key("Acme (including Bolt) widget sales") == subject_key("Acme widget sales")
    assert subject_key("Acme (excluding Bolt) widget sales") != subject_key("Acme widget sales")
    assert subject_key("widget shipments (Acme Research, DC)") == subject_key("widget shipments")


def test_words_of_movement_and_reporting_and_currency_names_leave_the_comparison_key():
    plain = comparison_key(subject_key("widget revenue"))
    assert comparison_key(subject_key("widget revenue jumped")) == plain
    assert comparison_key(subject_key("Acme data show widget sales climbing"), "Acme") == plain
    assert comparison_key(subject_key("widget revenue in US dollars")) == plain
    assert comparison_key(subject_key("hybrid widget revenue")) != plain
    pie = comparison_key(subject_key("Acme share of the widget pie"))
    assert pie == comparison_key(subject_key("Acme widget share"))


def test_a_web_address_suffix_leaves_a_name():
    assert subject_key("Tmall.com GMV") == subject_key("Tmall GMV")
    assert subject_key("U.S. widget sales") != subject_key("widget sales")  # a dotted abbreviation is no address


def test_general_english_stop_words_leave_the_comparison_key_but_words_naming_things_stay():
    assert comparison_key(subject_key("widget revenue above them even after last year")) == "widget"
    assert comparison_key(subject_key("used car sales")) != comparison_key(subject_key("car sales"))
    assert comparison_key(subject_key("auto parts revenue")) != comparison_key(subject_key("auto revenue"))


def test_period_markers_read_every_spelling_of_a_part_but_not_a_change_base():
    from reconcile.year_parts import period_marker, period_markers

    assert period_markers("In 3Q and the First Half, sales rose 7% from June") == {"q3", "h1"}
    assert period_markers("Q4 2024 and 2nd-quarter revenue in October") == {"q4", "q2", "october"}
    assert period_marker("H2 smartphone shipments") == "h2" and period_marker("annual shipments") is None


def test_loose_words_leave_out_the_geography_and_segment_of_each_figure_of_one_subject():
    from reconcile.loose_words import loose_words

    assert loose_words("China (mainland) widget sales", geography="China") == "sale widget"
    assert loose_words("China (mainland) widget sales", segment="widgets") == "china sale"
