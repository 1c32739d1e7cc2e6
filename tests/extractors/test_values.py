import pytest

from extractors.values import parse_cell

CASES = [
    ("30.1%", 30.1, "percent"), ("1,355", 1355.0, None), ("US$3.6 billion", 3.6e9, "USD"),
    ("US\\$22.0 billion", 22.0e9, "USD"), ("(2.4)", -2.4, None), ("RMB1.2bn", 1.2e9, "CNY"),
    ("~40%", 40.0, "percent"), ("12x", 12.0, "x"), ("€ 5 million", 5e6, "EUR"), ("68", 68.0, None),
    # Runs of whitespace (PDF cells, ragged text) count as one space.
    ("  US$ \t 3.6  \n billion ", 3.6e9, "USD"), ("( 2.4 )", -2.4, None), ("30.1   %", 30.1, "percent"),
    # The prose grammar's forms: decimal commas, a spaced or glued trillion, signs, space-grouped thousands.
    ("0,50%", 0.5, "percent"), ("$5.717 T", 5.717e12, "USD"), ("1.2T", 1.2e12, None), ("−3.2%", -3.2, "percent"),
    ("+5.1%", 5.1, "percent"), ("12 500", 12500.0, None), ("20%+", 20.0, "percent"),
]
TEXT = ["N.A.", "15-16%", "GPT-4", "Company A", "", "(3", "Q3 2024", " " * 200, "( " * 100 + "1", "double-digit",
        "half", "12.5 GW", "2 pp"]


@pytest.mark.parametrize("cell,value,unit", CASES, ids=[c[0] for c in CASES])
def test_numbers_in_cells(cell: str, value: float, unit: str | None) -> None:
    got, got_unit = parse_cell(cell)
    assert got == pytest.approx(value) and got_unit == unit


@pytest.mark.parametrize("cell", TEXT)
def test_text_cells_have_no_value(cell: str) -> None:
    assert parse_cell(cell) == (None, None)


@pytest.mark.parametrize("text", ["Revenue was US$3.6 billion.", "Its share was 30,1%.", "It grew 12x.", "RMB1.2bn"])
def test_a_cell_reads_an_amount_as_a_sentence_does(text: str) -> None:
    """Table cells and prose share one grammar: the amount a sentence holds, alone in a cell, has its value."""
    from extractors.amounts import find_amounts
    (amount,) = find_amounts(text)
    value, _ = parse_cell(text[amount.start:amount.end])
    assert value == pytest.approx(float(amount.value))
