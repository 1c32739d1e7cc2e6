from extractors import loaders
from extractors.document import extract
from extractors.markdown import markdown_to_text


def test_markup_is_blanked_one_character_for_one() -> None:
    source = ("The market was **US$78.4 billion** in 2024 and _71%_ of units were air-source, according to "
              "[Example Research](https://example.com/report \"Report\"). ![chart](a.png) **_Both_** `x`")
    text = markdown_to_text(source)
    assert len(text) == len(source)
    assert " ".join(text.split()) == ("The market was US$78.4 billion in 2024 and 71% of units were air-source, "
                                      "according to Example Research . chart Both x")


def test_what_is_not_markup_is_left_alone() -> None:
    for source in ("Transsion* and OPPO* tied; *Other **Multiple", "snake_case_name and 2*3*4", "[REDACTED] stays",
                   "* a list item\n- another\n# A heading", "| Rank | **Vendor** |"):
        assert markdown_to_text(source) == source.replace("**Vendor**", "  Vendor  ")


def test_a_markdown_report_gives_its_figures_with_their_source_and_spans_into_the_file(tmp_path) -> None:
    source = ("# Heat pumps\n\nThe global heat pump market was valued at **US$78.4 billion** in 2024, according to "
              "[Example Research](https://example.com).\n\n- Air-source units accounted for _71%_ of shipments.\n")
    (tmp_path / "report.md").write_text(source)
    figures = extract(loaders.load(tmp_path / "report.md", tmp_path)).figures
    assert [source[f.char_start:f.char_end] for f in figures] == ["US$78.4 billion", "71%"]
    assert figures[0].publisher == "Example Research"
